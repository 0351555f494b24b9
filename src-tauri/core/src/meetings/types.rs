//! The meetings' types: kinds of meeting and sitting, sessions, meetings, sittings and their inputs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            pub fn from_code(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|k| k.code() == s || k.label() == s)
            }
        }

        /// Read from its stored code (the schema's CHECK keeps other text out of the column).
        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Self::ALL
                    .iter()
                    .copied()
                    .find(|k| k.code() == s)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("“{s}”不是已知的代码").into()))
            }
        }

        /// Stored as its code.
        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }
    };
}

code_enum!(
    /// Kinds of meeting.
    MeetingKind {
        Plenary = "plenary" / "全体会议",
        StandingCommittee = "standing_committee" / "常委会会议",
        ChairsCouncil = "chairs_council" / "主席会议",
        PartyGroup = "party_group" / "党组会议",
        StudyGroup = "study_group" / "理论学习中心组学习",
        TopicalConsultation = "topical_consultation" / "专题协商会",
        Forum = "forum" / "座谈协商",
        Other = "other" / "其他会议",
    }
);

code_enum!(
    /// Kinds of sitting.
    SittingKind {
        Preparatory = "preparatory" / "预备会议",
        Opening = "opening" / "开幕会",
        GroupDiscussion = "group_discussion" / "分组讨论",
        PlenarySpeech = "plenary_speech" / "大会发言",
        Closing = "closing" / "闭幕会",
        ListenIn = "listen_in" / "列席人大会议",
        Other = "other" / "会议",
    }
);

/// SQL: a sitting's half-day as its rank in the day (上午 0, 下午 1, 晚上 2), for `ORDER BY` over the
/// `sittings` table's `half_day` column: `concat!("… ORDER BY s.date, ", half_day_order!(), ", …")`.
/// The one place the order of [`HalfDay`] is written in SQL; the meetings module owns it.
macro_rules! half_day_order {
    () => {
        "CASE half_day WHEN 'am' THEN 0 WHEN 'pm' THEN 1 ELSE 2 END"
    };
}
pub(crate) use half_day_order;

code_enum!(
    /// Which half of the day.
    HalfDay {
        Am = "am" / "上午",
        Pm = "pm" / "下午",
        Eve = "eve" / "晚上",
    }
);

code_enum!(
    /// Who a sitting expects.
    Expect {
        All = "all" / "全体委员",
        Standing = "standing" / "常委",
        Groups = "groups" / "指定小组",
        Chosen = "chosen" / "指定委员",
    }
);

code_enum!(
    SittingStatus {
        Planned = "planned" / "未开始",
        Open = "open" / "进行中",
        Closed = "closed" / "已结束",
    }
);

/// A plenary session: 六届四次会议.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Session {
    #[ts(type = "number")]
    pub id: i64,
    pub term_number: u32,
    pub session_number: u32,
    pub name: String,
    pub year: i32,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct SessionInput {
    pub term_number: u32,
    pub session_number: u32,
    /// Empty: made from the numbers (六届四次会议).
    pub name: String,
    pub year: i32,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
}

/// A meeting of any kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// 第N次
    pub ordinal: Option<u32>,
    /// 专题议政性 (standing committee)
    pub topical: bool,
    /// 扩大 (chair's council)
    pub enlarged: bool,
    pub start_date: String,
    pub end_date: String,
    /// The office that organises it (承办), e.g. 办公室
    pub organizer: String,
    pub venue: String,
    pub notes: String,
    pub sitting_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingInput {
    pub kind: MeetingKind,
    pub title: String,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub session_id: Option<i64>,
    #[serde(default)]
    pub ordinal: Option<u32>,
    #[serde(default)]
    pub topical: bool,
    #[serde(default)]
    pub enlarged: bool,
    pub start_date: String,
    /// Empty or missing: the start date.
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub organizer: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct MeetingFilter {
    pub year: Option<i32>,
    pub kind: Option<MeetingKind>,
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    pub title: String,
    #[serde(default)]
    pub presenter: String,
}

/// A half-day sitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sitting {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub seq: u32,
    pub title: String,
    pub kind: SittingKind,
    pub date: String,
    pub half_day: HalfDay,
    pub start_time: String,
    pub end_time: String,
    pub venue: String,
    /// 主持人, names separated by 、
    pub presiding: String,
    pub expect: Expect,
    /// Group names, for `expect = groups`.
    pub groups: Vec<String>,
    /// Member ids, for `expect = chosen`.
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    #[ts(type = "number[]")]
    pub invitee_ids: Vec<i64>,
    pub election: bool,
    pub status: SittingStatus,
    pub notes: String,
    pub agenda: Vec<AgendaItem>,
    /// 应到: members expected on the sitting's date.
    pub expected_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SittingInput {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// None: after the meeting's last sitting.
    #[serde(default)]
    pub seq: Option<u32>,
    pub title: String,
    pub kind: SittingKind,
    pub date: String,
    pub half_day: HalfDay,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_time: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub presiding: String,
    pub expect: Expect,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    #[serde(default)]
    #[ts(type = "number[]")]
    pub invitee_ids: Vec<i64>,
    #[serde(default)]
    pub election: bool,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
}

impl SittingInput {
    /// A sitting expecting everyone, with nothing else set.
    pub fn new(meeting_id: i64, title: &str, kind: SittingKind, date: &str, half_day: HalfDay) -> SittingInput {
        SittingInput {
            meeting_id,
            seq: None,
            title: title.into(),
            kind,
            date: date.into(),
            half_day,
            start_time: String::new(),
            end_time: String::new(),
            venue: String::new(),
            presiding: String::new(),
            expect: Expect::All,
            groups: Vec::new(),
            member_ids: Vec::new(),
            invitee_ids: Vec::new(),
            election: false,
            notes: String::new(),
            agenda: Vec::new(),
        }
    }
}
