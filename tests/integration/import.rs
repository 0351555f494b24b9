//! The roster import beside the desk: a large file is read and checked before the import takes the
//! write lock, so that a check-in from another connection (another window, the desk) goes through
//! while the import runs; and files past the limits are refused by the headless command with a
//! message naming the limit.

use std::fmt::Write as _;
use std::time::Duration;

use huiwu_core::meetings::{self, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::import::{self, ImportOptions};
use huiwu_core::roster::{self, MemberInput};
use huiwu_core::{attendance, committee, demo, Db};

use crate::cli::{huiwu, stderr};

/// A 20 MB roster: 2 000 members, each with a long 个人简历 the import reads but does not keep.
fn large_csv() -> String {
    let cv = "曾任安宁市某单位负责人，长期从事基层治理与经济研究工作，".repeat(130);
    let mut s = String::from("委员编号,姓名,性别,界别,小组,个人简历\n");
    let given: Vec<char> = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞".chars().collect();
    for i in 0..2000 {
        let name = format!("李{}{}", given[i % 20], given[(i / 20) % 20]);
        let _ = writeln!(s, "L{i:05},{name},男,经济界,第{}组,{cv}", ["一", "二", "三"][i % 3]);
    }
    s
}

#[test]
fn a_check_in_goes_through_while_a_large_import_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("committee.db");
    let mut db = Db::create(&path).expect("create");
    committee::create(&mut db, &demo::demo_committee()).expect("committee");
    for i in 0..40 {
        roster::create(
            &mut db,
            &MemberInput {
                member_no: Some(format!("D{i:04}")),
                name: format!("到会委员{}", ["甲", "乙", "丙", "丁", "戊"][i % 5]),
                sector: Some("经济界".into()),
                joined_on: "2017-01-10".into(),
                ..Default::default()
            },
        )
        .expect("member");
    }
    let today = roster::today();
    let meeting = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Other,
            title: "今天的会议".into(),
            session_id: None,
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: today.clone(),
            end_date: today.clone(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting");
    let sitting = meetings::create_sitting(
        &mut db,
        &SittingInput::new(meeting.id, "全体会议", SittingKind::Other, &today, HalfDay::Am),
    )
    .expect("sitting")
    .id;

    let csv = large_csv();
    assert!(csv.len() > 20 << 20, "a 20 MB file ({} bytes)", csv.len());
    let importer = std::thread::spawn(move || {
        import::import(&mut db, csv.as_bytes(), "大名册.csv", &ImportOptions::default()).map(|o| o.created)
    });

    // The desk, on its own connection, waits at most one second for the lock (a clerk would not
    // wait longer; SQLite's own default here is five).
    let mut desk = Db::open(&path).expect("desk");
    desk.conn().busy_timeout(Duration::from_secs(1)).expect("busy timeout");
    let mut counter = attendance::Desk::new();
    let (mut during, mut failures) = (0, Vec::new());
    let mut i = 0;
    while !importer.is_finished() {
        let running = !importer.is_finished();
        match counter.check_in(&mut desk, sitting, &format!("D{:04}", i % 40)) {
            Ok(_) => during += usize::from(running),
            Err(e) => failures.push(e.to_string()),
        }
        i += 1;
    }
    let created = importer.join().expect("import thread").expect("import");
    assert_eq!(created, 2000, "the import went through whole");
    assert!(failures.is_empty(), "no check-in failed while the import ran: {failures:?}");
    assert!(during > 0, "check-ins were made while the import was running");
}

#[test]
fn the_cli_refuses_a_roster_file_past_the_limits_naming_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("committee.db");
    let o = huiwu(&db, &["init", "--name", "政协测试县第一届委员会"]);
    assert!(o.status.success(), "init: {}", stderr(&o));
    let big = dir.path().join("大文件.csv");
    let mut text = String::from("姓名,备注\n");
    let line = format!("张三,{}\n", "备注文字".repeat(100));
    while text.len() <= (import::limits::MAX_FILE_BYTES as usize) {
        text.push_str(&line);
    }
    std::fs::write(&big, &text).expect("write");
    let o = huiwu(&db, &["members", "import", big.to_str().expect("path"), "--dry-run"]);
    assert_ne!(o.status.code(), Some(0), "refused");
    let err = stderr(&o);
    assert!(err.contains("超过了导入名册的上限 32 MB"), "{err}");
    let rows = dir.path().join("行太多.csv");
    let mut text = String::from("姓名\n");
    for _ in 0..=import::limits::MAX_ROWS {
        text.push_str("张三\n");
    }
    std::fs::write(&rows, &text).expect("write");
    let o = huiwu(&db, &["members", "import", rows.to_str().expect("path"), "--dry-run"]);
    let err = stderr(&o);
    assert!(err.contains(&format!("上限 {} 行", import::limits::MAX_ROWS)), "{err}");
}

#[test]
fn the_cli_dry_run_prints_what_an_update_changes_and_what_to_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("committee.db");
    let o = huiwu(&db, &["init", "--name", "政协测试县第一届委员会"]);
    assert!(o.status.success(), "init: {}", stderr(&o));
    let first = dir.path().join("first.csv");
    std::fs::write(&first, "委员编号,姓名,界别,职务,联系电话\nA1,张伟,经济界,委员,13900000001\n").expect("write");
    let o = huiwu(&db, &["members", "import", first.to_str().expect("path")]);
    assert!(o.status.success(), "first import: {}", stderr(&o));
    let second = dir.path().join("second.csv");
    std::fs::write(&second, "委员编号,姓名,界别,职务,联系电话\nA1,张伟,经济界,常委,1390000001\n").expect("write");
    let o = huiwu(&db, &["members", "import", second.to_str().expect("path"), "--dry-run"]);
    let out = crate::cli::stdout(&o);
    assert!(out.contains("[更新] 第2行 张伟：职务 委员 → 常委；联系电话 13900000001 → 1390000001"), "{out}");
    assert!(out.contains("需核对 1") && out.contains("手机号应为 11 位"), "{out}");
}

/// tests/fixtures/roster/merged.xls (written once with python3-xlwt): 界别 merged over rows 3–5 and
/// 6–7, 小组 over rows 3–7, and row 8 with both left empty.
#[test]
fn merged_cells_of_an_xls_reach_every_row_and_what_stays_empty_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::create(&dir.path().join("c.db")).expect("db");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/roster/merged.xls");
    let p = import::preview_file(db.conn(), &file, &ImportOptions::default()).expect("preview");
    assert_eq!(p.format, "xls");
    let got: Vec<(&str, Option<&str>, Option<&str>)> = p
        .rows
        .iter()
        .map(|r| (r.member.name.as_str(), r.member.sector.as_deref(), r.member.group.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("王芳", Some("经济界"), Some("第一组")),
            ("张伟", Some("经济界"), Some("第一组")),
            ("李明", Some("经济界"), Some("第一组")),
            ("赵丽", Some("教育界"), Some("第一组")),
            ("钱多", Some("教育界"), Some("第一组")),
            ("孙红", None, None),
        ]
    );
    let warnings: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("第8行 界别（D列）：界别为空")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("第8行 小组（E列）：小组为空")), "{warnings:?}");
    assert_eq!(p.warned, 1);
}

/// tests/fixtures/roster/bomb.xlsx (written once with Python's zipfile): 0.5 MB holding a real
/// 150 MB sheet of the same row repeated. It is refused from its directory, before anything is
/// unpacked (in the stress run such a file took minutes and gigabytes).
#[test]
fn a_real_xlsx_zip_bomb_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = Db::create(&dir.path().join("c.db")).expect("db");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/roster/bomb.xlsx");
    assert!(std::fs::metadata(&file).expect("fixture").len() < 1 << 20, "a small file");
    let e = import::preview_file(db.conn(), &file, &ImportOptions::default()).expect_err("refused");
    assert!(e.to_string().contains("解压后的内容有 150 MB，超过了导入名册的上限 100 MB"), "{e}");
}
