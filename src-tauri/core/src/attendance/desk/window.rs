//! The check-in desk of one window, which keeps a sitting's people and their search indexes between calls.

use std::sync::Arc;

use super::lookup::{check_in_query, Indexes};
use super::record::{movement, refuse_if_closed, undo_in, Source};
use crate::attendance::data::{derive_panel, derive_rows, SittingData};
use crate::attendance::types::*;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::roster::{Invitee, Member};

/// The check-in desk of one window: keeps who is expected and invited at the sitting it serves,
/// with their search indexes, between calls. The kept lists are dropped as soon as the audit trail
/// shows any change other than attendance events and leave (roster, sittings, closing), from this
/// connection or another, so they are never stale; events and leave are read afresh every call.
#[derive(Default)]
pub struct Desk {
    cache: Option<DeskCache>,
}

struct DeskCache {
    sitting_id: i64,
    audit_seen: i64,
    expected: Arc<Vec<Member>>,
    invitees: Arc<Vec<Invitee>>,
    indexes: Arc<Indexes>,
}

fn audit_max(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT COALESCE(max(id), 0) FROM audit_log")?.query_row([], |r| r.get(0))?)
}

fn changed_since(conn: &rusqlite::Connection, seen: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM audit_log WHERE id > ?1 AND entity NOT IN ('attendance_event', 'leave'))",
        )?
        .query_row([seen], |r| r.get(0))?)
}

impl Desk {
    pub fn new() -> Desk {
        Desk::default()
    }

    fn load(&mut self, conn: &rusqlite::Connection, sitting_id: i64) -> Result<(SittingData, Arc<Indexes>)> {
        let seen = audit_max(conn)?;
        if let Some(c) = self.cache.as_mut().filter(|c| c.sitting_id == sitting_id) {
            // A smaller trail than seen means another file: never reuse across files.
            if seen >= c.audit_seen && !changed_since(conn, c.audit_seen)? {
                c.audit_seen = seen;
                let data = SittingData::with_people(conn, sitting_id, c.expected.clone(), c.invitees.clone())?;
                return Ok((data, c.indexes.clone()));
            }
        }
        let data = SittingData::load(conn, sitting_id)?;
        let indexes = Arc::new(Indexes::build(&data));
        self.cache = Some(DeskCache {
            sitting_id,
            audit_seen: seen,
            expected: data.expected.clone(),
            invitees: data.invitees.clone(),
            indexes: indexes.clone(),
        });
        Ok((data, indexes))
    }

    /// Enter at the desk: checks in the one person `query` means (seat, member number, name,
    /// pinyin, initials or a badge scan) and returns the new panel. Several matches come back as
    /// candidates, none as a message saying what was tried; nothing is recorded then.
    pub fn check_in(&mut self, db: &mut Db, sitting_id: i64, query: &str) -> Result<DeskResult> {
        let (mut data, ix) = self.load(db.conn(), sitting_id)?;
        let outcome = check_in_query(db, &mut data, &ix, query, None)?;
        Ok(DeskResult { outcome, panel: derive_panel(&data, &derive_rows(&data)) })
    }

    /// Enter on a candidate picked from the list shown for `query`. The person is checked in only
    /// if the current `query` still matches them; otherwise `query` alone decides, as
    /// [`Desk::check_in`] would.
    pub fn check_in_chosen(
        &mut self,
        db: &mut Db,
        sitting_id: i64,
        query: &str,
        person: PersonRef,
    ) -> Result<DeskResult> {
        let (mut data, ix) = self.load(db.conn(), sitting_id)?;
        let outcome = check_in_query(db, &mut data, &ix, query, Some(person))?;
        Ok(DeskResult { outcome, panel: derive_panel(&data, &derive_rows(&data)) })
    }

    /// Records that a present person left before the end (早退).
    pub fn leave_early(&mut self, db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<AttendancePanel> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        movement(db, &mut data, person, AttendanceEventKind::LeaveEarly, None, Source::Desk, "")?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }

    /// Records that someone who left came back.
    pub fn come_back(&mut self, db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<AttendancePanel> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        movement(db, &mut data, person, AttendanceEventKind::Return, None, Source::Desk, "")?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }

    /// Takes back the last check-in, departure or return recorded at this sitting (an `undo`
    /// event; nothing is deleted). Repeated, it walks further back. Returns what was undone and
    /// the new panel.
    pub fn undo(&mut self, db: &mut Db, sitting_id: i64) -> Result<UndoResult> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        refuse_if_closed(&data, Source::Desk)?;
        let target =
            data.last_action().map(|e| e.id).ok_or_else(|| Error::Conflict("本场次没有可撤销的操作".into()))?;
        let undone = undo_in(db, &mut data, target, Source::Desk, "")?;
        Ok(UndoResult { undone, panel: derive_panel(&data, &derive_rows(&data)) })
    }

    pub fn panel(&mut self, conn: &rusqlite::Connection, sitting_id: i64) -> Result<AttendancePanel> {
        let (data, _) = self.load(conn, sitting_id)?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }
}
