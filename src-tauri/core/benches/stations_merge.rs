//! Merging station hand-backs into the committee file: three group recorders' stations, each with
//! 300 check-ins and 500 remarks, merged one after another into a master on disk (each merge one
//! transaction, synchronous=FULL), then merged again (all already present).
//!
//! Run: `cargo bench -p huiwu-core --bench stations_merge`. Target: under 1 s for the three.
//! No assertion: figures to read and report.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use huiwu_core::attendance::{self, AttendanceEventKind, PersonRef};
use huiwu_core::committee::{self, Committee};
use huiwu_core::files::Replace;
use huiwu_core::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SessionInput, SittingInput, SittingKind};
use huiwu_core::opinions::{self, RemarkInput, ReportInput, ReportKind};
use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::stations::{self, PackageScope};
use huiwu_core::Db;

const GROUPS: usize = 3;
const PER_GROUP: usize = 300;
const REMARKS: usize = 500;

fn main() -> huiwu_core::Result<()> {
    let dir = tempfile::tempdir().map_err(|e| huiwu_core::Error::internal("bench", e))?;
    let master_path = dir.path().join("master.db");
    let mut master = Db::create(&master_path)?;
    master.conn().execute_batch("PRAGMA synchronous = OFF")?;
    committee::create(
        &mut master,
        &Committee {
            name: "政协安宁市第六届委员会".into(),
            short_name: String::new(),
            term_number: 6,
            term_start: None,
            term_end: None,
            secretariat: String::new(),
        },
    )?;
    let t0 = Instant::now();
    let mut members: Vec<Vec<i64>> = vec![Vec::new(); GROUPS];
    for (g, list) in members.iter_mut().enumerate() {
        for i in 0..PER_GROUP {
            let m = roster::create(
                &mut master,
                &MemberInput {
                    member_no: Some(format!("G{g}-{i:03}")),
                    name: format!("委员{}{i:03}", ["甲", "乙", "丙"][g]),
                    group: Some(format!("第{}组", ["一", "二", "三"][g])),
                    role: Role::Member,
                    joined_on: "2017-01-10".into(),
                    ..Default::default()
                },
            )?;
            list.push(m.id);
        }
    }
    let session = meetings::create_session(
        &mut master,
        &SessionInput {
            term_number: 6,
            session_number: 5,
            year: 2021,
            opened_on: Some("2021-01-19".into()),
            ..Default::default()
        },
    )?;
    let meeting = meetings::create_meeting(
        &mut master,
        &MeetingInput {
            kind: MeetingKind::Plenary,
            title: "政协安宁市第六届委员会第五次会议".into(),
            session_id: Some(session.id),
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2021-01-19".into(),
            end_date: "2021-01-22".into(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )?;
    let mut sittings = Vec::new();
    for g in 0..GROUPS {
        let name = format!("第{}组", ["一", "二", "三"][g]);
        let s = meetings::create_sitting(
            &mut master,
            &SittingInput {
                start_time: "09:00".into(),
                expect: Expect::Groups,
                groups: vec![name.clone()],
                ..SittingInput::new(
                    meeting.id,
                    &format!("{name}分组讨论"),
                    SittingKind::GroupDiscussion,
                    "2021-01-20",
                    HalfDay::Am,
                )
            },
        )?;
        sittings.push(s.id);
    }
    let report = opinions::create_report(
        &mut master,
        &ReportInput {
            session_id: session.id,
            kind: ReportKind::Government,
            title: "政府工作报告".into(),
            issuing_body: String::new(),
            body_text: String::new(),
            list_title: String::new(),
        },
    )?;
    master.conn().execute_batch("PRAGMA synchronous = FULL")?;
    println!("master built in {:.1} s", t0.elapsed().as_secs_f64());

    let mut files = Vec::new();
    for g in 0..GROUPS {
        let pkg = dir.path().join(format!("g{g}.pkg"));
        let group = format!("第{}组", ["一", "二", "三"][g]);
        stations::export_package(
            &mut master,
            &PackageScope::Recorder { group, meeting_id: meeting.id },
            &pkg,
            Replace::No,
        )?;
        let mut station = Db::open_in_memory()?;
        stations::open_package(&mut station, &pkg)?;
        let start = NaiveDate::from_ymd_opt(2021, 1, 20).and_then(|d| d.and_hms_opt(8, 0, 0)).unwrap_or_default();
        let entries: Vec<_> = members[g]
            .iter()
            .enumerate()
            .map(|(i, m)| {
                (PersonRef::member(*m), AttendanceEventKind::CheckIn, start + Duration::seconds(i as i64 * 5))
            })
            .collect();
        attendance::import_events(&mut station, sittings[g], &entries)?;
        for i in 0..REMARKS {
            opinions::add_remark(
                &mut station,
                &RemarkInput {
                    report_id: report.id,
                    section_id: None,
                    sitting_id: sittings[g],
                    speaker_id: Some(members[g][i % PER_GROUP]),
                    group_id: None,
                    text: format!("第{i}条意见：建议进一步优化营商环境，加大对中小企业的扶持力度，落实减税降费政策。"),
                },
            )?;
        }
        let back = dir.path().join(format!("g{g}.back"));
        let t = Instant::now();
        stations::handback(&station, &back, Replace::No)?;
        println!("station {g}: hand-back written in {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        files.push(back);
    }

    let t = Instant::now();
    let mut applied = 0;
    for f in &files {
        let ts = Instant::now();
        let r = stations::merge(&mut master, f, false)?;
        applied += r.applied;
        println!("  merge {}: {} rows in {:.1} ms", r.station_name, r.applied, ts.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "three stations merged: {applied} rows in {:.1} ms (target < 1000 ms)",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    let mut already = 0;
    for f in &files {
        already += stations::merge(&mut master, f, false)?.already_present;
    }
    println!("merged again: {already} already present in {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}
