//! Exporting the roster (as of a date, with filters) to .xlsx, in the layout secretariats use: a
//! merged title row, a date line, then the header and one row per member. The headings are the
//! importer's, so an exported file imports back unchanged.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::import::ImportField;
use super::{list, RosterFilter};
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

const COLUMNS: &[(ImportField, f64)] = &[
    (ImportField::MemberNo, 10.0),
    (ImportField::Name, 10.0),
    (ImportField::Gender, 6.0),
    (ImportField::Ethnicity, 8.0),
    (ImportField::BirthMonth, 10.0),
    (ImportField::Party, 10.0),
    (ImportField::Sector, 14.0),
    (ImportField::Group, 8.0),
    (ImportField::Role, 8.0),
    (ImportField::Workplace, 36.0),
    (ImportField::Phone, 14.0),
    (ImportField::Seat, 9.0),
    (ImportField::JoinedOn, 12.0),
    (ImportField::Notes, 16.0),
];

/// The workbook is built in memory, so no failure here is the disk's: see [`Error::xlsx`].
fn xlsx_err(e: XlsxError) -> Error {
    Error::xlsx(std::path::Path::new("委员名册.xlsx"), e)
}

/// The roster as an .xlsx file in memory; returns the bytes and the number of members.
pub fn export_xlsx(conn: &Connection, filter: &RosterFilter) -> Result<(Vec<u8>, usize)> {
    let members = list(conn, filter)?;
    let date = filter.date.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(super::today);
    let date = super::parse_date("日期", &date)?;
    let committee = crate::committee::get(conn)?.map(|c| c.name).unwrap_or_default();

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("委员名册").map_err(xlsx_err)?;
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_font_name("宋体");
    let plain = Format::new().set_font_name("宋体").set_font_size(11);
    let head = plain.clone().set_bold().set_align(FormatAlign::Center).set_border(FormatBorder::Thin);
    let cell = plain.clone().set_border(FormatBorder::Thin);
    // One 工作单位及职务 column, unless some members have their post apart.
    let split_post = members.iter().any(|m| !m.post.is_empty());
    let mut columns: Vec<(ImportField, f64, &str)> = Vec::new();
    for (f, w) in COLUMNS {
        if *f == ImportField::Workplace && split_post {
            columns.push((ImportField::Workplace, 30.0, "工作单位"));
            columns.push((ImportField::Post, 14.0, ImportField::Post.label()));
        } else {
            columns.push((*f, *w, f.label()));
        }
    }
    let last_col = (columns.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last_col, &format!("{committee}委员名册"), &title).map_err(xlsx_err)?;
    let (y, m, d) = (&date[..4], date[5..7].trim_start_matches('0'), date[8..].trim_start_matches('0'));
    let mut line = format!("（截至{y}年{m}月{d}日，共{}人）", members.len());
    let mut parts = Vec::new();
    if let Some(s) = filter.sector.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("界别：{s}"));
    }
    if let Some(g) = filter.group.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("小组：{g}"));
    }
    if let Some(r) = filter.role {
        parts.push(format!("职务：{}", r.label()));
    }
    if !parts.is_empty() {
        line = format!("{line} {}", parts.join("，"));
    }
    ws.merge_range(1, 0, 1, last_col, &line, &plain.clone().set_align(FormatAlign::Center)).map_err(xlsx_err)?;
    for (i, (_, w, heading)) in columns.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, *heading, &head).map_err(xlsx_err)?;
        ws.set_column_width(i as u16, *w).map_err(xlsx_err)?;
    }
    for (r, mem) in members.iter().enumerate() {
        let row = r as u32 + 3;
        for (i, (f, _, _)) in columns.iter().enumerate() {
            let v = match f {
                ImportField::MemberNo => mem.member_no.clone().unwrap_or_default(),
                ImportField::Name => mem.name.clone(),
                ImportField::Gender => mem.gender.clone(),
                ImportField::Ethnicity => mem.ethnicity.clone(),
                // Written as text 1968.10 so that Excel does not turn it into 1968.1.
                ImportField::BirthMonth => mem.birth_month.as_deref().map(|b| b.replace('-', ".")).unwrap_or_default(),
                ImportField::Party => mem.party.clone(),
                ImportField::Sector => mem.sector.clone().unwrap_or_default(),
                ImportField::Group => mem.group.clone().unwrap_or_default(),
                ImportField::Role => mem.role.label().to_string(),
                ImportField::Workplace => mem.workplace.clone(),
                ImportField::Post => mem.post.clone(),
                ImportField::Phone => mem.phone.clone(),
                ImportField::Seat => mem.seat.clone(),
                ImportField::Notes => mem.notes.clone(),
                ImportField::JoinedOn => mem.joined_on.clone(),
            };
            ws.write_string_with_format(row, i as u16, &v, &cell).map_err(xlsx_err)?;
        }
    }
    ws.set_freeze_panes(3, 2).map_err(xlsx_err)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_repeat_rows(2, 2).map_err(xlsx_err)?;
    let bytes = wb.save_to_buffer().map_err(xlsx_err)?;
    Ok((bytes, members.len()))
}

/// Writes the roster to `path` (.xlsx), whole, readable by the owner alone (it holds phone
/// numbers); returns the number of members written.
pub fn export_xlsx_file(conn: &Connection, filter: &RosterFilter, path: &Path, replace: Replace) -> Result<usize> {
    let (bytes, n) = export_xlsx(conn, filter)?;
    files::write_whole(path, &bytes, replace, Privacy::Private)?;
    Ok(n)
}
