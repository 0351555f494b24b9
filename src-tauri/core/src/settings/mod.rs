//! Key–value settings of the committee file (operator name, thresholds, fonts, ...), audited.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::Db;
use crate::error::Result;

/// The name recorded in the audit trail for changes made in the window.
pub const OPERATOR: &str = "operator";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(db: &mut Db, key: &str, value: &str) -> Result<()> {
    set_shown(db, key, value, str::to_string)
}

/// [`set`] for a value the program reads (JSON): the audit trail records the old and new values
/// as `shown` puts them in words, so a clerk reading it sees «出席会议每场次加2分», not JSON.
pub fn set_shown(db: &mut Db, key: &str, value: &str, shown: impl Fn(&str) -> String) -> Result<()> {
    let old = get(db.conn(), key)?;
    if old.as_deref() == Some(value) {
        return Ok(());
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        let action = if old.is_some() { "update" } else { "create" };
        tx.audit("setting", key, action, old.as_deref().map(&shown).as_ref(), Some(&shown(value)))
    })
}

/// Saves the operator's name and uses it for the changes that follow.
pub fn set_operator(db: &mut Db, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::Error::invalid("操作员姓名", "不能为空"));
    }
    db.set_operator(name);
    set(db, OPERATOR, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_and_operator_is_used_for_the_audit() {
        let mut db = Db::open_in_memory().expect("db");
        assert_eq!(get(db.conn(), "x").expect("get"), None);
        set_operator(&mut db, " 王秘书 ").expect("operator");
        set(&mut db, "x", "1").expect("set");
        set(&mut db, "x", "2").expect("update");
        assert_eq!(get(db.conn(), "x").expect("get").as_deref(), Some("2"));
        let who: String = db
            .conn()
            .query_row("SELECT operator FROM audit_log WHERE entity_id = 'x' AND action = 'update'", [], |r| r.get(0))
            .expect("audit");
        assert_eq!(who, "王秘书", "changes after set_operator are audited under that name");
        assert!(set_operator(&mut db, "  ").is_err(), "an empty operator name is refused");
    }
}
