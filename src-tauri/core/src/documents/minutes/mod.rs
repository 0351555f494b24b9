//! Minutes (纪要) of a sitting or of a whole meeting, in the GB/T 9704-2012 纪要 format (§10.3):
//! the red mark «XXXX纪要» centred 35 mm below the top of the text block, optional «（第N期）»,
//! the issuing office left and the date right on one line, a red rule, the body, one blank
//! line, then 出席：/请假：/列席： generated from the attendance records, and the colophon.
//! No seal. The attendance block is never stored: it is drawn from the records at each export,
//! so it always agrees with them to the name.

//!
//! `mod.rs` holds the types and the store (draft, save, delete); `render.rs` the attendance
//! block and the 纪要 layout; `hub.rs` what the 文件 page lists and chooses from.

mod hub;
mod render;

pub use hub::{entries, file_name, targets, MinutesEntry, MinutesSitting, MinutesTarget};
pub use render::{
    attendance_for, attendance_names, build_document, export, export_saved, export_saved_with, minutes_doc,
    order_names, preview_source, render_input, render_input_with,
};

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, Db};
use crate::error::{Error, Result};
use crate::meetings::{self, MeetingKind};

/// The editor's status line for a body, counted as the document is built: one paragraph per
/// non-empty line, headings recognised by [`HeadingLevel::detect`](crate::documents::model::HeadingLevel::detect),
/// characters of the trimmed lines: «3 段，其中标题 2 个，共 14 字».
pub fn body_summary(body: &str) -> String {
    let lines: Vec<&str> = body
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|l| !l.is_empty())
        .collect();
    let headings = lines.iter().filter(|l| crate::documents::model::HeadingLevel::detect(l).is_some()).count();
    let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    format!("{} 段，其中标题 {headings} 个，共 {chars} 字", lines.len())
}

/// How the names of the attendance block are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceOrder {
    /// By role (主席, 副主席, 秘书长, 常委, 委员, 列席), then by stroke count (姓氏笔画).
    RoleStrokes,
    /// In roster order.
    Roster,
}

impl AttendanceOrder {
    pub(crate) fn code(self) -> &'static str {
        match self {
            AttendanceOrder::RoleStrokes => "role_strokes",
            AttendanceOrder::Roster => "roster",
        }
    }

    pub(crate) fn from_code(s: &str) -> AttendanceOrder {
        if s == "roster" {
            AttendanceOrder::Roster
        } else {
            AttendanceOrder::RoleStrokes
        }
    }
}

/// Saved minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Minutes {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub sitting_id: Option<i64>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// 纪要标志, e.g. «主席会议纪要».
    pub mark: String,
    /// 第N期, if printed.
    pub issue_number: Option<u32>,
    /// Issuing office (印发机关).
    pub office: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// One paragraph a line; lines starting 一、 （一） 1. （1） are headings.
    pub body: String,
    pub attendance_order: AttendanceOrder,
    pub created_at: String,
    pub updated_at: String,
}

/// What the editor sends: minutes of exactly one of a sitting or a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesInput {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub sitting_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub meeting_id: Option<i64>,
    pub mark: String,
    #[serde(default)]
    pub issue_number: Option<u32>,
    #[serde(default)]
    pub office: String,
    pub date: String,
    #[serde(default)]
    pub body: String,
    pub attendance_order: AttendanceOrder,
}

impl From<Minutes> for MinutesInput {
    /// The editor's form of saved minutes.
    fn from(m: Minutes) -> MinutesInput {
        MinutesInput {
            sitting_id: m.sitting_id,
            meeting_id: m.meeting_id,
            mark: m.mark,
            issue_number: m.issue_number,
            office: m.office,
            date: m.date,
            body: m.body,
            attendance_order: m.attendance_order,
        }
    }
}

/// What the minutes are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Sitting(i64),
    Meeting(i64),
}

impl MinutesInput {
    pub fn target(&self) -> Result<Target> {
        match (self.sitting_id, self.meeting_id) {
            (Some(s), None) => Ok(Target::Sitting(s)),
            (None, Some(m)) => Ok(Target::Meeting(m)),
            _ => Err(Error::invalid("纪要", "应指定一个场次或一个会议（二者选一）")),
        }
    }
}

/// The attendance block's names, ordered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceNames {
    pub present: Vec<String>,
    pub on_leave: Vec<String>,
    pub invitees: Vec<String>,
}

/// The plain data the 纪要 renderer takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesDoc {
    pub mark: String,
    pub issue_number: Option<u32>,
    pub office: String,
    /// As printed: «2021年1月19日».
    pub date: String,
    pub body: String,
    pub attendance: AttendanceNames,
}

const COLS: &str =
    "id, sitting_id, meeting_id, mark, issue_number, office, date, body, attendance_order, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Minutes> {
    let order: String = r.get(8)?;
    Ok(Minutes {
        id: r.get(0)?,
        sitting_id: r.get(1)?,
        meeting_id: r.get(2)?,
        mark: r.get(3)?,
        issue_number: r.get(4)?,
        office: r.get(5)?,
        date: r.get(6)?,
        body: r.get(7)?,
        attendance_order: AttendanceOrder::from_code(&order),
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Minutes> {
    conn.query_row(&format!("SELECT {COLS} FROM minutes WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("纪要", id))
}

/// The saved minutes of a sitting or meeting, if any.
pub fn find(conn: &Connection, target: Target) -> Result<Option<Minutes>> {
    let (col, id) = match target {
        Target::Sitting(id) => ("sitting_id", id),
        Target::Meeting(id) => ("meeting_id", id),
    };
    Ok(conn.query_row(&format!("SELECT {COLS} FROM minutes WHERE {col} = ?1"), [id], from_row).optional()?)
}

/// All saved minutes, newest date first.
pub fn list(conn: &Connection) -> Result<Vec<Minutes>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM minutes ORDER BY date DESC, id DESC"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn mark_for(kind: MeetingKind, short_name: &str) -> String {
    let what = match kind {
        MeetingKind::ChairsCouncil => "主席会议纪要",
        MeetingKind::StandingCommittee => "常务委员会会议纪要",
        MeetingKind::PartyGroup => "党组会议纪要",
        MeetingKind::StudyGroup => "理论学习中心组学习纪要",
        MeetingKind::TopicalConsultation => "专题协商会纪要",
        MeetingKind::Forum => "座谈协商会纪要",
        _ => "会议纪要",
    };
    format!("{short_name}{what}")
}

/// Saved minutes of the target, or a new draft: the mark from the meeting's kind, the
/// committee's secretariat as the office, the sitting's (or meeting's) date, the next issue
/// number of that mark.
pub fn draft(conn: &Connection, target: Target) -> Result<MinutesInput> {
    if let Some(m) = find(conn, target)? {
        return Ok(m.into());
    }
    let committee = crate::committee::get(conn)?;
    let short = committee.as_ref().map(|c| c.short_name.clone()).unwrap_or_default();
    let office = committee.map(|c| c.secretariat).unwrap_or_default();
    let (meeting, date, sitting_id, meeting_id) = match target {
        Target::Sitting(id) => {
            let s = meetings::get_sitting(conn, id)?;
            (meetings::get_meeting(conn, s.meeting_id)?, s.date, Some(id), None)
        }
        Target::Meeting(id) => {
            let m = meetings::get_meeting(conn, id)?;
            let d = m.start_date.clone();
            (m, d, None, Some(id))
        }
    };
    let mark = mark_for(meeting.kind, &short);
    let last: Option<u32> =
        conn.query_row("SELECT max(issue_number) FROM minutes WHERE mark = ?1", [&mark], |r| r.get(0))?;
    Ok(MinutesInput {
        sitting_id,
        meeting_id,
        mark,
        issue_number: Some(last.unwrap_or(0) + 1),
        office,
        date,
        body: String::new(),
        attendance_order: AttendanceOrder::RoleStrokes,
    })
}

pub(crate) fn normalise(input: &MinutesInput) -> Result<MinutesInput> {
    input.target()?;
    let mark = crate::text::clean_line(&input.mark).trim().to_string();
    if mark.is_empty() {
        return Err(Error::invalid("纪要标志", "不能为空，例如“主席会议纪要”"));
    }
    if !mark.ends_with("纪要") {
        return Err(Error::invalid("纪要标志", format!("“{mark}”应以“纪要”结尾")));
    }
    let date = chrono::NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("日期", format!("“{}”应写作 2021-01-19 的形式", input.date.trim())))?
        .format("%Y-%m-%d")
        .to_string();
    if input.issue_number == Some(0) {
        return Err(Error::invalid("期号", "应为正整数"));
    }
    Ok(MinutesInput {
        mark,
        office: crate::text::clean_line(&input.office).trim().to_string(),
        date,
        // Cleaned of control characters as remarks and opinions are: they make a DOCX unreadable.
        body: crate::text::clean_multiline(&input.body).trim_end().to_string(),
        ..input.clone()
    })
}

/// Saves the minutes of a sitting or meeting (creating them, or replacing the saved ones).
pub fn save(db: &mut Db, input: &MinutesInput) -> Result<Minutes> {
    let input = normalise(input)?;
    let target = input.target()?;
    match target {
        Target::Sitting(id) => drop(meetings::get_sitting(db.conn(), id)?),
        Target::Meeting(id) => drop(meetings::get_meeting(db.conn(), id)?),
    }
    let old = find(db.conn(), target)?;
    let at = now();
    let id = db.write(|tx| {
        let id = match &old {
            Some(o) => {
                tx.execute(
                    "UPDATE minutes SET mark = ?1, issue_number = ?2, office = ?3, date = ?4, body = ?5,
                            attendance_order = ?6, updated_at = ?7 WHERE id = ?8",
                    params![
                        input.mark,
                        input.issue_number,
                        input.office,
                        input.date,
                        input.body,
                        input.attendance_order.code(),
                        at,
                        o.id
                    ],
                )?;
                o.id
            }
            None => {
                tx.execute(
                    "INSERT INTO minutes (sitting_id, meeting_id, mark, issue_number, office, date, body,
                                          attendance_order, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        input.sitting_id,
                        input.meeting_id,
                        input.mark,
                        input.issue_number,
                        input.office,
                        input.date,
                        input.body,
                        input.attendance_order.code(),
                        at
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.audit("minutes", id, if old.is_some() { "update" } else { "create" }, old.as_ref(), Some(&input))?;
        Ok(id)
    })?;
    get(db.conn(), id)
}

pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    let old = get(db.conn(), id)?;
    db.write(|tx| {
        tx.execute("DELETE FROM minutes WHERE id = ?1", [id])?;
        tx.audit("minutes", id, "delete", Some(&old), None::<&Minutes>)
    })
}

/// The demo committee's minutes: the first chairs' council meeting's first sitting gets a
/// 纪要, saved through [`save`] like the editor does. Without such a meeting, nothing.
pub fn load_demo(db: &mut Db) -> Result<()> {
    let filter = meetings::MeetingFilter { kind: Some(MeetingKind::ChairsCouncil), ..Default::default() };
    let mut councils = meetings::list_meetings(db.conn(), &filter)?;
    councils.sort_by(|a, b| a.start_date.cmp(&b.start_date));
    for m in councils {
        if let Some(s) = meetings::list_sittings(db.conn(), Some(m.id))?.first() {
            let mut input = draft(db.conn(), Target::Sitting(s.id))?;
            input.body = include_str!("../../../../../assets/demo/minutes-chairs-council.txt").to_string();
            save(db, &input)?;
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
