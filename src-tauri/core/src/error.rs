//! The one error type of the core. Every variant has a stable machine `code` (used at the IPC
//! boundary and in scripts) and a Chinese message a secretariat user can read; `english()` gives
//! the English wording the headless CLI prints beside it.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("数据库操作失败：{0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("无法读写文件 {path}：{source}")]
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

    /// A file could not be produced (DOCX packing, an Excel workbook): `what` names the document.
    #[error("无法生成{what}：{detail}。请重试；如仍失败，请把此消息告诉技术支持。")]
    Export { what: &'static str, detail: String },

    /// A fault of the program itself, not of the user's data (a record it cannot encode, a lock
    /// left broken by an earlier failure): `what` says what it was doing.
    #[error("程序内部错误（{what}）：{detail}。请重试；如仍失败，请重新启动会务软件并把此消息告诉技术支持。")]
    Internal { what: &'static str, detail: String },
}

impl Error {
    /// A stable, lower-case code for scripts and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Sqlite(_) => "database",
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
            Error::Export { .. } => "export",
            Error::Internal { .. } => "internal",
        }
    }

    /// A short English statement of the same problem, for logs and the headless CLI.
    pub fn english(&self) -> String {
        match self {
            Error::Sqlite(e) => format!("database error: {e}"),
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
            Error::Export { what, detail } => format!("cannot produce the file ({what}): {detail}"),
            Error::Internal { what, detail } => format!("internal error ({what}): {detail}"),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
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
