//! Roster imports as batches (导入记录), and undoing one (撤销导入).
//!
//! When an import is committed, [`Batch`] records which members it created and, for each member it
//! updated, the member's row before and after. Undoing the batch deletes the members it created —
//! the one case where a member row goes: they were never meant to be on the roster — and gives the
//! updated members their previous values back. It is refused, with a message that says why, once
//! records point at a created member (check-ins, leave, remarks, events…), once an updated member
//! was changed again after the import, or while a later import of the same members stands.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use ts_rs::TS;

use crate::db::dependents::{dependents, describe};
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

/// One committed roster import, as the list of imports shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportBatch {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    /// RFC 3339.
    pub imported_at: String,
    /// «2026年12月2日 10:08», local time.
    pub imported_label: String,
    pub operator: String,
    pub created: u32,
    pub updated: u32,
    /// Names of the members it created or updated, in file order (at most 8).
    pub sample_names: Vec<String>,
    pub undone_at: Option<String>,
    pub undone_label: Option<String>,
    pub undone_by: String,
    /// Why it cannot be undone now (None: it can, or it was undone already).
    pub blocked: Option<String>,
}

/// What undoing an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UndoOutcome {
    #[ts(type = "number")]
    pub batch_id: i64,
    pub file_name: String,
    /// Members the import had added, now removed.
    pub removed: u32,
    /// Members the import had updated, now back to their previous values.
    pub restored: u32,
}

/// «2026年12月2日 10:08» from an RFC 3339 instant, in local time; the text itself if unreadable.
pub fn local_time_label(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(&chrono::Local).format("%Y年%-m月%-d日 %H:%M").to_string(),
        Err(_) => at.to_string(),
    }
}

/// The member's row as JSON, column by column: what an update is undone to.
fn member_row(conn: &Connection, id: i64) -> Result<Map<String, Json>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM members WHERE id = ?1")?;
    let cols: Vec<String> = stmt.column_names().map(String::from).collect();
    let row = stmt
        .query_row([id], |r| {
            let mut m = Map::new();
            for (i, c) in cols.iter().enumerate() {
                let v = match r.get_ref(i)? {
                    ValueRef::Null => Json::Null,
                    ValueRef::Integer(n) => Json::from(n),
                    ValueRef::Real(x) => Json::from(x),
                    ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Json::from(b.to_vec()),
                };
                m.insert(c.clone(), v);
            }
            Ok(m)
        })
        .optional()?;
    row.ok_or_else(|| Error::not_found("委员", id))
}

fn max_id(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT COALESCE(max(id), 0) FROM {table}"), [], |r| r.get(0))?)
}

/// The import being committed: created inside the import's transaction, before its first write.
pub struct Batch {
    id: i64,
    max_sector: i64,
    max_group: i64,
}

impl Batch {
    pub fn begin(tx: &Tx<'_>, file_name: &str) -> Result<Batch> {
        let first_event = max_id(tx, "membership_events")?;
        tx.execute(
            "INSERT INTO import_batches (file_name, imported_at, operator, first_event_id, last_event_id)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![file_name, now(), tx.operator(), first_event],
        )?;
        Ok(Batch { id: tx.last_insert_rowid(), max_sector: max_id(tx, "sectors")?, max_group: max_id(tx, "groups")? })
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    /// Records a member the import added.
    pub fn created(&self, tx: &Tx<'_>, member_id: i64) -> Result<()> {
        tx.execute(
            "INSERT INTO import_batch_members (batch_id, member_id, action) VALUES (?1, ?2, 'create')",
            params![self.id, member_id],
        )?;
        Ok(())
    }

    /// Records a member about to be updated, with the row as it is before the update.
    pub fn updating(&self, tx: &Tx<'_>, member_id: i64) -> Result<()> {
        let before = Json::Object(member_row(tx, member_id)?).to_string();
        tx.execute(
            "INSERT OR IGNORE INTO import_batch_members (batch_id, member_id, action, before)
             VALUES (?1, ?2, 'update', ?3)",
            params![self.id, member_id, before],
        )?;
        Ok(())
    }

    /// Closes the record once every row is written: the rows as the import left them, the events,
    /// sectors and groups it created, and the counts.
    pub fn finish(self, tx: &Tx<'_>) -> Result<i64> {
        let ids: Vec<i64> = {
            let mut st = tx.prepare_cached("SELECT member_id FROM import_batch_members WHERE batch_id = ?1")?;
            let v = st.query_map([self.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        for id in ids {
            let after = Json::Object(member_row(tx, id)?).to_string();
            tx.execute(
                "UPDATE import_batch_members SET after = ?3 WHERE batch_id = ?1 AND member_id = ?2",
                params![self.id, id, after],
            )?;
        }
        let new_ids = |table: &str, above: i64| -> Result<String> {
            let mut st = tx.prepare(&format!("SELECT id FROM {table} WHERE id > ?1 ORDER BY id"))?;
            let v: Vec<i64> = st.query_map([above], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            Ok(Json::from(v).to_string())
        };
        tx.execute(
            "UPDATE import_batches SET last_event_id = ?2, new_sectors = ?3, new_groups = ?4,
                created = (SELECT count(*) FROM import_batch_members WHERE batch_id = ?1 AND action = 'create'),
                updated = (SELECT count(*) FROM import_batch_members WHERE batch_id = ?1 AND action = 'update')
             WHERE id = ?1",
            params![
                self.id,
                max_id(tx, "membership_events")?,
                new_ids("sectors", self.max_sector)?,
                new_ids("groups", self.max_group)?
            ],
        )?;
        Ok(self.id)
    }
}

struct Stored {
    id: i64,
    file_name: String,
    imported_at: String,
    operator: String,
    created: u32,
    updated: u32,
    first_event_id: i64,
    last_event_id: i64,
    new_sectors: String,
    new_groups: String,
    undone_at: Option<String>,
    undone_by: String,
}

const BATCH_COLS: &str = "id, file_name, imported_at, operator, created, updated, first_event_id, last_event_id,
    new_sectors, new_groups, undone_at, undone_by";

fn stored_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        file_name: r.get(1)?,
        imported_at: r.get(2)?,
        operator: r.get(3)?,
        created: r.get(4)?,
        updated: r.get(5)?,
        first_event_id: r.get(6)?,
        last_event_id: r.get(7)?,
        new_sectors: r.get(8)?,
        new_groups: r.get(9)?,
        undone_at: r.get(10)?,
        undone_by: r.get(11)?,
    })
}

struct BatchMember {
    member_id: i64,
    created: bool,
    before: Option<String>,
    after: String,
}

fn batch_members(conn: &Connection, batch_id: i64) -> Result<Vec<BatchMember>> {
    let mut st = conn.prepare_cached(
        "SELECT member_id, action = 'create', before, after FROM import_batch_members WHERE batch_id = ?1
         ORDER BY rowid",
    )?;
    let rows = st.query_map([batch_id], |r| {
        Ok(BatchMember { member_id: r.get(0)?, created: r.get(1)?, before: r.get(2)?, after: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn member_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .query_row("SELECT name FROM members WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| format!("（编号{id}）")))
}

fn names_of(conn: &Connection, ids: &[i64]) -> Result<String> {
    let mut v = Vec::new();
    for id in ids.iter().take(3) {
        v.push(member_name(conn, *id)?);
    }
    let more = if ids.len() > 3 { format!("等 {} 人", ids.len()) } else { String::new() };
    Ok(format!("{}{more}", v.join("、")))
}

/// Why batch `b` cannot be undone now; None when it can.
fn blocker(conn: &Connection, b: &Stored, members: &[BatchMember]) -> Result<Option<String>> {
    let head = format!("不能撤销{}导入的“{}”", local_time_label(&b.imported_at), b.file_name);
    if let Some(at) = &b.undone_at {
        return Ok(Some(format!("{head}：这次导入已于{}撤销。", local_time_label(at))));
    }
    // A later import that touched the same members, still standing.
    let later: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT b.id, b.file_name, b.imported_at FROM import_batches b
             JOIN import_batch_members bm ON bm.batch_id = b.id
             WHERE b.id > ?1 AND b.undone_at IS NULL
               AND bm.member_id IN (SELECT member_id FROM import_batch_members WHERE batch_id = ?1)
             ORDER BY b.id DESC LIMIT 1",
            [b.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((id, file, at)) = later {
        return Ok(Some(format!(
            "{head}：其后{}导入的“{file}”（导入记录 {id}）又改动了其中的委员，请先撤销那一次导入。",
            local_time_label(&at)
        )));
    }
    // Records that point at the members it created.
    let created: Vec<i64> = members.iter().filter(|m| m.created).map(|m| m.member_id).collect();
    let mut deps = dependents(conn, "members", &created, &["membership_events"])?;
    let mut held: Vec<i64> = Vec::new();
    for id in &created {
        if held.len() >= 4 {
            break;
        }
        if !dependents(conn, "members", &[*id], &["membership_events"])?.is_empty() {
            held.push(*id);
        }
    }
    // Events recorded outside the import (a resignation, a role change) count as records too.
    let all: Vec<i64> = members.iter().map(|m| m.member_id).collect();
    let mut event_holders = Vec::new();
    let mut events = 0u32;
    for id in &all {
        // A created member's events are all the import's own; an updated member had events before.
        let counted: u32 = conn.query_row(
            "SELECT count(*) FROM membership_events WHERE member_id = ?1 AND (id > ?3 OR (?4 AND id <= ?2))",
            params![id, b.first_event_id, b.last_event_id, created.contains(id)],
            |r| r.get(0),
        )?;
        if counted > 0 {
            events += counted;
            event_holders.push(*id);
        }
    }
    if events > 0 {
        deps.push(crate::db::dependents::Dependent {
            table: "membership_events".into(),
            column: "member_id".into(),
            count: events,
        });
        for id in event_holders {
            if !held.contains(&id) {
                held.push(id);
            }
        }
    }
    if !deps.is_empty() {
        return Ok(Some(format!(
            "{head}：这次导入的委员已有{}（涉及{}）。这些记录须先撤销或删除；委员信息有误可在委员页面直接修改。",
            describe(&deps),
            names_of(conn, &held)?
        )));
    }
    // Members it updated, changed again since.
    let mut changed = Vec::new();
    for m in members.iter().filter(|m| !m.created) {
        let now_row = Json::Object(member_row(conn, m.member_id)?);
        let after: Json = serde_json::from_str(&m.after).unwrap_or(Json::Null);
        if now_row != after {
            changed.push(m.member_id);
        }
    }
    if !changed.is_empty() {
        return Ok(Some(format!(
            "{head}：委员{}的信息在导入之后又有修改，撤销会覆盖这些修改。请在委员页面手工改正。",
            names_of(conn, &changed)?
        )));
    }
    Ok(None)
}

fn get_stored(conn: &Connection, id: i64) -> Result<Stored> {
    conn.query_row(&format!("SELECT {BATCH_COLS} FROM import_batches WHERE id = ?1"), [id], stored_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("导入记录", id))
}

fn to_batch(conn: &Connection, b: Stored) -> Result<ImportBatch> {
    let members = batch_members(conn, b.id)?;
    let blocked = if b.undone_at.is_some() { None } else { blocker(conn, &b, &members)? };
    let mut sample_names = Vec::new();
    for m in members.iter().take(8) {
        sample_names.push(member_name(conn, m.member_id)?);
    }
    Ok(ImportBatch {
        id: b.id,
        imported_label: local_time_label(&b.imported_at),
        undone_label: b.undone_at.as_deref().map(local_time_label),
        file_name: b.file_name,
        imported_at: b.imported_at,
        operator: b.operator,
        created: b.created,
        updated: b.updated,
        sample_names,
        undone_at: b.undone_at,
        undone_by: b.undone_by,
        blocked,
    })
}

/// Every recorded import, newest first.
pub fn list_imports(conn: &Connection) -> Result<Vec<ImportBatch>> {
    let mut st = conn.prepare_cached(&format!("SELECT {BATCH_COLS} FROM import_batches ORDER BY id DESC"))?;
    let rows: Vec<Stored> = st.query_map([], stored_from_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|b| to_batch(conn, b)).collect()
}

pub fn get_import(conn: &Connection, id: i64) -> Result<ImportBatch> {
    to_batch(conn, get_stored(conn, id)?)
}

/// Puts the values of a stored row back, column by column (only the columns the table still has).
fn restore_row(tx: &Tx<'_>, id: i64, before: &str) -> Result<()> {
    let row: Map<String, Json> = serde_json::from_str(before)
        .map_err(|e| Error::Conflict(format!("导入记录中委员（编号{id}）原来的信息无法读取：{e}")))?;
    let current = member_row(tx, id)?;
    let mut sets = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for (col, v) in &row {
        if col == "id" || !current.contains_key(col) {
            continue;
        }
        values.push(match v {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Integer(i64::from(*b)),
            Json::Number(n) => n.as_i64().map_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0)), Value::Integer),
            Json::String(s) => Value::Text(s.clone()),
            other => Value::Text(other.to_string()),
        });
        sets.push(format!("\"{col}\" = ?{}", values.len()));
    }
    values.push(Value::Integer(id));
    let sql = format!("UPDATE members SET {} WHERE id = ?{}", sets.join(", "), values.len());
    tx.execute(&sql, rusqlite::params_from_iter(values))?;
    if let Some(Json::String(joined)) = row.get("joined_on") {
        tx.execute(
            "UPDATE membership_events SET effective_on = ?2 WHERE member_id = ?1 AND kind = 'joined'",
            params![id, joined],
        )?;
    }
    Ok(())
}

/// Undoes import `id` as one batch: the members it added are removed, the members it updated get
/// their previous values back, sectors and groups it created and nobody uses any more go too.
/// Refused, with the reason, when records point at its members (see [`ImportBatch::blocked`]).
pub fn undo_import(db: &mut Db, id: i64) -> Result<UndoOutcome> {
    db.write(|tx| {
        let b = get_stored(tx, id)?;
        let members = batch_members(tx, id)?;
        if let Some(why) = blocker(tx, &b, &members)? {
            return Err(Error::Conflict(why));
        }
        let (mut removed, mut restored) = (0, 0);
        for m in &members {
            let old = super::get(tx, m.member_id)?;
            tx.execute(
                "DELETE FROM membership_events WHERE member_id = ?1 AND id > ?2 AND id <= ?3",
                params![m.member_id, b.first_event_id, b.last_event_id],
            )?;
            if m.created {
                tx.execute("DELETE FROM membership_events WHERE member_id = ?1", [m.member_id])?;
                tx.execute("DELETE FROM members WHERE id = ?1", [m.member_id])?;
                tx.audit("member", m.member_id, "import_undo", Some(&old), None::<&str>)?;
                removed += 1;
            } else if let Some(before) = &m.before {
                restore_row(tx, m.member_id, before)?;
                let new = super::get(tx, m.member_id)?;
                tx.audit("member", m.member_id, "import_undo", Some(&old), Some(&new))?;
                restored += 1;
            }
        }
        // Sectors and groups the import brought in, if nothing uses them now.
        for (table, list) in [("sectors", &b.new_sectors), ("groups", &b.new_groups)] {
            let ids: Vec<i64> = serde_json::from_str(list).unwrap_or_default();
            for sid in ids {
                if dependents(tx, table, &[sid], &[])?.is_empty() {
                    tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [sid])?;
                    tx.audit(table.trim_end_matches('s'), sid, "import_undo", None::<&str>, None::<&str>)?;
                }
            }
        }
        let at = now();
        tx.execute(
            "UPDATE import_batches SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
            params![id, at, tx.operator()],
        )?;
        let summary = serde_json::json!({ "file": b.file_name, "removed": removed, "restored": restored });
        tx.audit("import", id, "undo", None::<&str>, Some(&summary))?;
        Ok(UndoOutcome { batch_id: id, file_name: b.file_name.clone(), removed, restored })
    })
}
