//! Minutes (纪要) end to end: attendance records made through the core, the minutes saved and
//! exported by `huiwu minutes …` headless, the PDF read back with pdftotext and the DOCX with
//! python-docx (each skipped with a notice when the tool is missing; CI installs poppler-utils,
//! qpdf and python3-docx).

use std::path::Path;
use std::process::Command;

use huiwu_core::attendance::{
    import_events, record_leave, AttendanceEventKind, LeaveInput, LeaveKind, PersonKind, PersonRef,
};
use huiwu_core::meetings::{self, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::{self, InviteeInput, MemberInput, Role};
use huiwu_core::Db;

use crate::cli::{huiwu, stderr, stdout};

/// A chair's council sitting with four members present, one on leave and one invitee.
fn committee_file(path: &Path) -> (i64, i64) {
    let mut db = Db::create(path).expect("db");
    huiwu_core::committee::create(&mut db, &huiwu_core::demo::demo_committee()).expect("committee");
    let people = [
        ("A1", "姚涵刚", Role::Chair),
        ("A2", "陈喆", Role::ViceChair),
        ("A3", "李堃", Role::ViceChair),
        ("A4", "周𠮷祥", Role::Member),
        ("A5", "王五", Role::Member),
    ];
    let ids: Vec<i64> = people
        .iter()
        .map(|(no, name, role)| {
            roster::create(
                &mut db,
                &MemberInput {
                    member_no: Some((*no).into()),
                    name: (*name).into(),
                    role: *role,
                    joined_on: "2017-01-10".into(),
                    ..Default::default()
                },
            )
            .expect("member")
            .id
        })
        .collect();
    let invitee = roster::create_invitee(&mut db, &InviteeInput { name: "刘燊".into(), ..Default::default() })
        .expect("invitee")
        .id;
    let meeting = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::ChairsCouncil,
            title: "六届第十二次主席会议".into(),
            session_id: None,
            ordinal: Some(12),
            topical: false,
            enlarged: false,
            start_date: "2021-01-05".into(),
            end_date: String::new(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting")
    .id;
    let sitting = meetings::create_sitting(
        &mut db,
        &SittingInput {
            start_time: "09:00".into(),
            invitee_ids: vec![invitee],
            ..SittingInput::new(meeting, "主席会议", SittingKind::Other, "2021-01-05", HalfDay::Am)
        },
    )
    .expect("sitting")
    .id;
    record_leave(
        &mut db,
        &LeaveInput {
            member_id: ids[4],
            kind: LeaveKind::Sick,
            kind_label: String::new(),
            reason: "住院".into(),
            approver: "姚涵刚".into(),
            sitting_ids: vec![sitting],
            part: false,
            from_time: None,
            to_time: None,
            entered: None,
        },
    )
    .expect("leave");
    let at = chrono_like(2021, 1, 5, 8, 50);
    let mut entries: Vec<_> = ids[..4]
        .iter()
        .map(|id| (PersonRef { kind: PersonKind::Member, id: *id }, AttendanceEventKind::CheckIn, at))
        .collect();
    entries.push((PersonRef { kind: PersonKind::Invitee, id: invitee }, AttendanceEventKind::CheckIn, at));
    import_events(&mut db, sitting, &entries).expect("check in");
    (meeting, sitting)
}

fn chrono_like(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("time")
}

fn have(tool: &str, arg: &str) -> bool {
    let ok = Command::new(tool).arg(arg).output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        crate::support::missing(tool);
    }
    ok
}

#[test]
fn minutes_are_saved_and_exported_headless_with_the_attendance_block_from_the_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("c.db");
    let (meeting, sitting) = committee_file(&db);
    let body = dir.path().join("body.txt");
    std::fs::write(&body, "会议听取了关于六届五次会议筹备情况的汇报。\n一、会议认为\n筹备工作扎实有序。\n（一）会议决定。2021年1月19日召开六届五次会议。").expect("body");
    let s = sitting.to_string();
    let o =
        huiwu(&db, &["minutes", "save", "--sitting", &s, "--issue", "3", "--body-file", body.to_str().expect("path")]);
    assert!(o.status.success(), "save: {}", stderr(&o));

    let o = huiwu(&db, &["minutes", "list", "--json"]);
    assert!(o.status.success(), "list: {}", stderr(&o));
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1), "one saved minutes: {list}");
    assert_eq!(list[0]["sitting_id"].as_i64(), Some(sitting), "of the sitting: {list}");
    assert_eq!(list[0]["of_meeting_id"].as_i64(), Some(meeting), "in its meeting: {list}");
    assert_eq!(list[0]["issue_number"].as_u64(), Some(3), "the issue saved: {list}");
    assert_eq!(list[0]["paragraphs"].as_u64(), Some(4), "four paragraphs: {list}");
    let o = huiwu(&db, &["minutes", "list"]);
    assert!(stdout(&o).contains("安宁市政协主席会议纪要第3期\t"), "the list line names mark and issue: {}", stdout(&o));
    assert!(stdout(&o).contains(&format!("--sitting {sitting}")), "and how to export it: {}", stdout(&o));

    let pdf = dir.path().join("纪要.pdf");
    let o = huiwu(&db, &["minutes", "export", "--sitting", &s, pdf.to_str().expect("path"), "--json"]);
    assert!(o.status.success(), "export pdf: {}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(report["pages"].as_u64().unwrap_or(0) >= 1, "pages reported: {report}");
    assert_eq!(report["warnings"].as_array().map(Vec::len), Some(0), "no missing characters");
    let o = huiwu(&db, &["minutes", "export", "--sitting", &s, pdf.to_str().expect("path")]);
    assert!(!o.status.success(), "an existing file is not overwritten without --force");

    if have("pdftotext", "-v") {
        let out = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
        let text: String = String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            text.starts_with("安宁市政协主席会议纪要（第3期）政协安宁市委员会办公室2021年1月5日"),
            "header: {text}"
        );
        assert!(
            text.contains("出席：姚涵刚、李堃、陈喆、周𠮷祥请假：王五列席：刘燊"),
            "attendance block from the records, by role then strokes: {text}"
        );
        assert!(text.contains("（一）会议决定。2021年1月19日召开六届五次会议。"), "body: {text}");
    }

    let docx = dir.path().join("纪要.docx");
    let o = huiwu(&db, &["minutes", "export", "--sitting", &s, docx.to_str().expect("path")]);
    assert!(o.status.success(), "export docx: {}", stderr(&o));
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
fonts = set()
for p in d.paragraphs:
    for r in p.runs:
        f = r._r.rPr.rFonts if r._r.rPr is not None else None
        if f is not None and f.get(W + 'eastAsia'):
            fonts.add((f.get(W + 'eastAsia'), r.font.size.pt if r.font.size else None))
print(round(s.top_margin.mm), round(s.left_margin.mm), round(s.page_width.mm), round(s.page_height.mm))
print(sorted(fonts))
print('|'.join(p.text for p in d.paragraphs))
print('|'.join(p.text for p in d.paragraphs if p.paragraph_format.keep_with_next))
"#;
    if let Some(python) = crate::support::python_with(&["docx"]) {
        let o = Command::new(python).args(["-c", script]).arg(&docx).output().expect("python");
        assert!(o.status.success(), "python-docx reads the file: {}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "37 28 210 297", "A4 with the GB/T 9704 margins");
        for want in [
            "('仿宋_GB2312', 16.0)",
            "('黑体', 16.0)",
            "('楷体_GB2312', 16.0)",
            "('方正小标宋简体', 36.0)",
            "('仿宋_GB2312', 14.0)",
        ] {
            assert!(lines[1].contains(want), "DOCX names {want}: {}", lines[1]);
        }
        assert!(lines[2].contains("出席：姚涵刚、李堃、陈喆、周𠮷祥"), "attendance in the DOCX: {}", lines[2]);
        assert_eq!(lines[3], "一、会议认为", "a heading alone keeps with the next paragraph in Word/WPS too");
    }

    let o = huiwu(
        &db,
        &["minutes", "export", "--meeting", &meeting.to_string(), dir.path().join("m.pdf").to_str().expect("path")],
    );
    assert!(!o.status.success(), "no minutes saved for the whole meeting");
    let err = stderr(&o);
    assert!(err.contains("错误") && err.contains("not_found"), "Chinese and English error: {err}");
}
