//! Printed documents (文件) in the GB/T 9704-2012 format: our own layout engine on printpdf
//! (PDF) and docx-rs (DOCX), and the documents built on it — minutes (纪要), opinion lists
//! (协商意见) and sign-in sheets (签到表).
//!
//! Features hand their data to the renderers as plain structs defined here
//! ([`OpinionListDoc`], [`SignInSheet`], [`MinutesDoc`]); each renderer builds a [`Document`]
//! and [`render`] writes it as PDF or DOCX. A character no font has is reported in
//! [`Rendered::warnings`] by character and place, never dropped.

pub mod bulletin;
pub mod docx;
pub mod fonts;
pub mod layout;
mod linebreak;
pub mod minutes;
pub mod model;
pub mod opinion_list;
pub mod pdf;
pub mod preview;
pub mod signin;
pub mod strokes;
pub mod svg;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use bulletin::BulletinDoc;
pub use fonts::{FontPrefs, FontRole, FontSet, RoleFontInfo};
pub use layout::DocWarning;
pub use minutes::load_demo;
pub use minutes::{AttendanceNames, AttendanceOrder, Minutes, MinutesDoc, MinutesInput};
pub use model::{chinese_date, Block, Colophon, Document, Foot, FootLine, Paragraph, Span};
pub use opinion_list::{render_opinion_list, OpinionListDoc, OpinionSection};
pub use preview::{PagedPreview, PreviewPage, PreviewSource};
pub use signin::{render_sign_in_sheet, SignInGroup, SignInRow, SignInSheet};

use crate::error::{Error, Result};
use crate::progress::Progress;

/// The file formats documents export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &std::path::Path) -> Result<Format> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => Ok(Format::Pdf),
            Some("docx") => Ok(Format::Docx),
            _ => Err(Error::invalid("导出文件", format!("文件名 {} 应以 .pdf 或 .docx 结尾", path.display()))),
        }
    }
}

/// Where an export was written, for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportOutcome {
    pub path: String,
    pub pages: u32,
    pub warnings: Vec<DocWarning>,
}

/// A written document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Pages (PDF only; 0 for DOCX, whose pages the word processor lays out).
    pub pages: usize,
    /// Characters no font could draw, by character and place.
    pub warnings: Vec<DocWarning>,
}

/// Lays out and writes `doc` as PDF with the fonts of `fonts`.
pub fn render_pdf(doc: &Document, fonts: &FontSet) -> Result<Rendered> {
    render_pdf_with(doc, fonts, &Progress::none())
}

/// [`render_pdf`], reporting its stages (排版, each page, the fonts) to `progress` and stopping
/// between them when the user cancels.
pub fn render_pdf_with(doc: &Document, fonts: &FontSet, progress: &Progress) -> Result<Rendered> {
    progress.step("排版", 0, 1)?;
    let layout = layout::layout(doc, fonts);
    let bytes = pdf::write_pdf(&layout, &doc.title, progress)?;
    Ok(Rendered { bytes, pages: layout.pages.len(), warnings: layout.warnings })
}

/// Writes `doc` in `format`.
pub fn render(doc: &Document, format: Format, fonts: &FontSet) -> Result<Rendered> {
    render_with(doc, format, fonts, &Progress::none())
}

/// [`render`], watched by `progress` (see [`render_pdf_with`]).
pub fn render_with(doc: &Document, format: Format, fonts: &FontSet, progress: &Progress) -> Result<Rendered> {
    match format {
        Format::Pdf => render_pdf_with(doc, fonts, progress),
        Format::Docx => {
            progress.step("生成 Word 文档", 0, 1)?;
            let bytes = docx::write_docx(doc)?;
            progress.step("生成 Word 文档", 1, 1)?;
            Ok(Rendered { bytes, pages: 0, warnings: Vec::new() })
        }
    }
}

#[cfg(test)]
mod keep_tests;
#[cfg(test)]
mod tests;
