//! Consolidating (梳理归纳) a report's remarks into its numbered list of opinions.
//!
//! Every operation runs in one transaction that first checks the list is not finalised, then
//! saves the report's whole consolidation state (opinions, their links to remarks, their
//! feedback, the set-aside remarks) on the report's undo stack, does its work, drops opinions
//! left with no remark and renumbers the list 1..N. [`undo`] puts the saved state back exactly.
//! Remarks themselves are never deleted or rewritten here: whatever happens to an opinion, each
//! remark stays in the report, either in an opinion, set aside with a reason, or unplaced.

mod board;
mod edits;
mod finalise;
mod operation;
mod undo;

pub use board::{board, get_opinion, list_opinions};
pub use edits::{
    dissolve_opinion, merge, move_opinion, move_remark, reorder, restore_set_aside, set_aside, split, update_opinion,
};
pub use finalise::{finalise, reopen};
pub use undo::{undo, undo_state, UNDO_DEPTH};

#[cfg(test)]
mod tests;
