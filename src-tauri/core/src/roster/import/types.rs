//! What an import works with: columns and their mapping, options, problems, rows, the preview and outcome.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[cfg(doc)]
use super::import;
use crate::roster::{names, MemberInput};

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
                "工作单位及职务",
                "工作单位",
                "单位",
                "单位及职务",
                "工作单位和职务",
                "工作单位及职称",
                "工作单位与职务",
            ],
            ImportField::Post => &["单位职务", "现任职务", "行政职务", "职称", "工作职务"],
            ImportField::Phone => &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"],
            ImportField::Seat => &["座位号", "座位", "座次", "座号"],
            ImportField::Notes => &["备注", "说明"],
            ImportField::JoinedOn => &["任职日期", "任职时间", "增补日期", "加入日期"],
        }
    }

    pub(super) fn from_heading(h: &str) -> Option<ImportField> {
        let key = heading_key(h);
        if key.is_empty() {
            return None;
        }
        ImportField::ALL.into_iter().find(|f| f.aliases().iter().any(|a| heading_key(a) == key))
    }
}

pub(super) fn heading_key(h: &str) -> String {
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

/// One field an update changes: «联系电话 139 → 13900000001».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: ImportField,
    /// The field's Chinese name.
    pub label: String,
    /// As on the roster now (empty: nothing).
    pub old: String,
    /// As it will be after the import (empty: nothing).
    pub new: String,
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
    /// For an update: what changes, field by field.
    pub changes: Vec<FieldChange>,
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
    /// Rows that can be imported but have something worth a look (warnings).
    pub warned: u32,
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
