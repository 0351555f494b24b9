//! The check-in desk: one query finds the person among those expected and the invitees, and the
//! check-in is committed (`synchronous=FULL`) before the function returns. Leaving early, coming
//! back, undo of the last action, corrections with an explicit time, closing and reopening.

mod actions;
mod closing;
mod lookup;
mod record;
mod window;

pub use actions::{check_in_at, come_back, correct, import_events, leave_early, void_event};
pub use closing::{close_sitting, reopen_sitting};
pub use lookup::{the_one, what_was_tried};
pub use record::Source;
pub use window::Desk;
