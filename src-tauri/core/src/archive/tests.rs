use std::io::{Read, Write};
use std::path::Path;

use super::*;
use crate::committee::{self, Committee};
use crate::opinions::testkit::{add_remarks, fixture};

fn committee_db() -> (Db, i64) {
    let (mut db, fx) = fixture();
    committee::create(
        &mut db,
        &Committee {
            name: "政协安宁市第六届委员会".into(),
            short_name: "安宁市政协".into(),
            term_number: 6,
            term_start: None,
            term_end: None,
            secretariat: "政协安宁市委员会办公室".into(),
        },
    )
    .expect("committee");
    add_remarks(&mut db, &fx, &[(fx.m1, "优化营商环境，减少审批环节。")]);
    (db, fx.session)
}

/// Rewrites the archive at `from` into `to`, changing or adding entries on the way.
fn rewrite(from: &Path, to: &Path, change: &str, add: Option<&str>) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut entry = src.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if name == change {
            bytes.extend_from_slice(b" ");
        }
        out.start_file(name.as_str(), options).expect("start");
        out.write_all(&bytes).expect("write");
    }
    if let Some(extra) = add {
        out.start_file(extra, options).expect("start");
        out.write_all(b"added later").expect("write");
    }
    out.finish().expect("finish");
}

#[test]
fn a_session_archive_holds_the_database_and_every_document_with_their_hashes() {
    let (db, session) = committee_db();
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().join("六届四次会议归档.zip");
    let report = export_session(&db, session, &dest, false).expect("export");
    let kinds: Vec<&str> = report.manifest.files.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds.first(), Some(&"数据库"), "the committee file first: {kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "协商意见清单").count(), 3, "the list as PDF, DOCX and XLSX: {kinds:?}");
    assert_eq!(report.manifest.session, "六届四次会议");
    assert!(report.manifest.files.iter().all(|f| f.sha256.len() == 64 && f.bytes > 0), "{:?}", report.manifest.files);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "only the archive is left beside it, no staging: {leftovers:?}");

    let check = verify(&dest).expect("verify");
    assert!(check.ok(), "a fresh archive is intact: {:?}", check.problems);
    assert_eq!(check.intact as usize, report.manifest.files.len());

    let again = export_session(&db, session, &dest, false).expect_err("an existing archive is not overwritten");
    assert_eq!(again.code(), "already_exists");
}

#[test]
fn a_changed_or_added_file_is_named_when_the_archive_is_checked() {
    let (db, session) = committee_db();
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().join("a.zip");
    let report = export_session(&db, session, &dest, false).expect("export");
    let changed = &report.manifest.files[1].path;
    let tampered = dir.path().join("b.zip");
    rewrite(&dest, &tampered, changed, Some("纪要/后加的.pdf"));
    let check = verify(&tampered).expect("still readable");
    assert!(!check.ok());
    assert!(
        check.problems.iter().any(|p| p == &format!("{changed} 已被改动（内容与归档时的校验值不符）")),
        "{:?}",
        check.problems
    );
    assert!(check.problems.iter().any(|p| p.starts_with("纪要/后加的.pdf 不在清单中")), "{:?}", check.problems);
}

#[test]
fn a_file_that_is_not_an_archive_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("名单.zip");
    std::fs::write(&path, "姓名,界别").expect("write");
    let err = verify(&path).expect_err("not a zip").to_string();
    assert!(err.contains("名单.zip") && err.contains("不是会务软件的归档文件"), "{err}");
}
