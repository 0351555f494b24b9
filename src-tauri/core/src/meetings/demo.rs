//! The roster-and-meetings step of the demo committee, from the data files in `assets/demo/`,
//! through the same functions a user's actions go through: the roster import, membership events,
//! invitees, sessions, meetings and sittings.

use std::collections::HashMap;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::roster::{self, import::ImportOptions, InviteeInput, MembershipEventInput, MembershipKind, Role};

use super::{
    create_meeting, create_session, create_sitting, AgendaItem, Expect, HalfDay, MeetingInput, MeetingKind,
    SessionInput, SittingInput, SittingKind,
};

const ROSTER: &[u8] = include_bytes!("../../../../assets/demo/roster.csv");
const CHANGES: &str = include_str!("../../../../assets/demo/roster-changes-2020.csv");
const INVITEES: &str = include_str!("../../../../assets/demo/invitees.csv");
const PLENARY: &str = include_str!("../../../../assets/demo/plenary-sessions.csv");
const MEETINGS: &str = include_str!("../../../../assets/demo/meetings-2020.csv");

/// The demo's term started on this day: every member of the roster joined then.
pub const TERM_START: &str = "2017-01-10";

/// Rows of a simple data file (no quoted fields), as maps from heading to value.
fn table<'a>(file: &str, text: &'a str) -> Result<Vec<(usize, HashMap<&'a str, &'a str>)>> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, head) = lines.next().ok_or_else(|| Error::BadFile(format!("示例数据文件 {file} 是空的")))?;
    let heads: Vec<&str> = head.split(',').collect();
    lines
        .map(|(i, l)| {
            let cells: Vec<&str> = l.split(',').collect();
            if cells.len() != heads.len() {
                return Err(Error::BadFile(format!(
                    "示例数据文件 {file} 第{}行有 {} 列，应为 {} 列",
                    i + 1,
                    cells.len(),
                    heads.len()
                )));
            }
            Ok((i + 1, heads.iter().copied().zip(cells).collect()))
        })
        .collect()
}

fn field<'a>(file: &str, line: usize, row: &HashMap<&'a str, &'a str>, key: &str) -> Result<&'a str> {
    row.get(key).copied().ok_or_else(|| Error::BadFile(format!("示例数据文件 {file} 第{line}行缺少“{key}”")))
}

fn agenda(s: &str) -> Vec<AgendaItem> {
    s.split('；')
        .filter(|t| !t.trim().is_empty())
        .map(|t| AgendaItem { title: t.into(), presenter: String::new() })
        .collect()
}

/// The roster: the 206 members imported from `roster.csv` (all joining at the term's start),
/// group conveners, the 列席人员, and the roster changes of 2020.
pub fn load_roster(db: &mut Db) -> Result<()> {
    let opts = ImportOptions { joined_on: Some(TERM_START.into()), ..Default::default() };
    roster::import::import(db, ROSTER, "roster.csv", &opts)?;
    // Each group's convener: its first standing-committee member, else its first member.
    let members = roster::in_office_on(db.conn(), TERM_START)?;
    for g in roster::groups(db.conn())? {
        let in_group = members.iter().filter(|m| m.group.as_deref() == Some(g.name.as_str()));
        let convener = in_group.clone().find(|m| m.role == Role::Standing).or_else(|| in_group.clone().next());
        if let Some(c) = convener {
            roster::set_group_convener(db, &g.name, Some(c.id))?;
        }
    }
    for (line, row) in table("invitees.csv", INVITEES)? {
        let f = |k| field("invitees.csv", line, &row, k);
        roster::create_invitee(
            db,
            &InviteeInput {
                name: f("name")?.into(),
                unit: f("unit")?.into(),
                post: f("post")?.into(),
                ..Default::default()
            },
        )?;
    }
    for (line, row) in table("roster-changes-2020.csv", CHANGES)? {
        let f = |k| field("roster-changes-2020.csv", line, &row, k);
        let no = f("member_no")?;
        let member = roster::find_by_member_no(db.conn(), no)?.ok_or_else(|| Error::not_found("委员", no))?;
        let kind = MembershipKind::from_code(f("kind")?)
            .ok_or_else(|| Error::BadFile(format!("roster-changes-2020.csv 第{line}行：未知的变动类型")))?;
        roster::record_event(
            db,
            member.id,
            &MembershipEventInput {
                kind,
                effective_on: f("effective_on")?.into(),
                reference: f("reference")?.into(),
                role: None,
            },
        )?;
    }
    Ok(())
}

/// The demo's members for an `expect` word of the data files, on `date`.
fn expectation(db: &Db, word: &str, date: &str) -> Result<(Expect, Vec<String>, Vec<i64>)> {
    let leaders = |party_only: bool| -> Result<Vec<i64>> {
        Ok(roster::in_office_on(db.conn(), date)?
            .into_iter()
            .filter(|m| matches!(m.role, Role::Chair | Role::ViceChair | Role::SecretaryGeneral))
            .filter(|m| !party_only || m.party == "中共")
            .map(|m| m.id)
            .collect())
    };
    Ok(match word {
        "all" => (Expect::All, vec![], vec![]),
        "standing" => (Expect::Standing, vec![], vec![]),
        "leaders" => (Expect::Chosen, vec![], leaders(false)?),
        "party_leaders" => (Expect::Chosen, vec![], leaders(true)?),
        w if w.starts_with("groups:") => {
            (Expect::Groups, w["groups:".len()..].split('|').map(String::from).collect(), vec![])
        }
        other => return Err(Error::BadFile(format!("示例数据：未知的应到人员“{other}”"))),
    })
}

/// Sessions 六届四次会议 (2020) and 六届五次会议 (2021) with their half-day sittings, and the
/// year 2020's other meetings, each with one sitting.
pub fn load_meetings(db: &mut Db) -> Result<()> {
    let committee = crate::committee::require(db.conn())?;
    let term = committee.term_number;
    let plenary = table("plenary-sessions.csv", PLENARY)?;
    let invitees = roster::list_invitees(db.conn())?;
    let invitee_rows = table("invitees.csv", INVITEES)?;
    let groups = roster::groups(db.conn())?;
    for number in [4u32, 5] {
        let rows: Vec<_> =
            plenary.iter().filter(|(_, r)| r.get("session") == Some(&number.to_string().as_str())).collect();
        let dates: Vec<&str> = rows.iter().filter_map(|(_, r)| r.get("date").copied()).collect();
        let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else { continue };
        let opened = rows
            .iter()
            .find(|(_, r)| r.get("kind") == Some(&"opening"))
            .and_then(|(_, r)| r.get("date").copied())
            .unwrap_or(first);
        let year: i32 = first[..4].parse().map_err(|_| Error::BadFile("plenary-sessions.csv：日期有误".into()))?;
        let session = create_session(
            db,
            &SessionInput {
                term_number: term,
                session_number: number,
                name: String::new(),
                year,
                opened_on: Some(opened.to_string()),
                closed_on: Some(last.to_string()),
            },
        )?;
        let meeting = create_meeting(
            db,
            &MeetingInput {
                kind: MeetingKind::Plenary,
                title: format!("{}第{}次会议", committee.name, crate::numerals::numeral(number)),
                session_id: Some(session.id),
                ordinal: Some(number),
                topical: false,
                enlarged: false,
                start_date: first.to_string(),
                end_date: last.to_string(),
                organizer: "大会秘书处".into(),
                venue: "安宁会堂".into(),
                notes: String::new(),
            },
        )?;
        for (line, row) in rows {
            let f = |k| field("plenary-sessions.csv", *line, row, k);
            let kind = SittingKind::from_code(f("kind")?)
                .ok_or_else(|| Error::BadFile(format!("plenary-sessions.csv 第{line}行：未知的场次类型")))?;
            let half = HalfDay::from_code(f("half_day")?).unwrap_or(HalfDay::Am);
            let base = SittingInput {
                start_time: f("start")?.into(),
                end_time: f("end")?.into(),
                election: f("election")? == "1",
                agenda: agenda(f("agenda")?),
                ..SittingInput::new(meeting.id, f("title")?, kind, f("date")?, half)
            };
            if f("expect")? == "each_group" {
                for g in &groups {
                    create_sitting(
                        db,
                        &SittingInput {
                            title: format!("{}{}", g.name, f("title")?),
                            venue: f("venue")?.replace("{group}", &g.name),
                            presiding: f("presiding")?.replace("{convener}", g.convener.as_deref().unwrap_or("")),
                            expect: Expect::Groups,
                            groups: vec![g.name.clone()],
                            ..base.clone()
                        },
                    )?;
                }
            } else {
                let (expect, groups, member_ids) = expectation(db, f("expect")?, f("date")?)?;
                let invitee_ids = invitee_rows
                    .iter()
                    .zip(&invitees)
                    .filter(|((_, r), _)| r.get("sittings").is_some_and(|s| s.split('|').any(|k| k == kind.code())))
                    .map(|(_, i)| i.id)
                    .collect();
                create_sitting(
                    db,
                    &SittingInput {
                        venue: f("venue")?.into(),
                        presiding: f("presiding")?.into(),
                        expect,
                        groups,
                        member_ids,
                        invitee_ids,
                        ..base
                    },
                )?;
            }
        }
    }

    for (line, row) in table("meetings-2020.csv", MEETINGS)? {
        let f = |k| field("meetings-2020.csv", line, &row, k);
        let kind = MeetingKind::from_code(f("kind")?)
            .ok_or_else(|| Error::BadFile(format!("meetings-2020.csv 第{line}行：未知的会议类型")))?;
        let date = f("date")?;
        let meeting = create_meeting(
            db,
            &MeetingInput {
                kind,
                title: f("title")?.into(),
                session_id: None,
                ordinal: f("ordinal")?.parse().ok(),
                topical: f("topical")? == "1",
                enlarged: f("enlarged")? == "1",
                start_date: date.into(),
                end_date: date.into(),
                organizer: f("organizer")?.into(),
                venue: f("venue")?.into(),
                notes: String::new(),
            },
        )?;
        let (expect, groups, member_ids) = expectation(db, f("expect")?, date)?;
        let sitting_title = match kind {
            MeetingKind::StandingCommittee | MeetingKind::ChairsCouncil => "全体会议",
            MeetingKind::StudyGroup => "集中学习",
            _ => "会议",
        };
        create_sitting(
            db,
            &SittingInput {
                start_time: f("start")?.into(),
                end_time: f("end")?.into(),
                venue: f("venue")?.into(),
                presiding: f("presiding")?.into(),
                expect,
                groups,
                member_ids,
                agenda: agenda(f("agenda")?),
                ..SittingInput::new(
                    meeting.id,
                    sitting_title,
                    SittingKind::Other,
                    date,
                    HalfDay::from_code(f("half_day")?).unwrap_or(HalfDay::Am),
                )
            },
        )?;
    }
    Ok(())
}

/// The roster-and-meetings step of the demo: [`load_roster`] then [`load_meetings`].
pub fn load_demo(db: &mut Db) -> Result<()> {
    load_roster(db)?;
    load_meetings(db)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::{expected_members, list_meetings, list_sittings, sitting_invitees, MeetingFilter};

    fn demo() -> Db {
        let mut db = Db::open_in_memory().expect("db");
        crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
        load_demo(&mut db).expect("demo");
        db
    }

    #[test]
    fn the_demo_year_has_the_seed_counts() {
        let db = demo();
        let y2020 = list_meetings(db.conn(), &MeetingFilter { year: Some(2020), ..Default::default() }).expect("list");
        let count = |k: MeetingKind| y2020.iter().filter(|m| m.kind == k).count();
        assert_eq!(count(MeetingKind::StandingCommittee), 9, "standing committee meetings");
        assert_eq!(y2020.iter().filter(|m| m.topical).count(), 3, "topical deliberation meetings");
        assert_eq!(count(MeetingKind::ChairsCouncil), 9);
        assert_eq!(count(MeetingKind::PartyGroup), 8);
        assert_eq!(count(MeetingKind::StudyGroup), 9);
        assert_eq!(count(MeetingKind::TopicalConsultation), 4);
        assert_eq!(count(MeetingKind::Forum), 9);
        assert_eq!(count(MeetingKind::Plenary), 1, "六届四次会议 in 2020");
        let sessions = super::super::list_sessions(db.conn()).expect("sessions");
        let names: Vec<&str> = sessions.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["六届四次会议", "六届五次会议"]);
        assert_eq!(sessions[1].opened_on.as_deref(), Some("2021-01-19"));
    }

    #[test]
    fn the_demo_roster_changes_show_in_who_is_expected() {
        let db = demo();
        assert_eq!(roster::all(db.conn()).expect("all").len(), 206, "nobody deleted");
        assert_eq!(roster::in_office_on(db.conn(), "2020-01-07").expect("office").len(), 206);
        assert_eq!(roster::in_office_on(db.conn(), "2021-01-19").expect("office").len(), 198, "7 resigned, 1 revoked");
        let left = roster::events_between(db.conn(), "2020-01-01", "2020-12-31").expect("events");
        let n = |k: MembershipKind| left.iter().filter(|e| e.kind == k).count();
        assert_eq!(
            (n(MembershipKind::Resigned), n(MembershipKind::Revoked), n(MembershipKind::StandingResigned)),
            (7, 1, 1)
        );
        let session4 = list_meetings(
            db.conn(),
            &MeetingFilter { kind: Some(MeetingKind::Plenary), year: Some(2020), ..Default::default() },
        )
        .expect("m");
        let sittings = list_sittings(db.conn(), Some(session4[0].id)).expect("sittings");
        assert_eq!(
            sittings.iter().filter(|s| s.kind == SittingKind::GroupDiscussion).count(),
            30,
            "ten groups × three discussions"
        );
        let opening = sittings.iter().find(|s| s.kind == SittingKind::Opening).expect("opening");
        assert_eq!(opening.expected_count, 206);
        assert!(!sitting_invitees(db.conn(), opening.id).expect("inv").is_empty(), "invitees at the opening");
        let g1: u32 = sittings
            .iter()
            .filter(|s| s.kind == SittingKind::GroupDiscussion && s.date == "2020-01-08" && s.half_day == HalfDay::Am)
            .map(|s| s.expected_count)
            .sum();
        assert_eq!(g1, 206, "the group sittings of one half-day cover everyone once");
        let first_group = sittings.iter().find(|s| s.kind == SittingKind::GroupDiscussion).expect("group");
        assert!(!first_group.presiding.is_empty(), "the convener presides");
        // Standing committee in December: 严远世 (A6013) resigned the standing committee in October.
        let sc = list_meetings(
            db.conn(),
            &MeetingFilter { kind: Some(MeetingKind::StandingCommittee), year: Some(2020), ..Default::default() },
        )
        .expect("sc");
        let first = list_sittings(db.conn(), Some(sc.first().expect("first").id)).expect("s");
        let last = list_sittings(db.conn(), Some(sc.last().expect("last").id)).expect("s");
        let has = |sid: i64| {
            expected_members(db.conn(), sid).expect("exp").iter().any(|m| m.member_no.as_deref() == Some("A6013"))
        };
        assert!(has(first[0].id), "A6013 expected as a standing member in January");
        assert!(!has(last[0].id), "and not in December");
        assert_eq!(last[0].expected_count, first[0].expected_count - 1);
    }
}
