use super::*;
use crate::roster::{self, MemberStatus, Role, RosterFilter};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A roster as secretariats really keep it: merged title, date line, blank row, header with 序号,
/// padded names, trailing spaces, full-width digits, birth months as numbers, text and dates,
/// a 合计 footer.
pub(crate) fn messy_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 9, "政协安宁市第六届委员会委员名册", &f).expect("title");
    ws.write_string(1, 0, "2020年12月").expect("date line");
    let head =
        ["序号", "委员编号", "姓 名", "性别", "出生年月", "党派", "界别", "小组", "职务", "工作单位及职务", "联系电话"];
    for (i, h) in head.iter().enumerate() {
        ws.write_string(3, i as u16, *h).expect("head");
    }
    let rows: [[&str; 11]; 4] = [
        ["1", "A1", "王　芳", "女", "", "中共", "中共", "第一组", "主席", "安宁市政协主席 ", "１３９１２３４５６７８"],
        ["2", "A2", "张伟 ", "男", "1970.10", "民盟", "民盟", "第二组", "常委", "安宁大学教授", "13900000002"],
        ["3", "A3", "李　明", "男", "", "无党派", "经济界", "第二组", "委员", "安宁钢铁公司总经理", "13900000003"],
        ["4", "A4", "赵丽", "女", "1975年3月", "民进", "教育界", "第三组", "委员", "安宁一中校长", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(4 + r as u32, c as u16, *v).expect("cell");
            }
        }
    }
    // 王芳's birth month typed 1968.10, stored by Excel as the number 1968.1.
    ws.write_number(4, 4, 1968.1).expect("number month");
    // 李明's as a date cell.
    let date = ExcelDateTime::from_ymd(1972, 5, 1).expect("date");
    ws.write_datetime_with_format(6, 4, &date, &Format::new().set_num_format("yyyy-mm")).expect("date cell");
    ws.write_string(9, 0, "合计：4人").expect("footer");
    wb.save_to_buffer().expect("xlsx")
}

fn count(db: &Db) -> i64 {
    db.conn().query_row("SELECT count(*) FROM members", [], |r| r.get(0)).expect("count")
}

#[test]
fn messy_excel_is_read_under_its_title_and_normalised() {
    let mut db = Db::open_in_memory().expect("db");
    let p = preview(db.conn(), &messy_xlsx(), "名册.xlsx", &ImportOptions::default()).expect("preview");
    assert_eq!(p.format, "xlsx");
    assert_eq!(p.header_row, 4, "header found under the title and the date line");
    assert_eq!(p.rows.len(), 4, "blank rows and the 合计 footer are skipped");
    assert_eq!(p.create, 4);
    assert_eq!(p.invalid, 0, "{:?}", p.problems);
    let names: Vec<&str> = p.rows.iter().map(|r| r.member.name.as_str()).collect();
    assert_eq!(names, vec!["王芳", "张伟", "李明", "赵丽"]);
    let births: Vec<Option<&str>> = p.rows.iter().map(|r| r.member.birth_month.as_deref()).collect();
    assert_eq!(
        births,
        vec![Some("1968-10"), Some("1970-10"), Some("1972-05"), Some("1975-03")],
        "number 1968.1 is October"
    );
    assert_eq!(p.rows[0].member.phone, "13912345678", "full-width digits");
    assert_eq!(p.rows[0].member.workplace, "安宁市政协主席", "trailing space trimmed");
    assert_eq!(p.rows[0].member.role, Role::Chair);
    assert_eq!(p.rows[0].row, 5, "Excel row number");
    assert_eq!(count(&db), 0, "preview writes nothing");
    let out = import(
        &mut db,
        &messy_xlsx(),
        "名册.xlsx",
        &ImportOptions { joined_on: Some("2017-01-10".into()), ..Default::default() },
    )
    .expect("import");
    assert_eq!((out.created, out.updated), (4, 0));
    let m = roster::find_by_member_no(db.conn(), "A1").expect("find").expect("A1");
    assert_eq!((m.name.as_str(), m.joined_on.as_str(), m.name_initials.as_str()), ("王芳", "2017-01-10", "wf"));
}

#[test]
fn reimport_updates_instead_of_duplicating() {
    let mut db = Db::open_in_memory().expect("db");
    let csv1 = "委员编号,姓名,性别,出生年月,界别,小组,职务,联系电话\nA1,张伟,男,1970.10,经济界,第一组,委员,139\nA2,李明,男,1971.01,经济界,第一组,常委,138\n";
    import(
        &mut db,
        csv1.as_bytes(),
        "a.csv",
        &ImportOptions { joined_on: Some("2017-01-10".into()), ..Default::default() },
    )
    .expect("first");
    let csv2 = "委员编号,姓名,性别,出生年月,界别,小组,职务,联系电话\nA1,张伟,男,1970.10,经济界,第一组,常委,13900000001\nA2,李明,男,1971.01,经济界,第一组,常委,138\nA3,周红,女,1980.02,妇联,第二组,委员,\n";
    let p = preview(db.conn(), csv2.as_bytes(), "b.csv", &ImportOptions::default()).expect("preview");
    let actions: Vec<RowAction> = p.rows.iter().map(|r| r.action).collect();
    assert_eq!(actions, vec![RowAction::Update, RowAction::Unchanged, RowAction::Create]);
    let out = import(
        &mut db,
        csv2.as_bytes(),
        "b.csv",
        &ImportOptions { effective_on: Some("2019-01-05".into()), ..Default::default() },
    )
    .expect("second");
    assert_eq!((out.created, out.updated, out.unchanged), (1, 1, 1));
    assert_eq!(count(&db), 3, "no duplicates");
    let zw = roster::find_by_member_no(db.conn(), "A1").expect("q").expect("A1");
    assert_eq!(zw.phone, "13900000001");
    assert_eq!(roster::role_on(db.conn(), zw.id, "2019-01-04").expect("r"), Role::Member);
    assert_eq!(roster::role_on(db.conn(), zw.id, "2019-01-05").expect("r"), Role::Standing, "role change dated");
    // Without numbers: matched by name + birth month.
    let csv3 = "姓名,出生年月,联系电话\n周红,1980.02,13700000000\n";
    let out = import(&mut db, csv3.as_bytes(), "c.csv", &ImportOptions::default()).expect("third");
    assert_eq!((out.created, out.updated), (0, 1), "周红 found by name and birth month");
    let zh = roster::find_by_member_no(db.conn(), "A3").expect("q").expect("A3");
    assert_eq!(
        (zh.phone.as_str(), zh.sector.as_deref()),
        ("13700000000", Some("妇联")),
        "fields not in the file are kept"
    );
    let again = import(&mut db, csv3.as_bytes(), "c.csv", &ImportOptions::default()).expect_err("nothing to do");
    assert!(again.to_string().contains("已有"), "{again}");
}

#[test]
fn problems_name_row_and_column_and_nothing_is_written_by_default() {
    let mut db = Db::open_in_memory().expect("db");
    let csv = "委员编号,姓名,性别,出生年月,职务\nA1,张伟,男,1970.13,委员\nA2,,男,1970.10,委员\nA3,李明,男性,1970.10,常委\nA4,赵丽,妖,1970.10,委员\nA5,钱多,男,1970,委员\nA3,孙红,女,1971.01,组长\n";
    let p = preview(db.conn(), csv.as_bytes(), "p.csv", &ImportOptions::default()).expect("preview");
    let errs: Vec<String> =
        p.problems.iter().filter(|x| x.level == ProblemLevel::Error).map(ToString::to_string).collect();
    assert!(
        errs.iter().any(|e| e.contains("第2行") && e.contains("出生年月（D列）") && e.contains("1970.13")),
        "{errs:?}"
    );
    assert!(errs.iter().any(|e| e.contains("第3行") && e.contains("姓名为空")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("第5行") && e.contains("性别")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("第6行") && e.contains("只有年份")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("第7行") && e.contains("与第4行重复")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("第7行") && e.contains("组长")), "{errs:?}");
    assert_eq!(p.invalid, 5, "李明 (男性) is fine; five rows are bad");
    assert!(!p.can_import, "all-or-nothing by default");
    let e = import(&mut db, csv.as_bytes(), "p.csv", &ImportOptions::default()).expect_err("refused");
    assert!(e.to_string().contains("未导入任何委员"), "{e}");
    assert_eq!(count(&db), 0, "nothing written");
    let out = import(&mut db, csv.as_bytes(), "p.csv", &ImportOptions { skip_invalid: true, ..Default::default() })
        .expect("skip invalid");
    assert_eq!((out.created, out.skipped), (1, 5));
    assert_eq!(count(&db), 1);
}

#[test]
fn likely_duplicates_are_flagged_not_refused() {
    let mut db = Db::open_in_memory().expect("db");
    let csv = "委员编号,姓名,出生年月,界别\nA1,张伟,1970.10,经济界\nA2,张伟,1970.10,教育界\nA3,张伟,1975.01,教育界\n";
    let p = preview(db.conn(), csv.as_bytes(), "d.csv", &ImportOptions::default()).expect("preview");
    assert_eq!(p.duplicates, 1, "only the same-birth-month pair");
    assert_eq!(p.rows[1].likely_duplicate_of.as_deref(), Some("第2行的张伟"));
    assert!(p.can_import, "a warning does not block");
    import(&mut db, csv.as_bytes(), "d.csv", &ImportOptions::default()).expect("import");
    assert_eq!(count(&db), 3, "two 张伟 in different sectors are two members");
    let csv2 = "委员编号,姓名,出生年月,界别\nA9,张伟,1975.01,农业界\n";
    let p = preview(db.conn(), csv2.as_bytes(), "e.csv", &ImportOptions::default()).expect("preview");
    assert!(p.rows[0].likely_duplicate_of.as_deref().is_some_and(|d| d.contains("A3")), "{:?}", p.rows[0]);
}

#[test]
fn gbk_and_bom_and_tab_separated_text() {
    let db = Db::open_in_memory().expect("db");
    let text = "姓名,性别,界别\n王芳,女,妇联\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let p = preview(db.conn(), &gbk, "gbk.csv", &ImportOptions::default()).expect("gbk");
    assert_eq!(p.rows[0].member.name, "王芳");
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let p = preview(db.conn(), &bom, "bom.csv", &ImportOptions::default()).expect("bom");
    assert_eq!(p.columns[0].field, Some(ImportField::Name), "BOM does not stick to the first heading");
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("姓名\t性别\n王芳\t女\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let p = preview(db.conn(), &utf16, "u.txt", &ImportOptions::default()).expect("utf16");
    assert_eq!((p.rows[0].member.name.as_str(), p.rows[0].member.gender.as_str()), ("王芳", "女"));
    let quoted = "姓名,工作单位及职务\n\"王芳\",\"安宁市\"\"一中\"\",校长\"\n";
    let p = preview(db.conn(), quoted.as_bytes(), "q.csv", &ImportOptions::default()).expect("quoted");
    assert_eq!(p.rows[0].member.workplace, "安宁市\"一中\",校长");
    let prose = "姓名,工作单位及职务\n王芳,安宁一中校长，高级教师，市人大代表，民进会员\n";
    let p = preview(db.conn(), prose.as_bytes(), "r.csv", &ImportOptions::default()).expect("commas in text");
    assert_eq!(p.rows[0].member.workplace, "安宁一中校长，高级教师，市人大代表，民进会员", "，is punctuation here");
    let fw = "姓名，性别\n王芳，女\n";
    let p = preview(db.conn(), fw.as_bytes(), "f.csv", &ImportOptions::default()).expect("full-width commas");
    assert_eq!(p.rows[0].member.gender, "女", "a file separated by ，only");
}

#[test]
fn mapping_can_be_corrected_and_post_columns_are_recognised() {
    let db = Db::open_in_memory().expect("db");
    let csv = "名单,职务,单位名称\n王芳,局长,安宁市教育局\n张伟,教授,安宁大学\n";
    let e = preview(db.conn(), csv.as_bytes(), "m.csv", &ImportOptions::default()).expect_err("no 姓名 heading");
    assert!(e.to_string().contains("表头"), "{e}");
    let mapping = vec![
        ColumnMapping { index: 0, letter: "A".into(), heading: "名单".into(), field: Some(ImportField::Name) },
        ColumnMapping { index: 1, letter: "B".into(), heading: "职务".into(), field: Some(ImportField::Post) },
        ColumnMapping {
            index: 2, letter: "C".into(), heading: "单位名称".into(), field: Some(ImportField::Workplace)
        },
    ];
    let p = preview(
        db.conn(),
        csv.as_bytes(),
        "m.csv",
        &ImportOptions { header_row: Some(1), mapping: Some(mapping), ..Default::default() },
    )
    .expect("mapped");
    assert_eq!((p.rows[0].member.post.as_str(), p.rows[0].member.workplace.as_str()), ("局长", "安宁市教育局"));
    let csv2 = "姓名,职务\n王芳,局长\n张伟,教授\n";
    let p = preview(db.conn(), csv2.as_bytes(), "n.csv", &ImportOptions::default()).expect("auto");
    assert_eq!(p.columns[1].field, Some(ImportField::Post), "a 职务 column of posts is the post column");
    assert_eq!(p.invalid, 0);
}

#[test]
fn bad_files_get_a_clear_message() {
    let db = Db::open_in_memory().expect("db");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.xlsx", Vec::new(), "空"),
        ("blank.csv", b"  \n\n".to_vec(), "空"),
        ("commas.csv", b",,,\n,,\n".to_vec(), "没有任何数据"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "不是 Excel"),
        ("trunc.xlsx", messy_xlsx()[..300].to_vec(), "损坏"),
        ("x.xls", [&[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0u8; 600][..]].concat(), "损坏"),
        (
            "enc.xlsx",
            [
                &[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                &"EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()[..],
            ]
            .concat(),
            "密码",
        ),
        ("noheader.csv", "甲,乙,丙\n1,2,3\n".as_bytes().to_vec(), "找不到表头"),
        ("bin.csv", (0u8..=255).cycle().take(4000).collect(), "不是 Excel"),
        ("header-only.csv", "姓名,性别\n".as_bytes().to_vec(), "没有委员数据"),
    ];
    for (name, bytes, want) in cases {
        let msg = match preview(db.conn(), &bytes, name, &ImportOptions::default()) {
            Err(e) => e.to_string(),
            Ok(p) => p.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("；"),
        };
        assert!(msg.contains(want), "{name}: expected “{want}” in “{msg}”");
    }
}

/// A small deterministic generator (no extra crate).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn generated_corrupt_inputs_never_crash_and_never_write() {
    let good_xlsx = messy_xlsx();
    let good_csv =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/demo/roster.csv")).expect("demo csv");
    let mut rng = Lcg(20200107);
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    // Truncations of a good xlsx.
    for _ in 0..60 {
        let n = rng.below(good_xlsx.len());
        inputs.push(good_xlsx[..n].to_vec());
    }
    // Byte flips in a good xlsx (zip members corrupted).
    for _ in 0..80 {
        let mut b = good_xlsx.clone();
        for _ in 0..1 + rng.below(20) {
            let i = rng.below(b.len());
            b[i] = rng.next() as u8;
        }
        inputs.push(b);
    }
    // Random bytes, with and without spreadsheet signatures.
    for k in 0..60 {
        let len = rng.below(3000);
        let mut b: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let prefix: &[u8] = match k % 3 {
            0 => b"PK\x03\x04",
            1 => &[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            _ => b"",
        };
        b.splice(0..0, prefix.iter().copied());
        inputs.push(b);
    }
    // Mangled CSV text: cut, quotes, control characters, invalid UTF-8.
    for _ in 0..80 {
        let mut b = good_csv[..rng.below(good_csv.len())].to_vec();
        for _ in 0..rng.below(10) {
            let i = rng.below(b.len() + 1);
            let junk: &[u8] = match rng.below(5) {
                0 => b"\"",
                1 => b"\xFF\xFE",
                2 => b"\0",
                3 => b",,,,,,,,,,,,,,,,,,,,",
                _ => b"\n\n\n",
            };
            b.splice(i..i, junk.iter().copied());
        }
        inputs.push(b);
    }
    let mut refused = 0;
    for (i, bytes) in inputs.iter().enumerate() {
        let mut db = Db::open_in_memory().expect("db");
        // Must return, never panic. Corrupt spreadsheets must be refused and write nothing.
        let result = import(&mut db, bytes, &format!("fuzz{i}.xlsx"), &ImportOptions::default());
        let is_spreadsheet = bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF]);
        if result.is_err() {
            refused += 1;
            assert_eq!(count(&db), 0, "input {i}: a refused import writes nothing");
            let msg = result.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                !msg.is_empty() && msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "input {i}: Chinese message, got {msg}"
            );
        } else if is_spreadsheet {
            // A flipped byte may land in an unused part of the zip: then the file is still good.
            assert!(count(&db) <= 4, "input {i}: at most the file's four members");
        }
    }
    assert!(refused > inputs.len() / 2, "most corrupt inputs are refused ({refused} of {})", inputs.len());
}

#[test]
fn export_then_reimport_changes_nothing() {
    let mut db = Db::open_in_memory().expect("db");
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/demo/roster.csv")).expect("demo csv");
    let out = import(
        &mut db,
        &csv,
        "roster.csv",
        &ImportOptions { joined_on: Some("2017-01-10".into()), ..Default::default() },
    )
    .expect("demo import");
    assert_eq!(out.created, 206, "the demo roster has 206 members");
    let (bytes, n) = super::super::export::export_xlsx(
        db.conn(),
        &RosterFilter { date: Some("2020-01-01".into()), status: MemberStatus::InOffice, ..Default::default() },
    )
    .expect("export");
    assert_eq!(n, 206);
    crate::testxml::assert_well_formed(&bytes, "roster export");
    let p = preview(db.conn(), &bytes, "export.xlsx", &ImportOptions::default()).expect("reimport preview");
    assert_eq!(p.header_row, 3, "title, date line, header");
    assert_eq!((p.unchanged, p.create, p.update, p.invalid), (206, 0, 0, 0), "{:?}", p.problems.first());
}

#[test]
fn an_import_cancelled_halfway_keeps_no_member_of_the_file_and_reports_its_rows() {
    use crate::progress::{Cancel, Progress, REPORT_EVERY};
    use std::sync::{Arc, Mutex};
    let mut db = Db::open_in_memory().expect("db");
    let mut csv = String::from("委员编号,姓名,性别,出生年月,界别,小组,职务,联系电话\n");
    let (a, b, c): (Vec<char>, Vec<char>, Vec<char>) = (
        "赵钱孙李周吴郑王冯陈".chars().collect(),
        "建志明华丽敏伟芳国海".chars().collect(),
        "平安军红英杰文武春秋".chars().collect(),
    );
    for k in 0..500 {
        csv.push_str(&format!("A{k},{}{}{},男,1970.10,经济界,第一组,委员,\n", a[k / 100], b[k / 10 % 10], c[k % 10]));
    }
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let slot: Arc<Mutex<Option<Cancel>>> = Arc::default();
    let cancel_from_report = Arc::clone(&slot);
    // Each report takes longer than the report interval, so the next step is always reported:
    // the clerk presses 取消 once two rows have been written inside the transaction.
    let (progress, cancel) = Progress::new("导入名册", move |s| {
        sink.lock().expect("lock").push(s.clone());
        if s.stage.starts_with("写入") && s.done >= 2 {
            if let Some(c) = cancel_from_report.lock().expect("lock").as_ref() {
                c.cancel();
            }
        }
        std::thread::sleep(REPORT_EVERY + std::time::Duration::from_millis(10));
    });
    *slot.lock().expect("lock") = Some(cancel);
    let err = import_with(&mut db, csv.as_bytes(), "big.csv", &ImportOptions::default(), &progress)
        .expect_err("the import was cancelled");
    assert!(matches!(err, Error::Cancelled(ref w) if w == "导入名册"), "{err:?}");
    assert!(err.to_string().contains("没有写入任何内容"), "{err}");
    let stages: Vec<String> =
        seen.lock().expect("lock").iter().map(|s| format!("{} {}/{}", s.stage, s.done, s.total)).collect();
    assert_eq!(
        stages,
        vec![
            "读取并核对文件 0/1",
            "写入第 1 行（共 500 行） 0/500",
            "写入第 2 行（共 500 行） 1/500",
            "写入第 3 行（共 500 行） 2/500"
        ],
        "each stage reported in the clerk's words"
    );
    assert_eq!(count(&db), 0, "the two members written before 取消 were rolled back with the rest");
    let batches: i64 = db.conn().query_row("SELECT count(*) FROM import_batches", [], |r| r.get(0)).expect("batches");
    assert_eq!(batches, 0, "no import is recorded for 撤销导入");
}
