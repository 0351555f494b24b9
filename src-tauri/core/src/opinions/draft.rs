//! The first draft of a consolidated opinion: the remarks' sentences, each once, one per line,
//! for the staff to rewrite. Not one run-on paragraph: a sentence two members both said appears
//! once, and a sentence that only repeats part of a longer one is dropped.

use super::clean::clean_pasted;

/// Punctuation that ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// The sentences of a text, each with its final punctuation; closing quotes and brackets stay
/// with the sentence they close.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        let mut cur = String::new();
        let mut chars = para.chars().peekable();
        while let Some(c) = chars.next() {
            cur.push(c);
            if ends_sentence(c) {
                while let Some(&q) = chars.peek() {
                    if matches!(q, '”' | '’' | '」' | '』' | '）' | ')') {
                        cur.push(q);
                        chars.next();
                    } else {
                        break;
                    }
                }
                push_sentence(&mut out, &cur);
                cur.clear();
            }
        }
        push_sentence(&mut out, &cur);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_start_matches(['，', '、', ',', '。', '；']).trim();
    if s.chars().any(|c| c.is_alphanumeric()) {
        out.push(s.to_string());
    }
}

/// What two sentences are compared by: their words, with punctuation and spaces ignored.
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A sentence as it stands on its own: ending with «。» where it ended with «；», «，» or nothing.
fn as_sentence(s: &str) -> String {
    let t = s.trim_end_matches(['；', ';', '，', ',', '、']);
    match t.chars().last() {
        Some(c) if ends_sentence(c) && c != '；' && c != ';' => t.to_string(),
        Some('”' | '’' | '」' | '』' | '）' | ')') => t.to_string(),
        _ => format!("{t}。"),
    }
}

/// The draft of an opinion consolidated from remarks with these texts: their sentences in
/// order, de-duplicated, one per line.
pub fn draft_text<S: AsRef<str>>(remarks: &[S]) -> String {
    let mut kept: Vec<(String, String)> = Vec::new();
    for text in remarks {
        for s in sentences(&clean_pasted(text.as_ref())) {
            let k = key(&s);
            if k.is_empty() || kept.iter().any(|(kk, _)| kk.contains(&k)) {
                continue;
            }
            // A longer sentence that says all a kept one said takes its place.
            let contained: Vec<usize> =
                kept.iter().enumerate().filter(|(_, (kk, _))| k.contains(kk.as_str())).map(|(i, _)| i).collect();
            if let Some(&first) = contained.first() {
                kept[first] = (k, as_sentence(&s));
                for &i in contained[1..].iter().rev() {
                    kept.remove(i);
                }
                continue;
            }
            kept.push((k, as_sentence(&s)));
        }
    }
    kept.into_iter().map(|(_, s)| s).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_of_several_remarks_one_per_line_each_once() {
        let remarks = [
            "建议进一步优化营商环境，\n压缩企业开办时间。加强政务服务中心建设",
            "●\t建议进一步优化营商环境，压缩企业开办时间。",
            "压缩企业开办时间；推行“一网通办”。",
        ];
        assert_eq!(
            draft_text(&remarks),
            "建议进一步优化营商环境，压缩企业开办时间。\n加强政务服务中心建设。\n推行“一网通办”。",
            "the repeated sentence and the part already said are dropped; each sentence is a line"
        );
    }

    #[test]
    fn a_longer_sentence_replaces_the_shorter_one_it_contains() {
        let remarks = ["加快矿山生态修复。", "加快矿山生态修复，落实企业主体责任。"];
        assert_eq!(draft_text(&remarks), "加快矿山生态修复，落实企业主体责任。");
    }

    #[test]
    fn punctuation_and_spaces_do_not_make_a_sentence_new() {
        let remarks = ["完善退役军人服务体系。", "完善 退役军人服务体系！"];
        assert_eq!(draft_text(&remarks), "完善退役军人服务体系。");
    }

    #[test]
    fn empty_remarks_give_an_empty_draft() {
        assert_eq!(draft_text(&["", " \n "]), "");
    }
}
