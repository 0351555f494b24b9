//! The demo year's 社情民意 (2020): 82 items collected and 54 issues of 《社情民意》 edited and
//! sent up, with some items adopted (采用) and some drawing a leader's instruction (批示). The
//! texts are fictional, made from a table of topics; the submitters are the demo roster's
//! members (one, or two jointly) and a few units. Built through the same functions the window
//! uses, deterministically. Items the year already holds (e.g. proposals not filed and turned
//! into 社情民意信息 by another part of the demo) count towards the 82 and are edited into issues
//! like the rest.

use rusqlite::OptionalExtension;

use super::{
    add_item, create_issue, list_items, record_outcome, OutcomeKind, SqmyIssueInput, SqmyItemInput, SqmyOutcomeInput,
    SqmySource,
};
use crate::db::Db;
use crate::error::Result;

pub const YEAR: i32 = 2020;
pub const ITEMS: usize = 82;
pub const ISSUES: usize = 54;

/// (subject, what people report, what is suggested)
const TOPICS: [(&str, &str, &str); 21] = [
    (
        "老旧小区加装电梯",
        "老旧小区老年住户上下楼困难，加装电梯因费用分摊和低层住户意见不一推进缓慢",
        "出台费用分摊指导意见，由社区牵头协商，简化审批流程",
    ),
    (
        "农村生活污水治理",
        "部分村庄生活污水直排沟渠，夏季异味明显，已建设施运维跟不上",
        "建立县乡村三级运维机制，将设施运行纳入村规民约和考核",
    ),
    (
        "中小学课后服务",
        "双职工家庭放学后接孩子难，校外托管机构良莠不齐",
        "扩大校内课后服务覆盖面，合理核定服务补助，引入志愿力量",
    ),
    (
        "城区停车难",
        "老城区车位缺口大，占道停车影响通行，夜间尤为突出",
        "挖掘机关单位错时共享车位，建设立体停车设施，规范收费",
    ),
    (
        "农产品冷链物流",
        "蔬菜水果采摘后缺少预冷和冷藏设施，损耗大、卖价低",
        "在主产区布局产地冷库，支持合作社建设预冷设施",
    ),
    (
        "养老服务设施",
        "社区养老服务站点少，助餐、助浴服务覆盖不足",
        "利用闲置用房建设嵌入式养老服务站，发展社区老年食堂",
    ),
    ("基层医疗人才", "乡镇卫生院医生流失严重，群众看病仍往城里跑", "落实基层岗位津贴，推行县管乡用，加强定向培养"),
    (
        "电动自行车充电安全",
        "居民楼道内给电动自行车充电现象普遍，存在火灾隐患",
        "在小区集中建设智能充电设施，加强宣传和巡查",
    ),
    (
        "农村留守儿童关爱",
        "部分留守儿童缺少陪伴，心理问题和安全隐患值得关注",
        "建立关爱服务台账，发挥学校和村级儿童主任作用",
    ),
    (
        "小微企业融资",
        "小微企业贷款抵押物不足，融资难、融资贵问题依然存在",
        "扩大政府性融资担保覆盖，推广信用贷款和应收账款融资",
    ),
    ("城乡公交服务", "部分乡村公交班次少、末班早，群众出行不便", "优化线路和班次，推行预约响应式公交"),
    ("食品安全监管", "校园周边和农村集市小食品摊点卫生状况堪忧", "加强日常抽检和联合执法，建立摊点信用档案"),
    ("河道保洁", "部分河段垃圾漂浮、岸坡杂乱，汛期后尤为明显", "落实河长制巡查责任，建立保洁长效机制"),
    (
        "高校毕业生返乡就业",
        "返乡毕业生找不到对口岗位，创业缺少指导和资金",
        "搭建本地就业信息平台，设立返乡创业扶持资金",
    ),
    (
        "历史文化街区保护",
        "老街区部分传统建筑年久失修，商业开发与保护存在矛盾",
        "编制保护利用规划，建立修缮补助和活化利用机制",
    ),
    ("社区矫正和矛盾调解", "邻里纠纷、物业纠纷增多，基层调解力量不足", "壮大专职调解员队伍，推广“调解+诉讼”衔接机制"),
    ("耕地撂荒", "山区部分耕地因劳动力外出而撂荒", "推动土地流转和托管服务，完善农机作业补贴"),
    (
        "学校周边交通安全",
        "上学放学时段学校周边道路拥堵，学生过马路存在隐患",
        "设置护学岗和限时停车区，完善交通标志标线",
    ),
    ("公共场所无障碍设施", "部分公共建筑无障碍通道被占用或设计不规范", "开展无障碍设施专项排查整改，听取残疾人意见"),
    ("旅游景区服务质量", "旺季景区停车、如厕、餐饮等配套服务跟不上", "完善景区配套设施，推行分时预约和游客评价机制"),
    ("农村集体经济发展", "部分村集体经济收入来源单一，发展后劲不足", "盘活闲置资产资源，发展物业经济和村企合作"),
];

const FORMS: [&str; 4] = ["关于{}的建议", "{}问题亟待重视", "群众反映{}存在困难", "进一步做好{}工作的几点建议"];
const REPORTERS: [&str; 4] = ["近期走访中群众反映", "据基层群众反映", "有关调研发现", "部分群众和企业反映"];
const UNITS: [&str; 5] = ["民盟安宁市委", "民建安宁市委", "安宁市工商联", "农工党安宁市委", "九三学社安宁市委"];

/// Adds the year's items (up to 82 in all), edits them into 54 issues sent up, and records
/// outcomes. Without the demo roster, nothing.
pub fn load_demo(db: &mut Db) -> Result<()> {
    let members: Vec<i64> = db
        .conn()
        .prepare("SELECT id FROM members ORDER BY member_no, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if members.is_empty() {
        return Ok(());
    }
    let have = list_items(db.conn(), Some(YEAR), false)?.len();
    for i in have..ITEMS {
        let (subject, problem, suggestion) = TOPICS[i % TOPICS.len()];
        let form = FORMS[(i / TOPICS.len()) % FORMS.len()];
        let month = 1 + (i * 12 / ITEMS) as u32;
        let day = 2 + ((i * 7) % 25) as u32;
        let (member_ids, unit) = if i % 5 == 4 {
            (Vec::new(), UNITS[i % UNITS.len()].to_string())
        } else if i % 7 == 3 {
            (vec![members[(i * 13 + 5) % members.len()], members[(i * 13 + 6) % members.len()]], String::new())
        } else {
            (vec![members[(i * 13 + 5) % members.len()]], String::new())
        };
        add_item(
            db,
            &SqmyItemInput {
                title: form.replace("{}", subject),
                content: format!("{}，{problem}。\n建议：{suggestion}。", REPORTERS[i % REPORTERS.len()]),
                member_ids,
                unit,
                received_on: format!("{YEAR}-{month:02}-{day:02}"),
                source: if i % 9 == 8 { SqmySource::Meeting } else { SqmySource::Submitted },
                from_proposal: None,
            },
        )?;
    }
    // Edit the unpublished items into issues in the order received: the first issues carry two.
    let items: Vec<_> =
        list_items(db.conn(), Some(YEAR), false)?.into_iter().filter(|i| i.issue_id.is_none()).collect();
    let existing: usize = db
        .conn()
        .query_row("SELECT count(*) FROM sqmy_issues WHERE year = ?1", [YEAR], |r| r.get::<_, i64>(0))
        .optional()?
        .unwrap_or(0) as usize;
    let issues = ISSUES.saturating_sub(existing).min(items.len());
    if issues == 0 {
        return Ok(());
    }
    let doubles = items.len().saturating_sub(issues).min(issues);
    let mut at = 0;
    for k in 0..issues {
        let take = if k < doubles { 2 } else { 1 };
        let take = if k + 1 == issues { items.len() - at } else { take };
        let chunk = &items[at..at + take];
        at += take;
        let last = chunk.iter().map(|i| i.received_on.clone()).max().unwrap_or_default();
        let date = chrono::NaiveDate::parse_from_str(&last, "%Y-%m-%d")
            .map(|d| (d + chrono::Duration::days(3)).min(chrono::NaiveDate::from_ymd_opt(YEAR, 12, 31).unwrap_or(d)))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or(last);
        let issue = create_issue(
            db,
            &SqmyIssueInput {
                date: date.clone(),
                item_ids: chunk.iter().map(|i| i.id).collect(),
                sent_to: "中共安宁市委办公室、安宁市人民政府办公室".into(),
                cc: "省政协办公厅".into(),
            },
        )?;
        for (n, item) in chunk.iter().enumerate() {
            let seq = k * 2 + n;
            if seq % 3 == 0 {
                let by = if seq % 2 == 0 { "省政协办公厅" } else { "中共安宁市委办公室" };
                let input = SqmyOutcomeInput {
                    kind: OutcomeKind::Adopted,
                    by_whom: by.into(),
                    summary: String::new(),
                    date: Some(issue.date.clone()),
                };
                record_outcome(db, item.id, &input)?;
            }
            if seq % 7 == 2 {
                let by = if seq % 2 == 0 { "市委主要领导" } else { "市政府分管领导" };
                let input = SqmyOutcomeInput {
                    kind: OutcomeKind::Instructed,
                    by_whom: by.into(),
                    summary: "请相关部门认真研究，提出具体措施并抓好落实。".into(),
                    date: Some(issue.date.clone()),
                };
                record_outcome(db, item.id, &input)?;
            }
        }
    }
    Ok(())
}
