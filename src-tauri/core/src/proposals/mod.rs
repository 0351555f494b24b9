//! Proposals (提案): recorded as they arrive (by a member with joint submitters, or collectively),
//! reviewed (立案 with a number per session never reused, 不予立案 with what it becomes, 并案),
//! assigned to handling units, handled (面商, 答复 with its class, rating, 回访), withdrawn (撤案)
//! but never deleted, counted for the work report, and printed.
//!
//! Every change goes through `Db::write` and is audited under the entity `proposal` (or
//! `proposal_unit`). Reading is `query.rs`; the figures of the statistics are `stats.rs`.

mod assign;
pub mod demo;
mod export;
mod handle;
mod import;
mod query;
mod record;
mod review;
mod stats;
mod types;
mod units;

#[cfg(test)]
mod tests;

pub use assign::{assign_proposal, default_deadline};
pub use demo::load_demo;
pub use export::{
    catalogue_document, export_proposals, form_document, letter_document, letter_units, register_xlsx, stats_document,
    LetterUnit, ProposalExportKind, ProposalExportResult,
};
pub use handle::{answer_proposal, rate_proposal, record_talk, record_visit};
pub use import::{import_register, preview_register, RegisterImportPreview, RegisterImportRow};
pub use query::{get_proposal, list_proposals, member_proposals};
pub use record::{
    add_proposal, add_proposals, proposal_settings, resolve_member, save_proposal_settings, update_proposal,
    withdraw_proposal, DEFAULT_CATEGORIES, DEFAULT_DEADLINE_MONTHS,
};
pub use review::{file_proposal, merge_proposal, next_number, reject_proposal, similar_proposals};
pub use stats::{figures_of, is_known_figure, proposal_stats, year_scope};
pub use types::*;
pub use units::{add_unit, find_unit, get_unit, list_units, update_unit};

/// «2020年1月5日» from 'YYYY-MM-DD' (the text itself if it is not a date).
pub fn date_label(d: &str) -> String {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|d| d.format("%Y年%-m月%-d日").to_string())
        .unwrap_or_else(|_| d.to_string())
}
