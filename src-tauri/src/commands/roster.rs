//! The roster: the table, the member page, search, membership events, the import wizard, export
//! and the invitees. Each command parses its arguments, calls `huiwu_core::roster` and maps the error.

use std::path::PathBuf;

use huiwu_core::roster::{
    self, batches, export, import, DuplicatePair, Invitee, InviteeInput, Member, MemberHistory, MemberHit, MemberInput,
    MembershipEvent, MembershipEventInput, NamedCount, RosterFilter,
};
use huiwu_core::Error;
use tauri::{State, Webview};

use crate::error::IpcResult;
use crate::state::AppState;
use crate::tasks::{Tasks, Watch};

#[tauri::command(async)]
pub fn roster_list(state: State<'_, AppState>, filter: RosterFilter) -> IpcResult<Vec<Member>> {
    state.with_db(|db| roster::list(db.conn(), &filter))
}

/// The one search box: at most `limit` hits (default 20), best first.
#[tauri::command(async)]
pub fn roster_search(
    state: State<'_, AppState>,
    query: String,
    date: Option<String>,
    limit: Option<usize>,
) -> IpcResult<Vec<MemberHit>> {
    state.with_db(|db| {
        let mut hits = roster::search(db.conn(), &query, date.as_deref())?;
        hits.truncate(limit.unwrap_or(20));
        Ok(hits)
    })
}

#[tauri::command(async)]
pub fn roster_member(state: State<'_, AppState>, id: i64) -> IpcResult<MemberHistory> {
    state.with_db(|db| roster::history(db.conn(), id))
}

#[tauri::command(async)]
pub fn roster_create(state: State<'_, AppState>, input: MemberInput) -> IpcResult<Member> {
    state.with_db(|db| roster::create(db, &input))
}

/// Saves a member's record; a change of role takes effect on `role_effective_on` (default today).
#[tauri::command(async)]
pub fn roster_update(
    state: State<'_, AppState>,
    id: i64,
    input: MemberInput,
    role_effective_on: Option<String>,
    reference: Option<String>,
) -> IpcResult<Member> {
    state.with_db(|db| {
        let on = role_effective_on.filter(|d| !d.trim().is_empty()).unwrap_or_else(roster::today);
        roster::update_dated(db, id, &input, &on, reference.as_deref().unwrap_or(""))
    })
}

#[tauri::command(async)]
pub fn roster_record_event(
    state: State<'_, AppState>,
    member_id: i64,
    event: MembershipEventInput,
) -> IpcResult<MembershipEvent> {
    state.with_db(|db| roster::record_event(db, member_id, &event))
}

#[tauri::command(async)]
pub fn roster_sectors(state: State<'_, AppState>) -> IpcResult<Vec<NamedCount>> {
    state.with_db(|db| roster::sectors(db.conn()))
}

#[tauri::command(async)]
pub fn roster_groups(state: State<'_, AppState>) -> IpcResult<Vec<NamedCount>> {
    state.with_db(|db| roster::groups(db.conn()))
}

#[tauri::command(async)]
pub fn roster_set_convener(state: State<'_, AppState>, group: String, member_id: Option<i64>) -> IpcResult<()> {
    state.with_db(|db| roster::set_group_convener(db, &group, member_id))
}

#[tauri::command(async)]
pub fn roster_duplicates(state: State<'_, AppState>) -> IpcResult<Vec<DuplicatePair>> {
    state.with_db(|db| roster::likely_duplicates(db.conn()))
}

#[tauri::command(async)]
pub fn roster_confirm_distinct(state: State<'_, AppState>, a: i64, b: i64) -> IpcResult<()> {
    state.with_db(|db| roster::confirm_distinct(db, a, b))
}

/// The file's bytes (read in the window) or a path typed by the user.
fn file_bytes(
    bytes: Option<Vec<u8>>,
    path: Option<String>,
    file_name: Option<String>,
) -> huiwu_core::Result<(Vec<u8>, String)> {
    match (bytes, path.filter(|p| !p.trim().is_empty())) {
        (Some(b), _) => Ok((b, file_name.unwrap_or_else(|| "名册".into()))),
        (None, Some(p)) => import::read_file(&PathBuf::from(p.trim())),
        (None, None) => Err(Error::invalid("文件", "请选择要导入的名册文件")),
    }
}

#[tauri::command(async)]
pub fn roster_import_preview(
    state: State<'_, AppState>,
    bytes: Option<Vec<u8>>,
    path: Option<String>,
    file_name: Option<String>,
    options: import::ImportOptions,
) -> IpcResult<import::ImportPreview> {
    state.with_db(|db| {
        let (b, name) = file_bytes(bytes, path, file_name)?;
        import::preview(db.conn(), &b, &name, &options)
    })
}

#[tauri::command(async)]
#[allow(clippy::too_many_arguments)] // the IPC arguments of one call, each named by the UI
pub fn roster_import(
    state: State<'_, AppState>,
    tasks: State<'_, Tasks>,
    bytes: Option<Vec<u8>>,
    path: Option<String>,
    file_name: Option<String>,
    options: import::ImportOptions,
    watch: Option<Watch>,
    webview: Webview,
) -> IpcResult<import::ImportOutcome> {
    let task = tasks.start("导入名册", watch, webview);
    state.with_db(|db| {
        let (b, name) = file_bytes(bytes, path, file_name)?;
        import::import_with(db, &b, &name, &options, &task.progress)
    })
}

/// Writes the roster to `path` (.xlsx; default: 文档/会务导出/委员名册-<roster date>-<now>.xlsx);
/// returns the path.
#[tauri::command(async)]
pub fn roster_export(state: State<'_, AppState>, filter: RosterFilter, path: Option<String>) -> IpcResult<String> {
    state.with_db(|db| {
        let date = filter.date.clone().filter(|d| !d.is_empty()).unwrap_or_else(roster::today);
        let (path, replace) = crate::exports::export_target(path, &format!("委员名册-{date}"), "xlsx")?;
        export::export_xlsx_file(db.conn(), &filter, &path, replace)?;
        Ok(path.display().to_string())
    })
}

#[tauri::command(async)]
pub fn roster_invitees(state: State<'_, AppState>) -> IpcResult<Vec<Invitee>> {
    state.with_db(|db| roster::list_invitees(db.conn()))
}

#[tauri::command(async)]
pub fn roster_invitee_create(state: State<'_, AppState>, input: InviteeInput) -> IpcResult<Invitee> {
    state.with_db(|db| roster::create_invitee(db, &input))
}

#[tauri::command(async)]
pub fn roster_invitee_update(state: State<'_, AppState>, id: i64, input: InviteeInput) -> IpcResult<Invitee> {
    state.with_db(|db| roster::update_invitee(db, id, &input))
}

#[tauri::command(async)]
pub fn roster_invitee_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| roster::delete_invitee(db, id))
}

/// Every roster import, newest first, each saying whether it can still be undone.
#[tauri::command(async)]
pub fn roster_imports(state: State<'_, AppState>) -> IpcResult<Vec<batches::ImportBatch>> {
    state.with_db(|db| batches::list_imports(db.conn()))
}

/// Undoes one roster import as a batch (撤销导入).
#[tauri::command(async)]
pub fn roster_import_undo(state: State<'_, AppState>, id: i64) -> IpcResult<batches::UndoOutcome> {
    state.with_db(|db| batches::undo_import(db, id))
}
