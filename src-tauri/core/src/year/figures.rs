//! The year's figures, one small function per section, every figure computed from records (none
//! typed in; no records → 0) through [`records`], which also lists the records behind it. A count
//! is the number of its records; a person-time figure is the sum of its records' person-times.
//!
//! Stable keys (`huiwu year --json`): see [`SPECS`]; proposals (提案) and 社情民意, which other
//! modules keep, are the sections of `streams.rs` (keys `proposals_*`, `sqmy_*`).

use rusqlite::{params, Connection};

use super::types::*;
use crate::attendance;
use crate::documents::chinese_date;
use crate::error::{Error, Result};

/// Where a figure's records come from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// Meetings of a kind (`topical`: only 专题议政性 ones).
    Meetings { kind: &'static str, topical: bool },
    /// The 意见建议 of the meetings of a kind.
    MeetingItems { kind: &'static str, topical: bool },
    /// Consolidated plenary opinions on a report of a kind (None: every report).
    PlenaryOpinions(Option<&'static str>),
    /// Duties of a kind; `person_times`: the figure sums their person-times.
    Duties { kind: DutyKind, person_times: bool },
    /// The 意见建议 of 协商在基层 activities.
    DutyItems,
    /// Distinct members on duties of a kind.
    DutyMembers(DutyKind),
    /// Membership events of a kind.
    Membership(&'static str),
    /// Attendance over the sittings held.
    Attendance(AttendanceFigure),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttendanceFigure {
    Sittings,
    Expected,
    Present,
    OnLeave,
    Absent,
    Rate,
}

struct Spec {
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    source: Source,
}

const fn spec(key: &'static str, label: &'static str, unit: &'static str, source: Source) -> Spec {
    Spec { key, label, unit, source }
}

use AttendanceFigure as A;
use Source::*;

/// Every figure this module computes, by section, under its stable key.
const SPECS: &[(&str, &str, &[Spec])] = &[
    (
        "meetings",
        "会议",
        &[
            spec("study_group_meetings", "理论学习中心组学习", "次", Meetings { kind: "study_group", topical: false }),
            spec("party_group_meetings", "党组会议", "次", Meetings { kind: "party_group", topical: false }),
            spec(
                "standing_committee_meetings",
                "常委会会议",
                "次",
                Meetings { kind: "standing_committee", topical: false },
            ),
            spec(
                "chairs_council_meetings",
                "主席（扩大）会议",
                "次",
                Meetings { kind: "chairs_council", topical: false },
            ),
            spec(
                "party_committee_reports",
                "向市委报告工作",
                "次",
                Duties { kind: DutyKind::PartyReport, person_times: false },
            ),
        ],
    ),
    (
        "plenary_opinions",
        "大会协商意见",
        &[
            spec("plenary_opinions_government", "对政府工作报告的协商意见", "条", PlenaryOpinions(Some("government"))),
            spec("plenary_opinions_court", "对法院工作报告的协商意见", "条", PlenaryOpinions(Some("court"))),
            spec(
                "plenary_opinions_procuratorate",
                "对检察院工作报告的协商意见",
                "条",
                PlenaryOpinions(Some("procuratorate")),
            ),
            spec("plenary_opinions_total", "大会协商意见合计", "条", PlenaryOpinions(None)),
        ],
    ),
    (
        "consultation",
        "协商议政",
        &[
            spec(
                "topical_standing_committee_meetings",
                "专题议政性常委会",
                "次",
                Meetings { kind: "standing_committee", topical: true },
            ),
            spec(
                "topical_standing_committee_items",
                "专题议政性常委会意见建议",
                "条",
                MeetingItems { kind: "standing_committee", topical: true },
            ),
            spec(
                "topical_consultations",
                "专题协商会",
                "次",
                Meetings { kind: "topical_consultation", topical: false },
            ),
            spec(
                "topical_consultation_items",
                "专题协商会意见建议",
                "条",
                MeetingItems { kind: "topical_consultation", topical: false },
            ),
            spec("forums", "座谈协商", "次", Meetings { kind: "forum", topical: false }),
            spec("forum_items", "座谈协商意见建议", "条", MeetingItems { kind: "forum", topical: false }),
            spec(
                "grassroots_activities",
                "协商在基层活动",
                "次",
                Duties { kind: DutyKind::Grassroots, person_times: false },
            ),
            spec("grassroots_items", "协商在基层意见建议", "条", DutyItems),
        ],
    ),
    (
        "topics",
        "调研视察",
        &[
            spec("research_topics", "调研课题", "个", Duties { kind: DutyKind::Research, person_times: false }),
            spec("inspection_topics", "视察课题", "个", Duties { kind: DutyKind::Inspection, person_times: false }),
        ],
    ),
    (
        "duties",
        "对外交流与培训",
        &[
            spec("delegations", "接待考察团组", "批", Duties { kind: DutyKind::Delegation, person_times: false }),
            spec(
                "delegation_person_times",
                "接待考察人员",
                "人次",
                Duties { kind: DutyKind::Delegation, person_times: true },
            ),
            spec(
                "training_person_times",
                "外出培训",
                "人次",
                Duties { kind: DutyKind::ExternalTraining, person_times: true },
            ),
            spec("members_trained", "参加委员培训班的委员", "人", DutyMembers(DutyKind::MemberTraining)),
        ],
    ),
    (
        "membership",
        "委员队伍",
        &[
            spec("members_standing_resigned", "辞去常委职务", "人", Membership("standing_resigned")),
            spec("members_resigned", "辞去委员职务", "人", Membership("resigned")),
            spec("members_ordered_to_resign", "责令辞去委员职务", "人", Membership("ordered_to_resign")),
            spec("members_revoked", "撤销委员资格", "人", Membership("revoked")),
            spec("members_suspended", "暂停委员职务", "人", Membership("suspended")),
            spec("members_died", "逝世", "人", Membership("died")),
        ],
    ),
    (
        "attendance",
        "会议考勤",
        &[
            spec("sittings_held", "已举行的场次", "场", Attendance(A::Sittings)),
            spec("attendance_expected", "应到", "人次", Attendance(A::Expected)),
            spec("attendance_present", "实到", "人次", Attendance(A::Present)),
            spec("attendance_on_leave", "请假", "人次", Attendance(A::OnLeave)),
            spec("attendance_absent", "缺席", "人次", Attendance(A::Absent)),
            spec("attendance_rate", "出席率（已结束的场次）", "%", Attendance(A::Rate)),
        ],
    ),
];

/// Every stable key this module computes, in order.
pub fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = SPECS.iter().flat_map(|(_, _, s)| s.iter().map(|s| s.key)).collect();
    keys.extend(super::streams::keys());
    keys
}

fn find(key: &str) -> Result<&'static Spec> {
    SPECS.iter().flat_map(|(_, _, s)| s.iter()).find(|s| s.key == key).ok_or_else(|| Error::not_found("统计项", key))
}

/// Every figure of the period.
pub fn figures(conn: &Connection, period: &Period) -> Result<YearFigures> {
    let sections = vec![
        meetings(conn, period)?,
        plenary_opinions(conn, period)?,
        consultation(conn, period)?,
        super::streams::proposals(conn, period)?,
        super::streams::sqmy(conn, period)?,
        topics(conn, period)?,
        duties(conn, period)?,
        membership(conn, period)?,
        attendance_section(conn, period)?,
    ];
    Ok(YearFigures { period: period.clone(), title: period.title(), sections })
}

/// 会议: 理论学习中心组学习, 党组会议, 常委会会议, 主席（扩大）会议, reports to the party committee.
pub fn meetings(conn: &Connection, period: &Period) -> Result<Section> {
    section(conn, period, "meetings")
}

/// 大会协商意见: the consolidated items on the government, court and procuratorate reports.
pub fn plenary_opinions(conn: &Connection, period: &Period) -> Result<Section> {
    section(conn, period, "plenary_opinions")
}

/// 协商议政: topical standing-committee meetings, topical consultations, forums, 协商在基层, and
/// the 意见建议 of each.
pub fn consultation(conn: &Connection, period: &Period) -> Result<Section> {
    section(conn, period, "consultation")
}

/// 调研视察: research and inspection topics.
pub fn topics(conn: &Connection, period: &Period) -> Result<Section> {
    section(conn, period, "topics")
}

/// 对外交流与培训: delegations (批次, 人次), training (人次; members on a course).
pub fn duties(conn: &Connection, period: &Period) -> Result<Section> {
    section(conn, period, "duties")
}

/// 委员队伍: membership changes, 暂停委员职务 included.
pub fn membership(conn: &Connection, period: &Period) -> Result<Section> {
    section(conn, period, "membership")
}

/// 会议考勤: the sittings held and their attendance (the rate over closed sittings only).
pub fn attendance_section(conn: &Connection, period: &Period) -> Result<Section> {
    let (_, title, specs) =
        SPECS.iter().find(|(k, _, _)| *k == "attendance").ok_or_else(|| Error::not_found("统计部分", "attendance"))?;
    let stats = attendance::period_stats(conn, Some(&period.from), Some(&period.to))?;
    let t = &stats.totals;
    let figures = specs
        .iter()
        .map(|s| {
            let n = match s.source {
                Attendance(A::Sittings) => stats.sittings.len() as i64,
                Attendance(A::Expected) => t.expected as i64,
                Attendance(A::Present) => t.present as i64,
                Attendance(A::OnLeave) => t.on_leave as i64,
                Attendance(A::Absent) => t.absent as i64,
                _ => {
                    let rate = if t.expected == 0 { 0.0 } else { f64::from(t.present) / f64::from(t.expected) };
                    return Figure::rate(s.key, s.label, rate);
                }
            };
            Figure::count(s.key, s.label, n, s.unit)
        })
        .collect();
    Ok(Section { key: "attendance".into(), title: (*title).into(), figures })
}

fn section(conn: &Connection, period: &Period, key: &str) -> Result<Section> {
    let (_, title, specs) =
        SPECS.iter().find(|(k, _, _)| *k == key).ok_or_else(|| Error::not_found("统计部分", key))?;
    let mut figures = Vec::with_capacity(specs.len());
    for s in specs.iter() {
        let rows = rows(conn, period, s.source)?;
        let value = match s.source {
            Duties { person_times: true, .. } => rows.iter().map(|r| r.1).sum(),
            _ => rows.len() as i64,
        };
        figures.push(Figure::count(s.key, s.label, value, s.unit));
    }
    Ok(Section { key: key.into(), title: (*title).into(), figures })
}

/// The records behind the figure `key` in the period.
pub fn records(conn: &Connection, period: &Period, key: &str) -> Result<Vec<FigureRecord>> {
    if let Some(r) = super::streams::records(conn, period, key)? {
        return Ok(r);
    }
    let s = find(key)?;
    if let Attendance(_) = s.source {
        let stats = attendance::period_stats(conn, Some(&period.from), Some(&period.to))?;
        return Ok(stats
            .sittings
            .into_iter()
            .map(|x| FigureRecord {
                kind: if x.closed { "已结束的场次".into() } else { "未结束的场次".into() },
                id: x.sitting_id,
                date: format!("{}{}", chinese_date(&x.date), x.half_day.label()),
                title: format!("{} {}", x.meeting_title, x.title),
                detail: format!(
                    "应到{}人，实到{}人，请假{}人，缺席{}人",
                    x.counts.expected, x.counts.present, x.counts.on_leave, x.counts.absent
                ),
            })
            .collect());
    }
    Ok(rows(conn, period, s.source)?.into_iter().map(|r| r.0).collect())
}

/// Shortens an item's text for a list line.
fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 60 {
        text.to_string()
    } else {
        format!("{}…", chars[..60].iter().collect::<String>())
    }
}

/// The date a session counts in: when it opened, else its plenary's first day, else its year.
pub(super) const SESSION_DATE: &str = "coalesce(se.opened_on,
    (SELECT min(mt.start_date) FROM meetings mt WHERE mt.session_id = se.id AND mt.kind = 'plenary'),
    printf('%04d-01-01', se.year))";

/// The records of a source and their weights (person-times).
fn rows(conn: &Connection, p: &Period, source: Source) -> Result<Vec<(FigureRecord, i64)>> {
    let map = |kind: String| {
        move |r: &rusqlite::Row<'_>| -> rusqlite::Result<(FigureRecord, i64)> {
            let date: String = r.get(1)?;
            let title: String = r.get(2)?;
            Ok((
                FigureRecord {
                    kind: kind.clone(),
                    id: r.get(0)?,
                    date: chinese_date(&date),
                    title: short(&title),
                    detail: r.get(3)?,
                },
                r.get(4)?,
            ))
        }
    };
    let (sql, kind, args): (String, String, Vec<Box<dyn rusqlite::ToSql>>) = match source {
        Meetings { kind, topical } => (
            "SELECT id, start_date, title, '', 0 FROM meetings
             WHERE kind = ?1 AND (?2 = 0 OR topical = 1) AND start_date BETWEEN ?3 AND ?4 ORDER BY start_date, id"
                .into(),
            crate::meetings::MeetingKind::from_code(kind).map_or("会议", |k| k.label()).into(),
            vec![Box::new(kind), Box::new(topical)],
        ),
        MeetingItems { kind, topical } => (
            "SELECT i.id, m.start_date, i.text, m.title || ' 第' || i.seq || '条', 0
             FROM consultation_items i JOIN meetings m ON m.id = i.meeting_id
             WHERE m.kind = ?1 AND (?2 = 0 OR m.topical = 1) AND m.start_date BETWEEN ?3 AND ?4
             ORDER BY m.start_date, m.id, i.seq"
                .into(),
            "意见建议".into(),
            vec![Box::new(kind), Box::new(topical)],
        ),
        PlenaryOpinions(kind) => (
            format!(
                "SELECT o.id, {SESSION_DATE}, o.text, se.name || ' ' || r.title || ' 第' || o.seq || '条', 0
                 FROM opinions o JOIN reports r ON r.id = o.report_id JOIN sessions se ON se.id = r.session_id
                 WHERE (?1 IS NULL OR r.kind = ?1) AND ?2 = ?2 AND {SESSION_DATE} BETWEEN ?3 AND ?4
                 ORDER BY se.id, r.sort_order, r.id, o.seq"
            ),
            "大会协商意见".into(),
            vec![Box::new(kind), Box::new(false)],
        ),
        Duties { kind, .. } => (
            "SELECT id, start_date, title,
                    CASE WHEN person_times > 0 THEN person_times || '人次' ELSE report_title END, person_times
             FROM duties WHERE kind = ?1 AND ?2 = ?2 AND start_date BETWEEN ?3 AND ?4 ORDER BY start_date, id"
                .into(),
            kind.label().into(),
            vec![Box::new(kind.code()), Box::new(false)],
        ),
        DutyItems => (
            "SELECT i.id, d.start_date, i.text, d.title || ' 第' || i.seq || '条', 0
             FROM consultation_items i JOIN duties d ON d.id = i.duty_id
             WHERE d.kind = ?1 AND ?2 = ?2 AND d.start_date BETWEEN ?3 AND ?4 ORDER BY d.start_date, d.id, i.seq"
                .into(),
            "意见建议".into(),
            vec![Box::new(DutyKind::Grassroots.code()), Box::new(false)],
        ),
        DutyMembers(kind) => (
            "SELECT m.id, min(d.start_date), m.name, group_concat(d.title, '；'), 0
             FROM duty_members dm JOIN duties d ON d.id = dm.duty_id JOIN members m ON m.id = dm.member_id
             WHERE d.kind = ?1 AND ?2 = ?2 AND d.start_date BETWEEN ?3 AND ?4
             GROUP BY m.id ORDER BY m.roster_order, m.id"
                .into(),
            kind.label().into(),
            vec![Box::new(kind.code()), Box::new(false)],
        ),
        Membership(code) => (
            "SELECT e.id, e.effective_on, m.name, e.reference, 0
             FROM membership_events e JOIN members m ON m.id = e.member_id
             WHERE e.kind = ?1 AND ?2 = ?2 AND e.effective_on BETWEEN ?3 AND ?4 ORDER BY e.effective_on, e.id"
                .into(),
            crate::roster::MembershipKind::from_code(code).map_or("委员变动", |k| k.label()).into(),
            vec![Box::new(code), Box::new(false)],
        ),
        Attendance(_) => return Ok(Vec::new()),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![args[0], args[1], p.from, p.to], map(kind))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
