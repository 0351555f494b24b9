//! Each member's record (履职档案) over a period: attendance over the sittings held in their time
//! in office (closed ones make the rate), leave, remarks made at the plenary with the opinions
//! they fed, 意见建议 raised at consultations, proposals (first or joint submitter, filed or not,
//! read through `proposals`), 社情民意 items (adopted or not, read through `sqmy`),
//! research/inspection topics and other duties taken part in, and a score when the committee
//! configures point rules (the rules print with it). Every part is queried by member, so a record
//! costs the member's own history, not the committee's registers.

use std::path::Path;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::draft::DraftExport;
use super::types::{DutyKind, Period};
use crate::attendance::{self, MemberAttendance};
use crate::db::Db;
use crate::documents::model::{Align, Column, Table, TableRow, SIZE_4};
use crate::documents::{self, chinese_date, Block, Document, FontPrefs, FontSet, Format, Paragraph};
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};
use crate::proposals;
use crate::sqmy::{self, OutcomeKind};

/// The settings key of the point rules (JSON of [`PointRules`] with `enabled`).
pub const POINT_RULES_KEY: &str = "year.point_rules";

/// Points per thing done, as the committee configures them (0: not counted). Absence without
/// leave is usually negative.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct PointRules {
    /// per sitting attended
    pub present: f64,
    /// per sitting on leave
    pub leave: f64,
    /// per sitting absent without leave
    pub absent: f64,
    /// per remark made at the plenary
    pub remark: f64,
    /// per 意见建议 raised at a consultation
    pub item: f64,
    /// per proposal filed (立案) with the member as first submitter
    pub proposal_filed: f64,
    /// per proposal filed that the member joined (联名)
    pub proposal_joint: f64,
    /// per 社情民意 item of the member's adopted (采用)
    pub sqmy_adopted: f64,
    /// per research or inspection topic taken part in
    pub topic: f64,
    /// per other duty (协商在基层, training)
    pub duty: f64,
}

/// The rules in the order they print: key, the score table's item, the printed rule.
pub const POINT_RULE_ITEMS: [(&str, &str, &str); 10] = [
    ("present", "出席会议", "出席会议每场次"),
    ("leave", "请假", "请假每场次"),
    ("absent", "无故缺席", "无故缺席每场次"),
    ("remark", "大会发言意见", "大会发言意见每条"),
    ("item", "协商活动意见建议", "协商活动提出意见建议每条"),
    ("proposal_filed", "提案立案（第一提案人）", "作为第一提案人的提案立案每件"),
    ("proposal_joint", "提案立案（联名）", "联名提案立案每件"),
    ("sqmy_adopted", "社情民意信息被采用", "社情民意信息被采用每条"),
    ("topic", "调研、视察课题", "参加调研、视察课题每个"),
    ("duty", "其他履职活动", "参加协商在基层、培训等活动每次"),
];

/// The largest number of points a rule may give or take.
const MAX_POINTS: f64 = 100.0;

impl PointRules {
    /// The points of a rule by key (0 for an unknown key).
    pub fn get(&self, key: &str) -> f64 {
        let mut copy = *self;
        copy.slot(key).map_or(0.0, |p| *p)
    }

    fn slot(&mut self, key: &str) -> Option<&mut f64> {
        Some(match key {
            "present" => &mut self.present,
            "leave" => &mut self.leave,
            "absent" => &mut self.absent,
            "remark" => &mut self.remark,
            "item" => &mut self.item,
            "proposal_filed" => &mut self.proposal_filed,
            "proposal_joint" => &mut self.proposal_joint,
            "sqmy_adopted" => &mut self.sqmy_adopted,
            "topic" => &mut self.topic,
            "duty" => &mut self.duty,
            _ => return None,
        })
    }

    /// The rules as printed: «出席会议每场次加2分», the rules that count only.
    pub fn lines(&self) -> Vec<String> {
        POINT_RULE_ITEMS
            .iter()
            .map(|(key, _, rule)| (rule, self.get(key)))
            .filter(|(_, p)| *p != 0.0)
            .map(|(rule, p)| format!("{rule}{}分", points(p)))
            .collect()
    }
}

fn points(p: f64) -> String {
    let s = fmt_points(p.abs());
    if p > 0.0 {
        format!("加{s}")
    } else {
        format!("扣{s}")
    }
}

/// The point rules as stored: the numbers, and whether a score is given (the numbers are kept
/// while scoring is off, so turning it on again restores them).
#[derive(Serialize, Deserialize)]
struct StoredRules {
    #[serde(default = "scoring_on")]
    enabled: bool,
    #[serde(flatten)]
    rules: PointRules,
}

fn scoring_on() -> bool {
    true
}

fn stored_rules(conn: &Connection) -> Result<Option<StoredRules>> {
    match crate::settings::get(conn, POINT_RULES_KEY)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => serde_json::from_str(&s).map(Some).map_err(|e| Error::internal("读取积分规则", e)),
    }
}

/// The committee's point rules, if scoring is on.
pub fn point_rules(conn: &Connection) -> Result<Option<PointRules>> {
    Ok(stored_rules(conn)?.filter(|s| s.enabled).map(|s| s.rules))
}

/// Configures the point rules (`None`: no score is given; the numbers are kept).
pub fn set_point_rules(db: &mut Db, rules: Option<&PointRules>) -> Result<()> {
    let stored = match rules {
        Some(r) => StoredRules { enabled: true, rules: *r },
        None => StoredRules { enabled: false, rules: stored_rules(db.conn())?.map(|s| s.rules).unwrap_or_default() },
    };
    let text = serde_json::to_string(&stored).map_err(|e| Error::internal("保存积分规则", e))?;
    crate::settings::set_shown(db, POINT_RULES_KEY, &text, rules_in_words)
}

/// How the audit trail shows a stored value: «计分：出席会议每场次加2分；…» or «不计分».
fn rules_in_words(text: &str) -> String {
    match serde_json::from_str::<StoredRules>(text) {
        Ok(s) if s.enabled => format!("计分：{}", s.rules.lines().join("；")),
        Ok(_) => "不计分".into(),
        Err(_) if text.trim().is_empty() => "不计分".into(),
        Err(_) => text.to_string(),
    }
}

/// One rule as the editor shows it: what it counts and its points as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PointRuleSetting {
    /// `present`, `proposal_filed`, …
    pub key: String,
    /// «出席会议每场次»
    pub label: String,
    /// «2», «-3», «0.5»; what the clerk typed when saving («扣3分», «２» are understood).
    pub value: String,
}

/// The point rules' editor: scoring on or off, and every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PointRulesSettings {
    pub enabled: bool,
    pub rules: Vec<PointRuleSetting>,
    /// The rules as they print («出席会议每场次加2分»), the ones that count.
    pub lines: Vec<String>,
}

/// The point rules as the editor shows them (all zero and off before any were configured).
pub fn point_rules_settings(conn: &Connection) -> Result<PointRulesSettings> {
    let stored = stored_rules(conn)?;
    let enabled = stored.as_ref().is_some_and(|s| s.enabled);
    let rules = stored.map(|s| s.rules).unwrap_or_default();
    Ok(settings_of(enabled, &rules))
}

fn settings_of(enabled: bool, rules: &PointRules) -> PointRulesSettings {
    PointRulesSettings {
        enabled,
        rules: POINT_RULE_ITEMS
            .iter()
            .map(|(key, _, label)| PointRuleSetting {
                key: (*key).into(),
                label: (*label).into(),
                value: fmt_points(rules.get(key)),
            })
            .collect(),
        lines: rules.lines(),
    }
}

/// Reads the points a clerk typed for a rule: «2», «-3», «+1», «0.5», «２», «扣3分», «加2分»;
/// empty is 0. At most one decimal place, between -100 and 100.
fn parse_points(label: &str, text: &str) -> Result<f64> {
    let half: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '−' => '-',
            '＋' => '+',
            '．' | '。' => '.',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let body = half.strip_suffix('分').unwrap_or(&half);
    let (sign, body) = if let Some(b) = body.strip_prefix('扣').or_else(|| body.strip_prefix('减')) {
        (-1.0, b)
    } else {
        (1.0, body.strip_prefix('加').unwrap_or(body))
    };
    if body.is_empty() {
        return Ok(0.0);
    }
    let bad = || Error::invalid(label, format!("“{}”不是分值，请填写数字，如 2、-3 或 0.5（扣分填负数）", text.trim()));
    if sign < 0.0 && body.starts_with(['-', '+']) {
        return Err(bad());
    }
    let v: f64 = body.parse().map_err(|_| bad())?;
    if !v.is_finite() || body.contains(['e', 'E']) {
        return Err(bad());
    }
    let v = sign * v;
    if v.abs() > MAX_POINTS {
        return Err(Error::invalid(label, format!("{} 分超出范围，每项分值应在 -100 到 100 之间", fmt_points(v))));
    }
    if ((v * 10.0).round() - v * 10.0).abs() > 1e-9 {
        return Err(Error::invalid(label, format!("“{}”的小数超过一位，请写成如 0.5 的分值", text.trim())));
    }
    // -0 prints as 0.
    Ok(if v == 0.0 { 0.0 } else { v })
}

/// Saves the editor's rules: every value is checked (the first bad one is named), scoring on
/// needs at least one rule that counts. Audited as the rules in words.
pub fn save_point_rules(db: &mut Db, input: &PointRulesSettings) -> Result<PointRulesSettings> {
    let mut rules = PointRules::default();
    for r in &input.rules {
        let label = POINT_RULE_ITEMS.iter().find(|(k, _, _)| *k == r.key).map_or(r.key.as_str(), |(_, _, l)| *l);
        let slot = rules.slot(&r.key).ok_or_else(|| Error::invalid("积分项", format!("没有“{}”这一项", r.key)))?;
        *slot = parse_points(label, &r.value)?;
    }
    if input.enabled && rules.lines().is_empty() {
        return Err(Error::invalid("积分规则", "各项分值都是 0：请至少填写一项分值，或选择不计分"));
    }
    let stored = StoredRules { enabled: input.enabled, rules };
    let text = serde_json::to_string(&stored).map_err(|e| Error::internal("保存积分规则", e))?;
    crate::settings::set_shown(db, POINT_RULES_KEY, &text, rules_in_words)?;
    Ok(settings_of(input.enabled, &rules))
}

/// Changes some rules by key or name (`present=2`, `出席会议=2`) and turns scoring on or off
/// (`None`: on when a rule is changed, else as it was): `huiwu point-rules --set … --off`.
pub fn update_point_rules(
    db: &mut Db,
    changes: &[(String, String)],
    enabled: Option<bool>,
) -> Result<PointRulesSettings> {
    let mut s = point_rules_settings(db.conn())?;
    for (key, value) in changes {
        let key = key.trim();
        let Some((k, _, _)) = POINT_RULE_ITEMS.iter().find(|(k, item, rule)| *k == key || *item == key || *rule == key)
        else {
            let known = POINT_RULE_ITEMS.iter().map(|(k, item, _)| format!("{k}（{item}）")).collect::<Vec<_>>();
            return Err(Error::invalid("积分项", format!("没有“{key}”这一项；可用的有：{}", known.join("、"))));
        };
        if let Some(r) = s.rules.iter_mut().find(|r| r.key == *k) {
            r.value = value.clone();
        }
    }
    s.enabled = enabled.unwrap_or(s.enabled || !changes.is_empty());
    save_point_rules(db, &s)
}

/// A remark made, or a 意见建议 raised, with where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordRemark {
    /// «2020年1月8日»
    pub date: String,
    /// The report or the consultation: «政府工作报告», «专题协商会：…»
    pub on: String,
    pub text: String,
    /// The opinion it fed («第12条»), or «未纳入：理由», or empty while unplaced.
    pub outcome: String,
}

/// A duty taken part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordDuty {
    pub kind: DutyKind,
    pub kind_label: String,
    pub title: String,
    pub date: String,
    pub lead: bool,
    pub report_title: String,
}

/// A proposal the member submitted, first or joint (联名).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordProposal {
    /// Received, «2020年1月8日»
    pub date: String,
    pub title: String,
    /// «第36号», «第12号（并案）», or empty when not filed.
    pub number: String,
    /// 第一提案人 / 联名
    pub role: String,
    pub first: bool,
    /// Where it stands: 已立案待交办, 办理中, 不予立案, 已撤案, …
    pub status: String,
    /// Filed (立案, 并案 included).
    pub filed: bool,
}

/// A 社情民意 item the member sent in (alone or jointly); withdrawn items are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordSqmy {
    /// Received, «2020年3月5日»
    pub date: String,
    pub title: String,
    /// «2020年第3期», or empty when not yet in an issue.
    pub issue: String,
    /// Who adopted it (采用), in order; empty when not adopted.
    pub adopted_by: Vec<String>,
    /// «省政协办公厅采用，市委主要领导批示», «已编发，未获采用», «未编发».
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PointLine {
    pub what: String,
    pub count: u32,
    pub each: f64,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberScore {
    pub rules: Vec<String>,
    pub lines: Vec<PointLine>,
    pub total: f64,
}

/// A member's record over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberRecord {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub sector: String,
    pub group: String,
    pub role: String,
    pub period: Period,
    pub attendance: MemberAttendance,
    pub remarks: Vec<RecordRemark>,
    pub items: Vec<RecordRemark>,
    pub proposals: Vec<RecordProposal>,
    pub sqmy: Vec<RecordSqmy>,
    /// «提交提案2件（第一提案人1件，联名1件），立案1件；报送社情民意信息1条，被采用1条。»
    pub proposals_line: String,
    pub duties: Vec<RecordDuty>,
    pub score: Option<MemberScore>,
}

/// The member's record over the period.
pub fn member_record(conn: &Connection, member_id: i64, period: &Period) -> Result<MemberRecord> {
    let m = crate::roster::get(conn, member_id)?;
    let attendance = attendance::member_attendance(conn, member_id, Some(&period.from), Some(&period.to))?;
    let remarks = remarks(conn, member_id, period)?;
    let items = items(conn, member_id, period)?;
    let proposals = record_proposals(conn, member_id, period)?;
    let sqmy = record_sqmy(conn, member_id, period)?;
    let duties = duties(conn, member_id, period)?;
    let mut record = MemberRecord {
        member_id,
        name: m.name,
        sector: m.sector.unwrap_or_default(),
        group: m.group.unwrap_or_default(),
        role: m.role.label().to_string(),
        period: period.clone(),
        attendance,
        remarks,
        items,
        proposals_line: proposals_line(&proposals, &sqmy),
        proposals,
        sqmy,
        duties,
        score: None,
    };
    record.score = point_rules(conn)?.map(|r| score(&r, &record));
    Ok(record)
}

/// The member's proposals received in the period, first submitter or 联名, as `proposals` reads
/// them (its stage and number rules).
fn record_proposals(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordProposal>> {
    let today = crate::roster::today();
    let list = proposals::member_proposals(conn, member_id, &p.from, &p.to, &today)?;
    Ok(list
        .into_iter()
        .map(|(p, first)| RecordProposal {
            date: chinese_date(&p.received_on),
            filed: proposals::figures_of(&p).iter().any(|f| f == "filed"),
            title: p.title,
            number: p.number_label,
            role: if first { "第一提案人" } else { "联名" }.into(),
            first,
            status: p.stage.label().into(),
        })
        .collect())
}

/// The member's 社情民意 items received in the period (withdrawn ones left out), with the issue
/// that carried each and who adopted it.
fn record_sqmy(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordSqmy>> {
    Ok(sqmy::member_items(conn, member_id, &p.from, &p.to)?
        .into_iter()
        .map(|i| {
            let by = |kind: OutcomeKind| i.outcomes.iter().filter(move |o| o.kind == kind).map(|o| o.by_whom.clone());
            let adopted_by: Vec<String> = by(OutcomeKind::Adopted).collect();
            let mut outcome: Vec<String> = adopted_by.iter().map(|b| format!("{b}采用")).collect();
            outcome.extend(by(OutcomeKind::Instructed).map(|b| format!("{b}批示")));
            let outcome = match (outcome.is_empty(), &i.issue_label) {
                (false, _) => outcome.join("，"),
                (true, Some(_)) => "已编发，未获采用".into(),
                (true, None) => "未编发".into(),
            };
            RecordSqmy {
                date: chinese_date(&i.received_on),
                title: i.title,
                issue: i.issue_label.unwrap_or_default(),
                adopted_by,
                outcome,
            }
        })
        .collect())
}

fn proposals_line(proposals: &[RecordProposal], sqmy: &[RecordSqmy]) -> String {
    let first = proposals.iter().filter(|p| p.first).count();
    let filed = proposals.iter().filter(|p| p.filed).count();
    let adopted = sqmy.iter().filter(|s| !s.adopted_by.is_empty()).count();
    format!(
        "提交提案{}件（第一提案人{first}件，联名{}件），立案{filed}件；报送社情民意信息{}条，被采用{adopted}条。",
        proposals.len(),
        proposals.len() - first,
        sqmy.len()
    )
}

fn remarks(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordRemark>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.date, r.title, k.text, o.seq, k.set_aside_reason
         FROM remarks k JOIN reports r ON r.id = k.report_id JOIN sittings s ON s.id = k.sitting_id
         LEFT JOIN opinion_remarks x ON x.remark_id = k.id LEFT JOIN opinions o ON o.id = x.opinion_id
         WHERE k.speaker_id = ?1 AND s.date BETWEEN ?2 AND ?3 ORDER BY s.date, k.id",
    )?;
    let rows = stmt.query_map(params![member_id, p.from, p.to], |r| {
        let date: String = r.get(0)?;
        let seq: Option<i64> = r.get(3)?;
        let aside: Option<String> = r.get(4)?;
        Ok(RecordRemark {
            date: chinese_date(&date),
            on: r.get(1)?,
            text: r.get(2)?,
            outcome: match (seq, aside) {
                (Some(n), _) => format!("纳入协商意见第{n}条"),
                (None, Some(why)) => format!("未纳入：{why}"),
                (None, None) => "待归纳".into(),
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn items(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordRemark>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(m.start_date, d.start_date) AS day, coalesce(m.title, d.title), i.text, i.seq, i.adoption
         FROM consultation_item_speakers s JOIN consultation_items i ON i.id = s.item_id
         LEFT JOIN meetings m ON m.id = i.meeting_id LEFT JOIN duties d ON d.id = i.duty_id
         WHERE s.member_id = ?1 AND coalesce(m.start_date, d.start_date) BETWEEN ?2 AND ?3 ORDER BY day, i.id",
    )?;
    let rows = stmt.query_map(params![member_id, p.from, p.to], |r| {
        let date: String = r.get(0)?;
        let seq: i64 = r.get(3)?;
        let adoption: Option<String> = r.get(4)?;
        let adopted = adoption.as_deref().and_then(|a| crate::opinions::Adoption::parse(a).ok());
        Ok(RecordRemark {
            date: chinese_date(&date),
            on: r.get(1)?,
            text: r.get(2)?,
            outcome: match adopted {
                Some(a) => format!("第{seq}条，{}", a.label()),
                None => format!("第{seq}条"),
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn duties(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordDuty>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.title, d.start_date, dm.lead, d.report_title
         FROM duty_members dm JOIN duties d ON d.id = dm.duty_id
         WHERE dm.member_id = ?1 AND d.start_date BETWEEN ?2 AND ?3 ORDER BY d.start_date, d.id",
    )?;
    let rows = stmt.query_map(params![member_id, p.from, p.to], |r| {
        let kind: String = r.get(0)?;
        let kind = DutyKind::from_code(&kind).unwrap_or(DutyKind::Grassroots);
        let date: String = r.get(2)?;
        Ok(RecordDuty {
            kind,
            kind_label: kind.label().into(),
            title: r.get(1)?,
            date: chinese_date(&date),
            lead: r.get(3)?,
            report_title: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many times each rule applies to the record, by rule key.
fn rule_count(r: &MemberRecord, key: &str) -> usize {
    let c = &r.attendance.counts;
    let topic = |d: &&RecordDuty| matches!(d.kind, DutyKind::Research | DutyKind::Inspection);
    match key {
        "present" => c.present as usize,
        "leave" => c.on_leave as usize,
        "absent" => c.absent as usize,
        "remark" => r.remarks.len(),
        "item" => r.items.len(),
        "proposal_filed" => r.proposals.iter().filter(|p| p.filed && p.first).count(),
        "proposal_joint" => r.proposals.iter().filter(|p| p.filed && !p.first).count(),
        "sqmy_adopted" => r.sqmy.iter().filter(|s| !s.adopted_by.is_empty()).count(),
        "topic" => r.duties.iter().filter(topic).count(),
        "duty" => r.duties.iter().filter(|d| !topic(d)).count(),
        _ => 0,
    }
}

/// Points to one decimal place, as they print.
fn tenths(p: f64) -> f64 {
    (p * 10.0).round() / 10.0
}

fn score(rules: &PointRules, r: &MemberRecord) -> MemberScore {
    let lines: Vec<PointLine> = POINT_RULE_ITEMS
        .iter()
        .filter(|(key, _, _)| rules.get(key) != 0.0)
        .map(|(key, what, _)| {
            let count = rule_count(r, key) as u32;
            let each = rules.get(key);
            PointLine { what: (*what).into(), count, each, points: tenths(f64::from(count) * each) }
        })
        .collect();
    let total = tenths(lines.iter().map(|l| l.points).sum());
    MemberScore { rules: rules.lines(), lines, total }
}

fn fmt_points(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p:.1}")
    }
}

fn record_blocks(d: &mut Document, r: &MemberRecord) {
    d.para(Paragraph::title(&format!("{}委员履职档案", r.name)));
    d.para(Paragraph::centered(
        &format!("（{}至{}）", chinese_date(&r.period.from), chinese_date(&r.period.to)),
        documents::FontRole::Kaiti,
        documents::model::SIZE_3,
    ));
    d.push(Block::Blank);
    let who = [r.sector.as_str(), r.group.as_str(), r.role.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("，");
    d.body_text(&format!("{}，{who}。", r.name), "基本情况");
    let c = &r.attendance.counts;
    d.body_text("一、会议出席", "标题");
    let mut line = format!(
        "应出席已结束的会议{}场次，出席{}场次，请假{}场次，无故缺席{}场次",
        c.expected, c.present, c.on_leave, c.absent
    );
    if c.pending > 0 {
        line.push_str(&format!("；另有{}场次尚未结束，不计入", c.pending));
    }
    line.push('。');
    d.body_text(&line, "出席");
    let mut history: Vec<_> = r.attendance.history.iter().filter(|h| h.leave.is_some()).collect();
    history.reverse();
    for h in history {
        let kind = h.leave.as_ref().map(|l| l.kind_text.clone()).unwrap_or_default();
        d.body_text(
            &format!("请假：{}，{} {}（{kind}）", chinese_date(&h.date), h.meeting_title, h.sitting_title),
            "请假",
        );
    }
    let mut absences: Vec<_> = r.attendance.absences.iter().collect();
    absences.reverse();
    for h in absences {
        d.body_text(&format!("缺席：{}，{} {}", chinese_date(&h.date), h.meeting_title, h.sitting_title), "缺席");
    }
    d.body_text("二、发言和意见建议", "标题");
    if r.remarks.is_empty() && r.items.is_empty() {
        d.body_text("无。", "发言");
    }
    for x in r.remarks.iter().chain(&r.items) {
        d.body_text(&format!("{}，{}：{}（{}）", x.date, x.on, x.text, x.outcome), "发言");
    }
    d.body_text("三、提案和社情民意信息", "标题");
    d.body_text(&r.proposals_line, "提案");
    for x in &r.proposals {
        let stand = [x.number.as_str(), x.status.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
        d.body_text(&format!("提案：{}，{}（{}；{}）", x.date, x.title, x.role, stand.join("，")), "提案");
    }
    for x in &r.sqmy {
        let issue = if x.issue.is_empty() { String::new() } else { format!("《社情民意》{}；", x.issue) };
        d.body_text(&format!("社情民意信息：{}，{}（{issue}{}）", x.date, x.title, x.outcome), "社情民意");
    }
    d.body_text("四、调研视察及其他履职活动", "标题");
    if r.duties.is_empty() {
        d.body_text("无。", "活动");
    }
    for x in &r.duties {
        let lead = if x.lead { "（牵头）" } else { "" };
        d.body_text(&format!("{}，{}：{}{lead}", x.date, x.kind_label, x.title), "活动");
    }
    if let Some(s) = &r.score {
        d.body_text("五、履职积分", "标题");
        d.body_text(&format!("积分规则：{}。", s.rules.join("；")), "积分规则");
        let mut rows: Vec<TableRow> = s
            .lines
            .iter()
            .map(|l| {
                TableRow::Cells(vec![l.what.clone(), l.count.to_string(), fmt_points(l.each), fmt_points(l.points)])
            })
            .collect();
        rows.push(TableRow::Cells(vec!["合计".into(), String::new(), String::new(), fmt_points(s.total)]));
        d.push(Block::Table(Table {
            columns: vec![
                Column { title: "项目".into(), width_mm: 66.0, align: Align::Left },
                Column { title: "次数".into(), width_mm: 30.0, align: Align::Center },
                Column { title: "每次分值".into(), width_mm: 30.0, align: Align::Center },
                Column { title: "得分".into(), width_mm: 30.0, align: Align::Center },
            ],
            rows,
            header_height_mm: 10.0,
            row_height_mm: 9.0,
            size_pt: SIZE_4,
        }));
    }
}

/// Writes the records of the members (one, or all of a group or sector) to a PDF, each from a new page.
pub fn export_member_records(
    conn: &Connection,
    member_ids: &[i64],
    period: &Period,
    path: &Path,
    replace: Replace,
) -> Result<DraftExport> {
    if Format::from_path(path)? != Format::Pdf {
        return Err(Error::invalid("导出文件", "履职档案导出为 .pdf 文件"));
    }
    if member_ids.is_empty() {
        return Err(Error::invalid("委员", "没有要导出的委员"));
    }
    let mut d = Document::new(format!("委员履职档案（{}）", period.title()));
    for (i, id) in member_ids.iter().enumerate() {
        if i > 0 {
            d.push(Block::PageBreak);
        }
        record_blocks(&mut d, &member_record(conn, *id, period)?);
    }
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let rendered = documents::render_pdf(&d, &fonts)?;
    files::write_whole(path, &rendered.bytes, replace, Privacy::Private)?;
    Ok(DraftExport {
        path: path.display().to_string(),
        pages: rendered.pages as u32,
        warnings: rendered.warnings.into_iter().map(|w| w.message).collect(),
    })
}
