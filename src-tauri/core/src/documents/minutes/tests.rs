use super::*;
use crate::attendance::{
    import_events, record_leave, AttendanceEventKind, LeaveInput, LeaveKind, PersonKind, PersonRef,
};
use crate::documents::Format;
use crate::meetings::{HalfDay, MeetingInput, SittingInput, SittingKind};
use crate::roster::{self, InviteeInput, MemberInput, Role};

fn member(db: &mut Db, no: &str, name: &str, role: Role) -> i64 {
    roster::create(
        db,
        &MemberInput {
            member_no: Some(no.into()),
            name: name.into(),
            group: Some("第一组".into()),
            sector: Some("中共".into()),
            role,
            joined_on: "2017-01-10".into(),
            ..Default::default()
        },
    )
    .expect("member")
    .id
}

/// A chair's council sitting: five members, one on leave, one invitee.
fn fixture() -> (Db, i64, i64) {
    let mut db = Db::open_in_memory().expect("db");
    crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
    let people = [
        ("A1", "王五", Role::Member),
        ("A2", "周𠮷祥", Role::Standing),
        ("A3", "李堃", Role::ViceChair),
        ("A4", "姚涵刚", Role::Chair),
        ("A5", "丁一", Role::Member),
        ("A6", "陈喆", Role::ViceChair),
    ];
    let ids: Vec<i64> = people.iter().map(|p| member(&mut db, p.0, p.1, p.2)).collect();
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
            kind: LeaveKind::Official,
            kind_label: String::new(),
            reason: "外出公务".into(),
            approver: "姚涵刚".into(),
            sitting_ids: vec![sitting],
            part: false,
            from_time: None,
            to_time: None,
            entered: None,
        },
    )
    .expect("leave");
    let at = chrono::NaiveDate::from_ymd_opt(2021, 1, 5).and_then(|d| d.and_hms_opt(8, 50, 0)).expect("time");
    let mut entries: Vec<(PersonRef, AttendanceEventKind, chrono::NaiveDateTime)> = ids
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 4)
        .map(|(_, id)| (PersonRef { kind: PersonKind::Member, id: *id }, AttendanceEventKind::CheckIn, at))
        .collect();
    entries.push((PersonRef { kind: PersonKind::Invitee, id: invitee }, AttendanceEventKind::CheckIn, at));
    import_events(&mut db, sitting, &entries).expect("check in");
    (db, meeting, sitting)
}

#[test]
fn draft_save_and_attendance_block_follow_the_records() {
    let (mut db, meeting, sitting) = fixture();
    let draft = draft(db.conn(), Target::Sitting(sitting)).expect("draft");
    assert_eq!(draft.mark, "安宁市政协主席会议纪要", "mark from the meeting kind");
    assert_eq!(draft.office, "政协安宁市委员会办公室", "office from the committee");
    assert_eq!(draft.date, "2021-01-05");
    assert_eq!(draft.issue_number, Some(1), "first issue of this mark");

    let by_role = attendance_for(db.conn(), Target::Sitting(sitting), AttendanceOrder::RoleStrokes).expect("names");
    // 主席 姚涵刚; 副主席 李堃 (7 strokes) before 陈喆 (7 then 12 vs 李7 堃11); 常委 周𠮷祥; 委员 王五.
    assert_eq!(by_role.present, vec!["姚涵刚", "李堃", "陈喆", "周𠮷祥", "王五"], "role, then strokes");
    assert_eq!(by_role.on_leave, vec!["丁一"], "the member on leave");
    assert_eq!(by_role.invitees, vec!["刘燊"], "the invitee present");
    let by_roster = attendance_for(db.conn(), Target::Sitting(sitting), AttendanceOrder::Roster).expect("names");
    assert_eq!(by_roster.present, vec!["王五", "周𠮷祥", "李堃", "姚涵刚", "陈喆"], "roster order");

    let mut input = draft.clone();
    input.body = "会议认为，要加强学习。\n会议决定，召开常委会会议。".into();
    let saved = save(&mut db, &input).expect("save");
    assert_eq!(find(db.conn(), Target::Sitting(sitting)).expect("find"), Some(saved.clone()));
    input.issue_number = Some(2);
    let again = save(&mut db, &input).expect("update");
    assert_eq!(again.id, saved.id, "one minutes per sitting: saved again, not duplicated");
    let audits: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'minutes'", [], |r| r.get(0))
        .expect("audit");
    assert_eq!(audits, 2, "create and update are audited");
    assert!(
        save(&mut db, &MinutesInput { mark: "主席会议".into(), ..input.clone() }).is_err(),
        "a mark ends with 纪要"
    );
    assert!(
        save(&mut db, &MinutesInput { meeting_id: Some(meeting), ..input.clone() }).is_err(),
        "sitting and meeting together are refused"
    );

    let pdf = export(db.conn(), Target::Sitting(sitting), Format::Pdf).expect("pdf");
    assert!(pdf.bytes.starts_with(b"%PDF") && pdf.warnings.is_empty(), "PDF without missing characters");
    let docx = export(db.conn(), Target::Sitting(sitting), Format::Docx).expect("docx");
    assert!(docx.bytes.starts_with(b"PK"), "DOCX written");
    let err = export(db.conn(), Target::Meeting(meeting), Format::Pdf).expect_err("no minutes of the meeting yet");
    assert_eq!(err.code(), "not_found");
    let whole = attendance_for(db.conn(), Target::Meeting(meeting), AttendanceOrder::RoleStrokes).expect("meeting");
    assert_eq!(whole.present.len(), 5, "the meeting's roll call joins its sittings");
    let preview = preview_source(db.conn(), &input).expect("preview").lay_out().expect("laid out");
    assert_eq!(preview.pages as usize, pdf.pages, "the preview shows the PDF's pages");
}

#[test]
fn entries_list_saved_minutes_with_their_meeting_and_sitting_newest_first() {
    let (mut db, meeting, sitting) = fixture();
    assert!(entries(db.conn()).expect("entries").is_empty(), "no minutes yet");
    let mut of_sitting = draft(db.conn(), Target::Sitting(sitting)).expect("draft");
    of_sitting.body = "会议认为，要加强学习。\n\n一、关于学习\n会议决定，召开常委会会议。\n".into();
    let s = save(&mut db, &of_sitting).expect("minutes of the sitting");
    let mut of_meeting = draft(db.conn(), Target::Meeting(meeting)).expect("draft");
    assert_eq!(of_meeting.issue_number, Some(2), "the next issue of the same mark");
    of_meeting.date = "2021-01-06".into();
    let m = save(&mut db, &of_meeting).expect("minutes of the meeting");

    let list = entries(db.conn()).expect("entries");
    assert_eq!(list.iter().map(|e| e.id).collect::<Vec<_>>(), vec![m.id, s.id], "newest date first");
    let whole = &list[0];
    assert_eq!(whole.meeting_title, "六届第十二次主席会议", "the meeting's title");
    assert_eq!(whole.meeting_kind, "主席会议", "the meeting kind's label");
    assert_eq!((whole.of_meeting_id, whole.meeting_id, whole.sitting_id), (meeting, Some(meeting), None));
    assert_eq!(whole.sitting_title, None, "minutes of a whole meeting name no sitting");
    assert_eq!(whole.sitting_when, None);
    assert_eq!(whole.issue_number, Some(2));
    let one = &list[1];
    assert_eq!(one.of_meeting_id, meeting, "a sitting's minutes belong to the sitting's meeting");
    assert_eq!(one.meeting_title, "六届第十二次主席会议");
    assert_eq!(one.sitting_title.as_deref(), Some("主席会议"), "the sitting's title");
    assert_eq!(one.sitting_when.as_deref(), Some("2021-01-05 上午"), "the sitting's date and half day");
    assert_eq!(one.paragraphs, 3, "blank lines are not paragraphs");
    assert_eq!(one.mark, "安宁市政协主席会议纪要");
    assert_eq!(one.updated_at, s.updated_at);

    delete(&mut db, m.id).expect("delete");
    assert_eq!(entries(db.conn()).expect("entries").len(), 1, "deleted minutes leave the list");
}

#[test]
fn targets_put_the_newest_meeting_first_and_mark_what_has_minutes() {
    let (mut db, meeting, sitting) = fixture();
    let later = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::StandingCommittee,
            title: "六届第二十次常委会会议".into(),
            session_id: None,
            ordinal: Some(20),
            topical: false,
            enlarged: false,
            start_date: "2021-03-01".into(),
            end_date: String::new(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting")
    .id;
    let before = targets(db.conn()).expect("targets");
    assert_eq!(before.iter().map(|t| t.meeting_id).collect::<Vec<_>>(), vec![later, meeting], "newest first");
    assert_eq!(before[0].meeting_kind, "常委会会议");
    assert!(before[0].sittings.is_empty(), "the later meeting has no sittings");
    assert_eq!(before[1].sittings.len(), 1);
    assert_eq!(before[1].sittings[0].half_day, "上午", "the half day's label");
    assert!(!before[1].sittings[0].has_minutes, "nothing saved yet");

    let mut input = draft(db.conn(), Target::Sitting(sitting)).expect("draft");
    input.body = "会议认为。".into();
    save(&mut db, &input).expect("save");
    let after = targets(db.conn()).expect("targets");
    assert!(after[1].sittings[0].has_minutes, "the sitting now has minutes");
    assert!(!after[1].has_minutes, "the whole meeting still has none");
}

#[test]
fn saved_minutes_export_by_id_under_their_file_name() {
    let (mut db, _meeting, sitting) = fixture();
    let mut input = draft(db.conn(), Target::Sitting(sitting)).expect("draft");
    input.body = "会议决定，召开常委会会议。".into();
    let saved = save(&mut db, &input).expect("save");
    let back: MinutesInput = saved.clone().into();
    assert_eq!(back, normalise(&input).expect("normalised"), "saved minutes come back as the editor's form");

    let (pdf, name) = export_saved(db.conn(), saved.id, Format::Pdf).expect("pdf");
    assert_eq!(name, "安宁市政协主席会议纪要第1期-2021-01-05.pdf");
    assert!(pdf.bytes.starts_with(b"%PDF") && pdf.pages == 1, "a one-page PDF");
    let (docx, name) = export_saved(db.conn(), saved.id, Format::Docx).expect("docx");
    assert_eq!(name, "安宁市政协主席会议纪要第1期-2021-01-05.docx");
    assert!(docx.bytes.starts_with(b"PK"), "a DOCX");
    let err = export_saved(db.conn(), saved.id + 100, Format::Pdf).expect_err("no such minutes");
    assert_eq!(err.code(), "not_found");

    let odd = MinutesInput { mark: "会议/纪要".into(), issue_number: None, ..input };
    assert_eq!(file_name(&odd, Format::Pdf), "会议_纪要-2021-01-05.pdf", "no issue, no path separator");
}

#[test]
fn control_characters_in_a_body_never_reach_the_docx() {
    let (mut db, _, sitting) = fixture();
    let mut input = draft(db.conn(), Target::Sitting(sitting)).expect("draft");
    input.body = "会议认为，\u{b}要加强学习。\u{c}\n会议决定，\u{1f}召开常委会\u{0}会议。".into();
    input.office = "政协安宁市委员会\u{7}办公室".into();
    let saved = save(&mut db, &input).expect("save");
    assert_eq!(
        saved.body, "会议认为，\n要加强学习。\n\n会议决定，召开常委会会议。",
        "vertical tab and form feed are line breaks, other controls are dropped"
    );
    assert_eq!(saved.office, "政协安宁市委员会办公室");
    let docx = export(db.conn(), Target::Sitting(sitting), Format::Docx).expect("docx");
    crate::testxml::assert_well_formed(&docx.bytes, "saved minutes");
    // Unsaved text straight from the editor (the preview and export of a draft) is cleaned too.
    let unsaved = render_input(db.conn(), &input, Format::Docx).expect("docx of the draft");
    crate::testxml::assert_well_formed(&unsaved.bytes, "draft minutes");
}

#[test]
fn the_body_summary_counts_paragraphs_headings_and_characters_as_the_document_is_built() {
    assert_eq!(super::body_summary("一、总体\n\n会议认为。\n（一）学习"), "3 段，其中标题 2 个，共 14 字");
    assert_eq!(super::body_summary("周𠮷祥"), "1 段，其中标题 0 个，共 3 字", "a character outside the BMP is one");
    assert_eq!(super::body_summary("1.5亿元用于\n3.完善制度\n（4）细则"), "3 段，其中标题 2 个，共 18 字");
}
