//! What the clerk enters on the 履职活动登记 page and through `huiwu duties` / `huiwu items`: a
//! duty corrected, an item corrected, feedback with its date, the consultations listed with their
//! counts, and every refusal naming its field with nothing written.

use super::*;
use crate::db::Db;
use crate::meetings::MeetingKind;
use crate::opinions::Adoption;
use crate::roster::{self, MemberInput};

fn member(db: &mut Db, name: &str, joined_on: &str) -> i64 {
    roster::create(db, &MemberInput { name: name.into(), joined_on: joined_on.into(), ..Default::default() })
        .expect("member")
        .id
}

fn forum(db: &mut Db, title: &str, date: &str) -> i64 {
    super::tests::meeting(db, MeetingKind::Forum, false, title, date)
}

fn inspection(title: &str, members: Vec<i64>, lead: Vec<i64>) -> DutyInput {
    DutyInput {
        kind: Some(DutyKind::Inspection),
        title: title.into(),
        start_date: "2020-05-06".into(),
        end_date: "2020-05-08".into(),
        members,
        lead_members: lead,
        ..Default::default()
    }
}

fn audit_rows(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("audit rows")
}

#[test]
fn a_duty_is_corrected_and_the_audit_compares_the_forms() {
    let mut db = Db::open_in_memory().expect("db");
    let a = member(&mut db, "张三", "2017-01-10");
    let b = member(&mut db, "李四", "2017-01-10");
    let c = member(&mut db, "王五", "2017-01-10");
    let d = create_duty(&mut db, &inspection("视察老旧小区改造", vec![b], vec![a])).expect("created");
    assert_eq!(d.members.iter().map(|m| (m.member_id, m.lead)).collect::<Vec<_>>(), vec![(a, true), (b, false)]);

    let fixed = update_duty(&mut db, d.id, &inspection("视察老旧小区改造工作", vec![c], vec![a])).expect("updated");
    assert_eq!(fixed.title, "视察老旧小区改造工作");
    assert_eq!(fixed.members.iter().map(|m| m.member_id).collect::<Vec<_>>(), vec![a, c], "李四 replaced by 王五");
    let (old, new): (String, String) = db
        .conn()
        .query_row("SELECT old_value, new_value FROM audit_log WHERE entity = 'duty' AND action = 'update'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("audit row");
    let old: serde_json::Value = serde_json::from_str(&old).expect("old");
    let new: serde_json::Value = serde_json::from_str(&new).expect("new");
    assert_eq!(old["members"], serde_json::json!([b]), "the old form lists member ids, as the new one does");
    assert_eq!(new["members"], serde_json::json!([c]));
    assert_eq!(old["lead_members"], serde_json::json!([a]));
}

#[test]
fn refused_duties_name_their_field_and_write_nothing() {
    let mut db = Db::open_in_memory().expect("db");
    let a = member(&mut db, "张三", "2017-01-10");
    let late = member(&mut db, "赵六", "2021-01-10");
    let before = audit_rows(&db);
    let cases: Vec<(DutyInput, &str)> = vec![
        (inspection(" \u{3000}", vec![a], vec![]), "名称"),
        (DutyInput { end_date: "2020-05-01".into(), ..inspection("视察", vec![a], vec![]) }, "结束日期"),
        (DutyInput { person_times: -3, ..inspection("视察", vec![a], vec![]) }, "人次"),
        (DutyInput { kind: None, ..inspection("视察", vec![a], vec![]) }, "类别"),
        (inspection("视察", vec![a, 999], vec![]), "委员"),
        (inspection("视察", vec![late], vec![]), "赵六"),
    ];
    for (input, field) in cases {
        let err = create_duty(&mut db, &input).expect_err(field);
        assert!(err.to_string().contains(field), "«{err}» names {field}");
    }
    let d = create_duty(&mut db, &inspection("视察", vec![a], vec![])).expect("a good one");
    let err = update_duty(&mut db, d.id, &DutyInput { person_times: -1, ..inspection("视察", vec![], vec![]) })
        .expect_err("negative");
    assert!(err.to_string().contains("人次"), "{err}");
    assert_eq!(get_duty(db.conn(), d.id).expect("duty").members.len(), 1, "the refused correction changed nothing");
    assert_eq!(audit_rows(&db), before + 1, "only the good one was written");
}

#[test]
fn an_item_is_corrected_keeping_its_number() {
    let mut db = Db::open_in_memory().expect("db");
    let a = member(&mut db, "张三", "2017-01-10");
    let m = forum(&mut db, "座谈协商会", "2020-06-18");
    let texts = split_items("1. 建议一。\n2. 建议二。\n3. 建议三。");
    let inputs: Vec<ItemInput> = texts.into_iter().map(|text| ItemInput { text, ..Default::default() }).collect();
    let items = add_items(&mut db, ItemSource::Meeting(m), &inputs).expect("added");
    assert_eq!(items.iter().map(|i| i.seq).collect::<Vec<_>>(), vec![1, 2, 3]);

    let second = update_item(
        &mut db,
        items[1].id,
        &ItemInput {
            topic: "养老".into(),
            text: "建议完善\n社区养老服务。".into(),
            speakers: vec![a],
            ..Default::default()
        },
    )
    .expect("corrected");
    assert_eq!((second.seq, second.text.as_str(), second.topic.as_str()), (2, "建议完善社区养老服务。", "养老"));
    assert_eq!(second.speakers.iter().map(|s| s.member_id).collect::<Vec<_>>(), vec![a]);
    let err =
        update_item(&mut db, items[2].id, &ItemInput { text: "  ".into(), ..Default::default() }).expect_err("empty");
    assert_eq!(err.to_string(), "第3条意见建议：内容不能为空");
    assert_eq!(get_item(db.conn(), items[2].id).expect("item").text, "建议三。", "unchanged");
    let err =
        update_item(&mut db, items[2].id, &ItemInput { text: "有".into(), speakers: vec![77], ..Default::default() })
            .expect_err("unknown speaker");
    assert_eq!(err.code(), "not_found", "{err}");
    assert_eq!(get_item(db.conn(), items[2].id).expect("item").text, "建议三。", "nothing half-written");
}

#[test]
fn feedback_needs_its_date_and_is_listed_with_the_consultation() {
    let mut db = Db::open_in_memory().expect("db");
    let a = member(&mut db, "张三", "2017-01-10");
    let m = forum(&mut db, "座谈协商会", "2020-06-18");
    forum(&mut db, "去年的座谈协商会", "2019-06-18");
    let g = create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Grassroots),
            title: "协商在基层·社区".into(),
            start_date: "2020-03-02".into(),
            members: vec![a],
            ..Default::default()
        },
    )
    .expect("grassroots");
    create_duty(&mut db, &inspection("视察", vec![a], vec![])).expect("not a consultation");
    let items = add_items(
        &mut db,
        ItemSource::Meeting(m),
        &[
            ItemInput { text: "建议一。".into(), ..Default::default() },
            ItemInput { text: "建议二。".into(), ..Default::default() },
        ],
    )
    .expect("items");

    let no_date = ItemFeedback { reply: "已采纳".into(), adoption: Some(Adoption::Adopted), ..Default::default() };
    let err = set_item_feedback(&mut db, items[0].id, &no_date).expect_err("no date");
    assert!(err.to_string().starts_with("反馈日期："), "{err}");
    let bad = ItemFeedback { feedback_on: Some("2020-02-30".into()), ..no_date.clone() };
    let err = set_item_feedback(&mut db, items[0].id, &bad).expect_err("no such day");
    assert!(err.to_string().starts_with("反馈日期"), "{err}");
    assert_eq!(get_item(db.conn(), items[0].id).expect("item").reply, "", "nothing written");

    let ok = ItemFeedback { feedback_on: Some("2020/7/1".into()), receiving_body: "市住建局".into(), ..no_date };
    let it = set_item_feedback(&mut db, items[0].id, &ok).expect("feedback");
    assert_eq!(it.feedback_on.as_deref(), Some("2020-07-01"), "the date as stored");
    assert_eq!((it.reply.as_str(), it.adoption), ("已采纳", Some(Adoption::Adopted)));

    add_items(&mut db, ItemSource::Duty(g.id), &[ItemInput { text: "建议三。".into(), ..Default::default() }])
        .expect("an item of the activity");
    let as_topic = DutyInput { kind: Some(DutyKind::Research), ..DutyInput::from(&g) };
    let err = update_duty(&mut db, g.id, &as_topic).expect_err("an activity with items stays one");
    assert!(err.to_string().contains("已登记1条意见建议"), "{err}");

    let err = list_items(db.conn(), ItemSource::Meeting(999)).expect_err("no such meeting");
    assert_eq!(err.code(), "not_found", "{err}");

    let list = list_consultations(db.conn(), &Period::year(2020).expect("2020")).expect("consultations");
    let shown: Vec<(ItemSource, &str, u32, u32)> =
        list.iter().map(|c| (c.source, c.kind.as_str(), c.items, c.answered)).collect();
    assert_eq!(
        shown,
        vec![(ItemSource::Duty(g.id), "协商在基层", 1, 0), (ItemSource::Meeting(m), "座谈协商", 2, 1)],
        "the period's consultations in date order, with items and answered items; not last year's, not the inspection"
    );
}
