//! The roster (委员名册): members, their membership over time, sectors, groups and invitees.
//!
//! Nobody is ever deleted. A member joins on `joined_on` (a `joined` event that also records the
//! role they joined with); later events change the role (`role_changed`, `standing_resigned`) or
//! end the membership (`resigned`, `ordered_to_resign`, `revoked`, `died`), each with an effective
//! date and the decision's reference. A member is in office on day D when
//! `joined_on <= D < left_on`; their role on D is the role of the last role-bearing event on or
//! before D. `members.role` and `members.left_on` hold the latest state for quick queries.

pub mod export;
pub mod import;
pub mod names;
pub mod search;


use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

pub use search::{search, MatchField, MemberHit, SearchIndex};

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
    pub const ALL: [Role; 5] =
        [Role::Chair, Role::ViceChair, Role::SecretaryGeneral, Role::Standing, Role::Member];

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
}

impl MembershipKind {
    pub const ALL: [MembershipKind; 7] = [
        MembershipKind::Joined,
        MembershipKind::Resigned,
        MembershipKind::StandingResigned,
        MembershipKind::OrderedToResign,
        MembershipKind::Revoked,
        MembershipKind::Died,
        MembershipKind::RoleChanged,
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
        }
    }

    pub fn from_code(s: &str) -> Option<MembershipKind> {
        MembershipKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether the event ends the membership.
    pub fn ends_membership(self) -> bool {
        matches!(self, MembershipKind::Resigned | MembershipKind::OrderedToResign | MembershipKind::Revoked | MembershipKind::Died)
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
        self.joined_on.as_str() <= date && self.left_on.as_deref().map_or(true, |l| l > date)
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
    pub changes: Vec<MemberChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberChange {
    pub at: String,
    pub operator: String,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// The 27 sectors in their customary order; others sort after them.
pub const SECTOR_ORDER: &[&str] = &[
    "中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派人士", "共青团", "工会", "妇联",
    "青联", "工商联", "科协", "台联", "侨联", "文艺界", "科技界", "社科界", "经济界", "农业界", "教育界", "体育界",
    "新闻出版界", "医卫界", "对外友好界", "社会福利和社会保障界", "少数民族界", "宗教界", "特别邀请人士",
];

// ---------------------------------------------------------------------------------------------
// Reading

const MEMBER_COLUMNS: &str = "m.id, m.member_no, m.name, m.gender, m.ethnicity, m.birth_month, m.party,
    s.name, g.name, m.role, m.workplace, m.post, m.phone, m.seat, m.notes, m.roster_order,
    m.joined_on, m.left_on, m.name_pinyin, m.name_initials, m.distinct_confirmed,
    (SELECT e.kind FROM membership_events e WHERE e.member_id = m.id
        AND e.kind IN ('resigned','ordered_to_resign','revoked','died')
        ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)";

/// The role on ?1 (a date), falling back to the stored latest role.
const ROLE_ON_DATE: &str = "COALESCE((SELECT COALESCE(json_extract(e.detail, '$.to'), json_extract(e.detail, '$.role'))
        FROM membership_events e WHERE e.member_id = m.id
        AND e.kind IN ('joined','role_changed','standing_resigned') AND e.effective_on <= ?1
        ORDER BY e.effective_on DESC, e.id DESC LIMIT 1), m.role)";

const MEMBER_FROM: &str =
    "FROM members m LEFT JOIN sectors s ON s.id = m.sector_id LEFT JOIN groups g ON g.id = m.group_id";

fn member_from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let role: String = r.get(9)?;
    let left_reason: Option<String> = r.get(21)?;
    Ok(Member {
        id: r.get(0)?,
        member_no: r.get(1)?,
        name: r.get(2)?,
        gender: r.get(3)?,
        ethnicity: r.get(4)?,
        birth_month: r.get(5)?,
        party: r.get(6)?,
        sector: r.get(7)?,
        group: r.get(8)?,
        role: Role::from_code(&role).unwrap_or_default(),
        workplace: r.get(10)?,
        post: r.get(11)?,
        phone: r.get(12)?,
        seat: r.get(13)?,
        notes: r.get(14)?,
        roster_order: r.get(15)?,
        joined_on: r.get(16)?,
        left_on: r.get(17)?,
        name_pinyin: r.get(18)?,
        name_initials: r.get(19)?,
        distinct_confirmed: r.get(20)?,
        left_reason: left_reason.as_deref().and_then(MembershipKind::from_code),
    })
}

/// Members matching `cond` (SQL over alias `m`, may use ?1 = `date`), with their role on `date`.
/// One plain query for the members, then the few role-changing and leaving events patched in:
/// this runs for every sitting's expected count and every search, so it stays cheap.
fn query_members(conn: &Connection, date: &str, cond: &str) -> Result<Vec<Member>> {
    let sql = format!(
        "SELECT {cols} {MEMBER_FROM} WHERE {cond} ORDER BY m.roster_order, m.id",
        cols = MEMBER_COLUMNS.split_once("(SELECT e.kind").map_or(MEMBER_COLUMNS, |(a, _)| a).to_string() + "NULL",
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut members: Vec<Member> = stmt.query_map(params![date], member_from_row)?.collect::<rusqlite::Result<_>>()?;
    // Role-bearing events of members whose role ever changed, in order; the last one on or before
    // `date` gives the role then.
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, effective_on, COALESCE(json_extract(detail, '$.to'), json_extract(detail, '$.role'))
         FROM membership_events
         WHERE kind IN ('joined','role_changed','standing_resigned')
           AND member_id IN (SELECT member_id FROM membership_events WHERE kind IN ('role_changed','standing_resigned'))
         ORDER BY member_id, effective_on, id",
    )?;
    let mut role_on: std::collections::HashMap<i64, Role> = std::collections::HashMap::new();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?;
    for row in rows {
        let (id, on, role) = row?;
        if on.as_str() <= date {
            if let Some(role) = role.as_deref().and_then(Role::from_code) {
                role_on.insert(id, role);
            }
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, kind FROM membership_events
         WHERE kind IN ('resigned','ordered_to_resign','revoked','died') ORDER BY effective_on, id",
    )?;
    let mut left: std::collections::HashMap<i64, MembershipKind> = std::collections::HashMap::new();
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, kind) = row?;
        if let Some(k) = MembershipKind::from_code(&kind) {
            left.insert(id, k);
        }
    }
    for m in &mut members {
        if let Some(r) = role_on.get(&m.id) {
            m.role = *r;
        }
        m.left_reason = left.get(&m.id).copied();
    }
    Ok(members)
}

/// Members in office on `date` ('YYYY-MM-DD'), in roster order, each with their role on that date.
pub fn in_office_on(conn: &Connection, date: &str) -> Result<Vec<Member>> {
    let date = parse_date("日期", date)?;
    query_members(conn, &date, "m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)")
}

/// Every member ever on the roster, roles as of today.
pub fn all(conn: &Connection) -> Result<Vec<Member>> {
    query_members(conn, &today(), "?1 = ?1")
}

/// The roster as the table shows it: as of `filter.date` (default today), filtered.
pub fn list(conn: &Connection, filter: &RosterFilter) -> Result<Vec<Member>> {
    let date = match filter.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => parse_date("日期", d)?,
        None => today(),
    };
    let cond = match filter.status {
        MemberStatus::InOffice => "m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)",
        MemberStatus::Left => "m.left_on IS NOT NULL AND m.left_on <= ?1",
        MemberStatus::All => "?1 = ?1",
    };
    let mut v = query_members(conn, &date, cond)?;
    v.retain(|m| {
        filter.sector.as_deref().map_or(true, |s| s.is_empty() || m.sector.as_deref() == Some(s))
            && filter.group.as_deref().map_or(true, |g| g.is_empty() || m.group.as_deref() == Some(g))
            && filter.role.map_or(true, |r| m.role == r)
    });
    Ok(v)
}

/// One member, with their latest role.
pub fn get(conn: &Connection, id: i64) -> Result<Member> {
    let sql = format!("SELECT {MEMBER_COLUMNS} {MEMBER_FROM} WHERE m.id = ?1");
    conn.query_row(&sql, [id], member_from_row).optional()?.ok_or_else(|| Error::not_found("委员", id))
}

/// One member with their role on `date`.
pub fn get_on(conn: &Connection, id: i64, date: &str) -> Result<Member> {
    get_on_unchecked(conn, id, &parse_date("日期", date)?)
}

fn get_on_unchecked(conn: &Connection, id: i64, date: &str) -> Result<Member> {
    let sql = format!(
        "SELECT {cols} {MEMBER_FROM} WHERE m.id = ?2",
        cols = MEMBER_COLUMNS.replacen("m.role", ROLE_ON_DATE, 1),
    );
    conn.query_row(&sql, params![date, id], member_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("委员", id))
}

/// The member with this 委员编号, if any.
pub fn find_by_member_no(conn: &Connection, member_no: &str) -> Result<Option<Member>> {
    let id: Option<i64> = conn
        .query_row("SELECT id FROM members WHERE member_no = ?1", [member_no.trim()], |r| r.get(0))
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// The role of member `id` on `date`.
pub fn role_on(conn: &Connection, id: i64, date: &str) -> Result<Role> {
    Ok(get_on(conn, id, date)?.role)
}

/// The membership events of a member, in date order.
pub fn events(conn: &Connection, member_id: i64) -> Result<Vec<MembershipEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, kind, effective_on, reference, detail, created_at FROM membership_events
         WHERE member_id = ?1 ORDER BY effective_on, id",
    )?;
    let rows = stmt.query_map([member_id], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every membership event (except joining) whose date falls in [from, to], for reports.
pub fn events_between(conn: &Connection, from: &str, to: &str) -> Result<Vec<MembershipEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, kind, effective_on, reference, detail, created_at FROM membership_events
         WHERE kind <> 'joined' AND effective_on BETWEEN ?1 AND ?2 ORDER BY effective_on, id",
    )?;
    let rows = stmt.query_map(params![from, to], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<MembershipEvent> {
    let kind: String = r.get(2)?;
    let detail: String = r.get(5)?;
    let v: serde_json::Value = serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null);
    let role = |k: &str| v.get(k).and_then(|x| x.as_str()).and_then(Role::from_code);
    Ok(MembershipEvent {
        id: r.get(0)?,
        member_id: r.get(1)?,
        kind: MembershipKind::from_code(&kind).unwrap_or(MembershipKind::RoleChanged),
        effective_on: r.get(3)?,
        reference: r.get(4)?,
        role_from: role("from"),
        role_to: role("to").or_else(|| role("role")),
        created_at: r.get(6)?,
    })
}

/// The member page: the member, their membership events and the edits of their record.
pub fn history(conn: &Connection, id: i64) -> Result<MemberHistory> {
    let member = get(conn, id)?;
    let events = events(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, operator, action, old_value, new_value FROM audit_log
         WHERE entity = 'member' AND entity_id = ?1 ORDER BY id DESC",
    )?;
    let changes = stmt
        .query_map([id.to_string()], |r| {
            Ok(MemberChange {
                at: r.get(0)?,
                operator: r.get(1)?,
                action: r.get(2)?,
                old_value: r.get(3)?,
                new_value: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(MemberHistory { member, events, changes })
}

/// Sectors with the number of members in office today.
pub fn sectors(conn: &Connection) -> Result<Vec<NamedCount>> {
    named(conn, "sectors", "sector_id")
}

/// Discussion groups with the number of members in office today.
pub fn groups(conn: &Connection) -> Result<Vec<NamedCount>> {
    named(conn, "groups", "group_id")
}

fn named(conn: &Connection, table: &str, col: &str) -> Result<Vec<NamedCount>> {
    let convener = if table == "groups" {
        "(SELECT c.name FROM members c WHERE c.id = t.convener_id)"
    } else {
        "NULL"
    };
    let sql = format!(
        "SELECT t.id, t.name, (SELECT count(*) FROM members m WHERE m.{col} = t.id
            AND m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)), {convener}
         FROM {table} t ORDER BY t.sort_order, t.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([today()], |r| {
        Ok(NamedCount { id: r.get(0)?, name: r.get(1)?, members: r.get(2)?, convener: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes member `member_id` the convener (召集人) of group `group` (by name); None clears it.
pub fn set_group_convener(db: &mut Db, group: &str, member_id: Option<i64>) -> Result<()> {
    let group = names::clean_name(group);
    db.write(|tx| {
        let gid: i64 = tx
            .query_row("SELECT id FROM groups WHERE name = ?1", [&group], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("小组", &group))?;
        if let Some(id) = member_id {
            get(tx, id)?;
        }
        tx.execute("UPDATE groups SET convener_id = ?2 WHERE id = ?1", params![gid, member_id])?;
        tx.audit("group", gid, "convener", None::<&str>, Some(&member_id))
    })
}

/// Pairs of members with the same name and birth month that the user has not confirmed distinct.
pub fn likely_duplicates(conn: &Connection) -> Result<Vec<DuplicatePair>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, b.id FROM members a JOIN members b
           ON a.name = b.name AND a.birth_month = b.birth_month AND a.id < b.id
         WHERE NOT (a.distinct_confirmed AND b.distinct_confirmed) ORDER BY a.roster_order, a.id",
    )?;
    let pairs: Vec<(i64, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    pairs.into_iter().map(|(a, b)| Ok(DuplicatePair { a: get(conn, a)?, b: get(conn, b)? })).collect()
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A normalised, checked member input.
struct Clean {
    member_no: Option<String>,
    name: String,
    gender: String,
    ethnicity: String,
    birth_month: Option<String>,
    party: String,
    sector: Option<String>,
    group: Option<String>,
    role: Role,
    workplace: String,
    post: String,
    phone: String,
    seat: String,
    notes: String,
    roster_order: Option<i64>,
    joined_on: String,
}

fn clean(input: &MemberInput) -> Result<Clean> {
    let name = names::clean_name(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("姓名", "不能为空"));
    }
    if name.chars().count() > 40 {
        return Err(Error::invalid("姓名", format!("“{name}”太长")));
    }
    let gender = names::clean_name(&input.gender);
    let gender = match gender.as_str() {
        "" => String::new(),
        "男" | "男性" | "m" | "M" => "男".into(),
        "女" | "女性" | "f" | "F" => "女".into(),
        other => return Err(Error::invalid("性别", format!("应为“男”或“女”，而不是“{other}”"))),
    };
    let opt = |s: &Option<String>| s.as_deref().map(names::clean_text).filter(|s| !s.is_empty());
    let birth_month = match opt(&input.birth_month) {
        None => None,
        Some(s) => Some(parse_month(&s).ok_or_else(|| {
            Error::invalid("出生年月", format!("“{s}”无法识别，应写作 1968.10 或 1968-10"))
        })?),
    };
    let member_no = opt(&input.member_no).map(|s| s.replace(' ', ""));
    let joined_on = parse_date("任职日期", &input.joined_on)?;
    Ok(Clean {
        member_no,
        name,
        gender,
        ethnicity: names::clean_name(&input.ethnicity),
        birth_month,
        party: names::clean_name(&input.party),
        sector: opt(&input.sector).map(|s| names::clean_name(&s)),
        group: opt(&input.group).map(|s| names::clean_name(&s)),
        role: input.role,
        workplace: names::clean_text(&input.workplace),
        post: names::clean_text(&input.post),
        phone: names::clean_text(&input.phone).replace(' ', ""),
        seat: names::clean_text(&input.seat).replace(' ', ""),
        notes: input.notes.trim().to_string(),
        roster_order: input.roster_order,
        joined_on,
    })
}

/// The id of the sector named `name`, created if new.
pub(crate) fn sector_id(tx: &Tx<'_>, name: &str) -> Result<i64> {
    let order = SECTOR_ORDER.iter().position(|s| *s == name).map_or(1000, |i| i as i64);
    named_id(tx, "sectors", name, order)
}

/// The id of the group named `name`, created if new (第一组 … 第十组 sort by their number).
pub(crate) fn group_id(tx: &Tx<'_>, name: &str) -> Result<i64> {
    named_id(tx, "groups", name, group_order(name))
}

fn group_order(name: &str) -> i64 {
    let digits: String = name.chars().filter(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse::<i64>() {
        return n;
    }
    let inner: String = name.trim_start_matches('第').trim_end_matches("小组").trim_end_matches('组').into();
    chinese_number(&inner).unwrap_or(1000)
}

/// 一 … 九十九 to a number.
pub(crate) fn chinese_number(s: &str) -> Option<i64> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|p| p as i64);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [u] => digit(*u),
        _ => None,
    }
}

fn named_id(tx: &Tx<'_>, table: &str, name: &str, order: i64) -> Result<i64> {
    let found: Option<i64> =
        tx.query_row(&format!("SELECT id FROM {table} WHERE name = ?1"), [name], |r| r.get(0)).optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute(&format!("INSERT INTO {table} (name, sort_order) VALUES (?1, ?2)"), params![name, order])?;
    let id = tx.last_insert_rowid();
    tx.audit(table.trim_end_matches('s'), id, "create", None::<&str>, Some(name))?;
    Ok(id)
}

fn unique_member_no(tx: &Tx<'_>, member_no: &Option<String>, except: Option<i64>) -> Result<()> {
    if let Some(no) = member_no {
        let other: Option<(i64, String)> = tx
            .query_row("SELECT id, name FROM members WHERE member_no = ?1", [no], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, name)) = other.filter(|(id, _)| Some(*id) != except) {
            let _ = id;
            return Err(Error::Conflict(format!("委员编号 {no} 已被委员{name}使用")));
        }
    }
    Ok(())
}

/// Adds a member: they join on `input.joined_on` with `input.role` (a `joined` event).
pub fn create(db: &mut Db, input: &MemberInput) -> Result<Member> {
    let id = db.write(|tx| create_in(tx, input, ""))?;
    get(db.conn(), id)
}

/// [`create`] inside a caller's transaction; `reference` is the decision that appointed them.
pub fn create_in(tx: &Tx<'_>, input: &MemberInput, reference: &str) -> Result<i64> {
    let c = clean(input)?;
    unique_member_no(tx, &c.member_no, None)?;
    let sector_id = c.sector.as_deref().map(|s| sector_id(tx, s)).transpose()?;
    let group_id = c.group.as_deref().map(|g| group_id(tx, g)).transpose()?;
    let order = match c.roster_order {
        Some(o) => o,
        None => tx.query_row("SELECT COALESCE(max(roster_order), 0) + 1 FROM members", [], |r| r.get(0))?,
    };
    let at = now();
    tx.execute(
        "INSERT INTO members (member_no, name, gender, ethnicity, birth_month, party, sector_id, group_id,
            role, workplace, post, phone, seat, notes, roster_order, joined_on, name_pinyin, name_initials,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
        params![
            c.member_no, c.name, c.gender, c.ethnicity, c.birth_month, c.party, sector_id, group_id,
            c.role.code(), c.workplace, c.post, c.phone, c.seat, c.notes, order, c.joined_on,
            names::full_pinyin(&c.name), names::initials(&c.name), at
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO membership_events (member_id, kind, effective_on, reference, detail, created_at)
         VALUES (?1, 'joined', ?2, ?3, ?4, ?5)",
        params![id, c.joined_on, reference, serde_json::json!({ "role": c.role.code() }).to_string(), at],
    )?;
    let new = get(tx, id)?;
    tx.audit("member", id, "create", None::<&Member>, Some(&new))?;
    Ok(id)
}

/// Updates a member's record. A change of role is recorded as a `role_changed` event effective
/// today; use [`change_role`] to give its date and reference.
pub fn update(db: &mut Db, id: i64, input: &MemberInput) -> Result<Member> {
    db.write(|tx| update_in(tx, id, input, &today(), ""))?;
    get(db.conn(), id)
}

/// Updates a member's record; a change of role takes effect on `role_effective_on` with the
/// decision's `reference`.
pub fn update_dated(db: &mut Db, id: i64, input: &MemberInput, role_effective_on: &str, reference: &str) -> Result<Member> {
    let on = parse_date("职务变动生效日期", role_effective_on)?;
    db.write(|tx| update_in(tx, id, input, &on, reference))?;
    get(db.conn(), id)
}

/// [`update`] inside a caller's transaction; a role change takes effect on `role_effective_on`.
pub fn update_in(tx: &Tx<'_>, id: i64, input: &MemberInput, role_effective_on: &str, reference: &str) -> Result<bool> {
    let old = get(tx, id)?;
    let c = clean(input)?;
    unique_member_no(tx, &c.member_no, Some(id))?;
    let sector_id = c.sector.as_deref().map(|s| sector_id(tx, s)).transpose()?;
    let group_id = c.group.as_deref().map(|g| group_id(tx, g)).transpose()?;
    let order = c.roster_order.unwrap_or(old.roster_order);
    if let Some(left) = &old.left_on {
        if c.joined_on >= *left {
            return Err(Error::invalid("任职日期", format!("不能晚于离任日期 {left}")));
        }
    }
    let first_later: Option<String> = tx
        .query_row(
            "SELECT min(effective_on) FROM membership_events WHERE member_id = ?1 AND kind <> 'joined'",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(first) = first_later.filter(|f| c.joined_on > *f) {
        return Err(Error::invalid("任职日期", format!("不能晚于该委员的第一条变动日期 {first}")));
    }
    tx.execute(
        "UPDATE members SET member_no = ?1, name = ?2, gender = ?3, ethnicity = ?4, birth_month = ?5, party = ?6,
            sector_id = ?7, group_id = ?8, workplace = ?9, post = ?10, phone = ?11, seat = ?12, notes = ?13,
            roster_order = ?14, joined_on = ?15, name_pinyin = ?16, name_initials = ?17
         WHERE id = ?18",
        params![
            c.member_no, c.name, c.gender, c.ethnicity, c.birth_month, c.party, sector_id, group_id,
            c.workplace, c.post, c.phone, c.seat, c.notes, order, c.joined_on,
            names::full_pinyin(&c.name), names::initials(&c.name), id
        ],
    )?;
    tx.execute(
        "UPDATE membership_events SET effective_on = ?2 WHERE member_id = ?1 AND kind = 'joined'",
        params![id, c.joined_on],
    )?;
    let mut new = get(tx, id)?;
    if c.role != old.role {
        record_in(tx, id, &MembershipEventInput {
            kind: MembershipKind::RoleChanged,
            effective_on: role_effective_on.to_string(),
            reference: reference.to_string(),
            role: Some(c.role),
        })?;
        new = get(tx, id)?;
    }
    let changed = new != old;
    if changed {
        tx.execute("UPDATE members SET updated_at = ?2 WHERE id = ?1", params![id, now()])?;
        tx.audit("member", id, "update", Some(&old), Some(&new))?;
    }
    Ok(changed)
}

/// Records a membership event (辞去委员职务, 辞去常委职务, 责令辞去, 撤销委员资格, 逝世, 职务变动).
pub fn record_event(db: &mut Db, member_id: i64, event: &MembershipEventInput) -> Result<MembershipEvent> {
    let id = db.write(|tx| record_in(tx, member_id, event))?;
    let ev = events(db.conn(), member_id)?.into_iter().find(|e| e.id == id);
    ev.ok_or_else(|| Error::not_found("委员变动记录", id))
}

/// Changes a member's role from `effective_on` (a `role_changed` event).
pub fn change_role(db: &mut Db, member_id: i64, role: Role, effective_on: &str, reference: &str) -> Result<MembershipEvent> {
    record_event(db, member_id, &MembershipEventInput {
        kind: MembershipKind::RoleChanged,
        effective_on: effective_on.into(),
        reference: reference.into(),
        role: Some(role),
    })
}

/// [`record_event`] inside a caller's transaction; returns the event's id.
pub fn record_in(tx: &Tx<'_>, member_id: i64, event: &MembershipEventInput) -> Result<i64> {
    let member = get(tx, member_id)?;
    let date = parse_date("生效日期", &event.effective_on)?;
    let reference = names::clean_text(&event.reference);
    if event.kind == MembershipKind::Joined {
        return Err(Error::invalid("变动类型", "任职由新增委员记录，不能单独添加"));
    }
    if date < member.joined_on {
        return Err(Error::invalid(
            "生效日期",
            format!("{date} 早于{}的任职日期 {}", member.name, member.joined_on),
        ));
    }
    if let Some(left) = &member.left_on {
        if date >= *left {
            let why = member.left_reason.map_or("离任", MembershipKind::label);
            return Err(Error::Conflict(format!("{}已于 {left} {why}，不能再记录此后的变动", member.name)));
        }
    }
    let role_before = get_on(tx, member_id, &date)?.role;
    let detail = match event.kind {
        MembershipKind::StandingResigned => {
            if !role_before.is_standing() {
                return Err(Error::Conflict(format!(
                    "{}在 {date} 不是常委（当时职务：{}），无需辞去常委职务",
                    member.name,
                    role_before.label()
                )));
            }
            serde_json::json!({ "from": role_before.code(), "to": Role::Member.code() })
        }
        MembershipKind::RoleChanged => {
            let to = event.role.ok_or_else(|| Error::invalid("新职务", "职务变动须给出新职务"))?;
            if to == role_before {
                return Err(Error::Conflict(format!("{}在 {date} 的职务已是{}", member.name, to.label())));
            }
            serde_json::json!({ "from": role_before.code(), "to": to.code() })
        }
        _ => serde_json::json!({}),
    };
    let later_role_events: i64 = tx.query_row(
        "SELECT count(*) FROM membership_events WHERE member_id = ?1 AND effective_on > ?2
         AND kind IN ('role_changed','standing_resigned')",
        params![member_id, date],
        |r| r.get(0),
    )?;
    if event.kind.ends_membership() && later_role_events > 0 {
        return Err(Error::Conflict(format!("{}在 {date} 之后还有职务变动记录，请先核对日期", member.name)));
    }
    tx.execute(
        "INSERT INTO membership_events (member_id, kind, effective_on, reference, detail, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member_id, event.kind.code(), date, reference, detail.to_string(), now()],
    )?;
    let event_id = tx.last_insert_rowid();
    if event.kind.ends_membership() {
        tx.execute("UPDATE members SET left_on = ?2, updated_at = ?3 WHERE id = ?1", params![member_id, date, now()])?;
    }
    // The stored role is the latest one.
    let latest = get_on_unchecked(tx, member_id, "9999-12-31")?.role;
    tx.execute("UPDATE members SET role = ?2 WHERE id = ?1", params![member_id, latest.code()])?;
    let ev = serde_json::json!({
        "kind": event.kind.code(), "effective_on": date, "reference": reference, "detail": detail,
    });
    tx.audit("member", member_id, event.kind.code(), None::<&str>, Some(&ev))?;
    Ok(event_id)
}

/// Marks two same-name, same-birth-month members as two different people.
pub fn confirm_distinct(db: &mut Db, a: i64, b: i64) -> Result<()> {
    db.write(|tx| {
        for id in [a, b] {
            get(tx, id)?;
            tx.execute("UPDATE members SET distinct_confirmed = 1 WHERE id = ?1", [id])?;
            tx.audit("member", id, "confirm_distinct", None::<&str>, Some(&[a, b]))?;
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Invitees

fn clean_invitee(input: &InviteeInput) -> Result<InviteeInput> {
    let name = names::clean_name(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("列席人员姓名", "不能为空"));
    }
    Ok(InviteeInput {
        name,
        unit: names::clean_text(&input.unit),
        post: names::clean_text(&input.post),
        phone: names::clean_text(&input.phone).replace(' ', ""),
        notes: input.notes.trim().into(),
    })
}

pub fn create_invitee(db: &mut Db, input: &InviteeInput) -> Result<Invitee> {
    let c = clean_invitee(input)?;
    let id = db.write(|tx| {
        tx.execute(
            "INSERT INTO invitees (name, unit, post, phone, notes, name_pinyin, name_initials, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.name, c.unit, c.post, c.phone, c.notes, names::full_pinyin(&c.name), names::initials(&c.name), now()],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit("invitee", id, "create", None::<&InviteeInput>, Some(&c))?;
        Ok(id)
    })?;
    get_invitee(db.conn(), id)
}

pub fn update_invitee(db: &mut Db, id: i64, input: &InviteeInput) -> Result<Invitee> {
    let c = clean_invitee(input)?;
    let old = get_invitee(db.conn(), id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE invitees SET name = ?2, unit = ?3, post = ?4, phone = ?5, notes = ?6, name_pinyin = ?7,
                name_initials = ?8 WHERE id = ?1",
            params![id, c.name, c.unit, c.post, c.phone, c.notes, names::full_pinyin(&c.name), names::initials(&c.name)],
        )?;
        tx.audit("invitee", id, "update", Some(&old), Some(&c))
    })?;
    get_invitee(db.conn(), id)
}

pub fn get_invitee(conn: &Connection, id: i64) -> Result<Invitee> {
    conn.query_row("SELECT id, name, unit, post, phone, notes FROM invitees WHERE id = ?1", [id], invitee_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("列席人员", id))
}

pub fn list_invitees(conn: &Connection) -> Result<Vec<Invitee>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, unit, post, phone, notes FROM invitees ORDER BY id")?;
    let rows = stmt.query_map([], invitee_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn invitee_from_row(r: &Row<'_>) -> rusqlite::Result<Invitee> {
    Ok(Invitee {
        id: r.get(0)?,
        name: r.get(1)?,
        unit: r.get(2)?,
        post: r.get(3)?,
        phone: r.get(4)?,
        notes: r.get(5)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Today, local time, 'YYYY-MM-DD'.
pub fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

/// Checks a 'YYYY-MM-DD' date (also accepts 2021.1.19, 2021/1/19, 2021年1月19日) and returns it
/// in 'YYYY-MM-DD' form.
pub fn parse_date(field: &str, s: &str) -> Result<String> {
    let t = names::clean_name(s);
    if t.is_empty() {
        return Err(Error::invalid(field, "日期不能为空"));
    }
    let parts: Vec<&str> =
        t.split(['-', '/', '·', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let parsed = match parts.as_slice() {
        [y, m, d] => match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| Error::invalid(field, format!("“{s}”不是有效日期，应写作 2021-01-19")))
}

/// A birth month as written in rosters to 'YYYY-MM': 1968.10, 1968.1 (January), 1968-10,
/// 1968/10, 1968年10月, 196810, 1968.10.05 (day dropped). Returns None if unreadable.
pub fn parse_month(s: &str) -> Option<String> {
    let t = names::clean_name(s);
    let parts: Vec<&str> = t.split(['-', '/', '·', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let (y, m) = match parts.as_slice() {
        [ym] if ym.len() == 6 && ym.chars().all(|c| c.is_ascii_digit()) => (&ym[..4], &ym[4..]),
        [y, m] | [y, m, _] => (*y, *m),
        _ => return None,
    };
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

#[cfg(test)]
mod tests;
