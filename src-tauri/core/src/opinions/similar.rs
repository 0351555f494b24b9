//! Near-duplicate suggestions: remarks of one report that say nearly the same thing, by the
//! Dice coefficient of their character bigrams, explained by the bigrams they share. The
//! suggestion only points; the user decides whether to merge.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::remarks::list_remarks;
use super::types::*;
use crate::error::Result;

/// Bigrams so common in remarks on any report that sharing them says nothing.
const STOP_BIGRAMS: &[&str] = &[
    "建议",
    "议进",
    "进一",
    "一步",
    "加强",
    "强对",
    "我们",
    "报告",
    "工作",
    "政府",
    "提出",
    "希望",
    "要求",
    "进行",
    "相关",
    "有关",
    "方面",
    "问题",
    "今年",
    "明年",
    "同时",
    "以及",
    "一些",
    "目前",
    "实现",
    "推进",
    "推动",
    "做好",
    "切实",
    "不断",
    "继续",
    "工作报",
    "作报",
    "的建",
    "的工",
    "要进",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The set of character bigrams of a text, not spanning punctuation or spaces, with the
/// connective «的» dropped.
pub fn bigrams(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !is_word_char(c) || c == '的' {
            prev = None;
            continue;
        }
        let c = c.to_lowercase().next().unwrap_or(c);
        if let Some(p) = prev {
            let mut s = String::with_capacity(8);
            s.push(p);
            s.push(c);
            out.insert(s);
        }
        prev = Some(c);
    }
    for stop in STOP_BIGRAMS {
        out.remove(*stop);
    }
    out
}

/// Dice coefficient of two bigram sets: 2|A∩B| / (|A|+|B|).
pub fn dice(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The default threshold above which two remarks are suggested as near duplicates.
pub const DEFAULT_MIN_SCORE: f64 = 0.3;

/// Pairs of a report's remarks, at least one of them not yet placed and not both in the same
/// opinion, whose similarity reaches `min_score`, best first, at most `limit`.
pub fn suggest_duplicates(
    conn: &Connection,
    report_id: i64,
    min_score: f64,
    limit: usize,
) -> Result<Vec<RemarkSuggestion>> {
    let remarks = list_remarks(conn, &RemarkFilter { report_id, ..Default::default() })?.remarks;
    let grams: Vec<HashSet<String>> = remarks.iter().map(|r| bigrams(&r.text)).collect();
    // Bigrams in more than a third of a large report's remarks are boilerplate: ignore them.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for g in &grams {
        for b in g {
            *df.entry(b.as_str()).or_default() += 1;
        }
    }
    let n = remarks.len();
    let common: HashSet<String> = if n >= 30 {
        df.iter().filter(|(_, &c)| c * 3 > n).map(|(b, _)| b.to_string()).collect()
    } else {
        HashSet::new()
    };
    let grams: Vec<HashSet<String>> =
        grams.into_iter().map(|g| g.into_iter().filter(|b| !common.contains(b)).collect()).collect();

    // Inverted index over bigram ids; for each remark, count what it shares with every later
    // remark in one dense array (only remarks that share a bigram are touched).
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    let mut doc_grams: Vec<Vec<usize>> = Vec::with_capacity(n);
    for (i, g) in grams.iter().enumerate() {
        let mut mine = Vec::with_capacity(g.len());
        for b in g {
            let next = postings.len();
            let id = *ids.entry(b.as_str()).or_insert(next);
            if id == next {
                postings.push(Vec::new());
            }
            postings[id].push(i as u32);
            mine.push(id);
        }
        doc_grams.push(mine);
    }
    let mut counts = vec![0u32; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..n {
        let i_unplaced = remarks[i].status == RemarkStatus::Unplaced;
        for &b in &doc_grams[i] {
            let list = &postings[b];
            // Postings are in increasing order: skip to the remarks after i.
            let start = list.partition_point(|&j| j as usize <= i);
            for &j in &list[start..] {
                let j = j as usize;
                if counts[j] == 0 {
                    touched.push(j);
                }
                counts[j] += 1;
            }
        }
        for &j in &touched {
            let shared = counts[j] as usize;
            counts[j] = 0;
            if !i_unplaced && remarks[j].status != RemarkStatus::Unplaced {
                continue;
            }
            let score = 2.0 * shared as f64 / (grams[i].len() + grams[j].len()) as f64;
            let same_opinion = remarks[i].opinion_id.is_some() && remarks[i].opinion_id == remarks[j].opinion_id;
            if score >= min_score && !same_opinion {
                pairs.push((score, i, j));
            }
        }
        touched.clear();
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    pairs.truncate(limit);
    Ok(pairs
        .into_iter()
        .map(|(score, i, j)| RemarkSuggestion {
            shared: explain(&remarks[i].text, &grams[i], &grams[j]),
            a: remarks[i].clone(),
            b: remarks[j].clone(),
            score: (score * 1000.0).round() / 1000.0,
        })
        .collect())
}

/// The shared bigrams in the order they occur in the first text, joined into runs where they
/// overlap («营商»+«商环»+«环境» → «营商环境») so the user sees the shared wording.
fn explain(text: &str, a: &HashSet<String>, b: &HashSet<String>) -> Vec<String> {
    let shared: HashSet<&String> = a.intersection(b).collect();
    let chars: Vec<char> = text.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect();
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last_end = usize::MAX;
    for i in 0..chars.len().saturating_sub(1) {
        let gram: String = chars[i..i + 2].iter().collect();
        if shared.iter().any(|s| **s == gram) {
            if last_end == i + 1 {
                current.push(chars[i + 1]);
            } else {
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
                current = gram;
            }
            last_end = i + 2;
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    let mut seen = HashSet::new();
    runs.retain(|r| seen.insert(r.clone()));
    runs.sort_by_key(|r| std::cmp::Reverse(r.chars().count()));
    runs
}

/// The remarks of the same report most like one remark, best first.
pub fn similar_to(conn: &Connection, remark_id: i64, limit: usize) -> Result<Vec<RemarkSuggestion>> {
    let me = super::get_remark(conn, remark_id)?;
    let mine = bigrams(&me.text);
    let others = list_remarks(conn, &RemarkFilter { report_id: me.report_id, ..Default::default() })?.remarks;
    let mut out: Vec<RemarkSuggestion> = others
        .into_iter()
        .filter(|r| r.id != remark_id)
        .filter_map(|r| {
            let theirs = bigrams(&r.text);
            let score = dice(&mine, &theirs);
            (score > 0.0).then(|| RemarkSuggestion {
                shared: explain(&me.text, &mine, &theirs),
                a: me.clone(),
                b: r,
                score: (score * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.b.id.cmp(&b.b.id)));
    out.truncate(limit);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opinions::testkit::*;

    #[test]
    fn bigrams_skip_punctuation_and_boilerplate() {
        let g = bigrams("建议优化营商环境，推行一网通办。");
        assert!(g.contains("营商") && g.contains("商环") && g.contains("环境"));
        assert!(!g.contains("境推"), "no bigram across the comma");
        assert!(!g.contains("建议"), "boilerplate bigrams are dropped");
    }

    #[test]
    fn near_duplicates_are_suggested_with_what_they_share() {
        let (mut db, fx) = fixture();
        let r = add_remarks(
            &mut db,
            &fx,
            &[
                (fx.m1, "建议加快危险化学品企业搬迁改造进度。"),
                (fx.m3, "危险化学品企业搬迁改造要加快进度，确保安全。"),
                (fx.m2, "完善退役军人服务保障体系。"),
            ],
        );
        let s = suggest_duplicates(db.conn(), fx.report, DEFAULT_MIN_SCORE, 10).expect("suggest");
        assert_eq!(s.len(), 1, "only the two hazardous-chemicals remarks are alike: {s:?}");
        assert_eq!((s[0].a.id, s[0].b.id), (r[0], r[1]));
        assert!(s[0].score > 0.5, "score {}", s[0].score);
        assert_eq!(
            s[0].shared.first().map(String::as_str),
            Some("危险化学品企业搬迁改造"),
            "the shared wording, longest first: {:?}",
            s[0].shared
        );
        // Once both are in one opinion they are no longer suggested.
        crate::opinions::merge(
            &mut db,
            &MergeInput {
                report_id: fx.report, remark_ids: vec![r[0], r[1]], text: "合".into(), ..Default::default()
            },
        )
        .expect("merge");
        assert!(suggest_duplicates(db.conn(), fx.report, DEFAULT_MIN_SCORE, 10).expect("again").is_empty());
        let like = similar_to(db.conn(), r[0], 5).expect("similar");
        assert_eq!(like.first().map(|x| x.b.id), Some(r[1]));
    }
}
