//! The statistics of the proposals work for a session or a period. Each figure has a key, and
//! [`figures_of`] says which figures a proposal counts in: the statistics count with it, and the
//! list behind a figure (`ProposalFilter::figure`) filters with it, so the two always agree.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use super::query::{load, scope_sql, Texts};
use super::record::proposal_settings;
use super::types::*;
use crate::error::{Error, Result};

const PLAIN: &[&str] = &[
    "received",
    "received_collective",
    "received_members",
    "during_plenary",
    "filed",
    "filed_collective",
    "filed_members",
    "not_filed",
    "merged",
    "pending_review",
    "withdrawn",
    "assigned",
    "key_proposals",
    "talked",
    "answered",
    "rated",
    "satisfied",
    "basically_satisfied",
    "unsatisfied",
    "visited",
    "overdue",
];
const PREFIXES: &[&str] = &["outcome:", "category:", "sector:", "unit:", "class:"];

/// Whether `key` names a figure of the statistics.
pub fn is_known_figure(key: &str) -> bool {
    PLAIN.contains(&key) || PREFIXES.iter().any(|p| key.starts_with(p))
}

/// One figure a proposal counts in: a plain key (`filed`: `name` empty) or a prefix and a name
/// (`unit:` and `市教育局`), borrowed from the proposal so counting allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Figure<'a> {
    pub head: &'static str,
    pub name: &'a str,
}

impl Figure<'_> {
    /// Whether this is the figure `key` names.
    pub fn is(&self, key: &str) -> bool {
        key.len() == self.head.len() + self.name.len() && key.starts_with(self.head) && key.ends_with(self.name)
    }

    pub fn key(&self) -> String {
        format!("{}{}", self.head, self.name)
    }
}

/// Calls `f` with each figure one proposal counts in (the proposal as loaded: a merged one
/// carries its case's handling). The one rule of the statistics and of the lists behind them.
pub(super) fn each_figure<'a>(p: &'a Proposal, mut f: impl FnMut(Figure<'a>)) {
    let mut fig = |head: &'static str, name: &'a str| f(Figure { head, name });
    if p.stage == ProposalStage::Withdrawn {
        fig("withdrawn", "");
        return;
    }
    let collective = p.kind == ProposalKind::Collective;
    fig("received", "");
    fig(if collective { "received_collective" } else { "received_members" }, "");
    if p.during_plenary {
        fig("during_plenary", "");
    }
    fig("category:", &p.category);
    fig("sector:", &p.sector);
    match p.stage {
        ProposalStage::Received => fig("pending_review", ""),
        ProposalStage::NotFiled => {
            fig("not_filed", "");
            if let Some(o) = p.outcome {
                fig("outcome:", o.code());
            }
        }
        _ => {}
    }
    let filed = !matches!(p.stage, ProposalStage::Received | ProposalStage::NotFiled);
    if !filed {
        return;
    }
    fig("filed", "");
    fig(if collective { "filed_collective" } else { "filed_members" }, "");
    if p.stage == ProposalStage::Merged {
        fig("merged", "");
    }
    if p.assigned_on.is_some() {
        fig("assigned", "");
        if let Some(u) = &p.lead_unit {
            fig("unit:", u);
        }
        for u in &p.co_units {
            fig("unit:", u);
        }
    }
    if p.key_proposal {
        fig("key_proposals", "");
    }
    if p.talked_on.is_some() {
        fig("talked", "");
    }
    if let Some(latest) = p.answers.last() {
        fig("answered", "");
        fig("class:", latest.answer_class.code());
    }
    if let Some(r) = p.answers.iter().rev().find_map(|a| a.rating) {
        fig("rated", "");
        fig(r.code(), "");
    }
    if p.visited_on.is_some() {
        fig("visited", "");
    }
    if p.overdue {
        fig("overdue", "");
    }
}

/// The figures one proposal counts in, as keys (`filed`, `unit:市教育局` …).
pub fn figures_of(p: &Proposal) -> Vec<String> {
    let mut out = Vec::new();
    each_figure(p, |f| out.push(f.key()));
    out
}

fn rate(n: u32, d: u32) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / d as f64).round() / 10.0
    }
}

/// The statistics of a session or a period of dates received; `today` decides what is overdue.
pub fn proposal_stats(conn: &Connection, scope: &StatsScope, today: &str) -> Result<ProposalStats> {
    let (where_sql, args) = scope_sql(scope.session_id, scope.from.as_deref(), scope.to.as_deref());
    let all = load(conn, &where_sql, &args, today, Texts::Without)?;
    let mut tally: HashMap<Figure<'_>, u32> = HashMap::new();
    for p in &all {
        each_figure(p, |f| *tally.entry(f).or_default() += 1);
    }
    let counts: BTreeMap<String, u32> = tally.into_iter().map(|(f, n)| (f.key(), n)).collect();
    let c = |k: &str| counts.get(k).copied().unwrap_or(0);
    let rows = |prefix: &str, order: &[String], label: &dyn Fn(&str) -> String| -> Vec<StatRow> {
        let mut out: Vec<StatRow> = order
            .iter()
            .filter_map(|name| {
                let key = format!("{prefix}{name}");
                counts.get(&key).map(|&count| StatRow { label: label(name), key, count })
            })
            .collect();
        let mut rest: Vec<StatRow> = counts
            .iter()
            .filter(|(k, _)| k.starts_with(prefix) && !order.iter().any(|o| **k == format!("{prefix}{o}")))
            .map(|(k, &count)| StatRow { key: k.clone(), label: label(&k[prefix.len()..]), count })
            .collect();
        rest.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        out.extend(rest);
        out
    };
    let settings = proposal_settings(conn)?;
    let outcome_codes: Vec<String> = NotFiledOutcome::ALL.iter().map(|o| o.code().to_string()).collect();
    let class_codes: Vec<String> = AnswerClass::ALL.iter().map(|o| o.code().to_string()).collect();
    let sectors: Vec<String> = crate::roster::sectors(conn)?.into_iter().map(|s| s.name).collect();
    let units: Vec<String> = super::units::list_units(conn, true)?.into_iter().map(|u| u.name).collect();
    let labels = settings.answer_class_labels.clone();
    let scope_label = scope_label(conn, scope)?;
    let filed = c("filed");
    let rated = c("rated");
    Ok(ProposalStats {
        scope_label,
        received: c("received"),
        received_collective: c("received_collective"),
        received_members: c("received_members"),
        during_plenary: c("during_plenary"),
        filed,
        filed_collective: c("filed_collective"),
        filed_members: c("filed_members"),
        not_filed: c("not_filed"),
        merged: c("merged"),
        pending_review: c("pending_review"),
        withdrawn: c("withdrawn"),
        filing_rate: rate(filed, c("received")),
        filed_collective_share: rate(c("filed_collective"), filed),
        filed_members_share: rate(c("filed_members"), filed),
        assigned: c("assigned"),
        key_proposals: c("key_proposals"),
        talked: c("talked"),
        talk_rate: rate(c("talked"), filed),
        answered: c("answered"),
        answer_rate: rate(c("answered"), filed),
        rated,
        satisfied: c("satisfied"),
        basically_satisfied: c("basically_satisfied"),
        unsatisfied: c("unsatisfied"),
        satisfaction_rate: rate(c("satisfied") + c("basically_satisfied"), rated),
        visited: c("visited"),
        visit_rate: rate(c("visited"), filed),
        overdue: c("overdue"),
        by_outcome: rows("outcome:", &outcome_codes, &|code| {
            NotFiledOutcome::from_code(code).map_or(code.to_string(), |o| o.label().to_string())
        }),
        by_category: rows("category:", &settings.categories, &|n| n.to_string()),
        by_sector: rows("sector:", &sectors, &|n| n.to_string()),
        by_unit: rows("unit:", &units, &|n| n.to_string()),
        by_answer_class: rows("class:", &class_codes, &|code| {
            let i = AnswerClass::ALL.iter().position(|c| c.code() == code).unwrap_or(0);
            format!("{code}类（{}）", labels.get(i).cloned().unwrap_or_default())
        }),
    })
}

fn scope_label(conn: &Connection, scope: &StatsScope) -> Result<String> {
    let mut parts = Vec::new();
    if let Some(s) = scope.session_id {
        let name: String = conn
            .query_row("SELECT name FROM sessions WHERE id = ?1", [s], |r| r.get(0))
            .map_err(|_| Error::not_found("次会议", s))?;
        parts.push(format!("{name}以来"));
    }
    match (scope.from.as_deref(), scope.to.as_deref()) {
        (Some(f), Some(t)) => parts.push(format!("{}至{}", super::date_label(f), super::date_label(t))),
        (Some(f), None) => parts.push(format!("{}以来", super::date_label(f))),
        (None, Some(t)) => parts.push(format!("截至{}", super::date_label(t))),
        (None, None) => {}
    }
    Ok(if parts.is_empty() { "全部提案".to_string() } else { parts.join("，") })
}

/// The scope of a calendar year.
pub fn year_scope(year: i32) -> StatsScope {
    StatsScope { session_id: None, from: Some(format!("{year:04}-01-01")), to: Some(format!("{year:04}-12-31")) }
}
