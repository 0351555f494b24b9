//! Session bulletins (简报): numbered per session (第1期, 第2期 …; a bulletin outside the plenary
//! belongs to the committee and has its own numbering), compiled from what members said in the
//! group discussions and printed in the bulletin format of the documents engine.
//!
//! A number is never reused: a withdrawn draft keeps its row (`deleted_at`), and the next number
//! is one past the highest ever given in the series, decided inside the write transaction. A
//! bulletin keeps the links to the remarks it quotes (a remark may be quoted in several).
//!
//! `mod.rs` holds the types and the store; `compose.rs` drafting from remarks; `render.rs` the
//! printed bulletin; `demo.rs` the demo's two bulletins.

mod compose;
pub mod demo;
mod render;

pub use compose::{
    compose_body, compose_remarks, compose_sittings, ComposeRemark, ComposeRequest, ComposeSitting, DEFAULT_LEAD,
};
pub use demo::load_demo;
pub use render::{bulletin_doc, export_saved, file_name, preview_source, render_input};

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::meetings;

/// The issuing body printed on a session's bulletins unless the user writes another.
pub const SESSION_ISSUER: &str = "大会秘书处";

/// A saved bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Bulletin {
    #[ts(type = "number")]
    pub id: i64,
    /// The session whose series it is in; `None`: the committee's own series.
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// 六届四次会议, or `None` for the committee's series.
    pub session_name: Option<String>,
    /// 第N期, within its series.
    pub number: u32,
    /// «政协安宁市第六届委员会第四次会议简报»
    pub name: String,
    /// «大会秘书处»
    pub issuer: String,
    /// YYYY-MM-DD
    pub date: String,
    pub title: String,
    /// One paragraph a line; lines starting 一、 （一） 1. （1） are headings.
    pub body: String,
    /// 报送
    pub send_to: String,
    /// 分送
    pub distribute_to: String,
    /// 共印N份
    pub copies: Option<u32>,
    /// The remarks it quotes, in order.
    #[ts(type = "number[]")]
    pub remark_ids: Vec<i64>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the editor sends: a new bulletin (`id` empty) or changes to a saved one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulletinInput {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub session_id: Option<i64>,
    /// The number it has or (for a new bulletin) will be given; shown only: saving a new
    /// bulletin gives it the next free number of its series, and a number never changes.
    #[serde(default)]
    pub number: Option<u32>,
    pub name: String,
    #[serde(default)]
    pub issuer: String,
    pub date: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub send_to: String,
    #[serde(default)]
    pub distribute_to: String,
    #[serde(default)]
    pub copies: Option<u32>,
    #[ts(type = "number[]")]
    #[serde(default)]
    pub remark_ids: Vec<i64>,
}

impl From<Bulletin> for BulletinInput {
    fn from(b: Bulletin) -> BulletinInput {
        BulletinInput {
            id: Some(b.id),
            session_id: b.session_id,
            number: Some(b.number),
            name: b.name,
            issuer: b.issuer,
            date: b.date,
            title: b.title,
            body: b.body,
            send_to: b.send_to,
            distribute_to: b.distribute_to,
            copies: b.copies,
            remark_ids: b.remark_ids,
        }
    }
}

const COLS: &str = "b.id, b.session_id, s.name, b.number, b.name, b.issuer, b.date, b.title, b.body, b.send_to,
                    b.distribute_to, b.copies, b.created_at, b.updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Bulletin> {
    Ok(Bulletin {
        id: r.get(0)?,
        session_id: r.get(1)?,
        session_name: r.get(2)?,
        number: r.get(3)?,
        name: r.get(4)?,
        issuer: r.get(5)?,
        date: r.get(6)?,
        title: r.get(7)?,
        body: r.get(8)?,
        send_to: r.get(9)?,
        distribute_to: r.get(10)?,
        copies: r.get(11)?,
        remark_ids: Vec::new(),
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

fn remark_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT remark_id FROM bulletin_remarks WHERE bulletin_id = ?1 ORDER BY seq")?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// A bulletin by id (withdrawn ones are not found).
pub fn get(conn: &Connection, id: i64) -> Result<Bulletin> {
    let mut b = conn
        .query_row(
            &format!(
                "SELECT {COLS} FROM bulletins b LEFT JOIN sessions s ON s.id = b.session_id
                  WHERE b.id = ?1 AND b.deleted_at IS NULL"
            ),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("简报", id))?;
    b.remark_ids = remark_ids(conn, id)?;
    Ok(b)
}

/// Which series to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Every bulletin.
    All,
    /// A session's bulletins.
    Session(i64),
    /// The committee's own (outside the plenary).
    Committee,
}

/// The bulletins of a series (withdrawn ones left out), by session then number.
pub fn list(conn: &Connection, series: Series) -> Result<Vec<Bulletin>> {
    let (cond, arg) = match series {
        Series::All => ("?1 IS NULL", None),
        Series::Session(id) => ("b.session_id = ?1", Some(id)),
        Series::Committee => ("b.session_id IS NULL AND ?1 IS NULL", None),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM bulletins b LEFT JOIN sessions s ON s.id = b.session_id
          WHERE b.deleted_at IS NULL AND ({cond})
          ORDER BY b.session_id IS NULL, s.term_number, s.session_number, b.number"
    ))?;
    let mut out = stmt.query_map([arg], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    for b in &mut out {
        b.remark_ids = remark_ids(conn, b.id)?;
    }
    Ok(out)
}

/// The number the next bulletin of a series gets: one past the highest ever given, withdrawn
/// drafts included.
pub fn next_number(conn: &Connection, session_id: Option<i64>) -> Result<u32> {
    let last: Option<u32> =
        conn.query_row("SELECT max(number) FROM bulletins WHERE session_id IS ?1", [session_id], |r| r.get(0))?;
    Ok(last.unwrap_or(0) + 1)
}

/// The name a series' bulletins print unless the user writes another: the name its last
/// bulletin printed, else «<委员会>第<N>次会议简报» for a session, «<简称>工作简报» for the
/// committee.
pub fn default_name(conn: &Connection, session_id: Option<i64>) -> Result<String> {
    let last: Option<String> = conn
        .query_row(
            "SELECT name FROM bulletins WHERE session_id IS ?1 AND deleted_at IS NULL ORDER BY number DESC LIMIT 1",
            [session_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(n) = last {
        return Ok(n);
    }
    let committee = crate::committee::get(conn)?;
    Ok(match session_id {
        Some(id) => {
            let s = meetings::get_session(conn, id)?;
            let name = committee.map(|c| c.name).unwrap_or_default();
            format!("{name}第{}次会议简报", crate::numerals::numeral(s.session_number))
        }
        None => format!("{}工作简报", committee.map(|c| c.short_name).unwrap_or_default()),
    })
}

/// A new bulletin of a series, filled in: its name, the next number, the issuing body (大会秘书处
/// for a session, the committee's secretariat otherwise), today's date (a session's closing day
/// when it is over) and the foot lines of the series' last bulletin.
pub fn draft(conn: &Connection, session_id: Option<i64>) -> Result<BulletinInput> {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let mut date = today.clone();
    if let Some(id) = session_id {
        // A bulletin of a session is dated within it: written later, it takes the closing day.
        let s = meetings::get_session(conn, id)?;
        if let Some(closed) = s.closed_on.filter(|c| *c < today) {
            date = closed;
        } else if let Some(opened) = s.opened_on.filter(|o| *o > today) {
            date = opened;
        }
    }
    let last = conn
        .query_row(
            "SELECT issuer, send_to, distribute_to, copies FROM bulletins
              WHERE session_id IS ?1 AND deleted_at IS NULL ORDER BY number DESC LIMIT 1",
            [session_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<u32>>(3)?,
                ))
            },
        )
        .optional()?;
    let issuer = match (&last, session_id) {
        (Some(l), _) => l.0.clone(),
        (None, Some(_)) => SESSION_ISSUER.to_string(),
        (None, None) => crate::committee::get(conn)?.map(|c| c.secretariat).unwrap_or_default(),
    };
    Ok(BulletinInput {
        id: None,
        session_id,
        number: Some(next_number(conn, session_id)?),
        name: default_name(conn, session_id)?,
        issuer,
        date,
        title: String::new(),
        body: String::new(),
        send_to: last.as_ref().map(|l| l.1.clone()).unwrap_or_default(),
        distribute_to: last.as_ref().map(|l| l.2.clone()).unwrap_or_default(),
        copies: last.and_then(|l| l.3),
        remark_ids: Vec::new(),
    })
}

/// The input as it is stored: text cleaned, the date checked, remarks listed once each.
pub(crate) fn normalise(input: &BulletinInput) -> Result<BulletinInput> {
    let line = |s: &str| crate::text::clean_line(s).trim().to_string();
    let name = line(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("简报名称", "不能为空，例如“政协安宁市第六届委员会第四次会议简报”"));
    }
    let date = chrono::NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("日期", format!("“{}”应写作 2020-01-06 的形式", input.date.trim())))?
        .format("%Y-%m-%d")
        .to_string();
    let mut ids = Vec::new();
    for id in &input.remark_ids {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    Ok(BulletinInput {
        name,
        issuer: line(&input.issuer),
        date,
        title: line(&input.title),
        body: crate::text::clean_multiline(&input.body).trim_end().to_string(),
        send_to: line(&input.send_to),
        distribute_to: line(&input.distribute_to),
        copies: input.copies.filter(|n| *n > 0),
        remark_ids: ids,
        ..input.clone()
    })
}

/// Checks, inside the write, that every quoted remark exists and was made at the bulletin's session.
fn check_remarks(tx: &Tx<'_>, session_id: Option<i64>, ids: &[i64]) -> Result<()> {
    for id in ids {
        let session: Option<i64> = tx
            .query_row(
                "SELECT rp.session_id FROM remarks r JOIN reports rp ON rp.id = r.report_id WHERE r.id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        match (session, session_id) {
            (None, _) => return Err(Error::not_found("发言意见", id)),
            (Some(s), Some(want)) if s != want => {
                return Err(Error::invalid("引用的发言", format!("第 {id} 条发言意见不是在本次会议上的发言")))
            }
            _ => {}
        }
    }
    Ok(())
}

fn write_links(tx: &Tx<'_>, id: i64, ids: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM bulletin_remarks WHERE bulletin_id = ?1", [id])?;
    for (seq, r) in ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO bulletin_remarks (bulletin_id, remark_id, seq) VALUES (?1, ?2, ?3)",
            params![id, r, seq as i64 + 1],
        )?;
    }
    Ok(())
}

/// Saves a bulletin: a new one (`id` empty) takes the next number of its series; a saved one
/// keeps its number and series.
pub fn save(db: &mut Db, input: &BulletinInput) -> Result<Bulletin> {
    let input = normalise(input)?;
    if let Some(s) = input.session_id {
        meetings::get_session(db.conn(), s)?;
    }
    let old = match input.id {
        Some(id) => Some(get(db.conn(), id)?),
        None => None,
    };
    if let Some(o) = &old {
        if o.session_id != input.session_id {
            return Err(Error::invalid(
                "所属会议",
                "简报的期号属于它所在的会议，不能改到另一次会议；请在那次会议下新建一期",
            ));
        }
    }
    let at = now();
    let id = db.write(|tx| {
        check_remarks(tx, input.session_id, &input.remark_ids)?;
        let (id, number) = match &old {
            Some(o) => {
                tx.execute(
                    "UPDATE bulletins SET name = ?1, issuer = ?2, date = ?3, title = ?4, body = ?5, send_to = ?6,
                            distribute_to = ?7, copies = ?8, updated_at = ?9 WHERE id = ?10",
                    params![
                        input.name,
                        input.issuer,
                        input.date,
                        input.title,
                        input.body,
                        input.send_to,
                        input.distribute_to,
                        input.copies,
                        at,
                        o.id
                    ],
                )?;
                (o.id, o.number)
            }
            None => {
                let number = next_number(tx, input.session_id)?;
                tx.execute(
                    "INSERT INTO bulletins (session_id, number, name, issuer, date, title, body, send_to,
                                            distribute_to, copies, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                    params![
                        input.session_id,
                        number,
                        input.name,
                        input.issuer,
                        input.date,
                        input.title,
                        input.body,
                        input.send_to,
                        input.distribute_to,
                        input.copies,
                        at
                    ],
                )?;
                (tx.last_insert_rowid(), number)
            }
        };
        write_links(tx, id, &input.remark_ids)?;
        let new = BulletinInput { id: Some(id), number: Some(number), ..input.clone() };
        let old_input: Option<BulletinInput> = old.clone().map(Into::into);
        tx.audit("bulletin", id, if old.is_some() { "update" } else { "create" }, old_input.as_ref(), Some(&new))?;
        Ok(id)
    })?;
    get(db.conn(), id)
}

/// Withdraws a bulletin (删除): it leaves the lists, keeps its row and its number, which the
/// next bulletin of the series does not take. The audit trail keeps what it said.
pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    let old: BulletinInput = get(db.conn(), id)?.into();
    db.write(|tx| {
        let n = tx
            .execute("UPDATE bulletins SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL", params![now(), id])?;
        if n == 0 {
            return Err(Error::not_found("简报", id));
        }
        tx.audit("bulletin", id, "delete", Some(&old), None::<&()>)
    })
}

#[cfg(test)]
mod tests;
