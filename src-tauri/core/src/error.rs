//! The one error type of the core. Every variant has a stable machine `code` (used at the IPC
//! boundary and in scripts) and a Chinese message a secretariat user can read; `english()` gives
//! the English wording the headless CLI prints beside it.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub use crate::io_message::io_message;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("数据库操作失败：{0}")]
    Sqlite(rusqlite::Error),

    /// The busy timeout ran out (twice, with the retry) while another connection held the write lock.
    #[error("另一个程序或窗口正在写入数据库文件，本次操作未能完成（已重试一次）。请稍等片刻再试；如一直如此，请关闭其他打开同一文件的会务窗口或命令。")]
    Busy,

    /// `what` names the file or says «数据库文件».
    #[error("文件是只读的，无法写入{0}。请检查文件的权限或U盘的写保护开关，或把文件复制到可以写入的位置再试。")]
    ReadOnly(String),

    /// `what` names the file or says «数据库文件»; nothing was changed.
    #[error("磁盘已满（或不能再写入），无法写入{0}，已有的文件未被改动。请腾出磁盘空间或换一个位置再试。")]
    DiskFull(String),

    #[error("文件夹 {0} 不存在（U盘是否已拔出？），未作任何改动。请插好U盘或选择其他位置。")]
    FolderMissing(PathBuf),

    #[error("数据库文件 {0} 不存在（或是空文件）。请先新建委员会（huiwu init）或打开示例数据（huiwu demo），或检查文件位置。")]
    DbMissing(PathBuf),

    #[error("文件 {0} 是其他程序的 SQLite 数据库，不是会务数据库；会务软件未作任何改动。请选择会务数据库文件。")]
    NotHuiwu(PathBuf),

    /// A file could not be read or written; the message says why in Chinese and what to do
    /// (see [`io_message`]), never the system's English text.
    #[error("{}", io_message(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("文件 {0} 不是会务数据库（SQLite）文件，或已加密、已损坏。")]
    NotADatabase(PathBuf),

    #[error("数据库文件 {path} 的完整性检查未通过：{detail}。请用备份文件恢复。")]
    Corrupt { path: PathBuf, detail: String },

    #[error("数据库文件的版本（{found}）比本程序支持的版本（{supported}）新，请升级会务软件后再打开。")]
    DbTooNew { found: u32, supported: u32 },

    #[error("数据库升级到第 {version} 版（{name}）时失败，文件未作任何改动：{detail}")]
    Migration { version: u32, name: &'static str, detail: String },

    #[error("文件 {0} 已存在；如需覆盖请加 --force。")]
    AlreadyExists(PathBuf),

    #[error("数据库中还没有委员会，请先创建委员会或打开示例数据。")]
    NoCommittee,

    #[error("未找到{what}：{key}")]
    NotFound { what: &'static str, key: String },

    /// Bad input from the user: `field` names what is wrong, `message` says why.
    #[error("{field}：{message}")]
    Invalid { field: String, message: String },

    /// A file the user gave us has problems; `message` already names the file, row and field.
    #[error("{0}")]
    BadFile(String),

    /// A rule of the domain forbids the action (e.g. finalising a list with unplaced remarks), or
    /// someone else changed the data first (two desks closing the same sitting).
    #[error("{0}")]
    Conflict(String),

    /// Printing failed or is not possible here; the message says why and what to do.
    #[error("{0}")]
    Print(String),
    /// A file could not be produced (DOCX packing, an Excel workbook): `what` names the document.
    #[error("无法生成{what}：{detail}。请重试；如仍失败，请把此消息告诉技术支持。")]
    Export { what: &'static str, detail: String },

    /// A fault of the program itself, not of the user's data (a record it cannot encode, a lock
    /// left broken by an earlier failure): `what` says what it was doing.
    /// The user cancelled a long piece of work (named here); it unwound without writing anything.
    #[error("已取消{0}，没有写入任何内容。")]
    Cancelled(String),

    #[error("程序内部错误（{what}）：{detail}。请重试；如仍失败，请重新启动会务软件并把此消息告诉技术支持。")]
    Internal { what: &'static str, detail: String },
}

impl Error {
    /// A stable, lower-case code for scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Sqlite(_) => "database",
            Error::Busy => "busy",
            Error::ReadOnly(_) => "read_only",
            Error::DiskFull(_) => "disk_full",
            Error::FolderMissing(_) => "folder_missing",
            Error::DbMissing(_) => "db_missing",
            Error::NotHuiwu(_) => "not_huiwu",
            Error::Io { .. } => "io",
            Error::NotADatabase(_) => "not_a_database",
            Error::Corrupt { .. } => "corrupt",
            Error::DbTooNew { .. } => "db_too_new",
            Error::Migration { .. } => "migration",
            Error::AlreadyExists(_) => "already_exists",
            Error::NoCommittee => "no_committee",
            Error::NotFound { .. } => "not_found",
            Error::Invalid { .. } => "invalid",
            Error::BadFile(_) => "bad_file",
            Error::Conflict(_) => "conflict",
            Error::Print(_) => "print",
            Error::Export { .. } => "export",
            Error::Cancelled(_) => "cancelled",
            Error::Internal { .. } => "internal",
        }
    }

    /// A short English statement of the same problem, for logs and the headless CLI.
    pub fn english(&self) -> String {
        match self {
            Error::Sqlite(e) => format!("database error: {e}"),
            Error::Busy => "the database is locked by another program or window (retried once); try again".into(),
            Error::ReadOnly(what) => format!("read-only: cannot write {what}"),
            Error::DiskFull(what) => format!("disk full: cannot write {what}; existing files are unchanged"),
            Error::FolderMissing(p) => format!("folder {} does not exist (USB stick unplugged?)", p.display()),
            Error::DbMissing(p) => {
                format!("database file {} does not exist (use huiwu init or huiwu demo)", p.display())
            }
            Error::NotHuiwu(p) => format!("{} is another application's SQLite database; left untouched", p.display()),
            Error::Io { path, source } => format!("cannot read or write {}: {source}", path.display()),
            Error::NotADatabase(p) => format!("{} is not a Huiwu (SQLite) database", p.display()),
            Error::Corrupt { path, detail } => {
                format!("integrity check of {} failed: {detail}", path.display())
            }
            Error::DbTooNew { found, supported } => format!(
                "database schema version {found} is newer than this program supports ({supported}); upgrade Huiwu"
            ),
            Error::Migration { version, name, detail } => {
                format!("migration {version} ({name}) failed, the file was left unchanged: {detail}")
            }
            Error::AlreadyExists(p) => format!("{} already exists (use --force to overwrite)", p.display()),
            Error::NoCommittee => "the database holds no committee yet".into(),
            Error::NotFound { what, key } => format!("not found ({what}): {key}"),
            Error::Invalid { field, message } => format!("invalid {field}: {message}"),
            Error::BadFile(m) => format!("bad input file: {m}"),
            Error::Conflict(m) => format!("not allowed: {m}"),
            Error::Print(m) => format!("printing failed: {m}"),
            Error::Export { what, detail } => format!("cannot produce the file ({what}): {detail}"),
            Error::Cancelled(what) => format!("cancelled ({what}); nothing was written"),
            Error::Internal { what, detail } => format!("internal error ({what}): {detail}"),
        }
    }

    /// An I/O error on `path`; a full disk or a read-only file become their own messages.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match io_kind(&source) {
            IoKind::Full => Error::DiskFull(format!("文件 {}", path.display())),
            IoKind::ReadOnly => Error::ReadOnly(format!("文件 {}", path.display())),
            IoKind::Other => Error::Io { path, source },
        }
    }

    /// Did the operation fail because the database was busy (locked by another writer)?
    pub fn is_busy(&self) -> bool {
        matches!(self, Error::Busy)
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), message: message.into() }
    }

    pub fn not_found(what: &'static str, key: impl ToString) -> Self {
        Error::NotFound { what, key: key.to_string() }
    }

    /// A program fault while `what` (see [`Error::Internal`]).
    pub fn internal(what: &'static str, detail: impl std::fmt::Display) -> Self {
        Error::Internal { what, detail: detail.to_string() }
    }

    /// The one mapping of an Excel writer's failure: the disk's refusal is an I/O error on `path`,
    /// anything else a workbook that could not be produced.
    pub fn xlsx(path: &Path, e: rust_xlsxwriter::XlsxError) -> Self {
        match e {
            rust_xlsxwriter::XlsxError::IoError(source) => Error::io(path, source),
            other => Error::Export { what: "Excel 文件", detail: other.to_string() },
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's own words never reach the user for the failures a clerk can act on: a file held by
    /// another writer, a read-only file, a full disk.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let Some(code) = e.sqlite_error_code() else { return Error::Sqlite(e) };
        let extended = match &e {
            rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
            _ => 0,
        };
        match code {
            C::DatabaseBusy | C::DatabaseLocked => Error::Busy,
            C::ReadOnly => Error::ReadOnly("数据库文件".into()),
            C::DiskFull => Error::DiskFull("数据库文件".into()),
            // SQLITE_IOERR_WRITE (778), _FSYNC (1034), _TRUNCATE (1546), _SHMSIZE (4874): the disk
            // took no more (a full disk reports ENOSPC as SQLITE_FULL, a size limit as these).
            C::SystemIoFailure if matches!(extended, 778 | 1034 | 1546 | 4874) => Error::DiskFull("数据库文件".into()),
            _ => Error::Sqlite(e),
        }
    }
}

enum IoKind {
    Full,
    ReadOnly,
    Other,
}

fn io_kind(e: &std::io::Error) -> IoKind {
    #[cfg(unix)]
    const FULL: &[i32] = &[28 /* ENOSPC */, 27 /* EFBIG */, 122 /* EDQUOT */];
    #[cfg(unix)]
    const READ_ONLY: &[i32] = &[30 /* EROFS */];
    #[cfg(windows)]
    const FULL: &[i32] = &[112 /* ERROR_DISK_FULL */, 39 /* ERROR_HANDLE_DISK_FULL */];
    #[cfg(windows)]
    const READ_ONLY: &[i32] = &[19 /* ERROR_WRITE_PROTECT */];
    #[cfg(not(any(unix, windows)))]
    const FULL: &[i32] = &[];
    #[cfg(not(any(unix, windows)))]
    const READ_ONLY: &[i32] = &[];
    match e.raw_os_error() {
        Some(n) if FULL.contains(&n) => IoKind::Full,
        Some(n) if READ_ONLY.contains(&n) => IoKind::ReadOnly,
        _ => IoKind::Other,
    }
}
