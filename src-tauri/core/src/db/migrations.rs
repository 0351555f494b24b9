//! Numbered schema migrations, tracked in `PRAGMA user_version`. Add a change only as a new file
//! `migrations/NNNN_name.sql` and a new line at the end of [`MIGRATIONS`]; never edit a landed one.

use rusqlite::Connection;

use crate::error::{Error, Result};

pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

pub static MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "init", sql: include_str!("migrations/0001_init.sql") },
    Migration { version: 2, name: "roster_meetings", sql: include_str!("migrations/0002_roster_meetings.sql") },
    Migration { version: 3, name: "opinions", sql: include_str!("migrations/0003_opinions.sql") },
    Migration { version: 4, name: "attendance", sql: include_str!("migrations/0004_attendance.sql") },
    Migration { version: 5, name: "documents", sql: include_str!("migrations/0005_documents.sql") },
    Migration { version: 6, name: "application_id", sql: include_str!("migrations/0006_application_id.sql") },
    Migration { version: 7, name: "import_batches", sql: include_str!("migrations/0007_import_batches.sql") },
    Migration { version: 8, name: "proposals", sql: include_str!("migrations/0008_proposals.sql") },
    Migration { version: 9, name: "bulletins", sql: include_str!("migrations/0009_bulletins.sql") },
    Migration { version: 10, name: "sqmy", sql: include_str!("migrations/0010_sqmy.sql") },
    Migration { version: 11, name: "stations", sql: include_str!("migrations/0011_stations.sql") },
    Migration { version: 12, name: "year", sql: include_str!("migrations/0012_year.sql") },
    Migration { version: 13, name: "item_feedback_date", sql: include_str!("migrations/0013_item_feedback_date.sql") },
    Migration {
        version: 14,
        name: "proposal_list_indexes",
        sql: include_str!("migrations/0014_proposal_list_indexes.sql"),
    },
];

/// Applies every migration newer than the file's `user_version`, all in one transaction: if any
/// step fails, the file is left exactly as it was.
pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    apply_list(conn, MIGRATIONS)
}

pub(super) fn apply_list(conn: &mut Connection, list: &[Migration]) -> Result<()> {
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let pending: Vec<&Migration> = list.iter().filter(|m| m.version > current).collect();
    if pending.is_empty() {
        return Ok(());
    }
    // Foreign-key enforcement cannot change inside a transaction; table rebuilds need it off.
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let result = (|| {
        let tx = conn.transaction()?;
        for m in &pending {
            tx.execute_batch(m.sql).map_err(|e| Error::Migration {
                version: m.version,
                name: m.name,
                detail: e.to_string(),
            })?;
            tx.pragma_update(None, "user_version", m.version)?;
        }
        // The mark that tells a Huiwu file from any other SQLite file (db/identity.rs).
        tx.pragma_update(None, "application_id", super::APPLICATION_ID)?;
        let violations: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if violations > 0 {
            let last = pending.last().map_or((0, ""), |m| (m.version, m.name));
            return Err(Error::Migration {
                version: last.0,
                name: last.1,
                detail: format!("{violations} 条外键引用失效"),
            });
        }
        tx.commit()?;
        Ok(())
    })();
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    result
}
