//! Printing on paper: the system's printers and one print job. Both run off the main thread (the
//! printing service can take seconds to answer), so the window never freezes while a job is sent.

use std::time::Duration;

use huiwu_core::printing::{self, PrintOutcome, PrintRequest, Printer};

use crate::error::IpcResult;

/// How long the window waits to report a job finished before saying it is queued.
const WAIT: Duration = Duration::from_secs(20);

#[tauri::command(async)]
pub fn printing_printers() -> IpcResult<Vec<Printer>> {
    Ok(printing::printers()?)
}

#[tauri::command(async)]
pub fn printing_print(path: String, request: PrintRequest) -> IpcResult<PrintOutcome> {
    Ok(printing::print_pdf(std::path::Path::new(&path), &request, WAIT)?)
}
