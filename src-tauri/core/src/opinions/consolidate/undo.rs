//! The undo stack: a report's whole consolidation state saved before each operation, put back exactly.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use rusqlite::{params, Connection, OptionalExtension};

use super::operation::require_open;

use crate::db::{Db, Tx};
use crate::error::{Error, Result};

/// How many operations a report's undo stack keeps.
pub const UNDO_DEPTH: i64 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SnapFeedback {
    receiving_body: String,
    sent_on: Option<String>,
    adoption: Option<String>,
    reply: String,
    updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SnapOpinion {
    id: i64,
    seq: i64,
    topic: String,
    text: String,
    created_at: String,
    updated_at: String,
    remarks: Vec<(i64, i64)>,
    feedback: Option<SnapFeedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SnapAside {
    id: i64,
    reason: String,
    at: Option<String>,
}

/// A report's consolidation state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Snapshot {
    opinions: Vec<SnapOpinion>,
    set_aside: Vec<SnapAside>,
}

pub(super) fn snapshot(conn: &Connection, report_id: i64) -> Result<Snapshot> {
    let mut links: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT l.opinion_id, l.remark_id, l.seq FROM opinion_remarks l
               JOIN opinions o ON o.id = l.opinion_id WHERE o.report_id = ?1 ORDER BY l.opinion_id, l.seq",
        )?;
        let mut rows = stmt.query([report_id])?;
        while let Some(r) = rows.next()? {
            links.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.seq, o.topic, o.text, o.created_at, o.updated_at,
                f.opinion_id, f.receiving_body, f.sent_on, f.adoption, f.reply, f.updated_at
           FROM opinions o LEFT JOIN opinion_feedback f ON f.opinion_id = o.id
          WHERE o.report_id = ?1 ORDER BY o.seq, o.id",
    )?;
    let opinions = stmt
        .query_map([report_id], |r| {
            let id: i64 = r.get(0)?;
            let fb: Option<i64> = r.get(6)?;
            Ok(SnapOpinion {
                id,
                seq: r.get(1)?,
                topic: r.get(2)?,
                text: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
                remarks: Vec::new(),
                feedback: match fb {
                    None => None,
                    Some(_) => Some(SnapFeedback {
                        receiving_body: r.get(7)?,
                        sent_on: r.get(8)?,
                        adoption: r.get(9)?,
                        reply: r.get(10)?,
                        updated_at: r.get(11)?,
                    }),
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|mut o| {
            o.remarks = links.remove(&o.id).unwrap_or_default();
            o
        })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT id, set_aside_reason, set_aside_at FROM remarks
          WHERE report_id = ?1 AND set_aside_reason IS NOT NULL ORDER BY id",
    )?;
    let set_aside = stmt
        .query_map([report_id], |r| Ok(SnapAside { id: r.get(0)?, reason: r.get(1)?, at: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Snapshot { opinions, set_aside })
}

/// Puts a saved state back. OpinionFeedback recorded since on an opinion that still exists is kept;
/// an opinion that comes back gets the feedback it had.
fn restore(tx: &Tx<'_>, report_id: i64, snap: &Snapshot) -> Result<()> {
    let mut current_feedback: HashMap<i64, SnapFeedback> = HashMap::new();
    for o in snapshot(tx, report_id)?.opinions {
        if let Some(f) = o.feedback {
            current_feedback.insert(o.id, f);
        }
    }
    tx.execute("DELETE FROM opinions WHERE report_id = ?1", [report_id])?;
    tx.execute(
        "UPDATE remarks SET set_aside_reason = NULL, set_aside_at = NULL
          WHERE report_id = ?1 AND set_aside_reason IS NOT NULL",
        [report_id],
    )?;
    for o in &snap.opinions {
        tx.execute(
            "INSERT INTO opinions (id, report_id, seq, topic, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![o.id, report_id, o.seq, o.topic, o.text, o.created_at, o.updated_at],
        )?;
        for (remark, seq) in &o.remarks {
            // A remark deleted since (only unplaced ones can be) cannot come back; skip it.
            tx.execute(
                "INSERT INTO opinion_remarks (opinion_id, remark_id, seq)
                 SELECT ?1, id, ?3 FROM remarks WHERE id = ?2",
                params![o.id, remark, seq],
            )?;
        }
        if let Some(f) = current_feedback.get(&o.id).or(o.feedback.as_ref()) {
            tx.execute(
                "INSERT INTO opinion_feedback (opinion_id, receiving_body, sent_on, adoption, reply, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![o.id, f.receiving_body, f.sent_on, f.adoption, f.reply, f.updated_at],
            )?;
        }
    }
    for a in &snap.set_aside {
        tx.execute(
            "UPDATE remarks SET set_aside_reason = ?2, set_aside_at = ?3 WHERE id = ?1",
            params![a.id, a.reason, a.at],
        )?;
    }
    Ok(())
}

/// The label of the operation [`undo`] would reverse, and how many are stacked.
pub fn undo_state(conn: &Connection, report_id: i64) -> Result<(Option<String>, u32)> {
    let label: Option<String> = conn
        .query_row("SELECT label FROM opinion_undo WHERE report_id = ?1 ORDER BY id DESC LIMIT 1", [report_id], |r| {
            r.get(0)
        })
        .optional()?;
    let depth: u32 =
        conn.query_row("SELECT count(*) FROM opinion_undo WHERE report_id = ?1", [report_id], |r| r.get(0))?;
    Ok((label, depth))
}

/// Reverses the report's last consolidation operation; returns its label.
pub fn undo(db: &mut Db, report_id: i64) -> Result<String> {
    db.write(|tx| {
        require_open(tx, report_id)?;
        let last: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, label, snapshot FROM opinion_undo WHERE report_id = ?1 ORDER BY id DESC LIMIT 1",
                [report_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (id, label, json) = last.ok_or_else(|| Error::Conflict("没有可以撤销的操作。".into()))?;
        let snap: Snapshot = serde_json::from_str(&json).map_err(|e| Error::internal("读取撤销记录", e))?;
        restore(tx, report_id, &snap)?;
        tx.execute("DELETE FROM opinion_undo WHERE id = ?1", [id])?;
        tx.audit("opinion_list", report_id, "undo", None::<&()>, Some(&serde_json::json!({ "undone": label })))?;
        Ok(label)
    })
}
