//! The numbered opinion list «关于《政府工作报告》的协商意见»: a 2号 小标宋 title, an optional
//! lead paragraph, sections with 一、 headings (黑体) and items numbered 1. 2. … through the
//! whole list (仿宋, 2-character indent, justified), an optional colophon. The opinions feature
//! converts its consolidated list into [`OpinionListDoc`].

use crate::numerals::numeral;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::{render, FontSet, Format, Rendered};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpinionListDoc {
    /// «关于《政府工作报告》的协商意见»
    pub title: String,
    /// A lead paragraph before the items, if any.
    pub intro: Option<String>,
    pub sections: Vec<OpinionSection>,
    /// The colophon's issuing office and date («2021年1月19日»), if one is printed.
    pub issuer: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpinionSection {
    /// «关于经济发展» (numbered 一、 二、 … unless it already is); `None`: items without a heading.
    pub heading: Option<String>,
    /// The items' text, without their numbers.
    pub items: Vec<String>,
}

/// Builds the opinion list as a [`Document`].
pub fn build_document(list: &OpinionListDoc) -> Document {
    let mut d = Document::new(list.title.clone());
    d.para(Paragraph::title(&list.title));
    d.push(Block::Blank);
    if let Some(intro) = list.intro.as_deref().filter(|s| !s.trim().is_empty()) {
        d.body_text(intro, "导语");
    }
    let mut n = 0;
    let mut heading_no = 0;
    for section in &list.sections {
        if let Some(h) = section.heading.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
            heading_no += 1;
            let text = if HeadingLevel::detect(h).is_some_and(|l| l.0 == HeadingLevel::One) {
                h.to_string()
            } else {
                format!("{}、{h}", numeral(heading_no))
            };
            d.para(
                Paragraph::with_spans(vec![Span::new(text, FontRole::Heiti)])
                    .place(format!("第{heading_no}部分标题"))
                    .kept_with_next(),
            );
        }
        for item in &section.items {
            n += 1;
            let text = item.trim().replace('\n', "");
            d.para(Paragraph::body(&format!("{n}.{text}")).place(format!("第{n}条")));
        }
    }
    if let (Some(issuer), Some(date)) = (&list.issuer, &list.date) {
        d.colophon = Some(Colophon { cc: None, issuer: issuer.clone(), date: date.clone() });
    }
    d
}

pub fn render_opinion_list(list: &OpinionListDoc, format: Format, fonts: &FontSet) -> Result<Rendered> {
    render(&build_document(list), format, fonts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{layout::layout, FontPrefs};

    #[test]
    fn items_are_numbered_through_the_list_under_numbered_headings() {
        assert_eq!(numeral(12), "十二");
        assert_eq!(numeral(20), "二十");
        let list = OpinionListDoc {
            title: "关于《政府工作报告》的协商意见".into(),
            intro: Some("现将委员们对《政府工作报告》的意见建议整理如下：".into()),
            sections: vec![
                OpinionSection {
                    heading: Some("关于经济发展".into()),
                    items: vec!["加快产业转型。".into(), "优化营商环境。".into()],
                },
                OpinionSection {
                    heading: Some("关于民生保障".into()), items: vec!["完善养老服务。".into()]
                },
            ],
            issuer: None,
            date: None,
        };
        let fonts = crate::documents::FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        let l = layout(&build_document(&list), &fonts);
        let lines = l.page_lines(0);
        assert_eq!(lines[0], "关于《政府工作报告》的协商意见");
        assert!(lines.contains(&"一、关于经济发展".to_string()), "{lines:?}");
        assert!(lines.contains(&"2.优化营商环境。".to_string()), "{lines:?}");
        assert!(lines.contains(&"二、关于民生保障".to_string()), "{lines:?}");
        assert!(lines.contains(&"3.完善养老服务。".to_string()), "numbering runs through the list: {lines:?}");
    }
}
