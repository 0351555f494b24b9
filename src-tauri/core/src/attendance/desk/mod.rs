//! The check-in desk: one query finds the person among those expected and the invitees, and the
//! check-in is committed (`synchronous=FULL`) before the function returns. Leaving early, coming
//! back, undo of the last action, corrections with an explicit time, closing and reopening.

mod actions;
mod closing;
mod lookup;
mod record;
mod window;

pub use actions::{
    check_in, check_in_at, check_in_person, come_back, correct, desk_check_in, desk_check_in_person, desk_come_back,
    desk_leave_early, desk_undo, import_events, leave_early, undo_last, void_event,
};
pub use closing::{close_sitting, reopen_sitting};
pub use record::Source;
pub use window::Desk;
