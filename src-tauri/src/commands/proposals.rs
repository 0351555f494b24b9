//! Proposals (提案): the register, review, assignment, handling, statistics and printing. Each
//! command parses its arguments, calls `huiwu_core::proposals` and maps the error.

use huiwu_core::meetings::{self, Session};
use huiwu_core::proposals::{
    self as p, AnswerInput, AssignInput, LetterUnit, NotFiledOutcome, Proposal, ProposalExportKind,
    ProposalExportResult, ProposalFilter, ProposalInput, ProposalSettings, ProposalStats, ProposalUnit, Rating,
    SimilarProposal, StatsScope,
};
use huiwu_core::roster::{self, today, MemberHit};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn proposal_sessions(state: State<'_, AppState>) -> IpcResult<Vec<Session>> {
    state.with_db(|db| meetings::list_sessions(db.conn()))
}

#[tauri::command(async)]
pub fn proposal_list(state: State<'_, AppState>, filter: ProposalFilter) -> IpcResult<Vec<Proposal>> {
    state.with_db(|db| p::list_proposals(db.conn(), &filter, &today()))
}

#[tauri::command(async)]
pub fn proposal_get(state: State<'_, AppState>, id: i64) -> IpcResult<Proposal> {
    state.with_db(|db| p::get_proposal(db.conn(), id, &today()))
}

#[tauri::command(async)]
pub fn proposal_stats(state: State<'_, AppState>, scope: StatsScope) -> IpcResult<ProposalStats> {
    state.with_db(|db| p::proposal_stats(db.conn(), &scope, &today()))
}

/// The desk's member search, for the submitter fields.
#[tauri::command(async)]
pub fn proposal_member_search(state: State<'_, AppState>, query: String) -> IpcResult<Vec<MemberHit>> {
    state.with_db(|db| {
        let mut hits = roster::search(db.conn(), &query, None)?;
        hits.truncate(12);
        Ok(hits)
    })
}

#[tauri::command(async)]
pub fn proposal_add(state: State<'_, AppState>, input: ProposalInput) -> IpcResult<Proposal> {
    state.with_db(|db| p::add_proposal(db, &input))
}

#[tauri::command(async)]
pub fn proposal_update(state: State<'_, AppState>, id: i64, input: ProposalInput) -> IpcResult<Proposal> {
    state.with_db(|db| p::update_proposal(db, id, &input))
}

#[tauri::command(async)]
pub fn proposal_file(state: State<'_, AppState>, id: i64, number: Option<u32>, date: String) -> IpcResult<Proposal> {
    state.with_db(|db| p::file_proposal(db, id, number, &date))
}

#[tauri::command(async)]
pub fn proposal_reject(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
    outcome: NotFiledOutcome,
    date: String,
) -> IpcResult<Proposal> {
    state.with_db(|db| p::reject_proposal(db, id, &reason, outcome, &date))
}

#[tauri::command(async)]
pub fn proposal_merge(state: State<'_, AppState>, id: i64, into: i64, date: String) -> IpcResult<Proposal> {
    state.with_db(|db| p::merge_proposal(db, id, into, &date))
}

#[tauri::command(async)]
pub fn proposal_similar(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<SimilarProposal>> {
    state.with_db(|db| p::similar_proposals(db.conn(), id, 8))
}

#[tauri::command(async)]
pub fn proposal_assign(state: State<'_, AppState>, id: i64, input: AssignInput) -> IpcResult<Proposal> {
    state.with_db(|db| p::assign_proposal(db, id, &input))
}

#[tauri::command(async)]
pub fn proposal_talk(state: State<'_, AppState>, id: i64, date: String) -> IpcResult<Proposal> {
    state.with_db(|db| p::record_talk(db, id, &date))
}

#[tauri::command(async)]
pub fn proposal_answer(state: State<'_, AppState>, id: i64, input: AnswerInput) -> IpcResult<Proposal> {
    state.with_db(|db| p::answer_proposal(db, id, &input))
}

#[tauri::command(async)]
pub fn proposal_rate(state: State<'_, AppState>, id: i64, rating: Rating, date: String) -> IpcResult<Proposal> {
    state.with_db(|db| p::rate_proposal(db, id, rating, &date))
}

#[tauri::command(async)]
pub fn proposal_visit(state: State<'_, AppState>, id: i64, date: String, note: String) -> IpcResult<Proposal> {
    state.with_db(|db| p::record_visit(db, id, &date, &note))
}

#[tauri::command(async)]
pub fn proposal_withdraw(
    state: State<'_, AppState>,
    id: i64,
    by: String,
    reason: String,
    date: String,
) -> IpcResult<Proposal> {
    state.with_db(|db| p::withdraw_proposal(db, id, &by, &reason, &date))
}

#[tauri::command(async)]
pub fn proposal_units(state: State<'_, AppState>) -> IpcResult<Vec<ProposalUnit>> {
    state.with_db(|db| p::list_units(db.conn(), true))
}

#[tauri::command(async)]
pub fn proposal_unit_add(state: State<'_, AppState>, name: String) -> IpcResult<ProposalUnit> {
    state.with_db(|db| p::add_unit(db, &name))
}

/// Renames a unit or sets it in / out of use.
#[tauri::command(async)]
pub fn proposal_unit_update(
    state: State<'_, AppState>,
    id: i64,
    name: String,
    active: bool,
) -> IpcResult<ProposalUnit> {
    state.with_db(|db| p::update_unit(db, id, &name, active))
}

/// The units a 交办函 can go to in the session, with their counts.
#[tauri::command(async)]
pub fn proposal_letter_units(state: State<'_, AppState>, session_id: i64) -> IpcResult<Vec<LetterUnit>> {
    state.with_db(|db| p::letter_units(db.conn(), session_id, &today()))
}

#[tauri::command(async)]
pub fn proposal_settings(state: State<'_, AppState>) -> IpcResult<ProposalSettings> {
    state.with_db(|db| p::proposal_settings(db.conn()))
}

#[tauri::command(async)]
pub fn proposal_settings_save(state: State<'_, AppState>, settings: ProposalSettings) -> IpcResult<ProposalSettings> {
    state.with_db(|db| p::save_proposal_settings(db, &settings))
}

/// Prints `kind` of the session; without `path`, into 文档/会务导出/.
#[tauri::command(async)]
pub fn proposal_export(
    state: State<'_, AppState>,
    kind: ProposalExportKind,
    session_id: i64,
    target: Option<i64>,
    ext: String,
    path: Option<String>,
) -> IpcResult<ProposalExportResult> {
    state.with_db(|db| {
        let stem = match kind {
            ProposalExportKind::Form => "提案表",
            ProposalExportKind::Catalogue => "提案目录",
            ProposalExportKind::Letter => "交办函",
            ProposalExportKind::Stats => "提案统计表",
            ProposalExportKind::Register => "提案登记表",
        };
        let (path, replace) = crate::exports::export_target(path, stem, &ext)?;
        p::export_proposals(db.conn(), kind, session_id, target, &path, replace, &today())
    })
}

/// The Excel/CSV register at `path` read for the session, each row checked: nothing written.
#[tauri::command(async)]
pub fn proposal_import_preview(
    state: State<'_, AppState>,
    path: String,
    session_id: i64,
) -> IpcResult<p::RegisterImportPreview> {
    state.with_db(|db| {
        let (bytes, name) = roster::import::read_file(std::path::Path::new(path.trim()))?;
        Ok(p::preview_register(db.conn(), &bytes, &name, session_id)?.0)
    })
}

/// Imports the register at `path` into the session: every row or none. Returns how many.
#[tauri::command(async)]
pub fn proposal_import(state: State<'_, AppState>, path: String, session_id: i64) -> IpcResult<usize> {
    state.with_db(|db| {
        let (bytes, name) = roster::import::read_file(std::path::Path::new(path.trim()))?;
        Ok(p::import_register(db, &bytes, &name, session_id)?.len())
    })
}
