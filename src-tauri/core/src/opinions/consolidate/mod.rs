//! Consolidating (梳理归纳) a report's remarks into its numbered list of opinions.
//!
//! Every operation runs in one transaction that first checks the list is not finalised, then
//! saves the report's whole consolidation state (opinions, their links to remarks, their
//! feedback, the set-aside remarks) on the report's undo stack, does its work, drops opinions
//! left with no remark and renumbers the list 1..N. [`undo`] puts the saved state back exactly.
//! Remarks themselves are never deleted or rewritten here: whatever happens to an opinion, each
//! remark stays in the report, either in an opinion, set aside with a reason, or unplaced.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::remarks::{group_speaker_name, unplaced_count};
use super::reports::get_report;
use super::types::*;
use crate::db::{now, Db, Tx};
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
struct Snapshot {
    opinions: Vec<SnapOpinion>,
    set_aside: Vec<SnapAside>,
}

fn snapshot(conn: &Connection, report_id: i64) -> Result<Snapshot> {
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

fn report_title(conn: &Connection, report_id: i64) -> Result<(String, Option<String>)> {
    conn.query_row("SELECT title, finalised_at FROM reports WHERE id = ?1", [report_id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?
    .ok_or_else(|| Error::not_found("报告", report_id))
}

fn require_open(conn: &Connection, report_id: i64) -> Result<String> {
    let (title, finalised) = report_title(conn, report_id)?;
    if finalised.is_some() {
        return Err(Error::Conflict(format!(
            "《{title}》的协商意见清单已定稿，不能再修改；如需修改，请先取消定稿。"
        )));
    }
    Ok(title)
}

/// Runs one consolidation operation with everything around it (see the module docs).
fn operation<T>(
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
        let json = serde_json::to_string(&before)
            .map_err(|e| Error::Conflict(format!("无法保存撤销记录：{e}")))?;
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
        let rows = stmt.query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
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
fn check_remarks(conn: &Connection, report_id: i64, ids: &[i64]) -> Result<Vec<i64>> {
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
fn opinion_report(conn: &Connection, opinion_id: i64) -> Result<i64> {
    conn.query_row("SELECT report_id FROM opinions WHERE id = ?1", [opinion_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("协商意见", opinion_id))
}

fn remark_report(conn: &Connection, remark_id: i64) -> Result<i64> {
    conn.query_row("SELECT report_id FROM remarks WHERE id = ?1", [remark_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("发言意见", remark_id))
}

/// Puts remarks into an opinion (after its present ones), taking them out of wherever they
/// were and clearing a set-aside.
fn attach(tx: &Tx<'_>, opinion_id: i64, remark_ids: &[i64]) -> Result<()> {
    for &id in remark_ids {
        tx.execute("DELETE FROM opinion_remarks WHERE remark_id = ?1", [id])?;
        tx.execute(
            "UPDATE remarks SET set_aside_reason = NULL, set_aside_at = NULL WHERE id = ?1",
            [id],
        )?;
        tx.execute(
            "INSERT INTO opinion_remarks (opinion_id, remark_id, seq)
             VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM opinion_remarks WHERE opinion_id = ?1))",
            params![opinion_id, id],
        )?;
    }
    Ok(())
}

/// Inserts a new opinion at `number` (1-based; at the end when `None` or past the end).
fn insert_opinion(tx: &Tx<'_>, report_id: i64, number: Option<u32>, topic: &str, text: &str) -> Result<i64> {
    let count: i64 = tx.query_row("SELECT count(*) FROM opinions WHERE report_id = ?1", [report_id], |r| r.get(0))?;
    let seq = match number {
        Some(n) if n >= 1 && (n as i64) <= count => {
            tx.execute(
                "UPDATE opinions SET seq = seq + 1 WHERE report_id = ?1 AND seq >= ?2",
                params![report_id, n],
            )?;
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

fn clean_text(field: &str, s: &str, required: bool) -> Result<String> {
    let t = super::clean::clean_pasted(s);
    if required && t.is_empty() {
        return Err(Error::invalid(field, "请填写归纳后的协商意见内容"));
    }
    Ok(t)
}

/// Merges remarks into an opinion: a new one (with the staff's topic and text) or, with
/// `opinion_id`, an existing one (whose topic and text change only if given). Remarks already
/// in another opinion move; an opinion left with none is removed (undo brings it back).
pub fn merge(db: &mut Db, input: &MergeInput) -> Result<Opinion> {
    let report_id = input.report_id;
    let ids = check_remarks(db.conn(), report_id, &input.remark_ids)?;
    let topic = input.topic.trim().to_string();
    let text = clean_text("协商意见", &input.text, input.opinion_id.is_none())?;
    if let Some(target) = input.opinion_id {
        if opinion_report(db.conn(), target)? != report_id {
            return Err(Error::invalid("协商意见", format!("第 {target} 号协商意见不属于这份报告")));
        }
    }
    let details = serde_json::json!({ "remark_ids": ids, "opinion_id": input.opinion_id, "topic": topic });
    let label = if input.opinion_id.is_some() { "并入" } else { "合并" };
    let id = operation(db, report_id, label, details, |tx| {
        let id = match input.opinion_id {
            Some(target) => {
                if !topic.is_empty() || !text.is_empty() {
                    tx.execute(
                        "UPDATE opinions SET topic = CASE WHEN ?2 = '' THEN topic ELSE ?2 END,
                                text = CASE WHEN ?3 = '' THEN text ELSE ?3 END, updated_at = ?4 WHERE id = ?1",
                        params![target, topic, text, now()],
                    )?;
                }
                target
            }
            None => insert_opinion(tx, report_id, input.number, &topic, &text)?,
        };
        attach(tx, id, &ids)?;
        Ok(id)
    })?;
    get_opinion(db.conn(), id)
}

/// Splits some remarks off an opinion into a new opinion placed right after it.
pub fn split(db: &mut Db, opinion_id: i64, remark_ids: &[i64], topic: &str, text: &str) -> Result<Opinion> {
    let report_id = opinion_report(db.conn(), opinion_id)?;
    let ids = check_remarks(db.conn(), report_id, remark_ids)?;
    let original = get_opinion(db.conn(), opinion_id)?;
    let inside: HashSet<i64> = original.remarks.iter().map(|r| r.id).collect();
    if let Some(stray) = ids.iter().find(|id| !inside.contains(id)) {
        return Err(Error::invalid("拆分", format!("第 {stray} 条发言意见不在第 {} 条协商意见中", original.number)));
    }
    if ids.len() == inside.len() {
        return Err(Error::invalid("拆分", "不能把全部发言意见都拆出去，至少留下一条"));
    }
    let text = clean_text("协商意见", text, true)?;
    let topic = topic.trim().to_string();
    let details = serde_json::json!({ "opinion_id": opinion_id, "remark_ids": ids });
    let id = operation(db, report_id, "拆分", details, |tx| {
        let id = insert_opinion(tx, report_id, Some(original.number + 1), &topic, &text)?;
        attach(tx, id, &ids)?;
        Ok(id)
    })?;
    get_opinion(db.conn(), id)
}

/// Moves a remark into another opinion, or with `to = None` out of its opinion (unplaced).
pub fn move_remark(db: &mut Db, remark_id: i64, to: Option<i64>) -> Result<()> {
    let report_id = remark_report(db.conn(), remark_id)?;
    if let Some(target) = to {
        if opinion_report(db.conn(), target)? != report_id {
            return Err(Error::invalid("协商意见", format!("第 {target} 号协商意见不属于这份报告")));
        }
    }
    let label = if to.is_some() { "移动" } else { "移出" };
    operation(db, report_id, label, serde_json::json!({ "remark_id": remark_id, "to": to }), |tx| {
        match to {
            Some(target) => attach(tx, target, &[remark_id]),
            None => {
                tx.execute("DELETE FROM opinion_remarks WHERE remark_id = ?1", [remark_id])?;
                Ok(())
            }
        }
    })
}

/// Moves an opinion to position `number` (1-based); the others shift.
pub fn move_opinion(db: &mut Db, opinion_id: i64, number: u32) -> Result<()> {
    let report_id = opinion_report(db.conn(), opinion_id)?;
    let mut order = opinion_ids(db.conn(), report_id)?;
    let n = number.clamp(1, order.len() as u32) as usize;
    order.retain(|&id| id != opinion_id);
    order.insert(n - 1, opinion_id);
    reorder(db, report_id, &order)
}

fn opinion_ids(conn: &Connection, report_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM opinions WHERE report_id = ?1 ORDER BY seq, id")?;
    let ids = stmt.query_map([report_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// Puts the report's opinions in the given order (every opinion exactly once).
pub fn reorder(db: &mut Db, report_id: i64, ordered: &[i64]) -> Result<()> {
    let present = opinion_ids(db.conn(), report_id)?;
    let a: HashSet<i64> = present.iter().copied().collect();
    let b: HashSet<i64> = ordered.iter().copied().collect();
    if a != b || ordered.len() != present.len() {
        return Err(Error::invalid("排序", "新顺序必须恰好包含本报告的每一条协商意见各一次，请刷新后再试"));
    }
    if present == ordered {
        return Ok(());
    }
    operation(db, report_id, "排序", serde_json::json!({ "order": ordered }), |tx| {
        for (i, id) in ordered.iter().enumerate() {
            tx.execute("UPDATE opinions SET seq = ?2 WHERE id = ?1", params![id, i as i64 + 1])?;
        }
        Ok(())
    })
}

/// Changes an opinion's topic and text.
pub fn update_opinion(db: &mut Db, opinion_id: i64, topic: &str, text: &str) -> Result<Opinion> {
    let report_id = opinion_report(db.conn(), opinion_id)?;
    let text = clean_text("协商意见", text, true)?;
    let topic = topic.trim().to_string();
    let details = serde_json::json!({ "opinion_id": opinion_id, "topic": topic, "text": text });
    operation(db, report_id, "修改", details, |tx| {
        tx.execute(
            "UPDATE opinions SET topic = ?2, text = ?3, updated_at = ?4 WHERE id = ?1",
            params![opinion_id, topic, text, now()],
        )?;
        Ok(())
    })?;
    get_opinion(db.conn(), opinion_id)
}

/// Removes an opinion; its remarks become unplaced again (nothing of theirs is lost).
pub fn dissolve_opinion(db: &mut Db, opinion_id: i64) -> Result<()> {
    let report_id = opinion_report(db.conn(), opinion_id)?;
    operation(db, report_id, "拆散", serde_json::json!({ "opinion_id": opinion_id }), |tx| {
        tx.execute("DELETE FROM opinions WHERE id = ?1", [opinion_id])?;
        Ok(())
    })
}

fn common_report(conn: &Connection, remark_ids: &[i64]) -> Result<i64> {
    let first = *remark_ids.first().ok_or_else(|| Error::invalid("发言意见", "请至少选择一条"))?;
    let report_id = remark_report(conn, first)?;
    check_remarks(conn, report_id, remark_ids)?;
    Ok(report_id)
}

/// Sets remarks aside (不纳入) with a reason; those in an opinion leave it.
pub fn set_aside(db: &mut Db, remark_ids: &[i64], reason: &str) -> Result<()> {
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::invalid("不纳入理由", "请写明不纳入的理由"));
    }
    let report_id = common_report(db.conn(), remark_ids)?;
    let details = serde_json::json!({ "remark_ids": remark_ids, "reason": reason });
    operation(db, report_id, "不纳入", details, |tx| {
        let at = now();
        for &id in remark_ids {
            tx.execute("DELETE FROM opinion_remarks WHERE remark_id = ?1", [id])?;
            tx.execute(
                "UPDATE remarks SET set_aside_reason = ?2, set_aside_at = ?3 WHERE id = ?1",
                params![id, reason, at],
            )?;
        }
        Ok(())
    })
}

/// Takes remarks back from «不纳入»: they are unplaced again.
pub fn restore_set_aside(db: &mut Db, remark_ids: &[i64]) -> Result<()> {
    let report_id = common_report(db.conn(), remark_ids)?;
    operation(db, report_id, "恢复", serde_json::json!({ "remark_ids": remark_ids }), |tx| {
        for &id in remark_ids {
            tx.execute("UPDATE remarks SET set_aside_reason = NULL, set_aside_at = NULL WHERE id = ?1", [id])?;
        }
        Ok(())
    })
}

/// The label of the operation [`undo`] would reverse, and how many are stacked.
pub fn undo_state(conn: &Connection, report_id: i64) -> Result<(Option<String>, u32)> {
    let label: Option<String> = conn
        .query_row(
            "SELECT label FROM opinion_undo WHERE report_id = ?1 ORDER BY id DESC LIMIT 1",
            [report_id],
            |r| r.get(0),
        )
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
        let snap: Snapshot = serde_json::from_str(&json)
            .map_err(|e| Error::Conflict(format!("撤销记录已损坏，无法撤销：{e}")))?;
        restore(tx, report_id, &snap)?;
        tx.execute("DELETE FROM opinion_undo WHERE id = ?1", [id])?;
        tx.audit("opinion_list", report_id, "undo", None::<&()>, Some(&serde_json::json!({ "undone": label })))?;
        Ok(label)
    })
}

/// Finalises (定稿) the list. Refused while any remark is neither placed nor set aside.
pub fn finalise(db: &mut Db, report_id: i64) -> Result<Report> {
    let title = require_open(db.conn(), report_id)?;
    let unplaced = unplaced_count(db.conn(), report_id)?;
    if unplaced > 0 {
        return Err(Error::Conflict(format!(
            "《{title}》还有 {unplaced} 条发言意见既未归入协商意见，也未标为不纳入，不能定稿。请先逐条处理。"
        )));
    }
    let opinions: i64 =
        db.conn().query_row("SELECT count(*) FROM opinions WHERE report_id = ?1", [report_id], |r| r.get(0))?;
    if opinions == 0 {
        return Err(Error::Conflict(format!("《{title}》还没有任何协商意见，不能定稿。")));
    }
    db.write(|tx| {
        let at = now();
        tx.execute("UPDATE reports SET finalised_at = ?2 WHERE id = ?1", params![report_id, at])?;
        tx.audit("report", report_id, "finalise", None::<&()>, Some(&serde_json::json!({ "finalised_at": at, "opinions": opinions })))
    })?;
    get_report(db.conn(), report_id)
}

/// Reopens a finalised list for changes.
pub fn reopen(db: &mut Db, report_id: i64) -> Result<Report> {
    let (_, finalised) = report_title(db.conn(), report_id)?;
    db.write(|tx| {
        tx.execute("UPDATE reports SET finalised_at = NULL WHERE id = ?1", [report_id])?;
        tx.audit("report", report_id, "reopen", Some(&serde_json::json!({ "finalised_at": finalised })), None::<&()>)
    })?;
    get_report(db.conn(), report_id)
}

/// A report's opinions in order, each with its remarks, speakers, groups and feedback.
pub fn list_opinions(conn: &Connection, report_id: i64) -> Result<Vec<Opinion>> {
    load_opinions(conn, "o.report_id = ?1", report_id)
}

pub fn get_opinion(conn: &Connection, opinion_id: i64) -> Result<Opinion> {
    load_opinions(conn, "o.id = ?1", opinion_id)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::not_found("协商意见", opinion_id))
}

fn load_opinions(conn: &Connection, cond: &str, arg: i64) -> Result<Vec<Opinion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT o.id, o.report_id, o.seq, o.topic, o.text,
                f.receiving_body, f.sent_on, f.adoption, f.reply
           FROM opinions o LEFT JOIN opinion_feedback f ON f.opinion_id = o.id
          WHERE {cond} ORDER BY o.seq, o.id"
    ))?;
    let rows = stmt
        .query_map([arg], |r| {
            let adoption: Option<String> = r.get(7)?;
            Ok((
                Opinion {
                    id: r.get(0)?,
                    report_id: r.get(1)?,
                    number: r.get(2)?,
                    topic: r.get(3)?,
                    text: r.get(4)?,
                    remarks: Vec::new(),
                    speakers: Vec::new(),
                    groups: Vec::new(),
                    feedback: OpinionFeedback {
                        receiving_body: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        sent_on: r.get(6)?,
                        adoption: None,
                        reply: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    },
                },
                adoption,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut opinions = Vec::with_capacity(rows.len());
    for (mut o, adoption) in rows {
        o.feedback.adoption = adoption.as_deref().map(Adoption::parse).transpose()?;
        opinions.push(o);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.opinion_id, r.id, r.speaker_id, m.member_no, m.name, g.name, st.title, r.text
           FROM opinions o JOIN opinion_remarks l ON l.opinion_id = o.id
           JOIN remarks r ON r.id = l.remark_id
           JOIN sittings st ON st.id = r.sitting_id
           LEFT JOIN members m ON m.id = r.speaker_id
           LEFT JOIN groups g ON g.id = r.group_id
          WHERE {cond} ORDER BY l.opinion_id, l.seq"
    ))?;
    let mut by_opinion: HashMap<i64, Vec<RemarkRef>> = HashMap::new();
    let mut rows = stmt.query([arg])?;
    while let Some(r) = rows.next()? {
        let speaker_id: Option<i64> = r.get(2)?;
        let name: Option<String> = r.get(4)?;
        let group: String = r.get::<_, Option<String>>(5)?.unwrap_or_default();
        by_opinion.entry(r.get(0)?).or_default().push(RemarkRef {
            id: r.get(1)?,
            speaker_id,
            member_no: r.get(3)?,
            speaker_name: match (speaker_id, name) {
                (Some(_), Some(n)) => n,
                _ => group_speaker_name(&group),
            },
            group_name: group,
            sitting_title: r.get(6)?,
            text: r.get(7)?,
        });
    }
    for o in &mut opinions {
        o.remarks = by_opinion.remove(&o.id).unwrap_or_default();
        for r in &o.remarks {
            let speaker = RemarkSpeaker { id: r.speaker_id, member_no: r.member_no.clone(), name: r.speaker_name.clone() };
            if !o.speakers.contains(&speaker) {
                o.speakers.push(speaker);
            }
            if !r.group_name.is_empty() && !o.groups.contains(&r.group_name) {
                o.groups.push(r.group_name.clone());
            }
        }
    }
    Ok(opinions)
}

/// The consolidation screen's state of one report.
pub fn board(conn: &Connection, report_id: i64) -> Result<OpinionBoard> {
    let (undo_label, undo_depth) = undo_state(conn, report_id)?;
    Ok(OpinionBoard { report: get_report(conn, report_id)?, opinions: list_opinions(conn, report_id)?, undo_label, undo_depth })
}

#[cfg(test)]
mod tests;
