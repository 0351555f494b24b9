//! The editor's preview on a 100-page 纪要 (run: `cargo bench -p huiwu-core --bench preview`,
//! a release build), before and after drawing it page by page on demand.
//!
//! Before: every edit laid the document out and drew every page as SVG (each page defining its
//! glyph outlines and placing each glyph with a full matrix), all sent to the window at once.
//! The old drawing is kept below, as it was, to measure against.
//! After: an edit lays the document out once (kept, with a key per page) and the window asks
//! only for the pages in view whose key changed.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;

use huiwu_core::documents::layout::{layout, Item, Layout};
use huiwu_core::documents::minutes::{build_document, AttendanceNames, MinutesDoc};
use huiwu_core::documents::model::{MM, PAGE_H_MM, PAGE_W_MM};
use huiwu_core::documents::{preview, render_pdf, Document, FontPrefs, FontSet};

const SENTENCES: [&str; 4] = [
    "会议认为，2020年以来，市政府坚持以新时代中国特色社会主义思想为指导，统筹推进疫情防控和经济社会发展，各项事业取得新进展。",
    "会议指出，要围绕全市中心工作，深入开展调查研究，提出有针对性、可操作性的意见建议，为市委、市政府科学决策提供参考。",
    "会议强调，各专门委员会要加强与对口部门的联系，做好提案办理协商，推动委员履职常态化、制度化、规范化。",
    "会议要求，秘书处认真做好会议服务保障工作，确保各项议程顺利进行。",
];

fn minutes(paragraphs: usize, edit: Option<usize>) -> Document {
    let mut body = String::new();
    for i in 0..paragraphs {
        if i % 15 == 0 {
            let _ = writeln!(
                body,
                "{}、关于第{}项工作",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九"][(i / 15) % 9],
                i / 15 + 1
            );
        }
        body.push_str(SENTENCES[i % 4]);
        if edit == Some(i) {
            body.push_str("（修改）");
        }
        body.push('\n');
    }
    let names = (0..120).map(|i| format!("委员{}", char::from_u32(0x4e00 + i * 37).unwrap_or('一'))).collect();
    build_document(&MinutesDoc {
        mark: "安宁市政协主席会议纪要".into(),
        issue_number: Some(3),
        office: "政协安宁市委员会办公室".into(),
        date: "2021年1月19日".into(),
        body,
        attendance: AttendanceNames {
            present: names, on_leave: vec!["李堃".into()], invitees: vec!["刘燊".into()]
        },
    })
}

/// The preview as it was drawn before: every page, each a standalone SVG.
fn old_all_pages(layout: &Layout) -> Vec<String> {
    struct Sink(String);
    impl ttf_parser::OutlineBuilder for Sink {
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
    let faces: Vec<Option<ttf_parser::Face<'_>>> =
        layout.faces.iter().map(|f| ttf_parser::Face::parse(f.bytes(), f.index).ok()).collect();
    let mut pages = Vec::new();
    for page in &layout.pages {
        let mut defs: HashMap<(usize, u16), String> = HashMap::new();
        let mut body = String::new();
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let Some(face) = faces.get(run.face).and_then(|f| f.as_ref()) else { continue };
                    let scale = run.size / face.units_per_em() as f32;
                    let fill = format!("#{}", run.color.hex());
                    for g in &run.glyphs {
                        let id = format!("g{}_{}", run.face, g.gid);
                        defs.entry((run.face, g.gid)).or_insert_with(|| {
                            let mut sink = Sink(String::new());
                            face.outline_glyph(ttf_parser::GlyphId(g.gid), &mut sink);
                            format!("<path id=\"{id}\" d=\"{}\"/>", sink.0)
                        });
                        let _ = write!(
                            body,
                            "<use href=\"#{id}\" fill=\"{fill}\" transform=\"matrix({scale:.5} 0 0 {:.5} {:.2} {:.2})\"/>",
                            -scale, g.x, run.baseline
                        );
                    }
                }
                Item::Line { x1, y1, x2, y2, thickness, color } => {
                    let _ = write!(
                        body,
                        "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"#{}\" stroke-width=\"{thickness:.2}\"/>",
                        color.hex()
                    );
                }
            }
        }
        let (w, h) = (PAGE_W_MM * MM, PAGE_H_MM * MM);
        let mut svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.2} {h:.2}\"><defs>");
        for d in defs.values() {
            svg.push_str(d);
        }
        svg.push_str("</defs>");
        svg.push_str(&body);
        svg.push_str("</svg>");
        pages.push(svg);
    }
    pages
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
    // Find the paragraph count that makes about 100 pages.
    let mut n = 400;
    while layout(&minutes(n, None), &fonts).pages.len() < 100 {
        n += 20;
    }
    let doc = minutes(n, None);
    let pages = layout(&doc, &fonts).pages.len();
    println!("纪要: {pages} pages, {n} paragraphs (bundled fonts)");

    let t = Instant::now();
    let pdf = render_pdf(&doc, &fonts).expect("pdf");
    println!("PDF export of the same document (warm fonts): {:.0} ms, {} pages", ms(t), pdf.pages);

    // Before: each edit laid out and drew every page.
    let mut times = Vec::new();
    let mut bytes = 0;
    for k in 0..3 {
        let t = Instant::now();
        let all = old_all_pages(&layout(&minutes(n, Some(k)), &fonts));
        times.push(ms(t));
        bytes = all.iter().map(String::len).sum::<usize>();
    }
    println!(
        "before, per edit: layout + all {pages} pages drawn {:.0} ms (median of 3); {:.1} MB sent, {:.0} KB a page",
        median(times),
        bytes as f64 / 1e6,
        bytes as f64 / pages as f64 / 1e3
    );

    // After: the layout alone (page keys included; nothing drawn).
    let mut times = Vec::new();
    for k in 0..5 {
        let d = minutes(n, Some(10 + k));
        let t = Instant::now();
        let p = preview::lay_out(&d, &fonts);
        times.push(ms(t));
        assert_eq!(p.pages as usize, pages);
    }
    println!("after, layout of {pages} pages with page keys: {:.1} ms (median of 5)", median(times));

    let laid = preview::lay_out(&doc, &fonts);
    let t = Instant::now();
    let first = preview::page(&laid.page_keys[0]).expect("page 1");
    println!("after, draw page 1, outlines not yet drawn: {:.1} ms, {:.0} KB", ms(t), first.svg.len() as f64 / 1e3);
    let mut times = Vec::new();
    let mut sizes = Vec::new();
    for key in &laid.page_keys {
        let t = Instant::now();
        let p = preview::page(key).expect("page");
        times.push(ms(t));
        sizes.push(p.svg.len());
    }
    let total: usize = sizes.iter().sum();
    println!(
        "after, draw one page: {:.2} ms (median over all {pages}); {:.0} KB a page (mean; largest {:.0} KB)",
        median(times),
        total as f64 / pages as f64 / 1e3,
        *sizes.iter().max().unwrap_or(&0) as f64 / 1e3
    );

    // An edit in the middle of the document: lay out again, then draw the edited page (in view).
    let mid = n / 2;
    let t = Instant::now();
    let edited = preview::lay_out(&minutes(n, Some(mid)), &fonts);
    let changed: Vec<usize> =
        (0..edited.page_keys.len()).filter(|&i| edited.page_keys[i] != laid.page_keys[i]).collect();
    let shown = changed.first().copied().unwrap_or(0);
    let page = preview::page(&edited.page_keys[shown]).expect("edited page");
    println!(
        "after, an edit in the middle: layout + the edited page drawn {:.1} ms; {} of {pages} pages changed; {:.0} KB sent for the page in view (at most 3 pages drawn: {:.0} KB)",
        ms(t),
        changed.len(),
        page.svg.len() as f64 / 1e3,
        3.0 * total as f64 / pages as f64 / 1e3
    );
    println!(
        "bytes per edit: before {:.1} MB (the document), after at most the pages in view and one either side",
        bytes as f64 / 1e6
    );
}
