use super::*;
use crate::db::Db;
use crate::numerals::parse_numeral;

pub(crate) fn input(no: &str, name: &str, role: Role, group: &str) -> MemberInput {
    MemberInput {
        member_no: Some(no.into()),
        name: name.into(),
        gender: "男".into(),
        birth_month: Some("1970.10".into()),
        sector: Some("经济界".into()),
        group: Some(group.into()),
        role,
        joined_on: "2017-01-10".into(),
        ..MemberInput::default()
    }
}

fn audit_count(db: &Db, action: &str) -> i64 {
    db.conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'member' AND action = ?1", [action], |r| r.get(0))
        .expect("count")
}

#[test]
fn create_normalises_fills_pinyin_and_audits() {
    let mut db = Db::open_in_memory().expect("db");
    let m = create(
        &mut db,
        &MemberInput {
            name: "王　芳 ".into(),
            phone: "１３９ １２３４ ５６７８".into(),
            birth_month: Some("1968.10".into()),
            ..input("A1", "", Role::Member, "第一组")
        },
    )
    .expect("create");
    assert_eq!(m.name, "王芳", "full-width space inside a name is dropped");
    assert_eq!(m.phone, "13912345678");
    assert_eq!(m.birth_month.as_deref(), Some("1968-10"), "1968.10 is October");
    assert_eq!((m.name_pinyin.as_str(), m.name_initials.as_str()), ("wangfang", "wf"));
    assert_eq!(m.roster_order, 1, "first member is first in the roster");
    assert_eq!(audit_count(&db, "create"), 1);
    let evs = events(db.conn(), m.id).expect("events");
    assert_eq!(evs.len(), 1, "one joining event");
    assert_eq!((evs[0].kind, evs[0].role_to), (MembershipKind::Joined, Some(Role::Member)));
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let mut db = Db::open_in_memory().expect("db");
    let e = create(&mut db, &input("A1", " ", Role::Member, "第一组")).expect_err("empty name");
    assert!(e.to_string().contains("姓名"), "{e}");
    let e =
        create(&mut db, &MemberInput { birth_month: Some("1968.13".into()), ..input("A1", "张伟", Role::Member, "g") })
            .expect_err("month 13");
    assert!(e.to_string().contains("出生年月"), "{e}");
    let e = create(&mut db, &MemberInput { joined_on: "".into(), ..input("A1", "张伟", Role::Member, "g") })
        .expect_err("no joining date");
    assert!(e.to_string().contains("任职日期"), "{e}");
    create(&mut db, &input("A1", "张伟", Role::Member, "g")).expect("first");
    let e = create(&mut db, &input("A1", "李明", Role::Member, "g")).expect_err("same number");
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("A1") && e.to_string().contains("张伟"), "{e}");
}

#[test]
fn birth_months_in_every_written_form() {
    for (s, want) in [
        ("1968.10", Some("1968-10")),
        ("1968.1", Some("1968-01")),
        ("1968-10", Some("1968-10")),
        ("1968/10", Some("1968-10")),
        ("1968年10月", Some("1968-10")),
        ("１９６８．１０", Some("1968-10")),
        ("196810", Some("1968-10")),
        ("1968.10.05", Some("1968-10")),
        ("1968", None),
        ("abc", None),
        ("1968.00", None),
    ] {
        assert_eq!(parse_month(s).as_deref(), want, "birth month {s}");
    }
}

#[test]
fn leaving_events_end_office_and_nobody_is_deleted() {
    let mut db = Db::open_in_memory().expect("db");
    let a = create(&mut db, &input("A1", "张伟", Role::Member, "第一组")).expect("a");
    let b = create(&mut db, &input("A2", "李明", Role::Member, "第一组")).expect("b");
    let ev = record_event(
        &mut db,
        a.id,
        &MembershipEventInput {
            kind: MembershipKind::Resigned,
            effective_on: "2020-06-30".into(),
            reference: "安宁政协常〔2020〕5号".into(),
            role: None,
        },
    )
    .expect("resign");
    assert_eq!(ev.reference, "安宁政协常〔2020〕5号");
    let names_on = |d: &str| -> Vec<String> {
        in_office_on(db.conn(), d).expect("in office").into_iter().map(|m| m.name).collect()
    };
    assert_eq!(names_on("2020-06-29"), vec!["张伟", "李明"], "still in office the day before");
    assert_eq!(names_on("2020-06-30"), vec!["李明"], "gone from the effective date");
    assert_eq!(names_on("2017-01-09"), Vec::<String>::new(), "nobody before the term");
    let gone = get(db.conn(), a.id).expect("still there");
    assert_eq!(gone.left_on.as_deref(), Some("2020-06-30"));
    assert_eq!(gone.left_reason, Some(MembershipKind::Resigned));
    let e = record_event(
        &mut db,
        a.id,
        &MembershipEventInput {
            kind: MembershipKind::Died,
            effective_on: "2020-08-01".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect_err("cannot leave twice");
    assert_eq!(e.code(), "conflict");
    let e = record_event(
        &mut db,
        b.id,
        &MembershipEventInput {
            kind: MembershipKind::Revoked,
            effective_on: "2016-01-01".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect_err("before joining");
    assert!(e.to_string().contains("早于"), "{e}");
    let left = list(
        db.conn(),
        &RosterFilter { status: MemberStatus::Left, date: Some("2021-01-01".into()), ..Default::default() },
    )
    .expect("left");
    assert_eq!(left.len(), 1);
    assert_eq!(all(db.conn()).expect("all").len(), 2, "nobody is deleted");
}

#[test]
fn standing_resignation_keeps_the_member_and_changes_the_role_from_that_date() {
    let mut db = Db::open_in_memory().expect("db");
    let m = create(&mut db, &input("A1", "张伟", Role::Standing, "第一组")).expect("create");
    record_event(
        &mut db,
        m.id,
        &MembershipEventInput {
            kind: MembershipKind::StandingResigned,
            effective_on: "2020-03-15".into(),
            reference: "常委会决定".into(),
            role: None,
        },
    )
    .expect("resign standing");
    assert_eq!(role_on(db.conn(), m.id, "2020-03-14").expect("role"), Role::Standing, "standing the day before");
    assert_eq!(role_on(db.conn(), m.id, "2020-03-15").expect("role"), Role::Member, "member from the date");
    assert_eq!(get(db.conn(), m.id).expect("get").role, Role::Member, "stored role is the latest");
    let on = in_office_on(db.conn(), "2020-03-15").expect("office");
    assert_eq!(on.len(), 1, "still a member");
    let before = in_office_on(db.conn(), "2019-12-31").expect("office");
    assert_eq!(before[0].role, Role::Standing, "in_office_on gives the role on that date");
    let e = record_event(
        &mut db,
        m.id,
        &MembershipEventInput {
            kind: MembershipKind::StandingResigned,
            effective_on: "2020-05-01".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect_err("not standing any more");
    assert_eq!(e.code(), "conflict");
    // Re-appointment later.
    change_role(&mut db, m.id, Role::ViceChair, "2021-01-20", "六届五次会议选举").expect("promote");
    assert_eq!(role_on(db.conn(), m.id, "2021-01-19").expect("role"), Role::Member);
    assert_eq!(role_on(db.conn(), m.id, "2021-01-20").expect("role"), Role::ViceChair);
    let hist = history(db.conn(), m.id).expect("history");
    let kinds: Vec<MembershipKind> = hist.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![MembershipKind::Joined, MembershipKind::StandingResigned, MembershipKind::RoleChanged]);
    assert_eq!(hist.events[1].role_from, Some(Role::Standing));
    assert!(hist.changes.iter().any(|c| c.action == "辞去常委职务"), "event audited");
}

#[test]
fn update_records_role_changes_and_keeps_order() {
    let mut db = Db::open_in_memory().expect("db");
    let m = create(&mut db, &input("A1", "张伟", Role::Member, "第一组")).expect("create");
    let u = db
        .write(|tx| {
            update_in(
                tx,
                m.id,
                &MemberInput {
                    seat: "２排３号".into(),
                    role: Role::Standing,
                    ..input("A1", "张伟", Role::Member, "第二组")
                },
                "2019-01-05",
                "选举",
            )
        })
        .expect("update");
    assert!(u, "something changed");
    let m2 = get(db.conn(), m.id).expect("get");
    assert_eq!((m2.seat.as_str(), m2.group.as_deref(), m2.role), ("2排3号", Some("第二组"), Role::Standing));
    assert_eq!(role_on(db.conn(), m.id, "2019-01-04").expect("r"), Role::Member);
    assert_eq!(role_on(db.conn(), m.id, "2019-01-05").expect("r"), Role::Standing);
    assert_eq!(m2.roster_order, m.roster_order, "update keeps the place in the roster");
    assert_eq!(audit_count(&db, "update"), 1);
    let same = db
        .write(|tx| {
            update_in(
                tx,
                m.id,
                &MemberInput {
                    seat: "2排3号".into(),
                    role: Role::Standing,
                    ..input("A1", "张伟", Role::Member, "第二组")
                },
                "2019-01-05",
                "",
            )
        })
        .expect("noop");
    assert!(!same, "an identical update changes nothing");
    assert_eq!(audit_count(&db, "update"), 1, "no audit row for a no-op");
}

#[test]
fn same_name_is_two_members_and_same_birth_month_is_flagged() {
    let mut db = Db::open_in_memory().expect("db");
    let a = create(&mut db, &input("A1", "张伟", Role::Member, "第一组")).expect("a");
    create(
        &mut db,
        &MemberInput { birth_month: Some("1980.01".into()), ..input("A2", "张伟", Role::Member, "第二组") },
    )
    .expect("b other birth");
    assert!(likely_duplicates(db.conn()).expect("dups").is_empty(), "different birth month: not flagged");
    let c = create(&mut db, &input("A3", "张伟", Role::Member, "第三组")).expect("c same birth");
    let d = likely_duplicates(db.conn()).expect("dups");
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].a.id, d[0].b.id), (a.id, c.id));
    confirm_distinct(&mut db, a.id, c.id).expect("confirm");
    assert!(likely_duplicates(db.conn()).expect("dups").is_empty(), "confirmed distinct");
}

#[test]
fn search_finds_by_chinese_pinyin_initials_number_and_seat() {
    let mut db = Db::open_in_memory().expect("db");
    let zw = create(&mut db, &MemberInput { seat: "1排1号".into(), ..input("A6001", "张伟", Role::Member, "第一组") })
        .expect("zw");
    create(&mut db, &MemberInput { seat: "1排2号".into(), ..input("A6002", "王芳", Role::Member, "第一组") })
        .expect("wf");
    create(&mut db, &MemberInput { seat: "1排3号".into(), ..input("A6003", "张文斌", Role::Member, "第一组") })
        .expect("zwb");
    create(&mut db, &MemberInput { seat: "2排1号".into(), ..input("A6010", "曾伟", Role::Member, "第一组") })
        .expect("zengw");
    let names_for = |q: &str| -> Vec<String> {
        search(db.conn(), q, None).expect("search").into_iter().map(|h| h.member.name).collect()
    };
    assert_eq!(names_for("zw"), vec!["张伟", "曾伟", "张文斌"], "initials: exact initials first, then prefix");
    assert_eq!(names_for("wf"), vec!["王芳"]);
    assert_eq!(names_for("zhangwei"), vec!["张伟"]);
    assert_eq!(names_for("ZhangW"), vec!["张伟", "张文斌"], "mixed full + initial, case-insensitive");
    assert_eq!(names_for("zengwei"), vec!["曾伟"], "surname reading of 曾");
    assert_eq!(names_for("伟"), vec!["张伟", "曾伟"], "Chinese substring");
    assert_eq!(names_for("张"), vec!["张伟", "张文斌"]);
    assert_eq!(names_for("wei"), vec!["张伟", "曾伟"], "pinyin of a later character");
    assert_eq!(names_for("a6002"), vec!["王芳"], "member number");
    assert_eq!(names_for("1排3号"), vec!["张文斌"], "seat");
    assert_eq!(names_for(""), Vec::<String>::new(), "empty query finds nothing");
    assert_eq!(names_for("xyz"), Vec::<String>::new());
    let hits = search(db.conn(), "A6001", None).expect("s");
    assert_eq!(hits[0].matched, MatchField::MemberNo, "exact number first");
    assert_eq!(hits[0].member.id, zw.id);
    // A6001 exact, then A600x as part of the number: the exact one first.
    let hits = search(db.conn(), "A600", None).expect("s");
    assert_eq!(hits.len(), 3, "A6001..A6003 contain A600");
    // The seat 1排1号 is an exact match and wins over the seats that merely contain it.
    let hits = search(db.conn(), "2排1号", None).expect("s");
    assert_eq!((hits[0].member.name.as_str(), hits[0].matched), ("曾伟", MatchField::Seat));
}

#[test]
fn search_on_a_date_leaves_out_who_had_left() {
    let mut db = Db::open_in_memory().expect("db");
    let a = create(&mut db, &input("A1", "张伟", Role::Member, "第一组")).expect("a");
    record_event(
        &mut db,
        a.id,
        &MembershipEventInput {
            kind: MembershipKind::Died,
            effective_on: "2020-02-02".into(),
            reference: String::new(),
            role: None,
        },
    )
    .expect("died");
    assert_eq!(search(db.conn(), "zw", Some("2020-02-01")).expect("s").len(), 1);
    assert_eq!(search(db.conn(), "zw", Some("2020-02-02")).expect("s").len(), 0);
    assert_eq!(search(db.conn(), "zw", None).expect("s").len(), 1, "no date: everyone ever");
}

#[test]
fn list_filters_by_sector_group_role_and_sorts_groups_by_number() {
    let mut db = Db::open_in_memory().expect("db");
    create(&mut db, &input("A1", "甲", Role::Standing, "第十组")).expect("1");
    create(&mut db, &input("A2", "乙", Role::Member, "第二组")).expect("2");
    create(&mut db, &MemberInput { sector: Some("中共".into()), ..input("A3", "丙", Role::Member, "第二组") })
        .expect("3");
    let f = |flt: RosterFilter| -> Vec<String> {
        list(db.conn(), &flt).expect("list").into_iter().map(|m| m.name).collect()
    };
    assert_eq!(f(RosterFilter { group: Some("第二组".into()), ..Default::default() }), vec!["乙", "丙"]);
    assert_eq!(f(RosterFilter { role: Some(Role::Standing), ..Default::default() }), vec!["甲"]);
    assert_eq!(f(RosterFilter { sector: Some("中共".into()), ..Default::default() }), vec!["丙"]);
    let g: Vec<String> = groups(db.conn()).expect("groups").into_iter().map(|g| g.name).collect();
    assert_eq!(g, vec!["第二组", "第十组"], "groups in numeric order");
    let s: Vec<String> = sectors(db.conn()).expect("sectors").into_iter().map(|g| g.name).collect();
    assert_eq!(s, vec!["中共", "经济界"], "sectors in customary order");
}

#[test]
fn invitees_have_their_own_roster() {
    let mut db = Db::open_in_memory().expect("db");
    let i = create_invitee(
        &mut db,
        &InviteeInput { name: " 李　四".into(), unit: "市人大常委会".into(), ..Default::default() },
    )
    .expect("inv");
    assert_eq!(i.name, "李四");
    let u = update_invitee(
        &mut db,
        i.id,
        &InviteeInput {
            post: "副主任".into(),
            ..InviteeInput { name: "李四".into(), unit: "市人大常委会".into(), ..Default::default() }
        },
    )
    .expect("upd");
    assert_eq!(u.post, "副主任");
    assert_eq!(list_invitees(db.conn()).expect("list").len(), 1);
    assert!(all(db.conn()).expect("members").is_empty(), "invitees are not members");
}

#[test]
fn dates_in_common_forms() {
    assert_eq!(parse_date("d", "2021.1.19").expect("d"), "2021-01-19");
    assert_eq!(parse_date("d", "2021年1月19日").expect("d"), "2021-01-19");
    assert_eq!(parse_date("d", "2021/01/19").expect("d"), "2021-01-19");
    assert!(parse_date("d", "2021-02-30").is_err(), "no 30 February");
    assert_eq!(parse_numeral("十"), Some(10));
    assert_eq!(parse_numeral("十二"), Some(12));
    assert_eq!(parse_numeral("二十一"), Some(21));
}
