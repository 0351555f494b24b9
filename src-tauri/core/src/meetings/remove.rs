//! Removing a session, meeting or sitting entered by mistake. Removal is allowed only while nothing
//! depends on the record; otherwise it is refused with a message that names what depends on it
//! (check-ins, leave, remarks, minutes…) — never a silent cascade. A sitting's own parts (its
//! agenda, chosen groups, members and invitees) go with it.

use rusqlite::params;

use super::{get_meeting, get_session, get_sitting};
use crate::db::dependents::{dependents, describe, Dependent};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};

/// The parts of a sitting that are removed with it.
const SITTING_PARTS: &[&str] = &["sitting_groups", "sitting_members", "sitting_invitees", "agenda_items"];

const KEEP_ADVICE: &str = "如只是信息填错，请用“编辑”改正";

fn sitting_deps(tx: &Tx<'_>, ids: &[i64]) -> Result<Vec<Dependent>> {
    dependents(tx, "sittings", ids, SITTING_PARTS)
}

fn delete_sitting_rows(tx: &Tx<'_>, id: i64) -> Result<()> {
    for t in SITTING_PARTS {
        tx.execute(&format!("DELETE FROM {t} WHERE sitting_id = ?1"), [id])?;
    }
    tx.execute("DELETE FROM sittings WHERE id = ?1", [id])?;
    Ok(())
}

/// Removes a sitting that has no check-ins, leave, remarks, minutes or closed attendance; the
/// meeting's later sittings move up one place.
pub fn delete_sitting(db: &mut Db, id: i64) -> Result<()> {
    let old = get_sitting(db.conn(), id)?;
    db.write(|tx| {
        let deps = sitting_deps(tx, &[id])?;
        if !deps.is_empty() {
            return Err(Error::Conflict(format!(
                "不能删除场次“{}”（{} {}）：已有{}。这些记录须先撤销；{KEEP_ADVICE}。",
                old.title,
                old.date,
                old.half_day.label(),
                describe(&deps)
            )));
        }
        delete_sitting_rows(tx, id)?;
        // Close the gap in the numbering, in two passes so that (meeting_id, seq) stays unique.
        tx.execute(
            "UPDATE sittings SET seq = -seq WHERE meeting_id = ?1 AND seq > ?2",
            params![old.meeting_id, old.seq],
        )?;
        tx.execute("UPDATE sittings SET seq = -seq - 1 WHERE meeting_id = ?1 AND seq < 0", [old.meeting_id])?;
        tx.audit("sitting", id, "delete", Some(&old), None::<&str>)
    })
}

/// Removes a meeting with its sittings, when none of them has anything recorded (check-ins, leave,
/// remarks, minutes) and the meeting has no minutes of its own. Returns how many sittings went.
pub fn delete_meeting(db: &mut Db, id: i64) -> Result<u32> {
    let old = get_meeting(db.conn(), id)?;
    db.write(|tx| {
        let sittings: Vec<i64> = {
            let mut st = tx.prepare_cached("SELECT id FROM sittings WHERE meeting_id = ?1 ORDER BY seq")?;
            let v = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        let mut deps = dependents(tx, "meetings", &[id], &["sittings"])?;
        deps.extend(sitting_deps(tx, &sittings)?);
        if !deps.is_empty() {
            return Err(Error::Conflict(format!(
                "不能删除会议“{}”：它和它的场次已有{}。这些记录须先撤销；{KEEP_ADVICE}。",
                old.title,
                describe(&deps)
            )));
        }
        for s in &sittings {
            let sitting = get_sitting(tx, *s)?;
            delete_sitting_rows(tx, *s)?;
            tx.audit("sitting", *s, "delete", Some(&sitting), None::<&str>)?;
        }
        tx.execute("DELETE FROM meetings WHERE id = ?1", [id])?;
        tx.audit("meeting", id, "delete", Some(&old), None::<&str>)?;
        Ok(sittings.len() as u32)
    })
}

/// Removes a session (次会议) that has no meetings and no reports under it.
pub fn delete_session(db: &mut Db, id: i64) -> Result<()> {
    let old = get_session(db.conn(), id)?;
    db.write(|tx| {
        let deps = dependents(tx, "sessions", &[id], &[])?;
        if !deps.is_empty() {
            return Err(Error::Conflict(format!(
                "不能删除“{}”：其下已有{}。请先删除这些会议和报告；{KEEP_ADVICE}。",
                old.name,
                describe(&deps)
            )));
        }
        tx.execute("DELETE FROM sessions WHERE id = ?1", [id])?;
        tx.audit("session", id, "delete", Some(&old), None::<&str>)
    })
}
