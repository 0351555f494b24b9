//! Issues of 《社情民意》: numbered 第N期 within a year (never reused), each carrying one or more
//! items that no other issue carries, and their sending up (报送: date and to whom).

use rusqlite::{params, Connection, OptionalExtension};

use super::types::*;
use super::{date, get_item};
use crate::db::{now, Db};
use crate::error::{Error, Result};

/// «2020年第3期»
pub fn issue_label(year: i32, number: u32) -> String {
    format!("{year}年第{number}期")
}

pub fn get_issue(conn: &Connection, id: i64) -> Result<SqmyIssue> {
    let mut issue = conn
        .query_row("SELECT id, year, number, date, sent_on, sent_to, cc FROM sqmy_issues WHERE id = ?1", [id], |r| {
            Ok(SqmyIssue {
                id: r.get(0)?,
                year: r.get(1)?,
                number: r.get(2)?,
                date: r.get(3)?,
                sent_on: r.get(4)?,
                sent_to: r.get(5)?,
                cc: r.get(6)?,
                items: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found("《社情民意》", id))?;
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM sqmy_items WHERE issue_id = ?1 ORDER BY issue_seq")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for item in ids {
        let i = get_item(conn, item)?;
        issue.items.push(SqmyIssueItem { id: i.id, title: i.title, submitter: i.submitter });
    }
    Ok(issue)
}

/// The issues of a year (every year when `None`), by number.
pub fn list_issues(conn: &Connection, year: Option<i32>) -> Result<Vec<SqmyIssue>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM sqmy_issues WHERE ?1 IS NULL OR year = ?1 ORDER BY year, number")?
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_issue(conn, id)).collect()
}

/// Edits items into a new issue, numbered next in its date's year. Each item must be recorded,
/// not withdrawn and in no other issue. With `sent_to` given, the issue is sent on its date.
pub fn create_issue(db: &mut Db, input: &SqmyIssueInput) -> Result<SqmyIssue> {
    let day = date("日期", &input.date)?;
    let year: i32 = day[..4].parse().map_err(|_| Error::invalid("日期", "年份有误"))?;
    if input.item_ids.is_empty() {
        return Err(Error::invalid("信息", "一期至少编入一条社情民意信息"));
    }
    let mut ids = Vec::new();
    for id in &input.item_ids {
        if ids.contains(id) {
            return Err(Error::invalid("信息", format!("第 {id} 条信息重复编入")));
        }
        ids.push(*id);
    }
    let sent_to = crate::text::clean_line(&input.sent_to).trim().to_string();
    let cc = crate::text::clean_line(&input.cc).trim().to_string();
    let id = db.write(|tx| {
        for item in &ids {
            let i = get_item(tx, *item)?;
            if i.withdrawn_reason.is_some() {
                return Err(Error::Conflict(format!("“{}”已撤回，不能编入", i.title)));
            }
            if let Some(label) = i.issue_label {
                return Err(Error::Conflict(format!("“{}”已编入《社情民意》{label}", i.title)));
            }
        }
        let last: Option<u32> =
            tx.query_row("SELECT max(number) FROM sqmy_issues WHERE year = ?1", [year], |r| r.get(0))?;
        let number = last.unwrap_or(0) + 1;
        let at = now();
        let sent_on = (!sent_to.is_empty()).then(|| day.clone());
        tx.execute(
            "INSERT INTO sqmy_issues (year, number, date, sent_on, sent_to, cc, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![year, number, day, sent_on, sent_to, cc, at],
        )?;
        let id = tx.last_insert_rowid();
        for (seq, item) in ids.iter().enumerate() {
            tx.execute(
                "UPDATE sqmy_items SET issue_id = ?1, issue_seq = ?2, updated_at = ?3 WHERE id = ?4",
                params![id, seq as i64 + 1, at, item],
            )?;
        }
        tx.audit(
            "sqmy_issue",
            id,
            "create",
            None::<&()>,
            Some(&serde_json::json!({
                "year": year, "number": number, "date": day, "item_ids": ids, "sent_on": sent_on,
                "sent_to": sent_to, "cc": cc
            })),
        )?;
        Ok(id)
    })?;
    get_issue(db.conn(), id)
}

/// Records the sending up of an issue (报送): the date and to whom (and 抄送).
pub fn mark_sent(db: &mut Db, id: i64, sent_on: &str, sent_to: &str, cc: Option<&str>) -> Result<SqmyIssue> {
    let day = date("报送日期", sent_on)?;
    let to = crate::text::clean_line(sent_to).trim().to_string();
    if to.is_empty() {
        return Err(Error::invalid("报送", "请写明报送的单位"));
    }
    let old = get_issue(db.conn(), id)?;
    if day < old.date {
        return Err(Error::invalid("报送日期", format!("不能早于本期的日期 {}", old.date)));
    }
    let cc = cc.map(|c| crate::text::clean_line(c).trim().to_string()).unwrap_or_else(|| old.cc.clone());
    db.write(|tx| {
        tx.execute(
            "UPDATE sqmy_issues SET sent_on = ?1, sent_to = ?2, cc = ?3, updated_at = ?4 WHERE id = ?5",
            params![day, to, cc, now(), id],
        )?;
        tx.audit(
            "sqmy_issue",
            id,
            "mark_sent",
            Some(&serde_json::json!({ "sent_on": old.sent_on, "sent_to": old.sent_to, "cc": old.cc })),
            Some(&serde_json::json!({ "sent_on": day, "sent_to": to, "cc": cc })),
        )
    })?;
    get_issue(db.conn(), id)
}
