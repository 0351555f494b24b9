//! The snapshots in a folder, newest first, with what each holds in words a clerk uses.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::{folder, parse_name, Reason};

/// One automatic snapshot of the committee file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Snapshot {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub file_name: String,
    /// Local time it was taken (from its name).
    pub taken: NaiveDateTime,
    pub reason: Reason,
    /// The reason in words: 打开时, 结束考勤前, ...
    pub reason_label: String,
    /// The last audit row it holds.
    #[ts(type = "number")]
    pub audit: i64,
    #[ts(type = "number")]
    pub size: u64,
    /// What it holds; `None` when the file cannot be read (damaged, or not a Huiwu file).
    pub counts: Option<SnapshotCounts>,
}

/// What a snapshot holds: everyone on the roster, meetings, sittings, remarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SnapshotCounts {
    pub members: u32,
    pub meetings: u32,
    pub sittings: u32,
    pub remarks: u32,
}

/// The snapshots of the committee file at `db_path`, newest first.
pub fn list(db_path: &Path) -> Vec<Snapshot> {
    scan(&folder(db_path))
}

/// The snapshots in `dir`, newest first; files whose names are not a snapshot's are ignored, and
/// a missing folder has none.
pub fn scan(dir: &Path) -> Vec<Snapshot> {
    let mut all: Vec<Snapshot> = names(dir).into_iter().filter_map(|p| describe(&p)).collect();
    all.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.audit.cmp(&a.audit)).then(b.file_name.cmp(&a.file_name)));
    all
}

/// The snapshot at `path`, if its name is a snapshot's and it is a file.
pub fn describe(path: &Path) -> Option<Snapshot> {
    let file_name = path.file_name()?.to_str()?.to_string();
    let (taken, reason, audit) = parse_name(&file_name)?;
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some(Snapshot {
        path: path.to_path_buf(),
        file_name,
        taken,
        reason,
        reason_label: reason.label().to_string(),
        audit,
        size: meta.len(),
        counts: counts(path),
    })
}

/// Snapshot names and times only, without opening the files: what the retention policy needs.
pub(super) fn scan_names(dir: &Path) -> Vec<(PathBuf, NaiveDateTime, Reason, i64)> {
    let mut all: Vec<_> = names(dir)
        .into_iter()
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let (taken, reason, audit) = parse_name(p.file_name()?.to_str()?)?;
            Some((p, taken, reason, audit))
        })
        .collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(b.3.cmp(&a.3)).then(b.0.cmp(&a.0)));
    all
}

fn names(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.filter_map(|e| e.ok()).map(|e| e.path()).collect()
}

/// Counts read from the file opened to read only (a snapshot is kept in rollback-journal mode,
/// so reading it leaves nothing beside it).
fn counts(path: &Path) -> Option<SnapshotCounts> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    let count = |table: &str| -> Option<u32> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).ok()
    };
    Some(SnapshotCounts {
        members: count("members")?,
        meetings: count("meetings")?,
        sittings: count("sittings")?,
        remarks: count("remarks")?,
    })
}
