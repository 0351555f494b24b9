//! Consultation opinions (协商意见): the reports under consultation, the remarks members make on
//! them in group discussion, their consolidation into a numbered list of opinions per report,
//! the feedback on each opinion, and the list's exports.
//!
//! The rule that shapes everything here: nothing a member said may be lost. A remark is never
//! deleted once it is in an opinion or set aside; every consolidation step keeps each remark in
//! exactly one of three places — in one opinion, set aside (不纳入) with a reason, or unplaced —
//! and can be undone exactly; a list cannot be finalised while any remark is unplaced.

mod clean;
mod consolidate;
pub mod demo;
mod draft;
mod export;
mod feedback;
mod gram_index;
pub(crate) mod merged;
mod remarks;
mod remove_report;
mod reports;
mod similar;
mod types;

#[cfg(test)]
pub(crate) mod testkit;

pub use clean::clean_pasted;
pub use consolidate::{
    board, dissolve_opinion, finalise, get_opinion, list_opinions, merge, move_opinion, move_remark, reopen, reorder,
    restore_set_aside, set_aside, split, undo, undo_state, update_opinion, UNDO_DEPTH,
};
pub use demo::load_demo;
pub use draft::draft_text;
pub use export::{
    export, export_file_name, export_xlsx, list_document, OpinionExportFormat, OpinionExportResult, OpinionXlsxOptions,
};
pub use feedback::{feedback_summary, mark_list_sent, set_feedback, OpinionFeedbackSummary};
pub use remarks::{
    add_remark, delete_remark, get_remark, get_remarks, group_speaker_name, list_remarks, resolve_speaker,
    unplaced_count, update_remark, MAX_REMARK_CHARS,
};
pub use remove_report::delete_report;
pub use reports::{
    create_report, default_list_title, find_report, get_report, groups, list_reports, report_context, sections,
    sittings_for_report, speakers_of_report, split_sections, update_report,
};
pub use similar::{bigrams, dice, similar_to, suggest_duplicates, DEFAULT_MIN_SCORE};
pub use types::*;
