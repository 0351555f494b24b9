//! Finding the person a desk query means among a sitting's expected members and invitees.

use super::record::{check_in_resolved, refuse_if_closed, Source};
use crate::attendance::data::{row_for, SittingData};
use crate::attendance::types::*;
use crate::db::Db;
use crate::error::Result;
use crate::roster::seats::seat_query;
use crate::roster::{self, Invitee, MatchField, Member, MemberHit, Role, SearchIndex};

pub(crate) enum Resolution {
    One(PersonRef),
    Many(Vec<PersonRef>),
    None(String),
}

fn invitee_as_member(i: &Invitee) -> Member {
    Member {
        id: i.id,
        member_no: None,
        name: i.name.clone(),
        gender: String::new(),
        ethnicity: String::new(),
        birth_month: None,
        party: String::new(),
        sector: None,
        group: None,
        role: Role::Member,
        workplace: i.unit.clone(),
        post: i.post.clone(),
        phone: String::new(),
        seat: String::new(),
        notes: String::new(),
        roster_order: i.id,
        joined_on: String::new(),
        left_on: None,
        left_reason: None,
        name_pinyin: String::new(),
        name_initials: String::new(),
        distinct_confirmed: false,
    }
}

/// The search indexes of a sitting's expected members and invitees.
pub(crate) struct Indexes {
    members: SearchIndex,
    invitees: SearchIndex,
}

impl Indexes {
    pub(super) fn build(data: &SittingData) -> Indexes {
        Indexes {
            members: SearchIndex::from_members(data.expected.as_ref().clone()),
            invitees: SearchIndex::from_members(data.invitees.iter().map(invitee_as_member).collect()),
        }
    }
}

/// The one hit a query means: an exact member number, seat or whole name that only one person
/// has, or the only hit there is. The rule of the desk, the leave form and the CLI alike.
fn the_one<T: Copy>(hits: &[(MatchField, T)]) -> Option<T> {
    let exact = |f: MatchField| matches!(f, MatchField::MemberNo | MatchField::Seat | MatchField::Name);
    let (best, first) = *hits.iter().min_by_key(|(f, _)| *f)?;
    let best_count = hits.iter().filter(|(f, _)| *f == best).count();
    (hits.len() == 1 || (exact(best) && best_count == 1)).then_some(first)
}

/// What a query means among a list of members (the CLI's `leave --member`, `attendance member`).
#[derive(Debug, Clone, PartialEq)]
pub enum MemberMatch {
    /// The one member it means.
    One(Box<Member>),
    /// Several match and none wins: every hit, best first.
    Several(Vec<Member>),
    /// Nobody matches (see [`what_was_tried`]).
    Nobody,
}

/// The member `query` means among `pool` (seat, member number, name, pinyin, initials), by the
/// desk's rule: an exact member number, seat or whole name that only one has, or the only hit.
pub fn one_member(pool: Vec<Member>, query: &str) -> MemberMatch {
    let hits = SearchIndex::from_members(pool).query(query);
    let tagged: Vec<(MatchField, usize)> = hits.iter().enumerate().map(|(i, h)| (h.matched, i)).collect();
    match the_one(&tagged) {
        Some(i) => hits.into_iter().nth(i).map_or(MemberMatch::Nobody, |h| MemberMatch::One(Box::new(h.member))),
        None if hits.is_empty() => MemberMatch::Nobody,
        None => MemberMatch::Several(hits.into_iter().map(|h| h.member).collect()),
    }
}

/// What a query that found nobody was read as: «座位 1排12号、委员编号、姓名和拼音».
pub fn what_was_tried(query: &str) -> String {
    let seats = seat_query(query).readings();
    if seats.is_empty() {
        "委员编号、姓名和拼音".into()
    } else {
        format!("座位 {}、委员编号、姓名和拼音", seats.join(" 或 "))
    }
}

/// Finds the person a desk query means, among the sitting's expected members and its invitees,
/// through the roster's search (seat, member number, name, pinyin, initials): see [`the_one`];
/// several are candidates.
pub(crate) fn resolve(
    conn: &rusqlite::Connection,
    data: &SittingData,
    ix: &Indexes,
    query: &str,
) -> Result<Resolution> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(Resolution::None("请输入座位号、委员编号、姓名或拼音".into()));
    }
    let mut hits: Vec<(MatchField, PersonRef)> =
        ix.members.query(q).into_iter().map(|h| (h.matched, PersonRef::member(h.member.id))).collect();
    hits.extend(ix.invitees.query(q).into_iter().map(|h| (h.matched, PersonRef::invitee(h.member.id))));
    hits.sort_by_key(|(f, _)| *f);
    if hits.is_empty() {
        let others = roster::search(conn, q, Some(&data.info.date))?;
        if others.is_empty() {
            return Ok(Resolution::None(format!(
                "没有找到“{q}”：按{}都没有相符的应到人员，请核对后重新输入",
                what_was_tried(q)
            )));
        }
        let names: Vec<String> = others.iter().take(3).map(name_with_group).collect();
        return Ok(Resolution::None(format!("{} 不在“{}”的应到名单中", names.join("、"), data.info.title)));
    }
    if let Some(one) = the_one(&hits) {
        return Ok(Resolution::One(one));
    }
    Ok(Resolution::Many(hits.into_iter().map(|(_, p)| p).collect()))
}

fn name_with_group(h: &MemberHit) -> String {
    match &h.member.group {
        Some(g) => format!("{}（{g}）", h.member.name),
        None => h.member.name.clone(),
    }
}

/// The candidates with where each stands at the sitting (already here, on leave, not yet).
fn candidates(data: &SittingData, people: &[PersonRef]) -> Vec<Candidate> {
    people
        .iter()
        .filter_map(|p| {
            let card = data.card(*p)?;
            let presence = data.presence_of(*p);
            let member = p.kind == PersonKind::Member;
            let leave = if member { data.leaves.get(&p.id) } else { None };
            let row = row_for(data, card, member, Some(&presence), leave);
            let status_text = match &row.checked_in_at {
                Some(t) => format!("{} {t}", row.status_text),
                None => row.status_text,
            };
            Some(Candidate { card: row.card, status: row.status, status_text })
        })
        .collect()
}

/// Enter at the desk: what the current text means, and nothing else. `chosen` (a candidate picked
/// from a list) is checked in only when the current text still lists them; otherwise the text wins
/// (so a list left over from an earlier text can never check in the wrong person).
pub(super) fn check_in_query(
    db: &mut Db,
    data: &mut SittingData,
    ix: &Indexes,
    query: &str,
    chosen: Option<PersonRef>,
) -> Result<CheckInOutcome> {
    refuse_if_closed(data, Source::Desk)?;
    match resolve(db.conn(), data, ix, query)? {
        Resolution::One(person) => check_in_resolved(db, data, person),
        Resolution::Many(people) => match chosen.filter(|c| people.contains(c)) {
            Some(person) => check_in_resolved(db, data, person),
            None => Ok(CheckInOutcome::Candidates {
                query: query.trim().to_string(),
                candidates: candidates(data, &people),
            }),
        },
        Resolution::None(message) => Ok(CheckInOutcome::NotFound { message }),
    }
}
