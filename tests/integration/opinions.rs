//! Consultation opinions from outside: a committee file built with the roster and meetings
//! functions, remarks recorded and consolidated through the public API and through the headless
//! CLI, the file reopened, the list exported.

use std::path::Path;

use huiwu_core::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SessionInput, SittingInput, SittingKind};
use huiwu_core::opinions::{
    self, MergeInput, OpinionXlsxOptions, RemarkFilter, RemarkInput, RemarkStatus, ReportInput, ReportKind,
};
use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::{committee, demo, Db};

use crate::cli::{huiwu, stderr, stdout};

struct Setup {
    report: i64,
    sitting1: i64,
    sitting2: i64,
    members: Vec<i64>,
}

/// A committee with 六届四次会议, two group-discussion sittings and four members, in `path`.
fn setup(path: &Path) -> Setup {
    let mut db = Db::create(path).expect("create");
    committee::create(&mut db, &demo::demo_committee()).expect("committee");
    let mut members = Vec::new();
    for (no, name, group) in [
        ("A6101", "甲委员", "第一组"),
        ("A6102", "乙委员", "第一组"),
        ("A6103", "丙委员", "第二组"),
        ("A6104", "丁委员", "第二组"),
    ] {
        let m = roster::create(
            &mut db,
            &MemberInput {
                member_no: Some(no.into()),
                name: name.into(),
                gender: "男".into(),
                ethnicity: "汉族".into(),
                birth_month: None,
                party: String::new(),
                sector: Some("经济界".into()),
                group: Some(group.into()),
                role: Role::Member,
                workplace: String::new(),
                post: String::new(),
                phone: String::new(),
                seat: String::new(),
                notes: String::new(),
                roster_order: None,
                joined_on: "2017-01-10".into(),
            },
        )
        .expect("member");
        members.push(m.id);
    }
    let session = meetings::create_session(
        &mut db,
        &SessionInput {
            term_number: 6,
            session_number: 4,
            name: String::new(),
            year: 2020,
            opened_on: Some("2020-01-06".into()),
            closed_on: None,
        },
    )
    .expect("session");
    let meeting = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Plenary,
            title: "政协安宁市第六届委员会第四次会议".into(),
            session_id: Some(session.id),
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2020-01-06".into(),
            end_date: "2020-01-09".into(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting");
    let mut sittings = Vec::new();
    for group in ["第一组", "第二组"] {
        let mut input = SittingInput::new(
            meeting.id,
            &format!("{group}分组讨论"),
            SittingKind::GroupDiscussion,
            "2020-01-07",
            HalfDay::Am,
        );
        input.expect = Expect::Groups;
        input.groups = vec![group.to_string()];
        sittings.push(meetings::create_sitting(&mut db, &input).expect("sitting").id);
    }
    let report = opinions::create_report(
        &mut db,
        &ReportInput {
            session_id: session.id,
            kind: ReportKind::Government,
            title: "政府工作报告".into(),
            issuing_body: "安宁市人民政府".into(),
            body_text: "一、2019年工作回顾\n略。\n二、2020年工作安排\n略。".into(),
            list_title: String::new(),
        },
    )
    .expect("report");
    Setup { report: report.id, sitting1: sittings[0], sitting2: sittings[1], members }
}

#[test]
fn remarks_are_consolidated_undone_finalised_and_survive_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("committee.db");
    let s = setup(&path);
    let mut db = Db::open(&path).expect("reopen");
    let add = |db: &mut Db, who: usize, sitting: i64, text: &str| {
        opinions::add_remark(
            db,
            &RemarkInput {
                report_id: s.report,
                section_id: None,
                sitting_id: sitting,
                speaker_id: Some(s.members[who]),
                group_id: None,
                text: text.into(),
            },
        )
        .expect("remark")
        .id
    };
    let r1 = add(&mut db, 0, s.sitting1, "建议加快矿山生态\r\n恢复治理，\u{3000}落实修复资金。");
    let r2 = add(&mut db, 2, s.sitting2, "矿山生态恢复要引入社会资本。");
    let r3 = add(&mut db, 1, s.sitting1, "优化营商环境，压缩审批时限。");
    let r4 = add(&mut db, 3, s.sitting2, "小区路灯坏了没人修。");
    assert_eq!(opinions::get_remark(db.conn(), r1).expect("r1").text, "建议加快矿山生态恢复治理，落实修复资金。");

    let found = opinions::list_remarks(
        db.conn(),
        &RemarkFilter { report_id: s.report, query: Some("生态恢复".into()), ..Default::default() },
    )
    .expect("search");
    assert_eq!(
        found.remarks.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![r1, r2],
        "trigram search finds both mining remarks"
    );

    let suggestions =
        opinions::suggest_duplicates(db.conn(), s.report, opinions::DEFAULT_MIN_SCORE, 10).expect("suggest");
    assert!(
        suggestions.iter().any(|p| (p.a.id, p.b.id) == (r1, r2)),
        "the two mining remarks are suggested: {suggestions:?}"
    );

    let mining = opinions::merge(
        &mut db,
        &MergeInput {
            report_id: s.report,
            remark_ids: vec![r1, r2],
            topic: "关于矿山生态恢复".into(),
            text: "建议加快矿山生态恢复治理。".into(),
            ..Default::default()
        },
    )
    .expect("merge");
    assert_eq!(mining.groups, vec!["第一组".to_string(), "第二组".to_string()]);
    opinions::merge(
        &mut db,
        &MergeInput {
            report_id: s.report,
            remark_ids: vec![r3],
            text: "建议优化营商环境。".into(),
            number: Some(1),
            ..Default::default()
        },
    )
    .expect("merge 2");
    let err = opinions::finalise(&mut db, s.report).expect_err("one remark unplaced");
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("1 条发言意见"), "{err}");

    // Undo the second merge, redo it, then set the personal request aside.
    assert_eq!(opinions::undo(&mut db, s.report).expect("undo"), "合并");
    assert_eq!(opinions::list_opinions(db.conn(), s.report).expect("l").len(), 1);
    opinions::merge(
        &mut db,
        &MergeInput {
            report_id: s.report,
            remark_ids: vec![r3],
            text: "建议优化营商环境。".into(),
            number: Some(1),
            ..Default::default()
        },
    )
    .expect("merge again");
    opinions::set_aside(&mut db, &[r4], "属个人具体诉求，已转城市管理部门").expect("aside");
    opinions::finalise(&mut db, s.report).expect("finalise");
    opinions::mark_list_sent(&mut db, s.report, "2020-02-20", "").expect("sent");
    drop(db);

    let db = Db::open(&path).expect("reopen again");
    let list = opinions::list_opinions(db.conn(), s.report).expect("list");
    assert_eq!(list.iter().map(|o| (o.number, o.remarks.len())).collect::<Vec<_>>(), vec![(1, 1), (2, 2)]);
    assert_eq!(
        list[1].remarks.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![r1, r2],
        "the mining item keeps both remarks"
    );
    assert_eq!(list[0].feedback.receiving_body, "安宁市人民政府");
    let aside = opinions::list_remarks(
        db.conn(),
        &RemarkFilter { report_id: s.report, status: Some(RemarkStatus::SetAside), ..Default::default() },
    )
    .expect("aside");
    assert_eq!(aside.remarks.len(), 1, "the set-aside remark is kept with its reason");

    let xlsx = dir.path().join("list.xlsx");
    opinions::export(db.conn(), s.report, &xlsx, OpinionXlsxOptions { trace: true }, huiwu_core::files::Replace::No)
        .expect("xlsx");
    assert!(std::fs::read(&xlsx).expect("read").starts_with(b"PK"));
}

#[test]
fn the_cli_records_lists_and_refuses_with_chinese_and_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("committee.db");
    let s = setup(&path);

    let o = huiwu(&path, &["reports", "list", "--json"]);
    assert!(o.status.success(), "reports list: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v[0]["title"], "政府工作报告");
    assert_eq!(v[0]["session_name"], "六届四次会议");

    let sitting = s.sitting1.to_string();
    let o = huiwu(
        &path,
        &[
            "remarks",
            "add",
            "--report",
            "government",
            "--sitting",
            &sitting,
            "--speaker",
            "A6101",
            "--text",
            "建议加强乡村治理。",
            "--json",
        ],
    );
    assert!(o.status.success(), "remarks add: {}", stderr(&o));
    let r1: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(r1["speaker_name"], "甲委员");
    let o = huiwu(
        &path,
        &[
            "remarks",
            "add",
            "--report",
            &s.report.to_string(),
            "--sitting",
            &sitting,
            "--group",
            "第一组",
            "--text",
            "小组认为乡村治理要发挥乡贤作用。",
            "--json",
        ],
    );
    assert!(o.status.success(), "group remark: {}", stderr(&o));
    let r2: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(r2["speaker_name"], "第一组（集体）");

    let ids = format!("{},{}", r1["id"], r2["id"]);
    let o = huiwu(
        &path,
        &[
            "opinions",
            "merge",
            "--report",
            "government",
            "--remarks",
            &ids,
            "--topic",
            "关于乡村治理",
            "--text",
            "建议健全乡村治理体系。",
        ],
    );
    assert!(o.status.success(), "merge: {}", stderr(&o));

    let o = huiwu(&path, &["opinions", "list", "--report", "government", "--json"]);
    assert!(o.status.success(), "opinions list: {}", stderr(&o));
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(items.as_array().map(Vec::len), Some(1));
    assert_eq!(items[0]["number"], 1);
    assert_eq!(items[0]["remarks"].as_array().map(Vec::len), Some(2), "the item lists its remark ids: {items}");
    assert_eq!(items[0]["speakers"][0]["name"], "甲委员");
    assert_eq!(items[0]["groups"][0], "第一组");

    // An unplaced remark blocks finalising: Chinese and English on stderr, exit 1.
    let o = huiwu(
        &path,
        &[
            "remarks",
            "add",
            "--report",
            "government",
            "--sitting",
            &s.sitting2.to_string(),
            "--speaker",
            "丙委员",
            "--text",
            "另一条意见。",
        ],
    );
    assert!(o.status.success(), "third remark: {}", stderr(&o));
    let o = huiwu(&path, &["opinions", "finalise", "--report", "government"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("不能定稿") && err.contains("not allowed"), "{err}");

    let out = dir.path().join("意见.xlsx");
    let o =
        huiwu(&path, &["opinions", "export", "--report", "government", out.to_str().expect("utf-8 path"), "--trace"]);
    assert!(o.status.success(), "export: {}", stderr(&o));
    assert!(out.exists());
    let o = huiwu(
        &path,
        &["opinions", "export", "--report", "government", dir.path().join("x.txt").to_str().expect("path")],
    );
    assert_eq!(o.status.code(), Some(1), "an unknown extension is refused");
}

#[test]
fn the_demo_lists_come_out_of_the_cli_with_55_24_and_25_items() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let o = huiwu(&path, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
    for (report, n) in [("government", 55), ("court", 24), ("procuratorate", 25)] {
        let o = huiwu(&path, &["opinions", "list", "--report", report, "--json"]);
        assert!(o.status.success(), "opinions list {report}: {}", stderr(&o));
        let items: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
        let items = items.as_array().expect("an array of items");
        assert_eq!(items.len(), n, "{report} list");
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["number"], i + 1, "{report}: numbered 1..N");
            let remarks = item["remarks"].as_array().map_or(0, Vec::len);
            assert!((1..=5).contains(&remarks), "{report} item {}: traced to 1–5 remarks", i + 1);
            assert!(
                item["speakers"].as_array().is_some_and(|s| !s.is_empty()),
                "{report} item {} names speakers",
                i + 1
            );
            assert!(item["groups"].as_array().is_some_and(|g| !g.is_empty()), "{report} item {} names groups", i + 1);
        }
    }
    let o = huiwu(&path, &["reports", "list", "--json"]);
    let reports: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(
        reports.as_array().is_some_and(|r| r.iter().all(|r| r["counts"]["unplaced"] == 0)),
        "no demo remark is left unplaced"
    );
    let pdf = dir.path().join("gov.pdf");
    let o = huiwu(&path, &["opinions", "export", "--report", "government", pdf.to_str().expect("path")]);
    assert!(o.status.success(), "pdf export: {}", stderr(&o));
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
}

/// A remark recorded after the list is finalised would be outside the final list in silence: the
/// CLI refuses it (exit 1, a Chinese message naming what to do) and the list stays whole.
#[test]
fn the_cli_refuses_a_remark_on_a_finalised_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("committee.db");
    let s = setup(&path);
    let sitting = s.sitting1.to_string();
    let add = |text: &str| {
        huiwu(
            &path,
            &["remarks", "add", "--report", "government", "--sitting", &sitting, "--speaker", "A6101", "--text", text],
        )
    };
    let o = add("建议加强乡村治理。");
    assert!(o.status.success(), "first remark: {}", stderr(&o));
    let o = huiwu(&path, &["remarks", "list", "--report", "government", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let id = page["remarks"][0]["id"].to_string();
    let o = huiwu(
        &path,
        &["opinions", "merge", "--report", "government", "--remarks", &id, "--text", "健全乡村治理体系。"],
    );
    assert!(o.status.success(), "merge: {}", stderr(&o));
    let o = huiwu(&path, &["opinions", "finalise", "--report", "government"]);
    assert!(o.status.success(), "finalise: {}", stderr(&o));

    let o = add("定稿后补记的一条。");
    assert_eq!(o.status.code(), Some(1), "refused: {}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("已于") && err.contains("定稿") && err.contains("取消定稿"), "{err}");
    let o = huiwu(&path, &["remarks", "list", "--report", "government", "--json"]);
    let page: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(page["total"], 1, "the refused remark was not recorded: {page}");
}
