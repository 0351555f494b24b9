//! The exchanged rows in the form the changesets carry them: keyed by `uid`, every reference to
//! another exchanged row by its uid (an undo names the event it undoes), references to what the
//! package carried (sittings, members, reports) by the master's ids, which the station keeps.
//!
//! Both sides project their rows into an in-memory database of this schema: the station its rows
//! now and as the package held them (the session extension diffs the two), the master the rows
//! a hand-back names (the changeset is applied to them with a conflict handler).

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::error::{Error, Result};

pub const EVENTS: &str = "x_events";
pub const LEAVES: &str = "x_leaves";
pub const LEAVE_SITTINGS: &str = "x_leave_sittings";
pub const REMARKS: &str = "x_remarks";
pub const TABLES: [&str; 4] = [EVENTS, LEAVES, LEAVE_SITTINGS, REMARKS];

pub const SCHEMA: &str = "
CREATE TABLE x_events (uid TEXT PRIMARY KEY, sitting_id INTEGER, member_id INTEGER, invitee_id INTEGER,
    kind TEXT, at TEXT, undoes_uid TEXT, source TEXT, note TEXT, operator TEXT, created_at TEXT);
CREATE TABLE x_leaves (uid TEXT PRIMARY KEY, member_id INTEGER, kind TEXT, kind_label TEXT, reason TEXT,
    approver TEXT, part INTEGER, from_time TEXT, to_time TEXT, entered TEXT, cancelled_at TEXT,
    cancel_reason TEXT, operator TEXT, created_at TEXT);
CREATE TABLE x_leave_sittings (leave_uid TEXT, sitting_id INTEGER, PRIMARY KEY (leave_uid, sitting_id));
CREATE TABLE x_remarks (uid TEXT PRIMARY KEY, report_id INTEGER, section_id INTEGER, sitting_id INTEGER,
    speaker_id INTEGER, group_id INTEGER, text TEXT, set_aside_reason TEXT, set_aside_at TEXT,
    created_at TEXT, updated_at TEXT);";

/// How each exchanged table is read from a committee or station file; `{w}` is the filter.
fn source_sql(table: &str) -> &'static str {
    match table {
        EVENTS => {
            "SELECT e.uid, e.sitting_id, e.member_id, e.invitee_id, e.kind, e.at, u.uid, e.source, e.note,
                    e.operator, e.created_at
               FROM attendance_events e LEFT JOIN attendance_events u ON u.id = e.undoes WHERE {w}"
        }
        LEAVES => {
            "SELECT e.uid, e.member_id, e.kind, e.kind_label, e.reason, e.approver, e.part, e.from_time, e.to_time,
                    e.entered, e.cancelled_at, e.cancel_reason, e.operator, e.created_at FROM leaves e WHERE {w}"
        }
        LEAVE_SITTINGS => {
            "SELECT e.uid, ls.sitting_id FROM leave_sittings ls JOIN leaves e ON e.id = ls.leave_id WHERE {w}"
        }
        _ => {
            "SELECT e.uid, e.report_id, e.section_id, e.sitting_id, e.speaker_id, e.group_id, e.text,
                    e.set_aside_reason, e.set_aside_at, e.created_at, e.updated_at FROM remarks e WHERE {w}"
        }
    }
}

/// Rows of the exchanged tables.
pub type Rows = BTreeMap<String, Vec<Vec<Value>>>;

/// Which rows to project.
pub enum Filter<'a> {
    All,
    /// Rows of these sittings (what a package carries).
    Sittings(&'a [i64]),
    /// Rows with these uids (what a hand-back names).
    Uids(&'a [String]),
}

pub fn project(conn: &Connection, filter: &Filter<'_>) -> Result<Rows> {
    let mut out = Rows::new();
    for table in TABLES {
        let (w, arg) = match filter {
            Filter::All => ("1".to_string(), None),
            Filter::Sittings(s) => {
                let w = match table {
                    LEAVES => "e.id IN (SELECT leave_id FROM leave_sittings WHERE sitting_id IN (SELECT value FROM json_each(?1)))",
                    LEAVE_SITTINGS => "ls.sitting_id IN (SELECT value FROM json_each(?1))",
                    _ => "e.sitting_id IN (SELECT value FROM json_each(?1))",
                };
                (w.to_string(), Some(serde_json::to_string(s).map_err(|e| Error::internal("分站", e))?))
            }
            Filter::Uids(u) => (
                "e.uid IN (SELECT value FROM json_each(?1))".to_string(),
                Some(serde_json::to_string(u).map_err(|e| Error::internal("分站", e))?),
            ),
        };
        let sql = source_sql(table).replace("{w}", &w);
        let mut stmt = conn.prepare(&sql)?;
        let n = stmt.column_count();
        let params: Vec<String> = arg.into_iter().collect();
        let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
            (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<Value>>>()
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        out.insert(table.to_string(), rows);
    }
    Ok(out)
}

/// A private in-memory database with the exchange schema in `main` (and in `base` when asked).
pub fn scratch(with_base: bool) -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    if with_base {
        conn.execute_batch("ATTACH DATABASE ':memory:' AS base")?;
        conn.execute_batch(&SCHEMA.replace("CREATE TABLE x_", "CREATE TABLE base.x_"))?;
    }
    Ok(conn)
}

pub fn load(conn: &Connection, schema: &str, rows: &Rows) -> Result<()> {
    conn.execute_batch("BEGIN")?;
    for (table, rows) in rows {
        let Some(first) = rows.first() else { continue };
        let marks = vec!["?"; first.len()].join(", ");
        let mut stmt = conn.prepare(&format!("INSERT INTO {schema}.{table} VALUES ({marks})"))?;
        for row in rows {
            stmt.execute(params_from_iter(row.iter()))?;
        }
    }
    conn.execute_batch("COMMIT")?;
    Ok(())
}

pub fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(f) => (*f).into(),
        Value::Text(s) => s.clone().into(),
        Value::Blob(b) => super::container::hex(b).into(),
    }
}

pub fn from_json(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        other => Value::Text(other.to_string()),
    }
}

pub fn rows_to_json(rows: &Rows) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = rows
        .iter()
        .map(|(t, rs)| {
            (t.clone(), serde_json::Value::Array(rs.iter().map(|r| r.iter().map(to_json).collect()).collect()))
        })
        .collect();
    serde_json::Value::Object(map)
}

pub fn rows_from_json(v: &serde_json::Value) -> Rows {
    let mut out = Rows::new();
    if let Some(map) = v.as_object() {
        for (t, rs) in map {
            let rows = rs
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|r| r.as_array().map(|c| c.iter().map(from_json).collect()).unwrap_or_default())
                        .collect()
                })
                .unwrap_or_default();
            out.insert(t.clone(), rows);
        }
    }
    out
}
