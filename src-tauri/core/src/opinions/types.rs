//! The types of consultation opinions that cross IPC and the CLI's JSON.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// What a report under consultation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    Government,
    Court,
    Procuratorate,
    StandingCommittee,
    ProposalWork,
    PlanBudget,
    Other,
}

impl ReportKind {
    pub const ALL: [ReportKind; 7] = [
        ReportKind::Government,
        ReportKind::Court,
        ReportKind::Procuratorate,
        ReportKind::StandingCommittee,
        ReportKind::ProposalWork,
        ReportKind::PlanBudget,
        ReportKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Government => "government",
            ReportKind::Court => "court",
            ReportKind::Procuratorate => "procuratorate",
            ReportKind::StandingCommittee => "standing_committee",
            ReportKind::ProposalWork => "proposal_work",
            ReportKind::PlanBudget => "plan_budget",
            ReportKind::Other => "other",
        }
    }

    /// The kind's name in the UI.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Government => "政府工作报告",
            ReportKind::Court => "法院工作报告",
            ReportKind::Procuratorate => "检察院工作报告",
            ReportKind::StandingCommittee => "常委会工作报告",
            ReportKind::ProposalWork => "提案工作情况报告",
            ReportKind::PlanBudget => "计划和预算报告",
            ReportKind::Other => "其他报告",
        }
    }

    /// Accepts the code (`government`) or the Chinese label (`政府工作报告`).
    pub fn parse(s: &str) -> Result<ReportKind> {
        let s = s.trim();
        ReportKind::ALL.into_iter().find(|k| k.code() == s || k.label() == s).ok_or_else(|| {
            Error::invalid(
                "报告类别",
                format!(
                    "“{s}”不是可用的类别，应为 {}",
                    ReportKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>().join(" / ")
                ),
            )
        })
    }
}

/// One section (一、二、…) of a report's text, which a remark may point at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSection {
    #[ts(type = "number")]
    pub id: i64,
    pub seq: u32,
    pub heading: String,
    pub body: String,
}

/// How a report's remarks stand: every remark is placed in an opinion, set aside, or unplaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkCounts {
    pub total: u32,
    pub placed: u32,
    pub set_aside: u32,
    pub unplaced: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Report {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub session_id: i64,
    /// 六届四次会议
    pub session_name: String,
    pub kind: ReportKind,
    /// 政府工作报告
    pub title: String,
    /// 安宁市人民政府: the default receiving body of the list.
    pub issuing_body: String,
    /// The report's text as entered ('' if none); its sections are in `sections`.
    pub body_text: String,
    /// The title the staff set for the printed list ('' = the default).
    pub list_title_custom: String,
    /// The title printed on the list: «关于《政府工作报告》的协商意见» unless set.
    pub list_title: String,
    pub sort_order: i32,
    /// When the list was finalised (定稿); `None` while it is being worked on.
    pub finalised_at: Option<String>,
    pub sections: Vec<ReportSection>,
    pub counts: RemarkCounts,
    pub opinions: u32,
}

/// What the user gives to create or update a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportInput {
    #[ts(type = "number")]
    pub session_id: i64,
    pub kind: ReportKind,
    pub title: String,
    #[serde(default)]
    pub issuing_body: String,
    /// The report's text; split into sections at the «一、» headings.
    #[serde(default)]
    pub body_text: String,
    #[serde(default)]
    pub list_title: String,
}

/// Where a remark stands in the consolidation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RemarkStatus {
    /// Not yet in any opinion, not set aside.
    Unplaced,
    /// In an opinion.
    Placed,
    /// 不纳入, with a reason.
    SetAside,
}

impl RemarkStatus {
    pub fn label(self) -> &'static str {
        match self {
            RemarkStatus::Unplaced => "未归入",
            RemarkStatus::Placed => "已归入",
            RemarkStatus::SetAside => "不纳入",
        }
    }
    pub fn parse(s: &str) -> Result<RemarkStatus> {
        match s.trim() {
            "unplaced" | "未归入" => Ok(RemarkStatus::Unplaced),
            "placed" | "已归入" => Ok(RemarkStatus::Placed),
            "set_aside" | "不纳入" => Ok(RemarkStatus::SetAside),
            other => Err(Error::invalid("状态", format!("“{other}”应为 unplaced / placed / set_aside"))),
        }
    }
}

/// A remark to record. The speaker is a member (`speaker_id`) or, with `speaker_id` empty, the
/// group as a whole (`group_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkInput {
    #[ts(type = "number")]
    pub report_id: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub section_id: Option<i64>,
    #[ts(type = "number")]
    pub sitting_id: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub speaker_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub group_id: Option<i64>,
    pub text: String,
}

/// One remark as the consolidation screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Remark {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub report_id: i64,
    #[ts(type = "number | null")]
    pub section_id: Option<i64>,
    pub section_heading: Option<String>,
    #[ts(type = "number")]
    pub sitting_id: i64,
    pub sitting_title: String,
    /// `None` when the group as a whole made the remark.
    #[ts(type = "number | null")]
    pub speaker_id: Option<i64>,
    /// 委员编号 of the speaker.
    pub member_no: Option<String>,
    /// The speaker's name, or «第一组（集体）» for the group as a whole.
    pub speaker_name: String,
    #[ts(type = "number | null")]
    pub group_id: Option<i64>,
    pub group_name: String,
    pub text: String,
    pub status: RemarkStatus,
    pub set_aside_reason: Option<String>,
    #[ts(type = "number | null")]
    pub opinion_id: Option<i64>,
    /// The number of the opinion it is in.
    pub opinion_number: Option<u32>,
    pub created_at: String,
}

/// Which remarks of a report to list. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkFilter {
    #[ts(type = "number")]
    pub report_id: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub group_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub speaker_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub section_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub sitting_id: Option<i64>,
    #[serde(default)]
    pub status: Option<RemarkStatus>,
    /// Full-text query: words separated by spaces, all must occur.
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub offset: Option<u32>,
}

/// A page of remarks and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkPage {
    pub total: u32,
    pub remarks: Vec<Remark>,
}

/// A remark as shown under the opinion it is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkRef {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub speaker_id: Option<i64>,
    pub member_no: Option<String>,
    pub speaker_name: String,
    pub group_name: String,
    pub sitting_title: String,
    pub text: String,
}

/// The adoption of an opinion by the receiving body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Adoption {
    /// 采纳
    Adopted,
    /// 部分采纳
    PartlyAdopted,
    /// 研究参考
    ForReference,
    /// 未采纳
    NotAdopted,
}

impl Adoption {
    pub const ALL: [Adoption; 4] =
        [Adoption::Adopted, Adoption::PartlyAdopted, Adoption::ForReference, Adoption::NotAdopted];
    pub fn code(self) -> &'static str {
        match self {
            Adoption::Adopted => "adopted",
            Adoption::PartlyAdopted => "partly_adopted",
            Adoption::ForReference => "for_reference",
            Adoption::NotAdopted => "not_adopted",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Adoption::Adopted => "采纳",
            Adoption::PartlyAdopted => "部分采纳",
            Adoption::ForReference => "研究参考",
            Adoption::NotAdopted => "未采纳",
        }
    }
    pub fn parse(s: &str) -> Result<Adoption> {
        let s = s.trim();
        Adoption::ALL
            .into_iter()
            .find(|a| a.code() == s || a.label() == s)
            .ok_or_else(|| Error::invalid("采纳情况", format!("“{s}”应为 采纳 / 部分采纳 / 研究参考 / 未采纳")))
    }
}

/// OpinionFeedback on one opinion (反馈).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpinionFeedback {
    #[serde(default)]
    pub receiving_body: String,
    /// 'YYYY-MM-DD'
    #[serde(default)]
    pub sent_on: Option<String>,
    #[serde(default)]
    pub adoption: Option<Adoption>,
    #[serde(default)]
    pub reply: String,
}

/// A speaker behind an opinion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkSpeaker {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub member_no: Option<String>,
    pub name: String,
}

/// A consolidated, numbered opinion with everything behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Opinion {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub report_id: i64,
    /// 1..N in list order.
    pub number: u32,
    pub topic: String,
    pub text: String,
    pub remarks: Vec<RemarkRef>,
    /// Distinct speakers, in the order of the remarks.
    pub speakers: Vec<RemarkSpeaker>,
    /// Distinct groups, in the order of the remarks.
    pub groups: Vec<String>,
    pub feedback: OpinionFeedback,
}

/// Merge remarks into a new opinion (`opinion_id` empty) or into an existing one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeInput {
    #[ts(type = "number")]
    pub report_id: i64,
    #[ts(type = "number[]")]
    pub remark_ids: Vec<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub opinion_id: Option<i64>,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub text: String,
    /// Where a new opinion goes (its number); at the end when empty.
    #[serde(default)]
    pub number: Option<u32>,
}

/// The consolidation screen's state of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpinionBoard {
    pub report: Report,
    pub opinions: Vec<Opinion>,
    /// The label of the operation «撤销» would undo, if any.
    pub undo_label: Option<String>,
    pub undo_depth: u32,
}

/// A pair of remarks that say nearly the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkSuggestion {
    pub a: Remark,
    pub b: Remark,
    /// Dice coefficient of the two remarks' character bigrams, 0..1.
    pub score: f64,
    /// The bigrams they share, most telling first.
    pub shared: Vec<String>,
}

/// A sitting a remark can be recorded in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkSitting {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub date: String,
    pub half_day: String,
    #[ts(type = "number[]")]
    pub group_ids: Vec<i64>,
}

/// A group, for filters and «the group as a whole».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemarkGroup {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// Whatever the entry form and the filters need for one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportContext {
    pub report: Report,
    pub sittings: Vec<RemarkSitting>,
    pub groups: Vec<RemarkGroup>,
    pub speakers: Vec<RemarkSpeaker>,
}
