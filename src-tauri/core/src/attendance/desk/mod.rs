//! The check-in desk: one query finds the person among those expected and the invitees, and the
//! check-in is committed (`synchronous=FULL`) before the function returns. Leaving early, coming
//! back, undo of the last action, corrections with an explicit time, closing and reopening.

use std::sync::Arc;

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use super::data::{derive_panel, derive_rows, parse_at, sitting_info, EventRow, SittingData};
use super::types::*;
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::roster::{self, Invitee, Member, MatchField, Role, SearchIndex};

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
fn local_text(at: NaiveDateTime) -> String {
    use chrono::TimeZone;
    match chrono::Local.from_local_datetime(&at).earliest() {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
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
        let changed = tx
            .prepare_cached("UPDATE sittings SET status = 'open' WHERE id = ?1 AND status = 'planned'")?
            .execute([data.info.id])?;
        if changed > 0 {
            tx.audit("sitting", data.info.id, "status", Some("planned"), Some("open"))?;
        }
    }
    Ok(id)
}

/// Records one event and keeps `data` in step, so the panel can be derived without reloading.
#[allow(clippy::too_many_arguments)]
fn record(
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

fn refuse_if_closed(data: &SittingData, source: Source) -> Result<()> {
    if data.info.closed && source != Source::Correction {
        return Err(Error::Conflict(format!(
            "“{}”的考勤已结束；如需更正，请先重新开启考勤，或在考勤明细中更正",
            data.info.title
        )));
    }
    Ok(())
}

fn require_expected(data: &SittingData, person: PersonRef) -> Result<()> {
    if data.is_expected(person) {
        return Ok(());
    }
    Err(Error::Conflict(match person.kind {
        PersonKind::Member => format!("该委员（#{}）不在“{}”的应到名单中", person.id, data.info.title),
        PersonKind::Invitee => format!("该列席人员（#{}）未被邀请列席“{}”", person.id, data.info.title),
    }))
}

fn check_in_resolved(
    db: &mut Db,
    data: &mut SittingData,
    person: PersonRef,
    at: Option<NaiveDateTime>,
    source: Source,
) -> Result<CheckInOutcome> {
    refuse_if_closed(data, source)?;
    require_expected(data, person)?;
    let card = data.card_or_lookup(db.conn(), person)?;
    let p = data.presence_of(person);
    let (at, at_text) = match at {
        Some(t) => (t, local_text(t)),
        None => now_pair(),
    };
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

enum Resolution {
    One(PersonRef),
    Many(Vec<PersonCard>),
    None(String),
}

fn invitee_as_member(i: &Invitee) -> Member {
    Member {
        id: i.id,
        member_no: None,
        name: i.name.clone(),
        gender: String::new(),
        ethnicity: String::new(),
        birth_month: None,
        party: String::new(),
        sector: None,
        group: None,
        role: Role::Member,
        workplace: i.unit.clone(),
        post: i.post.clone(),
        phone: String::new(),
        seat: String::new(),
        notes: String::new(),
        roster_order: i.id,
        joined_on: String::new(),
        left_on: None,
        left_reason: None,
        name_pinyin: String::new(),
        name_initials: String::new(),
        distinct_confirmed: false,
    }
}

/// The search indexes of a sitting's expected members and invitees.
pub(crate) struct Indexes {
    members: SearchIndex,
    invitees: SearchIndex,
}

impl Indexes {
    fn build(data: &SittingData) -> Indexes {
        Indexes {
            members: SearchIndex::from_members(data.expected.as_ref().clone()),
            invitees: SearchIndex::from_members(data.invitees.iter().map(invitee_as_member).collect()),
        }
    }
}

/// Finds the person a desk query means, among the sitting's expected members and its invitees,
/// through the roster's search (seat, member number, name, pinyin, initials). An exact member
/// number, seat or whole name that only one person has is that person; otherwise one hit is that
/// person and several are candidates.
fn resolve(conn: &rusqlite::Connection, data: &SittingData, ix: &Indexes, query: &str) -> Result<Resolution> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(Resolution::None("请输入座位号、委员编号、姓名或拼音".into()));
    }
    let mut hits: Vec<(MatchField, PersonRef)> =
        ix.members.query(q).into_iter().map(|h| (h.matched, PersonRef::member(h.member.id))).collect();
    hits.extend(ix.invitees.query(q).into_iter().map(|h| (h.matched, PersonRef::invitee(h.member.id))));
    hits.sort_by_key(|(f, _)| *f);
    if hits.is_empty() {
        let others = roster::search(conn, q, Some(&data.info.date))?;
        if others.is_empty() {
            return Ok(Resolution::None(format!("没有找到“{q}”：请核对座位号、委员编号或姓名")));
        }
        let names: Vec<String> = others
            .iter()
            .take(3)
            .map(|h| match &h.member.group {
                Some(g) => format!("{}（{g}）", h.member.name),
                None => h.member.name.clone(),
            })
            .collect();
        return Ok(Resolution::None(format!("{} 不在“{}”的应到名单中", names.join("、"), data.info.title)));
    }
    let exact = |f: MatchField| matches!(f, MatchField::MemberNo | MatchField::Seat | MatchField::Name);
    let best = hits[0].0;
    let best_count = hits.iter().filter(|(f, _)| *f == best).count();
    if hits.len() == 1 || (exact(best) && best_count == 1) {
        return Ok(Resolution::One(hits[0].1));
    }
    let cards = hits.iter().filter_map(|(_, p)| data.card(*p)).collect();
    Ok(Resolution::Many(cards))
}

fn check_in_query(db: &mut Db, data: &mut SittingData, ix: &Indexes, query: &str) -> Result<CheckInOutcome> {
    refuse_if_closed(data, Source::Desk)?;
    match resolve(db.conn(), data, ix, query)? {
        Resolution::One(person) => check_in_resolved(db, data, person, None, Source::Desk),
        Resolution::Many(candidates) => Ok(CheckInOutcome::Candidates { candidates }),
        Resolution::None(message) => Ok(CheckInOutcome::NotFound { message }),
    }
}

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

    /// Enter at the desk: checks in the one person `query` means and returns the new panel.
    pub fn check_in(&mut self, db: &mut Db, sitting_id: i64, query: &str) -> Result<DeskResult> {
        let (mut data, ix) = self.load(db.conn(), sitting_id)?;
        let outcome = check_in_query(db, &mut data, &ix, query)?;
        Ok(DeskResult { outcome, panel: derive_panel(&data, &derive_rows(&data)) })
    }

    /// A candidate chosen at the desk.
    pub fn check_in_person(&mut self, db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<DeskResult> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        let outcome = check_in_resolved(db, &mut data, person, None, Source::Desk)?;
        Ok(DeskResult { outcome, panel: derive_panel(&data, &derive_rows(&data)) })
    }

    pub fn leave_early(&mut self, db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<AttendancePanel> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        movement(db, &mut data, person, AttendanceEventKind::LeaveEarly, None, Source::Desk, "")?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }

    pub fn come_back(&mut self, db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<AttendancePanel> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        movement(db, &mut data, person, AttendanceEventKind::Return, None, Source::Desk, "")?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }

    /// Undo of the last action at this sitting; returns the new panel.
    pub fn undo(&mut self, db: &mut Db, sitting_id: i64) -> Result<AttendancePanel> {
        let (mut data, _) = self.load(db.conn(), sitting_id)?;
        refuse_if_closed(&data, Source::Desk)?;
        let target =
            data.last_action().map(|e| e.id).ok_or_else(|| Error::Conflict("本场次没有可撤销的操作".into()))?;
        undo_in(db, &mut data, target, Source::Desk, "")?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }

    pub fn panel(&mut self, conn: &rusqlite::Connection, sitting_id: i64) -> Result<AttendancePanel> {
        let (data, _) = self.load(conn, sitting_id)?;
        Ok(derive_panel(&data, &derive_rows(&data)))
    }
}

/// Checks in the one person `query` means (seat, member number, name, pinyin, initials or a badge
/// scan). Several matches come back as candidates, none as a message; nothing is recorded then.
pub fn check_in(db: &mut Db, sitting_id: i64, query: &str) -> Result<CheckInOutcome> {
    Desk::new().check_in(db, sitting_id, query).map(|r| r.outcome)
}

/// [`check_in`] and the panel after it, in one call: what the desk's Enter does.
pub fn desk_check_in(db: &mut Db, sitting_id: i64, query: &str) -> Result<DeskResult> {
    Desk::new().check_in(db, sitting_id, query)
}

/// Checks in a chosen person (a candidate picked at the desk).
pub fn check_in_person(db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<CheckInOutcome> {
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    check_in_resolved(db, &mut data, person, None, Source::Desk)
}

pub fn desk_check_in_person(db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<DeskResult> {
    Desk::new().check_in_person(db, sitting_id, person)
}

/// Checks in a person at a given local time: for imports of earlier records and the demo.
pub fn check_in_at(
    db: &mut Db,
    sitting_id: i64,
    person: PersonRef,
    at: NaiveDateTime,
    source: Source,
) -> Result<CheckInOutcome> {
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    check_in_resolved(db, &mut data, person, Some(at), source)
}

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
    let mut state: std::collections::HashMap<PersonRef, super::rules::Presence> = data.presence();
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
                format!("{}（#{}）此时不能登记“{}”", data.card(*person).map(|c| c.name).unwrap_or_default(), person.id, kind.label()),
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
        *p = super::rules::fold(&events);
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

fn movement(
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
        AttendanceEventKind::LeaveEarly if !p.present() => return Err(Error::Conflict(format!("{name} 尚未签到，不能登记离场"))),
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

/// Records that a present person left before the end (早退).
pub fn leave_early(db: &mut Db, sitting_id: i64, person: PersonRef, at: Option<NaiveDateTime>) -> Result<()> {
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    let source = if at.is_some() { Source::Import } else { Source::Desk };
    movement(db, &mut data, person, AttendanceEventKind::LeaveEarly, at, source, "").map(drop)
}

/// Records that someone who left came back.
pub fn come_back(db: &mut Db, sitting_id: i64, person: PersonRef, at: Option<NaiveDateTime>) -> Result<()> {
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    let source = if at.is_some() { Source::Import } else { Source::Desk };
    movement(db, &mut data, person, AttendanceEventKind::Return, at, source, "").map(drop)
}

pub fn desk_leave_early(db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<AttendancePanel> {
    Desk::new().leave_early(db, sitting_id, person)
}

pub fn desk_come_back(db: &mut Db, sitting_id: i64, person: PersonRef) -> Result<AttendancePanel> {
    Desk::new().come_back(db, sitting_id, person)
}

/// A correction with an explicit time (e.g. a member who signed the paper sheet but not at the
/// desk): allowed also after the sitting is closed, audited with its note.
pub fn correct(db: &mut Db, sitting_id: i64, person: PersonRef, kind: AttendanceEventKind, at: &str, note: &str) -> Result<i64> {
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

fn undo_in(db: &mut Db, data: &mut SittingData, target: i64, source: Source, note: &str) -> Result<LastAction> {
    let e = data
        .events
        .iter()
        .find(|e| e.id == target)
        .cloned()
        .ok_or_else(|| Error::not_found("考勤记录", target))?;
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
        description: format!("已撤销：{name} {}（{}）", e.kind.label(), e.at.format("%H:%M:%S")),
        name,
        at: e.at_text,
    })
}

/// Takes back the last check-in, departure or return recorded at this sitting (an `undo` event;
/// nothing is deleted). Repeated, it walks further back.
pub fn undo_last(db: &mut Db, sitting_id: i64) -> Result<LastAction> {
    let mut data = SittingData::load(db.conn(), sitting_id)?;
    refuse_if_closed(&data, Source::Desk)?;
    let target = data.last_action().map(|e| e.id).ok_or_else(|| Error::Conflict("本场次没有可撤销的操作".into()))?;
    undo_in(db, &mut data, target, Source::Desk, "")
}

pub fn desk_undo(db: &mut Db, sitting_id: i64) -> Result<AttendancePanel> {
    Desk::new().undo(db, sitting_id)
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

/// Closes the sitting's attendance: who is expected is frozen, and those expected with neither
/// presence nor leave become 缺席. The sitting's status becomes closed.
pub fn close_sitting(db: &mut Db, sitting_id: i64) -> Result<AttendancePanel> {
    let info = sitting_info(db.conn(), sitting_id)?;
    if info.closed {
        return Err(Error::Conflict(format!("“{}”的考勤已经结束", info.title)));
    }
    let expected = crate::meetings::expected_members(db.conn(), sitting_id)?;
    let before = super::data::panel(db.conn(), sitting_id)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO attendance_closures (sitting_id, closed_at, operator) VALUES (?1, ?2, ?3)",
            params![sitting_id, crate::db::now(), tx.operator()],
        )?;
        let mut ins = tx.prepare_cached("INSERT INTO attendance_expected (sitting_id, member_id) VALUES (?1, ?2)")?;
        for m in &expected {
            ins.execute(params![sitting_id, m.id])?;
        }
        let old: String = tx.query_row("SELECT status FROM sittings WHERE id = ?1", [sitting_id], |r| r.get(0))?;
        tx.execute("UPDATE sittings SET status = 'closed' WHERE id = ?1", [sitting_id])?;
        tx.audit(
            "attendance",
            sitting_id,
            "close",
            Some(&json!({ "status": old })),
            Some(&json!({
                "status": "closed", "expected": before.expected, "present": before.present,
                "on_leave": before.on_leave, "absent": before.missing, "announcement": before.announcement,
            })),
        )
    })?;
    super::data::panel(db.conn(), sitting_id)
}

/// Reopens a closed sitting's attendance (for corrections at the desk); 缺席 become 未到 again.
pub fn reopen_sitting(db: &mut Db, sitting_id: i64) -> Result<AttendancePanel> {
    let info = sitting_info(db.conn(), sitting_id)?;
    if !info.closed {
        return Err(Error::Conflict(format!("“{}”的考勤尚未结束", info.title)));
    }
    db.write(|tx| {
        let frozen: i64 =
            tx.query_row("SELECT count(*) FROM attendance_expected WHERE sitting_id = ?1", [sitting_id], |r| r.get(0))?;
        tx.execute("DELETE FROM attendance_closures WHERE sitting_id = ?1", [sitting_id])?;
        tx.execute("UPDATE sittings SET status = 'open' WHERE id = ?1", [sitting_id])?;
        tx.audit("attendance", sitting_id, "reopen", Some(&json!({ "status": "closed", "expected": frozen })), Some(&json!({ "status": "open" })))
    })?;
    super::data::panel(db.conn(), sitting_id)
}
