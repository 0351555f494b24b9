//! Reading sittings (场次), and who a sitting expects: its members and its invitees.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::half_day_order;
use super::{AgendaItem, Expect, HalfDay, Sitting, SittingKind, SittingStatus};
use crate::error::{Error, Result};
use crate::roster::{self, parse_date, Invitee, Member};

const SITTING_COLS: &str = "id, meeting_id, seq, title, kind, date, half_day, start_time, end_time, venue,
    presiding, expect, election, status, notes";

fn sitting_from_row(r: &Row<'_>) -> rusqlite::Result<Sitting> {
    let kind: String = r.get(4)?;
    let half: String = r.get(6)?;
    let expect: String = r.get(11)?;
    let status: String = r.get(13)?;
    Ok(Sitting {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        seq: r.get(2)?,
        title: r.get(3)?,
        kind: SittingKind::from_code(&kind).unwrap_or(SittingKind::Other),
        date: r.get(5)?,
        half_day: HalfDay::from_code(&half).unwrap_or(HalfDay::Am),
        start_time: r.get(7)?,
        end_time: r.get(8)?,
        venue: r.get(9)?,
        presiding: r.get(10)?,
        expect: Expect::from_code(&expect).unwrap_or(Expect::All),
        election: r.get(12)?,
        status: SittingStatus::from_code(&status).unwrap_or(SittingStatus::Planned),
        notes: r.get(14)?,
        groups: Vec::new(),
        member_ids: Vec::new(),
        invitee_ids: Vec::new(),
        agenda: Vec::new(),
        expected_count: 0,
    })
}

fn fill(conn: &Connection, s: Sitting) -> Result<Sitting> {
    let mut s = fill_details(conn, s)?;
    s.expected_count = expected_for(conn, &s)?.len() as u32;
    Ok(s)
}

fn fill_details(conn: &Connection, mut s: Sitting) -> Result<Sitting> {
    let col = |sql: &str| -> Result<Vec<i64>> {
        let mut st = conn.prepare_cached(sql)?;
        let v = st.query_map([s.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    };
    s.member_ids = col("SELECT member_id FROM sitting_members WHERE sitting_id = ?1 ORDER BY member_id")?;
    s.invitee_ids = col("SELECT invitee_id FROM sitting_invitees WHERE sitting_id = ?1 ORDER BY invitee_id")?;
    let mut st = conn.prepare_cached(
        "SELECT g.name FROM sitting_groups sg JOIN groups g ON g.id = sg.group_id WHERE sg.sitting_id = ?1
         ORDER BY g.sort_order, g.id",
    )?;
    s.groups = st.query_map([s.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached("SELECT title, presenter FROM agenda_items WHERE sitting_id = ?1 ORDER BY seq")?;
    s.agenda = st
        .query_map([s.id], |r| Ok(AgendaItem { title: r.get(0)?, presenter: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(s)
}

/// A sitting with its groups, chosen members and agenda, but without the expected count, which
/// costs a pass over the roster: for callers that compute the expected list themselves.
fn get_sitting_details(conn: &Connection, id: i64) -> Result<Sitting> {
    let s = conn
        .query_row(&format!("SELECT {SITTING_COLS} FROM sittings WHERE id = ?1"), [id], sitting_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("场次", id))?;
    fill_details(conn, s)
}

/// Sittings in date order (of one meeting, or all), each with its expected count.
pub fn list_sittings(conn: &Connection, meeting_id: Option<i64>) -> Result<Vec<Sitting>> {
    let mut stmt = conn.prepare_cached(&format!(
        concat!(
            "SELECT {} FROM sittings WHERE (?1 IS NULL OR meeting_id = ?1) ORDER BY date, ",
            half_day_order!(),
            ", start_time, meeting_id, seq"
        ),
        SITTING_COLS
    ))?;
    let rows: Vec<Sitting> = stmt.query_map(params![meeting_id], sitting_from_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| fill(conn, s)).collect()
}

/// Sittings held on `date`.
pub fn sittings_on(conn: &Connection, date: &str) -> Result<Vec<Sitting>> {
    let date = parse_date("日期", date)?;
    let mut stmt = conn.prepare_cached(&format!(
        concat!(
            "SELECT {} FROM sittings WHERE date = ?1 ORDER BY ",
            half_day_order!(),
            ", start_time, meeting_id, seq"
        ),
        SITTING_COLS
    ))?;
    let rows: Vec<Sitting> = stmt.query_map([date], sitting_from_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| fill(conn, s)).collect()
}

pub fn get_sitting(conn: &Connection, id: i64) -> Result<Sitting> {
    let mut s = get_sitting_details(conn, id)?;
    s.expected_count = expected_for(conn, &s)?.len() as u32;
    Ok(s)
}

/// The rule of 应到: the members serving on the sitting's date (in office, not suspended —
/// `roster::serving_on`), narrowed by its `expect` mode ([`narrowed_to`]).
fn expected_for(conn: &Connection, s: &Sitting) -> Result<Vec<Member>> {
    let mut v = roster::serving_on(conn, &s.date)?;
    v.retain(|m| narrowed_to(s, m));
    Ok(v)
}

/// Whether the sitting's `expect` mode takes in a member serving on its date (their role then).
fn narrowed_to(s: &Sitting, m: &Member) -> bool {
    match s.expect {
        Expect::All => true,
        Expect::Standing => m.role.is_standing(),
        Expect::Groups => m.group.as_deref().is_some_and(|g| s.groups.iter().any(|x| x == g)),
        Expect::Chosen => s.member_ids.contains(&m.id),
    }
}

/// Whether a sitting expects one member, without listing everyone it expects: the same rule as
/// [`expected_members`], for one person's record. `None` when it does not; else the member as they
/// were on the sitting's date (their role then).
pub fn expects_member(conn: &Connection, sitting_id: i64, member_id: i64) -> Result<Option<Member>> {
    let s = get_sitting_details(conn, sitting_id)?;
    let m = roster::serving_member_on(conn, member_id, &s.date)?;
    Ok(m.filter(|m| narrowed_to(&s, m)))
}

/// The members expected at a sitting (应到): in office on its date, narrowed by its `expect` mode,
/// in roster order, each with their role on that date.
pub fn expected_members(conn: &Connection, sitting_id: i64) -> Result<Vec<Member>> {
    let s = get_sitting_details(conn, sitting_id)?;
    expected_for(conn, &s)
}

/// The invitees (列席人员) of a sitting.
pub fn sitting_invitees(conn: &Connection, sitting_id: i64) -> Result<Vec<Invitee>> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM sittings WHERE id = ?1)", [sitting_id], |r| r.get(0))?;
    if !exists {
        return Err(Error::not_found("场次", sitting_id));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.name, i.unit, i.post, i.phone, i.notes FROM sitting_invitees si
         JOIN invitees i ON i.id = si.invitee_id WHERE si.sitting_id = ?1 ORDER BY i.id",
    )?;
    let rows = stmt.query_map([sitting_id], roster::invitee_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
