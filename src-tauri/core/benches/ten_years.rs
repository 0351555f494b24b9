//! Builds the committee file scripts/bench-open.sh times the CLI on: 2 000 members and ten years
//! of sittings with their check-ins and leave (the shape of benches/checkin.rs, four times the
//! roster), with one saved 纪要. Not a measurement itself.
//!
//! Run: `HUIWU_BENCH_FILE=/tmp/ten-years.db cargo bench -p huiwu-core --bench ten_years`; prints
//! `MINUTES_SITTING=<id>` (the sitting whose minutes `minutes export` renders). With
//! `HUIWU_BENCH_DEMO=<demo file>` it only prints that line for the demo file.

mod support;

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use huiwu_core::attendance::LeaveKind;
use huiwu_core::documents::minutes::{self, Target};
use huiwu_core::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::{Db, Error};
use support::Rng;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌春梅海燕晓东雪松立新振宇浩然子涵思远嘉怡俊杰";
const MEMBERS: u32 = 2000;

fn minutes_sitting(db: &Db) -> huiwu_core::Result<i64> {
    Ok(db.conn().query_row("SELECT sitting_id FROM minutes WHERE sitting_id IS NOT NULL LIMIT 1", [], |r| r.get(0))?)
}

fn main() -> huiwu_core::Result<()> {
    if let Some(demo) = std::env::var_os("HUIWU_BENCH_DEMO") {
        println!("MINUTES_SITTING={}", minutes_sitting(&Db::open_read_only(&PathBuf::from(demo))?)?);
        return Ok(());
    }
    let out = PathBuf::from(
        std::env::var_os("HUIWU_BENCH_FILE").ok_or_else(|| Error::invalid("HUIWU_BENCH_FILE", "未设置"))?,
    );
    let started = Instant::now();
    let mut rng = Rng(0x5eed_2021_0119);
    let mut db = Db::open_in_memory()?;
    huiwu_core::committee::create(&mut db, &huiwu_core::demo::demo_committee())?;
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let first_year = 2016;
    for i in 0..MEMBERS {
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
                group: Some(format!("第{}组", i % 10 + 1)),
                sector: Some(format!("界别{}", i % 25 + 1)),
                role,
                seat: format!("{}排{}号", i / 25 + 1, i % 25 + 1),
                joined_on: format!("{first_year}-01-10"),
                ..Default::default()
            },
        )?;
    }
    let mut sittings = 0;
    let mut events = 0usize;
    let mut last_sitting = 0;
    for year in first_year..first_year + 10 {
        let mut plan = vec![(
            MeetingKind::Other,
            format!("{year}年全体会议"),
            NaiveDate::from_ymd_opt(year, 1, 18),
            8,
            Expect::All,
        )];
        for k in 0..10u32 {
            let d = NaiveDate::from_ymd_opt(year, 2 + k, 15);
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
                d.and_then(|d| d.succ_opt()),
                1,
                Expect::All,
            ));
        }
        for (kind, title, start, n, expect) in plan {
            let start = start.unwrap_or_default();
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
                    end_date: (start + chrono::Duration::days(i64::from(n) / 2)).to_string(),
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
                events += support::closed_sitting(
                    &mut db,
                    sitting.id,
                    base,
                    &mut rng,
                    4,
                    &[LeaveKind::Sick, LeaveKind::Personal, LeaveKind::Official],
                )?;
                sittings += 1;
                last_sitting = sitting.id;
            }
        }
    }
    let mut draft = minutes::draft(db.conn(), Target::Sitting(last_sitting))?;
    draft.body = "会议听取了关于年度工作的汇报。\n一、会议认为\n各项工作扎实有序。".into();
    minutes::save(&mut db, &draft)?;
    db.backup_to(&out)?;
    eprintln!(
        "ten years: {MEMBERS} members, {sittings} closed sittings, {events} check-in events, {} bytes, built in {:.1} s",
        std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
    println!("MINUTES_SITTING={last_sitting}");
    Ok(())
}
