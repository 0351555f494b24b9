//! The handling units (承办单位) the secretariat maintains. A unit is never deleted (its
//! proposals point at it); one no longer in use is set inactive and left out of new assignments.

use rusqlite::{params, Connection, OptionalExtension};

use super::types::ProposalUnit;
use crate::db::{now, Db};
use crate::error::{Error, Result};

pub fn list_units(conn: &Connection, include_inactive: bool) -> Result<Vec<ProposalUnit>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, active, sort_order FROM proposal_units
          WHERE active = 1 OR ?1 ORDER BY sort_order, id",
    )?;
    let rows = stmt
        .query_map([include_inactive], |r| {
            Ok(ProposalUnit { id: r.get(0)?, name: r.get(1)?, active: r.get(2)?, sort_order: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get_unit(conn: &Connection, id: i64) -> Result<ProposalUnit> {
    conn.query_row("SELECT id, name, active, sort_order FROM proposal_units WHERE id = ?1", [id], |r| {
        Ok(ProposalUnit { id: r.get(0)?, name: r.get(1)?, active: r.get(2)?, sort_order: r.get(3)? })
    })
    .optional()?
    .ok_or_else(|| Error::not_found("承办单位", id))
}

/// A unit by its exact name or its number (for the CLI and imports).
pub fn find_unit(conn: &Connection, key: &str) -> Result<ProposalUnit> {
    let key = crate::text::clean_line(key);
    let id: Option<i64> = conn
        .query_row("SELECT id FROM proposal_units WHERE name = ?1", [&key], |r| r.get(0))
        .optional()?
        .or_else(|| key.parse::<i64>().ok());
    match id {
        Some(id) => get_unit(conn, id).map_err(|_| Error::not_found("承办单位", &key)),
        None => Err(Error::not_found("承办单位", key)),
    }
}

/// A unit's name as typed or pasted: one line, without the spaces around it; never empty.
fn unit_name(typed: &str) -> Result<String> {
    let name = crate::text::clean_line(typed).trim().to_string();
    if name.is_empty() {
        return Err(Error::invalid("承办单位名称", "不能为空，请填写单位的全称"));
    }
    Ok(name)
}

/// Adds a handling unit at the end of the list.
pub fn add_unit(db: &mut Db, name: &str) -> Result<ProposalUnit> {
    let name = unit_name(name)?;
    let id = db.write(|tx| {
        let exists: Option<i64> =
            tx.query_row("SELECT id FROM proposal_units WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
        if exists.is_some() {
            return Err(Error::Conflict(format!("承办单位“{name}”已在名单中。")));
        }
        let order: i64 =
            tx.query_row("SELECT coalesce(max(sort_order), 0) + 1 FROM proposal_units", [], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO proposal_units (name, sort_order, created_at) VALUES (?1, ?2, ?3)",
            params![name, order, now()],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit("proposal_unit", id, "create", None::<&()>, Some(&serde_json::json!({ "name": name })))?;
        Ok(id)
    })?;
    get_unit(db.conn(), id)
}

/// Renames a unit or sets it in / out of use.
pub fn update_unit(db: &mut Db, id: i64, name: &str, active: bool) -> Result<ProposalUnit> {
    let old = get_unit(db.conn(), id)?;
    let name = unit_name(name)?;
    db.write(|tx| {
        let clash: Option<i64> = tx
            .query_row("SELECT id FROM proposal_units WHERE name = ?1 AND id <> ?2", params![name, id], |r| r.get(0))
            .optional()?;
        if clash.is_some() {
            return Err(Error::Conflict(format!("承办单位“{name}”已在名单中。")));
        }
        tx.execute("UPDATE proposal_units SET name = ?2, active = ?3 WHERE id = ?1", params![id, name, active])?;
        tx.audit(
            "proposal_unit",
            id,
            "update",
            Some(&old),
            Some(&serde_json::json!({ "name": name, "active": active })),
        )
    })?;
    get_unit(db.conn(), id)
}
