//! Undoing a roster import: the members it added go, the members it updated get their previous
//! values back; refused, with the reason, once records point at them.

use chrono::NaiveDate;

use super::batches::{get_import, list_imports, undo_import};
use super::import::{import, ImportOptions};
use super::{get, record_event, MembershipEventInput, MembershipKind};
use crate::attendance::{self, AttendanceEventKind, PersonRef};
use crate::db::Db;
use crate::meetings::{self, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};

const FIRST: &str =
    "委员编号,姓名,界别,小组,联系电话\nB1,钱多多,经济界,第九组,13900000001\nB2,孙小美,教育界,第九组,13900000002\n";

fn input_of(m: &super::Member) -> super::MemberInput {
    super::MemberInput {
        member_no: m.member_no.clone(),
        name: m.name.clone(),
        sector: m.sector.clone(),
        group: m.group.clone(),
        role: m.role,
        phone: m.phone.clone(),
        joined_on: m.joined_on.clone(),
        ..Default::default()
    }
}

fn opts() -> ImportOptions {
    ImportOptions { joined_on: Some("2020-01-01".into()), ..Default::default() }
}

fn members(db: &Db) -> Vec<String> {
    let mut st = db.conn().prepare("SELECT name FROM members ORDER BY id").expect("prepare");
    st.query_map([], |r| r.get(0)).expect("query").collect::<rusqlite::Result<_>>().expect("names")
}

fn id_of(db: &Db, no: &str) -> i64 {
    db.conn().query_row("SELECT id FROM members WHERE member_no = ?1", [no], |r| r.get(0)).expect("member id")
}

fn imported(db: &mut Db, csv: &str, name: &str) -> i64 {
    import(db, csv.as_bytes(), name, &opts()).expect("import");
    list_imports(db.conn()).expect("list")[0].id
}

fn sitting(db: &mut Db) -> i64 {
    let m = meetings::create_meeting(
        db,
        &MeetingInput {
            kind: MeetingKind::StandingCommittee,
            title: "常委会会议".into(),
            session_id: None,
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2020-03-20".into(),
            end_date: String::new(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting");
    meetings::create_sitting(db, &SittingInput::new(m.id, "会议", SittingKind::Other, "2020-03-20", HalfDay::Am))
        .expect("sitting")
        .id
}

#[test]
fn an_import_is_listed_and_undone_as_one_batch() {
    let mut db = Db::open_in_memory().expect("db");
    let id = imported(&mut db, FIRST, "新名册.csv");
    let b = get_import(db.conn(), id).expect("batch");
    assert_eq!((b.file_name.as_str(), b.created, b.updated), ("新名册.csv", 2, 0));
    assert_eq!(b.sample_names, vec!["钱多多", "孙小美"]);
    assert_eq!(b.blocked, None, "nothing points at the new members yet");
    let out = undo_import(&mut db, id).expect("undo");
    assert_eq!((out.removed, out.restored), (2, 0));
    assert!(members(&db).is_empty(), "the members the import added are gone");
    let groups: u32 = db.conn().query_row("SELECT count(*) FROM groups", [], |r| r.get(0)).expect("groups");
    assert_eq!(groups, 0, "the group only the import brought in goes too");
    let events: u32 = db.conn().query_row("SELECT count(*) FROM membership_events", [], |r| r.get(0)).expect("ev");
    assert_eq!(events, 0, "their joining events go with them");
    let b = get_import(db.conn(), id).expect("batch");
    assert!(b.undone_at.is_some(), "the batch is marked undone");
    let e = undo_import(&mut db, id).expect_err("twice");
    assert!(e.to_string().contains("这次导入已于"), "{e}");
    // The file can be imported again afterwards, as if the first time had not happened.
    imported(&mut db, FIRST, "新名册.csv");
    assert_eq!(members(&db), vec!["钱多多", "孙小美"]);
}

#[test]
fn an_import_that_updated_members_gives_them_their_previous_values_back() {
    let mut db = Db::open_in_memory().expect("db");
    imported(&mut db, FIRST, "名册.csv");
    let qian = id_of(&db, "B1");
    let before = get(db.conn(), qian).expect("before");
    let second = "委员编号,姓名,界别,小组,联系电话\nB1,钱多多,经济界,第八组,13911111111\nB3,周新人,农业界,第八组,\n";
    let id = imported(&mut db, second, "更正.csv");
    let b = get_import(db.conn(), id).expect("batch");
    assert_eq!((b.created, b.updated), (1, 1));
    assert_eq!(get(db.conn(), qian).expect("updated").phone, "13911111111");
    let out = undo_import(&mut db, id).expect("undo");
    assert_eq!((out.removed, out.restored), (1, 1));
    let after = get(db.conn(), qian).expect("restored");
    assert_eq!(after, before, "钱多多 is exactly as before the second import");
    assert_eq!(members(&db), vec!["钱多多", "孙小美"], "周新人, added by the undone import, is gone");
}

#[test]
fn undo_is_refused_once_records_point_at_the_imported_members() {
    let mut db = Db::open_in_memory().expect("db");
    let id = imported(&mut db, FIRST, "名册.csv");
    let s = sitting(&mut db);
    let sun = id_of(&db, "B2");
    let at = NaiveDate::from_ymd_opt(2020, 3, 20).and_then(|d| d.and_hms_opt(8, 50, 0)).expect("at");
    attendance::import_events(&mut db, s, &[(PersonRef::member(sun), AttendanceEventKind::CheckIn, at)])
        .expect("check in");
    let e = undo_import(&mut db, id).expect_err("a check-in points at 孙小美");
    assert_eq!(e.code(), "conflict");
    let msg = e.to_string();
    assert!(msg.starts_with("不能撤销") && msg.contains("导入的“名册.csv”"), "{msg}");
    assert!(msg.contains("这次导入的委员已有签到记录 1 条（涉及孙小美）"), "{msg}");
    assert_eq!(get_import(db.conn(), id).expect("b").blocked.as_deref(), Some(msg.as_str()), "the list says it too");
    assert_eq!(members(&db).len(), 2, "nothing was removed");
}

#[test]
fn undo_is_refused_for_a_later_event_a_later_edit_or_a_later_import() {
    let mut db = Db::open_in_memory().expect("db");
    let id = imported(&mut db, FIRST, "名册.csv");
    let qian = id_of(&db, "B1");
    record_event(
        &mut db,
        qian,
        &MembershipEventInput {
            kind: MembershipKind::Resigned,
            effective_on: "2020-06-01".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect("resign");
    let e = undo_import(&mut db, id).expect_err("an event after the import");
    assert!(e.to_string().contains("任职变动记录 1 条（涉及钱多多）"), "{e}");

    let mut db = Db::open_in_memory().expect("db");
    imported(&mut db, FIRST, "名册.csv");
    let second = "委员编号,姓名,界别,小组,联系电话\nB2,孙小美,教育界,第九组,13922222222\n";
    let upd = imported(&mut db, second, "更正.csv");
    let first = list_imports(db.conn()).expect("list")[1].id;
    let e = undo_import(&mut db, first).expect_err("a later import stands");
    assert!(e.to_string().contains("又改动了其中的委员，请先撤销那一次导入"), "{e}");
    let sun = id_of(&db, "B2");
    let mut m = input_of(&get(db.conn(), sun).expect("sun"));
    m.phone = "13933333333".into();
    super::update(&mut db, sun, &m).expect("edit after the import");
    let e = undo_import(&mut db, upd).expect_err("edited since");
    assert!(e.to_string().contains("委员孙小美的信息在导入之后又有修改"), "{e}");
    assert_eq!(get(db.conn(), sun).expect("sun").phone, "13933333333", "the later edit is kept");
}
