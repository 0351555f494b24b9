//! `huiwu imports list` / `huiwu imports undo ID` on real files: two imports through the headless
//! `members import`, the later one undone first, the earlier one refused until then; the demo's own
//! roster import refused because check-ins point at its members.

use std::path::PathBuf;

use huiwu_core::roster::batches::{ImportBatch, UndoOutcome};
use huiwu_core::{committee, Db};

use crate::cli::{huiwu, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/roster").join(name)
}

fn imports(db: &std::path::Path) -> Vec<ImportBatch> {
    let o = huiwu(db, &["imports", "list", "--json"]);
    assert!(o.status.success(), "imports list: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("imports list --json is a list of batches")
}

fn member_count(db: &std::path::Path) -> i64 {
    let db = Db::open(db).expect("open");
    db.conn().query_row("SELECT count(*) FROM members", [], |r| r.get(0)).expect("count")
}

#[test]
fn imports_are_listed_and_undone_latest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    {
        let mut db = Db::create(&path).expect("db");
        committee::create(
            &mut db,
            &committee::Committee {
                name: "政协测试县第一届委员会".into(),
                short_name: "测试县政协".into(),
                term_number: 1,
                term_start: Some("2017-01-10".into()),
                term_end: None,
                secretariat: String::new(),
            },
        )
        .expect("committee");
    }
    let o = huiwu(&path, &["members", "import", fixture("messy.xls").to_str().expect("utf8")]);
    assert!(o.status.success(), "first import: {}", stderr(&o));
    let o = huiwu(&path, &["members", "import", fixture("update-gbk.csv").to_str().expect("utf8")]);
    assert!(o.status.success(), "second import: {}", stderr(&o));
    let after_both = member_count(&path);

    let list = imports(&path);
    assert_eq!(list.len(), 2, "two imports recorded");
    let (second, first) = (&list[0], &list[1]);
    assert_eq!((first.file_name.as_str(), first.created, first.updated), ("messy.xls", 5, 0));
    assert_eq!(second.file_name, "update-gbk.csv");
    assert!(second.updated > 0 && second.blocked.is_none(), "the latest can be undone: {second:?}");
    let why = first.blocked.as_deref().expect("the first is held by the second");
    assert!(why.contains("又改动了其中的委员，请先撤销那一次导入"), "{why}");

    let o = huiwu(&path, &["imports", "undo", &first.id.to_string()]);
    assert_eq!(o.status.code(), Some(1), "refused: exit 1");
    assert!(stderr(&o).contains("错误：不能撤销") && stderr(&o).contains("messy.xls"), "{}", stderr(&o));
    assert_eq!(member_count(&path), after_both, "nothing changed by a refused undo");

    let o = huiwu(&path, &["imports", "undo", &second.id.to_string(), "--json"]);
    assert!(o.status.success(), "undo the second: {}", stderr(&o));
    let out: UndoOutcome = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!((out.removed, out.restored), (second.created, second.updated));
    assert_eq!(member_count(&path), 5, "back to the first import's five");

    let o = huiwu(&path, &["imports", "undo", &first.id.to_string()]);
    assert!(o.status.success(), "undo the first: {}", stderr(&o));
    assert!(stdout(&o).contains("已撤销导入“messy.xls”"), "{}", stdout(&o));
    assert_eq!(member_count(&path), 0, "the roster is empty again");
    let text = huiwu(&path, &["imports", "list"]);
    assert!(stdout(&text).contains("撤销") && stdout(&text).contains("共 2 次导入"), "{}", stdout(&text));
}

#[test]
fn the_demo_roster_import_cannot_be_undone_once_members_checked_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    assert!(huiwu(&path, &["demo"]).status.success());
    let list = imports(&path);
    let roster = list.iter().find(|b| b.file_name == "roster.csv").expect("the demo's roster import is recorded");
    let o = huiwu(&path, &["imports", "undo", &roster.id.to_string()]);
    assert!(!o.status.success(), "refused");
    assert!(stderr(&o).contains("这次导入的委员已有签到记录"), "names what depends on them: {}", stderr(&o));
}
