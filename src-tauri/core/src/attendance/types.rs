//! The attendance types that cross IPC and the CLI's `--json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::meetings::{HalfDay, MeetingKind, SittingStatus};
use crate::roster::Role;

/// A member or an invitee (列席人员): the two rosters are counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PersonKind {
    Member,
    Invitee,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonRef {
    pub kind: PersonKind,
    #[ts(type = "number")]
    pub id: i64,
}

impl PersonRef {
    pub fn member(id: i64) -> Self {
        PersonRef { kind: PersonKind::Member, id }
    }
    pub fn invitee(id: i64) -> Self {
        PersonRef { kind: PersonKind::Invitee, id }
    }
    pub(crate) fn columns(&self) -> (Option<i64>, Option<i64>) {
        match self.kind {
            PersonKind::Member => (Some(self.id), None),
            PersonKind::Invitee => (None, Some(self.id)),
        }
    }
}

/// What the confirmation at the desk shows: who, and where they belong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonCard {
    pub person: PersonRef,
    pub name: String,
    /// 委员编号 (empty for invitees)
    pub member_no: String,
    /// 界别 (for an invitee: the unit)
    pub sector: String,
    /// 小组 (for an invitee: the post)
    pub group: String,
    pub seat: String,
    pub role: CardRole,
    #[ts(type = "number")]
    pub roster_order: i64,
}

/// Who a card's person is at a sitting: a member's 职务 (on the sitting's date), or 列席 for an
/// invitee. The roster's role codes plus `invitee`, in the order the minutes name people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CardRole {
    Chair,
    ViceChair,
    SecretaryGeneral,
    Standing,
    Member,
    Invitee,
}

impl From<Role> for CardRole {
    fn from(r: Role) -> CardRole {
        match r {
            Role::Chair => CardRole::Chair,
            Role::ViceChair => CardRole::ViceChair,
            Role::SecretaryGeneral => CardRole::SecretaryGeneral,
            Role::Standing => CardRole::Standing,
            Role::Member => CardRole::Member,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceEventKind {
    CheckIn,
    LeaveEarly,
    Return,
    Undo,
}

impl AttendanceEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceEventKind::CheckIn => "check_in",
            AttendanceEventKind::LeaveEarly => "leave_early",
            AttendanceEventKind::Return => "return",
            AttendanceEventKind::Undo => "undo",
        }
    }
    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s.trim() {
            "check_in" | "签到" => AttendanceEventKind::CheckIn,
            "leave_early" | "早退" | "离场" => AttendanceEventKind::LeaveEarly,
            "return" | "返回" | "返场" => AttendanceEventKind::Return,
            "undo" | "撤销" => AttendanceEventKind::Undo,
            other => return Err(Error::invalid("考勤动作", format!("“{other}”不是签到、早退、返回或撤销"))),
        })
    }
    pub fn label(self) -> &'static str {
        match self {
            AttendanceEventKind::CheckIn => "签到",
            AttendanceEventKind::LeaveEarly => "早退离场",
            AttendanceEventKind::Return => "返回",
            AttendanceEventKind::Undo => "撤销",
        }
    }
}

/// One check-in event as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceEvent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub sitting_id: i64,
    pub person: PersonRef,
    pub kind: AttendanceEventKind,
    /// RFC 3339
    pub at: String,
    #[ts(type = "number | null")]
    pub undoes: Option<i64>,
    /// desk | correction | import
    pub source: String,
    pub note: String,
    pub operator: String,
}

/// 因病 / 因事 / 公务 / 其他
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LeaveKind {
    Sick,
    Personal,
    Official,
    Other,
}

impl LeaveKind {
    pub const ALL: [LeaveKind; 4] = [LeaveKind::Sick, LeaveKind::Personal, LeaveKind::Official, LeaveKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            LeaveKind::Sick => "sick",
            LeaveKind::Personal => "personal",
            LeaveKind::Official => "official",
            LeaveKind::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            LeaveKind::Sick => "因病",
            LeaveKind::Personal => "因事",
            LeaveKind::Official => "公务",
            LeaveKind::Other => "其他",
        }
    }
    /// Accepts the stored code, the Chinese label and the common ways of saying it.
    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s.trim() {
            "sick" | "因病" | "病假" | "病" => LeaveKind::Sick,
            "personal" | "因事" | "事假" | "事" => LeaveKind::Personal,
            "official" | "公务" | "因公" | "公假" | "公" => LeaveKind::Official,
            "other" | "其他" | "其它" => LeaveKind::Other,
            other => {
                return Err(Error::invalid(
                    "请假类型",
                    format!("“{other}”应为 因病、因事、公务 或 其他（sick / personal / official / other）"),
                ))
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LeaveEntered {
    /// before the sitting began
    Before,
    /// while it ran
    During,
    /// afterwards (补录)
    After,
}

impl LeaveEntered {
    pub fn as_str(self) -> &'static str {
        match self {
            LeaveEntered::Before => "before",
            LeaveEntered::During => "during",
            LeaveEntered::After => "after",
        }
    }
    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "before" => LeaveEntered::Before,
            "during" => LeaveEntered::During,
            "after" => LeaveEntered::After,
            other => return Err(Error::invalid("请假登记时间", format!("“{other}”应为 before、during 或 after"))),
        })
    }
}

/// What the leave dialog and `huiwu leave` send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LeaveInput {
    #[ts(type = "number")]
    pub member_id: i64,
    pub kind: LeaveKind,
    /// What "other" is, e.g. 外出学习
    #[serde(default)]
    pub kind_label: String,
    #[serde(default)]
    pub reason: String,
    /// 批准人
    #[serde(default)]
    pub approver: String,
    /// The sittings covered: one, or a range (see [`super::sitting_range`]).
    #[ts(type = "Array<number>")]
    pub sitting_ids: Vec<i64>,
    /// Part of the sitting only, from `from_time` to `to_time` ('HH:MM').
    #[serde(default)]
    pub part: bool,
    #[serde(default)]
    pub from_time: Option<String>,
    #[serde(default)]
    pub to_time: Option<String>,
    /// Leave empty to derive it from the time of entry and the first sitting's start.
    #[serde(default)]
    pub entered: Option<LeaveEntered>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Leave {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub member_name: String,
    pub kind: LeaveKind,
    /// 因病 / 因事 / 公务 / the label of "other"
    pub kind_text: String,
    pub kind_label: String,
    pub reason: String,
    pub approver: String,
    pub part: bool,
    pub from_time: Option<String>,
    pub to_time: Option<String>,
    pub entered: LeaveEntered,
    #[ts(type = "Array<number>")]
    pub sitting_ids: Vec<i64>,
    pub cancelled_at: Option<String>,
    pub cancel_reason: String,
    pub operator: String,
    pub created_at: String,
}

/// A person's attendance at one sitting, derived from the events, the leave and the closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceStatus {
    /// 已到
    Present,
    /// 请假 (had leave, did not come)
    Leave,
    /// 未到 (not yet, the sitting is still open)
    NotArrived,
    /// 缺席 (closed: expected, neither present nor on leave)
    Absent,
}

impl AttendanceStatus {
    pub fn label(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "已到",
            AttendanceStatus::Leave => "请假",
            AttendanceStatus::NotArrived => "未到",
            AttendanceStatus::Absent => "缺席",
        }
    }
}

/// The leave behind a row, in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LeaveBrief {
    #[ts(type = "number")]
    pub leave_id: i64,
    pub kind: LeaveKind,
    pub kind_text: String,
    pub reason: String,
    pub approver: String,
    pub part: bool,
    pub from_time: Option<String>,
    pub to_time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceRow {
    pub card: PersonCard,
    /// Counted in 应到 (members only).
    pub expected: bool,
    pub status: AttendanceStatus,
    /// 已到 / 迟到 / 请假 / 未到 / 缺席 / 早退 …, for display and export
    pub status_text: String,
    pub late: bool,
    /// Left and not come back.
    pub left_early: bool,
    pub in_room: bool,
    /// 'HH:MM:SS' local
    pub checked_in_at: Option<String>,
    pub left_at: Option<String>,
    pub returned_at: Option<String>,
    pub leave: Option<LeaveBrief>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Quorum {
    /// 过半数 / 三分之二以上 / …
    pub rule: String,
    /// The fewest present that meet it.
    pub required: u32,
    pub met: bool,
}

/// The last action at the desk that an undo would take back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LastAction {
    #[ts(type = "number")]
    pub event_id: i64,
    pub kind: AttendanceEventKind,
    pub person: PersonRef,
    pub name: String,
    pub at: String,
    /// e.g. «撤销：张三 签到»
    pub description: String,
}

/// The live panel of a sitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendancePanel {
    #[ts(type = "number")]
    pub sitting_id: i64,
    pub sitting_title: String,
    pub meeting_title: String,
    pub meeting_kind: MeetingKind,
    pub date: String,
    pub start_time: String,
    pub election: bool,
    pub closed: bool,
    /// 应到
    pub expected: u32,
    /// 实到
    pub present: u32,
    /// 迟到 (among 实到)
    pub late: u32,
    /// Left and not back (among 实到)
    pub left_early: u32,
    /// 请假 (had leave and did not come)
    pub on_leave: u32,
    /// 未到 while open, 缺席 once closed: 应到 − 实到 − 请假
    pub missing: u32,
    /// 未到 or 缺席
    pub missing_label: String,
    /// 列席 invited and present
    pub invitees_expected: u32,
    pub invitees_present: u32,
    pub threshold: Quorum,
    /// «本次会议应到委员246人，因事因病请假5人，实到241人，符合规定人数»
    pub announcement: String,
    pub last_action: Option<LastAction>,
}

/// The outcome of one query at the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum CheckInOutcome {
    /// Recorded now (or, for someone who had left, recorded as coming back).
    CheckedIn { card: PersonCard, late: bool, returned: bool, at: String },
    /// Already present: nothing recorded.
    AlreadyPresent { card: PersonCard, at: String },
    /// Several people match `query`: choose one (the choice is honoured only while the text is
    /// still `query`, see [`super::Desk::check_in_chosen`]). Nothing recorded.
    Candidates { query: String, candidates: Vec<Candidate> },
    /// Nobody expected matches; `message` says why.
    NotFound { message: String },
}

/// One of several people a desk query matches, with where they stand at the sitting, so the list
/// can show who is already here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Candidate {
    pub card: PersonCard,
    pub status: AttendanceStatus,
    /// 已到 08:12:30 / 迟到 08:41:02 / 请假（因病）/ 未到
    pub status_text: String,
}

/// One IPC round trip at the desk: what happened and the panel after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeskResult {
    pub outcome: CheckInOutcome,
    pub panel: AttendancePanel,
}

/// An undo at the desk: what was taken back (with the person) and the panel after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UndoResult {
    pub undone: LastAction,
    pub panel: AttendancePanel,
}

/// The rules for one meeting kind (or `election`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceRule {
    pub meeting_kind: String,
    pub late_grace_minutes: u32,
    pub quorum_numerator: u32,
    pub quorum_denominator: u32,
    /// true: more than (过半数); false: at least (三分之二以上)
    pub quorum_strict: bool,
}

/// A sitting in the desk's picker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SittingChoice {
    #[ts(type = "number")]
    pub sitting_id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub meeting_kind: MeetingKind,
    pub title: String,
    pub date: String,
    pub half_day: HalfDay,
    pub start_time: String,
    pub status: SittingStatus,
    /// Attendance closed.
    pub closed: bool,
    pub election: bool,
}
