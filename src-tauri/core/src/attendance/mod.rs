//! Attendance (考勤): the check-in desk, leave, the live 应到/实到 panel, closing a sitting,
//! statistics, the roll call for the minutes, and exports.
//!
//! Nothing here stores a status. A person's attendance at a sitting is derived from their check-in
//! events (check-in, leaving early, coming back; each taken back only by a later `undo` event), the
//! leave that covers the sitting, and whether the sitting is closed (then those expected with
//! neither presence nor leave are 缺席). Who is expected comes from the meetings module while the
//! sitting is open and is frozen when it is closed. Every change goes through [`Db::write`]
//! (`synchronous=FULL`), so a check-in the desk confirmed is on disk.

mod data;
pub mod demo;
mod desk;
pub mod export;
mod leave;
mod member;
mod roll_call;
pub mod rules;
mod settings;
pub mod signin;
pub mod stats;
pub mod types;

pub use data::{find_members, panel, rows, sitting_choices, sitting_events};
pub use demo::load_demo;
pub use desk::{
    close_sitting, correct, import_events, one_member, reopen_sitting, void_event, what_was_tried, Desk, MemberMatch,
};
pub use leave::{
    cancel_leave, get_leave, leaves_for_member, leaves_for_sitting, record_leave, sitting_range, update_leave,
};
pub use member::{member_attendance, member_attendance_on};
pub use roll_call::{meeting_roll_call, roll_call, RollCall, RollName};
pub use settings::{rule_for, rules as attendance_rules, set_rule};
pub use signin::{sign_in_sheet, write_sign_in_sheet};
pub use stats::{
    meeting_stats, period_stats, period_stats_on, sitting_stats, AttendanceBreakdownRow, AttendanceCounts,
    AttendanceStats, MemberAttendance, MemberAttendanceRow, MemberAttendanceSitting, SittingAttendanceStats,
    SittingAttendanceSummary,
};
pub use types::*;

#[cfg(test)]
pub(crate) mod tests;
