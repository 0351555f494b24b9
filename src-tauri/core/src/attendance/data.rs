//! Loading one sitting's attendance and deriving each person's row and the live panel from it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};

use super::rules::{self, Presence};
use super::settings::rule_for;
use super::types::*;
use crate::error::{Error, Result};
use crate::meetings::{half_day_order, HalfDay, MeetingKind};
use crate::roster::{self, Invitee, Member};

/// What attendance needs to know about a sitting and its meeting.
#[derive(Debug, Clone)]
pub(crate) struct SittingInfo {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub meeting_kind: MeetingKind,
    pub title: String,
    pub date: String,
    pub half_day: HalfDay,
    pub start_time: String,
    pub election: bool,
    pub closed: bool,
}

impl SittingInfo {
    pub fn naive_date(&self) -> Result<NaiveDate> {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map_err(|_| Error::invalid("场次日期", format!("“{}”不是有效日期", self.date)))
    }

    /// The start: its start time, or the usual start of its half-day.
    pub fn start(&self) -> Result<NaiveDateTime> {
        let t = rules::parse_hm(&self.start_time).unwrap_or_else(|| {
            let hm = match self.half_day {
                HalfDay::Am => (8, 30),
                HalfDay::Pm => (14, 30),
                HalfDay::Eve => (19, 30),
            };
            chrono::NaiveTime::from_hms_opt(hm.0, hm.1, 0).unwrap_or_default()
        });
        Ok(self.naive_date()?.and_time(t))
    }
}

/// A [`SittingInfo`] from the first ten columns of a row: `s.id, s.meeting_id, m.title, m.kind,
/// s.title, s.date, s.half_day, s.start_time, s.election`, then whether attendance is closed.
pub(crate) fn info_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SittingInfo> {
    Ok(SittingInfo {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        meeting_title: r.get(2)?,
        meeting_kind: r.get(3)?,
        title: r.get(4)?,
        date: r.get(5)?,
        half_day: r.get(6)?,
        start_time: r.get(7)?,
        election: r.get(8)?,
        closed: r.get(9)?,
    })
}

pub(crate) fn sitting_info(conn: &Connection, sitting_id: i64) -> Result<SittingInfo> {
    conn.prepare_cached(
        "SELECT s.id, s.meeting_id, m.title, m.kind, s.title, s.date, s.half_day, s.start_time,
                s.election, EXISTS (SELECT 1 FROM attendance_closures c WHERE c.sitting_id = s.id)
         FROM sittings s JOIN meetings m ON m.id = s.meeting_id WHERE s.id = ?1",
    )?
    .query_row([sitting_id], info_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found("场次", sitting_id))
}

/// One stored event.
#[derive(Debug, Clone)]
pub(crate) struct EventRow {
    pub id: i64,
    pub person: PersonRef,
    pub kind: AttendanceEventKind,
    pub at: NaiveDateTime,
    pub at_text: String,
    pub undoes: Option<i64>,
}

/// Local wall-clock time of an RFC 3339 instant.
pub(crate) fn parse_at(s: &str) -> Result<NaiveDateTime> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.naive_local())
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .map_err(|_| Error::invalid("时间", format!("“{s}”应写作 2021-01-19 08:25 的形式")))
}

fn person_from(member: Option<i64>, invitee: Option<i64>) -> PersonRef {
    match (member, invitee) {
        (Some(m), _) => PersonRef::member(m),
        (None, Some(i)) => PersonRef::invitee(i),
        (None, None) => PersonRef::member(0),
    }
}

const EVENTS_OF_SITTING: &str = "SELECT id, member_id, invitee_id, kind, at, undoes, sitting_id FROM attendance_events
     WHERE sitting_id = ?1 ORDER BY id";
const EVENTS_OF_MEMBER: &str = "SELECT id, member_id, invitee_id, kind, at, undoes, sitting_id FROM attendance_events
     WHERE member_id = ?1 ORDER BY id";

/// Events as (sitting, event), by one of the queries above.
fn query_events(conn: &Connection, sql: &str, id: i64) -> Result<Vec<(i64, EventRow)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let raw = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in raw {
        let (id, m, i, kind, at, undoes, sitting) = row?;
        let event = EventRow {
            id,
            person: person_from(m, i),
            kind: AttendanceEventKind::parse(&kind)?,
            at: parse_at(&at)?,
            at_text: at,
            undoes,
        };
        out.push((sitting, event));
    }
    Ok(out)
}

pub(crate) fn load_events(conn: &Connection, sitting_id: i64) -> Result<Vec<EventRow>> {
    Ok(query_events(conn, EVENTS_OF_SITTING, sitting_id)?.into_iter().map(|(_, e)| e).collect())
}

/// One member's events at every sitting, by sitting (through the index on member_id).
pub(crate) fn member_events(conn: &Connection, member_id: i64) -> Result<HashMap<i64, Vec<EventRow>>> {
    let mut out: HashMap<i64, Vec<EventRow>> = HashMap::new();
    for (sitting, e) in query_events(conn, EVENTS_OF_MEMBER, member_id)? {
        out.entry(sitting).or_default().push(e);
    }
    Ok(out)
}

/// The events of a sitting as stored, undo events included, in the order recorded.
pub fn sitting_events(conn: &Connection, sitting_id: i64) -> Result<Vec<AttendanceEvent>> {
    sitting_info(conn, sitting_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, sitting_id, member_id, invitee_id, kind, at, undoes, source, note, operator
         FROM attendance_events WHERE sitting_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([sitting_id], |r| {
        Ok((
            AttendanceEvent {
                id: r.get(0)?,
                sitting_id: r.get(1)?,
                person: person_from(r.get(2)?, r.get(3)?),
                kind: AttendanceEventKind::CheckIn,
                at: r.get(5)?,
                undoes: r.get(6)?,
                source: r.get(7)?,
                note: r.get(8)?,
                operator: r.get(9)?,
            },
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut e, kind) = row?;
        e.kind = AttendanceEventKind::parse(&kind)?;
        out.push(e);
    }
    Ok(out)
}

const LEAVES_OF_SITTING: &str =
    "SELECT l.id, l.member_id, ls.sitting_id, l.kind, l.kind_label, l.reason, l.approver, l.part, l.from_time, l.to_time
     FROM leave_sittings ls JOIN leaves l ON l.id = ls.leave_id
     WHERE ls.sitting_id = ?1 AND l.cancelled_at IS NULL ORDER BY l.id";
const LEAVES_OF_MEMBER: &str =
    "SELECT l.id, l.member_id, ls.sitting_id, l.kind, l.kind_label, l.reason, l.approver, l.part, l.from_time, l.to_time
     FROM leaves l JOIN leave_sittings ls ON ls.leave_id = l.id
     WHERE l.member_id = ?1 AND l.cancelled_at IS NULL ORDER BY l.id";

/// Active leaves as (member, sitting, brief), by one of the queries above.
fn query_leaves(conn: &Connection, sql: &str, id: i64) -> Result<Vec<(i64, i64, LeaveBrief)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, bool>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, member, sitting, kind, label, reason, approver, part, from, to) = row?;
        let kind = LeaveKind::parse(&kind)?;
        let brief = LeaveBrief {
            leave_id: id,
            kind,
            kind_text: leave_kind_text(kind, &label),
            reason,
            approver,
            part,
            from_time: from,
            to_time: to,
        };
        out.push((member, sitting, brief));
    }
    Ok(out)
}

/// The active leave of each member covering the sitting.
pub(crate) fn load_leaves(conn: &Connection, sitting_id: i64) -> Result<HashMap<i64, LeaveBrief>> {
    Ok(query_leaves(conn, LEAVES_OF_SITTING, sitting_id)?.into_iter().map(|(m, _, l)| (m, l)).collect())
}

/// One member's active leave, by sitting.
pub(crate) fn member_leaves(conn: &Connection, member_id: i64) -> Result<HashMap<i64, LeaveBrief>> {
    Ok(query_leaves(conn, LEAVES_OF_MEMBER, member_id)?.into_iter().map(|(_, s, l)| (s, l)).collect())
}

pub(crate) fn leave_kind_text(kind: LeaveKind, label: &str) -> String {
    if kind == LeaveKind::Other && !label.trim().is_empty() {
        label.trim().to_string()
    } else {
        kind.label().to_string()
    }
}

/// Who is expected: frozen at closing, else as the meetings module says today.
pub(crate) fn load_expected(conn: &Connection, info: &SittingInfo) -> Result<Vec<Member>> {
    if !info.closed {
        return crate::meetings::expected_members(conn, info.id);
    }
    let mut stmt = conn.prepare_cached("SELECT member_id FROM attendance_expected WHERE sitting_id = ?1")?;
    let ids: HashSet<i64> = stmt.query_map([info.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut members: Vec<Member> = roster::in_office_on(conn, &info.date)?;
    members.retain(|m| ids.contains(&m.id));
    if members.len() < ids.len() {
        // Someone frozen as expected is no longer in office on that date (a later correction of
        // the roster): they stay on the record of the sitting as it was closed.
        let found: HashSet<i64> = members.iter().map(|m| m.id).collect();
        for id in ids.iter().filter(|id| !found.contains(id)) {
            members.push(roster::get(conn, *id)?);
        }
        members.sort_by_key(|m| (m.roster_order, m.id));
    }
    Ok(members)
}

/// Everything attendance derives a sitting's rows from.
pub(crate) struct SittingData {
    pub info: SittingInfo,
    pub rule: AttendanceRule,
    pub expected: Arc<Vec<Member>>,
    pub invitees: Arc<Vec<Invitee>>,
    pub events: Vec<EventRow>,
    pub leaves: HashMap<i64, LeaveBrief>,
}

impl SittingData {
    pub fn load(conn: &Connection, sitting_id: i64) -> Result<SittingData> {
        let info = sitting_info(conn, sitting_id)?;
        let rule = rule_for(conn, info.meeting_kind.code(), info.election)?;
        let expected = Arc::new(load_expected(conn, &info)?);
        let invitees = Arc::new(crate::meetings::sitting_invitees(conn, sitting_id)?);
        let events = load_events(conn, sitting_id)?;
        let leaves = load_leaves(conn, sitting_id)?;
        Ok(SittingData { info, rule, expected, invitees, events, leaves })
    }

    /// The sitting with people already known (the desk's kept lists); events and leave are read.
    pub fn with_people(
        conn: &Connection,
        sitting_id: i64,
        expected: Arc<Vec<Member>>,
        invitees: Arc<Vec<Invitee>>,
    ) -> Result<SittingData> {
        let info = sitting_info(conn, sitting_id)?;
        let rule = rule_for(conn, info.meeting_kind.code(), info.election)?;
        let events = load_events(conn, sitting_id)?;
        let leaves = load_leaves(conn, sitting_id)?;
        Ok(SittingData { info, rule, expected, invitees, events, leaves })
    }

    /// The events that still stand: neither undo events nor undone.
    pub fn effective(&self) -> Vec<&EventRow> {
        let undone: HashSet<i64> = self.events.iter().filter_map(|e| e.undoes).collect();
        self.events.iter().filter(|e| e.kind != AttendanceEventKind::Undo && !undone.contains(&e.id)).collect()
    }

    pub fn presence(&self) -> HashMap<PersonRef, Presence> {
        let mut by: HashMap<PersonRef, Vec<(AttendanceEventKind, NaiveDateTime)>> = HashMap::new();
        for e in self.effective() {
            by.entry(e.person).or_default().push((e.kind, e.at));
        }
        by.into_iter().map(|(p, ev)| (p, rules::fold(&ev))).collect()
    }

    pub fn presence_of(&self, person: PersonRef) -> Presence {
        let ev: Vec<(AttendanceEventKind, NaiveDateTime)> =
            self.effective().into_iter().filter(|e| e.person == person).map(|e| (e.kind, e.at)).collect();
        rules::fold(&ev)
    }

    pub fn is_expected(&self, person: PersonRef) -> bool {
        match person.kind {
            PersonKind::Member => self.expected.iter().any(|m| m.id == person.id),
            PersonKind::Invitee => self.invitees.iter().any(|i| i.id == person.id),
        }
    }

    pub fn card(&self, person: PersonRef) -> Option<PersonCard> {
        match person.kind {
            PersonKind::Member => self.expected.iter().find(|m| m.id == person.id).map(member_card),
            PersonKind::Invitee => self.invitees.iter().find(|i| i.id == person.id).map(invitee_card),
        }
    }

    pub fn card_or_lookup(&self, conn: &Connection, person: PersonRef) -> Result<PersonCard> {
        if let Some(c) = self.card(person) {
            return Ok(c);
        }
        Ok(match person.kind {
            PersonKind::Member => member_card(&roster::get(conn, person.id)?),
            PersonKind::Invitee => invitee_card(&roster::get_invitee(conn, person.id)?),
        })
    }

    pub fn is_late(&self, at: NaiveDateTime) -> bool {
        self.info
            .naive_date()
            .map(|d| rules::is_late(d, &self.info.start_time, self.rule.late_grace_minutes, at))
            .unwrap_or(false)
    }

    /// The last event that an undo would take back.
    pub fn last_action(&self) -> Option<&EventRow> {
        self.effective().into_iter().next_back()
    }
}

pub(crate) fn member_card(m: &Member) -> PersonCard {
    PersonCard {
        person: PersonRef::member(m.id),
        name: m.name.clone(),
        member_no: m.member_no.clone().unwrap_or_default(),
        sector: m.sector.clone().unwrap_or_default(),
        group: m.group.clone().unwrap_or_default(),
        seat: m.seat.clone(),
        role: m.role.into(),
        roster_order: m.roster_order,
    }
}

/// Members matching a query among those in office on `date` (or ever), at most twenty, for the
/// leave form and the member statistics.
pub fn find_members(conn: &Connection, query: &str, date: Option<&str>) -> Result<Vec<PersonCard>> {
    let hits = roster::search(conn, query, date.map(str::trim).filter(|d| !d.is_empty()))?;
    Ok(hits.iter().take(20).map(|h| member_card(&h.member)).collect())
}

pub(crate) fn invitee_card(i: &Invitee) -> PersonCard {
    PersonCard {
        person: PersonRef::invitee(i.id),
        name: i.name.clone(),
        member_no: String::new(),
        sector: i.unit.clone(),
        group: i.post.clone(),
        seat: String::new(),
        role: CardRole::Invitee,
        roster_order: i.id,
    }
}

fn hms(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M:%S").to_string())
}

pub(crate) fn row_for(
    data: &SittingData,
    card: PersonCard,
    expected: bool,
    p: Option<&Presence>,
    leave: Option<&LeaveBrief>,
) -> AttendanceRow {
    let p = p.cloned().unwrap_or_default();
    let is_member = card.person.kind == PersonKind::Member;
    let status = if p.present() {
        AttendanceStatus::Present
    } else if is_member && leave.is_some() {
        AttendanceStatus::Leave
    } else if data.info.closed && expected {
        AttendanceStatus::Absent
    } else {
        AttendanceStatus::NotArrived
    };
    let late = p.checked_in.is_some_and(|t| data.is_late(t));
    let left_early = p.left_early();
    let status_text = match status {
        AttendanceStatus::Present => {
            let mut s = String::from(if late { "迟到" } else { "已到" });
            if left_early {
                s.push_str("、早退");
            }
            if leave.is_some() {
                s.push_str("（有请假）");
            }
            s
        }
        AttendanceStatus::Leave => format!("请假（{}）", leave.map(|l| l.kind_text.as_str()).unwrap_or("")),
        other => other.label().to_string(),
    };
    AttendanceRow {
        card,
        expected,
        status,
        status_text,
        late,
        left_early,
        in_room: p.in_room,
        checked_in_at: hms(p.checked_in),
        left_at: hms(p.left),
        returned_at: hms(p.returned),
        leave: if is_member { leave.cloned() } else { None },
    }
}

/// Every row of a sitting: the expected members in roster order, then members who came without
/// being expected (e.g. recorded before a change of the roster), then the invitees.
pub(crate) fn derive_rows(data: &SittingData) -> Vec<AttendanceRow> {
    let presence = data.presence();
    let mut out: Vec<AttendanceRow> = data
        .expected
        .iter()
        .map(|m| {
            let person = PersonRef::member(m.id);
            row_for(data, member_card(m), true, presence.get(&person), data.leaves.get(&m.id))
        })
        .collect();
    let expected_ids: HashSet<i64> = data.expected.iter().map(|m| m.id).collect();
    let mut extra: Vec<&PersonRef> =
        presence.keys().filter(|p| p.kind == PersonKind::Member && !expected_ids.contains(&p.id)).collect();
    extra.sort();
    for person in extra {
        if let Some(p) = presence.get(person).filter(|p| p.present()) {
            let card = data.card(*person).unwrap_or_else(|| PersonCard {
                person: *person,
                name: format!("委员#{}", person.id),
                member_no: String::new(),
                sector: String::new(),
                group: String::new(),
                seat: String::new(),
                role: CardRole::Member,
                roster_order: i64::MAX,
            });
            out.push(row_for(data, card, false, Some(p), data.leaves.get(&person.id)));
        }
    }
    for i in data.invitees.iter() {
        let person = PersonRef::invitee(i.id);
        out.push(row_for(data, invitee_card(i), false, presence.get(&person), None));
    }
    out
}

fn with_lookup_names(conn: &Connection, data: &SittingData, rows: &mut [AttendanceRow]) -> Result<()> {
    for r in rows.iter_mut().filter(|r| r.card.roster_order == i64::MAX) {
        r.card = data.card_or_lookup(conn, r.card.person)?;
    }
    Ok(())
}

pub(crate) fn derive_panel(data: &SittingData, rows: &[AttendanceRow]) -> AttendancePanel {
    let mut expected = 0u32;
    let (mut present, mut late, mut left_early, mut on_leave, mut missing) = (0u32, 0u32, 0u32, 0u32, 0u32);
    let (mut inv_expected, mut inv_present) = (0u32, 0u32);
    for r in rows {
        match r.card.person.kind {
            PersonKind::Invitee => {
                inv_expected += 1;
                if r.status == AttendanceStatus::Present {
                    inv_present += 1;
                }
            }
            PersonKind::Member if r.expected => {
                expected += 1;
                match r.status {
                    AttendanceStatus::Present => {
                        present += 1;
                        late += u32::from(r.late);
                        left_early += u32::from(r.left_early);
                    }
                    AttendanceStatus::Leave => on_leave += 1,
                    AttendanceStatus::NotArrived | AttendanceStatus::Absent => missing += 1,
                }
            }
            PersonKind::Member => {}
        }
    }
    let threshold = rules::threshold(&data.rule, expected, present);
    let announcement =
        rules::announcement(rules::body_word(data.info.meeting_kind), expected, on_leave, present, threshold.met);
    let last_action = data.last_action().map(|e| {
        let name = data.card(e.person).map(|c| c.name).unwrap_or_else(|| format!("#{}", e.person.id));
        LastAction {
            event_id: e.id,
            kind: e.kind,
            person: e.person,
            description: format!("撤销：{name} {}（{}）", e.kind.label(), e.at.format("%H:%M:%S")),
            name,
            at: e.at_text.clone(),
        }
    });
    AttendancePanel {
        sitting_id: data.info.id,
        sitting_title: data.info.title.clone(),
        meeting_title: data.info.meeting_title.clone(),
        meeting_kind: data.info.meeting_kind,
        date: data.info.date.clone(),
        start_time: data.info.start_time.clone(),
        election: data.info.election,
        closed: data.info.closed,
        expected,
        present,
        late,
        left_early,
        on_leave,
        missing,
        missing_label: if data.info.closed { "缺席" } else { "未到" }.into(),
        invitees_expected: inv_expected,
        invitees_present: inv_present,
        threshold,
        announcement,
        last_action,
    }
}

/// The live panel of a sitting: 应到, 实到, 请假, 未到 (缺席 once closed), 列席, the quorum and the
/// announcement line.
pub fn panel(conn: &Connection, sitting_id: i64) -> Result<AttendancePanel> {
    let data = SittingData::load(conn, sitting_id)?;
    Ok(derive_panel(&data, &derive_rows(&data)))
}

/// Each person's status and times at a sitting.
pub fn rows(conn: &Connection, sitting_id: i64) -> Result<Vec<AttendanceRow>> {
    let data = SittingData::load(conn, sitting_id)?;
    let mut rows = derive_rows(&data);
    with_lookup_names(conn, &data, &mut rows)?;
    Ok(rows)
}

/// Every sitting for the desk's picker, newest first.
pub fn sitting_choices(conn: &Connection) -> Result<Vec<SittingChoice>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT s.id, s.meeting_id, m.title, m.kind, s.title, s.date, s.half_day, s.start_time, s.election,
                EXISTS (SELECT 1 FROM attendance_closures c WHERE c.sitting_id = s.id), s.status
         FROM sittings s JOIN meetings m ON m.id = s.meeting_id
         ORDER BY s.date DESC, ",
        half_day_order!(),
        " DESC, s.start_time DESC, s.id DESC"
    ))?;
    let rows = stmt.query_map([], |r| {
        let i = info_from_row(r)?;
        Ok(SittingChoice {
            sitting_id: i.id,
            meeting_id: i.meeting_id,
            meeting_title: i.meeting_title,
            meeting_kind: i.meeting_kind,
            title: i.title,
            date: i.date,
            half_day: i.half_day,
            start_time: i.start_time,
            status: r.get(10)?,
            closed: i.closed,
            election: i.election,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
