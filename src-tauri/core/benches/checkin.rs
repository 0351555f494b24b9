//! Check-in latency in the core, on a committee file with 500 members and ten years of history.
//!
//! Run: `cargo bench -p huiwu-core --bench checkin`. Prints p50/p90/p99/max of
//! a fresh `attendance::Desk` (find the one person, record the event, commit with synchronous=FULL)
//! and of `attendance::Desk::check_in` (the same with the window's kept expected list, plus the new
//! panel: what the desk's Enter costs in the core), beside a bare audited commit, which is the
//! disk's fsync. No assertion: figures to read and report.

mod support;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use huiwu_core::attendance::{self, LeaveKind};
use huiwu_core::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::Db;
use support::Rng;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌春梅海燕晓东雪松立新振宇浩然子涵思远嘉怡俊杰";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(label: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} n={:>4}  p50 {:>6.3} ms  p90 {:>6.3} ms  p99 {:>6.3} ms  max {:>6.3} ms",
        v.len(),
        ms(percentile(&v, 0.5)),
        ms(percentile(&v, 0.9)),
        ms(percentile(&v, 0.99)),
        ms(*v.last().unwrap_or(&Duration::ZERO)),
    );
}

fn main() -> huiwu_core::Result<()> {
    let started = Instant::now();
    let mut rng = Rng(0x5eed_2021_0119);
    let mut db = Db::open_in_memory()?;
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let first_year = 2016;
    for i in 0..500u32 {
        let mut name = String::new();
        name.push(surnames[rng.below(surnames.len() as u64) as usize]);
        for _ in 0..(1 + rng.below(2)) {
            name.push(given[rng.below(given.len() as u64) as usize]);
        }
        let role = match i {
            0 => Role::Chair,
            1..=8 => Role::ViceChair,
            9 => Role::SecretaryGeneral,
            10..=69 => Role::Standing,
            _ => Role::Member,
        };
        roster::create(
            &mut db,
            &MemberInput {
                member_no: Some(format!("B{:04}", 1001 + i)),
                name,
                group: Some(format!(
                    "第{}组",
                    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(i % 10) as usize]
                )),
                sector: Some(format!("界别{}", i % 25 + 1)),
                role,
                seat: format!("{}排{}号", i / 25 + 1, i % 25 + 1),
                joined_on: format!("{first_year}-01-10"),
                ..Default::default()
            },
        )?;
    }
    let members = roster::in_office_on(db.conn(), &format!("{first_year}-02-01"))?;
    let mut history_sittings = 0;
    let mut history_events = 0usize;
    for year in first_year..first_year + 10 {
        // The plenary (8 half-days) and, through the year, standing-committee meetings and forums.
        let mut plan: Vec<(MeetingKind, String, NaiveDate, u32, Expect)> = vec![(
            MeetingKind::Other,
            format!("{year}年全体会议"),
            NaiveDate::from_ymd_opt(year, 1, 18).unwrap_or_default(),
            8,
            Expect::All,
        )];
        for k in 0..10u32 {
            let d = NaiveDate::from_ymd_opt(year, 2 + k, 15).unwrap_or_default();
            plan.push((
                MeetingKind::StandingCommittee,
                format!("{year}年常委会第{}次会议", k + 1),
                d,
                1,
                Expect::Standing,
            ));
            plan.push((
                MeetingKind::Forum,
                format!("{year}年座谈协商第{}次", k + 1),
                d.succ_opt().unwrap_or(d),
                1,
                Expect::All,
            ));
        }
        for (kind, title, start, n, expect) in plan {
            let end = start + chrono::Duration::days(i64::from(n.div_ceil(2)));
            let m = meetings::create_meeting(
                &mut db,
                &MeetingInput {
                    kind,
                    title,
                    session_id: None,
                    ordinal: None,
                    topical: false,
                    enlarged: false,
                    start_date: start.to_string(),
                    end_date: end.to_string(),
                    organizer: String::new(),
                    venue: String::new(),
                    notes: String::new(),
                },
            )?;
            for s in 0..n {
                let date = start + chrono::Duration::days(i64::from(s / 2));
                let half = if s % 2 == 0 { HalfDay::Am } else { HalfDay::Pm };
                let sitting = meetings::create_sitting(
                    &mut db,
                    &SittingInput {
                        start_time: if s % 2 == 0 { "08:30".into() } else { "14:30".into() },
                        expect,
                        ..SittingInput::new(
                            m.id,
                            &format!("第{}场", s + 1),
                            SittingKind::Other,
                            &date.to_string(),
                            half,
                        )
                    },
                )?;
                let base = date.and_hms_opt(if s % 2 == 0 { 8 } else { 14 }, 0, 0).unwrap_or_default();
                history_events += support::closed_sitting(
                    &mut db,
                    sitting.id,
                    base,
                    &mut rng,
                    4,
                    &[LeaveKind::Sick, LeaveKind::Personal, LeaveKind::Official],
                )?;
                history_sittings += 1;
            }
        }
    }
    let dir = tempfile::tempdir().map_err(|e| huiwu_core::Error::io("tempdir", e))?;
    let path = dir.path().join("bench.db");
    db.backup_to(&path)?;
    drop(db);
    println!(
        "history: {} members, {history_sittings} closed sittings, {history_events} check-in events, built in {:.1} s",
        members.len(),
        started.elapsed().as_secs_f64()
    );

    // Today's sittings, on the file (WAL, synchronous=FULL).
    let mut db = Db::open(&path)?;
    let today = chrono::Local::now().date_naive();
    // A plenary needs a session; the desk only needs a sitting today, so any kind will do.
    let m = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Other,
            title: "今天的全体会议".into(),
            session_id: None,
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: today.to_string(),
            end_date: today.to_string(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )?;
    let s1 = meetings::create_sitting(
        &mut db,
        &SittingInput::new(m.id, "上午", SittingKind::Opening, &today.to_string(), HalfDay::Am),
    )?;
    let s2 = meetings::create_sitting(
        &mut db,
        &SittingInput::new(m.id, "下午", SittingKind::Other, &today.to_string(), HalfDay::Pm),
    )?;
    let present = meetings::expected_members(db.conn(), s1.id)?;
    let mut order: Vec<usize> = (0..present.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }

    let mut plain = Vec::new();
    for &i in &order {
        let q = present[i].member_no.clone().unwrap_or_default();
        let t = Instant::now();
        // A fresh desk each time, as the headless `huiwu checkin` does.
        let o = attendance::Desk::new().check_in(&mut db, s1.id, &q)?.outcome;
        plain.push(t.elapsed());
        debug_assert!(matches!(o, attendance::CheckInOutcome::CheckedIn { .. }));
    }
    let mut desk = Vec::new();
    let mut by_name = Vec::new();
    let mut kept = attendance::Desk::new();
    for (k, &i) in order.iter().enumerate() {
        // Alternate the query forms a desk sees: badge (member number), seat, name.
        let q = match k % 3 {
            0 => present[i].member_no.clone().unwrap_or_default(),
            1 => present[i].seat.clone(),
            _ => present[i].name.clone(),
        };
        let t = Instant::now();
        let r = kept.check_in(&mut db, s2.id, &q)?;
        let d = t.elapsed();
        if k % 3 == 2 {
            by_name.push(d);
        } else {
            desk.push(d);
        }
        let _ = r.panel.present;
    }
    let mut panel = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let _ = attendance::panel(db.conn(), s2.id)?;
        panel.push(t.elapsed());
    }
    let mut parts: [Vec<Duration>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..100 {
        let t = Instant::now();
        let exp = meetings::expected_members(db.conn(), s2.id)?;
        parts[0].push(t.elapsed());
        let t = Instant::now();
        let _ = meetings::sitting_invitees(db.conn(), s2.id)?;
        parts[1].push(t.elapsed());
        let t = Instant::now();
        let _ = roster::SearchIndex::from_members(exp).query("zhangwei");
        parts[2].push(t.elapsed());
    }
    let [a, b, c] = parts;
    report("  of which meetings::expected_members", a);
    report("  of which meetings::sitting_invitees", b);
    report("  of which SearchIndex build + query", c);
    let mut bare = Vec::new();
    for k in 0..200 {
        let t = Instant::now();
        huiwu_core::settings::set(&mut db, "bench.commit", &k.to_string())?;
        bare.push(t.elapsed());
    }
    report("bare audited commit (the disk's fsync)", bare);
    report("check_in by member number (commit, FULL sync)", plain);
    report("Desk::check_in by number/seat, + panel", desk);
    report("Desk::check_in by name, + panel", by_name);
    report("panel alone", panel);
    Ok(())
}
