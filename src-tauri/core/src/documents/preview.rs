//! A preview of the laid-out pages as SVG, drawn from the same layout the PDF is written from,
//! with the glyph outlines taken from the fonts themselves (ttf-parser). It needs no PDF viewer
//! and no font in the webview, works offline and under the app's CSP (shown as `data:` images).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fonts::{FontRole, FontSet};
use super::layout::{DocWarning, Item, Layout};
use super::model::{Rgb, MM, PAGE_H_MM, PAGE_W_MM};
use crate::error::Result;

/// Pages as SVG documents, and the warnings of the layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Preview {
    pub pages: Vec<String>,
    pub warnings: Vec<DocWarning>,
}

struct PathSink(String);

impl ttf_parser::OutlineBuilder for PathSink {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x:.0} {y:.0}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x:.0} {y:.0}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1:.0} {y1:.0} {x:.0} {y:.0}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1:.0} {y1:.0} {x2:.0} {y2:.0} {x:.0} {y:.0}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

fn color(c: Rgb) -> String {
    format!("#{}", c.hex())
}

/// Renders every page of `layout` as a standalone SVG document.
pub fn to_svg(layout: &Layout) -> Preview {
    let faces: Vec<Option<ttf_parser::Face<'_>>> =
        layout.faces.iter().map(|f| ttf_parser::Face::parse(f.bytes(), f.index).ok()).collect();
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut defs: HashMap<(usize, u16), String> = HashMap::new();
        let mut body = String::new();
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let Some(face) = faces.get(run.face).and_then(|f| f.as_ref()) else { continue };
                    let scale = run.size / face.units_per_em() as f32;
                    let fill = color(run.color);
                    let stroke = if run.embolden {
                        format!(" stroke=\"{fill}\" stroke-width=\"{:.0}\"", run.size * 0.035 / scale)
                    } else {
                        String::new()
                    };
                    for g in &run.glyphs {
                        let id = format!("g{}_{}", run.face, g.gid);
                        defs.entry((run.face, g.gid)).or_insert_with(|| {
                            let mut sink = PathSink(String::new());
                            face.outline_glyph(ttf_parser::GlyphId(g.gid), &mut sink);
                            format!("<path id=\"{id}\" d=\"{}\"/>", sink.0)
                        });
                        let _ = write!(
                            body,
                            "<use href=\"#{id}\" fill=\"{fill}\"{stroke} transform=\"matrix({scale:.5} 0 0 {:.5} {:.2} {:.2})\"/>",
                            -scale, g.x, run.baseline
                        );
                    }
                }
                Item::Line { x1, y1, x2, y2, thickness, color: c } => {
                    let _ = write!(
                        body,
                        "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"{}\" stroke-width=\"{thickness:.2}\"/>",
                        color(*c)
                    );
                }
            }
        }
        let (w, h) = (PAGE_W_MM * MM, PAGE_H_MM * MM);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.2} {h:.2}\" width=\"{w:.0}\" height=\"{h:.0}\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><defs>"
        );
        for d in defs.values() {
            svg.push_str(d);
        }
        svg.push_str("</defs>");
        svg.push_str(&body);
        svg.push_str("</svg>");
        pages.push(svg);
    }
    Preview { pages, warnings: layout.warnings.clone() }
}

/// A line of text in one role's font, drawn as the documents draw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FontSample {
    pub role: FontRole,
    /// A standalone SVG image of the line.
    pub svg: String,
}

/// What the font settings page shows of each role: the role's usual text, in its font.
const SAMPLES: [(FontRole, &str); 5] = [
    (FontRole::Fangsong, "会议认为，要加强委员履职。1月19日"),
    (FontRole::Heiti, "一、关于六届五次会议筹备工作"),
    (FontRole::Kaiti, "（一）做好会议文件审议工作"),
    (FontRole::Xiaobiaosong, "安宁市政协主席会议纪要"),
    (FontRole::Songti, "— 1 —　第1页"),
];

/// One line of `text` in `role`'s font (falling back per character as the layout does) as an
/// SVG `size_pt` high, emboldened where the documents embolden it.
pub fn role_sample(fonts: &FontSet, role: FontRole, text: &str, size_pt: f32) -> String {
    let mut parsed: Vec<(*const u8, ttf_parser::Face<'_>)> = Vec::new();
    let mut body = String::new();
    let mut x = 0.0_f32;
    let baseline = size_pt * 0.88;
    for c in text.chars() {
        let Some(face) = fonts.face_for(role, c) else {
            x += size_pt;
            continue;
        };
        let Some((gid, advance)) = face.glyph(c) else { continue };
        let key = face.bytes().as_ptr();
        if !parsed.iter().any(|(k, _)| *k == key) {
            let Ok(f) = ttf_parser::Face::parse(face.bytes(), face.index) else { continue };
            parsed.push((key, f));
        }
        let Some((_, f)) = parsed.iter().find(|(k, _)| *k == key) else { continue };
        let scale = size_pt / face.units_per_em as f32;
        let mut sink = PathSink(String::new());
        f.outline_glyph(ttf_parser::GlyphId(gid), &mut sink);
        let stroke = if fonts.embolden(role) {
            format!(" stroke=\"#000\" stroke-width=\"{:.0}\"", size_pt * 0.035 / scale)
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<path d=\"{}\"{stroke} transform=\"matrix({scale:.5} 0 0 {:.5} {x:.2} {baseline:.2})\"/>",
            sink.0, -scale
        );
        x += advance as f32 * scale;
    }
    let (w, h) = (x.max(1.0), size_pt * 1.15);
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.2} {h:.2}\" width=\"{w:.0}\" height=\"{h:.0}\">{body}</svg>")
}

/// A sample line of every role in the fonts now chosen.
pub fn font_samples(conn: &rusqlite::Connection) -> Result<Vec<FontSample>> {
    let fonts = FontSet::resolve(&super::FontPrefs::load(conn)?)?;
    Ok(SAMPLES
        .iter()
        .map(|(role, text)| FontSample { role: *role, svg: role_sample(&fonts, *role, text, 16.0) })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{layout::layout, model::*, FontPrefs, FontSet};

    #[test]
    fn preview_draws_every_glyph_from_the_fonts_outlines() {
        let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        let mut doc = Document::new("预览");
        doc.para(Paragraph::title("预览标题"));
        doc.para(Paragraph::body("周𠮷祥出席会议。"));
        let p = to_svg(&layout(&doc, &fonts));
        assert_eq!(p.pages.len(), 1);
        let svg = &p.pages[0];
        assert_eq!(svg.matches("<use ").count(), 4 + 8 + 5, "title, body and page number («— 1 —») glyphs");
        assert!(svg.contains("<path id=\"g") && (svg.contains("C") || svg.contains("Q")), "outlines drawn");
    }

    #[test]
    fn font_samples_draw_each_role_from_its_font() {
        let db = crate::db::Db::open_in_memory().expect("db");
        let samples = font_samples(db.conn()).expect("samples");
        assert_eq!(samples.iter().map(|s| s.role).collect::<Vec<_>>(), FontRole::ALL.to_vec(), "one sample per role");
        let fang = &samples[0].svg;
        assert!(fang.starts_with("<svg") && fang.ends_with("</svg>"), "a standalone SVG");
        // 会议认为，要加强委员履职。1月19日: 18 characters, each drawn as one path.
        assert_eq!(fang.matches("<path ").count(), 18, "every character drawn: {}", &fang[..200.min(fang.len())]);

        let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        let odd = role_sample(&fonts, FontRole::Heiti, "甲\u{F8FF}乙", 16.0);
        assert_eq!(odd.matches("<path ").count(), 2, "a character no font has is left blank, not drawn");
        assert!(odd.contains("width=\"48\""), "its place is kept: {odd}");
    }
}
