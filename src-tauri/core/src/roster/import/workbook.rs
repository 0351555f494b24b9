//! Reading a workbook (.xlsx / .xls, and .ods / .xlsb as calamine knows them) into grids: xlsx
//! cell by cell (never a dense copy of a sheet whose last cell is far away), within the limits,
//! with every merged cell's value given to every cell the merge spans.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Sheets};

use super::grid::{bad, Cell, Grid};
use super::limits::{self, MAX_CELLS, MAX_ROWS};
use crate::error::Result;

/// Why reading stopped: the workbook reader's own words, or a limit.
enum Stop {
    Reader(String),
    Rows,
    Cells,
}

fn reader_err(e: impl std::fmt::Display) -> Stop {
    Stop::Reader(e.to_string())
}

/// A sheet being filled: rows by 0-based index, each up to its last non-empty cell.
#[derive(Default)]
struct Sparse {
    rows: BTreeMap<u32, Vec<Cell>>,
    cells: usize,
}

impl Sparse {
    fn set(&mut self, row: u32, col: u32, cell: Cell) -> std::result::Result<(), Stop> {
        if !self.rows.contains_key(&row) && self.rows.len() >= MAX_ROWS {
            return Err(Stop::Rows);
        }
        let r = self.rows.entry(row).or_default();
        let col = col as usize;
        if r.len() <= col {
            self.cells += col + 1 - r.len();
            if self.cells > MAX_CELLS {
                return Err(Stop::Cells);
            }
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
        Ok(())
    }

    /// Gives a merged region's value (its top-left cell's) to every empty cell of the region, on
    /// the rows that hold anything.
    fn spread_merges(&mut self, merges: &[Dimensions]) -> std::result::Result<(), Stop> {
        for m in merges {
            let ((r0, c0), (r1, c1)) = (m.start, m.end);
            if r1 < r0 || c1 < c0 || (r0 == r1 && c0 == c1) {
                continue;
            }
            let value = match self.rows.get(&r0).and_then(|r| r.get(c0 as usize)) {
                Some(v) if !v.is_empty() => v.clone(),
                _ => continue,
            };
            let rows: Vec<u32> = self.rows.range(r0..=r1).map(|(k, _)| *k).collect();
            for r in rows {
                for c in c0..=c1 {
                    let empty = self.rows.get(&r).and_then(|x| x.get(c as usize)).is_none_or(Cell::is_empty);
                    if empty {
                        self.set(r, c, value.clone())?;
                    }
                }
            }
        }
        Ok(())
    }

    fn into_rows(self) -> Vec<(u32, Vec<Cell>)> {
        self.rows.into_iter().map(|(r, cells)| (r + 1, cells)).collect()
    }
}

pub(super) fn read_workbook(bytes: &[u8], file: &str, format: &'static str, only: Option<&str>) -> Result<Vec<Grid>> {
    if bytes.starts_with(b"PK") {
        limits::check_zip(bytes, file)?;
    }
    // A malformed file must never bring the program down: calamine is guarded.
    let owned = bytes.to_vec();
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || -> std::result::Result<Vec<Grid>, Stop> {
            let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(owned)).map_err(reader_err)?;
            let names = book.sheet_names();
            let mut grids = Vec::new();
            for name in &names {
                if only.is_some_and(|o| o != name) {
                    continue;
                }
                let sparse = read_sheet(&mut book, name)?;
                grids.push(Grid { format, sheet: name.clone(), sheets: names.clone(), rows: sparse.into_rows() });
            }
            Ok(grids)
        }));
    match result {
        Ok(Ok(g)) if !g.is_empty() => Ok(g),
        Ok(Ok(_)) => match only {
            Some(s) => Err(bad(file, format!("中没有名为“{s}”的工作表"))),
            None => Err(bad(file, "中没有工作表")),
        },
        Ok(Err(Stop::Rows)) => Err(limits::too_many_rows(file)),
        Ok(Err(Stop::Cells)) => Err(limits::too_many_cells(file)),
        Ok(Err(Stop::Reader(e))) => {
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

fn read_sheet(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> std::result::Result<Sparse, Stop> {
    let mut sparse = Sparse::default();
    let merges = match book {
        Sheets::Xlsx(x) => {
            {
                let mut cells = x.worksheet_cells_reader(name).map_err(reader_err)?;
                while let Some(c) = cells.next_cell().map_err(reader_err)? {
                    let (r, col) = c.get_position();
                    let cell = cell_of(&Data::from(c.get_value().clone()));
                    if !cell.is_empty() {
                        sparse.set(r, col, cell)?;
                    }
                }
            }
            x.merge_cells_by_sheet_name(name).unwrap_or_default()
        }
        Sheets::Xls(x) => {
            let range = x.worksheet_range(name).map_err(reader_err)?;
            fill_from_range(&mut sparse, &range)?;
            x.merge_cells_by_sheet_name(name).unwrap_or_default()
        }
        other => {
            let range = other.worksheet_range(name).map_err(reader_err)?;
            fill_from_range(&mut sparse, &range)?;
            Vec::new()
        }
    };
    sparse.spread_merges(&merges)?;
    Ok(sparse)
}

fn fill_from_range(sparse: &mut Sparse, range: &calamine::Range<Data>) -> std::result::Result<(), Stop> {
    for (r, c, d) in range.used_cells() {
        let cell = cell_of(d);
        if !cell.is_empty() {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            sparse.set(r0 + r as u32, c0 + c as u32, cell)?;
        }
    }
    Ok(())
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text_of(s),
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
