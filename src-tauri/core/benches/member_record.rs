//! A member's attendance record (履职档案) over ten years, at 200 and at 2 000 members.
//!
//! Run: `cargo bench -p huiwu-core --bench member_record` (release). For each size it builds a
//! committee with ten years of sittings (a plenary of 8 half-days, 10 standing-committee meetings
//! and 10 forums a year, all closed, plus one open sitting today), then times
//! `attendance::member_attendance` for 30 members over their whole term and prints p50/p90/max with
//! the number of sittings in each member's own record; then `year::member_record` (the whole
//! 履职档案 of the last year: attendance, remarks, 意见建议, proposals, 社情民意, duties, score with
//! point rules set) for the same members. The record should cost about the same at 2 000 members
//! as at 200: its size is the member's history, not the committee's. No assertion: figures to read
//! and report.

mod support;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use huiwu_core::attendance::{self, LeaveKind};
use huiwu_core::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::year::{self, Period, PointRules};
use huiwu_core::Db;
use support::Rng;

fn meeting(db: &mut Db, kind: MeetingKind, title: String, start: NaiveDate, days: i64) -> huiwu_core::Result<i64> {
    Ok(meetings::create_meeting(
        db,
        &MeetingInput {
            kind,
            title,
            session_id: None,
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: start.to_string(),
            end_date: (start + chrono::Duration::days(days)).to_string(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )?
    .id)
}

/// Builds the committee: `n` members who joined ten years ago, ten years of closed sittings with
/// check-ins and leave, and one sitting today still open.
fn build(n: u32, rng: &mut Rng) -> huiwu_core::Result<(Db, Vec<i64>, usize)> {
    let mut db = Db::open_in_memory()?;
    let first_year = 2016;
    let mut ids = Vec::new();
    for i in 0..n {
        let role = match i * 1000 / n {
            0..=4 => Role::ViceChair,
            5..=69 => Role::Standing,
            _ => Role::Member,
        };
        let m = roster::create(
            &mut db,
            &MemberInput {
                member_no: Some(format!("B{:05}", 10001 + i)),
                name: format!("委员{i}"),
                group: Some(format!("第{}组", i % 10 + 1)),
                sector: Some(format!("界别{}", i % 25 + 1)),
                role,
                seat: format!("{}排{}号", i / 25 + 1, i % 25 + 1),
                joined_on: format!("{first_year}-01-10"),
                ..Default::default()
            },
        )?;
        ids.push(m.id);
    }
    let mut sittings = 0usize;
    for year in first_year..first_year + 10 {
        let mut plan: Vec<(MeetingKind, String, NaiveDate, u32, Expect)> = vec![(
            MeetingKind::Other,
            format!("{year}年全体会议"),
            NaiveDate::from_ymd_opt(year, 1, 18).unwrap_or_default(),
            8,
            Expect::All,
        )];
        for k in 0..10u32 {
            let d = NaiveDate::from_ymd_opt(year, 2 + k, 15).unwrap_or_default();
            plan.push((MeetingKind::StandingCommittee, format!("{year}年常委会第{}次", k + 1), d, 1, Expect::Standing));
            plan.push((
                MeetingKind::Forum,
                format!("{year}年座谈协商第{}次", k + 1),
                d.succ_opt().unwrap_or(d),
                1,
                Expect::All,
            ));
        }
        for (kind, title, start, count, expect) in plan {
            let m = meeting(&mut db, kind, title, start, i64::from(count.div_ceil(2)))?;
            for s in 0..count {
                let date = start + chrono::Duration::days(i64::from(s / 2));
                let half = if s % 2 == 0 { HalfDay::Am } else { HalfDay::Pm };
                let sitting = meetings::create_sitting(
                    &mut db,
                    &SittingInput {
                        start_time: if s % 2 == 0 { "08:30".into() } else { "14:30".into() },
                        expect,
                        ..SittingInput::new(m, &format!("第{}场", s + 1), SittingKind::Other, &date.to_string(), half)
                    },
                )?;
                let base = date.and_hms_opt(if s % 2 == 0 { 8 } else { 14 }, 0, 0).unwrap_or_default();
                support::closed_sitting(&mut db, sitting.id, base, rng, 3, &[LeaveKind::Personal])?;
                sittings += 1;
            }
        }
    }
    // Today's sitting, open: the record shows it apart.
    let today = chrono::Local::now().date_naive();
    let m = meeting(&mut db, MeetingKind::Other, "今天的会议".into(), today, 0)?;
    meetings::create_sitting(
        &mut db,
        &SittingInput::new(m, "上午", SittingKind::Other, &today.to_string(), HalfDay::Am),
    )?;
    Ok((db, ids, sittings + 1))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> huiwu_core::Result<()> {
    let mut rng = Rng(0x5eed_2021_0119);
    for n in [200u32, 2000] {
        let started = Instant::now();
        let (mut db, ids, sittings) = build(n, &mut rng)?;
        let built = started.elapsed();
        // 30 members spread over the roster: vice-chairs and standing members (more sittings) and members.
        let chosen: Vec<i64> = (0..30).map(|k| ids[(k * ids.len()) / 30]).collect();
        let mut times = Vec::new();
        let mut own = Vec::new();
        for _ in 0..3 {
            for id in &chosen {
                let t = Instant::now();
                let ma = attendance::member_attendance(db.conn(), *id, None, None)?;
                times.push(t.elapsed());
                own.push(ma.history.len());
            }
        }
        let last_year = Period::year(2025)?;
        year::set_point_rules(&mut db, Some(&PointRules { present: 2.0, absent: -3.0, ..Default::default() }))?;
        let mut records = Vec::new();
        for _ in 0..3 {
            for id in &chosen {
                let t = Instant::now();
                year::member_record(db.conn(), *id, &last_year)?;
                records.push(t.elapsed());
            }
        }
        records.sort();
        times.sort();
        own.sort();
        println!(
            "{n:>5} members, {sittings} sittings (built in {:.1} s): member_attendance p50 {:>7.2} ms  p90 {:>7.2} ms  max {:>7.2} ms  (own record {}–{} sittings)",
            built.as_secs_f64(),
            ms(times[times.len() / 2]),
            ms(times[times.len() * 9 / 10]),
            ms(times[times.len() - 1]),
            own[0],
            own[own.len() - 1],
        );
        println!(
            "{:>5} year::member_record ({}) p50 {:>7.2} ms  p90 {:>7.2} ms  max {:>7.2} ms",
            "",
            last_year.title(),
            ms(records[records.len() / 2]),
            ms(records[records.len() * 9 / 10]),
            ms(records[records.len() - 1]),
        );
    }
    Ok(())
}
