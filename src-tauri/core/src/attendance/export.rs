//! Attendance to `.xlsx`: a sitting's record (each person's status and times, the counts and the
//! announcement line, by group and by sector), statistics over a meeting or a period, and a
//! member's history.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::stats::{self, AttendanceBreakdownRow, AttendanceCounts, AttendanceStats, MemberAttendance};
use super::types::*;
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

fn x(path: &Path) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| Error::xlsx(path, e)
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    bold: Format,
    pct: Format,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet) -> Self {
        Sheet { ws, row: 0, bold: Format::new().set_bold(), pct: Format::new().set_num_format("0.0%") }
    }

    fn title(&mut self, text: &str) -> std::result::Result<(), XlsxError> {
        self.ws.write_string_with_format(self.row, 0, text, &Format::new().set_bold().set_font_size(14))?;
        self.row += 1;
        Ok(())
    }

    fn line(&mut self, text: &str) -> std::result::Result<(), XlsxError> {
        self.ws.write_string(self.row, 0, text)?;
        self.row += 1;
        Ok(())
    }

    fn header(&mut self, cols: &[(&str, f64)]) -> std::result::Result<(), XlsxError> {
        for (i, (name, width)) in cols.iter().enumerate() {
            let c = i as u16;
            self.ws.write_string_with_format(self.row, c, *name, &self.bold)?;
            self.ws.set_column_width(c, *width)?;
        }
        self.ws.set_freeze_panes(self.row + 1, 0)?;
        self.row += 1;
        Ok(())
    }

    fn cells(&mut self, cells: &[Cell]) -> std::result::Result<(), XlsxError> {
        for (i, cell) in cells.iter().enumerate() {
            let c = i as u16;
            match cell {
                Cell::S(s) => {
                    self.ws.write_string(self.row, c, s.as_str())?;
                }
                Cell::N(n) => {
                    self.ws.write_number(self.row, c, *n)?;
                }
                Cell::P(p) => {
                    self.ws.write_number_with_format(self.row, c, *p, &self.pct)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }
}

enum Cell {
    S(String),
    N(f64),
    P(f64),
}

fn s(v: impl Into<String>) -> Cell {
    Cell::S(v.into())
}

fn n(v: u32) -> Cell {
    Cell::N(f64::from(v))
}

const COUNT_COLS: [(&str, f64); 11] = [
    ("应到", 7.0),
    ("实到", 7.0),
    ("迟到", 7.0),
    ("早退", 7.0),
    ("请假", 7.0),
    ("其中因病", 9.0),
    ("其中因事", 9.0),
    ("其中公务", 9.0),
    ("缺席", 7.0),
    ("出席率", 9.0),
    // 应到 at sittings not yet closed: not in the rate (totals, groups, sectors, members).
    ("待结束", 8.0),
];

fn count_cells(c: &AttendanceCounts) -> Vec<Cell> {
    vec![
        n(c.expected),
        n(c.present),
        n(c.late),
        n(c.left_early),
        n(c.on_leave),
        n(c.leave_sick),
        n(c.leave_personal),
        n(c.leave_official),
        n(c.absent + c.not_arrived),
        Cell::P(c.rate),
        n(c.pending),
    ]
}

fn breakdown_sheet(
    wb: &mut Workbook,
    name: &str,
    key: &str,
    rows: &[AttendanceBreakdownRow],
) -> std::result::Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let mut sh = Sheet::new(ws);
    let mut cols = vec![(key, 16.0)];
    cols.extend(COUNT_COLS);
    sh.header(&cols)?;
    for r in rows {
        let mut cells = vec![s(r.key.clone())];
        cells.extend(count_cells(&r.counts));
        sh.cells(&cells)?;
    }
    Ok(())
}

/// One sitting: 考勤明细, 分组统计, 界别统计.
pub fn export_sitting_xlsx(conn: &Connection, sitting_id: i64, path: &Path, replace: Replace) -> Result<()> {
    let st = stats::sitting_stats(conn, sitting_id)?;
    let e = x(path);
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name("考勤明细").map_err(&e)?;
        let mut sh = Sheet::new(ws);
        let p = &st.panel;
        sh.title(&format!("{} {}", p.meeting_title, p.sitting_title)).map_err(&e)?;
        sh.line(&format!(
            "{} {}{}",
            p.date,
            st.summary.half_day.label(),
            if p.start_time.is_empty() { String::new() } else { format!(" {}", p.start_time) }
        ))
        .map_err(&e)?;
        sh.line(&p.announcement).map_err(&e)?;
        sh.line(&format!(
            "应到{}人，实到{}人（迟到{}人，早退{}人），请假{}人，{}{}人；列席{}人（邀请{}人）；法定人数：{}，至少{}人",
            p.expected,
            p.present,
            p.late,
            p.left_early,
            p.on_leave,
            p.missing_label,
            p.missing,
            p.invitees_present,
            p.invitees_expected,
            p.threshold.rule,
            p.threshold.required
        ))
        .map_err(&e)?;
        sh.row += 1;
        sh.header(&[
            ("序号", 6.0),
            ("姓名", 10.0),
            ("类别", 8.0),
            ("委员编号", 10.0),
            ("界别/单位", 16.0),
            ("小组/职务", 12.0),
            ("座位号", 10.0),
            ("状态", 14.0),
            ("签到时间", 10.0),
            ("迟到", 6.0),
            ("离场时间", 10.0),
            ("返回时间", 10.0),
            ("请假类型", 9.0),
            ("请假事由", 20.0),
            ("批准人", 10.0),
            ("请假时段", 14.0),
        ])
        .map_err(&e)?;
        for (i, r) in st.rows.iter().enumerate() {
            let l = r.leave.as_ref();
            let kind = match (r.card.person.kind, r.expected) {
                (PersonKind::Invitee, _) => "列席",
                (PersonKind::Member, true) => "委员",
                (PersonKind::Member, false) => "非应到委员",
            };
            sh.cells(&[
                n(i as u32 + 1),
                s(r.card.name.clone()),
                s(kind),
                s(r.card.member_no.clone()),
                s(r.card.sector.clone()),
                s(r.card.group.clone()),
                s(r.card.seat.clone()),
                s(r.status_text.clone()),
                s(r.checked_in_at.clone().unwrap_or_default()),
                s(if r.late { "是" } else { "" }),
                s(r.left_at.clone().unwrap_or_default()),
                s(r.returned_at.clone().unwrap_or_default()),
                s(l.map(|l| l.kind_text.clone()).unwrap_or_default()),
                s(l.map(|l| l.reason.clone()).unwrap_or_default()),
                s(l.map(|l| l.approver.clone()).unwrap_or_default()),
                s(l.filter(|l| l.part)
                    .map(|l| {
                        format!("{}—{}", l.from_time.clone().unwrap_or_default(), l.to_time.clone().unwrap_or_default())
                    })
                    .unwrap_or_else(|| if l.is_some() { "全场".into() } else { String::new() })),
            ])
            .map_err(&e)?;
        }
    }
    breakdown_sheet(&mut wb, "分组统计", "小组", &st.by_group).map_err(&e)?;
    breakdown_sheet(&mut wb, "界别统计", "界别", &st.by_sector).map_err(&e)?;
    save(&mut wb, path, replace)
}

/// A meeting's or a period's statistics: 场次, 分组, 界别, 委员.
pub fn export_aggregate_xlsx(st: &AttendanceStats, path: &Path, replace: Replace) -> Result<()> {
    let e = x(path);
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name("场次统计").map_err(&e)?;
        let mut sh = Sheet::new(ws);
        sh.title(&format!("{} 考勤统计", st.title)).map_err(&e)?;
        let mut cols = vec![("日期", 11.0), ("时段", 6.0), ("会议", 24.0), ("场次", 20.0), ("考勤状态", 9.0)];
        cols.extend(COUNT_COLS);
        cols.push(("列席", 7.0));
        sh.header(&cols).map_err(&e)?;
        for x in &st.sittings {
            let mut cells = vec![
                s(x.date.clone()),
                s(x.half_day.label()),
                s(x.meeting_title.clone()),
                s(x.title.clone()),
                s(if x.closed { "已结束" } else { "未结束" }),
            ];
            cells.extend(count_cells(&x.counts));
            cells.push(n(x.counts.invitees_present));
            sh.cells(&cells).map_err(&e)?;
        }
        let mut cells = vec![s("合计"), s(""), s(""), s(format!("{} 场", st.sittings.len())), s("")];
        cells.extend(count_cells(&st.totals));
        cells.push(n(st.totals.invitees_present));
        sh.cells(&cells).map_err(&e)?;
    }
    breakdown_sheet(&mut wb, "分组统计", "小组", &st.by_group).map_err(&e)?;
    breakdown_sheet(&mut wb, "界别统计", "界别", &st.by_sector).map_err(&e)?;
    {
        let ws = wb.add_worksheet();
        ws.set_name("委员统计").map_err(&e)?;
        let mut sh = Sheet::new(ws);
        let mut cols = vec![("委员编号", 10.0), ("姓名", 10.0), ("界别", 14.0), ("小组", 10.0)];
        cols.extend(COUNT_COLS);
        sh.header(&cols).map_err(&e)?;
        for m in &st.by_member {
            let mut cells = vec![s(m.member_no.clone()), s(m.name.clone()), s(m.sector.clone()), s(m.group.clone())];
            cells.extend(count_cells(&m.counts));
            sh.cells(&cells).map_err(&e)?;
        }
    }
    save(&mut wb, path, replace)
}

/// A member's attendance history over a period.
pub fn export_member_xlsx(ma: &MemberAttendance, path: &Path, replace: Replace) -> Result<()> {
    let e = x(path);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("考勤记录").map_err(&e)?;
    let mut sh = Sheet::new(ws);
    sh.title(&format!("{}（{}）考勤记录 {} 至 {}", ma.card.name, ma.card.member_no, ma.from, ma.to)).map_err(&e)?;
    sh.line(&ma.summary).map_err(&e)?;
    sh.row += 1;
    sh.header(&[
        ("日期", 11.0),
        ("时段", 6.0),
        ("会议", 24.0),
        ("场次", 20.0),
        ("状态", 14.0),
        ("签到时间", 10.0),
        ("请假类型", 9.0),
        ("请假事由", 20.0),
        ("批准人", 10.0),
    ])
    .map_err(&e)?;
    for h in &ma.history {
        let l = h.leave.as_ref();
        sh.cells(&[
            s(h.date.clone()),
            s(h.half_day.label()),
            s(h.meeting_title.clone()),
            s(h.sitting_title.clone()),
            s(h.status_text.clone()),
            s(h.checked_in_at.clone().unwrap_or_default()),
            s(l.map(|l| l.kind_text.clone()).unwrap_or_default()),
            s(l.map(|l| l.reason.clone()).unwrap_or_default()),
            s(l.map(|l| l.approver.clone()).unwrap_or_default()),
        ])
        .map_err(&e)?;
    }
    save(&mut wb, path, replace)
}

/// Attendance names people and their reasons for leave (illness among them): written whole and
/// readable by the owner alone.
fn save(wb: &mut Workbook, path: &Path, replace: Replace) -> Result<()> {
    let bytes = wb.save_to_buffer().map_err(x(path))?;
    files::write_whole(path, &bytes, replace, Privacy::Private)
}
