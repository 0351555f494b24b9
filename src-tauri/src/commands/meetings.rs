//! Sessions, meetings and sittings: the calendar and the sitting editor. Each command parses its
//! arguments, calls `huiwu_core::meetings` and maps the error.

use huiwu_core::meetings::{
    self, Meeting, MeetingFilter, MeetingInput, Session, SessionInput, Sitting, SittingInput, SittingStatus,
};
use huiwu_core::roster::{Invitee, Member};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn meetings_sessions(state: State<'_, AppState>) -> IpcResult<Vec<Session>> {
    state.with_db(|db| meetings::list_sessions(db.conn()))
}

#[tauri::command(async)]
pub fn meetings_session_create(state: State<'_, AppState>, input: SessionInput) -> IpcResult<Session> {
    state.with_db(|db| meetings::create_session(db, &input))
}

#[tauri::command(async)]
pub fn meetings_session_update(state: State<'_, AppState>, id: i64, input: SessionInput) -> IpcResult<Session> {
    state.with_db(|db| meetings::update_session(db, id, &input))
}

/// Removes a session with nothing under it; refused, saying what depends on it, otherwise.
#[tauri::command(async)]
pub fn meetings_session_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| meetings::delete_session(db, id))
}

/// What the new-session form starts from: the committee's term, the next session number.
#[tauri::command(async)]
pub fn meetings_session_defaults(state: State<'_, AppState>) -> IpcResult<SessionInput> {
    state.with_db(|db| meetings::session_defaults(db.conn(), None))
}

/// The plenary meeting of a session, named and dated from it.
#[tauri::command(async)]
pub fn meetings_plenary_defaults(state: State<'_, AppState>, session_id: i64) -> IpcResult<MeetingInput> {
    state.with_db(|db| meetings::plenary_defaults(db.conn(), session_id))
}

/// The year the 会议 page opens on: `preferred` if it has meetings, else the latest that has.
#[tauri::command(async)]
pub fn meetings_year_to_show(state: State<'_, AppState>, preferred: i32) -> IpcResult<i32> {
    state.with_db(|db| meetings::year_to_show(db.conn(), preferred))
}

#[tauri::command(async)]
pub fn meetings_list(state: State<'_, AppState>, filter: MeetingFilter) -> IpcResult<Vec<Meeting>> {
    state.with_db(|db| meetings::list_meetings(db.conn(), &filter))
}

#[tauri::command(async)]
pub fn meetings_get(state: State<'_, AppState>, id: i64) -> IpcResult<Meeting> {
    state.with_db(|db| meetings::get_meeting(db.conn(), id))
}

#[tauri::command(async)]
pub fn meetings_create(state: State<'_, AppState>, input: MeetingInput) -> IpcResult<Meeting> {
    state.with_db(|db| meetings::create_meeting(db, &input))
}

#[tauri::command(async)]
pub fn meetings_update(state: State<'_, AppState>, id: i64, input: MeetingInput) -> IpcResult<Meeting> {
    state.with_db(|db| meetings::update_meeting(db, id, &input))
}

/// Removes a meeting and its sittings when nothing is recorded on them; returns how many sittings went.
#[tauri::command(async)]
pub fn meetings_delete(state: State<'_, AppState>, id: i64) -> IpcResult<u32> {
    state.with_db(|db| meetings::delete_meeting(db, id))
}

/// Copies another meeting's sittings (last year's plenary) into an empty meeting.
#[tauri::command(async)]
pub fn meetings_copy_schedule(state: State<'_, AppState>, from: i64, to: i64) -> IpcResult<u32> {
    state.with_db(|db| meetings::copy_schedule(db, from, to))
}

#[tauri::command(async)]
pub fn sittings_list(state: State<'_, AppState>, meeting_id: Option<i64>) -> IpcResult<Vec<Sitting>> {
    state.with_db(|db| meetings::list_sittings(db.conn(), meeting_id))
}

#[tauri::command(async)]
pub fn sittings_get(state: State<'_, AppState>, id: i64) -> IpcResult<Sitting> {
    state.with_db(|db| meetings::get_sitting(db.conn(), id))
}

#[tauri::command(async)]
pub fn sittings_create(state: State<'_, AppState>, input: SittingInput) -> IpcResult<Sitting> {
    state.with_db(|db| meetings::create_sitting(db, &input))
}

#[tauri::command(async)]
pub fn sittings_update(state: State<'_, AppState>, id: i64, input: SittingInput) -> IpcResult<Sitting> {
    state.with_db(|db| meetings::update_sitting(db, id, &input))
}

#[tauri::command(async)]
pub fn sittings_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| meetings::delete_sitting(db, id))
}

#[tauri::command(async)]
pub fn sittings_set_status(state: State<'_, AppState>, id: i64, status: SittingStatus) -> IpcResult<Sitting> {
    state.with_db(|db| {
        if status == SittingStatus::Closed {
            huiwu_core::snapshots::before(db, huiwu_core::snapshots::Reason::BeforeClosing);
        }
        meetings::set_sitting_status(db, id, status)
    })
}

#[tauri::command(async)]
pub fn sittings_expected(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<Member>> {
    state.with_db(|db| meetings::expected_members(db.conn(), id))
}

#[tauri::command(async)]
pub fn sittings_invitees(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<Invitee>> {
    state.with_db(|db| meetings::sitting_invitees(db.conn(), id))
}
