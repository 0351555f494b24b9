//! The frame every consolidation operation runs in (the module docs of `consolidate` describe it),
//! and the checks and steps the operations share.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::undo::{snapshot, UNDO_DEPTH};

use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

pub(super) fn report_title(conn: &Connection, report_id: i64) -> Result<(String, Option<String>)> {
    conn.query_row("SELECT title, finalised_at FROM reports WHERE id = ?1", [report_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("报告", report_id))
}

pub(super) fn require_open(conn: &Connection, report_id: i64) -> Result<String> {
    let (title, finalised) = report_title(conn, report_id)?;
    if finalised.is_some() {
        return Err(Error::Conflict(format!("《{title}》的协商意见清单已定稿，不能再修改；如需修改，请先取消定稿。")));
    }
    Ok(title)
}

/// Runs one consolidation operation with everything around it (see the module docs).
pub(super) fn operation<T>(
    db: &mut Db,
    report_id: i64,
    label: &str,
    details: serde_json::Value,
    f: impl FnOnce(&Tx<'_>) -> Result<T>,
) -> Result<T> {
    db.write(|tx| {
        require_open(tx, report_id)?;
        let before = snapshot(tx, report_id)?;
        let value = f(tx)?;
        tx.execute(
            "DELETE FROM opinions WHERE report_id = ?1
               AND NOT EXISTS (SELECT 1 FROM opinion_remarks l WHERE l.opinion_id = opinions.id)",
            [report_id],
        )?;
        renumber(tx, report_id)?;
        if snapshot(tx, report_id)? == before {
            // Nothing changed (e.g. a remark moved to where it already was): nothing to undo.
            return Ok(value);
        }
        let json = serde_json::to_string(&before).map_err(|e| Error::internal("保存撤销记录", e))?;
        tx.execute(
            "INSERT INTO opinion_undo (report_id, label, snapshot, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![report_id, label, json, now()],
        )?;
        tx.execute(
            "DELETE FROM opinion_undo WHERE report_id = ?1 AND id NOT IN
               (SELECT id FROM opinion_undo WHERE report_id = ?1 ORDER BY id DESC LIMIT ?2)",
            params![report_id, UNDO_DEPTH],
        )?;
        tx.audit("opinion_list", report_id, label, None::<&()>, Some(&details))?;
        Ok(value)
    })
}

/// Numbers the report's opinions 1..N in their present order.
fn renumber(tx: &Tx<'_>, report_id: i64) -> Result<()> {
    let ids: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare_cached("SELECT id, seq FROM opinions WHERE report_id = ?1 ORDER BY seq, id")?;
        let rows =
            stmt.query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    for (i, (id, seq)) in ids.iter().enumerate() {
        let want = i as i64 + 1;
        if *seq != want {
            tx.execute("UPDATE opinions SET seq = ?2 WHERE id = ?1", params![id, want])?;
        }
    }
    Ok(())
}

/// Checks that the remarks exist and belong to the report; removes repeats, keeps order.
pub(super) fn check_remarks(conn: &Connection, report_id: i64, ids: &[i64]) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Err(Error::invalid("发言意见", "请至少选择一条"));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &id in ids {
        if !seen.insert(id) {
            continue;
        }
        let owner: Option<i64> =
            conn.query_row("SELECT report_id FROM remarks WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match owner {
            None => return Err(Error::not_found("发言意见", id)),
            Some(r) if r != report_id => {
                return Err(Error::invalid("发言意见", format!("第 {id} 条发言意见不属于这份报告")))
            }
            Some(_) => out.push(id),
        }
    }
    Ok(out)
}

/// The report an opinion belongs to.
pub(super) fn opinion_report(conn: &Connection, opinion_id: i64) -> Result<i64> {
    conn.query_row("SELECT report_id FROM opinions WHERE id = ?1", [opinion_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("协商意见", opinion_id))
}

pub(super) fn remark_report(conn: &Connection, remark_id: i64) -> Result<i64> {
    conn.query_row("SELECT report_id FROM remarks WHERE id = ?1", [remark_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("发言意见", remark_id))
}

/// Puts remarks into an opinion (after its present ones), taking them out of wherever they
/// were and clearing a set-aside.
pub(super) fn attach(tx: &Tx<'_>, opinion_id: i64, remark_ids: &[i64]) -> Result<()> {
    for &id in remark_ids {
        tx.execute("DELETE FROM opinion_remarks WHERE remark_id = ?1", [id])?;
        tx.execute("UPDATE remarks SET set_aside_reason = NULL, set_aside_at = NULL WHERE id = ?1", [id])?;
        tx.execute(
            "INSERT INTO opinion_remarks (opinion_id, remark_id, seq)
             VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM opinion_remarks WHERE opinion_id = ?1))",
            params![opinion_id, id],
        )?;
    }
    Ok(())
}

/// Inserts a new opinion at `number` (1-based; at the end when `None` or past the end).
pub(super) fn insert_opinion(tx: &Tx<'_>, report_id: i64, number: Option<u32>, topic: &str, text: &str) -> Result<i64> {
    let count: i64 = tx.query_row("SELECT count(*) FROM opinions WHERE report_id = ?1", [report_id], |r| r.get(0))?;
    let seq = match number {
        Some(n) if n >= 1 && (n as i64) <= count => {
            tx.execute("UPDATE opinions SET seq = seq + 1 WHERE report_id = ?1 AND seq >= ?2", params![report_id, n])?;
            n as i64
        }
        _ => count + 1,
    };
    let at = now();
    tx.execute(
        "INSERT INTO opinions (report_id, seq, topic, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![report_id, seq, topic, text, at],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(super) fn clean_text(field: &str, s: &str, required: bool) -> Result<String> {
    let t = crate::opinions::clean::clean_pasted(s);
    if required && t.is_empty() {
        return Err(Error::invalid(field, "请填写归纳后的协商意见内容"));
    }
    Ok(t)
}
