//! Cutting a package for a station from the committee file, and making a station's database from it.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::json;

use super::container::{self, PACKAGE};
use super::exchange::{self, Filter};
use super::types::*;
use crate::db::{now, Db};
use crate::error::{Error, Result};
use crate::files::Replace;

/// Roster columns a station does not need (the desk searches by name, number, pinyin and shows
/// the card: name, number, sector, group, seat, role): left empty in the package.
const PRIVATE_MEMBER_COLUMNS: [&str; 7] = ["phone", "notes", "workplace", "post", "birth_month", "ethnicity", "party"];

/// The tables a package carries, parents first, with the rows it takes (`?1` = the sittings as
/// JSON, `?2` = the reports' session); None = every row.
fn tables(kind: StationKind) -> Vec<(&'static str, Option<&'static str>)> {
    let mut t: Vec<(&'static str, Option<&'static str>)> = vec![
        ("committee", None),
        ("attendance_rules", None),
        ("sectors", None),
        ("groups", None),
        ("members", None),
        ("membership_events", None),
        ("sessions", None),
        ("meetings", Some("id IN (SELECT meeting_id FROM sittings WHERE id IN (SELECT value FROM json_each(?1)))")),
        ("sittings", Some("id IN (SELECT value FROM json_each(?1))")),
        ("sitting_groups", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        ("sitting_members", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        (
            "invitees",
            Some(
                "id IN (SELECT invitee_id FROM sitting_invitees WHERE sitting_id IN (SELECT value FROM json_each(?1)))",
            ),
        ),
        ("sitting_invitees", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        ("agenda_items", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        ("attendance_events", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        ("attendance_closures", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        ("attendance_expected", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
        (
            "leaves",
            Some("id IN (SELECT leave_id FROM leave_sittings WHERE sitting_id IN (SELECT value FROM json_each(?1)))"),
        ),
        ("leave_sittings", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
    ];
    if kind == StationKind::Recorder {
        t.extend([
            ("reports", Some("session_id = ?2")),
            ("report_sections", Some("report_id IN (SELECT id FROM reports WHERE session_id = ?2)")),
            ("remarks", Some("sitting_id IN (SELECT value FROM json_each(?1))")),
            ("opinions", Some("report_id IN (SELECT id FROM reports WHERE session_id = ?2)")),
            (
                "opinion_remarks",
                Some("remark_id IN (SELECT id FROM remarks WHERE sitting_id IN (SELECT value FROM json_each(?1)))"),
            ),
        ]);
    }
    t
}

fn dump(
    conn: &Connection,
    table: &str,
    filter: Option<&str>,
    sittings: &str,
    session: i64,
) -> Result<serde_json::Value> {
    let sql = format!("SELECT * FROM {table} WHERE {} ORDER BY rowid", filter.unwrap_or("1"));
    let mut stmt = conn.prepare(&sql)?;
    let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
    let n = columns.len();
    let mut params: Vec<Value> = Vec::new();
    if sql.contains("?1") {
        params.push(Value::Text(sittings.to_string()));
    }
    if sql.contains("?2") {
        if params.is_empty() {
            params.push(Value::Null);
        }
        params.push(Value::Integer(session));
    }
    let private: Vec<bool> =
        columns.iter().map(|c| table == "members" && PRIVATE_MEMBER_COLUMNS.contains(&c.as_str())).collect();
    let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
        (0..n)
            .map(|i| {
                let v: Value = r.get(i)?;
                Ok(if private[i] && !matches!(v, Value::Null) {
                    if c_is_nullable(&columns[i]) {
                        serde_json::Value::Null
                    } else {
                        serde_json::Value::String(String::new())
                    }
                } else {
                    exchange::to_json(&v)
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(json!({ "columns": columns, "rows": rows }))
}

fn c_is_nullable(column: &str) -> bool {
    column == "birth_month"
}

fn file_identity(conn: &Connection) -> Result<(String, String, Option<String>)> {
    Ok(conn.query_row("SELECT file_uid, role, manifest FROM sync_identity WHERE id = 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?)
}

fn refuse_on_station(conn: &Connection, what: &str) -> Result<()> {
    let (_, role, _) = file_identity(conn)?;
    if role == "station" {
        return Err(Error::Conflict(format!(
            "这是分站的数据库，不是委员会文件，不能{what}。请在委员会文件（主机）上操作。"
        )));
    }
    Ok(())
}

pub(super) fn refuse_unless_master(conn: &Connection, what: &str) -> Result<()> {
    refuse_on_station(conn, what)
}

fn random_hex(conn: &Connection, bytes: u32) -> Result<String> {
    Ok(conn.query_row(&format!("SELECT lower(hex(randomblob({bytes})))"), [], |r| r.get(0))?)
}

/// The sittings a package covers: those given (a desk), or the group's discussion sittings of
/// the meeting (a recorder), with a name for the station.
fn resolve_scope(conn: &Connection, scope: &PackageScope) -> Result<(StationKind, Vec<i64>, String, Option<i64>)> {
    match scope {
        PackageScope::Desk { sittings } => {
            if sittings.is_empty() {
                return Err(Error::invalid("场次", "请至少选择一个场次"));
            }
            let mut titles = Vec::new();
            let mut ids = Vec::new();
            for id in sittings {
                let title: String = conn
                    .query_row("SELECT title FROM sittings WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| Error::not_found("场次", id))?;
                if !ids.contains(id) {
                    ids.push(*id);
                    titles.push(title);
                }
            }
            Ok((StationKind::Desk, ids, format!("签到台（{}）", titles.join("、")), None))
        }
        PackageScope::Recorder { group, meeting_id } => {
            let group = group.trim();
            let gid: i64 = conn
                .query_row("SELECT id FROM groups WHERE name = ?1", [group], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::not_found("小组", group))?;
            let session: Option<i64> = conn
                .query_row("SELECT session_id FROM meetings WHERE id = ?1", [meeting_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::not_found("会议", meeting_id))?;
            let mut stmt = conn.prepare(
                "SELECT s.id FROM sittings s JOIN sitting_groups sg ON sg.sitting_id = s.id
                  WHERE s.meeting_id = ?1 AND s.kind = 'group_discussion' AND sg.group_id = ?2 ORDER BY s.date, s.seq",
            )?;
            let ids = stmt.query_map([meeting_id, &gid], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            if ids.is_empty() {
                return Err(Error::invalid("小组", format!("该会议没有{group}的分组讨论场次")));
            }
            Ok((StationKind::Recorder, ids, format!("{group}记录"), session))
        }
    }
}

/// Cuts a package for a station and writes it to `path`; the master records it as out.
pub fn export_package(db: &mut Db, scope: &PackageScope, path: &Path, replace: Replace) -> Result<PackageSummary> {
    refuse_on_station(db.conn(), "导出分站数据包")?;
    let committee = crate::committee::get(db.conn())?.ok_or(Error::NoCommittee)?;
    let (kind, sittings, name, session) = resolve_scope(db.conn(), scope)?;
    let sittings_json = serde_json::to_string(&sittings).map_err(|e| Error::internal("分站", e))?;
    let session = session.unwrap_or(0);
    let mut payload = serde_json::Map::new();
    let mut members = 0;
    let mut remarks = 0;
    for (table, filter) in tables(kind) {
        let d = dump(db.conn(), table, filter, &sittings_json, session)?;
        let n = d["rows"].as_array().map_or(0, Vec::len) as u32;
        match table {
            "members" => members = n,
            "remarks" => remarks = n,
            _ => {}
        }
        payload.insert(table.to_string(), d);
    }
    let mut base = exchange::project(db.conn(), &Filter::Sittings(&sittings))?;
    if kind == StationKind::Desk {
        // A desk carries no remarks: none are in its base, so none are handed back as removed.
        base.remove(exchange::REMARKS);
    }
    let (file_uid, _, _) = file_identity(db.conn())?;
    let package_uid = random_hex(db.conn(), 16)?;
    let station_uid = random_hex(db.conn(), 8)?;
    let group = match scope {
        PackageScope::Recorder { group, .. } => Some(group.trim().to_string()),
        PackageScope::Desk { .. } => None,
    };
    let meeting_id = match scope {
        PackageScope::Recorder { meeting_id, .. } => Some(*meeting_id),
        PackageScope::Desk { .. } => None,
    };
    let scope_json = json!({ "sittings": sittings, "group": group, "meeting_id": meeting_id }).to_string();
    let exported_at = now();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO station_packages (package_uid, station_uid, name, kind, scope, exported_at, audit_id, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
            rusqlite::params![package_uid, station_uid, name, kind.as_str(), scope_json, exported_at, tx.operator()],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit(
            "station_package",
            id,
            "export",
            None::<&()>,
            Some(&json!({ "package_uid": package_uid, "name": name, "kind": kind.as_str(), "sittings": sittings,
                          "file": path.display().to_string() })),
        )?;
        let audit_id = tx.last_insert_rowid();
        tx.execute("UPDATE station_packages SET audit_id = ?2 WHERE id = ?1", [id, audit_id])?;
        let manifest = Manifest {
            package_uid: package_uid.clone(),
            station_uid: station_uid.clone(),
            station_name: name.clone(),
            kind,
            committee_name: committee.name.clone(),
            master_uid: file_uid.clone(),
            master_state: audit_id,
            exported_at: exported_at.clone(),
            sittings: sittings.clone(),
            group: group.clone(),
            meeting_id,
            operator: String::new(),
            handed_back_at: String::new(),
        };
        let body = json!({ "tables": payload, "base": exchange::rows_to_json(&base) });
        let bytes = serde_json::to_vec(&body).map_err(|e| Error::internal("导出分站数据包", e))?;
        // Written inside the transaction: a file that could not be written leaves no package «out».
        container::write(path, PACKAGE, &manifest, &bytes, replace)
    })?;
    Ok(PackageSummary {
        station_name: name,
        kind,
        path: path.display().to_string(),
        sittings: sittings.len() as u32,
        members,
        remarks,
    })
}

/// Makes the station's database from a package: `db` must be a new, empty file. The station is
/// marked as such: it is not the committee file, and it cannot cut packages or merge.
pub fn open_package(db: &mut Db, path: &Path) -> Result<StationInfo> {
    let opened = container::read(path, PACKAGE)?;
    if crate::committee::get(db.conn())?.is_some() {
        return Err(Error::Conflict(
            "这个文件已经有委员会的数据，不能用来打开分站数据包。请新建一个空文件作为分站的数据库。".into(),
        ));
    }
    let body: serde_json::Value = serde_json::from_slice(&opened.payload)
        .map_err(|_| Error::BadFile(format!("分站数据包 {} 的内容无法识别，未作任何改动。", path.display())))?;
    let m = opened.manifest;
    let tables = body["tables"].as_object().cloned().unwrap_or_default();
    let base = body["base"].clone();
    let prefix = format!("s{}", random_hex(db.conn(), 8)?);
    let manifest_json = serde_json::to_string(&m).map_err(|e| Error::internal("打开分站数据包", e))?;
    db.write(|tx| {
        tx.execute_batch("PRAGMA defer_foreign_keys = ON; DELETE FROM attendance_rules;")?;
        for (table, _) in tables_in_order(&tables) {
            let t = &tables[table];
            let columns: Vec<String> = t["columns"]
                .as_array()
                .map(|c| c.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            let Some(rows) = t["rows"].as_array() else { continue };
            if columns.is_empty() || rows.is_empty() {
                continue;
            }
            // Only the columns this program knows (a package from a newer program may carry more).
            let known: Vec<String> = {
                let mut stmt = tx.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
                let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
                names
            };
            let keep: Vec<usize> = (0..columns.len()).filter(|i| known.contains(&columns[*i])).collect();
            let cols: Vec<&str> = keep.iter().map(|i| columns[*i].as_str()).collect();
            let marks = vec!["?"; cols.len()].join(", ");
            let mut stmt = tx.prepare(&format!("INSERT INTO {table} ({}) VALUES ({marks})", cols.join(", ")))?;
            for row in rows {
                let Some(vals) = row.as_array() else { continue };
                let vals: Vec<Value> =
                    keep.iter().map(|i| vals.get(*i).map_or(Value::Null, exchange::from_json)).collect();
                stmt.execute(params_from_iter(vals.iter()))?;
            }
        }
        tx.execute(
            "UPDATE sync_identity SET role = 'station', key_prefix = ?1, station_uid = ?2, station_name = ?3,
                    station_kind = ?4, package_uid = ?5, master_uid = ?6, manifest = ?7, base = ?8, opened_at = ?9
              WHERE id = 1",
            rusqlite::params![
                prefix,
                m.station_uid,
                m.station_name,
                m.kind.as_str(),
                m.package_uid,
                m.master_uid,
                manifest_json,
                base.to_string(),
                now()
            ],
        )?;
        tx.audit(
            "station",
            &m.station_uid,
            "open",
            None::<&()>,
            Some(&json!({ "name": m.station_name, "committee": m.committee_name, "file": path.display().to_string() })),
        )
    })?;
    station_info(db.conn())?.ok_or_else(|| Error::internal("打开分站数据包", "station row missing"))
}

/// Tables of a package in the order the program lists them (parents first), known ones only.
fn tables_in_order(tables: &serde_json::Map<String, serde_json::Value>) -> Vec<(&'static str, ())> {
    let mut all = tables_for_open();
    all.retain(|t| tables.contains_key(*t));
    all.into_iter().map(|t| (t, ())).collect()
}

fn tables_for_open() -> Vec<&'static str> {
    tables(StationKind::Recorder).into_iter().map(|(t, _)| t).collect()
}

/// The station this file is, or None for a committee file.
pub fn station_info(conn: &Connection) -> Result<Option<StationInfo>> {
    type Row = (String, Option<String>, Option<String>, Option<String>);
    let row: Option<Row> = conn
        .query_row("SELECT role, manifest, station_kind, opened_at FROM sync_identity WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((role, Some(manifest), kind, opened_at)) = row else { return Ok(None) };
    if role != "station" {
        return Ok(None);
    }
    let m: Manifest = serde_json::from_str(&manifest).map_err(|e| Error::internal("分站信息", e))?;
    Ok(Some(StationInfo {
        station_name: m.station_name,
        kind: kind.as_deref().and_then(StationKind::parse).unwrap_or(m.kind),
        committee_name: m.committee_name,
        opened_at: opened_at.unwrap_or_default(),
        sittings: m.sittings,
        group: m.group,
    }))
}

/// The station's manifest and the base rows (what the package held of the exchanged rows).
pub(super) fn station_manifest(conn: &Connection) -> Result<(Manifest, exchange::Rows)> {
    let (manifest, base): (Option<String>, Option<String>) = conn
        .query_row("SELECT manifest, base FROM sync_identity WHERE id = 1 AND role = 'station'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or((None, None));
    let (Some(manifest), Some(base)) = (manifest, base) else {
        return Err(Error::Conflict("这是委员会文件，不是分站的数据库；只有分站才能导出交回文件。".into()));
    };
    let m: Manifest = serde_json::from_str(&manifest).map_err(|e| Error::internal("分站信息", e))?;
    let base: serde_json::Value = serde_json::from_str(&base).map_err(|e| Error::internal("分站信息", e))?;
    Ok((m, exchange::rows_from_json(&base)))
}

/// The committee file's identity and name, for the merge's checks.
pub(super) fn master_identity(conn: &Connection) -> Result<(String, String)> {
    refuse_on_station(conn, "合并分站文件")?;
    let (uid, _, _) = file_identity(conn)?;
    let name = crate::committee::get(conn)?.ok_or(Error::NoCommittee)?.name;
    Ok((uid, name))
}
