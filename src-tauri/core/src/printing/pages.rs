//! Pages of a PDF: how many there are, and the page range a clerk types («1-3,5»).

use std::path::Path;

use crate::error::{Error, Result};

/// The number of pages of the PDF at `path`, read with lopdf.
pub fn page_count(path: &Path) -> Result<u32> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if !bytes.starts_with(b"%PDF") {
        return Err(Error::BadFile(format!("{} 不是 PDF 文件，无法打印。请先导出为 PDF。", path.display())));
    }
    let doc = lopdf::Document::load_mem(&bytes)
        .map_err(|e| Error::BadFile(format!("{} 不是完好的 PDF 文件（{e}），无法打印。", path.display())))?;
    let n = u32::try_from(doc.get_pages().len()).unwrap_or(u32::MAX);
    if n == 0 {
        return Err(Error::BadFile(format!("{} 没有任何页面，无法打印。", path.display())));
    }
    Ok(n)
}

/// Pages to print, in ascending order without repeats, each within the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRange {
    spans: Vec<(u32, u32)>,
}

impl PageRange {
    /// Reads «1-3,5», «2», «4-» (to the end), with full-width digits, «－», «—», «至», «，» and «、»
    /// accepted as people type them; checks every page against `total`.
    pub fn parse(text: &str, total: u32) -> Result<PageRange> {
        let bad = |why: String| Error::invalid("打印页码", why);
        let normal: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' | '—' | '–' | '~' | '～' | '至' => '-',
                '，' | '、' | ';' | '；' => ',',
                _ => c,
            })
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut spans: Vec<(u32, u32)> = Vec::new();
        for part in normal.split(',').filter(|p| !p.is_empty()) {
            let number = |s: &str| -> Result<u32> {
                s.parse::<u32>().map_err(|_| bad(format!("看不懂「{part}」；请写成 1-3,5 这样的页码")))
            };
            let (from, to) = match part.split_once('-') {
                Some((a, "")) => (number(a)?, total),
                Some(("", b)) => (1, number(b)?),
                Some((a, b)) => (number(a)?, number(b)?),
                None => {
                    let n = number(part)?;
                    (n, n)
                }
            };
            if from == 0 || to == 0 {
                return Err(bad("页码从 1 开始".into()));
            }
            if from > to {
                return Err(bad(format!("「{part}」的起始页大于结束页")));
            }
            if to > total {
                return Err(bad(format!("文件只有 {total} 页，没有第 {to} 页")));
            }
            spans.push((from, to));
        }
        if spans.is_empty() {
            return Err(bad("没有写要打印的页码".into()));
        }
        spans.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        Ok(PageRange { spans: merged })
    }

    /// How many pages one copy has.
    pub fn count(&self) -> u32 {
        self.spans.iter().map(|(a, b)| b - a + 1).sum()
    }

    /// The form the printing system takes: «1-3,5».
    pub fn to_cups(&self) -> String {
        let parts: Vec<String> =
            self.spans.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
        parts.join(",")
    }
}
