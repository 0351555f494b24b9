//! Closing a sitting's attendance (who is expected is frozen, the rest become 缺席) and reopening it.

use rusqlite::params;
use serde_json::json;

use crate::attendance::data::sitting_info;
use crate::attendance::types::*;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::meetings::SittingStatus;

/// Closes the sitting's attendance: who is expected is frozen, and those expected with neither
/// presence nor leave become 缺席. The sitting's status becomes closed. Checked inside the write
/// transaction, so when two desks (or the window and the CLI) close it at once, the second is told
/// it is already closed.
pub fn close_sitting(db: &mut Db, sitting_id: i64) -> Result<AttendancePanel> {
    db.write(|tx| {
        let info = sitting_info(tx, sitting_id)?;
        if info.closed {
            return Err(Error::Conflict(format!("“{}”的考勤已经结束，无需再结束", info.title)));
        }
        let expected = crate::meetings::expected_members(tx, sitting_id)?;
        let before = crate::attendance::data::panel(tx, sitting_id)?;
        tx.execute(
            "INSERT INTO attendance_closures (sitting_id, closed_at, operator) VALUES (?1, ?2, ?3)",
            params![sitting_id, crate::db::now(), tx.operator()],
        )?;
        let mut ins = tx.prepare_cached("INSERT INTO attendance_expected (sitting_id, member_id) VALUES (?1, ?2)")?;
        for m in &expected {
            ins.execute(params![sitting_id, m.id])?;
        }
        let old = crate::meetings::set_sitting_status_in(tx, sitting_id, SittingStatus::Closed)?;
        tx.audit(
            "attendance",
            sitting_id,
            "close",
            Some(&json!({ "status": old })),
            Some(&json!({
                "status": "closed", "expected": before.expected, "present": before.present,
                "on_leave": before.on_leave, "absent": before.missing, "announcement": before.announcement,
            })),
        )
    })?;
    crate::attendance::data::panel(db.conn(), sitting_id)
}

/// Reopens a closed sitting's attendance (for corrections at the desk); 缺席 become 未到 again.
pub fn reopen_sitting(db: &mut Db, sitting_id: i64) -> Result<AttendancePanel> {
    db.write(|tx| {
        let info = sitting_info(tx, sitting_id)?;
        if !info.closed {
            return Err(Error::Conflict(format!("“{}”的考勤尚未结束", info.title)));
        }
        let frozen: i64 =
            tx.query_row("SELECT count(*) FROM attendance_expected WHERE sitting_id = ?1", [sitting_id], |r| r.get(0))?;
        tx.execute("DELETE FROM attendance_closures WHERE sitting_id = ?1", [sitting_id])?;
        crate::meetings::set_sitting_status_in(tx, sitting_id, SittingStatus::Open)?;
        tx.audit(
            "attendance",
            sitting_id,
            "reopen",
            Some(&json!({ "status": "closed", "expected": frozen })),
            Some(&json!({ "status": "open" })),
        )
    })?;
    crate::attendance::data::panel(db.conn(), sitting_id)
}
