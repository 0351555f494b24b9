//! The demo's opinion lists: 六届四次会议 (2020) gets its government, court and procuratorate
//! reports with 55, 24 and 25 consolidated opinions, from `assets/demo/opinions-2020.json`. Every
//! remark is recorded and every opinion merged through the same functions the window uses.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use super::types::*;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::meetings::half_day_order;

const DATA: &str = include_str!("../../../../assets/demo/opinions-2020.json");

#[derive(Debug, Deserialize)]
pub(crate) struct DemoData {
    pub term: u32,
    pub session: u32,
    pub reports: Vec<DemoReport>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DemoReport {
    pub kind: ReportKind,
    pub title: String,
    pub issuing_body: String,
    #[serde(default)]
    pub text: String,
    /// Which of a group's discussion sittings the report was discussed in (0 = the first).
    #[serde(default)]
    pub sitting_index: usize,
    pub opinions: Vec<DemoOpinion>,
    #[serde(default)]
    pub set_aside: Vec<DemoSetAside>,
    /// The date the finalised list was sent, if it was.
    #[serde(default)]
    pub sent_on: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DemoOpinion {
    pub topic: String,
    pub text: String,
    /// [委员编号 or 小组 name, remark text]
    pub remarks: Vec<(String, String)>,
    #[serde(default)]
    pub adoption: Option<Adoption>,
    #[serde(default)]
    pub reply: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DemoSetAside {
    pub speaker: String,
    pub text: String,
    pub reason: String,
}

pub(crate) fn data() -> Result<DemoData> {
    serde_json::from_str(DATA).map_err(|e| Error::BadFile(format!("示例数据 opinions-2020.json 有误：{e}")))
}

/// Sitting ids per group id, and all of them.
type SittingsByGroup = (HashMap<i64, Vec<i64>>, Vec<i64>);

/// The group-discussion sittings of a session, per group, in date order.
fn discussion_sittings(conn: &Connection, session_id: i64) -> Result<SittingsByGroup> {
    let mut stmt = conn.prepare(concat!(
        "SELECT st.id, sg.group_id FROM sittings st JOIN meetings m ON m.id = st.meeting_id
           LEFT JOIN sitting_groups sg ON sg.sitting_id = st.id
          WHERE m.session_id = ?1 AND st.kind = 'group_discussion'
          ORDER BY st.date, ",
        half_day_order!(),
        ", st.seq"
    ))?;
    let mut by_group: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut all = Vec::new();
    let rows = stmt
        .query_map([session_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (sitting, group) in rows {
        if !all.contains(&sitting) {
            all.push(sitting);
        }
        if let Some(g) = group {
            let list = by_group.entry(g).or_default();
            if !list.contains(&sitting) {
                list.push(sitting);
            }
        }
    }
    Ok((by_group, all))
}

struct Speakers<'a> {
    conn: &'a Connection,
    by_group: HashMap<i64, Vec<i64>>,
    all_sittings: Vec<i64>,
}

impl Speakers<'_> {
    /// (speaker_id, group_id) for a 委员编号 or a group name («第三组» = the group as a whole).
    fn resolve(&self, who: &str) -> Result<(Option<i64>, Option<i64>)> {
        let member: Option<(i64, Option<i64>)> = self
            .conn
            .query_row("SELECT id, group_id FROM members WHERE member_no = ?1", [who], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, group)) = member {
            return Ok((Some(id), group));
        }
        let group: Option<i64> =
            self.conn.query_row("SELECT id FROM groups WHERE name = ?1", [who], |r| r.get(0)).optional()?;
        match group {
            Some(g) => Ok((None, Some(g))),
            None => Err(Error::BadFile(format!("示例数据 opinions-2020.json：找不到委员或小组“{who}”"))),
        }
    }

    /// The group's `index`-th discussion sitting (its last one if it has fewer), else any.
    fn sitting(&self, group: Option<i64>, index: usize) -> Result<i64> {
        let own = group.and_then(|g| self.by_group.get(&g)).filter(|l| !l.is_empty());
        let list = own.unwrap_or(&self.all_sittings);
        list.get(index.min(list.len().saturating_sub(1)))
            .copied()
            .ok_or_else(|| Error::not_found("分组讨论场次", "六届四次会议"))
    }
}

/// Loads the demo's reports, remarks, opinions and feedback into a database that already holds
/// the demo roster and 六届四次会议 with its group-discussion sittings.
pub fn load_demo(db: &mut Db) -> Result<()> {
    let data = data()?;
    let session_id: i64 = db
        .conn()
        .query_row(
            "SELECT id FROM sessions WHERE term_number = ?1 AND session_number = ?2",
            [data.term, data.session],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("次会议", format!("{}届{}次会议", data.term, data.session)))?;
    let (by_group, all_sittings) = discussion_sittings(db.conn(), session_id)?;
    if all_sittings.is_empty() {
        return Err(Error::not_found("分组讨论场次", "六届四次会议"));
    }
    let speakers = Speakers { conn: db.conn(), by_group, all_sittings };
    // Resolve everyone first (read-only), then write.
    let mut resolved: HashMap<String, (Option<i64>, Option<i64>)> = HashMap::new();
    for r in &data.reports {
        let names = r
            .opinions
            .iter()
            .flat_map(|o| o.remarks.iter().map(|(w, _)| w))
            .chain(r.set_aside.iter().map(|s| &s.speaker));
        for who in names {
            if !resolved.contains_key(who) {
                resolved.insert(who.clone(), speakers.resolve(who)?);
            }
        }
    }
    let mut sitting_of: HashMap<(String, usize), i64> = HashMap::new();
    for r in &data.reports {
        for (who, (_, group)) in &resolved {
            sitting_of.insert((who.clone(), r.sitting_index), speakers.sitting(*group, r.sitting_index)?);
        }
    }
    drop(speakers);

    for r in &data.reports {
        let report = super::create_report(
            db,
            &ReportInput {
                session_id,
                kind: r.kind,
                title: r.title.clone(),
                issuing_body: r.issuing_body.clone(),
                body_text: r.text.clone(),
                list_title: String::new(),
            },
        )?;
        let record = |db: &mut Db, who: &str, text: &str| -> Result<i64> {
            let (speaker_id, group_id) = resolved[who];
            let sitting_id = sitting_of[&(who.to_string(), r.sitting_index)];
            let input = RemarkInput {
                report_id: report.id,
                section_id: None,
                sitting_id,
                speaker_id,
                group_id,
                text: text.to_string(),
            };
            Ok(super::add_remark(db, &input)?.id)
        };
        // Remarks are recorded in the order they were made, opinion by opinion, then consolidated.
        let mut per_opinion = Vec::with_capacity(r.opinions.len());
        for o in &r.opinions {
            let ids = o.remarks.iter().map(|(who, text)| record(db, who, text)).collect::<Result<Vec<_>>>()?;
            per_opinion.push(ids);
        }
        let mut aside = Vec::new();
        for s in &r.set_aside {
            aside.push((record(db, &s.speaker, &s.text)?, s.reason.clone()));
        }
        let mut opinion_ids = Vec::with_capacity(r.opinions.len());
        for (o, ids) in r.opinions.iter().zip(per_opinion) {
            let merged = super::merge(
                db,
                &MergeInput {
                    report_id: report.id,
                    remark_ids: ids,
                    opinion_id: None,
                    topic: o.topic.clone(),
                    text: o.text.clone(),
                    number: None,
                },
            )?;
            opinion_ids.push(merged.id);
        }
        for (id, reason) in aside {
            super::set_aside(db, &[id], &reason)?;
        }
        if let Some(sent_on) = &r.sent_on {
            super::finalise(db, report.id)?;
            super::mark_list_sent(db, report.id, sent_on, "")?;
            for (o, id) in r.opinions.iter().zip(&opinion_ids) {
                if o.adoption.is_some() || !o.reply.is_empty() {
                    let current = super::get_opinion(db.conn(), *id)?.feedback;
                    super::set_feedback(
                        db,
                        *id,
                        &OpinionFeedback { adoption: o.adoption, reply: o.reply.clone(), ..current },
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the roster and meetings steps of the demo provide, inserted with SQL (tests only):
    /// the demo roster's members and groups, 六届四次会议 with two days of group discussion.
    fn prerequisites() -> Db {
        let db = Db::open_in_memory().expect("db");
        let c = db.fixture_conn();
        let at = "2020-01-01T08:00:00+08:00";
        c.execute(
            "INSERT INTO sessions (term_number, session_number, name, year) VALUES (6, 4, '六届四次会议', 2020)",
            [],
        )
        .expect("session");
        let session = c.last_insert_rowid();
        c.execute(
            "INSERT INTO meetings (kind, title, session_id, start_date, end_date, created_at)
             VALUES ('plenary', '政协安宁市第六届委员会第四次会议', ?1, '2020-01-06', '2020-01-09', ?2)",
            rusqlite::params![session, at],
        )
        .expect("meeting");
        let meeting = c.last_insert_rowid();
        let roster = include_str!("../../../../assets/demo/roster.csv");
        let mut groups: HashMap<String, i64> = HashMap::new();
        for (i, line) in roster.lines().skip(1).enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            let group = f[7].to_string();
            let gid = match groups.get(&group) {
                Some(&g) => g,
                None => {
                    c.execute(
                        "INSERT INTO groups (name, sort_order) VALUES (?1, ?2)",
                        rusqlite::params![group, groups.len() as i64 + 1],
                    )
                    .expect("group");
                    let g = c.last_insert_rowid();
                    groups.insert(group.clone(), g);
                    g
                }
            };
            c.execute(
                "INSERT INTO members (member_no, name, group_id, roster_order, joined_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, '2017-01-10', ?5, ?5)",
                rusqlite::params![f[0], f[1], gid, i as i64, at],
            )
            .expect("member");
        }
        let mut seq = 0;
        for (day, date) in [(0, "2020-01-07"), (1, "2020-01-08")] {
            let mut names: Vec<(&String, &i64)> = groups.iter().collect();
            names.sort_by_key(|(_, id)| **id);
            for (name, gid) in names {
                seq += 1;
                c.execute(
                    "INSERT INTO sittings (meeting_id, seq, title, kind, date, half_day, expect, created_at)
                     VALUES (?1, ?2, ?3, 'group_discussion', ?4, 'am', 'groups', ?5)",
                    rusqlite::params![meeting, seq, format!("{name}分组讨论（第{}次）", day + 1), date, at],
                )
                .expect("sitting");
                let sid = c.last_insert_rowid();
                c.execute(
                    "INSERT INTO sitting_groups (sitting_id, group_id) VALUES (?1, ?2)",
                    rusqlite::params![sid, gid],
                )
                .expect("sitting group");
            }
        }
        db
    }

    #[test]
    fn the_demo_lists_have_55_24_and_25_traced_opinions() {
        let mut db = prerequisites();
        load_demo(&mut db).expect("load demo");
        let reports = super::super::list_reports(db.conn(), None).expect("reports");
        let counts: Vec<(ReportKind, usize)> = reports
            .iter()
            .map(|r| (r.kind, super::super::list_opinions(db.conn(), r.id).expect("opinions").len()))
            .collect();
        assert_eq!(
            counts,
            vec![(ReportKind::Government, 55), (ReportKind::Court, 24), (ReportKind::Procuratorate, 25)],
            "the seed's 55, 24 and 25 items"
        );
        for r in &reports {
            assert_eq!(r.counts.unplaced, 0, "{}: every remark placed or set aside", r.title);
            assert!(r.counts.set_aside >= 1, "{}: some remarks set aside with a reason", r.title);
            assert!(r.finalised_at.is_some(), "{}: the list is finalised", r.title);
            for o in super::super::list_opinions(db.conn(), r.id).expect("opinions") {
                assert!(
                    (1..=5).contains(&o.remarks.len()),
                    "{} item {}: 1 to 5 remarks, has {}",
                    r.title,
                    o.number,
                    o.remarks.len()
                );
                assert!(
                    !o.speakers.is_empty() && !o.groups.is_empty(),
                    "{} item {} names its speakers and groups",
                    r.title,
                    o.number
                );
                assert!(o.feedback.sent_on.is_some(), "{} item {} was sent", r.title, o.number);
            }
        }
        // Each member speaks in a sitting of their own group.
        let mismatched: i64 = db
            .conn()
            .query_row(
                "SELECT count(*) FROM remarks r JOIN members m ON m.id = r.speaker_id
                  WHERE NOT EXISTS (SELECT 1 FROM sitting_groups sg WHERE sg.sitting_id = r.sitting_id AND sg.group_id = m.group_id)",
                [],
                |row| row.get(0),
            )
            .expect("count");
        assert_eq!(mismatched, 0, "every speaker's remark is in their own group's discussion");
        let group_remarks: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM remarks WHERE speaker_id IS NULL", [], |row| row.get(0))
            .expect("group remarks");
        assert!(group_remarks > 0, "some remarks are the group's as a whole");
        let summary = super::super::feedback_summary(db.conn(), reports[0].id).expect("summary");
        assert!(
            summary.adopted > 0 && summary.partly_adopted > 0 && summary.for_reference > 0 && summary.not_adopted > 0,
            "the government list shows every adoption status: {summary:?}"
        );
    }
}

#[cfg(test)]
mod full_demo_tests {
    use crate::db::Db;
    use crate::opinions::{list_opinions, list_reports, ReportKind};

    /// The whole demo (committee, roster and meetings, then these lists) builds, and the
    /// government report's list has its 55 items.
    #[test]
    fn the_full_demo_holds_the_three_lists() {
        let mut db = Db::open_in_memory().expect("db");
        crate::demo::build(&mut db).expect("demo");
        let reports = list_reports(db.conn(), None).expect("reports");
        let gov = reports.iter().find(|r| r.kind == ReportKind::Government).expect("government report");
        assert_eq!(gov.session_name, "六届四次会议");
        assert_eq!(list_opinions(db.conn(), gov.id).expect("list").len(), 55);
        assert_eq!(reports.len(), 3, "government, court and procuratorate reports");
        let (mismatched, total): (i64, i64) = db
            .conn()
            .query_row(
                "SELECT sum(NOT EXISTS (SELECT 1 FROM sitting_groups sg WHERE sg.sitting_id = r.sitting_id AND sg.group_id = m.group_id)),
                        count(*)
                   FROM remarks r JOIN members m ON m.id = r.speaker_id",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .expect("count");
        assert!(total > 200, "the demo's remarks by members: {total}");
        assert_eq!(mismatched, 0, "each member speaks in their own group's discussion");
        let court_sittings: Vec<String> = db
            .conn()
            .prepare("SELECT DISTINCT st.date || st.half_day FROM remarks r JOIN reports p ON p.id = r.report_id JOIN sittings st ON st.id = r.sitting_id WHERE p.kind = 'court'")
            .expect("prepare")
            .query_map([], |row| row.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(
            court_sittings,
            vec!["2020-01-08pm".to_string()],
            "the court report was discussed in the second discussion"
        );
    }
}
