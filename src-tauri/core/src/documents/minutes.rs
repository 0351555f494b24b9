//! Minutes (纪要) of a sitting or of a whole meeting, in the GB/T 9704-2012 纪要 format (§10.3):
//! the red mark «XXXX纪要» centred 35 mm below the top of the text block, optional «（第N期）»,
//! the issuing office left and the date right on one line, a red rule, the body, one blank
//! line, then 出席：/请假：/列席： generated from the attendance records, and the colophon.
//! No seal. The attendance block is never stored: it is drawn from the records at each export,
//! so it always agrees with them to the name.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::{render, Format, FontPrefs, FontSet, Rendered};
use crate::attendance::{self, RollCall, RollName};
use crate::db::{now, Db};
use crate::error::{Error, Result};
use crate::meetings::{self, MeetingKind};

/// How the names of the attendance block are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceOrder {
    /// By role (主席, 副主席, 秘书长, 常委, 委员, 列席), then by stroke count (姓氏笔画).
    RoleStrokes,
    /// In roster order.
    Roster,
}

impl AttendanceOrder {
    fn code(self) -> &'static str {
        match self {
            AttendanceOrder::RoleStrokes => "role_strokes",
            AttendanceOrder::Roster => "roster",
        }
    }

    fn from_code(s: &str) -> AttendanceOrder {
        if s == "roster" {
            AttendanceOrder::Roster
        } else {
            AttendanceOrder::RoleStrokes
        }
    }
}

/// Saved minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Minutes {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub sitting_id: Option<i64>,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// 纪要标志, e.g. «主席会议纪要».
    pub mark: String,
    /// 第N期, if printed.
    pub issue_number: Option<u32>,
    /// Issuing office (印发机关).
    pub office: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// One paragraph a line; lines starting 一、 （一） 1. （1） are headings.
    pub body: String,
    pub attendance_order: AttendanceOrder,
    pub created_at: String,
    pub updated_at: String,
}

/// What the editor sends: minutes of exactly one of a sitting or a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesInput {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub sitting_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub meeting_id: Option<i64>,
    pub mark: String,
    #[serde(default)]
    pub issue_number: Option<u32>,
    #[serde(default)]
    pub office: String,
    pub date: String,
    #[serde(default)]
    pub body: String,
    pub attendance_order: AttendanceOrder,
}

/// What the minutes are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Sitting(i64),
    Meeting(i64),
}

impl MinutesInput {
    pub fn target(&self) -> Result<Target> {
        match (self.sitting_id, self.meeting_id) {
            (Some(s), None) => Ok(Target::Sitting(s)),
            (None, Some(m)) => Ok(Target::Meeting(m)),
            _ => Err(Error::invalid("纪要", "应指定一个场次或一个会议（二者选一）")),
        }
    }
}

/// The attendance block's names, ordered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceNames {
    pub present: Vec<String>,
    pub on_leave: Vec<String>,
    pub invitees: Vec<String>,
}

/// A meeting and its sittings, for choosing what minutes are of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesTarget {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    /// 主席会议, 常委会会议, ...
    pub meeting_kind: String,
    pub start_date: String,
    pub sittings: Vec<MinutesSitting>,
    /// Saved minutes of the whole meeting exist.
    pub has_minutes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MinutesSitting {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub date: String,
    pub has_minutes: bool,
}

/// Every meeting (newest first, as the meetings list gives them) with its sittings, and which
/// have saved minutes.
pub fn targets(conn: &Connection) -> Result<Vec<MinutesTarget>> {
    let saved = list(conn)?;
    let mut out = Vec::new();
    for m in meetings::list_meetings(conn, &meetings::MeetingFilter::default())? {
        let sittings = meetings::list_sittings(conn, Some(m.id))?
            .into_iter()
            .map(|s| MinutesSitting {
                has_minutes: saved.iter().any(|x| x.sitting_id == Some(s.id)),
                id: s.id,
                title: s.title,
                date: s.date,
            })
            .collect();
        out.push(MinutesTarget {
            has_minutes: saved.iter().any(|x| x.meeting_id == Some(m.id)),
            meeting_id: m.id,
            meeting_title: m.title,
            meeting_kind: m.kind.label().to_string(),
            start_date: m.start_date,
            sittings,
        });
    }
    Ok(out)
}

/// The file name an export of these minutes gets: «主席会议纪要第3期-2021-01-19.pdf».
pub fn file_name(input: &MinutesInput, format: Format) -> String {
    let issue = input.issue_number.map(|n| format!("第{n}期")).unwrap_or_default();
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    let safe: String = format!("{}{}-{}", input.mark.trim(), issue, input.date.trim())
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    format!("{safe}.{ext}")
}

/// The plain data the 纪要 renderer takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesDoc {
    pub mark: String,
    pub issue_number: Option<u32>,
    pub office: String,
    /// As printed: «2021年1月19日».
    pub date: String,
    pub body: String,
    pub attendance: AttendanceNames,
}

const COLS: &str = "id, sitting_id, meeting_id, mark, issue_number, office, date, body, attendance_order, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Minutes> {
    let order: String = r.get(8)?;
    Ok(Minutes {
        id: r.get(0)?,
        sitting_id: r.get(1)?,
        meeting_id: r.get(2)?,
        mark: r.get(3)?,
        issue_number: r.get(4)?,
        office: r.get(5)?,
        date: r.get(6)?,
        body: r.get(7)?,
        attendance_order: AttendanceOrder::from_code(&order),
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Minutes> {
    conn.query_row(&format!("SELECT {COLS} FROM minutes WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("纪要", id))
}

/// The saved minutes of a sitting or meeting, if any.
pub fn find(conn: &Connection, target: Target) -> Result<Option<Minutes>> {
    let (col, id) = match target {
        Target::Sitting(id) => ("sitting_id", id),
        Target::Meeting(id) => ("meeting_id", id),
    };
    Ok(conn.query_row(&format!("SELECT {COLS} FROM minutes WHERE {col} = ?1"), [id], from_row).optional()?)
}

/// All saved minutes, newest date first.
pub fn list(conn: &Connection) -> Result<Vec<Minutes>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM minutes ORDER BY date DESC, id DESC"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn mark_for(kind: MeetingKind, short_name: &str) -> String {
    let what = match kind {
        MeetingKind::ChairsCouncil => "主席会议纪要",
        MeetingKind::StandingCommittee => "常务委员会会议纪要",
        MeetingKind::PartyGroup => "党组会议纪要",
        MeetingKind::StudyGroup => "理论学习中心组学习纪要",
        MeetingKind::TopicalConsultation => "专题协商会纪要",
        MeetingKind::Forum => "座谈协商会纪要",
        _ => "会议纪要",
    };
    format!("{short_name}{what}")
}

/// Saved minutes of the target, or a new draft: the mark from the meeting's kind, the
/// committee's secretariat as the office, the sitting's (or meeting's) date, the next issue
/// number of that mark.
pub fn draft(conn: &Connection, target: Target) -> Result<MinutesInput> {
    if let Some(m) = find(conn, target)? {
        return Ok(MinutesInput {
            sitting_id: m.sitting_id,
            meeting_id: m.meeting_id,
            mark: m.mark,
            issue_number: m.issue_number,
            office: m.office,
            date: m.date,
            body: m.body,
            attendance_order: m.attendance_order,
        });
    }
    let committee = crate::committee::get(conn)?;
    let short = committee.as_ref().map(|c| c.short_name.clone()).unwrap_or_default();
    let office = committee.map(|c| c.secretariat).unwrap_or_default();
    let (meeting, date, sitting_id, meeting_id) = match target {
        Target::Sitting(id) => {
            let s = meetings::get_sitting(conn, id)?;
            (meetings::get_meeting(conn, s.meeting_id)?, s.date, Some(id), None)
        }
        Target::Meeting(id) => {
            let m = meetings::get_meeting(conn, id)?;
            let d = m.start_date.clone();
            (m, d, None, Some(id))
        }
    };
    let mark = mark_for(meeting.kind, &short);
    let last: Option<u32> =
        conn.query_row("SELECT max(issue_number) FROM minutes WHERE mark = ?1", [&mark], |r| r.get(0))?;
    Ok(MinutesInput {
        sitting_id,
        meeting_id,
        mark,
        issue_number: Some(last.unwrap_or(0) + 1),
        office,
        date,
        body: String::new(),
        attendance_order: AttendanceOrder::RoleStrokes,
    })
}

fn normalise(input: &MinutesInput) -> Result<MinutesInput> {
    input.target()?;
    let mark = input.mark.trim().to_string();
    if mark.is_empty() {
        return Err(Error::invalid("纪要标志", "不能为空，例如“主席会议纪要”"));
    }
    if !mark.ends_with("纪要") {
        return Err(Error::invalid("纪要标志", format!("“{mark}”应以“纪要”结尾")));
    }
    let date = chrono::NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("日期", format!("“{}”应写作 2021-01-19 的形式", input.date.trim())))?
        .format("%Y-%m-%d")
        .to_string();
    if input.issue_number == Some(0) {
        return Err(Error::invalid("期号", "应为正整数"));
    }
    Ok(MinutesInput {
        mark,
        office: input.office.trim().to_string(),
        date,
        body: input.body.replace("\r\n", "\n").trim_end().to_string(),
        ..input.clone()
    })
}

/// Saves the minutes of a sitting or meeting (creating them, or replacing the saved ones).
pub fn save(db: &mut Db, input: &MinutesInput) -> Result<Minutes> {
    let input = normalise(input)?;
    let target = input.target()?;
    match target {
        Target::Sitting(id) => drop(meetings::get_sitting(db.conn(), id)?),
        Target::Meeting(id) => drop(meetings::get_meeting(db.conn(), id)?),
    }
    let old = find(db.conn(), target)?;
    let at = now();
    let id = db.write(|tx| {
        let id = match &old {
            Some(o) => {
                tx.execute(
                    "UPDATE minutes SET mark = ?1, issue_number = ?2, office = ?3, date = ?4, body = ?5,
                            attendance_order = ?6, updated_at = ?7 WHERE id = ?8",
                    params![
                        input.mark,
                        input.issue_number,
                        input.office,
                        input.date,
                        input.body,
                        input.attendance_order.code(),
                        at,
                        o.id
                    ],
                )?;
                o.id
            }
            None => {
                tx.execute(
                    "INSERT INTO minutes (sitting_id, meeting_id, mark, issue_number, office, date, body,
                                          attendance_order, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    params![
                        input.sitting_id,
                        input.meeting_id,
                        input.mark,
                        input.issue_number,
                        input.office,
                        input.date,
                        input.body,
                        input.attendance_order.code(),
                        at
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.audit("minutes", id, if old.is_some() { "update" } else { "create" }, old.as_ref(), Some(&input))?;
        Ok(id)
    })?;
    get(db.conn(), id)
}

pub fn delete(db: &mut Db, id: i64) -> Result<()> {
    let old = get(db.conn(), id)?;
    db.write(|tx| {
        tx.execute("DELETE FROM minutes WHERE id = ?1", [id])?;
        tx.audit("minutes", id, "delete", Some(&old), None::<&Minutes>)
    })
}

fn role_rank(role: &str) -> u8 {
    match role {
        "chair" => 0,
        "vice_chair" => 1,
        "secretary_general" => 2,
        "standing" => 3,
        "member" => 4,
        _ => 5,
    }
}

/// Orders names for the attendance block: by role then stroke count (姓氏笔画), or by roster
/// order.
pub fn order_names(names: &[RollName], order: AttendanceOrder) -> Vec<String> {
    let mut v: Vec<&RollName> = names.iter().collect();
    match order {
        AttendanceOrder::RoleStrokes => v.sort_by(|a, b| {
            role_rank(&a.role)
                .cmp(&role_rank(&b.role))
                .then_with(|| super::strokes::compare_names(&a.name, &b.name))
                .then_with(|| a.roster_order.cmp(&b.roster_order))
        }),
        AttendanceOrder::Roster => v.sort_by(|a, b| (a.roster_order, &a.name).cmp(&(b.roster_order, &b.name))),
    }
    v.into_iter().map(|n| n.name.clone()).collect()
}

/// The names of a roll call, ordered.
pub fn attendance_names(roll: &RollCall, order: AttendanceOrder) -> AttendanceNames {
    AttendanceNames {
        present: order_names(&roll.present, order),
        on_leave: order_names(&roll.on_leave, order),
        invitees: order_names(&roll.invitees, order),
    }
}

/// The attendance block of a sitting or meeting, from the attendance records.
pub fn attendance_for(conn: &Connection, target: Target, order: AttendanceOrder) -> Result<AttendanceNames> {
    let roll = match target {
        Target::Sitting(id) => attendance::roll_call(conn, id)?,
        Target::Meeting(id) => attendance::meeting_roll_call(conn, id)?,
    };
    Ok(attendance_names(&roll, order))
}

/// Lays out a 纪要 as a [`Document`].
pub fn build_document(m: &MinutesDoc) -> Document {
    let mut d = Document::new(m.mark.clone());
    d.push(Block::Mark { text: m.mark.clone(), size_pt: SIZE_XIAOCHU, top_mm: 35.0, color: RED });
    if let Some(n) = m.issue_number {
        d.para(Paragraph::centered(&format!("（第{n}期）"), FontRole::Fangsong, SIZE_3).place("期号"));
    }
    d.push(Block::Split {
        left: m.office.clone(),
        right: m.date.clone(),
        role: FontRole::Fangsong,
        size_pt: SIZE_3,
        inset_chars: 1.0,
    });
    d.push(Block::Rule { color: RED, thickness_mm: 0.5, gap_before_mm: 1.5, gap_after_mm: 0.0 });
    d.body_text(&m.body, "正文");
    let a = &m.attendance;
    if !(a.present.is_empty() && a.on_leave.is_empty() && a.invitees.is_empty()) {
        d.push(Block::Blank);
        for (label, names) in [("出席", &a.present), ("请假", &a.on_leave), ("列席", &a.invitees)] {
            if !names.is_empty() {
                d.para(Paragraph::name_list(label, names));
            }
        }
    }
    if !m.office.is_empty() {
        d.colophon = Some(Colophon { cc: None, issuer: m.office.clone(), date: m.date.clone() });
    }
    d
}

/// The renderer's data for saved or edited minutes, with the attendance block read now.
pub fn minutes_doc(conn: &Connection, input: &MinutesInput) -> Result<MinutesDoc> {
    let input = normalise(input)?;
    let attendance = attendance_for(conn, input.target()?, input.attendance_order)?;
    Ok(MinutesDoc {
        mark: input.mark,
        issue_number: input.issue_number,
        office: input.office,
        date: chinese_date(&input.date),
        body: input.body,
        attendance,
    })
}

/// Renders edited (possibly unsaved) minutes, e.g. for the preview.
pub fn render_input(conn: &Connection, input: &MinutesInput, format: Format) -> Result<Rendered> {
    let doc = build_document(&minutes_doc(conn, input)?);
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    render(&doc, format, &fonts)
}

/// The preview (SVG pages) of edited, possibly unsaved minutes.
pub fn preview_input(conn: &Connection, input: &MinutesInput) -> Result<super::Preview> {
    let doc = build_document(&minutes_doc(conn, input)?);
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    Ok(super::preview(&doc, &fonts))
}

/// Renders the saved minutes of a sitting or meeting.
pub fn export(conn: &Connection, target: Target, format: Format) -> Result<Rendered> {
    let m = find(conn, target)?.ok_or_else(|| {
        let what = match target {
            Target::Sitting(id) => format!("场次 {id} 的纪要（请先在“文件”页编写并保存）"),
            Target::Meeting(id) => format!("会议 {id} 的纪要（请先在“文件”页编写并保存）"),
        };
        Error::NotFound { what: "纪要", key: what }
    })?;
    let input = MinutesInput {
        sitting_id: m.sitting_id,
        meeting_id: m.meeting_id,
        mark: m.mark,
        issue_number: m.issue_number,
        office: m.office,
        date: m.date,
        body: m.body,
        attendance_order: m.attendance_order,
    };
    render_input(conn, &input, format)
}

/// The demo committee's minutes: the first chairs' council meeting's first sitting gets a
/// 纪要, saved through [`save`] like the editor does. Without such a meeting, nothing.
pub fn load_demo(db: &mut Db) -> Result<()> {
    let filter = meetings::MeetingFilter { kind: Some(MeetingKind::ChairsCouncil), ..Default::default() };
    let mut councils = meetings::list_meetings(db.conn(), &filter)?;
    councils.sort_by(|a, b| a.start_date.cmp(&b.start_date));
    for m in councils {
        if let Some(s) = meetings::list_sittings(db.conn(), Some(m.id))?.first() {
            let mut input = draft(db.conn(), Target::Sitting(s.id))?;
            input.body = include_str!("../../../../assets/demo/minutes-chairs-council.txt").to_string();
            save(db, &input)?;
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendance::{check_in_at, record_leave, LeaveInput, LeaveKind, PersonKind, PersonRef, Source};
    use crate::meetings::{HalfDay, MeetingInput, SittingInput, SittingKind};
    use crate::roster::{self, InviteeInput, MemberInput, Role};

    fn member(db: &mut Db, no: &str, name: &str, role: Role) -> i64 {
        roster::create(
            db,
            &MemberInput {
                member_no: Some(no.into()),
                name: name.into(),
                group: Some("第一组".into()),
                sector: Some("中共".into()),
                role,
                joined_on: "2017-01-10".into(),
                ..Default::default()
            },
        )
        .expect("member")
        .id
    }

    /// A chair's council sitting: five members, one on leave, one invitee.
    fn fixture() -> (Db, i64, i64) {
        let mut db = Db::open_in_memory().expect("db");
        crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
        let people = [
            ("A1", "王五", Role::Member),
            ("A2", "周𠮷祥", Role::Standing),
            ("A3", "李堃", Role::ViceChair),
            ("A4", "姚涵刚", Role::Chair),
            ("A5", "丁一", Role::Member),
            ("A6", "陈喆", Role::ViceChair),
        ];
        let ids: Vec<i64> = people.iter().map(|p| member(&mut db, p.0, p.1, p.2)).collect();
        let invitee = roster::create_invitee(&mut db, &InviteeInput { name: "刘燊".into(), ..Default::default() })
            .expect("invitee")
            .id;
        let meeting = meetings::create_meeting(
            &mut db,
            &MeetingInput {
                kind: MeetingKind::ChairsCouncil,
                title: "六届第十二次主席会议".into(),
                session_id: None,
                ordinal: Some(12),
                topical: false,
                enlarged: false,
                start_date: "2021-01-05".into(),
                end_date: String::new(),
                organizer: String::new(),
                venue: String::new(),
                notes: String::new(),
            },
        )
        .expect("meeting")
        .id;
        let sitting = meetings::create_sitting(
            &mut db,
            &SittingInput {
                start_time: "09:00".into(),
                invitee_ids: vec![invitee],
                ..SittingInput::new(meeting, "主席会议", SittingKind::Other, "2021-01-05", HalfDay::Am)
            },
        )
        .expect("sitting")
        .id;
        record_leave(
            &mut db,
            &LeaveInput {
                member_id: ids[4],
                kind: LeaveKind::Official,
                kind_label: String::new(),
                reason: "外出公务".into(),
                approver: "姚涵刚".into(),
                sitting_ids: vec![sitting],
                part: false,
                from_time: None,
                to_time: None,
                entered: None,
            },
        )
        .expect("leave");
        let at = chrono::NaiveDate::from_ymd_opt(2021, 1, 5).and_then(|d| d.and_hms_opt(8, 50, 0)).expect("time");
        for (i, id) in ids.iter().enumerate() {
            if i != 4 {
                check_in_at(&mut db, sitting, PersonRef { kind: PersonKind::Member, id: *id }, at, Source::Desk)
                    .expect("check in");
            }
        }
        check_in_at(&mut db, sitting, PersonRef { kind: PersonKind::Invitee, id: invitee }, at, Source::Desk)
            .expect("invitee check in");
        (db, meeting, sitting)
    }

    #[test]
    fn draft_save_and_attendance_block_follow_the_records() {
        let (mut db, meeting, sitting) = fixture();
        let draft = draft(db.conn(), Target::Sitting(sitting)).expect("draft");
        assert_eq!(draft.mark, "安宁市政协主席会议纪要", "mark from the meeting kind");
        assert_eq!(draft.office, "政协安宁市委员会办公室", "office from the committee");
        assert_eq!(draft.date, "2021-01-05");
        assert_eq!(draft.issue_number, Some(1), "first issue of this mark");

        let by_role = attendance_for(db.conn(), Target::Sitting(sitting), AttendanceOrder::RoleStrokes).expect("names");
        // 主席 姚涵刚; 副主席 李堃 (7 strokes) before 陈喆 (7 then 12 vs 李7 堃11); 常委 周𠮷祥; 委员 王五.
        assert_eq!(by_role.present, vec!["姚涵刚", "李堃", "陈喆", "周𠮷祥", "王五"], "role, then strokes");
        assert_eq!(by_role.on_leave, vec!["丁一"], "the member on leave");
        assert_eq!(by_role.invitees, vec!["刘燊"], "the invitee present");
        let by_roster = attendance_for(db.conn(), Target::Sitting(sitting), AttendanceOrder::Roster).expect("names");
        assert_eq!(by_roster.present, vec!["王五", "周𠮷祥", "李堃", "姚涵刚", "陈喆"], "roster order");

        let mut input = draft.clone();
        input.body = "会议认为，要加强学习。\n会议决定，召开常委会会议。".into();
        let saved = save(&mut db, &input).expect("save");
        assert_eq!(find(db.conn(), Target::Sitting(sitting)).expect("find"), Some(saved.clone()));
        input.issue_number = Some(2);
        let again = save(&mut db, &input).expect("update");
        assert_eq!(again.id, saved.id, "one minutes per sitting: saved again, not duplicated");
        let audits: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE entity = 'minutes'", [], |r| r.get(0))
            .expect("audit");
        assert_eq!(audits, 2, "create and update are audited");
        assert!(save(&mut db, &MinutesInput { mark: "主席会议".into(), ..input.clone() }).is_err(), "a mark ends with 纪要");
        assert!(
            save(&mut db, &MinutesInput { meeting_id: Some(meeting), ..input.clone() }).is_err(),
            "sitting and meeting together are refused"
        );

        let pdf = export(db.conn(), Target::Sitting(sitting), Format::Pdf).expect("pdf");
        assert!(pdf.bytes.starts_with(b"%PDF") && pdf.warnings.is_empty(), "PDF without missing characters");
        let docx = export(db.conn(), Target::Sitting(sitting), Format::Docx).expect("docx");
        assert!(docx.bytes.starts_with(b"PK"), "DOCX written");
        let err = export(db.conn(), Target::Meeting(meeting), Format::Pdf).expect_err("no minutes of the meeting yet");
        assert_eq!(err.code(), "not_found");
        let whole = attendance_for(db.conn(), Target::Meeting(meeting), AttendanceOrder::RoleStrokes).expect("meeting");
        assert_eq!(whole.present.len(), 5, "the meeting's roll call joins its sittings");
        let preview = preview_input(db.conn(), &input).expect("preview");
        assert_eq!(preview.pages.len(), pdf.pages, "the preview shows the PDF's pages");
    }
}
