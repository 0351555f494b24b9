//! Printing on paper through a real CUPS server: scripts/test.sh starts `cupsd` with the cups-pdf
//! virtual printer and names it in HUIWU_TEST_PRINTER; cups-pdf writes each job as a PDF into
//! HUIWU_TEST_PRINTER_OUT, which is read back here to see what was printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cli::{huiwu, stderr, stdout};
use crate::support::missing;

fn test_printer() -> Option<(String, PathBuf)> {
    let printer = std::env::var("HUIWU_TEST_PRINTER").ok().filter(|s| !s.is_empty());
    let out = std::env::var_os("HUIWU_TEST_PRINTER_OUT").map(PathBuf::from);
    match (printer, out) {
        (Some(p), Some(o)) => Some((p, o)),
        _ => {
            missing("a CUPS server with the cups-pdf printer (HUIWU_TEST_PRINTER, set up by scripts/test.sh)");
            None
        }
    }
}

/// The PDF cups-pdf wrote for job number `n` (its names end in `-job_<n>.pdf`).
fn printed_file(dir: &Path, n: &str) -> PathBuf {
    let suffix = format!("job_{n}.pdf");
    let end = Instant::now() + Duration::from_secs(20);
    loop {
        let found = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|f| f.to_string_lossy().ends_with(&suffix)));
        if let Some(p) = found {
            return p;
        }
        assert!(Instant::now() < end, "cups-pdf wrote no file ending in {suffix} into {}", dir.display());
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn pdf_pages(path: &Path) -> Option<u32> {
    let out = std::process::Command::new("pdfinfo").arg(path).output().ok().filter(|o| o.status.success());
    let Some(out) = out else {
        missing("pdfinfo (poppler-utils)");
        return None;
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn a_page_range_of_an_opinion_list_is_printed_on_the_cups_printer() {
    let Some((printer, out_dir)) = test_printer() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success(), "the demo is built");
    let pdf = dir.path().join("政府工作报告协商意见.pdf");
    let export = huiwu(&db, &["opinions", "export", "--report", "1", pdf.to_str().expect("utf-8 path")]);
    assert!(export.status.success(), "export: {}", stderr(&export));
    let total = pdf_pages(&pdf).expect("pdfinfo reads our export");
    assert!(total >= 3, "the 55-item list has at least 3 pages, has {total}");

    let listed = huiwu(&db, &["printers", "--json"]);
    assert!(listed.status.success(), "printers: {}", stderr(&listed));
    let printers: serde_json::Value = serde_json::from_str(&stdout(&listed)).expect("printers JSON");
    assert!(
        printers.as_array().expect("a list").iter().any(|p| p["name"] == printer.as_str()),
        "huiwu printers lists {printer}: {printers}"
    );

    let printed =
        huiwu(&db, &["print", pdf.to_str().expect("utf-8 path"), "--printer", &printer, "--pages", "2-3", "--json"]);
    assert!(printed.status.success(), "print: {}", stderr(&printed));
    let outcome: serde_json::Value = serde_json::from_str(&stdout(&printed)).expect("outcome JSON");
    assert_eq!(outcome["completed"], true, "the job completed: {outcome}");
    assert_eq!(outcome["pages"], 2, "two pages of one copy: {outcome}");
    let message = outcome["message"].as_str().expect("message");
    assert!(message.starts_with(&format!("已发送到打印机 {printer}，共 2 页")), "{message}");

    let job = outcome["job"].as_str().expect("job id");
    let number = job.rsplit('-').next().expect("job number");
    let paper = printed_file(&out_dir, number);
    assert_eq!(pdf_pages(&paper), Some(2), "the printer received pages 2-3 only: {}", paper.display());
}

#[test]
fn printing_a_page_the_file_does_not_have_or_an_unknown_printer_is_refused_in_chinese() {
    let Some((printer, _)) = test_printer() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success(), "the demo is built");
    let pdf = dir.path().join("纪要.pdf");
    let export = huiwu(&db, &["minutes", "export", "--sitting", "72", pdf.to_str().expect("utf-8 path")]);
    assert!(export.status.success(), "export: {}", stderr(&export));
    let file = pdf.to_str().expect("utf-8 path");

    let beyond = huiwu(&db, &["print", file, "--printer", &printer, "--pages", "9"]);
    assert!(!beyond.status.success(), "page 9 of a short file is refused");
    assert!(stderr(&beyond).contains("没有第 9 页"), "{}", stderr(&beyond));

    let unknown = huiwu(&db, &["print", file, "--printer", "没有这台打印机"]);
    assert!(!unknown.status.success(), "an unknown printer is refused");
    assert!(stderr(&unknown).contains("没有名为「没有这台打印机」的打印机"), "{}", stderr(&unknown));
}

#[test]
fn a_sign_in_sheet_exported_with_print_reaches_the_printer_and_a_docx_is_refused_before_writing() {
    let Some((printer, out_dir)) = test_printer() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success(), "the demo is built");
    let before: std::collections::HashSet<_> =
        std::fs::read_dir(&out_dir).into_iter().flatten().flatten().map(|e| e.path()).collect();

    let sheet = dir.path().join("签到表.pdf");
    let file = sheet.to_str().expect("utf-8 path");
    let o = huiwu(&db, &["attendance", "signin", "--sitting", "72", file, "--print", "--printer", &printer]);
    assert!(o.status.success(), "signin --print: {}", stderr(&o));
    let said = stdout(&o);
    assert!(said.contains("已导出签到表") && said.contains(&format!("已发送到打印机 {printer}")), "{said}");
    let total = pdf_pages(&sheet).expect("pdfinfo reads the sheet");
    let end = Instant::now() + Duration::from_secs(20);
    let paper = loop {
        let new = std::fs::read_dir(&out_dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| !before.contains(p) && p.extension().is_some_and(|x| x == "pdf"));
        if let Some(p) = new {
            break p;
        }
        assert!(Instant::now() < end, "cups-pdf wrote no new file into {}", out_dir.display());
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(pdf_pages(&paper), Some(total), "the printer received the whole sheet: {}", paper.display());

    // --print with a .docx is refused before anything is written.
    let docx = dir.path().join("纪要.docx");
    let o = huiwu(&db, &["minutes", "export", "--sitting", "72", docx.to_str().expect("utf-8 path"), "--print"]);
    assert!(!o.status.success(), "a .docx cannot be printed");
    assert!(stderr(&o).contains("只能打印 PDF 文件"), "{}", stderr(&o));
    assert!(!docx.exists(), "nothing was written");
}
