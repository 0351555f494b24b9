//! 社情民意: items, issues, 报送, 采用 / 批示, statistics, export. Each command parses its
//! arguments, calls `huiwu_core::sqmy` and maps the error.

use huiwu_core::documents::{ExportOutcome, Format};
use huiwu_core::sqmy::{self, SqmyIssue, SqmyIssueInput, SqmyItem, SqmyItemInput, SqmyOutcomeInput, SqmyStats};
use tauri::State;

use crate::error::IpcResult;
use crate::exports::write_document;
use crate::state::AppState;

#[tauri::command(async)]
pub fn sqmy_items(state: State<'_, AppState>, year: Option<i32>) -> IpcResult<Vec<SqmyItem>> {
    state.with_db(|db| sqmy::list_items(db.conn(), year, false))
}

/// The years that hold items, newest first (for the page's year list).
#[tauri::command(async)]
pub fn sqmy_years(state: State<'_, AppState>) -> IpcResult<Vec<i32>> {
    state.with_db(|db| sqmy::item_years(db.conn()))
}

#[tauri::command(async)]
pub fn sqmy_issues(state: State<'_, AppState>, year: Option<i32>) -> IpcResult<Vec<SqmyIssue>> {
    state.with_db(|db| sqmy::list_issues(db.conn(), year))
}

#[tauri::command(async)]
pub fn sqmy_stats(state: State<'_, AppState>, year: i32) -> IpcResult<SqmyStats> {
    state.with_db(|db| sqmy::stats(db.conn(), year))
}

#[tauri::command(async)]
pub fn sqmy_add(state: State<'_, AppState>, input: SqmyItemInput) -> IpcResult<SqmyItem> {
    state.with_db(|db| sqmy::add_item(db, &input))
}

#[tauri::command(async)]
pub fn sqmy_withdraw(state: State<'_, AppState>, id: i64, reason: String) -> IpcResult<()> {
    state.with_db(|db| sqmy::withdraw_item(db, id, &reason))
}

#[tauri::command(async)]
pub fn sqmy_issue_create(state: State<'_, AppState>, input: SqmyIssueInput) -> IpcResult<SqmyIssue> {
    state.with_db(|db| sqmy::create_issue(db, &input))
}

#[tauri::command(async)]
pub fn sqmy_issue_send(
    state: State<'_, AppState>,
    id: i64,
    sent_on: String,
    sent_to: String,
    cc: Option<String>,
) -> IpcResult<SqmyIssue> {
    state.with_db(|db| sqmy::mark_sent(db, id, &sent_on, &sent_to, cc.as_deref()))
}

#[tauri::command(async)]
pub fn sqmy_outcome(state: State<'_, AppState>, item_id: i64, input: SqmyOutcomeInput) -> IpcResult<SqmyItem> {
    state.with_db(|db| sqmy::record_outcome(db, item_id, &input))
}

/// Exports an issue to `path`, or to the export folder when no path is given.
#[tauri::command(async)]
pub fn sqmy_issue_export(
    state: State<'_, AppState>,
    id: i64,
    format: Format,
    path: Option<String>,
) -> IpcResult<ExportOutcome> {
    state.with_db(|db| {
        let (out, name) = sqmy::export_issue(db.conn(), id, format)?;
        write_document(path, &name, format, out)
    })
}
