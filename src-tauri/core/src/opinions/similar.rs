//! Near-duplicate suggestions: remarks of one report that say nearly the same thing, by the
//! Dice coefficient of their character bigrams, explained by the bigrams they share. The
//! suggestion only points; the user decides whether to merge.

use std::collections::HashSet;
use std::sync::OnceLock;

use rusqlite::Connection;

use super::gram_index::GramIndex;
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

/// A bigram as one integer: its two characters side by side.
fn code(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn decode(code: u64) -> String {
    [(code >> 32) as u32, code as u32].into_iter().filter_map(char::from_u32).collect()
}

/// The stop bigrams as sorted codes.
fn stop_codes() -> &'static [u64] {
    static STOP: OnceLock<Vec<u64>> = OnceLock::new();
    STOP.get_or_init(|| {
        let mut codes: Vec<u64> = STOP_BIGRAMS
            .iter()
            .filter_map(|s| {
                let mut chars = s.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(a), Some(b), None) => Some(code(a, b)),
                    _ => None, // three characters are never one bigram
                }
            })
            .collect();
        codes.sort_unstable();
        codes
    })
}

/// The character bigrams of a text as sorted codes without repeats: not spanning punctuation or
/// spaces, lower-cased, with the connective «的» dropped and the stop bigrams left out.
pub(super) fn gram_codes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !is_word_char(c) || c == '的' {
            prev = None;
            continue;
        }
        let c = c.to_lowercase().next().unwrap_or(c);
        if let Some(p) = prev {
            out.push(code(p, c));
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out.dedup();
    let stop = stop_codes();
    out.retain(|g| stop.binary_search(g).is_err());
    out
}

/// The set of character bigrams of a text, not spanning punctuation or spaces, with the
/// connective «的» dropped.
pub fn bigrams(text: &str) -> HashSet<String> {
    gram_codes(text).into_iter().map(decode).collect()
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
/// opinion, whose similarity reaches `min_score`, best first (then in list order), at most
/// `limit`. Bigrams found in more than a third of a large report's remarks (30 or more) are
/// boilerplate and do not count. The search is gram_index.rs.
pub fn suggest_duplicates(
    conn: &Connection,
    report_id: i64,
    min_score: f64,
    limit: usize,
) -> Result<Vec<RemarkSuggestion>> {
    let remarks = list_remarks(conn, &RemarkFilter { report_id, ..Default::default() })?.remarks;
    let sets: Vec<Vec<u64>> = remarks.iter().map(|r| gram_codes(&r.text)).collect();
    let index = GramIndex::new(&sets);
    let pairs = index.top_pairs(min_score, limit, |i, j| {
        let (a, b) = (&remarks[i], &remarks[j]);
        let one_unplaced = a.status == RemarkStatus::Unplaced || b.status == RemarkStatus::Unplaced;
        let same_opinion = a.opinion_id.is_some() && a.opinion_id == b.opinion_id;
        one_unplaced && !same_opinion
    });
    Ok(pairs
        .into_iter()
        .map(|(score, i, j)| RemarkSuggestion {
            shared: explain(&remarks[i].text, &index.shared(i, j)),
            a: remarks[i].clone(),
            b: remarks[j].clone(),
            score: (score * 1000.0).round() / 1000.0,
        })
        .collect())
}

/// The shared bigrams (codes) in the order they occur in the text, joined into runs where they
/// overlap («营商»+«商环»+«环境» → «营商环境») so the user sees the shared wording.
fn explain(text: &str, shared: &[u64]) -> Vec<String> {
    let shared: HashSet<u64> = shared.iter().copied().collect();
    let chars: Vec<char> = text.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect();
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut last_end = usize::MAX;
    for i in 0..chars.len().saturating_sub(1) {
        if shared.contains(&code(chars[i], chars[i + 1])) {
            if last_end == i + 1 {
                current.push(chars[i + 1]);
            } else {
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
                current = chars[i..i + 2].iter().collect();
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

/// The bigrams two sorted code lists share.
fn shared_codes(a: &[u64], b: &[u64]) -> Vec<u64> {
    a.iter().filter(|g| b.binary_search(g).is_ok()).copied().collect()
}

/// The remarks of the same report most like one remark, best first.
pub fn similar_to(conn: &Connection, remark_id: i64, limit: usize) -> Result<Vec<RemarkSuggestion>> {
    let me = super::get_remark(conn, remark_id)?;
    let mine = gram_codes(&me.text);
    let others = list_remarks(conn, &RemarkFilter { report_id: me.report_id, ..Default::default() })?.remarks;
    let mut out: Vec<RemarkSuggestion> = others
        .into_iter()
        .filter(|r| r.id != remark_id)
        .filter_map(|r| {
            let theirs = gram_codes(&r.text);
            let shared = shared_codes(&mine, &theirs);
            if mine.is_empty() || theirs.is_empty() || shared.is_empty() {
                return None;
            }
            let score = 2.0 * shared.len() as f64 / (mine.len() + theirs.len()) as f64;
            Some(RemarkSuggestion {
                shared: explain(&me.text, &shared),
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

    /// The bigram sets as first written (a set of strings, stop bigrams removed after).
    fn bigrams_as_before(text: &str) -> HashSet<String> {
        let mut out = HashSet::new();
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if !is_word_char(c) || c == '的' {
                prev = None;
                continue;
            }
            let c = c.to_lowercase().next().unwrap_or(c);
            if let Some(p) = prev {
                out.insert([p, c].iter().collect::<String>());
            }
            prev = Some(c);
        }
        for stop in STOP_BIGRAMS {
            out.remove(*stop);
        }
        out
    }

    /// The suggestions as first computed: every pair compared, sorted, cut. (score, i, j, shared)
    fn pairs_as_before(
        texts: &[String],
        eligible: impl Fn(usize, usize) -> bool,
        min_score: f64,
        limit: usize,
    ) -> Vec<(f64, usize, usize, HashSet<String>)> {
        let grams: Vec<HashSet<String>> = texts.iter().map(|t| bigrams_as_before(t)).collect();
        let n = texts.len();
        let mut df: std::collections::HashMap<&String, usize> = Default::default();
        for g in &grams {
            for b in g {
                *df.entry(b).or_default() += 1;
            }
        }
        let common: HashSet<String> =
            df.iter().filter(|(_, &c)| n >= 30 && c * 3 > n).map(|(b, _)| (*b).clone()).collect();
        let grams: Vec<HashSet<String>> = grams.iter().map(|g| g.difference(&common).cloned().collect()).collect();
        let mut pairs = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                let shared = grams[i].intersection(&grams[j]).count();
                let score = 2.0 * shared as f64 / (grams[i].len() + grams[j].len()).max(1) as f64;
                if shared > 0 && score >= min_score && eligible(i, j) {
                    pairs.push((score, i, j, grams[i].intersection(&grams[j]).cloned().collect()));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        pairs.truncate(limit);
        pairs
    }

    /// Remarks of a made-up report: phrases mixed by a fixed pseudo-random sequence, with exact
    /// repeats (ties), near repeats, boilerplate in most of them, numbers, Latin letters in both
    /// cases, punctuation and empty remarks.
    fn made_up_remarks(n: usize, seed: u64) -> Vec<String> {
        const PARTS: &[&str] = &[
            "优化营商环境，压缩企业开办时间",
            "加快矿山生态恢复治理",
            "落实修复资金",
            "稳妥推进危险化学品企业搬迁改造",
            "健全传染病防控体系",
            "充实疾控专业人员",
            "做好退役军人服务保障",
            "修订完善村规民约",
            "给网格员减负",
            "推进电子卷宗随案生成",
            "扩大普惠性学前教育资源，解决入园难",
            "增开园区公交线路",
            "建设5G基站和WiFi热点",
            "提高wifi覆盖率",
        ];
        let mut state = seed;
        let mut next = move |m: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % m
        };
        (0..n)
            .map(|k| match next(10) {
                0 => String::new(),
                1 => "。。".into(),
                _ => {
                    let mut t =
                        if next(3) > 0 { "建议进一步加强政府工作，".to_string() } else { String::new() };
                    for _ in 0..1 + next(3) {
                        t.push_str(PARTS[next(PARTS.len())]);
                        t.push(if next(2) == 0 { '，' } else { '；' });
                    }
                    if next(4) == 0 {
                        t.push_str(&format!("第{}条", k % 7));
                    }
                    t
                }
            })
            .collect()
    }

    #[test]
    fn the_bigram_sets_are_those_of_the_first_version() {
        for text in made_up_remarks(300, 7).iter().chain(&["Ａb的的建议WiFi wifi 工作报告".to_string()]) {
            assert_eq!(bigrams(text), bigrams_as_before(text), "bigrams of {text:?}");
        }
    }

    #[test]
    fn the_index_finds_exactly_the_pairs_of_comparing_every_pair() {
        for (n, seed) in [(0, 1), (2, 2), (12, 3), (29, 4), (30, 5), (80, 6), (400, 8), (600, 9)] {
            let texts = made_up_remarks(n, seed);
            // Some remarks placed (status), some in the same opinion: ids by k % 5 and k % 3.
            let unplaced = |k: usize| !k.is_multiple_of(5);
            let opinion = |k: usize| k.is_multiple_of(3).then_some(k % 4);
            let eligible = |i: usize, j: usize| {
                (unplaced(i) || unplaced(j)) && !(opinion(i).is_some() && opinion(i) == opinion(j))
            };
            let sets: Vec<Vec<u64>> = texts.iter().map(|t| gram_codes(t)).collect();
            let index = GramIndex::new(&sets);
            let all = pairs_as_before(&texts, eligible, 0.0, usize::MAX);
            if n >= 400 {
                assert!(all.iter().filter(|p| p.0 >= 0.75).count() > 100, "{n} remarks give many close pairs");
            }
            for min_score in [0.0, 0.3, 0.5, 0.75, 1.0] {
                for limit in [1, 7, 100, usize::MAX / 2] {
                    let expected: Vec<_> = all.iter().filter(|p| p.0 >= min_score).take(limit).cloned().collect();
                    let got = index.top_pairs(min_score, limit, eligible);
                    let got: Vec<(f64, usize, usize, HashSet<String>)> = got
                        .into_iter()
                        .map(|(s, i, j)| (s, i, j, index.shared(i, j).into_iter().map(decode).collect()))
                        .collect();
                    assert_eq!(got, expected, "{n} remarks, min score {min_score}, limit {limit}");
                }
            }
        }
    }

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
