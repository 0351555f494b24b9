//! Many 意见建议 pasted at once (from Word / WPS, or a text file given to `huiwu items add`) split
//! into items. The text is first cleaned as a pasted remark is ([`crate::opinions::clean_pasted`]:
//! hard breaks joined, bullets and layout dropped, one paragraph a line). Then:
//! - when paragraphs are numbered (1. / 1、 / （一） / 一、 / ① / 第一条), each numbered paragraph
//!   starts an item and an unnumbered paragraph after it continues that item (a numbered list whose
//!   items run over several paragraphs); an unnumbered paragraph before the first number is an item
//!   of its own (the clerk sees it in the preview and can drop it);
//! - otherwise every paragraph is one item.
//!
//! The numbers themselves are dropped: items are numbered in order when they are added.

/// The items in `text`, in order, without their numbers. Empty when there is no text.
pub fn split_items(text: &str) -> Vec<String> {
    let cleaned = crate::opinions::clean_pasted(text);
    let paragraphs: Vec<&str> = cleaned.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let numbered = paragraphs.iter().any(|p| strip_number(p).is_some());
    let mut items: Vec<String> = Vec::new();
    let mut continuing = false;
    for p in paragraphs {
        match strip_number(p) {
            Some(rest) => {
                if !rest.is_empty() {
                    items.push(rest.to_string());
                    continuing = true;
                }
            }
            None if numbered && continuing => {
                if let Some(last) = items.last_mut() {
                    last.push_str(p);
                }
            }
            None => items.push(p.to_string()),
        }
    }
    items.into_iter().map(|i| i.replace('\t', " ")).collect()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c)
}

/// The paragraph after its leading number (1. 1、 1） （1） （一） 一、 ① 第一条), or `None` when it
/// does not start with one. «1.5万元» and «2020年» are not numbers of an item.
fn strip_number(p: &str) -> Option<&str> {
    let rest = number_end(p)?;
    Some(rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || matches!(c, '：' | ':')))
}

fn number_end(p: &str) -> Option<&str> {
    let mut chars = p.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if ('①'..='⑳').contains(&first) || ('❶'..='❿').contains(&first) {
        return Some(&p[first.len_utf8()..]);
    }
    if first == '（' || first == '(' {
        chars.next();
        let mut n = 0;
        while chars.peek().is_some_and(|&(_, c)| is_digit(c) || is_numeral(c)) {
            chars.next();
            n += 1;
        }
        let (i, close) = chars.next()?;
        return (n > 0 && n <= 3 && (close == '）' || close == ')')).then(|| &p[i + close.len_utf8()..]);
    }
    if first == '第' {
        chars.next();
        let mut n = 0;
        while chars.peek().is_some_and(|&(_, c)| is_digit(c) || is_numeral(c)) {
            chars.next();
            n += 1;
        }
        let (i, c) = chars.next()?;
        return (n > 0 && n <= 4 && c == '条').then(|| &p[i + c.len_utf8()..]);
    }
    let mut digits = 0;
    let mut numerals = 0;
    while let Some(&(_, c)) = chars.peek() {
        if is_digit(c) {
            digits += 1;
        } else if is_numeral(c) {
            numerals += 1;
        } else {
            break;
        }
        chars.next();
    }
    if digits + numerals == 0 || digits + numerals > 3 || (digits > 0 && numerals > 0) {
        return None;
    }
    let (i, mark) = chars.next()?;
    let after = &p[i + mark.len_utf8()..];
    match mark {
        '、' => Some(after),
        '.' | '．' | ')' | '）' if digits > 0 => (!after.starts_with(is_digit)).then_some(after),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_items_lose_their_numbers_and_keep_their_order() {
        let pasted = "1.建议加快老旧小区改造。\n2、建议完善社区养老服务。\n3）加强物业管理。\n（4）规范停车。\n五、增设充电桩。\n⑥开放学校操场。\n第七条 推广垃圾分类。";
        assert_eq!(
            split_items(pasted),
            vec![
                "建议加快老旧小区改造。",
                "建议完善社区养老服务。",
                "加强物业管理。",
                "规范停车。",
                "增设充电桩。",
                "开放学校操场。",
                "推广垃圾分类。"
            ]
        );
    }

    #[test]
    fn unnumbered_paragraphs_are_one_item_each_and_blank_lines_are_skipped() {
        let pasted = "\u{3000}\u{3000}建议加快老旧小区改造。\r\n\r\n\r\n\u{3000}\u{3000}建议完善社区\n养老服务。\n\n";
        assert_eq!(split_items(pasted), vec!["建议加快老旧小区改造。", "建议完善社区养老服务。"]);
    }

    #[test]
    fn a_paragraph_after_a_numbered_one_continues_it() {
        let pasted = "会议提出以下意见建议：\n1. 建议加快老旧小区改造。\n\u{3000}\u{3000}同时做好居民意见征集。\n2. 建议完善养老服务。";
        assert_eq!(
            split_items(pasted),
            vec!["会议提出以下意见建议：", "建议加快老旧小区改造。同时做好居民意见征集。", "建议完善养老服务。"],
            "the preamble stands alone; the second paragraph of item 1 joins it"
        );
    }

    #[test]
    fn figures_at_the_start_are_not_numbers() {
        assert_eq!(split_items("1.5万元补助应尽快发放。"), vec!["1.5万元补助应尽快发放。"]);
        assert_eq!(split_items("2020年的项目要跟进。"), vec!["2020年的项目要跟进。"]);
        assert!(split_items("  \n\u{3000}\n").is_empty(), "nothing pasted, no items");
        assert_eq!(split_items("1.\n2. 有内容。"), vec!["有内容。"], "a bare number makes no item");
    }
}
