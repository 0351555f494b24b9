//! The check-in desk: one query finds the person among those expected and the invitees, and the
//! check-in is committed (`synchronous=FULL`) before the function returns. Leaving early, coming
//! back, undo of the last action, corrections with an explicit time, closing and reopening.

mod actions;
mod closing;
mod lookup;
mod record;
mod window;

pub use actions::{correct, import_events, void_event};
pub use closing::{close_sitting, reopen_sitting};
pub use lookup::{one_member, what_was_tried, MemberMatch};
pub use window::Desk;
