use huiwu_core::audit::{self, AuditFilter, AuditRecord};
use huiwu_core::committee::{self, Committee, CommitteeSuggestion};
use huiwu_core::db::IntegrityReport;
use huiwu_core::overview::{self, Status};
use huiwu_core::settings;
use huiwu_core::snapshots::{self, Snapshot};
use huiwu_core::Error;
use tauri::State;

use crate::error::IpcResult;
use crate::recent::{self, RecentFile};
use crate::state::AppState;

/// 取消 on a long piece of work (an export, an import): it stops at its next step and writes
/// nothing. Needs no database lock, so it is handled while the work holds it.
#[tauri::command(async)]
pub fn task_cancel(tasks: State<'_, crate::tasks::Tasks>, task: String) {
    tasks.cancel(&task);
}

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

/// Copies the whole database, consistently, to `path` when the user chose one in the «备份到…»
/// save dialog (which asked before replacing a file there), else to a new file in
/// 文档/会务导出/备份; returns the path written.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>, path: Option<String>) -> IpcResult<String> {
    state.with_db(|db| {
        let (dest, replace) = crate::exports::backup_target(path, db.path())?;
        db.backup(&dest, replace)?;
        Ok(dest.display().to_string())
    })
}

/// The automatic snapshots of the open file (自动备份), newest first.
#[tauri::command(async)]
pub fn snapshots_list(state: State<'_, AppState>) -> IpcResult<Vec<Snapshot>> {
    state.with_db(|db| Ok(db.path().map(snapshots::list).unwrap_or_default()))
}

/// Restores the open file from one of its snapshots, named by its file name (as listed); returns
/// the snapshot that keeps the state before the restore (恢复前).
#[tauri::command(async)]
pub fn snapshots_restore(state: State<'_, AppState>, file_name: String) -> IpcResult<Option<Snapshot>> {
    let restored = state.with_db(|db| {
        let bare = std::path::Path::new(&file_name).file_name().is_some_and(|n| n == file_name.as_str());
        let Some(path) = db.path().filter(|_| bare).map(snapshots::folder) else {
            return Err(Error::invalid("自动备份", "请从自动备份列表中选择一个"));
        };
        snapshots::restore(db, &path.join(&file_name))
    });
    crate::commands::attendance::forget_desk();
    restored
}

/// The latest whole-file check made in the background (null until the first has run, a few
/// seconds after the file is opened); the home page warns when it failed.
#[tauri::command(async)]
pub fn integrity_status(state: State<'_, AppState>) -> IpcResult<Option<IntegrityReport>> {
    Ok(state.integrity())
}

/// 打开其他委员会文件: the window switches to the file chosen in the open dialog; a refused file
/// (not Huiwu's, too new, gone) leaves the open one open. The desk's pending state belongs to the
/// file left.
#[tauri::command(async)]
pub fn files_open(state: State<'_, AppState>, path: String) -> IpcResult<Status> {
    let status = state.switch_to(std::path::Path::new(&path))?;
    crate::commands::attendance::forget_desk();
    Ok(status)
}

/// 新建委员会文件: an empty committee file where the save dialog says, opened in the window, which
/// then offers to create its committee.
#[tauri::command(async)]
pub fn files_new(state: State<'_, AppState>, path: String) -> IpcResult<Status> {
    let status = state.new_file(std::path::Path::new(&path))?;
    crate::commands::attendance::forget_desk();
    Ok(status)
}

/// The committee files opened lately, newest first, each with whether it is still there.
#[tauri::command(async)]
pub fn files_recent() -> Vec<RecentFile> {
    recent::shown(&recent::load(&recent::list_file()))
}

/// Drops a file from the recent list (the user asked); returns the list.
#[tauri::command(async)]
pub fn files_forget(path: String) -> IpcResult<Vec<RecentFile>> {
    let file = recent::list_file();
    let list = recent::forget(&recent::load(&file), &path);
    recent::save(&file, &list)?;
    Ok(recent::shown(&list))
}

/// Sets the window's title to the open file («会务 — 安宁市政协 — huiwu.db») and returns it; the
/// window asks after each change of its status, and the file goes to the front of the recent list.
#[tauri::command(async)]
pub fn app_title(window: tauri::WebviewWindow, state: State<'_, AppState>) -> String {
    crate::show_title(&window, &state)
}
