//! The station's hand-back: what it recorded, as a changeset made by SQLite's session extension
//! (`sqlite3session_diff` between the rows as the package held them and the rows now).

use std::path::Path;

use rusqlite::session::Session;

use super::container::{self, HANDBACK};
use super::exchange::{self, Filter, EVENTS, LEAVES, REMARKS, TABLES};
use super::package::station_manifest;
use super::types::HandbackSummary;
use crate::db::{now, Db};
use crate::error::Result;
use crate::files::Replace;

/// The changeset of what the station recorded since its package was opened.
pub(super) fn changeset(db: &Db) -> Result<(super::types::Manifest, Vec<u8>)> {
    let (mut manifest, base) = station_manifest(db.conn())?;
    let current = exchange::project(db.conn(), &Filter::All)?;
    let x = exchange::scratch(true)?;
    exchange::load(&x, "main", &current)?;
    exchange::load(&x, "base", &base)?;
    let mut out = Vec::new();
    {
        let mut session = Session::new(&x)?;
        session.attach::<&str>(None)?;
        for table in TABLES {
            session.diff("base", table)?;
        }
        session.changeset_strm(&mut out)?;
    }
    manifest.operator = db.operator().to_string();
    manifest.handed_back_at = now();
    Ok((manifest, out))
}

/// Writes the station's hand-back file (for the USB stick). The station's database is unchanged:
/// the file always holds everything recorded since the package was opened, so a later hand-back
/// replaces an earlier one and merging both changes nothing twice.
pub fn handback(db: &Db, path: &Path, replace: Replace) -> Result<HandbackSummary> {
    let (manifest, bytes) = changeset(db)?;
    let counts = super::merge::count_changes(&bytes)?;
    container::write(path, HANDBACK, &manifest, &bytes, replace)?;
    Ok(HandbackSummary {
        path: path.display().to_string(),
        events: counts.get(EVENTS).copied().unwrap_or(0),
        leaves: counts.get(LEAVES).copied().unwrap_or(0),
        remarks: counts.get(REMARKS).copied().unwrap_or(0),
    })
}
