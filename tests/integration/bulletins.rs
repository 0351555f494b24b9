//! Session bulletins (简报) headless: the demo's two bulletins of 六届四次会议, a third and a
//! fourth saved from recorded remarks by `huiwu bulletins save` (each taking the next number),
//! listed, exported as PDF (read back with pdftotext) and DOCX (python-docx), and bad input
//! refused with nothing written.

use std::process::Command;

use huiwu_core::Db;

use crate::cli::{huiwu, stderr, stdout};

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "huiwu failed: {}", stderr(o));
    serde_json::from_str(&stdout(o)).expect("json")
}

#[test]
fn bulletins_are_saved_listed_and_exported_headless_with_the_next_number_each_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let o = huiwu(&db, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));
    // Two remarks of one group-discussion sitting of 六届四次会议, read through the core.
    let (session, remarks, speakers): (i64, Vec<i64>, Vec<String>) = {
        let c = Db::open_read_only(&db).expect("open");
        let session: i64 = c
            .conn()
            .query_row("SELECT id FROM sessions WHERE term_number = 6 AND session_number = 4", [], |r| r.get(0))
            .expect("session");
        let sittings = huiwu_core::bulletins::compose_sittings(c.conn(), session).expect("sittings");
        let sitting = sittings.iter().find(|s| s.remarks >= 2).expect("a sitting with remarks");
        let rs = huiwu_core::bulletins::compose_remarks(c.conn(), &[sitting.id]).expect("remarks");
        let rs: Vec<_> = rs.into_iter().filter(|r| r.speaker_id.is_some()).take(2).collect();
        (session, rs.iter().map(|r| r.id).collect(), rs.iter().map(|r| r.speaker_name.clone()).collect())
    };
    let s = session.to_string();
    let list = json(&huiwu(&db, &["bulletins", "list", "--json", "--session", &s]));
    let numbers: Vec<u64> = list.as_array().expect("array").iter().filter_map(|b| b["number"].as_u64()).collect();
    assert_eq!(numbers, vec![1, 2], "the demo holds two bulletins of 六届四次会议: {list}");
    assert!(list[0]["remark_ids"].as_array().is_some_and(|a| !a.is_empty()), "drafted from remarks: {list}");

    let ids = format!("{},{}", remarks[0], remarks[1]);
    let saved = json(&huiwu(
        &db,
        &[
            "bulletins",
            "save",
            "--session",
            &s,
            "--date",
            "2020-01-08",
            "--title",
            "委员热议",
            "--remarks",
            &ids,
            "--json",
        ],
    ));
    assert_eq!(saved["number"].as_u64(), Some(3), "the next number of the session: {saved}");
    let body = saved["body"].as_str().expect("body");
    assert!(body.contains(&format!("{}委员说：", speakers[0])), "drafted «name委员说：»: {body}");
    let again =
        json(&huiwu(&db, &["bulletins", "save", "--session", &s, "--remarks", &ids, "--lead", "委员认为", "--json"]));
    assert_eq!(again["number"].as_u64(), Some(4), "and the one after: {again}");
    assert!(again["body"].as_str().is_some_and(|b| b.contains(&format!("{}委员认为", speakers[1]))), "{again}");

    // Bad input: a remark that does not exist, a date that is not one; nothing is written.
    for bad in [
        vec!["bulletins", "save", "--session", &s, "--remarks", "999999"],
        vec!["bulletins", "save", "--session", &s, "--date", "1月8日"],
        vec!["bulletins", "save", "--id", "999999", "--title", "无此简报"],
    ] {
        let o = huiwu(&db, &bad);
        assert!(!o.status.success(), "{bad:?} is refused");
        let e = stderr(&o);
        assert!(e.contains("错误：") && e.contains("error ["), "Chinese and English: {e}");
    }
    let list = json(&huiwu(&db, &["bulletins", "list", "--json", "--session", &s]));
    assert_eq!(list.as_array().map(Vec::len), Some(4), "nothing written by the refused saves: {list}");

    // Edit the third, withdraw the fourth: the next one is 第5期.
    let id3 = saved["id"].as_i64().expect("id").to_string();
    let body_file = dir.path().join("body.txt");
    std::fs::write(&body_file, format!("一、第一组\n{}委员说：会后改过的发言摘要。", speakers[0])).expect("write");
    let edited = json(&huiwu(
        &db,
        &["bulletins", "save", "--id", &id3, "--body-file", body_file.to_str().expect("p"), "--json"],
    ));
    assert_eq!(edited["number"].as_u64(), Some(3), "an edit keeps the number");
    let id4 = again["id"].as_i64().expect("id").to_string();
    assert!(huiwu(&db, &["bulletins", "delete", &id4]).status.success());
    let fifth = json(&huiwu(&db, &["bulletins", "save", "--session", &s, "--json"]));
    assert_eq!(fifth["number"].as_u64(), Some(5), "a withdrawn number is not given again");

    let pdf = dir.path().join("简报.pdf");
    let o = huiwu(&db, &["bulletins", "export", &id3, pdf.to_str().expect("p"), "--json"]);
    let report = json(&o);
    assert_eq!(report["warnings"].as_array().map(Vec::len), Some(0), "no character missing: {report}");
    let o = huiwu(&db, &["bulletins", "export", &id3, pdf.to_str().expect("p")]);
    assert!(!o.status.success(), "an existing file is not replaced without --force");
    if Command::new("pdftotext").arg("-v").output().is_ok_and(|o| o.status.success()) {
        let out = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
        let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            text.starts_with("政协安宁市第六届委员会第四次会议简报第3期大会秘书处2020年1月8日委员热议"),
            "header: {text}"
        );
        assert!(text.contains(&format!("{}委员说：会后改过的发言摘要。", speakers[0])), "the edited body: {text}");
        assert!(
            text.contains("报送：") && text.contains("共印150份"),
            "the foot, carried over from the series: {text}"
        );
    } else {
        crate::support::missing("pdftotext");
    }
    let docx = dir.path().join("简报.docx");
    let o = huiwu(&db, &["bulletins", "export", &id3, docx.to_str().expect("p")]);
    assert!(o.status.success(), "docx: {}", stderr(&o));
    if let Some(python) = crate::support::python_with(&["docx"]) {
        let script = "import sys, docx\nd = docx.Document(sys.argv[1])\nprint('|'.join(p.text for p in d.paragraphs))";
        let o = Command::new(python).args(["-c", script]).arg(&docx).output().expect("python");
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(text.starts_with("政协安宁市第六届委员会第四次会议简报|"), "the name first: {text}");
        assert!(text.contains("|第3期|大会秘书处\t2020年1月8日|"), "number, issuer and date: {text}");
        assert!(text.contains("报送：") && text.contains("（共印150份）"), "the foot: {text}");
    }
}
