//! The rules of attendance as pure functions: the quorum, the announcement line, lateness, and a
//! person's state folded from their events.

use chrono::{NaiveDateTime, NaiveTime, Timelike};

use super::types::{AttendanceEventKind, AttendanceRule, Quorum};
use crate::meetings::MeetingKind;
use crate::numerals::numeral;

/// The quorum: how many present meet the rule out of `expected`, and whether `present` does.
/// Strict rules need more than the fraction (过半数: 246 → 124); non-strict at least it
/// (三分之二以上: 246 → 164).
pub fn threshold(rule: &AttendanceRule, expected: u32, present: u32) -> Quorum {
    let num = u64::from(rule.quorum_numerator.max(1));
    let den = u64::from(rule.quorum_denominator.max(1));
    let need = u64::from(expected) * num;
    let required = if rule.quorum_strict { need / den + 1 } else { need.div_ceil(den) };
    let required = u32::try_from(required).unwrap_or(u32::MAX);
    Quorum { rule: rule_label(rule), required, met: expected > 0 && present >= required }
}

/// 过半数, 三分之二以上, …
pub fn rule_label(rule: &AttendanceRule) -> String {
    let (n, d) = (rule.quorum_numerator, rule.quorum_denominator);
    if n == 1 && d == 2 && rule.quorum_strict {
        return "过半数".into();
    }
    let frac = if n == d { "全数".to_string() } else { format!("{}分之{}", numeral(d), numeral(n)) };
    if rule.quorum_strict {
        format!("超过{frac}")
    } else {
        format!("{frac}以上")
    }
}

/// The line the presiding officer reads:
/// «本次会议应到委员246人，因事因病请假5人，实到241人，符合规定人数». With no one on leave the leave
/// clause is left out; when the quorum is not met the line ends «不符合规定人数».
/// `body` is who is counted: 委员, or 常委 at a standing-committee meeting.
pub fn announcement(body: &str, expected: u32, on_leave: u32, present: u32, met: bool) -> String {
    let mut s = format!("本次会议应到{body}{expected}人，");
    if on_leave > 0 {
        s.push_str(&format!("因事因病请假{on_leave}人，"));
    }
    s.push_str(&format!("实到{present}人，"));
    s.push_str(if met { "符合规定人数" } else { "不符合规定人数" });
    s
}

/// Who the announcement counts at a meeting of this kind.
pub fn body_word(meeting_kind: MeetingKind) -> &'static str {
    if meeting_kind == MeetingKind::StandingCommittee {
        "常委"
    } else {
        "委员"
    }
}

/// Parses 'HH:MM' (or 'H:MM'); empty or malformed gives `None`.
pub fn parse_hm(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// Late: the check-in's minute is after the start plus the grace. A sitting with no start time
/// makes nobody late. 08:30:59 is on time for an 08:30 start with no grace; 08:31:00 is late.
pub fn is_late(date: chrono::NaiveDate, start_time: &str, grace_minutes: u32, checked_in: NaiveDateTime) -> bool {
    let Some(start) = parse_hm(start_time) else { return false };
    let limit = date.and_time(start) + chrono::Duration::minutes(i64::from(grace_minutes));
    let minute = checked_in.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(checked_in);
    minute > limit
}

/// One person's movements at a sitting, after undone events are taken out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence {
    /// The earliest check-in.
    pub checked_in: Option<NaiveDateTime>,
    /// The last time they left, when they have not come back since.
    pub left: Option<NaiveDateTime>,
    pub returned: Option<NaiveDateTime>,
    pub in_room: bool,
}

impl Presence {
    pub fn present(&self) -> bool {
        self.checked_in.is_some()
    }
    pub fn left_early(&self) -> bool {
        self.checked_in.is_some() && !self.in_room
    }
}

/// Folds a person's effective events (in the order they were recorded) into their presence.
pub fn fold(events: &[(AttendanceEventKind, NaiveDateTime)]) -> Presence {
    let mut p = Presence::default();
    for &(kind, at) in events {
        match kind {
            AttendanceEventKind::CheckIn => {
                p.checked_in = Some(p.checked_in.map_or(at, |t| t.min(at)));
                if p.left.is_none() {
                    p.in_room = true;
                }
            }
            AttendanceEventKind::LeaveEarly if p.checked_in.is_some() => {
                p.left = Some(at);
                p.in_room = false;
            }
            AttendanceEventKind::Return if p.checked_in.is_some() => {
                p.returned = Some(at);
                p.left = None;
                p.in_room = true;
            }
            _ => {}
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(n: u32, d: u32, strict: bool) -> AttendanceRule {
        AttendanceRule {
            meeting_kind: "plenary".into(),
            late_grace_minutes: 0,
            quorum_numerator: n,
            quorum_denominator: d,
            quorum_strict: strict,
        }
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("datetime")
    }

    #[test]
    fn more_than_half_and_two_thirds() {
        let half = rule(1, 2, true);
        assert_eq!(threshold(&half, 246, 0).required, 124, "more than half of 246 is 124");
        assert_eq!(threshold(&half, 245, 0).required, 123, "more than half of 245 is 123");
        assert!(!threshold(&half, 246, 123).met, "123 of 246 is exactly half, not more");
        assert!(threshold(&half, 246, 124).met);
        assert_eq!(threshold(&half, 246, 0).rule, "过半数");

        let two_thirds = rule(2, 3, false);
        assert_eq!(threshold(&two_thirds, 246, 0).required, 164, "two-thirds of 246 is exactly 164");
        assert!(threshold(&two_thirds, 246, 164).met, "三分之二以上 includes the boundary");
        assert!(!threshold(&two_thirds, 246, 163).met);
        assert_eq!(threshold(&two_thirds, 247, 0).required, 165, "two-thirds of 247 rounds up");
        assert_eq!(threshold(&two_thirds, 246, 0).rule, "三分之二以上");
        assert!(!threshold(&half, 0, 0).met, "nobody expected: no quorum");
    }

    #[test]
    fn announcement_reads_like_the_seed() {
        assert_eq!(
            announcement("委员", 246, 5, 241, true),
            "本次会议应到委员246人，因事因病请假5人，实到241人，符合规定人数"
        );
        assert_eq!(
            announcement("委员", 246, 5, 100, false),
            "本次会议应到委员246人，因事因病请假5人，实到100人，不符合规定人数"
        );
        assert_eq!(announcement("常委", 45, 0, 45, true), "本次会议应到常委45人，实到45人，符合规定人数");
        assert_eq!(body_word(MeetingKind::StandingCommittee), "常委");
        assert_eq!(body_word(MeetingKind::Plenary), "委员");
    }

    #[test]
    fn lateness_counts_whole_minutes_after_start_plus_grace() {
        let d = chrono::NaiveDate::from_ymd_opt(2021, 1, 19).expect("date");
        assert!(!is_late(d, "08:30", 0, dt("2021-01-19 08:30:59")), "within the starting minute");
        assert!(is_late(d, "08:30", 0, dt("2021-01-19 08:31:00")));
        assert!(!is_late(d, "08:30", 5, dt("2021-01-19 08:35:30")), "inside a five-minute grace");
        assert!(is_late(d, "08:30", 5, dt("2021-01-19 08:36:00")));
        assert!(!is_late(d, "", 0, dt("2021-01-19 11:00:00")), "no start time, nobody late");
    }

    #[test]
    fn folding_movements() {
        use AttendanceEventKind::*;
        let p = fold(&[(CheckIn, dt("2021-01-19 08:20:00")), (LeaveEarly, dt("2021-01-19 10:00:00"))]);
        assert!(p.present() && p.left_early() && !p.in_room, "checked in then left: present, left early");
        let p = fold(&[
            (CheckIn, dt("2021-01-19 08:20:00")),
            (LeaveEarly, dt("2021-01-19 10:00:00")),
            (Return, dt("2021-01-19 10:30:00")),
        ]);
        assert!(p.in_room && !p.left_early(), "came back");
        assert_eq!(p.returned, Some(dt("2021-01-19 10:30:00")));
        let p = fold(&[(LeaveEarly, dt("2021-01-19 10:00:00"))]);
        assert!(!p.present(), "leaving without a check-in means nothing");
        let p = fold(&[(CheckIn, dt("2021-01-19 08:40:00")), (CheckIn, dt("2021-01-19 08:10:00"))]);
        assert_eq!(p.checked_in, Some(dt("2021-01-19 08:10:00")), "a corrected earlier check-in wins");
    }
}
