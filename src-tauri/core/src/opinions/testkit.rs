//! Test fixtures of the opinions module: a session with group-discussion sittings, two groups,
//! four members and a government work report. Rows of other features' tables (sessions,
//! sittings, groups, members) are inserted with SQL here, in tests only.

use super::reports::create_report;
use super::types::*;
use crate::db::Db;

pub struct Fixture {
    pub session: i64,
    pub report: i64,
    pub section: i64,
    pub group1: i64,
    pub group2: i64,
    pub sitting1: i64,
    pub sitting2: i64,
    pub other_session_sitting: i64,
    pub m1: i64,
    pub m2: i64,
    pub m3: i64,
    pub m4: i64,
}

pub fn fixture() -> (Db, Fixture) {
    let mut db = Db::open_in_memory().expect("db");
    let c = db.fixture_conn();
    let at = "2020-01-01T08:00:00+08:00";
    let exec = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
        c.execute(sql, p).expect(sql);
        c.last_insert_rowid()
    };
    let session = exec(
        "INSERT INTO sessions (term_number, session_number, name, year, opened_on) VALUES (6, 4, '六届四次会议', 2020, '2020-01-06')",
        &[],
    );
    let session5 = exec(
        "INSERT INTO sessions (term_number, session_number, name, year, opened_on) VALUES (6, 5, '六届五次会议', 2021, '2021-01-19')",
        &[],
    );
    let meeting = exec(
        "INSERT INTO meetings (kind, title, session_id, start_date, end_date, created_at) VALUES ('plenary', '六届四次会议', ?1, '2020-01-06', '2020-01-09', ?2)",
        &[&session as &dyn rusqlite::ToSql, &at as &dyn rusqlite::ToSql],
    );
    let meeting5 = exec(
        "INSERT INTO meetings (kind, title, session_id, start_date, end_date, created_at) VALUES ('plenary', '六届五次会议', ?1, '2021-01-19', '2021-01-22', ?2)",
        &[&session5 as &dyn rusqlite::ToSql, &at as &dyn rusqlite::ToSql],
    );
    let group1 = exec("INSERT INTO groups (name, sort_order) VALUES ('第一组', 1)", &[]);
    let group2 = exec("INSERT INTO groups (name, sort_order) VALUES ('第二组', 2)", &[]);
    let sitting = |m: i64, seq: i64, title: &str, kind: &str, expect: &str| -> i64 {
        exec(
            "INSERT INTO sittings (meeting_id, seq, title, kind, date, expect, created_at) VALUES (?1, ?2, ?3, ?4, '2020-01-07', ?5, ?6)",
            &[&m as &dyn rusqlite::ToSql, &seq as &dyn rusqlite::ToSql, &title as &dyn rusqlite::ToSql, &kind as &dyn rusqlite::ToSql, &expect as &dyn rusqlite::ToSql, &at as &dyn rusqlite::ToSql],
        )
    };
    let _opening = sitting(meeting, 1, "开幕会", "opening", "all");
    let sitting1 = sitting(meeting, 2, "第一组分组讨论", "group_discussion", "groups");
    let sitting2 = sitting(meeting, 3, "第二组分组讨论", "group_discussion", "groups");
    let other_session_sitting = sitting(meeting5, 1, "第一组分组讨论", "group_discussion", "groups");
    exec(
        "INSERT INTO sitting_groups (sitting_id, group_id) VALUES (?1, ?2)",
        &[&sitting1 as &dyn rusqlite::ToSql, &group1 as &dyn rusqlite::ToSql],
    );
    exec(
        "INSERT INTO sitting_groups (sitting_id, group_id) VALUES (?1, ?2)",
        &[&sitting2 as &dyn rusqlite::ToSql, &group2 as &dyn rusqlite::ToSql],
    );
    let member = |no: &str, name: &str, group: i64, order: i64| -> i64 {
        exec(
            "INSERT INTO members (member_no, name, group_id, roster_order, joined_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '2017-01-10', ?5, ?5)",
            &[&no as &dyn rusqlite::ToSql, &name as &dyn rusqlite::ToSql, &group as &dyn rusqlite::ToSql, &order as &dyn rusqlite::ToSql, &at as &dyn rusqlite::ToSql],
        )
    };
    let m1 = member("T0001", "张三", group1, 1);
    let m2 = member("T0002", "李四", group1, 2);
    let m3 = member("T0003", "王五", group2, 3);
    let m4 = member("T0004", "王六", group2, 4);
    let report = create_report(
        &mut db,
        &ReportInput {
            session_id: session,
            kind: ReportKind::Government,
            title: "政府工作报告".into(),
            issuing_body: "安宁市人民政府".into(),
            body_text: "一、工作回顾\n经济平稳。\n二、工作安排\n优化营商环境。".into(),
            list_title: String::new(),
        },
    )
    .expect("report");
    let fx = Fixture {
        session,
        report: report.id,
        section: report.sections[0].id,
        group1,
        group2,
        sitting1,
        sitting2,
        other_session_sitting,
        m1,
        m2,
        m3,
        m4,
    };
    (db, fx)
}

/// A remark by `speaker` (the group as a whole when `None`, with `group_id` to be set) in the
/// speaker's group's sitting.
pub fn remark_input(fx: &Fixture, speaker: Option<i64>, text: &str) -> RemarkInput {
    let sitting = if speaker == Some(fx.m3) || speaker == Some(fx.m4) { fx.sitting2 } else { fx.sitting1 };
    RemarkInput {
        report_id: fx.report,
        section_id: None,
        sitting_id: sitting,
        speaker_id: speaker,
        group_id: None,
        text: text.into(),
    }
}

/// Records remarks and returns their ids.
pub fn add_remarks(db: &mut Db, fx: &Fixture, items: &[(i64, &str)]) -> Vec<i64> {
    items
        .iter()
        .map(|(speaker, text)| super::add_remark(db, &remark_input(fx, Some(*speaker), text)).expect("add").id)
        .collect()
}
