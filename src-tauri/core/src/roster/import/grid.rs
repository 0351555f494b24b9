//! Reading files into a grid: .xlsx / .xls through calamine, CSV in UTF-8, GBK / GB18030 or UTF-16.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::error::{Error, Result};
use crate::roster::names;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date cell: (year, month, day).
    Date(i32, u32, u32),
}

impl Cell {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => names::clean_name(s).is_empty(),
            _ => false,
        }
    }

    /// As text: numbers without a trailing .0, dates as YYYY-MM-DD.
    pub(super) fn text(&self) -> String {
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

pub(super) struct Grid {
    pub(super) format: &'static str,
    pub(super) sheet: String,
    pub(super) sheets: Vec<String>,
    /// (1-based row number, cells from column A)
    pub(super) rows: Vec<(u32, Vec<Cell>)>,
}

/// Upper bound on the size of a roster file we read (a roster is kilobytes to a few megabytes).
const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

pub(super) fn bad(file: &str, why: impl std::fmt::Display) -> Error {
    Error::BadFile(format!("文件“{file}”{why}，未导入任何委员。"))
}

pub(super) fn read_grid(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Vec<Grid>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad(file, "是空的"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(bad(file, "太大，不像是委员名册"));
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
    Ok(vec![Grid { format: "csv", sheet: String::new(), sheets: Vec::new(), rows: parse_csv(&text) }])
}

fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let pat: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

fn read_workbook(bytes: &[u8], file: &str, format: &'static str, only: Option<&str>) -> Result<Vec<Grid>> {
    // A malformed file must never bring the program down: calamine is guarded.
    let owned = bytes.to_vec();
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || -> std::result::Result<Vec<Grid>, String> {
            let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(owned)).map_err(|e| e.to_string())?;
            let names = book.sheet_names();
            let mut grids = Vec::new();
            for name in &names {
                if only.is_some_and(|o| o != name) {
                    continue;
                }
                let range = match book.worksheet_range(name) {
                    Ok(r) => r,
                    Err(e) => return Err(e.to_string()),
                };
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let mut rows = Vec::new();
                for (i, row) in range.rows().enumerate() {
                    let mut cells: Vec<Cell> = (0..c0).map(|_| Cell::Empty).collect();
                    cells.extend(row.iter().map(cell_of));
                    rows.push((r0 + i as u32 + 1, cells));
                }
                grids.push(Grid { format, sheet: name.clone(), sheets: names.clone(), rows });
            }
            Ok(grids)
        }));
    match result {
        Ok(Ok(g)) if !g.is_empty() => Ok(g),
        Ok(Ok(_)) => match only {
            Some(s) => Err(bad(file, format!("中没有名为“{s}”的工作表"))),
            None => Err(bad(file, "中没有工作表")),
        },
        Ok(Err(e)) => {
            let lower = e.to_lowercase();
            if lower.contains("password") || lower.contains("encrypt") {
                Err(bad(file, "设置了密码（已加密），请在 Excel 中取消密码后另存再导入"))
            } else {
                Err(bad(file, format!("已损坏，或不是 Excel 文件（{e}）")))
            }
        }
        Err(_) => Err(bad(file, "已损坏，无法读取")),
    }
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) => {
            if dt.is_datetime() {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                Cell::Date(y as i32, m as u32, d as u32)
            } else {
                Cell::Number(dt.as_f64())
            }
        }
    }
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

/// A CSV (or tab-separated) text to rows, each with the line number it starts on.
fn parse_csv(text: &str) -> Vec<(u32, Vec<Cell>)> {
    let first_lines: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    let delim = [',', '\t', ';', '，'].into_iter().max_by_key(|d| first_lines.matches(*d).count()).unwrap_or(',');
    let mut rows = Vec::new();
    let mut line = 1u32;
    let mut start_line = 1u32;
    let mut field = String::new();
    let mut record: Vec<Cell> = Vec::new();
    let mut quoted = false;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    let push_field = |record: &mut Vec<Cell>, field: &mut String| {
        record.push(if field.is_empty() { Cell::Empty } else { Cell::Text(std::mem::take(field)) });
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
            }
            '\r' => {}
            '\n' => {
                push_field(&mut record, &mut field);
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
        rows.push((start_line, record));
    }
    rows
}
