//! The configurable rules: grace minutes for lateness and the quorum, per meeting kind, plus the
//! `election` row that election sittings use for their quorum.

use rusqlite::{params, Connection, OptionalExtension};

use super::types::AttendanceRule;
use crate::db::Db;
use crate::error::{Error, Result};

pub const ELECTION: &str = "election";

fn default_rule(kind: &str) -> AttendanceRule {
    let election = kind == ELECTION;
    AttendanceRule {
        meeting_kind: kind.to_string(),
        late_grace_minutes: 0,
        quorum_numerator: if election { 2 } else { 1 },
        quorum_denominator: if election { 3 } else { 2 },
        quorum_strict: !election,
    }
}

fn get(conn: &Connection, kind: &str) -> Result<Option<AttendanceRule>> {
    Ok(conn
        .query_row(
            "SELECT meeting_kind, late_grace_minutes, quorum_numerator, quorum_denominator, quorum_strict
             FROM attendance_rules WHERE meeting_kind = ?1",
            [kind],
            |r| {
                Ok(AttendanceRule {
                    meeting_kind: r.get(0)?,
                    late_grace_minutes: r.get(1)?,
                    quorum_numerator: r.get(2)?,
                    quorum_denominator: r.get(3)?,
                    quorum_strict: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Every rule, in the table's order (meeting kinds, then `election`).
pub fn rules(conn: &Connection) -> Result<Vec<AttendanceRule>> {
    let mut stmt =
        conn.prepare("SELECT meeting_kind FROM attendance_rules ORDER BY meeting_kind = 'election', rowid")?;
    let kinds: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    kinds.iter().map(|k| Ok(get(conn, k)?.unwrap_or_else(|| default_rule(k)))).collect()
}

/// The rule a sitting uses: the grace of its meeting kind, and the quorum of its meeting kind or,
/// for an election sitting, of `election`.
pub fn rule_for(conn: &Connection, meeting_kind: &str, election: bool) -> Result<AttendanceRule> {
    let base = get(conn, meeting_kind)?.unwrap_or_else(|| default_rule(meeting_kind));
    if !election {
        return Ok(base);
    }
    let e = get(conn, ELECTION)?.unwrap_or_else(|| default_rule(ELECTION));
    Ok(AttendanceRule { late_grace_minutes: base.late_grace_minutes, ..e })
}

/// Changes one rule (audited).
pub fn set_rule(db: &mut Db, rule: &AttendanceRule) -> Result<AttendanceRule> {
    let kind = rule.meeting_kind.trim().to_string();
    if kind.is_empty() {
        return Err(Error::invalid("会议类型", "不能为空"));
    }
    if rule.quorum_numerator == 0 || rule.quorum_denominator == 0 || rule.quorum_numerator > rule.quorum_denominator {
        return Err(Error::invalid(
            "法定人数比例",
            format!("{}/{} 不是 0 到 1 之间的比例", rule.quorum_numerator, rule.quorum_denominator),
        ));
    }
    if rule.late_grace_minutes > 240 {
        return Err(Error::invalid("迟到宽限分钟数", format!("{} 分钟过长（最多 240）", rule.late_grace_minutes)));
    }
    let new = AttendanceRule { meeting_kind: kind.clone(), ..rule.clone() };
    let old = get(db.conn(), &kind)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO attendance_rules (meeting_kind, late_grace_minutes, quorum_numerator, quorum_denominator, quorum_strict)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(meeting_kind) DO UPDATE SET late_grace_minutes = excluded.late_grace_minutes,
                quorum_numerator = excluded.quorum_numerator, quorum_denominator = excluded.quorum_denominator,
                quorum_strict = excluded.quorum_strict",
            params![new.meeting_kind, new.late_grace_minutes, new.quorum_numerator, new.quorum_denominator, new.quorum_strict],
        )?;
        tx.audit("attendance_rule", &kind, if old.is_some() { "update" } else { "create" }, old.as_ref(), Some(&new))
    })?;
    Ok(new)
}
