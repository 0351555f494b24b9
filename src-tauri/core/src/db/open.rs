//! Opening and creating committee files (see the module documentation of `db`).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, MAIN_DB};

use super::identity::{self, Kind, OnDisk};
use super::marker::{LastClose, OpenMarker};
use super::{backup, default_operator, integrity, migrations, Db, Migration, OpenReport};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    ReadWrite,
    ReadOnly,
}

pub(super) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // journal_mode answers with a row; in-memory databases answer "memory".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Makes a new file (or takes a 0-byte one) and gives it the schema.
pub(super) fn create(path: &Path, list: &[Migration]) -> Result<(Db, OpenReport)> {
    folder(path)?;
    match std::fs::metadata(path) {
        Ok(m) if m.len() > 0 => return Err(Error::AlreadyExists(path.to_path_buf())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_private_file(path)?,
        Err(e) => return Err(Error::io(path, e)),
    }
    let (db, mut report) = open_inner(path, list, Access::ReadWrite, true)?;
    report.created = true;
    Ok((db, report))
}

pub(super) fn open(path: &Path, list: &[Migration], access: Access) -> Result<(Db, OpenReport)> {
    open_inner(path, list, access, false)
}

fn open_inner(path: &Path, list: &[Migration], access: Access, creating: bool) -> Result<(Db, OpenReport)> {
    folder(path)?;
    let on_disk = identity::inspect(path)?;
    if on_disk == OnDisk::Empty && !creating {
        return Err(Error::DbMissing(path.to_path_buf()));
    }
    let supported = list.last().map_or(0, |m| m.version);
    if !can_write(path) {
        // Even a connection that fails to write would leave -wal/-shm files behind with the
        // file's read-only mode: a file we may not write is only ever opened the immutable way.
        return match access {
            Access::ReadOnly => open_unwritable(path, supported),
            Access::ReadWrite => Err(Error::ReadOnly(format!("数据库文件 {}", path.display()))),
        };
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| super::classify_open_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Everything up to here only read the file.
    let kind = identity::classify(&conn, path, supported).map_err(|e| sqlite_in(path, e))?;
    if kind == Kind::New && !creating {
        return Err(Error::DbMissing(path.to_path_buf()));
    }
    if conn.is_readonly(MAIN_DB)? {
        return Err(Error::ReadOnly(format!("数据库文件 {}", path.display())));
    }
    let (marker, last) = OpenMarker::acquire(path);
    let mut report = OpenReport { unclean: last == LastClose::Unclean, ..OpenReport::default() };
    let old_version = match kind {
        Kind::Huiwu { version } if version < supported => Some(version),
        _ => None,
    };
    if last != LastClose::Clean || old_version.is_some() {
        integrity::require_ok(&conn, path)?;
        report.checked = true;
    }
    if let Some(found) = old_version {
        report.backup = Some(backup::before_migration(&conn, path, found)?);
        report.migrated_from = Some(found);
    }
    configure(&conn).map_err(|e| super::classify_open_error(path, e))?;
    let read_only = access == Access::ReadOnly;
    let mut db = Db { conn, _marker: marker, path: Some(path.to_path_buf()), operator: default_operator(), read_only };
    migrations::apply_list(&mut db.conn, list)?;
    // Outside `Db::write` nothing can change the file (see `Db::write`).
    super::set_query_only(&db.conn, true)?;
    Ok((db, report))
}

/// A file we may not write. SQLite would make `-wal` and `-shm` files with the database's own
/// read-only mode and leave them behind (after which nobody could write the file even once it is
/// writable again). A file nobody may write cannot change under us: it is opened `immutable`,
/// which makes no file at all; only when a `-wal` is already there (its frames must be read) is it
/// opened the ordinary read-only way, through the files already there.
fn open_unwritable(path: &Path, supported: u32) -> Result<(Db, OpenReport)> {
    let wal_waiting = identity::wal_path(path).exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let target = if wal_waiting { path.display().to_string() } else { immutable_uri(path) };
    let conn = Connection::open_with_flags(&target, flags).map_err(|e| super::classify_open_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    match identity::classify(&conn, path, supported).map_err(|e| sqlite_in(path, e))? {
        Kind::Huiwu { version } if version == supported => {}
        Kind::Huiwu { .. } => {
            return Err(Error::ReadOnly(format!("数据库文件 {}（它需要升级到本程序的版本）", path.display())))
        }
        Kind::New => return Err(Error::DbMissing(path.to_path_buf())),
    }
    let mut report = OpenReport::default();
    if OpenMarker::peek(path) != LastClose::Clean {
        report.unclean = true;
        integrity::require_ok(&conn, path)?;
        report.checked = true;
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA query_only = ON;")?;
    Ok((
        Db { conn, _marker: None, path: Some(path.to_path_buf()), operator: default_operator(), read_only: true },
        report,
    ))
}

fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut s = String::from("file:");
    for c in abs.display().to_string().chars() {
        match c {
            '%' => s.push_str("%25"),
            '?' => s.push_str("%3f"),
            '#' => s.push_str("%23"),
            '\\' => s.push('/'),
            c => s.push(c),
        }
    }
    s.push_str("?immutable=1");
    s
}

/// Opening the file for writing changes nothing; it tells whether we may (permissions, a
/// read-only mount, a write-protected stick).
fn can_write(path: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// The folder must exist: a missing one is an unplugged USB stick, never something to create.
fn folder(path: &Path) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::FolderMissing(dir));
    }
    Ok(dir)
}

fn sqlite_in(path: &Path, e: Error) -> Error {
    match e {
        Error::Sqlite(e) => super::classify_open_error(path, e),
        other => other,
    }
}

fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| Error::io(path, e))
}
