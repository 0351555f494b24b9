//! The year in numbers headless: `huiwu year --year 2020 --json` on a fresh demo gives the work
//! report's figures (DESIGN.md §6), the data section exports as DOCX (read back with python-docx)
//! and PDF, `huiwu member-record` gives a member's record as JSON and PDF; mistakes exit non-zero
//! in Chinese and English and write nothing.

use std::process::Command;

use crate::cli::{huiwu, stderr, stdout};

#[test]
fn the_years_figures_and_the_data_section_come_from_the_demos_records() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    let o = huiwu(&db, &["demo"]);
    assert!(o.status.success(), "demo: {}", stderr(&o));

    let o = huiwu(&db, &["year", "--year", "2020", "--json"]);
    assert!(o.status.success(), "year --json: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let f = &v["figures"];
    for (key, want) in [
        ("study_group_meetings", 9),
        ("party_group_meetings", 8),
        ("standing_committee_meetings", 9),
        ("chairs_council_meetings", 9),
        ("plenary_opinions_government", 55),
        ("plenary_opinions_court", 24),
        ("plenary_opinions_procuratorate", 25),
        ("topical_standing_committee_meetings", 3),
        ("topical_standing_committee_items", 95),
        ("topical_consultations", 4),
        ("topical_consultation_items", 164),
        ("forums", 9),
        ("grassroots_activities", 15),
        ("research_topics", 4),
        ("inspection_topics", 5),
        ("delegations", 13),
        ("delegation_person_times", 196),
        ("training_person_times", 86),
        ("members_trained", 77),
        ("party_committee_reports", 2),
        ("members_standing_resigned", 1),
        ("members_resigned", 7),
        ("members_revoked", 1),
        ("members_suspended", 1),
        ("proposals_received", 202),
        ("proposals_received_collective", 40),
        ("proposals_received_members", 162),
        ("proposals_filed", 153),
        ("proposals_filed_collective", 36),
        ("proposals_filed_members", 117),
        ("proposals_not_filed", 49),
        ("sqmy_items", 82),
        ("sqmy_issues", 54),
    ] {
        assert_eq!(f[key], serde_json::json!(want), "figure {key}");
    }
    assert_eq!(f["proposals_filing_rate"], serde_json::json!(75.7), "立案率");
    assert_eq!(f["proposals_satisfaction_rate"], serde_json::json!(100.0), "满意率");
    assert_eq!(v["period"]["from"], "2020-01-01");

    let o = huiwu(&db, &["year", "--year", "2020", "--records", "research_topics", "--json"]);
    assert!(o.status.success(), "records: {}", stderr(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(4), "the four research topics behind the figure");

    let docx = dir.path().join("数据部分.docx");
    let o = huiwu(&db, &["year", "--year", "2020", "--export", docx.to_str().expect("path")]);
    assert!(o.status.success(), "export docx: {}", stderr(&o));
    let o = huiwu(&db, &["year", "--year", "2020", "--export", docx.to_str().expect("path")]);
    assert!(!o.status.success(), "an existing file is kept without --force");
    assert!(stderr(&o).contains("错误") && stderr(&o).contains("error ["), "Chinese and English: {}", stderr(&o));
    let pdf = dir.path().join("数据部分.pdf");
    let o = huiwu(&db, &["year", "--year", "2020", "--export", pdf.to_str().expect("path")]);
    assert!(o.status.success() && stdout(&o).contains("页"), "export pdf: {}", stderr(&o));
    if let Some(python) = crate::support::python_with(&["docx"]) {
        let script =
            "import docx, sys\nd = docx.Document(sys.argv[1])\nprint('\\n'.join(p.text for p in d.paragraphs))\n\
                      print('ROWS', sum(len(t.rows) for t in d.tables))";
        let o = Command::new(python).args(["-c", script]).arg(&docx).output().expect("python");
        assert!(o.status.success(), "python-docx reads it: {}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            text.contains(
                "一年来，共组织开展理论学习中心组学习9次，召开市政协党组会议8次、常委会会议9次、主席（扩大）会议9次"
            ),
            "the meetings sentence: {text}"
        );
        assert!(
            text.contains("召开专题议政性常委会3次，形成意见建议95条；召开专题协商会4次，形成意见建议164条"),
            "{text}"
        );
        assert!(text.contains("接待考察团组13批196人次"), "{text}");
        assert!(
            text.contains(
                "经审查立案153件，立案率75.7%，其中，集体提案36件，占立案总数的23.5%；委员提案117件，占立案总数的76.5%"
            ),
            "the proposals' sentence: {text}"
        );
        assert!(text.contains("共收集社情民意信息82条，编发《社情民意》54期"), "{text}");
        assert!(text.contains("ROWS 64"), "a header, 9 section rows and 54 figures: {text}");
    }
}

#[test]
fn a_members_record_headless_and_the_mistakes_a_clerk_makes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success());
    let o = huiwu(&db, &["member-record", "A6010", "--year", "2020", "--json"]);
    assert!(o.status.success(), "member-record: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["name"], "夏云远");
    assert!(v["attendance"]["counts"]["expected"].as_u64().unwrap_or(0) > 0, "attendance over the year's sittings");
    assert!(!v["items"].as_array().expect("items").is_empty(), "the 意见建议 a standing member raised");
    let pdf = dir.path().join("第一组.pdf");
    let o = huiwu(&db, &["member-record", "--group", "第一组", "--year", "2020", "--export", pdf.to_str().expect("p")]);
    assert!(o.status.success() && pdf.exists(), "group export: {}", stderr(&o));

    let o = huiwu(&db, &["year", "--json"]);
    assert!(!o.status.success() && stderr(&o).contains("统计期间"), "no period: {}", stderr(&o));
    let bad = dir.path().join("x.docx");
    let o = huiwu(&db, &["member-record", "A6010", "--year", "2020", "--export", bad.to_str().expect("p")]);
    assert!(!o.status.success() && !bad.exists(), "the record prints as PDF only, nothing written");
    let o = huiwu(&db, &["year", "--year", "2020", "--records", "no_such_figure"]);
    assert!(!o.status.success() && stderr(&o).contains("统计项"), "{}", stderr(&o));
    let o = huiwu(&db, &["member-record", "查无此人", "--year", "2020"]);
    assert!(!o.status.success(), "nobody matches");
}
