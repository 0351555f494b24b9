//! One search box for people: Chinese substring, full pinyin, pinyin initials (zw → 张伟), mixed
//! (zhangw), member number and seat. Exact member-number and seat matches come first. A seat is
//! found however it is typed («1-12», «1 12», «01-012» → 1排12号; a bare «112» when only one of
//! 1排12号 and 11排2号 exists; see [`super::seats`]).
//!
//! [`SearchIndex`] holds the roster in memory with each name's pinyin readings (every reading of a
//! polyphonic character, the surname reading first); [`search`] builds one and queries it. A
//! long-lived caller (the window) may keep an index and rebuild it after changes.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::seats::{seat_pair, seat_query, SeatQuery};
use super::{all, in_office_on, names, Member};
use crate::error::{Error, Result};

/// What matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchField {
    /// 委员编号, exactly
    MemberNo,
    /// 座位号, exactly
    Seat,
    /// the whole name
    Name,
    /// the start of the name
    NamePrefix,
    /// full pinyin or initials of the whole name (zhangwei, zw)
    Pinyin,
    /// pinyin from the start of the name (zhang, zhangw, zhw)
    PinyinPrefix,
    /// part of the name
    NamePart,
    /// pinyin from inside the name (wei → 张伟)
    PinyinPart,
    /// part of the member number or seat
    NumberPart,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberHit {
    pub member: Member,
    pub matched: MatchField,
}

struct Entry {
    member: Member,
    name_key: String,
    readings: Vec<Vec<String>>,
    no_key: String,
    seat_key: String,
    seat_pair: Option<(u32, u32)>,
}

/// The roster in memory, ready to be searched.
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    /// Members in office on `date`, or everyone ever on the roster when `date` is None.
    pub fn build(conn: &Connection, date: Option<&str>) -> Result<SearchIndex> {
        let members = match date.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => in_office_on(conn, d)?,
            None => all(conn)?,
        };
        Ok(Self::from_members(members))
    }

    pub fn from_members(members: Vec<Member>) -> SearchIndex {
        let entries = members
            .into_iter()
            .map(|m| Entry {
                name_key: names::search_key(&m.name),
                readings: names::readings(&m.name),
                no_key: m.member_no.as_deref().map(names::search_key).unwrap_or_default(),
                seat_key: names::search_key(&m.seat),
                seat_pair: seat_pair(&m.seat),
                member: m,
            })
            .collect();
        SearchIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Hits best first: by what matched, then in roster order. An empty query finds nothing.
    pub fn query(&self, query: &str) -> Vec<MemberHit> {
        let q = names::search_key(query);
        if q.is_empty() {
            return Vec::new();
        }
        let latin = q.chars().all(|c| c.is_ascii_lowercase());
        let seat = self.seat_matches(&seat_query(query));
        let mut hits: Vec<(MatchField, usize)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let by_seat = seat.iter().find(|(j, _)| *j == i).map(|(_, f)| *f);
            if let Some(f) = match_entry(e, &q, latin).into_iter().chain(by_seat).min() {
                hits.push((f, i));
            }
        }
        hits.sort_by_key(|(f, i)| (*f, self.entries[*i].member.roster_order, *i));
        hits.into_iter().map(|(matched, i)| MemberHit { member: self.entries[i].member.clone(), matched }).collect()
    }
}

impl SearchIndex {
    /// The entries whose seat the query names: a written pair is an exact seat; a bare number is
    /// an exact seat only when exactly one of its readings exists, else each is a partial match.
    fn seat_matches(&self, sq: &SeatQuery) -> Vec<(usize, MatchField)> {
        let seated = |pairs: &[(u32, u32)]| -> Vec<usize> {
            (0..self.entries.len()).filter(|i| self.entries[*i].seat_pair.is_some_and(|p| pairs.contains(&p))).collect()
        };
        match sq {
            SeatQuery::None => Vec::new(),
            SeatQuery::Pair(r, c) => seated(&[(*r, *c)]).into_iter().map(|i| (i, MatchField::Seat)).collect(),
            SeatQuery::Bare(pairs) => {
                let found = seated(pairs);
                let field = if found.len() == 1 { MatchField::Seat } else { MatchField::NumberPart };
                found.into_iter().map(|i| (i, field)).collect()
            }
        }
    }
}

fn match_entry(e: &Entry, q: &str, latin: bool) -> Option<MatchField> {
    if !e.no_key.is_empty() && e.no_key == q {
        return Some(MatchField::MemberNo);
    }
    if !e.seat_key.is_empty() && e.seat_key == q {
        return Some(MatchField::Seat);
    }
    if e.name_key == q {
        return Some(MatchField::Name);
    }
    if e.name_key.starts_with(q) {
        return Some(MatchField::NamePrefix);
    }
    if latin {
        if whole_pinyin(&e.readings, q) {
            return Some(MatchField::Pinyin);
        }
        if pinyin_from(&e.readings, 0, q) {
            return Some(MatchField::PinyinPrefix);
        }
    }
    if e.name_key.contains(q) {
        return Some(MatchField::NamePart);
    }
    if latin && (1..e.readings.len()).any(|start| pinyin_from(&e.readings, start, q)) {
        return Some(MatchField::PinyinPart);
    }
    if (!e.no_key.is_empty() && e.no_key.contains(q)) || (!e.seat_key.is_empty() && e.seat_key.contains(q)) {
        return Some(MatchField::NumberPart);
    }
    None
}

/// The query is the full pinyin of the whole name, or exactly its initials.
fn whole_pinyin(readings: &[Vec<String>], q: &str) -> bool {
    let initials = q.len() == readings.len()
        && q.bytes().zip(readings).all(|(b, alts)| alts.iter().any(|r| r.as_bytes().first() == Some(&b)));
    initials || full_from(readings, q)
}

fn full_from(readings: &[Vec<String>], q: &str) -> bool {
    match readings.split_first() {
        None => q.is_empty(),
        Some((alts, rest)) => alts.iter().any(|r| q.starts_with(r.as_str()) && full_from(rest, &q[r.len()..])),
    }
}

/// The query splits into non-empty prefixes of the readings of consecutive characters starting at
/// `start` (zhangw, zw, zhw all match 张伟 from 0).
fn pinyin_from(readings: &[Vec<String>], start: usize, q: &str) -> bool {
    if q.is_empty() {
        return true;
    }
    let Some(alts) = readings.get(start) else { return false };
    alts.iter().any(|r| {
        let common = r.bytes().zip(q.bytes()).take_while(|(a, b)| a == b).count();
        // Try the longest piece first: full syllables are the common case.
        (1..=common).rev().any(|k| pinyin_from(readings, start + 1, &q[k..]))
    })
}

/// Searches the roster: members in office on `date`, or everyone ever when `date` is None.
pub fn search(conn: &Connection, query: &str, date: Option<&str>) -> Result<Vec<MemberHit>> {
    Ok(SearchIndex::build(conn, date)?.query(query))
}

/// The one member `query` names, with the desk's search (委员编号, name, part of a name, pinyin,
/// initials): an exact member number or a unique best match wins; several equally good matches
/// are an error listing them. `field` («发言人», «提案人») names what was asked for in the error.
pub fn resolve_one(conn: &Connection, query: &str, field: &str) -> Result<MemberHit> {
    let q = query.trim();
    if q.is_empty() {
        return Err(Error::invalid(field, "不能为空"));
    }
    let mut hits = search(conn, q, None)?;
    let Some(best) = hits.first() else { return Err(Error::not_found("委员", q)) };
    let best_field = best.matched;
    let tied: Vec<&MemberHit> = hits.iter().filter(|h| h.matched == best_field).collect();
    if tied.len() == 1 || best_field == MatchField::MemberNo {
        return Ok(hits.swap_remove(0));
    }
    let names: Vec<String> = tied
        .iter()
        .take(8)
        .map(|h| match h.member.member_no.as_deref().filter(|n| !n.is_empty()) {
            Some(no) => format!("{}（{no}）", h.member.name),
            None => h.member.name.clone(),
        })
        .collect();
    Err(Error::invalid(field, format!("“{q}”对应多位委员：{}，请用委员编号指明", names.join("、"))))
}
