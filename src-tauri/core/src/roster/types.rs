//! The roster's types: roles, membership events, members, invitees and what the pages show.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[cfg(doc)]
use super::list;
use super::names;

/// 职务 on the committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// 主席
    Chair,
    /// 副主席
    ViceChair,
    /// 秘书长
    SecretaryGeneral,
    /// 常委
    Standing,
    /// 委员
    #[default]
    Member,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Chair, Role::ViceChair, Role::SecretaryGeneral, Role::Standing, Role::Member];

    pub fn code(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::ViceChair => "vice_chair",
            Role::SecretaryGeneral => "secretary_general",
            Role::Standing => "standing",
            Role::Member => "member",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Chair => "主席",
            Role::ViceChair => "副主席",
            Role::SecretaryGeneral => "秘书长",
            Role::Standing => "常委",
            Role::Member => "委员",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Reads a role as written in a roster: 主席, 副主席, 秘书长, 常委 / 常务委员, 委员 (or the code).
    pub fn from_label(s: &str) -> Option<Role> {
        let s = names::clean_name(s);
        match s.as_str() {
            "主席" => Some(Role::Chair),
            "副主席" => Some(Role::ViceChair),
            "秘书长" => Some(Role::SecretaryGeneral),
            "常委" | "常务委员" | "常务委员会委员" => Some(Role::Standing),
            "委员" | "" => Some(Role::Member),
            other => Role::from_code(other),
        }
    }

    /// Whether this role sits on the standing committee (主席、副主席、秘书长 and 常委 all do).
    pub fn is_standing(self) -> bool {
        self != Role::Member
    }
}

/// Kinds of membership event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MembershipKind {
    /// 任职（加入）
    Joined,
    /// 辞去委员职务
    Resigned,
    /// 辞去常委职务 (stays a member)
    StandingResigned,
    /// 责令辞去
    OrderedToResign,
    /// 撤销委员资格
    Revoked,
    /// 逝世
    Died,
    /// 职务变动
    RoleChanged,
    /// 暂停委员职务 (stays on the roster; `until` the day it ends, if decided)
    Suspended,
}

impl MembershipKind {
    pub const ALL: [MembershipKind; 8] = [
        MembershipKind::Joined,
        MembershipKind::Resigned,
        MembershipKind::StandingResigned,
        MembershipKind::OrderedToResign,
        MembershipKind::Revoked,
        MembershipKind::Died,
        MembershipKind::RoleChanged,
        MembershipKind::Suspended,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MembershipKind::Joined => "joined",
            MembershipKind::Resigned => "resigned",
            MembershipKind::StandingResigned => "standing_resigned",
            MembershipKind::OrderedToResign => "ordered_to_resign",
            MembershipKind::Revoked => "revoked",
            MembershipKind::Died => "died",
            MembershipKind::RoleChanged => "role_changed",
            MembershipKind::Suspended => "suspended",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MembershipKind::Joined => "任委员",
            MembershipKind::Resigned => "辞去委员职务",
            MembershipKind::StandingResigned => "辞去常委职务",
            MembershipKind::OrderedToResign => "责令辞去委员职务",
            MembershipKind::Revoked => "撤销委员资格",
            MembershipKind::Died => "逝世",
            MembershipKind::RoleChanged => "职务变动",
            MembershipKind::Suspended => "暂停委员职务",
        }
    }

    pub fn from_code(s: &str) -> Option<MembershipKind> {
        MembershipKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether the event ends the membership.
    pub fn ends_membership(self) -> bool {
        matches!(
            self,
            MembershipKind::Resigned | MembershipKind::OrderedToResign | MembershipKind::Revoked | MembershipKind::Died
        )
    }
}

/// A member (委员) as the roster shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Member {
    #[ts(type = "number")]
    pub id: i64,
    /// 委员编号
    pub member_no: Option<String>,
    pub name: String,
    /// 男 / 女
    pub gender: String,
    /// 民族
    pub ethnicity: String,
    /// 出生年月, 'YYYY-MM'
    pub birth_month: Option<String>,
    /// 党派
    pub party: String,
    /// 界别
    pub sector: Option<String>,
    /// 讨论小组
    pub group: Option<String>,
    /// The role on the date asked for (`in_office_on`, `list` with a date), else the latest role.
    pub role: Role,
    /// 工作单位
    pub workplace: String,
    /// 职务 (at the workplace)
    pub post: String,
    pub phone: String,
    /// 座位号
    pub seat: String,
    pub notes: String,
    #[ts(type = "number")]
    pub roster_order: i64,
    pub joined_on: String,
    /// First day no longer in office.
    pub left_on: Option<String>,
    /// Why they left (the event that ended the membership).
    pub left_reason: Option<MembershipKind>,
    /// The usual full pinyin of the name, 'zhangwei'.
    pub name_pinyin: String,
    /// The usual pinyin initials, 'zw'.
    pub name_initials: String,
    /// The user confirmed this is not the same person as a same-name, same-birth-month member.
    pub distinct_confirmed: bool,
}

impl Member {
    /// In office on `date` ('YYYY-MM-DD')?
    pub fn in_office_on(&self, date: &str) -> bool {
        self.joined_on.as_str() <= date && self.left_on.as_deref().is_none_or(|l| l > date)
    }
}

/// What a user types for a member: used by create, update and import.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct MemberInput {
    pub member_no: Option<String>,
    pub name: String,
    pub gender: String,
    pub ethnicity: String,
    /// 'YYYY-MM' (also accepted: 1968.10, 1968年10月, 1968/10)
    pub birth_month: Option<String>,
    pub party: String,
    pub sector: Option<String>,
    pub group: Option<String>,
    pub role: Role,
    pub workplace: String,
    pub post: String,
    pub phone: String,
    pub seat: String,
    pub notes: String,
    /// Position in the roster; `None` puts a new member last and keeps an existing one's place.
    #[ts(type = "number | null")]
    pub roster_order: Option<i64>,
    /// Took office, 'YYYY-MM-DD'. Required to create; on update a change moves the joining event.
    pub joined_on: String,
}

/// One change of membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MembershipEvent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub kind: MembershipKind,
    pub effective_on: String,
    /// The decision's reference, e.g. 安宁政协常〔2020〕12号
    pub reference: String,
    /// Role before the event (role-changing events only).
    pub role_from: Option<Role>,
    /// Role from the event on (joining and role-changing events).
    pub role_to: Option<Role>,
    /// The last day of a suspension (暂停委员职务), 'YYYY-MM-DD', when it is decided.
    #[serde(default)]
    pub until: Option<String>,
    pub created_at: String,
}

/// A membership event to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MembershipEventInput {
    pub kind: MembershipKind,
    pub effective_on: String,
    #[serde(default)]
    pub reference: String,
    /// The new role, for `role_changed` only.
    #[serde(default)]
    pub role: Option<Role>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct RosterFilter {
    /// As of this date: roles on that date, and `status` judged on that date. None: today.
    pub date: Option<String>,
    pub sector: Option<String>,
    pub group: Option<String>,
    pub role: Option<Role>,
    pub status: MemberStatus,
}

/// Membership status for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberStatus {
    /// 在任 on the date
    #[default]
    InOffice,
    /// 已离任 by the date
    Left,
    /// everyone ever on the roster
    All,
}

/// 列席人员: their own small roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Invitee {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub post: String,
    pub phone: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct InviteeInput {
    pub name: String,
    pub unit: String,
    pub post: String,
    pub phone: String,
    pub notes: String,
}

/// A sector or a group, for pick lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NamedCount {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub members: i64,
    /// The group's convener (召集人); always None for sectors.
    pub convener: Option<String>,
}

/// Two members with the same name and birth month: maybe one person entered twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicatePair {
    pub a: Member,
    pub b: Member,
}

/// Everything the member page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberHistory {
    pub member: Member,
    pub events: Vec<MembershipEvent>,
    /// Edits of the member's record, newest first.
    pub changes: Vec<crate::audit::AuditRecord>,
}
