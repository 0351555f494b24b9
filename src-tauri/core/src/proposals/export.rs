//! Printed proposals through the documents engine (GB/T 9704 layout, the committee's fonts): the
//! proposal form (提案表), the catalogue of a session by category (提案目录), the assignment
//! letter (交办函) to one handling unit, the statistics table; and the register as XLSX.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Format as XFormat, FormatAlign, FormatBorder, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::query::{get_proposal, list_proposals};
use super::stats::proposal_stats;
use super::types::*;
use crate::documents::model::{Align, Column, Table, TableRow, SIZE_3};
use crate::documents::{self, chinese_date, Block, Colophon, Document, FontPrefs, FontRole, FontSet, Paragraph, Span};
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

/// What is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalExportKind {
    /// 提案表 of one proposal (`target` = the proposal).
    Form,
    /// 提案目录 of the session, by category.
    Catalogue,
    /// 交办函 to one unit (`target` = the unit) listing its proposals of the session.
    Letter,
    /// The statistics table of the session.
    Stats,
    /// The register (XLSX only).
    Register,
}

impl ProposalExportKind {
    pub fn parse(s: &str) -> Result<ProposalExportKind> {
        match s.trim() {
            "form" | "提案表" => Ok(ProposalExportKind::Form),
            "catalogue" | "catalog" | "提案目录" => Ok(ProposalExportKind::Catalogue),
            "letter" | "交办函" => Ok(ProposalExportKind::Letter),
            "stats" | "统计表" => Ok(ProposalExportKind::Stats),
            "register" | "登记表" => Ok(ProposalExportKind::Register),
            other => Err(Error::invalid(
                "导出内容",
                format!("“{other}”不可用，应为 form / catalogue / letter / stats / register"),
            )),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalExportResult {
    pub path: String,
    pub pages: u32,
    pub warnings: Vec<String>,
}

enum Out {
    Pdf,
    Docx,
    Xlsx,
}

fn out_of(path: &Path) -> Result<Out> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(Out::Pdf),
        "docx" => Ok(Out::Docx),
        "xlsx" => Ok(Out::Xlsx),
        _ => Err(Error::invalid("导出文件", format!("“{}”的扩展名应为 .pdf、.docx 或 .xlsx", path.display()))),
    }
}

fn session_name(conn: &Connection, session_id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM sessions WHERE id = ?1", [session_id], |r| r.get(0))
        .map_err(|_| Error::not_found("次会议", session_id))
}

fn issuer(conn: &Connection) -> Result<String> {
    let c = crate::committee::require(conn)?;
    Ok(if c.secretariat.trim().is_empty() { c.name } else { c.secretariat })
}

fn table(columns: &[(&str, f32, Align)], rows: Vec<TableRow>) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|(t, w, a)| Column { title: t.to_string(), width_mm: *w, align: *a }).collect(),
        rows,
        header_height_mm: 10.0,
        row_height_mm: 9.0,
        size_pt: 12.0,
    })
}

/// The submitters as a table cell has room for: «张三、李四», «张三等4人».
fn short_submitters(p: &Proposal) -> String {
    if p.kind == ProposalKind::Member && p.submitters.len() > 2 {
        format!("{}等{}人", p.submitters[0].name, p.submitters.len())
    } else {
        p.submitter_label.clone()
    }
}

fn label(text: &str, value: &str, place: &str) -> Paragraph {
    Paragraph::with_spans(vec![Span::new(format!("{text}："), FontRole::Heiti), Span::new(value, FontRole::Fangsong)])
        .place(place.to_string())
}

/// The proposal form (提案表) of one proposal.
pub fn form_document(conn: &Connection, id: i64, today: &str) -> Result<Document> {
    let p = get_proposal(conn, id, today)?;
    let mut d = Document::new(format!("提案表：{}", p.title));
    d.para(Paragraph::title(&format!("{}提案", p.session_name)));
    d.para(Paragraph::centered(
        if p.number_label.is_empty() { "（未立案）".to_string() } else { format!("（{}）", p.number_label) }.as_str(),
        FontRole::Fangsong,
        SIZE_3,
    ));
    d.push(Block::Blank);
    d.para(label("案题", &p.title, "案题"));
    let who = match p.kind {
        ProposalKind::Collective => p.collective_name.clone(),
        ProposalKind::Member => {
            let mut s = p.submitters.first().map(|s| s.name.clone()).unwrap_or_default();
            if p.submitters.len() > 1 {
                let joint: Vec<&str> = p.submitters[1..].iter().map(|s| s.name.as_str()).collect();
                s.push_str(&format!("（联名：{}）", joint.join("、")));
            }
            s
        }
    };
    d.para(label("提案人", &who, "提案人"));
    d.para(label("界别", &p.sector, "界别"));
    d.para(label("类别", &p.category, "类别"));
    d.para(label(
        "提交时间",
        &format!("{}（{}）", chinese_date(&p.received_on), if p.during_plenary { "大会期间" } else { "平时" }),
        "提交时间",
    ));
    d.para(Paragraph::with_spans(vec![Span::new("案由", FontRole::Heiti)]).kept_with_next());
    d.body_text(if p.case_text.is_empty() { "（无）" } else { &p.case_text }, "案由");
    d.para(Paragraph::with_spans(vec![Span::new("建议", FontRole::Heiti)]).kept_with_next());
    d.body_text(if p.suggestions.is_empty() { "（无）" } else { &p.suggestions }, "建议");
    let review = match p.stage {
        ProposalStage::Received => "待审查".to_string(),
        ProposalStage::NotFiled => {
            format!("不予立案，{}（{}）", p.outcome.map(|o| o.label()).unwrap_or(""), p.reject_reason)
        }
        ProposalStage::Withdrawn => format!("已撤案（{}：{}）", p.withdrawn_by, p.withdrawn_reason),
        _ => format!("立案，{}", p.number_label),
    };
    d.para(label("审查意见", &review, "审查意见"));
    if let Some(lead) = &p.lead_unit {
        let mut units = format!("主办：{lead}");
        if !p.co_units.is_empty() {
            units.push_str(&format!("；会办：{}", p.co_units.join("、")));
        }
        d.para(label("承办单位", &units, "承办单位"));
    }
    Ok(d)
}

/// The catalogue (提案目录) of a session's filed proposals, grouped by category.
pub fn catalogue_document(conn: &Connection, session_id: i64, today: &str) -> Result<Document> {
    let name = session_name(conn, session_id)?;
    let all = list_proposals(conn, &ProposalFilter { session_id: Some(session_id), ..Default::default() }, today)?;
    let mut filed: Vec<&Proposal> = all
        .iter()
        .filter(|p| p.number.is_some() && !matches!(p.stage, ProposalStage::Withdrawn | ProposalStage::Merged))
        .collect();
    filed.sort_by_key(|p| p.number);
    let mut d = Document::new(format!("{name}提案目录"));
    d.para(Paragraph::title(&format!("{name}提案目录")));
    d.para(Paragraph::centered(&format!("（共立案{}件）", filed.len()), FontRole::Fangsong, SIZE_3));
    let categories = super::record::proposal_settings(conn)?.categories;
    let mut rows = Vec::new();
    let mut order: Vec<String> = categories.clone();
    for p in &filed {
        if !order.contains(&p.category) {
            order.push(p.category.clone());
        }
    }
    for c in &order {
        let of: Vec<&&Proposal> = filed.iter().filter(|p| &p.category == c).collect();
        if of.is_empty() {
            continue;
        }
        rows.push(TableRow::Group(format!("{c}（{}件）", of.len())));
        for p in of {
            let merged: Vec<&str> = all
                .iter()
                .filter(|m| m.merged_into == Some(p.id) && m.stage == ProposalStage::Merged)
                .map(|m| m.submitter_label.as_str())
                .collect();
            let who = if merged.is_empty() {
                short_submitters(p)
            } else {
                format!("{}（并案：{}）", p.submitter_label, merged.join("、"))
            };
            rows.push(TableRow::Cells(vec![p.number_label.clone(), p.title.clone(), who]));
        }
    }
    d.push(table(&[("案号", 22.0, Align::Center), ("案题", 90.0, Align::Left), ("提案人", 44.0, Align::Left)], rows));
    Ok(d)
}

/// A unit a 交办函 can go to: how many proposals of the session it leads (主办) and co-handles (会办).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LetterUnit {
    #[ts(type = "number")]
    pub unit_id: i64,
    pub name: String,
    pub active: bool,
    pub lead: u32,
    pub co: u32,
}

/// Whether a unit's letter lists the proposal, and as 主办 (true) or 会办 (false): the cases it
/// handles (a merged proposal goes with its case, a withdrawn one is handled by nobody).
fn letter_role(p: &Proposal, unit: &str) -> Option<bool> {
    if matches!(p.stage, ProposalStage::Merged | ProposalStage::Withdrawn) {
        None
    } else if p.lead_unit.as_deref() == Some(unit) {
        Some(true)
    } else if p.co_units.iter().any(|u| u == unit) {
        Some(false)
    } else {
        None
    }
}

/// The units with proposals of the session to handle, in the list's order: the letters there are to print.
pub fn letter_units(conn: &Connection, session_id: i64, today: &str) -> Result<Vec<LetterUnit>> {
    session_name(conn, session_id)?;
    let all = list_proposals(conn, &ProposalFilter { session_id: Some(session_id), ..Default::default() }, today)?;
    let units = super::units::list_units(conn, true)?;
    Ok(units
        .into_iter()
        .filter_map(|u| {
            let roles: Vec<bool> = all.iter().filter_map(|p| letter_role(p, &u.name)).collect();
            let lead = roles.iter().filter(|&&lead| lead).count() as u32;
            let co = roles.len() as u32 - lead;
            (!roles.is_empty()).then_some(LetterUnit { unit_id: u.id, name: u.name, active: u.active, lead, co })
        })
        .collect())
}

/// The assignment letter (交办函) to one unit: its proposals of the session, as lead or co-handler.
pub fn letter_document(conn: &Connection, session_id: i64, unit_id: i64, today: &str) -> Result<Document> {
    let name = session_name(conn, session_id)?;
    let unit = super::units::get_unit(conn, unit_id)?;
    let months = super::record::proposal_settings(conn)?.deadline_months;
    let all = list_proposals(conn, &ProposalFilter { session_id: Some(session_id), ..Default::default() }, today)?;
    let mut mine: Vec<(&Proposal, bool)> =
        all.iter().filter_map(|p| letter_role(p, &unit.name).map(|lead| (p, lead))).collect();
    mine.sort_by_key(|(p, _)| p.number);
    if mine.is_empty() {
        return Err(Error::Conflict(format!("{name}没有交给{}办理的提案，无需交办函。", unit.name)));
    }
    let assigned_on = mine.iter().filter_map(|(p, _)| p.assigned_on.clone()).min().unwrap_or_else(|| today.to_string());
    let lead = mine.iter().filter(|(_, lead)| *lead).count();
    let mut d = Document::new(format!("交办函：{}", unit.name));
    d.para(Paragraph::title(&format!("关于交办{name}提案的函")));
    d.push(Block::Blank);
    let mut to = Paragraph::with_spans(vec![Span::new(format!("{}：", unit.name), FontRole::Fangsong)]).place("主送");
    to.first_indent = 0.0;
    d.para(to);
    d.para(
        Paragraph::body(&format!(
            "经审查，现将{name}提案{}件交由你单位办理，其中主办{lead}件、会办{}件（目录附后）。\
         请按照提案办理工作的有关规定，认真研究办理，主动与提案人沟通面商，\
         并于交办之日起{months}个月内书面答复提案人，同时抄送市政协提案委员会。",
            mine.len(),
            mine.len() - lead
        ))
        .place("正文"),
    );
    d.para(Paragraph::body("附：交办提案目录").place("附件说明"));
    let rows = mine
        .iter()
        .map(|(p, lead)| {
            let role = if *lead { "主办" } else { "会办" };
            TableRow::Cells(vec![
                p.number_label.clone(),
                p.title.clone(),
                short_submitters(p),
                role.to_string(),
                p.deadline.as_deref().map(chinese_date).unwrap_or_default(),
            ])
        })
        .collect();
    d.push(table(
        &[
            ("案号", 18.0, Align::Center),
            ("案题", 70.0, Align::Left),
            ("提案人", 28.0, Align::Left),
            ("方式", 12.0, Align::Center),
            ("办理期限", 28.0, Align::Center),
        ],
        rows,
    ));
    d.colophon = Some(Colophon { cc: None, issuer: issuer(conn)?, date: chinese_date(&assigned_on) });
    Ok(d)
}

/// The statistics table of a session.
pub fn stats_document(conn: &Connection, scope: &StatsScope, today: &str) -> Result<Document> {
    let s = proposal_stats(conn, scope, today)?;
    let mut d = Document::new(format!("提案工作统计表（{}）", s.scope_label));
    d.para(Paragraph::title("提案工作统计表"));
    d.para(Paragraph::centered(&format!("（{}）", s.scope_label), FontRole::Fangsong, SIZE_3));
    let pct = |r: f64| format!("{r:.1}%");
    let row = |a: &str, n: u32, note: String| TableRow::Cells(vec![a.to_string(), format!("{n}件"), note]);
    let mut rows = vec![
        row("收到提案", s.received, format!("大会期间{}件，平时{}件", s.during_plenary, s.received - s.during_plenary)),
        row("其中：集体提案", s.received_collective, String::new()),
        row("　　　委员提案", s.received_members, "委员个人或联名".into()),
        row("立案", s.filed, format!("立案率{}", pct(s.filing_rate))),
        row("其中：集体提案", s.filed_collective, format!("占立案{}", pct(s.filed_collective_share))),
        row("　　　委员提案", s.filed_members, format!("占立案{}", pct(s.filed_members_share))),
        row("　　　并案", s.merged, "各提案人均计入".into()),
        row("不予立案", s.not_filed, String::new()),
    ];
    rows.extend(s.by_outcome.iter().map(|r| row(&format!("　　　{}", r.label), r.count, String::new())));
    rows.extend([
        row("交办", s.assigned, format!("其中重点提案{}件", s.key_proposals)),
        row("面商", s.talked, format!("面商率{}", pct(s.talk_rate))),
        row("答复", s.answered, format!("办复率{}", pct(s.answer_rate))),
        row("评价", s.rated, format!("满意率{}", pct(s.satisfaction_rate))),
        row("　　　满意", s.satisfied, String::new()),
        row("　　　基本满意", s.basically_satisfied, String::new()),
        row("　　　不满意", s.unsatisfied, "退回重新办理".into()),
        row("回访", s.visited, format!("回访率{}", pct(s.visit_rate))),
        row("逾期未答复", s.overdue, String::new()),
    ]);
    rows.push(TableRow::Group("按类别".into()));
    rows.extend(s.by_category.iter().map(|r| row(&r.label, r.count, String::new())));
    rows.push(TableRow::Group("按承办单位（主办、会办）".into()));
    rows.extend(s.by_unit.iter().map(|r| row(&r.label, r.count, String::new())));
    d.push(table(&[("项目", 56.0, Align::Left), ("数量", 26.0, Align::Center), ("说明", 74.0, Align::Left)], rows));
    Ok(d)
}

/// Writes the register of a session as an Excel workbook, one row per proposal.
pub fn register_xlsx(conn: &Connection, session_id: i64, today: &str) -> Result<Vec<u8>> {
    let name = session_name(conn, session_id)?;
    let all = list_proposals(conn, &ProposalFilter { session_id: Some(session_id), ..Default::default() }, today)?;
    // Names two members share are written with the badge number, so the register reads back.
    let shared: std::collections::HashSet<String> = conn
        .prepare("SELECT name FROM members GROUP BY name HAVING count(*) > 1")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let who = |p: &Proposal| -> String {
        if p.kind == ProposalKind::Collective {
            return p.submitter_label.clone();
        }
        p.submitters
            .iter()
            .map(|s| match (&s.member_no, shared.contains(&s.name)) {
                (Some(no), true) => format!("{}（{no}）", s.name),
                _ => s.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let x = |e| Error::Export { what: "提案登记表", detail: format!("{e}") };
    let mut wb = Workbook::new();
    let head = XFormat::new().set_bold().set_text_wrap().set_border(FormatBorder::Thin).set_align(FormatAlign::Center);
    let cell = XFormat::new().set_text_wrap().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let ws = wb.add_worksheet();
    ws.set_name("提案登记表").map_err(x)?;
    let cols: [(&str, f64); 20] = [
        ("序号", 6.0),
        ("案号", 10.0),
        ("案题", 40.0),
        ("提案人", 20.0),
        ("提案类型", 10.0),
        ("界别", 14.0),
        ("类别", 12.0),
        ("提交时间", 12.0),
        ("大会期间", 8.0),
        ("状态", 12.0),
        ("不予立案理由", 24.0),
        ("处理方式", 16.0),
        ("主办单位", 20.0),
        ("会办单位", 20.0),
        ("交办日期", 12.0),
        ("办理期限", 12.0),
        ("面商日期", 12.0),
        ("答复日期", 12.0),
        ("答复类别", 8.0),
        ("评价", 10.0),
    ];
    ws.merge_range(0, 0, 0, cols.len() as u16 + 1, &format!("{name}提案登记表"), &head).map_err(x)?;
    for (c, (h, w)) in cols.iter().chain([("回访日期", 12.0), ("撤案", 20.0)].iter()).enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &head).map_err(x)?;
        ws.set_column_width(c as u16, *w).map_err(x)?;
    }
    ws.set_freeze_panes(2, 0).map_err(x)?;
    for (i, p) in all.iter().enumerate() {
        let row = 2 + i as u32;
        let latest = p.latest_answer();
        let rating = p.answers.iter().rev().find_map(|a| a.rating).map(|r| r.label().to_string()).unwrap_or_default();
        let values: Vec<String> = vec![
            p.number_label.clone(),
            p.title.clone(),
            who(p),
            p.kind.label().to_string(),
            p.sector.clone(),
            p.category.clone(),
            p.received_on.clone(),
            if p.during_plenary { "是" } else { "否" }.to_string(),
            p.stage.label().to_string(),
            p.reject_reason.clone(),
            p.outcome.map(|o| o.label().to_string()).unwrap_or_default(),
            p.lead_unit.clone().unwrap_or_default(),
            p.co_units.join("、"),
            p.assigned_on.clone().unwrap_or_default(),
            p.deadline.clone().unwrap_or_default(),
            p.talked_on.clone().unwrap_or_default(),
            latest.map(|a| a.answered_on.clone()).unwrap_or_default(),
            latest.map(|a| a.answer_class.code().to_string()).unwrap_or_default(),
            rating,
            p.visited_on.clone().unwrap_or_default(),
            p.withdrawn_on
                .as_ref()
                .map(|on| format!("{on} {}：{}", p.withdrawn_by, p.withdrawn_reason))
                .unwrap_or_default(),
        ];
        ws.write_number_with_format(row, 0, (i + 1) as f64, &cell).map_err(x)?;
        for (c, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, c as u16 + 1, v, &cell).map_err(x)?;
        }
    }
    wb.save_to_buffer().map_err(x)
}

/// Exports `kind` for the session to `path`, in the format its extension names.
pub fn export_proposals(
    conn: &Connection,
    kind: ProposalExportKind,
    session_id: i64,
    target: Option<i64>,
    path: &Path,
    replace: Replace,
    today: &str,
) -> Result<ProposalExportResult> {
    let out = out_of(path)?;
    let mut result = ProposalExportResult { path: path.display().to_string(), pages: 0, warnings: Vec::new() };
    let need = |what: &'static str| target.ok_or_else(|| Error::invalid(what, "请指明"));
    if matches!(out, Out::Xlsx) != (kind == ProposalExportKind::Register) {
        return Err(Error::invalid(
            "导出文件",
            "提案登记表导出为 .xlsx；提案表、提案目录、交办函和统计表导出为 .pdf 或 .docx",
        ));
    }
    let doc = match kind {
        ProposalExportKind::Register => {
            let bytes = register_xlsx(conn, session_id, today)?;
            files::write_whole(path, &bytes, replace, Privacy::Shared)?;
            return Ok(result);
        }
        ProposalExportKind::Form => form_document(conn, need("提案")?, today)?,
        ProposalExportKind::Catalogue => catalogue_document(conn, session_id, today)?,
        ProposalExportKind::Letter => letter_document(conn, session_id, need("承办单位")?, today)?,
        ProposalExportKind::Stats => {
            stats_document(conn, &StatsScope { session_id: Some(session_id), from: None, to: None }, today)?
        }
    };
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let f = if matches!(out, Out::Pdf) { documents::Format::Pdf } else { documents::Format::Docx };
    let rendered = documents::render(&doc, f, &fonts)?;
    files::write_whole(path, &rendered.bytes, replace, Privacy::Shared)?;
    result.pages = rendered.pages as u32;
    result.warnings = rendered.warnings.into_iter().map(|w| w.message).collect();
    Ok(result)
}
