//! Remarks recorded or corrected at a group recorder's station (分站), written into the committee
//! file by the stations merge inside its transaction, audited under the station's operator.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::attendance::merged::json_of;
use crate::db::Tx;
use crate::error::{Error, Result};

/// The exchanged remark's columns, in order.
pub(crate) const REMARK_COLUMNS: [&str; 11] = [
    "uid",
    "report_id",
    "section_id",
    "sitting_id",
    "speaker_id",
    "group_id",
    "text",
    "set_aside_reason",
    "set_aside_at",
    "created_at",
    "updated_at",
];

/// The current text of a remark by uid, when it is in the file.
pub(crate) fn remark_text(tx: &rusqlite::Connection, uid: &str) -> Result<Option<String>> {
    Ok(tx.query_row("SELECT text FROM remarks WHERE uid = ?1", [uid], |r| r.get(0)).optional()?)
}

/// Why a remark cannot go into its report now (the report's list is final), if it cannot.
pub(crate) fn report_closed(conn: &rusqlite::Connection, report_id: i64) -> Result<Option<String>> {
    let row: Option<(String, Option<String>)> = conn
        .query_row("SELECT title, finalised_at FROM reports WHERE id = ?1", [report_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match row {
        None => Some("委员会文件中已没有这份报告".to_string()),
        Some((title, Some(_))) => Some(format!("《{title}》的协商意见清单已定稿")),
        Some((_, None)) => None,
    })
}

/// Inserts one exchanged remark (see [`REMARK_COLUMNS`]).
pub(crate) fn insert_remark(tx: &Tx<'_>, row: &[Value], operator: &str, station: &str) -> Result<i64> {
    let get = |i: usize| row.get(i).cloned().unwrap_or(Value::Null);
    tx.prepare_cached(
        "INSERT INTO remarks (uid, report_id, section_id, sitting_id, speaker_id, group_id, text, set_aside_reason,
                              set_aside_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![get(0), get(1), get(2), get(3), get(4), get(5), get(6), get(7), get(8), get(9), get(10)])?;
    let id = tx.last_insert_rowid();
    tx.audit_as(
        operator,
        "remark",
        id,
        "create",
        None::<&()>,
        Some(&json!({ "report_id": json_of(&get(1)), "sitting_id": json_of(&get(3)), "speaker_id": json_of(&get(4)),
                      "group_id": json_of(&get(5)), "text": json_of(&get(6)), "uid": json_of(&get(0)),
                      "station": station })),
    )?;
    Ok(id)
}

/// Applies a station's correction of a remark: (column index, new value) pairs.
pub(crate) fn update_remark(
    tx: &Tx<'_>,
    uid: &str,
    changes: &[(usize, Value)],
    operator: &str,
    station: &str,
) -> Result<()> {
    let (id, old_text): (i64, String) = tx
        .query_row("SELECT id, text FROM remarks WHERE uid = ?1", [uid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("发言意见", uid))?;
    let mut new = serde_json::Map::new();
    for (i, v) in changes {
        let Some(col) = REMARK_COLUMNS.get(*i).filter(|c| !matches!(**c, "uid" | "report_id" | "created_at")) else {
            continue;
        };
        tx.execute(&format!("UPDATE remarks SET {col} = ?2 WHERE id = ?1"), params![id, v])?;
        new.insert(col.to_string(), json_of(v));
    }
    new.insert("station".into(), station.into());
    tx.audit_as(operator, "remark", id, "update", Some(&json!({ "text": old_text })), Some(&new))
}
