//! Dates as users write them: today, a day, a birth month.

use super::names;
use crate::error::{Error, Result};

/// Today, local time, 'YYYY-MM-DD'.
pub fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

/// Checks a 'YYYY-MM-DD' date (also accepts 2021.1.19, 2021/1/19, 2021年1月19日) and returns it
/// in 'YYYY-MM-DD' form.
pub fn parse_date(field: &str, s: &str) -> Result<String> {
    let t = names::clean_name(s);
    if t.is_empty() {
        return Err(Error::invalid(field, "日期不能为空"));
    }
    let parts: Vec<&str> = t.split(['-', '/', '·', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let parsed = match parts.as_slice() {
        [y, m, d] => match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        },
        _ => None,
    };
    parsed
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| Error::invalid(field, format!("“{s}”不是有效日期，应写作 2021-01-19")))
}

/// A birth month as written in rosters to 'YYYY-MM': 1968.10, 1968.1 (January), 1968-10,
/// 1968/10, 1968年10月, 196810, 1968.10.05 (day dropped). Returns None if unreadable.
pub fn parse_month(s: &str) -> Option<String> {
    let t = names::clean_name(s);
    let parts: Vec<&str> = t.split(['-', '/', '·', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let (y, m) = match parts.as_slice() {
        [ym] if ym.len() == 6 && ym.chars().all(|c| c.is_ascii_digit()) => (&ym[..4], &ym[4..]),
        [y, m] | [y, m, _] => (*y, *m),
        _ => return None,
    };
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}
