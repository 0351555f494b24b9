//! Several laptops in one hall, from outside: a master built from the demo, two check-in desks and
//! a group recorder cut from it (`huiwu station export`), each opened on «another laptop»
//! (`huiwu --db STATION.db station open`), recording (members overlapping between the desks), handing
//! back (`huiwu station handback`) and merged (`huiwu station merge`) in every order, then again;
//! the master ends as one laptop that recorded everything would be, with the conflicts reported and
//! damaged, foreign and unknown-state files refused.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use huiwu_core::attendance::{self, AttendanceEventKind, PersonRef};
use huiwu_core::opinions::{self, RemarkInput, ReportInput, ReportKind};
use huiwu_core::roster::{self, MembershipEventInput, MembershipKind};
use huiwu_core::stations::{self, ConflictKind};
use huiwu_core::Db;

use crate::cli::{huiwu, stderr, stdout};

fn ok_json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).expect("JSON on stdout")
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("time")
}

struct Hall {
    dir: tempfile::TempDir,
    master: PathBuf,
    opening: i64,
    closing: i64,
    group_sitting: i64,
    meeting: i64,
    report: i64,
    /// members in office at the opening, in roster order
    members: Vec<i64>,
    group_members: Vec<i64>,
    /// a remark the master recorded before the packages were cut
    old_remark: i64,
}

fn setup() -> Hall {
    let dir = tempfile::tempdir().expect("tempdir");
    let master = dir.path().join("master.db");
    let o = huiwu(&master, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
    let mut db = Db::open(&master).expect("open master");
    db.set_operator("秘书处");
    let choices = attendance::sitting_choices(db.conn()).expect("sittings");
    let find = |date: &str, title: &str| {
        choices.iter().find(|s| s.date == date && s.title.contains(title)).map(|s| s.sitting_id).expect(title)
    };
    let opening = find("2021-01-19", "开幕会");
    let closing = find("2021-01-22", "闭幕会");
    let (meeting, session): (i64, i64) = db
        .conn()
        .query_row(
            "SELECT m.id, m.session_id FROM sittings s JOIN meetings m ON m.id = s.meeting_id WHERE s.id = ?1",
            [opening],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("meeting");
    let group_sitting: i64 = db
        .conn()
        .query_row(
            "SELECT s.id FROM sittings s JOIN sitting_groups sg ON sg.sitting_id = s.id JOIN groups g ON g.id = sg.group_id
              WHERE s.meeting_id = ?1 AND s.kind = 'group_discussion' AND g.name = '第一组' ORDER BY s.date, s.seq LIMIT 1",
            [meeting],
            |r| r.get(0),
        )
        .expect("第一组's first discussion");
    let report = opinions::create_report(
        &mut db,
        &ReportInput {
            session_id: session,
            kind: ReportKind::Government,
            title: "政府工作报告".into(),
            issuing_body: "安宁市人民政府".into(),
            body_text: String::new(),
            list_title: String::new(),
        },
    )
    .expect("report")
    .id;
    let date = "2021-01-19";
    let members: Vec<i64> = roster::in_office_on(db.conn(), date).expect("roster").into_iter().map(|m| m.id).collect();
    let group_members: Vec<i64> = roster::in_office_on(db.conn(), date)
        .expect("roster")
        .into_iter()
        .filter(|m| m.group.as_deref() == Some("第一组"))
        .map(|m| m.id)
        .collect();
    let old_remark = opinions::add_remark(
        &mut db,
        &RemarkInput {
            report_id: report,
            section_id: None,
            sitting_id: group_sitting,
            speaker_id: Some(group_members[0]),
            group_id: None,
            text: "建议加大对中小企业的扶持力度。".into(),
        },
    )
    .expect("remark at the master")
    .id;
    drop(db);
    Hall { dir, master, opening, closing, group_sitting, meeting, report, members, group_members, old_remark }
}

fn path(h: &Hall, name: &str) -> PathBuf {
    h.dir.path().join(name)
}

fn copy_db(from: &Path, to: &Path) {
    let db = Db::open_read_only(from).expect("open to copy");
    db.backup_to(to).expect("copy");
}

/// Attendance of a sitting as (member id, arrival) for everyone present.
fn present(db: &Db, sitting: i64) -> BTreeSet<(i64, String)> {
    attendance::rows(db.conn(), sitting)
        .expect("rows")
        .into_iter()
        .filter_map(|r| r.checked_in_at.clone().map(|t| (r.card.person.id, t)))
        .collect()
}

fn remark_texts(db: &Db, sitting: i64) -> BTreeSet<(Option<i64>, String)> {
    let mut stmt = db.conn().prepare("SELECT speaker_id, text FROM remarks WHERE sitting_id = ?1").expect("q");
    stmt.query_map([sitting], |r| Ok((r.get(0)?, r.get(1)?))).expect("q").collect::<rusqlite::Result<_>>().expect("q")
}

fn check_ins(db: &mut Db, sitting: i64, list: &[(i64, &str)]) {
    let entries: Vec<(PersonRef, AttendanceEventKind, NaiveDateTime)> =
        list.iter().map(|(m, t)| (PersonRef::member(*m), AttendanceEventKind::CheckIn, at(t))).collect();
    attendance::import_events(db, sitting, &entries).expect("check-ins");
}

fn remark(report: i64, sitting: i64, speaker: i64, text: &str) -> RemarkInput {
    RemarkInput {
        report_id: report,
        section_id: None,
        sitting_id: sitting,
        speaker_id: Some(speaker),
        group_id: None,
        text: text.into(),
    }
}

#[test]
fn three_stations_merged_in_every_order_equal_one_laptop_with_conflicts_reported_and_bad_files_refused() {
    let h = setup();
    let (m, g) = (&h.members, &h.group_members);
    // A backup from before the packages were cut: restored, it no longer knows them.
    let older = path(&h, "older-backup.db");
    copy_db(&h.master, &older);

    let desk_a = path(&h, "desk-a.pkg");
    let desk_b = path(&h, "desk-b.pkg");
    let rec = path(&h, "group1.pkg");
    let (o, c) = (h.opening.to_string(), h.closing.to_string());
    // Desk A also holds 第一组's discussion, which has a remark: a desk carries none, hands none back.
    let gs = h.group_sitting.to_string();
    let a = ok_json(&huiwu(
        &h.master,
        &["station", "export", "--desk", "--sitting", &o, "--sitting", &gs, desk_a.to_str().expect("p"), "--json"],
    ));
    assert_eq!(a["kind"], "desk");
    ok_json(&huiwu(
        &h.master,
        &["station", "export", "--desk", "--sitting", &o, "--sitting", &c, desk_b.to_str().expect("p"), "--json"],
    ));
    let r = ok_json(&huiwu(
        &h.master,
        &[
            "station",
            "export",
            "--recorder",
            "--group",
            "第一组",
            "--meeting",
            &h.meeting.to_string(),
            rec.to_str().expect("p"),
            "--json",
        ],
    ));
    assert!(r["remarks"].as_u64().expect("remarks") >= 1, "the recorder's package carries the group's remarks: {r}");

    // Each station on its own laptop.
    let open = |name: &str, pkg: &Path, operator: &str| -> PathBuf {
        let db = path(&h, name);
        let o = huiwu(&db, &["--operator", operator, "station", "open", pkg.to_str().expect("p"), "--json"]);
        let info = ok_json(&o);
        assert!(info["station_name"].as_str().expect("name").len() > 2, "{info}");
        db
    };
    let sa = open("station-a.db", &desk_a, "签到员甲");
    let sb = open("station-b.db", &desk_b, "签到员乙");
    let sr = open("station-r.db", &rec, "记录员丙");
    {
        let mut db = Db::open(&sa).expect("a");
        assert!(stations::station_info(db.conn()).expect("info").is_some(), "marked as a station");
        db.set_operator("签到员甲");
        // Desk A: m0..m9 from 08:30; desk B: m5..m14, m5 and m6 earlier at B, m7.. later at B.
        let list: Vec<(i64, String)> = (0..10).map(|i| (m[i], format!("2021-01-19 08:{:02}:00", 30 + i))).collect();
        let list: Vec<(i64, &str)> = list.iter().map(|(id, t)| (*id, t.as_str())).collect();
        check_ins(&mut db, h.opening, &list);
    }
    {
        let mut db = Db::open(&sb).expect("b");
        db.set_operator("签到员乙");
        let mut list: Vec<(i64, String)> =
            vec![(m[5], "2021-01-19 08:20:00".into()), (m[6], "2021-01-19 08:21:00".into())];
        list.extend((7..15).map(|i| (m[i], format!("2021-01-19 08:{:02}:00", 45 + i - 7))));
        let list: Vec<(i64, &str)> = list.iter().map(|(id, t)| (*id, t.as_str())).collect();
        check_ins(&mut db, h.opening, &list);
        check_ins(&mut db, h.closing, &[(m[20], "2021-01-22 08:50:00")]);
    }
    {
        let mut db = Db::open(&sr).expect("r");
        db.set_operator("记录员丙");
        opinions::add_remark(&mut db, &remark(h.report, h.group_sitting, g[1], "建议进一步优化营商环境。"))
            .expect("r1");
        opinions::add_remark(&mut db, &remark(h.report, h.group_sitting, g[2], "建议加快老旧小区改造。")).expect("r2");
        opinions::update_remark(
            &mut db,
            h.old_remark,
            &remark(h.report, h.group_sitting, g[0], "建议加大对中小微企业的扶持力度，落实减税降费。"),
        )
        .expect("edit at the station");
    }
    let back = |db: &Path, name: &str| -> PathBuf {
        let f = path(&h, name);
        ok_json(&huiwu(db, &["station", "handback", f.to_str().expect("p"), "--json"]));
        f
    };
    let files = [back(&sa, "a.back"), back(&sb, "b.back"), back(&sr, "r.back")];

    // Meanwhile at the master: the closing is closed, one member of desk A's list leaves office
    // the day before, and the master corrects the same remark its own way.
    {
        let mut db = Db::open(&h.master).expect("master");
        db.set_operator("秘书处");
        attendance::close_sitting(&mut db, h.closing).expect("close the closing sitting");
        roster::record_event(
            &mut db,
            m[3],
            &MembershipEventInput {
                kind: MembershipKind::Resigned,
                effective_on: "2021-01-18".into(),
                reference: String::new(),
                role: None,
            },
        )
        .expect("resigned");
        opinions::update_remark(
            &mut db,
            h.old_remark,
            &remark(h.report, h.group_sitting, g[0], "建议加大对中小企业的金融支持。"),
        )
        .expect("edit at the master");
    }

    // One laptop that recorded everything itself, in time order, minus what the master would refuse.
    let single = path(&h, "single.db");
    copy_db(&h.master, &single);
    let expected_present: BTreeSet<(i64, String)>;
    let expected_remarks: BTreeSet<(Option<i64>, String)>;
    {
        let mut db = Db::open(&single).expect("single");
        let mut list: Vec<(i64, String)> =
            vec![(m[5], "2021-01-19 08:20:00".into()), (m[6], "2021-01-19 08:21:00".into())];
        list.extend((0..10).filter(|i| *i != 3).map(|i| (m[i], format!("2021-01-19 08:{:02}:00", 30 + i))));
        list.extend((7..15).map(|i| (m[i], format!("2021-01-19 08:{:02}:00", 45 + i - 7))));
        list.sort_by(|x, y| x.1.cmp(&y.1));
        let list: Vec<(i64, &str)> = list.iter().map(|(id, t)| (*id, t.as_str())).collect();
        check_ins(&mut db, h.opening, &list);
        opinions::add_remark(&mut db, &remark(h.report, h.group_sitting, g[1], "建议进一步优化营商环境。"))
            .expect("r1");
        opinions::add_remark(&mut db, &remark(h.report, h.group_sitting, g[2], "建议加快老旧小区改造。")).expect("r2");
        expected_present = present(&db, h.opening);
        expected_remarks = remark_texts(&db, h.group_sitting);
    }
    assert_eq!(expected_present.len(), 14, "15 members less the one who left office");

    // Every order of the three hand-backs, each on its own copy of the master, then all again.
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (n, order) in orders.iter().enumerate() {
        let copy = path(&h, &format!("master-{n}.db"));
        copy_db(&h.master, &copy);
        let mut kinds = Vec::new();
        for i in order {
            let out = huiwu(&copy, &["station", "merge", files[*i].to_str().expect("p"), "--json"]);
            let rep = ok_json(&out);
            for c in rep["conflicts"].as_array().expect("conflicts") {
                kinds.push(c["kind"].as_str().expect("kind").to_string());
            }
        }
        kinds.sort();
        assert_eq!(kinds, ["member_left", "remark_edited", "sitting_closed"], "order {order:?}");
        for i in order {
            let rep = ok_json(&huiwu(&copy, &["station", "merge", files[*i].to_str().expect("p"), "--json"]));
            assert_eq!(rep["applied"], 0, "merging {i} again applies nothing: {rep}");
            assert!(rep["conflicts"].as_array().expect("c").iter().all(|c| c["known"] == true), "{rep}");
        }
        let db = Db::open_read_only(&copy).expect("merged copy");
        assert_eq!(present(&db, h.opening), expected_present, "order {order:?}: attendance as one laptop");
        let got = remark_texts(&db, h.group_sitting);
        assert_eq!(got, expected_remarks, "order {order:?}: remarks as one laptop (the edited one awaits a person)");
        let events: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM attendance_events WHERE sitting_id = ?1 AND member_id = ?2",
                [h.opening, m[5]],
                |r| r.get(0),
            )
            .expect("q");
        assert_eq!(events, 2, "both desks' check-ins of the same member are in the log");
        let pending = stations::conflicts(db.conn(), true).expect("conflicts");
        assert_eq!(pending.len(), 3, "stored once each: {pending:?}");
        let edited = pending.iter().find(|c| c.kind == ConflictKind::RemarkEdited).expect("remark conflict");
        assert_eq!(edited.station_text, "建议加大对中小微企业的扶持力度，落实减税降费。");
        assert_eq!(edited.master_text.as_deref(), Some("建议加大对中小企业的金融支持。"), "side by side");
        let audited: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE entity = 'attendance_event' AND operator LIKE '签到员乙%'",
                [],
                |r| r.get(0),
            )
            .expect("q");
        assert_eq!(audited, 10, "desk B's check-ins are audited under its operator");
    }
    let list = ok_json(&huiwu(&path(&h, "master-0.db"), &["station", "list", "--json"]));
    assert_eq!(list.as_array().expect("list").len(), 3, "three packages out");
    assert!(list.as_array().expect("l").iter().all(|s| s["merges"] == 2), "each merged twice: {list}");

    // Refusals: nothing applied, a message, a non-zero exit.
    let refused = |db: &Path, file: &Path, says: &str| {
        let o = huiwu(db, &["station", "merge", file.to_str().expect("p")]);
        assert!(!o.status.success(), "refused");
        assert!(stderr(&o).contains(says), "says «{says}»: {}", stderr(&o));
    };
    let bytes = std::fs::read(&files[0]).expect("read");
    let cut = path(&h, "cut.back");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).expect("w");
    refused(&h.master, &cut, "不完整");
    let mut evil = bytes.clone();
    let i = bytes.len() - 100;
    evil[i] = evil[i].wrapping_add(1);
    let tampered = path(&h, "tampered.back");
    std::fs::write(&tampered, &evil).expect("w");
    refused(&h.master, &tampered, "校验码");
    refused(&older, &files[0], "较早的备份");
    let other = path(&h, "other.db");
    let o = huiwu(&other, &["init", "--name", "政协临江市第五届委员会", "--term", "5"]);
    assert!(o.status.success(), "init: {}", stderr(&o));
    refused(&other, &files[0], "不属于本委员会");
    let db = Db::open_read_only(&h.master).expect("master");
    assert!(present(&db, h.opening).is_empty(), "the master itself merged nothing");
    assert!(stations::conflicts(db.conn(), false).expect("c").is_empty());
}
