//! The types of 社情民意 that cross IPC and the CLI's JSON.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Where an item came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SqmySource {
    /// 委员、单位报送
    #[default]
    Submitted,
    /// A proposal not filed (不予立案), turned into 社情民意信息.
    Proposal,
    /// 会议发言、调研视察
    Meeting,
    /// 其他
    Other,
}

impl SqmySource {
    pub const ALL: [SqmySource; 4] =
        [SqmySource::Submitted, SqmySource::Proposal, SqmySource::Meeting, SqmySource::Other];

    pub fn code(self) -> &'static str {
        match self {
            SqmySource::Submitted => "submitted",
            SqmySource::Proposal => "proposal",
            SqmySource::Meeting => "meeting",
            SqmySource::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SqmySource::Submitted => "委员、单位报送",
            SqmySource::Proposal => "提案转来",
            SqmySource::Meeting => "会议发言、调研视察",
            SqmySource::Other => "其他",
        }
    }

    pub fn from_code(s: &str) -> Option<SqmySource> {
        SqmySource::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Accepts the code or the Chinese label.
    pub fn parse(s: &str) -> Result<SqmySource> {
        let s = s.trim();
        SqmySource::ALL
            .into_iter()
            .find(|k| k.code() == s || k.label() == s)
            .ok_or_else(|| Error::invalid("来源", format!("“{s}”应为 submitted / proposal / meeting / other")))
    }
}

/// What became of an item: 采用 or a leader's 批示.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OutcomeKind {
    /// 采用 (by whom)
    Adopted,
    /// 批示 (by which leader)
    Instructed,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 2] = [OutcomeKind::Adopted, OutcomeKind::Instructed];

    pub fn code(self) -> &'static str {
        match self {
            OutcomeKind::Adopted => "adopted",
            OutcomeKind::Instructed => "instructed",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            OutcomeKind::Adopted => "采用",
            OutcomeKind::Instructed => "批示",
        }
    }
    pub fn from_code(s: &str) -> Option<OutcomeKind> {
        OutcomeKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// A member who sent an item in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyMember {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// 采用 or 批示 recorded for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyOutcome {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: OutcomeKind,
    /// 采用: by whom (省政协办公厅); 批示: the leader, by office (市委主要领导).
    pub by_whom: String,
    pub summary: String,
    pub date: Option<String>,
}

/// A 社情民意 item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyItem {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub content: String,
    /// The members who sent it in (first first); empty when a unit did.
    pub members: Vec<SqmyMember>,
    /// The unit that sent it in, when not members.
    pub unit: String,
    /// «张三、李四» or the unit: who sent it in, as printed.
    pub submitter: String,
    /// YYYY-MM-DD
    pub received_on: String,
    pub source: SqmySource,
    /// The proposal it came from (不予立案 → 社情民意信息).
    #[ts(type = "number | null")]
    pub from_proposal: Option<i64>,
    #[ts(type = "number | null")]
    pub issue_id: Option<i64>,
    /// «2020年第3期»
    pub issue_label: Option<String>,
    pub outcomes: Vec<SqmyOutcome>,
    pub withdrawn_reason: Option<String>,
}

/// What the user gives to add an item. The submitter is one or more members or a unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyItemInput {
    pub title: String,
    #[serde(default)]
    pub content: String,
    #[ts(type = "number[]")]
    #[serde(default)]
    pub member_ids: Vec<i64>,
    #[serde(default)]
    pub unit: String,
    /// YYYY-MM-DD
    pub received_on: String,
    pub source: SqmySource,
    /// The proposal it came from, if any.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub from_proposal: Option<i64>,
}

/// A numbered issue of 《社情民意》.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyIssue {
    #[ts(type = "number")]
    pub id: i64,
    pub year: i32,
    /// 第N期 within the year.
    pub number: u32,
    /// YYYY-MM-DD
    pub date: String,
    pub sent_on: Option<String>,
    pub sent_to: String,
    pub cc: String,
    /// Its items, in order.
    pub items: Vec<SqmyIssueItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyIssueItem {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub submitter: String,
}

/// A new issue: its date, the items it carries (in order) and where it goes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyIssueInput {
    /// YYYY-MM-DD; the issue is numbered within this date's year.
    pub date: String,
    #[ts(type = "number[]")]
    pub item_ids: Vec<i64>,
    #[serde(default)]
    pub sent_to: String,
    #[serde(default)]
    pub cc: String,
}

/// 采用 or 批示 to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyOutcomeInput {
    pub kind: OutcomeKind,
    pub by_whom: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub date: Option<String>,
}

/// A member's figures for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyMemberStats {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    /// Items sent in (alone or with others).
    pub items: u32,
    /// Of them, carried in an issue.
    pub published: u32,
    pub adopted: u32,
    pub instructed: u32,
}

/// The year's figures (the work report's «收集社情民意信息82条，编发《社情民意》54期»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SqmyStats {
    pub year: i32,
    /// Items received in the year (withdrawn ones left out).
    pub items: u32,
    /// Issues of the year.
    pub issues: u32,
    /// Items carried in an issue.
    pub published: u32,
    /// Items adopted (采用) at least once.
    pub adopted: u32,
    /// Items that drew a leader's instruction (批示).
    pub instructed: u32,
    /// Items from members, from units, from proposals.
    pub from_members: u32,
    pub from_units: u32,
    pub from_proposals: u32,
    pub by_member: Vec<SqmyMemberStats>,
}
