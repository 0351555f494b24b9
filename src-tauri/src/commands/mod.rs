//! Tauri commands, one file per feature. A command parses its arguments, calls the core on the
//! shared database and maps the error to `{code, message}`; nothing else.

pub mod app;
pub mod attendance;
pub mod bulletins;
pub mod documents;
pub mod meetings;
pub mod opinions;
pub mod printing;
pub mod proposals;
pub mod roster;
pub mod sqmy;
pub mod stations;
pub mod year;
