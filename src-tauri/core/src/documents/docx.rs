//! DOCX output of the same document model, for secretariats that finish documents in WPS or
//! Word: A4 with the GB/T 9704 margins, a 22-line × 28-character document grid, the fonts named
//! as those programs know them (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体, 宋体 as east-Asian
//! fonts) in the same sizes, odd/even page-number footers «— PAGE —» and the colophon framed at
//! the foot of the last page.

use docx_rs::{
    AlignmentType, BorderType, DocGrid, DocGridType, Docx, Footer, HeightRule, LineSpacing, LineSpacingType,
    PageMargin, PageNum, Paragraph as DParagraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    RunFonts, SpecialIndentType, Tab, TabValueType, Table as DTable, TableCell, TableRow as DRow, VAlignType,
    WidthType,
};

use super::model::*;
use crate::error::{Error, Result};

/// Twentieths of a point per millimetre.
const TW_MM: f32 = 72.0 / 25.4 * 20.0;

fn tw(mm: f32) -> i32 {
    (mm * TW_MM).round() as i32
}

fn pt_tw(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Half-points, the unit of w:sz.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn fonts(role: FontRole) -> RunFonts {
    let family = role.docx_family();
    // Latin text in the same face; a system without it substitutes by the east-Asian hint.
    RunFonts::new().east_asia(family).ascii(family).hi_ansi(family).cs(family).hint("eastAsia")
}

/// 3号 text on the 28-character grid: each character 0.25 pt tighter (15.75 pt a character,
/// 28 to the 156 mm line), set as character spacing, which Word, WPS and LibreOffice all honour
/// alike (a document grid's charSpace is read differently by each).
const GRID_SPACING_TW: i32 = -5;

fn run(text: &str, role: FontRole, size: f32, color: Rgb) -> Run {
    let mut r = Run::new().add_text(text).fonts(fonts(role)).size(half_points(size));
    if (size - SIZE_3).abs() < 0.01 {
        r = r.character_spacing(GRID_SPACING_TW);
    }
    if color != BLACK {
        r = r.color(color.hex());
    }
    r
}

/// Exact line spacing of one grid line.
fn grid_spacing() -> LineSpacing {
    LineSpacing::new().line(pt_tw(line_pitch())).line_rule(LineSpacingType::Exact).before(0).after(0)
}

fn paragraph(p: &Paragraph) -> DParagraph {
    let grid = (p.size_pt - SIZE_3).abs() < 0.01;
    let unit = if grid { cell_width() } else { p.size_pt };
    let left = pt_tw(p.hang_indent * unit);
    let first = pt_tw((p.first_indent - p.hang_indent) * unit);
    let special = if first >= 0 { SpecialIndentType::FirstLine(first) } else { SpecialIndentType::Hanging(-first) };
    let align = match p.align {
        Align::Justify => AlignmentType::Both,
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    let mut out =
        DParagraph::new().align(align).line_spacing(grid_spacing()).indent(Some(left), Some(special), None, None);
    if p.keep_with_next {
        out = out.keep_next(true);
    }
    for s in &p.spans {
        out = out.add_run(run(&s.text, s.role, p.size_pt, p.color));
    }
    out
}

fn split(left: &str, right: &str, role: FontRole, size: f32, inset: f32) -> DParagraph {
    let grid = (size - SIZE_3).abs() < 0.01;
    let unit = if grid { cell_width() } else { size };
    let inset_tw = pt_tw(inset * unit);
    DParagraph::new()
        .line_spacing(grid_spacing())
        .indent(Some(inset_tw), None, Some(inset_tw), None)
        .add_tab(Tab::new().val(TabValueType::Right).pos((tw(BLOCK_W_MM) - inset_tw) as usize))
        .add_run(run(left, role, size, BLACK))
        .add_run(Run::new().add_tab())
        .add_run(run(right, role, size, BLACK))
}

fn border(position: ParagraphBorderPosition, thickness_mm: f32, color: Rgb) -> ParagraphBorder {
    // w:sz is in eighths of a point.
    let eighths = ((thickness_mm * MM * 8.0).round() as usize).max(2);
    ParagraphBorder::new(position).val(BorderType::Single).size(eighths).space(1).color(color.hex())
}

fn table(t: &Table) -> DTable {
    let widths: Vec<usize> = t.columns.iter().map(|c| tw(c.width_mm).max(0) as usize).collect();
    let total: usize = widths.iter().sum();
    let cell_para = |text: &str, role: FontRole, align: Align| {
        let a = match align {
            Align::Center => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
            _ => AlignmentType::Left,
        };
        DParagraph::new().align(a).add_run(run(text, role, t.size_pt, BLACK))
    };
    let mut rows = Vec::new();
    let header: Vec<TableCell> = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| {
            TableCell::new().width(*w, WidthType::Dxa).vertical_align(VAlignType::Center).add_paragraph(cell_para(
                &c.title,
                FontRole::Heiti,
                Align::Center,
            ))
        })
        .collect();
    rows.push(DRow::new(header).row_height(tw(t.header_height_mm) as f32).height_rule(HeightRule::AtLeast));
    for row in &t.rows {
        let cells = match row {
            TableRow::Group(text) => vec![TableCell::new()
                .width(total, WidthType::Dxa)
                .grid_span(widths.len())
                .vertical_align(VAlignType::Center)
                .add_paragraph(cell_para(text, FontRole::Heiti, Align::Left))],
            TableRow::Cells(cells) => {
                t.columns
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (c, w))| {
                        TableCell::new().width(*w, WidthType::Dxa).vertical_align(VAlignType::Center).add_paragraph(
                            cell_para(cells.get(i).map_or("", String::as_str), FontRole::Fangsong, c.align),
                        )
                    })
                    .collect()
            }
        };
        rows.push(
            DRow::new(cells).row_height(tw(t.row_height_mm) as f32).height_rule(HeightRule::AtLeast).cant_split(),
        );
    }
    DTable::new(rows).set_grid(widths).width(total, WidthType::Dxa)
}

fn page_number_footer(odd: bool) -> Footer {
    let size = SIZE_4;
    let inset = pt_tw(size);
    let p = DParagraph::new()
        .align(if odd { AlignmentType::Right } else { AlignmentType::Left })
        .indent(Some(if odd { 0 } else { inset }), None, Some(if odd { inset } else { 0 }), None)
        .add_run(run("— ", FontRole::Songti, size, BLACK))
        .add_page_num(PageNum::new())
        .add_run(run(" —", FontRole::Songti, size, BLACK));
    Footer::new().add_paragraph(p)
}

/// Writes `doc` as a .docx file's bytes.
pub fn write_docx(doc: &Document) -> Result<Vec<u8>> {
    let right_mm = PAGE_W_MM - LEFT_MM - BLOCK_W_MM;
    let bottom_mm = PAGE_H_MM - TOP_MM - BLOCK_H_MM;
    let mut d = Docx::new()
        .page_size(tw(PAGE_W_MM) as u32, tw(PAGE_H_MM) as u32)
        .page_margin(
            PageMargin::new()
                .top(tw(TOP_MM))
                .left(tw(LEFT_MM))
                .right(tw(right_mm))
                .bottom(tw(bottom_mm))
                .header(tw(15.0))
                // The number's line (about 5 mm) starts 7 mm below the text block.
                .footer(tw(bottom_mm - PAGE_NUMBER_GAP_MM - 5.0))
                .gutter(0),
        )
        .default_fonts(fonts(FontRole::Fangsong))
        .default_size(half_points(SIZE_3));
    d.document.section_property = d
        .document
        .section_property
        .clone()
        .doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(pt_tw(line_pitch()) as usize));
    if doc.page_numbers {
        d = d.footer(page_number_footer(true)).even_footer(page_number_footer(false));
    }
    let mut first = true;
    let mut pending_break = false;
    for block in &doc.blocks {
        let mut p = match block {
            Block::Paragraph(p) => paragraph(p),
            Block::Blank => DParagraph::new().line_spacing(grid_spacing()),
            Block::Mark { text, size_pt, top_mm, color } => {
                let n = text.chars().count().max(1) as f32;
                let size = size_pt.min(BLOCK_W_MM * MM / n);
                DParagraph::new()
                    .align(AlignmentType::Center)
                    .line_spacing(
                        LineSpacing::new()
                            .line(pt_tw(size * 1.2))
                            .line_rule(LineSpacingType::Exact)
                            .before(tw(*top_mm).max(0) as u32)
                            .after(0),
                    )
                    .snap_to_grid(false)
                    .add_run(run(text, FontRole::Xiaobiaosong, size, *color))
            }
            Block::Split { left, right, role, size_pt, inset_chars } => {
                split(left, right, *role, *size_pt, *inset_chars)
            }
            Block::Rule { color, thickness_mm, gap_before_mm, .. } => {
                // A rule: an empty, tiny paragraph carrying a top border.
                let mut p = DParagraph::new()
                    .line_spacing(
                        LineSpacing::new()
                            .line(pt_tw(2.0))
                            .line_rule(LineSpacingType::Exact)
                            .before(tw(*gap_before_mm).max(0) as u32)
                            .after(0),
                    )
                    .snap_to_grid(false);
                p.property = p.property.set_borders(ParagraphBorders::with_empty().set(border(
                    ParagraphBorderPosition::Top,
                    *thickness_mm,
                    *color,
                )));
                p
            }
            Block::Table(t) => {
                d = d.add_table(table(t));
                first = false;
                continue;
            }
            Block::PageBreak => {
                pending_break = true;
                continue;
            }
        };
        if pending_break && !first {
            p = p.page_break_before(true);
        }
        pending_break = false;
        first = false;
        d = d.add_paragraph(p);
    }
    if let Some(c) = &doc.colophon {
        for p in colophon(c) {
            d = d.add_paragraph(p);
        }
    }
    if let Some(f) = &doc.foot {
        for p in foot(f) {
            d = d.add_paragraph(p);
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut out).map_err(|e| Error::Export { what: "DOCX 文件", detail: e.to_string() })?;
    Ok(out.into_inner())
}

/// The colophon as framed paragraphs anchored to the bottom of the text block.
fn colophon(c: &Colophon) -> Vec<DParagraph> {
    let size = SIZE_4;
    let inset = pt_tw(size);
    let framed = |p: DParagraph| {
        p.wrap("around")
            .v_anchor("margin")
            .h_anchor("margin")
            .y_align("bottom")
            .x_align("left")
            .frame_width(tw(BLOCK_W_MM) as u32)
            .line_spacing(grid_spacing())
    };
    let mut out = Vec::new();
    let rows = if c.cc.is_some() { 2 } else { 1 };
    if let Some(cc) = &c.cc {
        let mut p = framed(DParagraph::new().indent(Some(inset), None, Some(inset), None).add_run(run(
            &format!("抄送：{cc}"),
            FontRole::Fangsong,
            size,
            BLACK,
        )));
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty().set(border(ParagraphBorderPosition::Top, 0.35, BLACK)).set(border(
                ParagraphBorderPosition::Bottom,
                0.25,
                BLACK,
            )),
        );
        out.push(p);
    }
    let mut p = framed(
        DParagraph::new()
            .indent(Some(inset), None, Some(inset), None)
            .add_tab(Tab::new().val(TabValueType::Right).pos((tw(BLOCK_W_MM) - inset) as usize))
            .add_run(run(&c.issuer, FontRole::Fangsong, size, BLACK))
            .add_run(Run::new().add_tab())
            .add_run(run(&format!("{}印发", c.date), FontRole::Fangsong, size, BLACK)),
    );
    let mut borders = ParagraphBorders::with_empty().set(border(ParagraphBorderPosition::Bottom, 0.35, BLACK));
    if rows == 1 {
        borders = borders.set(border(ParagraphBorderPosition::Top, 0.35, BLACK));
    }
    p.property = p.property.set_borders(borders);
    out.push(p);
    out
}

/// A bulletin's foot as framed paragraphs anchored to the bottom of the text block: the
/// distribution lines (wrapped lines aligned after the label), then the copies flush right.
fn foot(f: &Foot) -> Vec<DParagraph> {
    let size = SIZE_4;
    let inset = pt_tw(size);
    let framed = |p: DParagraph| {
        p.wrap("around")
            .v_anchor("margin")
            .h_anchor("margin")
            .y_align("bottom")
            .x_align("left")
            .frame_width(tw(BLOCK_W_MM) as u32)
            .line_spacing(grid_spacing())
    };
    let mut out = Vec::new();
    let n = f.lines.len();
    for (i, line) in f.lines.iter().enumerate() {
        let label = format!("{}：", line.label.trim_end_matches(['：', ':']));
        let hang = pt_tw(label.chars().count() as f32 * size);
        let mut p = framed(
            DParagraph::new()
                .indent(Some(inset + hang), Some(SpecialIndentType::Hanging(hang)), Some(inset), None)
                .add_run(run(&label, FontRole::Fangsong, size, BLACK))
                .add_run(run(&line.text, FontRole::Fangsong, size, BLACK)),
        );
        let mut borders = ParagraphBorders::with_empty();
        if i == 0 {
            borders = borders.set(border(ParagraphBorderPosition::Top, 0.35, BLACK));
        }
        if i + 1 == n {
            let t = if f.copies.is_some() { 0.25 } else { 0.35 };
            borders = borders.set(border(ParagraphBorderPosition::Bottom, t, BLACK));
        }
        p.property = p.property.set_borders(borders);
        out.push(p);
    }
    if let Some(c) = &f.copies {
        let mut p =
            framed(
                DParagraph::new()
                    .align(AlignmentType::Right)
                    .indent(Some(inset), None, Some(inset), None)
                    .add_run(run(c, FontRole::Fangsong, size, BLACK)),
            );
        let mut borders = ParagraphBorders::with_empty().set(border(ParagraphBorderPosition::Bottom, 0.35, BLACK));
        if n == 0 {
            borders = borders.set(border(ParagraphBorderPosition::Top, 0.35, BLACK));
        }
        p.property = p.property.set_borders(borders);
        out.push(p);
    }
    out
}
