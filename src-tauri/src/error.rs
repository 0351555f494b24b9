//! The error every command returns across IPC: `{code, message}`, the message in Chinese, ready to
//! show. Built only from the core's error; commands never invent strings.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<huiwu_core::Error> for IpcError {
    fn from(e: huiwu_core::Error) -> Self {
        IpcError { code: e.code().to_string(), message: e.to_string() }
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
