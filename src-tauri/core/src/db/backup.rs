//! Copies of the committee file: the user's backups and the copy made before a migration.
//!
//! SQLite's online backup copies the pages into a temporary file beside the destination (see
//! [`crate::files::write_with`]); the copy is checked whole (`integrity_check`) before it takes
//! its final name. Being page for page what the open file holds, that checks the open file too.
//! A kill or a full disk leaves no file under the backup's name and no `-journal` beside it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::Db;
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

impl Db {
    /// A consistent copy of the whole database into a new file `dest` (never over an existing
    /// one: see [`Db::backup`]).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.backup(dest, Replace::No)
    }

    /// A consistent copy of the whole database into `dest`, replacing a file there only with
    /// [`Replace::Yes`]; created readable by the owner alone.
    pub fn backup(&self, dest: &Path, replace: Replace) -> Result<()> {
        copy(&self.conn, dest, replace)
    }
}

pub(super) fn copy(conn: &Connection, dest: &Path, replace: Replace) -> Result<()> {
    // A database replaced while its -wal or -journal is beside it would get those pages applied
    // to the new file the next time it is opened: refuse rather than mix two files.
    if replace == Replace::Yes && dest.exists() && ["-wal", "-journal"].iter().any(|s| sidecar(dest, s).exists()) {
        return Err(Error::Conflict(format!(
            "备份文件 {} 正被打开（或上次未正常关闭），不能覆盖。请关闭打开它的程序，或换一个文件名。",
            dest.display()
        )));
    }
    files::write_with(dest, replace, Privacy::Private, |tmp| {
        let mut target = Connection::open_with_flags(tmp, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        {
            let b = rusqlite::backup::Backup::new(conn, &mut target)?;
            b.run_to_completion(1024, std::time::Duration::from_millis(0), None)?;
        }
        super::integrity::require_ok(&target, dest)?;
        // A copy at rest: rollback journal, so that whoever opens it leaves no -wal beside it.
        let _mode: String = target.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        target.close().map_err(|(_, e)| e)?;
        Ok(())
    })
}

/// Copies the file aside as `<name>.v<N>-<timestamp>.bak` before migrating it.
pub(super) fn before_migration(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dest = path.with_file_name(format!("{file_name}.v{version}-{}.bak", files::stamp()));
    copy(conn, &dest, Replace::No)?;
    Ok(dest)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

impl Db {
    /// Replaces the whole database with the pages of `source` (SQLite's online backup into this
    /// connection). The pages are written in one write transaction of this file: a kill or a power
    /// cut before it commits leaves the file as it was (WAL recovery drops the uncommitted frames).
    /// A source with an older schema is then migrated. The caller checks `source` first (see
    /// [`crate::snapshots::restore`]); nothing is audited here, as the audit trail itself is
    /// replaced by the source's.
    pub fn restore_from(&mut self, source: &Connection) -> Result<()> {
        if self.read_only {
            let what =
                self.path.as_ref().map_or_else(|| "数据库文件".to_string(), |p| format!("数据库文件 {}", p.display()));
            return Err(Error::ReadOnly(what));
        }
        super::set_query_only(&self.conn, false)?;
        // A snapshot from before an upgrade is brought up to this program's schema at once, as
        // opening it would (in one transaction of its own: a failure leaves the older version,
        // which the next open migrates).
        let result = restore_pages(source, &mut self.conn).and_then(|()| super::migrations::apply(&mut self.conn));
        let restored = super::set_query_only(&self.conn, true);
        result?;
        restored?;
        Ok(())
    }
}

/// Copies every page of `source` into `dest` in one step (so in one transaction of `dest`),
/// waiting a little while another connection holds `dest`'s write lock.
fn restore_pages(source: &Connection, dest: &mut Connection) -> Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let b = Backup::new(source, dest)?;
    for _ in 0..50 {
        match b.step(-1)? {
            StepResult::Done => return Ok(()),
            // Busy or locked: another connection is writing; More cannot follow a step of -1.
            _ => std::thread::sleep(std::time::Duration::from_millis(100)),
        }
    }
    Err(Error::Busy)
}
