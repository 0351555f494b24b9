//! Our own page layout for GB/T 9704 documents: characters measured with the fonts' real
//! advances, full-width characters of 3号 body text set on the 28-character grid, Chinese line
//! breaking (禁则: no line starts with closing punctuation, none ends with opening punctuation),
//! Latin words and numbers kept whole, justified lines, 22 lines a page, page numbers, the
//! colophon. The result is a list of pages of positioned glyph runs and rules that the PDF
//! writer only has to transcribe.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fonts::{Face, FontRole, FontSet};
use super::linebreak::{break_lines, is_cjk, stretchable, Class, G};
pub use super::linebreak::{is_closing, is_opening};
use super::model::*;

/// A character no font could draw: reported, never dropped in silence. The PDF keeps the
/// character (it extracts as itself) drawn as the font's empty-glyph box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocWarning {
    /// The character itself.
    pub character: String,
    /// «U+20BB7»
    pub codepoint: String,
    /// Where it is: «出席名单第12字», «正文第3段第40字».
    pub place: String,
    /// The whole warning in Chinese, for the user.
    pub message: String,
}

/// One glyph placed on a page. `x` is from the page's left edge, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub ch: char,
    pub gid: u16,
    pub x: f32,
    /// Our width of the glyph (grid-adjusted), points.
    pub width: f32,
    /// The advance PDF readers take from the embedded font's /W entry, points.
    pub pdf_advance: f32,
}

/// Glyphs of one face, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Index into [`Layout::faces`].
    pub face: usize,
    pub size: f32,
    pub color: Rgb,
    pub embolden: bool,
    /// The baseline, in points from the page's top edge.
    pub baseline: f32,
    pub glyphs: Vec<PlacedGlyph>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A straight line; coordinates in points from the page's top-left corner.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
        color: Rgb,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageOut {
    pub items: Vec<Item>,
}

/// A laid-out document.
pub struct Layout {
    pub pages: Vec<PageOut>,
    pub faces: Vec<Arc<Face>>,
    pub warnings: Vec<DocWarning>,
}

impl Layout {
    /// The text of each page as lines (runs on one baseline joined left to right), for tests.
    pub fn page_lines(&self, page: usize) -> Vec<String> {
        let mut lines: Vec<(f32, Vec<&PlacedGlyph>)> = Vec::new();
        for item in &self.pages[page].items {
            if let Item::Text(run) = item {
                match lines.iter_mut().find(|(b, _)| (b - run.baseline).abs() < 0.5) {
                    Some((_, gs)) => gs.extend(run.glyphs.iter()),
                    None => lines.push((run.baseline, run.glyphs.iter().collect())),
                }
            }
        }
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        lines
            .into_iter()
            .map(|(_, mut gs)| {
                gs.sort_by(|a, b| a.x.total_cmp(&b.x));
                gs.iter().map(|g| g.ch).collect()
            })
            .collect()
    }
}

/// How many lines of the text before a kept-together block go over to the next page with it, so
/// that no page holds the block alone.
const CARRY: usize = 2;

/// The ideographic em box's top lies this far (in ems) above the baseline.
const ASCENT: f32 = 0.88;
pub(super) const EPS: f32 = 0.01;

fn block_left() -> f32 {
    LEFT_MM * MM
}
fn block_top() -> f32 {
    TOP_MM * MM
}
fn block_width() -> f32 {
    BLOCK_W_MM * MM
}
fn block_height() -> f32 {
    BLOCK_H_MM * MM
}

struct Engine<'a> {
    fonts: &'a FontSet,
    faces: Vec<Arc<Face>>,
    face_index: HashMap<*const Face, usize>,
    warnings: Vec<DocWarning>,
    pages: Vec<PageOut>,
    items: Vec<Item>,
    /// Points below the top of the text block on the current page.
    y: f32,
}

impl<'a> Engine<'a> {
    fn face_id(&mut self, face: &Arc<Face>) -> usize {
        let key = Arc::as_ptr(face);
        if let Some(i) = self.face_index.get(&key) {
            return *i;
        }
        self.faces.push(face.clone());
        self.face_index.insert(key, self.faces.len() - 1);
        self.faces.len() - 1
    }

    /// Measures the characters of `spans` at `size`, choosing each one's face through the
    /// fallback chain. `grid`: full-width characters take exactly one grid cell (3号 text).
    fn shape(&mut self, spans: &[Span], size: f32, grid: bool, place: &str) -> Vec<G> {
        let cell_factor = if grid { cell_width() / SIZE_3 } else { 1.0 };
        let mut out = Vec::new();
        let mut pos = 0usize;
        for span in spans {
            let n = span.text.chars().count();
            for (k, ch) in span.text.chars().enumerate() {
                pos += 1;
                if ch == '\n' || ch == '\r' || ch == '\t' {
                    continue;
                }
                let embolden = self.fonts.embolden(span.role);
                let (face, gid, adv) = match self.fonts.face_for(span.role, ch) {
                    Some(f) => {
                        let (gid, adv) = f.glyph(ch).unwrap_or((0, f.units_per_em));
                        (f.clone(), gid, adv)
                    }
                    None => {
                        let f = self.fonts.primary(span.role).clone();
                        let codepoint = format!("U+{:04X}", ch as u32);
                        let where_ =
                            if place.is_empty() { format!("第{pos}字") } else { format!("{place}第{pos}字") };
                        self.warnings.push(DocWarning {
                            character: ch.to_string(),
                            codepoint: codepoint.clone(),
                            message: format!(
                                "“{ch}”（{codepoint}）在{where_}：所有可用字体都没有这个字，PDF 中显示为空框（复制文字时仍是“{ch}”）。请在“文件 → 字体设置”中为该用途指定含有此字的字体文件。"
                            ),
                            place: where_,
                        });
                        let adv = f.units_per_em;
                        (f, 0u16, adv)
                    }
                };
                let em = adv as f32 / face.units_per_em as f32;
                let class = if ch == ' ' || ch == '\u{a0}' {
                    Class::Space
                } else if em >= 0.9 || is_cjk(ch) {
                    Class::Wide
                } else {
                    Class::Narrow
                };
                let width = if class == Class::Wide { em * size * cell_factor } else { em * size };
                let pdf_advance = face.pdf_width(if gid == 0 { face.notdef_advance() } else { adv }) * size / 1000.0;
                let id = self.face_id(&face);
                out.push(G {
                    ch,
                    face: id,
                    gid,
                    width,
                    pdf_advance,
                    size,
                    embolden,
                    class,
                    glued: span.nobreak && k + 1 < n,
                });
            }
        }
        out
    }

    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(PageOut { items });
        self.y = 0.0;
    }

    fn page_is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Takes the next whole grid line (starting a new page when the block is full) and
    /// returns its top, in points below the block's top.
    fn grid_line(&mut self) -> f32 {
        let pitch = line_pitch();
        let mut top = (self.y / pitch - EPS).ceil().max(0.0) * pitch;
        if top + pitch > block_height() + 0.5 {
            self.new_page();
            top = 0.0;
        }
        self.y = top + pitch;
        top
    }

    /// Places `glyphs` (already positioned relative to the block's left edge) on a baseline.
    fn emit(&mut self, glyphs: &[G], xs: &[f32], em_top: f32, color: Rgb) {
        let baseline = block_top() + em_top + ASCENT * glyphs.first().map_or(SIZE_3, |g| g.size);
        let mut run: Option<TextRun> = None;
        for (g, x) in glyphs.iter().zip(xs) {
            let placed =
                PlacedGlyph { ch: g.ch, gid: g.gid, x: block_left() + x, width: g.width, pdf_advance: g.pdf_advance };
            match run.as_mut() {
                Some(r) if r.face == g.face && r.size == g.size && r.embolden == g.embolden => r.glyphs.push(placed),
                _ => {
                    if let Some(r) = run.take() {
                        self.items.push(Item::Text(r));
                    }
                    run = Some(TextRun {
                        face: g.face,
                        size: g.size,
                        color,
                        embolden: g.embolden,
                        baseline,
                        glyphs: vec![placed],
                    });
                }
            }
        }
        if let Some(r) = run {
            self.items.push(Item::Text(r));
        }
    }

    /// Whole grid lines left on the current page.
    fn lines_left(&self) -> usize {
        let pitch = line_pitch();
        let top = (self.y / pitch - EPS).ceil().max(0.0) * pitch;
        ((block_height() + 0.5 - top) / pitch).floor().max(0.0) as usize
    }

    /// The number of lines a paragraph takes, without placing it.
    fn measure(&mut self, p: &Paragraph) -> usize {
        let warnings = self.warnings.len();
        let grid = (p.size_pt - SIZE_3).abs() < EPS;
        let glyphs = self.shape(&p.spans, p.size_pt, grid, &p.place);
        self.warnings.truncate(warnings);
        let unit = if grid { cell_width() } else { p.size_pt };
        break_lines(&glyphs, block_width() - p.first_indent * unit, block_width() - p.hang_indent * unit).len().max(1)
    }

    /// Lays out a paragraph; `keep_after` lines of what follows must fit on its last page
    /// (a heading's next line), else the paragraph starts a new page. `carry` lines of what
    /// follows must share a page with at least the paragraph's last [`CARRY`] lines: when they
    /// would not fit, the paragraph's last lines go over to the next page with them.
    fn paragraph(&mut self, p: &Paragraph, keep_after: usize, carry: usize) {
        let grid = (p.size_pt - SIZE_3).abs() < EPS;
        let glyphs = self.shape(&p.spans, p.size_pt, grid, &p.place);
        let unit = if grid { cell_width() } else { p.size_pt };
        let first = p.first_indent * unit;
        let hang = p.hang_indent * unit;
        let lines = break_lines(&glyphs, block_width() - first, block_width() - hang);
        let n_lines = lines.len();
        if keep_after > 0 && !self.page_is_empty() && self.lines_left() < n_lines + keep_after {
            self.new_page();
        }
        for (i, (a, b)) in lines.into_iter().enumerate() {
            let rest = n_lines - i;
            if carry > 0 && rest <= CARRY && !self.page_is_empty() && self.lines_left() < rest + carry {
                self.new_page();
            }
            let indent = if i == 0 { first } else { hang };
            let avail = block_width() - indent;
            let line = &glyphs[a..b];
            let natural: f32 = line.iter().map(|g| g.width).sum();
            let last = i + 1 == n_lines;
            let mut xs = Vec::with_capacity(line.len());
            let start = match p.align {
                Align::Center => indent + (avail - natural) / 2.0,
                Align::Right => indent + avail - natural,
                _ => indent,
            };
            let stretch = if p.align == Align::Justify && !last {
                let gaps = (0..line.len().saturating_sub(1)).filter(|&k| stretchable(&line[k], &line[k + 1])).count();
                if gaps > 0 && avail > natural {
                    (avail - natural) / gaps as f32
                } else {
                    0.0
                }
            } else {
                0.0
            };
            let mut x = start;
            for k in 0..line.len() {
                xs.push(x);
                x += line[k].width;
                if k + 1 < line.len() && stretchable(&line[k], &line[k + 1]) {
                    x += stretch;
                }
            }
            let top = self.grid_line();
            self.emit(line, &xs, top, p.color);
        }
        if n_lines == 0 {
            self.grid_line();
        }
    }

    /// The lines of the kept-together block that follows block `i` (paragraphs marked
    /// `keep_with_previous` and the blank lines between them), with the colophon's rows when the
    /// block ends the document: what must share a page with the end of block `i`.
    fn kept_after(&mut self, doc: &Document, i: usize) -> usize {
        let mut lines = 0;
        let mut k = i + 1;
        let mut kept_any = false;
        while let Some(block) = doc.blocks.get(k) {
            match block {
                Block::Blank => lines += 1,
                Block::Paragraph(p) if p.keep_with_previous => {
                    lines += self.measure(p);
                    kept_any = true;
                }
                _ => break,
            }
            k += 1;
        }
        if !kept_any {
            return 0;
        }
        if k == doc.blocks.len() {
            if let Some(c) = &doc.colophon {
                lines += if c.cc.is_some() { 2 } else { 1 };
            }
        }
        // A block longer than a page cannot stay whole; it then only keeps the text before it.
        if lines > LINES_PER_PAGE - CARRY {
            return 0;
        }
        lines
    }

    fn mark(&mut self, text: &str, size: f32, top_mm: f32, color: Rgb) {
        let spans = [Span::new(text, FontRole::Xiaobiaosong)];
        let probe = self.shape(&spans, size, false, "发文机关标志");
        let natural: f32 = probe.iter().map(|g| g.width).sum();
        let size = if natural > block_width() { size * block_width() / natural } else { size };
        let glyphs = if natural > block_width() { self.shape(&spans, size, false, "") } else { probe };
        let width: f32 = glyphs.iter().map(|g| g.width).sum();
        let mut xs = Vec::new();
        let mut x = (block_width() - width) / 2.0;
        for g in &glyphs {
            xs.push(x);
            x += g.width;
        }
        let top = (top_mm * MM).max(self.y);
        self.emit(&glyphs, &xs, top, color);
        self.y = top + size;
    }

    fn split(&mut self, left: &str, right: &str, role: FontRole, size: f32, inset: f32) {
        let grid = (size - SIZE_3).abs() < EPS;
        let unit = if grid { cell_width() } else { size };
        let top = self.grid_line();
        let l = self.shape(&[Span::new(left, role)], size, grid, "");
        let r = self.shape(&[Span::new(right, role)], size, grid, "");
        let em_top = top;
        let mut xs = Vec::new();
        let mut x = inset * unit;
        for g in &l {
            xs.push(x);
            x += g.width;
        }
        self.emit(&l, &xs, em_top, BLACK);
        let rw: f32 = r.iter().map(|g| g.width).sum();
        let mut xs = Vec::new();
        let mut x = block_width() - inset * unit - rw;
        for g in &r {
            xs.push(x);
            x += g.width;
        }
        self.emit(&r, &xs, em_top, BLACK);
    }

    fn hline(&mut self, y_in_block: f32, thickness_mm: f32, color: Rgb) {
        let y = block_top() + y_in_block;
        self.items.push(Item::Line {
            x1: block_left(),
            y1: y,
            x2: block_left() + block_width(),
            y2: y,
            thickness: thickness_mm * MM,
            color,
        });
    }

    fn table(&mut self, t: &Table) {
        let row_h = t.row_height_mm * MM;
        let head_h = t.header_height_mm * MM;
        let total_w: f32 = t.columns.iter().map(|c| c.width_mm * MM).sum();
        let x0 = (block_width() - total_w).max(0.0) / 2.0;
        let mut header_drawn = false;
        let mut group: Option<&str> = None;
        for (i, row) in t.rows.iter().enumerate() {
            // A group heading keeps its first row with it.
            let needed = match (row, t.rows.get(i + 1)) {
                (TableRow::Group(_), Some(TableRow::Cells(_))) => 2.0 * row_h,
                _ => row_h,
            };
            if !header_drawn || self.y + needed > block_height() + 0.5 {
                let broke = header_drawn || self.y + head_h + needed > block_height() + 0.5;
                if broke && !self.page_is_empty() {
                    self.new_page();
                }
                self.table_header(t, x0, head_h);
                header_drawn = true;
                // A group carried over to a new page is named again.
                if let (Some(g), TableRow::Cells(_)) = (group, row) {
                    let top = self.y;
                    let text = format!("{}（续）", g.split('（').next().unwrap_or(g));
                    self.group_row(&text, t.size_pt, x0, total_w, top, row_h);
                    self.y = top + row_h;
                }
            }
            let top = self.y;
            match row {
                TableRow::Group(text) => {
                    group = Some(text.as_str());
                    self.group_row(text, t.size_pt, x0, total_w, top, row_h);
                }
                TableRow::Cells(cells) => {
                    let mut x = x0;
                    let widths: Vec<f32> = t.columns.iter().map(|c| c.width_mm * MM).collect();
                    for (c, col) in t.columns.iter().enumerate() {
                        let w = col.width_mm * MM;
                        if let Some(text) = cells.get(c) {
                            self.cell_text(text, FontRole::Fangsong, t.size_pt, x, w, top, row_h, col.align);
                        }
                        x += w;
                    }
                    self.box_row(x0, top, row_h, &widths);
                }
            }
            self.y = top + row_h;
        }
    }

    /// A group's heading row across the whole table (also when it is carried over to a new page).
    fn group_row(&mut self, text: &str, size_pt: f32, x0: f32, total_w: f32, top: f32, row_h: f32) {
        self.cell_text(text, FontRole::Heiti, size_pt, x0 + size_pt * 0.5, total_w, top, row_h, Align::Left);
        self.box_row(x0, top, row_h, &[total_w]);
    }

    fn table_header(&mut self, t: &Table, x0: f32, head_h: f32) {
        let top = self.y;
        let mut x = x0;
        let widths: Vec<f32> = t.columns.iter().map(|c| c.width_mm * MM).collect();
        for col in &t.columns {
            let w = col.width_mm * MM;
            self.cell_text(&col.title, FontRole::Heiti, t.size_pt, x, w, top, head_h, Align::Center);
            x += w;
        }
        self.box_row(x0, top, head_h, &widths);
        self.y = top + head_h;
    }

    /// The borders of one table row: top and bottom across, a vertical at each column edge.
    fn box_row(&mut self, x0: f32, top: f32, h: f32, widths: &[f32]) {
        let total: f32 = widths.iter().sum();
        let t = 0.5;
        let (bx, by) = (block_left() + x0, block_top() + top);
        for y in [by, by + h] {
            self.items.push(Item::Line { x1: bx, y1: y, x2: bx + total, y2: y, thickness: t, color: BLACK });
        }
        let mut x = bx;
        self.items.push(Item::Line { x1: x, y1: by, x2: x, y2: by + h, thickness: t, color: BLACK });
        for w in widths {
            x += w;
            self.items.push(Item::Line { x1: x, y1: by, x2: x, y2: by + h, thickness: t, color: BLACK });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cell_text(&mut self, text: &str, role: FontRole, size: f32, x: f32, w: f32, top: f32, h: f32, align: Align) {
        if text.is_empty() {
            return;
        }
        let pad = 2.0 * MM;
        let spans = [Span::new(text, role)];
        let mut glyphs = self.shape(&spans, size, false, "表格");
        let mut natural: f32 = glyphs.iter().map(|g| g.width).sum();
        let mut size = size;
        if natural > w - 2.0 * pad {
            size = size * (w - 2.0 * pad) / natural;
            glyphs = self.shape(&spans, size, false, "");
            natural = glyphs.iter().map(|g| g.width).sum();
        }
        let start = match align {
            Align::Center => x + (w - natural) / 2.0,
            Align::Right => x + w - pad - natural,
            _ => x + pad,
        };
        let mut xs = Vec::new();
        let mut cx = start;
        for g in &glyphs {
            xs.push(cx);
            cx += g.width;
        }
        self.emit(&glyphs, &xs, top + (h - size) / 2.0, BLACK);
    }

    fn colophon(&mut self, c: &Colophon) {
        let pitch = line_pitch();
        let rows = if c.cc.is_some() { 2 } else { 1 };
        let first_row = (LINES_PER_PAGE - rows) as f32 * pitch;
        if self.y > first_row + 0.5 {
            self.new_page();
        }
        let size = SIZE_4;
        let mut top = first_row;
        self.hline(top, 0.35, BLACK);
        if let Some(cc) = &c.cc {
            let label = [Span::new("抄送：", FontRole::Fangsong), Span::new(cc.as_str(), FontRole::Fangsong)];
            let g = self.shape(&label, size, false, "版记抄送");
            let mut xs = Vec::new();
            let mut x = size; // 左空一字
            for gl in &g {
                xs.push(x);
                x += gl.width;
            }
            self.emit(&g, &xs, top + (pitch - size) / 2.0, BLACK);
            top += pitch;
            self.hline(top, 0.25, BLACK);
        }
        let l = self.shape(&[Span::new(c.issuer.as_str(), FontRole::Fangsong)], size, false, "版记印发机关");
        let right = format!("{}印发", c.date);
        let r = self.shape(&[Span::new(right, FontRole::Fangsong)], size, false, "版记印发日期");
        let em_top = top + (pitch - size) / 2.0;
        let mut xs = Vec::new();
        let mut x = size;
        for g in &l {
            xs.push(x);
            x += g.width;
        }
        self.emit(&l, &xs, em_top, BLACK);
        let rw: f32 = r.iter().map(|g| g.width).sum();
        let mut xs = Vec::new();
        let mut x = block_width() - size - rw;
        for g in &r {
            xs.push(x);
            x += g.width;
        }
        self.emit(&r, &xs, em_top, BLACK);
        self.hline(block_height(), 0.35, BLACK);
        self.y = block_height();
    }

    /// A bulletin's foot at the bottom of the text block of the last page (a new page when the
    /// body reaches into it): rule, distribution lines, thin rule, copies flush right, rule.
    fn foot(&mut self, f: &Foot) {
        let pitch = line_pitch();
        let size = SIZE_4;
        let avail = block_width() - 2.0 * size;
        let mut shaped = Vec::new();
        for (i, line) in f.lines.iter().enumerate() {
            let label = format!("{}：", line.label.trim_end_matches(['：', ':']));
            let label_w = label.chars().count() as f32 * size;
            let spans = [Span::new(label, FontRole::Fangsong), Span::new(line.text.as_str(), FontRole::Fangsong)];
            let g = self.shape(&spans, size, false, &format!("版记第{}行", i + 1));
            let breaks = break_lines(&g, avail, avail - label_w);
            shaped.push((g, breaks, label_w));
        }
        let copies =
            f.copies.as_ref().map(|c| self.shape(&[Span::new(c.as_str(), FontRole::Fangsong)], size, false, "印数"));
        let rows: usize = shaped.iter().map(|s| s.1.len().max(1)).sum::<usize>() + usize::from(copies.is_some());
        if rows == 0 {
            return;
        }
        let rows = rows.min(LINES_PER_PAGE);
        let first_row = (LINES_PER_PAGE - rows) as f32 * pitch;
        if self.y > first_row + 0.5 {
            self.new_page();
        }
        let mut top = first_row;
        self.hline(top, 0.35, BLACK);
        for (g, breaks, label_w) in &shaped {
            for (k, (a, b)) in breaks.iter().enumerate() {
                let mut x = size + if k == 0 { 0.0 } else { *label_w };
                let mut xs = Vec::new();
                for gl in &g[*a..*b] {
                    xs.push(x);
                    x += gl.width;
                }
                self.emit(&g[*a..*b], &xs, top + (pitch - size) / 2.0, BLACK);
                top += pitch;
            }
        }
        if let Some(g) = copies {
            if !shaped.is_empty() {
                self.hline(top, 0.25, BLACK);
            }
            let w: f32 = g.iter().map(|gl| gl.width).sum();
            let mut x = block_width() - size - w;
            let mut xs = Vec::new();
            for gl in &g {
                xs.push(x);
                x += gl.width;
            }
            self.emit(&g, &xs, top + (pitch - size) / 2.0, BLACK);
        }
        self.hline(block_height(), 0.35, BLACK);
        self.y = block_height();
    }

    fn page_numbers(&mut self) {
        let size = SIZE_4;
        let total = self.pages.len();
        for n in 1..=total {
            let text = format!("— {n} —");
            let glyphs = self.shape(&[Span::new(text, FontRole::Songti)], size, false, "页码");
            let width: f32 = glyphs.iter().map(|g| g.width).sum();
            // Odd pages: right, inset one character; even pages: left, inset one character.
            let start = if n % 2 == 1 { block_width() - size - width } else { size };
            let mut xs = Vec::new();
            let mut x = start;
            for g in &glyphs {
                xs.push(x);
                x += g.width;
            }
            let saved = std::mem::take(&mut self.items);
            self.emit(&glyphs, &xs, block_height() + PAGE_NUMBER_GAP_MM * MM, BLACK);
            let mut number_items = std::mem::replace(&mut self.items, saved);
            self.pages[n - 1].items.append(&mut number_items);
        }
    }
}

/// Lays out a document on GB/T 9704 pages with the given fonts.
pub fn layout(doc: &Document, fonts: &FontSet) -> Layout {
    let mut e = Engine {
        fonts,
        faces: Vec::new(),
        face_index: HashMap::new(),
        warnings: Vec::new(),
        pages: Vec::new(),
        items: Vec::new(),
        y: 0.0,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) => {
                let next_is_text = matches!(doc.blocks.get(i + 1), Some(Block::Paragraph(_)));
                let carry = e.kept_after(doc, i);
                e.paragraph(p, usize::from(p.keep_with_next && next_is_text), carry)
            }
            Block::Blank => {
                if !(e.page_is_empty() && e.y == 0.0) {
                    e.grid_line();
                }
            }
            Block::Mark { text, size_pt, top_mm, color } => e.mark(text, *size_pt, *top_mm, *color),
            Block::Split { left, right, role, size_pt, inset_chars } => {
                e.split(left, right, *role, *size_pt, *inset_chars)
            }
            Block::Rule { color, thickness_mm, gap_before_mm, gap_after_mm } => {
                let y = e.y + gap_before_mm * MM;
                e.hline(y, *thickness_mm, *color);
                e.y = y + gap_after_mm * MM;
            }
            Block::Table(t) => e.table(t),
            Block::PageBreak => {
                if !e.page_is_empty() {
                    e.new_page();
                }
            }
        }
    }
    if let Some(c) = &doc.colophon {
        e.colophon(c);
    }
    if let Some(f) = &doc.foot {
        e.foot(f);
    }
    if !e.items.is_empty() || e.pages.is_empty() {
        e.new_page();
    }
    if doc.page_numbers {
        e.page_numbers();
    }
    Layout { pages: e.pages, faces: e.faces, warnings: e.warnings }
}
