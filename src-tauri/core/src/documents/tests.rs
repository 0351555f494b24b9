//! The engine measured with real PDF readers: poppler's pdftotext / pdffonts and qpdf (Debian
//! packages poppler-utils and qpdf; CI installs them). On a developer's machine a test whose tool is
//! missing says so and returns; under CI (`CI=true`, which .ci/run sets) a missing tool fails it.

use std::path::Path;
use std::process::Command;

use super::layout::{is_closing, is_opening, layout, Item};
use super::minutes::{build_document, AttendanceNames, MinutesDoc};
use super::model::*;
use super::*;

fn tool(name: &str) -> bool {
    let ok = Command::new(name).arg("-v").output().is_ok();
    if !ok {
        let under_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!under_ci, "{name} is required under CI (scripts/setup.sh --test installs poppler-utils and qpdf)");
        println!("NOTICE: {name} is not installed (apt-get install poppler-utils qpdf); this check is skipped");
    }
    ok
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().expect("run tool");
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn fonts() -> FontSet {
    FontSet::resolve(&FontPrefs::bundled_only()).expect("bundled fonts")
}

const BODY: &str = "会议认为，2020年以来，市政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神，统筹推进疫情防控和经济社会发展，GB/T 9704-2012 格式规范得到落实，全年地区生产总值增长3.5%。\n（一）加强学习。会议要求各专门委员会加强学习，提高履职能力。\n1.完善制度建设。";

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn sample_minutes() -> MinutesDoc {
    MinutesDoc {
        mark: "安宁市政协主席会议纪要".into(),
        issue_number: Some(3),
        office: "政协安宁市委员会办公室".into(),
        date: "2021年1月19日".into(),
        body: format!("一、总体情况\n{BODY}"),
        attendance: AttendanceNames {
            present: names(&[
                "姚涵刚",
                "陈学建",
                "万萱",
                "汤卫玉",
                "李堃",
                "陈喆",
                "刘燊",
                "周𠮷祥",
                "欧阳明月",
                "王五",
                "赵六",
                "孙七",
                "钱八",
            ]),
            on_leave: names(&["吴九"]),
            invitees: names(&["郑十"]),
        },
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write file");
    p.to_string_lossy().into_owned()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn minutes_pdf_text_extracts_exactly_with_embedded_subsets_only() {
    if !tool("pdftotext") || !tool("pdffonts") || !tool("qpdf") {
        return;
    }
    let doc = build_document(&sample_minutes());
    let r = render_pdf(&doc, &fonts()).expect("pdf");
    assert!(r.warnings.is_empty(), "every character has a font: {:?}", r.warnings);
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "m.pdf", &r.bytes);

    let text = run("pdftotext", &[&path, "-"]);
    let mut numbers = Vec::new();
    for p in 1..=r.pages {
        numbers.push(format!("—{p}—"));
    }
    let mut text_body = squeeze(&text);
    for n in &numbers {
        assert!(text_body.contains(n.as_str()), "page number {n} is printed");
        text_body = text_body.replacen(n.as_str(), "", 1);
    }
    let expected = format!(
        "安宁市政协主席会议纪要（第3期）政协安宁市委员会办公室2021年1月19日一、总体情况{}出席：姚涵刚、陈学建、万萱、汤卫玉、李堃、陈喆、刘燊、周𠮷祥、欧阳明月、王五、赵六、孙七、钱八请假：吴九列席：郑十政协安宁市委员会办公室2021年1月19日印发",
        BODY.replace('\n', "")
    );
    assert_eq!(text_body, squeeze(&expected), "pdftotext returns every character, in order");
    assert!(text.contains("GB/T 9704-2012"), "a Latin word and a number stay whole, space kept: {text}");
    assert!(text.contains("周𠮷祥"), "the name with 𠮷 (U+20BB7) survives");

    let fonts_out = run("pdffonts", &[&path]);
    let rows: Vec<&str> = fonts_out.lines().skip(2).collect();
    assert!(rows.len() >= 4, "仿宋, 黑体, 小标宋/宋体 and the fallback are used: {fonts_out}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "subset tag XXXXXX+ on {row}");
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "embedded, subset, with ToUnicode: {row}");
    }
    assert!(fonts_out.contains("NotoSerifCJK"), "𠮷 came from the fallback font: {fonts_out}");

    let check = Command::new("qpdf").args(["--check", &path]).output().expect("qpdf");
    assert!(check.status.success(), "qpdf --check passes: {}", String::from_utf8_lossy(&check.stdout));
}

/// Words of `pdftotext -bbox`: (page, xMin, yMin, xMax, yMax, text), in points.
fn bbox_words(path: &str) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let html = run("pdftotext", &["-bbox", path, "-"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        }
        if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |k: &str| -> f32 {
                let i = rest.find(&format!("{k}=\"")).expect("attribute") + k.len() + 2;
                rest[i..].split('"').next().expect("value").parse().expect("number")
            };
            let text = rest.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or("").to_string();
            out.push((page, attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"), text));
        }
    }
    out
}

const PT_PER_MM: f32 = 72.0 / 25.4;

#[test]
fn positions_read_back_match_gbt_9704() {
    if !tool("pdftotext") {
        return;
    }
    // Pure Chinese text without punctuation: every full line holds exactly 28 characters.
    let unit = "政协委员围绕经济社会发展建言献策";
    let para: String = unit.repeat(12);
    let mut doc = Document::new("版式");
    for _ in 0..12 {
        doc.para(Paragraph::body(&para));
    }
    let r = render_pdf(&doc, &fonts()).expect("pdf");
    assert!(r.pages >= 3, "12 long paragraphs fill three pages, got {}", r.pages);
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "grid.pdf", &r.bytes);
    let words = bbox_words(&path);
    let left = 28.0 * PT_PER_MM;
    let right = (28.0 + 156.0) * PT_PER_MM;
    let top = 37.0 * PT_PER_MM;
    let bottom = (37.0 + 225.0) * PT_PER_MM;
    let tol = 1.0 * PT_PER_MM;
    let pitch = 225.0 / 22.0 * PT_PER_MM;

    let body: Vec<_> = words.iter().filter(|w| !w.5.contains('—') && w.2 < bottom).collect();
    let page1: Vec<_> = body.iter().filter(|w| w.0 == 1).collect();
    assert_eq!(page1.len(), 22, "22 lines on a full page");
    for (i, w) in page1.iter().enumerate() {
        let want_top = top + i as f32 * pitch;
        assert!((w.2 - want_top).abs() < tol, "line {i} top {:.1} pt, want {:.1} ±1 mm", w.2, want_top);
        let indented = |x: f32| (x - (left + 2.0 * 156.0 / 28.0 * PT_PER_MM)).abs() < tol;
        let last_of_paragraph = page1.get(i + 1).is_none_or(|next| indented(next.1));
        assert!((w.3 - right).abs() < tol || last_of_paragraph, "line {i} ends at the right margin");
        let indent_ok = (w.1 - left).abs() < tol || indented(w.1);
        assert!(indent_ok, "line {i} starts at the left margin or two characters in: {:.1}", w.1);
        let n = w.5.chars().count();
        if (w.1 - left).abs() < tol && (w.3 - right).abs() < tol {
            assert_eq!(n, 28, "a full line holds 28 characters: {}", w.5);
        }
    }
    assert!((page1[0].2 - top).abs() < tol, "top margin 37 mm");

    // Page numbers: «— N —» 4号, 7 mm below the block; odd pages right, even pages left, inset
    // one character.
    let numbers: Vec<_> = words.iter().filter(|w| w.2 > bottom).collect();
    for p in 1..=r.pages {
        let ws: Vec<_> = numbers.iter().filter(|w| w.0 == p).collect();
        assert_eq!(ws.len(), 3, "page {p} number is «— {p} —» in three pieces: {ws:?}");
        let xmin = ws.iter().map(|w| w.1).fold(f32::MAX, f32::min);
        let xmax = ws.iter().map(|w| w.3).fold(f32::MIN, f32::max);
        assert_eq!(ws[1].5, p.to_string(), "page {p} shows its number");
        assert!((ws[0].2 - (bottom + 7.0 * PT_PER_MM)).abs() < tol, "page {p} number 7 mm below the block");
        if p % 2 == 1 {
            assert!((xmax - (right - 14.0)).abs() < tol, "odd page {p}: right, one character in ({xmax:.1})");
        } else {
            assert!((xmin - (left + 14.0)).abs() < tol, "even page {p}: left, one character in ({xmin:.1})");
        }
    }
}

#[test]
fn lines_never_start_with_closing_or_end_with_opening_punctuation() {
    let fonts = fonts();
    // Punctuation at every offset against the line end.
    let mut doc = Document::new("禁则");
    for k in 0..28 {
        let text = format!(
            "{}“会议认为”，（{}）《报告》。提高履职能力、加强自身建设；{}！",
            "政".repeat(k),
            "协".repeat(k % 5),
            "委员".repeat(k % 7)
        );
        doc.para(Paragraph::body(&text));
    }
    let l = layout(&doc, &fonts);
    let mut checked = 0;
    for p in 0..l.pages.len() {
        for line in l.page_lines(p) {
            if line.starts_with('—') {
                continue; // the page number
            }
            let first = line.chars().next().expect("non-empty line");
            let last = line.chars().last().expect("non-empty line");
            assert!(!is_closing(first), "line starts with closing punctuation: {line}");
            assert!(!is_opening(last), "line ends with opening punctuation: {line}");
            checked += 1;
        }
    }
    assert!(checked > 50, "many lines checked ({checked})");
}

#[test]
fn latin_words_and_numbers_are_never_split_and_lines_are_justified() {
    let fonts = fonts();
    let text =
        "政".repeat(20) + " Huiwu2021 ABCDEFG 1234567.89 " + &"协".repeat(30) + " GB/T9704-2012 " + &"委".repeat(10);
    let mut doc = Document::new("西文");
    for k in 0..8 {
        doc.para(Paragraph::body(&format!("{}{}", "会".repeat(k), text)));
    }
    let l = layout(&doc, &fonts);
    let lines: Vec<String> = (0..l.pages.len()).flat_map(|p| l.page_lines(p)).collect();
    for w in ["Huiwu2021", "ABCDEFG", "1234567.89", "GB/T9704-2012"] {
        let whole = lines.iter().filter(|line| line.contains(w)).count();
        assert_eq!(whole, 8, "{w} stays whole on one line in every paragraph: {lines:#?}");
    }
    // Justified: every line but a paragraph's last ends at the right edge of the block.
    let right = (LEFT_MM + BLOCK_W_MM) * MM;
    let mut full = 0;
    for item in &l.pages[0].items {
        if let Item::Text(run) = item {
            let last = run.glyphs.last().expect("glyph");
            let end = last.x + last.width;
            let in_block = run.baseline < (TOP_MM + BLOCK_H_MM) * MM;
            if in_block && end > right - 30.0 {
                assert!((end - right).abs() < 0.5, "a full line ends flush right: {end} vs {right}");
                full += 1;
            }
        }
    }
    assert!(full >= 8, "full lines were found ({full})");
}

#[test]
fn a_character_in_no_font_is_reported_by_place_and_the_file_is_still_written() {
    let mut doc = Document::new("缺字");
    doc.para(Paragraph::body("正文第一段。"));
    doc.para(Paragraph::name_list("出席", &names(&["张三", "李\u{F8FF}四"])));
    let r = render_pdf(&doc, &fonts()).expect("a PDF even with a missing character");
    assert_eq!(r.warnings.len(), 1, "one missing character: {:?}", r.warnings);
    let w = &r.warnings[0];
    assert_eq!(w.codepoint, "U+F8FF");
    assert_eq!(w.place, "出席名单第8字", "place names the paragraph and the character position");
    assert!(w.message.contains("U+F8FF"), "message names the character: {}", w.message);
    assert!(r.bytes.starts_with(b"%PDF"), "the file is written whole");
}

#[test]
fn attendance_block_wraps_under_the_first_character_after_the_colon() {
    let fonts = fonts();
    let many: Vec<String> =
        (0..40).map(|i| format!("委员{}", "甲乙丙丁戊己庚辛壬癸".chars().nth(i % 10).expect("char"))).collect();
    let mut doc = Document::new("名单");
    doc.para(Paragraph::name_list("出席", &many));
    let l = layout(&doc, &fonts);
    let cell = cell_width();
    let left = LEFT_MM * MM;
    let mut lines: Vec<(f32, f32, String)> = Vec::new(); // baseline, first x, text
    for item in &l.pages[0].items {
        if let Item::Text(run) = item {
            let x = run.glyphs[0].x;
            let t: String = run.glyphs.iter().map(|g| g.ch).collect();
            match lines.iter_mut().find(|(b, _, _)| (b - run.baseline).abs() < 0.5) {
                Some(line) => line.2.push_str(&t),
                None => lines.push((run.baseline, x, t)),
            }
        }
    }
    lines.retain(|l| !l.2.starts_with('—'));
    assert!(lines.len() >= 3, "40 names wrap onto several lines");
    assert!((lines[0].1 - (left + 2.0 * cell)).abs() < 0.1, "出席 is indented two characters");
    assert!(lines[0].2.starts_with("出席："), "the label leads");
    for l in &lines[1..] {
        assert!((l.1 - (left + 5.0 * cell)).abs() < 0.1, "wrapped lines align after the colon: {}", l.2);
    }
    let all: String = lines.iter().map(|l| l.2.as_str()).collect();
    assert_eq!(all, format!("出席：{}", many.join("、")), "every name once, in order");
    for l in &lines {
        assert!(!l.2.ends_with("委员") && !l.2.starts_with('、'), "a name is not split: {}", l.2);
    }
}

#[test]
fn minutes_pdf_looks_right_when_rendered() {
    // The rendered page is written for a person to look at (pdftoppm -png -r 60).
    let doc = build_document(&sample_minutes());
    let r = render_pdf(&doc, &fonts()).expect("pdf");
    let l = layout(&doc, &fonts());
    let lines = l.page_lines(0);
    assert_eq!(lines[0], "安宁市政协主席会议纪要", "the mark comes first");
    assert_eq!(lines[1], "（第3期）");
    // The attendance block does not fit under the body on page 1 with the colophon: it goes over
    // whole, with the body's last line, rather than leaving the colophon alone on page 2.
    let last = l.page_lines(l.pages.len() - 1);
    assert_eq!(last[0], "1.完善制度建设。", "the body's last line goes over with the block: {last:?}");
    assert!(last.iter().any(|x| x.starts_with("请假：吴九")), "请假 line");
    assert!(last.iter().any(|x| x.starts_with("列席：郑十")), "列席 line");
    assert!(last.iter().any(|x| x.ends_with("印发")), "with the colophon");
    let mark_top = l.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(run) => Some(run.baseline - 0.88 * run.size),
            _ => None,
        })
        .expect("mark");
    assert!((mark_top - (TOP_MM + 35.0) * MM).abs() < 0.5, "mark 35 mm below the block top");
    if let Ok(dir) = std::env::var("HUIWU_DOC_OUT") {
        std::fs::write(Path::new(&dir).join("minutes.pdf"), &r.bytes).expect("write");
    }
}

/// The value of `attr="…"` in an XML fragment.
fn xml_attr<'a>(xml: &'a str, attr: &str) -> Option<&'a str> {
    let start = xml.find(&format!("{attr}=\""))? + attr.len() + 2;
    xml[start..].split('"').next()
}

/// The main part of a .docx (word/document.xml), unpacked with a real ZIP reader.
fn docx_document_xml(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a ZIP archive");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("word/document.xml").read_to_string(&mut xml).expect("UTF-8 XML");
    xml
}

#[test]
fn docx_names_the_same_fonts_sizes_and_margins() {
    let doc = build_document(&sample_minutes());
    let bytes = docx::write_docx(&doc).expect("docx");
    let xml = docx_document_xml(&bytes);
    let mm = |twips: &str| twips.parse::<f32>().expect("twips") / 20.0 / MM;

    let size = &xml[xml.find("<w:pgSz").expect("page size")..];
    let (w, h) = (mm(xml_attr(size, "w:w").expect("w")), mm(xml_attr(size, "w:h").expect("h")));
    assert!((w - PAGE_W_MM).abs() < 0.1 && (h - PAGE_H_MM).abs() < 0.1, "A4 like the PDF, found {w}×{h} mm");
    let margin = &xml[xml.find("<w:pgMar").expect("page margins")..];
    let top = mm(xml_attr(margin, "w:top").expect("top"));
    let left = mm(xml_attr(margin, "w:left").expect("left"));
    assert!((top - TOP_MM).abs() < 0.1, "top margin {TOP_MM} mm like the PDF, found {top}");
    assert!((left - LEFT_MM).abs() < 0.1, "left margin {LEFT_MM} mm like the PDF, found {left}");

    // Every run of the file: its east-Asian font and its size in points.
    let mut found = std::collections::BTreeSet::new();
    for run in xml.split("<w:r>").skip(1) {
        let props = run.split("</w:rPr>").next().unwrap_or_default();
        if let (Some(font), Some(sz)) = (xml_attr(props, "w:eastAsia"), props.find("<w:sz ")) {
            let half: f32 = xml_attr(&props[sz..], "w:val").expect("w:sz").parse().expect("half-points");
            found.insert((font.to_string(), (half * 5.0) as u32));
        }
    }
    let families = [FontRole::Fangsong, FontRole::Heiti, FontRole::Kaiti, FontRole::Xiaobiaosong, FontRole::Songti]
        .map(FontRole::docx_family);
    for (font, _) in &found {
        assert!(families.contains(&font.as_str()), "only the roles' families are named, found {font}");
    }
    // The fonts and sizes the document model asks for, which the PDF lays out too.
    let mut wanted = std::collections::BTreeSet::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                wanted.extend(p.spans.iter().map(|s| (s.role.docx_family().to_string(), (p.size_pt * 10.0) as u32)));
            }
            Block::Split { role, size_pt, .. } => {
                wanted.insert((role.docx_family().to_string(), (size_pt * 10.0) as u32));
            }
            Block::Mark { .. } => assert!(
                found.iter().any(|(f, _)| f == FontRole::Xiaobiaosong.docx_family()),
                "the mark in 小标宋: {found:?}"
            ),
            _ => {}
        }
    }
    assert!(wanted.len() >= 3, "the sample uses body, heading and attendance fonts: {wanted:?}");
    for w in &wanted {
        assert!(found.contains(w), "the DOCX has a run in {} at {} pt: found {found:?}", w.0, w.1 as f32 / 10.0);
    }
    if let Ok(dir) = std::env::var("HUIWU_DOC_OUT") {
        std::fs::write(Path::new(&dir).join("minutes.docx"), &bytes).expect("write");
    }
}

#[test]
fn sign_in_sheet_groups_rows_repeats_its_header_and_numbers_pages() {
    if !tool("pdftotext") {
        return;
    }
    let group = |name: &str, n: usize| SignInGroup {
        name: name.into(),
        rows: (0..n)
            .map(|i| SignInRow {
                name: format!("委员{i}"),
                sector: "教育界".into(),
                seat: format!("{}排{}号", i / 10 + 1, i % 10 + 1),
            })
            .collect(),
    };
    let sheet = SignInSheet {
        meeting: "政协安宁市第六届委员会第五次会议".into(),
        sitting: "开幕会".into(),
        time: "2021年1月19日上午".into(),
        venue: "市会议中心大礼堂".into(),
        groups: vec![group("第一组", 18), group("第二组", 20)],
        page_per_group: false,
    };
    let r = render_sign_in_sheet(&sheet, Format::Pdf, &fonts()).expect("pdf");
    assert!(r.pages >= 2, "38 rows of 12 mm take more than one page");
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "s.pdf", &r.bytes);
    let text = run("pdftotext", &["-layout", &path, "-"]);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("序号") && p.contains("签名"), "page {} repeats the header", i + 1);
        assert!(
            p.contains(&format!("— {} —", i + 1)) || squeeze(p).contains(&format!("—{}—", i + 1)),
            "page {} is numbered",
            i + 1
        );
    }
    assert!(text.contains("第一组（18人）") && text.contains("第二组（20人）"), "group headings");
    assert!(text.contains("委员17") && text.contains("委员19"), "every row printed");
    let docx = render_sign_in_sheet(&sheet, Format::Docx, &fonts()).expect("docx");
    crate::testxml::assert_well_formed(&docx.bytes, "sign-in sheet");
    if let Ok(dir) = std::env::var("HUIWU_DOC_OUT") {
        std::fs::write(Path::new(&dir).join("signin.pdf"), &r.bytes).expect("write");
        let list = opinion_list::OpinionListDoc {
            title: "关于《政府工作报告》的协商意见".into(),
            intro: Some("六届四次会议期间，委员们对《政府工作报告》进行了认真讨论，现将意见建议整理如下：".into()),
            sections: vec![OpinionSection {
                heading: Some("关于经济发展".into()),
                items: (1..=30)
                    .map(|i| {
                        format!("建议第{i}条：加快推进产业转型升级，优化营商环境，支持民营企业发展，落实减税降费政策。")
                    })
                    .collect(),
            }],
            issuer: Some("政协安宁市委员会办公室".into()),
            date: Some("2020年1月20日".into()),
        };
        let o = render_opinion_list(&list, Format::Pdf, &fonts()).expect("pdf");
        std::fs::write(Path::new(&dir).join("opinions.pdf"), &o.bytes).expect("write");
        let o = render_opinion_list(&list, Format::Docx, &fonts()).expect("docx");
        std::fs::write(Path::new(&dir).join("opinions.docx"), &o.bytes).expect("write");
        let s = render_sign_in_sheet(&sheet, Format::Docx, &fonts()).expect("docx");
        std::fs::write(Path::new(&dir).join("signin.docx"), &s.bytes).expect("write");
    }
}

#[test]
fn a_heading_alone_never_ends_a_page_it_goes_over_with_the_next_line() {
    let fonts = fonts();
    let mut doc = Document::new("标题不落页末");
    let mut body: Vec<String> = (1..=21).map(|i| format!("第{i}段。")).collect();
    body.push("二、关于委员履职考核工作".into());
    body.push("会议决定，继续开展委员履职考核。".into());
    doc.body_text(&body.join("\n"), "正文");
    let l = layout(&doc, &fonts);
    let first = l.page_lines(0);
    assert_eq!(first.len(), 22, "page 1: 21 body lines and its page number: {first:?}");
    assert_eq!((first[20].as_str(), first[21].as_str()), ("第21段。", "— 1 —"), "the heading is not its last line");
    assert_eq!(l.page_lines(1)[0], "二、关于委员履职考核工作", "the heading opens page 2");
    assert!(l.page_lines(1)[1].starts_with("会议决定"), "with its paragraph");

    // With a line to spare, the heading and its first line stay on page 1.
    let mut doc = Document::new("标题");
    doc.body_text(&body[1..].join("\n"), "正文");
    let l = layout(&doc, &fonts);
    let first = l.page_lines(0);
    assert_eq!(first[first.len() - 3], "二、关于委员履职考核工作", "room for both: the heading stays: {first:?}");
    assert!(first[first.len() - 2].starts_with("会议决定"), "with its first line");

    // A heading with its text on the same line is an ordinary paragraph.
    assert!(!Paragraph::body_with_heading("（一）学习。会议认为，要加强学习。").keep_with_next);
    assert!(Paragraph::body_with_heading("（一）加强学习").keep_with_next);
}

#[test]
fn a_long_export_reports_each_page_and_stops_when_cancelled() {
    use crate::progress::{Progress, REPORT_EVERY};
    use std::sync::{Arc, Mutex};
    let mut m = sample_minutes();
    m.body = (0..40).map(|k| format!("{}、第{k}项\n{BODY}", k + 1)).collect::<Vec<_>>().join("\n");
    let doc = build_document(&m);
    let fonts = fonts();
    let pages = render_pdf(&doc, &fonts).expect("pdf").pages;
    assert!(pages >= 10, "a long document: {pages} pages");

    // Watched to the end: the stages in order, every page counted.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let (progress, _cancel) = Progress::new("导出纪要", move |s| {
        sink.lock().expect("lock").push(s.clone());
        std::thread::sleep(REPORT_EVERY);
    });
    let watched = render_with(&doc, Format::Pdf, &fonts, &progress).expect("watched pdf");
    assert_eq!(watched.pages, pages);
    let seen = seen.lock().expect("lock").clone();
    assert_eq!(seen.first().map(|s| s.stage.as_str()), Some("排版"));
    let page_steps: Vec<u32> = seen.iter().filter(|s| s.stage.starts_with("生成第")).map(|s| s.done).collect();
    assert_eq!(page_steps, (0..pages as u32).collect::<Vec<_>>(), "each page reported");
    assert_eq!(
        seen.last().map(|s| (s.stage.as_str(), s.done, s.total)),
        Some(("嵌入字体，写成 PDF", pages as u32, pages as u32))
    );

    // Cancelled when page 3 is reported: no PDF comes out.
    let slot: Arc<Mutex<Option<crate::progress::Cancel>>> = Arc::default();
    let from_report = Arc::clone(&slot);
    let (progress, cancel) = Progress::new("导出纪要", move |s| {
        if s.stage.starts_with("生成第 3 页") {
            if let Some(c) = from_report.lock().expect("lock").as_ref() {
                c.cancel();
            }
        }
        std::thread::sleep(REPORT_EVERY);
    });
    *slot.lock().expect("lock") = Some(cancel);
    let err = render_with(&doc, Format::Pdf, &fonts, &progress).expect_err("cancelled");
    assert!(matches!(err, crate::Error::Cancelled(ref w) if w == "导出纪要"), "{err:?}");
}
