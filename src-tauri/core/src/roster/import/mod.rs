//! Importing a roster from the secretariat's own files: .xlsx / .xls (calamine) and CSV (UTF-8 with
//! or without BOM, GBK / GB18030, UTF-16 "Unicode text").
//!
//! Real files have a merged title row and a date line above the header, blank rows, a 合计 footer,
//! names padded with full-width spaces, full-width digits, birth months typed as text (1968.10) or
//! stored as numbers (1968.1, which Excel made of 1968.10) or as dates. [`preview`] finds the header
//! row, maps the columns by their Chinese headings (the caller may correct the mapping), normalises
//! every row and lists every problem with its Excel row number, column and reason. [`import`] writes
//! all rows in one transaction — or none: by default any problem stops the import; with
//! `skip_invalid` only the valid rows are written. A member already on the roster (same 委员编号,
//! else same name and birth month) is updated, never duplicated.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{names, parse_date, parse_month, MemberInput, Role};
use crate::db::{Db, Tx};
use crate::error::{Error, Result};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportField {
    MemberNo,
    Name,
    Gender,
    Ethnicity,
    BirthMonth,
    Party,
    Sector,
    Group,
    Role,
    Workplace,
    Post,
    Phone,
    Seat,
    Notes,
    JoinedOn,
}

impl ImportField {
    pub const ALL: [ImportField; 15] = [
        ImportField::MemberNo,
        ImportField::Name,
        ImportField::Gender,
        ImportField::Ethnicity,
        ImportField::BirthMonth,
        ImportField::Party,
        ImportField::Sector,
        ImportField::Group,
        ImportField::Role,
        ImportField::Workplace,
        ImportField::Post,
        ImportField::Phone,
        ImportField::Seat,
        ImportField::Notes,
        ImportField::JoinedOn,
    ];

    /// The heading used on export (and the first one recognised on import).
    pub fn label(self) -> &'static str {
        match self {
            ImportField::MemberNo => "委员编号",
            ImportField::Name => "姓名",
            ImportField::Gender => "性别",
            ImportField::Ethnicity => "民族",
            ImportField::BirthMonth => "出生年月",
            ImportField::Party => "党派",
            ImportField::Sector => "界别",
            ImportField::Group => "小组",
            ImportField::Role => "职务",
            ImportField::Workplace => "工作单位及职务",
            ImportField::Post => "单位职务",
            ImportField::Phone => "联系电话",
            ImportField::Seat => "座位号",
            ImportField::Notes => "备注",
            ImportField::JoinedOn => "任职日期",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            ImportField::MemberNo => &["委员编号", "编号", "委员证号", "证号", "委员号", "工号"],
            ImportField::Name => &["姓名", "委员姓名", "名字"],
            ImportField::Gender => &["性别"],
            ImportField::Ethnicity => &["民族"],
            ImportField::BirthMonth => &["出生年月", "出生日期", "出生年月日", "生日", "出生时间", "出生"],
            ImportField::Party => &["党派", "政治面貌", "党派(政治面貌)", "党派团体", "党派/政治面貌"],
            ImportField::Sector => &["界别", "所属界别"],
            ImportField::Group => &["小组", "组别", "分组", "讨论组", "所在小组", "讨论小组"],
            ImportField::Role => &["职务", "政协职务", "委员会职务", "政协任职", "身份"],
            ImportField::Workplace => &[
                "工作单位及职务", "工作单位", "单位", "单位及职务", "工作单位和职务", "工作单位及职称", "工作单位与职务",
            ],
            ImportField::Post => &["单位职务", "现任职务", "行政职务", "职称", "工作职务"],
            ImportField::Phone => &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"],
            ImportField::Seat => &["座位号", "座位", "座次", "座号"],
            ImportField::Notes => &["备注", "说明"],
            ImportField::JoinedOn => &["任职日期", "任职时间", "增补日期", "加入日期"],
        }
    }

    fn from_heading(h: &str) -> Option<ImportField> {
        let key = heading_key(h);
        if key.is_empty() {
            return None;
        }
        ImportField::ALL.into_iter().find(|f| f.aliases().iter().any(|a| heading_key(a) == key))
    }
}

fn heading_key(h: &str) -> String {
    names::search_key(h).replace(['（', '）'], "").replace(['(', ')', '*', '：', ':'], "")
}

/// One column of the file and what it is taken for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnMapping {
    /// 0-based column index in the sheet (A = 0).
    pub index: u32,
    /// A, B, …
    pub letter: String,
    pub heading: String,
    /// None: the column is not imported.
    pub field: Option<ImportField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct ImportOptions {
    /// Only import the valid rows instead of refusing the whole file.
    pub skip_invalid: bool,
    /// Corrected mapping (from a previous preview); None: recognised from the headings.
    pub mapping: Option<Vec<ColumnMapping>>,
    /// 1-based row number of the header (as Excel shows it); None: found automatically.
    pub header_row: Option<u32>,
    /// Sheet name; None: the first sheet with a recognisable header.
    pub sheet: Option<String>,
    /// 任职日期 for new members when the file has no such column; None: the term's start, else today.
    pub joined_on: Option<String>,
    /// Date from which role changes found in the file take effect; None: today.
    pub effective_on: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProblemLevel {
    /// The row cannot be imported.
    Error,
    /// The row can be imported but deserves a look (e.g. a likely duplicate).
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProblem {
    /// Row number as Excel (or a text editor, for CSV) shows it; 0 for the file as a whole.
    pub row: u32,
    /// Column heading and letter, e.g. 出生年月（E列）; empty for the whole row.
    pub column: String,
    pub reason: String,
    pub level: ProblemLevel,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            ProblemLevel::Error => "错误",
            ProblemLevel::Warning => "提示",
        };
        match (self.row, self.column.is_empty()) {
            (0, _) => write!(f, "[{level}] {}", self.reason),
            (r, true) => write!(f, "[{level}] 第{r}行：{}", self.reason),
            (r, false) => write!(f, "[{level}] 第{r}行 {}：{}", self.column, self.reason),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RowAction {
    /// A new member.
    Create,
    /// Updates an existing member.
    Update,
    /// Already on the roster exactly so.
    Unchanged,
    /// Has errors: not imported.
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRow {
    pub row: u32,
    pub action: RowAction,
    pub member: MemberInput,
    /// The existing member this row updates.
    #[ts(type = "number | null")]
    pub existing_id: Option<i64>,
    /// Same name and birth month as this member (or this earlier row): maybe one person twice.
    pub likely_duplicate_of: Option<String>,
    pub problems: Vec<ImportProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub file_name: String,
    /// xlsx / xls / csv
    pub format: String,
    pub sheet: String,
    pub sheets: Vec<String>,
    /// 1-based.
    pub header_row: u32,
    pub columns: Vec<ColumnMapping>,
    pub rows: Vec<ImportRow>,
    /// Every problem, file-level ones first, then by row.
    pub problems: Vec<ImportProblem>,
    pub create: u32,
    pub update: u32,
    pub unchanged: u32,
    pub invalid: u32,
    pub duplicates: u32,
    /// Whether [`import`] with these options would write anything.
    pub can_import: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Invalid rows left out (with `skip_invalid`).
    pub skipped: u32,
    pub preview: ImportPreview,
}

// ---------------------------------------------------------------------------------------------
// Reading files into a grid

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date cell: (year, month, day).
    Date(i32, u32, u32),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => names::clean_name(s).is_empty(),
            _ => false,
        }
    }

    /// As text: numbers without a trailing .0, dates as YYYY-MM-DD.
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

struct Grid {
    format: &'static str,
    sheet: String,
    sheets: Vec<String>,
    /// (1-based row number, cells from column A)
    rows: Vec<(u32, Vec<Cell>)>,
}

/// Upper bound on the size of a roster file we read (a roster is kilobytes to a few megabytes).
const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

fn bad(file: &str, why: impl std::fmt::Display) -> Error {
    Error::BadFile(format!("文件“{file}”{why}，未导入任何委员。"))
}

fn read_grid(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<Vec<Grid>> {
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
    if bytes.starts_with(b"PK") || bytes.starts_with(b"%PDF") || bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"\xFF\xD8") {
        return Err(bad(file, "不是 Excel 或 CSV 文件"));
    }
    let text = decode_text(bytes).ok_or_else(|| bad(file, "不是 Excel 或 CSV 文件（无法识别文字编码，或含有二进制内容）"))?;
    Ok(vec![Grid { format: "csv", sheet: String::new(), sheets: Vec::new(), rows: parse_csv(&text) }])
}

fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let pat: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(pat.len()).any(|w| w == pat.as_slice())
}

fn read_workbook(bytes: &[u8], file: &str, format: &'static str, only: Option<&str>) -> Result<Vec<Grid>> {
    // A malformed file must never bring the program down: calamine is guarded.
    let owned = bytes.to_vec();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || -> std::result::Result<Vec<Grid>, String> {
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
    let delim = [',', '\t', ';', '，']
        .into_iter()
        .max_by_key(|d| first_lines.matches(*d).count())
        .unwrap_or(',');
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

// ---------------------------------------------------------------------------------------------
// Header and mapping

fn column_letter(mut i: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.iter().rev().collect()
}

/// The header row: among the first 30 rows, the first with a 姓名 column and at least one more
/// recognised heading.
fn find_header(grid: &Grid) -> Option<usize> {
    grid.rows.iter().take(30).position(|(_, cells)| {
        let fields: Vec<ImportField> =
            cells.iter().filter_map(|c| ImportField::from_heading(&c.text())).collect();
        fields.contains(&ImportField::Name) && fields.len() >= 2
    })
}

fn auto_mapping(header: &[Cell]) -> Vec<ColumnMapping> {
    let mut seen = HashSet::new();
    header
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| {
            let heading = names::clean_text(&c.text());
            // The first column of a kind wins; a second 电话 column is left out.
            let field = ImportField::from_heading(&heading).filter(|f| seen.insert(*f));
            ColumnMapping { index: i as u32, letter: column_letter(i as u32), heading, field }
        })
        .collect()
}

/// A 职务 column that holds posts at the workplace (局长, 教授) rather than committee roles is
/// taken as the post column.
fn fix_post_column(columns: &mut [ColumnMapping], rows: &[(u32, Vec<Cell>)]) {
    let has_post = columns.iter().any(|c| c.field == Some(ImportField::Post));
    let Some(col) = columns.iter_mut().find(|c| c.field == Some(ImportField::Role)) else { return };
    let values: Vec<String> = rows
        .iter()
        .filter_map(|(_, cells)| cells.get(col.index as usize))
        .map(|c| names::clean_name(&c.text()))
        .filter(|s| !s.is_empty())
        .take(200)
        .collect();
    let roles = values.iter().filter(|v| Role::from_label(v).is_some()).count();
    if !has_post && !values.is_empty() && roles * 2 < values.len() {
        col.field = Some(ImportField::Post);
    }
}

// ---------------------------------------------------------------------------------------------
// Rows

fn is_footer(cells: &[Cell]) -> bool {
    let first = cells.iter().find(|c| !c.is_empty()).map(|c| names::clean_name(&c.text())).unwrap_or_default();
    ["合计", "总计", "共计", "小计", "制表", "注:", "说明:", "填表", "审核"].iter().any(|p| first.starts_with(p))
}

fn birth_month_of(cell: &Cell) -> std::result::Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(y, m, _) => Ok(Some(format!("{y:04}-{m:02}"))),
        Cell::Number(n) => {
            let n = *n;
            if n.fract() != 0.0 && (1900.0..2101.0).contains(&n) {
                // Excel turned 1968.10 into 1968.1: read the number back with two decimals.
                let s = format!("{n:.2}");
                parse_month(&s).map(Some).ok_or_else(|| format!("“{}”无法识别为年月", number_text(n)))
            } else if n.fract() == 0.0 && (190001.0..=210012.0).contains(&n) {
                parse_month(&number_text(n)).map(Some).ok_or_else(|| format!("“{}”无法识别为年月", number_text(n)))
            } else if n.fract() == 0.0 && (1900.0..2101.0).contains(&n) {
                Err(format!("只有年份“{}”，缺少月份", number_text(n)))
            } else if (367.0..80000.0).contains(&n) {
                // A date serial in a cell not formatted as a date.
                let d = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                    .and_then(|e| e.checked_add_signed(chrono::Duration::days(n.floor() as i64)));
                d.map(|d| Some(d.format("%Y-%m").to_string())).ok_or_else(|| "日期超出范围".to_string())
            } else {
                Err(format!("“{}”无法识别为年月", number_text(n)))
            }
        }
        Cell::Text(s) => {
            let t = names::clean_text(s);
            if t.is_empty() {
                return Ok(None);
            }
            if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("只有年份“{t}”，缺少月份"));
            }
            parse_month(&t).map(Some).ok_or_else(|| format!("“{t}”无法识别，应写作 1968.10 或 1968-10"))
        }
    }
}

fn date_of(cell: &Cell) -> std::result::Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(y, m, d) => Ok(Some(format!("{y:04}-{m:02}-{d:02}"))),
        Cell::Number(n) if (367.0..80000.0).contains(n) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|e| e.checked_add_signed(chrono::Duration::days(n.floor() as i64)))
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .ok_or_else(|| "日期超出范围".into()),
        other => {
            let t = names::clean_text(&other.text());
            if t.is_empty() {
                return Ok(None);
            }
            parse_date("任职日期", &t).map(Some).map_err(|_| format!("“{t}”不是有效日期，应写作 2017-01-10"))
        }
    }
}

struct Existing {
    by_no: HashMap<String, (i64, String)>,
    by_name_birth: HashMap<(String, String), Vec<i64>>,
    members: HashMap<i64, super::Member>,
}

fn existing(conn: &Connection) -> Result<Existing> {
    let all = super::all(conn)?;
    let mut e = Existing { by_no: HashMap::new(), by_name_birth: HashMap::new(), members: HashMap::new() };
    for m in all {
        if let Some(no) = &m.member_no {
            e.by_no.insert(no.clone(), (m.id, m.name.clone()));
        }
        if let Some(b) = &m.birth_month {
            e.by_name_birth.entry((m.name.clone(), b.clone())).or_default().push(m.id);
        }
        e.members.insert(m.id, m);
    }
    Ok(e)
}

fn input_of(m: &super::Member) -> MemberInput {
    MemberInput {
        member_no: m.member_no.clone(),
        name: m.name.clone(),
        gender: m.gender.clone(),
        ethnicity: m.ethnicity.clone(),
        birth_month: m.birth_month.clone(),
        party: m.party.clone(),
        sector: m.sector.clone(),
        group: m.group.clone(),
        role: m.role,
        workplace: m.workplace.clone(),
        post: m.post.clone(),
        phone: m.phone.clone(),
        seat: m.seat.clone(),
        notes: m.notes.clone(),
        roster_order: Some(m.roster_order),
        joined_on: m.joined_on.clone(),
    }
}

fn default_joined_on(conn: &Connection, opts: &ImportOptions) -> Result<String> {
    if let Some(d) = opts.joined_on.as_deref().filter(|d| !d.trim().is_empty()) {
        return parse_date("任职日期", d);
    }
    let term_start = crate::committee::get(conn)?.and_then(|c| c.term_start);
    Ok(term_start.unwrap_or_else(super::today))
}

/// Reads the file and tells what importing it would do, without writing anything.
pub fn preview(conn: &Connection, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportPreview> {
    let grids = read_grid(bytes, file_name, opts.sheet.as_deref())?;
    let sheets = grids.first().map(|g| g.sheets.clone()).unwrap_or_default();
    let (grid, header_idx) = match opts.header_row {
        Some(h) => {
            let g = grids.into_iter().next().ok_or_else(|| bad(file_name, "中没有工作表"))?;
            let idx = g.rows.iter().position(|(n, _)| *n == h).ok_or_else(|| {
                Error::invalid("表头行", format!("第 {h} 行不在文件中"))
            })?;
            (g, idx)
        }
        None => {
            let mut found = None;
            let mut first = None;
            for g in grids {
                if let Some(i) = find_header(&g) {
                    found = Some((g, i));
                    break;
                }
                first.get_or_insert(g);
            }
            match found {
                Some(x) => x,
                None => {
                    let empty = first.as_ref().map_or(true, |g| g.rows.iter().all(|(_, c)| c.iter().all(Cell::is_empty)));
                    return Err(if empty {
                        bad(file_name, "中没有任何数据")
                    } else {
                        bad(file_name, "中找不到表头：前 30 行里没有一行同时含有“姓名”和“性别”“界别”等列名。请检查文件，或在导入向导中指定表头行")
                    });
                }
            }
        }
    };
    let header_cells = &grid.rows[header_idx].1;
    let columns = match &opts.mapping {
        Some(m) => m.clone(),
        None => {
            let mut m = auto_mapping(header_cells);
            fix_post_column(&mut m, &grid.rows[header_idx + 1..]);
            m
        }
    };
    let mut problems = Vec::new();
    let mut seen_fields = HashSet::new();
    for c in &columns {
        if let Some(f) = c.field {
            if !seen_fields.insert(f) {
                return Err(Error::invalid("列对应", format!("“{}”被指定给了两列，请只保留一列", f.label())));
            }
        }
    }
    let col_of = |f: ImportField| columns.iter().find(|c| c.field == Some(f)).map(|c| c.index as usize);
    let Some(name_col) = col_of(ImportField::Name) else {
        return Err(bad(file_name, "中没有“姓名”列（可在导入向导中指定哪一列是姓名）"));
    };
    let label = |f: ImportField| -> String {
        let c = columns.iter().find(|c| c.field == Some(f));
        c.map(|c| format!("{}（{}列）", if c.heading.is_empty() { f.label() } else { &c.heading }, c.letter))
            .unwrap_or_else(|| f.label().to_string())
    };
    for c in columns.iter().filter(|c| c.field.is_none() && !c.heading.is_empty()) {
        if !["序号", "排序", "顺序号", "序"].contains(&heading_key(&c.heading).as_str()) {
            problems.push(ImportProblem {
                row: 0,
                column: format!("{}（{}列）", c.heading, c.letter),
                reason: "此列未对应到任何字段，不导入".into(),
                level: ProblemLevel::Warning,
            });
        }
    }

    let existing = existing(conn)?;
    let joined_default = default_joined_on(conn, opts)?;
    let mut rows: Vec<ImportRow> = Vec::new();
    let mut nos_in_file: HashMap<String, u32> = HashMap::new();
    let mut name_birth_in_file: HashMap<(String, String), u32> = HashMap::new();
    let mut matched_existing: HashMap<i64, u32> = HashMap::new();
    let mut next_order = existing.members.values().map(|m| m.roster_order).max().unwrap_or(0);

    for (row_no, cells) in grid.rows.iter().skip(header_idx + 1) {
        let row_no = *row_no;
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        if is_footer(cells) {
            continue;
        }
        let get = |f: ImportField| -> Cell {
            col_of(f).and_then(|i| cells.get(i)).cloned().unwrap_or(Cell::Empty)
        };
        let text = |f: ImportField| -> String { get(f).text() };
        let mut row_problems = Vec::new();
        let mut err = |f: Option<ImportField>, reason: String| {
            row_problems.push(ImportProblem {
                row: row_no,
                column: f.map(label).unwrap_or_default(),
                reason,
                level: ProblemLevel::Error,
            });
        };
        let name = names::clean_name(&cells.get(name_col).map(Cell::text).unwrap_or_default());
        if name.is_empty() {
            err(Some(ImportField::Name), "姓名为空".into());
        } else if name.chars().count() > 40 || name.chars().any(|c| c.is_ascii_digit()) {
            err(Some(ImportField::Name), format!("“{name}”不像是姓名"));
        }
        let birth_month = match birth_month_of(&get(ImportField::BirthMonth)) {
            Ok(b) => b,
            Err(e) => {
                err(Some(ImportField::BirthMonth), e);
                None
            }
        };
        let gender = names::clean_name(&text(ImportField::Gender));
        let gender = match gender.as_str() {
            "" => String::new(),
            "男" | "男性" => "男".into(),
            "女" | "女性" => "女".into(),
            other => {
                err(Some(ImportField::Gender), format!("应为“男”或“女”，而不是“{other}”"));
                String::new()
            }
        };
        let role_text = names::clean_name(&text(ImportField::Role));
        let role = match Role::from_label(&role_text) {
            Some(r) => r,
            None => {
                err(Some(ImportField::Role), format!("“{role_text}”不是政协职务（应为主席、副主席、秘书长、常委或委员）"));
                Role::Member
            }
        };
        let joined = match date_of(&get(ImportField::JoinedOn)) {
            Ok(d) => d,
            Err(e) => {
                err(Some(ImportField::JoinedOn), e);
                None
            }
        };
        let member_no = Some(names::clean_name(&text(ImportField::MemberNo))).filter(|s| !s.is_empty());
        if let Some(no) = &member_no {
            if let Some(first) = nos_in_file.get(no) {
                err(Some(ImportField::MemberNo), format!("委员编号 {no} 与第{first}行重复"));
            } else {
                nos_in_file.insert(no.clone(), row_no);
            }
        }
        let opt_text = |f: ImportField| Some(names::clean_name(&text(f))).filter(|s| !s.is_empty());

        // Which existing member is this?
        let mut existing_id = None;
        if let Some(no) = &member_no {
            existing_id = existing.by_no.get(no).map(|(id, _)| *id);
            if let Some((id, other)) = existing.by_no.get(no) {
                if !name.is_empty() && *other != name {
                    let same_birth = existing.members.get(id).and_then(|m| m.birth_month.clone()) == birth_month;
                    if !same_birth {
                        err(
                            Some(ImportField::MemberNo),
                            format!("委员编号 {no} 在名册中属于{other}，与本行姓名“{name}”不符"),
                        );
                        existing_id = None;
                    }
                }
            }
        }
        if existing_id.is_none() && member_no.as_ref().map_or(true, |no| !existing.by_no.contains_key(no)) {
            if let Some(b) = &birth_month {
                if let Some(ids) = existing.by_name_birth.get(&(name.clone(), b.clone())) {
                    // Only adopt a same-name, same-birth member who has no other number.
                    let candidates: Vec<i64> = ids
                        .iter()
                        .copied()
                        .filter(|id| {
                            let m = &existing.members[id];
                            member_no.is_none() || m.member_no.is_none()
                        })
                        .collect();
                    if candidates.len() == 1 {
                        existing_id = Some(candidates[0]);
                    }
                }
            }
        }
        if let Some(id) = existing_id {
            if let Some(first) = matched_existing.insert(id, row_no) {
                err(None, format!("与第{first}行是名册中的同一名委员"));
            }
        }

        let base = existing_id.and_then(|id| existing.members.get(&id));
        let mut input = base.map(input_of).unwrap_or_default();
        let has = |f: ImportField| col_of(f).is_some();
        input.name = name.clone();
        if has(ImportField::MemberNo) {
            input.member_no = member_no.clone();
        }
        if has(ImportField::Gender) {
            input.gender = gender;
        }
        if has(ImportField::Ethnicity) {
            input.ethnicity = names::clean_name(&text(ImportField::Ethnicity));
        }
        if has(ImportField::BirthMonth) {
            input.birth_month = birth_month.clone();
        }
        if has(ImportField::Party) {
            input.party = names::clean_name(&text(ImportField::Party));
        }
        if has(ImportField::Sector) {
            input.sector = opt_text(ImportField::Sector);
        }
        if has(ImportField::Group) {
            input.group = opt_text(ImportField::Group);
        }
        if has(ImportField::Role) {
            input.role = role;
        }
        if has(ImportField::Workplace) {
            input.workplace = names::clean_text(&text(ImportField::Workplace));
        }
        if has(ImportField::Post) {
            input.post = names::clean_text(&text(ImportField::Post));
        }
        if has(ImportField::Phone) {
            input.phone = names::clean_text(&text(ImportField::Phone)).replace([' ', '-'], "");
        }
        if has(ImportField::Seat) {
            input.seat = names::clean_text(&text(ImportField::Seat)).replace(' ', "");
        }
        if has(ImportField::Notes) {
            input.notes = text(ImportField::Notes).trim().to_string();
        }
        match (joined, base) {
            (Some(d), _) => input.joined_on = d,
            (None, None) => input.joined_on = joined_default.clone(),
            (None, Some(_)) => {}
        }
        if base.is_none() {
            next_order += 1;
            input.roster_order = Some(next_order);
        }

        // Likely duplicates: same name and birth month as another member or an earlier row.
        let mut likely_duplicate_of = None;
        if let Some(b) = &birth_month {
            let key = (name.clone(), b.clone());
            if let Some(first) = name_birth_in_file.get(&key) {
                likely_duplicate_of = Some(format!("第{first}行的{name}"));
            } else if let Some(ids) = existing.by_name_birth.get(&key) {
                if let Some(other) = ids.iter().find(|id| Some(**id) != existing_id) {
                    let m = &existing.members[other];
                    if !m.distinct_confirmed {
                        likely_duplicate_of =
                            Some(format!("名册中的{}（{}）", m.name, m.member_no.as_deref().unwrap_or("无编号")));
                    }
                }
            }
            name_birth_in_file.entry(key).or_insert(row_no);
        }
        if let Some(d) = &likely_duplicate_of {
            row_problems.push(ImportProblem {
                row: row_no,
                column: String::new(),
                reason: format!("与{d}同名且出生年月相同，可能是同一人重复录入，请核对"),
                level: ProblemLevel::Warning,
            });
        }

        let has_error = row_problems.iter().any(|p| p.level == ProblemLevel::Error);
        let action = if has_error {
            RowAction::Invalid
        } else {
            match base {
                None => RowAction::Create,
                Some(m) if input_of(m) == input => RowAction::Unchanged,
                Some(_) => RowAction::Update,
            }
        };
        rows.push(ImportRow { row: row_no, action, member: input, existing_id, likely_duplicate_of, problems: row_problems });
    }

    if rows.is_empty() {
        problems.push(ImportProblem {
            row: 0,
            column: String::new(),
            reason: format!("表头（第{}行）下面没有委员数据", grid.rows[header_idx].0),
            level: ProblemLevel::Error,
        });
    }
    problems.extend(rows.iter().flat_map(|r| r.problems.iter().cloned()));
    let count = |a: RowAction| rows.iter().filter(|r| r.action == a).count() as u32;
    let (create, update, unchanged, invalid) =
        (count(RowAction::Create), count(RowAction::Update), count(RowAction::Unchanged), count(RowAction::Invalid));
    let can_import = create + update > 0 && (invalid == 0 || opts.skip_invalid);
    Ok(ImportPreview {
        file_name: file_name.to_string(),
        format: grid.format.to_string(),
        sheet: grid.sheet.clone(),
        sheets,
        header_row: grid.rows[header_idx].0,
        columns,
        duplicates: rows.iter().filter(|r| r.likely_duplicate_of.is_some()).count() as u32,
        rows,
        problems,
        create,
        update,
        unchanged,
        invalid,
        can_import,
    })
}

/// Imports the file: all rows or none (unless `skip_invalid`), in one transaction.
pub fn import(db: &mut Db, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportOutcome> {
    let effective_on = match opts.effective_on.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(d) => parse_date("生效日期", d)?,
        None => super::today(),
    };
    db.write(|tx| import_in(tx, bytes, file_name, opts, &effective_on))
}

/// Reads the file at `path` and imports it.
pub fn import_file(db: &mut Db, path: &Path, opts: &ImportOptions) -> Result<ImportOutcome> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    import(db, &bytes, &name, opts)
}

/// Previews the file at `path`.
pub fn preview_file(conn: &Connection, path: &Path, opts: &ImportOptions) -> Result<ImportPreview> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    preview(conn, &bytes, &name, opts)
}

/// [`import`] inside a caller's transaction (the demo uses it).
pub fn import_in(tx: &Tx<'_>, bytes: &[u8], file_name: &str, opts: &ImportOptions, effective_on: &str) -> Result<ImportOutcome> {
    let p = preview(tx, bytes, file_name, opts)?;
    if p.invalid > 0 && !opts.skip_invalid {
        let first: Vec<String> = p
            .problems
            .iter()
            .filter(|x| x.level == ProblemLevel::Error)
            .take(5)
            .map(ToString::to_string)
            .collect();
        return Err(Error::BadFile(format!(
            "文件“{file_name}”有 {} 行存在问题，未导入任何委员（可修改文件后重新导入，或选择“只导入无误的行”）：\n{}",
            p.invalid,
            first.join("\n")
        )));
    }
    if p.create + p.update == 0 {
        let why = if p.unchanged > 0 { "名册中已有文件里的全部委员，且信息相同" } else { "没有可导入的委员" };
        return Err(Error::BadFile(format!("文件“{file_name}”：{why}，未写入任何内容。")));
    }
    let (mut created, mut updated) = (0, 0);
    for r in &p.rows {
        match (r.action, r.existing_id) {
            (RowAction::Create, _) => {
                super::create_in(tx, &r.member, "").map_err(|e| at_row(r.row, e))?;
                created += 1;
            }
            (RowAction::Update, Some(id)) => {
                super::update_in(tx, id, &r.member, effective_on, "").map_err(|e| at_row(r.row, e))?;
                updated += 1;
            }
            _ => {}
        }
    }
    let summary = serde_json::json!({
        "file": file_name, "created": created, "updated": updated, "unchanged": p.unchanged, "skipped": p.invalid,
    });
    tx.audit("roster", "import", "import", None::<&str>, Some(&summary))?;
    Ok(ImportOutcome { created, updated, unchanged: p.unchanged, skipped: p.invalid, preview: p })
}

fn at_row(row: u32, e: Error) -> Error {
    Error::BadFile(format!("第{row}行：{e}，未导入任何委员。"))
}

#[cfg(test)]
mod tests;
