//! Meetings (会议) of every kind: reading, checking and writing them.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{get_session, Meeting, MeetingFilter, MeetingInput, MeetingKind};
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::roster::{names, parse_date};

const MEETING_COLS: &str = "m.id, m.kind, m.title, m.session_id, m.ordinal, m.topical, m.enlarged, m.start_date,
    m.end_date, m.organizer, m.venue, m.notes, (SELECT count(*) FROM sittings s WHERE s.meeting_id = m.id)";

fn meeting_from_row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    let kind: String = r.get(1)?;
    Ok(Meeting {
        id: r.get(0)?,
        kind: MeetingKind::from_code(&kind).unwrap_or(MeetingKind::Other),
        title: r.get(2)?,
        session_id: r.get(3)?,
        ordinal: r.get(4)?,
        topical: r.get(5)?,
        enlarged: r.get(6)?,
        start_date: r.get(7)?,
        end_date: r.get(8)?,
        organizer: r.get(9)?,
        venue: r.get(10)?,
        notes: r.get(11)?,
        sitting_count: r.get(12)?,
    })
}

/// The year the 会议 page opens on: `preferred` (this year, or the one last looked at) when it
/// has meetings, else the latest year that has any, else `preferred`.
pub fn year_to_show(conn: &Connection, preferred: i32) -> Result<i32> {
    let (has, latest): (bool, Option<i32>) = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM meetings WHERE substr(start_date, 1, 4) = printf('%04d', ?1)),
                max(CAST(substr(start_date, 1, 4) AS INTEGER))
           FROM meetings",
        [preferred],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(if has { preferred } else { latest.unwrap_or(preferred) })
}

/// Meetings in date order, filtered by year (of the start date), kind and session.
pub fn list_meetings(conn: &Connection, filter: &MeetingFilter) -> Result<Vec<Meeting>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLS} FROM meetings m
         WHERE (?1 IS NULL OR substr(m.start_date, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR m.kind = ?2) AND (?3 IS NULL OR m.session_id = ?3)
         ORDER BY m.start_date, m.id"
    ))?;
    let rows =
        stmt.query_map(params![filter.year, filter.kind.map(MeetingKind::code), filter.session_id], meeting_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_meeting(conn: &Connection, id: i64) -> Result<Meeting> {
    conn.query_row(&format!("SELECT {MEETING_COLS} FROM meetings m WHERE m.id = ?1"), [id], meeting_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("会议", id))
}

fn clean_meeting(conn: &Connection, m: &MeetingInput) -> Result<MeetingInput> {
    let title = names::clean_text(&m.title);
    if title.is_empty() {
        return Err(Error::invalid("会议名称", "不能为空"));
    }
    let start_date = parse_date("开始日期", &m.start_date)?;
    let end_date =
        if m.end_date.trim().is_empty() { start_date.clone() } else { parse_date("结束日期", &m.end_date)? };
    if end_date < start_date {
        return Err(Error::invalid("结束日期", format!("{end_date} 早于开始日期 {start_date}")));
    }
    if let Some(sid) = m.session_id {
        get_session(conn, sid)?;
    }
    if m.kind == MeetingKind::Plenary && m.session_id.is_none() {
        return Err(Error::invalid("次会议", "全体会议须指定是哪一次会议（如六届四次会议）"));
    }
    Ok(MeetingInput {
        title,
        start_date,
        end_date,
        organizer: names::clean_text(&m.organizer),
        venue: names::clean_text(&m.venue),
        notes: m.notes.trim().into(),
        topical: m.topical && m.kind == MeetingKind::StandingCommittee,
        enlarged: m.enlarged && m.kind == MeetingKind::ChairsCouncil,
        ..m.clone()
    })
}

pub fn create_meeting(db: &mut Db, input: &MeetingInput) -> Result<Meeting> {
    let id = db.write(|tx| create_meeting_in(tx, input))?;
    get_meeting(db.conn(), id)
}

pub fn create_meeting_in(tx: &Tx<'_>, input: &MeetingInput) -> Result<i64> {
    let m = clean_meeting(tx, input)?;
    tx.execute(
        "INSERT INTO meetings (kind, title, session_id, ordinal, topical, enlarged, start_date, end_date,
            organizer, venue, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            m.kind.code(),
            m.title,
            m.session_id,
            m.ordinal,
            m.topical,
            m.enlarged,
            m.start_date,
            m.end_date,
            m.organizer,
            m.venue,
            m.notes,
            now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit("meeting", id, "create", None::<&MeetingInput>, Some(&m))?;
    Ok(id)
}

pub fn update_meeting(db: &mut Db, id: i64, input: &MeetingInput) -> Result<Meeting> {
    let old = get_meeting(db.conn(), id)?;
    db.write(|tx| {
        let m = clean_meeting(tx, input)?;
        tx.execute(
            "UPDATE meetings SET kind = ?2, title = ?3, session_id = ?4, ordinal = ?5, topical = ?6, enlarged = ?7,
                start_date = ?8, end_date = ?9, organizer = ?10, venue = ?11, notes = ?12 WHERE id = ?1",
            params![
                id,
                m.kind.code(),
                m.title,
                m.session_id,
                m.ordinal,
                m.topical,
                m.enlarged,
                m.start_date,
                m.end_date,
                m.organizer,
                m.venue,
                m.notes
            ],
        )?;
        tx.audit("meeting", id, "update", Some(&old), Some(&m))
    })?;
    get_meeting(db.conn(), id)
}
