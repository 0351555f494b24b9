//! The `huiwu` binary's headless mode, run as IT staff and scripts run it: no display at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `huiwu` binary Cargo built for this test run (the integration tests are a test target of the
/// `huiwu` crate, so `cargo test` rebuilds the binary before running them).
pub fn huiwu_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_huiwu"))
}

/// Runs `huiwu --db <db> <args>` with no display, as a script would.
pub fn huiwu(db: &Path, args: &[&str]) -> Output {
    Command::new(huiwu_bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("HUIWU_DB")
        .output()
        .expect("run huiwu")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_lists_the_commands_without_a_display() {
    let o = Command::new(huiwu_bin()).arg("--help").env_remove("DISPLAY").output().expect("run");
    assert!(o.status.success(), "--help exits 0: {}", stderr(&o));
    let text = stdout(&o);
    for cmd in ["init", "demo", "info"] {
        assert!(text.contains(cmd), "--help lists `{cmd}`:\n{text}");
    }
}

#[test]
fn demo_then_info_json_prints_the_demo_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let o = huiwu(&db, &["demo"]);
    assert!(o.status.success(), "demo succeeds: {}", stderr(&o));
    let o = huiwu(&db, &["info", "--json"]);
    assert!(o.status.success(), "info succeeds: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("info --json is JSON");
    assert_eq!(v["committee"]["name"], "政协安宁市第六届委员会");
    assert_eq!(v["schema_version"], huiwu_core::db::schema_version());
    for key in ["members", "members_total", "meetings", "sittings"] {
        assert!(v[key].is_u64(), "info --json has the count `{key}`: {v}");
    }
    assert!(v["members"].as_u64().unwrap_or(0) >= 150, "the demo has a real roster: {v}");
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("keep.db");
    std::fs::write(&db, b"precious").expect("write");
    let o = huiwu(&db, &["demo"]);
    assert!(!o.status.success(), "demo over an existing file must fail");
    let err = stderr(&o);
    assert!(err.contains("已存在") && err.contains("--force"), "Chinese message names the way out: {err}");
    assert!(err.contains("already exists"), "English message too: {err}");
    assert_eq!(std::fs::read(&db).expect("read"), b"precious", "the file is untouched");
}

#[test]
fn errors_exit_non_zero_in_chinese_and_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nothing-here.db");
    let o = huiwu(&missing, &["info"]);
    assert_eq!(o.status.code(), Some(1), "a missing database is an error");
    let err = stderr(&o);
    assert!(err.contains("错误") && err.contains("huiwu init"), "{err}");
    assert!(!missing.exists(), "info does not create a database file");

    let garbage = dir.path().join("roster.xlsx");
    std::fs::write(&garbage, vec![0x50u8; 4096]).expect("write");
    let o = huiwu(&garbage, &["info"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("不是会务数据库") && err.contains("not a Huiwu"), "{err}");

    let newer = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&newer).expect("open");
        conn.execute_batch("CREATE TABLE from_the_future (x);").expect("schema");
        conn.pragma_update(None, "application_id", huiwu_core::db::APPLICATION_ID).expect("mark");
        conn.pragma_update(None, "user_version", huiwu_core::db::schema_version() + 5).expect("version");
    }
    let o = huiwu(&newer, &["info"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("升级"), "a newer database asks for an upgrade: {}", stderr(&o));

    let o = huiwu(&missing, &["no-such-command"]);
    assert_eq!(o.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn init_creates_a_committee_and_refuses_an_existing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("county.db");
    let o = huiwu(&db, &["init", "--name", "政协测试县第九届委员会", "--term", "9"]);
    assert!(o.status.success(), "init: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&huiwu(&db, &["info", "--json"]))).expect("json");
    assert_eq!(v["committee"]["term_number"], 9);
    assert_eq!(v["members"], 0);
    let o = huiwu(&db, &["init"]);
    assert!(!o.status.success(), "init over an existing file fails");

    let bad = dir.path().join("bad.db");
    let o = huiwu(&bad, &["init", "--name", "  ", "--term", "9"]);
    assert!(!o.status.success(), "an empty committee name is refused");
    assert!(stderr(&o).contains("委员会名称"), "the message names the field: {}", stderr(&o));
    assert!(!bad.exists(), "nothing is left half-written");
}

#[test]
fn backup_writes_a_complete_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success());
    let copy = dir.path().join("copy.db");
    let o = huiwu(&db, &["backup", copy.to_str().expect("path")]);
    assert!(o.status.success(), "backup: {}", stderr(&o));
    let original: serde_json::Value = serde_json::from_str(&stdout(&huiwu(&db, &["info", "--json"]))).expect("json");
    let backed: serde_json::Value = serde_json::from_str(&stdout(&huiwu(&copy, &["info", "--json"]))).expect("json");
    assert_eq!(original, backed, "the backup holds the same committee and counts");
    let o = huiwu(&db, &["backup", copy.to_str().expect("path")]);
    assert!(!o.status.success(), "an existing backup file is never overwritten");
    assert!(stderr(&o).contains("已存在"), "{}", stderr(&o));
}
