//! The one integration-test binary: the core driven from outside, through its public API and
//! through the `huiwu` binary's headless mode, on real files.

mod archive;
mod attendance;
mod bulletins;
mod cli;
mod documents;
mod durability;
mod durability_support;
mod import;
mod imports;
mod opinions;
mod printing;
mod proposals;
mod roster;
mod snapshots;
mod sqmy;
mod stations;
mod store;
mod support;
mod year;
mod year_entry;
