//! Session bulletins (简报): list, draft, compose from remarks, save, withdraw, preview, export.
//! Each command parses its arguments, calls `huiwu_core::bulletins` and maps the error.

use huiwu_core::bulletins::{self, Bulletin, BulletinInput, ComposeRemark, ComposeRequest, ComposeSitting, Series};
use huiwu_core::documents::{ExportOutcome, Format, PagedPreview};
use tauri::State;

use crate::error::IpcResult;
use crate::exports::write_document;
use crate::state::AppState;

/// The bulletins of a session, or every bulletin when no session is given.
#[tauri::command(async)]
pub fn bulletins_list(state: State<'_, AppState>, session_id: Option<i64>) -> IpcResult<Vec<Bulletin>> {
    state.with_db(|db| bulletins::list(db.conn(), session_id.map_or(Series::All, Series::Session)))
}

#[tauri::command(async)]
pub fn bulletins_get(state: State<'_, AppState>, id: i64) -> IpcResult<Bulletin> {
    state.with_db(|db| bulletins::get(db.conn(), id))
}

/// A new bulletin of a session (or of the committee), filled in, with the number it will get.
#[tauri::command(async)]
pub fn bulletins_draft(state: State<'_, AppState>, session_id: Option<i64>) -> IpcResult<BulletinInput> {
    state.with_db(|db| bulletins::draft(db.conn(), session_id))
}

#[tauri::command(async)]
pub fn bulletins_compose_sittings(state: State<'_, AppState>, session_id: i64) -> IpcResult<Vec<ComposeSitting>> {
    state.with_db(|db| bulletins::compose_sittings(db.conn(), session_id))
}

#[tauri::command(async)]
pub fn bulletins_compose_remarks(state: State<'_, AppState>, sitting_ids: Vec<i64>) -> IpcResult<Vec<ComposeRemark>> {
    state.with_db(|db| bulletins::compose_remarks(db.conn(), &sitting_ids))
}

#[tauri::command(async)]
pub fn bulletins_compose_body(state: State<'_, AppState>, request: ComposeRequest) -> IpcResult<String> {
    state.with_db(|db| bulletins::compose_body(db.conn(), &request))
}

#[tauri::command(async)]
pub fn bulletins_save(state: State<'_, AppState>, input: BulletinInput) -> IpcResult<Bulletin> {
    state.with_db(|db| bulletins::save(db, &input))
}

#[tauri::command(async)]
pub fn bulletins_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| bulletins::delete(db, id))
}

/// The edited bulletin laid out for the preview; pages are drawn by `document_preview_page`.
#[tauri::command(async)]
pub fn bulletins_preview(state: State<'_, AppState>, input: BulletinInput) -> IpcResult<PagedPreview> {
    let source = state.with_db(|db| bulletins::preview_source(db.conn(), &input))?;
    Ok(source.lay_out()?)
}

/// Exports a saved bulletin to `path`, or to the export folder when no path is given.
#[tauri::command(async)]
pub fn bulletins_export(
    state: State<'_, AppState>,
    id: i64,
    format: Format,
    path: Option<String>,
) -> IpcResult<ExportOutcome> {
    state.with_db(|db| {
        let (out, name) = bulletins::export_saved(db.conn(), id, format)?;
        write_document(path, &name, format, out)
    })
}
