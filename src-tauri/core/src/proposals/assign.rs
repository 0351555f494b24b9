//! Assignment (交办) of a filed proposal: one lead unit (主办), any co-handlers (会办), the date
//! and the deadline (three months by default), and whether it is a key proposal (重点提案)
//! followed by a chair (督办).

use rusqlite::{params, OptionalExtension};

use super::query::get_proposal;
use super::record::{not_withdrawn, proposal_settings};
use super::types::*;
use crate::db::{now, Db};
use crate::error::{Error, Result};
use crate::roster::parse_date;

/// The default deadline: `months` after the assignment date (the last day of a shorter month).
pub fn default_deadline(assigned_on: &str, months: u32) -> Result<String> {
    let d = chrono::NaiveDate::parse_from_str(assigned_on, "%Y-%m-%d")
        .map_err(|_| Error::invalid("交办日期", format!("“{assigned_on}”不是有效日期")))?;
    d.checked_add_months(chrono::Months::new(months))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| Error::invalid("办理期限", "超出可用范围"))
}

/// Assigns (or, before any answer, re-assigns) a filed proposal.
pub fn assign_proposal(db: &mut Db, id: i64, input: &AssignInput) -> Result<Proposal> {
    let today = crate::roster::today();
    let assigned_on = parse_date("交办日期", &input.assigned_on)?;
    let deadline = match input.deadline.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => parse_date("办理期限", d)?,
        None => default_deadline(&assigned_on, proposal_settings(db.conn())?.deadline_months)?,
    };
    if deadline < assigned_on {
        return Err(Error::invalid("办理期限", "不能早于交办日期"));
    }
    if input.co_unit_ids.contains(&input.lead_unit_id) {
        return Err(Error::invalid("会办单位", "主办单位不必再列为会办单位"));
    }
    db.write(|tx| {
        let p = get_proposal(tx, id, &today)?;
        not_withdrawn(&p, "交办")?;
        match p.stage {
            ProposalStage::Filed | ProposalStage::Assigned if p.answers.is_empty() => {}
            ProposalStage::Merged => {
                return Err(Error::Conflict(format!(
                    "《{}》已并案，随主案{}一并交办。",
                    p.title,
                    p.number_label.replace("（并案）", "")
                )))
            }
            ProposalStage::Received | ProposalStage::NotFiled => {
                return Err(Error::Conflict(format!("《{}》未立案（{}），不能交办。", p.title, p.stage.label())))
            }
            _ => return Err(Error::Conflict(format!("《{}》已有答复，不能再改交办单位。", p.title))),
        }
        let mut units = vec![(input.lead_unit_id, "lead")];
        units.extend(input.co_unit_ids.iter().map(|&u| (u, "co")));
        for (u, _) in &units {
            let unit: Option<(String, bool)> = tx
                .query_row("SELECT name, active FROM proposal_units WHERE id = ?1", [u], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match unit {
                None => return Err(Error::not_found("承办单位", u)),
                Some((name, false)) => {
                    return Err(Error::invalid(
                        "承办单位",
                        format!("“{name}”已停用，请改选其他单位，或先在提案设置中恢复使用"),
                    ))
                }
                Some((_, true)) => {}
            }
        }
        if let Some(s) = input.supervisor_id {
            let found: Option<i64> = tx.query_row("SELECT id FROM members WHERE id = ?1", [s], |r| r.get(0)).optional()?;
            found.ok_or_else(|| Error::not_found("督办领导", s))?;
        }
        tx.execute("DELETE FROM proposal_assignments WHERE proposal_id = ?1", [id])?;
        for (u, role) in &units {
            tx.execute(
                "INSERT OR IGNORE INTO proposal_assignments (proposal_id, unit_id, role) VALUES (?1, ?2, ?3)",
                params![id, u, role],
            )?;
        }
        tx.execute(
            "UPDATE proposals SET assigned_on = ?2, deadline = ?3, key_proposal = ?4, supervisor_id = ?5, updated_at = ?6
              WHERE id = ?1",
            params![id, assigned_on, deadline, input.key_proposal, input.supervisor_id.filter(|_| input.key_proposal), now()],
        )?;
        let unit_name = |u: i64| -> Result<String> {
            Ok(tx.query_row("SELECT name FROM proposal_units WHERE id = ?1", [u], |r| r.get(0))?)
        };
        let co: Vec<String> = input.co_unit_ids.iter().map(|&u| unit_name(u)).collect::<Result<_>>()?;
        let supervisor: Option<String> = match input.supervisor_id.filter(|_| input.key_proposal) {
            Some(s) => Some(tx.query_row("SELECT name FROM members WHERE id = ?1", [s], |r| r.get(0))?),
            None => None,
        };
        tx.audit(
            "proposal",
            id,
            "assign",
            p.assigned_on
                .as_ref()
                .map(|_| serde_json::json!({ "lead": p.lead_unit, "co": p.co_units.join("、"), "deadline": p.deadline }))
                .as_ref(),
            Some(&serde_json::json!({
                "lead": unit_name(input.lead_unit_id)?, "co": co.join("、"), "assigned_on": assigned_on,
                "deadline": deadline, "key_proposal": input.key_proposal, "supervisor": supervisor
            })),
        )
    })?;
    get_proposal(db.conn(), id, &today)
}
