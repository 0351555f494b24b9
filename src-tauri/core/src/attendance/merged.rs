//! Check-in events and leave recorded at a station (分站), written into the committee file by the
//! stations merge inside its transaction. The rows keep the station's `uid`; each write is audited
//! under the station's operator.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::db::Tx;
use crate::error::{Error, Result};

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

pub(crate) fn json_of(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => (*f).into(),
        Value::Text(s) => s.clone().into(),
        Value::Blob(b) => b.len().into(),
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(*i),
        _ => None,
    }
}

/// The id of an event by its uid.
pub(crate) fn event_id(tx: &Tx<'_>, uid: &str) -> Result<Option<i64>> {
    Ok(tx.query_row("SELECT id FROM attendance_events WHERE uid = ?1", [uid], |r| r.get(0)).optional()?)
}

/// Whether an event is already taken back by an undo.
pub(crate) fn is_undone(tx: &Tx<'_>, id: i64) -> Result<bool> {
    Ok(tx.query_row("SELECT 1 FROM attendance_events WHERE undoes = ?1", [id], |_| Ok(())).optional()?.is_some())
}

/// Inserts one exchanged event (`uid, sitting_id, member_id, invitee_id, kind, at, undoes_uid,
/// source, note, operator, created_at`); `undoes` is the master's id of the event it takes back.
pub(crate) fn insert_event(
    tx: &Tx<'_>,
    row: &[Value],
    undoes: Option<i64>,
    operator: &str,
    station: &str,
) -> Result<i64> {
    let get = |i: usize| row.get(i).cloned().unwrap_or(Value::Null);
    let uid = text(&get(0)).ok_or_else(|| Error::internal("合并分站", "event without uid"))?;
    let sitting = int(&get(1)).ok_or_else(|| Error::internal("合并分站", "event without sitting"))?;
    let kind = text(&get(4)).unwrap_or_default();
    let at = text(&get(5)).unwrap_or_default();
    tx.prepare_cached(
        "INSERT INTO attendance_events (uid, sitting_id, member_id, invitee_id, kind, at, undoes, source, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![uid, sitting, get(2), get(3), kind, at, undoes, get(7), get(8), get(9), get(10)])?;
    let id = tx.last_insert_rowid();
    tx.audit_as(
        operator,
        "attendance_event",
        id,
        &kind,
        None::<&()>,
        Some(&json!({ "sitting_id": sitting, "member_id": int(&get(2)), "invitee_id": int(&get(3)), "at": at,
                      "undoes": undoes, "uid": uid, "station": station })),
    )?;
    if kind == "check_in" {
        crate::meetings::open_sitting_if_planned(tx, sitting)?;
    }
    Ok(id)
}

/// Inserts one exchanged leave (`uid, member_id, kind, kind_label, reason, approver, part,
/// from_time, to_time, entered, cancelled_at, cancel_reason, operator, created_at`).
pub(crate) fn insert_leave(tx: &Tx<'_>, row: &[Value], operator: &str, station: &str) -> Result<i64> {
    let get = |i: usize| row.get(i).cloned().unwrap_or(Value::Null);
    tx.prepare_cached(
        "INSERT INTO leaves (uid, member_id, kind, kind_label, reason, approver, part, from_time, to_time, entered,
                             cancelled_at, cancel_reason, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        get(0),
        get(1),
        get(2),
        get(3),
        get(4),
        get(5),
        get(6),
        get(7),
        get(8),
        get(9),
        get(10),
        get(11),
        get(12),
        get(13)
    ])?;
    let id = tx.last_insert_rowid();
    tx.audit_as(
        operator,
        "leave",
        id,
        "create",
        None::<&()>,
        Some(&json!({ "member_id": int(&get(1)), "kind": text(&get(2)), "reason": text(&get(4)),
                      "uid": text(&get(0)), "station": station })),
    )?;
    Ok(id)
}

/// Adds a sitting to a leave known by its uid; false when the leave is not in the file.
pub(crate) fn add_leave_sitting(tx: &Tx<'_>, leave_uid: &str, sitting: i64, operator: &str) -> Result<bool> {
    let Some(id): Option<i64> =
        tx.query_row("SELECT id FROM leaves WHERE uid = ?1", [leave_uid], |r| r.get(0)).optional()?
    else {
        return Ok(false);
    };
    let n = tx.execute("INSERT OR IGNORE INTO leave_sittings (leave_id, sitting_id) VALUES (?1, ?2)", [id, sitting])?;
    if n > 0 {
        tx.audit_as(operator, "leave", id, "add_sitting", None::<&()>, Some(&json!({ "sitting_id": sitting })))?;
    }
    Ok(true)
}

/// Columns of an exchanged leave a station may change (cancelling it, correcting it).
const LEAVE_COLUMNS: [&str; 14] = [
    "uid",
    "member_id",
    "kind",
    "kind_label",
    "reason",
    "approver",
    "part",
    "from_time",
    "to_time",
    "entered",
    "cancelled_at",
    "cancel_reason",
    "operator",
    "created_at",
];

/// Applies a station's change to a leave: (column index, new value) pairs of the exchanged row.
pub(crate) fn update_leave(tx: &Tx<'_>, uid: &str, changes: &[(usize, Value)], operator: &str) -> Result<()> {
    let id: i64 = tx
        .query_row("SELECT id FROM leaves WHERE uid = ?1", [uid], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("请假记录", uid))?;
    let mut new = serde_json::Map::new();
    for (i, v) in changes {
        let Some(col) = LEAVE_COLUMNS.get(*i).filter(|c| **c != "uid") else { continue };
        tx.execute(&format!("UPDATE leaves SET {col} = ?2 WHERE id = ?1"), params![id, v])?;
        new.insert(col.to_string(), json_of(v));
    }
    tx.audit_as(operator, "leave", id, "update", None::<&()>, Some(&new))
}
