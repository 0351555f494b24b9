//! Reading a row's cells (footers, birth months, dates) and matching members already on the roster.

use std::collections::HashMap;

use rusqlite::Connection;

use super::grid::{number_text, Cell};
use super::ImportOptions;
use crate::error::Result;
use crate::roster::{names, parse_date, parse_month, MemberInput};

pub(super) fn is_footer(cells: &[Cell]) -> bool {
    let first = cells.iter().find(|c| !c.is_empty()).map(|c| names::clean_name(&c.text())).unwrap_or_default();
    ["合计", "总计", "共计", "小计", "制表", "注:", "说明:", "填表", "审核"].iter().any(|p| first.starts_with(p))
}

pub(super) fn birth_month_of(cell: &Cell) -> std::result::Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(y, m, _) => Ok(Some(format!("{y:04}-{m:02}"))),
        Cell::Number(n) => {
            let n = *n;
            if n.fract() != 0.0 && (1900.0..2101.0).contains(&n) {
                // Excel turned 1968.10 into 1968.1: read the number back with two decimals.
                let s = format!("{n:.2}");
                parse_month(&s).map(Some).ok_or_else(|| format!("“{}”无法识别为年月", number_text(n)))
            } else if n.fract() == 0.0 && (190001.0..=210012.0).contains(&n) {
                parse_month(&number_text(n)).map(Some).ok_or_else(|| format!("“{}”无法识别为年月", number_text(n)))
            } else if n.fract() == 0.0 && (1900.0..2101.0).contains(&n) {
                Err(format!("只有年份“{}”，缺少月份", number_text(n)))
            } else if (367.0..80000.0).contains(&n) {
                // A date serial in a cell not formatted as a date.
                let d = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                    .and_then(|e| e.checked_add_signed(chrono::Duration::days(n.floor() as i64)));
                d.map(|d| Some(d.format("%Y-%m").to_string())).ok_or_else(|| "日期超出范围".to_string())
            } else {
                Err(format!("“{}”无法识别为年月", number_text(n)))
            }
        }
        Cell::Text(s) => {
            let t = names::clean_text(s);
            if t.is_empty() {
                return Ok(None);
            }
            if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("只有年份“{t}”，缺少月份"));
            }
            parse_month(&t).map(Some).ok_or_else(|| format!("“{t}”无法识别，应写作 1968.10 或 1968-10"))
        }
    }
}

pub(super) fn date_of(cell: &Cell) -> std::result::Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(y, m, d) => Ok(Some(format!("{y:04}-{m:02}-{d:02}"))),
        Cell::Number(n) if (367.0..80000.0).contains(n) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|e| e.checked_add_signed(chrono::Duration::days(n.floor() as i64)))
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .ok_or_else(|| "日期超出范围".into()),
        other => {
            let t = names::clean_text(&other.text());
            if t.is_empty() {
                return Ok(None);
            }
            parse_date("任职日期", &t).map(Some).map_err(|_| format!("“{t}”不是有效日期，应写作 2017-01-10"))
        }
    }
}

pub(super) struct Existing {
    pub(super) by_no: HashMap<String, (i64, String)>,
    pub(super) by_name_birth: HashMap<(String, String), Vec<i64>>,
    pub(super) members: HashMap<i64, crate::roster::Member>,
}

pub(super) fn existing(conn: &Connection) -> Result<Existing> {
    let all = crate::roster::all(conn)?;
    let mut e = Existing { by_no: HashMap::new(), by_name_birth: HashMap::new(), members: HashMap::new() };
    for m in all {
        if let Some(no) = &m.member_no {
            e.by_no.insert(no.clone(), (m.id, m.name.clone()));
        }
        if let Some(b) = &m.birth_month {
            e.by_name_birth.entry((m.name.clone(), b.clone())).or_default().push(m.id);
        }
        e.members.insert(m.id, m);
    }
    Ok(e)
}

pub(super) fn input_of(m: &crate::roster::Member) -> MemberInput {
    MemberInput {
        member_no: m.member_no.clone(),
        name: m.name.clone(),
        gender: m.gender.clone(),
        ethnicity: m.ethnicity.clone(),
        birth_month: m.birth_month.clone(),
        party: m.party.clone(),
        sector: m.sector.clone(),
        group: m.group.clone(),
        role: m.role,
        workplace: m.workplace.clone(),
        post: m.post.clone(),
        phone: m.phone.clone(),
        seat: m.seat.clone(),
        notes: m.notes.clone(),
        roster_order: Some(m.roster_order),
        joined_on: m.joined_on.clone(),
    }
}

pub(super) fn default_joined_on(conn: &Connection, opts: &ImportOptions) -> Result<String> {
    if let Some(d) = opts.joined_on.as_deref().filter(|d| !d.trim().is_empty()) {
        return parse_date("任职日期", d);
    }
    let term_start = crate::committee::get(conn)?.and_then(|c| c.term_start);
    Ok(term_start.unwrap_or_else(crate::roster::today))
}
