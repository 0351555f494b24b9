//! What a hand-back does to the committee file: the changeset applied with a conflict handler to a
//! scratch copy of the master's rows it names, then the domain's checks of what applied.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rusqlite::session::{ChangesetItem, ConflictAction, ConflictType, Session};
use rusqlite::types::Value;
use rusqlite::{hooks::Action, Connection, OptionalExtension};
use serde_json::json;

use super::changes::{as_int, as_text, bad_changeset, read_changes, station_value, text_of, values, Change, Op};
use super::exchange::{self, Filter, EVENTS, LEAVES, LEAVE_SITTINGS, REMARKS};
use super::types::*;
use crate::error::{Error, Result};
use crate::opinions::merged as op;

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
    let current = if matches!(kind, SeenKind::Data | SeenKind::Conflict) {
        values(item, n, ChangesetItem::conflict)
    } else {
        vec![]
    };
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
pub(super) struct Plan {
    pub(super) events: Vec<Vec<Value>>,
    pub(super) leaves: Vec<Vec<Value>>,
    pub(super) leave_updates: Vec<(String, Vec<(usize, Value)>)>,
    pub(super) leave_sittings: Vec<(String, i64)>,
    pub(super) remarks: Vec<Vec<Value>>,
    pub(super) remark_updates: Vec<(String, Vec<(usize, Value)>)>,
    pub(super) conflicts: Vec<NewConflict>,
    pub(super) already: u32,
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
            let when =
                left.map(|l| format!("（{}离任）", crate::attendance::stats::chinese_date(&l))).unwrap_or_default();
            return Ok(Some(mk(
                ConflictKind::MemberLeft,
                format!("{station}：{what}，但{name}在“{title}”当天已不在任{when}"),
            )));
        }
    }
    Ok(None)
}

fn remark_conflict(
    kind: ConflictKind,
    station: &str,
    c: &Change,
    master_text: Option<String>,
    why: &str,
) -> NewConflict {
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
pub(super) fn plan(conn: &Connection, station: &str, changes: &[Change], bytes: &[u8]) -> Result<Plan> {
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
                let master = as_text(s.current.get(6));
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
                let master = as_text(s.current.get(6));
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

fn table_word(t: &str) -> &'static str {
    match t {
        EVENTS => "考勤记录",
        LEAVES | LEAVE_SITTINGS => "请假记录",
        REMARKS => "发言意见",
        _ => "记录",
    }
}
