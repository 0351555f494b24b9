//! Stroke counts (笔画) from the Unicode Unihan database's kTotalStrokes (assets/strokes/), and
//! the 姓氏笔画 order of names: by the stroke count of the first character, then the second, ...

use std::cmp::Ordering;
use std::sync::OnceLock;

static DATA: &[u8] = include_bytes!("../../../../assets/strokes/kTotalStrokes.bin");

/// (first code point, counts) blocks, parsed once.
fn blocks() -> &'static Vec<(u32, &'static [u8])> {
    static BLOCKS: OnceLock<Vec<(u32, &'static [u8])>> = OnceLock::new();
    BLOCKS.get_or_init(|| {
        let mut out = Vec::new();
        let mut rest = DATA;
        while rest.len() >= 8 {
            let first = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
            let n = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]) as usize;
            let Some(counts) = rest.get(8..8 + n) else { break };
            out.push((first, counts));
            rest = &rest[8 + n..];
        }
        out
    })
}

/// The total stroke count of a CJK character (Simplified form), if Unihan has one.
pub fn strokes(c: char) -> Option<u8> {
    let cp = c as u32;
    let blocks = blocks();
    let i = blocks.partition_point(|(first, _)| *first <= cp).checked_sub(1)?;
    let (first, counts) = blocks[i];
    counts.get((cp - first) as usize).copied().filter(|n| *n > 0)
}

/// The stroke counts of a name, character by character (non-Han characters count as 0 and sort
/// first, in code point order among themselves).
fn key(name: &str) -> Vec<(u8, u32)> {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '·' && *c != '•')
        .map(|c| (strokes(c).unwrap_or(0), c as u32))
        .collect()
}

/// Compares two names in 姓氏笔画 order: fewer strokes first, character by character; names
/// equal in strokes keep a stable order by the characters' code points, then by length.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let (ka, kb) = (key(a), key(b));
    let strokes_a: Vec<u8> = ka.iter().map(|k| k.0).collect();
    let strokes_b: Vec<u8> = kb.iter().map(|k| k.0).collect();
    strokes_a.cmp(&strokes_b).then_with(|| ka.cmp(&kb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stroke_counts_come_from_unihan() {
        assert_eq!(strokes('王'), Some(4));
        assert_eq!(strokes('李'), Some(7));
        assert_eq!(strokes('张'), Some(7), "Simplified count, not 11 of 張");
        assert_eq!(strokes('𠮷'), Some(6), "a CJK Ext B character");
        assert_eq!(strokes('A'), None);
    }

    #[test]
    fn names_sort_by_strokes_character_by_character() {
        let mut names = vec!["赵六", "王五", "王一", "丁二", "李四"];
        names.sort_by(|a, b| compare_names(a, b));
        // 丁2 王4(一1) 王4(五4) 李7 赵9
        assert_eq!(names, vec!["丁二", "王一", "王五", "李四", "赵六"]);
    }
}
