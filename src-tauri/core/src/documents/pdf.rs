//! Transcribes a [`Layout`] into a PDF with printpdf: each run is one `Tm` + one `TJ` of glyph
//! ids, each glyph followed by the kerning number that puts the next one exactly where the
//! layout placed it (against the widths the embedded subset declares), so readers and
//! `pdftotext -bbox` find every character where we put it. Fonts are embedded as subsets.

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    TextItem, TextMatrix, TextRenderingMode,
};

use super::layout::{Item, Layout, TextRun};
use super::model::{Rgb, MM, PAGE_H_MM, PAGE_W_MM};
use crate::error::{Error, Result};
use crate::progress::Progress;

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

/// Writes the laid-out pages as PDF bytes, reporting each page and the fonts to `progress`.
pub fn write_pdf(layout: &Layout, title: &str, progress: &Progress) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(title);
    let mut ids: Vec<FontId> = Vec::with_capacity(layout.faces.len());
    for face in &layout.faces {
        let parsed =
            face.pdf_font().ok_or_else(|| Error::BadFile(format!("字体 {} 无法嵌入 PDF（无法解析）。", face.label)))?;
        ids.push(doc.add_font(parsed));
    }
    let page_h = PAGE_H_MM * MM;
    let mut pages = Vec::with_capacity(layout.pages.len());
    let total = layout.pages.len();
    for (k, page) in layout.pages.iter().enumerate() {
        progress.step(&format!("生成第 {} 页（共 {total} 页）", k + 1), k, total)?;
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Text(run) => text_ops(&mut ops, run, &ids[run.face], page_h),
                Item::Line { x1, y1, x2, y2, thickness, color: c } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint { p: Point { x: Pt(*x1), y: Pt(page_h - y1) }, bezier: false },
                                LinePoint { p: Point { x: Pt(*x2), y: Pt(page_h - y2) }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
            }
        }
        pages.push(PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops));
    }
    doc.with_pages(pages);
    progress.step("嵌入字体，写成 PDF", total, total)?;
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, ..Default::default() };
    Ok(doc.save(&opts, &mut warnings))
}

fn text_ops(ops: &mut Vec<Op>, run: &TextRun, font: &FontId, page_h: f32) {
    let Some(first) = run.glyphs.first() else { return };
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(run.size) });
    ops.push(Op::SetFillColor { col: color(run.color) });
    if run.embolden {
        // A plain 宋体 standing in for 小标宋: stroke the outlines too (like Word's fake bold).
        ops.push(Op::SetOutlineColor { col: color(run.color) });
        ops.push(Op::SetOutlineThickness { pt: Pt(run.size * 0.035) });
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
    }
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(first.x), Pt(page_h - run.baseline)) });
    let mut glyphs = Vec::with_capacity(run.glyphs.len());
    for (k, g) in run.glyphs.iter().enumerate() {
        let offset = match run.glyphs.get(k + 1) {
            // TJ numbers move the next glyph left by n/1000 em.
            Some(next) => {
                let delta = next.x - (g.x + g.pdf_advance);
                let n = -delta * 1000.0 / run.size;
                (n * 100.0).round() / 100.0
            }
            None => 0.0,
        };
        glyphs.push(Codepoint { gid: g.gid, offset, cid: Some(g.ch.to_string()) });
    }
    ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
    if run.embolden {
        ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    }
    ops.push(Op::EndTextSection);
}
