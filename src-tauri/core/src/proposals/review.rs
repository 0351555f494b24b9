//! Review (审查): 立案 with a number that runs within the session and is never reused, 不予立案
//! with a reason and what the proposal becomes, or 并案 into a filed case. Near-duplicate hints.

use rusqlite::{params, OptionalExtension};

use super::query::{get_proposal, list_proposals};
use super::record::not_withdrawn;
use super::types::*;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::opinions::clean_pasted;
use crate::roster::parse_date;

fn must_await_review(p: &Proposal) -> Result<()> {
    not_withdrawn(p, "审查")?;
    if p.stage != ProposalStage::Received {
        return Err(Error::Conflict(format!(
            "《{}》已审查（{}{}），不能重复审查。",
            p.title,
            p.stage.label(),
            if p.number_label.is_empty() { String::new() } else { format!("，{}", p.number_label) }
        )));
    }
    Ok(())
}

/// The next 立案号 of a session: one more than any number ever given in it (a withdrawn
/// proposal keeps its number, so no number is given twice).
pub fn next_number(conn: &rusqlite::Connection, session_id: i64) -> Result<u32> {
    let max: Option<u32> =
        conn.query_row("SELECT max(number) FROM proposals WHERE session_id = ?1", [session_id], |r| r.get(0))?;
    Ok(max.unwrap_or(0) + 1)
}

/// 立案: files the proposal with the next number of its session, or with `number` when the
/// secretariat gives one (refused if already used).
pub fn file_proposal(db: &mut Db, id: i64, number: Option<u32>, reviewed_on: &str) -> Result<Proposal> {
    let today = crate::roster::today();
    let on = parse_date("审查日期", reviewed_on)?;
    if number == Some(0) {
        return Err(Error::invalid("立案号", "应从 1 起"));
    }
    db.write(|tx| {
        let p = get_proposal(tx, id, &today)?;
        must_await_review(&p)?;
        let n = match number {
            Some(n) => {
                let used: Option<String> = tx
                    .query_row(
                        "SELECT title FROM proposals WHERE session_id = ?1 AND number = ?2",
                        params![p.session_id, n],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(title) = used {
                    return Err(Error::Conflict(format!(
                        "{}第{n}号已给了《{title}》，立案号不能重复使用。",
                        p.session_name
                    )));
                }
                n
            }
            None => next_number(tx, p.session_id)?,
        };
        tx.execute(
            "UPDATE proposals SET status = 'filed', number = ?2, reviewed_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, n, on, now()],
        )?;
        tx.audit("proposal", id, "file", None::<&()>, Some(&serde_json::json!({ "number": n, "reviewed_on": on })))
    })?;
    get_proposal(db.conn(), id, &today)
}

/// 不予立案: with the reason and what the proposal becomes. «转为社情民意信息» hands it to the
/// 社情民意 work in [`hand_over_to_sqmy`].
pub fn reject_proposal(
    db: &mut Db,
    id: i64,
    reason: &str,
    outcome: NotFiledOutcome,
    reviewed_on: &str,
) -> Result<Proposal> {
    let today = crate::roster::today();
    let on = parse_date("审查日期", reviewed_on)?;
    let reason = clean_pasted(reason);
    if reason.is_empty() {
        return Err(Error::invalid("不予立案理由", "不能为空"));
    }
    db.write(|tx| {
        let p = get_proposal(tx, id, &today)?;
        must_await_review(&p)?;
        tx.execute(
            "UPDATE proposals SET status = 'not_filed', reject_reason = ?2, outcome = ?3, reviewed_on = ?4,
                    updated_at = ?5 WHERE id = ?1",
            params![id, reason, outcome.code(), on, now()],
        )?;
        tx.audit(
            "proposal",
            id,
            "reject",
            None::<&()>,
            Some(&serde_json::json!({ "reason": reason, "outcome": outcome.code(), "reviewed_on": on })),
        )?;
        if outcome == NotFiledOutcome::Sqmy {
            hand_over_to_sqmy(tx, &p, &on)?;
        }
        Ok(())
    })?;
    get_proposal(db.conn(), id, &today)
}

/// A proposal not filed and turned into 社情民意信息 becomes an item of the 社情民意 work, in the
/// same transaction as the review: its title, the case and the suggestions as content, its
/// submitters (or, for a collective proposal, the body in whose name it came) and the day of the
/// review, linked back to the proposal (source «提案转来»).
pub(super) fn hand_over_to_sqmy(tx: &Tx<'_>, p: &Proposal, on: &str) -> Result<()> {
    let content =
        [p.case_text.trim(), p.suggestions.trim()].iter().filter(|t| !t.is_empty()).copied().collect::<Vec<_>>();
    let collective = p.kind == ProposalKind::Collective;
    let input = crate::sqmy::SqmyItemInput {
        title: p.title.clone(),
        content: content.join("\n"),
        member_ids: if collective { Vec::new() } else { p.submitters.iter().map(|s| s.member_id).collect() },
        unit: if collective { p.collective_name.clone() } else { String::new() },
        received_on: on.to_string(),
        source: crate::sqmy::SqmySource::Proposal,
        from_proposal: Some(p.id),
    };
    crate::sqmy::add_item_in(tx, &input)?;
    Ok(())
}

/// 并案: the proposal is handled as one case with `into`, a filed proposal of the same session.
/// It still counts as received and filed, and its submitters keep their credit.
pub fn merge_proposal(db: &mut Db, id: i64, into: i64, reviewed_on: &str) -> Result<Proposal> {
    let today = crate::roster::today();
    let on = parse_date("审查日期", reviewed_on)?;
    if id == into {
        return Err(Error::invalid("并案", "不能并入自身"));
    }
    db.write(|tx| {
        let p = get_proposal(tx, id, &today)?;
        must_await_review(&p)?;
        let case = get_proposal(tx, into, &today)?;
        not_withdrawn(&case, "接受并案")?;
        if case.session_id != p.session_id {
            return Err(Error::invalid(
                "并案",
                format!("《{}》属于{}，只能在同一次会议的提案间并案", case.title, case.session_name),
            ));
        }
        if case.stage == ProposalStage::Merged || case.merged_into.is_some() {
            return Err(Error::Conflict(format!(
                "《{}》本身已并入其他提案，请并入主案{}",
                case.title, case.number_label
            )));
        }
        if !matches!(
            case.stage,
            ProposalStage::Filed
                | ProposalStage::Assigned
                | ProposalStage::Answered
                | ProposalStage::Rated
                | ProposalStage::Visited
        ) {
            return Err(Error::Conflict(format!(
                "《{}》尚未立案（{}），请先给它立案再并案。",
                case.title,
                case.stage.label()
            )));
        }
        tx.execute(
            "UPDATE proposals SET status = 'merged', merged_into = ?2, reviewed_on = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, into, on, now()],
        )?;
        tx.audit(
            "proposal",
            id,
            "merge",
            None::<&()>,
            Some(&serde_json::json!({ "into_title": case.title, "into_number": case.number_label, "reviewed_on": on })),
        )
    })?;
    get_proposal(db.conn(), id, &today)
}

/// Proposals of the same session that say nearly the same thing (title and suggestions, by the
/// opinions module's bigram similarity), best first.
pub fn similar_proposals(conn: &rusqlite::Connection, id: i64, limit: usize) -> Result<Vec<SimilarProposal>> {
    use crate::opinions::{bigrams, dice};
    let today = crate::roster::today();
    let p = get_proposal(conn, id, &today)?;
    let own = bigrams(&format!("{} {}", p.title, p.suggestions));
    let own_title = bigrams(&p.title);
    let others = list_proposals(
        conn,
        &ProposalFilter { session_id: Some(p.session_id), with_texts: true, ..Default::default() },
        &today,
    )?;
    let mut out: Vec<SimilarProposal> = others
        .into_iter()
        .filter(|o| o.id != id && o.stage != ProposalStage::Withdrawn)
        .filter_map(|o| {
            let whole = dice(&own, &bigrams(&format!("{} {}", o.title, o.suggestions)));
            let title = dice(&own_title, &bigrams(&o.title));
            let score = whole.max(title);
            (score >= crate::opinions::DEFAULT_MIN_SCORE).then(|| SimilarProposal {
                id: o.id,
                title: o.title,
                submitter_label: o.submitter_label,
                stage: o.stage,
                number_label: o.number_label,
                score: (score * 100.0).round() / 100.0,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    out.truncate(limit);
    Ok(out)
}
