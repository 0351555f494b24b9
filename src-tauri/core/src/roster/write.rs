//! Writing members: checking what the user typed, creating, updating, confirming two are distinct.

use rusqlite::{params, OptionalExtension};

#[cfg(doc)]
use super::change_role;
use super::sectors::{group_id, sector_id};
use super::{
    get, names, parse_date, parse_month, record_in, today, Member, MemberInput, MembershipEventInput, MembershipKind,
    Role,
};
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};

/// A normalised, checked member input.
struct Clean {
    member_no: Option<String>,
    name: String,
    gender: String,
    ethnicity: String,
    birth_month: Option<String>,
    party: String,
    sector: Option<String>,
    group: Option<String>,
    role: Role,
    workplace: String,
    post: String,
    phone: String,
    seat: String,
    notes: String,
    roster_order: Option<i64>,
    joined_on: String,
}

fn clean(input: &MemberInput) -> Result<Clean> {
    let name = names::clean_name(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("姓名", "不能为空"));
    }
    if name.chars().count() > 40 {
        return Err(Error::invalid("姓名", format!("“{name}”太长")));
    }
    let gender = names::clean_name(&input.gender);
    let gender = match gender.as_str() {
        "" => String::new(),
        "男" | "男性" | "m" | "M" => "男".into(),
        "女" | "女性" | "f" | "F" => "女".into(),
        other => return Err(Error::invalid("性别", format!("应为“男”或“女”，而不是“{other}”"))),
    };
    let opt = |s: &Option<String>| s.as_deref().map(names::clean_text).filter(|s| !s.is_empty());
    let birth_month = match opt(&input.birth_month) {
        None => None,
        Some(s) => Some(
            parse_month(&s)
                .ok_or_else(|| Error::invalid("出生年月", format!("“{s}”无法识别，应写作 1968.10 或 1968-10")))?,
        ),
    };
    let member_no = opt(&input.member_no).map(|s| s.replace(' ', ""));
    let joined_on = parse_date("任职日期", &input.joined_on)?;
    Ok(Clean {
        member_no,
        name,
        gender,
        ethnicity: names::clean_name(&input.ethnicity),
        birth_month,
        party: names::clean_name(&input.party),
        sector: opt(&input.sector).map(|s| names::clean_name(&s)),
        group: opt(&input.group).map(|s| names::clean_name(&s)),
        role: input.role,
        workplace: names::clean_text(&input.workplace),
        post: names::clean_text(&input.post),
        phone: names::clean_text(&input.phone).replace(' ', ""),
        seat: names::clean_text(&input.seat).replace(' ', ""),
        notes: input.notes.trim().to_string(),
        roster_order: input.roster_order,
        joined_on,
    })
}

fn unique_member_no(tx: &Tx<'_>, member_no: &Option<String>, except: Option<i64>) -> Result<()> {
    if let Some(no) = member_no {
        let other: Option<(i64, String)> = tx
            .prepare_cached("SELECT id, name FROM members WHERE member_no = ?1")?
            .query_row([no], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, name)) = other.filter(|(id, _)| Some(*id) != except) {
            let _ = id;
            return Err(Error::Conflict(format!("委员编号 {no} 已被委员{name}使用")));
        }
    }
    Ok(())
}

/// Adds a member: they join on `input.joined_on` with `input.role` (a `joined` event).
pub fn create(db: &mut Db, input: &MemberInput) -> Result<Member> {
    let id = db.write(|tx| create_in(tx, input, ""))?;
    get(db.conn(), id)
}

/// [`create`] inside a caller's transaction; `reference` is the decision that appointed them.
pub fn create_in(tx: &Tx<'_>, input: &MemberInput, reference: &str) -> Result<i64> {
    let c = clean(input)?;
    unique_member_no(tx, &c.member_no, None)?;
    let sector_id = c.sector.as_deref().map(|s| sector_id(tx, s)).transpose()?;
    let group_id = c.group.as_deref().map(|g| group_id(tx, g)).transpose()?;
    let order = match c.roster_order {
        Some(o) => o,
        None => tx.query_row("SELECT COALESCE(max(roster_order), 0) + 1 FROM members", [], |r| r.get(0))?,
    };
    let at = now();
    tx.prepare_cached(
        "INSERT INTO members (member_no, name, gender, ethnicity, birth_month, party, sector_id, group_id,
            role, workplace, post, phone, seat, notes, roster_order, joined_on, name_pinyin, name_initials,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
    )?
    .execute(params![
        c.member_no,
        c.name,
        c.gender,
        c.ethnicity,
        c.birth_month,
        c.party,
        sector_id,
        group_id,
        c.role.code(),
        c.workplace,
        c.post,
        c.phone,
        c.seat,
        c.notes,
        order,
        c.joined_on,
        names::full_pinyin(&c.name),
        names::initials(&c.name),
        at
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO membership_events (member_id, kind, effective_on, reference, detail, created_at)
         VALUES (?1, 'joined', ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, c.joined_on, reference, serde_json::json!({ "role": c.role.code() }).to_string(), at])?;
    let new = get(tx, id)?;
    tx.audit("member", id, "create", None::<&Member>, Some(&new))?;
    Ok(id)
}

/// Updates a member's record. A change of role is recorded as a `role_changed` event effective
/// today; use [`change_role`] to give its date and reference.
pub fn update(db: &mut Db, id: i64, input: &MemberInput) -> Result<Member> {
    db.write(|tx| update_in(tx, id, input, &today(), ""))?;
    get(db.conn(), id)
}

/// Updates a member's record; a change of role takes effect on `role_effective_on` with the
/// decision's `reference`.
pub fn update_dated(
    db: &mut Db,
    id: i64,
    input: &MemberInput,
    role_effective_on: &str,
    reference: &str,
) -> Result<Member> {
    let on = parse_date("职务变动生效日期", role_effective_on)?;
    db.write(|tx| update_in(tx, id, input, &on, reference))?;
    get(db.conn(), id)
}

/// [`update`] inside a caller's transaction; a role change takes effect on `role_effective_on`.
pub fn update_in(tx: &Tx<'_>, id: i64, input: &MemberInput, role_effective_on: &str, reference: &str) -> Result<bool> {
    let old = get(tx, id)?;
    let c = clean(input)?;
    unique_member_no(tx, &c.member_no, Some(id))?;
    let sector_id = c.sector.as_deref().map(|s| sector_id(tx, s)).transpose()?;
    let group_id = c.group.as_deref().map(|g| group_id(tx, g)).transpose()?;
    let order = c.roster_order.unwrap_or(old.roster_order);
    if let Some(left) = &old.left_on {
        if c.joined_on >= *left {
            return Err(Error::invalid("任职日期", format!("不能晚于离任日期 {left}")));
        }
    }
    let first_later: Option<String> = tx
        .query_row(
            "SELECT min(effective_on) FROM membership_events WHERE member_id = ?1 AND kind <> 'joined'",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(first) = first_later.filter(|f| c.joined_on > *f) {
        return Err(Error::invalid("任职日期", format!("不能晚于该委员的第一条变动日期 {first}")));
    }
    tx.execute(
        "UPDATE members SET member_no = ?1, name = ?2, gender = ?3, ethnicity = ?4, birth_month = ?5, party = ?6,
            sector_id = ?7, group_id = ?8, workplace = ?9, post = ?10, phone = ?11, seat = ?12, notes = ?13,
            roster_order = ?14, joined_on = ?15, name_pinyin = ?16, name_initials = ?17
         WHERE id = ?18",
        params![
            c.member_no,
            c.name,
            c.gender,
            c.ethnicity,
            c.birth_month,
            c.party,
            sector_id,
            group_id,
            c.workplace,
            c.post,
            c.phone,
            c.seat,
            c.notes,
            order,
            c.joined_on,
            names::full_pinyin(&c.name),
            names::initials(&c.name),
            id
        ],
    )?;
    tx.execute(
        "UPDATE membership_events SET effective_on = ?2 WHERE member_id = ?1 AND kind = 'joined'",
        params![id, c.joined_on],
    )?;
    let mut new = get(tx, id)?;
    if c.role != old.role {
        record_in(
            tx,
            id,
            &MembershipEventInput {
                kind: MembershipKind::RoleChanged,
                effective_on: role_effective_on.to_string(),
                reference: reference.to_string(),
                role: Some(c.role),
            },
        )?;
        new = get(tx, id)?;
    }
    let changed = new != old;
    if changed {
        tx.execute("UPDATE members SET updated_at = ?2 WHERE id = ?1", params![id, now()])?;
        tx.audit("member", id, "update", Some(&old), Some(&new))?;
    }
    Ok(changed)
}

/// Marks two same-name, same-birth-month members as two different people.
pub fn confirm_distinct(db: &mut Db, a: i64, b: i64) -> Result<()> {
    db.write(|tx| {
        for id in [a, b] {
            get(tx, id)?;
            tx.execute("UPDATE members SET distinct_confirmed = 1 WHERE id = ?1", [id])?;
            tx.audit("member", id, "confirm_distinct", None::<&str>, Some(&[a, b]))?;
        }
        Ok(())
    })
}
