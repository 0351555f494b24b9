//! Attendance statistics: per sitting, per meeting, per group and sector over a meeting or any
//! period. Rates count only sittings whose attendance is closed; a sitting still open is counted
//! apart as pending (待结束), since its 未到 may yet arrive. A member's own record is in
//! [`super::member`].

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::data::{derive_panel, derive_rows, SittingData};
use super::types::*;
use crate::error::{Error, Result};
use crate::meetings::{half_day_order, HalfDay};
use crate::roster;

/// AttendanceCounts over person-sittings (for one sitting: over persons).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceCounts {
    /// 应到
    pub expected: u32,
    /// 实到
    pub present: u32,
    pub late: u32,
    pub left_early: u32,
    /// 请假 (and did not come)
    pub on_leave: u32,
    pub leave_sick: u32,
    pub leave_personal: u32,
    pub leave_official: u32,
    pub leave_other: u32,
    /// 缺席: closed sittings, expected, neither present nor on leave
    pub absent: u32,
    /// 未到 at sittings not yet closed
    pub not_arrived: u32,
    /// In totals over several sittings: 应到 at sittings not yet closed (待结束), kept out of every
    /// other figure and of the rate.
    pub pending: u32,
    pub invitees_present: u32,
    /// 实到 / 应到, 0..1 (0 when nobody was expected)
    pub rate: f64,
}

impl AttendanceCounts {
    pub(crate) fn add(&mut self, r: &AttendanceRow) {
        if r.card.person.kind == PersonKind::Invitee {
            if r.status == AttendanceStatus::Present {
                self.invitees_present += 1;
            }
            return;
        }
        if !r.expected {
            return;
        }
        self.expected += 1;
        match r.status {
            AttendanceStatus::Present => {
                self.present += 1;
                self.late += u32::from(r.late);
                self.left_early += u32::from(r.left_early);
            }
            AttendanceStatus::Leave => {
                self.on_leave += 1;
                match r.leave.as_ref().map(|l| l.kind) {
                    Some(LeaveKind::Sick) => self.leave_sick += 1,
                    Some(LeaveKind::Personal) => self.leave_personal += 1,
                    Some(LeaveKind::Official) => self.leave_official += 1,
                    _ => self.leave_other += 1,
                }
            }
            AttendanceStatus::Absent => self.absent += 1,
            AttendanceStatus::NotArrived => self.not_arrived += 1,
        }
        self.rate = self.present as f64 / self.expected as f64;
    }

    /// Adds one sitting to a total: its figures when closed, else only as pending.
    pub(crate) fn add_sitting(&mut self, sitting_closed: bool, o: &AttendanceCounts) {
        if sitting_closed {
            self.merge(o);
        } else {
            self.pending += o.expected;
        }
    }

    /// «应出席 23 次，出席 23 次（迟到 0，早退 0），请假 0 次，缺席 0 次，出席率 100.0%；另有 8 场考勤
    /// 尚未结束（待结束），不计入出席率»: a member's record in words.
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "应出席 {} 次，出席 {} 次（迟到 {}，早退 {}），请假 {} 次，缺席 {} 次，出席率 {:.1}%",
            self.expected,
            self.present,
            self.late,
            self.left_early,
            self.on_leave,
            self.absent,
            self.rate * 100.0
        );
        if self.pending > 0 {
            s.push_str(&format!("；另有 {} 场考勤尚未结束（待结束），不计入出席率", self.pending));
        }
        s
    }

    fn merge(&mut self, o: &AttendanceCounts) {
        self.expected += o.expected;
        self.present += o.present;
        self.late += o.late;
        self.left_early += o.left_early;
        self.on_leave += o.on_leave;
        self.leave_sick += o.leave_sick;
        self.leave_personal += o.leave_personal;
        self.leave_official += o.leave_official;
        self.leave_other += o.leave_other;
        self.absent += o.absent;
        self.not_arrived += o.not_arrived;
        self.invitees_present += o.invitees_present;
        self.pending += o.pending;
        self.rate = if self.expected == 0 { 0.0 } else { self.present as f64 / self.expected as f64 };
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SittingAttendanceSummary {
    #[ts(type = "number")]
    pub sitting_id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub title: String,
    pub date: String,
    pub half_day: HalfDay,
    pub closed: bool,
    pub counts: AttendanceCounts,
    pub announcement: String,
}

/// One line of a breakdown: a group, a sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceBreakdownRow {
    pub key: String,
    pub counts: AttendanceCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberAttendanceRow {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub member_no: String,
    pub sector: String,
    pub group: String,
    #[ts(type = "number")]
    pub roster_order: i64,
    pub counts: AttendanceCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SittingAttendanceStats {
    pub summary: SittingAttendanceSummary,
    pub panel: AttendancePanel,
    pub by_group: Vec<AttendanceBreakdownRow>,
    pub by_sector: Vec<AttendanceBreakdownRow>,
    pub rows: Vec<AttendanceRow>,
}

/// Statistics over several sittings: a meeting, or every sitting in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceStats {
    /// The meeting's title, or «2021年1月1日 至 2021年12月31日»
    pub title: String,
    pub sittings: Vec<SittingAttendanceSummary>,
    pub totals: AttendanceCounts,
    pub by_group: Vec<AttendanceBreakdownRow>,
    pub by_sector: Vec<AttendanceBreakdownRow>,
    pub by_member: Vec<MemberAttendanceRow>,
}

/// One sitting in a member's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberAttendanceSitting {
    #[ts(type = "number")]
    pub sitting_id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub sitting_title: String,
    pub date: String,
    pub half_day: HalfDay,
    pub closed: bool,
    pub status: AttendanceStatus,
    pub status_text: String,
    pub late: bool,
    pub left_early: bool,
    pub checked_in_at: Option<String>,
    pub leave: Option<LeaveBrief>,
}

/// A member's attendance over a period (履职档案).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberAttendance {
    pub card: PersonCard,
    /// The period, 'YYYY-MM-DD'; by default the member's time in office up to today.
    pub from: String,
    pub to: String,
    /// Over the closed sittings at which the member was in office and expected; `pending` counts
    /// the open ones.
    pub counts: AttendanceCounts,
    /// «2017年1月10日至2021年1月19日：应出席 23 次，…，出席率 100.0%；另有 8 场考勤尚未结束（待结束），不计入出席率»
    pub summary: String,
    /// Newest first.
    pub history: Vec<MemberAttendanceSitting>,
    /// 缺席 without leave, newest first.
    pub absences: Vec<MemberAttendanceSitting>,
}

fn summary(data: &SittingData, rows: &[AttendanceRow]) -> SittingAttendanceSummary {
    let mut counts = AttendanceCounts::default();
    rows.iter().for_each(|r| counts.add(r));
    SittingAttendanceSummary {
        sitting_id: data.info.id,
        meeting_id: data.info.meeting_id,
        meeting_title: data.info.meeting_title.clone(),
        title: data.info.title.clone(),
        date: data.info.date.clone(),
        half_day: data.info.half_day,
        closed: data.info.closed,
        counts,
        announcement: derive_panel(data, rows).announcement,
    }
}

#[derive(Default)]
struct Breakdown {
    groups: BTreeMap<(i64, String), AttendanceCounts>,
    sectors: BTreeMap<(i64, String), AttendanceCounts>,
    members: HashMap<i64, MemberAttendanceRow>,
}

impl Breakdown {
    /// One sitting's rows: counted when the sitting is closed, else only as pending.
    fn add(
        &mut self,
        closed: bool,
        rows: &[AttendanceRow],
        group_order: &HashMap<String, i64>,
        sector_order: &HashMap<String, i64>,
    ) {
        for r in rows.iter().filter(|r| r.card.person.kind == PersonKind::Member && r.expected) {
            let g = if r.card.group.is_empty() { "（未分组）".to_string() } else { r.card.group.clone() };
            let s = if r.card.sector.is_empty() { "（未填界别）".to_string() } else { r.card.sector.clone() };
            let go = group_order.get(&r.card.group).copied().unwrap_or(i64::MAX);
            let so = sector_order.get(&r.card.sector).copied().unwrap_or(i64::MAX);
            let add = |c: &mut AttendanceCounts| if closed { c.add(r) } else { c.pending += 1 };
            add(self.groups.entry((go, g)).or_default());
            add(self.sectors.entry((so, s)).or_default());
            add(&mut self
                .members
                .entry(r.card.person.id)
                .or_insert_with(|| MemberAttendanceRow {
                    member_id: r.card.person.id,
                    name: r.card.name.clone(),
                    member_no: r.card.member_no.clone(),
                    sector: r.card.sector.clone(),
                    group: r.card.group.clone(),
                    roster_order: r.card.roster_order,
                    counts: AttendanceCounts::default(),
                })
                .counts);
        }
    }

    fn finish(self) -> (Vec<AttendanceBreakdownRow>, Vec<AttendanceBreakdownRow>, Vec<MemberAttendanceRow>) {
        let rows = |m: BTreeMap<(i64, String), AttendanceCounts>| {
            m.into_iter().map(|((_, key), counts)| AttendanceBreakdownRow { key, counts }).collect()
        };
        let mut members: Vec<MemberAttendanceRow> = self.members.into_values().collect();
        members.sort_by_key(|m| (m.roster_order, m.member_id));
        (rows(self.groups), rows(self.sectors), members)
    }
}

fn orders(conn: &Connection) -> Result<(HashMap<String, i64>, HashMap<String, i64>)> {
    let load = |sql: &str| -> Result<HashMap<String, i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    Ok((
        load("SELECT name, sort_order * 100000 + id FROM groups")?,
        load("SELECT name, sort_order * 100000 + id FROM sectors")?,
    ))
}

pub fn sitting_stats(conn: &Connection, sitting_id: i64) -> Result<SittingAttendanceStats> {
    let data = SittingData::load(conn, sitting_id)?;
    let rows = derive_rows(&data);
    let (go, so) = orders(conn)?;
    let mut b = Breakdown::default();
    // One sitting on its own: its live figures, closed or not.
    b.add(true, &rows, &go, &so);
    let (by_group, by_sector, _) = b.finish();
    Ok(SittingAttendanceStats {
        summary: summary(&data, &rows),
        panel: derive_panel(&data, &rows),
        by_group,
        by_sector,
        rows,
    })
}

fn aggregate(conn: &Connection, title: String, sitting_ids: &[i64]) -> Result<AttendanceStats> {
    let (go, so) = orders(conn)?;
    let mut b = Breakdown::default();
    let mut totals = AttendanceCounts::default();
    let mut sittings = Vec::new();
    for id in sitting_ids {
        let data = SittingData::load(conn, *id)?;
        let rows = derive_rows(&data);
        let s = summary(&data, &rows);
        totals.add_sitting(s.closed, &s.counts);
        b.add(s.closed, &rows, &go, &so);
        sittings.push(s);
    }
    let (by_group, by_sector, by_member) = b.finish();
    Ok(AttendanceStats { title, sittings, totals, by_group, by_sector, by_member })
}

const SITTING_ORDER: &str = concat!("ORDER BY date, ", half_day_order!(), ", start_time, meeting_id, seq");

/// Every sitting of a meeting.
pub fn meeting_stats(conn: &Connection, meeting_id: i64) -> Result<AttendanceStats> {
    let m = crate::meetings::get_meeting(conn, meeting_id)?;
    let mut stmt = conn.prepare(&format!("SELECT id FROM sittings WHERE meeting_id = ?1 {SITTING_ORDER}"))?;
    let ids: Vec<i64> = stmt.query_map([meeting_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    aggregate(conn, m.title, &ids)
}

/// A period from what was asked; no `from`: the committee's term (or, without one, the first
/// sitting); no `to`: `today`.
fn period(conn: &Connection, from: Option<&str>, to: Option<&str>, today: &str) -> Result<(String, String)> {
    let to = match to.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => roster::parse_date("截止日期", d)?,
        None => today.to_string(),
    };
    let from = match from.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => roster::parse_date("起始日期", d)?,
        None => {
            let term = crate::committee::get(conn)?.and_then(|c| c.term_start);
            let first: Option<String> = conn.query_row("SELECT min(date) FROM sittings", [], |r| r.get(0))?;
            term.or(first).unwrap_or_else(|| to.clone()).min(to.clone())
        }
    };
    check_period(&from, &to)?;
    Ok((from, to))
}

pub(crate) fn check_period(from: &str, to: &str) -> Result<()> {
    if to < from {
        return Err(Error::invalid("统计期间", format!("截止日期 {to} 早于起始日期 {from}")));
    }
    Ok(())
}

/// The sittings held in a period: closed, or dated no later than `today`.
fn held_in(conn: &Connection, from: &str, to: &str, today: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM sittings WHERE date BETWEEN ?1 AND ?2
           AND (date <= ?3 OR id IN (SELECT sitting_id FROM attendance_closures)) {SITTING_ORDER}"
    ))?;
    let ids = stmt.query_map(params![from, to, today], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Every sitting held in a period, by group, sector and member. Dates 'YYYY-MM-DD'; no `from`:
/// since the committee's term began, no `to`: today (local).
pub fn period_stats(conn: &Connection, from: Option<&str>, to: Option<&str>) -> Result<AttendanceStats> {
    period_stats_on(conn, from, to, &roster::today())
}

/// [`period_stats`] as if today were `today` ('YYYY-MM-DD', local).
pub fn period_stats_on(
    conn: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    today: &str,
) -> Result<AttendanceStats> {
    let (from, to) = period(conn, from, to, today)?;
    let ids = held_in(conn, &from, &to, today)?;
    aggregate(conn, format!("{} 至 {}", chinese_date(&from), chinese_date(&to)), &ids)
}

/// «2021年1月19日» from '2021-01-19'.
pub(crate) fn chinese_date(iso: &str) -> String {
    crate::documents::model::chinese_date(iso)
}
