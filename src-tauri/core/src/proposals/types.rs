//! The types of proposals (提案) that cross IPC and the CLI's JSON.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A coded value with its Chinese name: `code()` is stored and typed by scripts, `label()` shown;
/// `parse` accepts either.
macro_rules! coded {
    ($(#[$m:meta])* $name:ident, $field:literal, { $($v:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($v,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v,)+];

            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code,)+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$v => $label,)+ }
            }

            pub fn from_code(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|k| k.code() == s)
            }

            /// Accepts the code or the Chinese name.
            pub fn parse(s: &str) -> Result<$name> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|k| k.code() == s || k.label() == s).ok_or_else(|| {
                    Error::invalid(
                        $field,
                        format!(
                            "“{s}”不是可用的值，应为 {}",
                            Self::ALL.iter().map(|k| format!("{}（{}）", k.label(), k.code())).collect::<Vec<_>>().join(" / ")
                        ),
                    )
                })
            }
        }
    };
}

coded!(
    /// Who submits: a member (alone or with joint submitters) or a body in its own name.
    ProposalKind, "提案者类型", {
        Member => "member", "委员提案";
        Collective => "collective", "集体提案";
    }
);

coded!(
    /// In whose name a collective proposal is made.
    CollectiveKind, "集体提案单位类型", {
        Party => "party", "党派";
        Organisation => "organisation", "人民团体";
        Sector => "sector", "界别";
        SpecialCommittee => "special_committee", "专门委员会";
    }
);

coded!(
    /// What a proposal not filed (不予立案) becomes.
    NotFiledOutcome, "处理方式", {
        WorkSuggestion => "work_suggestion", "转为工作建议";
        Sqmy => "sqmy", "转为社情民意信息";
        Letter => "letter", "转为委员来信";
        Returned => "returned", "退回";
    }
);

coded!(
    /// The submitter's rating of an answer.
    Rating, "评价", {
        Satisfied => "satisfied", "满意";
        BasicallySatisfied => "basically_satisfied", "基本满意";
        Unsatisfied => "unsatisfied", "不满意";
    }
);

coded!(
    /// Where a proposal stands, derived from its record.
    ProposalStage, "状态", {
        Received => "received", "待审查";
        Filed => "filed", "已立案待交办";
        Assigned => "assigned", "办理中";
        Answered => "answered", "已答复待评价";
        Rated => "rated", "已评价";
        Visited => "visited", "已回访";
        NotFiled => "not_filed", "不予立案";
        Merged => "merged", "并案";
        Withdrawn => "withdrawn", "已撤案";
    }
);

/// The class of an answer: A 所提问题已经解决或基本解决, B 正在解决或已列入计划逐步解决,
/// C 因条件限制需以后解决或留作参考 (labels editable in the settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AnswerClass {
    A,
    B,
    C,
}

impl AnswerClass {
    pub const ALL: [AnswerClass; 3] = [AnswerClass::A, AnswerClass::B, AnswerClass::C];

    pub fn code(self) -> &'static str {
        match self {
            AnswerClass::A => "A",
            AnswerClass::B => "B",
            AnswerClass::C => "C",
        }
    }

    /// The standard meaning, used until the secretariat edits it.
    pub fn default_label(self) -> &'static str {
        match self {
            AnswerClass::A => "所提问题已经解决或基本解决",
            AnswerClass::B => "正在解决或已列入计划逐步解决",
            AnswerClass::C => "因条件限制需以后解决或留作参考",
        }
    }

    pub fn parse(s: &str) -> Result<AnswerClass> {
        match s.trim().to_ascii_uppercase().trim_end_matches('类') {
            "A" => Ok(AnswerClass::A),
            "B" => Ok(AnswerClass::B),
            "C" => Ok(AnswerClass::C),
            other => Err(Error::invalid("答复类别", format!("“{other}”不是可用的类别，应为 A / B / C"))),
        }
    }
}

/// One submitter of a member proposal (the first, then the joint submitters 联名).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalSubmitter {
    #[ts(type = "number")]
    pub member_id: i64,
    pub member_no: Option<String>,
    pub name: String,
    pub sector: Option<String>,
}

/// One round of handling's written answer (答复) and the submitter's rating of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalAnswer {
    pub round: u32,
    pub answered_on: String,
    pub answer_class: AnswerClass,
    pub text: String,
    /// An attached file (the unit's signed letter), '' if none.
    pub file_path: String,
    pub rating: Option<Rating>,
    pub rated_on: Option<String>,
}

/// A proposal as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Proposal {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub session_id: i64,
    pub session_name: String,
    /// 大会期间 (true) or 平时.
    pub during_plenary: bool,
    pub kind: ProposalKind,
    pub collective_kind: Option<CollectiveKind>,
    pub collective_name: String,
    pub submitters: Vec<ProposalSubmitter>,
    /// «张三、李四» or the collective's name: how the register names the submitter.
    pub submitter_label: String,
    /// The first submitter's sector, or the collective's name when a sector submits.
    pub sector: String,
    pub title: String,
    pub category: String,
    pub case_text: String,
    pub suggestions: String,
    pub received_on: String,
    pub stage: ProposalStage,
    /// 立案号 within the session; a merged proposal shows its case's number.
    pub number: Option<u32>,
    /// «第36号», «第12号（并案）», '' before filing.
    pub number_label: String,
    pub reviewed_on: Option<String>,
    pub reject_reason: String,
    pub outcome: Option<NotFiledOutcome>,
    #[ts(type = "number | null")]
    pub merged_into: Option<i64>,
    pub key_proposal: bool,
    #[ts(type = "number | null")]
    pub supervisor_id: Option<i64>,
    pub supervisor_name: String,
    pub assigned_on: Option<String>,
    pub deadline: Option<String>,
    pub lead_unit: Option<String>,
    pub co_units: Vec<String>,
    pub talked_on: Option<String>,
    pub answers: Vec<ProposalAnswer>,
    pub visited_on: Option<String>,
    pub visit_note: String,
    pub withdrawn_on: Option<String>,
    pub withdrawn_by: String,
    pub withdrawn_reason: String,
    /// Assigned, unanswered and past its deadline on the day asked about.
    pub overdue: bool,
}

impl Proposal {
    pub fn latest_answer(&self) -> Option<&ProposalAnswer> {
        self.answers.last()
    }
}

/// What the clerk enters when a proposal arrives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalInput {
    #[ts(type = "number")]
    pub session_id: i64,
    pub during_plenary: bool,
    /// Members, first submitter first (empty for a collective proposal).
    #[ts(type = "number[]")]
    pub submitter_ids: Vec<i64>,
    /// Set for a collective proposal.
    pub collective_kind: Option<CollectiveKind>,
    pub collective_name: String,
    pub title: String,
    pub category: String,
    pub case_text: String,
    pub suggestions: String,
    pub received_on: String,
}

/// Which proposals a list shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalFilter {
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// Received from / to (inclusive, 'YYYY-MM-DD').
    pub from: Option<String>,
    pub to: Option<String>,
    pub stage: Option<ProposalStage>,
    pub category: Option<String>,
    pub overdue_only: bool,
    /// Words that must all appear in the title, the submitters or the texts.
    pub query: Option<String>,
    /// A figure of the statistics (`filed`, `category:经济建设`, `unit:市教育局` …): the proposals behind it.
    pub figure: Option<String>,
    /// Also load 案由, 建议 and the answers' texts (the register's table shows titles only;
    /// `get_proposal` has them all).
    #[serde(default)]
    pub with_texts: bool,
}

/// The assignment (交办) of a filed proposal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssignInput {
    #[ts(type = "number")]
    pub lead_unit_id: i64,
    #[ts(type = "number[]")]
    pub co_unit_ids: Vec<i64>,
    pub assigned_on: String,
    /// `None`: the default (three months after assignment unless configured otherwise).
    pub deadline: Option<String>,
    pub key_proposal: bool,
    #[ts(type = "number | null")]
    pub supervisor_id: Option<i64>,
}

/// A written answer (答复).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnswerInput {
    pub answered_on: String,
    pub answer_class: AnswerClass,
    pub text: String,
    pub file_path: String,
}

/// A handling unit (承办单位).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalUnit {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub sort_order: i32,
}

/// The settings of the proposals work: categories, answer class labels, the default deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalSettings {
    pub categories: Vec<String>,
    /// The labels of A, B and C, in that order.
    pub answer_class_labels: Vec<String>,
    pub deadline_months: u32,
}

/// A near-duplicate hint while reviewing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SimilarProposal {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub submitter_label: String,
    pub stage: ProposalStage,
    pub number_label: String,
    pub score: f64,
}

/// One line of a breakdown: its figure key (for the list behind it), name and count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatRow {
    pub key: String,
    pub label: String,
    pub count: u32,
}

/// The period or session the statistics cover.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsScope {
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The figures of the proposals work (rates in per cent, one decimal). Withdrawn proposals are
/// counted only in `withdrawn`; merged ones (并案) count as received and filed, each keeping its
/// submitters' credit, and are handled with their case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalStats {
    /// «六届四次会议以来» or «2020年1月1日至2020年12月31日».
    pub scope_label: String,
    pub received: u32,
    pub received_collective: u32,
    pub received_members: u32,
    pub during_plenary: u32,
    pub filed: u32,
    pub filed_collective: u32,
    pub filed_members: u32,
    pub not_filed: u32,
    pub merged: u32,
    pub pending_review: u32,
    pub withdrawn: u32,
    /// 立案率 = filed / received.
    pub filing_rate: f64,
    /// Shares of the filed: collective and by members.
    pub filed_collective_share: f64,
    pub filed_members_share: f64,
    pub assigned: u32,
    pub key_proposals: u32,
    pub talked: u32,
    /// 面商率 = talked / filed.
    pub talk_rate: f64,
    pub answered: u32,
    /// 办复率 = answered / filed.
    pub answer_rate: f64,
    pub rated: u32,
    pub satisfied: u32,
    pub basically_satisfied: u32,
    pub unsatisfied: u32,
    /// 满意率 = (满意 + 基本满意) / rated.
    pub satisfaction_rate: f64,
    pub visited: u32,
    /// 回访率 = visited / filed.
    pub visit_rate: f64,
    pub overdue: u32,
    pub by_outcome: Vec<StatRow>,
    pub by_category: Vec<StatRow>,
    pub by_sector: Vec<StatRow>,
    pub by_unit: Vec<StatRow>,
    pub by_answer_class: Vec<StatRow>,
}
