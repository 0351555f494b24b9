//! Reading the list: opinions with their remarks, and the board the consolidation page shows.

use std::collections::HashMap;

use rusqlite::Connection;

use super::undo::undo_state;

use crate::error::{Error, Result};
use crate::opinions::remarks::group_speaker_name;
use crate::opinions::reports::get_report;
use crate::opinions::types::*;

/// A report's opinions in order, each with its remarks, speakers, groups and feedback.
pub fn list_opinions(conn: &Connection, report_id: i64) -> Result<Vec<Opinion>> {
    load_opinions(conn, "o.report_id = ?1", report_id)
}

pub fn get_opinion(conn: &Connection, opinion_id: i64) -> Result<Opinion> {
    load_opinions(conn, "o.id = ?1", opinion_id)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::not_found("协商意见", opinion_id))
}

fn load_opinions(conn: &Connection, cond: &str, arg: i64) -> Result<Vec<Opinion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT o.id, o.report_id, o.seq, o.topic, o.text,
                f.receiving_body, f.sent_on, f.adoption, f.reply
           FROM opinions o LEFT JOIN opinion_feedback f ON f.opinion_id = o.id
          WHERE {cond} ORDER BY o.seq, o.id"
    ))?;
    let rows = stmt
        .query_map([arg], |r| {
            let adoption: Option<String> = r.get(7)?;
            Ok((
                Opinion {
                    id: r.get(0)?,
                    report_id: r.get(1)?,
                    number: r.get(2)?,
                    topic: r.get(3)?,
                    text: r.get(4)?,
                    remarks: Vec::new(),
                    speakers: Vec::new(),
                    groups: Vec::new(),
                    feedback: OpinionFeedback {
                        receiving_body: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        sent_on: r.get(6)?,
                        adoption: None,
                        reply: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    },
                },
                adoption,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut opinions = Vec::with_capacity(rows.len());
    for (mut o, adoption) in rows {
        o.feedback.adoption = adoption.as_deref().map(Adoption::parse).transpose()?;
        opinions.push(o);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.opinion_id, r.id, r.speaker_id, m.member_no, m.name, g.name, st.title, r.text
           FROM opinions o JOIN opinion_remarks l ON l.opinion_id = o.id
           JOIN remarks r ON r.id = l.remark_id
           JOIN sittings st ON st.id = r.sitting_id
           LEFT JOIN members m ON m.id = r.speaker_id
           LEFT JOIN groups g ON g.id = r.group_id
          WHERE {cond} ORDER BY l.opinion_id, l.seq"
    ))?;
    let mut by_opinion: HashMap<i64, Vec<RemarkRef>> = HashMap::new();
    let mut rows = stmt.query([arg])?;
    while let Some(r) = rows.next()? {
        let speaker_id: Option<i64> = r.get(2)?;
        let name: Option<String> = r.get(4)?;
        let group: String = r.get::<_, Option<String>>(5)?.unwrap_or_default();
        by_opinion.entry(r.get(0)?).or_default().push(RemarkRef {
            id: r.get(1)?,
            speaker_id,
            member_no: r.get(3)?,
            speaker_name: match (speaker_id, name) {
                (Some(_), Some(n)) => n,
                _ => group_speaker_name(&group),
            },
            group_name: group,
            sitting_title: r.get(6)?,
            text: r.get(7)?,
        });
    }
    for o in &mut opinions {
        o.remarks = by_opinion.remove(&o.id).unwrap_or_default();
        for r in &o.remarks {
            let speaker =
                RemarkSpeaker { id: r.speaker_id, member_no: r.member_no.clone(), name: r.speaker_name.clone() };
            if !o.speakers.contains(&speaker) {
                o.speakers.push(speaker);
            }
            if !r.group_name.is_empty() && !o.groups.contains(&r.group_name) {
                o.groups.push(r.group_name.clone());
            }
        }
    }
    Ok(opinions)
}

/// The consolidation screen's state of one report.
pub fn board(conn: &Connection, report_id: i64) -> Result<OpinionBoard> {
    let (undo_label, undo_depth) = undo_state(conn, report_id)?;
    Ok(OpinionBoard {
        report: get_report(conn, report_id)?,
        opinions: list_opinions(conn, report_id)?,
        undo_label,
        undo_depth,
    })
}
