use super::*;
use crate::opinions::testkit::{fixture, Fixture};

fn item(fx: &Fixture, title: &str, members: Vec<i64>, unit: &str, day: &str) -> SqmyItemInput {
    let _ = fx;
    SqmyItemInput {
        title: title.into(),
        content: "群众反映\n问题比较突出。".into(),
        member_ids: members,
        unit: unit.into(),
        received_on: day.into(),
        source: SqmySource::Submitted,
        from_proposal: None,
    }
}

fn setup() -> (Db, Fixture) {
    let (mut db, fx) = fixture();
    crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
    (db, fx)
}

fn audit_rows(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM audit_log WHERE entity LIKE 'sqmy%'", [], |r| r.get(0)).expect("n")
}

#[test]
fn items_issues_outcomes_and_the_years_figures() {
    let (mut db, fx) = setup();
    let a = add_item(&mut db, &item(&fx, "关于加装电梯的建议", vec![fx.m1, fx.m2], "", "2020-03-05")).expect("a");
    assert_eq!(a.submitter, "张三、李四", "joint submitters, first first");
    assert_eq!(a.content, "群众反映问题比较突出。", "pasted text cleaned as remarks are (a broken line joined)");
    let b = add_item(&mut db, &item(&fx, "农村污水治理", vec![], "民盟安宁市委", "2020-04-01")).expect("b");
    let c = add_item(&mut db, &item(&fx, "停车难", vec![fx.m1], "", "2020-05-01")).expect("c");
    let d = add_item(&mut db, &item(&fx, "上一年的", vec![fx.m3], "", "2019-12-30")).expect("d");
    assert_eq!(
        item_years(db.conn()).expect("years"),
        vec![2020, 2019],
        "the years with items, newest first, once each"
    );

    let first = create_issue(
        &mut db,
        &SqmyIssueInput { date: "2020-03-10".into(), item_ids: vec![a.id, b.id], ..Default::default() },
    )
    .expect("issue 1");
    assert_eq!((first.year, first.number, first.items.len()), (2020, 1, 2));
    assert_eq!(first.sent_on, None, "not sent until 报送 is recorded");
    let err = record_outcome(
        &mut db,
        a.id,
        &SqmyOutcomeInput {
            kind: OutcomeKind::Adopted,
            by_whom: "省政协办公厅".into(),
            summary: String::new(),
            date: None,
        },
    )
    .expect_err("not sent yet");
    assert_eq!(err.code(), "conflict");
    let sent = mark_sent(&mut db, first.id, "2020-03-11", "中共安宁市委办公室", Some("省政协办公厅")).expect("sent");
    assert_eq!(sent.sent_on.as_deref(), Some("2020-03-11"));
    record_outcome(
        &mut db,
        a.id,
        &SqmyOutcomeInput {
            kind: OutcomeKind::Adopted,
            by_whom: "省政协办公厅".into(),
            summary: String::new(),
            date: None,
        },
    )
    .expect("adopted");
    let a2 = record_outcome(
        &mut db,
        a.id,
        &SqmyOutcomeInput {
            kind: OutcomeKind::Instructed,
            by_whom: "市委主要领导".into(),
            summary: "请住建局研究。".into(),
            date: Some("2020-03-20".into()),
        },
    )
    .expect("instructed");
    assert_eq!(a2.outcomes.len(), 2);
    let err = create_issue(
        &mut db,
        &SqmyIssueInput { date: "2020-04-02".into(), item_ids: vec![b.id], ..Default::default() },
    )
    .expect_err("already in an issue");
    assert_eq!(err.code(), "conflict");
    let second = create_issue(
        &mut db,
        &SqmyIssueInput {
            date: "2020-05-03".into(),
            item_ids: vec![c.id],
            sent_to: "市政府办公室".into(),
            ..Default::default()
        },
    )
    .expect("issue 2");
    assert_eq!(second.number, 2, "numbered on within the year");
    assert_eq!(second.sent_on.as_deref(), Some("2020-05-03"), "sent on its date when 报送 is given");
    let other_year = create_issue(
        &mut db,
        &SqmyIssueInput { date: "2019-12-31".into(), item_ids: vec![d.id], ..Default::default() },
    )
    .expect("2019");
    assert_eq!(other_year.number, 1, "each year starts at 第1期");

    let s = stats(db.conn(), 2020).expect("stats");
    assert_eq!((s.items, s.issues, s.published, s.adopted, s.instructed), (3, 2, 3, 1, 1));
    assert_eq!((s.from_members, s.from_units), (2, 1));
    let zhang = s.by_member.iter().find(|m| m.member_id == fx.m1).expect("张三");
    assert_eq!((zhang.items, zhang.published, zhang.adopted, zhang.instructed), (2, 2, 1, 1));
    assert!(audit_rows(&db) >= 10, "every change audited");
}

#[test]
fn bad_input_is_refused_and_writes_nothing() {
    let (mut db, fx) = setup();
    for bad in [
        item(&fx, " ", vec![fx.m1], "", "2020-03-05"),
        item(&fx, "无人报送", vec![], "", "2020-03-05"),
        item(&fx, "两种都有", vec![fx.m1], "民盟", "2020-03-05"),
        item(&fx, "日期不对", vec![fx.m1], "", "3月5日"),
        item(&fx, "查无此人", vec![99_999], "", "2020-03-05"),
    ] {
        add_item(&mut db, &bad).expect_err("refused");
    }
    assert!(
        create_issue(&mut db, &SqmyIssueInput { date: "2020-03-05".into(), ..Default::default() }).is_err(),
        "empty issue"
    );
    assert!(create_issue(
        &mut db,
        &SqmyIssueInput { date: "2020-03-05".into(), item_ids: vec![42], ..Default::default() }
    )
    .is_err());
    assert_eq!(audit_rows(&db), 0, "nothing written");
}

#[test]
fn an_item_from_a_proposal_records_where_it_came_from_in_the_callers_transaction() {
    let (mut db, fx) = setup();
    let id = db
        .write(|tx| {
            add_item_in(
                tx,
                &SqmyItemInput {
                    source: SqmySource::Proposal,
                    from_proposal: Some(17),
                    ..item(&fx, "由提案转来", vec![fx.m4], "", "2020-06-01")
                },
            )
        })
        .expect("in the caller's transaction");
    let it = get_item(db.conn(), id).expect("item");
    assert_eq!((it.source, it.from_proposal), (SqmySource::Proposal, Some(17)));
    assert_eq!(stats(db.conn(), 2020).expect("stats").from_proposals, 1);
    withdraw_item(&mut db, id, "重复登记").expect("withdraw");
    assert_eq!(stats(db.conn(), 2020).expect("stats").items, 0, "a withdrawn item is not counted");
    assert_eq!(list_items(db.conn(), Some(2020), true).expect("all").len(), 1, "but kept");
    assert!(item_years(db.conn()).expect("years").is_empty(), "a year with only a withdrawn item is not offered");
}

#[test]
fn an_issue_prints_in_the_bulletin_format() {
    let (mut db, fx) = setup();
    let a = add_item(&mut db, &item(&fx, "关于加装电梯的建议", vec![fx.m1], "", "2020-03-05")).expect("a");
    let b = add_item(&mut db, &item(&fx, "农村污水治理", vec![], "民盟安宁市委", "2020-04-01")).expect("b");
    let one = create_issue(
        &mut db,
        &SqmyIssueInput {
            date: "2020-04-03".into(),
            item_ids: vec![a.id, b.id],
            sent_to: "市委办公室".into(),
            cc: "省政协办公厅".into(),
        },
    )
    .expect("issue");
    let doc = issue_doc(db.conn(), one.id).expect("doc");
    assert_eq!(doc.name, "社情民意");
    assert!(doc.body.starts_with("一、关于加装电梯的建议\n"), "{}", doc.body);
    assert!(
        doc.body.contains("（报送人：张三委员）") && doc.body.contains("（报送单位：民盟安宁市委）"),
        "{}",
        doc.body
    );
    let (pdf, name) = export_issue(db.conn(), one.id, crate::documents::Format::Pdf).expect("pdf");
    assert_eq!(name, "社情民意2020年第1期.pdf");
    assert!(pdf.warnings.is_empty() && pdf.bytes.starts_with(b"%PDF"));
}

#[test]
fn the_demo_year_has_82_items_in_54_issues() {
    let mut db = Db::open_in_memory().expect("db");
    crate::demo::build(&mut db).expect("demo");
    let s = stats(db.conn(), demo::YEAR).expect("stats");
    assert_eq!((s.items, s.issues, s.published), (82, 54, 82), "the seed's figures");
    assert!(s.adopted > 0 && s.instructed > 0 && s.adopted > s.instructed, "{s:?}");
    assert!(s.from_units > 0 && s.by_member.len() > 20, "{s:?}");
}
