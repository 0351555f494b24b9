//! The search behind near-duplicate suggestions: the best pairs, by the Dice coefficient of their
//! bigram sets, among a report's remarks, without comparing every remark with every other.
//!
//! Each bigram gets an id, rarest first, so every set is a sorted list of small integers. The
//! remarks are taken from the smallest set to the largest; each is compared only with the remarks
//! before it that share one of the first bigrams of its set (its prefix), and only with those of a
//! size that can still reach the threshold. Two sets that reach a Dice score t share at least
//! s ≥ t·(|A|+|B|)/2 bigrams, hence one of the first |A|−s+1 of A and one of the first |B|−s+1 of
//! B (prefix filtering), and |B| lies within [|A|·t/(2−t), |A|·(2−t)/t] (size bounds). Only the best
//! `limit` pairs are kept, so the threshold rises to the worst kept score as soon as there are
//! `limit` of them, and the prefixes shorten. The pairs found, their scores and their order are
//! exactly those of comparing every pair (tests in similar.rs check it against that).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Below the exact bound by this much, so that rounding never drops a pair scoring exactly at it.
const SLACK: f64 = 1e-9;

/// The bigram sets of a report's remarks, as sorted ids.
pub(super) struct GramIndex {
    /// Per remark, its bigram ids in increasing order (= rarest first).
    docs: Vec<Vec<u32>>,
    /// Per id, the bigram's code (see `similar::gram_codes`).
    codes: Vec<u64>,
}

/// A pair kept among the best: the greater is the worse (lower score, then later remarks).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranked {
    score: f64,
    i: usize,
    j: usize,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other.score.total_cmp(&self.score).then(self.i.cmp(&other.i)).then(self.j.cmp(&other.j))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl GramIndex {
    /// Indexes the sets (bigram codes, each set sorted and without repeats). In a report of 30
    /// remarks or more, a bigram found in more than a third of them is boilerplate and left out.
    pub fn new(sets: &[Vec<u64>]) -> GramIndex {
        let n = sets.len();
        let mut all: Vec<u64> = sets.iter().flatten().copied().collect();
        all.sort_unstable();
        let mut counted: Vec<(u32, u64)> = Vec::new(); // (how many remarks, code)
        for code in all {
            match counted.last_mut() {
                Some((count, last)) if *last == code => *count += 1,
                _ => counted.push((1, code)),
            }
        }
        if n >= 30 {
            counted.retain(|&(count, _)| count as usize * 3 <= n);
        }
        counted.sort_unstable();
        let codes: Vec<u64> = counted.iter().map(|&(_, code)| code).collect();
        let mut by_code: Vec<(u64, u32)> = codes.iter().enumerate().map(|(id, &code)| (code, id as u32)).collect();
        by_code.sort_unstable();
        let docs = sets
            .iter()
            .map(|set| {
                let mut ids: Vec<u32> = set
                    .iter()
                    .filter_map(|code| by_code.binary_search_by_key(code, |&(c, _)| c).ok().map(|k| by_code[k].1))
                    .collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        GramIndex { docs, codes }
    }

    /// The bigram codes remarks `i` and `j` share.
    pub fn shared(&self, i: usize, j: usize) -> Vec<u64> {
        let (a, b) = (&self.docs[i], &self.docs[j]);
        let mut out = Vec::new();
        let (mut p, mut q) = (0, 0);
        while p < a.len() && q < b.len() {
            match a[p].cmp(&b[q]) {
                Ordering::Less => p += 1,
                Ordering::Greater => q += 1,
                Ordering::Equal => {
                    out.push(self.codes[a[p] as usize]);
                    p += 1;
                    q += 1;
                }
            }
        }
        out
    }

    /// The best `limit` pairs (i < j) that share a bigram, score at least `min_score` and pass
    /// `eligible(i, j)`: best score first, then by i, then by j. Score = 2|A∩B| / (|A|+|B|).
    pub fn top_pairs(
        &self,
        min_score: f64,
        limit: usize,
        eligible: impl Fn(usize, usize) -> bool,
    ) -> Vec<(f64, usize, usize)> {
        // No pair scores above 1; NaN admits nothing either.
        if limit == 0 || min_score.is_nan() || min_score > 1.0 {
            return Vec::new();
        }
        let n = self.docs.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (self.docs[i].len(), i));
        // Per bigram id, the remarks already taken whose prefix holds it.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.codes.len()];
        let mut best: BinaryHeap<Ranked> = BinaryHeap::with_capacity(limit.min(4096) + 1);
        let mut last_probe = vec![usize::MAX; n];
        let mut candidates: Vec<usize> = Vec::new();
        for &x in &order {
            let a = self.docs[x].len();
            if a == 0 {
                continue;
            }
            let floor = match best.peek() {
                Some(worst) if best.len() == limit => worst.score.max(min_score),
                _ => min_score,
            };
            let t = (floor - SLACK).clamp(0.0, 1.0);
            // Every remark taken so far is no larger than x: a partner reaching t has at least
            // a·t/(2−t) bigrams and shares at least that many with x.
            let least = (a as f64 * t / (2.0 - t)).ceil() as usize;
            let probe = (a + 1).saturating_sub(least.max(1)).min(a);
            candidates.clear();
            for &g in &self.docs[x][..probe] {
                for &y in &postings[g as usize] {
                    let y = y as usize;
                    if last_probe[y] != x && self.docs[y].len() >= least {
                        last_probe[y] = x;
                        candidates.push(y);
                    }
                }
            }
            for &y in &candidates {
                let (i, j) = if x < y { (x, y) } else { (y, x) };
                if !eligible(i, j) {
                    continue;
                }
                // Fewer shared bigrams than this scores below t: not worth counting to the end.
                let need = ((t * (a + self.docs[y].len()) as f64 / 2.0).ceil() as usize).max(1);
                let Some(shared) = count_shared_at_least(&self.docs[x], &self.docs[y], need) else {
                    continue;
                };
                let score = 2.0 * shared as f64 / (self.docs[i].len() + self.docs[j].len()) as f64;
                if score < min_score {
                    continue;
                }
                let pair = Ranked { score, i, j };
                if best.len() < limit {
                    best.push(pair);
                } else if best.peek().is_some_and(|worst| pair < *worst) {
                    best.pop();
                    best.push(pair);
                }
            }
            // Later remarks are no smaller than x: reaching t with x takes at least a·t shared.
            let need = ((a as f64 * t).ceil() as usize).max(1);
            for &g in &self.docs[x][..(a + 1).saturating_sub(need).min(a)] {
                postings[g as usize].push(x as u32);
            }
        }
        best.into_sorted_vec().into_iter().map(|r| (r.score, r.i, r.j)).collect()
    }
}

/// |A ∩ B| of two sorted id lists if it reaches `need`; stops as soon as it no longer can.
fn count_shared_at_least(a: &[u32], b: &[u32], need: usize) -> Option<usize> {
    let (mut p, mut q, mut n) = (0, 0, 0);
    while p < a.len() && q < b.len() {
        if n + (a.len() - p).min(b.len() - q) < need {
            return None;
        }
        match a[p].cmp(&b[q]) {
            Ordering::Less => p += 1,
            Ordering::Greater => q += 1,
            Ordering::Equal => {
                n += 1;
                p += 1;
                q += 1;
            }
        }
    }
    (n >= need).then_some(n)
}
