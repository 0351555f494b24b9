//! The demo's attendance: every sitting held before 六届五次会议 carries realistic attendance —
//! most members present (a few late, a few leaving early), some on leave with type, reason and
//! approver (one member on sick leave for a whole plenary), a few absent — recorded through the
//! same functions as the desk (leave, import of check-in records, closing). The sittings of
//! 六届五次会议 stay open for the check-in desk, with the leave requested before its opening.
//! Deterministic: a seeded generator per sitting.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};

use super::data::sitting_info;
use super::types::{AttendanceEventKind, LeaveInput, LeaveKind, PersonRef};
use crate::db::Db;
use crate::error::Result;
use crate::meetings::half_day_order;
use crate::roster::Role;

/// Sittings before this day are the demo's history; from it on, 六届五次会议 is still to be held.
pub const DEMO_NOW: &str = "2021-01-18";

/// xorshift64*: small, deterministic, good enough for a demo.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len() as u64) as usize]
    }
}

const SICK: &[&str] = &["身体不适", "住院治疗", "术后休养", "感冒发烧"];
const PERSONAL: &[&str] = &["单位有重要工作安排", "家中有事", "外出学习", "企业有紧急事务"];
const OFFICIAL: &[&str] = &["赴外地考察", "参加上级会议", "出差", "接待上级检查"];

fn leave_input(rng: &mut Rng, member_id: i64, sitting_ids: Vec<i64>, approver: &str) -> LeaveInput {
    let r = rng.below(100);
    let (kind, reasons) = if r < 40 {
        (LeaveKind::Sick, SICK)
    } else if r < 85 {
        (LeaveKind::Personal, PERSONAL)
    } else {
        (LeaveKind::Official, OFFICIAL)
    };
    LeaveInput {
        member_id,
        kind,
        kind_label: String::new(),
        reason: rng.pick(reasons).to_string(),
        approver: approver.to_string(),
        sitting_ids,
        part: false,
        from_time: None,
        to_time: None,
        entered: None,
    }
}

/// Who approves leave: the group's convener at a group discussion, else the secretary-general.
struct Approvers {
    secretary_general: String,
    conveners: HashMap<String, String>,
}

impl Approvers {
    fn load(db: &Db) -> Result<Approvers> {
        let conn = db.conn();
        let sg: Option<String> = conn
            .query_row(
                "SELECT name FROM members WHERE role = ?1 ORDER BY roster_order LIMIT 1",
                [Role::SecretaryGeneral.code()],
                |r| r.get(0),
            )
            .ok();
        let mut stmt = conn.prepare(
            "SELECT g.name, m.name FROM groups g JOIN members m ON m.id = g.convener_id WHERE g.convener_id IS NOT NULL",
        )?;
        let conveners = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Approvers { secretary_general: sg.unwrap_or_else(|| "秘书长".into()), conveners })
    }

    fn for_group(&self, group: Option<&str>, group_sitting: bool) -> &str {
        if group_sitting {
            if let Some(c) = group.and_then(|g| self.conveners.get(g)) {
                return c;
            }
        }
        &self.secretary_general
    }
}

pub fn load_demo(db: &mut Db) -> Result<()> {
    let approvers = Approvers::load(db)?;
    let mut stmt = db.conn().prepare(concat!(
        "SELECT s.id, s.meeting_id, s.kind FROM sittings s ORDER BY s.date, ",
        half_day_order!(),
        ", s.start_time, s.id"
    ))?;
    let sittings: Vec<(i64, i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    // Per meeting, the sittings in order: a long sick leave covers a whole plenary.
    let mut by_meeting: std::collections::BTreeMap<i64, Vec<i64>> = std::collections::BTreeMap::new();
    for (id, meeting, _) in &sittings {
        by_meeting.entry(*meeting).or_default().push(*id);
    }
    let mut covered: HashMap<(i64, i64), ()> = HashMap::new();
    let mut rng = Rng::new(20200107);
    for (meeting, ids) in &by_meeting {
        let kind: String = db.conn().query_row("SELECT kind FROM meetings WHERE id = ?1", [meeting], |r| r.get(0))?;
        let first = sitting_info(db.conn(), ids[0])?;
        if kind != "plenary" || ids.len() < 4 {
            continue;
        }
        // One member of the first sitting on sick leave for the whole plenary (all their sittings).
        let expected = crate::meetings::expected_members(db.conn(), ids[0])?;
        let who = &expected[(rng.below(expected.len() as u64)) as usize];
        let mut theirs = Vec::new();
        for sid in ids {
            if crate::meetings::expected_members(db.conn(), *sid)?.iter().any(|m| m.id == who.id) {
                theirs.push(*sid);
            }
        }
        let mut input = leave_input(&mut rng, who.id, theirs.clone(), &approvers.secretary_general);
        input.kind = LeaveKind::Sick;
        input.reason = "住院治疗".into();
        if first.date.as_str() < DEMO_NOW {
            input.entered = Some(super::types::LeaveEntered::Before);
        }
        super::record_leave(db, &input)?;
        for sid in theirs {
            covered.insert((who.id, sid), ());
        }
    }

    for (sitting_id, _, sitting_kind) in &sittings {
        let info = sitting_info(db.conn(), *sitting_id)?;
        let mut rng = Rng::new(*sitting_id as u64 * 7919 + 17);
        let expected = crate::meetings::expected_members(db.conn(), *sitting_id)?;
        let group_sitting = sitting_kind == "group_discussion";
        if info.date.as_str() >= DEMO_NOW {
            // 六届五次会议: only the leave asked for before it opens, at its first full sitting.
            if sitting_kind == "opening" {
                for m in expected.iter().filter(|m| !covered.contains_key(&(m.id, *sitting_id))) {
                    if rng.below(1000) < 15 {
                        let mut input = leave_input(&mut rng, m.id, vec![*sitting_id], &approvers.secretary_general);
                        input.entered = Some(super::types::LeaveEntered::Before);
                        super::record_leave(db, &input)?;
                    }
                }
            }
            continue;
        }
        let start = info.start()?;
        let end_time: String =
            db.conn().query_row("SELECT end_time FROM sittings WHERE id = ?1", [sitting_id], |r| r.get(0))?;
        let end = super::rules::parse_hm(&end_time)
            .map(|t| info.naive_date().map(|d| d.and_time(t)))
            .transpose()?
            .unwrap_or(start + Duration::hours(3));
        let mut entries: Vec<(PersonRef, AttendanceEventKind, NaiveDateTime)> = Vec::new();
        let mut departures = Vec::new();
        for m in &expected {
            if covered.contains_key(&(m.id, *sitting_id)) {
                continue;
            }
            let r = rng.below(1000);
            if r < 30 {
                let approver = approvers.for_group(m.group.as_deref(), group_sitting).to_string();
                let mut input = leave_input(&mut rng, m.id, vec![*sitting_id], &approver);
                input.entered = Some(super::types::LeaveEntered::Before);
                super::record_leave(db, &input)?;
                continue;
            }
            if r < 42 {
                continue; // absent without leave
            }
            let at = if r < 80 {
                start + Duration::minutes(1 + rng.below(25) as i64) // late
            } else {
                start - Duration::minutes(3 + rng.below(35) as i64)
            };
            let at = at + Duration::seconds(rng.below(60) as i64);
            let person = PersonRef::member(m.id);
            entries.push((person, AttendanceEventKind::CheckIn, at));
            if rng.below(1000) < 25 {
                let left = end - Duration::minutes(15 + rng.below(60) as i64);
                if left > at {
                    departures.push((person, AttendanceEventKind::LeaveEarly, left));
                }
            }
        }
        for inv in crate::meetings::sitting_invitees(db.conn(), *sitting_id)? {
            if rng.below(100) < 90 {
                let at = start - Duration::minutes(5 + rng.below(20) as i64);
                entries.push((PersonRef::invitee(inv.id), AttendanceEventKind::CheckIn, at));
            }
        }
        entries.sort_by_key(|e| e.2);
        departures.sort_by_key(|e| e.2);
        entries.extend(departures);
        super::import_events(db, *sitting_id, &entries)?;
        super::close_sitting(db, *sitting_id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::{panel, AttendanceStatus};

    #[test]
    fn the_demo_history_is_realistic_and_the_new_session_is_open() {
        let mut db = Db::open_in_memory().expect("db");
        crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
        crate::meetings::load_demo(&mut db).expect("meetings");
        load_demo(&mut db).expect("attendance");
        let sittings = crate::attendance::sitting_choices(db.conn()).expect("sittings");
        let past: Vec<_> = sittings.iter().filter(|s| s.date.as_str() < DEMO_NOW).collect();
        assert!(past.len() > 50, "a year of sittings, got {}", past.len());
        assert!(past.iter().all(|s| s.closed), "every past sitting is closed");
        let (mut expected, mut present, mut leave, mut absent, mut late) = (0, 0, 0, 0, 0);
        for s in &past {
            let p = panel(db.conn(), s.sitting_id).expect("panel");
            expected += p.expected;
            present += p.present;
            leave += p.on_leave;
            absent += p.missing;
            late += p.late;
        }
        let share = |n: u32| n as f64 / expected as f64;
        assert!(share(present) > 0.9, "most are present: {present}/{expected}");
        assert!(leave > 0 && share(leave) < 0.06, "some leave: {leave}");
        assert!(absent > 0 && share(absent) < 0.03, "a few absent: {absent}");
        assert!(late > 0 && share(late) < 0.08, "a few late: {late}");
        let upcoming: Vec<_> = sittings.iter().filter(|s| s.date.as_str() >= DEMO_NOW).collect();
        assert!(!upcoming.is_empty() && upcoming.iter().all(|s| !s.closed), "六届五次会议 is open for the desk");
        let opening = upcoming.iter().find(|s| s.title.contains("开幕")).expect("opening of 五次会议");
        let p = panel(db.conn(), opening.sitting_id).expect("panel");
        assert_eq!(p.present, 0, "nobody has checked in yet");
        assert!(p.on_leave > 0, "leave asked for before the opening");
        let rows = crate::attendance::rows(db.conn(), past[0].sitting_id).expect("rows");
        let with_leave = rows
            .iter()
            .filter(|r| r.status == AttendanceStatus::Leave)
            .all(|r| r.leave.as_ref().is_some_and(|l| !l.approver.is_empty() && !l.reason.is_empty()));
        assert!(with_leave, "every leave has a reason and an approver");
        // Deterministic: a second build gives the same figures.
        let mut db2 = Db::open_in_memory().expect("db");
        crate::committee::create(&mut db2, &crate::demo::demo_committee()).expect("committee");
        crate::meetings::load_demo(&mut db2).expect("meetings");
        load_demo(&mut db2).expect("attendance");
        let p1 = panel(db.conn(), past[3].sitting_id).expect("p1");
        let p2 = panel(db2.conn(), past[3].sitting_id).expect("p2");
        assert_eq!((p1.present, p1.on_leave, p1.late), (p2.present, p2.on_leave, p2.late));
    }
}
