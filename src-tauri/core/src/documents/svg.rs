//! Drawing laid-out pages as SVG, for the window: each glyph drawn from the font's own outline
//! (ttf-parser) at the place the layout gave it, so the preview shows exactly the PDF's line
//! breaks and positions, in whatever font the user chose (a `.ttc` face, a fallback face for a
//! rare character, an emboldened 宋体), with no font needed in the webview.
//!
//! Lean: a page defines each distinct glyph once (path data in font units, relative moves) and
//! places it with a `<use>` carrying only its x, inside one group per run that holds the run's
//! baseline, scale and colour. Outlines are kept on the [`Face`] once drawn.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fonts::{Face, FontRole, FontSet};
use super::layout::{Item, Layout};
use super::model::{Rgb, MM, PAGE_H_MM, PAGE_W_MM};
use crate::error::Result;

/// SVG path data with relative commands between rounded points (font units), so rounding never
/// accumulates and small deltas keep the text short.
struct PathSink {
    d: String,
    at: (i32, i32),
    start: (i32, i32),
}

impl PathSink {
    fn new() -> PathSink {
        PathSink { d: String::new(), at: (0, 0), start: (0, 0) }
    }

    fn push(&mut self, cmd: char, points: &[(f32, f32)]) {
        self.d.push(cmd);
        let mut first = true;
        for (x, y) in points {
            let p = (x.round() as i32, y.round() as i32);
            for v in [p.0 - self.at.0, p.1 - self.at.1] {
                if !first && v >= 0 {
                    self.d.push(' ');
                }
                let _ = write!(self.d, "{v}");
                first = false;
            }
        }
        if let Some((x, y)) = points.last() {
            self.at = (x.round() as i32, y.round() as i32);
        }
    }
}

impl ttf_parser::OutlineBuilder for PathSink {
    fn move_to(&mut self, x: f32, y: f32) {
        self.push('m', &[(x, y)]);
        self.start = self.at;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.push('l', &[(x, y)]);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // Control and end points are all relative to the segment's start.
        let at = self.at;
        self.push_rel('q', at, &[(x1, y1), (x, y)]);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let at = self.at;
        self.push_rel('c', at, &[(x1, y1), (x2, y2), (x, y)]);
    }
    fn close(&mut self) {
        self.d.push('z');
        self.at = self.start;
    }
}

impl PathSink {
    /// A segment whose points are all given relative to `from` (the current point).
    fn push_rel(&mut self, cmd: char, from: (i32, i32), points: &[(f32, f32)]) {
        self.d.push(cmd);
        for (k, (x, y)) in points.iter().enumerate() {
            let p = (x.round() as i32, y.round() as i32);
            for (j, v) in [p.0 - from.0, p.1 - from.1].into_iter().enumerate() {
                if (k > 0 || j > 0) && v >= 0 {
                    self.d.push(' ');
                }
                let _ = write!(self.d, "{v}");
            }
        }
        if let Some((x, y)) = points.last() {
            self.at = (x.round() as i32, y.round() as i32);
        }
    }
}

fn color(c: Rgb) -> String {
    format!("#{}", c.hex())
}

/// The outlines of `gids` in `face` (path data in font units, y up), from the face's cache,
/// parsing the font once for those not drawn before.
fn outlines(face: &Face, gids: &[u16]) -> Vec<Arc<str>> {
    let Ok(mut cache) = face.outline_cache().lock() else {
        return gids.iter().map(|_| Arc::from("")).collect();
    };
    let missing: Vec<u16> = gids.iter().copied().filter(|g| !cache.contains_key(g)).collect();
    if !missing.is_empty() {
        let parsed = ttf_parser::Face::parse(face.bytes(), face.index).ok();
        for gid in missing {
            let mut sink = PathSink::new();
            if let Some(f) = &parsed {
                f.outline_glyph(ttf_parser::GlyphId(gid), &mut sink);
            }
            cache.insert(gid, Arc::from(sink.d));
        }
    }
    gids.iter().map(|g| cache.get(g).cloned().unwrap_or_else(|| Arc::from(""))).collect()
}

/// Page `index` of `layout` as a standalone SVG document (`None` past the last page).
pub fn page_svg(layout: &Layout, index: usize) -> Option<String> {
    let page = layout.pages.get(index)?;
    // Each distinct glyph of the page gets a short id, in order of first use.
    let mut ids: HashMap<(usize, u16), usize> = HashMap::new();
    let mut order: Vec<(usize, u16)> = Vec::new();
    for item in &page.items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                ids.entry((run.face, g.gid)).or_insert_with(|| {
                    order.push((run.face, g.gid));
                    order.len() - 1
                });
            }
        }
    }
    let (w, h) = (PAGE_W_MM * MM, PAGE_H_MM * MM);
    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.2} {h:.2}\" width=\"{w:.0}\" height=\"{h:.0}\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><defs>"
    );
    let mut by_face: HashMap<usize, Vec<u16>> = HashMap::new();
    for (face, gid) in &order {
        by_face.entry(*face).or_default().push(*gid);
    }
    let mut paths: HashMap<(usize, u16), Arc<str>> = HashMap::new();
    for (face, gids) in by_face {
        if let Some(f) = layout.faces.get(face) {
            for (gid, d) in gids.iter().zip(outlines(f, &gids)) {
                paths.insert((face, *gid), d);
            }
        }
    }
    for (i, key) in order.iter().enumerate() {
        let d = paths.get(key).map_or("", |d| d);
        let _ = write!(svg, "<path id=\"g{i}\" d=\"{d}\"/>");
    }
    svg.push_str("</defs>");
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(face) = layout.faces.get(run.face) else { continue };
                let scale = run.size / face.units_per_em as f32;
                let fill = color(run.color);
                let _ = write!(
                    svg,
                    "<g fill=\"{fill}\" transform=\"matrix({scale:.6} 0 0 {:.6} 0 {:.2})\"",
                    -scale, run.baseline
                );
                if run.embolden {
                    let _ = write!(svg, " stroke=\"{fill}\" stroke-width=\"{:.0}\"", run.size * 0.035 / scale);
                }
                svg.push('>');
                for g in &run.glyphs {
                    let id = ids.get(&(run.face, g.gid)).copied().unwrap_or(0);
                    let _ = write!(svg, "<use href=\"#g{id}\" x=\"{:.0}\"/>", g.x / scale);
                }
                svg.push_str("</g>");
            }
            Item::Line { x1, y1, x2, y2, thickness, color: c } => {
                let _ = write!(
                    svg,
                    "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"{}\" stroke-width=\"{thickness:.2}\"/>",
                    color(*c)
                );
            }
        }
    }
    svg.push_str("</svg>");
    Some(svg)
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
    let mut body = String::new();
    let mut x = 0.0_f32;
    let baseline = size_pt * 0.88;
    for c in text.chars() {
        let Some(face) = fonts.face_for(role, c) else {
            x += size_pt;
            continue;
        };
        let Some((gid, advance)) = face.glyph(c) else { continue };
        let scale = size_pt / face.units_per_em as f32;
        let d = outlines(face, &[gid]).pop().unwrap_or_else(|| Arc::from(""));
        let stroke = if fonts.embolden(role) {
            format!(" stroke=\"#000\" stroke-width=\"{:.0}\"", size_pt * 0.035 / scale)
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<path d=\"{d}\"{stroke} transform=\"matrix({scale:.5} 0 0 {:.5} {x:.2} {baseline:.2})\"/>",
            -scale
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
    fn a_page_draws_every_glyph_from_the_fonts_outlines_where_the_layout_put_it() {
        let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        let mut doc = Document::new("预览");
        doc.para(Paragraph::title("预览标题"));
        doc.para(Paragraph::body("周𠮷祥出席会议。会议会议"));
        let laid = layout(&doc, &fonts);
        let svg = page_svg(&laid, 0).expect("page 1");
        assert!(page_svg(&laid, 1).is_none(), "one page only");
        assert_eq!(svg.matches("<use ").count(), 4 + 12 + 5, "title, body and page number («— 1 —») glyphs");
        // 会 and 议 appear three times each but are defined once.
        let distinct: std::collections::HashSet<(usize, u16)> = laid.pages[0]
            .items
            .iter()
            .filter_map(|i| if let Item::Text(r) = i { Some(r) } else { None })
            .flat_map(|r| r.glyphs.iter().map(move |g| (r.face, g.gid)))
            .collect();
        assert_eq!(svg.matches("<path id=").count(), distinct.len(), "each distinct glyph defined once");
        assert!(distinct.len() <= 21 - 4, "the repeated 会 and 议 are not defined again");
        assert!(svg.contains("c") || svg.contains("q"), "outlines drawn");
        // Every glyph at the layout's x: the group's scale times the <use>'s x.
        let Item::Text(run) = &laid.pages[0].items[0] else { panic!("the title first") };
        let scale = run.size / laid.faces[run.face].units_per_em as f32;
        let xs: Vec<f32> = svg
            .split("<use href=\"#g")
            .skip(1)
            .take(run.glyphs.len())
            .map(|s| {
                s.split("x=\"").nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse().ok()).unwrap_or(-1.0)
            })
            .collect();
        for (g, x) in run.glyphs.iter().zip(xs) {
            assert!((x * scale - g.x).abs() < 0.02, "glyph {} at {} pt, drawn at {}", g.ch, g.x, x * scale);
        }
    }

    #[test]
    fn relative_path_data_returns_to_the_same_points() {
        let mut s = PathSink::new();
        use ttf_parser::OutlineBuilder;
        s.move_to(100.4, 200.0);
        s.line_to(150.0, 180.6);
        s.curve_to(160.0, 190.0, 170.0, 200.0, 180.0, 210.0);
        s.close();
        s.move_to(300.0, 300.0);
        assert_eq!(s.d, "m100 200l50-19c10 9 20 19 30 29zm200 100");
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
