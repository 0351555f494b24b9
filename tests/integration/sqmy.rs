//! 社情民意 headless: the demo year's figures (82 items, 54 issues), an item recorded, edited into
//! an issue, sent, adopted and instructed through `huiwu sqmy …` with the figures following, bad
//! input refused with nothing written, and an issue exported as PDF (pdftotext) and DOCX.

use std::process::Command;

use crate::cli::{huiwu, stderr, stdout};

fn json(o: &std::process::Output) -> serde_json::Value {
    assert!(o.status.success(), "huiwu failed: {}", stderr(o));
    serde_json::from_str(&stdout(o)).expect("json")
}

fn figures(db: &std::path::Path) -> (u64, u64, u64, u64) {
    let s = json(&huiwu(db, &["sqmy", "stats", "--json", "--year", "2020"]));
    let n = |k: &str| s[k].as_u64().unwrap_or_else(|| panic!("{k} in {s}"));
    (n("items"), n("issues"), n("adopted"), n("instructed"))
}

#[test]
fn sqmy_stats_of_the_demo_year_and_an_item_through_its_whole_course() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success());
    let (items, issues, adopted, instructed) = figures(&db);
    assert_eq!((items, issues), (82, 54), "the seed's 82 items in 54 issues");
    assert!(adopted > 0 && instructed > 0);

    // Bad input: an unknown member, no submitter, a bad date. Nothing is written.
    for bad in [
        vec!["sqmy", "add", "--title", "查无此人", "--member", "无此委员", "--date", "2020-06-01"],
        vec!["sqmy", "add", "--title", "没有报送人", "--date", "2020-06-01"],
        vec!["sqmy", "add", "--title", "日期不对", "--unit", "民盟安宁市委", "--date", "6月1日"],
    ] {
        let o = huiwu(&db, &bad);
        assert!(!o.status.success(), "{bad:?} refused");
        assert!(stderr(&o).contains("错误：") && stderr(&o).contains("error ["), "Chinese and English: {}", stderr(&o));
    }
    assert_eq!(figures(&db), (items, issues, adopted, instructed), "nothing written");

    let content = dir.path().join("content.txt");
    std::fs::write(&content, "有居民反映，小区周边夜间施工噪声扰民。\n建议加强夜间施工审批和巡查。").expect("write");
    let item = json(&huiwu(
        &db,
        &[
            "sqmy",
            "add",
            "--title",
            "关于治理夜间施工噪声的建议",
            "--member",
            "A6010",
            "--date",
            "2020-06-01",
            "--content-file",
            content.to_str().expect("p"),
            "--json",
        ],
    ));
    let id = item["id"].as_i64().expect("id").to_string();
    assert_eq!(figures(&db).0, items + 1, "one more item");
    let o = huiwu(&db, &["sqmy", "outcome", &id, "--adopted-by", "省政协办公厅"]);
    assert!(!o.status.success(), "no 采用 before the item is sent up");
    let issue = json(&huiwu(&db, &["sqmy", "issue", "--date", "2020-12-30", "--items", &id, "--json"]));
    assert_eq!(issue["number"].as_u64(), Some(55), "the next number of the year");
    let issue_id = issue["id"].as_i64().expect("id").to_string();
    let o = huiwu(&db, &["sqmy", "issue", "--date", "2020-12-31", "--items", &id]);
    assert!(!o.status.success(), "an item goes in one issue only");
    assert!(huiwu(
        &db,
        &["sqmy", "send", &issue_id, "--date", "2020-12-31", "--to", "中共安宁市委办公室", "--cc", "省政协办公厅"]
    )
    .status
    .success());
    assert!(huiwu(&db, &["sqmy", "outcome", &id, "--adopted-by", "省政协办公厅"]).status.success());
    assert!(huiwu(
        &db,
        &["sqmy", "outcome", &id, "--instructed-by", "市委主要领导", "--summary", "请住建局研究落实。"]
    )
    .status
    .success());
    assert_eq!(figures(&db), (items + 1, issues + 1, adopted + 1, instructed + 1), "the figures follow");

    let pdf = dir.path().join("sqmy.pdf");
    let o = huiwu(&db, &["sqmy", "export", &issue_id, pdf.to_str().expect("p")]);
    assert!(o.status.success(), "export: {}", stderr(&o));
    if Command::new("pdftotext").arg("-v").output().is_ok_and(|o| o.status.success()) {
        let out = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
        let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            text.starts_with("社情民意第55期政协安宁市委员会办公室2020年12月30日关于治理夜间施工噪声的建议"),
            "{text}"
        );
        assert!(text.contains("报送：中共安宁市委办公室") && text.contains("抄送：省政协办公厅"), "the foot: {text}");
        assert!(text.contains("委员）"), "the submitter: {text}");
    } else {
        crate::support::missing("pdftotext");
    }
    let docx = dir.path().join("sqmy.docx");
    assert!(huiwu(&db, &["sqmy", "export", &issue_id, docx.to_str().expect("p")]).status.success());
    let listed = json(&huiwu(&db, &["sqmy", "issues", "--json", "--year", "2020"]));
    assert_eq!(listed.as_array().map(Vec::len), Some(55));
}
