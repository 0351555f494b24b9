//! The session archive through the `huiwu` binary: exported from the demo, verified, and a
//! tampered copy named as such with its own exit code.

use std::io::{Read, Write};

use crate::cli::{huiwu, stderr, stdout};

#[test]
fn a_session_archive_verifies_and_a_tampered_copy_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success(), "the demo is built");
    let zip_path = dir.path().join("六届四次会议.zip");
    let zip_arg = zip_path.to_str().expect("utf-8 path");
    let export = huiwu(&db, &["archive", "export", "--session", "1", zip_arg, "--json"]);
    assert!(export.status.success(), "export: {}", stderr(&export));
    let report: serde_json::Value = serde_json::from_str(&stdout(&export)).expect("report JSON");
    let files = report["manifest"]["files"].as_array().expect("files");
    let count = |kind: &str| files.iter().filter(|f| f["kind"] == kind).count();
    assert_eq!(count("数据库"), 1, "one copy of the committee file");
    assert_eq!(count("协商意见清单"), 9, "three lists of 六届四次会议, each as PDF, DOCX and XLSX");
    assert!(count("签到表") >= 30, "a sign-in sheet per sitting of the plenary: {}", count("签到表"));
    assert!(count("纪要") == 0 || count("纪要") % 2 == 0, "minutes as PDF and DOCX");
    assert_eq!(count("简报"), 4, "the demo's two bulletins of 六届四次会议, each as PDF and DOCX");

    let ok = huiwu(&db, &["archive", "verify", zip_arg]);
    assert!(ok.status.success(), "a fresh archive verifies: {}", stderr(&ok));
    assert!(stdout(&ok).contains("归档文件完好"), "{}", stdout(&ok));

    let again = huiwu(&db, &["archive", "export", "--session", "1", zip_arg]);
    assert_eq!(again.status.code(), Some(1), "an existing archive is not overwritten without --force");

    // A copy in which one sign-in sheet was edited after archiving.
    let tampered = dir.path().join("改过的.zip");
    let mut src = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&tampered).expect("create"));
    let mut changed = String::new();
    for i in 0..src.len() {
        let mut entry = src.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if changed.is_empty() && name.starts_with("签到表/") {
            bytes.push(b'\n');
            changed = name.clone();
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish");
    let bad = huiwu(&db, &["archive", "verify", tampered.to_str().expect("utf-8 path")]);
    assert_eq!(bad.status.code(), Some(5), "a tampered archive exits 5: {}", stderr(&bad));
    assert!(stderr(&bad).contains("归档文件已被改动或损坏"), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains(&format!("{changed} 已被改动")),
        "names the changed file {changed}: {}",
        stderr(&bad)
    );
}
