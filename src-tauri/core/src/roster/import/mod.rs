//! Importing a roster from the secretariat's own files: .xlsx / .xls (calamine) and CSV (UTF-8 with
//! or without BOM, GBK / GB18030, UTF-16 "Unicode text").
//!
//! Real files have a merged title row and a date line above the header, blank rows, a 合计 footer,
//! names padded with full-width spaces, full-width digits, birth months typed as text (1968.10) or
//! stored as numbers (1968.1, which Excel made of 1968.10) or as dates. [`preview`] finds the header
//! row, maps the columns by their Chinese headings (the caller may correct the mapping), normalises
//! every row and lists every problem with its Excel row number, column and reason. [`import`] writes
//! all rows in one transaction — or none: by default any problem stops the import; with
//! `skip_invalid` only the valid rows are written. A member already on the roster (same 委员编号,
//! else same name and birth month) is updated, never duplicated.
//!
//! The file is read, matched and checked before the write transaction begins, so that a check-in
//! at the desk never waits behind the parsing; the transaction only writes (and, should the
//! roster have changed in between, checks again). Files past the [`limits`] are refused before
//! they are read whole.

mod checks;
/// Also read by the proposals register import (`proposals/import.rs`).
pub(crate) mod grid;
mod header;
pub mod limits;
mod preview;
mod rows;
mod types;
mod workbook;

use std::path::Path;

use rusqlite::Connection;

use super::parse_date;
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::progress::Progress;

pub use limits::read_file;
pub use preview::{preview, preview_file};
pub use types::{
    ColumnMapping, FieldChange, ImportField, ImportOptions, ImportOutcome, ImportPreview, ImportProblem, ImportRow,
    ProblemLevel, RowAction,
};

/// Imports the file: all rows or none (unless `skip_invalid`), in one short transaction.
pub fn import(db: &mut Db, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportOutcome> {
    import_with(db, bytes, file_name, opts, &Progress::none())
}

/// [`import`], reporting how far it got to `progress`; cancelled, it rolls back and writes nothing.
pub fn import_with(
    db: &mut Db,
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    progress: &Progress,
) -> Result<ImportOutcome> {
    let effective_on = match opts.effective_on.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(d) => parse_date("生效日期", d)?,
        None => super::today(),
    };
    // Read, match and check outside the write transaction.
    progress.step("读取并核对文件", 0, 1)?;
    let stamp = roster_stamp(db.conn())?;
    let p = checked_preview(db.conn(), bytes, file_name, opts)?;
    db.write(|tx| {
        // Another window or desk changed the roster meanwhile: match against what is there now.
        let p = if roster_stamp(tx)? == stamp { p } else { checked_preview(tx, bytes, file_name, opts)? };
        write_rows(tx, p, file_name, &effective_on, progress)
    })
}

/// Reads the file at `path` (refused past the size limit before it is read) and imports it.
pub fn import_file(db: &mut Db, path: &Path, opts: &ImportOptions) -> Result<ImportOutcome> {
    let (bytes, name) = read_file(path)?;
    import(db, &bytes, &name, opts)
}

/// [`import`] inside a caller's transaction.
pub fn import_in(
    tx: &Tx<'_>,
    bytes: &[u8],
    file_name: &str,
    opts: &ImportOptions,
    effective_on: &str,
) -> Result<ImportOutcome> {
    let p = checked_preview(tx, bytes, file_name, opts)?;
    write_rows(tx, p, file_name, effective_on, &Progress::none())
}

/// The last change to anything a preview reads (members, sectors, groups, the committee's term).
fn roster_stamp(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(id), 0) FROM audit_log
          WHERE entity IN ('member', 'roster', 'sector', 'group', 'committee')",
        [],
        |r| r.get(0),
    )?)
}

/// The preview, refused when importing it would write nothing or (by default) when any row is bad.
fn checked_preview(conn: &Connection, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportPreview> {
    let p = preview(conn, bytes, file_name, opts)?;
    if p.invalid > 0 && !opts.skip_invalid {
        let first: Vec<String> =
            p.problems.iter().filter(|x| x.level == ProblemLevel::Error).take(5).map(ToString::to_string).collect();
        return Err(Error::BadFile(format!(
            "文件“{file_name}”有 {} 行存在问题，未导入任何委员（可修改文件后重新导入，或选择“只导入无误的行”）：\n{}",
            p.invalid,
            first.join("\n")
        )));
    }
    if p.create + p.update == 0 {
        let why = if p.unchanged > 0 {
            "名册中已有文件里的全部委员，且信息相同"
        } else {
            "没有可导入的委员"
        };
        return Err(Error::BadFile(format!("文件“{file_name}”：{why}，未写入任何内容。")));
    }
    Ok(p)
}

/// Writes the rows of a checked preview: the only part of an import inside the transaction.
fn write_rows(
    tx: &Tx<'_>,
    p: ImportPreview,
    file_name: &str,
    effective_on: &str,
    progress: &Progress,
) -> Result<ImportOutcome> {
    let (mut created, mut updated) = (0, 0);
    // Recorded as one batch, so that the whole import can be undone (撤销导入).
    let batch = super::batches::Batch::begin(tx, file_name)?;
    let total = p.rows.len();
    for (k, r) in p.rows.iter().enumerate() {
        // Cancelled here, the error rolls the transaction back: no member of the file is kept.
        progress.step(&format!("写入第 {} 行（共 {total} 行）", k + 1), k, total)?;
        match (r.action, r.existing_id) {
            (RowAction::Create, _) => {
                let id = super::create_in(tx, &r.member, "").map_err(|e| at_row(r.row, e))?;
                batch.created(tx, id)?;
                created += 1;
            }
            (RowAction::Update, Some(id)) => {
                batch.updating(tx, id)?;
                super::update_in(tx, id, &r.member, effective_on, "").map_err(|e| at_row(r.row, e))?;
                updated += 1;
            }
            _ => {}
        }
    }
    batch.finish(tx)?;
    progress.step("保存", total, total)?;
    let summary = serde_json::json!({
        "file": file_name, "created": created, "updated": updated, "unchanged": p.unchanged, "skipped": p.invalid,
    });
    tx.audit("roster", "import", "import", None::<&str>, Some(&summary))?;
    Ok(ImportOutcome { created, updated, unchanged: p.unchanged, skipped: p.invalid, preview: p })
}

fn at_row(row: u32, e: Error) -> Error {
    Error::BadFile(format!("第{row}行：{e}，未导入任何委员。"))
}

#[cfg(test)]
mod checks_tests;
#[cfg(test)]
mod tests;
