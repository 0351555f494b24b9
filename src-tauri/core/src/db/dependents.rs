//! What points at a row: before a record is removed, every row of every table whose foreign key
//! names it is counted, so that removal is refused with a message that says what depends on it —
//! never a silent cascade. The tables are read from the schema itself (`pragma_foreign_key_list`),
//! so a table added by a later migration is counted too, even before it has a label here.

use rusqlite::Connection;

use crate::error::Result;

/// Rows of one kind that point at the rows being removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependent {
    pub table: String,
    pub column: String,
    pub count: u32,
}

impl Dependent {
    /// What a clerk calls these rows, with the counting word: («签到记录», «条»).
    pub fn label(&self) -> (&'static str, &'static str) {
        match (self.table.as_str(), self.column.as_str()) {
            ("attendance_events", _) => ("签到记录", "条"),
            ("leave_sittings", _) | ("leaves", _) => ("请假记录", "条"),
            ("attendance_closures", _) => ("结束考勤记录", "次"),
            ("attendance_expected", _) => ("已结束场次的应到名单", "个"),
            ("remarks", _) => ("发言意见", "条"),
            ("minutes", _) => ("纪要", "份"),
            ("bulletin_remarks", _) => ("简报中的引用", "处"),
            ("sqmy_item_members", _) => ("社情民意信息", "条"),
            ("sittings", _) => ("场次", "个"),
            ("meetings", _) => ("会议", "个"),
            ("reports", _) => ("报告", "份"),
            ("opinions", _) => ("协商意见", "条"),
            ("report_sections", _) => ("报告章节", "节"),
            ("opinion_undo", _) => ("整理操作记录", "条"),
            ("membership_events", _) => ("任职变动记录", "条"),
            ("groups", "convener_id") => ("小组召集人职务", "个"),
            ("members", "sector_id") => ("委员（界别）", "名"),
            ("members", "group_id") => ("委员（小组）", "名"),
            ("sitting_members", _) => ("场次指定出席安排", "个"),
            ("sitting_invitees", _) => ("场次列席安排", "个"),
            ("sitting_groups", _) => ("场次指定小组安排", "个"),
            ("agenda_items", _) => ("议程", "项"),
            _ => ("其他记录", "条"),
        }
    }
}

/// «签到记录 12 条、请假记录 2 条».
pub fn describe(deps: &[Dependent]) -> String {
    let mut parts: Vec<(&str, &str, u32)> = Vec::new();
    for d in deps {
        let (what, unit) = d.label();
        match parts.iter_mut().find(|p| p.0 == what) {
            Some(p) => p.2 += d.count,
            None => parts.push((what, unit, d.count)),
        }
    }
    parts.iter().map(|(what, unit, n)| format!("{what} {n} {unit}")).collect::<Vec<_>>().join("、")
}

/// Every table and column that holds a foreign key to `table`.
fn referencing(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = ?1 ORDER BY m.name, f.\"from\"",
    )?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The rows of other tables pointing at rows `ids` of `table`, leaving out the tables in `owned`
/// (the record's own parts, removed with it). Only kinds with at least one row are returned.
pub fn dependents(conn: &Connection, table: &str, ids: &[i64], owned: &[&str]) -> Result<Vec<Dependent>> {
    let mut out = Vec::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    for (t, c) in referencing(conn, table)? {
        if owned.contains(&t.as_str()) {
            continue;
        }
        // Table and column names come from the schema, the ids are integers: nothing from the user.
        let sql = format!("SELECT count(*) FROM \"{t}\" WHERE \"{c}\" IN ({list})");
        let count: u32 = conn.query_row(&sql, [], |r| r.get(0))?;
        if count > 0 {
            out.push(Dependent { table: t, column: c, count });
        }
    }
    Ok(out)
}
