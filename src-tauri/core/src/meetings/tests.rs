use super::*;
use crate::db::Db;
use crate::roster::{self, MemberInput, MembershipEventInput, MembershipKind, Role};

fn member(db: &mut Db, no: &str, name: &str, role: Role, group: &str) -> i64 {
    roster::create(
        db,
        &MemberInput {
            member_no: Some(no.into()),
            name: name.into(),
            group: Some(group.into()),
            role,
            joined_on: "2017-01-10".into(),
            ..Default::default()
        },
    )
    .expect("member")
    .id
}

fn setup() -> (Db, i64) {
    let mut db = Db::open_in_memory().expect("db");
    member(&mut db, "A1", "主席甲", Role::Chair, "第一组");
    member(&mut db, "A2", "常委乙", Role::Standing, "第一组");
    member(&mut db, "A3", "委员丙", Role::Member, "第二组");
    member(&mut db, "A4", "委员丁", Role::Member, "第三组");
    let s = create_session(
        &mut db,
        &SessionInput {
            term_number: 6,
            session_number: 4,
            year: 2020,
            opened_on: Some("2020-01-07".into()),
            closed_on: Some("2020-01-10".into()),
            ..Default::default()
        },
    )
    .expect("session");
    assert_eq!(s.name, "六届四次会议", "name made from the numbers");
    let m = create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Plenary,
            title: "政协安宁市第六届委员会第四次会议".into(),
            session_id: Some(s.id),
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2020-01-07".into(),
            end_date: "2020-01-10".into(),
            organizer: "办公室".into(),
            venue: "安宁会堂".into(),
            notes: String::new(),
        },
    )
    .expect("meeting");
    (db, m.id)
}

fn names(v: &[roster::Member]) -> Vec<&str> {
    v.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn expected_members_follow_the_expect_mode_and_the_date() {
    let (mut db, mid) = setup();
    let all = create_sitting(
        &mut db,
        &SittingInput {
            start_time: "9:00".into(),
            end_time: "11：30".into(),
            ..SittingInput::new(mid, "开幕会", SittingKind::Opening, "2020-01-08", HalfDay::Am)
        },
    )
    .expect("all");
    assert_eq!((all.start_time.as_str(), all.end_time.as_str()), ("09:00", "11:30"), "times normalised");
    assert_eq!(all.expected_count, 4);
    let standing = create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Standing,
            ..SittingInput::new(mid, "常委会议", SittingKind::Other, "2020-01-07", HalfDay::Pm)
        },
    )
    .expect("standing");
    assert_eq!(names(&expected_members(db.conn(), standing.id).expect("exp")), vec!["主席甲", "常委乙"]);
    let groups = create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Groups,
            groups: vec!["第二组".into(), "第三组".into()],
            ..SittingInput::new(mid, "第二、三组分组讨论", SittingKind::GroupDiscussion, "2020-01-08", HalfDay::Pm)
        },
    )
    .expect("groups");
    assert_eq!(names(&expected_members(db.conn(), groups.id).expect("exp")), vec!["委员丙", "委员丁"]);
    assert_eq!(groups.groups, vec!["第二组", "第三组"]);
    let chosen = create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Chosen,
            member_ids: vec![3],
            ..SittingInput::new(mid, "大会发言", SittingKind::PlenarySpeech, "2020-01-09", HalfDay::Am)
        },
    )
    .expect("chosen");
    assert_eq!(names(&expected_members(db.conn(), chosen.id).expect("exp")), vec!["委员丙"]);

    // 常委乙 resigns the standing committee on 2020-01-08: a standing sitting on the 9th no longer expects them.
    roster::record_event(
        &mut db,
        2,
        &MembershipEventInput {
            kind: MembershipKind::StandingResigned,
            effective_on: "2020-01-08".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect("resign standing");
    let later = create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Standing,
            ..SittingInput::new(mid, "常委会议二", SittingKind::Other, "2020-01-09", HalfDay::Pm)
        },
    )
    .expect("later");
    assert_eq!(names(&expected_members(db.conn(), later.id).expect("exp")), vec!["主席甲"]);
    assert_eq!(
        names(&expected_members(db.conn(), standing.id).expect("exp")),
        vec!["主席甲", "常委乙"],
        "earlier sitting unchanged"
    );
    // 委员丁 resigns on the 9th: still expected on the 8th, not on the 9th.
    roster::record_event(
        &mut db,
        4,
        &MembershipEventInput {
            kind: MembershipKind::Resigned,
            effective_on: "2020-01-09".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect("resign");
    assert_eq!(get_sitting(db.conn(), all.id).expect("s").expected_count, 4);
    let closing =
        create_sitting(&mut db, &SittingInput::new(mid, "闭幕会", SittingKind::Closing, "2020-01-10", HalfDay::Am))
            .expect("closing");
    assert_eq!(closing.expected_count, 3);
    let listed = list_sittings(db.conn(), Some(mid)).expect("list");
    let order: Vec<&str> = listed.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        order,
        vec!["常委会议", "开幕会", "第二、三组分组讨论", "大会发言", "常委会议二", "闭幕会"],
        "date and half-day order"
    );
}

#[test]
fn sitting_rules_and_invitees_and_agenda() {
    let (mut db, mid) = setup();
    let e = create_sitting(&mut db, &SittingInput::new(mid, "开幕会", SittingKind::Opening, "2020-02-01", HalfDay::Am))
        .expect_err("outside the meeting");
    assert!(e.to_string().contains("不在会议"), "{e}");
    let e = create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Groups,
            ..SittingInput::new(mid, "分组", SittingKind::GroupDiscussion, "2020-01-08", HalfDay::Am)
        },
    )
    .expect_err("no groups");
    assert!(e.to_string().contains("小组"), "{e}");
    let e = create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Groups,
            groups: vec!["第九十组".into()],
            ..SittingInput::new(mid, "分组", SittingKind::GroupDiscussion, "2020-01-08", HalfDay::Am)
        },
    )
    .expect_err("unknown group");
    assert_eq!(e.code(), "not_found");
    let e = create_sitting(
        &mut db,
        &SittingInput {
            start_time: "11:00".into(),
            end_time: "09:00".into(),
            ..SittingInput::new(mid, "x", SittingKind::Other, "2020-01-08", HalfDay::Am)
        },
    )
    .expect_err("end before start");
    assert!(e.to_string().contains("结束时间"), "{e}");
    let inv = roster::create_invitee(
        &mut db,
        &roster::InviteeInput { name: "赵列席".into(), unit: "市人大".into(), ..Default::default() },
    )
    .expect("inv");
    let s = create_sitting(
        &mut db,
        &SittingInput {
            invitee_ids: vec![inv.id],
            agenda: vec![
                AgendaItem { title: "听取常委会工作报告".into(), presenter: "主席甲".into() },
                AgendaItem { title: " ".into(), presenter: String::new() },
            ],
            ..SittingInput::new(mid, "开幕会", SittingKind::Opening, "2020-01-08", HalfDay::Am)
        },
    )
    .expect("sitting");
    assert_eq!(s.agenda.len(), 1, "blank agenda items are dropped");
    let e = create_sitting(
        &mut db,
        &SittingInput {
            agenda: vec![AgendaItem { title: String::new(), presenter: "主席甲".into() }],
            ..SittingInput::new(mid, "开幕会", SittingKind::Opening, "2020-01-08", HalfDay::Pm)
        },
    )
    .expect_err("a line with only the presenter is not dropped in silence");
    assert!(e.to_string().contains("只填了报告人“主席甲”"), "{e}");
    assert_eq!(sitting_invitees(db.conn(), s.id).expect("inv")[0].name, "赵列席");
    let mut upd = SittingInput::new(mid, "开幕大会", SittingKind::Opening, "2020-01-08", HalfDay::Am);
    upd.venue = "安宁会堂".into();
    let u = update_sitting(&mut db, s.id, &upd).expect("update");
    assert_eq!((u.title.as_str(), u.venue.as_str(), u.seq), ("开幕大会", "安宁会堂", s.seq));
    assert!(u.invitee_ids.is_empty() && u.agenda.is_empty(), "update replaces the links");
    let c = set_sitting_status(&mut db, s.id, SittingStatus::Closed).expect("status");
    assert_eq!(c.status, SittingStatus::Closed);
}

#[test]
fn meetings_filter_by_year_and_kind_and_plenary_needs_a_session() {
    let (mut db, _mid) = setup();
    let base = MeetingInput {
        kind: MeetingKind::StandingCommittee,
        title: "六届常委会第十次会议".into(),
        session_id: None,
        ordinal: Some(10),
        topical: true,
        enlarged: true,
        start_date: "2020-03-20".into(),
        end_date: String::new(),
        organizer: String::new(),
        venue: String::new(),
        notes: String::new(),
    };
    let m = create_meeting(&mut db, &base).expect("sc");
    assert!(m.topical && !m.enlarged, "enlarged only applies to chair's councils");
    assert_eq!(m.end_date, "2020-03-20", "end date defaults to start");
    create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Forum,
            title: "座谈".into(),
            start_date: "2021-03-01".into(),
            ..base.clone()
        },
    )
    .expect("forum");
    let y2020 = list_meetings(db.conn(), &MeetingFilter { year: Some(2020), ..Default::default() }).expect("list");
    assert_eq!(y2020.len(), 2, "plenary + standing committee in 2020");
    let sc =
        list_meetings(db.conn(), &MeetingFilter { kind: Some(MeetingKind::StandingCommittee), ..Default::default() })
            .expect("list");
    assert_eq!(sc.len(), 1);
    let e = create_meeting(&mut db, &MeetingInput { kind: MeetingKind::Plenary, ..base.clone() })
        .expect_err("plenary w/o session");
    assert!(e.to_string().contains("次会议"), "{e}");
    let e =
        create_session(&mut db, &SessionInput { term_number: 6, session_number: 4, year: 2020, ..Default::default() })
            .expect_err("dup session");
    assert_eq!(e.code(), "conflict");
    assert_eq!(session_name(6, 5), "六届五次会议");
    assert_eq!(year_to_show(db.conn(), 2020).expect("year"), 2020, "a year with meetings is kept");
    assert_eq!(
        year_to_show(db.conn(), 2026).expect("year"),
        2021,
        "an empty year gives way to the latest with meetings"
    );
    let empty = Db::open_in_memory().expect("db");
    assert_eq!(year_to_show(empty.conn(), 2026).expect("year"), 2026, "no meetings at all: this year");
    assert_eq!(session_name(12, 1), "十二届一次会议");
}

#[test]
fn last_years_schedule_is_copied_with_shifted_dates() {
    let (mut db, mid) = setup();
    create_sitting(
        &mut db,
        &SittingInput {
            agenda: vec![AgendaItem { title: "开幕".into(), presenter: String::new() }],
            ..SittingInput::new(mid, "开幕会", SittingKind::Opening, "2020-01-08", HalfDay::Am)
        },
    )
    .expect("s1");
    create_sitting(
        &mut db,
        &SittingInput {
            expect: Expect::Groups,
            groups: vec!["第二组".into()],
            ..SittingInput::new(mid, "第二组分组讨论", SittingKind::GroupDiscussion, "2020-01-09", HalfDay::Pm)
        },
    )
    .expect("s2");
    let s5 =
        create_session(&mut db, &SessionInput { term_number: 6, session_number: 5, year: 2021, ..Default::default() })
            .expect("session");
    let m5 = create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::Plenary,
            title: "五次会议".into(),
            session_id: Some(s5.id),
            ordinal: None,
            topical: false,
            enlarged: false,
            start_date: "2021-01-19".into(),
            end_date: "2021-01-22".into(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("m5");
    assert_eq!(copy_schedule(&mut db, mid, m5.id).expect("copy"), 2);
    let copied = list_sittings(db.conn(), Some(m5.id)).expect("list");
    let dates: Vec<&str> = copied.iter().map(|s| s.date.as_str()).collect();
    assert_eq!(dates, vec!["2021-01-20", "2021-01-21"], "shifted by the start dates' distance (12 days + a year)");
    assert_eq!(copied[0].agenda.len(), 1);
    assert_eq!(copied[1].groups, vec!["第二组"]);
    let e = copy_schedule(&mut db, mid, m5.id).expect_err("not twice");
    assert_eq!(e.code(), "conflict");
}

#[test]
fn closing_a_sitting_goes_through_the_attendance_record() {
    let (mut db, mid) = setup();
    let s = create_sitting(&mut db, &SittingInput::new(mid, "开幕会", SittingKind::Opening, "2020-01-08", HalfDay::Am))
        .expect("sitting");
    let closed = set_sitting_status(&mut db, s.id, SittingStatus::Closed).expect("close");
    assert_eq!(closed.status, SittingStatus::Closed);
    let panel = crate::attendance::panel(db.conn(), s.id).expect("panel");
    assert_eq!(panel.missing, 4, "closing through the meetings side makes the four no-shows 缺席");
    let frozen: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM attendance_expected WHERE sitting_id = ?1", [s.id], |r| r.get(0))
        .expect("frozen");
    assert_eq!(frozen, 4, "who was expected is frozen at closing");
    let planned = set_sitting_status(&mut db, s.id, SittingStatus::Planned).expect("reopen to planned");
    assert_eq!(planned.status, SittingStatus::Planned);
    let frozen: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM attendance_closures WHERE sitting_id = ?1", [s.id], |r| r.get(0))
        .expect("closures");
    assert_eq!(frozen, 0, "reopening removes the closure");
}
