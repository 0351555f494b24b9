//! Handling a filed, assigned proposal: the talk with the submitter (面商), the written answer
//! (答复) with its class, the submitter's rating (不满意 sends it back for another round, both
//! answers kept), and the follow-up visit (回访).

use rusqlite::params;

use super::query::get_proposal;
use super::record::not_withdrawn;
use super::types::*;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::opinions::clean_pasted;
use crate::roster::parse_date;

/// The proposal, checked to be assigned and handled in its own right (not merged, not withdrawn).
fn handled(tx: &Tx<'_>, id: i64, action: &str) -> Result<Proposal> {
    let p = get_proposal(tx, id, &crate::roster::today())?;
    not_withdrawn(&p, action)?;
    match p.stage {
        ProposalStage::Merged => Err(Error::Conflict(format!(
            "《{}》已并案，请在主案{}上{action}。",
            p.title,
            p.number_label.replace("（并案）", "")
        ))),
        ProposalStage::Received | ProposalStage::NotFiled => {
            Err(Error::Conflict(format!("《{}》未立案（{}），不能{action}。", p.title, p.stage.label())))
        }
        ProposalStage::Filed => Err(Error::Conflict(format!("《{}》尚未交办，不能{action}。", p.title))),
        _ => Ok(p),
    }
}

fn touch(tx: &Tx<'_>, id: i64) -> Result<()> {
    tx.execute("UPDATE proposals SET updated_at = ?2 WHERE id = ?1", params![id, now()])?;
    Ok(())
}

/// Records the talk with the submitter (面商).
pub fn record_talk(db: &mut Db, id: i64, on: &str) -> Result<Proposal> {
    let on = parse_date("面商日期", on)?;
    db.write(|tx| {
        let p = handled(tx, id, "记录面商")?;
        tx.execute("UPDATE proposals SET talked_on = ?2, updated_at = ?3 WHERE id = ?1", params![id, on, now()])?;
        tx.audit("proposal", id, "talk", p.talked_on.as_ref(), Some(&on))
    })?;
    get_proposal(db.conn(), id, &crate::roster::today())
}

/// Records the written answer: the first, or the next after an unsatisfied rating.
pub fn answer_proposal(db: &mut Db, id: i64, input: &AnswerInput) -> Result<Proposal> {
    let on = parse_date("答复日期", &input.answered_on)?;
    let text = clean_pasted(&input.text);
    let file_path = input.file_path.trim().to_string();
    if text.is_empty() && file_path.is_empty() {
        return Err(Error::invalid("答复", "请填写答复内容或附上答复文件"));
    }
    db.write(|tx| {
        let p = handled(tx, id, "记录答复")?;
        if p.stage != ProposalStage::Assigned {
            return Err(Error::Conflict(format!(
                "《{}》已有答复（{}），提案人评价不满意后才能再次答复。",
                p.title,
                p.stage.label()
            )));
        }
        if p.assigned_on.as_deref().is_some_and(|a| on.as_str() < a) {
            return Err(Error::invalid("答复日期", "不能早于交办日期"));
        }
        let round = p.answers.len() as u32 + 1;
        tx.execute(
            "INSERT INTO proposal_answers (proposal_id, round, answered_on, answer_class, text, file_path, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, round, on, input.answer_class.code(), text, file_path, now()],
        )?;
        touch(tx, id)?;
        tx.audit(
            "proposal",
            id,
            "answer",
            None::<&()>,
            Some(&serde_json::json!({
                "round": round, "answered_on": on, "class": input.answer_class.code(), "text": text, "file": file_path
            })),
        )
    })?;
    get_proposal(db.conn(), id, &crate::roster::today())
}

/// Records the submitter's rating of the latest answer. 不满意 sends the proposal back to its
/// units for another round; the answer and its rating stay on record.
pub fn rate_proposal(db: &mut Db, id: i64, rating: Rating, on: &str) -> Result<Proposal> {
    let on = parse_date("评价日期", on)?;
    db.write(|tx| {
        let p = handled(tx, id, "记录评价")?;
        let Some(latest) = p.answers.last().filter(|a| a.rating.is_none()) else {
            return Err(Error::Conflict(format!(
                "《{}》还没有待评价的答复（{}），请先记录答复。",
                p.title,
                p.stage.label()
            )));
        };
        tx.execute(
            "UPDATE proposal_answers SET rating = ?3, rated_on = ?4 WHERE proposal_id = ?1 AND round = ?2",
            params![id, latest.round, rating.code(), on],
        )?;
        touch(tx, id)?;
        tx.audit(
            "proposal",
            id,
            "rate",
            None::<&()>,
            Some(&serde_json::json!({ "round": latest.round, "rating": rating.code(), "rated_on": on })),
        )
    })?;
    get_proposal(db.conn(), id, &crate::roster::today())
}

/// Records the follow-up visit (回访) after the answer.
pub fn record_visit(db: &mut Db, id: i64, on: &str, note: &str) -> Result<Proposal> {
    let on = parse_date("回访日期", on)?;
    let note = clean_pasted(note);
    db.write(|tx| {
        let p = handled(tx, id, "记录回访")?;
        if p.answers.is_empty() {
            return Err(Error::Conflict(format!("《{}》还没有答复，答复后才能回访。", p.title)));
        }
        tx.execute(
            "UPDATE proposals SET visited_on = ?2, visit_note = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, on, note, now()],
        )?;
        tx.audit("proposal", id, "visit", None::<&()>, Some(&serde_json::json!({ "visited_on": on, "note": note })))
    })?;
    get_proposal(db.conn(), id, &crate::roster::today())
}
