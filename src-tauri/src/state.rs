//! The window's one open database, shared by every command, the whole-file check that runs
//! beside it on a thread of its own, and the automatic snapshots (one when the file is opened,
//! then hourly while changes are made) taken by another thread through the same lock.
//!
//! The window does not wait for the file: it is opened on a thread of its own while the window
//! and its page are made (`AppState::new` then `open_file`), and every command that needs it waits
//! until that open has ended (the page says «正在打开数据库……» meanwhile), so the checks of the
//! open — the whole-file check after an unclean close, a migration with its copy, a refused file —
//! run as before, only beside the first paint instead of before it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
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
    /// The file the window has open (or will make, on a new file); changed by [`AppState::switch_to`].
    db_path: Mutex<PathBuf>,
    /// Shared (weakly) with the snapshot thread, which takes the same lock as every command.
    db: Arc<Mutex<Option<Db>>>,
    /// Why the file could not be opened at start-up (too new, corrupt, not a database...).
    open_error: Mutex<Option<IpcError>>,
    /// The latest background check of the whole file (None until the first one has run).
    integrity: Arc<Mutex<Option<IntegrityReport>>>,
    /// Bumped each time the checks are started for a file: the check and snapshot threads of an
    /// earlier file (or an earlier start) see it changed and end.
    generation: Arc<AtomicU64>,
    /// Whether the open of the file at start-up has ended (well or not): until then `db` and
    /// `open_error` say nothing yet, and whoever needs them waits ([`AppState::lock_db`]).
    opened: Gate,
}

/// A door that opens once: `wait` returns when `open` has been called (at once after that).
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    cv: Condvar,
}

impl Gate {
    fn open(&self) {
        // A poisoned lock still opens the door: nobody may wait for ever.
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        *open = true;
        self.cv.notify_all();
    }

    fn wait(&self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while !*open {
            open = self.cv.wait(open).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Opens the gate when dropped: the open of the file ends the wait of every command even if it
/// panicked, and then the window says the file could not be opened (never that it is a new one).
struct OpenOnDrop<'a>(&'a AppState);

impl Drop for OpenOnDrop<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Ok(mut slot) = self.0.open_error.lock() {
                *slot = Some(IpcError::from(Error::internal("打开数据库", "打开文件时程序出错")));
            }
        }
        self.0.opened.open();
    }
}

impl AppState {
    /// The state of a window whose file is not opened yet: commands wait until [`AppState::open_file`]
    /// has ended.
    pub fn new(db_path: PathBuf) -> AppState {
        AppState {
            db_path: Mutex::new(db_path),
            db: Arc::new(Mutex::new(None)),
            open_error: Mutex::new(None),
            integrity: Arc::new(Mutex::new(None)),
            generation: Arc::new(AtomicU64::new(0)),
            opened: Gate::default(),
        }
    }

    /// Opens the file if it exists, with every check of an open (see `Db::open`), then lets the
    /// waiting commands in. A missing (or 0-byte) file is not created here: the window offers to
    /// create a committee or the demo, and the file is made when the user asks. Called once, on
    /// the thread that opens the file while the window is being made.
    pub fn open_file(&self) {
        let _gate = OpenOnDrop(self);
        let opened = crate::open_db(&self.db_path());
        let refuse = |e: IpcError| {
            if let Ok(mut slot) = self.open_error.lock() {
                *slot = Some(e);
            }
        };
        match opened {
            Ok(db) => match self.db.lock() {
                Ok(mut guard) => *guard = Some(db),
                Err(_) => refuse(poisoned()),
            },
            Err(Error::DbMissing(_)) => {}
            Err(e) => refuse(IpcError::from(e)),
        }
        self.start_checks();
    }

    /// Opens the file now, on this thread: [`AppState::new`] and [`AppState::open_file`] in one.
    #[cfg(test)]
    pub fn open(db_path: PathBuf) -> AppState {
        let state = AppState::new(db_path);
        state.open_file();
        state
    }

    /// The lock of the open file, once the open at start-up has ended.
    fn lock_db(&self) -> IpcResult<MutexGuard<'_, Option<Db>>> {
        self.opened.wait();
        self.db.lock().map_err(|_| poisoned())
    }

    /// Whether a file is open (false while none is, and also when the lock has failed).
    fn has_db(&self) -> bool {
        self.lock_db().map(|g| g.is_some()).unwrap_or(false)
    }

    /// Runs `f` on the open database; the error becomes `{code, message}`.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> huiwu_core::Result<T>) -> IpcResult<T> {
        let mut guard = self.lock_db()?;
        match guard.as_mut() {
            Some(db) => f(db).map_err(IpcError::from),
            None => Err(self.open_error().unwrap_or_else(|| IpcError::from(Error::NoCommittee))),
        }
    }

    /// The home page's status; on a file not made yet, that it is new (no overview).
    pub fn status(&self) -> IpcResult<Status> {
        let guard = self.lock_db()?;
        match guard.as_ref() {
            Some(db) => overview::status(db).map_err(IpcError::from),
            None => match self.open_error() {
                Some(e) => Err(e),
                None => Ok(overview::status_of_new_file(&self.db_path())),
            },
        }
    }

    /// 建立新的委员会: on a file not made yet, makes it first (the user asked for it now).
    pub fn create_committee(&self, c: &huiwu_core::committee::Committee) -> IpcResult<Status> {
        let mut guard = self.lock_db()?;
        if let Some(e) = self.open_error() {
            return Err(e);
        }
        if guard.is_none() {
            let db_path = self.db_path();
            crate::prepare_folder(&db_path)?;
            let mut db = Db::create(&db_path)?;
            if let Err(e) = huiwu_core::committee::create(&mut db, c) {
                drop(db);
                // Nothing half-made: the file we just created goes again.
                let _ = std::fs::remove_file(&db_path);
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
        let mut guard = self.lock_db()?;
        if let Some(e) = self.open_error() {
            return Err(e);
        }
        if let Some(db) = guard.as_ref() {
            if huiwu_core::committee::get(db.conn()).map_err(IpcError::from)?.is_some() {
                return Err(IpcError::from(Error::Conflict("当前数据库已有委员会，不能再载入示例数据。".into())));
            }
        }
        *guard = None; // close the file before it is replaced
        let db_path = self.db_path();
        crate::prepare_folder(&db_path)?;
        let built = huiwu_core::demo::create_file(&db_path, true);
        let reopened = crate::open_db(&db_path);
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
        self.opened.wait();
        self.open_error.lock().ok().and_then(|e| e.clone())
    }

    /// The latest whole-file check, if one has run.
    pub fn integrity(&self) -> Option<IntegrityReport> {
        self.integrity.lock().ok().and_then(|r| r.clone())
    }

    /// Closes the file cleanly (the window is closing): SQLite checkpoints and removes its
    /// `-wal`, and the marker that says the file is open goes.
    pub fn close(&self) {
        if let Ok(mut guard) = self.lock_db() {
            *guard = None;
        }
    }

    /// Checks the whole file on a thread of its own, a few seconds after opening and then every
    /// few hours, on a connection that only reads: the window goes on working meanwhile. The
    /// threads of an earlier file end: each belongs to one generation.
    /// Called by the open itself (before the gate opens) and after a file is made or replaced.
    fn start_checks(&self) {
        let opened = self.db.lock().map(|g| g.is_some()).unwrap_or(false);
        if !opened {
            return;
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.start_snapshots(generation);
        let current = Arc::clone(&self.generation);
        let path = self.db_path();
        let slot = Arc::clone(&self.integrity);
        let _ = std::thread::Builder::new().name("integrity-check".into()).spawn(move || {
            std::thread::sleep(FIRST_CHECK_AFTER);
            while current.load(Ordering::SeqCst) == generation {
                let report = match db::check_file(&path) {
                    Ok(r) => r,
                    Err(e) => {
                        IntegrityReport { ok: false, problems: vec![e.to_string()], checked_at: db::now(), millis: 0 }
                    }
                };
                if let Ok(mut s) = slot.lock() {
                    // A report on a file the window has left would be shown for the new one.
                    if current.load(Ordering::SeqCst) == generation {
                        *s = Some(report);
                    }
                }
                std::thread::sleep(CHECK_EVERY);
            }
        });
    }

    /// Takes the snapshot of the file as it was opened (at most one a day), then every ten minutes
    /// looks whether an hourly one is due; on a thread of its own, through the lock every command
    /// takes, so a snapshot never sees half of a command. It ends with the state, or when another
    /// file is opened (whose own thread takes over).
    fn start_snapshots(&self, generation: u64) {
        let db: Weak<Mutex<Option<Db>>> = Arc::downgrade(&self.db);
        let current = Arc::clone(&self.generation);
        let _ = std::thread::Builder::new().name("snapshots".into()).spawn(move || {
            std::thread::sleep(FIRST_SNAPSHOT_AFTER);
            let mut reason = Reason::Open;
            loop {
                let Some(db) = db.upgrade() else { return };
                if let Ok(guard) = db.lock() {
                    if current.load(Ordering::SeqCst) != generation {
                        return;
                    }
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

impl AppState {
    /// The path of the file the window has open.
    pub fn db_path(&self) -> PathBuf {
        self.db_path.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// 打开其他委员会文件: opens `path` with the checks made at start (a file that is not Huiwu's,
    /// too new, damaged, missing or in a folder that is gone is refused) and only then puts it in
    /// place of the open one, which stays open when the new one is refused.
    pub fn switch_to(&self, path: &Path) -> IpcResult<Status> {
        if self.is_open(path) {
            return self.status();
        }
        let db = crate::open_db(path)?;
        self.replace_with(db, path)
    }

    /// 新建委员会文件: makes an empty committee file at `path` (refused if a file that holds
    /// anything is there) and opens it in place of the open one; the window then offers to create
    /// its committee.
    pub fn new_file(&self, path: &Path) -> IpcResult<Status> {
        if self.is_open(path) {
            return Err(IpcError::from(Error::Conflict("这个文件正在使用中，不能用它新建委员会文件。".into())));
        }
        let db = Db::create(path)?;
        self.replace_with(db, path)
    }

    /// Whether `path` names the file open now (two spellings of it included).
    fn is_open(&self, path: &Path) -> bool {
        let open = self.db_path();
        let opened = self.has_db();
        opened
            && (open == path
                || matches!((std::fs::canonicalize(&open), std::fs::canonicalize(path)), (Ok(a), Ok(b)) if a == b))
    }

    /// Closes the open file (cleanly: its marker goes) and keeps `db` in its place; the check of
    /// the old file is forgotten and the checks and snapshots start again for the new one.
    fn replace_with(&self, db: Db, path: &Path) -> IpcResult<Status> {
        let mut guard = self.lock_db()?;
        *guard = Some(db);
        if let Ok(mut p) = self.db_path.lock() {
            *p = path.to_path_buf();
        }
        if let Ok(mut e) = self.open_error.lock() {
            *e = None;
        }
        if let Ok(mut r) = self.integrity.lock() {
            *r = None;
        }
        drop(guard);
        self.start_checks();
        self.status()
    }

    /// The window's title: «会务 — 安宁市政协 — huiwu.db» (the short name, else the full name; «新文件»
    /// while the file has no committee, «无法打开» for a file refused at start).
    pub fn window_title(&self) -> String {
        let path = self.db_path();
        let file =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        if self.open_error().is_some() {
            return format!("会务 — 无法打开 — {file}");
        }
        let committee = self.status().ok().and_then(|s| s.overview).map(|o| o.committee);
        window_title(committee.as_ref(), &file)
    }
}

impl AppState {
    /// What the list of recent files keeps of the open file: its path and committee; None while
    /// no file is open (refused at start, or not made yet).
    pub fn recent_entry(&self) -> Option<(PathBuf, String)> {
        let status = self.status().ok()?;
        let path = self.db_path();
        if !self.has_db() {
            return None;
        }
        let committee = status
            .overview
            .map(|o| if o.committee.short_name.trim().is_empty() { o.committee.name } else { o.committee.short_name })
            .unwrap_or_default();
        Some((path, committee))
    }
}

/// See [`AppState::window_title`].
pub fn window_title(committee: Option<&huiwu_core::committee::Committee>, file: &str) -> String {
    let name = match committee {
        Some(c) if !c.short_name.trim().is_empty() => c.short_name.trim(),
        Some(c) => c.name.trim(),
        None => "新文件",
    };
    format!("会务 — {name} — {file}")
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
        assert_eq!(state.window_title(), "会务 — 无法打开 — 会务.db");
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
    fn a_command_made_while_the_file_is_being_opened_waits_for_the_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("甲.db");
        committee_file(&path, "政协甲县第一届委员会", "甲县政协");
        let state = Arc::new(AppState::new(path.clone()));
        // The page's first call, made before the file is open: it must not say «new file».
        let early = std::thread::spawn({
            let state = Arc::clone(&state);
            move || committee_name(&state)
        });
        std::thread::sleep(Duration::from_millis(200));
        assert!(!early.is_finished(), "the call waits while the file is not open yet");
        state.open_file();
        assert_eq!(early.join().expect("the call ends").as_deref(), Some("政协甲县第一届委员会"));
        state.close();
    }

    #[test]
    fn a_file_refused_while_the_window_is_made_is_refused_to_every_waiting_command() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("会务.db");
        std::fs::write(&path, vec![0x50u8; 4096]).expect("a file that is not a committee file");
        let state = Arc::new(AppState::new(path.clone()));
        let early = std::thread::spawn({
            let state = Arc::clone(&state);
            move || state.status()
        });
        state.open_file();
        let err = early.join().expect("the call ends").expect_err("refused");
        assert_eq!(err.code, "not_a_database", "{}", err.message);
        assert_eq!(state.with_db(|_| Ok(())).expect_err("no file").code, "not_a_database");
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

    fn committee_file(path: &Path, name: &str, short_name: &str) {
        let mut db = Db::create(path).expect("create");
        let c = huiwu_core::committee::Committee {
            name: name.into(),
            short_name: short_name.into(),
            term_number: 1,
            term_start: None,
            term_end: None,
            secretariat: String::new(),
        };
        huiwu_core::committee::create(&mut db, &c).expect("committee");
    }

    fn committee_name(state: &AppState) -> Option<String> {
        state.status().expect("status").overview.map(|o| o.committee.name)
    }

    #[test]
    fn switching_to_a_file_that_is_not_huiwus_keeps_the_open_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("甲.db");
        committee_file(&path, "政协甲县第一届委员会", "甲县政协");
        let state = AppState::open(path.clone());
        let other = dir.path().join("乙.db");
        std::fs::write(&other, vec![0x50u8; 4096]).expect("a file that is not a committee file");
        let err = state.switch_to(&other).expect_err("refused");
        assert_eq!(err.code, "not_a_database", "{}", err.message);
        let gone = state.switch_to(&dir.path().join("无.db")).expect_err("a missing file is refused");
        assert_eq!(gone.code, "db_missing", "{}", gone.message);
        assert_eq!(state.db_path(), path, "the window keeps its file");
        assert_eq!(committee_name(&state).as_deref(), Some("政协甲县第一届委员会"));
        assert!(state.with_db(|db| db.check()).expect("still open").ok);
        assert_eq!(std::fs::read(&other).expect("read"), vec![0x50u8; 4096], "the refused file is untouched");
        assert_eq!(state.window_title(), "会务 — 甲县政协 — 甲.db");
        state.close();
    }

    #[test]
    fn switching_opens_the_other_file_and_closes_the_first_cleanly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = dir.path().join("甲.db");
        let second = dir.path().join("乙.db");
        committee_file(&first, "政协甲县第一届委员会", "");
        committee_file(&second, "政协乙县第二届委员会", "乙县政协");
        let state = AppState::open(first.clone());
        let status = state.switch_to(&second).expect("switched");
        assert_eq!(status.overview.map(|o| o.committee.name).as_deref(), Some("政协乙县第二届委员会"));
        assert_eq!(state.db_path(), second);
        assert_eq!(state.window_title(), "会务 — 乙县政协 — 乙.db");
        assert!(!dir.path().join("甲.db-open").exists(), "the first file was closed cleanly");
        // Switching to the open file again changes nothing.
        state.switch_to(&dir.path().join(".").join("乙.db")).expect("the same file");
        assert_eq!(committee_name(&state).as_deref(), Some("政协乙县第二届委员会"));
        state.close();
    }

    #[test]
    fn a_new_file_is_made_empty_and_its_committee_created_in_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = dir.path().join("甲.db");
        committee_file(&first, "政协甲县第一届委员会", "甲县政协");
        let state = AppState::open(first.clone());
        let taken = state.new_file(&first).expect_err("the open file is not made again");
        assert_eq!(taken.code, "conflict");
        let fresh = dir.path().join("新.db");
        let status = state.new_file(&fresh).expect("made");
        assert!(status.overview.is_none(), "the window offers to create the committee");
        assert_eq!(state.window_title(), "会务 — 新文件 — 新.db");
        let c = huiwu_core::committee::Committee {
            name: "政协丙县第一届委员会".into(),
            short_name: String::new(),
            term_number: 1,
            term_start: None,
            term_end: None,
            secretariat: String::new(),
        };
        state.create_committee(&c).expect("create");
        assert_eq!(state.window_title(), "会务 — 政协丙县第一届委员会 — 新.db");
        let again = state.new_file(&first).expect_err("a file with data is never replaced");
        assert_eq!(again.code, "already_exists", "{}", again.message);
        state.close();
    }
}
