//! Merged cells, the limits on what is read, and what the preview flags for a clerk.

use super::limits::{MAX_FILE_BYTES, MAX_ROWS};
use super::*;
use crate::roster::{self, MemberInput};
use rust_xlsxwriter::{Format, Workbook};

fn warnings_of(p: &ImportPreview) -> Vec<String> {
    p.problems.iter().filter(|x| x.level == ProblemLevel::Warning).map(ToString::to_string).collect()
}

/// A roster with one merged cell per group over 界别 and 小组, as secretariats keep them.
fn merged_xlsx(with_gap: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 4, "委员名册", &f).expect("title");
    for (i, h) in ["序号", "姓名", "性别", "界别", "小组"].iter().enumerate() {
        ws.write_string(1, i as u16, *h).expect("head");
    }
    let names = ["王芳", "张伟", "李明", "赵丽", "钱多", "孙红"];
    for (i, n) in names.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).expect("no");
        ws.write_string(r, 1, *n).expect("name");
        ws.write_string(r, 2, "男").expect("gender");
    }
    // 界别: rows 3–5 经济界, rows 6–7 教育界 (Excel rows); 小组: rows 3–7 第一组.
    ws.merge_range(2, 3, 4, 3, "经济界", &f).expect("sector merge");
    ws.merge_range(5, 3, 6, 3, "教育界", &f).expect("sector merge 2");
    ws.merge_range(2, 4, 6, 4, "第一组", &f).expect("group merge");
    if !with_gap {
        ws.write_string(7, 3, "妇联").expect("sector");
        ws.write_string(7, 4, "第二组").expect("group");
    }
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn a_merged_cell_gives_its_value_to_every_row_it_spans() {
    let mut db = Db::open_in_memory().expect("db");
    let p = preview(db.conn(), &merged_xlsx(false), "合并.xlsx", &ImportOptions::default()).expect("preview");
    let got: Vec<(&str, Option<&str>, Option<&str>)> = p
        .rows
        .iter()
        .map(|r| (r.member.name.as_str(), r.member.sector.as_deref(), r.member.group.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("王芳", Some("经济界"), Some("第一组")),
            ("张伟", Some("经济界"), Some("第一组")),
            ("李明", Some("经济界"), Some("第一组")),
            ("赵丽", Some("教育界"), Some("第一组")),
            ("钱多", Some("教育界"), Some("第一组")),
            ("孙红", Some("妇联"), Some("第二组")),
        ],
        "every row of a merge has the merged value"
    );
    assert!(warnings_of(&p).is_empty(), "nothing is empty: {:?}", warnings_of(&p));
    import(&mut db, &merged_xlsx(false), "合并.xlsx", &ImportOptions::default()).expect("import");
    let empty: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM members WHERE sector_id IS NULL OR group_id IS NULL", [], |r| r.get(0))
        .expect("count");
    assert_eq!(empty, 0, "no member lost a sector or a group");
}

#[test]
fn a_required_column_left_empty_is_named_by_row_and_column() {
    let db = Db::open_in_memory().expect("db");
    let p = preview(db.conn(), &merged_xlsx(true), "缺界别.xlsx", &ImportOptions::default()).expect("preview");
    let w = warnings_of(&p);
    assert!(w.iter().any(|x| x.contains("第8行 界别（D列）") && x.contains("界别为空")), "{w:?}");
    assert!(w.iter().any(|x| x.contains("第8行 小组（E列）") && x.contains("小组为空")), "{w:?}");
    assert_eq!(p.warned, 1, "one row to look at");
    assert_eq!(p.invalid, 0, "a warning, not an error: the row can still be imported");
    let csv = "姓名,性别\n王芳,女\n";
    let p = preview(db.conn(), csv.as_bytes(), "无界别.csv", &ImportOptions::default()).expect("preview");
    assert!(warnings_of(&p).iter().any(|x| x.contains("没有“界别”列") && x.contains("1 名")), "{:?}", p.problems);
}

#[test]
fn a_seat_taken_in_the_file_or_on_the_roster_is_flagged() {
    let mut db = Db::open_in_memory().expect("db");
    for (no, name, seat) in [("A1", "老委员", "1排1号"), ("A2", "换座委员", "1排2号")] {
        roster::create(
            &mut db,
            &MemberInput {
                member_no: Some(no.into()),
                name: name.into(),
                seat: seat.into(),
                sector: Some("经济界".into()),
                joined_on: "2017-01-10".into(),
                ..Default::default()
            },
        )
        .expect("member");
    }
    // 张伟 takes 老委员's seat; 李明 and 赵丽 share one; 换座委员 moves away, so 钱多 may have 1排2号.
    let csv = "委员编号,姓名,界别,座位号\nB1,张伟,经济界,1排1号\nB2,李明,经济界,2排5号\nB3,赵丽,经济界,2排5号\nA2,换座委员,经济界,3排1号\nB4,钱多,经济界,1排2号\n";
    let p = preview(db.conn(), csv.as_bytes(), "座位.csv", &ImportOptions::default()).expect("preview");
    let w = warnings_of(&p);
    assert!(w.iter().any(|x| x.contains("第2行") && x.contains("名册中的老委员（A1）")), "{w:?}");
    assert!(w.iter().any(|x| x.contains("第3行") && x.contains("第4行的赵丽")), "{w:?}");
    assert!(w.iter().any(|x| x.contains("第4行") && x.contains("第3行的李明")), "{w:?}");
    assert!(!w.iter().any(|x| x.contains("第6行")), "a seat freed in the same file is free: {w:?}");
    assert!(w.iter().all(|x| !x.contains("第5行")), "{w:?}");
}

#[test]
fn phones_lists_and_the_changes_of_an_update_are_shown() {
    let mut db = Db::open_in_memory().expect("db");
    let csv = "委员编号,姓名,界别,小组,职务,联系电话\nA1,张伟,经济界,第一组,委员,13900000001\nA2,李明,经济界,第二组,委员,0871-63212345\n";
    import(
        &mut db,
        csv.as_bytes(),
        "a.csv",
        &ImportOptions { joined_on: Some("2017-01-10".into()), ..Default::default() },
    )
    .expect("first");
    let csv2 = "委员编号,姓名,界别,小组,职务,联系电话\nA1,张伟,经济界,第一组,常委,1390000001\nA2,李明,经济届,第九组,委员,63212345\nA3,周红,妇联,第一组,委员,139 0000 0003、0871-6321234转801\nA4,吴华,教育界,第二组,委员,电话待补\n";
    let p = preview(db.conn(), csv2.as_bytes(), "b.csv", &ImportOptions::default()).expect("preview");
    let w = warnings_of(&p);
    assert!(
        w.iter().any(|x| x.contains("第2行 联系电话（F列）") && x.contains("10 位数字，手机号应为 11 位")),
        "{w:?}"
    );
    assert!(!w.iter().any(|x| x.contains("第3行 联系电话")), "an 8-digit landline is fine: {w:?}");
    assert!(!w.iter().any(|x| x.contains("第4行 联系电话")), "two numbers and an extension are fine: {w:?}");
    assert!(w.iter().any(|x| x.contains("第5行 联系电话") && x.contains("不像电话号码")), "{w:?}");
    assert!(w.iter().any(|x| x.contains("第3行 界别（C列）") && x.contains("是否应为“经济界”")), "{w:?}");
    assert!(w.iter().any(|x| x.contains("第3行 小组（D列）") && x.contains("“第九组”不在本委员会的小组中")), "{w:?}");
    assert!(!w.iter().any(|x| x.contains("第4行 界别")), "妇联 is a customary sector: {w:?}");

    let zw = &p.rows[0];
    assert_eq!(zw.action, RowAction::Update);
    let changes: Vec<(&str, &str, &str)> =
        zw.changes.iter().map(|c| (c.label.as_str(), c.old.as_str(), c.new.as_str())).collect();
    assert_eq!(changes, vec![("职务", "委员", "常委"), ("联系电话", "13900000001", "1390000001")], "old → new");
    assert!(p.rows[2].changes.is_empty(), "a new member has no changes to show");
}

/// A zip whose directory says `sheet1.xml` unpacks to `declared` bytes, whatever it holds.
fn with_declared_size(xlsx: &[u8], declared: u32) -> Vec<u8> {
    let mut b = xlsx.to_vec();
    let name = b"xl/worksheets/sheet1.xml";
    let mut i = 0;
    while i + 46 < b.len() {
        let local = b[i..].starts_with(b"PK\x03\x04");
        let central = b[i..].starts_with(b"PK\x01\x02");
        let (size_at, name_at) = if local {
            (22, 30)
        } else if central {
            (24, 46)
        } else {
            (0, 0)
        };
        if size_at > 0 && b[i + name_at..].starts_with(name) {
            b[i + size_at..i + size_at + 4].copy_from_slice(&declared.to_le_bytes());
        }
        i += 1;
    }
    b
}

#[test]
fn an_xlsx_that_unpacks_past_the_limit_is_refused_before_it_is_read() {
    let db = Db::open_in_memory().expect("db");
    // The bomb of the stress run: 1.5 MB that says it holds 408 MB of XML.
    let bomb = with_declared_size(&merged_xlsx(false), 408 << 20);
    let e = preview(db.conn(), &bomb, "炸弹.xlsx", &ImportOptions::default()).expect_err("refused");
    assert!(e.to_string().contains("解压后的内容有 408 MB，超过了导入名册的上限 100 MB"), "{e}");
    // A directory that lies (says small, holds more) makes a damaged file: the zip reader stops
    // at the declared size, so nothing past it is ever unpacked.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").expect("head");
    ws.write_string(0, 1, "界别").expect("head");
    for r in 1..20_000u32 {
        // Numbers are written into the sheet itself (strings would go to a shared table).
        ws.write_number(r, 1, f64::from(r)).expect("cell");
    }
    let lying = with_declared_size(&wb.save_to_buffer().expect("xlsx"), 1000);
    let e = preview(db.conn(), &lying, "说谎.xlsx", &ImportOptions::default()).expect_err("refused");
    assert!(e.to_string().contains("已损坏"), "{e}");
}

#[test]
fn a_sheet_reaching_far_out_is_refused_not_allocated() {
    let db = Db::open_in_memory().expect("db");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").expect("head");
    ws.write_string(0, 1, "界别").expect("head");
    // One stray character per row at the far right: 16 384 columns × 200 rows of cells.
    for r in 1..200u32 {
        ws.write_string(r, 0, "张三").expect("name");
        ws.write_string(r, 16_383, "x").expect("stray");
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let e = preview(db.conn(), &bytes, "远.xlsx", &ImportOptions::default()).expect_err("refused");
    assert!(e.to_string().contains("单元格超过了导入名册的上限"), "{e}");
}

#[test]
fn oversized_csv_is_refused_naming_the_limit_and_a_20000_row_roster_imports() {
    let mut db = Db::open_in_memory().expect("db");
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    let e = preview(db.conn(), &big, "大.csv", &ImportOptions::default()).expect_err("too big");
    assert!(e.to_string().contains("超过了导入名册的上限 32 MB"), "{e}");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("大.csv");
    std::fs::write(&path, &big).expect("write");
    let e = preview_file(db.conn(), &path, &ImportOptions::default()).expect_err("too big on disk");
    assert!(e.to_string().contains("32 MB"), "{e}");
    let rows = format!("姓名\n{}", "张三\n".repeat(MAX_ROWS + 1));
    let e = preview(db.conn(), rows.as_bytes(), "多.csv", &ImportOptions::default()).expect_err("too many rows");
    assert!(e.to_string().contains(&format!("上限 {MAX_ROWS} 行")), "{e}");

    let mut csv = String::from("委员编号,姓名,性别,界别,小组,联系电话\n");
    let given: Vec<char> = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞".chars().collect();
    for i in 0..20_000 {
        let name = format!("王{}{}", given[i % 20], given[(i / 20) % 20]);
        csv.push_str(&format!("N{i:05},{name},男,经济界,第{}组,139{i:08}\n", ["一", "二", "三"][i % 3]));
    }
    let out = import(&mut db, csv.as_bytes(), "两万.csv", &ImportOptions::default()).expect("20 000 rows import");
    assert_eq!(out.created, 20_000);
}

#[test]
fn control_characters_in_a_roster_file_never_reach_the_roster_or_its_export() {
    let mut db = Db::open_in_memory().expect("db");
    // A few stray controls in an otherwise plain file (many would make it look binary).
    let mut csv =
        "委员编号,姓名,界别,工作单位及职务,备注\nA1,王\u{1f}芳,经济界,安宁\u{b}一中,见\u{c}附件\n".to_string();
    for i in 0..30 {
        let n = ["张伟", "李明", "赵丽", "钱多", "孙红", "周强"][i % 6];
        csv.push_str(&format!("B{i},{n},经济界,安宁市经济研究中心副主任,无\n"));
    }
    import(&mut db, csv.as_bytes(), "c.csv", &ImportOptions::default()).expect("import");
    let m = roster::find_by_member_no(db.conn(), "A1").expect("q").expect("A1");
    assert_eq!((m.name.as_str(), m.workplace.as_str()), ("王芳", "安宁 一中"));
    assert!(!m.notes.chars().any(|c| c.is_control() && c != '\n'), "{:?}", m.notes);
    let (bytes, _) =
        crate::roster::export::export_xlsx(db.conn(), &crate::roster::RosterFilter::default()).expect("export");
    crate::testxml::assert_well_formed(&bytes, "roster export");
}
