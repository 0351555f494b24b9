//! Finding the person a desk query means among a sitting's expected members and invitees.

use super::record::{check_in_resolved, refuse_if_closed, Source};
use crate::attendance::data::SittingData;
use crate::attendance::types::*;
use crate::db::Db;
use crate::error::Result;
use crate::roster::{self, Invitee, MatchField, Member, Role, SearchIndex};

enum Resolution {
    One(PersonRef),
    Many(Vec<PersonCard>),
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

/// Finds the person a desk query means, among the sitting's expected members and its invitees,
/// through the roster's search (seat, member number, name, pinyin, initials). An exact member
/// number, seat or whole name that only one person has is that person; otherwise one hit is that
/// person and several are candidates.
fn resolve(conn: &rusqlite::Connection, data: &SittingData, ix: &Indexes, query: &str) -> Result<Resolution> {
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
            return Ok(Resolution::None(format!("没有找到“{q}”：请核对座位号、委员编号或姓名")));
        }
        let names: Vec<String> = others
            .iter()
            .take(3)
            .map(|h| match &h.member.group {
                Some(g) => format!("{}（{g}）", h.member.name),
                None => h.member.name.clone(),
            })
            .collect();
        return Ok(Resolution::None(format!("{} 不在“{}”的应到名单中", names.join("、"), data.info.title)));
    }
    let exact = |f: MatchField| matches!(f, MatchField::MemberNo | MatchField::Seat | MatchField::Name);
    let best = hits[0].0;
    let best_count = hits.iter().filter(|(f, _)| *f == best).count();
    if hits.len() == 1 || (exact(best) && best_count == 1) {
        return Ok(Resolution::One(hits[0].1));
    }
    let cards = hits.iter().filter_map(|(_, p)| data.card(*p)).collect();
    Ok(Resolution::Many(cards))
}

pub(super) fn check_in_query(db: &mut Db, data: &mut SittingData, ix: &Indexes, query: &str) -> Result<CheckInOutcome> {
    refuse_if_closed(data, Source::Desk)?;
    match resolve(db.conn(), data, ix, query)? {
        Resolution::One(person) => check_in_resolved(db, data, person, None, Source::Desk),
        Resolution::Many(candidates) => Ok(CheckInOutcome::Candidates { candidates }),
        Resolution::None(message) => Ok(CheckInOutcome::NotFound { message }),
    }
}
