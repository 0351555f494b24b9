//! 列席人员: their own small roster.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{names, Invitee, InviteeInput};
use crate::db::dependents::{dependents, describe};
use crate::db::{now, Db};
use crate::error::{Error, Result};

fn clean_invitee(input: &InviteeInput) -> Result<InviteeInput> {
    let name = names::clean_name(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("列席人员姓名", "不能为空"));
    }
    Ok(InviteeInput {
        name,
        unit: names::clean_text(&input.unit),
        post: names::clean_text(&input.post),
        phone: names::clean_text(&input.phone).replace(' ', ""),
        notes: input.notes.trim().into(),
    })
}

pub fn create_invitee(db: &mut Db, input: &InviteeInput) -> Result<Invitee> {
    let c = clean_invitee(input)?;
    let id = db.write(|tx| {
        tx.execute(
            "INSERT INTO invitees (name, unit, post, phone, notes, name_pinyin, name_initials, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                c.name,
                c.unit,
                c.post,
                c.phone,
                c.notes,
                names::full_pinyin(&c.name),
                names::initials(&c.name),
                now()
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit("invitee", id, "create", None::<&InviteeInput>, Some(&c))?;
        Ok(id)
    })?;
    get_invitee(db.conn(), id)
}

pub fn update_invitee(db: &mut Db, id: i64, input: &InviteeInput) -> Result<Invitee> {
    let c = clean_invitee(input)?;
    let old = get_invitee(db.conn(), id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE invitees SET name = ?2, unit = ?3, post = ?4, phone = ?5, notes = ?6, name_pinyin = ?7,
                name_initials = ?8 WHERE id = ?1",
            params![
                id,
                c.name,
                c.unit,
                c.post,
                c.phone,
                c.notes,
                names::full_pinyin(&c.name),
                names::initials(&c.name)
            ],
        )?;
        tx.audit("invitee", id, "update", Some(&old), Some(&c))
    })?;
    get_invitee(db.conn(), id)
}

pub fn get_invitee(conn: &Connection, id: i64) -> Result<Invitee> {
    conn.query_row("SELECT id, name, unit, post, phone, notes FROM invitees WHERE id = ?1", [id], invitee_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("列席人员", id))
}

pub fn list_invitees(conn: &Connection) -> Result<Vec<Invitee>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, unit, post, phone, notes FROM invitees ORDER BY id")?;
    let rows = stmt.query_map([], invitee_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn invitee_from_row(r: &Row<'_>) -> rusqlite::Result<Invitee> {
    Ok(Invitee { id: r.get(0)?, name: r.get(1)?, unit: r.get(2)?, post: r.get(3)?, phone: r.get(4)?, notes: r.get(5)? })
}

/// Removes an invitee entered by mistake. Refused, saying what depends on them, once they were
/// invited to a sitting or checked in: remove them from those sittings first.
pub fn delete_invitee(db: &mut Db, id: i64) -> Result<()> {
    let old = get_invitee(db.conn(), id)?;
    db.write(|tx| {
        let deps = dependents(tx, "invitees", &[id], &[])?;
        if !deps.is_empty() {
            return Err(Error::Conflict(format!(
                "不能删除列席人员“{}”：已有{}。请先在场次中把其移出列席名单；信息有误可直接修改。",
                old.name,
                describe(&deps)
            )));
        }
        tx.execute("DELETE FROM invitees WHERE id = ?1", [id])?;
        tx.audit("invitee", id, "delete", Some(&old), None::<&Invitee>)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::{self, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};

    #[test]
    fn an_invitee_is_edited_and_removed_unless_invited_to_a_sitting() {
        let mut db = Db::open_in_memory().expect("db");
        let a = create_invitee(&mut db, &InviteeInput { name: "赵列席".into(), ..Default::default() }).expect("a");
        let u = update_invitee(
            &mut db,
            a.id,
            &InviteeInput { name: "赵列席".into(), unit: "市人大".into(), ..Default::default() },
        )
        .expect("edit");
        assert_eq!(u.unit, "市人大");
        let b = create_invitee(&mut db, &InviteeInput { name: "钱列席".into(), ..Default::default() }).expect("b");
        delete_invitee(&mut db, b.id).expect("nobody depends on 钱列席");
        assert_eq!(get_invitee(db.conn(), b.id).expect_err("gone").code(), "not_found");
        let m = meetings::create_meeting(
            &mut db,
            &MeetingInput {
                kind: MeetingKind::Forum,
                title: "座谈会".into(),
                session_id: None,
                ordinal: None,
                topical: false,
                enlarged: false,
                start_date: "2020-03-20".into(),
                end_date: String::new(),
                organizer: String::new(),
                venue: String::new(),
                notes: String::new(),
            },
        )
        .expect("meeting");
        meetings::create_sitting(
            &mut db,
            &SittingInput {
                invitee_ids: vec![a.id],
                ..SittingInput::new(m.id, "座谈", SittingKind::Other, "2020-03-20", HalfDay::Am)
            },
        )
        .expect("sitting");
        let e = delete_invitee(&mut db, a.id).expect_err("invited to a sitting");
        assert_eq!(
            e.to_string(),
            "不能删除列席人员“赵列席”：已有场次列席安排 1 个。请先在场次中把其移出列席名单；信息有误可直接修改。"
        );
    }
}
