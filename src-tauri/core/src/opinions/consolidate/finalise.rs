//! Finalising (定稿) a report's list, and reopening it.

use rusqlite::params;

use super::operation::{report_title, require_open};

use crate::db::{now, Db};
use crate::error::{Error, Result};
use crate::opinions::remarks::unplaced_count;
use crate::opinions::reports::get_report;
use crate::opinions::types::*;

/// Finalises (定稿) the list. Refused while any remark is neither placed nor set aside; checked
/// inside the write transaction, so a remark added meanwhile from another window is counted.
pub fn finalise(db: &mut Db, report_id: i64) -> Result<Report> {
    db.write(|tx| {
        let title = require_open(tx, report_id)?;
        let unplaced = unplaced_count(tx, report_id)?;
        if unplaced > 0 {
            return Err(Error::Conflict(format!(
                "《{title}》还有 {unplaced} 条发言意见既未归入协商意见，也未标为不纳入，不能定稿。请先逐条处理。"
            )));
        }
        let opinions: i64 =
            tx.query_row("SELECT count(*) FROM opinions WHERE report_id = ?1", [report_id], |r| r.get(0))?;
        if opinions == 0 {
            return Err(Error::Conflict(format!("《{title}》还没有任何协商意见，不能定稿。")));
        }
        let at = now();
        tx.execute("UPDATE reports SET finalised_at = ?2 WHERE id = ?1", params![report_id, at])?;
        tx.audit(
            "report",
            report_id,
            "finalise",
            None::<&()>,
            Some(&serde_json::json!({ "finalised_at": at, "opinions": opinions })),
        )
    })?;
    get_report(db.conn(), report_id)
}

/// Reopens a finalised list for changes.
pub fn reopen(db: &mut Db, report_id: i64) -> Result<Report> {
    let (_, finalised) = report_title(db.conn(), report_id)?;
    db.write(|tx| {
        tx.execute("UPDATE reports SET finalised_at = NULL WHERE id = ?1", [report_id])?;
        tx.audit("report", report_id, "reopen", Some(&serde_json::json!({ "finalised_at": finalised })), None::<&()>)
    })?;
    get_report(db.conn(), report_id)
}
