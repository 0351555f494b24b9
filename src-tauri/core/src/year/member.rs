//! Each member's record (履职档案) over a period: attendance over the sittings held in their time
//! in office (closed ones make the rate), leave, remarks made at the plenary with the opinions
//! they fed, 意见建议 raised at consultations, research/inspection topics and other duties taken
//! part in, and a score when the committee configures point rules (the rules print with it).
//! Proposals and 社情民意 lines join at merge (their modules own those records).

use std::path::Path;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::draft::DraftExport;
use super::types::{DutyKind, Period};
use crate::attendance::{self, MemberAttendance};
use crate::db::Db;
use crate::documents::model::{Align, Column, Table, TableRow, SIZE_4};
use crate::documents::{self, chinese_date, Block, Document, FontPrefs, FontSet, Format, Paragraph};
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

/// The settings key of the point rules (JSON of [`PointRules`]).
pub const POINT_RULES_KEY: &str = "year.point_rules";

/// Points per thing done, as the committee configures them (0: not counted). Absence without
/// leave is usually negative.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct PointRules {
    /// per sitting attended
    pub present: f64,
    /// per sitting on leave
    pub leave: f64,
    /// per sitting absent without leave
    pub absent: f64,
    /// per remark made at the plenary
    pub remark: f64,
    /// per 意见建议 raised at a consultation
    pub item: f64,
    /// per research or inspection topic taken part in
    pub topic: f64,
    /// per other duty (协商在基层, training)
    pub duty: f64,
}

impl PointRules {
    /// The rules as printed: «出席会议每次 2 分；…».
    pub fn lines(&self) -> Vec<String> {
        let mut v = Vec::new();
        for (what, p) in [
            ("出席会议每场次", self.present),
            ("请假每场次", self.leave),
            ("无故缺席每场次", self.absent),
            ("大会发言意见每条", self.remark),
            ("协商活动提出意见建议每条", self.item),
            ("参加调研、视察课题每个", self.topic),
            ("参加协商在基层、培训等活动每次", self.duty),
        ] {
            if p != 0.0 {
                v.push(format!("{what}{}分", points(p)));
            }
        }
        v
    }
}

fn points(p: f64) -> String {
    let s = if p.fract() == 0.0 { format!("{}", p as i64) } else { format!("{p:.1}") };
    if p > 0.0 {
        format!("加{s}")
    } else {
        format!("扣{}", s.trim_start_matches('-'))
    }
}

/// The committee's point rules, if configured.
pub fn point_rules(conn: &Connection) -> Result<Option<PointRules>> {
    match crate::settings::get(conn, POINT_RULES_KEY)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => serde_json::from_str(&s).map(Some).map_err(|e| Error::internal("读取积分规则", e)),
    }
}

/// Configures the point rules (`None`: no score is given).
pub fn set_point_rules(db: &mut Db, rules: Option<&PointRules>) -> Result<()> {
    let text = match rules {
        Some(r) => serde_json::to_string(r).map_err(|e| Error::internal("保存积分规则", e))?,
        None => String::new(),
    };
    crate::settings::set(db, POINT_RULES_KEY, &text)
}

/// A remark made, or a 意见建议 raised, with where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordRemark {
    /// «2020年1月8日»
    pub date: String,
    /// The report or the consultation: «政府工作报告», «专题协商会：…»
    pub on: String,
    pub text: String,
    /// The opinion it fed («第12条»), or «未纳入：理由», or empty while unplaced.
    pub outcome: String,
}

/// A duty taken part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordDuty {
    pub kind: DutyKind,
    pub kind_label: String,
    pub title: String,
    pub date: String,
    pub lead: bool,
    pub report_title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PointLine {
    pub what: String,
    pub count: u32,
    pub each: f64,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberScore {
    pub rules: Vec<String>,
    pub lines: Vec<PointLine>,
    pub total: f64,
}

/// A member's record over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberRecord {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    pub sector: String,
    pub group: String,
    pub role: String,
    pub period: Period,
    pub attendance: MemberAttendance,
    pub remarks: Vec<RecordRemark>,
    pub items: Vec<RecordRemark>,
    pub duties: Vec<RecordDuty>,
    pub score: Option<MemberScore>,
}

/// The member's record over the period.
pub fn member_record(conn: &Connection, member_id: i64, period: &Period) -> Result<MemberRecord> {
    let m = crate::roster::get(conn, member_id)?;
    let attendance = attendance::member_attendance(conn, member_id, Some(&period.from), Some(&period.to))?;
    let remarks = remarks(conn, member_id, period)?;
    let items = items(conn, member_id, period)?;
    let duties = duties(conn, member_id, period)?;
    let score = point_rules(conn)?.map(|r| score(&r, &attendance, &remarks, &items, &duties));
    Ok(MemberRecord {
        member_id,
        name: m.name,
        sector: m.sector.unwrap_or_default(),
        group: m.group.unwrap_or_default(),
        role: m.role.label().to_string(),
        period: period.clone(),
        attendance,
        remarks,
        items,
        duties,
        score,
    })
}

fn remarks(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordRemark>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.date, r.title, k.text, o.seq, k.set_aside_reason
         FROM remarks k JOIN reports r ON r.id = k.report_id JOIN sittings s ON s.id = k.sitting_id
         LEFT JOIN opinion_remarks x ON x.remark_id = k.id LEFT JOIN opinions o ON o.id = x.opinion_id
         WHERE k.speaker_id = ?1 AND s.date BETWEEN ?2 AND ?3 ORDER BY s.date, k.id",
    )?;
    let rows = stmt.query_map(params![member_id, p.from, p.to], |r| {
        let date: String = r.get(0)?;
        let seq: Option<i64> = r.get(3)?;
        let aside: Option<String> = r.get(4)?;
        Ok(RecordRemark {
            date: chinese_date(&date),
            on: r.get(1)?,
            text: r.get(2)?,
            outcome: match (seq, aside) {
                (Some(n), _) => format!("纳入协商意见第{n}条"),
                (None, Some(why)) => format!("未纳入：{why}"),
                (None, None) => "待归纳".into(),
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn items(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordRemark>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(m.start_date, d.start_date) AS day, coalesce(m.title, d.title), i.text, i.seq, i.adoption
         FROM consultation_item_speakers s JOIN consultation_items i ON i.id = s.item_id
         LEFT JOIN meetings m ON m.id = i.meeting_id LEFT JOIN duties d ON d.id = i.duty_id
         WHERE s.member_id = ?1 AND coalesce(m.start_date, d.start_date) BETWEEN ?2 AND ?3 ORDER BY day, i.id",
    )?;
    let rows = stmt.query_map(params![member_id, p.from, p.to], |r| {
        let date: String = r.get(0)?;
        let seq: i64 = r.get(3)?;
        let adoption: Option<String> = r.get(4)?;
        let adopted = adoption.as_deref().and_then(|a| crate::opinions::Adoption::parse(a).ok());
        Ok(RecordRemark {
            date: chinese_date(&date),
            on: r.get(1)?,
            text: r.get(2)?,
            outcome: match adopted {
                Some(a) => format!("第{seq}条，{}", a.label()),
                None => format!("第{seq}条"),
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn duties(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordDuty>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.title, d.start_date, dm.lead, d.report_title
         FROM duty_members dm JOIN duties d ON d.id = dm.duty_id
         WHERE dm.member_id = ?1 AND d.start_date BETWEEN ?2 AND ?3 ORDER BY d.start_date, d.id",
    )?;
    let rows = stmt.query_map(params![member_id, p.from, p.to], |r| {
        let kind: String = r.get(0)?;
        let kind = DutyKind::from_code(&kind).unwrap_or(DutyKind::Grassroots);
        let date: String = r.get(2)?;
        Ok(RecordDuty {
            kind,
            kind_label: kind.label().into(),
            title: r.get(1)?,
            date: chinese_date(&date),
            lead: r.get(3)?,
            report_title: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn score(
    rules: &PointRules,
    a: &MemberAttendance,
    remarks: &[RecordRemark],
    items: &[RecordRemark],
    duties: &[RecordDuty],
) -> MemberScore {
    let topics = duties.iter().filter(|d| matches!(d.kind, DutyKind::Research | DutyKind::Inspection)).count();
    let lines: Vec<PointLine> = [
        ("出席会议", a.counts.present, rules.present),
        ("请假", a.counts.on_leave, rules.leave),
        ("无故缺席", a.counts.absent, rules.absent),
        ("大会发言意见", remarks.len() as u32, rules.remark),
        ("协商活动意见建议", items.len() as u32, rules.item),
        ("调研、视察课题", topics as u32, rules.topic),
        ("其他履职活动", (duties.len() - topics) as u32, rules.duty),
    ]
    .into_iter()
    .filter(|(_, _, each)| *each != 0.0)
    .map(|(what, count, each)| PointLine { what: what.into(), count, each, points: f64::from(count) * each })
    .collect();
    let total = lines.iter().map(|l| l.points).sum();
    MemberScore { rules: rules.lines(), lines, total }
}

fn fmt_points(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{}", p as i64)
    } else {
        format!("{p:.1}")
    }
}

fn record_blocks(d: &mut Document, r: &MemberRecord) {
    d.para(Paragraph::title(&format!("{}委员履职档案", r.name)));
    d.para(Paragraph::centered(
        &format!("（{}至{}）", chinese_date(&r.period.from), chinese_date(&r.period.to)),
        documents::FontRole::Kaiti,
        documents::model::SIZE_3,
    ));
    d.push(Block::Blank);
    let who = [r.sector.as_str(), r.group.as_str(), r.role.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("，");
    d.body_text(&format!("{}，{who}。", r.name), "基本情况");
    let c = &r.attendance.counts;
    d.body_text("一、会议出席", "标题");
    let mut line = format!(
        "应出席已结束的会议{}场次，出席{}场次，请假{}场次，无故缺席{}场次",
        c.expected, c.present, c.on_leave, c.absent
    );
    if c.pending > 0 {
        line.push_str(&format!("；另有{}场次尚未结束，不计入", c.pending));
    }
    line.push('。');
    d.body_text(&line, "出席");
    let mut history: Vec<_> = r.attendance.history.iter().filter(|h| h.leave.is_some()).collect();
    history.reverse();
    for h in history {
        let kind = h.leave.as_ref().map(|l| l.kind_text.clone()).unwrap_or_default();
        d.body_text(
            &format!("请假：{}，{} {}（{kind}）", chinese_date(&h.date), h.meeting_title, h.sitting_title),
            "请假",
        );
    }
    let mut absences: Vec<_> = r.attendance.absences.iter().collect();
    absences.reverse();
    for h in absences {
        d.body_text(&format!("缺席：{}，{} {}", chinese_date(&h.date), h.meeting_title, h.sitting_title), "缺席");
    }
    d.body_text("二、发言和意见建议", "标题");
    if r.remarks.is_empty() && r.items.is_empty() {
        d.body_text("无。", "发言");
    }
    for x in r.remarks.iter().chain(&r.items) {
        d.body_text(&format!("{}，{}：{}（{}）", x.date, x.on, x.text, x.outcome), "发言");
    }
    d.body_text("三、调研视察及其他履职活动", "标题");
    if r.duties.is_empty() {
        d.body_text("无。", "活动");
    }
    for x in &r.duties {
        let lead = if x.lead { "（牵头）" } else { "" };
        d.body_text(&format!("{}，{}：{}{lead}", x.date, x.kind_label, x.title), "活动");
    }
    if let Some(s) = &r.score {
        d.body_text("四、履职积分", "标题");
        d.body_text(&format!("积分规则：{}。", s.rules.join("；")), "积分规则");
        let mut rows: Vec<TableRow> = s
            .lines
            .iter()
            .map(|l| {
                TableRow::Cells(vec![l.what.clone(), l.count.to_string(), fmt_points(l.each), fmt_points(l.points)])
            })
            .collect();
        rows.push(TableRow::Cells(vec!["合计".into(), String::new(), String::new(), fmt_points(s.total)]));
        d.push(Block::Table(Table {
            columns: vec![
                Column { title: "项目".into(), width_mm: 66.0, align: Align::Left },
                Column { title: "次数".into(), width_mm: 30.0, align: Align::Center },
                Column { title: "每次分值".into(), width_mm: 30.0, align: Align::Center },
                Column { title: "得分".into(), width_mm: 30.0, align: Align::Center },
            ],
            rows,
            header_height_mm: 10.0,
            row_height_mm: 9.0,
            size_pt: SIZE_4,
        }));
    }
}

/// Writes the records of the members (one, or all of a group or sector) to a PDF, each from a new page.
pub fn export_member_records(
    conn: &Connection,
    member_ids: &[i64],
    period: &Period,
    path: &Path,
    replace: Replace,
) -> Result<DraftExport> {
    if Format::from_path(path)? != Format::Pdf {
        return Err(Error::invalid("导出文件", "履职档案导出为 .pdf 文件"));
    }
    if member_ids.is_empty() {
        return Err(Error::invalid("委员", "没有要导出的委员"));
    }
    let mut d = Document::new(format!("委员履职档案（{}）", period.title()));
    for (i, id) in member_ids.iter().enumerate() {
        if i > 0 {
            d.push(Block::PageBreak);
        }
        record_blocks(&mut d, &member_record(conn, *id, period)?);
    }
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let rendered = documents::render_pdf(&d, &fonts)?;
    files::write_whole(path, &rendered.bytes, replace, Privacy::Private)?;
    Ok(DraftExport {
        path: path.display().to_string(),
        pages: rendered.pages as u32,
        warnings: rendered.warnings.into_iter().map(|w| w.message).collect(),
    })
}
