//! The year's types: duties outside meetings, consultation items, periods, figures, the records
//! behind a figure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Kinds of duty (履职活动) the work report counts that are not meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DutyKind {
    /// 协商在基层
    Grassroots,
    /// 调研课题
    Research,
    /// 视察课题
    Inspection,
    /// 接待来访考察团组 (one row per 批次)
    Delegation,
    /// 外出培训学习 (人次)
    ExternalTraining,
    /// 委员培训班 (the members on it)
    MemberTraining,
    /// 向市委报告工作
    PartyReport,
}

impl DutyKind {
    pub const ALL: [DutyKind; 7] = [
        DutyKind::Grassroots,
        DutyKind::Research,
        DutyKind::Inspection,
        DutyKind::Delegation,
        DutyKind::ExternalTraining,
        DutyKind::MemberTraining,
        DutyKind::PartyReport,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DutyKind::Grassroots => "grassroots",
            DutyKind::Research => "research",
            DutyKind::Inspection => "inspection",
            DutyKind::Delegation => "delegation",
            DutyKind::ExternalTraining => "external_training",
            DutyKind::MemberTraining => "member_training",
            DutyKind::PartyReport => "party_report",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DutyKind::Grassroots => "协商在基层",
            DutyKind::Research => "调研课题",
            DutyKind::Inspection => "视察课题",
            DutyKind::Delegation => "接待考察团组",
            DutyKind::ExternalTraining => "外出培训",
            DutyKind::MemberTraining => "委员培训班",
            DutyKind::PartyReport => "向市委报告工作",
        }
    }

    /// By code or Chinese label.
    pub fn from_code(s: &str) -> Option<DutyKind> {
        let s = s.trim();
        DutyKind::ALL.into_iter().find(|k| k.code() == s || k.label() == s)
    }
}

/// A duty as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Duty {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: DutyKind,
    pub title: String,
    /// 牵头领导 / 来访单位 / 承办单位
    pub lead: String,
    pub start_date: String,
    pub end_date: String,
    pub place: String,
    /// 人次 (delegations, external training)
    pub person_times: u32,
    /// The report produced (调研报告 / 视察报告) or sent (向市委报告).
    pub report_title: String,
    pub notes: String,
    /// Members taking part, lead first.
    pub members: Vec<DutyMember>,
    /// 意见建议 recorded for it (协商在基层).
    pub items: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DutyMember {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub lead: bool,
}

/// A duty to record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct DutyInput {
    pub kind: Option<DutyKind>,
    pub title: String,
    pub lead: String,
    pub start_date: String,
    /// Empty: the start date.
    pub end_date: String,
    pub place: String,
    /// 人次; signed so that a negative number typed by mistake is refused with a message naming
    /// the field instead of failing to parse.
    #[ts(type = "number")]
    pub person_times: i64,
    pub report_title: String,
    pub notes: String,
    /// Members taking part; the first of `lead_members` also listed here leads.
    #[ts(type = "number[]")]
    pub members: Vec<i64>,
    #[ts(type = "number[]")]
    pub lead_members: Vec<i64>,
}

/// What a consultation item belongs to: a meeting (专题议政性常委会, 专题协商会, 座谈协商) or a
/// 协商在基层 activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
#[ts(export)]
pub enum ItemSource {
    Meeting(#[ts(type = "number")] i64),
    Duty(#[ts(type = "number")] i64),
}

/// A numbered 意见建议 a consultation produced, with its feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConsultationItem {
    #[ts(type = "number")]
    pub id: i64,
    pub source: ItemSource,
    pub seq: u32,
    pub topic: String,
    pub text: String,
    pub receiving_body: String,
    /// adopted / partly_adopted / for_reference / not_adopted, as the plenary opinions' feedback.
    pub adoption: Option<crate::opinions::Adoption>,
    pub reply: String,
    /// The date the feedback came back, 'YYYY-MM-DD'.
    pub feedback_on: Option<String>,
    /// Who raised it.
    pub speakers: Vec<DutyMember>,
}

/// The feedback (反馈) on one 意见建议 as the clerk enters it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct ItemFeedback {
    /// The body it went to (报送单位).
    pub receiving_body: String,
    pub adoption: Option<crate::opinions::Adoption>,
    /// The reply (反馈内容).
    pub reply: String,
    /// The date the feedback came back, 'YYYY-MM-DD'; needed with a reply or an adoption.
    pub feedback_on: Option<String>,
}

/// A consultation that produces numbered 意见建议: a consultation meeting of the period or a
/// 协商在基层 activity, with how many items it has and how many have feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Consultation {
    pub source: ItemSource,
    /// 专题议政性常委会 / 专题协商会 / 座谈协商 / 协商在基层
    pub kind: String,
    pub title: String,
    pub date: String,
    pub items: u32,
    /// Items with feedback recorded.
    pub answered: u32,
}

/// An item to add (numbered after the last one of its source).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct ItemInput {
    pub topic: String,
    pub text: String,
    pub receiving_body: String,
    #[ts(type = "number[]")]
    pub speakers: Vec<i64>,
}

/// A period of the year's figures, dates 'YYYY-MM-DD', both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Period {
    pub from: String,
    pub to: String,
}

impl Period {
    /// The calendar year.
    pub fn year(year: i32) -> Result<Period> {
        if !(1949..=2200).contains(&year) {
            return Err(Error::invalid("年度", format!("{year} 不是有效的年份")));
        }
        Ok(Period { from: format!("{year}-01-01"), to: format!("{year}-12-31") })
    }

    /// A period the user gave; the dates are checked.
    pub fn between(from: &str, to: &str) -> Result<Period> {
        let from = crate::roster::parse_date("起始日期", from)?;
        let to = crate::roster::parse_date("截止日期", to)?;
        if to < from {
            return Err(Error::invalid("截止日期", format!("{to} 早于起始日期 {from}")));
        }
        Ok(Period { from, to })
    }

    /// «2020年» for a calendar year, else «2020年1月1日至2020年6月30日».
    pub fn title(&self) -> String {
        let y = &self.from[..4.min(self.from.len())];
        if self.from.ends_with("-01-01") && self.to == format!("{y}-12-31") {
            format!("{y}年")
        } else {
            format!("{}至{}", crate::documents::chinese_date(&self.from), crate::documents::chinese_date(&self.to))
        }
    }
}

/// One figure of the year, under a stable key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Figure {
    /// Stable key, e.g. `standing_committee_meetings`.
    pub key: String,
    /// 常委会会议
    pub label: String,
    pub value: f64,
    /// 次 / 条 / 个 / 批 / 人次 / 人 / %
    pub unit: String,
    /// Whether a click can list the records behind it (rates and sums of person-times list theirs too).
    pub has_records: bool,
}

impl Figure {
    pub(crate) fn count(key: &str, label: &str, value: i64, unit: &str) -> Figure {
        Figure { key: key.into(), label: label.into(), value: value as f64, unit: unit.into(), has_records: true }
    }

    pub(crate) fn rate(key: &str, label: &str, value: f64) -> Figure {
        let value = (value * 1000.0).round() / 10.0;
        Figure { key: key.into(), label: label.into(), value, unit: "%".into(), has_records: false }
    }

    /// The value as the report prints it: 9, 75.7%.
    pub fn shown(&self) -> String {
        if self.unit == "%" {
            format!("{:.1}%", self.value)
        } else {
            format!("{}{}", self.value as i64, self.unit)
        }
    }

    pub fn int(&self) -> i64 {
        self.value.round() as i64
    }
}

/// A section of figures (会议, 协商议政, 履职活动, 委员队伍, 考勤).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub figures: Vec<Figure>,
}

/// Every figure of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearFigures {
    pub period: Period,
    /// «2020年»
    pub title: String,
    pub sections: Vec<Section>,
}

impl YearFigures {
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.sections.iter().flat_map(|s| &s.figures).find(|f| f.key == key)
    }

    /// The value of `key`, 0 when there is no such figure.
    pub fn int(&self, key: &str) -> i64 {
        self.figure(key).map_or(0, Figure::int)
    }

    /// Every figure as key → number (whole numbers as integers), for `huiwu year --json`.
    pub fn map(&self) -> serde_json::Map<String, serde_json::Value> {
        self.sections
            .iter()
            .flat_map(|s| &s.figures)
            .map(|f| {
                let v = if f.unit == "%" { serde_json::json!(f.value) } else { serde_json::json!(f.int()) };
                (f.key.clone(), v)
            })
            .collect()
    }
}

/// One record behind a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FigureRecord {
    /// What it is: 常委会会议, 意见建议, 调研课题, 辞去委员职务, …
    pub kind: String,
    #[ts(type = "number")]
    pub id: i64,
    /// «2020年5月21日»
    pub date: String,
    pub title: String,
    /// e.g. «第12条» / «15人次» / the decision's reference
    pub detail: String,
}
