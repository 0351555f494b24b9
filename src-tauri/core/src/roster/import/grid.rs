//! Reading files into a grid: .xlsx / .xls through calamine, CSV in UTF-8, GBK / GB18030 or UTF-16.

use super::limits::{self, MAX_CELLS, MAX_ROWS};
use super::workbook::read_workbook;
use crate::error::{Error, Result};
use crate::roster::names;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date cell: (year, month, day).
    Date(i32, u32, u32),
}

impl Cell {
    /// A text cell, without the control characters a file may hide (they would end up in names
    /// and make every file written from them unreadable); a vertical tab is a line break.
    pub(super) fn text_of(s: &str) -> Cell {
        Cell::Text(crate::text::clean_multiline(s))
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => names::clean_name(s).is_empty(),
            _ => false,
        }
    }

    /// As text: numbers without a trailing .0, dates as YYYY-MM-DD.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub(crate) struct Grid {
    pub(crate) format: &'static str,
    pub(crate) sheet: String,
    pub(crate) sheets: Vec<String>,
    /// (1-based row number, cells from column A)
    pub(crate) rows: Vec<(u32, Vec<Cell>)>,
}

pub(super) fn bad(file: &str, why: impl std::fmt::Display) -> Error {
    Error::BadFile(format!("文件“{file}”{why}，未导入任何委员。"))
}

pub(crate) fn read_grid(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Vec<Grid>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad(file, "是空的"));
    }
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(limits::file_too_big(file, bytes.len() as u64));
    }
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        if contains_utf16(bytes, "EncryptedPackage") || contains_utf16(bytes, "EncryptionInfo") {
            return Err(bad(file, "设置了打开密码（已加密），请在 Excel 中取消密码后另存再导入"));
        }
        return read_workbook(bytes, file, "xls", sheet);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_workbook(bytes, file, "xlsx", sheet);
    }
    if bytes.starts_with(b"PK")
        || bytes.starts_with(b"%PDF")
        || bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8")
    {
        return Err(bad(file, "不是 Excel 或 CSV 文件"));
    }
    let text =
        decode_text(bytes).ok_or_else(|| bad(file, "不是 Excel 或 CSV 文件（无法识别文字编码，或含有二进制内容）"))?;
    Ok(vec![Grid { format: "csv", sheet: String::new(), sheets: Vec::new(), rows: parse_csv(&text, file)? }])
}

fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let pat: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

/// UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (a superset of GBK). None for binary data.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec()).ok()?
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (t, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return None;
        }
        t.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        let (t, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if had_errors {
            return None;
        }
        t.into_owned()
    };
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    (controls == 0 || controls * 100 < text.chars().count()).then_some(text)
}

/// A CSV (or tab-separated) text to rows, each with the line number it starts on; refused past
/// [`MAX_ROWS`] rows or [`MAX_CELLS`] cells.
fn parse_csv(text: &str, file: &str) -> Result<Vec<(u32, Vec<Cell>)>> {
    let first_lines: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    // A full-width comma separates fields only in a file with no other separator: in most files
    // it is punctuation inside the text (a 简历 full of them).
    let count = |d: char| first_lines.matches(d).count();
    let delim = match [',', '\t', ';'].into_iter().max_by_key(|d| count(*d)) {
        Some(d) if count(d) > 0 => d,
        _ if count('，') > 0 => '，',
        _ => ',',
    };
    let mut rows = Vec::new();
    let mut line = 1u32;
    let mut start_line = 1u32;
    let mut field = String::new();
    let mut record: Vec<Cell> = Vec::new();
    let mut quoted = false;
    let mut at_field_start = true;
    let mut cells = 0usize;
    let mut chars = text.chars().peekable();
    let push_field = |record: &mut Vec<Cell>, field: &mut String| {
        record.push(if field.is_empty() { Cell::Empty } else { Cell::text_of(&std::mem::take(field)) });
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == delim => {
                push_field(&mut record, &mut field);
                at_field_start = true;
                cells += 1;
                if cells > MAX_CELLS {
                    return Err(limits::too_many_cells(file));
                }
            }
            '\r' => {}
            '\n' => {
                push_field(&mut record, &mut field);
                cells += 1;
                if rows.len() >= MAX_ROWS {
                    return Err(limits::too_many_rows(file));
                }
                rows.push((start_line, std::mem::take(&mut record)));
                line += 1;
                start_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !record.is_empty() {
        push_field(&mut record, &mut field);
        if rows.len() >= MAX_ROWS {
            return Err(limits::too_many_rows(file));
        }
        rows.push((start_line, record));
    }
    Ok(rows)
}
