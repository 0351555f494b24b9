//! Membership events: reading them and recording one (辞去、责令辞去、撤销、逝世、职务变动).

use rusqlite::{params, Connection, Row};

use super::queries::get_on_unchecked;
use super::{get, get_on, names, parse_date, MembershipEvent, MembershipEventInput, MembershipKind, Role};
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

/// The membership events of a member, in date order.
pub fn events(conn: &Connection, member_id: i64) -> Result<Vec<MembershipEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, kind, effective_on, reference, detail, created_at FROM membership_events
         WHERE member_id = ?1 ORDER BY effective_on, id",
    )?;
    let rows = stmt.query_map([member_id], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every membership event (except joining) whose date falls in [from, to], for reports.
pub fn events_between(conn: &Connection, from: &str, to: &str) -> Result<Vec<MembershipEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, kind, effective_on, reference, detail, created_at FROM membership_events
         WHERE kind <> 'joined' AND effective_on BETWEEN ?1 AND ?2 ORDER BY effective_on, id",
    )?;
    let rows = stmt.query_map(params![from, to], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<MembershipEvent> {
    let kind: String = r.get(2)?;
    let detail: String = r.get(5)?;
    let v: serde_json::Value = serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null);
    let role = |k: &str| v.get(k).and_then(|x| x.as_str()).and_then(Role::from_code);
    Ok(MembershipEvent {
        id: r.get(0)?,
        member_id: r.get(1)?,
        kind: MembershipKind::from_code(&kind).unwrap_or(MembershipKind::RoleChanged),
        effective_on: r.get(3)?,
        reference: r.get(4)?,
        role_from: role("from"),
        role_to: role("to").or_else(|| role("role")),
        until: v.get("until").and_then(|x| x.as_str()).map(String::from),
        created_at: r.get(6)?,
    })
}

/// Records a membership event (辞去委员职务, 辞去常委职务, 责令辞去, 撤销委员资格, 逝世, 职务变动).
pub fn record_event(db: &mut Db, member_id: i64, event: &MembershipEventInput) -> Result<MembershipEvent> {
    let id = db.write(|tx| record_in(tx, member_id, event))?;
    let ev = events(db.conn(), member_id)?.into_iter().find(|e| e.id == id);
    ev.ok_or_else(|| Error::not_found("委员变动记录", id))
}

/// Records a suspension (暂停委员职务) from `from` to `until` (inclusive; `None`: not yet decided).
/// The member stays on the roster; the year's figures count it as a membership change.
pub fn record_suspension(
    db: &mut Db,
    member_id: i64,
    from: &str,
    until: Option<&str>,
    reference: &str,
) -> Result<MembershipEvent> {
    let from = parse_date("暂停起始日期", from)?;
    let until = until.map(str::trim).filter(|s| !s.is_empty()).map(|u| parse_date("暂停截止日期", u)).transpose()?;
    if let Some(u) = &until {
        if *u < from {
            return Err(Error::invalid("暂停截止日期", format!("{u} 早于起始日期 {from}")));
        }
    }
    let id = db.write(|tx| {
        let member = get(tx, member_id)?;
        if from < member.joined_on {
            return Err(Error::invalid("暂停起始日期", format!("{from} 早于{}的任职日期", member.name)));
        }
        if member.left_on.as_deref().is_some_and(|l| from.as_str() >= l) {
            return Err(Error::Conflict(format!("{}已离任，不能再暂停委员职务", member.name)));
        }
        let reference = names::clean_text(reference);
        let detail = serde_json::json!({ "until": until });
        tx.execute(
            "INSERT INTO membership_events (member_id, kind, effective_on, reference, detail, created_at)
             VALUES (?1, 'suspended', ?2, ?3, ?4, ?5)",
            params![member_id, from, reference, detail.to_string(), now()],
        )?;
        let id = tx.last_insert_rowid();
        let ev =
            serde_json::json!({ "kind": "suspended", "effective_on": from, "reference": reference, "detail": detail });
        tx.audit("member", member_id, "suspended", None::<&str>, Some(&ev))?;
        Ok(id)
    })?;
    let ev = events(db.conn(), member_id)?.into_iter().find(|e| e.id == id);
    ev.ok_or_else(|| Error::not_found("委员变动记录", id))
}

/// Changes a member's role from `effective_on` (a `role_changed` event).
pub fn change_role(
    db: &mut Db,
    member_id: i64,
    role: Role,
    effective_on: &str,
    reference: &str,
) -> Result<MembershipEvent> {
    record_event(
        db,
        member_id,
        &MembershipEventInput {
            kind: MembershipKind::RoleChanged,
            effective_on: effective_on.into(),
            reference: reference.into(),
            role: Some(role),
        },
    )
}

/// [`record_event`] inside a caller's transaction; returns the event's id.
pub fn record_in(tx: &Tx<'_>, member_id: i64, event: &MembershipEventInput) -> Result<i64> {
    let member = get(tx, member_id)?;
    let date = parse_date("生效日期", &event.effective_on)?;
    let reference = names::clean_text(&event.reference);
    if event.kind == MembershipKind::Joined {
        return Err(Error::invalid("变动类型", "任职由新增委员记录，不能单独添加"));
    }
    if date < member.joined_on {
        return Err(Error::invalid("生效日期", format!("{date} 早于{}的任职日期 {}", member.name, member.joined_on)));
    }
    if let Some(left) = &member.left_on {
        if date >= *left {
            let why = member.left_reason.map_or("离任", MembershipKind::label);
            return Err(Error::Conflict(format!("{}已于 {left} {why}，不能再记录此后的变动", member.name)));
        }
    }
    let role_before = get_on(tx, member_id, &date)?.role;
    let detail = match event.kind {
        MembershipKind::StandingResigned => {
            if !role_before.is_standing() {
                return Err(Error::Conflict(format!(
                    "{}在 {date} 不是常委（当时职务：{}），无需辞去常委职务",
                    member.name,
                    role_before.label()
                )));
            }
            serde_json::json!({ "from": role_before.code(), "to": Role::Member.code() })
        }
        MembershipKind::RoleChanged => {
            let to = event.role.ok_or_else(|| Error::invalid("新职务", "职务变动须给出新职务"))?;
            if to == role_before {
                return Err(Error::Conflict(format!("{}在 {date} 的职务已是{}", member.name, to.label())));
            }
            serde_json::json!({ "from": role_before.code(), "to": to.code() })
        }
        _ => serde_json::json!({}),
    };
    let later_role_events: i64 = tx.query_row(
        "SELECT count(*) FROM membership_events WHERE member_id = ?1 AND effective_on > ?2
         AND kind IN ('role_changed','standing_resigned')",
        params![member_id, date],
        |r| r.get(0),
    )?;
    if event.kind.ends_membership() && later_role_events > 0 {
        return Err(Error::Conflict(format!("{}在 {date} 之后还有职务变动记录，请先核对日期", member.name)));
    }
    tx.execute(
        "INSERT INTO membership_events (member_id, kind, effective_on, reference, detail, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member_id, event.kind.code(), date, reference, detail.to_string(), now()],
    )?;
    let event_id = tx.last_insert_rowid();
    if event.kind.ends_membership() {
        tx.execute("UPDATE members SET left_on = ?2, updated_at = ?3 WHERE id = ?1", params![member_id, date, now()])?;
    }
    // The stored role is the latest one.
    let latest = get_on_unchecked(tx, member_id, "9999-12-31")?.role;
    tx.execute("UPDATE members SET role = ?2 WHERE id = ?1", params![member_id, latest.code()])?;
    let ev = serde_json::json!({
        "kind": event.kind.code(), "effective_on": date, "reference": reference, "detail": detail,
    });
    tx.audit("member", member_id, event.kind.code(), None::<&str>, Some(&ev))?;
    Ok(event_id)
}
