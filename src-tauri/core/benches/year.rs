//! The year's statistics (`year::figures`) over a committee with ten years of history.
//!
//! Run: `cargo bench -p huiwu-core --bench year` (release). Builds 300 members and ten years of
//! records, each year: a plenary of 8 half-days, 10 standing-committee meetings (3 of them
//! 专题议政性 with 30 意见建议 each), 10 forums, 4 专题协商会 with 40 意见建议 each, every sitting
//! closed with its check-ins and leave; 15 协商在基层 activities with 2 items, 4 research and 5
//! inspection topics with 6 members, 13 delegations, 5 trainings, a course of 77 members, 2 reports.
//! Then times the figures of the last year and of all ten years, 20 runs each, and prints
//! p50/p90/max. The target is under 200 ms. No assertion: figures to read and report.

mod support;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use huiwu_core::attendance::LeaveKind;
use huiwu_core::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::year::{self, DutyInput, DutyKind, ItemInput, ItemSource, Period};
use huiwu_core::Db;
use support::Rng;

const MEMBERS: u32 = 300;

fn meeting(db: &mut Db, kind: MeetingKind, topical: bool, title: String, start: NaiveDate) -> huiwu_core::Result<i64> {
    Ok(meetings::create_meeting(
        db,
        &MeetingInput {
            kind,
            title,
            session_id: None,
            ordinal: None,
            topical,
            enlarged: false,
            start_date: start.to_string(),
            end_date: (start + chrono::Duration::days(3)).to_string(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )?
    .id)
}

fn sittings(db: &mut Db, rng: &mut Rng, m: i64, start: NaiveDate, n: u32, expect: Expect) -> huiwu_core::Result<()> {
    for s in 0..n {
        let date = start + chrono::Duration::days(i64::from(s / 2));
        let half = if s % 2 == 0 { HalfDay::Am } else { HalfDay::Pm };
        let sitting = meetings::create_sitting(
            db,
            &SittingInput {
                start_time: if s % 2 == 0 { "08:30".into() } else { "14:30".into() },
                expect,
                ..SittingInput::new(m, &format!("第{}场", s + 1), SittingKind::Other, &date.to_string(), half)
            },
        )?;
        let base = date.and_hms_opt(if s % 2 == 0 { 8 } else { 14 }, 0, 0).unwrap_or_default();
        support::closed_sitting(db, sitting.id, base, rng, 4, &[LeaveKind::Sick, LeaveKind::Personal])?;
    }
    Ok(())
}

fn items(n: u32, speaker: i64) -> Vec<ItemInput> {
    (1..=n)
        .map(|i| ItemInput {
            text: format!("建议第{i}条：加强统筹协调，明确责任单位。"),
            speakers: vec![speaker],
            ..Default::default()
        })
        .collect()
}

fn duty(
    db: &mut Db,
    kind: DutyKind,
    title: String,
    date: NaiveDate,
    people: u32,
    members: Vec<i64>,
) -> huiwu_core::Result<i64> {
    Ok(year::create_duty(
        db,
        &DutyInput {
            kind: Some(kind),
            title,
            start_date: date.to_string(),
            person_times: i64::from(people),
            members,
            ..Default::default()
        },
    )?
    .id)
}

fn build() -> huiwu_core::Result<Db> {
    let mut rng = Rng(0x5eed_2020_0101);
    let mut db = Db::open_in_memory()?;
    huiwu_core::committee::create(&mut db, &huiwu_core::demo::demo_committee())?;
    let first_year = 2011;
    let mut ids = Vec::new();
    for i in 0..MEMBERS {
        let role = match i {
            0 => Role::Chair,
            1..=6 => Role::ViceChair,
            7 => Role::SecretaryGeneral,
            8..=40 => Role::Standing,
            _ => Role::Member,
        };
        ids.push(
            roster::create(
                &mut db,
                &MemberInput {
                    member_no: Some(format!("Y{:04}", 1001 + i)),
                    name: format!("委员{i}"),
                    group: Some(format!("第{}组", i % 10 + 1)),
                    sector: Some(format!("界别{}", i % 25 + 1)),
                    role,
                    joined_on: format!("{first_year}-01-10"),
                    ..Default::default()
                },
            )?
            .id,
        );
    }
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    for y in first_year..first_year + 10 {
        let p = meeting(&mut db, MeetingKind::Other, false, format!("{y}年全体会议"), day(y, 1, 18))?;
        sittings(&mut db, &mut rng, p, day(y, 1, 18), 8, Expect::All)?;
        for k in 0..10u32 {
            let topical = k < 3;
            let sc =
                meeting(&mut db, MeetingKind::StandingCommittee, topical, format!("{y}年常委会{k}"), day(y, 2 + k, 5))?;
            sittings(&mut db, &mut rng, sc, day(y, 2 + k, 5), 1, Expect::Standing)?;
            if topical {
                year::add_items(&mut db, ItemSource::Meeting(sc), &items(30, ids[8 + k as usize]))?;
            }
            let f = meeting(&mut db, MeetingKind::Forum, false, format!("{y}年座谈协商{k}"), day(y, 2 + k, 15))?;
            sittings(&mut db, &mut rng, f, day(y, 2 + k, 15), 1, Expect::All)?;
        }
        for k in 0..4u32 {
            let t = meeting(
                &mut db,
                MeetingKind::TopicalConsultation,
                false,
                format!("{y}年专题协商{k}"),
                day(y, 3 + k * 2, 22),
            )?;
            year::add_items(&mut db, ItemSource::Meeting(t), &items(40, ids[10 + k as usize]))?;
        }
        for k in 0..15u32 {
            let d = duty(
                &mut db,
                DutyKind::Grassroots,
                format!("{y}年协商在基层{k}"),
                day(y, 3 + k % 9, 10),
                0,
                vec![ids[50 + k as usize]],
            )?;
            year::add_items(&mut db, ItemSource::Duty(d), &items(2, ids[50 + k as usize]))?;
        }
        for k in 0..9u32 {
            let kind = if k < 4 { DutyKind::Research } else { DutyKind::Inspection };
            let members = (0..6).map(|j| ids[(60 + k * 6 + j) as usize]).collect();
            duty(&mut db, kind, format!("{y}年课题{k}"), day(y, 3 + k, 3), 0, members)?;
        }
        for k in 0..13u32 {
            duty(&mut db, DutyKind::Delegation, format!("{y}年接待{k}"), day(y, 1 + k % 12, 20), 10 + k, vec![])?;
        }
        for k in 0..5u32 {
            duty(&mut db, DutyKind::ExternalTraining, format!("{y}年培训{k}"), day(y, 5 + k, 8), 17, vec![])?;
        }
        duty(&mut db, DutyKind::MemberTraining, format!("{y}年培训班"), day(y, 10, 12), 0, ids[100..177].to_vec())?;
        for k in 0..2u32 {
            duty(&mut db, DutyKind::PartyReport, format!("{y}年报告{k}"), day(y, 6 + k * 6, 28), 0, vec![])?;
        }
    }
    Ok(db)
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn main() -> huiwu_core::Result<()> {
    let started = Instant::now();
    let db = build()?;
    let sittings: i64 = db.conn().query_row("SELECT count(*) FROM sittings", [], |r| r.get(0))?;
    eprintln!(
        "built {MEMBERS} members, ten years, {sittings} closed sittings in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for (what, p) in
        [("the year 2020", Period::year(2020)?), ("all ten years", Period::between("2011-01-01", "2020-12-31")?)]
    {
        let mut times = Vec::new();
        let mut check = 0;
        for _ in 0..20 {
            let t = Instant::now();
            let f = year::figures(db.conn(), &p)?;
            times.push(t.elapsed());
            check = f.int("topical_standing_committee_items");
        }
        report(&format!("year::figures over {what} (专题议政性常委会意见建议 {check})"), times);
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            year::attendance_section(db.conn(), &p)?;
            times.push(t.elapsed());
        }
        report(&format!("  of which the attendance section over {what}"), times);
    }
    Ok(())
}
