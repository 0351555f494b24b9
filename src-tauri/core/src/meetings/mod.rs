//! Sessions (次会议), meetings (会议) of every kind and their sittings (场次), with who is expected.
//!
//! A sitting expects the members in office on its date, narrowed by its `expect` mode: everyone,
//! the standing committee (role on that date), the members of some groups, or chosen members.
//! Invitees (列席人员) are attached to sittings separately.

mod defaults;
pub mod demo;
mod meeting;
mod remove;
mod schedule;
mod sessions;
mod sittings;
mod types;

pub use defaults::{committee_term, plenary_defaults, session_defaults};
pub use demo::load_demo;
pub use meeting::{create_meeting, create_meeting_in, get_meeting, list_meetings, update_meeting, year_to_show};
pub use remove::{delete_meeting, delete_session, delete_sitting};
pub use schedule::{
    copy_schedule, create_sitting, create_sitting_in, open_sitting_if_planned, set_sitting_status,
    set_sitting_status_in, update_sitting,
};
pub use sessions::{create_session, get_session, list_sessions, session_name, update_session};
pub use sittings::{expected_members, expects_member, get_sitting, list_sittings, sitting_invitees, sittings_on};
pub(crate) use types::half_day_order;
pub use types::{
    AgendaItem, Expect, HalfDay, Meeting, MeetingFilter, MeetingInput, MeetingKind, Session, SessionInput, Sitting,
    SittingInput, SittingKind, SittingStatus,
};

#[cfg(test)]
mod remove_tests;
#[cfg(test)]
mod tests;
