use chrono::NaiveDateTime;

use super::*;
use crate::db::Db;
use crate::meetings::{self, Expect, HalfDay, MeetingInput, MeetingKind, SessionInput, SittingInput, SittingKind};
use crate::roster::{self, InviteeInput, MemberInput, Role};

pub(crate) struct Fixture {
    pub db: Db,
    pub meeting: i64,
    /// 开幕会 2021-01-19 08:30, everyone
    pub opening: i64,
    /// 第二组分组讨论 2021-01-19 pm, group 2 only
    pub group2: i64,
    /// 闭幕会 2021-01-21 am, an election sitting
    pub closing: i64,
    pub invitee: i64,
    /// member ids by member number
    pub m: std::collections::HashMap<&'static str, i64>,
}

#[allow(clippy::too_many_arguments)]
fn member(db: &mut Db, no: &str, name: &str, role: Role, group: &str, sector: &str, seat: &str, joined: &str) -> i64 {
    roster::create(
        db,
        &MemberInput {
            member_no: Some(no.into()),
            name: name.into(),
            group: Some(group.into()),
            sector: Some(sector.into()),
            role,
            seat: seat.into(),
            joined_on: joined.into(),
            ..Default::default()
        },
    )
    .expect("member")
    .id
}

pub(crate) fn fixture() -> Fixture {
    let mut db = Db::open_in_memory().expect("db");
    let mut m = std::collections::HashMap::new();
    m.insert("A1", member(&mut db, "A1", "姚涵刚", Role::Chair, "第一组", "中共", "1排1号", "2017-01-10"));
    m.insert("A2", member(&mut db, "A2", "陈学建", Role::ViceChair, "第一组", "中共", "1排2号", "2017-01-10"));
    m.insert("A3", member(&mut db, "A3", "张伟", Role::Member, "第二组", "民盟", "2排1号", "2017-01-10"));
    m.insert("A4", member(&mut db, "A4", "章玮", Role::Member, "第二组", "民盟", "2排2号", "2017-01-10"));
    m.insert("A5", member(&mut db, "A5", "张伟华", Role::Member, "第三组", "民建", "3排1号", "2017-01-10"));
    m.insert("A6", member(&mut db, "A6", "李明", Role::Standing, "第三组", "民建", "3排2号", "2017-01-10"));
    let invitee = roster::create_invitee(
        &mut db,
        &InviteeInput {
            name: "王列席".into(),
            unit: "安宁市人大常委会".into(),
            post: "副主任".into(),
            ..Default::default()
        },
    )
    .expect("invitee")
    .id;
    let session = meetings::create_session(
        &mut db,
        &SessionInput {
            term_number: 6,
            session_number: 5,
            year: 2021,
            opened_on: Some("2021-01-19".into()),
            ..Default::default()
        },
    )
    .expect("session");
    let meeting = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Plenary,
            title: "政协安宁市第六届委员会第五次会议".into(),
            session_id: Some(session.id),
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2021-01-19".into(),
            end_date: "2021-01-21".into(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting")
    .id;
    let opening = meetings::create_sitting(
        &mut db,
        &SittingInput {
            start_time: "08:30".into(),
            end_time: "11:30".into(),
            invitee_ids: vec![invitee],
            ..SittingInput::new(meeting, "开幕会", SittingKind::Opening, "2021-01-19", HalfDay::Am)
        },
    )
    .expect("opening")
    .id;
    let group2 = meetings::create_sitting(
        &mut db,
        &SittingInput {
            start_time: "14:30".into(),
            expect: Expect::Groups,
            groups: vec!["第二组".into()],
            ..SittingInput::new(meeting, "第二组分组讨论", SittingKind::GroupDiscussion, "2021-01-19", HalfDay::Pm)
        },
    )
    .expect("group2")
    .id;
    let closing = meetings::create_sitting(
        &mut db,
        &SittingInput {
            start_time: "09:00".into(),
            election: true,
            ..SittingInput::new(meeting, "闭幕会", SittingKind::Closing, "2021-01-21", HalfDay::Am)
        },
    )
    .expect("closing")
    .id;
    Fixture { db, meeting, opening, group2, closing, invitee, m }
}

/// Enter at the desk with a fresh desk, as the CLI does.
fn check_in(db: &mut Db, sitting_id: i64, query: &str) -> crate::error::Result<CheckInOutcome> {
    Desk::new().check_in(db, sitting_id, query).map(|r| r.outcome)
}

fn undo_last(db: &mut Db, sitting_id: i64) -> crate::error::Result<LastAction> {
    Desk::new().undo(db, sitting_id).map(|r| r.undone)
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
}

fn checked_in_name(o: &CheckInOutcome) -> &str {
    match o {
        CheckInOutcome::CheckedIn { card, .. } => &card.name,
        other => panic!("expected a check-in, got {other:?}"),
    }
}

fn leave(member_id: i64, kind: LeaveKind, sittings: Vec<i64>) -> LeaveInput {
    LeaveInput {
        member_id,
        kind,
        kind_label: String::new(),
        reason: "住院治疗".into(),
        approver: "姚涵刚".into(),
        sitting_ids: sittings,
        part: false,
        from_time: None,
        to_time: None,
        entered: None,
    }
}

#[test]
fn one_query_checks_in_by_number_seat_name_pinyin_and_badge() {
    let mut f = fixture();
    let s = f.opening;
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "A1").expect("badge")), "姚涵刚", "badge scan = member number");
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "1排2号").expect("seat")), "陈学建", "seat number");
    assert_eq!(
        checked_in_name(&check_in(&mut f.db, s, "张伟").expect("name")),
        "张伟",
        "an exact whole name beats 张伟华"
    );
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "lm").expect("initials")), "李明", "pinyin initials");
    match check_in(&mut f.db, s, "zhangw").expect("several") {
        CheckInOutcome::Candidates { candidates, .. } => {
            let names: Vec<&str> = candidates.iter().map(|c| c.card.name.as_str()).collect();
            assert!(names.contains(&"章玮") && names.contains(&"张伟华"), "both zhangw… are offered: {names:?}");
        }
        other => panic!("zhangw matches several people, got {other:?}"),
    }
    match check_in(&mut f.db, s, "A1").expect("again") {
        CheckInOutcome::AlreadyPresent { card, .. } => assert_eq!(card.name, "姚涵刚"),
        other => panic!("a second scan records nothing, got {other:?}"),
    }
    match check_in(&mut f.db, s, "诸葛亮").expect("none") {
        CheckInOutcome::NotFound { message } => assert!(message.contains("诸葛亮"), "{message}"),
        other => panic!("nobody matches, got {other:?}"),
    }
    // 姚涵刚 is not in group 2: the desk of the group-2 sitting says so.
    match check_in(&mut f.db, f.group2, "姚涵刚").expect("not expected") {
        CheckInOutcome::NotFound { message } => {
            assert!(message.contains("不在") && message.contains("姚涵刚"), "{message}")
        }
        other => panic!("not expected at group 2, got {other:?}"),
    }
    let p = panel(f.db.conn(), s).expect("panel");
    assert_eq!((p.expected, p.present, p.missing), (6, 4, 2), "6 expected, 4 checked in, 2 not yet");
    assert_eq!(p.missing_label, "未到");
    let events: i64 = f.db.conn().query_row("SELECT count(*) FROM attendance_events", [], |r| r.get(0)).expect("n");
    assert_eq!(events, 4, "only the four real check-ins were recorded");
    let audits: i64 =
        f.db.conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE entity = 'attendance_event' AND action = 'check_in'",
                [],
                |r| r.get(0),
            )
            .expect("audit");
    assert_eq!(audits, 4, "each check-in is audited");
    let status: String =
        f.db.conn().query_row("SELECT status FROM sittings WHERE id = ?1", [s], |r| r.get(0)).expect("st");
    assert_eq!(status, "open", "the first check-in opens the sitting");
}

#[test]
fn candidates_can_be_checked_in_by_choice_and_invitees_count_apart() {
    let mut f = fixture();
    let s = f.opening;
    let mut desk = Desk::new();
    let r = desk.check_in_chosen(&mut f.db, s, "zhangw", PersonRef::member(f.m["A4"])).expect("chosen");
    assert_eq!(checked_in_name(&r.outcome), "章玮");
    assert_eq!(r.panel.present, 1, "the desk result carries the new panel");
    let r = desk.check_in(&mut f.db, s, "wanglx").expect("invitee by pinyin");
    assert_eq!(checked_in_name(&r.outcome), "王列席");
    assert_eq!((r.panel.expected, r.panel.present), (6, 1), "an invitee never counts towards 应到 or 实到");
    assert_eq!((r.panel.invitees_expected, r.panel.invitees_present), (1, 1));
    match desk.check_in_chosen(&mut f.db, f.group2, "wanglx", PersonRef::invitee(f.invitee)).expect("group 2").outcome {
        CheckInOutcome::NotFound { message } => assert!(message.contains("wanglx"), "{message}"),
        other => panic!("王列席 is not invited to group 2, got {other:?}"),
    }
}

#[test]
fn one_member_follows_the_desk_rule() {
    let f = fixture();
    let all = || roster::all(f.db.conn()).expect("roster");
    let name = |m: MemberMatch| match m {
        MemberMatch::One(m) => m.name,
        other => panic!("{other:?}"),
    };
    assert_eq!(name(one_member(all(), "A4")), "章玮", "member number");
    assert_eq!(name(one_member(all(), "2排1号")), "张伟", "seat");
    assert_eq!(name(one_member(all(), "张伟")), "张伟", "the whole name wins over 张伟华");
    match one_member(all(), "zhangw") {
        MemberMatch::Several(v) => assert!(v.len() >= 2, "{v:?}"),
        other => panic!("several, got {other:?}"),
    }
    assert_eq!(one_member(all(), "诸葛亮"), MemberMatch::Nobody);
}

#[test]
fn late_follows_start_plus_grace_and_the_rule_is_configurable() {
    let mut f = fixture();
    let s = f.opening;
    let entries = [
        (PersonRef::member(f.m["A1"]), AttendanceEventKind::CheckIn, at("2021-01-19 08:30")),
        (PersonRef::member(f.m["A2"]), AttendanceEventKind::CheckIn, at("2021-01-19 08:34")),
    ];
    import_events(&mut f.db, s, &entries).expect("in");
    let late =
        |db: &Db, name: &str| rows(db.conn(), s).expect("rows").into_iter().any(|r| r.card.name == name && r.late);
    assert!(!late(&f.db, "姚涵刚"), "08:30 for 08:30 is on time");
    assert!(late(&f.db, "陈学建"), "08:34 is late with no grace");
    let mut rule = rule_for(f.db.conn(), "plenary", false).expect("rule");
    rule.late_grace_minutes = 5;
    set_rule(&mut f.db, &rule).expect("grace");
    let p = panel(f.db.conn(), s).expect("panel");
    assert_eq!(p.late, 0, "with five minutes' grace 08:34 is on time");
    rule.late_grace_minutes = 2;
    set_rule(&mut f.db, &rule).expect("grace");
    assert_eq!(panel(f.db.conn(), s).expect("panel").late, 1);
    let bad = AttendanceRule { quorum_numerator: 3, quorum_denominator: 2, ..rule };
    assert!(set_rule(&mut f.db, &bad).is_err(), "a quorum above one is refused");
}

#[test]
fn leaving_coming_back_and_undo_are_events() {
    let mut f = fixture();
    let s = f.opening;
    let a3 = PersonRef::member(f.m["A3"]);
    check_in(&mut f.db, s, "A3").expect("in");
    check_in(&mut f.db, s, "A4").expect("in");
    let p = Desk::new().leave_early(&mut f.db, s, a3).expect("leave");
    assert_eq!((p.present, p.left_early), (2, 1), "leaving early still counts as present, and shows as left");
    assert!(Desk::new().leave_early(&mut f.db, s, a3).is_err(), "cannot leave twice");
    // Scanning a member who left records their return.
    match check_in(&mut f.db, s, "A3").expect("back") {
        CheckInOutcome::CheckedIn { returned, .. } => assert!(returned, "a scan after leaving is a return"),
        other => panic!("{other:?}"),
    }
    assert_eq!(panel(f.db.conn(), s).expect("p").left_early, 0);
    // Undo walks back: the return, then the departure, then 章玮's check-in.
    let undone = undo_last(&mut f.db, s).expect("undo return");
    assert_eq!((undone.name.as_str(), undone.kind), ("张伟", AttendanceEventKind::Return));
    assert_eq!(panel(f.db.conn(), s).expect("p").left_early, 1, "undoing the return leaves 张伟 out again");
    undo_last(&mut f.db, s).expect("undo leave");
    let r = Desk::new().undo(&mut f.db, s).expect("undo check-in");
    assert_eq!(r.undone.person, PersonRef::member(f.m["A4"]), "the undo says whose action it took back");
    let p = r.panel;
    assert_eq!(p.present, 1, "章玮's check-in is undone");
    assert_eq!(p.last_action.as_ref().map(|a| a.name.as_str()), Some("张伟"), "next undo would take 张伟's check-in");
    let rows = rows(f.db.conn(), s).expect("rows");
    let zw = rows.iter().find(|r| r.card.name == "章玮").expect("row");
    assert_eq!(zw.status, AttendanceStatus::NotArrived, "undo is real: 章玮 is not present any more");
    let undo_events: i64 =
        f.db.conn()
            .query_row("SELECT count(*) FROM attendance_events WHERE kind = 'undo'", [], |r| r.get(0))
            .expect("n");
    assert_eq!(undo_events, 3, "nothing is deleted: three undo events");
    undo_last(&mut f.db, s).expect("undo 张伟");
    let e = undo_last(&mut f.db, s).expect_err("nothing left");
    assert_eq!(e.code(), "conflict");
}

#[test]
fn leave_whole_part_and_range_with_overlap_refused() {
    let mut f = fixture();
    let a4 = f.m["A4"];
    let l = record_leave(&mut f.db, &leave(a4, LeaveKind::Sick, vec![f.opening, f.group2])).expect("range");
    assert_eq!(l.sitting_ids, vec![f.opening, f.group2], "one leave, two sittings");
    assert_eq!(l.kind_text, "因病");
    let e = record_leave(&mut f.db, &leave(a4, LeaveKind::Personal, vec![f.group2])).expect_err("overlap");
    assert!(e.to_string().contains("已有请假记录"), "{e}");
    let mut part = leave(f.m["A3"], LeaveKind::Official, vec![f.group2]);
    part.part = true;
    part.from_time = Some("15:00".into());
    assert!(record_leave(&mut f.db, &part).is_err(), "part leave needs both times");
    part.to_time = Some("16：30".into());
    let pl = record_leave(&mut f.db, &part).expect("part");
    assert_eq!(
        (pl.from_time.as_deref(), pl.to_time.as_deref()),
        (Some("15:00"), Some("16:30")),
        "full-width colon accepted"
    );
    let range = sitting_range(f.db.conn(), f.closing, f.opening).expect("range");
    assert_eq!(range, vec![f.opening, f.group2, f.closing], "a range runs in time order, either way round");
    let mut other = leave(f.m["A5"], LeaveKind::Other, vec![f.closing]);
    other.reason = String::new();
    assert!(record_leave(&mut f.db, &other).is_err(), "other needs a label or a reason");
    other.kind_label = "外出学习".into();
    assert_eq!(record_leave(&mut f.db, &other).expect("other").kind_text, "外出学习");

    let p = panel(f.db.conn(), f.opening).expect("panel");
    assert_eq!((p.expected, p.on_leave, p.present), (6, 1, 0));
    let cancelled = cancel_leave(&mut f.db, l.id, "按时参会").expect("cancel");
    assert!(cancelled.cancelled_at.is_some());
    assert_eq!(panel(f.db.conn(), f.opening).expect("panel").on_leave, 0, "a cancelled leave no longer counts");
    record_leave(&mut f.db, &leave(a4, LeaveKind::Personal, vec![f.group2]))
        .expect("after cancelling, a new leave is fine");
    assert!(LeaveKind::parse("病假").is_ok() && LeaveKind::parse("公务").is_ok() && LeaveKind::parse("年假").is_err());
}

#[test]
fn a_member_on_leave_who_comes_is_present_and_closing_makes_absentees() {
    let mut f = fixture();
    let s = f.opening;
    record_leave(&mut f.db, &leave(f.m["A5"], LeaveKind::Sick, vec![s])).expect("leave A5");
    record_leave(&mut f.db, &leave(f.m["A6"], LeaveKind::Personal, vec![s])).expect("leave A6");
    for q in ["A1", "A2", "A3", "A6"] {
        check_in(&mut f.db, s, q).expect("in");
    }
    let p = panel(f.db.conn(), s).expect("panel");
    assert_eq!(
        (p.expected, p.present, p.on_leave, p.missing),
        (6, 4, 1, 1),
        "A6 came despite leave: present, not on leave"
    );
    assert_eq!(p.announcement, "本次会议应到委员6人，因事因病请假1人，实到4人，符合规定人数");
    let closed = close_sitting(&mut f.db, s).expect("close");
    assert!(closed.closed);
    assert_eq!((closed.missing, closed.missing_label.as_str()), (1, "缺席"), "章玮 neither came nor had leave");
    let e = check_in(&mut f.db, s, "A4").expect_err("desk closed");
    assert_eq!(e.code(), "conflict");
    // Correct after closing: 章玮 had called in sick; the leave is entered afterwards.
    let late_leave = record_leave(&mut f.db, &leave(f.m["A4"], LeaveKind::Sick, vec![s])).expect("after");
    assert_eq!(late_leave.entered, LeaveEntered::After, "entered after closing");
    let p = panel(f.db.conn(), s).expect("panel");
    assert_eq!((p.on_leave, p.missing), (2, 0));
    // A check-in recorded by mistake is voided, with its reason, after closing.
    let ev = sitting_events(f.db.conn(), s).expect("events");
    let a3_event = ev.iter().find(|e| e.person == PersonRef::member(f.m["A3"])).expect("A3 event").id;
    void_event(&mut f.db, a3_event, "误签").expect("void");
    let p = panel(f.db.conn(), s).expect("panel");
    assert_eq!((p.present, p.missing), (3, 1), "张伟 becomes 缺席");
    correct(
        &mut f.db,
        s,
        PersonRef::member(f.m["A3"]),
        AttendanceEventKind::CheckIn,
        "2021-01-19 08:20",
        "纸质签到表已签",
    )
    .expect("correct");
    assert_eq!(panel(f.db.conn(), s).expect("panel").present, 4);
    let audits: i64 =
        f.db.conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE entity IN ('attendance', 'attendance_event', 'leave')",
                [],
                |r| r.get(0),
            )
            .expect("audit");
    assert!(audits >= 10, "every step is in the audit trail, got {audits}");
    let reopened = reopen_sitting(&mut f.db, s).expect("reopen");
    assert_eq!(reopened.missing_label, "未到");
}

#[test]
fn closing_freezes_who_was_expected() {
    let mut f = fixture();
    close_sitting(&mut f.db, f.opening).expect("close");
    // 李明 resigns, effective before the sitting: the live list would drop him, the record keeps him.
    roster::record_event(
        &mut f.db,
        f.m["A6"],
        &roster::MembershipEventInput {
            kind: roster::MembershipKind::Resigned,
            effective_on: "2021-01-01".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect("resign");
    assert_eq!(panel(f.db.conn(), f.opening).expect("closed").expected, 6, "frozen at closing");
    assert_eq!(panel(f.db.conn(), f.closing).expect("open").expected, 5, "an open sitting follows the roster");
}

#[test]
fn quorum_more_than_half_and_two_thirds_for_elections() {
    let mut f = fixture();
    for q in ["A1", "A2", "A3"] {
        check_in(&mut f.db, f.opening, q).expect("in");
    }
    let p = panel(f.db.conn(), f.opening).expect("p");
    assert_eq!((p.threshold.required, p.threshold.met), (4, false), "3 of 6 is not more than half");
    assert!(p.announcement.ends_with("不符合规定人数"), "{}", p.announcement);
    check_in(&mut f.db, f.opening, "A4").expect("in");
    assert!(panel(f.db.conn(), f.opening).expect("p").threshold.met);
    for q in ["A1", "A2", "A3"] {
        check_in(&mut f.db, f.closing, q).expect("in");
    }
    let p = panel(f.db.conn(), f.closing).expect("p");
    assert!(p.election);
    assert_eq!((p.threshold.rule.as_str(), p.threshold.required), ("三分之二以上", 4), "two-thirds of 6 is 4");
    check_in(&mut f.db, f.closing, "A4").expect("in");
    assert!(panel(f.db.conn(), f.closing).expect("p").threshold.met, "4 of 6 is two-thirds");
}

#[test]
fn roll_call_for_the_minutes() {
    let mut f = fixture();
    record_leave(&mut f.db, &leave(f.m["A5"], LeaveKind::Sick, vec![f.opening, f.closing])).expect("leave");
    record_leave(&mut f.db, &leave(f.m["A6"], LeaveKind::Personal, vec![f.opening])).expect("leave");
    for q in ["A3", "A1", "王列席"] {
        check_in(&mut f.db, f.opening, q).expect("in");
    }
    check_in(&mut f.db, f.closing, "A6").expect("in");
    let rc = roll_call(f.db.conn(), f.opening).expect("rc");
    let names = |v: &[RollName]| v.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&rc.present), vec!["姚涵刚", "张伟"], "present in roster order");
    assert_eq!(rc.present[0].role, CardRole::Chair);
    assert_eq!(rc.present[0].member_id, Some(f.m["A1"]));
    assert_eq!(names(&rc.on_leave), vec!["张伟华", "李明"]);
    assert_eq!(names(&rc.invitees), vec!["王列席"]);
    assert_eq!(rc.invitees[0].role, CardRole::Invitee);
    assert_eq!(rc.invitees[0].member_id, None);
    let mrc = meeting_roll_call(f.db.conn(), f.meeting).expect("meeting");
    assert_eq!(names(&mrc.present), vec!["姚涵刚", "张伟", "李明"], "present at any sitting");
    assert_eq!(names(&mrc.on_leave), vec!["张伟华"], "李明 came to the closing, so he is not listed on leave");
}

#[test]
fn member_statistics_count_only_sittings_where_expected() {
    let mut f = fixture();
    let a3 = f.m["A3"];
    let a1 = f.m["A1"];
    check_in(&mut f.db, f.opening, "A3").expect("in");
    check_in(&mut f.db, f.opening, "A1").expect("in");
    for s in [f.opening, f.group2, f.closing] {
        close_sitting(&mut f.db, s).expect("close");
    }
    let ma = member_attendance(f.db.conn(), a3, Some("2021-01-01"), Some("2021-12-31")).expect("A3");
    assert_eq!(
        (ma.counts.expected, ma.counts.present, ma.counts.absent),
        (3, 1, 2),
        "A3: three sittings, one attended"
    );
    assert_eq!(ma.absences.len(), 2);
    assert_eq!(ma.absences[0].sitting_title, "闭幕会", "newest first");
    let ma = member_attendance(f.db.conn(), a1, Some("2021-01-01"), Some("2021-12-31")).expect("A1");
    assert_eq!(ma.counts.expected, 2, "A1 is not in group 2: that sitting does not count against him");
    assert!((ma.counts.rate - 0.5).abs() < 1e-9, "1 of 2");
    let none = member_attendance(f.db.conn(), a1, Some("2022-01-01"), Some("2022-12-31")).expect("empty");
    assert_eq!((none.counts.expected, none.counts.rate), (0, 0.0));

    let ms = meeting_stats(f.db.conn(), f.meeting).expect("meeting");
    assert_eq!(ms.sittings.len(), 3);
    assert_eq!(ms.totals.expected, 6 + 2 + 6);
    assert_eq!(ms.totals.present, 2);
    let g2 = ms.by_group.iter().find(|g| g.key == "第二组").expect("group 2");
    assert_eq!((g2.counts.expected, g2.counts.present), (6, 1), "group 2: 2 members × 3 sittings");
    let minmeng = ms.by_sector.iter().find(|g| g.key == "民盟").expect("sector");
    assert_eq!(minmeng.counts.expected, 6);
    assert_eq!(ms.by_member.len(), 6);
    let ps = period_stats(f.db.conn(), Some("2021-01-19"), Some("2021-01-19")).expect("period");
    assert_eq!(ps.sittings.len(), 2, "two sittings on the 19th");
    let ss = sitting_stats(f.db.conn(), f.group2).expect("sitting");
    assert_eq!(ss.by_group.len(), 1);
}

#[test]
fn a_check_in_is_on_disk_when_the_call_returns() {
    // In the child process: check in, then die at once without closing anything.
    if let Ok(path) = std::env::var("HUIWU_TEST_CHECKIN_DB") {
        let sitting: i64 = std::env::var("HUIWU_TEST_CHECKIN_SITTING").expect("sitting").parse().expect("id");
        let mut db = Db::open(std::path::Path::new(&path)).expect("open in the child");
        check_in(&mut db, sitting, "A2").expect("in");
        std::process::abort();
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("c.db");
    let f = fixture();
    f.db.backup_to(&path).expect("copy the fixture to a file");
    let name = concat!(module_path!(), "::a_check_in_is_on_disk_when_the_call_returns");
    let name = name.split_once("::").map_or(name, |(_, rest)| rest);
    let child = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env("HUIWU_TEST_CHECKIN_DB", &path)
        .env("HUIWU_TEST_CHECKIN_SITTING", f.opening.to_string())
        .output()
        .expect("run the child");
    assert!(!child.status.success(), "the child died right after the call: {}", String::from_utf8_lossy(&child.stderr));
    // This process opens the file afresh: what the child's call returned from is there.
    let db = Db::open(&path).expect("open after the child died");
    let p = panel(db.conn(), f.opening).expect("p");
    assert_eq!(p.present, 1, "the check-in survived its process");
    let sync: i64 = db.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("sync");
    assert_eq!(sync, 2, "synchronous=FULL");
}

#[test]
fn closing_a_sitting_from_two_places_at_once_tells_the_second_it_is_already_closed() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("c.db");
    let f = fixture();
    f.db.backup_to(&path).expect("copy the fixture to a file");
    drop(Db::open(&path).expect("open once: the file is in WAL mode from here on"));
    // A third connection holds the write lock while the window and the CLI both set out to close
    // the sitting, so both have looked at it before either can write.
    let blocker = rusqlite::Connection::open(&path).expect("open");
    blocker.execute_batch("BEGIN IMMEDIATE").expect("hold the write lock");
    let closers: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            let sitting = f.opening;
            std::thread::spawn(move || {
                let mut db = Db::open(&path).expect("open");
                close_sitting(&mut db, sitting).map(|_| ())
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(800));
    blocker.execute_batch("COMMIT").expect("release");
    let results: Vec<_> = closers.into_iter().map(|h| h.join().expect("thread")).collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "one closes it: {results:?}");
    let err = results.into_iter().find_map(Result::err).expect("the other is refused");
    assert_eq!(err.code(), "conflict", "the loser is told of a conflict, not a database error: {err}");
    assert!(err.to_string().contains("考勤已经结束"), "in words a clerk understands: {err}");
}

/// Every row of a sheet of an .xlsx file, as text, read back with calamine (a real XLSX reader).
fn xlsx_rows(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("a readable .xlsx");
    let range = wb.worksheet_range(sheet).expect("the sheet is there");
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn sheet_names(path: &std::path::Path) -> Vec<String> {
    use calamine::Reader;
    let wb: calamine::Xlsx<_> = calamine::open_workbook(path).expect("a readable .xlsx");
    wb.sheet_names()
}

#[test]
fn exports_write_xlsx_files() {
    let mut f = fixture();
    check_in(&mut f.db, f.opening, "A1").expect("in");
    record_leave(&mut f.db, &leave(f.m["A5"], LeaveKind::Sick, vec![f.opening])).expect("leave");
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("s.xlsx");
    export::export_sitting_xlsx(f.db.conn(), f.opening, &p, crate::files::Replace::No).expect("sitting");
    assert_eq!(sheet_names(&p), ["考勤明细", "分组统计", "界别统计"], "the sitting's three sheets");
    let rows = xlsx_rows(&p, "考勤明细");
    let panel = panel(f.db.conn(), f.opening).expect("panel");
    assert!(
        rows.iter().any(|r| r[0].starts_with(&format!("应到{}人，实到1人", panel.expected))),
        "the counts line: {rows:?}"
    );
    let by_name = |name: &str| rows.iter().find(|r| r.get(1).map(String::as_str) == Some(name)).cloned();
    let expected_rows = super::rows(f.db.conn(), f.opening).expect("rows");
    let status = |name: &str| expected_rows.iter().find(|r| r.card.name == name).expect("row").status_text.clone();
    let yao = by_name("姚涵刚").expect("the member who checked in has a row");
    assert_eq!((yao[3].as_str(), yao[7].clone()), ("A1", status("姚涵刚")), "number and status: {yao:?}");
    assert!(!yao[8].is_empty(), "with the time of the check-in: {yao:?}");
    let zhang = by_name("张伟华").expect("the member on leave has a row");
    assert_eq!(zhang[7], status("张伟华"), "status: {zhang:?}");
    assert_eq!(zhang[12], LeaveKind::Sick.label(), "the kind of leave: {zhang:?}");
    assert_eq!(zhang[15], "全场", "leave for the whole sitting: {zhang:?}");

    let ms = meeting_stats(f.db.conn(), f.meeting).expect("ms");
    let m = dir.path().join("m.xlsx");
    export::export_aggregate_xlsx(&ms, &m, crate::files::Replace::No).expect("meeting");
    assert_eq!(sheet_names(&m), ["场次统计", "分组统计", "界别统计", "委员统计"]);
    let sittings = xlsx_rows(&m, "场次统计");
    assert_eq!(sittings.len(), 2 + ms.sittings.len() + 1, "title, header, one row a sitting, the total");
    assert_eq!(sittings[sittings.len() - 1][0], "合计");
    assert_eq!(xlsx_rows(&m, "委员统计").len(), 1 + ms.by_member.len(), "header and one row a member");

    let ma = member_attendance(f.db.conn(), f.m["A1"], None, None).expect("ma");
    let a = dir.path().join("a.xlsx");
    export::export_member_xlsx(&ma, &a, crate::files::Replace::No).expect("member");
    let history = xlsx_rows(&a, "考勤记录");
    assert!(history[0][0].starts_with("姚涵刚（A1）考勤记录"), "titled with the member: {:?}", history[0]);
    assert_eq!(
        history.len(),
        4 + ma.history.len(),
        "title, counts, a blank line, header, one row a sitting: {history:?}"
    );
    for name in ["s.xlsx", "m.xlsx", "a.xlsx"] {
        crate::testxml::assert_well_formed(&std::fs::read(dir.path().join(name)).expect("read"), name);
    }
}

#[test]
fn a_choice_from_an_old_list_never_checks_in_someone_the_current_text_does_not_match() {
    let mut f = fixture();
    let s = f.opening;
    let mut desk = Desk::new();
    let zhangwei_hua = PersonRef::member(f.m["A5"]);
    // «zhangw» lists 章玮 and 张伟华; the clerk then types «lm» (李明) and Enter while 张伟华 was
    // highlighted in the old list: the current text wins.
    let r = desk.check_in_chosen(&mut f.db, s, "lm", zhangwei_hua).expect("lm");
    assert_eq!(checked_in_name(&r.outcome), "李明", "the text «lm» means 李明, whatever was picked before");
    // A text that matches nobody checks in nobody, even with a stale choice.
    let r = desk.check_in_chosen(&mut f.db, s, "zw杨", zhangwei_hua).expect("zw杨");
    assert!(matches!(r.outcome, CheckInOutcome::NotFound { .. }), "nobody for «zw杨», got {:?}", r.outcome);
    assert_eq!(r.panel.present, 1, "only 李明 is present");
    // A choice from the list produced for the current text is honoured.
    let r = desk.check_in_chosen(&mut f.db, s, "zhangw", zhangwei_hua).expect("chosen");
    assert_eq!(checked_in_name(&r.outcome), "张伟华");
}

#[test]
fn candidates_say_who_is_already_present() {
    let mut f = fixture();
    let s = f.opening;
    record_leave(&mut f.db, &leave(f.m["A4"], LeaveKind::Sick, vec![s])).expect("leave");
    import_events(
        &mut f.db,
        s,
        &[(PersonRef::member(f.m["A5"]), AttendanceEventKind::CheckIn, at("2021-01-19 08:12"))],
    )
    .expect("in");
    match check_in(&mut f.db, s, "zhangw").expect("several") {
        CheckInOutcome::Candidates { query, candidates } => {
            assert_eq!(query, "zhangw", "the list says which text it was made for");
            let of = |name: &str| candidates.iter().find(|c| c.card.name == name).expect(name).clone();
            assert_eq!(of("张伟华").status, AttendanceStatus::Present);
            assert_eq!(of("张伟华").status_text, "已到 08:12:00", "present, with the time");
            assert_eq!(of("章玮").status_text, "请假（因病）");
        }
        other => panic!("zhangw matches several, got {other:?}"),
    }
}

#[test]
fn seats_are_found_however_they_are_typed() {
    let mut f = fixture();
    let s = f.opening;
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "2-1").expect("2-1")), "张伟", "2-1 is 2排1号");
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "02 002").expect("02 002")), "章玮", "zero padding ignored");
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "３排１").expect("full width")), "张伟华");
    assert_eq!(checked_in_name(&check_in(&mut f.db, s, "32").expect("bare")), "李明", "32 can only be 3排2号");
    match check_in(&mut f.db, s, "9-12").expect("none") {
        CheckInOutcome::NotFound { message } => {
            assert!(message.contains("9排12号") && message.contains("委员编号"), "says what was tried: {message}")
        }
        other => panic!("no seat 9-12, got {other:?}"),
    }
}

#[test]
fn a_bare_number_that_could_be_two_seats_is_not_taken_as_either() {
    let mut f = fixture();
    // 1排12号 and 11排2号 both exist: «112» is ambiguous, «1-12» is not.
    member(&mut f.db, "B1", "赵一", Role::Member, "第一组", "中共", "1排12号", "2017-01-10");
    member(&mut f.db, "B2", "钱二", Role::Member, "第一组", "中共", "11排2号", "2017-01-10");
    match check_in(&mut f.db, f.opening, "112").expect("ambiguous") {
        CheckInOutcome::Candidates { candidates, .. } => assert_eq!(candidates.len(), 2, "both seats offered"),
        other => panic!("«112» is ambiguous, got {other:?}"),
    }
    assert_eq!(checked_in_name(&check_in(&mut f.db, f.opening, "1 12").expect("pair")), "赵一");
}
