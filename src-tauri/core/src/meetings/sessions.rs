//! Sessions (次会议): their names, reading and writing them.

use crate::numerals::numeral;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Session, SessionInput};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::roster::{names, parse_date};

/// 六届四次会议 from (6, 4).
pub fn session_name(term: u32, session: u32) -> String {
    format!("{}届{}次会议", numeral(term), numeral(session))
}

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        term_number: r.get(1)?,
        session_number: r.get(2)?,
        name: r.get(3)?,
        year: r.get(4)?,
        opened_on: r.get(5)?,
        closed_on: r.get(6)?,
    })
}

const SESSION_COLS: &str = "id, term_number, session_number, name, year, opened_on, closed_on";

pub fn list_sessions(conn: &Connection) -> Result<Vec<Session>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {SESSION_COLS} FROM sessions ORDER BY term_number, session_number"))?;
    let rows = stmt.query_map([], session_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_session(conn: &Connection, id: i64) -> Result<Session> {
    conn.query_row(&format!("SELECT {SESSION_COLS} FROM sessions WHERE id = ?1"), [id], session_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("次会议", id))
}

fn clean_session(s: &SessionInput) -> Result<SessionInput> {
    if s.term_number == 0 || s.term_number > 99 {
        return Err(Error::invalid("届次", "应为 1 到 99"));
    }
    if s.session_number == 0 || s.session_number > 20 {
        return Err(Error::invalid("会议次数", "应为 1 到 20"));
    }
    if !(1949..=2200).contains(&s.year) {
        return Err(Error::invalid("年份", format!("{} 不是有效年份", s.year)));
    }
    let date = |f: &str, v: &Option<String>| -> Result<Option<String>> {
        v.as_deref().map(str::trim).filter(|x| !x.is_empty()).map(|x| parse_date(f, x)).transpose()
    };
    let opened_on = date("开幕日期", &s.opened_on)?;
    let closed_on = date("闭幕日期", &s.closed_on)?;
    if let (Some(o), Some(c)) = (&opened_on, &closed_on) {
        if c < o {
            return Err(Error::invalid("闭幕日期", format!("{c} 早于开幕日期 {o}")));
        }
    }
    let name = names::clean_text(&s.name);
    Ok(SessionInput {
        name: if name.is_empty() { session_name(s.term_number, s.session_number) } else { name },
        opened_on,
        closed_on,
        ..s.clone()
    })
}

pub fn create_session(db: &mut Db, input: &SessionInput) -> Result<Session> {
    let s = clean_session(input)?;
    let id = db.write(|tx| {
        let dup: Option<i64> = tx
            .query_row(
                "SELECT id FROM sessions WHERE term_number = ?1 AND session_number = ?2",
                params![s.term_number, s.session_number],
                |r| r.get(0),
            )
            .optional()?;
        if dup.is_some() {
            return Err(Error::Conflict(format!("{}已存在", s.name)));
        }
        tx.execute(
            "INSERT INTO sessions (term_number, session_number, name, year, opened_on, closed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s.term_number, s.session_number, s.name, s.year, s.opened_on, s.closed_on],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit("session", id, "create", None::<&SessionInput>, Some(&s))?;
        Ok(id)
    })?;
    get_session(db.conn(), id)
}

pub fn update_session(db: &mut Db, id: i64, input: &SessionInput) -> Result<Session> {
    let s = clean_session(input)?;
    let old = get_session(db.conn(), id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE sessions SET term_number = ?2, session_number = ?3, name = ?4, year = ?5, opened_on = ?6,
                closed_on = ?7 WHERE id = ?1",
            params![id, s.term_number, s.session_number, s.name, s.year, s.opened_on, s.closed_on],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Conflict(format!("{}已存在", s.name)),
            _ => e.into(),
        })?;
        tx.audit("session", id, "update", Some(&old), Some(&s))
    })?;
    get_session(db.conn(), id)
}
