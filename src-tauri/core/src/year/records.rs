//! The records the year counts that no other module keeps: duties (协商在基层, 调研/视察课题,
//! delegations, training, reports to the party committee) with the members taking part, and the
//! numbered 意见建议 of a consultation (a meeting or a 协商在基层 activity) with their feedback.
//! Every change goes through `Db::write` with its audit row; nothing here is deleted outright.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::types::*;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::meetings::MeetingKind;
use crate::opinions::Adoption;
use crate::roster::{self, names::clean_text};
use crate::text::{clean_line, clean_multiline};

fn checked(input: &DutyInput) -> Result<(DutyKind, String, String, String)> {
    let kind = input.kind.ok_or_else(|| Error::invalid("类别", "请选择活动类别"))?;
    let title = clean_text(&clean_line(&input.title));
    if title.is_empty() {
        return Err(Error::invalid("名称", "不能为空"));
    }
    let start = roster::parse_date("开始日期", &input.start_date)?;
    let end = if input.end_date.trim().is_empty() {
        start.clone()
    } else {
        roster::parse_date("结束日期", &input.end_date)?
    };
    if end < start {
        return Err(Error::invalid("结束日期", format!("{end} 早于开始日期 {start}")));
    }
    if input.person_times < 0 {
        return Err(Error::invalid("人次", format!("{} 是负数，请填写 0 或正整数", input.person_times)));
    }
    if input.person_times > i64::from(u32::MAX) {
        return Err(Error::invalid("人次", format!("{} 太大，请核对", input.person_times)));
    }
    if kind == DutyKind::Delegation && input.person_times == 0 {
        return Err(Error::invalid("人次", "接待团组须填写来访人数"));
    }
    Ok((kind, title, start, end))
}

/// The form of a recorded duty: what a correction starts from (the edit dialog, `huiwu duties
/// edit`), and what its audit row compares the new form with.
impl From<&Duty> for DutyInput {
    fn from(d: &Duty) -> DutyInput {
        DutyInput {
            kind: Some(d.kind),
            title: d.title.clone(),
            lead: d.lead.clone(),
            start_date: d.start_date.clone(),
            end_date: d.end_date.clone(),
            place: d.place.clone(),
            person_times: i64::from(d.person_times),
            report_title: d.report_title.clone(),
            notes: d.notes.clone(),
            members: d.members.iter().filter(|m| !m.lead).map(|m| m.member_id).collect(),
            lead_members: d.members.iter().filter(|m| m.lead).map(|m| m.member_id).collect(),
        }
    }
}

/// Records a duty with the members taking part.
pub fn create_duty(db: &mut Db, input: &DutyInput) -> Result<Duty> {
    let id = db.write(|tx| create_duty_in(tx, input))?;
    get_duty(db.conn(), id)
}

/// [`create_duty`] inside the caller's transaction; returns the new id.
pub fn create_duty_in(tx: &Tx<'_>, input: &DutyInput) -> Result<i64> {
    let (kind, title, start, end) = checked(input)?;
    let at = now();
    tx.execute(
        "INSERT INTO duties (kind, title, lead, start_date, end_date, place, person_times, report_title, notes,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            kind.code(),
            title,
            clean_text(&input.lead),
            start,
            end,
            clean_text(&input.place),
            input.person_times,
            clean_text(&clean_line(&input.report_title)),
            clean_multiline(input.notes.trim()),
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    set_members_in(tx, id, &start, &input.members, &input.lead_members)?;
    tx.audit("duty", id, "create", None::<&str>, Some(input))?;
    Ok(id)
}

fn set_members_in(tx: &Tx<'_>, duty_id: i64, date: &str, members: &[i64], leads: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM duty_members WHERE duty_id = ?1", [duty_id])?;
    let mut all: Vec<i64> = leads.to_vec();
    all.extend(members.iter().filter(|m| !leads.contains(m)));
    for m in all {
        let member = roster::get(tx, m)?;
        if member.joined_on.as_str() > date || member.left_on.as_deref().is_some_and(|l| l <= date) {
            return Err(Error::Conflict(format!("{}在 {date} 不在任，不能列为参加人员", member.name)));
        }
        tx.execute(
            "INSERT OR IGNORE INTO duty_members (duty_id, member_id, lead) VALUES (?1, ?2, ?3)",
            params![duty_id, m, leads.contains(&m)],
        )?;
    }
    Ok(())
}

/// Changes a duty (a correction): the whole record as the form holds it.
pub fn update_duty(db: &mut Db, id: i64, input: &DutyInput) -> Result<Duty> {
    let duty = get_duty(db.conn(), id)?;
    let old = DutyInput::from(&duty);
    db.write(|tx| {
        let (kind, title, start, end) = checked(input)?;
        if duty.items > 0 && kind != DutyKind::Grassroots {
            return Err(Error::Conflict(format!(
                "“{}”已登记{}条意见建议，不能改为{}；意见建议只属于协商在基层活动",
                duty.title,
                duty.items,
                kind.label()
            )));
        }
        tx.execute(
            "UPDATE duties SET kind = ?2, title = ?3, lead = ?4, start_date = ?5, end_date = ?6, place = ?7,
                    person_times = ?8, report_title = ?9, notes = ?10, updated_at = ?11 WHERE id = ?1",
            params![
                id,
                kind.code(),
                title,
                clean_text(&input.lead),
                start,
                end,
                clean_text(&input.place),
                input.person_times,
                clean_text(&clean_line(&input.report_title)),
                clean_multiline(input.notes.trim()),
                now()
            ],
        )?;
        set_members_in(tx, id, &start, &input.members, &input.lead_members)?;
        tx.audit("duty", id, "update", Some(&old), Some(input))
    })?;
    get_duty(db.conn(), id)
}

fn duty_from_row(r: &Row<'_>) -> rusqlite::Result<Duty> {
    let kind: String = r.get(1)?;
    Ok(Duty {
        id: r.get(0)?,
        kind: DutyKind::from_code(&kind).unwrap_or(DutyKind::Grassroots),
        title: r.get(2)?,
        lead: r.get(3)?,
        start_date: r.get(4)?,
        end_date: r.get(5)?,
        place: r.get(6)?,
        person_times: r.get(7)?,
        report_title: r.get(8)?,
        notes: r.get(9)?,
        members: Vec::new(),
        items: r.get(10)?,
    })
}

const DUTY_COLS: &str = "d.id, d.kind, d.title, d.lead, d.start_date, d.end_date, d.place, d.person_times,
    d.report_title, d.notes, (SELECT count(*) FROM consultation_items i WHERE i.duty_id = d.id)";

fn duty_members(conn: &Connection, duty_id: i64) -> Result<Vec<DutyMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT dm.member_id, m.name, dm.lead FROM duty_members dm JOIN members m ON m.id = dm.member_id
         WHERE dm.duty_id = ?1 ORDER BY dm.lead DESC, m.roster_order, m.id",
    )?;
    let rows =
        stmt.query_map([duty_id], |r| Ok(DutyMember { member_id: r.get(0)?, name: r.get(1)?, lead: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_duty(conn: &Connection, id: i64) -> Result<Duty> {
    let sql = format!("SELECT {DUTY_COLS} FROM duties d WHERE d.id = ?1");
    let mut duty =
        conn.query_row(&sql, [id], duty_from_row).optional()?.ok_or_else(|| Error::not_found("履职活动", id))?;
    duty.members = duty_members(conn, id)?;
    Ok(duty)
}

/// The duties of a kind (all kinds: `None`) that started in the period, in date order.
pub fn list_duties(conn: &Connection, kind: Option<DutyKind>, period: &Period) -> Result<Vec<Duty>> {
    let sql = format!(
        "SELECT {DUTY_COLS} FROM duties d WHERE (?1 IS NULL OR d.kind = ?1) AND d.start_date BETWEEN ?2 AND ?3
         ORDER BY d.start_date, d.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![kind.map(DutyKind::code), period.from, period.to], duty_from_row)?;
    let mut duties: Vec<Duty> = rows.collect::<rusqlite::Result<_>>()?;
    for d in &mut duties {
        d.members = duty_members(conn, d.id)?;
    }
    Ok(duties)
}

/// Checks that items may be attached to the source: a consultation meeting (专题议政性常委会,
/// 专题协商会, 座谈协商) or a 协商在基层 activity.
fn check_source(conn: &Connection, source: ItemSource) -> Result<()> {
    match source {
        ItemSource::Meeting(id) => {
            let m = crate::meetings::get_meeting(conn, id)?;
            let ok = matches!(m.kind, MeetingKind::TopicalConsultation | MeetingKind::Forum)
                || (m.kind == MeetingKind::StandingCommittee && m.topical);
            if !ok {
                return Err(Error::Conflict(format!(
                    "{}不是协商议政会议（专题议政性常委会、专题协商会、座谈协商），不记录意见建议",
                    m.title
                )));
            }
        }
        ItemSource::Duty(id) => {
            let d = get_duty(conn, id)?;
            if d.kind != DutyKind::Grassroots {
                return Err(Error::Conflict(format!("{}是{}，不记录意见建议", d.title, d.kind.label())));
            }
        }
    }
    Ok(())
}

fn source_cols(source: ItemSource) -> (Option<i64>, Option<i64>) {
    match source {
        ItemSource::Meeting(id) => (Some(id), None),
        ItemSource::Duty(id) => (None, Some(id)),
    }
}

/// Adds numbered 意见建议 to a consultation, after its last one; returns them.
pub fn add_items(db: &mut Db, source: ItemSource, items: &[ItemInput]) -> Result<Vec<ConsultationItem>> {
    check_source(db.conn(), source)?;
    let mut cleaned = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let text = item_text(&format!("第{}条意见建议", i + 1), &it.text)?;
        cleaned.push((clean_text(&clean_line(&it.topic)), text, clean_text(&it.receiving_body), &it.speakers));
    }
    let (meeting, duty) = source_cols(source);
    let ids = db.write(|tx| {
        let last: u32 = tx.query_row(
            "SELECT coalesce(max(seq), 0) FROM consultation_items WHERE meeting_id IS ?1 AND duty_id IS ?2",
            params![meeting, duty],
            |r| r.get(0),
        )?;
        let at = now();
        let mut ids = Vec::new();
        for (n, (topic, text, body, speakers)) in cleaned.iter().enumerate() {
            tx.execute(
                "INSERT INTO consultation_items (meeting_id, duty_id, seq, topic, text, receiving_body, created_at,
                                                 updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![meeting, duty, last + 1 + n as u32, topic, text, body, at],
            )?;
            let id = tx.last_insert_rowid();
            for m in speakers.iter() {
                roster::get(tx, *m)?;
                tx.execute(
                    "INSERT OR IGNORE INTO consultation_item_speakers (item_id, member_id) VALUES (?1, ?2)",
                    params![id, m],
                )?;
            }
            tx.audit(
                "consultation_item",
                id,
                "create",
                None::<&str>,
                Some(&serde_json::json!({
                    "seq": last + 1 + n as u32, "topic": topic, "text": text, "speakers": speakers,
                })),
            )?;
            ids.push(id);
        }
        Ok(ids)
    })?;
    let all = list_items(db.conn(), source)?;
    Ok(all.into_iter().filter(|i| ids.contains(&i.id)).collect())
}

/// The item's text as stored: one paragraph, no layout; empty is refused naming `field`.
fn item_text(field: &str, text: &str) -> Result<String> {
    let text = clean_multiline(text.trim()).replace('\n', "");
    if text.trim().is_empty() {
        return Err(Error::invalid(field, "内容不能为空"));
    }
    Ok(text)
}

fn item_value(it: &ConsultationItem) -> serde_json::Value {
    let speakers: Vec<i64> = it.speakers.iter().map(|s| s.member_id).collect();
    serde_json::json!({
        "seq": it.seq, "topic": it.topic, "text": it.text, "receiving_body": it.receiving_body, "speakers": speakers,
    })
}

/// Corrects one item: its topic, text, the body it goes to and who raised it; its number stays.
pub fn update_item(db: &mut Db, item_id: i64, input: &ItemInput) -> Result<ConsultationItem> {
    let old = get_item(db.conn(), item_id)?;
    let text = item_text(&format!("第{}条意见建议", old.seq), &input.text)?;
    let topic = clean_text(&clean_line(&input.topic));
    let body = clean_text(&input.receiving_body);
    db.write(|tx| {
        tx.execute(
            "UPDATE consultation_items SET topic = ?2, text = ?3, receiving_body = ?4, updated_at = ?5 WHERE id = ?1",
            params![item_id, topic, text, body, now()],
        )?;
        tx.execute("DELETE FROM consultation_item_speakers WHERE item_id = ?1", [item_id])?;
        for m in &input.speakers {
            roster::get(tx, *m)?;
            tx.execute(
                "INSERT OR IGNORE INTO consultation_item_speakers (item_id, member_id) VALUES (?1, ?2)",
                params![item_id, m],
            )?;
        }
        let new = serde_json::json!({
            "seq": old.seq, "topic": topic, "text": text, "receiving_body": body, "speakers": input.speakers,
        });
        tx.audit("consultation_item", item_id, "update", Some(&item_value(&old)), Some(&new))
    })?;
    get_item(db.conn(), item_id)
}

/// Records the feedback on an item: the body it went to, whether adopted, the reply and the date
/// it came back (needed with a reply or an adoption).
pub fn set_item_feedback(db: &mut Db, item_id: i64, input: &ItemFeedback) -> Result<ConsultationItem> {
    let old = get_item(db.conn(), item_id)?;
    let feedback_on = match input.feedback_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(roster::parse_date("反馈日期", d)?),
        None => None,
    };
    let fb = ItemFeedback {
        receiving_body: clean_text(&input.receiving_body),
        adoption: input.adoption,
        reply: clean_multiline(input.reply.trim()),
        feedback_on,
    };
    if fb.feedback_on.is_none() && (fb.adoption.is_some() || !fb.reply.is_empty()) {
        return Err(Error::invalid("反馈日期", "填写了反馈内容或采纳情况，请同时填写收到反馈的日期"));
    }
    let before = ItemFeedback {
        receiving_body: old.receiving_body.clone(),
        adoption: old.adoption,
        reply: old.reply.clone(),
        feedback_on: old.feedback_on.clone(),
    };
    db.write(|tx| {
        tx.execute(
            "UPDATE consultation_items SET receiving_body = ?2, adoption = ?3, reply = ?4, feedback_on = ?5,
                    updated_at = ?6 WHERE id = ?1",
            params![item_id, fb.receiving_body, fb.adoption.map(Adoption::code), fb.reply, fb.feedback_on, now()],
        )?;
        tx.audit("consultation_item", item_id, "feedback", Some(&before), Some(&fb))
    })?;
    get_item(db.conn(), item_id)
}

/// The consultations of the period that produce 意见建议, in date order: the consultation
/// meetings (专题议政性常委会, 专题协商会, 座谈协商) and the 协商在基层 activities.
pub fn list_consultations(conn: &Connection, period: &Period) -> Result<Vec<Consultation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'meeting', m.id, m.kind, m.title, m.start_date,
                (SELECT count(*) FROM consultation_items i WHERE i.meeting_id = m.id),
                (SELECT count(*) FROM consultation_items i WHERE i.meeting_id = m.id AND i.feedback_on IS NOT NULL)
         FROM meetings m
         WHERE (m.kind IN ('topical_consultation', 'forum') OR (m.kind = 'standing_committee' AND m.topical))
           AND m.start_date BETWEEN ?1 AND ?2
         UNION ALL
         SELECT 'duty', d.id, 'grassroots', d.title, d.start_date,
                (SELECT count(*) FROM consultation_items i WHERE i.duty_id = d.id),
                (SELECT count(*) FROM consultation_items i WHERE i.duty_id = d.id AND i.feedback_on IS NOT NULL)
         FROM duties d WHERE d.kind = 'grassroots' AND d.start_date BETWEEN ?1 AND ?2
         ORDER BY 5, 1 DESC, 2",
    )?;
    let rows = stmt.query_map(params![period.from, period.to], |r| {
        let what: String = r.get(0)?;
        let id: i64 = r.get(1)?;
        let kind: String = r.get(2)?;
        Ok((what, id, kind, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (what, id, kind, title, date, items, answered): (String, i64, String, String, String, u32, u32) = row?;
        let (source, kind) = if what == "duty" {
            (ItemSource::Duty(id), DutyKind::Grassroots.label().to_string())
        } else {
            let label = match MeetingKind::from_code(&kind) {
                Some(MeetingKind::StandingCommittee) => "专题议政性常委会".to_string(),
                Some(k) => k.label().to_string(),
                None => kind,
            };
            (ItemSource::Meeting(id), label)
        };
        out.push(Consultation { source, kind, title, date, items, answered });
    }
    Ok(out)
}

const ITEM_COLS: &str =
    "i.id, i.meeting_id, i.duty_id, i.seq, i.topic, i.text, i.receiving_body, i.adoption, i.reply, i.feedback_on";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<ConsultationItem> {
    let meeting: Option<i64> = r.get(1)?;
    let duty: Option<i64> = r.get(2)?;
    let adoption: Option<String> = r.get(7)?;
    Ok(ConsultationItem {
        id: r.get(0)?,
        source: match (meeting, duty) {
            (Some(m), _) => ItemSource::Meeting(m),
            (None, d) => ItemSource::Duty(d.unwrap_or_default()),
        },
        seq: r.get(3)?,
        topic: r.get(4)?,
        text: r.get(5)?,
        receiving_body: r.get(6)?,
        adoption: adoption.as_deref().and_then(|a| Adoption::parse(a).ok()),
        reply: r.get(8)?,
        feedback_on: r.get(9)?,
        speakers: Vec::new(),
    })
}

fn speakers(conn: &Connection, item_id: i64) -> Result<Vec<DutyMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.member_id, m.name FROM consultation_item_speakers s JOIN members m ON m.id = s.member_id
         WHERE s.item_id = ?1 ORDER BY m.roster_order, m.id",
    )?;
    let rows = stmt.query_map([item_id], |r| Ok(DutyMember { member_id: r.get(0)?, name: r.get(1)?, lead: false }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_item(conn: &Connection, id: i64) -> Result<ConsultationItem> {
    let sql = format!("SELECT {ITEM_COLS} FROM consultation_items i WHERE i.id = ?1");
    let mut item =
        conn.query_row(&sql, [id], item_from_row).optional()?.ok_or_else(|| Error::not_found("意见建议", id))?;
    item.speakers = speakers(conn, id)?;
    Ok(item)
}

/// The items of one consultation, in their numbered order; a source that does not exist or
/// takes no items is an error saying so.
pub fn list_items(conn: &Connection, source: ItemSource) -> Result<Vec<ConsultationItem>> {
    check_source(conn, source)?;
    let (meeting, duty) = source_cols(source);
    let sql = format!(
        "SELECT {ITEM_COLS} FROM consultation_items i WHERE i.meeting_id IS ?1 AND i.duty_id IS ?2 ORDER BY i.seq"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![meeting, duty], item_from_row)?;
    let mut items: Vec<ConsultationItem> = rows.collect::<rusqlite::Result<_>>()?;
    for i in &mut items {
        i.speakers = speakers(conn, i.id)?;
    }
    Ok(items)
}
