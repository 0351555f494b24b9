//! Merging a station's hand-back into the committee file.
//!
//! 1. The file is checked whole before anything else: its kind, length and checksum (`container`),
//!    the committee it belongs to, and the master state it was cut from (the package must be one
//!    this file exported, and the audit row of that export must still be here: a file restored from
//!    an older backup has neither).
//! 2. The master's rows the changeset names are projected into a scratch database (`exchange`)
//!    and the changeset is applied there with a conflict handler: a row the master already has is
//!    «already present»; a remark the master changed since the package was cut is a conflict shown
//!    side by side; a session records what did apply.
//! 3. What applied passes the domain's checks (a closed sitting, a member no longer in office, a
//!    final list): what fails is stored as a conflict for a person to decide; the rest is written
//!    into the committee file. Steps 2–3 run inside one `Db::write`: all or nothing.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

pub(super) use super::changes::{change_from_value, count_changes};
use super::changes::{read_changes, Change, Op};
use super::container::{self, HANDBACK};
use super::exchange::{EVENTS, REMARKS};
use super::package::master_identity;
use super::plan::{plan, NewConflict, Plan};
use super::types::*;
use crate::attendance::merged as att;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::opinions::merged as op;

/// A hand-back read and checked against this committee file; its package row.
struct Checked {
    manifest: Manifest,
    payload: Vec<u8>,
    sha256: String,
    package_id: i64,
}

fn check(conn: &Connection, path: &Path) -> Result<Checked> {
    let opened = container::read(path, HANDBACK)?;
    let m = opened.manifest;
    let (file_uid, committee) = master_identity(conn)?;
    if m.master_uid != file_uid {
        return Err(Error::BadFile(if m.committee_name != committee {
            format!("这是“{}”的分站交回文件，不属于本委员会（{committee}），未作任何改动。", m.committee_name)
        } else {
            format!(
                "这份分站交回文件来自另一个委员会文件（名称同为“{committee}”，但不是这一个文件或它的备份），未作任何改动。请在导出该分站数据包的那台电脑的委员会文件上合并。"
            )
        }));
    }
    let unknown = || {
        Error::BadFile(format!(
            "“{}”的数据包是从委员会文件的另一个状态导出的，而本文件中没有这个状态（可能本文件已用较早的备份恢复）。为免数据错乱，未作任何改动。请用导出数据包时的委员会文件合并，或重新导出数据包。",
            m.station_name
        ))
    };
    let package: Option<(i64, i64)> = conn
        .query_row("SELECT id, audit_id FROM station_packages WHERE package_uid = ?1", [&m.package_uid], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (package_id, audit_id) = package.ok_or_else(unknown)?;
    let state: Option<String> = conn
        .query_row(
            "SELECT new_value FROM audit_log WHERE id = ?1 AND entity = 'station_package' AND action = 'export'",
            [m.master_state],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if audit_id != m.master_state || !state.is_some_and(|s| s.contains(&m.package_uid)) {
        return Err(unknown());
    }
    Ok(Checked { manifest: m, payload: opened.payload, sha256: opened.sha256, package_id })
}

fn known_conflict(conn: &Connection, k: &NewConflict) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM station_conflicts WHERE row_uid = ?1 AND station_value = ?2",
            [&k.row_uid, &k.station_value],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn report_of(m: &Manifest, p: &Plan, known: &[bool], dry_run: bool, counts: (u32, u32, u32)) -> MergeReport {
    MergeReport {
        station_name: m.station_name.clone(),
        station_operator: m.operator.clone(),
        dry_run,
        applied: counts.0 + counts.1 + counts.2,
        applied_events: counts.0,
        applied_leaves: counts.1,
        applied_remarks: counts.2,
        already_present: p.already + known.iter().filter(|k| **k).count() as u32,
        conflicts: p
            .conflicts
            .iter()
            .zip(known)
            .map(|(k, known)| MergeConflict {
                kind: k.kind,
                kind_label: k.kind.label().to_string(),
                description: k.description.clone(),
                station_text: k.station_text.clone(),
                master_text: k.master_text.clone(),
                known: *known,
            })
            .collect(),
    }
}

/// Writes the plan; returns the rows written per kind (events, leaves, remarks).
fn write_plan(tx: &Tx<'_>, p: &Plan, operator: &str, station: &str) -> Result<(u32, u32, u32)> {
    let (mut events, mut leaves, mut remarks) = (0, 0, 0);
    for row in &p.leaves {
        att::insert_leave(tx, row, operator, station)?;
        leaves += 1;
    }
    for (uid, changes) in &p.leave_updates {
        att::update_leave(tx, uid, changes, operator)?;
        leaves += 1;
    }
    for (uid, sitting) in &p.leave_sittings {
        att::add_leave_sitting(tx, uid, *sitting, operator)?;
    }
    for row in &p.events {
        let undoes_uid = match row.get(6) {
            Some(Value::Text(s)) => Some(s.clone()),
            _ => None,
        };
        let undoes = match &undoes_uid {
            None => None,
            Some(u) => match att::event_id(tx, u)? {
                // Taken back at the master too: the same outcome, nothing to add.
                Some(id) if att::is_undone(tx, id)? => continue,
                Some(id) => Some(id),
                None => continue,
            },
        };
        att::insert_event(tx, row, undoes, operator, station)?;
        events += 1;
    }
    for row in &p.remarks {
        op::insert_remark(tx, row, operator, station)?;
        remarks += 1;
    }
    for (uid, changes) in &p.remark_updates {
        op::update_remark(tx, uid, changes, operator, station)?;
        remarks += 1;
    }
    Ok((events, leaves, remarks))
}

/// Merges a station's hand-back file into the committee file (or, with `dry_run`, says what it
/// would do and writes nothing). A refused file changes nothing.
pub fn merge(db: &mut Db, path: &Path, dry_run: bool) -> Result<MergeReport> {
    let checked = check(db.conn(), path)?;
    let changes = read_changes(&checked.payload)?;
    let m = &checked.manifest;
    let station_operator = if m.operator.trim().is_empty() { m.station_name.clone() } else { m.operator.clone() };
    let audit_name = format!("{station_operator}（{}）", m.station_name);
    if dry_run {
        let p = plan(db.conn(), &m.station_name, &changes, &checked.payload)?;
        let known = p.conflicts.iter().map(|k| known_conflict(db.conn(), k)).collect::<Result<Vec<_>>>()?;
        let counts = (
            p.events.len() as u32,
            (p.leaves.len() + p.leave_updates.len()) as u32,
            (p.remarks.len() + p.remark_updates.len()) as u32,
        );
        return Ok(report_of(m, &p, &known, true, counts));
    }
    let package_id = checked.package_id;
    db.write(|tx| {
        let p = plan(tx, &m.station_name, &changes, &checked.payload)?;
        let counts = write_plan(tx, &p, &audit_name, &m.station_name)?;
        let mut known = Vec::new();
        for k in &p.conflicts {
            let was = known_conflict(tx, k)?;
            known.push(was);
            if was {
                continue;
            }
            tx.execute(
                "INSERT INTO station_conflicts (package_id, row_uid, kind, description, station_value, master_value, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    package_id,
                    k.row_uid,
                    k.kind.as_str(),
                    k.description,
                    k.station_value,
                    k.master_value,
                    now()
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.audit_as(
                &audit_name,
                "station_conflict",
                id,
                "create",
                None::<&()>,
                Some(&json!({ "kind": k.kind.as_str(), "description": k.description })),
            )?;
        }
        let report = report_of(m, &p, &known, false, counts);
        let new_conflicts = known.iter().filter(|k| !**k).count() as u32;
        tx.execute(
            "INSERT INTO station_merges (package_id, file_sha256, merged_at, operator, station_operator, applied, already, conflicts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                package_id,
                checked.sha256,
                now(),
                tx.operator(),
                station_operator,
                report.applied,
                report.already_present,
                new_conflicts
            ],
        )?;
        tx.execute(
            "UPDATE station_packages SET last_merged_at = ?2, merges = merges + 1 WHERE id = ?1",
            rusqlite::params![package_id, now()],
        )?;
        tx.audit(
            "station_package",
            package_id,
            "merge",
            None::<&()>,
            Some(&json!({ "station": m.station_name, "applied": report.applied, "already": report.already_present,
                          "conflicts": new_conflicts, "sha256": checked.sha256 })),
        )?;
        Ok(report)
    })
}

/// Applies a stored conflict's station side (a person decided so).
pub(super) fn apply_stored(tx: &Tx<'_>, change: &Change, operator: &str, station: &str) -> Result<()> {
    match (change.table.as_str(), change.op) {
        (EVENTS, Op::Insert) => {
            let row = change.row();
            let undoes = match row.get(6) {
                Some(Value::Text(u)) => att::event_id(tx, u)?,
                _ => None,
            };
            att::insert_event(tx, &row, undoes, operator, station)?;
        }
        (REMARKS, Op::Insert) => {
            if op::remark_text(tx, &change.uid())?.is_some() {
                op::update_remark(tx, &change.uid(), &change.changes(), operator, station)?;
            } else {
                op::insert_remark(tx, &change.row(), operator, station)?;
            }
        }
        (REMARKS, Op::Update) => {
            if op::remark_text(tx, &change.uid())?.is_some() {
                op::update_remark(tx, &change.uid(), &change.changes(), operator, station)?;
            } else {
                // Gone at the master: the station's version comes back as a new remark.
                let mut row: Vec<Value> = change.old.iter().map(|v| v.clone().unwrap_or(Value::Null)).collect();
                for (i, v) in change.changes() {
                    if let Some(slot) = row.get_mut(i) {
                        *slot = v;
                    }
                }
                op::insert_remark(tx, &row, operator, station)?;
            }
        }
        _ => {
            return Err(Error::Conflict(
                "这一项不能自动采用分站的版本；请在委员会文件中手工更正后选择“保留委员会文件”。".into(),
            ))
        }
    }
    Ok(())
}
