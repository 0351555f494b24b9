//! huiwu-core: everything Huiwu knows and does, with no window and no tauri.
//!
//! The desktop shell (`huiwu`) and its headless CLI both call these functions; nothing here may
//! depend on tauri. One module per feature, each owning its types, queries and rules.

pub mod archive;
pub mod attendance;
pub mod audit;
pub mod bulletins;
pub mod committee;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod files;
mod io_message;
pub mod labels;
pub mod meetings;
pub mod numerals;
pub mod opener;
pub mod opinions;
pub mod overview;
pub mod printing;
pub mod progress;
pub mod proposals;
pub mod roster;
pub mod settings;
pub mod snapshots;
pub mod sqmy;
pub mod stations;
#[cfg(test)]
pub(crate) mod testxml;
pub mod text;
pub mod year;

pub use db::Db;
pub use error::{Error, Result};
