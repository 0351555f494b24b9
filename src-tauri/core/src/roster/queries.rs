//! Reading the roster: members as of a date, one member, their history, likely duplicates.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{
    events, parse_date, today, DuplicatePair, Member, MemberHistory, MemberStatus, MembershipKind, Role, RosterFilter,
};
use crate::error::{Error, Result};

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
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?;
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

/// In office on the date `?1`.
const IN_OFFICE: &str = "m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)";

/// Suspended (暂停委员职务) on the date `?1`: a suspension began on or before it and its last day
/// (`until`, when decided) is not before it.
const SUSPENDED: &str = "EXISTS (SELECT 1 FROM membership_events e WHERE e.member_id = m.id AND e.kind = 'suspended'
    AND e.effective_on <= ?1 AND coalesce(json_extract(e.detail, '$.until'), ?1) >= ?1)";

/// Members in office on `date` ('YYYY-MM-DD'), in roster order, each with their role on that date.
pub fn in_office_on(conn: &Connection, date: &str) -> Result<Vec<Member>> {
    let date = parse_date("日期", date)?;
    query_members(conn, &date, IN_OFFICE)
}

/// Members who serve on `date`: in office and not suspended (暂停委员职务), in roster order, each
/// with their role on that date. Those are the members a sitting on that date can expect (应到).
pub fn serving_on(conn: &Connection, date: &str) -> Result<Vec<Member>> {
    let date = parse_date("日期", date)?;
    query_members(conn, &date, &format!("{IN_OFFICE} AND NOT {SUSPENDED}"))
}

/// The member as on `date` (their role then) if they serve on that day: in office and not
/// suspended. The one-member form of [`serving_on`].
pub fn serving_member_on(conn: &Connection, id: i64, date: &str) -> Result<Option<Member>> {
    let date = parse_date("日期", date)?;
    let serves: bool = conn
        .prepare_cached(&format!("SELECT {IN_OFFICE} AND NOT {SUSPENDED} FROM members m WHERE m.id = ?2"))?
        .query_row(params![date, id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("委员", id))?;
    if serves {
        get_on_unchecked(conn, id, &date).map(Some)
    } else {
        Ok(None)
    }
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
        MemberStatus::InOffice => IN_OFFICE,
        MemberStatus::Left => "m.left_on IS NOT NULL AND m.left_on <= ?1",
        MemberStatus::All => "?1 = ?1",
    };
    let mut v = query_members(conn, &date, cond)?;
    v.retain(|m| {
        filter.sector.as_deref().is_none_or(|s| s.is_empty() || m.sector.as_deref() == Some(s))
            && filter.group.as_deref().is_none_or(|g| g.is_empty() || m.group.as_deref() == Some(g))
            && filter.role.is_none_or(|r| m.role == r)
    });
    Ok(v)
}

/// One member, with their latest role.
pub fn get(conn: &Connection, id: i64) -> Result<Member> {
    let sql = format!("SELECT {MEMBER_COLUMNS} {MEMBER_FROM} WHERE m.id = ?1");
    // Cached: an import reads every member it writes back for the audit row.
    conn.prepare_cached(&sql)?.query_row([id], member_from_row).optional()?.ok_or_else(|| Error::not_found("委员", id))
}

/// One member with their role on `date`.
pub fn get_on(conn: &Connection, id: i64, date: &str) -> Result<Member> {
    get_on_unchecked(conn, id, &parse_date("日期", date)?)
}

pub(super) fn get_on_unchecked(conn: &Connection, id: i64, date: &str) -> Result<Member> {
    let sql = format!(
        "SELECT {cols} {MEMBER_FROM} WHERE m.id = ?2",
        cols = MEMBER_COLUMNS.replacen("m.role", ROLE_ON_DATE, 1),
    );
    conn.query_row(&sql, params![date, id], member_from_row).optional()?.ok_or_else(|| Error::not_found("委员", id))
}

/// The member with this 委员编号, if any.
pub fn find_by_member_no(conn: &Connection, member_no: &str) -> Result<Option<Member>> {
    let id: Option<i64> =
        conn.query_row("SELECT id FROM members WHERE member_no = ?1", [member_no.trim()], |r| r.get(0)).optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// The role of member `id` on `date`.
pub fn role_on(conn: &Connection, id: i64, date: &str) -> Result<Role> {
    Ok(get_on(conn, id, date)?.role)
}

/// The member page: the member, their membership events and the edits of their record.
pub fn history(conn: &Connection, id: i64) -> Result<MemberHistory> {
    let member = get(conn, id)?;
    let events = events(conn, id)?;
    let filter = crate::audit::AuditFilter {
        entity: Some("member".into()),
        entity_id: Some(id.to_string()),
        limit: Some(1000),
        ..Default::default()
    };
    let changes = crate::audit::list_described(conn, &filter)?;
    Ok(MemberHistory { member, events, changes })
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
