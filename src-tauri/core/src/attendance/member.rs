//! A member's own attendance record (履职档案) over a period, by query: the sittings in their time
//! in office, their own events and leave (through the indexes on member_id) and whether each
//! closed sitting froze them as expected — never every event of every sitting. Its cost grows with
//! the member's history, not with the size of the committee.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::data::{derive_rows, info_from_row, member_card, member_events, member_leaves, SittingData, SittingInfo};
use super::settings::rule_for;
use super::stats::{check_period, chinese_date, AttendanceCounts, MemberAttendance, MemberAttendanceSitting};
use super::types::*;
use crate::error::Result;
use crate::meetings::half_day_order;
use crate::roster;

/// A member's attendance over a period: only the sittings held in it at which they were in office
/// and expected count, and of those only the closed ones make the rate; open ones are pending.
/// Dates 'YYYY-MM-DD'; by default the member's time in office up to today (local).
pub fn member_attendance(
    conn: &Connection,
    member_id: i64,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<MemberAttendance> {
    member_attendance_on(conn, member_id, from, to, &roster::today())
}

fn day_before(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.pred_opt())
        .map(|d| d.to_string())
        .unwrap_or_else(|| iso.to_string())
}

/// [`member_attendance`] as if today were `today` ('YYYY-MM-DD', local).
pub fn member_attendance_on(
    conn: &Connection,
    member_id: i64,
    from: Option<&str>,
    to: Option<&str>,
    today: &str,
) -> Result<MemberAttendance> {
    let member = roster::get(conn, member_id)?;
    // The last day in office: the day before leaving, or today.
    let last_day = match &member.left_on {
        Some(l) => day_before(l).min(today.to_string()),
        None => today.to_string(),
    };
    let from = match from.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => roster::parse_date("起始日期", d)?,
        None => member.joined_on.clone(),
    };
    let to = match to.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => roster::parse_date("截止日期", d)?,
        None => last_day.clone().max(from.clone()),
    };
    check_period(&from, &to)?;
    // Only sittings in the member's time in office can expect them.
    let lo = from.clone().max(member.joined_on.clone());
    let hi = to.clone().min(last_day);
    let sittings = if lo <= hi { sittings_held(conn, &lo, &hi, today, member_id)? } else { Vec::new() };

    let mut events = member_events(conn, member_id)?;
    let leaves = member_leaves(conn, member_id)?;
    let mut rules: HashMap<_, AttendanceRule> = HashMap::new();
    let mut counts = AttendanceCounts::default();
    let mut history = Vec::new();
    for (info, frozen) in sittings {
        // A closed sitting says whom it expected; an open one asks the meeting's rule.
        let as_then = if info.closed {
            if !frozen {
                continue;
            }
            member.clone()
        } else {
            match crate::meetings::expects_member(conn, info.id, member_id)? {
                Some(m) => m,
                None => continue,
            }
        };
        let rule = match rules.entry((info.meeting_kind, info.election)) {
            Entry::Occupied(e) => e.get().clone(),
            Entry::Vacant(e) => e.insert(rule_for(conn, info.meeting_kind.code(), info.election)?).clone(),
        };
        let data = SittingData {
            rule,
            expected: Arc::new(vec![as_then]),
            invitees: Arc::new(Vec::new()),
            events: events.remove(&info.id).unwrap_or_default(),
            leaves: leaves.get(&info.id).map(|l| (member_id, l.clone())).into_iter().collect(),
            info,
        };
        let Some(row) = derive_rows(&data).into_iter().next() else { continue };
        let mut one = AttendanceCounts::default();
        one.add(&row);
        counts.add_sitting(data.info.closed, &one);
        history.push(MemberAttendanceSitting {
            sitting_id: data.info.id,
            meeting_id: data.info.meeting_id,
            meeting_title: data.info.meeting_title.clone(),
            sitting_title: data.info.title.clone(),
            date: data.info.date.clone(),
            half_day: data.info.half_day,
            closed: data.info.closed,
            status: row.status,
            status_text: if data.info.closed { row.status_text } else { format!("{}（待结束）", row.status_text) },
            late: row.late,
            left_early: row.left_early,
            checked_in_at: row.checked_in_at,
            leave: row.leave,
        });
    }
    history.reverse();
    let absences = history.iter().filter(|h| h.status == AttendanceStatus::Absent).cloned().collect();
    let summary = format!("{}至{}：{}", chinese_date(&from), chinese_date(&to), counts.sentence());
    Ok(MemberAttendance { card: member_card(&member), from, to, counts, summary, history, absences })
}

/// The sittings held from `lo` to `hi` (closed, or dated no later than `today`), oldest first,
/// each with whether its closing froze `member_id` as expected.
fn sittings_held(
    conn: &Connection,
    lo: &str,
    hi: &str,
    today: &str,
    member_id: i64,
) -> Result<Vec<(SittingInfo, bool)>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT s.id, s.meeting_id, m.title, m.kind, s.title, s.date, s.half_day, s.start_time, s.election,
                c.sitting_id IS NOT NULL, e.member_id IS NOT NULL
         FROM sittings s JOIN meetings m ON m.id = s.meeting_id
         LEFT JOIN attendance_closures c ON c.sitting_id = s.id
         LEFT JOIN attendance_expected e ON e.sitting_id = s.id AND e.member_id = ?4
         WHERE s.date BETWEEN ?1 AND ?2 AND (s.date <= ?3 OR c.sitting_id IS NOT NULL)
         ORDER BY s.date, ",
        half_day_order!(),
        ", s.start_time, s.meeting_id, s.seq"
    ))?;
    let rows = stmt.query_map(params![lo, hi, today, member_id], |r| Ok((info_from_row(r)?, r.get(10)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use crate::attendance::tests::fixture;
    use crate::attendance::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn the_rate_counts_only_closed_sittings_and_open_ones_are_pending() {
        let mut f = fixture();
        let a3 = PersonRef::member(f.m["A3"]);
        import_events(&mut f.db, f.opening, &[(a3, AttendanceEventKind::CheckIn, at("2021-01-19 08:20"))]).expect("in");
        close_sitting(&mut f.db, f.opening).expect("close the opening");
        // The group-2 sitting and the closing sitting are held but still open.
        let ma = member_attendance_on(f.db.conn(), a3.id, None, None, "2021-01-21").expect("A3");
        assert_eq!(
            (ma.counts.expected, ma.counts.present, ma.counts.absent, ma.counts.pending),
            (1, 1, 0, 2),
            "one closed sitting counts; the two open ones are pending, not 未到 against the rate"
        );
        assert!((ma.counts.rate - 1.0).abs() < 1e-9, "100%, not 33%");
        assert_eq!((ma.from.as_str(), ma.to.as_str()), ("2017-01-10", "2021-01-21"), "the member's time in office");
        assert_eq!(
            ma.summary,
            "2017年1月10日至2021年1月21日：应出席 1 次，出席 1 次（迟到 0，早退 0），请假 0 次，缺席 0 次，出席率 100.0%；\
             另有 2 场考勤尚未结束（待结束），不计入出席率"
        );
        assert_eq!(ma.history.len(), 3, "the open sittings are listed in the record");
        assert!(ma.history[0].status_text.ends_with("（待结束）"), "{}", ma.history[0].status_text);

        // The same for groups and sectors over a period.
        let ps = period_stats_on(f.db.conn(), None, None, "2021-01-21").expect("period");
        assert_eq!(ps.title, "2021年1月19日 至 2021年1月21日", "from the first sitting, never 1900-01-01");
        assert_eq!((ps.totals.expected, ps.totals.pending), (6, 2 + 6), "only the closed opening is counted");
        let g2 = ps.by_group.iter().find(|g| g.key == "第二组").expect("group 2");
        assert_eq!((g2.counts.expected, g2.counts.present, g2.counts.pending), (2, 1, 4));
    }

    #[test]
    fn a_member_who_left_is_counted_up_to_the_day_before() {
        let mut f = fixture();
        crate::roster::record_event(
            &mut f.db,
            f.m["A6"],
            &crate::roster::MembershipEventInput {
                kind: crate::roster::MembershipKind::Resigned,
                effective_on: "2021-01-20".into(),
                reference: String::new(),
                role: None,
            },
        )
        .expect("resign");
        let ma = member_attendance_on(f.db.conn(), f.m["A6"], None, None, "2021-03-01").expect("A6");
        assert_eq!(ma.to, "2021-01-19", "the last day in office");
        assert_eq!(ma.history.len(), 1, "the opening only; the closing on the 21st is after he left");
    }

    #[test]
    fn at_half_past_seven_local_today_sittings_are_today_and_on_time() {
        // 2021-01-19 07:30 in Beijing is 2021-01-18 23:30 UTC: «today» is the 19th.
        let mut f = fixture();
        let today = at("2021-01-19 07:30").date().to_string();
        let ma = member_attendance_on(f.db.conn(), f.m["A3"], None, None, &today).expect("A3");
        let dates: Vec<&str> = ma.history.iter().map(|h| h.date.as_str()).collect();
        assert_eq!(dates, vec!["2021-01-19", "2021-01-19"], "today's two sittings are held; the 21st is not yet");
        let a3 = PersonRef::member(f.m["A3"]);
        import_events(&mut f.db, f.opening, &[(a3, AttendanceEventKind::CheckIn, at("2021-01-19 07:30"))]).expect("in");
        let row = rows(f.db.conn(), f.opening).expect("rows").into_iter().find(|r| r.card.person == a3).expect("A3");
        assert!(row.checked_in_at.is_some() && !row.late, "07:30 for an 08:30 start is on time");
    }
}
