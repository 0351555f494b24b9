//! An audit row as a clerk reads it: local time «2026年12月2日 10:08», what was changed named
//! in Chinese («委员 吴华», «协商意见反馈 《政府工作报告》第3条»), the action, and each changed
//! field as «字段：旧 → 新» with codes turned into their labels and ids into names.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::labels::{self, CodeKind, RefKind, Shown};
use super::AuditEntry;

/// One audit row, described.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditRecord {
    #[ts(type = "number")]
    pub id: i64,
    /// Local time, «2026年12月2日 10:08».
    pub when: String,
    pub operator: String,
    /// The kind of record as stored ('member', 'sitting', ...), for filtering.
    pub entity: String,
    /// What was changed, in words: «委员 吴华».
    pub subject: String,
    /// The action, in words: «修改».
    pub action: String,
    /// The fields that changed (all fields for a new record).
    pub changes: Vec<AuditChange>,
}

/// One field of an audit row: its label, and its value before and after («» when none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// An RFC 3339 time as local time, «2026年12月2日 10:08»; other text as it is.
pub fn time_text(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(&chrono::Local).format("%Y年%-m月%-d日 %H:%M").to_string(),
        Err(_) => match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S") {
            Ok(t) => t.format("%Y年%-m月%-d日 %H:%M").to_string(),
            Err(_) => at.to_string(),
        },
    }
}

/// «2021-01-19» → «2021年1月19日»; other text as it is.
pub fn date_text(d: &str) -> String {
    match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        Ok(d) => d.format("%Y年%-m月%-d日").to_string(),
        Err(_) => d.to_string(),
    }
}

fn month_text(m: &str) -> String {
    match m.split_once('-').map(|(y, mo)| (y.parse::<u32>(), mo.parse::<u32>())) {
        Some((Ok(y), Ok(mo))) => format!("{y}年{mo}月"),
        _ => m.to_string(),
    }
}

fn one<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str, id: i64) -> Option<T> {
    conn.query_row(sql, [id], |r| r.get(0)).optional().ok().flatten()
}

/// The name of the record `id` of `kind`, or «第N号» when it is gone.
fn ref_name(conn: &Connection, kind: RefKind, id: i64) -> String {
    let found: Option<String> = match kind {
        RefKind::Member => one(conn, "SELECT name FROM members WHERE id = ?1", id),
        RefKind::Invitee => one(conn, "SELECT name FROM invitees WHERE id = ?1", id),
        RefKind::Session => one(conn, "SELECT name FROM sessions WHERE id = ?1", id),
        RefKind::Meeting => one(conn, "SELECT title FROM meetings WHERE id = ?1", id),
        RefKind::Sitting => one(
            conn,
            "SELECT m.title || ' ' || s.title FROM sittings s JOIN meetings m ON m.id = s.meeting_id WHERE s.id = ?1",
            id,
        ),
        RefKind::Group => one(conn, "SELECT name FROM groups WHERE id = ?1", id),
        RefKind::Report => one(conn, "SELECT '《' || title || '》' FROM reports WHERE id = ?1", id),
        RefKind::Section => one(conn, "SELECT heading FROM report_sections WHERE id = ?1", id),
        RefKind::Opinion => one(
            conn,
            "SELECT '《' || r.title || '》第' || o.seq || '条' FROM opinions o JOIN reports r ON r.id = o.report_id
              WHERE o.id = ?1",
            id,
        ),
        RefKind::Remark => None,
    };
    found.unwrap_or_else(|| match kind {
        RefKind::Remark => format!("第{id}号"),
        _ => format!("第{id}号（已不存在）"),
    })
}

/// Describes audit rows, collecting the codes that have no label (for the completeness test).
pub(super) struct Describer<'a> {
    pub conn: &'a Connection,
    pub missing: Vec<String>,
}

impl Describer<'_> {
    fn value(&mut self, entity: &str, key: &str, shown: Shown, v: &Value) -> String {
        let text = |v: &Value| match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Bool(b) => (if *b { "是" } else { "否" }).to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string()))
                .collect::<Vec<_>>()
                .join("、"),
            Value::Object(_) => String::new(),
        };
        if v.is_null() {
            return String::new();
        }
        match shown {
            Shown::Text => {
                if v.is_object() {
                    self.missing.push(format!("{entity}.{key}: an object shown as text"));
                }
                text(v)
            }
            Shown::Date => v.as_str().map(date_text).unwrap_or_else(|| text(v)),
            Shown::Month => v.as_str().map(month_text).unwrap_or_else(|| text(v)),
            Shown::Stamp => v.as_str().map(time_text).unwrap_or_else(|| text(v)),
            Shown::Bool => match v {
                Value::Bool(true) => "是".into(),
                Value::Bool(false) => "否".into(),
                Value::Number(n) if n.as_i64() == Some(0) => "否".into(),
                Value::Number(_) => "是".into(),
                _ => text(v),
            },
            Shown::Code(kind) => self.code(entity, key, kind, v),
            Shown::Ref(kind) => match v.as_i64() {
                Some(id) => ref_name(self.conn, kind, id),
                None => text(v),
            },
            Shown::Count(unit) => match v {
                Value::Array(a) => format!("{} {unit}", a.len()),
                _ => text(v),
            },
            Shown::Members => match v {
                Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_i64().map(|id| ref_name(self.conn, RefKind::Member, id)).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("、"),
                _ => text(v),
            },
            Shown::Person => {
                let id = v.get("id").and_then(Value::as_i64).unwrap_or(0);
                match v.get("kind").and_then(Value::as_str) {
                    Some("invitee") => format!("列席人员 {}", ref_name(self.conn, RefKind::Invitee, id)),
                    _ => ref_name(self.conn, RefKind::Member, id),
                }
            }
            Shown::RoleChange => {
                let role = |s: Option<&Value>, me: &mut Self| match s {
                    Some(Value::String(c)) => me.code(entity, key, CodeKind::Role, &Value::String(c.clone())),
                    _ => String::new(),
                };
                let from = role(v.get("from"), self);
                let to = role(v.get("to"), self);
                if from.is_empty() && to.is_empty() {
                    String::new()
                } else {
                    format!("{} → {}", if from.is_empty() { "（无）" } else { &from }, to)
                }
            }
            Shown::Hidden => String::new(),
        }
    }

    fn code(&mut self, entity: &str, key: &str, kind: CodeKind, v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) if s.is_empty() => String::new(),
            Value::String(code) => match labels::value_label(kind, code) {
                Some(l) => l.to_string(),
                None => {
                    self.missing.push(format!("{entity}.{key} = {code}: no label"));
                    code.clone()
                }
            },
            other => other.to_string(),
        }
    }

    fn changes(&mut self, entity: &str, action: &str, old: Option<&Value>, new: Option<&Value>) -> Vec<AuditChange> {
        let empty = Map::new();
        let (oa, ob) = (old.and_then(Value::as_object), new.and_then(Value::as_object));
        if oa.is_some() || ob.is_some() {
            let (a, b) = (oa.unwrap_or(&empty), ob.unwrap_or(&empty));
            let mut keys: Vec<&String> = b.keys().collect();
            keys.extend(a.keys().filter(|k| !b.contains_key(*k)));
            keys.sort_by_key(|k| labels::field_rank(k));
            let creating = oa.is_none();
            let mut out = Vec::new();
            for k in keys {
                let (va, vb) = (a.get(k).unwrap_or(&Value::Null), b.get(k).unwrap_or(&Value::Null));
                // A new record lists what was filled in, not its empty or «否» fields.
                let blank = |v: &Value| matches!(v, Value::Null | Value::Bool(false)) || v.as_str() == Some("");
                if va == vb || (creating && blank(vb)) {
                    continue;
                }
                let Some((label, shown)) = labels::field(entity, k) else {
                    self.missing.push(format!("{entity}.{k}: no field label"));
                    out.push(AuditChange { field: k.clone(), old: va.to_string(), new: vb.to_string() });
                    continue;
                };
                if shown == Shown::Hidden {
                    continue;
                }
                let (o, n) = (self.value(entity, k, shown, va), self.value(entity, k, shown, vb));
                if o != n {
                    out.push(AuditChange { field: label.to_string(), old: o, new: n });
                }
            }
            return out;
        }
        if old.is_none() && new.is_none() {
            return Vec::new();
        }
        let (label, shown) = labels::plain_field(entity, action).unwrap_or_else(|| {
            self.missing.push(format!("{entity}/{action}: no label for its value"));
            ("内容", Shown::Text)
        });
        let o = old.map(|v| self.value(entity, action, shown, v)).unwrap_or_default();
        let n = new.map(|v| self.value(entity, action, shown, v)).unwrap_or_default();
        vec![AuditChange { field: label.to_string(), old: o, new: n }]
    }

    fn subject(&mut self, e: &AuditEntry, old: Option<&Value>, new: Option<&Value>) -> String {
        let label = labels::entity_label(&e.entity).unwrap_or_else(|| {
            self.missing.push(format!("entity {}: no label", e.entity));
            "记录"
        });
        let key = e.entity_id.clone().unwrap_or_default();
        let id = key.parse::<i64>().ok();
        let field = |name: &str| new.or(old).and_then(|v| v.get(name)).and_then(Value::as_i64);
        let name = match (e.entity.as_str(), id) {
            ("member", Some(id)) => Some(ref_name(self.conn, RefKind::Member, id)),
            ("invitee", Some(id)) => Some(ref_name(self.conn, RefKind::Invitee, id)),
            ("session", Some(id)) => Some(ref_name(self.conn, RefKind::Session, id)),
            ("meeting", Some(id)) => Some(ref_name(self.conn, RefKind::Meeting, id)),
            ("sitting", Some(id)) | ("attendance", Some(id)) => Some(ref_name(self.conn, RefKind::Sitting, id)),
            ("group", Some(id)) => Some(ref_name(self.conn, RefKind::Group, id)),
            ("sector", Some(id)) => one::<String>(self.conn, "SELECT name FROM sectors WHERE id = ?1", id),
            ("report", Some(id)) | ("opinion_list", Some(id)) => Some(ref_name(self.conn, RefKind::Report, id)),
            ("opinion", Some(id)) | ("opinion_feedback", Some(id)) => Some(ref_name(self.conn, RefKind::Opinion, id)),
            ("remark", Some(id)) => Some(ref_name(self.conn, RefKind::Remark, id)),
            ("leave", _) => field("member_id").map(|m| ref_name(self.conn, RefKind::Member, m)),
            ("attendance_event", _) => {
                new.or(old).and_then(|v| v.get("name")).and_then(Value::as_str).map(str::to_string)
            }
            ("minutes", Some(id)) => one::<String>(self.conn, "SELECT mark FROM minutes WHERE id = ?1", id),
            ("sqmy_item", Some(id)) => one::<String>(self.conn, "SELECT title FROM sqmy_items WHERE id = ?1", id),
            ("sqmy_outcome", Some(id)) => one::<String>(
                self.conn,
                "SELECT i.title FROM sqmy_outcomes o JOIN sqmy_items i ON i.id = o.item_id WHERE o.id = ?1",
                id,
            ),
            ("sqmy_issue", Some(id)) => {
                one::<String>(self.conn, "SELECT year || '年第' || number || '期' FROM sqmy_issues WHERE id = ?1", id)
            }
            ("bulletin", Some(id)) => {
                one::<String>(self.conn, "SELECT name || '第' || number || '期' FROM bulletins WHERE id = ?1", id)
            }
            ("committee", _) => one::<String>(self.conn, "SELECT name FROM committee WHERE id = ?1", 1),
            ("setting", _) => Some(labels::setting_label(&key).unwrap_or_else(|| {
                self.missing.push(format!("setting {key}: no label"));
                key.clone()
            })),
            ("attendance_rule", _) => {
                Some(labels::value_label(CodeKind::MeetingKind, &key).map(str::to_string).unwrap_or_else(|| {
                    if key != "default" {
                        self.missing.push(format!("attendance_rule {key}: no label"));
                    }
                    "默认".to_string()
                }))
            }
            ("roster", _) => Some(String::new()),
            ("snapshot", _) => Some(key.clone()),
            ("proposal", Some(id)) => one::<String>(self.conn, "SELECT title FROM proposals WHERE id = ?1", id),
            ("proposal_unit", Some(id)) => {
                one::<String>(self.conn, "SELECT name FROM proposal_units WHERE id = ?1", id)
            }
            _ => None,
        };
        match name {
            Some(n) if n.is_empty() => label.to_string(),
            Some(n) => format!("{label} {n}"),
            None if key.is_empty() => label.to_string(),
            None => format!("{label} 第{key}号"),
        }
    }

    pub fn describe(&mut self, e: &AuditEntry) -> AuditRecord {
        let parse =
            |t: &Option<String>| t.as_deref().map(|s| serde_json::from_str(s).unwrap_or(Value::String(s.into())));
        let (old, new) = (parse(&e.old_value), parse(&e.new_value));
        let action = match labels::action_label(&e.action) {
            Some(l) => l.to_string(),
            None if !e.action.chars().any(|c| c.is_ascii_alphabetic()) => e.action.clone(),
            None => {
                self.missing.push(format!("action {}: no label", e.action));
                e.action.clone()
            }
        };
        let subject = self.subject(e, old.as_ref(), new.as_ref());
        let changes = self.changes(&e.entity, &e.action, old.as_ref(), new.as_ref());
        AuditRecord {
            id: e.id,
            when: time_text(&e.at),
            operator: e.operator.clone(),
            entity: e.entity.clone(),
            subject,
            action,
            changes,
        }
    }
}
