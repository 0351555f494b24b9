//! Entering the year's records headless: `huiwu duties add/edit/list` and `huiwu items
//! add/list/edit/feedback` on a fresh demo move the figures of `huiwu year`; every mistake (an
//! empty title, an end before the start, a member no one or several are named by, a negative
//! count, an empty file) exits non-zero in Chinese and English and writes nothing.

use std::path::Path;

use crate::cli::{huiwu, stderr, stdout};

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let o = huiwu(db, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{args:?} gives JSON: {e}"))
}

fn figure(db: &Path, key: &str) -> i64 {
    json(db, &["year", "--year", "2020", "--json"])["figures"][key].as_i64().unwrap_or_else(|| panic!("figure {key}"))
}

fn audit_rows(db: &Path) -> usize {
    let c = rusqlite::Connection::open(db).expect("open");
    c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0)).expect("count") as usize
}

/// Runs a command that must fail: non-zero, Chinese then English, naming `field`, nothing written.
fn refused(db: &Path, args: &[&str], field: &str) {
    let before = audit_rows(db);
    let o = huiwu(db, args);
    let err = stderr(&o);
    assert!(!o.status.success(), "{args:?} must fail");
    assert!(err.starts_with("错误：") && err.contains("error ["), "Chinese and English: {err}");
    assert!(err.contains(field), "{args:?}: the message names {field}: {err}");
    assert_eq!(audit_rows(db), before, "{args:?} wrote nothing");
}

#[test]
fn duties_and_items_entered_headless_move_the_years_figures() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    let o = huiwu(&db, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
    assert_eq!(figure(&db, "inspection_topics"), 5);

    let d = json(
        &db,
        &[
            "duties",
            "add",
            "--kind",
            "视察课题",
            "--title",
            "视察老旧小区改造",
            "--from",
            "2020-06-01",
            "--to",
            "2020-06-02",
            "--lead",
            "A6002",
            "--member",
            "A6003",
            "--member",
            "A6010",
            "--report",
            "视察报告",
            "--json",
        ],
    );
    let id = d["id"].as_i64().expect("id");
    let names: Vec<&str> =
        d["members"].as_array().expect("members").iter().filter_map(|m| m["name"].as_str()).collect();
    assert_eq!(names.len(), 3, "the lead and two members: {names:?}");
    assert_eq!(d["members"][0]["lead"], true, "the lead first");
    assert_eq!(figure(&db, "inspection_topics"), 6, "one more inspection topic");
    let list = json(&db, &["duties", "list", "--kind", "inspection", "--year", "2020", "--json"]);
    assert_eq!(list.as_array().map(Vec::len), Some(6));

    let edited = json(&db, &["duties", "edit", &id.to_string(), "--title", "视察老旧小区改造工作", "--json"]);
    assert_eq!(edited["title"], "视察老旧小区改造工作");
    assert_eq!(edited["members"].as_array().map(Vec::len), Some(3), "members kept when not given");
    let edited = json(&db, &["duties", "edit", &id.to_string(), "--kind", "调研课题", "--json"]);
    assert_eq!(edited["kind"], "research");
    assert_eq!((figure(&db, "inspection_topics"), figure(&db, "research_topics")), (5, 5), "moved to research");

    let o = huiwu(
        &db,
        &[
            "duties",
            "add",
            "--kind",
            "delegation",
            "--title",
            "接待昆明市政协",
            "--date",
            "2020-07-01",
            "--lead-name",
            "昆明市政协",
            "--person-times",
            "12",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(figure(&db, "delegation_person_times"), 196 + 12);

    for (args, field) in [
        (vec!["duties", "add", "--kind", "视察课题", "--title", " ", "--date", "2020-06-01"], "名称"),
        (
            vec![
                "duties",
                "add",
                "--kind",
                "视察课题",
                "--title",
                "视察",
                "--from",
                "2020-06-05",
                "--to",
                "2020-06-01",
            ],
            "结束日期",
        ),
        (
            vec!["duties", "add", "--kind", "视察课题", "--title", "视察", "--date", "2020-06-01", "--member", "万"],
            "万萱",
        ),
        (
            vec![
                "duties",
                "add",
                "--kind",
                "视察课题",
                "--title",
                "视察",
                "--date",
                "2020-06-01",
                "--member",
                "查无此人",
            ],
            "参加委员",
        ),
        (
            vec![
                "duties",
                "add",
                "--kind",
                "delegation",
                "--title",
                "接待",
                "--date",
                "2020-06-01",
                "--person-times",
                "-3",
            ],
            "人次",
        ),
        (vec!["duties", "add", "--kind", "视察", "--title", "视察", "--date", "2020-06-01"], "类别"),
        (vec!["duties", "edit", &id.to_string(), "--to", "2019-01-01"], "结束日期"),
    ] {
        refused(&db, &args, field);
    }
    assert_eq!(figure(&db, "research_topics"), 5, "the refused commands left the figures alone");

    // 意见建议 of a 协商在基层 activity, pasted as a numbered list with a preamble and a broken line.
    let sources = json(&db, &["items", "list", "--year", "2020", "--json"]);
    let grassroots =
        sources.as_array().expect("list").iter().find(|c| c["kind"] == "协商在基层").expect("a 协商在基层 activity");
    let source = format!("duty:{}", grassroots["source"]["id"]);
    let before = figure(&db, "grassroots_items");
    let text = dir.path().join("意见建议.txt");
    std::fs::write(
        &text,
        "1. 建议加快老旧小区\r\n改造进度。\r\n\r\n2、建议完善社区养老服务。\r\n（三）建议增设充电桩。\r\n",
    )
    .expect("write");
    let added =
        json(&db, &["items", "add", "--source", &source, "--text-file", text.to_str().expect("path"), "--json"]);
    let added = added.as_array().expect("items");
    assert_eq!(added.len(), 3, "one item per numbered paragraph");
    assert_eq!(added[0]["text"], "建议加快老旧小区改造进度。", "the broken line joined, the number dropped");
    assert_eq!(added[0]["seq"], 3, "numbered after the activity's two items");
    assert_eq!(figure(&db, "grassroots_items"), before + 3);

    let item = added[1]["id"].to_string();
    let o = huiwu(
        &db,
        &["items", "feedback", &item, "--text", "已纳入明年计划", "--on", "2020-08-10", "--adoption", "采纳"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = huiwu(&db, &["items", "edit", &item, "--text", "建议完善社区居家养老服务。"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let items = json(&db, &["items", "list", "--source", &source, "--json"]);
    let it = &items[3];
    assert_eq!(
        (&it["text"], &it["reply"], &it["feedback_on"], &it["adoption"]),
        (&"建议完善社区居家养老服务。".into(), &"已纳入明年计划".into(), &"2020-08-10".into(), &"adopted".into())
    );

    let empty = dir.path().join("空.txt");
    std::fs::write(&empty, "\n\u{3000}\n").expect("write");
    refused(&db, &["items", "add", "--source", &source, "--text-file", empty.to_str().expect("path")], "空.txt");
    refused(&db, &["items", "add", "--source", "会议12", "--text-file", text.to_str().expect("path")], "--source");
    let o = huiwu(&db, &["items", "list", "--source", "meeting:9999"]);
    assert!(!o.status.success() && stderr(&o).contains("会议"), "no such meeting: {}", stderr(&o));
    refused(&db, &["items", "feedback", &item, "--text", "x", "--on", "2020-02-30"], "反馈日期");
    refused(&db, &["items", "edit", &item, "--text", " "], "内容不能为空");
}
