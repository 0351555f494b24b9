//! The bulletin format (简报): the name in red 小标宋 across the top, «第N期» below it, the
//! issuing body left and the date right above a red rule; the title (2号 小标宋) and the
//! body in 仿宋 with its headings (一、 黑体, （一） 楷体); at the foot of the last page, above a
//! rule, the 报送 / 分送 (or 抄送) lines and the copies printed. Session bulletins and the
//! 《社情民意》 issues are both printed in it.

use serde::{Deserialize, Serialize};

use super::model::*;

/// What a bulletin-format document prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinDoc {
    /// «政协安宁市第六届委员会第四次会议简报», «社情民意».
    pub name: String,
    /// The issue number: printed «第N期».
    pub number: u32,
    /// «大会秘书处»
    pub issuer: String,
    /// As printed: «2020年1月6日».
    pub date: String,
    /// The title of this issue, if any.
    pub title: Option<String>,
    /// One paragraph a line; lines starting 一、 （一） 1. （1） are headings.
    pub body: String,
    /// The foot's lines: («报送», «市委、市政府»), («分送», …); empty text lines are left out.
    pub foot: Vec<(String, String)>,
    /// 共印N份, if printed.
    pub copies: Option<u32>,
}

/// The red name's size: 小初, shrunk by the engine to the width of the text block.
const NAME_SIZE: f32 = SIZE_XIAOCHU;
/// The name's top edge, below the top of the text block.
const NAME_TOP_MM: f32 = 20.0;

/// Lays out a bulletin-format document.
pub fn build_document(b: &BulletinDoc) -> Document {
    let mut d = Document::new(format!("{}（第{}期）", b.name, b.number));
    d.push(Block::Mark { text: b.name.clone(), size_pt: NAME_SIZE, top_mm: NAME_TOP_MM, color: RED });
    d.push(Block::Blank);
    d.para(Paragraph::centered(&format!("第{}期", b.number), FontRole::Fangsong, SIZE_3).place("期号"));
    d.push(Block::Split {
        left: b.issuer.clone(),
        right: b.date.clone(),
        role: FontRole::Fangsong,
        size_pt: SIZE_3,
        inset_chars: 0.0,
    });
    d.push(Block::Rule { color: RED, thickness_mm: 0.7, gap_before_mm: 1.5, gap_after_mm: 0.0 });
    d.push(Block::Blank);
    if let Some(t) = b.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        d.para(Paragraph::title(t));
        d.push(Block::Blank);
    }
    d.body_text(&b.body, "正文");
    let lines: Vec<FootLine> = b
        .foot
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| FootLine { label: label.clone(), text: text.trim().to_string() })
        .collect();
    let copies = b.copies.filter(|n| *n > 0).map(|n| format!("（共印{n}份）"));
    if !lines.is_empty() || copies.is_some() {
        d.foot = Some(Foot { lines, copies });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{render_pdf, FontPrefs, FontSet};

    fn doc(body: &str) -> BulletinDoc {
        BulletinDoc {
            name: "政协安宁市第六届委员会第四次会议简报".into(),
            number: 3,
            issuer: "大会秘书处".into(),
            date: "2020年1月7日".into(),
            title: Some("各组讨论政府工作报告".into()),
            body: body.into(),
            foot: vec![("报送".into(), "市委、市人大常委会、市政府".into()), ("分送".into(), "全体委员".into())],
            copies: Some(150),
        }
    }

    #[test]
    fn the_header_body_and_foot_are_laid_out_in_order() {
        let fonts = FontSet::resolve(&FontPrefs::default()).expect("fonts");
        let layout =
            crate::documents::layout::layout(&build_document(&doc("一、第一组\n张三委员说：建议加快建设。")), &fonts);
        assert!(layout.warnings.is_empty(), "{:?}", layout.warnings);
        let lines = layout.page_lines(0);
        let at = |needle: &str| {
            lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} in {lines:?}"))
        };
        assert!(at("简报") < at("第3期"), "name above the number: {lines:?}");
        assert!(at("第3期") < at("大会秘书处"), "number above issuer: {lines:?}");
        assert!(lines[at("大会秘书处")].contains("2020年1月7日"), "issuer and date on one line: {lines:?}");
        assert!(at("各组讨论") < at("张三委员说"), "title before body");
        assert!(at("张三委员说") < at("报送："), "foot after body");
        assert!(at("报送：") < at("分送：") && at("分送：") < at("共印150份"), "foot order: {lines:?}");
        assert_eq!(layout.pages.len(), 1);
    }

    #[test]
    fn a_long_body_pushes_the_foot_to_the_last_page_and_the_pdf_is_written() {
        let fonts = FontSet::resolve(&FontPrefs::default()).expect("fonts");
        let body = (0..30)
            .map(|i| format!("第{i}位委员说：建议进一步加强基层社会治理，完善网格化管理。"))
            .collect::<Vec<_>>()
            .join("\n");
        let d = build_document(&doc(&body));
        let layout = crate::documents::layout::layout(&d, &fonts);
        let last = layout.pages.len() - 1;
        assert!(last >= 1, "more than one page");
        assert!(layout.page_lines(last).iter().any(|l| l.contains("报送：")), "foot on the last page");
        assert!(!layout.page_lines(0).iter().any(|l| l.contains("报送：")), "not on the first");
        let pdf = render_pdf(&d, &fonts).expect("pdf");
        assert!(pdf.bytes.starts_with(b"%PDF"));
        let docx = crate::documents::docx::write_docx(&d).expect("docx");
        assert!(docx.starts_with(b"PK"));
    }
}
