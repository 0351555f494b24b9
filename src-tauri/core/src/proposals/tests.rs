//! Proposals on an in-memory database: the whole path add → review → assign → answer → rate,
//! the rules that refuse, the statistics and the lists behind them, and the demo's figures.

use super::*;
use crate::db::Db;

const TODAY: &str = "2020-12-31";

struct Fx {
    session: i64,
    m1: i64,
    m2: i64,
    m3: i64,
    u1: i64,
    u2: i64,
}

fn fixture() -> (Db, Fx) {
    let mut db = Db::open_in_memory().expect("db");
    let c = db.fixture_conn();
    c.execute_batch(
        "INSERT INTO sessions (term_number, session_number, name, year, opened_on) VALUES (6, 4, '六届四次会议', 2020, '2020-01-06');
         INSERT INTO sessions (term_number, session_number, name, year, opened_on) VALUES (6, 5, '六届五次会议', 2021, '2021-01-19');
         INSERT INTO sectors (name, sort_order) VALUES ('经济界', 1);
         INSERT INTO members (member_no, name, sector_id, joined_on, created_at, updated_at) VALUES ('A1', '张三', 1, '2017-01-01', 'x', 'x');
         INSERT INTO members (member_no, name, sector_id, joined_on, created_at, updated_at) VALUES ('A2', '李四', 1, '2017-01-01', 'x', 'x');
         INSERT INTO members (member_no, name, joined_on, created_at, updated_at) VALUES ('A3', '王五', '2017-01-01', 'x', 'x');",
    )
    .expect("fixture");
    let u1 = add_unit(&mut db, "市教育体育局").expect("unit").id;
    let u2 = add_unit(&mut db, "市财政局").expect("unit").id;
    (db, Fx { session: 1, m1: 1, m2: 2, m3: 3, u1, u2 })
}

fn input(fx: &Fx, title: &str, submitters: &[i64]) -> ProposalInput {
    ProposalInput {
        session_id: fx.session,
        during_plenary: true,
        submitter_ids: submitters.to_vec(),
        collective_kind: None,
        collective_name: String::new(),
        title: title.into(),
        category: "社会建设".into(),
        case_text: "案由".into(),
        suggestions: "建议".into(),
        received_on: "2020-01-07".into(),
    }
}

fn collective(fx: &Fx, title: &str) -> ProposalInput {
    ProposalInput {
        collective_kind: Some(CollectiveKind::Party),
        collective_name: "民盟安宁市总支".into(),
        ..input(fx, title, &[])
    }
}

fn assign(db: &mut Db, id: i64, fx: &Fx) -> Proposal {
    assign_proposal(
        db,
        id,
        &AssignInput {
            lead_unit_id: fx.u1,
            co_unit_ids: vec![fx.u2],
            assigned_on: "2020-03-01".into(),
            deadline: None,
            key_proposal: false,
            supervisor_id: None,
        },
    )
    .expect("assign")
}

fn answer(class: AnswerClass, on: &str) -> AnswerInput {
    AnswerInput { answered_on: on.into(), answer_class: class, text: "已办理。".into(), file_path: String::new() }
}

fn audit_actions(db: &Db, id: i64) -> Vec<String> {
    db.conn()
        .prepare("SELECT action FROM audit_log WHERE entity = 'proposal' AND entity_id = ?1 ORDER BY id")
        .expect("prepare")
        .query_map([id.to_string()], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

#[test]
fn a_proposal_goes_from_arrival_to_the_visit_and_every_step_is_audited() {
    let (mut db, fx) = fixture();
    let mut i = input(&fx, "关于加强\n校园周边\u{3000}交通安全的建议", &[fx.m1, fx.m2]);
    i.suggestions = "一是增设信号灯；\r\n\r\n二是错峰放学。".into();
    let p = add_proposal(&mut db, &i).expect("add");
    assert_eq!(p.title, "关于加强校园周边交通安全的建议", "pasted layout is cleaned from the title");
    assert_eq!(p.submitter_label, "张三、李四", "first submitter, then the joint submitter");
    assert_eq!(p.sector, "经济界", "the sector is the first submitter's");
    assert_eq!(p.stage, ProposalStage::Received);

    let p = file_proposal(&mut db, p.id, None, "2020-02-20").expect("file");
    assert_eq!((p.number, p.number_label.as_str()), (Some(1), "第1号"));
    let p = assign(&mut db, p.id, &fx);
    assert_eq!(p.deadline.as_deref(), Some("2020-06-01"), "three months after assignment by default");
    assert_eq!(p.lead_unit.as_deref(), Some("市教育体育局"));
    assert_eq!(p.co_units, vec!["市财政局".to_string()]);
    assert_eq!(p.stage, ProposalStage::Assigned);
    record_talk(&mut db, p.id, "2020-03-20").expect("talk");
    let p = answer_proposal(&mut db, p.id, &answer(AnswerClass::B, "2020-05-01")).expect("answer");
    assert_eq!(p.stage, ProposalStage::Answered);
    let p = rate_proposal(&mut db, p.id, Rating::Unsatisfied, "2020-05-10").expect("rate");
    assert_eq!(p.stage, ProposalStage::Assigned, "不满意 sends it back for re-handling");
    let p = answer_proposal(&mut db, p.id, &answer(AnswerClass::A, "2020-06-01")).expect("second answer");
    assert_eq!(p.answers.len(), 2, "both answers are kept");
    assert_eq!(p.answers[0].rating, Some(Rating::Unsatisfied));
    let p = rate_proposal(&mut db, p.id, Rating::Satisfied, "2020-06-10").expect("rate again");
    let p = record_visit(&mut db, p.id, "2020-06-20", "满意").expect("visit");
    assert_eq!(p.stage, ProposalStage::Visited);
    assert_eq!(
        audit_actions(&db, p.id),
        vec!["create", "file", "assign", "talk", "answer", "rate", "answer", "rate", "visit"],
        "every change is in the audit trail"
    );
}

#[test]
fn numbers_run_within_the_session_and_are_never_reused() {
    let (mut db, fx) = fixture();
    let a = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1])).expect("a").id;
    let b = add_proposal(&mut db, &input(&fx, "关于乙的建议", &[fx.m2])).expect("b").id;
    let c = add_proposal(&mut db, &input(&fx, "关于丙的建议", &[fx.m3])).expect("c").id;
    let mut other = input(&fx, "关于丁的建议", &[fx.m1]);
    other.session_id = 2;
    let d = add_proposal(&mut db, &other).expect("d").id;
    assert_eq!(file_proposal(&mut db, a, None, "2020-02-20").expect("a").number, Some(1));
    withdraw_proposal(&mut db, a, "张三", "本人申请撤回", "2020-02-21").expect("withdraw");
    assert_eq!(
        file_proposal(&mut db, b, None, "2020-02-22").expect("b").number,
        Some(2),
        "a withdrawn number is not reused"
    );
    let err = file_proposal(&mut db, c, Some(2), "2020-02-22").expect_err("number used");
    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.to_string().contains("第2号"), "{err}");
    assert_eq!(file_proposal(&mut db, d, None, "2021-02-20").expect("d").number, Some(1), "each session starts at 1");
    let err = file_proposal(&mut db, a, None, "2020-02-22").expect_err("withdrawn");
    assert!(err.to_string().contains("已撤案"), "a withdrawn proposal cannot be reviewed: {err}");
    let a = get_proposal(db.conn(), a, TODAY).expect("a");
    assert_eq!((a.stage, a.withdrawn_by.as_str()), (ProposalStage::Withdrawn, "张三"), "kept, marked 撤案");
}

#[test]
fn refusals_leave_nothing_written() {
    let (mut db, fx) = fixture();
    let audit =
        |db: &Db| -> i64 { db.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("n") };
    let before = audit(&db);
    assert_eq!(add_proposal(&mut db, &input(&fx, "关于的建议", &[99])).expect_err("member").code(), "not_found");
    assert_eq!(add_proposal(&mut db, &input(&fx, "  ", &[fx.m1])).expect_err("title").code(), "invalid");
    let mut bad = input(&fx, "关于甲的建议", &[fx.m1]);
    bad.category = "体育".into();
    assert!(add_proposal(&mut db, &bad).expect_err("category").to_string().contains("经济建设"));
    assert_eq!(audit(&db), before, "nothing written");
    let p = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1])).expect("add").id;
    let err = rate_proposal(&mut db, p, Rating::Satisfied, "2020-05-01").expect_err("not filed");
    assert_eq!(err.code(), "conflict");
    file_proposal(&mut db, p, None, "2020-02-20").expect("file");
    assign(&mut db, p, &fx);
    let err = rate_proposal(&mut db, p, Rating::Satisfied, "2020-05-01").expect_err("before answer");
    assert!(err.to_string().contains("请先记录答复"), "{err}");
    let err = assign_proposal(
        &mut db,
        p,
        &AssignInput { lead_unit_id: 77, assigned_on: "2020-03-01".into(), ..Default::default() },
    )
    .expect_err("unknown unit");
    assert_eq!(err.code(), "not_found");
    let err = reject_proposal(&mut db, p, "重复", NotFiledOutcome::Letter, "2020-02-20").expect_err("twice");
    assert!(err.to_string().contains("不能重复审查"), "{err}");
}

#[test]
fn not_filed_and_merged_proposals_count_as_received_and_keep_credit() {
    let (mut db, fx) = fixture();
    let a = add_proposal(&mut db, &input(&fx, "关于校园周边交通安全的建议", &[fx.m1])).expect("a").id;
    let b = add_proposal(&mut db, &input(&fx, "关于加强校园周边交通安全管理的建议", &[fx.m2])).expect("b").id;
    let c = add_proposal(&mut db, &collective(&fx, "关于发展夜间经济的建议")).expect("c").id;
    let d = add_proposal(&mut db, &input(&fx, "关于某小区漏水的建议", &[fx.m3])).expect("d").id;
    let hints = similar_proposals(db.conn(), b, 5).expect("similar");
    assert_eq!(hints.first().map(|h| h.id), Some(a), "the near duplicate is hinted: {hints:?}");
    assert!(hints.iter().all(|h| h.id != c), "an unrelated one is not: {hints:?}");
    let err = merge_proposal(&mut db, b, a, "2020-02-20").expect_err("case not filed");
    assert!(err.to_string().contains("请先给它立案"), "{err}");
    file_proposal(&mut db, a, None, "2020-02-20").expect("a");
    let merged = merge_proposal(&mut db, b, a, "2020-02-20").expect("merge");
    assert_eq!(merged.number_label, "第1号（并案）");
    file_proposal(&mut db, c, None, "2020-02-20").expect("c");
    let r = reject_proposal(&mut db, d, "属个人诉求", NotFiledOutcome::Sqmy, "2020-02-20").expect("reject");
    assert_eq!(r.outcome, Some(NotFiledOutcome::Sqmy));
    // Turned into 社情民意信息: an item of the 社情民意 work, linked back, with its submitter.
    let (title, source, from, member): (String, String, Option<i64>, i64) = db
        .conn()
        .query_row(
            "SELECT i.title, i.source, i.from_proposal, m.member_id
               FROM sqmy_items i JOIN sqmy_item_members m ON m.item_id = i.id WHERE i.from_proposal = ?1",
            [d],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the 社情民意 item made from the proposal");
    assert_eq!(
        (title.as_str(), source.as_str(), from, member),
        ("关于某小区漏水的建议", crate::sqmy::SqmySource::Proposal.code(), Some(d), fx.m3)
    );
    assign(&mut db, a, &fx);
    answer_proposal(&mut db, a, &answer(AnswerClass::A, "2020-04-01")).expect("answer");
    let err = answer_proposal(&mut db, b, &answer(AnswerClass::A, "2020-04-01")).expect_err("merged");
    assert!(err.to_string().contains("主案第1号"), "a merged proposal is handled on its case: {err}");

    let s = proposal_stats(db.conn(), &StatsScope { session_id: Some(fx.session), ..Default::default() }, TODAY)
        .expect("stats");
    assert_eq!((s.received, s.received_collective, s.received_members), (4, 1, 3));
    assert_eq!((s.filed, s.filed_collective, s.filed_members, s.merged), (3, 1, 2, 1));
    assert_eq!(s.not_filed, 1);
    assert_eq!(s.filing_rate, 75.0);
    assert_eq!(s.answered, 2, "the merged proposal is answered with its case");
    assert_eq!(s.answer_rate, 66.7);
    assert_eq!(s.by_outcome, vec![StatRow { key: "outcome:sqmy".into(), label: "转为社情民意信息".into(), count: 1 }]);
    let filed_members = list_proposals(
        db.conn(),
        &ProposalFilter { session_id: Some(fx.session), figure: Some("filed_members".into()), ..Default::default() },
        TODAY,
    )
    .expect("behind");
    assert_eq!(filed_members.iter().map(|p| p.id).collect::<Vec<_>>(), vec![a, b], "the proposals behind a figure");
    let unit = list_proposals(
        db.conn(),
        &ProposalFilter { figure: Some("unit:市财政局".into()), ..Default::default() },
        TODAY,
    )
    .expect("unit");
    assert_eq!(unit.len(), 2, "a co-handling unit counts the case and the merged proposal");
    let err = list_proposals(db.conn(), &ProposalFilter { figure: Some("bogus".into()), ..Default::default() }, TODAY)
        .expect_err("unknown figure");
    assert_eq!(err.code(), "invalid");
}

#[test]
fn overdue_is_an_assigned_unanswered_proposal_past_its_deadline() {
    let (mut db, fx) = fixture();
    let p = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1])).expect("a").id;
    file_proposal(&mut db, p, None, "2020-02-20").expect("file");
    assign(&mut db, p, &fx);
    assert!(!get_proposal(db.conn(), p, "2020-06-01").expect("p").overdue, "due on the deadline itself");
    assert!(get_proposal(db.conn(), p, "2020-06-02").expect("p").overdue, "overdue the day after");
    let s = proposal_stats(db.conn(), &year_scope(2020), "2020-06-02").expect("stats");
    assert_eq!(s.overdue, 1);
    answer_proposal(&mut db, p, &answer(AnswerClass::C, "2020-06-05")).expect("answer");
    assert!(!get_proposal(db.conn(), p, "2020-07-01").expect("p").overdue, "answered late is no longer overdue");
}

#[test]
fn settings_have_defaults_and_can_be_edited() {
    let (mut db, fx) = fixture();
    let s = proposal_settings(db.conn()).expect("settings");
    assert_eq!(s.categories, DEFAULT_CATEGORIES.map(String::from).to_vec());
    assert_eq!(s.answer_class_labels[0], "所提问题已经解决或基本解决");
    let mut edited = s.clone();
    edited.deadline_months = 2;
    edited.categories.push("营商环境".into());
    save_proposal_settings(&mut db, &edited).expect("save");
    let p =
        add_proposal(&mut db, &ProposalInput { category: "营商环境".into(), ..input(&fx, "关于甲的建议", &[fx.m1]) })
            .expect("new category");
    file_proposal(&mut db, p.id, None, "2020-02-20").expect("file");
    assert_eq!(assign(&mut db, p.id, &fx).deadline.as_deref(), Some("2020-05-01"), "two months as configured");
    edited.deadline_months = 0;
    assert_eq!(save_proposal_settings(&mut db, &edited).expect_err("0 months").code(), "invalid");
}

#[test]
fn the_demo_reproduces_the_seed_year() {
    let mut db = Db::open_in_memory().expect("db");
    crate::demo::build(&mut db).expect("demo");
    let session: i64 =
        db.conn().query_row("SELECT id FROM sessions WHERE name = '六届四次会议'", [], |r| r.get(0)).expect("session");
    let s = proposal_stats(db.conn(), &StatsScope { session_id: Some(session), ..Default::default() }, "2026-01-01")
        .expect("stats");
    assert_eq!(
        (s.received, s.received_collective, s.received_members),
        (202, 40, 162),
        "202 received: 40 collective, 162 by members"
    );
    assert_eq!((s.filed, s.filed_collective, s.filed_members), (153, 36, 117), "153 filed: 36 + 117");
    assert_eq!(s.not_filed, 49);
    assert_eq!((s.filing_rate, s.filed_collective_share, s.filed_members_share), (75.7, 23.5, 76.5));
    assert_eq!(
        (s.talk_rate, s.answer_rate, s.visit_rate, s.satisfaction_rate),
        (100.0, 100.0, 100.0, 100.0),
        "every filed one talked over, answered, visited and rated satisfied"
    );
    assert_eq!(s.overdue, 0);
    assert_eq!(s.by_outcome.iter().map(|r| r.count).sum::<u32>(), 49, "each not-filed one has an outcome");
    assert_eq!(s.by_category.len(), 6, "all six default categories occur");
    let cat = catalogue_document(db.conn(), session, "2026-01-01").expect("catalogue");
    assert!(cat.title.contains("六届四次会议提案目录"));
}

#[test]
fn every_audit_row_of_the_proposals_work_is_described_in_chinese() {
    let (mut db, fx) = fixture();
    let a = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1, fx.m2])).expect("a").id;
    update_proposal(&mut db, a, &collective(&fx, "关于甲的建议")).expect("corrected to a collective proposal");
    let b = add_proposal(&mut db, &input(&fx, "关于乙的建议", &[fx.m3])).expect("b").id;
    let c = add_proposal(&mut db, &input(&fx, "关于丙的建议", &[fx.m3])).expect("c").id;
    file_proposal(&mut db, a, None, "2020-02-20").expect("file");
    merge_proposal(&mut db, b, a, "2020-02-20").expect("merge");
    reject_proposal(&mut db, c, "不属于政协提案范围", NotFiledOutcome::Returned, "2020-02-20").expect("reject");
    assign_proposal(
        &mut db,
        a,
        &AssignInput {
            lead_unit_id: fx.u1,
            co_unit_ids: vec![fx.u2],
            assigned_on: "2020-03-01".into(),
            deadline: Some("2020-05-01".into()),
            key_proposal: true,
            supervisor_id: Some(fx.m1),
        },
    )
    .expect("assign");
    assign(&mut db, a, &fx);
    record_talk(&mut db, a, "2020-03-10").expect("talk");
    answer_proposal(&mut db, a, &answer(AnswerClass::A, "2020-04-01")).expect("answer");
    rate_proposal(&mut db, a, Rating::BasicallySatisfied, "2020-04-10").expect("rate");
    record_visit(&mut db, a, "2020-04-20", "").expect("visit");
    let d = add_proposal(&mut db, &input(&fx, "关于丁的建议", &[fx.m1])).expect("d").id;
    withdraw_proposal(&mut db, d, "张三", "已另行反映", "2020-03-01").expect("withdraw");
    update_unit(&mut db, fx.u2, "市财政局（国资委）", false).expect("unit");
    let s = proposal_settings(db.conn()).expect("settings");
    save_proposal_settings(&mut db, &ProposalSettings { deadline_months: 2, ..s }).expect("settings");
    let all = crate::audit::list(db.conn(), &crate::audit::AuditFilter { limit: Some(1000), ..Default::default() })
        .expect("audit");
    let missing = crate::audit::missing_labels(db.conn(), &all);
    assert!(missing.is_empty(), "audit codes with no Chinese label:\n{}", missing.join("\n"));
}

#[test]
fn the_list_leaves_the_long_texts_out_unless_asked_and_still_searches_them() {
    let (mut db, fx) = fixture();
    let mut i = input(&fx, "关于甲的建议", &[fx.m1]);
    i.case_text = "老旧小区加装电梯进展缓慢。".into();
    i.suggestions = "建议简化审批流程。".into();
    let a = add_proposal(&mut db, &i).expect("a").id;
    add_proposal(&mut db, &input(&fx, "关于乙的建议", &[fx.m2])).expect("b");
    file_proposal(&mut db, a, None, "2020-02-20").expect("file");
    assign(&mut db, a, &fx);
    answer_proposal(&mut db, a, &answer(AnswerClass::A, "2020-04-01")).expect("answer");
    let filter = ProposalFilter { session_id: Some(fx.session), ..Default::default() };
    let brief = list_proposals(db.conn(), &filter, TODAY).expect("list");
    let full = list_proposals(db.conn(), &ProposalFilter { with_texts: true, ..filter.clone() }, TODAY).expect("full");
    assert_eq!(brief.len(), 2);
    assert!(brief.iter().all(|p| p.case_text.is_empty() && p.suggestions.is_empty()), "no 案由 / 建议 in the table");
    assert_eq!(brief[0].answers[0].text, "", "nor the answer's text");
    assert_eq!(brief[0].answers[0].answer_class, AnswerClass::A, "but the answer itself is there");
    assert_eq!(full[0].case_text, "老旧小区加装电梯进展缓慢。", "asked for, the texts are loaded");
    assert_eq!(full[0].answers[0].text, "已办理。");
    assert_eq!(full[0], get_proposal(db.conn(), a, TODAY).expect("one"), "as one proposal reads");
    let without_texts = |mut p: Proposal| {
        p.case_text.clear();
        p.suggestions.clear();
        p.answers.iter_mut().for_each(|x| x.text.clear());
        p
    };
    assert_eq!(brief, full.into_iter().map(without_texts).collect::<Vec<_>>(), "the rest is the same");
    for (query, with) in [("电梯 审批", true), ("电梯 审批", false), ("张三 电梯", false), ("电梯 李四", false)]
    {
        let found = list_proposals(
            db.conn(),
            &ProposalFilter { query: Some(query.into()), with_texts: with, ..filter.clone() },
            TODAY,
        )
        .expect("search");
        let expected = if query.contains("李四") { vec![] } else { vec![a] };
        assert_eq!(found.iter().map(|p| p.id).collect::<Vec<_>>(), expected, "«{query}» (texts loaded: {with})");
    }
}

#[test]
fn every_figure_of_the_statistics_lists_exactly_the_proposals_it_counts() {
    let (mut db, fx) = fixture();
    let a = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1])).expect("a").id;
    let b = add_proposal(&mut db, &input(&fx, "关于乙的建议", &[fx.m2])).expect("b").id;
    let c = add_proposal(&mut db, &collective(&fx, "关于丙的建议")).expect("c").id;
    let d = add_proposal(&mut db, &input(&fx, "关于丁的建议", &[fx.m3])).expect("d").id;
    add_proposal(&mut db, &input(&fx, "关于戊的建议", &[fx.m3])).expect("e");
    file_proposal(&mut db, a, None, "2020-02-20").expect("a");
    merge_proposal(&mut db, b, a, "2020-02-20").expect("merge");
    file_proposal(&mut db, c, None, "2020-02-20").expect("c");
    reject_proposal(&mut db, d, "属个人诉求", NotFiledOutcome::Letter, "2020-02-20").expect("reject");
    assign(&mut db, a, &fx);
    record_talk(&mut db, a, "2020-03-10").expect("talk");
    answer_proposal(&mut db, a, &answer(AnswerClass::B, "2020-04-01")).expect("answer");
    rate_proposal(&mut db, a, Rating::BasicallySatisfied, "2020-04-10").expect("rate");
    assign(&mut db, c, &fx);
    let scope = StatsScope { session_id: Some(fx.session), ..Default::default() };
    let s = proposal_stats(db.conn(), &scope, TODAY).expect("stats");
    let plain = [
        ("received", s.received),
        ("received_collective", s.received_collective),
        ("filed", s.filed),
        ("not_filed", s.not_filed),
        ("merged", s.merged),
        ("pending_review", s.pending_review),
        ("assigned", s.assigned),
        ("talked", s.talked),
        ("answered", s.answered),
        ("basically_satisfied", s.basically_satisfied),
        ("overdue", s.overdue),
    ];
    let rows = [&s.by_outcome, &s.by_category, &s.by_sector, &s.by_unit, &s.by_answer_class];
    let keyed = plain
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .chain(rows.iter().flat_map(|r| r.iter().map(|x| (x.key.clone(), x.count))));
    for (key, count) in keyed {
        let listed = list_proposals(
            db.conn(),
            &ProposalFilter { session_id: Some(fx.session), figure: Some(key.clone()), ..Default::default() },
            TODAY,
        )
        .expect("behind");
        assert_eq!(listed.len() as u32, count, "figure {key}");
    }
    assert_eq!((s.received, s.filed, s.merged, s.answered, s.overdue), (5, 3, 1, 2, 1));
    assert_eq!(
        s.by_unit.iter().map(|r| (r.key.as_str(), r.count)).collect::<Vec<_>>(),
        vec![("unit:市教育体育局", 3), ("unit:市财政局", 3)]
    );
    let p = get_proposal(db.conn(), b, TODAY).expect("b");
    assert_eq!(
        figures_of(&p),
        [
            "received",
            "received_members",
            "during_plenary",
            "category:社会建设",
            "sector:经济界",
            "filed",
            "filed_members",
            "merged",
            "assigned",
            "unit:市教育体育局",
            "unit:市财政局",
            "talked",
            "answered",
            "class:B",
            "rated",
            "basically_satisfied"
        ],
        "a merged proposal counts with its case's handling"
    );
}

#[test]
fn a_unit_is_renamed_or_stopped_but_never_lost() {
    let (mut db, fx) = fixture();
    let a = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1])).expect("a").id;
    file_proposal(&mut db, a, None, "2020-02-20").expect("file");
    assign(&mut db, a, &fx);
    let u = update_unit(&mut db, fx.u2, "  市财政局\n（国资委）", true).expect("rename");
    assert_eq!((u.name.as_str(), u.active), ("市财政局（国资委）", true), "the name is cleaned like any line");
    assert_eq!(get_proposal(db.conn(), a, TODAY).expect("a").co_units, vec!["市财政局（国资委）".to_string()]);
    let err = update_unit(&mut db, fx.u2, "市教育体育局", true).expect_err("clash");
    assert!(err.to_string().contains("已在名单中"), "{err}");
    let err = update_unit(&mut db, fx.u2, " ", true).expect_err("empty");
    assert_eq!(err.code(), "invalid");
    let err = add_unit(&mut db, "市财政局（国资委）").expect_err("twice");
    assert!(err.to_string().contains("已在名单中"), "{err}");
    update_unit(&mut db, fx.u2, "市财政局（国资委）", false).expect("stop");
    assert_eq!(list_units(db.conn(), false).expect("units").len(), 1, "a stopped unit is not offered");
    assert_eq!(list_units(db.conn(), true).expect("units").len(), 2, "but kept");
    let b = add_proposal(&mut db, &input(&fx, "关于乙的建议", &[fx.m2])).expect("b").id;
    file_proposal(&mut db, b, None, "2020-02-20").expect("file");
    let err = assign_proposal(
        &mut db,
        b,
        &AssignInput { lead_unit_id: fx.u2, assigned_on: "2020-03-01".into(), ..Default::default() },
    )
    .expect_err("stopped");
    assert!(err.to_string().contains("已停用"), "{err}");
    let s = proposal_stats(db.conn(), &StatsScope { session_id: Some(fx.session), ..Default::default() }, TODAY)
        .expect("stats");
    assert!(s.by_unit.iter().any(|r| r.key == "unit:市财政局（国资委）" && r.count == 1), "{:?}", s.by_unit);
    let actions: Vec<String> = db
        .conn()
        .prepare("SELECT action FROM audit_log WHERE entity = 'proposal_unit' AND entity_id = ?1 ORDER BY id")
        .expect("prepare")
        .query_map([fx.u2.to_string()], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(actions, ["create", "update", "update"], "every change of the list is audited");
}

#[test]
fn a_letter_goes_to_each_unit_with_its_cases_of_the_session() {
    let (mut db, fx) = fixture();
    crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
    let a = add_proposal(&mut db, &input(&fx, "关于甲的建议", &[fx.m1])).expect("a").id;
    let b = add_proposal(&mut db, &input(&fx, "关于乙的建议", &[fx.m2])).expect("b").id;
    let c = add_proposal(&mut db, &input(&fx, "关于丙的建议", &[fx.m3])).expect("c").id;
    let w = add_proposal(&mut db, &input(&fx, "关于丁的建议", &[fx.m3])).expect("w").id;
    let u3 = add_unit(&mut db, "市民政局").expect("unit").id;
    for id in [a, c, w] {
        file_proposal(&mut db, id, None, "2020-02-20").expect("file");
    }
    merge_proposal(&mut db, b, a, "2020-02-20").expect("merge");
    assign(&mut db, a, &fx);
    let only_lead = |lead| AssignInput { lead_unit_id: lead, assigned_on: "2020-03-01".into(), ..Default::default() };
    assign_proposal(&mut db, c, &only_lead(fx.u2)).expect("assign c");
    assign_proposal(&mut db, w, &only_lead(u3)).expect("assign w");
    withdraw_proposal(&mut db, w, "王五", "已另行反映", "2020-03-05").expect("withdraw");
    let units = letter_units(db.conn(), fx.session, TODAY).expect("units");
    assert_eq!(
        units.iter().map(|u| (u.name.as_str(), u.lead, u.co)).collect::<Vec<_>>(),
        vec![("市教育体育局", 1, 0), ("市财政局", 1, 1)],
        "the merged proposal goes with its case, the withdrawn one to nobody, a unit without any gets no letter"
    );
    let d = letter_document(db.conn(), fx.session, fx.u2, TODAY).expect("letter");
    let text = format!("{d:?}");
    assert!(text.contains("关于甲的建议") && text.contains("关于丙的建议"), "the unit's cases are listed");
    assert!(!text.contains("关于乙的建议"), "the merged proposal is not listed twice");
    assert!(letter_document(db.conn(), fx.session, u3, TODAY).is_err(), "no letter without proposals");
    let err = letter_units(db.conn(), 99, TODAY).expect_err("no such session");
    assert_eq!(err.code(), "not_found");
}

#[test]
fn settings_typed_with_spaces_are_kept_without_them() {
    let (mut db, _) = fixture();
    let s = proposal_settings(db.conn()).expect("settings");
    let saved = save_proposal_settings(
        &mut db,
        &ProposalSettings {
            categories: vec![" 经济建设".into(), "经济建设 ".into(), "  ".into(), "其他".into()],
            answer_class_labels: vec![" 已解决".into(), "正在解决".into(), "留作参考 ".into()],
            ..s
        },
    )
    .expect("save");
    assert_eq!(saved.categories, ["经济建设", "其他"], "trimmed, repeats and blanks dropped");
    assert_eq!(saved.answer_class_labels, ["已解决", "正在解决", "留作参考"]);
    let err = save_proposal_settings(
        &mut db,
        &ProposalSettings { answer_class_labels: vec!["已解决".into(), " ".into(), "留作参考".into()], ..saved },
    )
    .expect_err("a blank label");
    assert_eq!(err.code(), "invalid");
}
