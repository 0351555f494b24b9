//! The committee's point rules for the 履职档案's score: how they are stored (kept while scoring
//! is off), read from what a clerk types («扣3分», full-width digits) and shown in words in the
//! audit trail and on the printout.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, Result};

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

/// Points as they print: whole numbers without a decimal, others to one place.
pub(super) fn fmt_points(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p:.1}")
    }
}
