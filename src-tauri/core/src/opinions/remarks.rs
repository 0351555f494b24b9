//! Recording remarks (发言意见) and listing them for consolidation: filters and a full-text
//! search that works for Chinese (FTS5 trigram for 3+ characters, LIKE for shorter words).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::clean::clean_pasted;
use super::types::*;
use crate::db::{now, Db};
use crate::error::{Error, Result};

/// The longest remark accepted, in characters (a long speech is several remarks).
pub const MAX_REMARK_CHARS: usize = 20_000;

struct Checked {
    report_id: i64,
    section_id: Option<i64>,
    sitting_id: i64,
    speaker_id: Option<i64>,
    group_id: Option<i64>,
    text: String,
}

fn check(conn: &Connection, input: &RemarkInput) -> Result<Checked> {
    let text = clean_pasted(&input.text);
    if text.is_empty() {
        return Err(Error::invalid("发言内容", "不能为空"));
    }
    if text.chars().count() > MAX_REMARK_CHARS {
        return Err(Error::invalid("发言内容", format!("超过 {MAX_REMARK_CHARS} 字，请分成几条记录")));
    }
    let (report_session, title, finalised): (i64, String, Option<String>) = conn
        .query_row("SELECT session_id, title, finalised_at FROM reports WHERE id = ?1", [input.report_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("报告", input.report_id))?;
    if let Some(at) = finalised {
        // A remark outside a final list would be left out of it in silence.
        let when = chrono::DateTime::parse_from_rfc3339(&at)
            .map(|t| t.format("%Y年%-m月%-d日 %H:%M").to_string())
            .unwrap_or(at);
        return Err(Error::Conflict(format!(
            "《{title}》的协商意见清单已于{when}定稿，不能再记录或修改发言意见（定稿的清单不会包含它）。\
             如需补充，请先在“协商意见”页取消定稿，归入后再定稿。"
        )));
    }
    if let Some(section) = input.section_id {
        let owner: Option<i64> = conn
            .query_row("SELECT report_id FROM report_sections WHERE id = ?1", [section], |r| r.get(0))
            .optional()?;
        match owner {
            None => return Err(Error::not_found("报告章节", section)),
            Some(r) if r != input.report_id => {
                return Err(Error::invalid("章节", format!("第 {section} 号章节不属于这份报告")))
            }
            Some(_) => {}
        }
    }
    let sitting: Option<(String, Option<i64>)> = conn
        .query_row(
            "SELECT st.title, m.session_id FROM sittings st JOIN meetings m ON m.id = st.meeting_id
              WHERE st.id = ?1",
            [input.sitting_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match sitting {
        None => return Err(Error::not_found("场次", input.sitting_id)),
        Some((title, Some(session))) if session != report_session => {
            return Err(Error::invalid("场次", format!("“{title}”属于另一次会议，不是这份报告所在的会议")))
        }
        Some(_) => {}
    }
    let (speaker_id, group_id) = match input.speaker_id {
        Some(member) => {
            let group: Option<Option<i64>> =
                conn.query_row("SELECT group_id FROM members WHERE id = ?1", [member], |r| r.get(0)).optional()?;
            let group = group.ok_or_else(|| Error::not_found("委员", member))?;
            (Some(member), group.or(input.group_id))
        }
        None => {
            let group = input.group_id.ok_or_else(|| Error::invalid("发言人", "请选择发言的委员，或选择“小组集体”"))?;
            let found: Option<i64> =
                conn.query_row("SELECT id FROM groups WHERE id = ?1", [group], |r| r.get(0)).optional()?;
            found.ok_or_else(|| Error::not_found("小组", group))?;
            (None, Some(group))
        }
    };
    Ok(Checked {
        report_id: input.report_id,
        section_id: input.section_id,
        sitting_id: input.sitting_id,
        speaker_id,
        group_id,
        text,
    })
}

/// Records one remark. The text is cleaned of word-processor layout first.
pub fn add_remark(db: &mut Db, input: &RemarkInput) -> Result<Remark> {
    let c = check(db.conn(), input)?;
    let id = db.write(|tx| {
        let at = now();
        tx.execute(
            "INSERT INTO remarks (report_id, section_id, sitting_id, speaker_id, group_id, text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![c.report_id, c.section_id, c.sitting_id, c.speaker_id, c.group_id, c.text, at],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit(
            "remark",
            id,
            "create",
            None::<&()>,
            Some(&serde_json::json!({
                "report_id": c.report_id, "sitting_id": c.sitting_id, "speaker_id": c.speaker_id,
                "group_id": c.group_id, "section_id": c.section_id, "text": c.text
            })),
        )?;
        Ok(id)
    })?;
    get_remark(db.conn(), id)
}

/// Corrects a remark: its text, section, sitting or speaker. The report cannot change.
pub fn update_remark(db: &mut Db, id: i64, input: &RemarkInput) -> Result<Remark> {
    let old = get_remark(db.conn(), id)?;
    if input.report_id != old.report_id {
        return Err(Error::invalid("报告", "发言意见不能改到另一份报告下，请在那份报告下重新记录"));
    }
    let c = check(db.conn(), input)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE remarks SET section_id = ?2, sitting_id = ?3, speaker_id = ?4, group_id = ?5, text = ?6,
                    updated_at = ?7 WHERE id = ?1",
            params![id, c.section_id, c.sitting_id, c.speaker_id, c.group_id, c.text, now()],
        )?;
        tx.audit(
            "remark",
            id,
            "update",
            Some(&old),
            Some(&serde_json::json!({
                "sitting_id": c.sitting_id, "speaker_id": c.speaker_id, "group_id": c.group_id,
                "section_id": c.section_id, "text": c.text
            })),
        )
    })?;
    get_remark(db.conn(), id)
}

/// Deletes a remark recorded by mistake. Only an unplaced remark can go: one in an opinion or set
/// aside is part of the record. The old text stays in the audit trail.
pub fn delete_remark(db: &mut Db, id: i64) -> Result<()> {
    db.write(|tx| {
        // Checked in the write transaction: a remark placed meanwhile elsewhere is not deleted.
        let old = get_remark(tx, id)?;
        match old.status {
            RemarkStatus::Placed => {
                return Err(Error::Conflict(format!(
                    "第 {id} 条发言意见已归入第 {} 条协商意见，不能删除；如确实有误，请先将其移出。",
                    old.opinion_number.unwrap_or(0)
                )))
            }
            RemarkStatus::SetAside => {
                return Err(Error::Conflict(format!("第 {id} 条发言意见已标为不纳入，是记录的一部分，不能删除。")))
            }
            RemarkStatus::Unplaced => {}
        }
        // Quoted elsewhere (a bulletin): part of a document, not deleted in silence.
        let deps = crate::db::dependents::dependents(tx, "remarks", &[id], &[])?;
        if !deps.is_empty() {
            return Err(Error::Conflict(format!(
                "第 {id} 条发言意见已被引用（{}），不能删除；请先从引用它的文件中去掉。",
                crate::db::dependents::describe(&deps)
            )));
        }
        tx.execute("DELETE FROM remarks WHERE id = ?1", [id])?;
        tx.audit("remark", id, "delete", Some(&old), None::<&()>)
    })
}

const REMARK_SELECT: &str = "
    SELECT r.id, r.report_id, r.section_id, sec.heading, r.sitting_id, st.title, r.speaker_id,
           m.member_no, m.name, r.group_id, g.name, r.text, r.set_aside_reason, l.opinion_id, o.seq,
           r.created_at
      FROM remarks r
      JOIN sittings st ON st.id = r.sitting_id
      LEFT JOIN report_sections sec ON sec.id = r.section_id
      LEFT JOIN members m ON m.id = r.speaker_id
      LEFT JOIN groups g ON g.id = r.group_id
      LEFT JOIN opinion_remarks l ON l.remark_id = r.id
      LEFT JOIN opinions o ON o.id = l.opinion_id";

/// «第一组（集体）»: how the group as a whole is named as a speaker.
pub fn group_speaker_name(group: &str) -> String {
    format!("{group}（集体）")
}

fn remark_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Remark> {
    let speaker_id: Option<i64> = r.get(6)?;
    let name: Option<String> = r.get(8)?;
    let group_name: Option<String> = r.get(10)?;
    let group_name = group_name.unwrap_or_default();
    let reason: Option<String> = r.get(12)?;
    let opinion_id: Option<i64> = r.get(13)?;
    let status = if reason.is_some() {
        RemarkStatus::SetAside
    } else if opinion_id.is_some() {
        RemarkStatus::Placed
    } else {
        RemarkStatus::Unplaced
    };
    Ok(Remark {
        id: r.get(0)?,
        report_id: r.get(1)?,
        section_id: r.get(2)?,
        section_heading: r.get(3)?,
        sitting_id: r.get(4)?,
        sitting_title: r.get(5)?,
        speaker_id,
        member_no: r.get(7)?,
        speaker_name: match (speaker_id, name) {
            (Some(_), Some(n)) => n,
            _ => group_speaker_name(&group_name),
        },
        group_id: r.get(9)?,
        group_name,
        text: r.get(11)?,
        status,
        set_aside_reason: reason,
        opinion_id,
        opinion_number: r.get(14)?,
        created_at: r.get(15)?,
    })
}

pub fn get_remark(conn: &Connection, id: i64) -> Result<Remark> {
    conn.query_row(&format!("{REMARK_SELECT} WHERE r.id = ?1"), [id], remark_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("发言意见", id))
}

/// Remarks by id, in the order asked.
pub fn get_remarks(conn: &Connection, ids: &[i64]) -> Result<Vec<Remark>> {
    ids.iter().map(|&id| get_remark(conn, id)).collect()
}

/// Escapes a word for LIKE with `\` as the escape character.
fn like_pattern(word: &str) -> String {
    let mut p = String::from("%");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Adds the conditions of a full-text query to `sql`: words of three or more characters go to
/// the trigram index (as one FTS5 query of quoted phrases), shorter ones to LIKE.
fn push_query(query: &str, sql: &mut String, args: &mut Vec<Value>) {
    let mut phrases = Vec::new();
    for word in query.split_whitespace() {
        // ASCII quotes are FTS5 syntax, never part of what is looked for.
        let word = word.replace('"', "");
        if word.is_empty() {
            continue;
        }
        if word.chars().count() >= 3 {
            phrases.push(format!("\"{word}\""));
        } else {
            sql.push_str(" AND r.text LIKE ? ESCAPE '\\'");
            args.push(Value::Text(like_pattern(&word)));
        }
    }
    if !phrases.is_empty() {
        sql.push_str(" AND r.id IN (SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH ?)");
        args.push(Value::Text(phrases.join(" ")));
    }
}

/// Lists a report's remarks, filtered, in the order they were recorded.
pub fn list_remarks(conn: &Connection, filter: &RemarkFilter) -> Result<RemarkPage> {
    let mut sql = String::from(" WHERE r.report_id = ?");
    let mut args: Vec<Value> = vec![Value::Integer(filter.report_id)];
    if let Some(g) = filter.group_id {
        sql.push_str(" AND r.group_id = ?");
        args.push(Value::Integer(g));
    }
    if let Some(s) = filter.speaker_id {
        sql.push_str(" AND r.speaker_id = ?");
        args.push(Value::Integer(s));
    }
    if let Some(s) = filter.section_id {
        sql.push_str(" AND r.section_id = ?");
        args.push(Value::Integer(s));
    }
    if let Some(s) = filter.sitting_id {
        sql.push_str(" AND r.sitting_id = ?");
        args.push(Value::Integer(s));
    }
    match filter.status {
        None => {}
        Some(RemarkStatus::SetAside) => sql.push_str(" AND r.set_aside_reason IS NOT NULL"),
        Some(RemarkStatus::Placed) => sql.push_str(" AND l.opinion_id IS NOT NULL"),
        Some(RemarkStatus::Unplaced) => sql.push_str(" AND r.set_aside_reason IS NULL AND l.opinion_id IS NULL"),
    }
    if let Some(q) = filter.query.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        push_query(q, &mut sql, &mut args);
    }
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) FROM remarks r LEFT JOIN opinion_remarks l ON l.remark_id = r.id{sql}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut page_sql = format!("{REMARK_SELECT}{sql} ORDER BY r.id");
    if let Some(limit) = filter.limit {
        page_sql.push_str(&format!(" LIMIT {limit} OFFSET {}", filter.offset.unwrap_or(0)));
    }
    let mut stmt = conn.prepare_cached(&page_sql)?;
    let remarks =
        stmt.query_map(params_from_iter(args.iter()), remark_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(RemarkPage { total, remarks })
}

/// How many of a report's remarks are neither in an opinion nor set aside.
pub fn unplaced_count(conn: &Connection, report_id: i64) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM remarks r LEFT JOIN opinion_remarks l ON l.remark_id = r.id
          WHERE r.report_id = ?1 AND r.set_aside_reason IS NULL AND l.opinion_id IS NULL",
        [report_id],
        |r| r.get(0),
    )?)
}

/// Finds the one member a speaker query names, with the roster's own search (the one check-in
/// uses: 委员编号, name, part of a name, pinyin, initials). An exact member number or a unique
/// best match wins; several equally good matches are an error that lists them.
pub fn resolve_speaker(conn: &Connection, query: &str) -> Result<RemarkSpeaker> {
    let m = crate::roster::resolve_one(conn, query, "发言人")?.member;
    Ok(RemarkSpeaker { id: Some(m.id), member_no: m.member_no, name: m.name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opinions::testkit::*;

    #[test]
    fn a_remark_is_recorded_cleaned_with_the_speakers_group() {
        let (mut db, fx) = fixture();
        let r = add_remark(&mut db, &remark_input(&fx, Some(fx.m1), "建议优化\n营商环境，\u{3000}压缩审批时限。"))
            .expect("add");
        assert_eq!(r.text, "建议优化营商环境，压缩审批时限。", "pasted layout is cleaned");
        assert_eq!(r.group_id, Some(fx.group1), "the speaker's group is recorded");
        assert_eq!(r.status, RemarkStatus::Unplaced);
        assert_eq!(r.speaker_name, "张三");
        let group = add_remark(
            &mut db,
            &RemarkInput {
                group_id: Some(fx.group2), ..remark_input(&fx, None, "小组一致认为报告实事求是。")
            },
        )
        .expect("group remark");
        assert_eq!(group.speaker_name, "第二组（集体）");
        let err = add_remark(&mut db, &remark_input(&fx, None, "无人发言")).expect_err("no speaker");
        assert_eq!(err.code(), "invalid");
        let err = add_remark(&mut db, &remark_input(&fx, Some(fx.m1), " \u{200B} ")).expect_err("empty");
        assert!(err.to_string().contains("发言内容"), "{err}");
        assert_eq!(unplaced_count(db.conn(), fx.report).expect("count"), 2);
    }

    #[test]
    fn many_remarks_per_speaker_and_report() {
        let (mut db, fx) = fixture();
        for i in 0..30 {
            add_remark(&mut db, &remark_input(&fx, Some(fx.m1), &format!("第{i}条意见：加强社会治理。"))).expect("add");
        }
        let page = list_remarks(
            db.conn(),
            &RemarkFilter { report_id: fx.report, speaker_id: Some(fx.m1), ..Default::default() },
        )
        .expect("list");
        assert_eq!(page.total, 30, "thirty remarks by one speaker on one report");
    }

    #[test]
    fn filters_and_chinese_full_text_search() {
        let (mut db, fx) = fixture();
        let a = add_remark(&mut db, &remark_input(&fx, Some(fx.m1), "建议加快矿山生态恢复治理。")).expect("a");
        let b = add_remark(&mut db, &remark_input(&fx, Some(fx.m2), "危险化学品企业搬迁要稳妥推进。")).expect("b");
        let c = add_remark(&mut db, &remark_input(&fx, Some(fx.m3), "矿山复绿资金要落实到位。")).expect("c");
        fn ids_of(db: &Db, f: RemarkFilter) -> Vec<i64> {
            list_remarks(db.conn(), &f).expect("list").remarks.iter().map(|r| r.id).collect()
        }
        let base = RemarkFilter { report_id: fx.report, ..Default::default() };
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("生态恢复".into()), ..base.clone() }),
            vec![a.id],
            "trigram phrase"
        );
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("矿山".into()), ..base.clone() }),
            vec![a.id, c.id],
            "two characters use LIKE"
        );
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("矿".into()), ..base.clone() }),
            vec![a.id, c.id],
            "one character too"
        );
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("矿山 资金到位".into()), ..base.clone() }),
            Vec::<i64>::new(),
            "all words must occur"
        );
        assert_eq!(ids_of(&db, RemarkFilter { query: Some("矿山 资金".into()), ..base.clone() }), vec![c.id]);
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("\"化学品\"".into()), ..base.clone() }),
            vec![b.id],
            "ASCII quotes are not FTS syntax"
        );
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("化学品 OR 矿山".into()), ..base.clone() }),
            Vec::<i64>::new(),
            "OR is a word, not an operator"
        );
        assert_eq!(
            ids_of(&db, RemarkFilter { query: Some("100%".into()), ..base.clone() }),
            Vec::<i64>::new(),
            "LIKE wildcards are literal"
        );
        assert_eq!(ids_of(&db, RemarkFilter { group_id: Some(fx.group2), ..base.clone() }), vec![c.id], "group filter");
        assert_eq!(ids_of(&db, RemarkFilter { speaker_id: Some(fx.m2), ..base.clone() }), vec![b.id], "speaker filter");
        assert_eq!(ids_of(&db, RemarkFilter { status: Some(RemarkStatus::Unplaced), ..base.clone() }).len(), 3);
        let page =
            list_remarks(db.conn(), &RemarkFilter { limit: Some(2), offset: Some(1), ..base.clone() }).expect("page");
        assert_eq!((page.total, page.remarks.len()), (3, 2), "total counts all matches, the page holds two");
        // Edited text is searchable by its new words only.
        update_remark(&mut db, b.id, &remark_input(&fx, Some(fx.m2), "传染病防控体系要补短板。")).expect("update");
        assert_eq!(ids_of(&db, RemarkFilter { query: Some("化学品".into()), ..base.clone() }), Vec::<i64>::new());
        assert_eq!(ids_of(&db, RemarkFilter { query: Some("传染病".into()), ..base.clone() }), vec![b.id]);
    }

    #[test]
    fn section_and_sitting_must_belong_to_the_report() {
        let (mut db, fx) = fixture();
        let err = add_remark(&mut db, &RemarkInput { section_id: Some(9999), ..remark_input(&fx, Some(fx.m1), "x") })
            .expect_err("unknown section");
        assert_eq!(err.code(), "not_found");
        let err = add_remark(
            &mut db,
            &RemarkInput { sitting_id: fx.other_session_sitting, ..remark_input(&fx, Some(fx.m1), "x") },
        )
        .expect_err("sitting of another session");
        assert!(err.to_string().contains("另一次会议"), "{err}");
        let ok = add_remark(
            &mut db,
            &RemarkInput { section_id: Some(fx.section), ..remark_input(&fx, Some(fx.m1), "关于这一节的意见") },
        )
        .expect("with section");
        assert_eq!(ok.section_heading.as_deref(), Some("一、工作回顾"));
    }

    #[test]
    fn only_unplaced_remarks_can_be_deleted() {
        let (mut db, fx) = fixture();
        let a = add_remark(&mut db, &remark_input(&fx, Some(fx.m1), "误录的一条")).expect("a");
        delete_remark(&mut db, a.id).expect("delete unplaced");
        assert_eq!(get_remark(db.conn(), a.id).expect_err("gone").code(), "not_found");
        let b = add_remark(&mut db, &remark_input(&fx, Some(fx.m1), "不纳入的一条")).expect("b");
        crate::opinions::set_aside(&mut db, &[b.id], "与报告无关").expect("set aside");
        assert_eq!(delete_remark(&mut db, b.id).expect_err("set aside").code(), "conflict");
        let audit: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE entity='remark' AND action='delete'", [], |r| r.get(0))
            .expect("audit");
        assert_eq!(audit, 1, "the deletion is audited with the old text");
    }

    #[test]
    fn speaker_is_found_by_number_name_or_part() {
        let (db, fx) = fixture();
        assert_eq!(resolve_speaker(db.conn(), "t0001").expect("by number").id, Some(fx.m1));
        assert_eq!(resolve_speaker(db.conn(), "李四").expect("by name").id, Some(fx.m2));
        assert_eq!(resolve_speaker(db.conn(), "五").expect("by part").id, Some(fx.m3));
        let err = resolve_speaker(db.conn(), "王").expect_err("ambiguous");
        assert!(err.to_string().contains("多位委员"), "{err}");
        assert_eq!(resolve_speaker(db.conn(), "无此人").expect_err("none").code(), "not_found");
    }

    #[test]
    fn a_finalised_list_takes_no_new_remark_until_it_is_reopened() {
        let (mut db, fx) = fixture();
        let a = add_remark(&mut db, &remark_input(&fx, Some(fx.m1), "建议优化营商环境。")).expect("a");
        crate::opinions::merge(
            &mut db,
            &MergeInput {
                report_id: fx.report,
                remark_ids: vec![a.id],
                text: "优化营商环境。".into(),
                ..Default::default()
            },
        )
        .expect("merge");
        crate::opinions::finalise(&mut db, fx.report).expect("finalise");
        let err = add_remark(&mut db, &remark_input(&fx, Some(fx.m3), "补充一条。")).expect_err("finalised");
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains("已于") && err.to_string().contains("取消定稿"), "{err}");
        let err = update_remark(&mut db, a.id, &remark_input(&fx, Some(fx.m1), "改过的原话。")).expect_err("edit");
        assert_eq!(err.code(), "conflict", "a remark behind a final list is not edited either");
        assert_eq!(unplaced_count(db.conn(), fx.report).expect("count"), 0, "nothing is left outside the list");
        assert_eq!(get_remark(db.conn(), a.id).expect("a").text, "建议优化营商环境。");
        crate::opinions::reopen(&mut db, fx.report).expect("reopen");
        add_remark(&mut db, &remark_input(&fx, Some(fx.m3), "补充一条。")).expect("after reopening");
        assert_eq!(unplaced_count(db.conn(), fx.report).expect("count"), 1);
    }
}
