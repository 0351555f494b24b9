//! Sectors (界别) and discussion groups (小组): pick lists, conveners, and their ids when writing.

use rusqlite::{params, Connection, OptionalExtension};

use super::{get, names, today, NamedCount};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};

/// The 27 sectors in their customary order; others sort after them.
pub const SECTOR_ORDER: &[&str] = &[
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "台盟",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "青联",
    "工商联",
    "科协",
    "台联",
    "侨联",
    "文艺界",
    "科技界",
    "社科界",
    "经济界",
    "农业界",
    "教育界",
    "体育界",
    "新闻出版界",
    "医卫界",
    "对外友好界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
    "特别邀请人士",
];

/// Sectors with the number of members in office today.
pub fn sectors(conn: &Connection) -> Result<Vec<NamedCount>> {
    named(conn, "sectors", "sector_id")
}

/// Discussion groups with the number of members in office today.
pub fn groups(conn: &Connection) -> Result<Vec<NamedCount>> {
    named(conn, "groups", "group_id")
}

fn named(conn: &Connection, table: &str, col: &str) -> Result<Vec<NamedCount>> {
    let convener = if table == "groups" { "(SELECT c.name FROM members c WHERE c.id = t.convener_id)" } else { "NULL" };
    let sql = format!(
        "SELECT t.id, t.name, (SELECT count(*) FROM members m WHERE m.{col} = t.id
            AND m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)), {convener}
         FROM {table} t ORDER BY t.sort_order, t.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([today()], |r| {
        Ok(NamedCount { id: r.get(0)?, name: r.get(1)?, members: r.get(2)?, convener: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes member `member_id` the convener (召集人) of group `group` (by name); None clears it.
pub fn set_group_convener(db: &mut Db, group: &str, member_id: Option<i64>) -> Result<()> {
    let group = names::clean_name(group);
    db.write(|tx| {
        let gid: i64 = tx
            .query_row("SELECT id FROM groups WHERE name = ?1", [&group], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("小组", &group))?;
        if let Some(id) = member_id {
            get(tx, id)?;
        }
        tx.execute("UPDATE groups SET convener_id = ?2 WHERE id = ?1", params![gid, member_id])?;
        tx.audit("group", gid, "convener", None::<&str>, Some(&member_id))
    })
}

/// The id of the sector named `name`, created if new.
pub(crate) fn sector_id(tx: &Tx<'_>, name: &str) -> Result<i64> {
    let order = SECTOR_ORDER.iter().position(|s| *s == name).map_or(1000, |i| i as i64);
    named_id(tx, "sectors", name, order)
}

/// The id of the group named `name`, created if new (第一组 … 第十组 sort by their number).
pub(crate) fn group_id(tx: &Tx<'_>, name: &str) -> Result<i64> {
    named_id(tx, "groups", name, group_order(name))
}

fn group_order(name: &str) -> i64 {
    let digits: String = name.chars().filter(char::is_ascii_digit).collect();
    if let Ok(n) = digits.parse::<i64>() {
        return n;
    }
    let inner: String = name.trim_start_matches('第').trim_end_matches("小组").trim_end_matches('组').into();
    crate::numerals::parse_numeral(&inner).map_or(1000, i64::from)
}

fn named_id(tx: &Tx<'_>, table: &str, name: &str, order: i64) -> Result<i64> {
    let found: Option<i64> = tx
        .prepare_cached(&format!("SELECT id FROM {table} WHERE name = ?1"))?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    tx.execute(&format!("INSERT INTO {table} (name, sort_order) VALUES (?1, ?2)"), params![name, order])?;
    let id = tx.last_insert_rowid();
    tx.audit(table.trim_end_matches('s'), id, "create", None::<&str>, Some(name))?;
    Ok(id)
}
