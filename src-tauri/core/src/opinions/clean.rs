//! Cleaning text pasted from Word / WPS into a remark.
//!
//! What a recorder pastes carries the word processor's layout: hard line breaks inside
//! paragraphs, full-width indentation spaces, non-breaking and zero-width characters, tables as
//! one cell per line or drawn with box characters. [`clean_pasted`] keeps the words and the
//! paragraphs and drops the layout: paragraphs become lines, table rows become lines with cells
//! separated by a tab.

/// Characters that are invisible and carry no text: zero-width spaces and joiners, the byte-order
/// mark, soft hyphens, word joiners, bidi marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}'
            | '\u{00AD}' | '\u{180E}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Spaces of every width that are not tabs or line breaks.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{1680}')
}

/// A character of Chinese text (ideographs and CJK punctuation, full-width forms): no space is
/// wanted next to one.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}'
        | '\u{3100}'..='\u{312F}' | '\u{3190}'..='\u{31FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Box-drawing characters WPS and some converters draw tables with.
fn is_box_rule(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{257F}' | '+' | '-' | '=' | '_' | '|')
}

fn is_box_bar(c: char) -> bool {
    matches!(c, '│' | '┃' | '║' | '|' | '｜')
}

/// Punctuation that ends a sentence or clause so that a line ending with it ends a paragraph.
fn ends_paragraph(line: &str) -> bool {
    line.chars().last().is_some_and(|c| {
        matches!(
            c,
            '。' | '！'
                | '？'
                | '；'
                | '：'
                | '…'
                | '”'
                | '’'
                | '」'
                | '』'
                | '）'
                | ')'
                | '.'
                | '!'
                | '?'
                | ';'
                | ':'
        )
    })
}

/// Bullet glyphs Word and WPS put before list items (including the private-use characters of
/// the Symbol and Wingdings fonts that a plain-text paste carries).
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '●' | '•'
            | '■'
            | '◆'
            | '◇'
            | '□'
            | '▪'
            | '▫'
            | '○'
            | '◎'
            | '★'
            | '☆'
            | '▲'
            | '△'
            | '▶'
            | '►'
            | '➢'
            | '➤'
            | '→'
            | '√'
            | '✓'
            | '✔'
            | '❖'
            | '◦'
            | '‣'
            | '∙'
            | '·'
            | '\u{F06C}'
            | '\u{F06E}'
            | '\u{F075}'
            | '\u{F076}'
            | '\u{F0A7}'
            | '\u{F0B7}'
            | '\u{F0D8}'
            | '\u{F0FC}'
    )
}

/// Takes a list mark off the start of a line: a bullet glyph («●», «■», «◆», «•»…), a dash
/// followed by a space («- »), or a list number followed by a tab, the way Word's automatic
/// numbering pastes («1.\t», «(2)\t», «③\t»). Numbers typed as text («一、», «1.加强») are
/// kept: they are part of what was written. Returns the rest and whether a mark was taken.
fn strip_list_mark(line: &str) -> (&str, bool) {
    let t = line.trim_start_matches(|c: char| is_space(c) || c == '\t');
    let mut chars = t.char_indices();
    let Some((_, first)) = chars.next() else { return (line, false) };
    let rest_after = |i: usize| t[i..].trim_start_matches(|c: char| is_space(c) || c == '\t');
    if is_bullet(first) {
        let next = first.len_utf8();
        // «·» and «→» also occur inside text; take them only when a space or tab follows.
        if matches!(first, '·' | '→' | '√') && !t[next..].starts_with(|c: char| is_space(c) || c == '\t') {
            return (line, false);
        }
        return (rest_after(next), true);
    }
    if matches!(first, '-' | '－' | '–' | '—' | '*') {
        let next = first.len_utf8();
        if t[next..].starts_with(|c: char| is_space(c) || c == '\t') && !t[next..].trim_start().starts_with(first) {
            return (rest_after(next), true);
        }
        return (line, false);
    }
    // Word's automatic numbering: a short mark, then a tab.
    if let Some(tab) = t.find('\t') {
        let mark = &t[..tab];
        let n = mark.chars().count();
        let numbered = (1..=6).contains(&n)
            && mark.chars().any(|c| c.is_ascii_digit() || ('①'..='⑳').contains(&c) || c.is_ascii_lowercase())
            && mark.chars().all(|c| c.is_ascii_alphanumeric() || ('①'..='⑳').contains(&c) || ".．)）(（、".contains(c))
            && !mark.chars().all(|c| c.is_ascii_digit());
        if numbered && !t[tab..].trim_start_matches('\t').contains('\t') {
            return (rest_after(tab), true);
        }
    }
    (line, false)
}

/// A line ending inside a sentence (after «，», «、» or a comma): whatever follows on the next
/// line continues it.
fn ends_mid_sentence(line: &str) -> bool {
    line.chars().last().is_some_and(|c| matches!(c, '，' | '、' | ',' | '—' | '－' | '“' | '（' | '《' | '('))
}

/// A line that starts a new paragraph whatever came before it: a heading or list marker such as
/// «一、», «（二）», «3.», «（4）», «①».
fn starts_item(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    let Some(&first) = chars.peek() else { return false };
    if matches!(first, '①'..='⑳' | '❶'..='❿' | '•' | '●' | '■' | '◆' | '▲' | '★' | '☆' | '○' | '◎' | '→')
    {
        return true;
    }
    let numeral = |c: char| "一二三四五六七八九十百零〇".contains(c);
    if first == '（' || first == '(' {
        chars.next();
        let mut n = 0;
        while chars.peek().is_some_and(|&c| numeral(c) || c.is_ascii_digit()) {
            chars.next();
            n += 1;
        }
        return n > 0 && chars.peek().is_some_and(|&c| c == '）' || c == ')');
    }
    let mut n = 0;
    let mut last = ' ';
    while let Some(&c) = chars.peek() {
        if numeral(c) || c.is_ascii_digit() || ('０'..='９').contains(&c) {
            chars.next();
            n += 1;
            last = c;
        } else {
            break;
        }
    }
    if n == 0 || n > 3 {
        return false;
    }
    match chars.peek() {
        Some('、') => true,
        Some('.') | Some('．') => {
            chars.next();
            // «2.5万元» is a number, not an item.
            (last.is_ascii_digit() || ('０'..='９').contains(&last))
                && !chars.peek().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        }
        _ => false,
    }
}

/// A short item line with no sentence in it («一、关于营商环境», «（二）智慧法院») is a heading:
/// what follows it starts a new paragraph.
fn is_heading(line: &str) -> bool {
    starts_item(line) && line.chars().count() <= 40 && !line.contains(['。', '，', '；', '！', '？', ',', ';'])
}

/// Collapses the spaces inside a line: none next to Chinese text, one between words otherwise.
fn tidy_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev = out.chars().last().unwrap_or(' ');
            if !is_cjk(prev) && !is_cjk(c) && prev != '\t' && c != '\t' {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Joins two pieces of one paragraph: with no space between Chinese text, with one between words.
fn join_into(para: &mut String, next: &str) {
    if para.is_empty() {
        para.push_str(next);
        return;
    }
    let prev = para.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    if !is_cjk(prev) && !is_cjk(first) && prev != '-' {
        para.push(' ');
    }
    para.push_str(next);
}

/// A table row drawn with bars («│ 姓名 │ 单位 │») becomes its cells joined by tabs; a rule line
/// («├──┼──┤», «+----+») becomes nothing (`Some("")`). Other lines give `None`.
fn box_table_row(line: &str) -> Option<String> {
    let t = line.trim_matches(is_space);
    if t.is_empty() {
        return None;
    }
    if t.chars().count() >= 3 && t.chars().all(|c| is_box_rule(c) || is_space(c)) {
        return Some(String::new());
    }
    let bars = t.chars().filter(|&c| is_box_bar(c)).count();
    let first = t.chars().next().is_some_and(is_box_bar);
    if bars >= 2 && first {
        let mut cells: Vec<String> = t.split(is_box_bar).map(|cell| tidy_spaces(cell.trim_matches(is_space))).collect();
        // Drop the empty cells outside the first and last bar.
        if cells.first().is_some_and(String::is_empty) {
            cells.remove(0);
        }
        if cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        return Some(cells.join("\t"));
    }
    None
}

/// Cleans text pasted from a word processor. Paragraphs come out one per line (separated by
/// `\n`), table rows one per line with cells separated by `\t`, with no leading or trailing
/// blanks, no invisible characters and no line breaks inside a paragraph.
pub fn clean_pasted(input: &str) -> String {
    let text: String = input
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{000B}', '\u{000C}', '\u{0085}'], "\n")
        .chars()
        .filter(|&c| !is_invisible(c) && !crate::text::is_forbidden(c))
        .collect();

    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim_matches(|c: char| is_space(c) || c == '\t').to_string();
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };

    for raw in text.split('\n') {
        let (raw, bulleted) = strip_list_mark(raw);
        if bulleted {
            // A list item starts a paragraph of its own.
            flush(&mut current, &mut paragraphs);
        }
        if let Some(row) = box_table_row(raw) {
            flush(&mut current, &mut paragraphs);
            if !row.trim().is_empty() {
                paragraphs.push(row);
            }
            continue;
        }
        if raw.contains('\t') {
            // A table row pasted as tab-separated cells (Word's plain-text table): one line.
            flush(&mut current, &mut paragraphs);
            let cells: Vec<String> = raw.split('\t').map(|c| tidy_spaces(c.trim_matches(is_space))).collect();
            let row = cells.join("\t").trim_matches('\t').to_string();
            if !row.is_empty() {
                paragraphs.push(row);
            }
            continue;
        }
        let indented = raw.starts_with('\u{3000}') || raw.starts_with("  ");
        let line = tidy_spaces(raw.trim_matches(is_space));
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if current.is_empty() {
            current = line;
        } else if ends_mid_sentence(&current) {
            // «，» at the end of a line: the sentence goes on, however the next line looks.
            join_into(&mut current, &line);
        } else if indented || starts_item(&line) || ends_paragraph(&current) || is_heading(&current) {
            flush(&mut current, &mut paragraphs);
            current = line;
        } else {
            join_into(&mut current, &line);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_inside_a_paragraph_are_joined() {
        let pasted = "建议进一步优化营商环境，\n推进“一网通办”，压缩企业开办\n时间。\n\n二是加强乡村治理。";
        assert_eq!(
            clean_pasted(pasted),
            "建议进一步优化营商环境，推进“一网通办”，压缩企业开办时间。\n二是加强乡村治理。",
            "hard breaks mid-sentence disappear; the blank line separates paragraphs"
        );
    }

    #[test]
    fn sentence_end_keeps_the_paragraph_break_and_items_start_new_lines() {
        let pasted = "报告总结全面。\n一、关于营商环境\n建议简化审批\n（二）关于乡村治理\n3. 加强培训";
        assert_eq!(
            clean_pasted(pasted),
            "报告总结全面。\n一、关于营商环境\n建议简化审批\n（二）关于乡村治理\n3.加强培训",
            "headings stay on their own line; no space is kept next to Chinese text"
        );
    }

    #[test]
    fn full_width_indentation_nbsp_and_zero_width_characters_go() {
        let pasted = "\u{3000}\u{3000}建议\u{200B}加快\u{00A0}矿山\u{FEFF}生态修复。\u{3000}\n\u{3000}\u{3000}完善退役军人服务体系。";
        assert_eq!(clean_pasted(pasted), "建议加快矿山生态修复。\n完善退役军人服务体系。");
    }

    #[test]
    fn spaces_between_latin_words_are_kept_single() {
        assert_eq!(clean_pasted("推广 5G\u{00A0}\u{00A0}and   AI 应用"), "推广5G and AI应用");
    }

    #[test]
    fn an_indented_line_starts_a_new_paragraph_even_without_punctuation() {
        let pasted = "\u{3000}\u{3000}关于智慧法院建设\n\u{3000}\u{3000}建议推进电子诉讼";
        assert_eq!(clean_pasted(pasted), "关于智慧法院建设\n建议推进电子诉讼");
    }

    #[test]
    fn tab_separated_table_rows_stay_rows() {
        let pasted = "情况如下：\n序号\t事项 \t 责任单位\n1\t危化企业搬迁\t应急局\n\n后续跟进。";
        assert_eq!(clean_pasted(pasted), "情况如下：\n序号\t事项\t责任单位\n1\t危化企业搬迁\t应急局\n后续跟进。");
    }

    #[test]
    fn box_drawn_tables_become_tab_separated_rows() {
        let pasted = "┌────┬────┐\n│ 小组 │ 人数 │\n├────┼────┤\n│第一组│ 12 │\n└────┴────┘";
        assert_eq!(clean_pasted(pasted), "小组\t人数\n第一组\t12");
    }

    #[test]
    fn windows_line_endings_and_trailing_blank_lines() {
        assert_eq!(clean_pasted("\r\n\r\n建议加强传染病防控\r\n体系建设。\r\n\r\n"), "建议加强传染病防控体系建设。");
    }

    #[test]
    fn plain_text_is_unchanged() {
        let s = "建议加快推进危险化学品企业搬迁改造。";
        assert_eq!(clean_pasted(s), s);
    }

    /// What Word gives on a plain-text paste of a remark typed with hard line breaks, a first-line
    /// indent and an automatic bulleted list: bullets followed by a tab, lines broken after «，».
    #[test]
    fn word_paste_with_breaks_after_commas_and_bullets() {
        let pasted = "\u{3000}\u{3000}建议进一步优化营商环境，\r\n\u{3000}\u{3000}压缩企业开办时间，\r\n\
                      3.5个工作日内办结。\r\n●\t加快矿山生态修复，\r\n落实主体责任；\r\n■\t完善退役军人服务体系。\r\n\
                      ◆ 加强传染病防控。\r\n•\t推进智慧法院建设。\r\n\u{F0B7}\t提高审判效率。";
        assert_eq!(
            clean_pasted(pasted),
            "建议进一步优化营商环境，压缩企业开办时间，3.5个工作日内办结。\n加快矿山生态修复，落实主体责任；\n\
             完善退役军人服务体系。\n加强传染病防控。\n推进智慧法院建设。\n提高审判效率。",
            "breaks after «，» are joined even before an indented line or a number; bullets go, items stay lines"
        );
    }

    #[test]
    fn dashes_and_word_numbering_marks_go_but_typed_numbers_stay() {
        let pasted = "- 建议简化审批\n1.\t加强培训，\n提升能力\n(2)\t完善制度\n一、关于营商环境\n2.加大投入";
        assert_eq!(
            clean_pasted(pasted),
            "建议简化审批\n加强培训，提升能力\n完善制度\n一、关于营商环境\n2.加大投入",
            "list marks Word adds are removed; numbers typed as text are part of the remark"
        );
    }

    #[test]
    fn a_middle_dot_inside_a_name_is_not_a_bullet() {
        assert_eq!(clean_pasted("·建议由阿依古丽·买买提牵头"), "·建议由阿依古丽·买买提牵头");
        assert_eq!(clean_pasted("· 建议由阿依古丽·买买提牵头"), "建议由阿依古丽·买买提牵头");
    }

    #[test]
    fn tab_separated_rows_after_a_comma_are_still_rows() {
        assert_eq!(clean_pasted("序号\t事项\n1\t搬迁"), "序号\t事项\n1\t搬迁");
    }
}
