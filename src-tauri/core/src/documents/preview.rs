//! The window's preview of any laid-out document, page by page and on demand.
//!
//! [`lay_out`] lays the document out once (the layout the PDF is written from) and answers
//! only what the window needs to place the pages: how many, their size, and for each page a
//! key that changes exactly when what the page shows changes. The window then asks for the
//! pages it shows (and one or two around them) with [`page`], by key: a page is drawn only
//! when it is in view, and an edit costs the pages it changed, not the document. Layouts are
//! kept for the few most recent documents, so the same text is never laid out twice and a page
//! asked for a moment after its layout is found.
//!
//! A feature builds a [`PreviewSource`] under the database lock (its [`Document`] and the font
//! preferences), and the shell lays it out after letting the lock go.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fonts::{FontPrefs, FontSet};
use super::layout::{self, DocWarning, Item, Layout};
use super::model::{Document, MM, PAGE_H_MM, PAGE_W_MM};
use super::svg;
pub use super::svg::{font_samples, role_sample, FontSample};
use crate::error::{Error, Result};

/// A document laid out for the preview: what the window needs to place its pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PagedPreview {
    /// Number of pages.
    pub pages: u32,
    /// Page size in points (A4: 595 × 842).
    pub page_width: f32,
    pub page_height: f32,
    /// One key per page: the same key means the same drawing; ask [`page`] for it.
    pub page_keys: Vec<String>,
    /// Characters no font has, by character and place.
    pub warnings: Vec<DocWarning>,
}

/// One page's drawing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewPage {
    pub key: String,
    /// A standalone SVG document of the page.
    pub svg: String,
}

/// What a preview is laid out from, read from the database: the document and the fonts chosen.
#[derive(Debug, Clone)]
pub struct PreviewSource {
    pub doc: Document,
    pub prefs: FontPrefs,
}

impl PreviewSource {
    pub fn load(conn: &rusqlite::Connection, doc: Document) -> Result<PreviewSource> {
        Ok(PreviewSource { doc, prefs: FontPrefs::load(conn)? })
    }

    /// Resolves the fonts and lays the document out (or finds it laid out already). Needs no
    /// database: call it after letting the lock go.
    pub fn lay_out(&self) -> Result<PagedPreview> {
        Ok(lay_out(&self.doc, &FontSet::resolve(&self.prefs)?))
    }
}

/// A layout kept for its pages to be drawn.
struct Laid {
    doc_key: u64,
    layout: Layout,
    page_keys: Vec<String>,
}

/// How many recent layouts are kept: the one shown, the one before it (pages still on screen
/// while the next arrive), and a couple of documents open one after the other.
const KEPT: usize = if cfg!(test) { 64 } else { 4 };

fn kept() -> &'static Mutex<VecDeque<Arc<Laid>>> {
    static KEPT_LAYOUTS: OnceLock<Mutex<VecDeque<Arc<Laid>>>> = OnceLock::new();
    KEPT_LAYOUTS.get_or_init(|| Mutex::new(VecDeque::new()))
}

fn doc_key(doc: &Document, fonts: &FontSet) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // The document is plain data; its JSON is its identity.
    serde_json::to_vec(doc).unwrap_or_default().hash(&mut h);
    format!("{:?}", fonts.infos()).hash(&mut h);
    h.finish()
}

/// A key for what page `index` shows: its glyphs (face, id, place), rules and colours.
fn page_key(layout: &Layout, index: usize) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for item in &layout.pages[index].items {
        match item {
            Item::Text(run) => {
                0u8.hash(&mut h);
                if let Some(face) = layout.faces.get(run.face) {
                    face.label.hash(&mut h);
                    face.index.hash(&mut h);
                }
                for v in [run.size, run.baseline, run.color.0, run.color.1, run.color.2] {
                    v.to_bits().hash(&mut h);
                }
                run.embolden.hash(&mut h);
                for g in &run.glyphs {
                    g.gid.hash(&mut h);
                    g.x.to_bits().hash(&mut h);
                }
            }
            Item::Line { x1, y1, x2, y2, thickness, color } => {
                1u8.hash(&mut h);
                for v in [*x1, *y1, *x2, *y2, *thickness, color.0, color.1, color.2] {
                    v.to_bits().hash(&mut h);
                }
            }
        }
    }
    format!("{:016x}", h.finish())
}

fn summary(laid: &Laid) -> PagedPreview {
    PagedPreview {
        pages: laid.page_keys.len() as u32,
        page_width: PAGE_W_MM * MM,
        page_height: PAGE_H_MM * MM,
        page_keys: laid.page_keys.clone(),
        warnings: laid.layout.warnings.clone(),
    }
}

/// Lays `doc` out with `fonts` (unless the same document was laid out lately) and keeps the
/// layout for [`page`]. Draws nothing.
pub fn lay_out(doc: &Document, fonts: &FontSet) -> PagedPreview {
    let key = doc_key(doc, fonts);
    if let Ok(mut kept) = kept().lock() {
        if let Some(laid) = kept.iter().position(|l| l.doc_key == key).and_then(|i| kept.remove(i)) {
            let out = summary(&laid);
            kept.push_front(laid);
            return out;
        }
    }
    // Laid out with no lock held: another document's pages can be drawn meanwhile.
    let layout = layout::layout(doc, fonts);
    let page_keys = (0..layout.pages.len()).map(|i| page_key(&layout, i)).collect();
    let laid = Arc::new(Laid { doc_key: key, layout, page_keys });
    let out = summary(&laid);
    if let Ok(mut kept) = kept().lock() {
        kept.push_front(laid);
        kept.truncate(KEPT);
    }
    out
}

/// The drawing of the page with `key`, from the layouts kept.
pub fn page(key: &str) -> Result<PreviewPage> {
    let found = kept()
        .lock()
        .ok()
        .and_then(|kept| kept.iter().find_map(|l| l.page_keys.iter().position(|k| k == key).map(|i| (l.clone(), i))));
    let (laid, index) = found.ok_or_else(|| Error::NotFound {
        what: "预览页",
        key: "文件已有新的修改，该页的旧版本不再保留；预览会自动按最新内容显示".into(),
    })?;
    let svg = svg::page_svg(&laid.layout, index).unwrap_or_default();
    super::fonts::fonts_idle();
    Ok(PreviewPage { key: key.to_string(), svg })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::model::Paragraph;

    fn doc(paragraphs: &[String]) -> Document {
        let mut d = Document::new("预览测试");
        d.para(Paragraph::title("预览测试"));
        for p in paragraphs {
            d.para(Paragraph::body(p));
        }
        d
    }

    fn paragraphs(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("第{i}段。会议认为，要加强委员履职能力建设，提高协商议政质量，推动各项工作落实见效。"))
            .collect()
    }

    #[test]
    fn pages_are_keyed_by_what_they_show_and_drawn_on_request() {
        let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        let mut text = paragraphs(60);
        let before = lay_out(&doc(&text), &fonts);
        assert!(before.pages >= 3, "several pages: {}", before.pages);
        assert_eq!(before.page_keys.len(), before.pages as usize);
        assert!((before.page_height / before.page_width - 297.0 / 210.0).abs() < 0.001, "A4");
        let distinct: std::collections::HashSet<&String> = before.page_keys.iter().collect();
        assert_eq!(distinct.len(), before.page_keys.len(), "every page has its own key");

        // The same text again: the same keys, from the layouts kept.
        assert_eq!(lay_out(&doc(&text), &fonts), before, "the same document, the same pages");

        // Edit a paragraph on the last page: the pages before it keep their keys.
        let last = text.len() - 1;
        text[last] = format!("{}补充一句。", text[last]);
        let after = lay_out(&doc(&text), &fonts);
        assert_eq!(after.pages, before.pages);
        let n = after.pages as usize;
        assert_eq!(after.page_keys[..n - 1], before.page_keys[..n - 1], "pages before the edit are unchanged");
        assert_ne!(after.page_keys[n - 1], before.page_keys[n - 1], "the edited page has a new key");

        // Each page is drawn by its key; the old version is still served a moment after.
        let p = page(&after.page_keys[n - 1]).expect("edited page");
        assert!(p.svg.starts_with("<svg") && p.svg.ends_with("</svg>"), "a standalone SVG");
        let old = page(&before.page_keys[n - 1]).expect("the page as it was");
        assert_ne!(old.svg, p.svg, "the two versions differ");
        let err = page("0000000000000000").expect_err("no such page");
        assert_eq!(err.code(), "not_found");
    }

    #[test]
    fn the_preview_shows_the_pdfs_pages() {
        let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        let d = doc(&paragraphs(40));
        let pdf = crate::documents::render_pdf(&d, &fonts).expect("pdf");
        assert_eq!(lay_out(&d, &fonts).pages as usize, pdf.pages, "as many pages as the PDF");
    }
}
