//! The year's two streams that other modules keep: proposals (提案, counted by `proposals`' own
//! statistics, so the work report and the 提案 page always agree) and 社情民意信息 (items and the
//! issues of 《社情民意》). Each figure lists the records behind it, as every other section's.
//!
//! Proposals count by session: the sessions (次会议) held in the period bring the proposals made
//! since them («六届四次会议以来»), during the plenary and through the year.

use rusqlite::{params, Connection};

use super::figures::SESSION_DATE;
use super::types::*;
use crate::documents::chinese_date;
use crate::error::Result;
use crate::proposals::{list_proposals, proposal_stats, ProposalFilter, StatsScope};

/// The proposals' stable keys, their labels and the figure of the proposals' statistics behind
/// each count (rates list no records).
const PROPOSAL_COUNTS: &[(&str, &str, &str)] = &[
    ("proposals_received", "收到提案", "received"),
    ("proposals_received_collective", "收到集体提案", "received_collective"),
    ("proposals_received_members", "收到委员提案", "received_members"),
    ("proposals_filed", "立案", "filed"),
    ("proposals_filed_collective", "立案的集体提案", "filed_collective"),
    ("proposals_filed_members", "立案的委员提案", "filed_members"),
    ("proposals_not_filed", "不予立案", "not_filed"),
    ("proposals_answered", "已答复", "answered"),
];
const PROPOSAL_RATES: &[(&str, &str)] = &[
    ("proposals_filing_rate", "立案率"),
    ("proposals_filed_collective_share", "集体提案占立案总数"),
    ("proposals_filed_members_share", "委员提案占立案总数"),
    ("proposals_consulted_rate", "面商率"),
    ("proposals_answered_rate", "办复率"),
    ("proposals_revisited_rate", "回访率"),
    ("proposals_satisfaction_rate", "满意率"),
];
const SQMY: &[(&str, &str, &str)] = &[
    ("sqmy_items", "收集社情民意信息", "条"),
    ("sqmy_issues", "编发《社情民意》", "期"),
    ("sqmy_adopted", "社情民意信息被采用", "条"),
    ("sqmy_instructed", "社情民意信息获领导批示", "条"),
];

/// The stable keys of these two sections, in order.
pub fn keys() -> Vec<&'static str> {
    let mut k: Vec<&str> = PROPOSAL_COUNTS.iter().map(|(k, _, _)| *k).collect();
    k.extend(PROPOSAL_RATES.iter().map(|(k, _)| *k));
    k.extend(SQMY.iter().map(|(k, _, _)| *k));
    k
}

/// The sessions held in the period, oldest first.
fn sessions(conn: &Connection, period: &Period) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT se.id, se.name FROM sessions se WHERE {SESSION_DATE} BETWEEN ?1 AND ?2 ORDER BY {SESSION_DATE}, se.id"
    ))?;
    let rows = stmt.query_map(params![period.from, period.to], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn ratio(n: u32, d: u32) -> f64 {
    if d == 0 {
        0.0
    } else {
        f64::from(n) / f64::from(d)
    }
}

/// 提案: received, filed and not, by whom, and the rates of the work report (立案率, the shares of
/// the filed, 面商率, 办复率, 回访率, 满意率), over the sessions held in the period.
pub fn proposals(conn: &Connection, period: &Period) -> Result<Section> {
    let today = crate::roster::today();
    let mut t = [0u32; 13];
    for (id, _) in sessions(conn, period)? {
        let s = proposal_stats(conn, &StatsScope { session_id: Some(id), from: None, to: None }, &today)?;
        let add = [
            s.received,
            s.received_collective,
            s.received_members,
            s.filed,
            s.filed_collective,
            s.filed_members,
            s.not_filed,
            s.answered,
            s.talked,
            s.visited,
            s.rated,
            s.satisfied + s.basically_satisfied,
            0,
        ];
        for (a, b) in t.iter_mut().zip(add) {
            *a += b;
        }
    }
    let [received, _, _, filed, filed_collective, filed_members, _, answered, talked, visited, rated, content, _] = t;
    let mut figures: Vec<Figure> = PROPOSAL_COUNTS
        .iter()
        .zip(t)
        .map(|((key, label, _), n)| Figure::count(key, label, i64::from(n), "件"))
        .collect();
    let rates = [
        ratio(filed, received),
        ratio(filed_collective, filed),
        ratio(filed_members, filed),
        ratio(talked, filed),
        ratio(answered, filed),
        ratio(visited, filed),
        ratio(content, rated),
    ];
    figures.extend(PROPOSAL_RATES.iter().zip(rates).map(|((key, label), r)| Figure::rate(key, label, r)));
    Ok(Section { key: "proposals".into(), title: "提案工作".into(), figures })
}

/// 社情民意: the items received in the period (withdrawn ones left out), the issues of
/// 《社情民意》 dated in it, and the items adopted (采用) or instructed (批示).
pub fn sqmy(conn: &Connection, period: &Period) -> Result<Section> {
    let mut figures = Vec::with_capacity(SQMY.len());
    for (key, label, unit) in SQMY {
        let n = sqmy_records(conn, period, key)?.len();
        figures.push(Figure::count(key, label, n as i64, unit));
    }
    Ok(Section { key: "sqmy".into(), title: "社情民意信息".into(), figures })
}

/// The records behind a figure of these sections; None when `key` is not one of theirs.
pub fn records(conn: &Connection, period: &Period, key: &str) -> Result<Option<Vec<FigureRecord>>> {
    if let Some((_, _, figure)) = PROPOSAL_COUNTS.iter().find(|(k, _, _)| *k == key) {
        let today = crate::roster::today();
        let mut out = Vec::new();
        for (id, _) in sessions(conn, period)? {
            let filter = ProposalFilter { session_id: Some(id), figure: Some((*figure).into()), ..Default::default() };
            out.extend(list_proposals(conn, &filter, &today)?.into_iter().map(|p| {
                FigureRecord {
                    kind: "提案".into(),
                    id: p.id,
                    date: chinese_date(&p.received_on),
                    title: p.title,
                    detail: [p.number_label, p.submitter_label]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                }
            }));
        }
        return Ok(Some(out));
    }
    if PROPOSAL_RATES.iter().any(|(k, _)| *k == key) {
        return Ok(Some(Vec::new()));
    }
    if SQMY.iter().any(|(k, _, _)| *k == key) {
        return Ok(Some(sqmy_records(conn, period, key)?));
    }
    Ok(None)
}

fn sqmy_records(conn: &Connection, period: &Period, key: &str) -> Result<Vec<FigureRecord>> {
    let outcome = |kind: &str| {
        format!(
            "SELECT i.id, i.received_on, i.title,
                    (SELECT group_concat(o.by_whom, '、') FROM sqmy_outcomes o WHERE o.item_id = i.id AND o.kind = '{kind}')
             FROM sqmy_items i
             WHERE i.withdrawn_at IS NULL AND i.received_on BETWEEN ?1 AND ?2
               AND EXISTS (SELECT 1 FROM sqmy_outcomes o WHERE o.item_id = i.id AND o.kind = '{kind}')
             ORDER BY i.received_on, i.id"
        )
    };
    let (sql, kind) = match key {
        "sqmy_items" => (
            "SELECT i.id, i.received_on, i.title,
                    CASE WHEN s.id IS NULL THEN '未编发' ELSE s.year || '年第' || s.number || '期' END
             FROM sqmy_items i LEFT JOIN sqmy_issues s ON s.id = i.issue_id
             WHERE i.withdrawn_at IS NULL AND i.received_on BETWEEN ?1 AND ?2 ORDER BY i.received_on, i.id"
                .to_string(),
            "社情民意信息",
        ),
        "sqmy_issues" => (
            "SELECT s.id, s.date, '《社情民意》' || s.year || '年第' || s.number || '期',
                    (SELECT count(*) FROM sqmy_items i WHERE i.issue_id = s.id) || '条信息'
             FROM sqmy_issues s WHERE s.date BETWEEN ?1 AND ?2 ORDER BY s.date, s.id"
                .to_string(),
            "《社情民意》",
        ),
        "sqmy_adopted" => (outcome("adopted"), "被采用的信息"),
        _ => (outcome("instructed"), "获批示的信息"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![period.from, period.to], |r| {
        let date: String = r.get(1)?;
        Ok(FigureRecord {
            kind: kind.into(),
            id: r.get(0)?,
            date: chinese_date(&date),
            title: r.get(2)?,
            detail: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
