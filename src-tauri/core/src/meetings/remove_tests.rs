//! Removing sessions, meetings and sittings: allowed while nothing depends on them, refused with a
//! message that names what does.

use chrono::NaiveDate;

use super::*;
use crate::attendance::{self, AttendanceEventKind, LeaveInput, LeaveKind, PersonRef};
use crate::db::Db;
use crate::roster::{self, MemberInput, Role};

fn setup() -> (Db, i64, i64, i64) {
    let mut db = Db::open_in_memory().expect("db");
    let member = roster::create(
        &mut db,
        &MemberInput {
            member_no: Some("A1".into()),
            name: "委员甲".into(),
            group: Some("第一组".into()),
            role: Role::Member,
            joined_on: "2017-01-10".into(),
            ..Default::default()
        },
    )
    .expect("member")
    .id;
    let session =
        create_session(&mut db, &SessionInput { term_number: 6, session_number: 4, year: 2020, ..Default::default() })
            .expect("session");
    let meeting = create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Plenary,
            title: "六届四次会议".into(),
            session_id: Some(session.id),
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2020-01-07".into(),
            end_date: "2020-01-10".into(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting");
    (db, session.id, meeting.id, member)
}

fn sitting(db: &mut Db, meeting: i64, title: &str, date: &str) -> Sitting {
    create_sitting(
        db,
        &SittingInput {
            agenda: vec![AgendaItem { title: "听取报告".into(), presenter: String::new() }],
            ..SittingInput::new(meeting, title, SittingKind::Other, date, HalfDay::Am)
        },
    )
    .expect("sitting")
}

fn at(date: &str) -> chrono::NaiveDateTime {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date").and_hms_opt(8, 50, 0).expect("time")
}

#[test]
fn a_sitting_with_nothing_recorded_is_removed_and_the_rest_move_up() {
    let (mut db, _, mid, _) = setup();
    let first = sitting(&mut db, mid, "预备会议", "2020-01-07");
    let second = sitting(&mut db, mid, "开幕会", "2020-01-08");
    let third = sitting(&mut db, mid, "闭幕会", "2020-01-10");
    delete_sitting(&mut db, second.id).expect("delete an empty sitting");
    let left = list_sittings(db.conn(), Some(mid)).expect("list");
    let seqs: Vec<(u32, &str)> = left.iter().map(|s| (s.seq, s.title.as_str())).collect();
    assert_eq!(seqs, vec![(1, "预备会议"), (2, "闭幕会")], "the gap closes");
    assert_eq!(get_sitting(db.conn(), third.id).expect("third").seq, 2);
    let agenda: u32 = db
        .conn()
        .query_row("SELECT count(*) FROM agenda_items WHERE sitting_id = ?1", [second.id], |r| r.get(0))
        .expect("count");
    assert_eq!(agenda, 0, "its agenda goes with it");
    let audited: u32 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'sitting' AND entity_id = ?1 AND action = 'delete'",
            [second.id.to_string()],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 1, "the removal is audited");
    assert_eq!(first.seq, 1);
}

#[test]
fn a_sitting_with_check_ins_or_leave_is_refused_with_what_depends_on_it() {
    let (mut db, _, mid, member) = setup();
    let s = sitting(&mut db, mid, "开幕会", "2020-01-08");
    attendance::import_events(
        &mut db,
        s.id,
        &[(PersonRef::member(member), AttendanceEventKind::CheckIn, at("2020-01-08"))],
    )
    .expect("check in");
    let e = delete_sitting(&mut db, s.id).expect_err("a sitting with a check-in");
    assert_eq!(e.code(), "conflict");
    assert_eq!(
        e.to_string(),
        "不能删除场次“开幕会”（2020-01-08 上午）：已有签到记录 1 条。这些记录须先撤销；如只是信息填错，请用“编辑”改正。"
    );
    assert!(get_sitting(db.conn(), s.id).is_ok(), "the sitting is still there");

    let other = sitting(&mut db, mid, "闭幕会", "2020-01-10");
    attendance::record_leave(
        &mut db,
        &LeaveInput {
            member_id: member,
            kind: LeaveKind::Sick,
            kind_label: String::new(),
            reason: String::new(),
            approver: "主席".into(),
            sitting_ids: vec![other.id],
            part: false,
            from_time: None,
            to_time: None,
            entered: None,
        },
    )
    .expect("leave");
    let e = delete_sitting(&mut db, other.id).expect_err("a sitting with leave");
    assert!(e.to_string().contains("已有请假记录 1 条"), "{e}");

    // The meeting holding them cannot go either, and says why.
    let e = delete_meeting(&mut db, mid).expect_err("a meeting whose sittings have records");
    assert_eq!(
        e.to_string(),
        "不能删除会议“六届四次会议”：它和它的场次已有签到记录 1 条、请假记录 1 条。这些记录须先撤销；如只是信息填错，请用“编辑”改正。"
    );
}

#[test]
fn a_meeting_goes_with_its_empty_sittings_and_a_session_only_once_empty() {
    let (mut db, sid, mid, _) = setup();
    sitting(&mut db, mid, "开幕会", "2020-01-08");
    sitting(&mut db, mid, "闭幕会", "2020-01-10");
    let e = delete_session(&mut db, sid).expect_err("a session with a meeting");
    assert_eq!(
        e.to_string(),
        "不能删除“六届四次会议”：其下已有会议 1 个。请先删除这些会议和报告；如只是信息填错，请用“编辑”改正。"
    );
    assert_eq!(delete_meeting(&mut db, mid).expect("delete meeting"), 2, "two sittings removed with it");
    assert!(list_sittings(db.conn(), Some(mid)).expect("list").is_empty());
    assert_eq!(get_meeting(db.conn(), mid).expect_err("gone").code(), "not_found");
    delete_session(&mut db, sid).expect("an empty session");
    assert!(list_sessions(db.conn()).expect("list").is_empty());
}

#[test]
fn editing_a_session_and_a_meeting_changes_them_in_place() {
    let (mut db, sid, mid, _) = setup();
    let s = update_session(
        &mut db,
        sid,
        &SessionInput {
            term_number: 6,
            session_number: 5,
            year: 2021,
            opened_on: Some("2021-01-19".into()),
            ..Default::default()
        },
    )
    .expect("edit session");
    assert_eq!((s.name.as_str(), s.year), ("六届五次会议", 2021), "the name follows the corrected numbers");
    let mut m = get_meeting(db.conn(), mid).expect("meeting");
    m.title = "政协安宁市第六届委员会第五次会议".into();
    let input = MeetingInput {
        kind: m.kind,
        title: m.title.clone(),
        session_id: m.session_id,
        ordinal: m.ordinal,
        topical: false,
        enlarged: false,
        start_date: "2021-01-19".into(),
        end_date: "2021-01-22".into(),
        organizer: String::new(),
        venue: "会堂".into(),
        notes: String::new(),
    };
    let u = update_meeting(&mut db, mid, &input).expect("edit meeting");
    assert_eq!((u.title.as_str(), u.start_date.as_str(), u.venue.as_str()), (m.title.as_str(), "2021-01-19", "会堂"));
}
