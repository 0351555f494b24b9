//! The window's one open database, shared by every command.

use std::path::PathBuf;
use std::sync::Mutex;

use huiwu_core::{Db, Error};

use crate::error::{IpcError, IpcResult};

pub struct AppState {
    pub db_path: PathBuf,
    db: Mutex<Option<Db>>,
    /// Why the file could not be opened at start-up (too new, corrupt, not a database...).
    open_error: Mutex<Option<IpcError>>,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> AppState {
        let (db, open_error) = match crate::open_db(&db_path) {
            Ok(db) => (Some(db), None),
            Err(e) => (None, Some(IpcError::from(e))),
        };
        AppState { db_path, db: Mutex::new(db), open_error: Mutex::new(open_error) }
    }

    /// Runs `f` on the open database; the error becomes `{code, message}`.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Db) -> huiwu_core::Result<T>) -> IpcResult<T> {
        let mut guard = self.db.lock().map_err(|_| poisoned())?;
        match guard.as_mut() {
            Some(db) => f(db).map_err(IpcError::from),
            None => Err(self.open_error().unwrap_or_else(|| IpcError::from(Error::NoCommittee))),
        }
    }

    /// Replaces the open file, which must hold no committee yet, with a freshly built demo file.
    pub fn load_demo(&self) -> IpcResult<huiwu_core::overview::Status> {
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
    IpcError::from(Error::internal("打开的数据库", "数据库锁已失效"))
}
