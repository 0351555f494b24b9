//! The whole-file check (`PRAGMA integrity_check`) and when it runs.
//!
//! It reads every page, so it costs seconds on a file with years in it; it is not on the path of
//! every open. It runs when it can find something: when the file was not closed cleanly last time
//! (see `marker`), before a migration, on the copy a backup makes before that copy takes its final
//! name, on demand (`huiwu check`), and in the background in the window.

use std::path::Path;
use std::time::Instant;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// The outcome of a whole-file check, for `huiwu check` and the window's home page.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IntegrityReport {
    pub ok: bool,
    /// What SQLite found, in its words (empty when all is well).
    pub problems: Vec<String>,
    /// Local time of the check, RFC 3339.
    pub checked_at: String,
    pub millis: u32,
}

/// Runs `integrity_check` and `foreign_key_check` on `conn`.
pub fn report(conn: &Connection) -> Result<IntegrityReport> {
    let started = Instant::now();
    let lines = (|| {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>();
        lines
    })();
    // A page SQLite cannot even read is found too: it is an answer, not a failure to check.
    let mut problems: Vec<String> = match lines {
        Ok(lines) => lines.into_iter().filter(|l| l != "ok").collect(),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            vec![format!("文件中有损坏、无法读取的数据页（{e}）")]
        }
        Err(e) => return Err(e.into()),
    };
    if problems.is_empty() {
        let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if fk > 0 {
            problems.push(format!("{fk} 条记录引用了不存在的记录（外键）"));
        }
    }
    Ok(IntegrityReport {
        ok: problems.is_empty(),
        problems,
        checked_at: super::now(),
        millis: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
    })
}

/// The check as a gate: `Err(Corrupt)` naming the file when it fails.
pub(super) fn require_ok(conn: &Connection, path: &Path) -> Result<()> {
    let r = report(conn).map_err(|e| match e {
        Error::Sqlite(e) => super::classify_open_error(path, e),
        other => other,
    })?;
    if r.ok {
        Ok(())
    } else {
        Err(Error::Corrupt { path: path.to_path_buf(), detail: r.problems.join("；") })
    }
}

/// Checks the file at `path` on a connection of its own that only reads, so that it can run on
/// another thread while the window goes on working on its own connection (WAL lets both read).
pub fn check_file(path: &Path) -> Result<IntegrityReport> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::classify_open_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    report(&conn).map_err(|e| match e {
        Error::Sqlite(e) => super::classify_open_error(path, e),
        other => other,
    })
}
