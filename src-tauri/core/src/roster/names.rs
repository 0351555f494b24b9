//! Name keys for search: pinyin readings of a Chinese name and the normalisation of typed text.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Surnames whose reading differs from the character's most common one.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('乐', "yue"),
    ('召', "shao"),
    ('缪', "miao"),
    ('覃', "qin"),
    ('盖', "ge"),
    ('尉', "yu"),
    ('秘', "bi"),
    ('重', "chong"),
    ('翟', "zhai"),
    ('种', "chong"),
    ('长', "chang"),
    ('柏', "bai"),
    ('员', "yun"),
    ('藏', "zang"),
];

/// The readings of each character of `name`: for a Chinese character its plain pinyin readings
/// (the usual one first, the surname reading first for the first character), for an ASCII letter
/// or digit itself in lower case; other characters (·, spaces) are skipped.
pub fn readings(name: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_alphanumeric() {
            out.push(vec![c.to_ascii_lowercase().to_string()]);
            continue;
        }
        let mut alts: Vec<String> = Vec::new();
        if i == 0 {
            if let Some((_, r)) = SURNAME_READINGS.iter().find(|(s, _)| *s == c) {
                alts.push((*r).to_string());
            }
        }
        if let Some(p) = c.to_pinyin() {
            push_reading(&mut alts, p.plain());
        }
        if let Some(multi) = c.to_pinyin_multi() {
            for p in multi {
                push_reading(&mut alts, p.plain());
            }
        }
        if !alts.is_empty() {
            out.push(alts);
        }
    }
    out
}

fn push_reading(alts: &mut Vec<String>, plain: &str) {
    if plain.contains('ü') {
        // ü is typed as v on every Chinese keyboard; accept u too.
        for r in [plain.replace('ü', "v"), plain.replace('ü', "u")] {
            if !alts.contains(&r) {
                alts.push(r);
            }
        }
    } else if !plain.is_empty() && !alts.iter().any(|a| a == plain) {
        alts.push(plain.to_string());
    }
}

/// The usual full pinyin of a name without separators: 张伟 → "zhangwei".
pub fn full_pinyin(name: &str) -> String {
    readings(name).iter().filter_map(|alts| alts.first()).map(String::as_str).collect()
}

/// The usual initials of a name: 张伟 → "zw".
pub fn initials(name: &str) -> String {
    readings(name).iter().filter_map(|alts| alts.first().and_then(|r| r.chars().next())).collect()
}

/// Full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, punctuation) to half-width, the ideographic space to a space.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A query or key as compared in search: half-width, lower case, with every kind of space removed.
pub fn search_key(s: &str) -> String {
    half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}' && *c != '\u{FEFF}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A person's name as stored: no spaces of any kind inside or around (王　芳 → 王芳), half-width
/// Latin letters; the middle dot of minority names unified to ·.
pub fn clean_name(s: &str) -> String {
    half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}' && *c != '\u{FEFF}')
        .map(|c| match c {
            '•' | '．' | '・' | '.' | '‧' => '·',
            _ => c,
        })
        .collect()
}

/// Plain text fields: half-width digits and letters, trimmed, inner runs of spaces collapsed.
/// Chinese punctuation （）、“” stays as it is: it is correct in Chinese text.
pub fn clean_text(s: &str) -> String {
    let narrow: String = s
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    narrow.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_keys_of_common_and_surname_readings() {
        assert_eq!(full_pinyin("张伟"), "zhangwei");
        assert_eq!(initials("张伟"), "zw");
        assert_eq!(initials("王芳"), "wf");
        assert_eq!(full_pinyin("曾强"), "zengqiang", "曾 as a surname reads zeng");
        assert_eq!(full_pinyin("单立"), "shanli", "单 as a surname reads shan");
        assert_eq!(full_pinyin("吕红"), "lvhong", "ü is typed v");
        assert!(readings("吕红")[0].contains(&"lu".to_string()), "lu accepted for lü");
        assert_eq!(initials("阿依古丽·买买提"), "aygl".to_string() + "mmt");
    }

    #[test]
    fn names_lose_every_space_and_text_gets_half_width() {
        assert_eq!(clean_name("王　芳"), "王芳");
        assert_eq!(clean_name(" 王 芳 \u{3000}"), "王芳");
        assert_eq!(clean_name("阿依古丽•买买提"), "阿依古丽·买买提");
        assert_eq!(clean_text("１３９１２３４５６７８ "), "13912345678");
        assert_eq!(clean_text("  安宁市   政协 "), "安宁市 政协");
        assert_eq!(search_key(" ＺＷ "), "zw");
        assert_eq!(clean_text("第四十三次主席会议（扩大）"), "第四十三次主席会议（扩大）", "Chinese brackets stay");
    }
}
