//! Automatic snapshots of the committee file (自动备份) and restoring one.
//!
//! A snapshot is a consistent copy (SQLite's online backup, checked whole: [`Db::backup`]) in the
//! folder `<file>.snapshots/` beside the committee file, named by the local time it was taken, why,
//! and the last audit row it holds: `20210119-083000-open-a1234.db`. They are taken when the
//! window opens the file (at most one a day), before a sitting's attendance is closed or an opinion
//! list finalised, and every hour while changes are being made. A bounded number is kept: the
//! newest [`KEEP_RECENT`], and the newest of each of the last [`KEEP_DAYS`] days.
//!
//! Restoring writes the snapshot's pages into the committee file through the same online backup,
//! in one transaction of the open file (so a kill in the middle leaves the file as it was), after
//! the snapshot is checked whole and the current state is kept aside as a snapshot of its own.

mod list;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::integrity;
use crate::error::{Error, Result};
use crate::files::Replace;
use crate::Db;
pub use list::{describe, list, scan, Snapshot, SnapshotCounts};

/// How many of the newest snapshots are always kept.
pub const KEEP_RECENT: usize = 24;
/// Beyond those, the newest snapshot of each of this many days is kept.
pub const KEEP_DAYS: usize = 14;

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The window opened the file (at most one a day).
    Open,
    /// Before a sitting's attendance was closed.
    BeforeClosing,
    /// Before an opinion list was finalised.
    BeforeFinalising,
    /// Every hour while changes are made.
    Hourly,
    /// The state the file was in just before a restore.
    BeforeRestore,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::Open => "打开时",
            Reason::BeforeClosing => "结束考勤前",
            Reason::BeforeFinalising => "定稿前",
            Reason::Hourly => "每小时",
            Reason::BeforeRestore => "恢复前",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Reason::Open => "open",
            Reason::BeforeClosing => "closing",
            Reason::BeforeFinalising => "finalising",
            Reason::Hourly => "hourly",
            Reason::BeforeRestore => "restore",
        }
    }

    fn from_code(code: &str) -> Option<Reason> {
        [Reason::Open, Reason::BeforeClosing, Reason::BeforeFinalising, Reason::Hourly, Reason::BeforeRestore]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// The folder the snapshots of the committee file at `path` live in.
pub fn folder(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(".snapshots");
    PathBuf::from(s)
}

fn last_audit_id(db: &Db) -> Result<i64> {
    Ok(db.conn().query_row("SELECT COALESCE(MAX(id), 0) FROM audit_log", [], |r| r.get(0))?)
}

/// Takes a snapshot now, whatever the policy says, and prunes old ones. `None` for a database
/// with no file (in memory).
pub fn take(db: &Db, reason: Reason) -> Result<Option<Snapshot>> {
    take_keeping(db, reason, None)
}

/// [`take`], never pruning `keep` (the snapshot a restore is about to read).
fn take_keeping(db: &Db, reason: Reason, keep: Option<&Path>) -> Result<Option<Snapshot>> {
    let Some(path) = db.path() else { return Ok(None) };
    let dir = folder(path);
    make_folder(&dir)?;
    let now = Local::now().naive_local();
    let audit = last_audit_id(db)?;
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut name = format!("{stamp}-{}-a{audit}.db", reason.code());
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{stamp}-{}-a{audit}-{n}.db", reason.code());
        n += 1;
    }
    let dest = dir.join(&name);
    db.backup(&dest, Replace::No)?;
    // The snapshot is taken; an old one that cannot be deleted now is deleted next time.
    if let Err(e) = prune(&dir, keep) {
        eprintln!("旧的自动备份未能删除：{e}");
    }
    Ok(list::describe(&dest))
}

/// Makes the snapshot folder beside the committee file, readable by the owner alone. Only that one
/// level: when the committee file's own folder is gone (a USB stick pulled out while the window is
/// open) nothing is made in its place, and the snapshot fails with «文件夹不存在».
fn make_folder(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty() && !p.is_dir()) {
        return Err(Error::FolderMissing(parent.to_path_buf()));
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(Error::io(dir, e)),
        _ => Ok(()),
    }
}

/// Takes a snapshot if the policy for `reason` calls for one now: on open, when none was taken
/// today; hourly, when the newest is an hour old and the file has changed since (its last audit row
/// is another); the others always.
pub fn maybe_take(db: &Db, reason: Reason) -> Result<Option<Snapshot>> {
    let Some(path) = db.path() else { return Ok(None) };
    // A file nothing was ever written to (a new, empty committee file) has nothing to keep.
    let audit = last_audit_id(db)?;
    if audit == 0 {
        return Ok(None);
    }
    let existing = list::scan_names(&folder(path));
    let now = Local::now().naive_local();
    let due = match reason {
        Reason::Open => !existing.iter().any(|(_, taken, _, _)| taken.date() == now.date()),
        Reason::Hourly => match existing.first() {
            None => true,
            Some((_, taken, _, newest_audit)) => {
                // Not `<`: after a restore the audit ids start again below the newest snapshot's.
                *newest_audit != audit && now.signed_duration_since(*taken) >= chrono::Duration::hours(1)
            }
        },
        _ => true,
    };
    if due {
        take(db, reason)
    } else {
        Ok(None)
    }
}

/// [`maybe_take`] before an action the user may want to go back on: a snapshot that fails (a full
/// disk, a folder that cannot be written) never stops the action; it is reported on stderr.
pub fn before(db: &Db, reason: Reason) {
    if let Err(e) = maybe_take(db, reason) {
        eprintln!("自动备份（{}）未能完成：{e}", reason.label());
    }
}

/// Deletes the snapshots the retention rule no longer keeps (never `keep`).
fn prune(dir: &Path, keep: Option<&Path>) -> Result<()> {
    let all = list::scan_names(dir);
    let mut kept: HashSet<&Path> = all.iter().take(KEEP_RECENT).map(|s| s.0.as_path()).collect();
    kept.extend(keep);
    let mut days = Vec::new();
    for (path, taken, _, _) in &all {
        let day = taken.date();
        if !days.contains(&day) {
            days.push(day);
            if days.len() <= KEEP_DAYS {
                kept.insert(path.as_path());
            }
        }
    }
    for (path, ..) in all.iter().filter(|s| !kept.contains(s.0.as_path())) {
        std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// Restores the committee file from `snapshot`: the snapshot is checked whole and must be a Huiwu
/// file no newer than this program, the file's current state is kept aside as a snapshot
/// («恢复前»), then the snapshot's pages replace the file's in one transaction of the open file,
/// which is checked whole afterwards. Returns the kept-aside copy.
pub fn restore(db: &mut Db, snapshot: &Path) -> Result<Option<Snapshot>> {
    if !snapshot.is_file() {
        return Err(Error::not_found("自动备份文件", snapshot.display()));
    }
    let report = integrity::check_file(snapshot)?;
    if !report.ok {
        return Err(Error::Corrupt { path: snapshot.to_path_buf(), detail: report.problems.join("；") });
    }
    let source = rusqlite::Connection::open_with_flags(
        snapshot,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let app_id: i32 = source.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != crate::db::APPLICATION_ID {
        return Err(Error::BadFile(format!(
            "文件 {} 不是会务软件的数据库文件，不能用来恢复；委员会文件未作任何改动。",
            snapshot.display()
        )));
    }
    let version: u32 = source.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > crate::db::schema_version() {
        return Err(Error::DbTooNew { found: version, supported: crate::db::schema_version() });
    }
    let aside = take_keeping(db, Reason::BeforeRestore, Some(snapshot))?;
    db.restore_from(&source)?;
    drop(source);
    // The restored audit trail says the file was restored, from which snapshot, and by whom.
    let name = snapshot.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    db.write(|tx| tx.audit::<(), ()>("snapshot", &name, "restore", None, None))?;
    let after = db.check()?;
    if !after.ok {
        return Err(Error::Corrupt {
            path: db.path().map(Path::to_path_buf).unwrap_or_default(),
            detail: after.problems.join("；"),
        });
    }
    Ok(aside)
}

/// The snapshot named `name` of the committee file at `db_path`: a path as given, or a bare file
/// name inside the file's snapshot folder.
pub fn resolve(db_path: &Path, name: &Path) -> PathBuf {
    let inside = folder(db_path).join(name);
    if name.components().count() == 1 && inside.is_file() {
        inside
    } else {
        name.to_path_buf()
    }
}

/// The time a snapshot's name says it was taken.
fn parse_name(name: &str) -> Option<(NaiveDateTime, Reason, i64)> {
    let stem = name.strip_suffix(".db")?;
    let mut parts = stem.splitn(4, '-');
    let date = parts.next()?;
    let time = parts.next()?;
    let reason = Reason::from_code(parts.next()?)?;
    let audit = parts.next()?.strip_prefix('a')?.split('-').next()?.parse().ok()?;
    let taken = NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S").ok()?;
    Some((taken, reason, audit))
}

#[cfg(test)]
mod tests;
