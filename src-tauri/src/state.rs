//! The window's one open database, shared by every command, the whole-file check that runs
//! beside it on a thread of its own, and the automatic snapshots (one when the file is opened,
//! then hourly while changes are made) taken by another thread through the same lock.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use huiwu_core::db::{self, IntegrityReport};
use huiwu_core::overview::{self, Status};
use huiwu_core::snapshots::{self, Reason};
use huiwu_core::{Db, Error};

use crate::error::{IpcError, IpcResult};

/// How often the window checks the whole file again while it stays open.
const CHECK_EVERY: Duration = Duration::from_secs(6 * 3600);
/// The first check waits until the window has drawn and the user has started working.
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(5);
/// The snapshot of the file as opened waits for the first paint; then the hourly rule is looked
/// at this often (a snapshot is taken only when the newest is an hour old and changes were made).
const FIRST_SNAPSHOT_AFTER: Duration = Duration::from_secs(3);
const SNAPSHOT_EVERY: Duration = Duration::from_secs(600);

pub struct AppState {
    pub db_path: PathBuf,
    /// Shared (weakly) with the snapshot thread, which takes the same lock as every command.
    db: Arc<Mutex<Option<Db>>>,
    /// Why the file could not be opened at start-up (too new, corrupt, not a database...).
    open_error: Mutex<Option<IpcError>>,
    /// The latest background check of the whole file (None until the first one has run).
    integrity: Arc<Mutex<Option<IntegrityReport>>>,
    snapshots_started: AtomicBool,
}

impl AppState {
    /// Opens the file if it exists. A missing (or 0-byte) file is not created here: the window
    /// offers to create a committee or the demo, and the file is made when the user asks.
    pub fn open(db_path: PathBuf) -> AppState {
        let (db, open_error) = match crate::open_db(&db_path) {
            Ok(db) => (Some(db), None),
            Err(Error::DbMissing(_)) => (None, None),
            Err(e) => (None, Some(IpcError::from(e))),
        };
        let state = AppState {
            db_path,
            db: Arc::new(Mutex::new(db)),
            open_error: Mutex::new(open_error),
            integrity: Arc::new(Mutex::new(None)),
            snapshots_started: AtomicBool::new(false),
        };
        state.start_checks();
        state
    }

    /// Runs `f` on the open database; the error becomes `{code, message}`.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> huiwu_core::Result<T>) -> IpcResult<T> {
        let mut guard = self.db.lock().map_err(|_| poisoned())?;
        match guard.as_mut() {
            Some(db) => f(db).map_err(IpcError::from),
            None => Err(self.open_error().unwrap_or_else(|| IpcError::from(Error::NoCommittee))),
        }
    }

    /// The home page's status; on a file not made yet, that it is new (no overview).
    pub fn status(&self) -> IpcResult<Status> {
        let guard = self.db.lock().map_err(|_| poisoned())?;
        match guard.as_ref() {
            Some(db) => overview::status(db).map_err(IpcError::from),
            None => match self.open_error() {
                Some(e) => Err(e),
                None => Ok(overview::status_of_new_file(&self.db_path)),
            },
        }
    }

    /// 建立新的委员会: on a file not made yet, makes it first (the user asked for it now).
    pub fn create_committee(&self, c: &huiwu_core::committee::Committee) -> IpcResult<Status> {
        let mut guard = self.db.lock().map_err(|_| poisoned())?;
        if let Some(e) = self.open_error() {
            return Err(e);
        }
        if guard.is_none() {
            crate::prepare_folder(&self.db_path)?;
            let mut db = Db::create(&self.db_path)?;
            if let Err(e) = huiwu_core::committee::create(&mut db, c) {
                drop(db);
                // Nothing half-made: the file we just created goes again.
                let _ = std::fs::remove_file(&self.db_path);
                return Err(e.into());
            }
            *guard = Some(db);
            drop(guard);
            self.start_checks();
            return self.status();
        }
        let db = guard.as_mut().ok_or_else(|| IpcError::from(Error::NoCommittee))?;
        huiwu_core::committee::create(db, c)?;
        Ok(overview::status(db)?)
    }

    /// Builds the demo in the file, which must not have been refused at start-up and must hold
    /// no committee; a file that failed to open is never replaced.
    pub fn load_demo(&self) -> IpcResult<Status> {
        let mut guard = self.db.lock().map_err(|_| poisoned())?;
        if let Some(e) = self.open_error() {
            return Err(e);
        }
        if let Some(db) = guard.as_ref() {
            if huiwu_core::committee::get(db.conn()).map_err(IpcError::from)?.is_some() {
                return Err(IpcError::from(Error::Conflict("当前数据库已有委员会，不能再载入示例数据。".into())));
            }
        }
        *guard = None; // close the file before it is replaced
        crate::prepare_folder(&self.db_path)?;
        let built = huiwu_core::demo::create_file(&self.db_path, true);
        let reopened = crate::open_db(&self.db_path);
        if let Err(e) = built {
            *guard = reopened.ok();
            return Err(e.into());
        }
        let db = reopened?;
        let status = overview::status(&db)?;
        *guard = Some(db);
        drop(guard);
        self.start_checks();
        Ok(status)
    }

    pub fn open_error(&self) -> Option<IpcError> {
        self.open_error.lock().ok().and_then(|e| e.clone())
    }

    /// The latest whole-file check, if one has run.
    pub fn integrity(&self) -> Option<IntegrityReport> {
        self.integrity.lock().ok().and_then(|r| r.clone())
    }

    /// Closes the file cleanly (the window is closing): SQLite checkpoints and removes its
    /// `-wal`, and the marker that says the file is open goes.
    pub fn close(&self) {
        if let Ok(mut guard) = self.db.lock() {
            *guard = None;
        }
    }

    /// Checks the whole file on a thread of its own, a few seconds after opening and then every
    /// few hours, on a connection that only reads: the window goes on working meanwhile.
    fn start_checks(&self) {
        let opened = self.db.lock().map(|g| g.is_some()).unwrap_or(false);
        if !opened {
            return;
        }
        self.start_snapshots();
        let path = self.db_path.clone();
        let slot = Arc::clone(&self.integrity);
        let _ = std::thread::Builder::new().name("integrity-check".into()).spawn(move || {
            std::thread::sleep(FIRST_CHECK_AFTER);
            loop {
                let report = match db::check_file(&path) {
                    Ok(r) => r,
                    Err(e) => {
                        IntegrityReport { ok: false, problems: vec![e.to_string()], checked_at: db::now(), millis: 0 }
                    }
                };
                if let Ok(mut s) = slot.lock() {
                    *s = Some(report);
                }
                std::thread::sleep(CHECK_EVERY);
            }
        });
    }
}

impl AppState {
    /// Takes the snapshot of the file as it was opened (at most one a day), then every ten minutes
    /// looks whether an hourly one is due; on a thread of its own, through the lock every command
    /// takes, so a snapshot never sees half of a command. Started once; it ends with the state.
    fn start_snapshots(&self) {
        if self.snapshots_started.swap(true, Ordering::SeqCst) {
            return;
        }
        let db: Weak<Mutex<Option<Db>>> = Arc::downgrade(&self.db);
        let _ = std::thread::Builder::new().name("snapshots".into()).spawn(move || {
            std::thread::sleep(FIRST_SNAPSHOT_AFTER);
            let mut reason = Reason::Open;
            loop {
                let Some(db) = db.upgrade() else { return };
                if let Ok(guard) = db.lock() {
                    if let Some(db) = guard.as_ref() {
                        snapshots::before(db, reason);
                        reason = Reason::Hourly;
                    }
                }
                drop(db);
                std::thread::sleep(SNAPSHOT_EVERY);
            }
        });
    }
}

fn poisoned() -> IpcError {
    IpcError::from(Error::internal("打开的数据库", "数据库锁已失效"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_never_replaces_a_file_that_failed_to_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("会务.db");
        std::fs::write(&path, vec![0x50u8; 4096]).expect("a file that is not a committee file");
        let state = AppState::open(path.clone());
        let err = state.load_demo().expect_err("the demo is refused");
        assert_eq!(err.code, "not_a_database", "the reason the file was refused: {}", err.message);
        assert_eq!(std::fs::read(&path).expect("read"), vec![0x50u8; 4096], "the file is untouched");
    }

    #[test]
    fn a_missing_file_is_made_only_when_the_user_creates_a_committee() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("会务.db");
        let state = AppState::open(path.clone());
        let status = state.status().expect("status of a new file");
        assert!(status.overview.is_none(), "the window offers to create a committee");
        assert!(!path.exists(), "opening the window makes no file");
        let c = huiwu_core::committee::Committee {
            name: "政协测试县第一届委员会".into(),
            short_name: String::new(),
            term_number: 1,
            term_start: None,
            term_end: None,
            secretariat: String::new(),
        };
        let status = state.create_committee(&c).expect("create");
        assert_eq!(status.overview.map(|o| o.committee.name), Some("政协测试县第一届委员会".to_string()));
        assert!(path.exists(), "建立新的委员会 makes the file");
    }

    #[test]
    fn the_window_takes_a_snapshot_of_the_file_it_opened_a_few_seconds_later() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("会务.db");
        let mut db = Db::create(&path).expect("create");
        huiwu_core::committee::create(&mut db, &huiwu_core::demo::demo_committee()).expect("committee");
        drop(db);
        let state = AppState::open(path.clone());
        let started = std::time::Instant::now();
        while snapshots::list(&path).is_empty() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(200));
        }
        let list = snapshots::list(&path);
        assert_eq!(list.len(), 1, "one snapshot after opening: {list:?}");
        assert_eq!(list[0].reason, Reason::Open);
        assert!(state.with_db(|db| db.check()).expect("check").ok, "the window's file is untouched and whole");
        state.close();
    }

    #[test]
    fn a_folder_that_is_gone_is_refused_at_start_and_not_made() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("U盘").join("会务.db");
        let state = AppState::open(path);
        let err = state.status().expect_err("refused");
        assert_eq!(err.code, "folder_missing");
        assert!(!dir.path().join("U盘").exists());
    }
}
