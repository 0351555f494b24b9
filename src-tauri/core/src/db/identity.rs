//! Is this file a Huiwu committee file? Answered before anything is written to it.
//!
//! Huiwu stamps every file it creates with `PRAGMA application_id` = [`APPLICATION_ID`] (and
//! existing Huiwu files when they are migrated). A file is opened only if it is new (missing
//! and asked for, or 0 bytes, or a SQLite file with nothing in it) or a Huiwu file; another
//! application's SQLite file is refused untouched. Cheap checks of the 100-byte header run on
//! every open: a truncated file (shorter than the page count its header records) is refused
//! before SQLite sees it.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};

/// «HUIW» in ASCII: the mark in the header of every Huiwu file.
pub const APPLICATION_ID: i32 = 0x4855_4957;

/// The tables the first migration created: a file with `application_id` 0 that has them was
/// written by a Huiwu from before the mark.
const FIRST_TABLES: [&str; 3] = ["committee", "settings", "audit_log"];

/// What the header says, read without SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OnDisk {
    /// 0 bytes: a file made ready for us (e.g. by a save dialog), treated as new.
    Empty,
    /// A SQLite file whose header passed the cheap checks.
    Sqlite,
}

/// What the file holds, asked through SQLite before any pragma that writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Nothing yet: Huiwu may give it its schema.
    New,
    /// A Huiwu file at this schema version.
    Huiwu { version: u32 },
}

pub(super) fn wal_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push("-wal");
    PathBuf::from(s)
}

/// Reads the header: refuses what is not SQLite, another application's file (by its mark), and
/// a file shorter than its header says.
pub(super) fn inspect(path: &Path) -> Result<OnDisk> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::DbMissing(path.to_path_buf())),
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::NotADatabase(path.to_path_buf()));
    }
    let len = meta.len();
    if len == 0 {
        return Ok(OnDisk::Empty);
    }
    let mut header = [0u8; 100];
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if len < 100 || f.read_exact(&mut header).is_err() || &header[..16] != b"SQLite format 3\0" {
        return Err(Error::NotADatabase(path.to_path_buf()));
    }
    let be = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let app_id = be(68) as i32;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(Error::NotHuiwu(path.to_path_buf()));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => u64::from(n),
    };
    if page_size < 512 || !page_size.is_power_of_two() {
        return Err(Error::NotADatabase(path.to_path_buf()));
    }
    let pages = u64::from(be(28));
    let size_valid = pages > 0 && be(24) == be(92);
    // With frames waiting in the WAL the header on disk may be older than the file; the check is
    // made only on a file at rest (the -wal file absent or empty), as a cleanly closed file is.
    let wal_waiting = std::fs::metadata(wal_path(path)).map(|m| m.len() > 0).unwrap_or(false);
    if size_valid && !wal_waiting && len < pages * page_size {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            detail: format!(
                "文件只有 {len} 字节，而文件头记录了 {pages} 页共 {} 字节，文件可能被截断或未复制完整",
                pages * page_size
            ),
        });
    }
    Ok(OnDisk::Sqlite)
}

/// Decides, by reading only, whether Huiwu may use the file: its mark, its tables, its version.
/// Nothing is written here (journal mode included), so a refused file is left exactly as it was.
pub(super) fn classify(conn: &Connection, path: &Path, supported: u32) -> Result<Kind> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let kind = if app_id == APPLICATION_ID {
        Kind::Huiwu { version }
    } else if app_id != 0 {
        return Err(Error::NotHuiwu(path.to_path_buf()));
    } else {
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let ours: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?1, ?2, ?3)",
            FIRST_TABLES,
            |r| r.get(0),
        )?;
        if objects == 0 && version == 0 {
            Kind::New
        } else if ours == FIRST_TABLES.len() as i64 && version > 0 {
            Kind::Huiwu { version }
        } else {
            return Err(Error::NotHuiwu(path.to_path_buf()));
        }
    };
    if let Kind::Huiwu { version } = kind {
        if version > supported {
            return Err(Error::DbTooNew { found: version, supported });
        }
    }
    Ok(kind)
}
