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
    if kind == DutyKind::Delegation && input.person_times == 0 {
        return Err(Error::invalid("人次", "接待团组须填写来访人数"));
    }
    Ok((kind, title, start, end))
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
    let old = get_duty(db.conn(), id)?;
    db.write(|tx| {
        let (kind, title, start, end) = checked(input)?;
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
        let text = clean_multiline(it.text.trim()).replace('\n', "");
        if text.trim().is_empty() {
            return Err(Error::invalid(format!("第{}条意见建议", i + 1), "内容不能为空"));
        }
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

/// Records the feedback on an item: the body it went to, whether adopted, the reply.
pub fn set_item_feedback(
    db: &mut Db,
    item_id: i64,
    receiving_body: &str,
    adoption: Option<Adoption>,
    reply: &str,
) -> Result<ConsultationItem> {
    let old = get_item(db.conn(), item_id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE consultation_items SET receiving_body = ?2, adoption = ?3, reply = ?4, updated_at = ?5
             WHERE id = ?1",
            params![
                item_id,
                clean_text(receiving_body),
                adoption.map(Adoption::code),
                clean_multiline(reply.trim()),
                now()
            ],
        )?;
        let new = serde_json::json!({ "receiving_body": receiving_body, "adoption": adoption, "reply": reply });
        tx.audit("consultation_item", item_id, "feedback", Some(&old), Some(&new))
    })?;
    get_item(db.conn(), item_id)
}

const ITEM_COLS: &str = "i.id, i.meeting_id, i.duty_id, i.seq, i.topic, i.text, i.receiving_body, i.adoption, i.reply";

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

/// The items of one consultation, in their numbered order.
pub fn list_items(conn: &Connection, source: ItemSource) -> Result<Vec<ConsultationItem>> {
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
