//! The 纪要 as a document: the attendance block read from the records and ordered, the page
//! layout of the mark, issue, office/date line, body, names and colophon; rendering and preview.

use rusqlite::Connection;

use super::{find, get, normalise, AttendanceNames, AttendanceOrder, MinutesDoc, MinutesInput, Target};
use crate::attendance::{self, RollCall, RollName};
use crate::documents::model::*;
use crate::documents::{render_with, FontPrefs, FontSet, Format, PreviewSource, Rendered};
use crate::error::{Error, Result};
use crate::progress::Progress;

/// Orders names for the attendance block: by role then stroke count (姓氏笔画), or by roster
/// order.
pub fn order_names(names: &[RollName], order: AttendanceOrder) -> Vec<String> {
    let mut v: Vec<&RollName> = names.iter().collect();
    match order {
        AttendanceOrder::RoleStrokes => v.sort_by(|a, b| {
            a.role
                .cmp(&b.role)
                .then_with(|| crate::documents::strokes::compare_names(&a.name, &b.name))
                .then_with(|| a.roster_order.cmp(&b.roster_order))
        }),
        AttendanceOrder::Roster => v.sort_by(|a, b| (a.roster_order, &a.name).cmp(&(b.roster_order, &b.name))),
    }
    v.into_iter().map(|n| n.name.clone()).collect()
}

/// The names of a roll call, ordered.
pub fn attendance_names(roll: &RollCall, order: AttendanceOrder) -> AttendanceNames {
    AttendanceNames {
        present: order_names(&roll.present, order),
        on_leave: order_names(&roll.on_leave, order),
        invitees: order_names(&roll.invitees, order),
    }
}

/// The attendance block of a sitting or meeting, from the attendance records.
pub fn attendance_for(conn: &Connection, target: Target, order: AttendanceOrder) -> Result<AttendanceNames> {
    let roll = match target {
        Target::Sitting(id) => attendance::roll_call(conn, id)?,
        Target::Meeting(id) => attendance::meeting_roll_call(conn, id)?,
    };
    Ok(attendance_names(&roll, order))
}

/// Lays out a 纪要 as a [`Document`].
pub fn build_document(m: &MinutesDoc) -> Document {
    let mut d = Document::new(m.mark.clone());
    d.push(Block::Mark { text: m.mark.clone(), size_pt: SIZE_XIAOCHU, top_mm: 35.0, color: RED });
    if let Some(n) = m.issue_number {
        d.para(Paragraph::centered(&format!("（第{n}期）"), FontRole::Fangsong, SIZE_3).place("期号"));
    }
    d.push(Block::Split {
        left: m.office.clone(),
        right: m.date.clone(),
        role: FontRole::Fangsong,
        size_pt: SIZE_3,
        inset_chars: 1.0,
    });
    d.push(Block::Rule { color: RED, thickness_mm: 0.5, gap_before_mm: 1.5, gap_after_mm: 0.0 });
    d.body_text(&m.body, "正文");
    let a = &m.attendance;
    if !(a.present.is_empty() && a.on_leave.is_empty() && a.invitees.is_empty()) {
        d.push(Block::Blank);
        for (label, names) in [("出席", &a.present), ("请假", &a.on_leave), ("列席", &a.invitees)] {
            if !names.is_empty() {
                d.para(Paragraph::name_list(label, names));
            }
        }
    }
    if !m.office.is_empty() {
        d.colophon = Some(Colophon { cc: None, issuer: m.office.clone(), date: m.date.clone() });
    }
    d
}

/// The renderer's data for saved or edited minutes, with the attendance block read now.
pub fn minutes_doc(conn: &Connection, input: &MinutesInput) -> Result<MinutesDoc> {
    let input = normalise(input)?;
    let attendance = attendance_for(conn, input.target()?, input.attendance_order)?;
    Ok(MinutesDoc {
        mark: input.mark,
        issue_number: input.issue_number,
        office: input.office,
        date: chinese_date(&input.date),
        body: input.body,
        attendance,
    })
}

/// Renders edited (possibly unsaved) minutes, e.g. for the preview.
pub fn render_input(conn: &Connection, input: &MinutesInput, format: Format) -> Result<Rendered> {
    render_input_with(conn, input, format, &Progress::none())
}

/// [`render_input`], reporting each stage to `progress` and stopping when the user cancels.
pub fn render_input_with(
    conn: &Connection,
    input: &MinutesInput,
    format: Format,
    progress: &Progress,
) -> Result<Rendered> {
    progress.step("读取纪要和出席名单", 0, 0)?;
    let doc = build_document(&minutes_doc(conn, input)?);
    progress.step("载入字体", 0, 0)?;
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    render_with(&doc, format, &fonts, progress)
}

/// What the preview of edited, possibly unsaved minutes is laid out from (the attendance block
/// read now); lay it out with [`PreviewSource::lay_out`] once the database is free.
pub fn preview_source(conn: &Connection, input: &MinutesInput) -> Result<PreviewSource> {
    PreviewSource::load(conn, build_document(&minutes_doc(conn, input)?))
}

/// Renders the saved minutes of a sitting or meeting.
pub fn export(conn: &Connection, target: Target, format: Format) -> Result<Rendered> {
    let m = find(conn, target)?.ok_or_else(|| {
        let what = match target {
            Target::Sitting(id) => format!("场次 {id} 的纪要（请先在“文件”页编写并保存）"),
            Target::Meeting(id) => format!("会议 {id} 的纪要（请先在“文件”页编写并保存）"),
        };
        Error::NotFound { what: "纪要", key: what }
    })?;
    render_input(conn, &m.into(), format)
}

/// Renders saved minutes by their id, with the file name their export gets.
pub fn export_saved(conn: &Connection, id: i64, format: Format) -> Result<(Rendered, String)> {
    export_saved_with(conn, id, format, &Progress::none())
}

/// [`export_saved`], watched by `progress`.
pub fn export_saved_with(
    conn: &Connection,
    id: i64,
    format: Format,
    progress: &Progress,
) -> Result<(Rendered, String)> {
    let input: MinutesInput = get(conn, id)?.into();
    let name = super::file_name(&input, format);
    Ok((render_input_with(conn, &input, format, progress)?, name))
}
