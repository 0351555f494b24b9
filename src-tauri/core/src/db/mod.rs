//! The committee store: one SQLite file per committee.
//!
//! Every open sets the pragmas (WAL, `synchronous=FULL`, foreign keys, a busy timeout), checks the
//! file's integrity, refuses a file written by a newer program, copies the file aside and then
//! applies the pending numbered migrations in one transaction (all or nothing). Writes go through
//! [`Db::write`], which hands out a [`Tx`] that records the audit trail in the same transaction.
//! Outside `write` the connection is `PRAGMA query_only`: a statement that would change the file
//! through [`Db::conn`] fails (SQLITE_READONLY) instead of writing a change with no audit row.

mod migrations;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};
use serde::Serialize;

use crate::error::{Error, Result};
pub use migrations::{Migration, MIGRATIONS};

/// The schema version this program writes: the number of the last migration.
pub fn schema_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub struct Db {
    conn: Connection,
    path: Option<PathBuf>,
    operator: String,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).field("operator", &self.operator).finish()
    }
}

/// What [`Db::open`] did to the file, for the caller to tell the user.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    pub created: bool,
    pub migrated_from: Option<u32>,
    pub backup: Option<PathBuf>,
}

impl Db {
    /// Opens (creating if missing, with mode 0600 on Unix) the database file at `path` and brings
    /// its schema up to date.
    pub fn open(path: &Path) -> Result<Db> {
        Self::open_with_report(path).map(|(db, _)| db)
    }

    pub fn open_with_report(path: &Path) -> Result<(Db, OpenReport)> {
        Self::open_with_migrations(path, MIGRATIONS)
    }

    fn open_with_migrations(path: &Path, list: &[Migration]) -> Result<(Db, OpenReport)> {
        let mut report = OpenReport::default();
        if !path.exists() {
            create_private_file(path)?;
            report.created = true;
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| classify_open_error(path, e))?;
        configure(&conn).map_err(|e| classify_open_error(path, e))?;
        check_integrity(&conn, path)?;
        let found = user_version(&conn).map_err(|e| classify_open_error(path, e))?;
        let supported = list.last().map_or(0, |m| m.version);
        if found > supported {
            return Err(Error::DbTooNew { found, supported });
        }
        if found < supported && found > 0 {
            report.backup = Some(backup_before_migration(&conn, path, found)?);
            report.migrated_from = Some(found);
        }
        let mut db = Db { conn, path: Some(path.to_path_buf()), operator: default_operator() };
        migrations::apply_list(&mut db.conn, list)?;
        set_query_only(&db.conn, true)?;
        Ok((db, report))
    }

    /// A private in-memory database with the full schema: for tests and scratch work.
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let mut db = Db { conn, path: None, operator: default_operator() };
        migrations::apply(&mut db.conn)?;
        set_query_only(&db.conn, true)?;
        Ok(db)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read access: the connection is query-only here (any INSERT, UPDATE, DELETE or schema
    /// change fails). Writes go through [`Db::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Tests only: the connection with writes allowed, for fixtures that insert rows with SQL
    /// (no audit row) before the code under test runs. The next [`Db::write`] makes it read-only again.
    #[cfg(test)]
    pub(crate) fn fixture_conn(&self) -> &Connection {
        set_query_only(&self.conn, false).expect("lift query_only");
        &self.conn
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// The name recorded in the audit trail for the changes that follow.
    pub fn set_operator(&mut self, name: &str) {
        let name = name.trim();
        self.operator = if name.is_empty() { default_operator() } else { name.to_string() };
    }

    /// Runs `f` in one IMMEDIATE transaction and commits (durably: `synchronous=FULL`) when it
    /// returns `Ok`; on `Err` nothing of it is written, audit rows included.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        set_query_only(&self.conn, false)?;
        let result: Result<T> = (|| {
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let wrapped = Tx { tx, operator: &self.operator };
            let value = f(&wrapped)?;
            wrapped.tx.commit()?;
            Ok(value)
        })();
        let restored = set_query_only(&self.conn, true);
        let value = result?;
        restored?;
        Ok(value)
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(user_version(&self.conn)?)
    }

    /// A consistent copy of the whole database into `dest` (SQLite's online backup).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        backup(&self.conn, dest)
    }
}

/// A write transaction that knows who is writing. Derefs to the connection for queries.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    operator: &'a str,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    pub fn operator(&self) -> &str {
        self.operator
    }

    /// Records one change in the audit trail, inside this transaction.
    pub fn audit<O: Serialize + ?Sized, N: Serialize + ?Sized>(
        &self,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        old: Option<&O>,
        new: Option<&N>,
    ) -> Result<()> {
        let old = old.map(serde_json::to_string).transpose().map_err(json_err)?;
        let new = new.map(serde_json::to_string).transpose().map_err(json_err)?;
        self.tx.execute(
            "INSERT INTO audit_log (at, operator, entity, entity_id, action, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![now(), self.operator, entity, entity_id.to_string(), action, old, new],
        )?;
        Ok(())
    }
}

fn json_err(e: serde_json::Error) -> Error {
    Error::internal("记录审计日志", e)
}

/// The current local time as RFC 3339, the form every `*_at` column holds.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn default_operator() -> String {
    std::env::var("HUIWU_OPERATOR").ok().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "系统".to_string())
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // journal_mode answers with a row; in-memory databases answer "memory".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Outside [`Db::write`] the connection refuses changes; `write` lifts this for its transaction.
fn set_query_only(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    conn.pragma_update(None, "query_only", on)
}

fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn check_integrity(conn: &Connection, path: &Path) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| classify_open_error(path, e))?;
    let lines: Vec<String> =
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| classify_open_error(path, e))?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt { path: path.to_path_buf(), detail: lines.join("；") })
    }
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::Corrupt { path: path.to_path_buf(), detail: e.to_string() }
        }
        _ => Error::Sqlite(e),
    }
}

fn create_private_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| Error::io(path, e))
}

/// Copies the file aside as `<name>.v<N>-<timestamp>.bak` before migrating it.
fn backup_before_migration(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dest = path.with_file_name(format!("{file_name}.v{version}-{stamp}.bak"));
    backup(conn, &dest)?;
    Ok(dest)
}

fn backup(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::AlreadyExists(dest.to_path_buf()));
    }
    create_private_file(dest)?;
    let mut target = Connection::open(dest)?;
    let b = rusqlite::backup::Backup::new(conn, &mut target)?;
    b.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
    Ok(())
}

#[cfg(test)]
mod tests;
