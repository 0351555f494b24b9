//! A preview of the laid-out pages as SVG, drawn from the same layout the PDF is written from,
//! with the glyph outlines taken from the fonts themselves (ttf-parser). It needs no PDF viewer
//! and no font in the webview, works offline and under the app's CSP (shown as `data:` images).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::layout::{DocWarning, Item, Layout};
use super::model::{Rgb, MM, PAGE_H_MM, PAGE_W_MM};

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
                        if !defs.contains_key(&(run.face, g.gid)) {
                            let mut sink = PathSink(String::new());
                            face.outline_glyph(ttf_parser::GlyphId(g.gid), &mut sink);
                            defs.insert((run.face, g.gid), format!("<path id=\"{id}\" d=\"{}\"/>", sink.0));
                        }
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
}
