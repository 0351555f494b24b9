//! Attendance on a real demo file, from outside: the headless check-in desk (`huiwu checkin`,
//! `huiwu leave`, `huiwu attendance …`), each run a separate process, so what one run confirmed
//! must be on disk for the next; then closing, the roll call for the minutes and the exports.

use std::path::Path;

use huiwu_core::attendance::{self, AttendanceStatus, CardRole};
use huiwu_core::Db;

use crate::cli::{huiwu, stderr, stdout};

/// The demo's 六届五次会议 opening sitting: open, nobody checked in yet.
fn demo_opening(db_path: &Path) -> i64 {
    let o = huiwu(db_path, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
    let db = Db::open(db_path).expect("open demo");
    let s = attendance::sitting_choices(db.conn())
        .expect("sittings")
        .into_iter()
        .find(|s| s.date == "2021-01-19" && s.title == "开幕会")
        .expect("the opening of 六届五次会议 on 2021-01-19");
    assert!(!s.closed, "the new session's opening is open for the desk");
    s.sitting_id
}

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).expect("JSON on stdout")
}

#[test]
fn the_headless_desk_checks_in_lists_candidates_and_records_leave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let sid = demo_opening(&db);
    let s = sid.to_string();

    let before = json(&huiwu(&db, &["attendance", "--sitting", &s, "--json"]));
    let leave_before = before["on_leave"].as_u64().expect("on_leave");

    let o = huiwu(&db, &["checkin", "--sitting", &s, "A6001"]);
    assert!(o.status.success(), "badge scan checks in: {}", stderr(&o));
    assert!(stdout(&o).contains("姚涵刚"), "prints who: {}", stdout(&o));
    let o = huiwu(&db, &["checkin", "--sitting", &s, "1排2号"]);
    assert!(o.status.success() && stdout(&o).contains("陈学建"), "seat number: {}", stdout(&o));

    let o = huiwu(&db, &["checkin", "--sitting", &s, "张伟"]);
    assert!(!o.status.success(), "two members are called 张伟: nothing recorded, non-zero exit");
    assert!(stderr(&o).contains("A6011") && stderr(&o).contains("A6166"), "both are listed: {}", stderr(&o));
    let o = huiwu(&db, &["checkin", "--sitting", &s, "诸葛亮"]);
    assert!(!o.status.success() && stderr(&o).contains("诸葛亮"), "nobody: {}", stderr(&o));

    let o = huiwu(
        &db,
        &["leave", "--sitting", &s, "--member", "A6010", "--type", "因病", "--reason", "住院", "--approver", "姚涵刚"],
    );
    assert!(o.status.success(), "leave: {}", stderr(&o));
    let o = huiwu(&db, &["leave", "--sitting", &s, "--member", "A6010", "--type", "因事"]);
    assert!(!o.status.success(), "a second leave for the same sitting is refused");

    // Each run was its own process: the next one reads what the previous ones confirmed.
    let after = json(&huiwu(&db, &["attendance", "--sitting", &s, "--json"]));
    assert_eq!(after["present"], 2, "two checked in");
    assert_eq!(after["on_leave"].as_u64(), Some(leave_before + 1), "one more on leave");
    let expected = after["expected"].as_u64().expect("expected");
    let line = after["announcement"].as_str().expect("announcement");
    assert_eq!(
        line,
        format!("本次会议应到委员{expected}人，因事因病请假{}人，实到2人，不符合规定人数", leave_before + 1),
        "the line the presiding officer reads"
    );
    let rows = after["rows"].as_array().expect("rows");
    let yao = rows.iter().find(|r| r["card"]["member_no"] == "A6001").expect("A6001 row");
    assert_eq!(yao["status"], "present");
    assert!(yao["checked_in_at"].as_str().is_some_and(|t| t.len() == 8), "time HH:MM:SS: {yao}");

    let o = huiwu(&db, &["attendance", "undo", "--sitting", &s]);
    assert!(o.status.success() && stdout(&o).contains("陈学建"), "undo takes back the last check-in: {}", stdout(&o));
    assert_eq!(json(&huiwu(&db, &["attendance", "--sitting", &s, "--json"]))["present"], 1);
}

#[test]
fn closing_the_exports_the_member_record_and_the_roll_call() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("demo.db");
    let sid = demo_opening(&db_path);
    let s = sid.to_string();
    for q in ["A6001", "A6002", "A6003"] {
        assert!(huiwu(&db_path, &["checkin", "--sitting", &s, q]).status.success());
    }
    let o = huiwu(&db_path, &["attendance", "close", "--sitting", &s]);
    assert!(o.status.success(), "close: {}", stderr(&o));
    let o = huiwu(&db_path, &["checkin", "--sitting", &s, "A6004"]);
    assert!(!o.status.success(), "a closed sitting's desk refuses check-ins");

    let db = Db::open(&db_path).expect("open");
    let p = attendance::panel(db.conn(), sid).expect("panel");
    assert!(p.closed && p.missing_label == "缺席");
    assert_eq!(p.present + p.on_leave + p.missing, p.expected, "everyone expected is present, on leave or absent");
    let rc = attendance::roll_call(db.conn(), sid).expect("roll call");
    let names: Vec<&str> = rc.present.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, vec!["姚涵刚", "陈学建", "万萱"], "present in roster order, for the minutes");
    assert_eq!(rc.present[0].role, CardRole::Chair);
    assert_eq!(rc.on_leave.len() as u32, p.on_leave);
    let absent =
        attendance::rows(db.conn(), sid).expect("rows").iter().filter(|r| r.status == AttendanceStatus::Absent).count()
            as u32;
    assert_eq!(absent, p.missing);
    drop(db);

    let xlsx = dir.path().join("s.xlsx");
    let o = huiwu(&db_path, &["attendance", "export", "--sitting", &s, xlsx.to_str().expect("path")]);
    assert!(o.status.success(), "export: {}", stderr(&o));
    let bytes = std::fs::read(&xlsx).expect("xlsx written");
    assert_eq!(&bytes[..2], b"PK", "an .xlsx is a zip");
    let o = huiwu(&db_path, &["attendance", "export", "--sitting", &s, xlsx.to_str().expect("path")]);
    assert!(!o.status.success(), "an existing file is kept without --force");

    let m = json(&huiwu(
        &db_path,
        &["attendance", "member", "A6001", "--json", "--from", "2020-01-01", "--to", "2020-12-31"],
    ));
    let expected = m["counts"]["expected"].as_u64().expect("expected");
    let present = m["counts"]["present"].as_u64().expect("present");
    assert!(expected > 20 && present <= expected, "the chair is expected at most 2020 sittings: {expected}");
    assert_eq!(
        m["history"].as_array().map(|h| h.len() as u64),
        Some(expected),
        "history lists only the sittings where expected"
    );
}

#[test]
fn a_members_rate_counts_only_closed_sittings_over_their_term() {
    // 覃卫玉 in the demo: 六届五次会议 (2021) is not closed; its sittings are pending, not 未到.
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    demo_opening(&db);
    let m = json(&huiwu(&db, &["attendance", "member", "覃卫玉", "--json"]));
    let c = &m["counts"];
    let (expected, present, absent, pending) = (
        c["expected"].as_u64().expect("expected"),
        c["present"].as_u64().expect("present"),
        c["absent"].as_u64().expect("absent"),
        c["pending"].as_u64().expect("pending"),
    );
    assert!(pending > 0, "the open 六届五次会议 sittings are pending: {c}");
    assert_eq!(c["not_arrived"], 0, "no 未到 counted against the rate: {c}");
    let rate = c["rate"].as_f64().expect("rate");
    assert!((rate - present as f64 / expected as f64).abs() < 1e-9 && absent + present <= expected, "{c}");
    assert_ne!(m["from"], "1900-01-01", "the period is the member's term");
    let summary = m["summary"].as_str().expect("summary");
    assert!(summary.contains("待结束") && !summary.contains("1900"), "{summary}");
    let o = huiwu(&db, &["attendance", "member", "覃卫玉"]);
    assert!(stdout(&o).contains(summary), "the CLI prints the same sentence: {}", stdout(&o));
}
