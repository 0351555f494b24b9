use huiwu_core::audit::{self, AuditFilter, AuditRecord};
use huiwu_core::committee::{self, Committee, CommitteeSuggestion};
use huiwu_core::db::IntegrityReport;
use huiwu_core::overview::{self, Status};
use huiwu_core::settings;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The open file, the operator and the committee's figures; `overview` is null on a new file.
#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> IpcResult<Status> {
    state.status()
}

#[tauri::command(async)]
pub fn set_operator(state: State<'_, AppState>, name: String) -> IpcResult<Status> {
    state.with_db(|db| {
        settings::set_operator(db, &name)?;
        overview::status(db)
    })
}

#[tauri::command(async)]
pub fn create_committee(state: State<'_, AppState>, committee: Committee) -> IpcResult<Status> {
    state.create_committee(&committee)
}

/// What the committee form can fill in from the full name (term, short name, issuing office).
#[tauri::command(async)]
pub fn committee_suggest(name: String) -> CommitteeSuggestion {
    committee::suggest(&name)
}

#[tauri::command(async)]
pub fn update_committee(state: State<'_, AppState>, committee: Committee) -> IpcResult<Status> {
    state.with_db(|db| {
        committee::update(db, &committee)?;
        overview::status(db)
    })
}

/// Fills the open, empty file with the demo committee.
#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> IpcResult<Status> {
    state.load_demo()
}

/// The audit trail, newest first.
#[tauri::command(async)]
pub fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> IpcResult<Vec<AuditRecord>> {
    state.with_db(|db| audit::list_described(db.conn(), &filter))
}

/// Copies the whole database, consistently, to a new file in 文档/会务导出/备份; returns its path.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> IpcResult<String> {
    state.with_db(|db| {
        let dir = crate::exports::export_dir()?.join("备份");
        std::fs::create_dir_all(&dir).map_err(|e| huiwu_core::Error::io(&dir, e))?;
        let path = huiwu_core::files::unused_name(&dir, &format!("会务-{}", huiwu_core::files::stamp()), "db");
        db.backup_to(&path)?;
        Ok(path.display().to_string())
    })
}

/// The latest whole-file check made in the background (null until the first has run, a few
/// seconds after the file is opened); the home page warns when it failed.
#[tauri::command(async)]
pub fn integrity_status(state: State<'_, AppState>) -> IpcResult<Option<IntegrityReport>> {
    Ok(state.integrity())
}
