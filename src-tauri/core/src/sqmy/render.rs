//! An issue of 《社情民意》 printed in the bulletin format (documents/bulletin.rs): «社情民意» in
//! red, 第N期, the secretariat left and the date right above the red rule; one item under its
//! title, several each under a «一、» heading; each item's submitter after its text; 报送 / 抄送
//! at the foot.

use rusqlite::Connection;

use super::{get_issue, get_item};
use crate::documents::bulletin::{build_document, BulletinDoc};
use crate::documents::{chinese_date, render, FontPrefs, FontSet, Format, Rendered};
use crate::error::Result;
use crate::numerals::numeral;

/// The name printed at the head of every issue.
pub const NAME: &str = "社情民意";

/// The renderer's data for an issue.
pub fn issue_doc(conn: &Connection, id: i64) -> Result<BulletinDoc> {
    let issue = get_issue(conn, id)?;
    let issuer = crate::committee::get(conn)?.map(|c| c.secretariat).unwrap_or_default();
    let mut items = Vec::new();
    for i in &issue.items {
        items.push(get_item(conn, i.id)?);
    }
    let by = |item: &super::SqmyItem| {
        if item.members.is_empty() {
            format!("（报送单位：{}）", item.submitter)
        } else {
            format!("（报送人：{}委员）", item.submitter)
        }
    };
    let (title, body) = if let [item] = items.as_slice() {
        (Some(item.title.clone()), format!("{}\n{}", item.content, by(item)))
    } else {
        let parts: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(k, item)| format!("{}、{}\n{}\n{}", numeral(k as u32 + 1), item.title, item.content, by(item)))
            .collect();
        (None, parts.join("\n"))
    };
    Ok(BulletinDoc {
        name: NAME.into(),
        number: issue.number,
        issuer,
        date: chinese_date(&issue.date),
        title,
        body,
        foot: vec![("报送".into(), issue.sent_to), ("抄送".into(), issue.cc)],
        copies: None,
    })
}

/// Renders an issue, with the file name its export gets: «社情民意2020年第3期.pdf».
pub fn export_issue(conn: &Connection, id: i64, format: Format) -> Result<(Rendered, String)> {
    let issue = get_issue(conn, id)?;
    let doc = build_document(&issue_doc(conn, id)?);
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    Ok((render(&doc, format, &fonts)?, format!("{NAME}{}.{ext}", super::issue_label(issue.year, issue.number))))
}
