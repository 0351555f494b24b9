//! 社情民意信息: short reports of public opinion sent in by members (alone or jointly) or units,
//! recorded as items; edited into numbered issues of the bulletin 《社情民意》 (第N期 within a
//! year, one or more items an issue) which are sent up (报送); and their outcomes, 采用 (by
//! whom) and 批示 (which leader, summary). Statistics per year and per member, and the issue
//! printed in the bulletin format of the documents engine.
//!
//! Nothing is deleted: an item recorded by mistake is withdrawn (撤回) with a reason, and only
//! while no issue carries it. Every change is audited.
//!
//! `mod.rs`: items and outcomes; `issues.rs`: issues; `stats.rs`; `render.rs`; `demo.rs`.

pub mod demo;
mod issues;
mod render;
mod stats;
mod types;

pub use demo::load_demo;
pub use issues::{create_issue, get_issue, issue_label, list_issues, mark_sent};
pub use render::{export_issue, issue_doc};
pub use stats::stats;
pub use types::*;

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

fn date(field: &str, s: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| Error::invalid(field, format!("“{}”应写作 2020-03-05 的形式", s.trim())))
}

/// The input as stored: text cleaned, the date checked, members listed once each.
fn normalise(input: &SqmyItemInput) -> Result<SqmyItemInput> {
    let title = crate::text::clean_line(&input.title).trim().to_string();
    if title.is_empty() {
        return Err(Error::invalid("标题", "不能为空"));
    }
    let mut members = Vec::new();
    for m in &input.member_ids {
        if !members.contains(m) {
            members.push(*m);
        }
    }
    let unit = crate::text::clean_line(&input.unit).trim().to_string();
    match (members.is_empty(), unit.is_empty()) {
        (true, true) => return Err(Error::invalid("报送人", "请选择报送的委员，或填写报送单位")),
        (false, false) => return Err(Error::invalid("报送人", "委员报送和单位报送只能选一种")),
        _ => {}
    }
    Ok(SqmyItemInput {
        title,
        // Pasted from Word/WPS: cleaned as remarks are.
        content: crate::opinions::clean_pasted(&input.content),
        member_ids: members,
        unit,
        received_on: date("收到日期", &input.received_on)?,
        source: input.source,
        from_proposal: input.from_proposal,
    })
}

/// Adds an item inside the caller's transaction and returns its id: the seam for another
/// module's action that creates one (a proposal not filed, 不予立案 → 社情民意信息, passes
/// `source: SqmySource::Proposal` and `from_proposal: Some(id)`), so both are written together.
pub fn add_item_in(tx: &Tx<'_>, input: &SqmyItemInput) -> Result<i64> {
    let input = normalise(input)?;
    for m in &input.member_ids {
        let found: Option<i64> = tx.query_row("SELECT id FROM members WHERE id = ?1", [m], |r| r.get(0)).optional()?;
        found.ok_or_else(|| Error::not_found("委员", m))?;
    }
    let at = now();
    tx.execute(
        "INSERT INTO sqmy_items (title, content, unit, received_on, source, from_proposal, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            input.title,
            input.content,
            input.unit,
            input.received_on,
            input.source.code(),
            input.from_proposal,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (seq, m) in input.member_ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO sqmy_item_members (item_id, member_id, seq) VALUES (?1, ?2, ?3)",
            params![id, m, seq as i64 + 1],
        )?;
    }
    tx.audit(
        "sqmy_item",
        id,
        "create",
        None::<&()>,
        Some(&serde_json::json!({
            "title": input.title, "content": input.content, "member_ids": input.member_ids, "unit": input.unit,
            "received_on": input.received_on, "source": input.source.label(), "from_proposal": input.from_proposal
        })),
    )?;
    Ok(id)
}

/// Records a 社情民意 item (the window's and the CLI's «登记»).
pub fn add_item(db: &mut Db, input: &SqmyItemInput) -> Result<SqmyItem> {
    normalise(input)?;
    let id = db.write(|tx| add_item_in(tx, input))?;
    get_item(db.conn(), id)
}

/// Withdraws an item recorded by mistake (撤回), with a reason; refused once an issue carries it.
pub fn withdraw_item(db: &mut Db, id: i64, reason: &str) -> Result<()> {
    let reason = crate::text::clean_line(reason).trim().to_string();
    if reason.is_empty() {
        return Err(Error::invalid("撤回原因", "请写明撤回的原因"));
    }
    db.write(|tx| {
        let item = get_item(tx, id)?;
        if item.withdrawn_reason.is_some() {
            return Err(Error::Conflict(format!("“{}”已经撤回", item.title)));
        }
        if let Some(label) = &item.issue_label {
            return Err(Error::Conflict(format!("“{}”已编入《社情民意》{label}，不能撤回", item.title)));
        }
        tx.execute(
            "UPDATE sqmy_items SET withdrawn_at = ?1, withdrawn_reason = ?2, updated_at = ?1 WHERE id = ?3",
            params![now(), reason, id],
        )?;
        tx.audit("sqmy_item", id, "withdraw", None::<&()>, Some(&serde_json::json!({ "reason": reason })))
    })
}

/// Records 采用 or 批示 of an item; the item must have been sent up in an issue first.
pub fn record_outcome(db: &mut Db, item_id: i64, input: &SqmyOutcomeInput) -> Result<SqmyItem> {
    let by = crate::text::clean_line(&input.by_whom).trim().to_string();
    if by.is_empty() {
        let what = match input.kind {
            OutcomeKind::Adopted => "采用单位",
            OutcomeKind::Instructed => "批示领导",
        };
        return Err(Error::invalid(what, "不能为空"));
    }
    let when = input.date.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(|d| date("日期", d)).transpose()?;
    let summary = crate::text::clean_multiline(&input.summary).trim().to_string();
    db.write(|tx| {
        let item = get_item(tx, item_id)?;
        let sent: Option<String> = match item.issue_id {
            Some(issue) => tx.query_row("SELECT sent_on FROM sqmy_issues WHERE id = ?1", [issue], |r| r.get(0))?,
            None => None,
        };
        if sent.is_none() {
            return Err(Error::Conflict(format!(
                "“{}”还没有编入《社情民意》报送，不能登记{}",
                item.title,
                input.kind.label()
            )));
        }
        tx.execute(
            "INSERT INTO sqmy_outcomes (item_id, kind, by_whom, summary, date, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![item_id, input.kind.code(), by, summary, when, now()],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit(
            "sqmy_outcome",
            id,
            "create",
            None::<&()>,
            Some(&serde_json::json!({
                "item_id": item_id, "kind": input.kind.label(), "by_whom": by, "summary": summary, "date": when
            })),
        )
    })?;
    get_item(db.conn(), item_id)
}

const ITEM_SELECT: &str =
    "SELECT i.id, i.title, i.content, i.unit, i.received_on, i.source, i.from_proposal, i.issue_id,
        s.year, s.number, i.withdrawn_reason
   FROM sqmy_items i LEFT JOIN sqmy_issues s ON s.id = i.issue_id";

fn item_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SqmyItem> {
    let source: String = r.get(5)?;
    let year: Option<i32> = r.get(8)?;
    let number: Option<u32> = r.get(9)?;
    Ok(SqmyItem {
        id: r.get(0)?,
        title: r.get(1)?,
        content: r.get(2)?,
        members: Vec::new(),
        unit: r.get(3)?,
        submitter: String::new(),
        received_on: r.get(4)?,
        source: SqmySource::from_code(&source).unwrap_or(SqmySource::Other),
        from_proposal: r.get(6)?,
        issue_id: r.get(7)?,
        issue_label: year.zip(number).map(|(y, n)| issue_label(y, n)),
        outcomes: Vec::new(),
        withdrawn_reason: r.get(10)?,
    })
}

fn fill(conn: &Connection, item: &mut SqmyItem) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name FROM sqmy_item_members im JOIN members m ON m.id = im.member_id
          WHERE im.item_id = ?1 ORDER BY im.seq",
    )?;
    item.members = stmt
        .query_map([item.id], |r| Ok(SqmyMember { id: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    item.submitter = if item.members.is_empty() {
        item.unit.clone()
    } else {
        item.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join("、")
    };
    let mut stmt = conn
        .prepare_cached("SELECT id, kind, by_whom, summary, date FROM sqmy_outcomes WHERE item_id = ?1 ORDER BY id")?;
    item.outcomes = stmt
        .query_map([item.id], |r| {
            let kind: String = r.get(1)?;
            Ok(SqmyOutcome {
                id: r.get(0)?,
                kind: OutcomeKind::from_code(&kind).unwrap_or(OutcomeKind::Adopted),
                by_whom: r.get(2)?,
                summary: r.get(3)?,
                date: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(())
}

pub fn get_item(conn: &Connection, id: i64) -> Result<SqmyItem> {
    let mut item = conn
        .query_row(&format!("{ITEM_SELECT} WHERE i.id = ?1"), [id], item_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("社情民意信息", id))?;
    fill(conn, &mut item)?;
    Ok(item)
}

/// The items received in a year (every year when `None`), oldest first; withdrawn ones only
/// when asked.
pub fn list_items(conn: &Connection, year: Option<i32>, withdrawn: bool) -> Result<Vec<SqmyItem>> {
    items_where(
        conn,
        "(?1 IS NULL OR substr(i.received_on, 1, 4) = ?1) AND (?2 OR i.withdrawn_at IS NULL)",
        params![year.map(|y| format!("{y:04}")), withdrawn],
    )
}

/// The years in which items (not withdrawn) were received, newest first: what the page offers to
/// choose from, without reading the items of every year.
pub fn item_years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT CAST(substr(received_on, 1, 4) AS INTEGER) AS y FROM sqmy_items
         WHERE withdrawn_at IS NULL ORDER BY y DESC",
    )?;
    let years = stmt.query_map([], |r| r.get::<_, i32>(0))?.collect::<rusqlite::Result<Vec<i32>>>()?;
    Ok(years)
}

/// The items a member sent in (alone or jointly), received between `from` and `to` (inclusive),
/// oldest first; withdrawn ones left out. Read by member, for the member's record (履职档案).
pub fn member_items(conn: &Connection, member_id: i64, from: &str, to: &str) -> Result<Vec<SqmyItem>> {
    items_where(
        conn,
        "i.id IN (SELECT item_id FROM sqmy_item_members WHERE member_id = ?1)
           AND i.received_on BETWEEN ?2 AND ?3 AND i.withdrawn_at IS NULL",
        params![member_id, from, to],
    )
}

/// The items matching `cond` (on `i`), oldest first, complete.
fn items_where(conn: &Connection, cond: &str, args: impl rusqlite::Params) -> Result<Vec<SqmyItem>> {
    let mut stmt = conn.prepare_cached(&format!("{ITEM_SELECT} WHERE {cond} ORDER BY i.received_on, i.id"))?;
    let mut items = stmt.query_map(args, item_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    for item in &mut items {
        fill(conn, item)?;
    }
    Ok(items)
}

#[cfg(test)]
mod tests;
