//! Exports of a report's opinion list: XLSX here (with optional columns tracing each item to its
//! remarks, speakers and groups), PDF and DOCX in the official format through the documents
//! engine, fed with the plain [`OpinionListDoc`].

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::*;
use crate::documents::{self, chinese_date, FontPrefs, FontSet, OpinionListDoc, OpinionSection};
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OpinionExportFormat {
    Pdf,
    Docx,
    Xlsx,
}

impl OpinionExportFormat {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Result<OpinionExportFormat> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(OpinionExportFormat::Pdf),
            "docx" => Ok(OpinionExportFormat::Docx),
            "xlsx" => Ok(OpinionExportFormat::Xlsx),
            _ => Err(Error::invalid("导出文件", format!("“{}”的扩展名应为 .pdf、.docx 或 .xlsx", path.display()))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpinionXlsxOptions {
    /// Add the columns tracing each opinion to its remarks, speakers and groups, and a sheet of
    /// every remark with where it went.
    pub trace: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpinionExportResult {
    pub format: OpinionExportFormat,
    /// The file written.
    pub path: String,
    /// Pages (PDF only).
    pub pages: u32,
    /// Characters no font could draw (PDF), each named with its place; empty when all is well.
    pub warnings: Vec<String>,
}

/// The report's list as the documents engine's plain opinion list: the title, a lead paragraph
/// saying where the items come from, the numbered items («关于……。建议……»), the colophon.
pub fn list_document(conn: &Connection, report_id: i64) -> Result<OpinionListDoc> {
    let report = super::get_report(conn, report_id)?;
    let opinions = super::list_opinions(conn, report_id)?;
    let issuer = crate::committee::get(conn)?.map(|c| c.secretariat).filter(|s| !s.trim().is_empty());
    // The list's date: when it was sent, else when it was finalised, else today.
    let sent = opinions.iter().filter_map(|o| o.feedback.sent_on.clone()).min();
    let date = sent
        .or_else(|| report.finalised_at.as_deref().and_then(|t| t.get(0..10)).map(str::to_string))
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string());
    let intro = format!(
        "{}期间，委员们在分组讨论中认真讨论了《{}》，提出了许多意见和建议。现将{}条发言意见归纳整理为{}条，具体如下：",
        report.session_name,
        report.title,
        report.counts.placed,
        opinions.len()
    );
    let items = opinions
        .into_iter()
        .map(|o| {
            let topic = o.topic.trim().trim_end_matches(['。', '：', ':']);
            if topic.is_empty() {
                o.text
            } else {
                format!("{topic}。{}", o.text)
            }
        })
        .collect();
    Ok(OpinionListDoc {
        title: report.list_title,
        intro: Some(intro),
        sections: vec![OpinionSection { heading: None, items }],
        issuer,
        date: Some(chinese_date(&date)),
    })
}

fn xlsx_err(path: &Path, e: XlsxError) -> Error {
    Error::xlsx(path, e)
}

/// Writes the list as an Excel workbook.
pub fn export_xlsx(
    conn: &Connection,
    report_id: i64,
    path: &Path,
    options: OpinionXlsxOptions,
    replace: Replace,
) -> Result<()> {
    let report = super::get_report(conn, report_id)?;
    let opinions = super::list_opinions(conn, report_id)?;
    let mut wb = Workbook::new();
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#E8EEF7");
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let centre =
        Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::Top);

    let mut headers: Vec<(&str, f64)> = vec![("序号", 6.0), ("主题", 18.0), ("协商意见", 60.0)];
    if options.trace {
        headers.extend([("发言意见编号", 12.0), ("发言委员", 22.0), ("所在小组", 14.0), ("发言原文", 60.0)]);
    }
    headers.extend([("接收单位", 18.0), ("送出日期", 12.0), ("采纳情况", 10.0), ("答复", 40.0)]);

    let ws = wb.add_worksheet();
    ws.set_name("协商意见").map_err(|e| xlsx_err(path, e))?;
    let last_col = (headers.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last_col, &report.list_title, &title).map_err(|e| xlsx_err(path, e))?;
    ws.set_row_height(0, 28).map_err(|e| xlsx_err(path, e))?;
    for (c, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &head).map_err(|e| xlsx_err(path, e))?;
        ws.set_column_width(c as u16, *w).map_err(|e| xlsx_err(path, e))?;
    }
    ws.set_freeze_panes(2, 0).map_err(|e| xlsx_err(path, e))?;
    for (i, o) in opinions.iter().enumerate() {
        let row = 2 + i as u32;
        let mut values: Vec<String> = vec![o.topic.clone(), o.text.clone()];
        if options.trace {
            values.push(o.remarks.iter().map(|r| r.id.to_string()).collect::<Vec<_>>().join("、"));
            values.push(
                o.speakers
                    .iter()
                    .map(|s| match &s.member_no {
                        Some(no) => format!("{}（{no}）", s.name),
                        None => s.name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
            );
            values.push(o.groups.join("、"));
            values.push(
                o.remarks
                    .iter()
                    .map(|r| format!("[{}] {}：{}", r.id, r.speaker_name, r.text))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        values.push(o.feedback.receiving_body.clone());
        values.push(o.feedback.sent_on.clone().unwrap_or_default());
        values.push(o.feedback.adoption.map(|a| a.label().to_string()).unwrap_or_default());
        values.push(o.feedback.reply.clone());
        ws.write_number_with_format(row, 0, o.number as f64, &centre).map_err(|e| xlsx_err(path, e))?;
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, c as u16 + 1, v, &cell).map_err(|e| xlsx_err(path, e))?;
        }
    }

    if options.trace {
        let remarks = super::list_remarks(conn, &RemarkFilter { report_id, ..Default::default() })?.remarks;
        let ws = wb.add_worksheet();
        ws.set_name("发言意见").map_err(|e| xlsx_err(path, e))?;
        let cols: [(&str, f64); 9] = [
            ("编号", 8.0),
            ("发言委员", 12.0),
            ("委员编号", 10.0),
            ("小组", 10.0),
            ("场次", 18.0),
            ("章节", 16.0),
            ("发言内容", 70.0),
            ("归入意见序号", 12.0),
            ("状态及不纳入理由", 24.0),
        ];
        for (c, (h, w)) in cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head).map_err(|e| xlsx_err(path, e))?;
            ws.set_column_width(c as u16, *w).map_err(|e| xlsx_err(path, e))?;
        }
        ws.set_freeze_panes(1, 0).map_err(|e| xlsx_err(path, e))?;
        for (i, r) in remarks.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_number_with_format(row, 0, r.id as f64, &centre).map_err(|e| xlsx_err(path, e))?;
            let status = match (&r.status, &r.set_aside_reason) {
                (RemarkStatus::SetAside, Some(reason)) => format!("不纳入：{reason}"),
                (s, _) => s.label().to_string(),
            };
            let values = [
                r.speaker_name.clone(),
                r.member_no.clone().unwrap_or_default(),
                r.group_name.clone(),
                r.sitting_title.clone(),
                r.section_heading.clone().unwrap_or_default(),
                r.text.clone(),
                r.opinion_number.map(|n| n.to_string()).unwrap_or_default(),
                status,
            ];
            for (c, v) in values.iter().enumerate() {
                ws.write_string_with_format(row, c as u16 + 1, v, &cell).map_err(|e| xlsx_err(path, e))?;
            }
        }
    }
    let bytes = wb.save_to_buffer().map_err(|e| xlsx_err(path, e))?;
    files::write_whole(path, &bytes, replace, Privacy::Shared)
}

/// A file name for the list in `format`: «关于《政府工作报告》的协商意见.xlsx», with characters
/// that file systems refuse replaced.
pub fn export_file_name(conn: &Connection, report_id: i64, format: OpinionExportFormat) -> Result<String> {
    let report = super::get_report(conn, report_id)?;
    let stem: String =
        report
            .list_title
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let ext = match format {
        OpinionExportFormat::Pdf => "pdf",
        OpinionExportFormat::Docx => "docx",
        OpinionExportFormat::Xlsx => "xlsx",
    };
    Ok(format!("{}.{ext}", stem.trim()))
}

/// Exports the list to `path` in the format its extension names: .pdf and .docx in the official
/// format through the documents engine, .xlsx here.
pub fn export(
    conn: &Connection,
    report_id: i64,
    path: &Path,
    options: OpinionXlsxOptions,
    replace: Replace,
) -> Result<OpinionExportResult> {
    let format = OpinionExportFormat::from_path(path)?;
    let mut result = OpinionExportResult { format, path: path.display().to_string(), pages: 0, warnings: Vec::new() };
    match format {
        OpinionExportFormat::Xlsx => export_xlsx(conn, report_id, path, options, replace)?,
        OpinionExportFormat::Pdf | OpinionExportFormat::Docx => {
            let doc = list_document(conn, report_id)?;
            let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
            let f = if format == OpinionExportFormat::Pdf { documents::Format::Pdf } else { documents::Format::Docx };
            let rendered = documents::render_opinion_list(&doc, f, &fonts)?;
            files::write_whole(path, &rendered.bytes, replace, Privacy::Shared)?;
            result.pages = rendered.pages as u32;
            result.warnings = rendered.warnings.into_iter().map(|w| w.message).collect();
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opinions::testkit::*;

    #[test]
    fn list_document_numbers_items_and_uses_the_list_title() {
        let (mut db, fx) = fixture();
        let r = add_remarks(&mut db, &fx, &[(fx.m1, "营商环境"), (fx.m3, "社会治理")]);
        crate::opinions::merge(
            &mut db,
            &MergeInput {
                report_id: fx.report,
                remark_ids: vec![r[1]],
                topic: "关于社会治理".into(),
                text: "乙".into(),
                ..Default::default()
            },
        )
        .expect("b");
        crate::opinions::merge(
            &mut db,
            &MergeInput {
                report_id: fx.report,
                remark_ids: vec![r[0]],
                text: "甲".into(),
                number: Some(1),
                ..Default::default()
            },
        )
        .expect("a");
        let doc = list_document(db.conn(), fx.report).expect("doc");
        assert_eq!(doc.title, "关于《政府工作报告》的协商意见");
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(
            doc.sections[0].items,
            vec!["甲".to_string(), "关于社会治理。乙".to_string()],
            "items in list order, topic as lead-in"
        );
        assert!(
            doc.intro.as_deref().is_some_and(|i| i.starts_with("六届四次会议期间") && i.contains("归纳整理为2条")),
            "{:?}",
            doc.intro
        );
    }

    #[test]
    fn xlsx_is_written_and_the_extension_chooses_the_format() {
        let (mut db, fx) = fixture();
        let r = add_remarks(&mut db, &fx, &[(fx.m1, "营商环境"), (fx.m3, "社会治理")]);
        crate::opinions::merge(
            &mut db,
            &MergeInput { report_id: fx.report, remark_ids: r.clone(), text: "甲".into(), ..Default::default() },
        )
        .expect("a");
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("意见.xlsx");
        assert_eq!(
            export(db.conn(), fx.report, &path, OpinionXlsxOptions { trace: true }, Replace::No).expect("xlsx").format,
            OpinionExportFormat::Xlsx
        );
        for name in ["意见.pdf", "意见.docx"] {
            let p = dir.path().join(name);
            let r = export(db.conn(), fx.report, &p, OpinionXlsxOptions::default(), Replace::No).expect(name);
            assert!(r.warnings.is_empty(), "every character has a font: {:?}", r.warnings);
            let bytes = std::fs::read(&p).expect("read");
            assert!(bytes.starts_with(b"%PDF") || bytes.starts_with(b"PK"), "{name} is a PDF or a zip");
        }
        let bytes = std::fs::read(&path).expect("read");
        assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
        // Read it back: the list with its tracing columns, and every remark with where it went.
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("xlsx reads back");
        assert_eq!(book.sheet_names(), vec!["协商意见".to_string(), "发言意见".to_string()]);
        let list = book.worksheet_range("协商意见").expect("sheet");
        let cell = |r: u32, c: u32| list.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
        assert_eq!(cell(0, 0), "关于《政府工作报告》的协商意见");
        let headers: Vec<String> = (0..11).map(|c| cell(1, c)).collect();
        assert_eq!(&headers[..7], ["序号", "主题", "协商意见", "发言意见编号", "发言委员", "所在小组", "发言原文"]);
        assert_eq!(cell(2, 0), "1");
        assert_eq!(cell(2, 3), format!("{}、{}", r[0], r[1]), "the item names its remark ids");
        assert_eq!(cell(2, 4), "张三（T0001）、王五（T0003）");
        assert_eq!(cell(2, 5), "第一组、第二组");
        let remarks = book.worksheet_range("发言意见").expect("sheet");
        assert_eq!(remarks.height(), 3, "a header and the two remarks");
        assert_eq!(
            export(db.conn(), fx.report, &dir.path().join("x.txt"), OpinionXlsxOptions::default(), Replace::No)
                .expect_err("txt")
                .code(),
            "invalid"
        );
    }

    #[test]
    fn control_characters_pasted_into_remarks_and_opinions_never_reach_a_file() {
        let (mut db, fx) = fixture();
        let r = add_remarks(&mut db, &fx, &[(fx.m1, "营商\u{1f}环境\u{b}要优化"), (fx.m3, "社会\u{0}治理\u{7f}")]);
        crate::opinions::merge(
            &mut db,
            &MergeInput {
                report_id: fx.report,
                remark_ids: r,
                topic: "关于\u{1b}营商环境".into(),
                text: "建议\u{c}优化\u{1f}营商环境。".into(),
                ..Default::default()
            },
        )
        .expect("merge");
        let dir = tempfile::tempdir().expect("dir");
        for name in ["意见.docx", "意见.xlsx"] {
            let p = dir.path().join(name);
            export(db.conn(), fx.report, &p, OpinionXlsxOptions { trace: true }, crate::files::Replace::No)
                .expect(name);
            crate::testxml::assert_well_formed(&std::fs::read(&p).expect("read"), name);
        }
    }
}
