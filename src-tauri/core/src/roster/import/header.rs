//! Finding the header row and mapping its columns by their Chinese headings.

use std::collections::HashSet;

use super::grid::{Cell, Grid};
use super::{ColumnMapping, ImportField};
use crate::roster::{names, Role};

fn column_letter(mut i: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.iter().rev().collect()
}

/// The header row: among the first 30 rows, the first with a 姓名 column and at least one more
/// recognised heading.
pub(super) fn find_header(grid: &Grid) -> Option<usize> {
    grid.rows.iter().take(30).position(|(_, cells)| {
        let fields: Vec<ImportField> = cells.iter().filter_map(|c| ImportField::from_heading(&c.text())).collect();
        fields.contains(&ImportField::Name) && fields.len() >= 2
    })
}

pub(super) fn auto_mapping(header: &[Cell]) -> Vec<ColumnMapping> {
    let mut seen = HashSet::new();
    header
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| {
            let heading = names::clean_text(&c.text());
            // The first column of a kind wins; a second 电话 column is left out.
            let field = ImportField::from_heading(&heading).filter(|f| seen.insert(*f));
            ColumnMapping { index: i as u32, letter: column_letter(i as u32), heading, field }
        })
        .collect()
}

/// A 职务 column that holds posts at the workplace (局长, 教授) rather than committee roles is
/// taken as the post column.
pub(super) fn fix_post_column(columns: &mut [ColumnMapping], rows: &[(u32, Vec<Cell>)]) {
    let has_post = columns.iter().any(|c| c.field == Some(ImportField::Post));
    let Some(col) = columns.iter_mut().find(|c| c.field == Some(ImportField::Role)) else { return };
    let values: Vec<String> = rows
        .iter()
        .filter_map(|(_, cells)| cells.get(col.index as usize))
        .map(|c| names::clean_name(&c.text()))
        .filter(|s| !s.is_empty())
        .take(200)
        .collect();
    let roles = values.iter().filter(|v| Role::from_label(v).is_some()).count();
    if !has_post && !values.is_empty() && roles * 2 < values.len() {
        col.field = Some(ImportField::Post);
    }
}
