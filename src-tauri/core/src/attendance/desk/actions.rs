//! The desk's actions as single calls: imports of earlier records, corrections with a time, voiding an event.

use chrono::NaiveDateTime;
use rusqlite::OptionalExtension;

use super::record::{insert_event, local_text, movement, record, refuse_if_closed, require_expected, undo_in, Source};
use crate::attendance::data::{parse_at, SittingData};
use crate::attendance::types::*;
use crate::db::Db;
use crate::error::{Error, Result};

/// Imports a sitting's earlier records (a paper sheet typed in, another system's log, the demo) in
/// one transaction: check-ins, departures and returns with their times, checked like the desk's
/// (each person must be expected or invited; a departure needs a check-in). All or nothing.
/// Returns how many events were recorded (repeated check-ins are skipped).
pub fn import_events(
    db: &mut Db,
    sitting_id: i64,
    entries: &[(PersonRef, AttendanceEventKind, NaiveDateTime)],
) -> Result<usize> {
    let data = SittingData::load(db.conn(), sitting_id)?;
    refuse_if_closed(&data, Source::Import)?;
    let mut state: std::collections::HashMap<PersonRef, crate::attendance::rules::Presence> = data.presence();
    let mut plan = Vec::new();
    for (i, (person, kind, at)) in entries.iter().enumerate() {
        require_expected(&data, *person)?;
        let p = state.entry(*person).or_default();
        let ok = match kind {
            AttendanceEventKind::CheckIn if p.present() => continue,
            AttendanceEventKind::CheckIn => true,
            AttendanceEventKind::LeaveEarly => p.present() && p.in_room,
            AttendanceEventKind::Return => p.present() && !p.in_room,
            AttendanceEventKind::Undo => false,
        };
        if !ok {
            return Err(Error::invalid(
                format!("第 {} 条记录", i + 1),
                format!(
                    "{}（#{}）此时不能登记“{}”",
                    data.card(*person).map(|c| c.name).unwrap_or_default(),
                    person.id,
                    kind.label()
                ),
            ));
        }
        let mut events: Vec<(AttendanceEventKind, NaiveDateTime)> = Vec::new();
        if let Some(t) = p.checked_in {
            events.push((AttendanceEventKind::CheckIn, t));
        }
        if !p.in_room {
            if let Some(t) = p.left {
                events.push((AttendanceEventKind::LeaveEarly, t));
            }
        }
        events.push((*kind, *at));
        *p = crate::attendance::rules::fold(&events);
        plan.push((*person, *kind, *at, local_text(*at)));
    }
    db.write(|tx| {
        for (person, kind, _, text) in &plan {
            insert_event(tx, &data, *person, *kind, text, None, Source::Import, "")?;
        }
        Ok(())
    })?;
    Ok(plan.len())
}

/// A correction with an explicit time (e.g. a member who signed the paper sheet but not at the
/// desk): allowed also after the sitting is closed, audited with its note.
pub fn correct(
    db: &mut Db,
    sitting_id: i64,
    person: PersonRef,
    kind: AttendanceEventKind,
    at: &str,
    note: &str,
) -> Result<i64> {
    let at = parse_at(at)?;
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    if kind == AttendanceEventKind::CheckIn {
        require_expected(&data, person)?;
        if data.presence_of(person).present() {
            let name = data.card(person).map(|c| c.name).unwrap_or_default();
            return Err(Error::Conflict(format!("{name} 已有签到记录；如时间有误，请先撤销该记录再更正")));
        }
        return record(db, &mut data, person, kind, at, local_text(at), None, Source::Correction, note.trim());
    }
    movement(db, &mut data, person, kind, Some(at), Source::Correction, note.trim())
}

/// Takes back one particular event (a correction; also after closing), with the reason.
pub fn void_event(db: &mut Db, event_id: i64, note: &str) -> Result<LastAction> {
    let sitting_id: i64 = db
        .conn()
        .query_row("SELECT sitting_id FROM attendance_events WHERE id = ?1", [event_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("考勤记录", event_id))?;
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    undo_in(db, &mut data, event_id, Source::Correction, note.trim())
}
