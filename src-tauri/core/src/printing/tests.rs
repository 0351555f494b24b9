use super::cups::{offers_duplex, parse_default, parse_job_id, parse_states};
use super::*;

#[test]
fn page_ranges_read_as_a_clerk_types_them() {
    let r = PageRange::parse("1-3,5", 10).expect("valid range");
    assert_eq!(r.to_cups(), "1-3,5");
    assert_eq!(r.count(), 4);
    let r = PageRange::parse("５、２－３ ，8-", 9).expect("full-width and Chinese separators");
    assert_eq!(r.to_cups(), "2-3,5,8-9", "sorted, merged nothing that is not adjacent");
    assert_eq!(PageRange::parse("1-2,2-4", 5).expect("overlap").to_cups(), "1-4", "overlapping spans merge");
    assert_eq!(PageRange::parse("3至4", 5).expect("至").count(), 2);
}

#[test]
fn page_ranges_name_what_is_wrong() {
    let msg = |t: &str| PageRange::parse(t, 3).expect_err("must be refused").to_string();
    assert!(msg("5").contains("只有 3 页"), "{}", msg("5"));
    assert!(msg("0").contains("从 1 开始"));
    assert!(msg("3-1").contains("起始页大于结束页"));
    assert!(msg("abc").contains("看不懂"));
    assert!(msg(" , ").contains("没有写"));
}

const LPSTAT_LP: &str = "printer HP_Office is idle.  enabled since Wed Dec  2 04:43:28 2026
\tForm mounted:
\tDescription: 三楼办公室
\tAlerts: none
\tBanner required
printer Old disabled since Wed Dec  2 04:44:15 2026 -
\tpaper jam test
\tDescription: Old
printer Busy now printing Busy-7.  enabled since Wed Dec  2 04:44:15 2026
\tDescription: Busy
";

#[test]
fn printer_states_are_read_from_lpstat() {
    let s = parse_states(LPSTAT_LP);
    assert_eq!(s.len(), 3);
    assert_eq!(
        (s[0].name.as_str(), s[0].state, s[0].description.as_str()),
        ("HP_Office", PrinterState::Idle, "三楼办公室")
    );
    assert_eq!(
        (s[1].state, s[1].note.as_str()),
        (PrinterState::Stopped, "paper jam test"),
        "the reason under a stopped printer"
    );
    assert_eq!(s[2].state, PrinterState::Printing);
    assert_eq!(s[0].note, "", "an idle printer has no note");
}

#[test]
fn default_printer_job_id_and_duplex_are_read() {
    assert_eq!(parse_default("system default destination: HP_Office\n").as_deref(), Some("HP_Office"));
    assert_eq!(parse_default("no system default destination\n"), None);
    assert_eq!(parse_job_id("request id is HP_Office-12 (1 file(s))\n").as_deref(), Some("HP_Office-12"));
    assert_eq!(parse_job_id("lp: error"), None);
    assert!(offers_duplex(
        "PageSize/Page Size: *A4 Letter\nDuplex/2-Sided Printing: *None DuplexNoTumble DuplexTumble\n"
    ));
    assert!(!offers_duplex("PageSize/Page Size: *A4\nResolution/Output Resolution: *300dpi\n"));
}

fn printer(name: &str, is_default: bool) -> Printer {
    Printer {
        name: name.into(),
        description: String::new(),
        is_default,
        state: PrinterState::Idle,
        state_message: String::new(),
        duplex: false,
    }
}

#[test]
fn the_printer_is_the_named_one_or_the_default() {
    let list = vec![printer("A", false), printer("B", true)];
    assert_eq!(choose_printer(&list, None).expect("default").name, "B");
    assert_eq!(choose_printer(&list, Some("A")).expect("named").name, "A");
    let err = choose_printer(&list, Some("C")).expect_err("unknown printer").to_string();
    assert!(err.contains("没有名为「C」的打印机") && err.contains("A、B"), "{err}");
    let no_default = vec![printer("A", false), printer("B", false)];
    assert!(choose_printer(&no_default, None).expect_err("no default").to_string().contains("请选择"));
    assert_eq!(choose_printer(&[printer("Only", false)], None).expect("the only one").name, "Only");
    assert!(choose_printer(&[], None).expect_err("none").to_string().contains("没有安装打印机"));
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("名单.pdf");
    std::fs::write(&path, "姓名,界别\n").expect("write");
    let err = page_count(&path).expect_err("not a PDF").to_string();
    assert!(err.contains("名单.pdf") && err.contains("不是 PDF"), "{err}");
}
