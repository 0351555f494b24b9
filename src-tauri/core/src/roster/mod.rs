//! The roster (委员名册): members, their membership over time, sectors, groups and invitees.
//!
//! Nobody is ever deleted. A member joins on `joined_on` (a `joined` event that also records the
//! role they joined with); later events change the role (`role_changed`, `standing_resigned`) or
//! end the membership (`resigned`, `ordered_to_resign`, `revoked`, `died`), each with an effective
//! date and the decision's reference. A member is in office on day D when
//! `joined_on <= D < left_on`; their role on D is the role of the last role-bearing event on or
//! before D. `members.role` and `members.left_on` hold the latest state for quick queries.

pub mod batches;
pub mod export;
pub mod import;
pub mod names;
pub mod search;
pub mod seats;

mod dates;
mod events;
mod invitees;
mod queries;
mod sectors;
mod types;
mod write;

pub use dates::{parse_date, parse_month, today};
pub use events::{change_role, events, events_between, record_event, record_in, record_suspension};
pub(crate) use invitees::invitee_from_row;
pub use invitees::{create_invitee, delete_invitee, get_invitee, list_invitees, update_invitee};
pub use queries::{
    all, find_by_member_no, get, get_on, history, in_office_on, likely_duplicates, list, role_on, serving_member_on,
    serving_on,
};
pub use search::{resolve_one, search, MatchField, MemberHit, SearchIndex};
pub use sectors::{groups, sectors, set_group_convener, SECTOR_ORDER};
pub use types::{
    DuplicatePair, Invitee, InviteeInput, Member, MemberHistory, MemberInput, MemberStatus, MembershipEvent,
    MembershipEventInput, MembershipKind, NamedCount, Role, RosterFilter,
};
pub use write::{confirm_distinct, create, create_in, update, update_dated, update_in};

#[cfg(test)]
mod batches_tests;
#[cfg(test)]
mod tests;
