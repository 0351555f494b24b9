//! The changes of a changeset, read with SQLite's changeset iterator, and a change kept as JSON
//! (a stored conflict's station side).

use std::collections::BTreeMap;
use std::io::Read;

use rusqlite::session::{ChangesetItem, ChangesetIter};
use rusqlite::types::Value;
use rusqlite::{fallible_streaming_iterator::FallibleStreamingIterator, hooks::Action};
use serde_json::json;

use super::exchange::{self, EVENTS, LEAVES, REMARKS};
use crate::error::{Error, Result};

/// One change of a changeset: table, operation, old and new values (None = not given).
#[derive(Debug, Clone)]
pub(super) struct Change {
    pub table: String,
    pub op: Op,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Insert,
    Update,
    Delete,
}

impl Change {
    /// The primary key's first column (the uid; for leave sittings the leave's uid).
    pub fn uid(&self) -> String {
        let v = match self.op {
            Op::Insert => self.new.first(),
            _ => self.old.first(),
        };
        match v {
            Some(Some(Value::Text(s))) => s.clone(),
            _ => String::new(),
        }
    }
    /// The full row of an insert.
    pub fn row(&self) -> Vec<Value> {
        self.new.iter().map(|v| v.clone().unwrap_or(Value::Null)).collect()
    }
    /// The changed columns of an update.
    pub fn changes(&self) -> Vec<(usize, Value)> {
        self.new.iter().enumerate().filter_map(|(i, v)| v.clone().map(|v| (i, v))).collect()
    }
}

pub(super) fn values(
    item: &ChangesetItem,
    n: usize,
    f: impl Fn(&ChangesetItem, usize) -> rusqlite::Result<rusqlite::types::ValueRef<'_>>,
) -> Vec<Option<Value>> {
    (0..n).map(|i| f(item, i).ok().map(owned)).collect()
}

fn owned(v: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

pub(super) fn bad_changeset(e: impl std::fmt::Display) -> Error {
    Error::BadFile(format!("分站交回文件的记录部分无法读取（{e}），未作任何改动。"))
}

/// Reads every change of a changeset.
pub(super) fn read_changes(bytes: &[u8]) -> Result<Vec<Change>> {
    let mut reader: &[u8] = bytes;
    let input: &mut dyn Read = &mut reader;
    let mut it = ChangesetIter::start_strm(&input).map_err(bad_changeset)?;
    let mut out = Vec::new();
    while let Some(item) = it.next().map_err(bad_changeset)? {
        let op = item.op().map_err(bad_changeset)?;
        let n = op.number_of_columns() as usize;
        let (code, table) = (op.code(), op.table_name().to_string());
        let (kind, old, new) = match code {
            Action::SQLITE_INSERT => (Op::Insert, vec![], values(item, n, ChangesetItem::new_value)),
            Action::SQLITE_UPDATE => {
                (Op::Update, values(item, n, ChangesetItem::old_value), values(item, n, ChangesetItem::new_value))
            }
            Action::SQLITE_DELETE => (Op::Delete, values(item, n, ChangesetItem::old_value), vec![]),
            _ => return Err(bad_changeset("unknown operation")),
        };
        out.push(Change { table, op: kind, old, new });
    }
    Ok(out)
}

/// How many rows of each table a changeset adds or changes (leave sittings count with their leave).
pub(super) fn count_changes(bytes: &[u8]) -> Result<BTreeMap<&'static str, u32>> {
    let mut out = BTreeMap::new();
    for c in read_changes(bytes)? {
        let t = match c.table.as_str() {
            EVENTS => EVENTS,
            LEAVES => LEAVES,
            REMARKS => REMARKS,
            _ => continue,
        };
        *out.entry(t).or_insert(0) += 1;
    }
    Ok(out)
}

pub(super) fn as_text(v: Option<&Option<Value>>) -> String {
    match v {
        Some(Some(Value::Text(s))) => s.clone(),
        Some(Some(Value::Integer(i))) => i.to_string(),
        _ => String::new(),
    }
}

pub(super) fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(*i),
        _ => None,
    }
}

/// The station's side of a conflict, stored so that it can be applied later.
pub(super) fn station_value(c: &Change) -> String {
    let enc = |v: &[Option<Value>]| -> serde_json::Value {
        v.iter().map(|x| x.as_ref().map_or(serde_json::Value::Null, exchange::to_json)).collect()
    };
    let given = |v: &[Option<Value>]| -> serde_json::Value { v.iter().map(|x| x.is_some()).collect() };
    let op = match c.op {
        Op::Insert => "insert",
        Op::Update => "update",
        Op::Delete => "delete",
    };
    json!({ "table": c.table, "op": op, "old": enc(&c.old), "new": enc(&c.new), "given": given(&c.new) }).to_string()
}

pub(super) fn change_from_value(s: &str) -> Option<Change> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    let op = match v["op"].as_str()? {
        "insert" => Op::Insert,
        "update" => Op::Update,
        _ => Op::Delete,
    };
    let dec = |a: &serde_json::Value, given: Option<&serde_json::Value>| -> Vec<Option<Value>> {
        a.as_array()
            .map(|a| {
                a.iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let g = given.and_then(|g| g.get(i)).and_then(serde_json::Value::as_bool).unwrap_or(true);
                        g.then(|| exchange::from_json(x))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(Change {
        table: v["table"].as_str()?.to_string(),
        op,
        old: dec(&v["old"], None),
        new: dec(&v["new"], Some(&v["given"])),
    })
}

pub(super) fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s) => Some(s.as_str()),
        _ => None,
    }
}
