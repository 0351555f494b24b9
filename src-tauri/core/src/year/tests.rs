use super::*;
use crate::db::Db;
use crate::meetings::{create_meeting, MeetingInput, MeetingKind};
use crate::roster::{self, MemberInput};

fn y2020() -> Period {
    Period::year(2020).expect("2020")
}

fn member(db: &mut Db, name: &str) -> i64 {
    roster::create(db, &MemberInput { name: name.into(), joined_on: "2017-01-10".into(), ..Default::default() })
        .expect("member")
        .id
}

pub(super) fn meeting(db: &mut Db, kind: MeetingKind, topical: bool, title: &str, date: &str) -> i64 {
    create_meeting(
        db,
        &MeetingInput {
            kind,
            title: title.into(),
            session_id: None,
            ordinal: None,
            topical,
            enlarged: false,
            start_date: date.into(),
            end_date: date.into(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting")
    .id
}

#[test]
fn an_empty_file_gives_zero_for_every_figure() {
    let db = Db::open_in_memory().expect("db");
    let f = figures(db.conn(), &y2020()).expect("figures");
    for key in keys() {
        let v = f.figure(key).unwrap_or_else(|| panic!("figure {key} is missing"));
        assert_eq!(v.value, 0.0, "{key} with no records is 0");
        assert!(records(db.conn(), &y2020(), key).expect("records").is_empty(), "{key} lists no records");
    }
    let map = f.map();
    assert_eq!(map.len(), keys().len(), "one JSON key per figure");
    assert_eq!(map["study_group_meetings"], serde_json::json!(0));
}

#[test]
fn figures_count_the_records_of_the_period_and_list_them() {
    let mut db = Db::open_in_memory().expect("db");
    let a = member(&mut db, "张三");
    let b = member(&mut db, "李四");
    let sc = meeting(&mut db, MeetingKind::StandingCommittee, true, "常委会第二十一次会议（专题议政）", "2020-05-21");
    meeting(&mut db, MeetingKind::StandingCommittee, false, "常委会第二十二次会议", "2020-06-18");
    meeting(&mut db, MeetingKind::StandingCommittee, false, "常委会第十八次会议", "2019-12-20");
    let items = add_items(
        &mut db,
        ItemSource::Meeting(sc),
        &[
            ItemInput { text: "建议完善政务服务。".into(), speakers: vec![a], ..Default::default() },
            ItemInput {
                text: "建议加强\u{b}融资担保。\r\n".into(), speakers: vec![a, b], ..Default::default()
            },
        ],
    )
    .expect("items");
    assert_eq!(items.iter().map(|i| i.seq).collect::<Vec<_>>(), vec![1, 2], "numbered in order");
    assert_eq!(items[1].text, "建议加强融资担保。", "pasted control characters and line breaks go");
    let more =
        add_items(&mut db, ItemSource::Meeting(sc), &[ItemInput { text: "建议三".into(), ..Default::default() }])
            .expect("more");
    assert_eq!(more[0].seq, 3, "numbered after the last one");
    create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Delegation),
            title: "接待楚雄州政协考察团".into(),
            start_date: "2020-06-19".into(),
            person_times: 12,
            ..Default::default()
        },
    )
    .expect("delegation");
    create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Delegation),
            title: "接待玉溪市政协考察团".into(),
            start_date: "2020-07-02".into(),
            person_times: 15,
            ..Default::default()
        },
    )
    .expect("delegation");
    let research = create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Research),
            title: "关于民营经济的调研".into(),
            start_date: "2020-04-07".into(),
            end_date: "2020-05-29".into(),
            report_title: "调研报告".into(),
            members: vec![b, a],
            lead_members: vec![a],
            ..Default::default()
        },
    )
    .expect("research");
    assert_eq!(
        research.members.iter().map(|m| (m.name.as_str(), m.lead)).collect::<Vec<_>>(),
        vec![("张三", true), ("李四", false)]
    );
    roster::record_suspension(&mut db, b, "2020-09-24", Some("2020-12-31"), "常委会决定").expect("suspend");

    let f = figures(db.conn(), &y2020()).expect("figures");
    assert_eq!(f.int("standing_committee_meetings"), 2, "the 2019 meeting is outside the year");
    assert_eq!(f.int("topical_standing_committee_meetings"), 1);
    assert_eq!(f.int("topical_standing_committee_items"), 3);
    assert_eq!(f.int("delegations"), 2);
    assert_eq!(f.int("delegation_person_times"), 27, "person-times are summed");
    assert_eq!(f.int("research_topics"), 1);
    assert_eq!(f.int("members_suspended"), 1);
    let behind = records(db.conn(), &y2020(), "delegation_person_times").expect("records");
    assert_eq!(behind.iter().map(|r| r.detail.as_str()).collect::<Vec<_>>(), vec!["12人次", "15人次"]);
    let behind = records(db.conn(), &y2020(), "topical_standing_committee_items").expect("records");
    assert_eq!(behind.len(), 3);
    assert!(behind[0].detail.ends_with("第1条"), "{:?}", behind[0]);
    assert_eq!(behind[0].date, "2020年5月21日");
    let suspended = records(db.conn(), &y2020(), "members_suspended").expect("records");
    assert_eq!((suspended[0].title.as_str(), suspended[0].kind.as_str()), ("李四", "暂停委员职务"));
    let ev = roster::events(db.conn(), b).expect("events");
    assert_eq!(ev.last().and_then(|e| e.until.clone()).as_deref(), Some("2020-12-31"), "the suspension keeps its end");

    let half = Period::between("2020-01-01", "2020-06-30").expect("half");
    let h = figures(db.conn(), &half).expect("half-year");
    assert_eq!((h.int("standing_committee_meetings"), h.int("delegations")), (2, 1), "any period: May and June");
    assert_eq!(h.title, "2020年1月1日至2020年6月30日");
}

#[test]
fn a_clerks_mistakes_are_refused_with_their_field() {
    let mut db = Db::open_in_memory().expect("db");
    let ordinary = meeting(&mut db, MeetingKind::StandingCommittee, false, "常委会第二十二次会议", "2020-06-18");
    let err =
        add_items(&mut db, ItemSource::Meeting(ordinary), &[ItemInput { text: "建议".into(), ..Default::default() }])
            .expect_err("not a consultation");
    assert_eq!(err.code(), "conflict");
    let forum = meeting(&mut db, MeetingKind::Forum, false, "座谈协商会", "2020-06-18");
    let err = add_items(
        &mut db,
        ItemSource::Meeting(forum),
        &[
            ItemInput { text: "建议一".into(), ..Default::default() },
            ItemInput { text: " \n ".into(), ..Default::default() },
        ],
    )
    .expect_err("an empty item");
    assert!(err.to_string().contains("第2条"), "{err}");
    assert!(list_items(db.conn(), ItemSource::Meeting(forum)).expect("items").is_empty(), "all or nothing");
    let err = create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Delegation),
            title: "接待".into(),
            start_date: "2020-06-01".into(),
            ..Default::default()
        },
    )
    .expect_err("no person-times");
    assert!(err.to_string().contains("人次"), "{err}");
    let err = create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Research),
            title: "调研".into(),
            start_date: "2020-06-31".into(),
            ..Default::default()
        },
    )
    .expect_err("no such day");
    assert_eq!(err.code(), "invalid");
    let err = create_duty(
        &mut db,
        &DutyInput {
            kind: Some(DutyKind::Research),
            title: "调研".into(),
            start_date: "2020-06-30".into(),
            end_date: "2020-06-01".into(),
            ..Default::default()
        },
    )
    .expect_err("ends before it starts");
    assert!(err.to_string().contains("早于"), "{err}");
    assert!(Period::year(20200).is_err());
}

#[test]
fn the_draft_is_saved_per_period_and_falls_back_to_the_generated_text() {
    let mut db = Db::open_in_memory().expect("db");
    meeting(&mut db, MeetingKind::StudyGroup, false, "中心组学习", "2020-01-16");
    let generated = draft_text(db.conn(), &y2020()).expect("draft");
    assert!(generated.starts_with("一年来，共组织开展理论学习中心组学习1次，召开市政协党组会议0次"), "{generated}");
    save_draft(&mut db, &y2020(), "一年来，改过的稿子。\r\n第二段").expect("save");
    assert_eq!(draft_text(db.conn(), &y2020()).expect("draft"), "一年来，改过的稿子。\n第二段");
    save_draft(&mut db, &y2020(), "  ").expect("clear");
    assert_eq!(draft_text(db.conn(), &y2020()).expect("draft"), generated, "emptied: generated again");
}

/// The demo year 2020 reproduces every figure of DESIGN.md §6 this module owns.
#[test]
fn the_demo_year_2020_gives_the_work_reports_figures() {
    let mut db = Db::open_in_memory().expect("db");
    crate::demo::build(&mut db).expect("demo");
    let f = figures(db.conn(), &y2020()).expect("figures");
    let expected = [
        ("study_group_meetings", 9),
        ("party_group_meetings", 8),
        ("standing_committee_meetings", 9),
        ("chairs_council_meetings", 9),
        ("party_committee_reports", 2),
        ("plenary_opinions_government", 55),
        ("plenary_opinions_court", 24),
        ("plenary_opinions_procuratorate", 25),
        ("topical_standing_committee_meetings", 3),
        ("topical_standing_committee_items", 95),
        ("topical_consultations", 4),
        ("topical_consultation_items", 164),
        ("forums", 9),
        ("grassroots_activities", 15),
        ("research_topics", 4),
        ("inspection_topics", 5),
        ("delegations", 13),
        ("delegation_person_times", 196),
        ("training_person_times", 86),
        ("members_trained", 77),
        ("members_standing_resigned", 1),
        ("members_resigned", 7),
        ("members_revoked", 1),
        ("members_suspended", 1),
        ("proposals_received", 202),
        ("proposals_received_collective", 40),
        ("proposals_received_members", 162),
        ("proposals_filed", 153),
        ("proposals_filed_collective", 36),
        ("proposals_filed_members", 117),
        ("proposals_not_filed", 49),
        ("sqmy_items", 82),
        ("sqmy_issues", 54),
    ];
    let got: Vec<(&str, i64)> = expected.iter().map(|(k, _)| (*k, f.int(k))).collect();
    assert_eq!(got, expected.to_vec(), "the seed's figures");
    for (k, v) in expected {
        if !k.ends_with("person_times") {
            assert_eq!(records(db.conn(), &y2020(), k).expect("records").len() as i64, v, "{k}: one record per unit");
        }
    }
    let s = sentences(&f);
    assert_eq!(s[0], "一年来，共组织开展理论学习中心组学习9次，召开市政协党组会议8次、常委会会议9次、主席（扩大）会议9次，向市委报告工作2次。");
    assert!(
        s.iter().any(|l| l.contains(
            "召开专题议政性常委会3次，形成意见建议95条；召开专题协商会4次，形成意见建议164条；开展座谈协商9次"
        )),
        "{s:?}"
    );
    assert!(
        s.iter().any(|l| l.contains("接待考察团组13批196人次；组织委员外出培训86人次；举办委员培训班，77名委员参加")),
        "{s:?}"
    );
    assert!(f.int("sittings_held") > 0 && f.int("attendance_present") > 0, "the demo's attendance counts");
    let rate = |k: &str| f.figure(k).map(|x| x.value);
    assert_eq!(rate("proposals_filing_rate"), Some(75.7), "立案率");
    for k in [
        "proposals_consulted_rate",
        "proposals_answered_rate",
        "proposals_revisited_rate",
        "proposals_satisfaction_rate",
    ] {
        assert_eq!(rate(k), Some(100.0), "{k}");
    }
    assert!(
        s.iter().any(|l| l.contains(
            "经审查立案153件，立案率75.7%，其中，集体提案36件，占立案总数的23.5%；委员提案117件，占立案总数的76.5%"
        )),
        "the proposals' sentence: {s:?}"
    );
    assert!(s.iter().any(|l| l.contains("共收集社情民意信息82条，编发《社情民意》54期")), "{s:?}");
    assert!(s.iter().any(|l| l.contains("面商率、办复率、回访率、满意率均达100%")), "{s:?}");
}

/// The member's plenary of 2021 in the attendance fixture: present at the opening, absent from
/// the group discussion, on leave at the closing; the three sittings closed.
fn attend_the_plenary(f: &mut crate::attendance::tests::Fixture, a3: i64) {
    use crate::attendance::{self, AttendanceEventKind, LeaveInput, LeaveKind, PersonRef};
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time");
    attendance::import_events(
        &mut f.db,
        f.opening,
        &[(PersonRef::member(a3), AttendanceEventKind::CheckIn, at("2021-01-19 08:20"))],
    )
    .expect("check in");
    attendance::record_leave(
        &mut f.db,
        &LeaveInput {
            member_id: a3,
            kind: LeaveKind::Sick,
            kind_label: String::new(),
            reason: "住院".into(),
            approver: "主席".into(),
            sitting_ids: vec![f.closing],
            part: false,
            from_time: None,
            to_time: None,
            entered: None,
        },
    )
    .expect("leave");
    for s in [f.opening, f.group2, f.closing] {
        attendance::close_sitting(&mut f.db, s).expect("close");
    }
}

/// The member takes part in a research topic of 2021.
fn join_research(db: &mut Db, member: i64) {
    create_duty(
        db,
        &DutyInput {
            kind: Some(DutyKind::Research),
            title: "关于数字经济的调研".into(),
            start_date: "2021-04-01".into(),
            report_title: "关于数字经济的调研报告".into(),
            members: vec![member],
            ..Default::default()
        },
    )
    .expect("research");
}

/// A member's year built by hand (attendance at three sittings, a consultation item, a research
/// topic, point rules) and their record compared with it.
#[test]
fn a_members_record_matches_their_year() {
    let mut f = crate::attendance::tests::fixture();
    let a3 = f.m["A3"];
    attend_the_plenary(&mut f, a3);
    let forum = meeting(&mut f.db, MeetingKind::Forum, false, "“数字安宁建设”座谈协商会", "2021-03-02");
    add_items(
        &mut f.db,
        ItemSource::Meeting(forum),
        &[ItemInput {
            text: "建议加快建设政务数据平台。".into(), speakers: vec![a3], ..Default::default()
        }],
    )
    .expect("item");
    join_research(&mut f.db, a3);
    let p = Period::year(2021).expect("2021");
    let r = member_record(f.db.conn(), a3, &p).expect("record");
    assert!(r.score.is_none(), "no score until the committee configures point rules");
    let rules = PointRules { present: 2.0, absent: -3.0, item: 1.0, topic: 2.0, ..Default::default() };
    set_point_rules(&mut f.db, Some(&rules)).expect("rules");
    let r = member_record(f.db.conn(), a3, &p).expect("record");
    let c = &r.attendance.counts;
    assert_eq!(
        (c.expected, c.present, c.on_leave, c.absent),
        (3, 1, 1, 1),
        "opening present, group absent, closing on leave"
    );
    assert_eq!(r.items.len(), 1);
    assert_eq!(r.items[0].outcome, "第1条");
    assert_eq!(
        r.duties.iter().map(|d| (d.kind_label.as_str(), d.title.as_str())).collect::<Vec<_>>(),
        vec![("调研课题", "关于数字经济的调研")]
    );
    let score = r.score.expect("score");
    assert_eq!(
        score.rules,
        vec![
            "出席会议每场次加2分",
            "无故缺席每场次扣3分",
            "协商活动提出意见建议每条加1分",
            "参加调研、视察课题每个加2分"
        ]
    );
    assert_eq!(score.total, 2.0 - 3.0 + 1.0 + 2.0);
    let other = member_record(f.db.conn(), a3, &Period::year(2020).expect("2020")).expect("2020");
    assert_eq!(
        (other.attendance.counts.expected, other.items.len(), other.duties.len()),
        (0, 0, 0),
        "another year: nothing"
    );

    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("履职档案.pdf");
    let out = export_member_records(f.db.conn(), &[a3, f.m["A4"]], &p, &path, crate::files::Replace::No).expect("pdf");
    assert!(out.pages >= 2, "each member from a new page: {} pages", out.pages);
    let err = export_member_records(f.db.conn(), &[a3], &p, &dir.path().join("x.docx"), crate::files::Replace::No)
        .expect_err("PDF only");
    assert_eq!(err.code(), "invalid");
}

/// A member's year with every kind of line: attendance, leave, a remark fed into an opinion, a
/// proposal as first submitter filed, one joined (联名) and not filed, a 社情民意 item adopted, a
/// research topic; the record and the score compared exactly.
#[test]
fn a_members_record_lists_proposals_and_sqmy_and_scores_them() {
    use crate::opinions::{self, MergeInput, RemarkInput, ReportInput, ReportKind};
    use crate::proposals::{self, NotFiledOutcome, ProposalInput};
    use crate::sqmy::{self, OutcomeKind, SqmyIssueInput, SqmyItemInput, SqmyOutcomeInput, SqmySource};
    let mut f = crate::attendance::tests::fixture();
    let (a3, a4) = (f.m["A3"], f.m["A4"]);
    attend_the_plenary(&mut f, a3);
    let session: i64 =
        f.db.conn()
            .query_row("SELECT session_id FROM meetings WHERE id = ?1", [f.meeting], |r| r.get(0))
            .expect("session");

    let report = opinions::create_report(
        &mut f.db,
        &ReportInput {
            session_id: session,
            kind: ReportKind::Government,
            title: "政府工作报告".into(),
            issuing_body: "安宁市人民政府".into(),
            body_text: String::new(),
            list_title: String::new(),
        },
    )
    .expect("report");
    let remark = opinions::add_remark(
        &mut f.db,
        &RemarkInput {
            report_id: report.id,
            section_id: None,
            sitting_id: f.group2,
            speaker_id: Some(a3),
            group_id: None,
            text: "建议加快老旧小区改造。".into(),
        },
    )
    .expect("remark");
    opinions::merge(
        &mut f.db,
        &MergeInput {
            report_id: report.id,
            remark_ids: vec![remark.id],
            opinion_id: None,
            topic: "城市更新".into(),
            text: "加快老旧小区改造。".into(),
            number: None,
        },
    )
    .expect("opinion");

    let mut proposal = |title: &str, submitters: Vec<i64>| {
        proposals::add_proposal(
            &mut f.db,
            &ProposalInput {
                session_id: session,
                during_plenary: true,
                submitter_ids: submitters,
                collective_kind: None,
                collective_name: String::new(),
                title: title.into(),
                category: "经济建设".into(),
                case_text: "案由".into(),
                suggestions: "建议".into(),
                received_on: "2021-01-20".into(),
            },
        )
        .expect("proposal")
        .id
    };
    let first = proposal("关于发展数字经济的建议", vec![a3, a4]);
    let joint = proposal("关于改善城区停车的建议", vec![a4, a3]);
    proposals::file_proposal(&mut f.db, first, None, "2021-02-01").expect("file");
    proposals::reject_proposal(&mut f.db, joint, "属于具体事务", NotFiledOutcome::Letter, "2021-02-01")
        .expect("reject");

    let item = sqmy::add_item(
        &mut f.db,
        &SqmyItemInput {
            title: "群众反映老旧小区加装电梯难".into(),
            content: "有关情况。".into(),
            member_ids: vec![a3],
            unit: String::new(),
            received_on: "2021-03-01".into(),
            source: SqmySource::Submitted,
            from_proposal: None,
        },
    )
    .expect("item");
    let issue = sqmy::create_issue(
        &mut f.db,
        &SqmyIssueInput { date: "2021-03-05".into(), item_ids: vec![item.id], ..Default::default() },
    )
    .expect("issue");
    sqmy::mark_sent(&mut f.db, issue.id, "2021-03-06", "省政协办公厅", None).expect("sent");
    sqmy::record_outcome(
        &mut f.db,
        item.id,
        &SqmyOutcomeInput {
            kind: OutcomeKind::Adopted,
            by_whom: "省政协办公厅".into(),
            summary: String::new(),
            date: None,
        },
    )
    .expect("adopted");

    join_research(&mut f.db, a3);
    let rules = PointRules {
        present: 2.0,
        leave: 0.5,
        absent: -3.0,
        remark: 1.0,
        proposal_filed: 3.0,
        proposal_joint: 1.0,
        sqmy_adopted: 2.0,
        topic: 2.0,
        ..Default::default()
    };
    set_point_rules(&mut f.db, Some(&rules)).expect("rules");

    let r = member_record(f.db.conn(), a3, &Period::year(2021).expect("2021")).expect("record");
    let c = &r.attendance.counts;
    assert_eq!((c.expected, c.present, c.on_leave, c.absent), (3, 1, 1, 1));
    assert_eq!(
        r.remarks,
        vec![RecordRemark {
            date: "2021年1月19日".into(),
            on: "政府工作报告".into(),
            text: "建议加快老旧小区改造。".into(),
            outcome: "纳入协商意见第1条".into(),
        }]
    );
    assert_eq!(
        r.proposals,
        vec![
            RecordProposal {
                date: "2021年1月20日".into(),
                title: "关于发展数字经济的建议".into(),
                number: "第1号".into(),
                role: "第一提案人".into(),
                first: true,
                status: "已立案待交办".into(),
                filed: true,
            },
            RecordProposal {
                date: "2021年1月20日".into(),
                title: "关于改善城区停车的建议".into(),
                number: String::new(),
                role: "联名".into(),
                first: false,
                status: "不予立案".into(),
                filed: false,
            },
        ]
    );
    assert_eq!(
        r.sqmy,
        vec![RecordSqmy {
            date: "2021年3月1日".into(),
            title: "群众反映老旧小区加装电梯难".into(),
            issue: "2021年第1期".into(),
            adopted_by: vec!["省政协办公厅".into()],
            outcome: "省政协办公厅采用".into(),
        }]
    );
    assert_eq!(r.proposals_line, "提交提案2件（第一提案人1件，联名1件），立案1件；报送社情民意信息1条，被采用1条。");
    let score = r.score.clone().expect("score");
    assert_eq!(
        score.lines.iter().map(|l| (l.what.as_str(), l.count, l.each, l.points)).collect::<Vec<_>>(),
        vec![
            ("出席会议", 1, 2.0, 2.0),
            ("请假", 1, 0.5, 0.5),
            ("无故缺席", 1, -3.0, -3.0),
            ("大会发言意见", 1, 1.0, 1.0),
            ("提案立案（第一提案人）", 1, 3.0, 3.0),
            ("提案立案（联名）", 0, 1.0, 0.0),
            ("社情民意信息被采用", 1, 2.0, 2.0),
            ("调研、视察课题", 1, 2.0, 2.0),
        ],
        "the joined proposal was not filed: it scores nothing"
    );
    assert_eq!(score.total, 7.5);
    assert_eq!(
        score.rules,
        vec![
            "出席会议每场次加2分",
            "请假每场次加0.5分",
            "无故缺席每场次扣3分",
            "大会发言意见每条加1分",
            "作为第一提案人的提案立案每件加3分",
            "联名提案立案每件加1分",
            "社情民意信息被采用每条加2分",
            "参加调研、视察课题每个加2分",
        ]
    );
    // A4 sees the same two proposals from the other side.
    let other = member_record(f.db.conn(), a4, &Period::year(2021).expect("2021")).expect("A4");
    assert_eq!(
        other.proposals.iter().map(|p| (p.role.as_str(), p.filed)).collect::<Vec<_>>(),
        vec![("联名", true), ("第一提案人", false)]
    );
    assert!(other.sqmy.is_empty(), "the item is A3's alone");

    // Scoring off: no score, the numbers kept for when it is turned on again.
    set_point_rules(&mut f.db, None).expect("off");
    assert!(member_record(f.db.conn(), a3, &Period::year(2021).expect("2021")).expect("r").score.is_none());
    let s = point_rules_settings(f.db.conn()).expect("settings");
    assert!(!s.enabled);
    assert_eq!(s.rules.iter().find(|r| r.key == "proposal_filed").map(|r| r.value.as_str()), Some("3"));
}

/// The rules' editor: what a clerk types is read or refused in words naming the rule, scoring on
/// needs a rule that counts, and the audit trail shows the rules in words.
#[test]
fn point_rules_are_edited_checked_and_audited() {
    let mut db = Db::open_in_memory().expect("db");
    let s = point_rules_settings(db.conn()).expect("settings");
    assert!(!s.enabled, "no score before the committee configures one");
    assert_eq!(s.rules.len(), POINT_RULE_ITEMS.len());
    assert!(s.rules.iter().all(|r| r.value == "0"));

    let with = |s: &PointRulesSettings, key: &str, value: &str| {
        let mut s = s.clone();
        s.enabled = true;
        for r in s.rules.iter_mut().filter(|r| r.key == key) {
            r.value = value.into();
        }
        s
    };
    let err = save_point_rules(&mut db, &with(&s, "present", "")).expect_err("all zero");
    assert_eq!(err.to_string(), "积分规则：各项分值都是 0：请至少填写一项分值，或选择不计分");
    for (typed, why) in [
        ("两分", "“两分”不是分值，请填写数字，如 2、-3 或 0.5（扣分填负数）"),
        ("1e3", "“1e3”不是分值，请填写数字，如 2、-3 或 0.5（扣分填负数）"),
        ("150", "150 分超出范围，每项分值应在 -100 到 100 之间"),
        ("0.25", "“0.25”的小数超过一位，请写成如 0.5 的分值"),
    ] {
        let err = save_point_rules(&mut db, &with(&s, "absent", typed)).expect_err(typed);
        assert_eq!(err.code(), "invalid");
        assert_eq!(err.to_string(), format!("无故缺席每场次：{why}"), "{typed}");
    }
    assert!(crate::settings::get(db.conn(), POINT_RULES_KEY).expect("get").is_none(), "nothing saved");

    // Full-width digits from an input method, «扣3分», «加2分», spaces: understood.
    let mut input = with(&s, "present", " ２ ");
    for r in input.rules.iter_mut() {
        match r.key.as_str() {
            "absent" => r.value = "扣3分".into(),
            "sqmy_adopted" => r.value = "加2分".into(),
            "leave" => r.value = "－0.5".into(),
            _ => {}
        }
    }
    let saved = save_point_rules(&mut db, &input).expect("save");
    assert_eq!(
        saved.lines,
        vec!["出席会议每场次加2分", "请假每场次扣0.5分", "无故缺席每场次扣3分", "社情民意信息被采用每条加2分"]
    );
    let rules = point_rules(db.conn()).expect("rules").expect("on");
    assert_eq!((rules.present, rules.leave, rules.absent, rules.sqmy_adopted), (2.0, -0.5, -3.0, 2.0));

    // By key or by name, as `huiwu point-rules --set` gives them; an unknown name is refused.
    let s =
        update_point_rules(&mut db, &[("出席会议".into(), "1".into()), ("proposal_filed".into(), "3".into())], None)
            .expect("update");
    assert!(s.enabled);
    assert_eq!(s.rules.iter().find(|r| r.key == "present").map(|r| r.value.as_str()), Some("1"));
    let err = update_point_rules(&mut db, &[("出勤".into(), "1".into())], None).expect_err("unknown");
    assert!(err.to_string().contains("没有“出勤”这一项；可用的有：present（出席会议）"), "{err}");
    let off = update_point_rules(&mut db, &[], Some(false)).expect("off");
    assert!(!off.enabled && point_rules(db.conn()).expect("rules").is_none());

    let audit: Vec<(String, Option<String>, Option<String>)> = {
        let mut stmt = db
            .conn()
            .prepare("SELECT action, old_value, new_value FROM audit_log WHERE entity = 'setting' AND entity_id = ?1 ORDER BY id")
            .expect("audit");
        stmt.query_map([POINT_RULES_KEY], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("collect")
    };
    assert_eq!(audit.len(), 3, "saved, updated, turned off: each audited");
    assert_eq!(
        audit[0].2.as_deref(),
        Some("\"计分：出席会议每场次加2分；请假每场次扣0.5分；无故缺席每场次扣3分；社情民意信息被采用每条加2分\"")
    );
    assert_eq!(audit[2].2.as_deref(), Some("\"不计分\""), "in words, not JSON");
}

/// A member suspended (暂停委员职务) is not expected at the sittings during the suspension: not in
/// their record and not in the year's attendance figures; before and after it they are.
#[test]
fn a_suspended_member_is_not_expected_during_the_suspension() {
    use crate::attendance;
    use crate::meetings::{create_sitting, expected_members, HalfDay, SittingInput, SittingKind};
    let mut db = Db::open_in_memory().expect("db");
    let a = member(&mut db, "张三");
    let b = member(&mut db, "李四");
    roster::record_suspension(&mut db, b, "2020-06-01", Some("2020-08-31"), "常委会决定").expect("suspend");
    let mut sittings = Vec::new();
    for (title, date) in
        [("五月会议", "2020-05-20"), ("六月会议", "2020-06-01"), ("八月会议", "2020-08-31"), ("九月会议", "2020-09-01")]
    {
        let m = meeting(&mut db, MeetingKind::Forum, false, title, date);
        let s = create_sitting(&mut db, &SittingInput::new(m, title, SittingKind::Other, date, HalfDay::Am))
            .expect("sitting");
        sittings.push(s.id);
    }
    let names = |db: &Db, s: i64| -> Vec<String> {
        expected_members(db.conn(), s).expect("expected").into_iter().map(|m| m.name).collect()
    };
    assert_eq!(names(&db, sittings[0]), vec!["张三", "李四"], "before the suspension");
    assert_eq!(names(&db, sittings[1]), vec!["张三"], "its first day");
    assert_eq!(names(&db, sittings[2]), vec!["张三"], "its last day");
    assert_eq!(names(&db, sittings[3]), vec!["张三", "李四"], "after it ends");
    assert!(crate::meetings::expects_member(db.conn(), sittings[1], b).expect("one").is_none());
    // One still open: the member's record asks the same rule.
    for s in &sittings[..3] {
        attendance::close_sitting(&mut db, *s).expect("close");
    }
    let r = member_record(db.conn(), b, &y2020()).expect("record");
    let c = &r.attendance.counts;
    assert_eq!((c.expected, c.absent), (1, 1), "only the May sitting is closed and expected: {c:?}");
    assert_eq!(r.attendance.history.len(), 2, "May, and September still open; none in the suspension");
    let f = figures(db.conn(), &y2020()).expect("figures");
    assert_eq!(f.int("attendance_expected"), 2 + 1 + 1, "李四 expected only in May of the three closed");
    assert_eq!(member_record(db.conn(), a, &y2020()).expect("a").attendance.counts.expected, 3);
}
