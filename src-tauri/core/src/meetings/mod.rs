//! Sessions (次会议), meetings (会议) of every kind and their sittings (场次), with who is expected.
//!
//! A sitting expects the members in office on its date, narrowed by its `expect` mode: everyone,
//! the standing committee (role on that date), the members of some groups, or chosen members.
//! Invitees (列席人员) are attached to sittings separately.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::roster::{self, names, parse_date, Invitee, Member};

pub mod demo;
pub use demo::load_demo;

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            pub fn from_code(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|k| k.code() == s || k.label() == s)
            }
        }
    };
}

code_enum!(
    /// Kinds of meeting.
    MeetingKind {
        Plenary = "plenary" / "全体会议",
        StandingCommittee = "standing_committee" / "常委会会议",
        ChairsCouncil = "chairs_council" / "主席会议",
        PartyGroup = "party_group" / "党组会议",
        StudyGroup = "study_group" / "理论学习中心组学习",
        TopicalConsultation = "topical_consultation" / "专题协商会",
        Forum = "forum" / "座谈协商",
        Other = "other" / "其他会议",
    }
);

code_enum!(
    /// Kinds of sitting.
    SittingKind {
        Preparatory = "preparatory" / "预备会议",
        Opening = "opening" / "开幕会",
        GroupDiscussion = "group_discussion" / "分组讨论",
        PlenarySpeech = "plenary_speech" / "大会发言",
        Closing = "closing" / "闭幕会",
        ListenIn = "listen_in" / "列席人大会议",
        Other = "other" / "会议",
    }
);

code_enum!(
    /// Which half of the day.
    HalfDay {
        Am = "am" / "上午",
        Pm = "pm" / "下午",
        Eve = "eve" / "晚上",
    }
);

code_enum!(
    /// Who a sitting expects.
    Expect {
        All = "all" / "全体委员",
        Standing = "standing" / "常委",
        Groups = "groups" / "指定小组",
        Chosen = "chosen" / "指定人员",
    }
);

code_enum!(
    SittingStatus {
        Planned = "planned" / "未开始",
        Open = "open" / "进行中",
        Closed = "closed" / "已结束",
    }
);

/// A plenary session: 六届四次会议.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Session {
    #[ts(type = "number")]
    pub id: i64,
    pub term_number: u32,
    pub session_number: u32,
    pub name: String,
    pub year: i32,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct SessionInput {
    pub term_number: u32,
    pub session_number: u32,
    /// Empty: made from the numbers (六届四次会议).
    pub name: String,
    pub year: i32,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
}

/// A meeting of any kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    /// 第N次
    pub ordinal: Option<u32>,
    /// 专题议政性 (standing committee)
    pub topical: bool,
    /// 扩大 (chair's council)
    pub enlarged: bool,
    pub start_date: String,
    pub end_date: String,
    /// The office that organises it (承办), e.g. 办公室
    pub organizer: String,
    pub venue: String,
    pub notes: String,
    pub sitting_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingInput {
    pub kind: MeetingKind,
    pub title: String,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub session_id: Option<i64>,
    #[serde(default)]
    pub ordinal: Option<u32>,
    #[serde(default)]
    pub topical: bool,
    #[serde(default)]
    pub enlarged: bool,
    pub start_date: String,
    /// Empty or missing: the start date.
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub organizer: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(default)]
pub struct MeetingFilter {
    pub year: Option<i32>,
    pub kind: Option<MeetingKind>,
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    pub title: String,
    #[serde(default)]
    pub presenter: String,
}

/// A half-day sitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sitting {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub seq: u32,
    pub title: String,
    pub kind: SittingKind,
    pub date: String,
    pub half_day: HalfDay,
    pub start_time: String,
    pub end_time: String,
    pub venue: String,
    /// 主持人, names separated by 、
    pub presiding: String,
    pub expect: Expect,
    /// Group names, for `expect = groups`.
    pub groups: Vec<String>,
    /// Member ids, for `expect = chosen`.
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    #[ts(type = "number[]")]
    pub invitee_ids: Vec<i64>,
    pub election: bool,
    pub status: SittingStatus,
    pub notes: String,
    pub agenda: Vec<AgendaItem>,
    /// 应到: members expected on the sitting's date.
    pub expected_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SittingInput {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// None: after the meeting's last sitting.
    #[serde(default)]
    pub seq: Option<u32>,
    pub title: String,
    pub kind: SittingKind,
    pub date: String,
    pub half_day: HalfDay,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_time: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub presiding: String,
    pub expect: Expect,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    #[ts(type = "number[]")]
    pub member_ids: Vec<i64>,
    #[serde(default)]
    #[ts(type = "number[]")]
    pub invitee_ids: Vec<i64>,
    #[serde(default)]
    pub election: bool,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
}

impl SittingInput {
    /// A sitting expecting everyone, with nothing else set.
    pub fn new(meeting_id: i64, title: &str, kind: SittingKind, date: &str, half_day: HalfDay) -> SittingInput {
        SittingInput {
            meeting_id,
            seq: None,
            title: title.into(),
            kind,
            date: date.into(),
            half_day,
            start_time: String::new(),
            end_time: String::new(),
            venue: String::new(),
            presiding: String::new(),
            expect: Expect::All,
            groups: Vec::new(),
            member_ids: Vec::new(),
            invitee_ids: Vec::new(),
            election: false,
            notes: String::new(),
            agenda: Vec::new(),
        }
    }
}

/// 六届四次会议 from (6, 4).
pub fn session_name(term: u32, session: u32) -> String {
    format!("{}届{}次会议", chinese_numeral(term), chinese_numeral(session))
}

/// 0–99 in Chinese numerals: 4 → 四, 12 → 十二, 21 → 二十一.
pub fn chinese_numeral(x: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match x {
        0..=9 => D[x as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(x % 10) as usize]),
        _ if x % 10 == 0 => format!("{}十", D[(x / 10 % 10) as usize]),
        _ => format!("{}十{}", D[(x / 10 % 10) as usize], D[(x % 10) as usize]),
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        term_number: r.get(1)?,
        session_number: r.get(2)?,
        name: r.get(3)?,
        year: r.get(4)?,
        opened_on: r.get(5)?,
        closed_on: r.get(6)?,
    })
}

const SESSION_COLS: &str = "id, term_number, session_number, name, year, opened_on, closed_on";

pub fn list_sessions(conn: &Connection) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SESSION_COLS} FROM sessions ORDER BY term_number, session_number"
    ))?;
    let rows = stmt.query_map([], session_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_session(conn: &Connection, id: i64) -> Result<Session> {
    conn.query_row(&format!("SELECT {SESSION_COLS} FROM sessions WHERE id = ?1"), [id], session_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("次会议", id))
}

fn clean_session(s: &SessionInput) -> Result<SessionInput> {
    if s.term_number == 0 || s.term_number > 99 {
        return Err(Error::invalid("届次", "应为 1 到 99"));
    }
    if s.session_number == 0 || s.session_number > 20 {
        return Err(Error::invalid("会议次数", "应为 1 到 20"));
    }
    if !(1949..=2200).contains(&s.year) {
        return Err(Error::invalid("年份", format!("{} 不是有效年份", s.year)));
    }
    let date = |f: &str, v: &Option<String>| -> Result<Option<String>> {
        v.as_deref().map(str::trim).filter(|x| !x.is_empty()).map(|x| parse_date(f, x)).transpose()
    };
    let opened_on = date("开幕日期", &s.opened_on)?;
    let closed_on = date("闭幕日期", &s.closed_on)?;
    if let (Some(o), Some(c)) = (&opened_on, &closed_on) {
        if c < o {
            return Err(Error::invalid("闭幕日期", format!("{c} 早于开幕日期 {o}")));
        }
    }
    let name = names::clean_text(&s.name);
    Ok(SessionInput {
        name: if name.is_empty() { session_name(s.term_number, s.session_number) } else { name },
        opened_on,
        closed_on,
        ..s.clone()
    })
}

pub fn create_session(db: &mut Db, input: &SessionInput) -> Result<Session> {
    let s = clean_session(input)?;
    let id = db.write(|tx| {
        let dup: Option<i64> = tx
            .query_row(
                "SELECT id FROM sessions WHERE term_number = ?1 AND session_number = ?2",
                params![s.term_number, s.session_number],
                |r| r.get(0),
            )
            .optional()?;
        if dup.is_some() {
            return Err(Error::Conflict(format!("{}已存在", s.name)));
        }
        tx.execute(
            "INSERT INTO sessions (term_number, session_number, name, year, opened_on, closed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s.term_number, s.session_number, s.name, s.year, s.opened_on, s.closed_on],
        )?;
        let id = tx.last_insert_rowid();
        tx.audit("session", id, "create", None::<&SessionInput>, Some(&s))?;
        Ok(id)
    })?;
    get_session(db.conn(), id)
}

pub fn update_session(db: &mut Db, id: i64, input: &SessionInput) -> Result<Session> {
    let s = clean_session(input)?;
    let old = get_session(db.conn(), id)?;
    db.write(|tx| {
        tx.execute(
            "UPDATE sessions SET term_number = ?2, session_number = ?3, name = ?4, year = ?5, opened_on = ?6,
                closed_on = ?7 WHERE id = ?1",
            params![id, s.term_number, s.session_number, s.name, s.year, s.opened_on, s.closed_on],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Conflict(format!("{}已存在", s.name)),
            _ => e.into(),
        })?;
        tx.audit("session", id, "update", Some(&old), Some(&s))
    })?;
    get_session(db.conn(), id)
}

// ---------------------------------------------------------------------------------------------
// Meetings

const MEETING_COLS: &str = "m.id, m.kind, m.title, m.session_id, m.ordinal, m.topical, m.enlarged, m.start_date,
    m.end_date, m.organizer, m.venue, m.notes, (SELECT count(*) FROM sittings s WHERE s.meeting_id = m.id)";

fn meeting_from_row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    let kind: String = r.get(1)?;
    Ok(Meeting {
        id: r.get(0)?,
        kind: MeetingKind::from_code(&kind).unwrap_or(MeetingKind::Other),
        title: r.get(2)?,
        session_id: r.get(3)?,
        ordinal: r.get(4)?,
        topical: r.get(5)?,
        enlarged: r.get(6)?,
        start_date: r.get(7)?,
        end_date: r.get(8)?,
        organizer: r.get(9)?,
        venue: r.get(10)?,
        notes: r.get(11)?,
        sitting_count: r.get(12)?,
    })
}

/// Meetings in date order, filtered by year (of the start date), kind and session.
pub fn list_meetings(conn: &Connection, filter: &MeetingFilter) -> Result<Vec<Meeting>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLS} FROM meetings m
         WHERE (?1 IS NULL OR substr(m.start_date, 1, 4) = printf('%04d', ?1))
           AND (?2 IS NULL OR m.kind = ?2) AND (?3 IS NULL OR m.session_id = ?3)
         ORDER BY m.start_date, m.id"
    ))?;
    let rows = stmt.query_map(
        params![filter.year, filter.kind.map(MeetingKind::code), filter.session_id],
        meeting_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_meeting(conn: &Connection, id: i64) -> Result<Meeting> {
    conn.query_row(&format!("SELECT {MEETING_COLS} FROM meetings m WHERE m.id = ?1"), [id], meeting_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("会议", id))
}

fn clean_meeting(conn: &Connection, m: &MeetingInput) -> Result<MeetingInput> {
    let title = names::clean_text(&m.title);
    if title.is_empty() {
        return Err(Error::invalid("会议名称", "不能为空"));
    }
    let start_date = parse_date("开始日期", &m.start_date)?;
    let end_date = if m.end_date.trim().is_empty() { start_date.clone() } else { parse_date("结束日期", &m.end_date)? };
    if end_date < start_date {
        return Err(Error::invalid("结束日期", format!("{end_date} 早于开始日期 {start_date}")));
    }
    if let Some(sid) = m.session_id {
        get_session(conn, sid)?;
    }
    if m.kind == MeetingKind::Plenary && m.session_id.is_none() {
        return Err(Error::invalid("次会议", "全体会议须指定是哪一次会议（如六届四次会议）"));
    }
    Ok(MeetingInput {
        title,
        start_date,
        end_date,
        organizer: names::clean_text(&m.organizer),
        venue: names::clean_text(&m.venue),
        notes: m.notes.trim().into(),
        topical: m.topical && m.kind == MeetingKind::StandingCommittee,
        enlarged: m.enlarged && m.kind == MeetingKind::ChairsCouncil,
        ..m.clone()
    })
}

pub fn create_meeting(db: &mut Db, input: &MeetingInput) -> Result<Meeting> {
    let id = db.write(|tx| create_meeting_in(tx, input))?;
    get_meeting(db.conn(), id)
}

pub fn create_meeting_in(tx: &Tx<'_>, input: &MeetingInput) -> Result<i64> {
    let m = clean_meeting(tx, input)?;
    tx.execute(
        "INSERT INTO meetings (kind, title, session_id, ordinal, topical, enlarged, start_date, end_date,
            organizer, venue, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            m.kind.code(), m.title, m.session_id, m.ordinal, m.topical, m.enlarged, m.start_date, m.end_date,
            m.organizer, m.venue, m.notes, now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit("meeting", id, "create", None::<&MeetingInput>, Some(&m))?;
    Ok(id)
}

pub fn update_meeting(db: &mut Db, id: i64, input: &MeetingInput) -> Result<Meeting> {
    let old = get_meeting(db.conn(), id)?;
    db.write(|tx| {
        let m = clean_meeting(tx, input)?;
        tx.execute(
            "UPDATE meetings SET kind = ?2, title = ?3, session_id = ?4, ordinal = ?5, topical = ?6, enlarged = ?7,
                start_date = ?8, end_date = ?9, organizer = ?10, venue = ?11, notes = ?12 WHERE id = ?1",
            params![
                id, m.kind.code(), m.title, m.session_id, m.ordinal, m.topical, m.enlarged, m.start_date,
                m.end_date, m.organizer, m.venue, m.notes
            ],
        )?;
        tx.audit("meeting", id, "update", Some(&old), Some(&m))
    })?;
    get_meeting(db.conn(), id)
}

// ---------------------------------------------------------------------------------------------
// Sittings

const SITTING_COLS: &str = "id, meeting_id, seq, title, kind, date, half_day, start_time, end_time, venue,
    presiding, expect, election, status, notes";

fn sitting_from_row(r: &Row<'_>) -> rusqlite::Result<Sitting> {
    let kind: String = r.get(4)?;
    let half: String = r.get(6)?;
    let expect: String = r.get(11)?;
    let status: String = r.get(13)?;
    Ok(Sitting {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        seq: r.get(2)?,
        title: r.get(3)?,
        kind: SittingKind::from_code(&kind).unwrap_or(SittingKind::Other),
        date: r.get(5)?,
        half_day: HalfDay::from_code(&half).unwrap_or(HalfDay::Am),
        start_time: r.get(7)?,
        end_time: r.get(8)?,
        venue: r.get(9)?,
        presiding: r.get(10)?,
        expect: Expect::from_code(&expect).unwrap_or(Expect::All),
        election: r.get(12)?,
        status: SittingStatus::from_code(&status).unwrap_or(SittingStatus::Planned),
        notes: r.get(14)?,
        groups: Vec::new(),
        member_ids: Vec::new(),
        invitee_ids: Vec::new(),
        agenda: Vec::new(),
        expected_count: 0,
    })
}

fn fill(conn: &Connection, s: Sitting) -> Result<Sitting> {
    let mut s = fill_details(conn, s)?;
    s.expected_count = expected_for(conn, &s)?.len() as u32;
    Ok(s)
}

fn fill_details(conn: &Connection, mut s: Sitting) -> Result<Sitting> {
    let col = |sql: &str| -> Result<Vec<i64>> {
        let mut st = conn.prepare_cached(sql)?;
        let v = st.query_map([s.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    };
    s.member_ids = col("SELECT member_id FROM sitting_members WHERE sitting_id = ?1 ORDER BY member_id")?;
    s.invitee_ids = col("SELECT invitee_id FROM sitting_invitees WHERE sitting_id = ?1 ORDER BY invitee_id")?;
    let mut st = conn.prepare_cached(
        "SELECT g.name FROM sitting_groups sg JOIN groups g ON g.id = sg.group_id WHERE sg.sitting_id = ?1
         ORDER BY g.sort_order, g.id",
    )?;
    s.groups = st.query_map([s.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached("SELECT title, presenter FROM agenda_items WHERE sitting_id = ?1 ORDER BY seq")?;
    s.agenda = st
        .query_map([s.id], |r| Ok(AgendaItem { title: r.get(0)?, presenter: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(s)
}

/// A sitting with its groups, chosen members and agenda, but without the expected count, which
/// costs a pass over the roster: for callers that compute the expected list themselves.
fn get_sitting_details(conn: &Connection, id: i64) -> Result<Sitting> {
    let s = conn
        .query_row(&format!("SELECT {SITTING_COLS} FROM sittings WHERE id = ?1"), [id], sitting_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("场次", id))?;
    fill_details(conn, s)
}

/// Sittings in date order (of one meeting, or all), each with its expected count.
pub fn list_sittings(conn: &Connection, meeting_id: Option<i64>) -> Result<Vec<Sitting>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SITTING_COLS} FROM sittings WHERE (?1 IS NULL OR meeting_id = ?1)
         ORDER BY date, CASE half_day WHEN 'am' THEN 0 WHEN 'pm' THEN 1 ELSE 2 END, start_time, meeting_id, seq"
    ))?;
    let rows: Vec<Sitting> = stmt.query_map(params![meeting_id], sitting_from_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| fill(conn, s)).collect()
}

/// Sittings held on `date`.
pub fn sittings_on(conn: &Connection, date: &str) -> Result<Vec<Sitting>> {
    let date = parse_date("日期", date)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SITTING_COLS} FROM sittings WHERE date = ?1
         ORDER BY CASE half_day WHEN 'am' THEN 0 WHEN 'pm' THEN 1 ELSE 2 END, start_time, meeting_id, seq"
    ))?;
    let rows: Vec<Sitting> = stmt.query_map([date], sitting_from_row)?.collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| fill(conn, s)).collect()
}

pub fn get_sitting(conn: &Connection, id: i64) -> Result<Sitting> {
    let mut s = get_sitting_details(conn, id)?;
    s.expected_count = expected_for(conn, &s)?.len() as u32;
    Ok(s)
}

fn expected_for(conn: &Connection, s: &Sitting) -> Result<Vec<Member>> {
    let mut v = roster::in_office_on(conn, &s.date)?;
    match s.expect {
        Expect::All => {}
        Expect::Standing => v.retain(|m| m.role.is_standing()),
        Expect::Groups => {
            let set: HashSet<&str> = s.groups.iter().map(String::as_str).collect();
            v.retain(|m| m.group.as_deref().is_some_and(|g| set.contains(g)));
        }
        Expect::Chosen => {
            let set: HashSet<i64> = s.member_ids.iter().copied().collect();
            v.retain(|m| set.contains(&m.id));
        }
    }
    Ok(v)
}

/// The members expected at a sitting (应到): in office on its date, narrowed by its `expect` mode,
/// in roster order, each with their role on that date.
pub fn expected_members(conn: &Connection, sitting_id: i64) -> Result<Vec<Member>> {
    let s = get_sitting_details(conn, sitting_id)?;
    expected_for(conn, &s)
}

/// The invitees (列席人员) of a sitting.
pub fn sitting_invitees(conn: &Connection, sitting_id: i64) -> Result<Vec<Invitee>> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM sittings WHERE id = ?1)", [sitting_id], |r| r.get(0))?;
    if !exists {
        return Err(Error::not_found("场次", sitting_id));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.name, i.unit, i.post, i.phone, i.notes FROM sitting_invitees si
         JOIN invitees i ON i.id = si.invitee_id WHERE si.sitting_id = ?1 ORDER BY i.id",
    )?;
    let rows = stmt.query_map([sitting_id], roster::invitee_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn clean_time(field: &str, t: &str) -> Result<String> {
    let t = names::clean_name(t).replace('：', ":");
    if t.is_empty() {
        return Ok(t);
    }
    chrono::NaiveTime::parse_from_str(&t, "%H:%M")
        .map(|x| x.format("%H:%M").to_string())
        .map_err(|_| Error::invalid(field, format!("“{t}”应写作 08:30 的形式")))
}

fn check_sitting(tx: &Tx<'_>, s: &SittingInput) -> Result<(SittingInput, Meeting, Vec<i64>)> {
    let meeting = get_meeting(tx, s.meeting_id)?;
    let title = names::clean_text(&s.title);
    if title.is_empty() {
        return Err(Error::invalid("场次名称", "不能为空"));
    }
    let date = parse_date("场次日期", &s.date)?;
    if date < meeting.start_date || date > meeting.end_date {
        return Err(Error::invalid(
            "场次日期",
            format!("{date} 不在会议“{}”的日期 {} 至 {} 之内", meeting.title, meeting.start_date, meeting.end_date),
        ));
    }
    let start_time = clean_time("开始时间", &s.start_time)?;
    let end_time = clean_time("结束时间", &s.end_time)?;
    if !start_time.is_empty() && !end_time.is_empty() && end_time <= start_time {
        return Err(Error::invalid("结束时间", format!("{end_time} 不晚于开始时间 {start_time}")));
    }
    let mut group_ids = Vec::new();
    for g in &s.groups {
        let g = names::clean_name(g);
        let id: Option<i64> = tx.query_row("SELECT id FROM groups WHERE name = ?1", [&g], |r| r.get(0)).optional()?;
        group_ids.push(id.ok_or_else(|| Error::not_found("小组", &g))?);
    }
    if s.expect == Expect::Groups && group_ids.is_empty() {
        return Err(Error::invalid("应到人员", "按小组时须至少选择一个小组"));
    }
    if s.expect == Expect::Chosen && s.member_ids.is_empty() {
        return Err(Error::invalid("应到人员", "指定人员时须至少选择一名委员"));
    }
    for id in &s.member_ids {
        roster::get(tx, *id)?;
    }
    for id in &s.invitee_ids {
        roster::get_invitee(tx, *id)?;
    }
    let agenda = s
        .agenda
        .iter()
        .map(|a| AgendaItem { title: names::clean_text(&a.title), presenter: names::clean_text(&a.presenter) })
        .filter(|a| !a.title.is_empty())
        .collect();
    let clean = SittingInput {
        title,
        date,
        start_time,
        end_time,
        venue: names::clean_text(&s.venue),
        presiding: names::clean_text(&s.presiding),
        notes: s.notes.trim().into(),
        agenda,
        groups: s.groups.iter().map(|g| names::clean_name(g)).collect(),
        ..s.clone()
    };
    Ok((clean, meeting, group_ids))
}

fn write_links(tx: &Tx<'_>, id: i64, s: &SittingInput, group_ids: &[i64]) -> Result<()> {
    for t in ["sitting_groups", "sitting_members", "sitting_invitees", "agenda_items"] {
        tx.execute(&format!("DELETE FROM {t} WHERE sitting_id = ?1"), [id])?;
    }
    for g in group_ids {
        tx.execute("INSERT OR IGNORE INTO sitting_groups (sitting_id, group_id) VALUES (?1, ?2)", params![id, g])?;
    }
    for m in &s.member_ids {
        tx.execute("INSERT OR IGNORE INTO sitting_members (sitting_id, member_id) VALUES (?1, ?2)", params![id, m])?;
    }
    for i in &s.invitee_ids {
        tx.execute("INSERT OR IGNORE INTO sitting_invitees (sitting_id, invitee_id) VALUES (?1, ?2)", params![id, i])?;
    }
    for (n, a) in s.agenda.iter().enumerate() {
        tx.execute(
            "INSERT INTO agenda_items (sitting_id, seq, title, presenter) VALUES (?1, ?2, ?3, ?4)",
            params![id, n as i64 + 1, a.title, a.presenter],
        )?;
    }
    Ok(())
}

pub fn create_sitting(db: &mut Db, input: &SittingInput) -> Result<Sitting> {
    let id = db.write(|tx| create_sitting_in(tx, input))?;
    get_sitting(db.conn(), id)
}

pub fn create_sitting_in(tx: &Tx<'_>, input: &SittingInput) -> Result<i64> {
    let (s, _meeting, group_ids) = check_sitting(tx, input)?;
    let seq: u32 = match s.seq {
        Some(q) => q,
        None => tx.query_row(
            "SELECT COALESCE(max(seq), 0) + 1 FROM sittings WHERE meeting_id = ?1",
            [s.meeting_id],
            |r| r.get(0),
        )?,
    };
    let taken: Option<i64> = tx
        .query_row("SELECT id FROM sittings WHERE meeting_id = ?1 AND seq = ?2", params![s.meeting_id, seq], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(Error::Conflict(format!("该会议已有第 {seq} 场")));
    }
    tx.execute(
        "INSERT INTO sittings (meeting_id, seq, title, kind, date, half_day, start_time, end_time, venue, presiding,
            expect, election, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            s.meeting_id, seq, s.title, s.kind.code(), s.date, s.half_day.code(), s.start_time, s.end_time,
            s.venue, s.presiding, s.expect.code(), s.election, s.notes, now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_links(tx, id, &s, &group_ids)?;
    tx.audit("sitting", id, "create", None::<&SittingInput>, Some(&s))?;
    Ok(id)
}

pub fn update_sitting(db: &mut Db, id: i64, input: &SittingInput) -> Result<Sitting> {
    let old = get_sitting(db.conn(), id)?;
    db.write(|tx| {
        let (s, _meeting, group_ids) = check_sitting(tx, input)?;
        let seq = s.seq.unwrap_or(old.seq);
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM sittings WHERE meeting_id = ?1 AND seq = ?2 AND id <> ?3",
                params![s.meeting_id, seq, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(Error::Conflict(format!("该会议已有第 {seq} 场")));
        }
        tx.execute(
            "UPDATE sittings SET meeting_id = ?2, seq = ?3, title = ?4, kind = ?5, date = ?6, half_day = ?7,
                start_time = ?8, end_time = ?9, venue = ?10, presiding = ?11, expect = ?12, election = ?13,
                notes = ?14 WHERE id = ?1",
            params![
                id, s.meeting_id, seq, s.title, s.kind.code(), s.date, s.half_day.code(), s.start_time, s.end_time,
                s.venue, s.presiding, s.expect.code(), s.election, s.notes
            ],
        )?;
        write_links(tx, id, &s, &group_ids)?;
        tx.audit("sitting", id, "update", Some(&old), Some(&s))
    })?;
    get_sitting(db.conn(), id)
}

/// Copies the sittings of meeting `from` into meeting `to` (e.g. last year's plenary schedule as a
/// start for this year's), shifting every date by the distance between the two meetings' start
/// dates. Sittings falling outside `to`'s dates are left out. Returns the number copied.
pub fn copy_schedule(db: &mut Db, from: i64, to: i64) -> Result<u32> {
    let src = get_meeting(db.conn(), from)?;
    let dst = get_meeting(db.conn(), to)?;
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Error::invalid("日期", d));
    let shift = day(&dst.start_date)? - day(&src.start_date)?;
    let sittings = list_sittings(db.conn(), Some(from))?;
    if !list_sittings(db.conn(), Some(to))?.is_empty() {
        return Err(Error::Conflict(format!("会议“{}”已有场次，请在空会议中复制日程", dst.title)));
    }
    db.write(|tx| {
        let mut n = 0;
        for s in &sittings {
            let date = (day(&s.date)? + shift).format("%Y-%m-%d").to_string();
            if date < dst.start_date || date > dst.end_date {
                continue;
            }
            create_sitting_in(tx, &SittingInput {
                meeting_id: to,
                seq: None,
                title: s.title.clone(),
                kind: s.kind,
                date,
                half_day: s.half_day,
                start_time: s.start_time.clone(),
                end_time: s.end_time.clone(),
                venue: s.venue.clone(),
                presiding: s.presiding.clone(),
                expect: s.expect,
                groups: s.groups.clone(),
                member_ids: s.member_ids.clone(),
                invitee_ids: s.invitee_ids.clone(),
                election: s.election,
                notes: s.notes.clone(),
                agenda: s.agenda.clone(),
            })?;
            n += 1;
        }
        Ok(n)
    })
}

/// Sets a sitting's status (planned → open → closed; reopening is allowed). Closing and reopening
/// are the attendance record's: closing freezes who was expected and turns those who neither came
/// nor had leave into 缺席, so they go through [`crate::attendance`] and never around it.
pub fn set_sitting_status(db: &mut Db, id: i64, status: SittingStatus) -> Result<Sitting> {
    let old = get_sitting(db.conn(), id)?;
    if old.status == status {
        return Ok(old);
    }
    if status == SittingStatus::Closed {
        crate::attendance::close_sitting(db, id)?;
        return get_sitting(db.conn(), id);
    }
    if old.status == SittingStatus::Closed {
        crate::attendance::reopen_sitting(db, id)?;
        if status == SittingStatus::Open {
            return get_sitting(db.conn(), id);
        }
    }
    let old = get_sitting(db.conn(), id)?;
    db.write(|tx| {
        tx.execute("UPDATE sittings SET status = ?2 WHERE id = ?1", params![id, status.code()])?;
        tx.audit("sitting", id, "status", Some(old.status.code()), Some(status.code()))
    })?;
    get_sitting(db.conn(), id)
}

#[cfg(test)]
mod tests;
