//! What the 文件 page shows of the minutes: the saved minutes with the meeting and sitting they
//! are of, and the meetings and sittings new minutes can be written for.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{list, MinutesInput};
use crate::documents::Format;
use crate::error::Result;
use crate::meetings::{self, HalfDay, MeetingKind};

/// Saved minutes as the 文件 page lists them, with what they are of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub sitting_id: Option<i64>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// 纪要标志, e.g. «安宁市政协主席会议纪要».
    pub mark: String,
    pub issue_number: Option<u32>,
    /// YYYY-MM-DD, the date printed on the minutes.
    pub date: String,
    /// The meeting the minutes are of (for a sitting's minutes, the sitting's meeting).
    #[ts(type = "number")]
    pub of_meeting_id: i64,
    pub meeting_title: String,
    /// 主席会议, 常委会会议, ...
    pub meeting_kind: String,
    /// The sitting's title, for minutes of one sitting; `None` for minutes of a whole meeting.
    pub sitting_title: Option<String>,
    /// The sitting's date and half day («2020-01-02 上午»), for minutes of one sitting.
    pub sitting_when: Option<String>,
    /// Paragraphs of the body (non-empty lines).
    pub paragraphs: u32,
    /// RFC 3339.
    pub updated_at: String,
}

/// Every saved minutes, newest date first, with the meeting and sitting each is of.
pub fn entries(conn: &Connection) -> Result<Vec<MinutesEntry>> {
    let mut stmt = conn.prepare(
        "SELECT n.id, n.sitting_id, n.meeting_id, n.mark, n.issue_number, n.date, n.body, n.updated_at,
                m.id, m.title, m.kind, s.title, s.date, s.half_day
         FROM minutes n
         LEFT JOIN sittings s ON s.id = n.sitting_id
         JOIN meetings m ON m.id = COALESCE(n.meeting_id, s.meeting_id)
         ORDER BY n.date DESC, n.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let body: String = r.get(6)?;
        let kind: String = r.get(10)?;
        let sitting_date: Option<String> = r.get(12)?;
        let half_day: Option<String> = r.get(13)?;
        Ok(MinutesEntry {
            id: r.get(0)?,
            sitting_id: r.get(1)?,
            meeting_id: r.get(2)?,
            mark: r.get(3)?,
            issue_number: r.get(4)?,
            date: r.get(5)?,
            paragraphs: body.lines().filter(|l| !l.trim().is_empty()).count() as u32,
            updated_at: r.get(7)?,
            of_meeting_id: r.get(8)?,
            meeting_title: r.get(9)?,
            meeting_kind: MeetingKind::from_code(&kind).map(|k| k.label().to_string()).unwrap_or(kind),
            sitting_title: r.get(11)?,
            sitting_when: sitting_date.map(|d| {
                let half = half_day.as_deref().and_then(HalfDay::from_code).map(HalfDay::label).unwrap_or("");
                format!("{d} {half}").trim_end().to_string()
            }),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A meeting and its sittings, for choosing what minutes are of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesTarget {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    /// 主席会议, 常委会会议, ...
    pub meeting_kind: String,
    pub start_date: String,
    pub sittings: Vec<MinutesSitting>,
    /// Saved minutes of the whole meeting exist.
    pub has_minutes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesSitting {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub date: String,
    /// 上午 / 下午 / 晚上
    pub half_day: String,
    pub has_minutes: bool,
}

/// Every meeting, newest first, with its sittings in order, and which have saved minutes.
pub fn targets(conn: &Connection) -> Result<Vec<MinutesTarget>> {
    let saved = list(conn)?;
    let mut out = Vec::new();
    for m in meetings::list_meetings(conn, &meetings::MeetingFilter::default())?.into_iter().rev() {
        let sittings = meetings::list_sittings(conn, Some(m.id))?
            .into_iter()
            .map(|s| MinutesSitting {
                has_minutes: saved.iter().any(|x| x.sitting_id == Some(s.id)),
                id: s.id,
                title: s.title,
                date: s.date,
                half_day: s.half_day.label().to_string(),
            })
            .collect();
        out.push(MinutesTarget {
            has_minutes: saved.iter().any(|x| x.meeting_id == Some(m.id)),
            meeting_id: m.id,
            meeting_title: m.title,
            meeting_kind: m.kind.label().to_string(),
            start_date: m.start_date,
            sittings,
        });
    }
    Ok(out)
}

/// The file name an export of these minutes gets: «主席会议纪要第3期-2021-01-19.pdf».
pub fn file_name(input: &MinutesInput, format: Format) -> String {
    let issue = input.issue_number.map(|n| format!("第{n}期")).unwrap_or_default();
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    let safe: String = format!("{}{}-{}", input.mark.trim(), issue, input.date.trim())
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("{safe}.{ext}")
}
