//! Reading the audit trail: who changed what, when, from what to what. Rows are written by
//! [`crate::db::Tx::audit`] in the same transaction as each change; nothing here writes.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

mod describe;
#[cfg(test)]
mod label_tests;
pub mod labels;

pub use describe::{date_text, time_text, AuditChange, AuditRecord};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub action: String,
    /// JSON text of the value before the change, if any.
    pub old_value: Option<String>,
    /// JSON text of the value after the change, if any.
    pub new_value: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AuditFilter {
    /// Only this kind of entity ('member', 'sitting', ...).
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub operator: Option<String>,
    /// Only entries older than this id (paging backwards).
    #[ts(type = "number | null")]
    pub before_id: Option<i64>,
    /// At most this many entries (default 200, at most 1000).
    pub limit: Option<u32>,
}

/// The newest entries first.
pub fn list(conn: &Connection, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let limit = f.limit.unwrap_or(200).clamp(1, 1000);
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, operator, entity, entity_id, action, old_value, new_value FROM audit_log
         WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_id = ?2)
           AND (?3 IS NULL OR operator = ?3) AND (?4 IS NULL OR id < ?4)
         ORDER BY id DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(params![f.entity, f.entity_id, f.operator, f.before_id, limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            action: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest entries first, described for the user: local times, Chinese labels, names.
pub fn list_described(conn: &Connection, f: &AuditFilter) -> Result<Vec<AuditRecord>> {
    let entries = list(conn, f)?;
    Ok(describe_all(conn, &entries))
}

/// Describes audit rows for the user.
pub fn describe_all(conn: &Connection, entries: &[AuditEntry]) -> Vec<AuditRecord> {
    let mut d = describe::Describer { conn, missing: Vec::new() };
    entries.iter().map(|e| d.describe(e)).collect()
}

/// The labels missing to describe these rows (empty when every code has its Chinese word).
pub fn missing_labels(conn: &Connection, entries: &[AuditEntry]) -> Vec<String> {
    let mut d = describe::Describer { conn, missing: Vec::new() };
    for e in entries {
        d.describe(e);
    }
    d.missing.sort();
    d.missing.dedup();
    d.missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::settings;

    #[test]
    fn lists_newest_first_and_filters() {
        let mut db = Db::open_in_memory().expect("db");
        settings::set_operator(&mut db, "甲").expect("op");
        settings::set(&mut db, "a", "1").expect("set");
        settings::set_operator(&mut db, "乙").expect("op");
        settings::set(&mut db, "a", "2").expect("set");
        let all = list(db.conn(), &AuditFilter::default()).expect("list");
        assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");
        let a = list(db.conn(), &AuditFilter { entity_id: Some("a".into()), ..Default::default() }).expect("list");
        assert_eq!(a.len(), 2, "two changes of setting a");
        assert_eq!(a[0].operator, "乙");
        assert_eq!(a[0].old_value.as_deref(), Some("\"1\""), "old value kept as JSON");
        assert_eq!(a[0].new_value.as_deref(), Some("\"2\""));
        let by = list(db.conn(), &AuditFilter { operator: Some("甲".into()), ..Default::default() }).expect("list");
        assert!(by.iter().all(|e| e.operator == "甲") && !by.is_empty(), "operator filter");
        let page = list(db.conn(), &AuditFilter { before_id: Some(a[0].id), limit: Some(1), ..Default::default() })
            .expect("page");
        assert_eq!(page.len(), 1);
        assert!(page[0].id < a[0].id, "paging goes backwards");
    }
}
