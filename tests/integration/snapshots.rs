//! Automatic snapshots from outside: `huiwu backup list` and `huiwu backup restore` on a demo file,
//! the plain `huiwu backup FILE` beside them, and a restore killed (SIGKILL) at many moments,
//! which must leave the committee file wholly as it was or wholly the snapshot's.

use std::path::Path;
use std::time::Instant;

use huiwu_core::roster::{self, MemberInput, Role};
use huiwu_core::snapshots::{self, Reason};
use huiwu_core::Db;

use crate::cli::{huiwu, huiwu_bin, stderr, stdout};

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).expect("JSON on stdout")
}

fn demo(db_path: &Path) {
    let o = huiwu(db_path, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
}

fn members(db_path: &Path) -> u64 {
    json(&huiwu(db_path, &["info", "--json"]))["members_total"].as_u64().expect("members_total")
}

fn add_member(db_path: &Path, no: &str) {
    let mut db = Db::open(db_path).expect("open");
    let input = MemberInput {
        member_no: Some(no.into()),
        name: format!("测试委员{}", no.trim_start_matches('T')),
        gender: "女".into(),
        role: Role::Member,
        joined_on: "2021-01-10".into(),
        ..MemberInput::default()
    };
    roster::create(&mut db, &input).expect("add a member");
}

#[test]
fn backup_list_shows_what_each_snapshot_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("会务.db");
    demo(&db_path);
    assert_eq!(json(&huiwu(&db_path, &["backup", "list", "--json"])), serde_json::json!([]), "none yet");

    let db = Db::open(&db_path).expect("open");
    let taken = snapshots::take(&db, Reason::Open).expect("take").expect("a snapshot");
    drop(db);
    let list = json(&huiwu(&db_path, &["backup", "list", "--json"]));
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 1, "one snapshot: {list:?}");
    let s = &list[0];
    assert_eq!(s["file_name"], taken.file_name.as_str());
    assert_eq!((s["reason"].as_str(), s["reason_label"].as_str()), (Some("open"), Some("打开时")));
    assert_eq!(s["counts"]["members"].as_u64(), Some(members(&db_path)), "the roster count of the demo");
    assert!(s["counts"]["meetings"].as_u64() > Some(0) && s["counts"]["sittings"].as_u64() > Some(0), "{s}");
    assert!(s["counts"]["remarks"].as_u64() > Some(0), "the demo has remarks: {s}");

    let o = huiwu(&db_path, &["backup", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for word in ["时间", "原因", "人数", "会议", "场次", "发言", "打开时", taken.file_name.as_str()] {
        assert!(text.contains(word), "the table shows {word}: {text}");
    }

    // The plain backup still takes a FILE, beside the subcommands.
    let copy = dir.path().join("U盘备份.db");
    let o = huiwu(&db_path, &["backup", copy.to_str().expect("utf-8")]);
    assert!(o.status.success() && copy.is_file(), "huiwu backup FILE: {}", stderr(&o));
    let named_list = dir.path().join("list");
    let o = huiwu(&db_path, &["backup", named_list.to_str().expect("utf-8")]);
    assert!(o.status.success() && named_list.is_file(), "a file named list, given as a path: {}", stderr(&o));
}

#[test]
fn closing_attendance_takes_a_snapshot_and_restore_brings_the_file_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("会务.db");
    demo(&db_path);
    let before = members(&db_path);
    let db = Db::open(&db_path).expect("open");
    let sitting = huiwu_core::attendance::sitting_choices(db.conn())
        .expect("sittings")
        .into_iter()
        .find(|s| !s.closed)
        .expect("an open sitting in the demo");
    drop(db);
    let o = huiwu(&db_path, &["attendance", "close", "--sitting", &sitting.sitting_id.to_string()]);
    assert!(o.status.success(), "close: {}", stderr(&o));
    let list = snapshots::list(&db_path);
    assert_eq!(list.len(), 1, "closing took a snapshot first");
    let snap = &list[0];
    assert_eq!(snap.reason, Reason::BeforeClosing);

    add_member(&db_path, "T1");
    assert_eq!(members(&db_path), before + 1);

    let o = huiwu(&db_path, &["backup", "restore", &snap.file_name]);
    assert!(o.status.success(), "restore by bare file name: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("恢复前的状态已另存为自动备份"), "says what was kept aside: {out}");
    assert_eq!(members(&db_path), before, "the snapshot's roster is back");
    let db = Db::open(&db_path).expect("open");
    let p = huiwu_core::attendance::panel(db.conn(), sitting.sitting_id).expect("panel");
    assert!(!p.closed, "the sitting is open again, as it was before closing");
    drop(db);
    let o = huiwu(&db_path, &["check"]);
    assert!(o.status.success(), "the restored file passes huiwu check: {}", stdout(&o));

    let list = snapshots::list(&db_path);
    let aside = list.iter().find(|s| s.reason == Reason::BeforeRestore).expect("a 恢复前 snapshot");
    assert_eq!(aside.counts.map(|c| u64::from(c.members)), Some(before + 1), "it holds the state before the restore");
    assert!(out.contains(&aside.file_name), "the kept-aside file is named: {out}");

    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).expect("other");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").expect("fill");
    drop(conn);
    let o = huiwu(&db_path, &["backup", "restore", other.to_str().expect("utf-8")]);
    assert!(!o.status.success(), "another program's database is refused");
    assert!(stderr(&o).contains("不是会务软件的数据库文件"), "{}", stderr(&o));
    assert_eq!(members(&db_path), before, "and nothing changed");
}

/// Makes the committee file large enough that a restore takes a while: rows of filler in the audit
/// trail (a fixture, written around the core on purpose), then a snapshot of that state.
fn large_file_with_snapshot(db_path: &Path) -> snapshots::Snapshot {
    demo(db_path);
    let conn = rusqlite::Connection::open(db_path).expect("open for the fixture");
    let filler = "议".repeat(3000);
    let tx = conn.unchecked_transaction().expect("tx");
    for i in 0..2500 {
        tx.execute(
            "INSERT INTO audit_log (at, operator, entity, entity_id, action, new_value) VALUES ('2021-01-01T00:00:00+08:00', '测试', 'filler', ?1, 'create', ?2)",
            rusqlite::params![i.to_string(), filler],
        )
        .expect("filler");
    }
    tx.commit().expect("commit");
    drop(conn);
    let db = Db::open(db_path).expect("open");
    snapshots::take(&db, Reason::Hourly).expect("take").expect("snapshot")
}

#[cfg(unix)]
#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_file_or_the_snapshot_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db_path = dir.path().join("会务.db");
    let snap = large_file_with_snapshot(&db_path);
    let snap_members = u64::from(snap.counts.expect("counts").members);
    assert!(snap.size > 15_000_000, "a large-ish file: {} bytes", snap.size);

    // One restore to the end, timed, to know when to kill the next ones.
    add_member(&db_path, "T0");
    let started = Instant::now();
    let o = huiwu(&db_path, &["backup", "restore", &snap.file_name]);
    let whole = started.elapsed();
    assert!(o.status.success(), "restore: {}", stderr(&o));
    assert_eq!(members(&db_path), snap_members);

    let mut outcomes = Vec::new();
    for (i, tenth) in [1u32, 2, 3, 4, 5, 6, 7, 8, 9, 10].iter().enumerate() {
        let mut old = members(&db_path);
        if old == snap_members {
            add_member(&db_path, &format!("T{}", i + 1));
            old += 1;
        }
        let mut child = std::process::Command::new(huiwu_bin())
            .arg("--db")
            .arg(&db_path)
            .args(["backup", "restore", &snap.file_name])
            .env_remove("DISPLAY")
            .env_remove("HUIWU_DB")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start a restore");
        std::thread::sleep(whole * *tenth / 10);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        let o = huiwu(&db_path, &["check"]);
        assert!(o.status.success(), "killed at {tenth}/10: the file passes huiwu check: {}{}", stdout(&o), stderr(&o));
        let now = members(&db_path);
        assert!(
            now == old || now == snap_members,
            "killed at {tenth}/10: {now} members, neither {old} (before) nor {snap_members} (snapshot)"
        );
        outcomes.push(if now == old { "old" } else { "snapshot" });
    }
    println!("restore of {} bytes in {whole:?}; killed at tenths 1..10: {outcomes:?}", snap.size);
    assert!(outcomes.contains(&"old"), "some kills land before the restore commits: {outcomes:?}");
}
