//! The document model every printed document is built from: a list of blocks (paragraphs on
//! the GB/T 9704 line grid, the red 纪要 mark, left/right lines, rules, tables) plus an optional
//! colophon. The PDF engine lays it out itself; the DOCX writer maps the same blocks to Word
//! paragraphs with the same fonts, sizes and margins.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::fonts::FontRole;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
pub const PAGE_W_MM: f32 = 210.0;
pub const PAGE_H_MM: f32 = 297.0;
/// GB/T 9704-2012 §5.2.1: top margin (天头) 37 mm, binding-side margin (订口) 28 mm, text block
/// 156 × 225 mm, 22 lines of 28 characters.
pub const TOP_MM: f32 = 37.0;
pub const LEFT_MM: f32 = 28.0;
pub const BLOCK_W_MM: f32 = 156.0;
pub const BLOCK_H_MM: f32 = 225.0;
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
/// Page numbers: the top of the number line sits this far below the text block.
pub const PAGE_NUMBER_GAP_MM: f32 = 7.0;

/// Chinese type sizes (字号) in points.
pub const SIZE_2: f32 = 22.0; // 2号: titles
pub const SIZE_3: f32 = 16.0; // 3号: body
pub const SIZE_4: f32 = 14.0; // 4号: page numbers, colophon
pub const SIZE_XIAOCHU: f32 = 36.0; // 小初: the 纪要 mark, at most

/// The line pitch: 225 mm / 22 lines.
pub fn line_pitch() -> f32 {
    BLOCK_H_MM * MM / LINES_PER_PAGE as f32
}

/// The width of one grid cell: 156 mm / 28 characters.
pub fn cell_width() -> f32 {
    BLOCK_W_MM * MM / CHARS_PER_LINE as f32
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
/// The red of document marks and separator rules.
pub const RED: Rgb = Rgb(0.9, 0.0, 0.0);

impl Rgb {
    pub fn hex(self) -> String {
        let c = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        format!("{:02X}{:02X}{:02X}", c(self.0), c(self.1), c(self.2))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    /// Both edges flush; the last line of a paragraph flush left.
    Justify,
    Left,
    Center,
    Right,
}

/// A run of text in one font role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub role: FontRole,
    /// Never break a line inside this span (a person's name).
    pub nobreak: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, role: FontRole) -> Span {
        Span { text: text.into(), role, nobreak: false }
    }

    pub fn unbroken(text: impl Into<String>, role: FontRole) -> Span {
        Span { text: text.into(), role, nobreak: true }
    }
}

/// A paragraph set on the line grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub size_pt: f32,
    /// Indent of the first line, in characters of this paragraph's size.
    pub first_indent: f32,
    /// Indent of the following lines, in characters.
    pub hang_indent: f32,
    pub align: Align,
    pub color: Rgb,
    /// Where this paragraph is, in words for a warning: «正文第3段», «出席名单».
    pub place: String,
    /// A heading standing alone: never the last line of a page, it goes over to the next page
    /// with the first line of the paragraph after it.
    #[serde(default)]
    pub keep_with_next: bool,
    /// Part of a block that stays on one page with the end of what precedes it (the 纪要's
    /// attendance block: 出席 / 请假 / 列席 never split, never on a page without the last lines of
    /// the body, and with the colophon when it ends the document).
    #[serde(default)]
    pub keep_with_previous: bool,
}

/// GB/T 9704 heading levels of body text, recognised by their numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HeadingLevel {
    /// 一、 (黑体)
    One,
    /// （一） (楷体)
    Two,
    /// 1. (仿宋)
    Three,
    /// （1） (仿宋)
    Four,
}

impl HeadingLevel {
    pub fn role(self) -> FontRole {
        match self {
            HeadingLevel::One => FontRole::Heiti,
            HeadingLevel::Two => FontRole::Kaiti,
            HeadingLevel::Three | HeadingLevel::Four => FontRole::Fangsong,
        }
    }

    /// The level a line of body text starts with, and the length (chars) of its number.
    pub fn detect(line: &str) -> Option<(HeadingLevel, usize)> {
        let chars: Vec<char> = line.chars().collect();
        let is_cn = |c: char| "一二三四五六七八九十百零〇".contains(c);
        let count = |from: usize, f: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|c| f(**c)).count();
        let n = count(0, &is_cn);
        if n > 0 && chars.get(n) == Some(&'、') {
            return Some((HeadingLevel::One, n + 1));
        }
        if matches!(chars.first(), Some('（') | Some('(')) {
            let n = count(1, &is_cn);
            if n > 0 && matches!(chars.get(1 + n), Some('）') | Some(')')) {
                return Some((HeadingLevel::Two, n + 2));
            }
            let n = count(1, &|c: char| c.is_ascii_digit());
            if n > 0 && matches!(chars.get(1 + n), Some('）') | Some(')')) {
                return Some((HeadingLevel::Four, n + 2));
            }
        }
        let n = count(0, &|c: char| c.is_ascii_digit());
        if n > 0 && matches!(chars.get(n), Some('.') | Some('．')) {
            // «1.5亿元» is a number, not a heading.
            if !chars.get(n + 1).is_some_and(|c| c.is_ascii_digit()) {
                return Some((HeadingLevel::Three, n + 1));
            }
        }
        None
    }
}

impl Paragraph {
    /// A paragraph of 3号 仿宋 body text: 2-character indent, justified.
    pub fn body(text: &str) -> Paragraph {
        Paragraph::with_spans(vec![Span::new(text, FontRole::Fangsong)])
    }

    pub fn with_spans(spans: Vec<Span>) -> Paragraph {
        Paragraph {
            spans,
            size_pt: SIZE_3,
            first_indent: 2.0,
            hang_indent: 0.0,
            align: Align::Justify,
            color: BLACK,
            place: String::new(),
            keep_with_next: false,
            keep_with_previous: false,
        }
    }

    /// A body paragraph whose heading number (一、 （一） 1. （1）) picks its font: the heading
    /// runs to the first 。 (or the whole line) in the level's font, the rest in 仿宋.
    pub fn body_with_heading(line: &str) -> Paragraph {
        let Some((level, _)) = HeadingLevel::detect(line) else {
            return Paragraph::body(line);
        };
        let role = level.role();
        match line.find('。') {
            Some(i) if i + '。'.len_utf8() < line.len() => {
                let (head, rest) = line.split_at(i + '。'.len_utf8());
                Paragraph::with_spans(vec![Span::new(head, role), Span::new(rest, FontRole::Fangsong)])
            }
            _ => Paragraph::with_spans(vec![Span::new(line, role)]).kept_with_next(),
        }
    }

    /// A title: 2号 小标宋, centred.
    pub fn title(text: &str) -> Paragraph {
        Paragraph {
            spans: vec![Span::new(text, FontRole::Xiaobiaosong)],
            size_pt: SIZE_2,
            first_indent: 0.0,
            hang_indent: 0.0,
            align: Align::Center,
            color: BLACK,
            place: "标题".into(),
            keep_with_next: false,
            keep_with_previous: false,
        }
    }

    /// A line centred in 3号 仿宋, e.g. «（第3期）».
    pub fn centered(text: &str, role: FontRole, size_pt: f32) -> Paragraph {
        Paragraph {
            spans: vec![Span::new(text, role)],
            size_pt,
            first_indent: 0.0,
            hang_indent: 0.0,
            align: Align::Center,
            color: BLACK,
            place: String::new(),
            keep_with_next: false,
            keep_with_previous: false,
        }
    }

    /// The attendance block of a 纪要 (GB/T 9704 §10.3): «出席：» in 3号 黑体 indented two
    /// characters, the names in 3号 仿宋 separated by 、, wrapped lines aligned under the first
    /// character after the colon; a name is never split across lines.
    pub fn name_list(label: &str, names: &[String]) -> Paragraph {
        let label = format!("{}：", label.trim_end_matches(['：', ':']));
        let label_len = label.chars().count() as f32;
        let mut spans = vec![Span::new(label.clone(), FontRole::Heiti)];
        for (i, name) in names.iter().enumerate() {
            let mut s = name.clone();
            if i + 1 < names.len() {
                s.push('、');
            }
            spans.push(Span::unbroken(s, FontRole::Fangsong));
        }
        Paragraph {
            spans,
            size_pt: SIZE_3,
            first_indent: 2.0,
            hang_indent: 2.0 + label_len,
            align: Align::Left,
            color: BLACK,
            place: format!("{}名单", label.trim_end_matches('：')),
            keep_with_next: false,
            keep_with_previous: true,
        }
    }

    pub fn place(mut self, place: impl Into<String>) -> Paragraph {
        self.place = place.into();
        self
    }

    /// Marks a heading that must not end a page (see [`Paragraph::keep_with_next`]).
    pub fn kept_with_next(mut self) -> Paragraph {
        self.keep_with_next = true;
        self
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A table on its own rows (not on the line grid), e.g. the sign-in sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
    pub header_height_mm: f32,
    pub row_height_mm: f32,
    pub size_pt: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub title: String,
    pub width_mm: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TableRow {
    /// A row spanning all columns (a discussion group's heading), in 黑体.
    Group(String),
    Cells(Vec<String>),
}

/// One element of a document, top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Paragraph),
    /// An empty grid line.
    Blank,
    /// A centred mark in red 小标宋 (the 纪要 mark) whose top edge is `top_mm` below the top of
    /// the text block; shrunk to fit the block's width.
    Mark {
        text: String,
        size_pt: f32,
        top_mm: f32,
        color: Rgb,
    },
    /// One grid line with text flush left and flush right, each inset `inset_chars`.
    Split {
        left: String,
        right: String,
        role: FontRole,
        size_pt: f32,
        inset_chars: f32,
    },
    /// A rule across the text block, `gap_before_mm` below what precedes it.
    Rule {
        color: Rgb,
        thickness_mm: f32,
        gap_before_mm: f32,
        gap_after_mm: f32,
    },
    Table(Table),
    PageBreak,
}

/// The colophon (版记) at the foot of the last page: 抄送 (optional), then 印发机关 left and
/// 印发日期 right, between rules the width of the text block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Colophon {
    /// 抄送 (copy to), if any.
    pub cc: Option<String>,
    /// 印发机关
    pub issuer: String,
    /// 印发日期, e.g. «2021年1月19日» («印发» is added).
    pub date: String,
}

/// The foot of a bulletin (简报) on its last page, at the bottom of the text block: a rule, the
/// distribution lines («报送：…», «分送：…») in 4号 仿宋 (wrapped lines aligned after the label),
/// then a thin rule and the copies («共印150份») flush right, and a rule closing the block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Foot {
    pub lines: Vec<FootLine>,
    /// «共印150份», if printed.
    pub copies: Option<String>,
}

/// One distribution line of a [`Foot`]: «报送» and whom to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FootLine {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The PDF's title (metadata).
    pub title: String,
    pub blocks: Vec<Block>,
    pub colophon: Option<Colophon>,
    /// A bulletin's foot (报送 / 分送 / copies), at the bottom of the last page.
    #[serde(default)]
    pub foot: Option<Foot>,
    pub page_numbers: bool,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Document {
        Document { title: title.into(), blocks: Vec::new(), colophon: None, foot: None, page_numbers: true }
    }

    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }

    pub fn para(&mut self, p: Paragraph) -> &mut Self {
        self.blocks.push(Block::Paragraph(p));
        self
    }

    /// Adds body text: one paragraph per non-empty line, headings recognised by their numbers.
    pub fn body_text(&mut self, text: &str, place: &str) -> &mut Self {
        let mut n = 0;
        for line in text.lines() {
            let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
            if line.is_empty() {
                continue;
            }
            n += 1;
            self.blocks.push(Block::Paragraph(Paragraph::body_with_heading(line).place(format!("{place}第{n}段"))));
        }
        self
    }
}

/// A date as documents print it: 2021-01-19 → «2021年1月19日» (no leading zeros).
pub fn chinese_date(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d") {
        Ok(d) => {
            use chrono::Datelike;
            format!("{}年{}月{}日", d.year(), d.month(), d.day())
        }
        Err(_) => iso.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_by_their_numbers() {
        assert_eq!(HeadingLevel::detect("一、总体情况").map(|h| h.0), Some(HeadingLevel::One));
        assert_eq!(HeadingLevel::detect("十二、其他").map(|h| h.0), Some(HeadingLevel::One));
        assert_eq!(HeadingLevel::detect("（三）加强学习").map(|h| h.0), Some(HeadingLevel::Two));
        assert_eq!(HeadingLevel::detect("2.完善制度").map(|h| h.0), Some(HeadingLevel::Three));
        assert_eq!(HeadingLevel::detect("（12）细则").map(|h| h.0), Some(HeadingLevel::Four));
        assert_eq!(HeadingLevel::detect("1.5亿元用于"), None, "a decimal number is not a heading");
        assert_eq!(HeadingLevel::detect("会议认为"), None);
        let p = Paragraph::body_with_heading("（一）加强学习。会议要求各专委会");
        assert_eq!(p.spans.len(), 2, "heading to the first 。 then body");
        assert_eq!(p.spans[0].role, FontRole::Kaiti);
        assert_eq!(p.spans[1].text, "会议要求各专委会");
    }

    #[test]
    fn dates_print_without_leading_zeros() {
        assert_eq!(chinese_date("2021-01-09"), "2021年1月9日");
        assert_eq!(chinese_date("2021-12-19"), "2021年12月19日");
    }

    #[test]
    fn the_grid_is_28_by_22() {
        assert!((cell_width() * 28.0 - 156.0 * MM).abs() < 0.01, "28 cells fill 156 mm");
        assert!((line_pitch() - 28.99).abs() < 0.01, "pitch is 28.99 pt, got {}", line_pitch());
    }
}
