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

/// `huiwu point-rules` sets the committee's rules (by key or name, checked, refused in Chinese),
/// and `huiwu member-record --json` then lists a member's proposals (first submitter, filed, and
/// 联名, not filed) and 社情民意 items (adopted) and scores them; the PDF prints them and the rules.
#[test]
fn point_rules_headless_and_a_record_with_proposals_and_sqmy() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    assert!(huiwu(&db, &["demo"]).status.success());
    let o = huiwu(&db, &["point-rules", "--json"]);
    assert!(o.status.success(), "point-rules: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["enabled"], false, "the demo scores nothing until rules are set");

    let o = huiwu(&db, &["point-rules", "--set", "present=两分"]);
    assert!(!o.status.success(), "not a number");
    assert!(stderr(&o).contains("出席会议每场次：“两分”不是分值"), "{}", stderr(&o));
    let o = huiwu(&db, &["point-rules", "--set", "present"]);
    assert!(!o.status.success() && stderr(&o).contains("应写作 项=分值"), "{}", stderr(&o));

    let o = huiwu(
        &db,
        &[
            "point-rules",
            "--set",
            "present=2",
            "--set",
            "无故缺席=-3",
            "--set",
            "proposal_filed=3",
            "--set",
            "proposal_joint=1",
            "--set",
            "sqmy_adopted=2",
            "--json",
        ],
    );
    assert!(o.status.success(), "set: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["enabled"], true, "setting a rule turns scoring on");
    assert_eq!(
        v["lines"],
        serde_json::json!([
            "出席会议每场次加2分",
            "无故缺席每场次扣3分",
            "作为第一提案人的提案立案每件加3分",
            "联名提案立案每件加1分",
            "社情民意信息被采用每条加2分"
        ])
    );

    // 周秀浩 (A6021): 第17号 as first submitter, a joined proposal not filed, two items adopted.
    let o = huiwu(&db, &["member-record", "A6021", "--year", "2020", "--json"]);
    assert!(o.status.success(), "member-record: {}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let proposals: Vec<(String, String, String, bool)> = r["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            (s("role"), s("number"), s("status"), p["filed"].as_bool().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        proposals,
        vec![
            ("第一提案人".to_string(), "第17号".to_string(), proposals[0].2.clone(), true),
            ("联名".to_string(), String::new(), "不予立案".to_string(), false),
        ],
        "{r}"
    );
    let sqmy = r["sqmy"].as_array().expect("sqmy");
    assert_eq!(sqmy.len(), 2, "{r}");
    assert_eq!(sqmy[0]["outcome"], "中共安宁市委办公室采用，市政府分管领导批示");
    assert_eq!(sqmy[1]["adopted_by"], serde_json::json!(["省政协办公厅"]));
    assert_eq!(r["proposals_line"], "提交提案2件（第一提案人1件，联名1件），立案1件；报送社情民意信息2条，被采用2条。");
    let c = &r["attendance"]["counts"];
    let (present, absent) = (c["present"].as_f64().expect("present"), c["absent"].as_f64().expect("absent"));
    let score = &r["score"];
    let lines: Vec<(String, u64, f64)> = score["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            let what = l["what"].as_str().unwrap_or_default().to_string();
            (what, l["count"].as_u64().unwrap_or(99), l["points"].as_f64().unwrap_or(f64::NAN))
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("出席会议".to_string(), present as u64, 2.0 * present),
            ("无故缺席".to_string(), absent as u64, -3.0 * absent),
            ("提案立案（第一提案人）".to_string(), 1, 3.0),
            ("提案立案（联名）".to_string(), 0, 0.0),
            ("社情民意信息被采用".to_string(), 2, 4.0),
        ]
    );
    assert_eq!(score["total"].as_f64(), Some(2.0 * present - 3.0 * absent + 3.0 + 4.0));

    let pdf = dir.path().join("周秀浩.pdf");
    let o = huiwu(&db, &["member-record", "A6021", "--year", "2020", "--export", pdf.to_str().expect("p")]);
    assert!(o.status.success() && pdf.exists(), "export: {}", stderr(&o));
    if Command::new("pdftotext").arg("-v").output().is_ok_and(|o| o.status.success()) {
        let out = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
        let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<String>();
        for want in [
            "三、提案和社情民意信息",
            "关于缓解中心城区停车难的建议（第一提案人；第17号",
            "积分规则：",
            "社情民意信息被采用每条加2分",
        ] {
            assert!(text.contains(want), "the PDF prints {want}: {text}");
        }
    } else {
        crate::support::missing("pdftotext");
    }

    let o = huiwu(&db, &["point-rules", "--off"]);
    assert!(o.status.success() && stdout(&o).contains("不计分"), "{}", stdout(&o));
    let o = huiwu(&db, &["member-record", "A6021", "--year", "2020", "--json"]);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(r["score"].is_null(), "no score once scoring is off");
}
