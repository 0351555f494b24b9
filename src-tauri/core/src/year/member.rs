//! Each member's record (履职档案) over a period: attendance over the sittings held in their time
//! in office (closed ones make the rate), leave, remarks made at the plenary with the opinions
//! they fed, 意见建议 raised at consultations, proposals (first or joint submitter, filed or not,
//! read through `proposals`), 社情民意 items (adopted or not, read through `sqmy`),
//! research/inspection topics and other duties taken part in, and a score when the committee
//! configures point rules (the rules print with it). Every part is queried by member, so a record
//! costs the member's own history, not the committee's registers.

use std::path::Path;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::draft::DraftExport;
use super::points::{fmt_points, point_rules, PointRules, POINT_RULE_ITEMS};
use super::types::{DutyKind, Period};
use crate::attendance::{self, MemberAttendance};
use crate::documents::model::{Align, Column, Table, TableRow, SIZE_4};
use crate::documents::{self, chinese_date, Block, Document, FontPrefs, FontSet, Format, Paragraph};
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};
use crate::proposals;
use crate::sqmy::{self, OutcomeKind};
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

/// A proposal the member submitted, first or joint (联名).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordProposal {
    /// Received, «2020年1月8日»
    pub date: String,
    pub title: String,
    /// «第36号», «第12号（并案）», or empty when not filed.
    pub number: String,
    /// 第一提案人 / 联名
    pub role: String,
    pub first: bool,
    /// Where it stands: 已立案待交办, 办理中, 不予立案, 已撤案, …
    pub status: String,
    /// Filed (立案, 并案 included).
    pub filed: bool,
}

/// A 社情民意 item the member sent in (alone or jointly); withdrawn items are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordSqmy {
    /// Received, «2020年3月5日»
    pub date: String,
    pub title: String,
    /// «2020年第3期», or empty when not yet in an issue.
    pub issue: String,
    /// Who adopted it (采用), in order; empty when not adopted.
    pub adopted_by: Vec<String>,
    /// «省政协办公厅采用，市委主要领导批示», «已编发，未获采用», «未编发».
    pub outcome: String,
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
    pub proposals: Vec<RecordProposal>,
    pub sqmy: Vec<RecordSqmy>,
    /// «提交提案2件（第一提案人1件，联名1件），立案1件；报送社情民意信息1条，被采用1条。»
    pub proposals_line: String,
    pub duties: Vec<RecordDuty>,
    pub score: Option<MemberScore>,
}

/// The member's record over the period.
pub fn member_record(conn: &Connection, member_id: i64, period: &Period) -> Result<MemberRecord> {
    let m = crate::roster::get(conn, member_id)?;
    let attendance = attendance::member_attendance(conn, member_id, Some(&period.from), Some(&period.to))?;
    let remarks = remarks(conn, member_id, period)?;
    let items = items(conn, member_id, period)?;
    let proposals = record_proposals(conn, member_id, period)?;
    let sqmy = record_sqmy(conn, member_id, period)?;
    let duties = duties(conn, member_id, period)?;
    let mut record = MemberRecord {
        member_id,
        name: m.name,
        sector: m.sector.unwrap_or_default(),
        group: m.group.unwrap_or_default(),
        role: m.role.label().to_string(),
        period: period.clone(),
        attendance,
        remarks,
        items,
        proposals_line: proposals_line(&proposals, &sqmy),
        proposals,
        sqmy,
        duties,
        score: None,
    };
    record.score = point_rules(conn)?.map(|r| score(&r, &record));
    Ok(record)
}

/// The member's proposals received in the period, first submitter or 联名, as `proposals` reads
/// them (its stage and number rules).
fn record_proposals(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordProposal>> {
    let today = crate::roster::today();
    let list = proposals::member_proposals(conn, member_id, &p.from, &p.to, &today)?;
    Ok(list
        .into_iter()
        .map(|(p, first)| RecordProposal {
            date: chinese_date(&p.received_on),
            filed: proposals::figures_of(&p).iter().any(|f| f == "filed"),
            title: p.title,
            number: p.number_label,
            role: if first { "第一提案人" } else { "联名" }.into(),
            first,
            status: p.stage.label().into(),
        })
        .collect())
}

/// The member's 社情民意 items received in the period (withdrawn ones left out), with the issue
/// that carried each and who adopted it.
fn record_sqmy(conn: &Connection, member_id: i64, p: &Period) -> Result<Vec<RecordSqmy>> {
    Ok(sqmy::member_items(conn, member_id, &p.from, &p.to)?
        .into_iter()
        .map(|i| {
            let by = |kind: OutcomeKind| i.outcomes.iter().filter(move |o| o.kind == kind).map(|o| o.by_whom.clone());
            let adopted_by: Vec<String> = by(OutcomeKind::Adopted).collect();
            let mut outcome: Vec<String> = adopted_by.iter().map(|b| format!("{b}采用")).collect();
            outcome.extend(by(OutcomeKind::Instructed).map(|b| format!("{b}批示")));
            let outcome = match (outcome.is_empty(), &i.issue_label) {
                (false, _) => outcome.join("，"),
                (true, Some(_)) => "已编发，未获采用".into(),
                (true, None) => "未编发".into(),
            };
            RecordSqmy {
                date: chinese_date(&i.received_on),
                title: i.title,
                issue: i.issue_label.unwrap_or_default(),
                adopted_by,
                outcome,
            }
        })
        .collect())
}

fn proposals_line(proposals: &[RecordProposal], sqmy: &[RecordSqmy]) -> String {
    let first = proposals.iter().filter(|p| p.first).count();
    let filed = proposals.iter().filter(|p| p.filed).count();
    let adopted = sqmy.iter().filter(|s| !s.adopted_by.is_empty()).count();
    format!(
        "提交提案{}件（第一提案人{first}件，联名{}件），立案{filed}件；报送社情民意信息{}条，被采用{adopted}条。",
        proposals.len(),
        proposals.len() - first,
        sqmy.len()
    )
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

/// How many times each rule applies to the record, by rule key.
fn rule_count(r: &MemberRecord, key: &str) -> usize {
    let c = &r.attendance.counts;
    let topic = |d: &&RecordDuty| matches!(d.kind, DutyKind::Research | DutyKind::Inspection);
    match key {
        "present" => c.present as usize,
        "leave" => c.on_leave as usize,
        "absent" => c.absent as usize,
        "remark" => r.remarks.len(),
        "item" => r.items.len(),
        "proposal_filed" => r.proposals.iter().filter(|p| p.filed && p.first).count(),
        "proposal_joint" => r.proposals.iter().filter(|p| p.filed && !p.first).count(),
        "sqmy_adopted" => r.sqmy.iter().filter(|s| !s.adopted_by.is_empty()).count(),
        "topic" => r.duties.iter().filter(topic).count(),
        "duty" => r.duties.iter().filter(|d| !topic(d)).count(),
        _ => 0,
    }
}

/// Points to one decimal place, as they print.
fn tenths(p: f64) -> f64 {
    (p * 10.0).round() / 10.0
}

fn score(rules: &PointRules, r: &MemberRecord) -> MemberScore {
    let lines: Vec<PointLine> = POINT_RULE_ITEMS
        .iter()
        .filter(|(key, _, _)| rules.get(key) != 0.0)
        .map(|(key, what, _)| {
            let count = rule_count(r, key) as u32;
            let each = rules.get(key);
            PointLine { what: (*what).into(), count, each, points: tenths(f64::from(count) * each) }
        })
        .collect();
    let total = tenths(lines.iter().map(|l| l.points).sum());
    MemberScore { rules: rules.lines(), lines, total }
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
    d.body_text("三、提案和社情民意信息", "标题");
    d.body_text(&r.proposals_line, "提案");
    for x in &r.proposals {
        let stand = [x.number.as_str(), x.status.as_str()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
        d.body_text(&format!("提案：{}，{}（{}；{}）", x.date, x.title, x.role, stand.join("，")), "提案");
    }
    for x in &r.sqmy {
        let issue = if x.issue.is_empty() { String::new() } else { format!("《社情民意》{}；", x.issue) };
        d.body_text(&format!("社情民意信息：{}，{}（{issue}{}）", x.date, x.title, x.outcome), "社情民意");
    }
    d.body_text("四、调研视察及其他履职活动", "标题");
    if r.duties.is_empty() {
        d.body_text("无。", "活动");
    }
    for x in &r.duties {
        let lead = if x.lead { "（牵头）" } else { "" };
        d.body_text(&format!("{}，{}：{}{lead}", x.date, x.kind_label, x.title), "活动");
    }
    if let Some(s) = &r.score {
        d.body_text("五、履职积分", "标题");
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
