//! The figures shown on the home page and by `huiwu info`.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::committee::{self, Committee};
use crate::db::{self, Db};
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    pub committee: Committee,
    pub schema_version: u32,
    /// Members in office today.
    pub members: u32,
    /// Everyone ever on the roster, including those who have left.
    pub members_total: u32,
    pub meetings: u32,
    pub sittings: u32,
}

pub fn overview(db: &Db) -> Result<Overview> {
    let conn = db.conn();
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    Ok(Overview {
        committee: committee::require(conn)?,
        schema_version: db::schema_version(),
        members: count(
            conn,
            "SELECT count(*) FROM members WHERE joined_on <= ?1 AND (left_on IS NULL OR left_on > ?1)",
            [&today],
        )?,
        members_total: count(conn, "SELECT count(*) FROM members", [])?,
        meetings: count(conn, "SELECT count(*) FROM meetings", [])?,
        sittings: count(conn, "SELECT count(*) FROM sittings", [])?,
    })
}

fn count(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<u32> {
    Ok(conn.query_row(sql, params, |r| r.get(0))?)
}

/// What the window needs to know at start: which file is open, by whom, and what it holds.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Status {
    pub db_path: String,
    pub operator: String,
    /// None on a new, empty file: the window offers to create a committee or load the demo.
    pub overview: Option<Overview>,
}

/// The status of a committee file not made yet: the window offers to create one or the demo.
pub fn status_of_new_file(path: &std::path::Path) -> Status {
    Status { db_path: path.display().to_string(), operator: db::default_operator(), overview: None }
}

pub fn status(db: &Db) -> Result<Status> {
    let has_committee = committee::get(db.conn())?.is_some();
    Ok(Status {
        db_path: db.path().map(|p| p.display().to_string()).unwrap_or_else(|| ":memory:".into()),
        operator: db.operator().to_string(),
        overview: if has_committee { Some(overview(db)?) } else { None },
    })
}
