//! The year in numbers: the records the work report counts that no other module keeps (duties
//! outside meetings, the 意见建议 of consultations), the year's figures for a year or any period,
//! each traceable to the records behind it (`figures`), the work report's data section as an
//! editable draft exported through the documents engine (`draft`), and each member's record
//! (履职档案, `member`).
//!
//! Every figure is computed from records; a figure with no records behind it is 0. Proposals
//! (提案) and 社情民意 are counted by their own modules (`streams.rs` reads them).

pub mod demo;
mod draft;
mod figures;
mod member;
mod paste;
mod points;
mod records;
mod streams;
mod types;

pub use demo::load_demo;
pub use draft::{draft_text, export_draft, generated_draft, save_draft, sentences, DraftExport};
pub use figures::{
    attendance_section, consultation, duties, figures, keys, meetings, membership, plenary_opinions, records, topics,
};
pub use member::{
    export_member_records, member_record, MemberRecord, MemberScore, PointLine, RecordDuty, RecordProposal,
    RecordRemark, RecordSqmy,
};
pub use paste::split_items;
pub use points::{
    point_rules, point_rules_settings, save_point_rules, set_point_rules, update_point_rules, PointRuleSetting,
    PointRules, PointRulesSettings, POINT_RULES_KEY, POINT_RULE_ITEMS,
};
pub use records::{
    add_items, create_duty, create_duty_in, get_duty, get_item, list_consultations, list_duties, list_items,
    set_item_feedback, update_duty, update_item,
};
pub use streams::{proposals, sqmy};
pub use types::*;

#[cfg(test)]
mod entry_tests;
#[cfg(test)]
mod tests;
