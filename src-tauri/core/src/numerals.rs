//! Chinese numerals as official documents and names write them: 六届四次会议, 第四十三次,
//! 第十组, 二十一、. One place for writing and reading them, shared by every feature.

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 0 … 9999 in Chinese: 6 → 六, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十.
/// Larger numbers are written with Arabic digits.
pub fn numeral(n: u32) -> String {
    if n >= 10_000 {
        return n.to_string();
    }
    if n < 10 {
        return DIGITS[n as usize].to_string();
    }
    if (10..20).contains(&n) {
        // 十, 十二: the leading 一 is not written below twenty.
        return if n == 10 { "十".into() } else { format!("十{}", DIGITS[(n % 10) as usize]) };
    }
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut zero_pending = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push(DIGITS[d as usize]);
            out.push(unit);
        } else if !out.is_empty() {
            zero_pending = true;
        }
    }
    if rest > 0 {
        if zero_pending {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// Reads 一 … 九十九 (and 〇/零): 十 → 10, 十二 → 12, 二十 → 20, 二十一 → 21.
pub fn parse_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '零' => Some(0),
        c => DIGITS.iter().position(|&d| d == c).map(|p| p as u32),
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        [u] => digit(*u),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numerals_as_documents_do() {
        let cases = [
            (0, "〇"),
            (6, "六"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (43, "四十三"),
            (99, "九十九"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (2020, "二千零二十"),
        ];
        for (n, want) in cases {
            assert_eq!(numeral(n), want, "numeral({n})");
        }
        assert_eq!(numeral(12345), "12345", "beyond 9999 Arabic digits are used");
    }

    #[test]
    fn reads_back_what_it_writes_up_to_ninety_nine() {
        for n in 0..100 {
            assert_eq!(parse_numeral(&numeral(n)), Some(n), "round trip of {n}");
        }
        assert_eq!(parse_numeral("零"), Some(0));
        assert_eq!(parse_numeral(""), None);
        assert_eq!(parse_numeral("第十"), None, "only the numeral itself");
    }
}
