//! The 纪要's attendance block stays together: no page of the minutes holds attendance lines
//! alone (the demo once printed a last page with only «请假：莫超、崔英» and the colophon).

use super::layout::layout;
use super::minutes::{build_document, AttendanceNames, MinutesDoc};
use super::*;

/// Body text with none of the characters of the names or the labels, so that a line can be told
/// apart by its characters.
const SENTENCE: &str = "会议认为，要进一步加强理论学习，提高履职能力，推动各项工作落实落细。";
const NAMES: [&str; 24] = [
    "姚涵刚",
    "陈学建",
    "万萱",
    "汤卫玉",
    "李堃",
    "陈喆",
    "刘燊",
    "周祥",
    "欧阳明月",
    "王五",
    "赵六",
    "孙七",
    "钱八",
    "吴九",
    "郑十",
    "冯涛",
    "褚云",
    "卫东",
    "蒋平",
    "沈冰",
    "韩梅",
    "杨帆",
    "朱琳",
    "秦川",
];

fn minutes(sentences: usize, present: usize, invitees: bool) -> MinutesDoc {
    let body = (0..sentences).map(|_| SENTENCE).collect::<Vec<_>>().join("\n");
    MinutesDoc {
        mark: "安宁市政协主席会议纪要".into(),
        issue_number: None,
        office: "政协安宁市委员会办公室".into(),
        date: "2021年1月19日".into(),
        body,
        attendance: AttendanceNames {
            present: NAMES[..present].iter().map(|s| s.to_string()).collect(),
            on_leave: vec!["莫超".into(), "崔英".into()],
            invitees: if invitees { vec!["曹操".into()] } else { vec![] },
        },
    }
}

fn is_attendance_line(line: &str) -> bool {
    let allowed: String = NAMES.concat() + "莫超崔英曹操出席请假列席：、";
    !line.is_empty() && line.chars().all(|c| allowed.contains(c))
}

fn is_furniture(line: &str) -> bool {
    line.starts_with('—') || line.contains("印发")
}

#[test]
fn no_page_of_minutes_holds_only_attendance_lines_and_the_block_is_never_split() {
    let fonts = FontSet::resolve(&FontPrefs::bundled_only()).expect("bundled fonts");
    let mut checked_two_pages = 0;
    for present in [3, 13, 24] {
        for invitees in [false, true] {
            for sentences in 1..=26 {
                let doc = build_document(&minutes(sentences, present, invitees));
                let l = layout(&doc, &fonts);
                let mut block_pages = Vec::new();
                for page in 0..l.pages.len() {
                    let lines: Vec<String> = l.page_lines(page).into_iter().filter(|s| !is_furniture(s)).collect();
                    assert!(
                        !lines.iter().all(|s| is_attendance_line(s)),
                        "{sentences} paragraphs, {present} present: page {} holds only attendance lines: {lines:?}",
                        page + 1
                    );
                    if lines
                        .iter()
                        .any(|s| s.starts_with("出席：") || s.starts_with("请假：") || s.starts_with("列席："))
                    {
                        block_pages.push(page);
                    }
                    if page > 0 {
                        checked_two_pages += 1;
                    }
                }
                assert_eq!(
                    block_pages.len(),
                    1,
                    "{sentences} paragraphs, {present} present: 出席/请假/列席 on one page"
                );
                let last = l.pages.len() - 1;
                assert_eq!(block_pages[0], last, "the block is on the last page, with the colophon");
                assert!(l.page_lines(last).iter().any(|s| s.contains("印发")), "the colophon is on the last page");
            }
        }
    }
    assert!(checked_two_pages > 20, "the lengths tried cross page breaks at every position");
}
