//! What the master sees of its stations: the packages out, when each was merged, and the
//! conflicts a person decides.

use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::merge::{apply_stored, change_from_value};
use super::types::*;
use crate::db::{now, Db};
use crate::error::{Error, Result};

fn scope_text(conn: &Connection, scope: &str) -> Result<String> {
    let v: serde_json::Value = serde_json::from_str(scope).unwrap_or_default();
    let ids: Vec<i64> =
        v["sittings"].as_array().map(|a| a.iter().filter_map(|x| x.as_i64()).collect()).unwrap_or_default();
    let mut titles = Vec::new();
    for id in ids {
        let t: Option<String> =
            conn.query_row("SELECT title FROM sittings WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        titles.push(t.unwrap_or_else(|| "（已删除的场次）".into()));
    }
    Ok(titles.join("、"))
}

/// The packages this committee file cut, newest first.
pub fn stations(conn: &Connection) -> Result<Vec<StationPackage>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.kind, p.scope, p.exported_at, p.operator, p.last_merged_at, p.merges,
                (SELECT count(*) FROM station_conflicts c WHERE c.package_id = p.id AND c.decision IS NULL)
           FROM station_packages p ORDER BY p.id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, u32>(7)?,
                r.get::<_, u32>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, name, kind, scope, exported_at, operator, last, merges, pending)| {
            let kind = StationKind::parse(&kind).unwrap_or(StationKind::Desk);
            Ok(StationPackage {
                id,
                name,
                kind,
                kind_label: kind.label().to_string(),
                scope: scope_text(conn, &scope)?,
                exported_at,
                exported_by: operator,
                last_merged_at: last,
                merges,
                pending_conflicts: pending,
            })
        })
        .collect()
}

fn master_text(v: Option<String>) -> Option<String> {
    v.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v["text"].as_str().map(str::to_string))
}

/// The stored conflicts (only those still to decide with `pending_only`), oldest first.
pub fn conflicts(conn: &Connection, pending_only: bool) -> Result<Vec<StoredConflict>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, p.name, c.kind, c.description, c.station_value, c.master_value, c.created_at, c.decision,
                c.decided_by, c.decided_at
           FROM station_conflicts c JOIN station_packages p ON p.id = c.package_id {} ORDER BY c.id",
        if pending_only { "WHERE c.decision IS NULL" } else { "" }
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, station, kind, description, sv, mv, created_at, decision, by, at)| {
            let kind = ConflictKind::parse(&kind);
            StoredConflict {
                id,
                station_name: station,
                kind,
                kind_label: kind.label().to_string(),
                description,
                station_text: station_text(&sv),
                master_text: master_text(mv),
                created_at,
                decision,
                decided_by: by,
                decided_at: at,
            }
        })
        .collect())
}

/// What the station's side says, for a person: a remark's text, or the event described.
fn station_text(value: &str) -> String {
    let Some(c) = change_from_value(value) else { return String::new() };
    match c.table.as_str() {
        "x_remarks" => {
            let v = c.new.get(6).cloned().flatten().or_else(|| c.old.get(6).cloned().flatten());
            match v {
                Some(rusqlite::types::Value::Text(t)) => t,
                _ => String::new(),
            }
        }
        _ => String::new(),
    }
}

/// A person's decision on a conflict: take the station's version in, or keep the committee file
/// as it is. Either way the conflict stays on record with who decided and when.
pub fn resolve_conflict(db: &mut Db, id: i64, decision: ConflictDecision) -> Result<StoredConflict> {
    super::package::refuse_unless_master(db.conn(), "处理分站冲突")?;
    db.write(|tx| {
        let row: Option<(String, String, Option<String>, String)> = tx
            .query_row(
                "SELECT c.station_value, p.name, c.decision, c.kind FROM station_conflicts c
                   JOIN station_packages p ON p.id = c.package_id WHERE c.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (value, station, decided, kind) = row.ok_or_else(|| Error::not_found("分站冲突", id))?;
        if decided.is_some() {
            return Err(Error::Conflict(format!("第 {id} 项冲突已经处理过了")));
        }
        if decision == ConflictDecision::Apply {
            let change =
                change_from_value(&value).ok_or_else(|| Error::internal("处理分站冲突", "bad stored value"))?;
            apply_stored(tx, &change, tx.operator(), &station)?;
        }
        let word = match decision {
            ConflictDecision::Apply => "applied",
            ConflictDecision::Reject => "rejected",
        };
        tx.execute(
            "UPDATE station_conflicts SET decision = ?2, decided_at = ?3, decided_by = ?4 WHERE id = ?1",
            rusqlite::params![id, word, now(), tx.operator()],
        )?;
        tx.audit("station_conflict", id, word, None::<&()>, Some(&json!({ "kind": kind, "station": station })))
    })?;
    conflicts(db.conn(), false)?.into_iter().find(|c| c.id == id).ok_or_else(|| Error::not_found("分站冲突", id))
}
