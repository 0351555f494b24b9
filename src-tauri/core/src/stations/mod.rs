//! Several laptops in one hall (分站): check-in desks and group recorders that work from a package
//! the committee file (the master) cuts for them, and hand back what they recorded as one file the
//! master merges. DESIGN.md §7.
//!
//! - `package`: the master exports what one station needs (the sittings, the roster fields the desk
//!   searches and shows, leave so far; for a recorder the group's discussion sittings, the reports
//!   and their remarks), naming the committee, the station and the master state it was cut from
//!   (the audit row of the export); a new file opened from it becomes the station's database.
//! - `handback`: the station's check-in events, leave and remarks as a SQLite changeset (the session
//!   extension's own diff between what the package held and what the station holds now), keyed by
//!   the rows' `uid`s, in a file with a manifest and a SHA-256 checksum (`container`).
//! - `merge`: the master applies the changeset with a conflict handler to a copy of its own rows
//!   (`exchange`), then writes what applied into its tables in one transaction, audited under the
//!   station's operator. Idempotent; conflicts (a closed sitting, a member out of office, a remark
//!   edited on both sides) are stored for a person to decide (`conflicts`), never applied or
//!   dropped in silence; a file of another committee, damaged, or cut from a state the master no
//!   longer has is refused whole.

mod changes;
mod conflicts;
mod container;
mod exchange;
mod handback;
mod merge;
mod package;
mod plan;
mod types;

pub use conflicts::{conflicts, resolve_conflict, stations};
pub use handback::handback;
pub use merge::merge;
pub use package::{export_package, open_package, station_info};
pub use types::*;

#[cfg(test)]
mod tests;
