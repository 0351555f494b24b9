//! What a clerk wants flagged before an import is written, each as a warning on its row: a seat
//! already taken (in the file or on the roster), a phone number of the wrong length, a sector or
//! group the committee does not have, an empty 界别 or 小组; and, for a row that updates a member,
//! what changes (old → new, per field).

use std::collections::HashMap;

use rusqlite::Connection;

use super::rows::Existing;
use super::{FieldChange, ImportField, ImportProblem, ImportRow, ProblemLevel, RowAction};
use crate::error::Result;
use crate::roster::{names, MemberInput, SECTOR_ORDER};

pub(super) fn warning(row: u32, column: String, reason: String) -> ImportProblem {
    ImportProblem { row, column, reason, level: ProblemLevel::Warning }
}

/// The committee's sectors (its own and the customary ones) and discussion groups.
pub(super) struct Lists {
    sectors: Vec<String>,
    groups: Vec<String>,
}

pub(super) fn lists(conn: &Connection) -> Result<Lists> {
    let names_of = |table: &str| -> Result<Vec<String>> {
        let mut st = conn.prepare(&format!("SELECT name FROM {table} ORDER BY sort_order, id"))?;
        let v = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v)
    };
    let mut sectors = names_of("sectors")?;
    for s in SECTOR_ORDER {
        if !sectors.iter().any(|x| x == s) {
            sectors.push((*s).to_string());
        }
    }
    Ok(Lists { sectors, groups: names_of("groups")? })
}

/// Same length, one character different: «经济届» for «经济界».
fn near(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

impl Lists {
    /// Why a sector is worth a look, if it is.
    pub(super) fn sector_problem(&self, sector: &str) -> Option<String> {
        not_in(sector, &self.sectors, "界别")
    }

    /// Why a group is worth a look (only once the committee has groups).
    pub(super) fn group_problem(&self, group: &str) -> Option<String> {
        if self.groups.is_empty() {
            return None;
        }
        not_in(group, &self.groups, "小组")
    }
}

fn not_in(value: &str, list: &[String], what: &str) -> Option<String> {
    if list.iter().any(|x| x == value) {
        return None;
    }
    let hint = match list.iter().find(|x| near(x, value)) {
        Some(x) => format!("，是否应为“{x}”？"),
        None => "；如是笔误请改正".to_string(),
    };
    Some(format!("“{value}”不在本委员会的{what}中，导入后将新增这个{what}{hint}"))
}

/// Why a phone number looks wrong, if it does: a mobile has 11 digits, a landline 7–8 (10–12 with
/// its area code); several numbers may be separated by 、 or /; an extension follows 转.
pub(super) fn phone_problem(phone: &str) -> Option<String> {
    for part in phone.split(['、', '/', '，', ',', ';', '；']) {
        let part = part.trim();
        let number = part.split('转').next().unwrap_or_default();
        let digits: String =
            number.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '（' | '）' | '—')).collect();
        let digits = digits.strip_prefix("+86").unwrap_or(&digits);
        if digits.is_empty() {
            continue;
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Some(format!("“{part}”不像电话号码（应只有数字）"));
        }
        let n = digits.len();
        let why = if digits.starts_with('1') {
            (n != 11).then(|| format!("“{part}”有 {n} 位数字，手机号应为 11 位"))
        } else if digits.starts_with('0') {
            (!(10..=12).contains(&n)).then(|| format!("“{part}”有 {n} 位数字，带区号的固定电话应为 10–12 位"))
        } else {
            (!(7..=8).contains(&n)).then(|| format!("“{part}”有 {n} 位数字，固定电话应为 7–8 位"))
        };
        if why.is_some() {
            return why;
        }
    }
    None
}

/// What an update changes, field by field, as the user reads it.
pub(super) fn changes(old: &MemberInput, new: &MemberInput) -> Vec<FieldChange> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let month = |s: &Option<String>| s.as_deref().map(|m| m.replace('-', ".")).unwrap_or_default();
    let pairs = [
        (ImportField::MemberNo, opt(&old.member_no), opt(&new.member_no)),
        (ImportField::Name, old.name.clone(), new.name.clone()),
        (ImportField::Gender, old.gender.clone(), new.gender.clone()),
        (ImportField::Ethnicity, old.ethnicity.clone(), new.ethnicity.clone()),
        (ImportField::BirthMonth, month(&old.birth_month), month(&new.birth_month)),
        (ImportField::Party, old.party.clone(), new.party.clone()),
        (ImportField::Sector, opt(&old.sector), opt(&new.sector)),
        (ImportField::Group, opt(&old.group), opt(&new.group)),
        (ImportField::Role, old.role.label().to_string(), new.role.label().to_string()),
        (ImportField::Workplace, old.workplace.clone(), new.workplace.clone()),
        (ImportField::Post, old.post.clone(), new.post.clone()),
        (ImportField::Phone, old.phone.clone(), new.phone.clone()),
        (ImportField::Seat, old.seat.clone(), new.seat.clone()),
        (ImportField::Notes, old.notes.clone(), new.notes.clone()),
        (ImportField::JoinedOn, old.joined_on.clone(), new.joined_on.clone()),
    ];
    pairs
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(field, old, new)| FieldChange { field, label: field.label().to_string(), old, new })
        .collect()
}

fn seat_key(seat: &str) -> String {
    names::clean_text(seat).replace(' ', "")
}

/// Flags every row whose seat another member will also have once the file is imported: another
/// row of the file, or a member in office on the roster whom the file does not reseat.
pub(super) fn flag_seat_clashes(rows: &mut [ImportRow], existing: &Existing, column: &str, today: &str) {
    // Who holds each seat afterwards.
    let mut holders: HashMap<String, Vec<(Option<u32>, String)>> = HashMap::new();
    let in_file: std::collections::HashSet<i64> =
        rows.iter().filter(|r| r.action != RowAction::Invalid).filter_map(|r| r.existing_id).collect();
    for m in existing.members.values() {
        if in_file.contains(&m.id) || !m.in_office_on(today) || seat_key(&m.seat).is_empty() {
            continue;
        }
        let who = format!("名册中的{}（{}）", m.name, m.member_no.as_deref().unwrap_or("无编号"));
        holders.entry(seat_key(&m.seat)).or_default().push((None, who));
    }
    for r in rows.iter().filter(|r| r.action != RowAction::Invalid) {
        let key = seat_key(&r.member.seat);
        if !key.is_empty() {
            holders.entry(key).or_default().push((Some(r.row), format!("第{}行的{}", r.row, r.member.name)));
        }
    }
    for r in rows.iter_mut().filter(|r| r.action != RowAction::Invalid) {
        let key = seat_key(&r.member.seat);
        let Some(all) = holders.get(&key).filter(|v| v.len() > 1) else { continue };
        let others: Vec<&str> = all.iter().filter(|(row, _)| *row != Some(r.row)).map(|(_, w)| w.as_str()).collect();
        r.problems.push(warning(
            r.row,
            column.to_string(),
            format!("座位号“{}”与{}相同：同一座位只能坐一人，请核对", r.member.seat, others.join("、")),
        ));
    }
}
