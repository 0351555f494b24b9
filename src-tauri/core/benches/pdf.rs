//! Document engine benchmark (run: `cargo bench -p huiwu-core --bench pdf`, a release build):
//! a 100-page GB/T 9704 document to PDF, first with the fonts still to parse and then warm;
//! side by side, LibreOffice headless converting our own DOCX of the same content (the way a
//! secretariat makes PDFs today), if `soffice` is installed; and the size of a 10-page 纪要.

use std::process::Command;
use std::time::Instant;

use huiwu_core::documents::minutes::{build_document, AttendanceNames, MinutesDoc};
use huiwu_core::documents::model::{Block, Document, Paragraph};
use huiwu_core::documents::{docx, render_pdf, FontPrefs, FontSet};

const SENTENCE: &str = "会议认为，2020年以来，市政府坚持以新时代中国特色社会主义思想为指导，统筹推进疫情防控和经济社会发展，全年地区生产总值增长3.5%，各项事业取得新进展。";

fn hundred_pages() -> Document {
    let mut d = Document::new("基准文件");
    d.para(Paragraph::title("关于《政府工作报告》的协商意见"));
    d.push(Block::Blank);
    let mut i = 0;
    while d.blocks.len() < 2 + 770 {
        i += 1;
        if i % 12 == 1 {
            d.para(Paragraph::body_with_heading(&format!(
                "{}、关于第{}个方面的意见",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九"][(i / 12) % 9],
                i / 12 + 1
            )));
        }
        d.para(Paragraph::body(&format!("{i}.{SENTENCE}")));
    }
    d
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let doc = hundred_pages();
    let chars: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text().chars().count(),
            _ => 0,
        })
        .sum();

    let t = Instant::now();
    let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
    let resolve_ms = ms(t);
    let t = Instant::now();
    let first = render_pdf(&doc, &fonts).expect("pdf");
    let first_ms = ms(t);
    let mut warm = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = render_pdf(&doc, &fonts).expect("pdf");
        warm.push(ms(t));
        assert_eq!(r.pages, first.pages);
    }
    warm.sort_by(f64::total_cmp);
    println!("document: {} pages, {} characters", first.pages, chars);
    println!("font set (bundled, parse cmaps): {resolve_ms:.0} ms");
    println!("PDF, cold (printpdf parses the fonts): {first_ms:.0} ms, {} KiB", first.bytes.len() / 1024);
    println!("PDF, warm (median of 5): {:.0} ms", warm[2]);

    let dir = std::env::temp_dir().join(format!("huiwu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let docx_path = dir.join("bench.docx");
    let t = Instant::now();
    std::fs::write(&docx_path, docx::write_docx(&doc).expect("docx")).expect("write");
    println!("DOCX: {:.0} ms", ms(t));
    match Command::new("soffice").arg("--version").output() {
        Ok(_) => {
            // One warm-up conversion so LibreOffice's first start is not counted against it.
            let convert = || {
                let t = Instant::now();
                let ok = Command::new("soffice")
                    .args(["--headless", "--convert-to", "pdf", "--outdir"])
                    .arg(&dir)
                    .arg(&docx_path)
                    .output()
                    .map(|o| o.status.success())
                    .unwrap_or(false);
                (ok, ms(t))
            };
            let _ = convert();
            let (ok, lo_ms) = convert();
            if ok {
                let lo_pages = std::fs::read(dir.join("bench.pdf")).map(|b| count_pages(&b)).unwrap_or(0);
                println!("LibreOffice headless DOCX→PDF: {lo_ms:.0} ms ({lo_pages} pages)");
                println!(
                    "speed-up, Huiwu warm vs LibreOffice: {:.0}×; cold: {:.0}×",
                    lo_ms / warm[2],
                    lo_ms / first_ms
                );
            } else {
                println!("LibreOffice conversion failed");
            }
        }
        Err(_) => println!("LibreOffice (soffice) not installed: comparison skipped"),
    }

    // A 10-page 纪要 with a 200-name attendance block.
    let names: Vec<String> =
        (0..200).map(|i| format!("委员{}", char::from_u32(0x4e00 + i * 37).unwrap_or('一'))).collect();
    let mut body = String::new();
    while body.chars().count() < 3900 {
        body.push_str(SENTENCE);
        body.push('\n');
    }
    let m = MinutesDoc {
        mark: "安宁市政协常务委员会会议纪要".into(),
        issue_number: Some(12),
        office: "政协安宁市委员会办公室".into(),
        date: "2021年1月19日".into(),
        body,
        attendance: AttendanceNames {
            present: names,
            on_leave: vec!["李堃".into(), "周𠮷祥".into()],
            invitees: vec!["刘燊".into()],
        },
    };
    let r = render_pdf(&build_document(&m), &fonts).expect("minutes");
    println!("纪要: {} pages, {} KiB", r.pages, r.bytes.len() / 1024);
    let _ = std::fs::remove_dir_all(&dir);
}

fn count_pages(pdf: &[u8]) -> usize {
    let s = String::from_utf8_lossy(pdf);
    s.matches("/Type /Page\n").count() + s.matches("/Type/Page/").count() + s.matches("/Type /Page ").count()
}
