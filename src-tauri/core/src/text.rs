//! Text as it may be stored and written into a file: no control characters. XML 1.0 (inside every
//! DOCX and XLSX) cannot carry C0 controls other than tab and line breaks, nor U+FFFE / U+FFFF; a
//! single `\x0b` pasted from Word makes a DOCX that Word refuses to open.

/// A character never kept in stored text: C0 controls other than tab and line feed, DEL, C1
/// controls, and the XML non-characters U+FFFE / U+FFFF.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Multi-line text (a minutes body): line breaks of every kind (`\r\n`, `\r`, vertical tab, form
/// feed, U+0085, U+2028, U+2029) become `\n`; other control characters are dropped.
pub fn clean_multiline(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}' => '\n',
            c => c,
        })
        .filter(|&c| !is_forbidden(c))
        .collect()
}

/// One-line text (a title, a name): every control character and line break dropped.
pub fn clean_line(s: &str) -> String {
    s.chars().filter(|&c| !is_forbidden(c) && c != '\n' && c != '\u{2028}' && c != '\u{2029}').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_line_breaks_are_unified() {
        let raw = "会议认为，\u{b}要抓好\u{c}落实。\r\n二、\u{1f}会议决定\u{0}\u{7f}\u{85}三、\r完\u{FFFF}";
        assert_eq!(clean_multiline(raw), "会议认为，\n要抓好\n落实。\n二、会议决定\n三、\n完");
        assert_eq!(clean_line("主席会议\u{1f}纪要\n"), "主席会议纪要");
        assert_eq!(clean_multiline("表\t格"), "表\t格", "a tab stays");
    }
}
