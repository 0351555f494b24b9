//! The window's one open database, shared by every command.
//!
//! The file is opened on a thread of its own while the window and its page start, so opening
//! (pragmas, checks, migrations) is not on the path to the first paint; the first command that
//! needs the database waits for that thread.

use std::path::PathBuf;
use std::sync::Mutex;
use std::thread::JoinHandle;

use huiwu_core::{Db, Error};

use crate::error::{IpcError, IpcResult};

pub struct AppState {
    pub db_path: PathBuf,
    db: Mutex<Option<Db>>,
    /// Why the file could not be opened at start-up (too new, corrupt, not a database...).
    open_error: Mutex<Option<IpcError>>,
    /// The thread opening the file, until a command has waited for it.
    opening: Mutex<Option<JoinHandle<huiwu_core::Result<Db>>>>,
}

impl AppState {
    /// Starts opening the file in the background and returns at once.
    pub fn open(db_path: PathBuf) -> AppState {
        let path = db_path.clone();
        let opening = std::thread::Builder::new().name("open-db".into()).spawn(move || crate::open_db(&path));
        let (opening, open_error) = match opening {
            Ok(handle) => (Some(handle), None),
            Err(e) => (None, Some(IpcError::from(Error::io(&db_path, e)))),
        };
        AppState { db_path, db: Mutex::new(None), open_error: Mutex::new(open_error), opening: Mutex::new(opening) }
    }

    /// Waits for the file to be open (the first call only; later calls return at once). The lock on
    /// `opening` is held while waiting, so a second command arriving meanwhile waits too.
    fn settle(&self) -> IpcResult<()> {
        let mut opening = self.opening.lock().map_err(|_| poisoned())?;
        if let Some(handle) = opening.take() {
            let opened = match handle.join() {
                Ok(opened) => opened.map_err(IpcError::from),
                Err(_) => Err(IpcError {
                    code: "internal".into(),
                    message: "程序内部错误：打开数据库时意外中止，请重新启动会务软件。".into(),
                }),
            };
            match opened {
                Ok(db) => *self.db.lock().map_err(|_| poisoned())? = Some(db),
                Err(e) => *self.open_error.lock().map_err(|_| poisoned())? = Some(e),
            }
        }
        Ok(())
    }

    /// Runs `f` on the open database; the error becomes `{code, message}`.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> huiwu_core::Result<T>) -> IpcResult<T> {
        self.settle()?;
        let mut guard = self.db.lock().map_err(|_| poisoned())?;
        match guard.as_mut() {
            Some(db) => f(db).map_err(IpcError::from),
            None => Err(self.open_error().unwrap_or_else(|| IpcError::from(Error::NoCommittee))),
        }
    }

    /// Replaces the open file, which must hold no committee yet, with a freshly built demo file.
    pub fn load_demo(&self) -> IpcResult<huiwu_core::overview::Status> {
        self.settle()?;
        let mut guard = self.db.lock().map_err(|_| poisoned())?;
        if let Some(db) = guard.as_ref() {
            if huiwu_core::committee::get(db.conn()).map_err(IpcError::from)?.is_some() {
                return Err(IpcError::from(Error::Conflict("当前数据库已有委员会，不能再载入示例数据。".into())));
            }
        }
        *guard = None; // close the file before it is replaced
        huiwu_core::demo::create_file(&self.db_path, true)?;
        let db = crate::open_db(&self.db_path)?;
        let status = huiwu_core::overview::status(&db)?;
        *guard = Some(db);
        if let Ok(mut e) = self.open_error.lock() {
            *e = None;
        }
        Ok(status)
    }

    pub fn open_error(&self) -> Option<IpcError> {
        self.open_error.lock().ok().and_then(|e| e.clone())
    }
}

fn poisoned() -> IpcError {
    IpcError {
        code: "internal".into(), message: "程序内部错误：数据库锁已失效，请重新启动会务软件。".into()
    }
}
