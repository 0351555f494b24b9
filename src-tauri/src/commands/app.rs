use huiwu_core::audit::{self, AuditFilter, AuditRecord};
use huiwu_core::committee::{self, Committee, CommitteeSuggestion};
use huiwu_core::db::IntegrityReport;
use huiwu_core::overview::{self, Status};
use huiwu_core::settings;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The open file, the operator and the committee's figures; `overview` is null on a new file.
#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> IpcResult<Status> {
    state.status()
}

#[tauri::command]
pub fn set_operator(state: State<'_, AppState>, name: String) -> IpcResult<Status> {
    state.with_db(|db| {
        settings::set_operator(db, &name)?;
        overview::status(db)
    })
}

#[tauri::command]
pub fn create_committee(state: State<'_, AppState>, committee: Committee) -> IpcResult<Status> {
    state.create_committee(&committee)
}

/// What the committee form can fill in from the full name (term, short name, issuing office).
#[tauri::command]
pub fn committee_suggest(name: String) -> CommitteeSuggestion {
    committee::suggest(&name)
}

#[tauri::command]
pub fn update_committee(state: State<'_, AppState>, committee: Committee) -> IpcResult<Status> {
    state.with_db(|db| {
        committee::update(db, &committee)?;
        overview::status(db)
    })
}

/// Fills the open, empty file with the demo committee.
#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> IpcResult<Status> {
    state.load_demo()
}

/// The audit trail, newest first.
#[tauri::command]
pub fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> IpcResult<Vec<AuditRecord>> {
    state.with_db(|db| audit::list_described(db.conn(), &filter))
}

/// Copies the whole database, consistently, to `path` when the user chose one in the «备份到…»
/// save dialog (which asked before replacing a file there), else to a new file in
/// 文档/会务导出/备份; returns the path written.
#[tauri::command]
pub fn backup_now(state: State<'_, AppState>, path: Option<String>) -> IpcResult<String> {
    state.with_db(|db| {
        let (dest, replace) = crate::exports::backup_target(path, db.path())?;
        db.backup(&dest, replace)?;
        Ok(dest.display().to_string())
    })
}

/// The latest whole-file check made in the background (null until the first has run, a few
/// seconds after the file is opened); the home page warns when it failed.
#[tauri::command]
pub fn integrity_status(state: State<'_, AppState>) -> IpcResult<Option<IntegrityReport>> {
    Ok(state.integrity())
}
