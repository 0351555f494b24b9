use super::*;
use crate::opinions::testkit::{add_remarks, fixture, Fixture};

fn setup() -> (Db, Fixture, Vec<i64>) {
    let (mut db, fx) = fixture();
    crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
    let ids = add_remarks(
        &mut db,
        &fx,
        &[(fx.m1, "建议加快老旧小区改造。"), (fx.m3, "要稳妥推进危化品企业搬迁。"), (fx.m2, "营商环境还要再优化。")],
    );
    (db, fx, ids)
}

#[test]
fn a_draft_names_the_session_and_the_next_number() {
    let (db, fx, _) = setup();
    let d = draft(db.conn(), Some(fx.session)).expect("draft");
    assert_eq!(d.name, "政协安宁市第六届委员会第四次会议简报");
    assert_eq!(d.number, Some(1));
    assert_eq!(d.issuer, SESSION_ISSUER);
    let c = draft(db.conn(), None).expect("committee draft");
    assert_eq!(c.name, "安宁市政协工作简报", "the committee's own series");
    assert_eq!(c.issuer, "政协安宁市委员会办公室");
}

#[test]
fn numbers_run_per_session_and_are_never_reused() {
    let (mut db, fx, ids) = setup();
    let mut input = draft(db.conn(), Some(fx.session)).expect("draft");
    input.date = "2020-01-07".into();
    input.remark_ids = vec![ids[0]];
    let first = save(&mut db, &input).expect("first");
    assert_eq!(first.number, 1);
    let second = save(&mut db, &BulletinInput { remark_ids: vec![ids[0], ids[1]], ..input.clone() }).expect("second");
    assert_eq!(second.number, 2, "the next number of the session");
    assert_eq!(second.remark_ids, vec![ids[0], ids[1]], "a remark may be quoted in several bulletins");
    delete(&mut db, second.id).expect("withdraw");
    assert_eq!(get(db.conn(), second.id).expect_err("gone").code(), "not_found");
    let third = save(&mut db, &input).expect("third");
    assert_eq!(third.number, 3, "a withdrawn draft frees nothing");
    let other = save(&mut db, &BulletinInput { session_id: None, remark_ids: vec![], ..input.clone() }).expect("c");
    assert_eq!(other.number, 1, "the committee's series has its own numbering");
    let numbers: Vec<u32> =
        list(db.conn(), Series::Session(fx.session)).expect("list").iter().map(|b| b.number).collect();
    assert_eq!(numbers, vec![1, 3]);
    assert_eq!(list(db.conn(), Series::All).expect("all").len(), 3);
    assert_eq!(list(db.conn(), Series::Committee).expect("committee").len(), 1);
    // Editing keeps number and series.
    let edited = save(&mut db, &BulletinInput { title: "改过的标题".into(), ..BulletinInput::from(first.clone()) })
        .expect("edit");
    assert_eq!((edited.id, edited.number, edited.title.as_str()), (first.id, 1, "改过的标题"));
    let err = save(&mut db, &BulletinInput { session_id: None, ..BulletinInput::from(first) }).expect_err("series");
    assert_eq!(err.code(), "invalid");
    let audit: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'bulletin'", [], |r| r.get(0))
        .expect("audit");
    assert_eq!(audit, 6, "4 created, 1 withdrawn, 1 edited: every change audited");
}

#[test]
fn bad_input_writes_nothing() {
    let (mut db, fx, _) = setup();
    let input = draft(db.conn(), Some(fx.session)).expect("draft");
    let before: i64 = db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("n");
    for bad in [
        BulletinInput { name: "  ".into(), ..input.clone() },
        BulletinInput { date: "2020/1/7".into(), ..input.clone() },
        BulletinInput { remark_ids: vec![9999], ..input.clone() },
        BulletinInput { session_id: Some(9999), ..input.clone() },
    ] {
        save(&mut db, &bad).expect_err("refused");
    }
    // A remark made at another session cannot be quoted.
    let session5: i64 =
        db.conn().query_row("SELECT id FROM sessions WHERE session_number = 5", [], |r| r.get(0)).expect("s5");
    let other = crate::opinions::create_report(
        &mut db,
        &crate::opinions::ReportInput {
            session_id: session5,
            kind: crate::opinions::ReportKind::Court,
            title: "法院工作报告".into(),
            issuing_body: String::new(),
            body_text: String::new(),
            list_title: String::new(),
        },
    )
    .expect("report");
    let r = crate::opinions::add_remark(
        &mut db,
        &crate::opinions::RemarkInput {
            report_id: other.id,
            section_id: None,
            sitting_id: fx.other_session_sitting,
            speaker_id: Some(fx.m1),
            group_id: None,
            text: "另一次会议的发言".into(),
        },
    )
    .expect("remark");
    let err = save(&mut db, &BulletinInput { remark_ids: vec![r.id], ..input }).expect_err("other session");
    assert!(err.to_string().contains("不是在本次会议上"), "{err}");
    let after: i64 =
        db.conn().query_row("SELECT count(*) FROM audit_log WHERE entity = 'bulletin'", [], |r| r.get(0)).expect("n");
    assert_eq!(after, 0, "nothing written ({before} rows before)");
}

#[test]
fn the_body_is_drafted_by_group_in_the_users_order_with_the_lead_phrase() {
    let (db, fx, ids) = setup();
    let sittings = compose_sittings(db.conn(), fx.session).expect("sittings");
    assert_eq!(sittings.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), vec!["第一组分组讨论", "第二组分组讨论"]);
    assert_eq!(sittings[0].remarks, 2);
    let remarks = compose_remarks(db.conn(), &[fx.sitting1, fx.sitting2]).expect("remarks");
    assert_eq!(remarks.len(), 3);
    assert_eq!(remarks[0].speaker_name, "张三");
    let body =
        compose_body(db.conn(), &ComposeRequest { remark_ids: vec![ids[2], ids[1], ids[0]], lead: String::new() })
            .expect("body");
    assert_eq!(
        body,
        "一、第一组\n李四委员说：营商环境还要再优化。\n张三委员说：建议加快老旧小区改造。\n二、第二组\n王五委员说：要稳妥推进危化品企业搬迁。"
    );
    let body =
        compose_body(db.conn(), &ComposeRequest { remark_ids: vec![ids[1]], lead: "委员认为".into() }).expect("lead");
    assert!(body.ends_with("王五委员认为要稳妥推进危化品企业搬迁。"), "{body}");
    assert_eq!(compose_body(db.conn(), &ComposeRequest::default()).expect_err("none").code(), "invalid");
}

#[test]
fn a_quoted_remark_says_which_bulletins_quote_it() {
    let (mut db, fx, ids) = setup();
    let mut input = draft(db.conn(), Some(fx.session)).expect("draft");
    input.remark_ids = vec![ids[0]];
    save(&mut db, &input).expect("first");
    save(&mut db, &input).expect("second");
    let remarks = compose_remarks(db.conn(), &[fx.sitting1]).expect("remarks");
    assert_eq!(remarks.iter().find(|r| r.id == ids[0]).map(|r| r.quoted_in.clone()), Some(vec![1, 2]));
}

#[test]
fn the_export_prints_name_number_and_speakers() {
    let (mut db, fx, ids) = setup();
    let mut input = draft(db.conn(), Some(fx.session)).expect("draft");
    input.date = "2020-01-07".into();
    input.body = compose_body(db.conn(), &ComposeRequest { remark_ids: ids.clone(), lead: String::new() }).expect("b");
    input.send_to = "市委、市政府".into();
    input.copies = Some(120);
    let saved = save(&mut db, &input).expect("save");
    let (pdf, name) = export_saved(db.conn(), saved.id, crate::documents::Format::Pdf).expect("pdf");
    assert!(pdf.warnings.is_empty());
    assert_eq!(name, "政协安宁市第六届委员会第四次会议简报第1期-2020-01-07.pdf");
    let doc = bulletin_doc(db.conn(), &saved.clone().into()).expect("doc");
    let fonts = crate::documents::FontSet::resolve(&crate::documents::FontPrefs::default()).expect("fonts");
    let layout = crate::documents::layout::layout(&crate::documents::bulletin::build_document(&doc), &fonts);
    let text = layout.page_lines(0).join("");
    for want in [
        "第四次会议简报",
        "第1期",
        "大会秘书处",
        "2020年1月7日",
        "张三委员说",
        "王五委员说",
        "报送：市委、市政府",
        "（共印120份）",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    let (docx, _) = export_saved(db.conn(), saved.id, crate::documents::Format::Docx).expect("docx");
    assert!(docx.bytes.starts_with(b"PK"));
}

#[test]
fn a_remark_quoted_in_a_bulletin_is_not_deleted() {
    let (mut db, fx, ids) = setup();
    let mut input = draft(db.conn(), Some(fx.session)).expect("draft");
    input.remark_ids = vec![ids[0]];
    save(&mut db, &input).expect("save");
    let err = crate::opinions::delete_remark(&mut db, ids[0]).expect_err("quoted");
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("简报中的引用 1 处"), "{err}");
    crate::opinions::delete_remark(&mut db, ids[1]).expect("an unquoted unplaced remark still goes");
}
