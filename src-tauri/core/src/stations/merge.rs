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

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::session::{ChangesetItem, ChangesetIter, ConflictAction, ConflictType, Session};
use rusqlite::types::Value;
use rusqlite::{fallible_streaming_iterator::FallibleStreamingIterator, hooks::Action, Connection, OptionalExtension};
use serde_json::json;

use super::container::{self, HANDBACK};
use super::exchange::{self, Filter, EVENTS, LEAVES, LEAVE_SITTINGS, REMARKS};
use super::package::master_identity;
use super::types::*;
use crate::attendance::merged as att;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::opinions::merged as op;

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

fn values(item: &ChangesetItem, n: usize, f: impl Fn(&ChangesetItem, usize) -> rusqlite::Result<rusqlite::types::ValueRef<'_>>) -> Vec<Option<Value>> {
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

fn bad_changeset(e: impl std::fmt::Display) -> Error {
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

/// The kinds of conflict the handler is told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeenKind {
    /// An insert of a key already there.
    Conflict,
    /// An update or delete whose old values differ from the row there.
    Data,
    /// An update or delete of a row not there.
    NotFound,
    Other,
}

/// What the conflict handler saw.
#[derive(Debug, Clone)]
struct Seen {
    kind: SeenKind,
    change: Change,
    /// The master's row (CONFLICT / DATA).
    current: Vec<Option<Value>>,
}

fn seen_item(kind: ConflictType, item: &ChangesetItem) -> Option<Seen> {
    let op = item.op().ok()?;
    let n = op.number_of_columns() as usize;
    let table = op.table_name().to_string();
    let code = op.code();
    let (opk, old, new) = match code {
        Action::SQLITE_INSERT => (Op::Insert, vec![], values(item, n, ChangesetItem::new_value)),
        Action::SQLITE_UPDATE => {
            (Op::Update, values(item, n, ChangesetItem::old_value), values(item, n, ChangesetItem::new_value))
        }
        _ => (Op::Delete, values(item, n, ChangesetItem::old_value), vec![]),
    };
    let kind = match kind {
        ConflictType::SQLITE_CHANGESET_CONFLICT => SeenKind::Conflict,
        ConflictType::SQLITE_CHANGESET_DATA => SeenKind::Data,
        ConflictType::SQLITE_CHANGESET_NOTFOUND => SeenKind::NotFound,
        _ => SeenKind::Other,
    };
    let current =
        if matches!(kind, SeenKind::Data | SeenKind::Conflict) { values(item, n, ChangesetItem::conflict) } else { vec![] };
    Some(Seen { kind, change: Change { table, op: opk, old, new }, current })
}

/// A conflict to store.
#[derive(Debug, Clone)]
pub(super) struct NewConflict {
    pub kind: ConflictKind,
    pub row_uid: String,
    pub description: String,
    pub station_value: String,
    pub master_value: Option<String>,
    pub station_text: String,
    pub master_text: Option<String>,
}

/// What a merge will write.
#[derive(Debug, Default)]
struct Plan {
    events: Vec<Vec<Value>>,
    leaves: Vec<Vec<Value>>,
    leave_updates: Vec<(String, Vec<(usize, Value)>)>,
    leave_sittings: Vec<(String, i64)>,
    remarks: Vec<Vec<Value>>,
    remark_updates: Vec<(String, Vec<(usize, Value)>)>,
    conflicts: Vec<NewConflict>,
    already: u32,
}

fn as_text(v: Option<&Option<Value>>) -> String {
    match v {
        Some(Some(Value::Text(s))) => s.clone(),
        Some(Some(Value::Integer(i))) => i.to_string(),
        _ => String::new(),
    }
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(*i),
        _ => None,
    }
}

/// The station's side of a conflict, stored so that it can be applied later.
fn station_value(c: &Change) -> String {
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

struct Names<'c> {
    conn: &'c Connection,
    members: HashMap<i64, (String, String, Option<String>)>,
    sittings: HashMap<i64, Option<(String, String, bool)>>,
}

impl<'c> Names<'c> {
    fn new(conn: &'c Connection) -> Self {
        Names { conn, members: HashMap::new(), sittings: HashMap::new() }
    }
    /// name, joined_on, left_on
    fn member(&mut self, id: i64) -> Result<(String, String, Option<String>)> {
        if let Some(m) = self.members.get(&id) {
            return Ok(m.clone());
        }
        let m = self
            .conn
            .query_row("SELECT name, joined_on, left_on FROM members WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .unwrap_or_else(|| (format!("委员#{id}"), String::new(), None));
        self.members.insert(id, m.clone());
        Ok(m)
    }
    /// title, date, closed
    fn sitting(&mut self, id: i64) -> Result<Option<(String, String, bool)>> {
        if let Some(s) = self.sittings.get(&id) {
            return Ok(s.clone());
        }
        let s = self
            .conn
            .query_row(
                "SELECT title, date, EXISTS (SELECT 1 FROM attendance_closures c WHERE c.sitting_id = s.id)
                   FROM sittings s WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        self.sittings.insert(id, s.clone());
        Ok(s)
    }
}

fn chinese_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y年%-m月%-d日 %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn event_person(names: &mut Names<'_>, row: &[Value]) -> Result<String> {
    Ok(match row.get(2).and_then(as_int) {
        Some(m) => names.member(m)?.0,
        None => "列席人员".to_string(),
    })
}

fn kind_word(kind: &str) -> &'static str {
    match kind {
        "check_in" => "签到",
        "leave_early" => "离场",
        "return" => "返回",
        _ => "撤销",
    }
}

/// The domain's check of one station event: None when it may go in.
fn event_conflict(names: &mut Names<'_>, station: &str, c: &Change) -> Result<Option<NewConflict>> {
    let row = c.row();
    let Some(sitting) = row.get(1).and_then(as_int) else { return Ok(None) };
    let who = event_person(names, &row)?;
    let kind = as_text(c.new.get(4));
    let at = chinese_time(&as_text(c.new.get(5)));
    let what = format!("{who} {}（{at}）", kind_word(&kind));
    let mk = |k: ConflictKind, description: String| NewConflict {
        kind: k,
        row_uid: c.uid(),
        description,
        station_value: station_value(c),
        master_value: None,
        station_text: what.clone(),
        master_text: None,
    };
    let Some((title, date, closed)) = names.sitting(sitting)? else {
        return Ok(Some(mk(ConflictKind::Other, format!("{station}：{what}，但委员会文件中已没有这个场次"))));
    };
    if closed {
        return Ok(Some(mk(
            ConflictKind::SittingClosed,
            format!("{station}：{what}，但“{title}”的考勤已在委员会文件中结束"),
        )));
    }
    if let Some(m) = row.get(2).and_then(as_int) {
        let (name, joined, left) = names.member(m)?;
        let in_office = joined.as_str() <= date.as_str() && left.as_deref().is_none_or(|l| l > date.as_str());
        if !in_office {
            let when = left.map(|l| format!("（{}离任）", crate::attendance::stats::chinese_date(&l))).unwrap_or_default();
            return Ok(Some(mk(
                ConflictKind::MemberLeft,
                format!("{station}：{what}，但{name}在“{title}”当天已不在任{when}"),
            )));
        }
    }
    Ok(None)
}

fn remark_conflict(kind: ConflictKind, station: &str, c: &Change, master_text: Option<String>, why: &str) -> NewConflict {
    let text = match c.op {
        Op::Insert | Op::Update => c.new.get(6).cloned().flatten().or_else(|| c.old.get(6).cloned().flatten()),
        Op::Delete => c.old.get(6).cloned().flatten(),
    };
    let station_text = match (&c.op, text) {
        (Op::Delete, Some(Value::Text(t))) => format!("（分站删除了这条发言）{t}"),
        (_, Some(Value::Text(t))) => t,
        _ => String::new(),
    };
    NewConflict {
        kind,
        row_uid: c.uid(),
        description: format!("{station}：{why}"),
        station_value: station_value(c),
        master_value: master_text.as_ref().map(|t| json!({ "text": t }).to_string()),
        station_text,
        master_text,
    }
}

/// Decides what the changeset does to the committee file, reading it through `conn` (inside the
/// merge's transaction, or outside for a dry run).
fn plan(conn: &Connection, station: &str, changes: &[Change], bytes: &[u8]) -> Result<Plan> {
    let uids: Vec<String> = changes.iter().map(Change::uid).collect::<HashSet<_>>().into_iter().collect();
    let mine = exchange::project(conn, &Filter::Uids(&uids))?;
    let x = exchange::scratch(false)?;
    exchange::load(&x, "main", &mine)?;
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::new(Mutex::new(Vec::new()));
    let mut applied = Vec::new();
    {
        let mut session = Session::new(&x)?;
        session.attach::<&str>(None)?;
        let sink = Arc::clone(&seen);
        let mut reader: &[u8] = bytes;
        x.apply_strm(&mut reader, None::<fn(&str) -> bool>, move |kind, item| {
            if let Some(s) = seen_item(kind, item) {
                if let Ok(mut v) = sink.lock() {
                    v.push(s);
                }
            }
            ConflictAction::SQLITE_CHANGESET_OMIT
        })
        .map_err(bad_changeset)?;
        session.changeset_strm(&mut applied)?;
    }
    let seen = seen.lock().map_err(|_| Error::internal("合并分站", "conflict list poisoned"))?.clone();
    let mut p = Plan::default();
    let mut names = Names::new(conn);
    // What the handler saw: rows already here, and changes made on both sides.
    for s in &seen {
        let c = &s.change;
        let same_as_new = c.new.iter().enumerate().all(|(i, v)| match v {
            None => true,
            Some(v) => s.current.get(i).cloned().flatten().as_ref() == Some(v),
        });
        match (s.kind, c.table.as_str()) {
            (SeenKind::Conflict, REMARKS) if !same_as_new => {
                // A remark the station added, merged before, then changed on both sides.
                let master = as_text(s.current.get(6).map(|v| v.clone()).as_ref());
                if Some(master.as_str()) == c.new.get(6).cloned().flatten().as_ref().and_then(text_of) {
                    p.already += 1;
                } else {
                    p.conflicts.push(remark_conflict(
                        ConflictKind::RemarkEdited,
                        station,
                        c,
                        Some(master),
                        "这条发言在分站和委员会文件中都修改过，内容不同",
                    ));
                }
            }
            (SeenKind::Conflict, _) => p.already += 1,
            (SeenKind::Data, _) if same_as_new => p.already += 1,
            (SeenKind::Data, REMARKS) => {
                let master = as_text(s.current.get(6).map(|v| v.clone()).as_ref());
                p.conflicts.push(remark_conflict(
                    ConflictKind::RemarkEdited,
                    station,
                    c,
                    Some(master),
                    "这条发言在分站和委员会文件中都修改过，内容不同",
                ));
            }
            (SeenKind::NotFound, REMARKS) => p.conflicts.push(remark_conflict(
                ConflictKind::RemarkMissing,
                station,
                c,
                None,
                "分站修改了这条发言，但委员会文件中已没有它",
            )),
            _ => p.conflicts.push(NewConflict {
                kind: ConflictKind::Other,
                row_uid: c.uid(),
                description: format!("{station}：一项记录与委员会文件不一致（{}），未应用", table_word(&c.table)),
                station_value: station_value(c),
                master_value: None,
                station_text: String::new(),
                master_text: None,
            }),
        }
    }
    // What applied: the domain's checks.
    let mut withheld: HashSet<String> = HashSet::new();
    let applied = read_changes(&applied)?;
    let mut undo_events = Vec::new();
    for c in &applied {
        match (c.table.as_str(), c.op) {
            (EVENTS, Op::Insert) => {
                if !as_text(c.new.get(6)).is_empty() {
                    undo_events.push(c);
                    continue;
                }
                match event_conflict(&mut names, station, c)? {
                    Some(k) => {
                        withheld.insert(c.uid());
                        p.conflicts.push(k);
                    }
                    None => p.events.push(c.row()),
                }
            }
            (LEAVES, Op::Insert) => p.leaves.push(c.row()),
            (LEAVES, Op::Update) => p.leave_updates.push((c.uid(), c.changes())),
            (LEAVE_SITTINGS, Op::Insert) => {
                if let Some(s) = c.new.get(1).cloned().flatten().as_ref().and_then(as_int) {
                    p.leave_sittings.push((c.uid(), s));
                }
            }
            (REMARKS, Op::Insert) => {
                let report = c.new.get(1).cloned().flatten().as_ref().and_then(as_int).unwrap_or(0);
                match op::report_closed(conn, report)? {
                    Some(why) => p.conflicts.push(remark_conflict(
                        ConflictKind::Other,
                        station,
                        c,
                        None,
                        &format!("分站记录了这条发言，但{why}"),
                    )),
                    None => p.remarks.push(c.row()),
                }
            }
            (REMARKS, Op::Update) => p.remark_updates.push((c.uid(), c.changes())),
            (REMARKS, Op::Delete) => p.conflicts.push(remark_conflict(
                ConflictKind::Other,
                station,
                c,
                None,
                "分站删除了这条发言；委员会文件不会自动删除发言，请决定是否保留",
            )),
            _ => p.conflicts.push(NewConflict {
                kind: ConflictKind::Other,
                row_uid: c.uid(),
                description: format!("{station}：分站删除或改动了{}，未自动应用", table_word(&c.table)),
                station_value: station_value(c),
                master_value: None,
                station_text: String::new(),
                master_text: None,
            }),
        }
    }
    // An undo follows the event it takes back.
    for c in undo_events {
        let target = as_text(c.new.get(6));
        if withheld.contains(&target) {
            let mut k = event_conflict(&mut names, station, c)?.unwrap_or(NewConflict {
                kind: ConflictKind::Other,
                row_uid: c.uid(),
                description: String::new(),
                station_value: station_value(c),
                master_value: None,
                station_text: String::new(),
                master_text: None,
            });
            k.description = format!("{station}：撤销一条未合并的考勤记录（随该记录一并处理）");
            p.conflicts.push(k);
        } else {
            p.events.push(c.row());
        }
    }
    Ok(p)
}

fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s) => Some(s.as_str()),
        _ => None,
    }
}

fn table_word(t: &str) -> &'static str {
    match t {
        EVENTS => "考勤记录",
        LEAVES | LEAVE_SITTINGS => "请假记录",
        REMARKS => "发言意见",
        _ => "记录",
    }
}

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
            format!(
                "这是“{}”的分站交回文件，不属于本委员会（{committee}），未作任何改动。",
                m.committee_name
            )
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
