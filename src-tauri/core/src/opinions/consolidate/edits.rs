//! The consolidation operations: merge, split, move, reorder, edit, dissolve, set aside and restore.

use std::collections::HashSet;

use rusqlite::{params, Connection};

use super::board::get_opinion;
use super::operation::{attach, check_remarks, clean_text, insert_opinion, operation, opinion_report, remark_report};

use crate::db::{now, Db};
use crate::error::{Error, Result};
use crate::opinions::types::*;

/// Merges remarks into an opinion: a new one (with the staff's topic and text) or, with
/// `opinion_id`, an existing one (whose topic and text change only if given). Remarks already
/// in another opinion move; an opinion left with none is removed (undo brings it back).
pub fn merge(db: &mut Db, input: &MergeInput) -> Result<Opinion> {
    let report_id = input.report_id;
    let ids = check_remarks(db.conn(), report_id, &input.remark_ids)?;
    let topic = crate::text::clean_line(&input.topic).trim().to_string();
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
    let topic = crate::text::clean_line(topic).trim().to_string();
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
    operation(db, report_id, label, serde_json::json!({ "remark_id": remark_id, "to": to }), |tx| match to {
        Some(target) => attach(tx, target, &[remark_id]),
        None => {
            tx.execute("DELETE FROM opinion_remarks WHERE remark_id = ?1", [remark_id])?;
            Ok(())
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
    let topic = crate::text::clean_line(topic).trim().to_string();
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
