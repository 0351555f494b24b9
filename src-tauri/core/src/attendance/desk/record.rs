//! Recording attendance events: where they come from, the checks every action passes (sitting not
//! closed, person expected), and the one place events are written; check-in, movement and undo.

use chrono::NaiveDateTime;
use rusqlite::params;
use serde_json::json;

use crate::attendance::data::{EventRow, SittingData};
use crate::attendance::types::*;
use crate::db::{Db, Tx};
use crate::error::{Error, Result};

/// Where an event comes from: the desk (now), a correction (any time, also after closing), or an
/// import of earlier records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Desk,
    Correction,
    Import,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Desk => "desk",
            Source::Correction => "correction",
            Source::Import => "import",
        }
    }
}

fn now_pair() -> (NaiveDateTime, String) {
    let now = chrono::Local::now();
    (now.naive_local(), now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// The RFC 3339 text of a local wall-clock time.
pub(super) fn local_text(at: NaiveDateTime) -> String {
    use chrono::TimeZone;
    match chrono::Local.from_local_datetime(&at).earliest() {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn insert_event(
    tx: &Tx<'_>,
    data: &SittingData,
    person: PersonRef,
    kind: AttendanceEventKind,
    at: &str,
    undoes: Option<i64>,
    source: Source,
    note: &str,
) -> Result<i64> {
    let (member, invitee) = person.columns();
    tx.prepare_cached(
        "INSERT INTO attendance_events (sitting_id, member_id, invitee_id, kind, at, undoes, source, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        data.info.id,
        member,
        invitee,
        kind.as_str(),
        at,
        undoes,
        source.as_str(),
        note,
        tx.operator(),
        crate::db::now()
    ])?;
    let id = tx.last_insert_rowid();
    let name = data.card(person).map(|c| c.name).unwrap_or_default();
    tx.audit(
        "attendance_event",
        id,
        kind.as_str(),
        None::<&()>,
        Some(&json!({
            "sitting_id": data.info.id, "person": person, "name": name, "at": at,
            "undoes": undoes, "source": source.as_str(), "note": note,
        })),
    )?;
    // The first check-in opens a planned sitting.
    if kind == AttendanceEventKind::CheckIn {
        crate::meetings::open_sitting_if_planned(tx, data.info.id)?;
    }
    Ok(id)
}

/// Records one event and keeps `data` in step, so the panel can be derived without reloading.
#[allow(clippy::too_many_arguments)]
pub(super) fn record(
    db: &mut Db,
    data: &mut SittingData,
    person: PersonRef,
    kind: AttendanceEventKind,
    at: NaiveDateTime,
    at_text: String,
    undoes: Option<i64>,
    source: Source,
    note: &str,
) -> Result<i64> {
    let id = db.write(|tx| insert_event(tx, data, person, kind, &at_text, undoes, source, note))?;
    data.events.push(EventRow { id, person, kind, at, at_text, undoes });
    Ok(id)
}

pub(super) fn refuse_if_closed(data: &SittingData, source: Source) -> Result<()> {
    if data.info.closed && source != Source::Correction {
        return Err(Error::Conflict(format!(
            "“{}”的考勤已结束；如需更正，请先重新开启考勤，或在考勤明细中更正",
            data.info.title
        )));
    }
    Ok(())
}

pub(super) fn require_expected(data: &SittingData, person: PersonRef) -> Result<()> {
    if data.is_expected(person) {
        return Ok(());
    }
    Err(Error::Conflict(match person.kind {
        PersonKind::Member => format!("该委员（#{}）不在“{}”的应到名单中", person.id, data.info.title),
        PersonKind::Invitee => format!("该列席人员（#{}）未被邀请列席“{}”", person.id, data.info.title),
    }))
}

/// Checks in, now, the person a desk query resolved to (a scan of someone who left is their return).
pub(super) fn check_in_resolved(db: &mut Db, data: &mut SittingData, person: PersonRef) -> Result<CheckInOutcome> {
    let source = Source::Desk;
    refuse_if_closed(data, source)?;
    require_expected(data, person)?;
    let card = data.card_or_lookup(db.conn(), person)?;
    let p = data.presence_of(person);
    let (at, at_text) = now_pair();
    if let Some(first) = p.checked_in {
        if p.in_room {
            return Ok(CheckInOutcome::AlreadyPresent { card, at: first.format("%H:%M:%S").to_string() });
        }
        record(db, data, person, AttendanceEventKind::Return, at, at_text.clone(), None, source, "")?;
        return Ok(CheckInOutcome::CheckedIn { card, late: data.is_late(first), returned: true, at: at_text });
    }
    record(db, data, person, AttendanceEventKind::CheckIn, at, at_text.clone(), None, source, "")?;
    Ok(CheckInOutcome::CheckedIn { card, late: data.is_late(at), returned: false, at: at_text })
}

pub(super) fn movement(
    db: &mut Db,
    data: &mut SittingData,
    person: PersonRef,
    kind: AttendanceEventKind,
    at: Option<NaiveDateTime>,
    source: Source,
    note: &str,
) -> Result<i64> {
    refuse_if_closed(data, source)?;
    require_expected(data, person)?;
    let p = data.presence_of(person);
    let name = data.card(person).map(|c| c.name).unwrap_or_default();
    match kind {
        AttendanceEventKind::LeaveEarly if !p.present() => {
            return Err(Error::Conflict(format!("{name} 尚未签到，不能登记离场")))
        }
        AttendanceEventKind::LeaveEarly if !p.in_room => return Err(Error::Conflict(format!("{name} 已经离场"))),
        AttendanceEventKind::Return if !p.present() => return Err(Error::Conflict(format!("{name} 尚未签到"))),
        AttendanceEventKind::Return if p.in_room => return Err(Error::Conflict(format!("{name} 在场，无需登记返回"))),
        AttendanceEventKind::Undo => return Err(Error::invalid("考勤动作", "撤销请用撤销功能")),
        _ => {}
    }
    let (at, at_text) = match at {
        Some(t) => (t, local_text(t)),
        None => now_pair(),
    };
    record(db, data, person, kind, at, at_text, None, source, note)
}

pub(super) fn undo_in(
    db: &mut Db,
    data: &mut SittingData,
    target: i64,
    source: Source,
    note: &str,
) -> Result<LastAction> {
    let e = data.events.iter().find(|e| e.id == target).cloned().ok_or_else(|| Error::not_found("考勤记录", target))?;
    if e.kind == AttendanceEventKind::Undo {
        return Err(Error::Conflict("撤销记录本身不能再撤销".into()));
    }
    if data.events.iter().any(|x| x.undoes == Some(target)) {
        return Err(Error::Conflict(format!("考勤记录 {target} 已被撤销")));
    }
    let name = data.card_or_lookup(db.conn(), e.person)?.name;
    let (now, now_text) = now_pair();
    record(db, data, e.person, AttendanceEventKind::Undo, now, now_text, Some(target), source, note)?;
    Ok(LastAction {
        event_id: e.id,
        kind: e.kind,
        person: e.person,
        description: format!("已撤销：{name} {}（{}）", e.kind.label(), e.at.format("%H:%M:%S")),
        name,
        at: e.at_text,
    })
}
