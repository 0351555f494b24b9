//! Chinese line breaking for the layout: the 禁则 (no line starts with closing punctuation,
//! none ends with opening punctuation), Latin words and numbers kept whole, «……» and «——»
//! never split, and where justification may widen a gap.

use super::layout::EPS;

/// Closing punctuation: never at the start of a line.
pub fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』…’”〉】〕〗〙〛｝］％‰℃·．,.;:?!)]}%".contains(c)
}

/// Opening punctuation: never at the end of a line.
pub fn is_opening(c: char) -> bool {
    "（《「『‘“〈【〔〖〘〚｛［([{".contains(c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Space,
    Narrow,
    Wide,
}

/// A measured character of a paragraph.
#[derive(Debug, Clone)]
pub(super) struct G {
    pub(super) ch: char,
    pub(super) face: usize,
    pub(super) gid: u16,
    pub(super) width: f32,
    pub(super) pdf_advance: f32,
    pub(super) size: f32,
    pub(super) embolden: bool,
    pub(super) class: Class,
    /// This glyph and the next belong to one unbreakable span.
    pub(super) glued: bool,
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// Whether justification may widen the gap between `a` and `b` (not inside a Latin word).
pub(super) fn stretchable(a: &G, b: &G) -> bool {
    !(a.class == Class::Narrow && b.class == Class::Narrow)
}

/// Whether a line may end after `a` when `b` follows.
fn may_break(a: &G, b: &G) -> bool {
    if a.glued || is_opening(a.ch) || is_closing(b.ch) || b.class == Class::Space {
        return false;
    }
    if a.class == Class::Space {
        return true;
    }
    if a.class == Class::Narrow && b.class == Class::Narrow {
        return false;
    }
    // «……» and «——» are one mark each.
    !(a.ch == b.ch && matches!(a.ch, '…' | '—' | '─'))
}

/// Greedy line breaking with the 禁则 rules. Returns `[start, end)` glyph ranges, with spaces
/// at line ends dropped.
pub(super) fn break_lines(g: &[G], first_width: f32, width: f32) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < g.len() {
        while start < g.len() && g[start].class == Class::Space {
            start += 1;
        }
        if start >= g.len() {
            break;
        }
        let avail = if lines.is_empty() { first_width } else { width };
        let mut w = 0.0;
        let mut last_ok: Option<usize> = None;
        let mut end = g.len();
        let mut i = start;
        while i < g.len() {
            w += g[i].width;
            if w > avail + EPS && i > start && g[i].class != Class::Space {
                end = match last_ok {
                    Some(b) => b + 1,
                    None => i, // one unbreakable chunk wider than the line: cut it
                };
                break;
            }
            if i + 1 < g.len() && may_break(&g[i], &g[i + 1]) {
                last_ok = Some(i);
            }
            i += 1;
        }
        let mut e = end;
        while e > start && g[e - 1].class == Class::Space {
            e -= 1;
        }
        lines.push((start, e));
        start = end;
    }
    lines
}
