//! The year's figures of 社情民意: items, issues, published, adopted, instructed; per source
//! and per member.

use rusqlite::Connection;

use super::types::*;
use crate::error::Result;

/// The figures of a year. Items count by the date received (withdrawn ones left out); issues by
/// their year; an item adopted or instructed several times counts once.
pub fn stats(conn: &Connection, year: i32) -> Result<SqmyStats> {
    let y = format!("{year:04}");
    let one = |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [&y], |r| r.get(0))?) };
    const ITEMS: &str = "FROM sqmy_items i WHERE substr(i.received_on, 1, 4) = ?1 AND i.withdrawn_at IS NULL";
    let items = one(&format!("SELECT count(*) {ITEMS}"))?;
    let issues = one("SELECT count(*) FROM sqmy_issues WHERE year = CAST(?1 AS INTEGER)")?;
    let published = one(&format!("SELECT count(*) {ITEMS} AND i.issue_id IS NOT NULL"))?;
    let adopted = one(&format!(
        "SELECT count(*) {ITEMS} AND EXISTS (SELECT 1 FROM sqmy_outcomes o WHERE o.item_id = i.id AND o.kind = 'adopted')"
    ))?;
    let instructed = one(&format!(
        "SELECT count(*) {ITEMS} AND EXISTS (SELECT 1 FROM sqmy_outcomes o WHERE o.item_id = i.id AND o.kind = 'instructed')"
    ))?;
    let from_members =
        one(&format!("SELECT count(*) {ITEMS} AND EXISTS (SELECT 1 FROM sqmy_item_members m WHERE m.item_id = i.id)"))?;
    let from_proposals = one(&format!("SELECT count(*) {ITEMS} AND i.source = 'proposal'"))?;
    let mut stmt = conn.prepare(
        "SELECT m.id, m.name, count(*),
                sum(i.issue_id IS NOT NULL),
                sum(EXISTS (SELECT 1 FROM sqmy_outcomes o WHERE o.item_id = i.id AND o.kind = 'adopted')),
                sum(EXISTS (SELECT 1 FROM sqmy_outcomes o WHERE o.item_id = i.id AND o.kind = 'instructed'))
           FROM sqmy_item_members im JOIN members m ON m.id = im.member_id
           JOIN sqmy_items i ON i.id = im.item_id
          WHERE substr(i.received_on, 1, 4) = ?1 AND i.withdrawn_at IS NULL
          GROUP BY m.id ORDER BY count(*) DESC, m.roster_order, m.id",
    )?;
    let by_member = stmt
        .query_map([&y], |r| {
            Ok(SqmyMemberStats {
                member_id: r.get(0)?,
                name: r.get(1)?,
                items: r.get(2)?,
                published: r.get(3)?,
                adopted: r.get(4)?,
                instructed: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(SqmyStats {
        year,
        items,
        issues,
        published,
        adopted,
        instructed,
        from_members,
        from_units: items.saturating_sub(from_members),
        from_proposals,
        by_member,
    })
}
