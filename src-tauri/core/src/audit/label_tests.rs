//! Every entity, action, field and coded value the audit trail records has a Chinese label:
//! checked over the audit rows of the demo committee (built through the same functions a user's
//! actions use) and of further edits, and over every code of the coded enums.

use super::labels::{all_codes, value_label};
use super::*;
use crate::db::Db;

/// Latin words left in a text shown to the user (paths and figures aside, there should be none).
fn english_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphabetic() || c == '_')).filter(|w| w.len() > 1).map(str::to_string).collect()
}

fn demo() -> Db {
    let mut db = Db::open_in_memory().expect("db");
    crate::demo::build(&mut db).expect("demo");
    db
}

#[test]
fn every_code_of_the_coded_enums_has_a_label() {
    for (kind, code) in all_codes() {
        let label = value_label(kind, &code);
        assert!(label.is_some_and(|l| english_words(l).is_empty()), "{kind:?} {code} has no Chinese label");
    }
}

#[test]
fn every_audit_row_of_the_demo_and_of_edits_is_described_in_chinese() {
    let mut db = demo();
    // Edits the demo does not make: a pair confirmed distinct, a leave cancelled, settings.
    crate::settings::set_operator(&mut db, "王秘书").expect("operator");
    crate::roster::confirm_distinct(&mut db, 1, 2).expect("distinct");
    crate::attendance::cancel_leave(&mut db, 1, "会议改期").expect("cancel");
    crate::documents::fonts::set_use_system_fonts(&mut db, false).expect("fonts");
    crate::year::set_item_feedback(
        &mut db,
        1,
        &crate::year::ItemFeedback {
            receiving_body: "市人民政府".into(),
            adoption: Some(crate::opinions::Adoption::Adopted),
            reply: "已采纳".into(),
            feedback_on: Some("2020-07-01".into()),
        },
    )
    .expect("item feedback");
    // Corrections entered on the 履职活动登记 page: a duty and an item.
    let period = crate::year::Period::year(2020).expect("2020");
    let topic = crate::year::list_duties(db.conn(), Some(crate::year::DutyKind::Research), &period).expect("duties");
    let mut input = crate::year::DutyInput {
        kind: Some(topic[0].kind),
        title: format!("{}（更正）", topic[0].title),
        start_date: topic[0].start_date.clone(),
        end_date: topic[0].end_date.clone(),
        members: topic[0].members.iter().skip(1).map(|m| m.member_id).collect(),
        ..Default::default()
    };
    input.lead_members = vec![topic[0].members[0].member_id];
    crate::year::update_duty(&mut db, topic[0].id, &input).expect("duty corrected");
    crate::year::update_item(
        &mut db,
        1,
        &crate::year::ItemInput { text: "建议加快老旧小区改造。".into(), ..Default::default() },
    )
    .expect("item corrected");
    let entries = list(db.conn(), &AuditFilter { limit: Some(1000), ..Default::default() }).expect("list");
    let mut all = entries.clone();
    let mut before = entries.last().map(|e| e.id);
    while let Some(b) = before {
        let page = list(db.conn(), &AuditFilter { before_id: Some(b), limit: Some(1000), ..Default::default() })
            .expect("page");
        before = page.last().map(|e| e.id);
        all.extend(page);
    }
    assert!(all.len() > 1000, "the demo writes many audit rows: {}", all.len());
    let missing = missing_labels(db.conn(), &all);
    assert!(missing.is_empty(), "audit codes with no Chinese label:\n{}", missing.join("\n"));
    for r in describe_all(db.conn(), &all) {
        let shown = format!(
            "{} {} {} {}",
            r.when,
            r.subject,
            r.action,
            r.changes.iter().map(|c| format!("{}：{} → {}", c.field, c.old, c.new)).collect::<Vec<_>>().join("；")
        );
        assert!(!shown.contains("_id") && !shown.contains("T0") && !shown.contains("+0"), "raw key or time: {shown}");
        let words: Vec<String> = english_words(&format!("{} {} {}", r.when, r.subject, r.action));
        assert!(words.is_empty(), "English in «{shown}»: {words:?}");
        for c in &r.changes {
            assert!(english_words(&c.field).is_empty(), "field label «{}» in «{shown}»", c.field);
        }
    }
}

#[test]
fn times_are_local_and_written_the_chinese_way() {
    let t = time_text("2026-12-02T02:08:14+00:00");
    let expected = chrono::DateTime::parse_from_rfc3339("2026-12-02T02:08:14+00:00")
        .expect("time")
        .with_timezone(&chrono::Local)
        .format("%Y年%-m月%-d日 %H:%M")
        .to_string();
    assert_eq!(t, expected, "in the computer's time zone");
    assert!(t.starts_with("2026年12月") && !t.contains('T') && !t.contains("+00"), "{t}");
    assert_eq!(date_text("2021-01-09"), "2021年1月9日");
}

#[test]
fn a_feedback_and_a_new_member_read_as_a_clerk_would_say_them() {
    let db = demo();
    let feedback =
        list_described(db.conn(), &AuditFilter { entity: Some("opinion_feedback".into()), ..Default::default() })
            .expect("list");
    let partly = feedback
        .iter()
        .find(|r| r.changes.iter().any(|c| c.field == "采纳情况" && c.new == "部分采纳"))
        .expect("a feedback «部分采纳» in the demo, not «adoption：partly_adopted»");
    assert!(partly.subject.starts_with("协商意见反馈 《") && partly.subject.ends_with('条'), "{}", partly.subject);
    assert_eq!(partly.action, "修改");

    let member = list_described(
        db.conn(),
        &AuditFilter { entity: Some("member".into()), entity_id: Some("1".into()), ..Default::default() },
    )
    .expect("member");
    let created = member.iter().find(|r| r.action == "新建").expect("the member's creation, «新建» not «create»");
    assert_eq!(created.changes[0].field, "姓名", "the name comes first: {:?}", created.changes);
    assert!(created.changes.iter().all(|c| c.new != "否" && !c.new.is_empty()), "no empty fields on a new record");
}
