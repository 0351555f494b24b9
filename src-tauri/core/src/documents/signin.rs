//! The sign-in sheet (签到表) of a sitting: a 2号 小标宋 title, the meeting, sitting, time and
//! venue, then a table grouped by discussion group — 序号, 姓名, 界别, 座位 and a 签名 column
//! with room to sign — its header repeated on every page, page numbers at the foot. The
//! attendance feature converts a sitting's expected members into [`SignInSheet`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::{render, FontSet, Format, Rendered};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignInSheet {
    /// The meeting: «政协安宁市第六届委员会第五次会议».
    pub meeting: String,
    /// The sitting: «开幕会».
    pub sitting: String,
    /// As printed: «2021年1月19日上午».
    pub time: String,
    pub venue: String,
    pub groups: Vec<SignInGroup>,
    /// Start each group on a new page (one sheet per group's table).
    pub page_per_group: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignInGroup {
    /// «第一组»; empty for an ungrouped list.
    pub name: String,
    pub rows: Vec<SignInRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignInRow {
    pub name: String,
    /// 界别
    pub sector: String,
    /// 座位
    pub seat: String,
}

/// Builds the sign-in sheet as a [`Document`].
pub fn build_document(sheet: &SignInSheet) -> Document {
    let mut d = Document::new(format!("{}{}签到表", sheet.meeting, sheet.sitting));
    d.para(Paragraph::title(&format!("{}签到表", sheet.sitting)));
    d.para(Paragraph::centered(&sheet.meeting, FontRole::Fangsong, SIZE_3).place("会议名称"));
    d.push(Block::Split {
        left: format!("时间：{}", sheet.time),
        right: format!("地点：{}", sheet.venue),
        role: FontRole::Fangsong,
        size_pt: SIZE_3,
        inset_chars: 0.0,
    });
    let columns = vec![
        Column { title: "序号".into(), width_mm: 14.0, align: Align::Center },
        Column { title: "姓名".into(), width_mm: 30.0, align: Align::Center },
        Column { title: "界别".into(), width_mm: 36.0, align: Align::Center },
        Column { title: "座位".into(), width_mm: 24.0, align: Align::Center },
        Column { title: "签名".into(), width_mm: 52.0, align: Align::Left },
    ];
    let table = |rows: Vec<TableRow>| {
        Block::Table(Table {
            columns: columns.clone(),
            rows,
            header_height_mm: 10.0,
            row_height_mm: 12.0,
            size_pt: SIZE_4,
        })
    };
    let mut rows = Vec::new();
    for (gi, g) in sheet.groups.iter().enumerate() {
        if sheet.page_per_group && gi > 0 {
            d.push(table(std::mem::take(&mut rows)));
            d.push(Block::PageBreak);
        }
        if !g.name.is_empty() {
            rows.push(TableRow::Group(format!("{}（{}人）", g.name, g.rows.len())));
        }
        for (i, r) in g.rows.iter().enumerate() {
            rows.push(TableRow::Cells(vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.sector.clone(),
                r.seat.clone(),
                String::new(),
            ]));
        }
    }
    d.push(table(rows));
    d
}

pub fn render_sign_in_sheet(sheet: &SignInSheet, format: Format, fonts: &FontSet) -> Result<Rendered> {
    render(&build_document(sheet), format, fonts)
}
