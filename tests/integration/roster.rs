//! The roster and the meeting calendar driven on real files: an .xls as secretariats keep it
//! (merged title, date line, padded names, numeric and date-cell birth months, 合计 footer), a
//! GBK CSV update, a file with errors, the .xlsx export read back, and the headless commands.

use std::path::PathBuf;

use huiwu_core::roster::{
    self, export,
    import::{self, ImportOptions, RowAction},
    MemberStatus, RosterFilter,
};
use huiwu_core::{committee, meetings, Db};

use crate::cli::{huiwu, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/roster").join(name)
}

fn new_db(dir: &std::path::Path) -> Db {
    let mut db = Db::create(&dir.join("c.db")).expect("db");
    committee::create(
        &mut db,
        &committee::Committee {
            name: "政协测试县第一届委员会".into(),
            short_name: "测试县政协".into(),
            term_number: 1,
            term_start: Some("2017-01-10".into()),
            term_end: None,
            secretariat: "政协测试县委员会办公室".into(),
        },
    )
    .expect("committee");
    db
}

#[test]
fn an_xls_roster_imports_then_a_gbk_update_updates_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = new_db(dir.path());
    let p = import::preview_file(db.conn(), &fixture("messy.xls"), &ImportOptions::default()).expect("preview");
    assert_eq!((p.format.as_str(), p.header_row, p.rows.len()), ("xls", 4, 5), "{:?}", p.problems);
    assert_eq!(p.invalid, 0, "{:?}", p.problems);
    let out = import::import_file(&mut db, &fixture("messy.xls"), &ImportOptions::default()).expect("import");
    assert_eq!(out.created, 5);
    let wf = roster::find_by_member_no(db.conn(), "T001").expect("q").expect("T001");
    assert_eq!(
        (wf.name.as_str(), wf.birth_month.as_deref(), wf.joined_on.as_str()),
        ("王芳", Some("1968-10"), "2017-01-10")
    );
    assert_eq!(wf.phone, "13912345678", "a phone typed as a number keeps all its digits");
    let lm = roster::find_by_member_no(db.conn(), "T003").expect("q").expect("T003");
    assert_eq!(lm.birth_month.as_deref(), Some("1972-05"), "date cell");
    let zw = roster::find_by_member_no(db.conn(), "T002").expect("q").expect("T002");
    assert_eq!(zw.phone, "13900000002", "full-width digits");
    let hits = roster::search(db.conn(), "zw", None).expect("search");
    assert_eq!(hits.len(), 2, "two 张伟, both found by initials");

    let opts = ImportOptions { effective_on: Some("2020-06-01".into()), ..Default::default() };
    let p = import::preview_file(db.conn(), &fixture("update-gbk.csv"), &opts).expect("gbk preview");
    let actions: Vec<RowAction> = p.rows.iter().map(|r| r.action).collect();
    assert_eq!(actions, vec![RowAction::Unchanged, RowAction::Update, RowAction::Create], "{:?}", p.rows);
    import::import_file(&mut db, &fixture("update-gbk.csv"), &opts).expect("gbk import");
    assert_eq!(roster::all(db.conn()).expect("all").len(), 6, "updated in place, one new");
    assert_eq!(roster::role_on(db.conn(), zw.id, "2020-05-31").expect("r"), roster::Role::Standing);
    assert_eq!(roster::role_on(db.conn(), zw.id, "2020-06-01").expect("r"), roster::Role::Member);
}

#[test]
fn a_file_with_errors_writes_nothing_unless_told_to_skip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = new_db(dir.path());
    let e = import::import_file(&mut db, &fixture("bad.csv"), &ImportOptions::default()).expect_err("refused");
    let msg = e.to_string();
    assert!(msg.contains("第2行") && msg.contains("1970.13") && msg.contains("第3行"), "{msg}");
    assert!(roster::all(db.conn()).expect("all").is_empty(), "nothing written");
    let out =
        import::import_file(&mut db, &fixture("bad.csv"), &ImportOptions { skip_invalid: true, ..Default::default() })
            .expect("skip");
    assert_eq!((out.created, out.skipped), (1, 2));
}

#[test]
fn the_export_is_a_real_xlsx_that_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut db = new_db(dir.path());
    import::import_file(&mut db, &fixture("messy.xls"), &ImportOptions::default()).expect("import");
    let path = dir.path().join("名册.xlsx");
    let n = export::export_xlsx_file(
        db.conn(),
        &RosterFilter { status: MemberStatus::InOffice, ..Default::default() },
        &path,
        huiwu_core::files::Replace::No,
    )
    .expect("export");
    assert_eq!(n, 5);
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let p = import::preview_file(db.conn(), &path, &ImportOptions::default()).expect("read back");
    assert_eq!((p.unchanged, p.invalid), (5, 0), "{:?}", p.problems);
}

#[test]
fn headless_members_and_meetings_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let o = huiwu(&db, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));

    let o = huiwu(&db, &["meetings", "list", "--year", "2020", "--json"]);
    assert!(o.status.success(), "meetings list: {}", stderr(&o));
    let list: Vec<meetings::Meeting> = serde_json::from_str(&stdout(&o)).expect("json");
    let n = |k: meetings::MeetingKind| list.iter().filter(|m| m.kind == k).count();
    assert_eq!(
        [
            n(meetings::MeetingKind::StandingCommittee),
            n(meetings::MeetingKind::ChairsCouncil),
            n(meetings::MeetingKind::PartyGroup),
            n(meetings::MeetingKind::StudyGroup),
            n(meetings::MeetingKind::TopicalConsultation),
            n(meetings::MeetingKind::Forum)
        ],
        [9, 9, 8, 9, 4, 9],
        "the seed's 2020 counts"
    );
    let o = huiwu(&db, &["meetings", "list", "--kind", "常委会会议", "--json"]);
    let sc: Vec<meetings::Meeting> = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(sc.iter().filter(|m| m.topical).count(), 3);

    let plenary = list.iter().find(|m| m.kind == meetings::MeetingKind::Plenary).expect("plenary");
    let o = huiwu(&db, &["sittings", "list", "--meeting", &plenary.id.to_string(), "--json"]);
    assert!(o.status.success(), "sittings list: {}", stderr(&o));
    let sittings: Vec<meetings::Sitting> = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(sittings.iter().all(|s| s.expected_count > 0), "every sitting expects someone");

    let o = huiwu(&db, &["members", "list", "--json", "--date", "2021-01-19"]);
    let members: Vec<roster::Member> = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(members.len(), 198, "206 less seven resignations and one revocation");

    let o = huiwu(&db, &["members", "import", fixture("bad.csv").to_str().expect("utf8")]);
    assert!(!o.status.success(), "nothing written: non-zero exit");
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("第2行") && all.contains("出生年月"), "each problem printed: {all}");
    let o = huiwu(&db, &["members", "import", "--dry-run", fixture("messy.xls").to_str().expect("utf8")]);
    assert!(o.status.success(), "dry run of a good file: {}", stderr(&o));
    assert!(stdout(&o).contains("新增 5"), "{}", stdout(&o));

    let out = dir.path().join("export.xlsx");
    let o = huiwu(&db, &["members", "export", out.to_str().expect("utf8")]);
    assert!(o.status.success(), "export: {}", stderr(&o));
    assert!(out.exists());
    let o = huiwu(&db, &["members", "export", out.to_str().expect("utf8")]);
    assert!(!o.status.success(), "an existing file is not overwritten without --force");
}
