//! Consultation opinions: reports, remarks, the consolidation screen, feedback and exports.
//! Each command parses its arguments, calls `huiwu_core::opinions` and maps the error.

use huiwu_core::meetings::{self, Session};
use huiwu_core::opinions::{
    self, MergeInput, Opinion, OpinionBoard, OpinionExportFormat, OpinionExportResult, OpinionFeedback,
    OpinionFeedbackSummary, OpinionXlsxOptions, Remark, RemarkFilter, RemarkInput, RemarkPage, RemarkSuggestion,
    Report, ReportContext, ReportInput,
};
use huiwu_core::roster::{self, MemberHit};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn opinion_reports(state: State<'_, AppState>, session_id: Option<i64>) -> IpcResult<Vec<Report>> {
    state.with_db(|db| opinions::list_reports(db.conn(), session_id))
}

/// The sessions a report can belong to (for the new-report form).
#[tauri::command(async)]
pub fn opinion_sessions(state: State<'_, AppState>) -> IpcResult<Vec<Session>> {
    state.with_db(|db| meetings::list_sessions(db.conn()))
}

#[tauri::command(async)]
pub fn opinion_report_create(state: State<'_, AppState>, input: ReportInput) -> IpcResult<Report> {
    state.with_db(|db| opinions::create_report(db, &input))
}

#[tauri::command(async)]
pub fn opinion_report_update(state: State<'_, AppState>, id: i64, input: ReportInput) -> IpcResult<Report> {
    state.with_db(|db| opinions::update_report(db, id, &input))
}

/// Removes a report nobody has spoken on yet; refused, saying what depends on it, otherwise.
#[tauri::command(async)]
pub fn opinion_report_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| opinions::delete_report(db, id))
}

/// The report with its sittings, groups and speakers, for the entry form and the filters.
#[tauri::command(async)]
pub fn opinion_report_context(state: State<'_, AppState>, report_id: i64) -> IpcResult<ReportContext> {
    state.with_db(|db| opinions::report_context(db.conn(), report_id))
}

/// The same people search as check-in, for the speaker field.
#[tauri::command(async)]
pub fn opinion_speaker_search(
    state: State<'_, AppState>,
    query: String,
    date: Option<String>,
) -> IpcResult<Vec<MemberHit>> {
    state.with_db(|db| {
        let mut hits = roster::search(db.conn(), &query, date.as_deref())?;
        hits.truncate(12);
        Ok(hits)
    })
}

/// What pasted text becomes once cleaned (the form shows it before saving).
#[tauri::command(async)]
pub fn remark_clean_text(text: String) -> String {
    opinions::clean_pasted(&text)
}

/// The first draft of an opinion consolidated from remarks with these texts: their sentences,
/// each once, one per line.
#[tauri::command(async)]
pub fn opinion_draft_text(texts: Vec<String>) -> String {
    opinions::draft_text(&texts)
}

#[tauri::command(async)]
pub fn remark_add(state: State<'_, AppState>, input: RemarkInput) -> IpcResult<Remark> {
    state.with_db(|db| opinions::add_remark(db, &input))
}

#[tauri::command(async)]
pub fn remark_update(state: State<'_, AppState>, id: i64, input: RemarkInput) -> IpcResult<Remark> {
    state.with_db(|db| opinions::update_remark(db, id, &input))
}

#[tauri::command(async)]
pub fn remark_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| opinions::delete_remark(db, id))
}

#[tauri::command(async)]
pub fn remark_list(state: State<'_, AppState>, filter: RemarkFilter) -> IpcResult<RemarkPage> {
    state.with_db(|db| opinions::list_remarks(db.conn(), &filter))
}

#[tauri::command(async)]
pub fn remark_set_aside(state: State<'_, AppState>, remark_ids: Vec<i64>, reason: String) -> IpcResult<()> {
    state.with_db(|db| opinions::set_aside(db, &remark_ids, &reason))
}

#[tauri::command(async)]
pub fn remark_restore(state: State<'_, AppState>, remark_ids: Vec<i64>) -> IpcResult<()> {
    state.with_db(|db| opinions::restore_set_aside(db, &remark_ids))
}

#[tauri::command(async)]
pub fn remark_similar(state: State<'_, AppState>, remark_id: i64) -> IpcResult<Vec<RemarkSuggestion>> {
    state.with_db(|db| opinions::similar_to(db.conn(), remark_id, 10))
}

#[tauri::command(async)]
pub fn opinion_board(state: State<'_, AppState>, report_id: i64) -> IpcResult<OpinionBoard> {
    state.with_db(|db| opinions::board(db.conn(), report_id))
}

#[tauri::command(async)]
pub fn opinion_merge(state: State<'_, AppState>, input: MergeInput) -> IpcResult<Opinion> {
    state.with_db(|db| opinions::merge(db, &input))
}

#[tauri::command(async)]
pub fn opinion_split(
    state: State<'_, AppState>,
    opinion_id: i64,
    remark_ids: Vec<i64>,
    topic: String,
    text: String,
) -> IpcResult<Opinion> {
    state.with_db(|db| opinions::split(db, opinion_id, &remark_ids, &topic, &text))
}

/// Moves a remark into another opinion, or out of its opinion when `to` is null.
#[tauri::command(async)]
pub fn opinion_move_remark(state: State<'_, AppState>, remark_id: i64, to: Option<i64>) -> IpcResult<()> {
    state.with_db(|db| opinions::move_remark(db, remark_id, to))
}

#[tauri::command(async)]
pub fn opinion_move(state: State<'_, AppState>, opinion_id: i64, number: u32) -> IpcResult<()> {
    state.with_db(|db| opinions::move_opinion(db, opinion_id, number))
}

#[tauri::command(async)]
pub fn opinion_reorder(state: State<'_, AppState>, report_id: i64, order: Vec<i64>) -> IpcResult<()> {
    state.with_db(|db| opinions::reorder(db, report_id, &order))
}

#[tauri::command(async)]
pub fn opinion_update(state: State<'_, AppState>, opinion_id: i64, topic: String, text: String) -> IpcResult<Opinion> {
    state.with_db(|db| opinions::update_opinion(db, opinion_id, &topic, &text))
}

#[tauri::command(async)]
pub fn opinion_dissolve(state: State<'_, AppState>, opinion_id: i64) -> IpcResult<()> {
    state.with_db(|db| opinions::dissolve_opinion(db, opinion_id))
}

/// Undoes the report's last consolidation operation; returns its label.
#[tauri::command(async)]
pub fn opinion_undo(state: State<'_, AppState>, report_id: i64) -> IpcResult<String> {
    state.with_db(|db| opinions::undo(db, report_id))
}

#[tauri::command(async)]
pub fn opinion_finalise(state: State<'_, AppState>, report_id: i64) -> IpcResult<Report> {
    state.with_db(|db| {
        huiwu_core::snapshots::before(db, huiwu_core::snapshots::Reason::BeforeFinalising);
        opinions::finalise(db, report_id)
    })
}

#[tauri::command(async)]
pub fn opinion_reopen(state: State<'_, AppState>, report_id: i64) -> IpcResult<Report> {
    state.with_db(|db| opinions::reopen(db, report_id))
}

#[tauri::command(async)]
pub fn opinion_suggestions(
    state: State<'_, AppState>,
    report_id: i64,
    min_score: Option<f64>,
) -> IpcResult<Vec<RemarkSuggestion>> {
    state.with_db(|db| {
        opinions::suggest_duplicates(db.conn(), report_id, min_score.unwrap_or(opinions::DEFAULT_MIN_SCORE), 100)
    })
}

#[tauri::command(async)]
pub fn opinion_feedback_set(
    state: State<'_, AppState>,
    opinion_id: i64,
    feedback: OpinionFeedback,
) -> IpcResult<Opinion> {
    state.with_db(|db| opinions::set_feedback(db, opinion_id, &feedback))
}

/// Marks the whole (finalised) list sent; returns how many opinions.
#[tauri::command(async)]
pub fn opinion_list_sent(
    state: State<'_, AppState>,
    report_id: i64,
    sent_on: String,
    receiving_body: String,
) -> IpcResult<u32> {
    state.with_db(|db| opinions::mark_list_sent(db, report_id, &sent_on, &receiving_body))
}

#[tauri::command(async)]
pub fn opinion_feedback_summary(state: State<'_, AppState>, report_id: i64) -> IpcResult<OpinionFeedbackSummary> {
    state.with_db(|db| opinions::feedback_summary(db.conn(), report_id))
}

/// Exports the list; without `path`, into 文档/会务导出/ under the list's title.
#[tauri::command(async)]
pub fn opinion_export(
    state: State<'_, AppState>,
    report_id: i64,
    format: OpinionExportFormat,
    trace: bool,
    path: Option<String>,
) -> IpcResult<OpinionExportResult> {
    state.with_db(|db| {
        let name = opinions::export_file_name(db.conn(), report_id, format)?;
        let ext = name.rsplit('.').next().unwrap_or("pdf").to_string();
        let (path, replace) = crate::exports::export_target(path, crate::exports::stem_of(&name, &ext), &ext)?;
        opinions::export(db.conn(), report_id, &path, OpinionXlsxOptions { trace }, replace)
    })
}
