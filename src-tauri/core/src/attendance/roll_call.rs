//! Who was there, for the minutes (纪要): «出席：», «请假：», «列席：».

use std::collections::{BTreeMap, HashSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::data::{derive_rows, SittingData};
use super::types::{AttendanceStatus, CardRole, PersonKind};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RollName {
    pub name: String,
    pub role: CardRole,
    #[ts(type = "number")]
    pub roster_order: i64,
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RollCall {
    pub present: Vec<RollName>,
    pub on_leave: Vec<RollName>,
    pub invitees: Vec<RollName>,
}

fn sort(v: &mut [RollName]) {
    v.sort_by(|a, b| (a.roster_order, a.member_id, &a.name).cmp(&(b.roster_order, b.member_id, &b.name)));
}

/// The roll call of one sitting: the members present (expected or not), the expected members on
/// leave who did not come, and the invitees present, each in roster order.
pub fn roll_call(conn: &Connection, sitting_id: i64) -> Result<RollCall> {
    let data = SittingData::load(conn, sitting_id)?;
    let mut out = RollCall::default();
    for r in derive_rows(&data) {
        let name = RollName {
            name: r.card.name.clone(),
            role: r.card.role,
            roster_order: r.card.roster_order,
            member_id: (r.card.person.kind == PersonKind::Member).then_some(r.card.person.id),
        };
        match (r.card.person.kind, r.status) {
            (PersonKind::Invitee, AttendanceStatus::Present) => out.invitees.push(name),
            (PersonKind::Member, AttendanceStatus::Present) => out.present.push(name),
            (PersonKind::Member, AttendanceStatus::Leave) => out.on_leave.push(name),
            _ => {}
        }
    }
    sort(&mut out.present);
    sort(&mut out.on_leave);
    sort(&mut out.invitees);
    Ok(out)
}

/// The roll call of a whole meeting: present at any of its sittings; on leave if they had leave
/// and were never present; invitees present at any sitting.
pub fn meeting_roll_call(conn: &Connection, meeting_id: i64) -> Result<RollCall> {
    crate::meetings::get_meeting(conn, meeting_id)?;
    let mut stmt = conn.prepare_cached("SELECT id FROM sittings WHERE meeting_id = ?1 ORDER BY seq")?;
    let ids: Vec<i64> = stmt.query_map([meeting_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    // Keyed by (kind, id); the latest sitting's card wins (roles may change within a meeting).
    let mut present: BTreeMap<(PersonKind, i64), RollName> = BTreeMap::new();
    let mut leave: BTreeMap<i64, RollName> = BTreeMap::new();
    for id in ids {
        let one = roll_call(conn, id)?;
        for n in one.present {
            present.insert((PersonKind::Member, n.member_id.unwrap_or_default()), n);
        }
        for n in one.invitees {
            present.insert((PersonKind::Invitee, n.roster_order), n);
        }
        for n in one.on_leave {
            leave.insert(n.member_id.unwrap_or_default(), n);
        }
    }
    let present_ids: HashSet<i64> =
        present.keys().filter(|(k, _)| *k == PersonKind::Member).map(|(_, id)| *id).collect();
    let mut out = RollCall::default();
    for ((kind, _), n) in present {
        match kind {
            PersonKind::Member => out.present.push(n),
            PersonKind::Invitee => out.invitees.push(n),
        }
    }
    out.on_leave = leave.into_iter().filter(|(id, _)| !present_ids.contains(id)).map(|(_, n)| n).collect();
    sort(&mut out.present);
    sort(&mut out.on_leave);
    sort(&mut out.invitees);
    Ok(out)
}
