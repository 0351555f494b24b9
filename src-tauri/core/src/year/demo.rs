//! The year step of the demo committee: the 2020 record outside the plenary, from
//! `assets/demo/year-2020.json`, through the same functions a user's actions go through: the
//! 意见建议 of the topical standing-committee meetings and consultations, 协商在基层 activities,
//! research and inspection topics, delegations, training, reports to the party committee, and one
//! suspension (暂停委员职务). Deterministic: who takes part is picked from the roster by rule.

use serde::Deserialize;

use super::records::{add_items, create_duty};
use super::types::{DutyInput, DutyKind, ItemInput, ItemSource};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::meetings::{list_meetings, MeetingFilter};
use crate::roster::{self, Member, Role};

const DATA: &str = include_str!("../../../../assets/demo/year-2020.json");

#[derive(Deserialize)]
struct Consultation {
    meeting: String,
    count: usize,
    body: String,
    aspects: Vec<String>,
    actions: Vec<String>,
}

#[derive(Deserialize)]
struct Training {
    title: String,
    place: String,
    start: String,
    end: String,
    members: usize,
}

#[derive(Deserialize)]
struct Suspension {
    member_no: String,
    from: String,
    until: String,
    reference: String,
}

#[derive(Deserialize)]
struct Data {
    consultations: Vec<Consultation>,
    grassroots: Vec<(String, String, String)>,
    research: Vec<(String, String, String, String)>,
    inspection: Vec<(String, String, String, String)>,
    delegations: Vec<(String, u32, String)>,
    external_training: Vec<(String, String, String, u32)>,
    member_training: Training,
    party_reports: Vec<(String, String, String)>,
    suspension: Suspension,
}

fn data() -> Result<Data> {
    serde_json::from_str(DATA).map_err(|e| Error::BadFile(format!("示例数据文件 year-2020.json 有误：{e}")))
}

/// The item texts of a consultation: each aspect with each action, in turn, `count` of them.
fn item_texts(c: &Consultation) -> Result<Vec<String>> {
    let all = c.aspects.len() * c.actions.len();
    if c.count > all {
        return Err(Error::BadFile(format!("year-2020.json：“{}”的意见建议不足 {} 条", c.meeting, c.count)));
    }
    Ok((0..c.count)
        .map(|i| {
            let aspect = &c.aspects[i % c.aspects.len()];
            let action = &c.actions[(i / c.aspects.len() + i) % c.actions.len()];
            format!("建议{}", action.replace("{a}", aspect))
        })
        .collect())
}

fn standing_on(db: &Db, date: &str) -> Result<Vec<Member>> {
    Ok(roster::in_office_on(db.conn(), date)?.into_iter().filter(|m| m.role.is_standing()).collect())
}

/// `n` members in office on `date` besides the leaders, picked by a stride from `seed`.
fn pick(db: &Db, date: &str, seed: usize, n: usize) -> Result<Vec<i64>> {
    let ordinary: Vec<Member> =
        roster::in_office_on(db.conn(), date)?.into_iter().filter(|m| m.role == Role::Member).collect();
    if ordinary.len() < n {
        return Err(Error::BadFile(format!("示例名单在 {date} 在任委员不足 {n} 人")));
    }
    let mut ids = Vec::with_capacity(n);
    let mut i = seed;
    while ids.len() < n {
        let id = ordinary[i % ordinary.len()].id;
        if !ids.contains(&id) {
            ids.push(id);
        }
        i += 7;
    }
    Ok(ids)
}

fn vice_chair(db: &Db, date: &str, k: usize) -> Result<Member> {
    let v: Vec<Member> =
        roster::in_office_on(db.conn(), date)?.into_iter().filter(|m| m.role == Role::ViceChair).collect();
    v.get(k % v.len().max(1)).cloned().ok_or_else(|| Error::not_found("副主席", date))
}

pub fn load_demo(db: &mut Db) -> Result<()> {
    let data = data()?;
    let meetings = list_meetings(db.conn(), &MeetingFilter { year: Some(2020), kind: None, session_id: None })?;
    for (ci, c) in data.consultations.iter().enumerate() {
        let m = meetings
            .iter()
            .find(|m| m.title.contains(c.meeting.as_str()))
            .ok_or_else(|| Error::not_found("会议", c.meeting.clone()))?;
        let speakers = standing_on(db, &m.start_date)?;
        let items: Vec<ItemInput> = item_texts(c)?
            .into_iter()
            .enumerate()
            .map(|(i, text)| ItemInput {
                topic: String::new(),
                text,
                receiving_body: c.body.clone(),
                speakers: vec![speakers[(i * 7 + ci * 3) % speakers.len()].id],
            })
            .collect();
        add_items(db, ItemSource::Meeting(m.id), &items)?;
    }
    for (k, (title, place, date)) in data.grassroots.iter().enumerate() {
        let members = pick(db, date, k * 5, 4)?;
        let d = create_duty(
            db,
            &DutyInput {
                kind: Some(DutyKind::Grassroots),
                title: title.clone(),
                lead: vice_chair(db, date, k)?.name,
                start_date: date.clone(),
                place: place.clone(),
                members: members.clone(),
                ..Default::default()
            },
        )?;
        let items = vec![
            ItemInput {
                text: format!("对{title}中群众反映集中的问题，建议由{place}牵头建立清单、限期办结。"),
                receiving_body: place.clone(),
                speakers: vec![members[0]],
                ..Default::default()
            },
            ItemInput {
                text: format!("建议市级有关部门对{title}提出的问题给予政策和资金支持，并向群众反馈办理结果。"),
                receiving_body: "市人民政府办公室".into(),
                speakers: vec![members[1]],
                ..Default::default()
            },
        ];
        add_items(db, ItemSource::Duty(d.id), &items)?;
    }
    for (kind, list) in [(DutyKind::Research, &data.research), (DutyKind::Inspection, &data.inspection)] {
        for (k, (title, start, end, report)) in list.iter().enumerate() {
            let lead = vice_chair(db, start, k + usize::from(kind == DutyKind::Inspection) * 2)?;
            create_duty(
                db,
                &DutyInput {
                    kind: Some(kind),
                    title: title.clone(),
                    lead: format!("{}副主席", lead.name),
                    start_date: start.clone(),
                    end_date: end.clone(),
                    report_title: report.clone(),
                    members: pick(db, start, k * 3 + 1, 6)?,
                    lead_members: vec![lead.id],
                    ..Default::default()
                },
            )?;
        }
    }
    for (name, people, date) in &data.delegations {
        create_duty(
            db,
            &DutyInput {
                kind: Some(DutyKind::Delegation),
                title: format!("接待{name}"),
                lead: name.clone(),
                start_date: date.clone(),
                person_times: i64::from(*people),
                ..Default::default()
            },
        )?;
    }
    for (title, start, end, people) in &data.external_training {
        create_duty(
            db,
            &DutyInput {
                kind: Some(DutyKind::ExternalTraining),
                title: title.clone(),
                start_date: start.clone(),
                end_date: end.clone(),
                person_times: i64::from(*people),
                ..Default::default()
            },
        )?;
    }
    let t = &data.member_training;
    let ordinary: Vec<i64> = roster::in_office_on(db.conn(), &t.start)?
        .into_iter()
        .filter(|m| m.role == Role::Member)
        .step_by(2)
        .take(t.members)
        .map(|m| m.id)
        .collect();
    create_duty(
        db,
        &DutyInput {
            kind: Some(DutyKind::MemberTraining),
            title: t.title.clone(),
            lead: "市政协办公室".into(),
            start_date: t.start.clone(),
            end_date: t.end.clone(),
            place: t.place.clone(),
            members: ordinary,
            ..Default::default()
        },
    )?;
    for (title, date, report) in &data.party_reports {
        create_duty(
            db,
            &DutyInput {
                kind: Some(DutyKind::PartyReport),
                title: title.clone(),
                lead: "市政协党组".into(),
                start_date: date.clone(),
                report_title: report.clone(),
                ..Default::default()
            },
        )?;
    }
    let s = &data.suspension;
    let m = roster::find_by_member_no(db.conn(), &s.member_no)?
        .ok_or_else(|| Error::not_found("委员", s.member_no.clone()))?;
    roster::record_suspension(db, m.id, &s.from, Some(s.until.as_str()), &s.reference)?;
    Ok(())
}
