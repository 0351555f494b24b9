//! Writing sittings: checking one, creating and updating it, copying a schedule, opening and closing.

use rusqlite::{params, OptionalExtension};

use super::{
    get_meeting, get_sitting, list_sittings, AgendaItem, Expect, Meeting, Sitting, SittingInput, SittingStatus,
};
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::roster::{self, names, parse_date};

fn clean_time(field: &str, t: &str) -> Result<String> {
    let t = names::clean_name(t).replace('：', ":");
    if t.is_empty() {
        return Ok(t);
    }
    chrono::NaiveTime::parse_from_str(&t, "%H:%M")
        .map(|x| x.format("%H:%M").to_string())
        .map_err(|_| Error::invalid(field, format!("“{t}”应写作 08:30 的形式")))
}

fn check_sitting(tx: &Tx<'_>, s: &SittingInput) -> Result<(SittingInput, Meeting, Vec<i64>)> {
    let meeting = get_meeting(tx, s.meeting_id)?;
    let title = names::clean_text(&s.title);
    if title.is_empty() {
        return Err(Error::invalid("场次名称", "不能为空"));
    }
    let date = parse_date("场次日期", &s.date)?;
    if date < meeting.start_date || date > meeting.end_date {
        return Err(Error::invalid(
            "场次日期",
            format!("{date} 不在会议“{}”的日期 {} 至 {} 之内", meeting.title, meeting.start_date, meeting.end_date),
        ));
    }
    let start_time = clean_time("开始时间", &s.start_time)?;
    let end_time = clean_time("结束时间", &s.end_time)?;
    if !start_time.is_empty() && !end_time.is_empty() && end_time <= start_time {
        return Err(Error::invalid("结束时间", format!("{end_time} 不晚于开始时间 {start_time}")));
    }
    let mut group_ids = Vec::new();
    for g in &s.groups {
        let g = names::clean_name(g);
        let id: Option<i64> = tx.query_row("SELECT id FROM groups WHERE name = ?1", [&g], |r| r.get(0)).optional()?;
        group_ids.push(id.ok_or_else(|| Error::not_found("小组", &g))?);
    }
    if s.expect == Expect::Groups && group_ids.is_empty() {
        return Err(Error::invalid("应到人员", "按小组时须至少选择一个小组"));
    }
    if s.expect == Expect::Chosen && s.member_ids.is_empty() {
        return Err(Error::invalid("应到人员", "指定委员时须至少选择一名委员"));
    }
    for id in &s.member_ids {
        roster::get(tx, *id)?;
    }
    for id in &s.invitee_ids {
        roster::get_invitee(tx, *id)?;
    }
    let mut agenda = Vec::new();
    for (n, a) in s.agenda.iter().enumerate() {
        let item = AgendaItem { title: names::clean_text(&a.title), presenter: names::clean_text(&a.presenter) };
        if item.title.is_empty() && !item.presenter.is_empty() {
            return Err(Error::invalid(
                "议程",
                format!("第 {} 项只填了报告人“{}”，请填写议程内容，或删去这一行", n + 1, item.presenter),
            ));
        }
        // A line left wholly empty is no agenda item.
        if !item.title.is_empty() {
            agenda.push(item);
        }
    }
    let clean = SittingInput {
        title,
        date,
        start_time,
        end_time,
        venue: names::clean_text(&s.venue),
        presiding: names::clean_text(&s.presiding),
        notes: s.notes.trim().into(),
        agenda,
        groups: s.groups.iter().map(|g| names::clean_name(g)).collect(),
        ..s.clone()
    };
    Ok((clean, meeting, group_ids))
}

fn write_links(tx: &Tx<'_>, id: i64, s: &SittingInput, group_ids: &[i64]) -> Result<()> {
    for t in ["sitting_groups", "sitting_members", "sitting_invitees", "agenda_items"] {
        tx.execute(&format!("DELETE FROM {t} WHERE sitting_id = ?1"), [id])?;
    }
    for g in group_ids {
        tx.execute("INSERT OR IGNORE INTO sitting_groups (sitting_id, group_id) VALUES (?1, ?2)", params![id, g])?;
    }
    for m in &s.member_ids {
        tx.execute("INSERT OR IGNORE INTO sitting_members (sitting_id, member_id) VALUES (?1, ?2)", params![id, m])?;
    }
    for i in &s.invitee_ids {
        tx.execute("INSERT OR IGNORE INTO sitting_invitees (sitting_id, invitee_id) VALUES (?1, ?2)", params![id, i])?;
    }
    for (n, a) in s.agenda.iter().enumerate() {
        tx.execute(
            "INSERT INTO agenda_items (sitting_id, seq, title, presenter) VALUES (?1, ?2, ?3, ?4)",
            params![id, n as i64 + 1, a.title, a.presenter],
        )?;
    }
    Ok(())
}

pub fn create_sitting(db: &mut Db, input: &SittingInput) -> Result<Sitting> {
    let id = db.write(|tx| create_sitting_in(tx, input))?;
    get_sitting(db.conn(), id)
}

pub fn create_sitting_in(tx: &Tx<'_>, input: &SittingInput) -> Result<i64> {
    let (s, _meeting, group_ids) = check_sitting(tx, input)?;
    let seq: u32 = match s.seq {
        Some(q) => q,
        None => {
            tx.query_row("SELECT COALESCE(max(seq), 0) + 1 FROM sittings WHERE meeting_id = ?1", [s.meeting_id], |r| {
                r.get(0)
            })?
        }
    };
    let taken: Option<i64> = tx
        .query_row("SELECT id FROM sittings WHERE meeting_id = ?1 AND seq = ?2", params![s.meeting_id, seq], |r| {
            r.get(0)
        })
        .optional()?;
    if taken.is_some() {
        return Err(Error::Conflict(format!("该会议已有第 {seq} 场")));
    }
    tx.execute(
        "INSERT INTO sittings (meeting_id, seq, title, kind, date, half_day, start_time, end_time, venue, presiding,
            expect, election, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            s.meeting_id,
            seq,
            s.title,
            s.kind.code(),
            s.date,
            s.half_day.code(),
            s.start_time,
            s.end_time,
            s.venue,
            s.presiding,
            s.expect.code(),
            s.election,
            s.notes,
            now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_links(tx, id, &s, &group_ids)?;
    tx.audit("sitting", id, "create", None::<&SittingInput>, Some(&s))?;
    Ok(id)
}

pub fn update_sitting(db: &mut Db, id: i64, input: &SittingInput) -> Result<Sitting> {
    let old = get_sitting(db.conn(), id)?;
    db.write(|tx| {
        let (s, _meeting, group_ids) = check_sitting(tx, input)?;
        let seq = s.seq.unwrap_or(old.seq);
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM sittings WHERE meeting_id = ?1 AND seq = ?2 AND id <> ?3",
                params![s.meeting_id, seq, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::Conflict(format!("该会议已有第 {seq} 场")));
        }
        tx.execute(
            "UPDATE sittings SET meeting_id = ?2, seq = ?3, title = ?4, kind = ?5, date = ?6, half_day = ?7,
                start_time = ?8, end_time = ?9, venue = ?10, presiding = ?11, expect = ?12, election = ?13,
                notes = ?14 WHERE id = ?1",
            params![
                id,
                s.meeting_id,
                seq,
                s.title,
                s.kind.code(),
                s.date,
                s.half_day.code(),
                s.start_time,
                s.end_time,
                s.venue,
                s.presiding,
                s.expect.code(),
                s.election,
                s.notes
            ],
        )?;
        write_links(tx, id, &s, &group_ids)?;
        tx.audit("sitting", id, "update", Some(&old), Some(&s))
    })?;
    get_sitting(db.conn(), id)
}

/// Copies the sittings of meeting `from` into meeting `to` (e.g. last year's plenary schedule as a
/// start for this year's), shifting every date by the distance between the two meetings' start
/// dates. Sittings falling outside `to`'s dates are left out. Returns the number copied.
pub fn copy_schedule(db: &mut Db, from: i64, to: i64) -> Result<u32> {
    let src = get_meeting(db.conn(), from)?;
    let dst = get_meeting(db.conn(), to)?;
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Error::invalid("日期", d));
    let shift = day(&dst.start_date)? - day(&src.start_date)?;
    db.write(|tx| {
        // Checked in the write transaction: two copies started at once do not both fill the meeting.
        let sittings = list_sittings(tx, Some(from))?;
        if !list_sittings(tx, Some(to))?.is_empty() {
            return Err(Error::Conflict(format!("会议“{}”已有场次，请在空会议中复制日程", dst.title)));
        }
        let mut n = 0;
        for s in &sittings {
            let date = (day(&s.date)? + shift).format("%Y-%m-%d").to_string();
            if date < dst.start_date || date > dst.end_date {
                continue;
            }
            create_sitting_in(
                tx,
                &SittingInput {
                    meeting_id: to,
                    seq: None,
                    title: s.title.clone(),
                    kind: s.kind,
                    date,
                    half_day: s.half_day,
                    start_time: s.start_time.clone(),
                    end_time: s.end_time.clone(),
                    venue: s.venue.clone(),
                    presiding: s.presiding.clone(),
                    expect: s.expect,
                    groups: s.groups.clone(),
                    member_ids: s.member_ids.clone(),
                    invitee_ids: s.invitee_ids.clone(),
                    election: s.election,
                    notes: s.notes.clone(),
                    agenda: s.agenda.clone(),
                },
            )?;
            n += 1;
        }
        Ok(n)
    })
}

/// Sets a sitting's status (planned → open → closed; reopening is allowed). Closing and reopening
/// are the attendance record's: closing freezes who was expected and turns those who neither came
/// nor had leave into 缺席, so they go through [`crate::attendance`] and never around it.
pub fn set_sitting_status(db: &mut Db, id: i64, status: SittingStatus) -> Result<Sitting> {
    let old = get_sitting(db.conn(), id)?;
    if old.status == status {
        return Ok(old);
    }
    if status == SittingStatus::Closed {
        crate::attendance::close_sitting(db, id)?;
        return get_sitting(db.conn(), id);
    }
    if old.status == SittingStatus::Closed {
        crate::attendance::reopen_sitting(db, id)?;
        if status == SittingStatus::Open {
            return get_sitting(db.conn(), id);
        }
    }
    db.write(|tx| {
        let old = set_sitting_status_in(tx, id, status)?;
        tx.audit("sitting", id, "status", Some(old.code()), Some(status.code()))
    })?;
    get_sitting(db.conn(), id)
}

/// Sets a sitting's status inside the caller's transaction and returns the status it had. The
/// caller writes the audit row: closing and reopening are audited by attendance as one action with
/// what they froze or released, [`set_sitting_status`] as a change of status.
pub fn set_sitting_status_in(tx: &Tx<'_>, id: i64, status: SittingStatus) -> Result<SittingStatus> {
    let old: SittingStatus = tx
        .prepare_cached("SELECT status FROM sittings WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("场次", id))?;
    tx.prepare_cached("UPDATE sittings SET status = ?2 WHERE id = ?1")?.execute(params![id, status])?;
    Ok(old)
}

/// Opens a planned sitting inside the caller's transaction, audited (the first check-in opens it);
/// an open or closed sitting is left as it is. Whether it was opened.
pub fn open_sitting_if_planned(tx: &Tx<'_>, id: i64) -> Result<bool> {
    let changed = tx
        .prepare_cached("UPDATE sittings SET status = ?2 WHERE id = ?1 AND status = ?3")?
        .execute(params![id, SittingStatus::Open, SittingStatus::Planned])?;
    if changed > 0 {
        tx.audit("sitting", id, "status", Some(SittingStatus::Planned.code()), Some(SittingStatus::Open.code()))?;
    }
    Ok(changed > 0)
}
