//! Reading proposals: one proposal, or a filtered list, each with its submitters, units and
//! answers. A merged proposal (并案) shows the handling of the case it was merged into.

use std::collections::{HashMap, HashSet};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection};

use super::types::*;
use crate::error::{Error, Result};

struct Row {
    p: Proposal,
    status: String,
    own_number: Option<u32>,
}

/// How much of each proposal a read loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Texts {
    /// Everything: 案由, 建议 and the answers' texts included.
    With,
    /// Without the long texts (left empty): the register's table, the statistics and the printed
    /// lists show titles, and a proposal's texts run to thousands of characters.
    Without,
}

/// `{texts}` stands for the 案由 and 建议 columns, or two empty strings.
const SELECT: &str = "
    SELECT p.id, p.session_id, s.name, p.during_plenary, p.kind, p.collective_kind, p.collective_name,
           p.title, p.category, {texts}, p.received_on, p.status, p.number,
           p.reviewed_on, p.reject_reason, p.outcome, p.merged_into, p.key_proposal, p.supervisor_id,
           sup.name, p.assigned_on, p.deadline, p.talked_on, p.visited_on, p.visit_note,
           p.withdrawn_on, p.withdrawn_by, p.withdrawn_reason
      FROM proposals p
      JOIN sessions s ON s.id = p.session_id
      LEFT JOIN members sup ON sup.id = p.supervisor_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let kind: String = r.get(4)?;
    let ckind: String = r.get(5)?;
    let outcome: Option<String> = r.get(16)?;
    let number: Option<u32> = r.get(13)?;
    Ok(Row {
        p: Proposal {
            id: r.get(0)?,
            session_id: r.get(1)?,
            session_name: r.get(2)?,
            during_plenary: r.get(3)?,
            kind: ProposalKind::from_code(&kind).unwrap_or(ProposalKind::Member),
            collective_kind: CollectiveKind::from_code(&ckind),
            collective_name: r.get(6)?,
            submitters: Vec::new(),
            submitter_label: String::new(),
            sector: String::new(),
            title: r.get(7)?,
            category: r.get(8)?,
            case_text: r.get(9)?,
            suggestions: r.get(10)?,
            received_on: r.get(11)?,
            stage: ProposalStage::Received,
            number,
            number_label: String::new(),
            reviewed_on: r.get(14)?,
            reject_reason: r.get(15)?,
            outcome: outcome.as_deref().and_then(NotFiledOutcome::from_code),
            merged_into: r.get(17)?,
            key_proposal: r.get(18)?,
            supervisor_id: r.get(19)?,
            supervisor_name: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            assigned_on: r.get(21)?,
            deadline: r.get(22)?,
            lead_unit: None,
            co_units: Vec::new(),
            talked_on: r.get(23)?,
            answers: Vec::new(),
            visited_on: r.get(24)?,
            visit_note: r.get(25)?,
            withdrawn_on: r.get(26)?,
            withdrawn_by: r.get(27)?,
            withdrawn_reason: r.get(28)?,
            overdue: false,
        },
        status: r.get(12)?,
        own_number: number,
    })
}

/// Above this many proposals, `load` scans the child tables whole instead of looking rows up.
const SCAN_ABOVE: usize = 64;

/// Loads the proposals matching `where_sql` (on `p`), complete, in register order (session,
/// then number, then date received).
pub(super) fn load(
    conn: &Connection,
    where_sql: &str,
    args: &[Value],
    today: &str,
    texts: Texts,
) -> Result<Vec<Proposal>> {
    let (texts_sql, answer_text_sql) = match texts {
        Texts::With => ("p.case_text, p.suggestions", "text"),
        Texts::Without => ("'', ''", "''"),
    };
    let sql = format!(
        "{} WHERE {where_sql} ORDER BY p.session_id, p.received_on, p.id",
        SELECT.replace("{texts}", texts_sql)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows: Vec<Row> = stmt.query_map(params_from_iter(args.iter()), from_row)?.collect::<rusqlite::Result<_>>()?;
    let ids: HashSet<i64> = rows.iter().map(|r| r.p.id).collect();
    // Many proposals: their submitters, units and answers are read by scanning those tables whole
    // in storage order and keeping the rows of these proposals, with members and units from maps,
    // instead of one b-tree descent per row (most of the time of a list of thousands). A few:
    // only their rows, looked up.
    let (child_where, child_args) = if rows.len() > SCAN_ABOVE {
        ("1 = 1".to_string(), &[][..])
    } else {
        (format!("proposal_id IN (SELECT p.id FROM proposals p WHERE {where_sql})"), args)
    };
    let child_args = || params_from_iter(child_args.iter());

    let mut members: HashMap<i64, ProposalSubmitter> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.member_no, m.name, sec.name FROM members m LEFT JOIN sectors sec ON sec.id = m.sector_id
          WHERE m.id IN (SELECT member_id FROM proposal_submitters WHERE {child_where})"
    ))?;
    let mut q = stmt.query(child_args())?;
    while let Some(r) = q.next()? {
        let member_id = r.get(0)?;
        members.insert(
            member_id,
            ProposalSubmitter { member_id, member_no: r.get(1)?, name: r.get(2)?, sector: r.get(3)? },
        );
    }
    let mut submitters: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT proposal_id, position, member_id FROM proposal_submitters WHERE {child_where}"
    ))?;
    let mut q = stmt.query(child_args())?;
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        if ids.contains(&id) {
            submitters.entry(id).or_default().push((r.get(1)?, r.get(2)?));
        }
    }

    let mut unit_of: HashMap<i64, (String, i64)> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, name, sort_order FROM proposal_units")?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        unit_of.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
    }
    let mut assigned: HashMap<i64, Vec<(bool, i64)>> = HashMap::new();
    let mut stmt = conn
        .prepare_cached(&format!("SELECT proposal_id, unit_id, role FROM proposal_assignments WHERE {child_where}"))?;
    let mut q = stmt.query(child_args())?;
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        if ids.contains(&id) {
            let lead = matches!(r.get_ref(2)?, ValueRef::Text(b"lead"));
            assigned.entry(id).or_default().push((lead, r.get(1)?));
        }
    }

    let mut answers: HashMap<i64, Vec<ProposalAnswer>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT proposal_id, round, answered_on, answer_class, {answer_text_sql}, file_path, rating, rated_on
           FROM proposal_answers WHERE {child_where}"
    ))?;
    let mut q = stmt.query(child_args())?;
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        if !ids.contains(&id) {
            continue;
        }
        let class: String = r.get(3)?;
        let rating: Option<String> = r.get(6)?;
        answers.entry(id).or_default().push(ProposalAnswer {
            round: r.get(1)?,
            answered_on: r.get(2)?,
            answer_class: AnswerClass::parse(&class)?,
            text: r.get(4)?,
            file_path: r.get(5)?,
            rating: rating.as_deref().and_then(Rating::from_code),
            rated_on: r.get(7)?,
        });
    }

    let mut out: Vec<(Proposal, String, Option<u32>)> = rows
        .into_iter()
        .map(|row| {
            let mut p = row.p;
            let mut mine = submitters.remove(&p.id).unwrap_or_default();
            mine.sort_unstable();
            p.submitters = mine.iter().filter_map(|(_, m)| members.get(m).cloned()).collect();
            let mut units = assigned.remove(&p.id).unwrap_or_default();
            // The lead first, then the co-handlers in the list's order.
            units.sort_by_key(|&(lead, u)| (!lead, unit_of.get(&u).map_or(i64::MAX, |x| x.1), u));
            let name = |u: &i64| unit_of.get(u).map(|x| x.0.clone());
            p.lead_unit = units.iter().find(|(lead, _)| *lead).and_then(|(_, u)| name(u));
            p.co_units = units.iter().filter(|(lead, _)| !lead).filter_map(|(_, u)| name(u)).collect();
            p.answers = answers.remove(&p.id).unwrap_or_default();
            p.answers.sort_by_key(|a| a.round);
            (p, row.status, row.own_number)
        })
        .collect();

    // A merged proposal is handled with its case: show the case's number and handling.
    let missing: Vec<i64> = {
        let ids: std::collections::HashSet<i64> = out.iter().map(|(p, _, _)| p.id).collect();
        out.iter().filter_map(|(p, _, _)| p.merged_into).filter(|t| !ids.contains(t)).collect()
    };
    let targets: std::collections::HashSet<i64> = out.iter().filter_map(|(p, _, _)| p.merged_into).collect();
    let mut cases: HashMap<i64, Proposal> = HashMap::new();
    for (p, _, _) in &out {
        if targets.contains(&p.id) {
            cases.insert(p.id, p.clone());
        }
    }
    for id in missing {
        if let std::collections::hash_map::Entry::Vacant(e) = cases.entry(id) {
            if let Some(p) = load(conn, "p.id = ?1", &[Value::Integer(id)], today, texts)?.pop() {
                e.insert(p);
            }
        }
    }
    for (p, status, own_number) in &mut out {
        finish(p, status, *own_number, cases.get(&p.merged_into.unwrap_or(0)), today);
    }
    Ok(out.into_iter().map(|(p, _, _)| p).collect())
}

fn finish(p: &mut Proposal, status: &str, own_number: Option<u32>, case: Option<&Proposal>, today: &str) {
    p.submitter_label = match p.kind {
        ProposalKind::Collective => p.collective_name.clone(),
        ProposalKind::Member => p.submitters.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("、"),
    };
    p.sector = match (p.kind, p.collective_kind) {
        (ProposalKind::Collective, Some(CollectiveKind::Sector)) => p.collective_name.clone(),
        (ProposalKind::Collective, Some(k)) => k.label().to_string(),
        (ProposalKind::Collective, None) => "集体".to_string(),
        (ProposalKind::Member, _) => {
            p.submitters.first().and_then(|s| s.sector.clone()).unwrap_or_else(|| "未分界别".to_string())
        }
    };
    if status == "merged" {
        if let Some(case) = case {
            p.number = case.number;
            p.assigned_on = case.assigned_on.clone();
            p.deadline = case.deadline.clone();
            p.lead_unit = case.lead_unit.clone();
            p.co_units = case.co_units.clone();
            p.talked_on = case.talked_on.clone();
            p.answers = case.answers.clone();
            p.visited_on = case.visited_on.clone();
            p.key_proposal = case.key_proposal;
        }
    } else {
        p.number = own_number;
    }
    p.number_label = match (p.number, status) {
        (Some(n), "merged") => format!("第{n}号（并案）"),
        (Some(n), _) => format!("第{n}号"),
        (None, _) => String::new(),
    };
    let latest = p.answers.last();
    let awaiting_answer = latest.is_none_or(|a| a.rating == Some(Rating::Unsatisfied));
    p.stage = if p.withdrawn_on.is_some() {
        ProposalStage::Withdrawn
    } else {
        match status {
            "received" => ProposalStage::Received,
            "not_filed" => ProposalStage::NotFiled,
            "merged" => ProposalStage::Merged,
            _ if p.assigned_on.is_none() => ProposalStage::Filed,
            _ if awaiting_answer => ProposalStage::Assigned,
            _ if latest.is_some_and(|a| a.rating.is_none()) => ProposalStage::Answered,
            _ if p.visited_on.is_some() => ProposalStage::Visited,
            _ => ProposalStage::Rated,
        }
    };
    let handled_here = matches!(p.stage, ProposalStage::Assigned)
        || (p.stage == ProposalStage::Merged && p.assigned_on.is_some() && awaiting_answer);
    p.overdue = handled_here && p.deadline.as_deref().is_some_and(|d| d < today);
}

/// One proposal, complete. `today` ('YYYY-MM-DD') decides whether it is overdue.
pub fn get_proposal(conn: &Connection, id: i64, today: &str) -> Result<Proposal> {
    load(conn, "p.id = ?1", &[Value::Integer(id)], today, Texts::With)?
        .pop()
        .ok_or_else(|| Error::not_found("提案", id))
}

/// The proposals a member submitted first or joined (联名), received between `from` and `to`
/// (inclusive), in register order, each with whether the member is its first submitter. Read by
/// member (the submitters' index), for the member's record (履职档案).
pub fn member_proposals(
    conn: &Connection,
    member_id: i64,
    from: &str,
    to: &str,
    today: &str,
) -> Result<Vec<(Proposal, bool)>> {
    let list = load(
        conn,
        "p.id IN (SELECT proposal_id FROM proposal_submitters WHERE member_id = ?1) AND p.received_on BETWEEN ?2 AND ?3",
        &[Value::Integer(member_id), Value::Text(from.into()), Value::Text(to.into())],
        today,
        Texts::Without,
    )?;
    Ok(list
        .into_iter()
        .map(|p| {
            let first = p.submitters.first().is_some_and(|s| s.member_id == member_id);
            (p, first)
        })
        .collect())
}

/// The proposals a filter selects, in register order; their 案由, 建议 and answer texts only
/// when `filter.with_texts` asks for them (the search looks in the texts either way).
pub fn list_proposals(conn: &Connection, filter: &ProposalFilter, today: &str) -> Result<Vec<Proposal>> {
    let figure = filter.figure.as_deref().map(str::trim).filter(|f| !f.is_empty());
    if let Some(f) = figure {
        if !super::stats::is_known_figure(f) {
            return Err(Error::invalid("统计项", format!("“{f}”不是可用的统计项")));
        }
    }
    let (where_sql, args) = scope_sql(filter.session_id, filter.from.as_deref(), filter.to.as_deref());
    let texts = if filter.with_texts { Texts::With } else { Texts::Without };
    let all = load(conn, &where_sql, &args, today, texts)?;
    let words: Vec<&str> = filter.query.as_deref().unwrap_or("").split_whitespace().collect();
    // Per word, the proposals whose 案由 or 建议 hold it, found by SQLite without loading the texts.
    let in_texts: Vec<HashSet<i64>> = match texts {
        Texts::With => Vec::new(),
        Texts::Without => words.iter().map(|w| ids_with_text(conn, &where_sql, &args, w)).collect::<Result<_>>()?,
    };
    let mut out = Vec::new();
    for p in all {
        if filter.stage.is_some_and(|s| s != p.stage)
            || filter.category.as_deref().is_some_and(|c| !c.is_empty() && c != p.category)
            || (filter.overdue_only && !p.overdue)
        {
            continue;
        }
        let found = |(i, w): (usize, &&str)| {
            p.title.contains(*w)
                || p.submitter_label.contains(*w)
                || p.number_label.contains(*w)
                || match texts {
                    Texts::With => p.case_text.contains(*w) || p.suggestions.contains(*w),
                    Texts::Without => in_texts[i].contains(&p.id),
                }
        };
        if !words.iter().enumerate().all(found) {
            continue;
        }
        if let Some(f) = figure {
            let mut counted = false;
            super::stats::each_figure(&p, |x| counted |= x.is(f));
            if !counted {
                continue;
            }
        }
        out.push(p);
    }
    Ok(out)
}

/// The proposals in the scope whose 案由 or 建议 contain `word`.
fn ids_with_text(conn: &Connection, where_sql: &str, args: &[Value], word: &str) -> Result<HashSet<i64>> {
    let n = args.len() + 1;
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id FROM proposals p WHERE {where_sql} AND (instr(p.case_text, ?{n}) > 0 OR instr(p.suggestions, ?{n}) > 0)"
    ))?;
    let all = args.iter().cloned().chain(std::iter::once(Value::Text(word.to_string())));
    let ids = stmt.query_map(params_from_iter(all), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The WHERE clause (on `p`) of a session and/or a period of dates received.
pub(super) fn scope_sql(session_id: Option<i64>, from: Option<&str>, to: Option<&str>) -> (String, Vec<Value>) {
    let mut conds = vec!["1 = 1".to_string()];
    let mut args = Vec::new();
    if let Some(s) = session_id {
        args.push(Value::Integer(s));
        conds.push(format!("p.session_id = ?{}", args.len()));
    }
    if let Some(f) = from.filter(|f| !f.is_empty()) {
        args.push(Value::Text(f.to_string()));
        conds.push(format!("p.received_on >= ?{}", args.len()));
    }
    if let Some(t) = to.filter(|t| !t.is_empty()) {
        args.push(Value::Text(t.to_string()));
        conds.push(format!("p.received_on <= ?{}", args.len()));
    }
    (conds.join(" AND "), args)
}
