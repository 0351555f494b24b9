//! Drafting a bulletin from what members said: the session's group-discussion sittings, their
//! remarks with speakers (and the bulletins already quoting each), and the body drafted from the
//! remarks the user ticked, in the order the user arranged them, grouped by discussion group:
//! «一、第一组» then «张伟委员说：……». The draft is then edited freely as text.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::meetings::{half_day_order, HalfDay};
use crate::numerals::numeral;

/// The lead phrase between a speaker's name and the remark: «张伟委员说：……».
pub const DEFAULT_LEAD: &str = "委员说：";

/// A sitting whose remarks a bulletin can quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposeSitting {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub meeting_title: String,
    /// YYYY-MM-DD
    pub date: String,
    /// 上午 / 下午 / 晚上
    pub half_day: String,
    /// The discussion groups that sat in it.
    pub groups: Vec<String>,
    /// Remarks recorded in it.
    pub remarks: u32,
}

/// A remark as the composer lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposeRemark {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub sitting_id: i64,
    pub sitting_title: String,
    pub group_name: String,
    /// `None`: the group as a whole.
    #[ts(type = "number | null")]
    pub speaker_id: Option<i64>,
    pub speaker_name: String,
    /// The report the remark is on.
    pub report_title: String,
    pub text: String,
    /// Numbers of the bulletins (of the session) that already quote it.
    pub quoted_in: Vec<u32>,
}

/// Which remarks to draft from, in the user's order, and the lead phrase.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComposeRequest {
    #[ts(type = "number[]")]
    pub remark_ids: Vec<i64>,
    /// «委员说：» when empty; e.g. «委员认为».
    #[serde(default)]
    pub lead: String,
}

/// The session's sittings that hold remarks or are group discussions, in date order.
pub fn compose_sittings(conn: &Connection, session_id: i64) -> Result<Vec<ComposeSitting>> {
    crate::meetings::get_session(conn, session_id)?;
    let mut stmt = conn.prepare(concat!(
        "SELECT st.id, st.title, m.title, st.date, st.half_day,
                (SELECT count(*) FROM remarks r WHERE r.sitting_id = st.id) AS n,
                (SELECT group_concat(g.name, '、') FROM sitting_groups sg JOIN groups g ON g.id = sg.group_id
                  WHERE sg.sitting_id = st.id)
           FROM sittings st JOIN meetings m ON m.id = st.meeting_id
          WHERE m.session_id = ?1 AND (st.kind = 'group_discussion' OR n > 0)
          ORDER BY st.date, ",
        half_day_order!(),
        ", m.id, st.seq"
    ))?;
    let rows = stmt.query_map([session_id], |r| {
        let half: String = r.get(4)?;
        let groups: Option<String> = r.get(6)?;
        Ok(ComposeSitting {
            id: r.get(0)?,
            title: r.get(1)?,
            meeting_title: r.get(2)?,
            date: r.get(3)?,
            half_day: HalfDay::from_code(&half).map(HalfDay::label).unwrap_or("").to_string(),
            groups: groups.map(|g| g.split('、').map(str::to_string).collect()).unwrap_or_default(),
            remarks: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The remarks recorded in the sittings, grouped by group then in the order recorded, with the
/// bulletins already quoting each.
pub fn compose_remarks(conn: &Connection, sitting_ids: &[i64]) -> Result<Vec<ComposeRemark>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.sitting_id, st.title, COALESCE(g.name, ''), r.speaker_id, m.name, rp.title, r.text,
                (SELECT group_concat(b.number, ',') FROM bulletin_remarks br JOIN bulletins b ON b.id = br.bulletin_id
                  WHERE br.remark_id = r.id AND b.deleted_at IS NULL)
           FROM remarks r
           JOIN sittings st ON st.id = r.sitting_id
           JOIN reports rp ON rp.id = r.report_id
           LEFT JOIN groups g ON g.id = r.group_id
           LEFT JOIN members m ON m.id = r.speaker_id
          WHERE r.sitting_id = ?1
          ORDER BY g.sort_order, g.id, r.id",
    )?;
    for sitting in sitting_ids {
        let rows = stmt.query_map([sitting], |r| {
            let group: String = r.get(3)?;
            let speaker_id: Option<i64> = r.get(4)?;
            let name: Option<String> = r.get(5)?;
            let quoted: Option<String> = r.get(8)?;
            let mut quoted_in: Vec<u32> =
                quoted.unwrap_or_default().split(',').filter_map(|n| n.trim().parse().ok()).collect();
            quoted_in.sort_unstable();
            Ok(ComposeRemark {
                id: r.get(0)?,
                sitting_id: r.get(1)?,
                sitting_title: r.get(2)?,
                speaker_name: match (speaker_id, name) {
                    (Some(_), Some(n)) => n,
                    _ => crate::opinions::group_speaker_name(&group),
                },
                group_name: group,
                speaker_id,
                report_title: r.get(6)?,
                text: r.get(7)?,
                quoted_in,
            })
        })?;
        for row in rows {
            let row = row?;
            if !out.iter().any(|x: &ComposeRemark| x.id == row.id) {
                out.push(row);
            }
        }
    }
    Ok(out)
}

/// The body drafted from the remarks, in the order given, grouped by group (groups in the order
/// their first remark comes): «一、第一组», then one paragraph per remark, «<name><lead><text>»;
/// a remark of the group as a whole reads «小组讨论认为：<text>».
pub fn compose_body(conn: &Connection, req: &ComposeRequest) -> Result<String> {
    if req.remark_ids.is_empty() {
        return Err(Error::invalid("引用的发言", "请至少勾选一条发言"));
    }
    let lead = crate::text::clean_line(&req.lead).trim().to_string();
    let lead = if lead.is_empty() { DEFAULT_LEAD.to_string() } else { lead };
    let remarks = crate::opinions::get_remarks(conn, &dedup(&req.remark_ids))?;
    let mut groups: Vec<String> = Vec::new();
    let mut by_group: HashMap<String, Vec<String>> = HashMap::new();
    for r in remarks {
        let group = if r.group_name.is_empty() { "其他".to_string() } else { r.group_name.clone() };
        if !groups.contains(&group) {
            groups.push(group.clone());
        }
        let text = r.text.trim();
        let line = match r.speaker_id {
            Some(_) => format!("{}{lead}{text}", r.speaker_name),
            None => format!("小组讨论认为：{text}"),
        };
        by_group.entry(group).or_default().push(line);
    }
    let mut out = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        out.push(format!("{}、{g}", numeral(i as u32 + 1)));
        out.extend(by_group.remove(g).unwrap_or_default());
    }
    Ok(out.join("\n"))
}

fn dedup(ids: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}
