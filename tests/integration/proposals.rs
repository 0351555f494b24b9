//! Proposals (提案) from outside, through the `huiwu` binary's headless mode on a fresh demo file:
//! the seed year's figures, one proposal through add → review → assign → answer → rate with the
//! statistics following, refusals that write nothing, and the printed catalogue, assignment
//! letter and register read back with pdftotext and openpyxl.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::cli::{huiwu, stderr, stdout};

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let o = huiwu(&db, &["demo"]);
    assert!(o.status.success(), "huiwu demo: {}", stderr(&o));
    db
}

fn json(db: &Path, args: &[&str]) -> Value {
    let o = huiwu(db, args);
    assert!(o.status.success(), "huiwu {args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("JSON on stdout")
}

fn stats(db: &Path) -> Value {
    json(db, &["proposals", "stats", "--json", "--session", "六届四次会议"])
}

fn audit_rows(db: &Path) -> i64 {
    let d = huiwu_core::Db::open_read_only(db).expect("open");
    d.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}

/// Runs a command that must be refused: non-zero, Chinese and English on stderr, nothing written.
fn refused(db: &Path, args: &[&str], chinese: &str) {
    let before = audit_rows(db);
    let o = huiwu(db, args);
    let err = stderr(&o);
    assert!(!o.status.success(), "huiwu {args:?} is refused");
    assert!(err.contains("错误：") && err.contains(chinese), "Chinese message with «{chinese}» for {args:?}: {err}");
    assert!(err.contains("error ["), "English beside it for {args:?}: {err}");
    assert_eq!(audit_rows(db), before, "huiwu {args:?} wrote nothing");
}

#[test]
fn proposals_on_a_fresh_demo_show_the_seed_year_and_one_goes_through_the_cli() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path());
    let s = stats(&db);
    let n = |k: &str| s[k].as_u64().unwrap_or(u64::MAX);
    assert_eq!(
        [
            n("received"),
            n("received_collective"),
            n("received_members"),
            n("filed"),
            n("filed_collective"),
            n("filed_members"),
            n("not_filed")
        ],
        [202, 40, 162, 153, 36, 117, 49],
        "the seed year's figures: {s}"
    );
    assert_eq!(s["filing_rate"].as_f64(), Some(75.7), "立案率 75.7 %");
    for rate in ["answer_rate", "satisfaction_rate", "talk_rate", "visit_rate"] {
        assert_eq!(s[rate].as_f64(), Some(100.0), "{rate} is 100 % in the seed year");
    }
    assert_eq!(n("answered"), 153);
    assert_eq!(n("overdue"), 0);
    let by_year = json(&db, &["proposals", "stats", "--json", "--year", "2020"]);
    assert_eq!(by_year["received"].as_u64(), Some(202), "all 202 were received in 2020");
    let behind =
        json(&db, &["proposals", "list", "--json", "--session", "六届四次会议", "--figure", "filed_collective"]);
    assert_eq!(behind.as_array().map(Vec::len), Some(36), "the proposals behind a figure");

    let case = dir.path().join("case.txt");
    std::fs::write(&case, "近年来，\r\n城区学校\u{3000}周边交通拥堵。\r\n\r\n").expect("case");
    let added = json(
        &db,
        &[
            "proposals",
            "add",
            "--json",
            "--session",
            "六届四次会议",
            "--title",
            "关于改善学校周边交通秩序的建议",
            "--category",
            "社会建设",
            "--submitter",
            "A6010",
            "--submitter",
            "A6011",
            "--case-file",
            case.to_str().expect("path"),
            "--received",
            "2020-06-01",
        ],
    );
    let id = added["id"].as_i64().expect("id").to_string();
    assert_eq!(added["case_text"].as_str(), Some("近年来，城区学校周边交通拥堵。"), "pasted text cleaned");
    assert_eq!(added["submitters"].as_array().map(Vec::len), Some(2), "first submitter and one joint");

    refused(&db, &["proposals", "rate", &id, "--rating", "满意"], "未立案");
    refused(&db, &["proposals", "review", &id, "--file", "--number", "1"], "第1号");
    refused(
        &db,
        &[
            "proposals",
            "add",
            "--session",
            "六届四次会议",
            "--title",
            "关于甲的建议",
            "--category",
            "社会建设",
            "--submitter",
            "不存在的人",
        ],
        "未找到委员",
    );
    let o = huiwu(&db, &["proposals", "review", &id, "--file", "--date", "2020-06-10"]);
    assert!(o.status.success(), "review --file: {}", stderr(&o));
    assert!(stdout(&o).contains("第154号"), "the next number of the session: {}", stdout(&o));
    refused(&db, &["proposals", "assign", &id, "--lead", "市不存在局"], "未找到承办单位");
    refused(&db, &["proposals", "rate", &id, "--rating", "满意"], "尚未交办");
    let o = huiwu(
        &db,
        &["proposals", "assign", &id, "--lead", "市教育体育局", "--co", "市交通运输局", "--date", "2020-06-15"],
    );
    assert!(o.status.success(), "assign: {}", stderr(&o));
    assert!(stdout(&o).contains("2020-09-15"), "three months by default: {}", stdout(&o));
    refused(&db, &["proposals", "rate", &id, "--rating", "满意"], "请先记录答复");
    let answer = dir.path().join("answer.txt");
    std::fs::write(&answer, "已增设信号灯并安排交警护学岗。").expect("answer");
    let o = huiwu(
        &db,
        &[
            "proposals",
            "answer",
            &id,
            "--class",
            "A",
            "--text-file",
            answer.to_str().expect("p"),
            "--date",
            "2020-08-01",
        ],
    );
    assert!(o.status.success(), "answer: {}", stderr(&o));
    let o = huiwu(&db, &["proposals", "rate", &id, "--rating", "满意", "--date", "2020-08-10"]);
    assert!(o.status.success(), "rate: {}", stderr(&o));

    let s = stats(&db);
    assert_eq!(
        (s["received"].as_u64(), s["filed"].as_u64(), s["answered"].as_u64()),
        (Some(203), Some(154), Some(154))
    );
    assert_eq!(s["filing_rate"].as_f64(), Some(75.9), "154 / 203");
    assert_eq!(s["rated"].as_u64(), Some(154));
    let shown = json(&db, &["proposals", "show", &id, "--json"]);
    assert_eq!(shown["stage"].as_str(), Some("rated"));
    assert_eq!(shown["lead_unit"].as_str(), Some("市教育体育局"));

    let o = huiwu(&db, &["proposals", "withdraw", &id, "--by", "提案人", "--reason", "问题已解决"]);
    assert!(o.status.success(), "withdraw: {}", stderr(&o));
    refused(&db, &["proposals", "visit", &id], "已撤案");
    let s = stats(&db);
    assert_eq!((s["received"].as_u64(), s["withdrawn"].as_u64()), (Some(202), Some(1)), "撤案 is counted apart");
}

#[test]
fn the_catalogue_a_letter_and_the_register_read_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path());
    let catalogue = dir.path().join("目录.pdf");
    let o =
        huiwu(&db, &["proposals", "export", "catalogue", "--session", "六届四次会议", catalogue.to_str().expect("p")]);
    assert!(o.status.success(), "catalogue: {}", stderr(&o));
    let letter = dir.path().join("交办函.pdf");
    let o = huiwu(
        &db,
        &[
            "proposals",
            "export",
            "letter",
            "--session",
            "六届四次会议",
            "--unit",
            "市财政局",
            letter.to_str().expect("p"),
        ],
    );
    assert!(o.status.success(), "letter: {}", stderr(&o));
    let register = dir.path().join("登记表.xlsx");
    let o =
        huiwu(&db, &["proposals", "export", "register", "--session", "六届四次会议", register.to_str().expect("p")]);
    assert!(o.status.success(), "register: {}", stderr(&o));
    let again =
        huiwu(&db, &["proposals", "export", "register", "--session", "六届四次会议", register.to_str().expect("p")]);
    assert!(!again.status.success() && stderr(&again).contains("--force"), "an existing file is kept");
    let wrong = dir.path().join("x.xlsx");
    let o = huiwu(&db, &["proposals", "export", "catalogue", "--session", "六届四次会议", wrong.to_str().expect("p")]);
    assert!(!o.status.success() && !wrong.exists(), "a catalogue is not a workbook; nothing written");

    if Command::new("pdftotext").arg("-v").output().map(|o| o.status.success()).unwrap_or(false) {
        let text = |p: &Path| {
            let o = Command::new("pdftotext").arg("-layout").arg(p).arg("-").output().expect("pdftotext");
            String::from_utf8_lossy(&o.stdout).replace(' ', "")
        };
        let c = text(&catalogue);
        assert!(c.contains("六届四次会议提案目录") && c.contains("共立案153件"), "catalogue title: {c:.400}");
        for cat in ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设", "其他"] {
            assert!(c.contains(cat), "category {cat} heads its group");
        }
        assert!(c.contains("第1号") && c.contains("第153号"), "numbers 1 to 153");
        let l = text(&letter);
        assert!(l.contains("关于交办六届四次会议提案的函") && l.contains("市财政局："), "letter: {l:.400}");
        assert!(
            l.contains("主办") && l.contains("政协安宁市委员会办公室"),
            "letter lists the proposals, signed: {l:.600}"
        );
    } else {
        crate::support::missing("pdftotext");
    }
    if let Some(py) = crate::support::python_with(&["openpyxl"]) {
        let script = "import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).active\nrows = list(ws.iter_rows(min_row=3, values_only=True))\nprint(ws['A1'].value)\nprint(len(rows))\nprint(sum(1 for r in rows if r[1]))\nprint(ws.cell(row=2, column=3).value)";
        let o = Command::new(py).arg("-c").arg(script).arg(&register).output().expect("python");
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            vec!["六届四次会议提案登记表", "202", "153", "案题"],
            "register: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn the_exported_register_imports_back_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path());
    let register = dir.path().join("登记表.xlsx");
    let o =
        huiwu(&db, &["proposals", "export", "register", "--session", "六届四次会议", register.to_str().expect("p")]);
    assert!(o.status.success(), "register: {}", stderr(&o));
    let preview = json(
        &db,
        &["proposals", "import", register.to_str().expect("p"), "--session", "六届五次会议", "--dry-run", "--json"],
    );
    assert_eq!(preview["rows"].as_array().map(Vec::len), Some(202), "every row of the register is read");
    assert_eq!(preview["problem_rows"].as_u64(), Some(0), "our own register reads back clean: {}", preview["rows"][0]);
    assert_eq!(audit_rows(&db), audit_rows(&db), "a dry run writes nothing");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "案题,提案人,类别,提交日期\n关于甲的建议,查无此人,社会建设,2021-02-01\n关于乙的建议,A6010,社会建设,2021-02-01\n").expect("csv");
    refused(&db, &["proposals", "import", bad.to_str().expect("p"), "--session", "六届五次会议"], "第2行");
    let o = huiwu(&db, &["proposals", "import", register.to_str().expect("p"), "--session", "六届五次会议"]);
    assert!(o.status.success(), "import: {}", stderr(&o));
    let s = json(&db, &["proposals", "stats", "--json", "--session", "六届五次会议"]);
    assert_eq!(
        (s["received"].as_u64(), s["received_collective"].as_u64()),
        (Some(202), Some(40)),
        "imported, awaiting review: {s}"
    );
    assert_eq!(s["pending_review"].as_u64(), Some(202));
}

#[test]
fn a_unit_is_renamed_and_stopped_from_the_cli_and_its_proposals_follow() {
    let dir = tempfile::tempdir().expect("dir");
    let db = demo(dir.path());
    let before = stats(&db)["by_unit"].as_array().expect("by_unit").iter().find(|r| r["label"] == "市财政局").cloned();
    let before = before.expect("市财政局 handles proposals in the demo");
    let o = huiwu(&db, &["proposals", "units", "update", "市财政局", "--name", "市财政局（国资委）", "--inactive"]);
    assert!(o.status.success(), "units update: {}", stderr(&o));
    assert!(stdout(&o).contains("已停用"), "says what became of it: {}", stdout(&o));
    let units = json(&db, &["proposals", "units", "list", "--json"]);
    let unit = units.as_array().expect("units").iter().find(|u| u["name"] == "市财政局（国资委）").cloned();
    assert_eq!(unit.map(|u| u["active"].clone()), Some(Value::Bool(false)), "renamed and stopped, not deleted");
    let after =
        stats(&db)["by_unit"].as_array().expect("by_unit").iter().find(|r| r["label"] == "市财政局（国资委）").cloned();
    assert_eq!(after.map(|r| r["count"].clone()), Some(before["count"].clone()), "its proposals go with the new name");
    let id = json(
        &db,
        &[
            "proposals",
            "add",
            "--session",
            "六届四次会议",
            "--title",
            "关于甲的建议",
            "--category",
            "其他",
            "--submitter",
            "A6010",
            "--json",
        ],
    )["id"]
        .as_i64()
        .expect("id");
    let o = huiwu(&db, &["proposals", "review", &id.to_string(), "--file"]);
    assert!(o.status.success(), "review: {}", stderr(&o));
    refused(&db, &["proposals", "assign", &id.to_string(), "--lead", "市财政局（国资委）"], "已停用");
    refused(&db, &["proposals", "units", "update", "市财政局（国资委）", "--name", "市民政局"], "已在名单中");
    let o = huiwu(&db, &["proposals", "units", "update", "市财政局（国资委）", "--active"]);
    assert!(o.status.success() && stdout(&o).contains("使用中"), "back in use: {}", stderr(&o));
}
