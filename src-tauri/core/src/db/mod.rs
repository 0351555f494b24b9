//! The committee store: one SQLite file per committee.
//!
//! Opening a file (see `open.rs`): the folder must exist and the file must be new or a Huiwu file
//! (`identity`), both decided before anything is written; a file not closed cleanly last time
//! (`marker`) is checked whole first (`integrity`); a file written by a newer program is refused;
//! an older one is checked, copied aside (`backup`) and migrated in one transaction. Then the
//! pragmas (WAL, `synchronous=FULL`, foreign keys, a busy timeout). Writes go through
//! [`Db::write`], which hands out a [`Tx`] that records the audit trail in the same transaction.
//! Outside `write` the connection is `PRAGMA query_only`: a statement that would change the file
//! through [`Db::conn`] fails (SQLITE_READONLY) instead of writing a change with no audit row.

mod backup;
pub mod dependents;
mod identity;
pub mod integrity;
mod marker;
mod migrations;
mod open;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
pub use identity::APPLICATION_ID;
pub use integrity::{check_file, IntegrityReport};
pub use migrations::{Migration, MIGRATIONS};

/// The schema version this program writes: the number of the last migration.
pub fn schema_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub struct Db {
    // Field order is drop order: the connection closes (and checkpoints) before the marker that
    // says the file is open goes.
    conn: Connection,
    /// Held for its `Drop`, which removes the marker when the last process closes the file.
    _marker: Option<marker::OpenMarker>,
    path: Option<PathBuf>,
    operator: String,
    /// Opened to read only (`open_read_only`, or a file the user may not write): `write` refuses.
    read_only: bool,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).field("operator", &self.operator).finish()
    }
}

/// What opening did to the file, for the caller to tell the user.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    pub created: bool,
    pub migrated_from: Option<u32>,
    pub backup: Option<PathBuf>,
    /// The whole file was checked on the way in (after an unclean close, or before a migration).
    pub checked: bool,
    /// The last session did not close the file (a kill, a crash, a power cut).
    pub unclean: bool,
}

impl Db {
    /// Opens an existing committee file for reading and writing and brings its schema up to
    /// date. A missing file or folder is an error: files are made only by [`Db::create`].
    pub fn open(path: &Path) -> Result<Db> {
        Self::open_with_report(path).map(|(db, _)| db)
    }

    pub fn open_with_report(path: &Path) -> Result<(Db, OpenReport)> {
        open::open(path, MIGRATIONS, open::Access::ReadWrite)
    }

    /// Makes a new committee file at `path` (mode 0600 on Unix) with the full schema. The folder
    /// must exist; an existing file is refused unless it is empty (0 bytes).
    pub fn create(path: &Path) -> Result<Db> {
        open::create(path, MIGRATIONS).map(|(db, _)| db)
    }

    /// Opens a committee file to read only (`info`, lists, exports): nothing can be written
    /// through it, and it leaves no `-wal`/`-shm` files behind, even on a file the user may not
    /// write. A file that needs a migration is opened for writing, as [`Db::open`] does.
    pub fn open_read_only(path: &Path) -> Result<Db> {
        open::open(path, MIGRATIONS, open::Access::ReadOnly).map(|(db, _)| db)
    }

    /// A private in-memory database with the full schema: for tests and scratch work.
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        let mut db = Db { conn, _marker: None, path: None, operator: default_operator(), read_only: false };
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
    ///
    /// Another connection writing holds the file for at most the busy timeout; if it is reached
    /// before the transaction begins (nothing done yet, so safe to repeat) it is tried once more,
    /// then [`Error::Busy`] says in Chinese what is holding the file.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            let what =
                self.path.as_ref().map_or_else(|| "数据库文件".to_string(), |p| format!("数据库文件 {}", p.display()));
            return Err(Error::ReadOnly(what));
        }
        set_query_only(&self.conn, false)?;
        let result: Result<T> = (|| {
            let tx = match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Ok(tx) => tx,
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                    ) =>
                {
                    Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?
                }
                Err(e) => return Err(e.into()),
            };
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

    /// Calls `notify` after each committed transaction of this connection that changed a row
    /// (not after reads): how the hall display (大屏) hears of a check-in or a merge at this laptop.
    /// Replaces an earlier notifier; it goes with the connection.
    pub fn notify_changes(&mut self, notify: impl Fn() + Send + 'static) -> Result<()> {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let changed = Arc::new(AtomicBool::new(false));
        let mark = Arc::clone(&changed);
        self.conn.update_hook(Some(move |_, _: &str, _: &str, _: i64| mark.store(true, Ordering::Relaxed)))?;
        self.conn.commit_hook(Some(move || {
            if changed.swap(false, Ordering::Relaxed) {
                notify();
            }
            false
        }))?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(user_version(&self.conn)?)
    }

    /// The whole-file check on this connection (`huiwu check`).
    pub fn check(&self) -> Result<IntegrityReport> {
        integrity::report(&self.conn)
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
        self.audit_as(self.operator, entity, entity_id, action, old, new)
    }

    /// Records one change in the audit trail under another operator's name: a change another
    /// laptop made (a station's check-in merged into the committee file, see `stations`).
    pub fn audit_as<O: Serialize + ?Sized, N: Serialize + ?Sized>(
        &self,
        operator: &str,
        entity: &str,
        entity_id: impl ToString,
        action: &str,
        old: Option<&O>,
        new: Option<&N>,
    ) -> Result<()> {
        let old = old.map(serde_json::to_string).transpose().map_err(json_err)?;
        let new = new.map(serde_json::to_string).transpose().map_err(json_err)?;
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (at, operator, entity, entity_id, action, old_value, new_value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(rusqlite::params![now(), operator, entity, entity_id.to_string(), action, old, new])?;
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

/// Outside [`Db::write`] the connection refuses changes; `write` lifts this for its transaction.
pub(super) fn set_query_only(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    conn.pragma_update(None, "query_only", on)
}

pub(crate) fn default_operator() -> String {
    std::env::var("HUIWU_OPERATOR").ok().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "系统".to_string())
}

fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::Corrupt { path: path.to_path_buf(), detail: e.to_string() }
        }
        _ => Error::from(e),
    }
}

#[cfg(test)]
mod tests;
