//! A bulletin printed in the bulletin format of the documents engine (documents/bulletin.rs):
//! PDF and DOCX, and the window's preview of an edited, possibly unsaved one.

use rusqlite::Connection;

use super::{get, next_number, normalise, BulletinInput};
use crate::documents::bulletin::{build_document, BulletinDoc};
use crate::documents::{chinese_date, render, FontPrefs, FontSet, Format, PreviewSource, Rendered};
use crate::error::Result;

/// The renderer's data for an edited or saved bulletin. An unsaved one prints the number it
/// will be given.
pub fn bulletin_doc(conn: &Connection, input: &BulletinInput) -> Result<BulletinDoc> {
    let input = normalise(input)?;
    let number = match (input.id, input.number) {
        (Some(id), _) => get(conn, id)?.number,
        (None, _) => next_number(conn, input.session_id)?,
    };
    Ok(BulletinDoc {
        name: input.name,
        number,
        issuer: input.issuer,
        date: chinese_date(&input.date),
        title: Some(input.title).filter(|t| !t.is_empty()),
        body: input.body,
        foot: vec![("报送".into(), input.send_to), ("分送".into(), input.distribute_to)],
        copies: input.copies,
    })
}

/// Renders an edited (possibly unsaved) bulletin.
pub fn render_input(conn: &Connection, input: &BulletinInput, format: Format) -> Result<Rendered> {
    let doc = build_document(&bulletin_doc(conn, input)?);
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    render(&doc, format, &fonts)
}

/// What the preview of an edited bulletin is laid out from.
pub fn preview_source(conn: &Connection, input: &BulletinInput) -> Result<PreviewSource> {
    PreviewSource::load(conn, build_document(&bulletin_doc(conn, input)?))
}

/// Renders a saved bulletin by id, with the file name its export gets.
pub fn export_saved(conn: &Connection, id: i64, format: Format) -> Result<(Rendered, String)> {
    let input: BulletinInput = get(conn, id)?.into();
    let name = file_name(&input, format);
    Ok((render_input(conn, &input, format)?, name))
}

/// The file name of an export: «政协安宁市第六届委员会第四次会议简报第2期-2020-01-07.pdf».
pub fn file_name(input: &BulletinInput, format: Format) -> String {
    let issue = input.number.map(|n| format!("第{n}期")).unwrap_or_default();
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    let safe: String = format!("{}{}-{}", input.name.trim(), issue, input.date.trim())
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("{safe}.{ext}")
}
