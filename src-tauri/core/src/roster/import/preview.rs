//! The preview: every row normalised, matched and checked, before anything is written.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::Connection;

use super::checks::{changes, flag_seat_clashes, lists, phone_problem, warning};
use super::grid::{bad, read_grid, Cell};
use super::header::{auto_mapping, find_header, fix_post_column};
use super::rows::{birth_month_of, date_of, default_joined_on, existing, input_of, is_footer};
use super::types::heading_key;
use super::{ImportField, ImportOptions, ImportPreview, ImportProblem, ImportRow, ProblemLevel, RowAction};
use crate::error::{Error, Result};
use crate::roster::{names, Role};

/// Reads the file and tells what importing it would do, without writing anything.
pub fn preview(conn: &Connection, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportPreview> {
    let grids = read_grid(bytes, file_name, opts.sheet.as_deref())?;
    let sheets = grids.first().map(|g| g.sheets.clone()).unwrap_or_default();
    let (grid, header_idx) = match opts.header_row {
        Some(h) => {
            let g = grids.into_iter().next().ok_or_else(|| bad(file_name, "中没有工作表"))?;
            let idx = g
                .rows
                .iter()
                .position(|(n, _)| *n == h)
                .ok_or_else(|| Error::invalid("表头行", format!("第 {h} 行不在文件中")))?;
            (g, idx)
        }
        None => {
            let mut found = None;
            let mut first = None;
            for g in grids {
                if let Some(i) = find_header(&g) {
                    found = Some((g, i));
                    break;
                }
                first.get_or_insert(g);
            }
            match found {
                Some(x) => x,
                None => {
                    let empty = first.as_ref().is_none_or(|g| g.rows.iter().all(|(_, c)| c.iter().all(Cell::is_empty)));
                    return Err(if empty {
                        bad(file_name, "中没有任何数据")
                    } else {
                        bad(file_name, "中找不到表头：前 30 行里没有一行同时含有“姓名”和“性别”“界别”等列名。请检查文件，或在导入向导中指定表头行")
                    });
                }
            }
        }
    };
    let header_cells = &grid.rows[header_idx].1;
    let columns = match &opts.mapping {
        Some(m) => m.clone(),
        None => {
            let mut m = auto_mapping(header_cells);
            fix_post_column(&mut m, &grid.rows[header_idx + 1..]);
            m
        }
    };
    let mut problems = Vec::new();
    let mut seen_fields = HashSet::new();
    for c in &columns {
        if let Some(f) = c.field {
            if !seen_fields.insert(f) {
                return Err(Error::invalid("列对应", format!("“{}”被指定给了两列，请只保留一列", f.label())));
            }
        }
    }
    let col_of = |f: ImportField| columns.iter().find(|c| c.field == Some(f)).map(|c| c.index as usize);
    let Some(name_col) = col_of(ImportField::Name) else {
        return Err(bad(file_name, "中没有“姓名”列（可在导入向导中指定哪一列是姓名）"));
    };
    let label = |f: ImportField| -> String {
        let c = columns.iter().find(|c| c.field == Some(f));
        c.map(|c| format!("{}（{}列）", if c.heading.is_empty() { f.label() } else { &c.heading }, c.letter))
            .unwrap_or_else(|| f.label().to_string())
    };
    for c in columns.iter().filter(|c| c.field.is_none() && !c.heading.is_empty()) {
        if !["序号", "排序", "顺序号", "序"].contains(&heading_key(&c.heading).as_str()) {
            problems.push(ImportProblem {
                row: 0,
                column: format!("{}（{}列）", c.heading, c.letter),
                reason: "此列未对应到任何字段，不导入".into(),
                level: ProblemLevel::Warning,
            });
        }
    }

    let existing = existing(conn)?;
    let lists = lists(conn)?;
    let joined_default = default_joined_on(conn, opts)?;
    let mut rows: Vec<ImportRow> = Vec::new();
    let mut nos_in_file: HashMap<String, u32> = HashMap::new();
    let mut name_birth_in_file: HashMap<(String, String), u32> = HashMap::new();
    let mut matched_existing: HashMap<i64, u32> = HashMap::new();
    let mut next_order = existing.members.values().map(|m| m.roster_order).max().unwrap_or(0);

    for (row_no, cells) in grid.rows.iter().skip(header_idx + 1) {
        let row_no = *row_no;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        if is_footer(cells) {
            continue;
        }
        let get = |f: ImportField| -> Cell { col_of(f).and_then(|i| cells.get(i)).cloned().unwrap_or(Cell::Empty) };
        let text = |f: ImportField| -> String { get(f).text() };
        let mut row_problems = Vec::new();
        let mut err = |f: Option<ImportField>, reason: String| {
            row_problems.push(ImportProblem {
                row: row_no,
                column: f.map(label).unwrap_or_default(),
                reason,
                level: ProblemLevel::Error,
            });
        };
        let name = names::clean_name(&cells.get(name_col).map(Cell::text).unwrap_or_default());
        if name.is_empty() {
            err(Some(ImportField::Name), "姓名为空".into());
        } else if name.chars().count() > 40 || name.chars().any(|c| c.is_ascii_digit()) {
            err(Some(ImportField::Name), format!("“{name}”不像是姓名"));
        }
        let birth_month = match birth_month_of(&get(ImportField::BirthMonth)) {
            Ok(b) => b,
            Err(e) => {
                err(Some(ImportField::BirthMonth), e);
                None
            }
        };
        let gender = names::clean_name(&text(ImportField::Gender));
        let gender = match gender.as_str() {
            "" => String::new(),
            "男" | "男性" => "男".into(),
            "女" | "女性" => "女".into(),
            other => {
                err(Some(ImportField::Gender), format!("应为“男”或“女”，而不是“{other}”"));
                String::new()
            }
        };
        let role_text = names::clean_name(&text(ImportField::Role));
        let role = match Role::from_label(&role_text) {
            Some(r) => r,
            None => {
                err(
                    Some(ImportField::Role),
                    format!("“{role_text}”不是政协职务（应为主席、副主席、秘书长、常委或委员）"),
                );
                Role::Member
            }
        };
        let joined = match date_of(&get(ImportField::JoinedOn)) {
            Ok(d) => d,
            Err(e) => {
                err(Some(ImportField::JoinedOn), e);
                None
            }
        };
        let member_no = Some(names::clean_name(&text(ImportField::MemberNo))).filter(|s| !s.is_empty());
        if let Some(no) = &member_no {
            if let Some(first) = nos_in_file.get(no) {
                err(Some(ImportField::MemberNo), format!("委员编号 {no} 与第{first}行重复"));
            } else {
                nos_in_file.insert(no.clone(), row_no);
            }
        }
        let opt_text = |f: ImportField| Some(names::clean_name(&text(f))).filter(|s| !s.is_empty());

        // Which existing member is this?
        let mut existing_id = None;
        if let Some(no) = &member_no {
            existing_id = existing.by_no.get(no).map(|(id, _)| *id);
            if let Some((id, other)) = existing.by_no.get(no) {
                if !name.is_empty() && *other != name {
                    let same_birth = existing.members.get(id).and_then(|m| m.birth_month.clone()) == birth_month;
                    if !same_birth {
                        err(
                            Some(ImportField::MemberNo),
                            format!("委员编号 {no} 在名册中属于{other}，与本行姓名“{name}”不符"),
                        );
                        existing_id = None;
                    }
                }
            }
        }
        if existing_id.is_none() && member_no.as_ref().is_none_or(|no| !existing.by_no.contains_key(no)) {
            if let Some(b) = &birth_month {
                if let Some(ids) = existing.by_name_birth.get(&(name.clone(), b.clone())) {
                    // Only adopt a same-name, same-birth member who has no other number.
                    let candidates: Vec<i64> = ids
                        .iter()
                        .copied()
                        .filter(|id| {
                            let m = &existing.members[id];
                            member_no.is_none() || m.member_no.is_none()
                        })
                        .collect();
                    if candidates.len() == 1 {
                        existing_id = Some(candidates[0]);
                    }
                }
            }
        }
        if let Some(id) = existing_id {
            if let Some(first) = matched_existing.insert(id, row_no) {
                err(None, format!("与第{first}行是名册中的同一名委员"));
            }
        }

        let base = existing_id.and_then(|id| existing.members.get(&id));
        let mut input = base.map(input_of).unwrap_or_default();
        let has = |f: ImportField| col_of(f).is_some();
        input.name = name.clone();
        if has(ImportField::MemberNo) {
            input.member_no = member_no.clone();
        }
        if has(ImportField::Gender) {
            input.gender = gender;
        }
        if has(ImportField::Ethnicity) {
            input.ethnicity = names::clean_name(&text(ImportField::Ethnicity));
        }
        if has(ImportField::BirthMonth) {
            input.birth_month = birth_month.clone();
        }
        if has(ImportField::Party) {
            input.party = names::clean_name(&text(ImportField::Party));
        }
        if has(ImportField::Sector) {
            input.sector = opt_text(ImportField::Sector);
        }
        if has(ImportField::Group) {
            input.group = opt_text(ImportField::Group);
        }
        if has(ImportField::Role) {
            input.role = role;
        }
        if has(ImportField::Workplace) {
            input.workplace = names::clean_text(&text(ImportField::Workplace));
        }
        if has(ImportField::Post) {
            input.post = names::clean_text(&text(ImportField::Post));
        }
        if has(ImportField::Phone) {
            input.phone = names::clean_text(&text(ImportField::Phone)).replace([' ', '-'], "");
        }
        if has(ImportField::Seat) {
            input.seat = names::clean_text(&text(ImportField::Seat)).replace(' ', "");
        }
        if has(ImportField::Notes) {
            input.notes = text(ImportField::Notes).trim().to_string();
        }
        match (joined, base) {
            (Some(d), _) => input.joined_on = d,
            (None, None) => input.joined_on = joined_default.clone(),
            (None, Some(_)) => {}
        }
        if base.is_none() {
            next_order += 1;
            input.roster_order = Some(next_order);
        }

        // Likely duplicates: same name and birth month as another member or an earlier row.
        let mut likely_duplicate_of = None;
        if let Some(b) = &birth_month {
            let key = (name.clone(), b.clone());
            if let Some(first) = name_birth_in_file.get(&key) {
                likely_duplicate_of = Some(format!("第{first}行的{name}"));
            } else if let Some(ids) = existing.by_name_birth.get(&key) {
                if let Some(other) = ids.iter().find(|id| Some(**id) != existing_id) {
                    let m = &existing.members[other];
                    if !m.distinct_confirmed {
                        likely_duplicate_of =
                            Some(format!("名册中的{}（{}）", m.name, m.member_no.as_deref().unwrap_or("无编号")));
                    }
                }
            }
            name_birth_in_file.entry(key).or_insert(row_no);
        }
        if let Some(d) = &likely_duplicate_of {
            row_problems.push(ImportProblem {
                row: row_no,
                column: String::new(),
                reason: format!("与{d}同名且出生年月相同，可能是同一人重复录入，请核对"),
                level: ProblemLevel::Warning,
            });
        }

        // What a clerk wants to look at before importing.
        let mut warn = |f: ImportField, reason: String| row_problems.push(warning(row_no, label(f), reason));
        if has(ImportField::Phone) {
            if let Some(why) = phone_problem(&input.phone) {
                warn(ImportField::Phone, why);
            }
        }
        if has(ImportField::Sector) {
            match &input.sector {
                None => warn(
                    ImportField::Sector,
                    "界别为空：每名委员都属于一个界别，请补上（否则不计入按界别的人数）".into(),
                ),
                Some(s) => lists.sector_problem(s).into_iter().for_each(|why| warn(ImportField::Sector, why)),
            }
        }
        if has(ImportField::Group) {
            match &input.group {
                None => warn(ImportField::Group, "小组为空：该委员不会计入分组讨论的应到人数，请补上".into()),
                Some(g) => lists.group_problem(g).into_iter().for_each(|why| warn(ImportField::Group, why)),
            }
        }

        let has_error = row_problems.iter().any(|p| p.level == ProblemLevel::Error);
        let action = if has_error {
            RowAction::Invalid
        } else {
            match base {
                None => RowAction::Create,
                Some(m) if input_of(m) == input => RowAction::Unchanged,
                Some(_) => RowAction::Update,
            }
        };
        let changes = match (action, base) {
            (RowAction::Update, Some(m)) => changes(&input_of(m), &input),
            _ => Vec::new(),
        };
        rows.push(ImportRow {
            row: row_no,
            action,
            member: input,
            existing_id,
            likely_duplicate_of,
            problems: row_problems,
            changes,
        });
    }

    if rows.is_empty() {
        problems.push(ImportProblem {
            row: 0,
            column: String::new(),
            reason: format!("表头（第{}行）下面没有委员数据", grid.rows[header_idx].0),
            level: ProblemLevel::Error,
        });
    }
    if col_of(ImportField::Seat).is_some() {
        flag_seat_clashes(&mut rows, &existing, &label(ImportField::Seat), &crate::roster::today());
    }
    if col_of(ImportField::Sector).is_none() {
        let without = rows.iter().filter(|r| r.action == RowAction::Create && r.member.sector.is_none()).count();
        if without > 0 {
            problems.push(ImportProblem {
                row: 0,
                column: String::new(),
                reason: format!(
                    "文件中没有“界别”列：新增的 {without} 名委员都没有界别（每名委员都属于一个界别），请在文件中加上界别列"
                ),
                level: ProblemLevel::Warning,
            });
        }
    }
    problems.extend(rows.iter().flat_map(|r| r.problems.iter().cloned()));
    let count = |a: RowAction| rows.iter().filter(|r| r.action == a).count() as u32;
    let (create, update, unchanged, invalid) =
        (count(RowAction::Create), count(RowAction::Update), count(RowAction::Unchanged), count(RowAction::Invalid));
    let can_import = create + update > 0 && (invalid == 0 || opts.skip_invalid);
    Ok(ImportPreview {
        file_name: file_name.to_string(),
        format: grid.format.to_string(),
        sheet: grid.sheet.clone(),
        sheets,
        header_row: grid.rows[header_idx].0,
        columns,
        duplicates: rows.iter().filter(|r| r.likely_duplicate_of.is_some()).count() as u32,
        warned: rows
            .iter()
            .filter(|r| r.action != RowAction::Invalid && r.problems.iter().any(|p| p.level == ProblemLevel::Warning))
            .count() as u32,
        rows,
        problems,
        create,
        update,
        unchanged,
        invalid,
        can_import,
    })
}

/// Previews the file at `path` (refused past the size limit before it is read).
pub fn preview_file(conn: &Connection, path: &Path, opts: &ImportOptions) -> Result<ImportPreview> {
    let (bytes, name) = super::limits::read_file(path)?;
    preview(conn, &bytes, &name, opts)
}
