//! Seat numbers as people type them. A seat is stored as «1排12号»; at a desk it is typed «1-12»,
//! «1 12», «1排12», «01-012», «１－１２» (full width) or, in a hurry, «112». Every written form
//! that names a row and a seat becomes the pair (1, 12); a bare number is read as every way of
//! splitting it into a row and a seat, and means a seat only when exactly one of those seats
//! exists (see [`super::SearchIndex::query`]).

use super::names;

/// A seat as a pair (row, seat): «1排12号», «A区1排12号», «1-12» → (1, 12). None when the text does
/// not hold exactly two numbers (e.g. «主席台», «12»).
pub fn seat_pair(stored: &str) -> Option<(u32, u32)> {
    let s = names::half_width(stored);
    let nums = number_runs(&s);
    match nums.as_slice() {
        [r, c] => Some((*r, *c)),
        _ => None,
    }
}

fn number_runs(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut cur: Option<u32> = None;
    for ch in s.chars() {
        match ch.to_digit(10) {
            Some(d) => cur = Some(cur.unwrap_or(0).saturating_mul(10).saturating_add(d)),
            None => {
                if let Some(n) = cur.take() {
                    out.push(n);
                }
            }
        }
    }
    out.extend(cur);
    out
}

/// What a typed query can mean as a seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatQuery {
    /// Not a seat: letters, Chinese other than 排/号, or no digits.
    None,
    /// A row and a seat written apart: «1-12», «1 12», «1排12», «01-012», «1排12号».
    Pair(u32, u32),
    /// Digits only: each way of splitting them into a row and a seat (no part with a leading zero).
    Bare(Vec<(u32, u32)>),
}

/// Reads a query as a seat. The separators allowed between row and seat are spaces, «排», and
/// the dashes, dots, commas and slashes people type; «号» or «座» may end it, «第» begin it.
pub fn seat_query(query: &str) -> SeatQuery {
    let s = names::half_width(query.trim());
    let s = s.strip_prefix('第').unwrap_or(&s);
    let s = s.trim_end_matches(['号', '座']).trim();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return SeatQuery::None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return SeatQuery::Bare(bare_splits(s));
    }
    let separator = |c: char| c.is_whitespace() || "排-—–_.,，。、·/\\:：".contains(c);
    if !s.chars().all(|c| c.is_ascii_digit() || separator(c)) {
        return SeatQuery::None;
    }
    match number_runs(s).as_slice() {
        [r, c] => SeatQuery::Pair(*r, *c),
        _ => SeatQuery::None,
    }
}

fn bare_splits(digits: &str) -> Vec<(u32, u32)> {
    if digits.len() < 2 || digits.len() > 6 {
        return Vec::new();
    }
    (1..digits.len())
        .filter_map(|k| {
            let (r, c) = digits.split_at(k);
            if r.starts_with('0') || c.starts_with('0') {
                return None;
            }
            Some((r.parse().ok()?, c.parse().ok()?))
        })
        .collect()
}

/// «1排12号», the way seats are written on the roster and the sign-in sheet.
pub fn seat_text((row, seat): (u32, u32)) -> String {
    format!("{row}排{seat}号")
}

impl SeatQuery {
    /// The seats this query was read as, for a message that says what was tried.
    pub fn readings(&self) -> Vec<String> {
        match self {
            SeatQuery::None => Vec::new(),
            SeatQuery::Pair(r, c) => vec![seat_text((*r, *c))],
            SeatQuery::Bare(v) => v.iter().map(|p| seat_text(*p)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_seats_become_pairs() {
        assert_eq!(seat_pair("1排12号"), Some((1, 12)));
        assert_eq!(seat_pair("１排１２号"), Some((1, 12)), "full-width digits");
        assert_eq!(seat_pair("A区3排5号"), Some((3, 5)));
        assert_eq!(seat_pair("主席台"), None);
        assert_eq!(seat_pair("12"), None, "one number is not a row and a seat");
    }

    #[test]
    fn the_forms_people_type_all_mean_row_1_seat_12() {
        for q in
            ["1-12", "1 12", "1排12", "1排12号", "01-012", "１－１２", "１排１２", "1.12", "1,12", "1/12", "第1排12号"]
        {
            assert_eq!(seat_query(q), SeatQuery::Pair(1, 12), "{q}");
        }
    }

    #[test]
    fn a_bare_number_is_every_split_without_leading_zeros() {
        assert_eq!(seat_query("112"), SeatQuery::Bare(vec![(1, 12), (11, 2)]));
        assert_eq!(seat_query("1012"), SeatQuery::Bare(vec![(10, 12), (101, 2)]));
        assert_eq!(seat_query("7"), SeatQuery::Bare(Vec::new()), "one digit is no seat");
        assert_eq!(seat_query("112").readings(), vec!["1排12号", "11排2号"]);
    }

    #[test]
    fn names_numbers_and_pinyin_are_not_seats() {
        for q in ["张伟", "zw", "A6001", "1排", "1-2-3", "", "szq1"] {
            assert!(matches!(seat_query(q), SeatQuery::None), "{q}");
        }
    }
}
