//! Reports under consultation (报告), per session, optionally split into sections.

use rusqlite::{params, Connection, OptionalExtension};

use super::clean::clean_pasted;
use super::types::*;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

/// «关于《政府工作报告》的协商意见»
pub fn default_list_title(title: &str) -> String {
    format!("关于《{title}》的协商意见")
}

/// Splits a report's text into sections at lines that start with a Chinese numeral and «、»
/// (一、二、…). Text before the first heading becomes a section headed «前言».
pub fn split_sections(text: &str) -> Vec<(String, String)> {
    let text = clean_pasted(text);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut preface = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if is_top_heading(line) {
            out.push((line.to_string(), String::new()));
        } else if let Some(last) = out.last_mut() {
            if !last.1.is_empty() {
                last.1.push('\n');
            }
            last.1.push_str(line);
        } else {
            if !preface.is_empty() {
                preface.push('\n');
            }
            preface.push_str(line);
        }
    }
    if !preface.is_empty() {
        out.insert(0, ("前言".to_string(), preface));
    }
    out
}

fn is_top_heading(line: &str) -> bool {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut n = 0;
    for c in line.chars() {
        if numeral(c) {
            n += 1;
        } else {
            return n > 0 && n <= 3 && c == '、';
        }
    }
    false
}

fn check(input: &ReportInput) -> Result<ReportInput> {
    let title = input.title.trim().trim_start_matches('《').trim_end_matches('》').trim().to_string();
    if title.is_empty() {
        return Err(Error::invalid("报告名称", "不能为空"));
    }
    Ok(ReportInput {
        session_id: input.session_id,
        kind: input.kind,
        title,
        issuing_body: input.issuing_body.trim().to_string(),
        body_text: input.body_text.trim().to_string(),
        list_title: input.list_title.trim().to_string(),
    })
}

fn require_session(conn: &Connection, session_id: i64) -> Result<()> {
    let found: Option<i64> =
        conn.query_row("SELECT id FROM sessions WHERE id = ?1", [session_id], |r| r.get(0)).optional()?;
    found.map(drop).ok_or_else(|| Error::not_found("次会议", session_id))
}

/// Creates a report of a session.
pub fn create_report(db: &mut Db, input: &ReportInput) -> Result<Report> {
    let input = check(input)?;
    require_session(db.conn(), input.session_id)?;
    let id = db.write(|tx| {
        let at = now();
        let order: i32 = tx.query_row(
            "SELECT coalesce(max(sort_order), 0) + 1 FROM reports WHERE session_id = ?1",
            [input.session_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO reports (session_id, kind, title, issuing_body, body_text, list_title, sort_order,
                                  created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                input.session_id,
                input.kind.code(),
                input.title,
                input.issuing_body,
                input.body_text,
                input.list_title,
                order,
                at
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_sections(tx, id, &input.body_text)?;
        tx.audit("report", id, "create", None::<&ReportInput>, Some(&input))?;
        Ok(id)
    })?;
    get_report(db.conn(), id)
}

/// Updates a report's kind, title, issuing body, text (re-splitting its sections) and list title.
pub fn update_report(db: &mut Db, id: i64, input: &ReportInput) -> Result<Report> {
    let input = check(input)?;
    db.write(|tx| {
        // Checked in the write transaction: a remark recorded meanwhile elsewhere keeps the session.
        let old = get_report(tx, id)?;
        if input.session_id != old.session_id {
            require_session(tx, input.session_id)?;
            let remarks: i64 = tx.query_row("SELECT count(*) FROM remarks WHERE report_id = ?1", [id], |r| r.get(0))?;
            if remarks > 0 {
                return Err(Error::Conflict(format!(
                    "《{}》已记录 {remarks} 条发言意见，不能改到另一次会议。",
                    old.title
                )));
            }
        }
        tx.execute(
            "UPDATE reports SET session_id = ?2, kind = ?3, title = ?4, issuing_body = ?5, body_text = ?6,
                    list_title = ?7, updated_at = ?8 WHERE id = ?1",
            params![
                id,
                input.session_id,
                input.kind.code(),
                input.title,
                input.issuing_body,
                input.body_text,
                input.list_title,
                now()
            ],
        )?;
        write_sections(tx, id, &input.body_text)?;
        tx.audit("report", id, "update", Some(&old), Some(&input))
    })?;
    get_report(db.conn(), id)
}

/// Brings the report's sections in line with its text: sections keep their ids by number, so
/// remarks that point at a section keep pointing at it; a section that disappears while remarks
/// point at it is refused.
fn write_sections(tx: &Tx<'_>, report_id: i64, text: &str) -> Result<()> {
    let sections = split_sections(text);
    for (i, (heading, body)) in sections.iter().enumerate() {
        let seq = i as i64 + 1;
        let updated = tx.execute(
            "UPDATE report_sections SET heading = ?3, body = ?4 WHERE report_id = ?1 AND seq = ?2",
            params![report_id, seq, heading, body],
        )?;
        if updated == 0 {
            tx.execute(
                "INSERT INTO report_sections (report_id, seq, heading, body) VALUES (?1, ?2, ?3, ?4)",
                params![report_id, seq, heading, body],
            )?;
        }
    }
    let used: Option<String> = tx
        .query_row(
            "SELECT s.heading FROM report_sections s WHERE s.report_id = ?1 AND s.seq > ?2
               AND EXISTS (SELECT 1 FROM remarks r WHERE r.section_id = s.id) LIMIT 1",
            params![report_id, sections.len() as i64],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(heading) = used {
        return Err(Error::Conflict(format!(
            "报告的“{heading}”一节已有发言意见指向它，修改后的报告文本中不能没有这一节。"
        )));
    }
    tx.execute(
        "DELETE FROM report_sections WHERE report_id = ?1 AND seq > ?2",
        params![report_id, sections.len() as i64],
    )?;
    Ok(())
}

const REPORT_SELECT: &str = "
    SELECT r.id, r.session_id, s.name, r.kind, r.title, r.issuing_body, r.list_title, r.sort_order,
           r.finalised_at,
           (SELECT count(*) FROM remarks m WHERE m.report_id = r.id),
           (SELECT count(*) FROM remarks m WHERE m.report_id = r.id AND m.set_aside_reason IS NOT NULL),
           (SELECT count(*) FROM opinion_remarks l JOIN opinions o ON o.id = l.opinion_id
             WHERE o.report_id = r.id),
           (SELECT count(*) FROM opinions o WHERE o.report_id = r.id),
           r.body_text
      FROM reports r JOIN sessions s ON s.id = r.session_id";

fn report_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Report, String)> {
    let kind: String = r.get(3)?;
    let title: String = r.get(4)?;
    let custom: String = r.get(6)?;
    let total: u32 = r.get(9)?;
    let set_aside: u32 = r.get(10)?;
    let placed: u32 = r.get(11)?;
    Ok((
        Report {
            id: r.get(0)?,
            session_id: r.get(1)?,
            session_name: r.get(2)?,
            kind: ReportKind::Other,
            list_title: if custom.is_empty() { default_list_title(&title) } else { custom.clone() },
            title,
            issuing_body: r.get(5)?,
            body_text: r.get(13)?,
            list_title_custom: custom,
            sort_order: r.get(7)?,
            finalised_at: r.get(8)?,
            sections: Vec::new(),
            counts: RemarkCounts { total, placed, set_aside, unplaced: total.saturating_sub(placed + set_aside) },
            opinions: r.get(12)?,
        },
        kind,
    ))
}

fn finish(conn: &Connection, (mut report, kind): (Report, String)) -> Result<Report> {
    report.kind = ReportKind::parse(&kind)?;
    report.sections = sections(conn, report.id)?;
    Ok(report)
}

pub fn get_report(conn: &Connection, id: i64) -> Result<Report> {
    let row = conn
        .query_row(&format!("{REPORT_SELECT} WHERE r.id = ?1"), [id], report_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("报告", id))?;
    finish(conn, row)
}

/// The reports of one session, or of all sessions (newest session first), in their order.
pub fn list_reports(conn: &Connection, session_id: Option<i64>) -> Result<Vec<Report>> {
    let sql = format!(
        "{REPORT_SELECT} WHERE (?1 IS NULL OR r.session_id = ?1)
          ORDER BY s.term_number DESC, s.session_number DESC, r.sort_order, r.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([session_id], report_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|row| finish(conn, row)).collect()
}

/// Finds a report of a session by its kind (the first one), e.g. the government work report.
pub fn find_report(conn: &Connection, session_id: i64, kind: ReportKind) -> Result<Option<Report>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM reports WHERE session_id = ?1 AND kind = ?2 ORDER BY sort_order, id LIMIT 1",
            params![session_id, kind.code()],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get_report(conn, id)).transpose()
}

pub fn sections(conn: &Connection, report_id: i64) -> Result<Vec<ReportSection>> {
    let mut stmt =
        conn.prepare("SELECT id, seq, heading, body FROM report_sections WHERE report_id = ?1 ORDER BY seq")?;
    let rows = stmt
        .query_map([report_id], |r| {
            Ok(ReportSection { id: r.get(0)?, seq: r.get(1)?, heading: r.get(2)?, body: r.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The sittings of the report's session where remarks are made: group discussions first, then
/// the session's other sittings.
pub fn sittings_for_report(conn: &Connection, report_id: i64) -> Result<Vec<RemarkSitting>> {
    let report = get_report(conn, report_id)?;
    let mut stmt = conn.prepare(
        "SELECT st.id, st.title, st.kind, st.date, st.half_day,
                (SELECT group_concat(group_id) FROM sitting_groups g WHERE g.sitting_id = st.id)
           FROM sittings st JOIN meetings m ON m.id = st.meeting_id
          WHERE m.session_id = ?1
          ORDER BY (st.kind <> 'group_discussion'), st.date, st.half_day, st.seq",
    )?;
    let rows = stmt
        .query_map([report.session_id], |r| {
            let groups: Option<String> = r.get(5)?;
            Ok(RemarkSitting {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                date: r.get(3)?,
                half_day: r.get(4)?,
                group_ids: groups.unwrap_or_default().split(',').filter_map(|g| g.trim().parse().ok()).collect(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn groups(conn: &Connection) -> Result<Vec<RemarkGroup>> {
    let mut stmt = conn.prepare("SELECT id, name FROM groups ORDER BY sort_order, id")?;
    let rows = stmt
        .query_map([], |r| Ok(RemarkGroup { id: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The members who have made remarks on the report, for the speaker filter.
pub fn speakers_of_report(conn: &Connection, report_id: i64) -> Result<Vec<RemarkSpeaker>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT m.id, m.member_no, m.name, m.roster_order FROM remarks r
           JOIN members m ON m.id = r.speaker_id
          WHERE r.report_id = ?1 ORDER BY m.roster_order, m.member_no, m.id",
    )?;
    let rows = stmt
        .query_map([report_id], |r| Ok(RemarkSpeaker { id: r.get(0)?, member_no: r.get(1)?, name: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Everything the entry form and the filters of one report need.
pub fn report_context(conn: &Connection, report_id: i64) -> Result<ReportContext> {
    Ok(ReportContext {
        report: get_report(conn, report_id)?,
        sittings: sittings_for_report(conn, report_id)?,
        groups: groups(conn)?,
        speakers: speakers_of_report(conn, report_id)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opinions::testkit::*;

    #[test]
    fn sections_split_at_chinese_numeral_headings() {
        let s = split_sections("各位委员：\n现在报告工作。\n一、2019年工作回顾\n经济平稳。\n二、2020年工作安排\n（一）优化营商环境\n推进改革。");
        let headings: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(headings, ["前言", "一、2019年工作回顾", "二、2020年工作安排"]);
        assert_eq!(s[2].1, "（一）优化营商环境\n推进改革。", "sub-headings stay in the section body");
        assert!(split_sections("").is_empty(), "no text, no sections");
    }

    #[test]
    fn create_list_update_report_with_sections() {
        let (mut db, fx) = fixture();
        let r = create_report(
            &mut db,
            &ReportInput {
                session_id: fx.session,
                kind: ReportKind::Court,
                title: " 《法院工作报告》 ".into(),
                issuing_body: "安宁市中级人民法院".into(),
                body_text: "一、审判执行\n内容\n二、智慧法院\n内容".into(),
                list_title: String::new(),
            },
        )
        .expect("create");
        assert_eq!(r.title, "法院工作报告", "book-title marks and blanks are trimmed");
        assert_eq!(r.list_title, "关于《法院工作报告》的协商意见");
        assert_eq!(r.sections.len(), 2);
        let list = list_reports(db.conn(), Some(fx.session)).expect("list");
        assert_eq!(list.len(), 2, "the fixture's government report and this one");
        let first_section = r.sections[0].id;
        let updated = update_report(
            &mut db,
            r.id,
            &ReportInput {
                body_text: "一、审判执行工作\n新内容\n二、智慧法院\n三、队伍建设".into(),
                list_title: "关于法院工作报告的意见建议".into(),
                ..ReportInput {
                    session_id: fx.session,
                    kind: ReportKind::Court,
                    title: "法院工作报告".into(),
                    issuing_body: "安宁市中级人民法院".into(),
                    body_text: String::new(),
                    list_title: String::new(),
                }
            },
        )
        .expect("update");
        assert_eq!(updated.sections.len(), 3);
        assert_eq!(updated.sections[0].id, first_section, "a section keeps its id by number");
        assert_eq!(updated.list_title, "关于法院工作报告的意见建议");
        let err = create_report(&mut db, &ReportInput { session_id: 999, ..updated_input(fx.session) })
            .expect_err("unknown session");
        assert_eq!(err.code(), "not_found");
    }

    fn updated_input(session: i64) -> ReportInput {
        ReportInput {
            session_id: session,
            kind: ReportKind::Other,
            title: "提案工作情况报告".into(),
            issuing_body: String::new(),
            body_text: String::new(),
            list_title: String::new(),
        }
    }

    #[test]
    fn context_lists_group_discussion_sittings_first() {
        let (db, fx) = fixture();
        let ctx = report_context(db.conn(), fx.report).expect("context");
        assert_eq!(ctx.sittings.first().map(|s| s.kind.as_str()), Some("group_discussion"));
        assert_eq!(ctx.sittings.first().map(|s| s.group_ids.clone()), Some(vec![fx.group1]));
        assert_eq!(ctx.groups.len(), 2);
    }
}
