//! Attendance (考勤): the check-in desk, leave, closing, statistics and exports. Each command
//! parses its arguments, calls `huiwu_core::attendance` and maps the error. The desk's commands
//! return the new panel with their outcome, so Enter at the desk is one IPC round trip; they go
//! through one kept [`Desk`] (the expected list and its search index between check-ins).

use std::path::PathBuf;
use std::sync::Mutex;

use huiwu_core::attendance::{
    self, export, AttendanceEvent, AttendanceEventKind, AttendancePanel, AttendanceRow, AttendanceRule,
    AttendanceStats, Desk, DeskResult, LastAction, Leave, LeaveInput, MemberAttendance, PersonCard, PersonRef,
    SittingAttendanceStats, SittingChoice, UndoResult,
};
use huiwu_core::{Db, Error};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::exports::export_target;
use crate::state::AppState;

/// The desk kept between calls, with the file it belongs to.
static DESK: Mutex<Option<(Option<PathBuf>, Desk)>> = Mutex::new(None);

fn with_desk<T>(db: &mut Db, f: impl FnOnce(&mut Desk, &mut Db) -> huiwu_core::Result<T>) -> huiwu_core::Result<T> {
    let mut guard = DESK.lock().map_err(|e| Error::internal("签到台状态", e))?;
    let path = db.path().map(|p| p.to_path_buf());
    if guard.as_ref().is_none_or(|(p, _)| *p != path) {
        *guard = Some((path, Desk::new()));
    }
    match guard.as_mut() {
        Some((_, desk)) => f(desk, db),
        None => Err(Error::internal("签到台状态", "签到台未就绪")),
    }
}

#[tauri::command]
pub fn attendance_sittings(state: State<'_, AppState>) -> IpcResult<Vec<SittingChoice>> {
    state.with_db(|db| attendance::sitting_choices(db.conn()))
}

#[tauri::command]
pub fn attendance_panel(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<AttendancePanel> {
    state.with_db(|db| with_desk(db, |desk, db| desk.panel(db.conn(), sitting_id)))
}

#[tauri::command]
pub fn attendance_rows(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<Vec<AttendanceRow>> {
    state.with_db(|db| attendance::rows(db.conn(), sitting_id))
}

/// Enter at the desk: the outcome and the new panel.
#[tauri::command]
pub fn attendance_check_in(state: State<'_, AppState>, sitting_id: i64, query: String) -> IpcResult<DeskResult> {
    state.with_db(|db| with_desk(db, |desk, db| desk.check_in(db, sitting_id, &query)))
}

/// Enter on a candidate chosen from the list made for `query` (honoured only while `query` still
/// matches them).
#[tauri::command]
pub fn attendance_check_in_chosen(
    state: State<'_, AppState>,
    sitting_id: i64,
    query: String,
    person: PersonRef,
) -> IpcResult<DeskResult> {
    state.with_db(|db| with_desk(db, |desk, db| desk.check_in_chosen(db, sitting_id, &query, person)))
}

#[tauri::command]
pub fn attendance_leave_early(
    state: State<'_, AppState>,
    sitting_id: i64,
    person: PersonRef,
) -> IpcResult<AttendancePanel> {
    state.with_db(|db| with_desk(db, |desk, db| desk.leave_early(db, sitting_id, person)))
}

#[tauri::command]
pub fn attendance_come_back(
    state: State<'_, AppState>,
    sitting_id: i64,
    person: PersonRef,
) -> IpcResult<AttendancePanel> {
    state.with_db(|db| with_desk(db, |desk, db| desk.come_back(db, sitting_id, person)))
}

#[tauri::command]
pub fn attendance_undo(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<UndoResult> {
    state.with_db(|db| with_desk(db, |desk, db| desk.undo(db, sitting_id)))
}

#[tauri::command]
pub fn attendance_events(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<Vec<AttendanceEvent>> {
    state.with_db(|db| attendance::sitting_events(db.conn(), sitting_id))
}

/// A correction with an explicit time ('YYYY-MM-DD HH:MM'), also after closing.
#[tauri::command]
pub fn attendance_correct(
    state: State<'_, AppState>,
    sitting_id: i64,
    person: PersonRef,
    kind: AttendanceEventKind,
    at: String,
    note: String,
) -> IpcResult<AttendancePanel> {
    state.with_db(|db| {
        attendance::correct(db, sitting_id, person, kind, &at, &note)?;
        attendance::panel(db.conn(), sitting_id)
    })
}

#[tauri::command]
pub fn attendance_void_event(state: State<'_, AppState>, event_id: i64, note: String) -> IpcResult<LastAction> {
    state.with_db(|db| attendance::void_event(db, event_id, &note))
}

#[tauri::command]
pub fn attendance_leaves(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<Vec<Leave>> {
    state.with_db(|db| attendance::leaves_for_sitting(db.conn(), sitting_id))
}

#[tauri::command]
pub fn attendance_member_leaves(state: State<'_, AppState>, member_id: i64) -> IpcResult<Vec<Leave>> {
    state.with_db(|db| attendance::leaves_for_member(db.conn(), member_id))
}

#[tauri::command]
pub fn attendance_record_leave(state: State<'_, AppState>, input: LeaveInput) -> IpcResult<Leave> {
    state.with_db(|db| attendance::record_leave(db, &input))
}

#[tauri::command]
pub fn attendance_update_leave(state: State<'_, AppState>, id: i64, input: LeaveInput) -> IpcResult<Leave> {
    state.with_db(|db| attendance::update_leave(db, id, &input))
}

#[tauri::command]
pub fn attendance_cancel_leave(state: State<'_, AppState>, id: i64, reason: String) -> IpcResult<Leave> {
    state.with_db(|db| attendance::cancel_leave(db, id, &reason))
}

/// The sittings from `first` to `last`, for a leave over a range.
#[tauri::command]
pub fn attendance_sitting_range(state: State<'_, AppState>, first: i64, last: i64) -> IpcResult<Vec<i64>> {
    state.with_db(|db| attendance::sitting_range(db.conn(), first, last))
}

/// Members matching a query among those in office on `date` (or ever), for the leave dialog and
/// the member statistics page.
#[tauri::command]
pub fn attendance_find_members(
    state: State<'_, AppState>,
    query: String,
    date: Option<String>,
) -> IpcResult<Vec<PersonCard>> {
    state.with_db(|db| attendance::find_members(db.conn(), &query, date.as_deref()))
}

#[tauri::command]
pub fn attendance_close(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<AttendancePanel> {
    state.with_db(|db| attendance::close_sitting(db, sitting_id))
}

#[tauri::command]
pub fn attendance_reopen(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<AttendancePanel> {
    state.with_db(|db| attendance::reopen_sitting(db, sitting_id))
}

#[tauri::command]
pub fn attendance_sitting_stats(state: State<'_, AppState>, sitting_id: i64) -> IpcResult<SittingAttendanceStats> {
    state.with_db(|db| attendance::sitting_stats(db.conn(), sitting_id))
}

#[tauri::command]
pub fn attendance_meeting_stats(state: State<'_, AppState>, meeting_id: i64) -> IpcResult<AttendanceStats> {
    state.with_db(|db| attendance::meeting_stats(db.conn(), meeting_id))
}

#[tauri::command]
pub fn attendance_period_stats(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> IpcResult<AttendanceStats> {
    state.with_db(|db| attendance::period_stats(db.conn(), from.as_deref(), to.as_deref()))
}

#[tauri::command]
pub fn attendance_member(
    state: State<'_, AppState>,
    member_id: i64,
    from: Option<String>,
    to: Option<String>,
) -> IpcResult<MemberAttendance> {
    state.with_db(|db| attendance::member_attendance(db.conn(), member_id, from.as_deref(), to.as_deref()))
}

#[tauri::command]
pub fn attendance_rules(state: State<'_, AppState>) -> IpcResult<Vec<AttendanceRule>> {
    state.with_db(|db| attendance::attendance_rules(db.conn()))
}

#[tauri::command]
pub fn attendance_set_rule(state: State<'_, AppState>, rule: AttendanceRule) -> IpcResult<AttendanceRule> {
    state.with_db(|db| attendance::set_rule(db, &rule))
}

/// Exports attendance to .xlsx: a sitting, a meeting, a period, or a member's history. Without
/// `path`, into 文档/会务导出/. Returns the file written.
#[tauri::command]
pub fn attendance_export(
    state: State<'_, AppState>,
    sitting_id: Option<i64>,
    meeting_id: Option<i64>,
    member_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    path: Option<String>,
) -> IpcResult<String> {
    state.with_db(|db| {
        let conn = db.conn();
        let title = |t: &str| crate::exports::file_name(t);
        let written = match (sitting_id, meeting_id, member_id) {
            (Some(s), None, None) => {
                let p = attendance::panel(conn, s)?;
                let (path, replace) =
                    export_target(path, &title(&format!("{}{}考勤", p.meeting_title, p.sitting_title)), "xlsx")?;
                export::export_sitting_xlsx(conn, s, &path, replace)?;
                path
            }
            (None, Some(m), None) => {
                let st = attendance::meeting_stats(conn, m)?;
                let (path, replace) = export_target(path, &title(&format!("{}考勤统计", st.title)), "xlsx")?;
                export::export_aggregate_xlsx(&st, &path, replace)?;
                path
            }
            (None, None, Some(id)) => {
                let ma = attendance::member_attendance(conn, id, from.as_deref(), to.as_deref())?;
                let (path, replace) = export_target(path, &title(&format!("{}考勤记录", ma.card.name)), "xlsx")?;
                export::export_member_xlsx(&ma, &path, replace)?;
                path
            }
            (None, None, None) => {
                let st = attendance::period_stats(conn, from.as_deref(), to.as_deref())?;
                let (path, replace) = export_target(path, "考勤统计", "xlsx")?;
                export::export_aggregate_xlsx(&st, &path, replace)?;
                path
            }
            _ => return Err(Error::invalid("导出范围", "场次、会议、委员只能选一个")),
        };
        Ok(written.display().to_string())
    })
}

/// The sign-in sheet (签到表) as PDF; opened in the system viewer when `open` (to print).
#[tauri::command]
pub fn attendance_sign_in_sheet(
    state: State<'_, AppState>,
    sitting_id: i64,
    page_per_group: bool,
    path: Option<String>,
    open: bool,
) -> IpcResult<String> {
    let written = state.with_db(|db| {
        let p = attendance::panel(db.conn(), sitting_id)?;
        let stem = crate::exports::file_name(&format!("{}{}签到表", p.meeting_title, p.sitting_title));
        let (path, replace) = export_target(path, &stem, "pdf")?;
        attendance::write_sign_in_sheet(db.conn(), sitting_id, page_per_group, &path, replace)?;
        Ok(path.display().to_string())
    })?;
    if open {
        huiwu_core::opener::open(std::path::Path::new(&written)).map_err(IpcError::from)?;
    }
    Ok(written)
}
