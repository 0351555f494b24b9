//! The demo year's proposals (DESIGN §6): since 六届四次会议, 202 received (40 collective, 162 by
//! members alone or jointly), 153 filed (36 + 117), 49 not filed and turned into 工作建议 /
//! 社情民意信息 / 委员来信, every filed one assigned, talked over, answered, rated and visited.
//! Built deterministically through the same functions a clerk's actions call; the titles are
//! fictional.

use rusqlite::OptionalExtension;

use super::assign::assign_proposal;
use super::handle::{answer_proposal, rate_proposal, record_talk, record_visit};
use super::record::add_proposals;
use super::review::{file_proposal, reject_proposal};
use super::types::*;
use super::units::add_unit;
use crate::db::Db;
use crate::error::{Error, Result};

pub const DEMO_RECEIVED: usize = 202;
pub const DEMO_COLLECTIVE: usize = 40;
pub const DEMO_COLLECTIVE_FILED: usize = 36;
pub const DEMO_MEMBERS_FILED: usize = 117;

const UNITS: &[&str] = &[
    "市发展和改革局",
    "市工业信息化和商务局",
    "市财政局",
    "市教育体育局",
    "市卫生健康局",
    "市住房和城乡建设局",
    "市自然资源局",
    "市生态环境分局",
    "市农业农村局",
    "市交通运输局",
    "市文化和旅游局",
    "市人力资源和社会保障局",
    "市民政局",
    "市市场监督管理局",
    "市水务局",
    "市城市管理局",
];

/// (category, topic, the lead unit's index in UNITS, a co-handler's index)
const TOPICS: &[(&str, &str, usize, usize)] = &[
    ("经济建设", "扶持中小微企业融资", 1, 2),
    ("经济建设", "优化营商环境提升审批效率", 0, 13),
    ("经济建设", "推进工业园区提质增效", 1, 6),
    ("经济建设", "发展高原特色农产品精深加工", 8, 1),
    ("经济建设", "培育夜间消费新业态", 1, 10),
    ("经济建设", "盘活闲置国有资产", 2, 0),
    ("经济建设", "建设县域冷链物流体系", 0, 9),
    ("经济建设", "支持返乡人员创业", 11, 8),
    ("经济建设", "规范农村土地流转", 8, 6),
    ("经济建设", "促进温泉康养产业发展", 10, 4),
    ("政治建设", "加强基层协商议事平台建设", 12, 2),
    ("政治建设", "推进政务服务事项一网通办", 0, 13),
    ("政治建设", "完善社区网格化管理", 12, 15),
    ("政治建设", "加强法治宣传进村入户", 12, 3),
    ("政治建设", "规范村级小微权力运行", 8, 2),
    ("文化建设", "保护和利用历史文化街区", 10, 5),
    ("文化建设", "推动全民阅读进社区", 10, 3),
    ("文化建设", "加强非物质文化遗产传承", 10, 2),
    ("文化建设", "建设城市书房", 10, 5),
    ("文化建设", "发展乡村文化旅游", 10, 8),
    ("文化建设", "完善公共体育设施", 3, 5),
    ("社会建设", "缓解中心城区停车难", 15, 9),
    ("社会建设", "推进老旧小区改造", 5, 2),
    ("社会建设", "发展普惠性学前教育", 3, 2),
    ("社会建设", "加强乡村医生队伍建设", 4, 11),
    ("社会建设", "完善居家养老服务体系", 12, 4),
    ("社会建设", "提升农村客运服务水平", 9, 2),
    ("社会建设", "加强校园周边交通安全管理", 9, 3),
    ("社会建设", "促进高校毕业生就业", 11, 3),
    ("社会建设", "推进城乡供水一体化", 14, 5),
    ("社会建设", "加强食品安全监管", 13, 4),
    ("社会建设", "改善农贸市场环境", 13, 15),
    ("社会建设", "推进垃圾分类", 15, 7),
    ("社会建设", "完善残疾人康复服务", 12, 4),
    ("生态文明建设", "加强螳螂川流域水环境治理", 7, 14),
    ("生态文明建设", "推进矿山生态修复", 6, 7),
    ("生态文明建设", "建设城市绿道", 5, 6),
    ("生态文明建设", "加强农业面源污染防治", 8, 7),
    ("生态文明建设", "推进森林防火能力建设", 6, 12),
    ("生态文明建设", "发展新能源公交", 9, 7),
    ("其他", "加强政协委员履职培训", 11, 2),
    ("其他", "做好对口帮扶地区劳务协作", 11, 12),
];

const FORMS: &[&str] =
    &["关于{}的建议", "关于进一步{}的建议", "关于{}的几点建议", "关于切实{}的提案", "关于加快{}的建议"];

const COLLECTIVES: &[(CollectiveKind, &str)] = &[
    (CollectiveKind::Party, "民革安宁市支部"),
    (CollectiveKind::Party, "民盟安宁市总支"),
    (CollectiveKind::Party, "民建安宁市支部"),
    (CollectiveKind::Party, "农工党安宁市支部"),
    (CollectiveKind::Party, "九三学社安宁市支社"),
    (CollectiveKind::Organisation, "安宁市总工会"),
    (CollectiveKind::Organisation, "安宁市妇女联合会"),
    (CollectiveKind::Organisation, "安宁市工商业联合会"),
    (CollectiveKind::Sector, "经济界别"),
    (CollectiveKind::Sector, "教育界别"),
    (CollectiveKind::Sector, "医药卫生界别"),
    (CollectiveKind::SpecialCommittee, "提案委员会"),
    (CollectiveKind::SpecialCommittee, "经济委员会"),
    (CollectiveKind::SpecialCommittee, "社会和法制委员会"),
];

/// Whether the `i`-th member proposal (of 162) is not filed: 45 of them, spread evenly.
fn member_not_filed(i: usize) -> bool {
    (i * 45) % 162 < 45
}

fn date_plus(d: &str, days: i64) -> String {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|d| (d + chrono::Duration::days(days)).format("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| d.to_string())
}

pub fn load_demo(db: &mut Db) -> Result<()> {
    let session_id: i64 = db
        .conn()
        .query_row("SELECT id FROM sessions WHERE term_number = 6 AND session_number = 4", [], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("次会议", "六届四次会议"))?;
    let members = crate::roster::in_office_on(db.conn(), "2020-01-07")?;
    let ordinary: Vec<i64> = members.iter().map(|m| m.id).collect();
    let chairs: Vec<i64> = members
        .iter()
        .filter(|m| matches!(m.role, crate::roster::Role::Chair | crate::roster::Role::ViceChair))
        .map(|m| m.id)
        .collect();
    if ordinary.len() < 20 || chairs.is_empty() {
        return Err(Error::not_found("示例委员", "六届四次会议时在任的委员"));
    }
    let mut units = Vec::new();
    for name in UNITS {
        units.push(add_unit(db, name)?.id);
    }

    // 202 proposals: every fifth is collective (40), the rest by members; the first 170 during
    // the plenary, the rest through the year.
    let mut inputs = Vec::new();
    let mut plan = Vec::new(); // (collective?, index within its kind, topic)
    let (mut c_i, mut m_i) = (0usize, 0usize);
    for n in 0..DEMO_RECEIVED {
        let collective = n % 5 == 4 && c_i < DEMO_COLLECTIVE;
        let topic = (n * 11) % TOPICS.len(); // 11 is prime to 42: every topic in turn
        let form = FORMS[(n / TOPICS.len()) % FORMS.len()];
        let (category, what, _, _) = TOPICS[topic];
        let during = n < 170;
        let received_on =
            if during { format!("2020-01-{:02}", 6 + n % 4) } else { date_plus("2020-02-10", ((n - 170) * 9) as i64) };
        let (collective_kind, collective_name, submitter_ids) = if collective {
            let (k, name) = COLLECTIVES[c_i % COLLECTIVES.len()];
            (Some(k), name.to_string(), Vec::new())
        } else {
            let first = ordinary[(m_i * 13 + 5) % ordinary.len()];
            let mut ids = vec![first];
            for j in 0..(m_i % 4) {
                let other = ordinary[(m_i * 13 + 5 + (j + 1) * 29) % ordinary.len()];
                if !ids.contains(&other) {
                    ids.push(other);
                }
            }
            (None, String::new(), ids)
        };
        plan.push((collective, if collective { c_i } else { m_i }, topic));
        if collective {
            c_i += 1;
        } else {
            m_i += 1;
        }
        inputs.push(ProposalInput {
            session_id,
            during_plenary: during,
            submitter_ids,
            collective_kind,
            collective_name,
            title: form.replace("{}", what),
            category: category.to_string(),
            case_text: format!(
                "{what}关系群众切身利益。近年来我市在这方面做了大量工作，取得了一定成效，\
                 但仍存在投入不足、统筹不够、群众反映较多等问题，需要进一步研究解决。"
            ),
            suggestions: format!(
                "一是加强统筹，明确责任单位和时间表；二是加大投入，多渠道筹措资金；\
                 三是完善机制，定期听取群众意见，推动{what}取得实效。"
            ),
            received_on,
        });
    }
    if c_i != DEMO_COLLECTIVE {
        return Err(Error::internal("示例提案", format!("集体提案 {c_i} 件，应为 {DEMO_COLLECTIVE} 件")));
    }
    let ids = add_proposals(db, &inputs)?;

    let outcomes = [NotFiledOutcome::WorkSuggestion, NotFiledOutcome::Sqmy, NotFiledOutcome::Letter];
    let reasons = [
        "所提事项属于具体工作安排，转有关部门作为工作建议参考",
        "所提内容反映社情民意，转为社情民意信息报送",
        "所提问题涉及个人诉求，按委员来信办理",
    ];
    let mut rejected = 0usize;
    for (k, (&id, &(collective, i, topic))) in ids.iter().zip(&plan).enumerate() {
        let received = &inputs[k].received_on;
        let reviewed = if inputs[k].during_plenary { "2020-02-20".to_string() } else { date_plus(received, 10) };
        let not_filed = if collective { i % 10 == 9 } else { member_not_filed(i) };
        if not_filed {
            let o = rejected % outcomes.len();
            reject_proposal(db, id, reasons[o], outcomes[o], &reviewed)?;
            rejected += 1;
            continue;
        }
        file_proposal(db, id, None, &reviewed)?;
        let (_, _, lead, co) = TOPICS[topic];
        let assigned = date_plus(&reviewed, 14);
        let key = k % 30 == 0;
        assign_proposal(
            db,
            id,
            &AssignInput {
                lead_unit_id: units[lead],
                co_unit_ids: if k % 3 == 0 { vec![units[co]] } else { Vec::new() },
                assigned_on: assigned.clone(),
                deadline: None,
                key_proposal: key,
                supervisor_id: key.then(|| chairs[k % chairs.len()]),
            },
        )?;
        record_talk(db, id, &date_plus(&assigned, 20 + (k % 10) as i64))?;
        let answered = date_plus(&assigned, 60 + (k % 25) as i64);
        let class = match k % 10 {
            0..=5 => AnswerClass::A,
            6..=8 => AnswerClass::B,
            _ => AnswerClass::C,
        };
        answer_proposal(
            db,
            id,
            &AnswerInput {
                answered_on: answered.clone(),
                answer_class: class,
                text: format!(
                    "关于“{}”的答复：我单位高度重视，已会同有关部门研究落实，具体情况如下……",
                    inputs[k].title
                ),
                file_path: String::new(),
            },
        )?;
        let rating = if k % 7 == 0 { Rating::BasicallySatisfied } else { Rating::Satisfied };
        let rated = date_plus(&answered, 10);
        rate_proposal(db, id, rating, &rated)?;
        record_visit(db, id, &date_plus(&rated, 15), "提案人对办理工作表示认可")?;
    }
    Ok(())
}
