//! 请假: type, reason, approver, whole or part of the sitting, entered before, during or after,
//! for one sitting or a range. A member has at most one standing leave per sitting; leave is
//! corrected by updating or cancelling it (audited), never deleted.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::data::{leave_kind_text, sitting_info};
use super::rules::parse_hm;
use super::types::*;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::meetings::half_day_order;
use crate::roster;

const LEAVE_COLS: &str = "l.id, l.member_id, m.name, l.kind, l.kind_label, l.reason, l.approver, l.part, l.from_time,
    l.to_time, l.entered, l.cancelled_at, l.cancel_reason, l.operator, l.created_at";

fn leave_from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> Result<Leave> {
    let id: i64 = r.get(0)?;
    let kind = LeaveKind::parse(&r.get::<_, String>(3)?)?;
    let kind_label: String = r.get(4)?;
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ls.sitting_id FROM leave_sittings ls JOIN sittings s ON s.id = ls.sitting_id WHERE ls.leave_id = ?1
         ORDER BY s.date, ",
        half_day_order!(),
        ", s.start_time, s.id"
    ))?;
    let sitting_ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Leave {
        id,
        member_id: r.get(1)?,
        member_name: r.get(2)?,
        kind_text: leave_kind_text(kind, &kind_label),
        kind,
        kind_label,
        reason: r.get(5)?,
        approver: r.get(6)?,
        part: r.get(7)?,
        from_time: r.get(8)?,
        to_time: r.get(9)?,
        entered: LeaveEntered::parse(&r.get::<_, String>(10)?)?,
        sitting_ids,
        cancelled_at: r.get(11)?,
        cancel_reason: r.get(12)?,
        operator: r.get(13)?,
        created_at: r.get(14)?,
    })
}

fn query_leaves(conn: &Connection, cond: &str, p: impl rusqlite::Params) -> Result<Vec<Leave>> {
    let sql =
        format!("SELECT {LEAVE_COLS} FROM leaves l JOIN members m ON m.id = l.member_id WHERE {cond} ORDER BY l.id");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(p)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(leave_from_row(conn, r)?);
    }
    Ok(out)
}

pub fn get_leave(conn: &Connection, id: i64) -> Result<Leave> {
    query_leaves(conn, "l.id = ?1", [id])?.pop().ok_or_else(|| Error::not_found("请假记录", id))
}

/// The leave records covering a sitting (cancelled ones too, marked so).
pub fn leaves_for_sitting(conn: &Connection, sitting_id: i64) -> Result<Vec<Leave>> {
    sitting_info(conn, sitting_id)?;
    query_leaves(conn, "l.id IN (SELECT leave_id FROM leave_sittings WHERE sitting_id = ?1)", [sitting_id])
}

pub fn leaves_for_member(conn: &Connection, member_id: i64) -> Result<Vec<Leave>> {
    query_leaves(conn, "l.member_id = ?1", [member_id])
}

/// The sittings from `first` to `last` inclusive, in time order (across meetings): a leave's range.
pub fn sitting_range(conn: &Connection, first: i64, last: i64) -> Result<Vec<i64>> {
    let key = |id: i64| -> Result<(String, i64, String, i64)> {
        conn.query_row(
            concat!("SELECT date, ", half_day_order!(), ", start_time, id FROM sittings WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("场次", id))
    };
    let (a, b) = (key(first)?, key(last)?);
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let mut stmt = conn.prepare(concat!(
        "SELECT date, ",
        half_day_order!(),
        ", start_time, id FROM sittings WHERE date BETWEEN ?1 AND ?2"
    ))?;
    let mut all: Vec<(String, i64, String, i64)> = stmt
        .query_map(params![a.0, b.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    all.sort();
    Ok(all.into_iter().filter(|k| *k >= a && *k <= b).map(|k| k.3).collect())
}

struct Clean {
    input: LeaveInput,
    entered: LeaveEntered,
}

fn clean(conn: &Connection, input: &LeaveInput) -> Result<Clean> {
    roster::get(conn, input.member_id)?;
    let ids: BTreeSet<i64> = input.sitting_ids.iter().copied().collect();
    if ids.is_empty() {
        return Err(Error::invalid("请假场次", "至少选择一个场次"));
    }
    let mut infos = Vec::new();
    for id in &ids {
        infos.push(sitting_info(conn, *id)?);
    }
    let (from_time, to_time) = if input.part {
        let f = input.from_time.as_deref().unwrap_or("").trim().replace('：', ":");
        let t = input.to_time.as_deref().unwrap_or("").trim().replace('：', ":");
        let (Some(fp), Some(tp)) = (parse_hm(&f), parse_hm(&t)) else {
            return Err(Error::invalid(
                "请假时段",
                format!("部分时段请假须写明起止时间（如 09:30 至 11:00），而不是“{f}”至“{t}”"),
            ));
        };
        if tp <= fp {
            return Err(Error::invalid("请假时段", format!("结束时间 {t} 应晚于开始时间 {f}")));
        }
        (Some(fp.format("%H:%M").to_string()), Some(tp.format("%H:%M").to_string()))
    } else {
        (None, None)
    };
    let kind_label = input.kind_label.trim().to_string();
    if input.kind == LeaveKind::Other && kind_label.is_empty() && input.reason.trim().is_empty() {
        return Err(Error::invalid("请假类型", "选择“其他”时请写明类型或事由"));
    }
    let entered = match input.entered {
        Some(e) => e,
        None => {
            infos.sort_by_key(|i| i.start().ok());
            let first = &infos[0];
            if first.closed {
                LeaveEntered::After
            } else if chrono::Local::now().naive_local() < first.start()? {
                LeaveEntered::Before
            } else {
                LeaveEntered::During
            }
        }
    };
    Ok(Clean {
        input: LeaveInput {
            member_id: input.member_id,
            kind: input.kind,
            kind_label: if input.kind == LeaveKind::Other { kind_label } else { String::new() },
            reason: input.reason.trim().to_string(),
            approver: input.approver.trim().to_string(),
            sitting_ids: ids.into_iter().collect(),
            part: input.part,
            from_time,
            to_time,
            entered: Some(entered),
        },
        entered,
    })
}

fn check_overlap(tx: &Tx<'_>, c: &LeaveInput, except: Option<i64>) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT s.title, s.date, l.id FROM leave_sittings ls JOIN leaves l ON l.id = ls.leave_id
         JOIN sittings s ON s.id = ls.sitting_id
         WHERE l.member_id = ?1 AND ls.sitting_id = ?2 AND l.cancelled_at IS NULL AND l.id IS NOT ?3",
    )?;
    for sid in &c.sitting_ids {
        if let Some((title, date, id)) = stmt
            .query_row(params![c.member_id, sid, except], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
            })
            .optional()?
        {
            return Err(Error::Conflict(format!(
                "该委员在 {date}“{title}”已有请假记录（第 {id} 号）；请修改或撤销原记录"
            )));
        }
    }
    Ok(())
}

fn write_sittings(tx: &Tx<'_>, leave_id: i64, ids: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM leave_sittings WHERE leave_id = ?1", [leave_id])?;
    for sid in ids {
        tx.execute("INSERT INTO leave_sittings (leave_id, sitting_id) VALUES (?1, ?2)", params![leave_id, sid])?;
    }
    Ok(())
}

/// Records a leave.
pub fn record_leave(db: &mut Db, input: &LeaveInput) -> Result<Leave> {
    let c = clean(db.conn(), input)?;
    let id = db.write(|tx| {
        check_overlap(tx, &c.input, None)?;
        let i = &c.input;
        tx.execute(
            "INSERT INTO leaves (member_id, kind, kind_label, reason, approver, part, from_time, to_time, entered, operator, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                i.member_id, i.kind.as_str(), i.kind_label, i.reason, i.approver, i.part, i.from_time, i.to_time,
                c.entered.as_str(), tx.operator(), now()
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_sittings(tx, id, &i.sitting_ids)?;
        tx.audit("leave", id, "create", None::<&LeaveInput>, Some(i))?;
        Ok(id)
    })?;
    get_leave(db.conn(), id)
}

/// Corrects a leave record (type, reason, approver, part, sittings).
pub fn update_leave(db: &mut Db, id: i64, input: &LeaveInput) -> Result<Leave> {
    let old = get_leave(db.conn(), id)?;
    if old.cancelled_at.is_some() {
        return Err(Error::Conflict(format!("第 {id} 号请假记录已撤销，不能修改")));
    }
    if old.member_id != input.member_id {
        return Err(Error::invalid("请假人", "不能改为另一位委员；请撤销后重新登记"));
    }
    let input = LeaveInput { entered: input.entered.or(Some(old.entered)), ..input.clone() };
    let c = clean(db.conn(), &input)?;
    db.write(|tx| {
        check_overlap(tx, &c.input, Some(id))?;
        let i = &c.input;
        tx.execute(
            "UPDATE leaves SET kind = ?2, kind_label = ?3, reason = ?4, approver = ?5, part = ?6, from_time = ?7,
                to_time = ?8, entered = ?9 WHERE id = ?1",
            params![
                id,
                i.kind.as_str(),
                i.kind_label,
                i.reason,
                i.approver,
                i.part,
                i.from_time,
                i.to_time,
                c.entered.as_str()
            ],
        )?;
        write_sittings(tx, id, &i.sitting_ids)?;
        tx.audit("leave", id, "update", Some(&old), Some(i))
    })?;
    get_leave(db.conn(), id)
}

/// Cancels a leave (销假 or entered by mistake); the record stays, marked cancelled, with why.
pub fn cancel_leave(db: &mut Db, id: i64, reason: &str) -> Result<Leave> {
    let old = get_leave(db.conn(), id)?;
    if old.cancelled_at.is_some() {
        return Err(Error::Conflict(format!("第 {id} 号请假记录已撤销")));
    }
    let reason = reason.trim().to_string();
    db.write(|tx| {
        tx.execute(
            "UPDATE leaves SET cancelled_at = ?2, cancel_reason = ?3 WHERE id = ?1",
            params![id, now(), reason],
        )?;
        tx.audit("leave", id, "cancel", Some(&old), Some(&json!({ "cancel_reason": reason })))
    })?;
    get_leave(db.conn(), id)
}
