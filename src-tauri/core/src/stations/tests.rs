use chrono::NaiveDateTime;

use super::*;
use crate::attendance::{self, tests::fixture, AttendanceEventKind, PersonRef};
use crate::committee::{self, Committee};
use crate::db::Db;
use crate::error::Error;
use crate::files::Replace;

fn committee_named(db: &mut Db, name: &str) {
    committee::create(
        db,
        &Committee {
            name: name.into(),
            short_name: String::new(),
            term_number: 6,
            term_start: None,
            term_end: None,
            secretariat: String::new(),
        },
    )
    .expect("committee");
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").expect("time")
}

fn check_in(db: &mut Db, sitting: i64, member: i64, when: &str) {
    attendance::import_events(db, sitting, &[(PersonRef::member(member), AttendanceEventKind::CheckIn, at(when))])
        .expect("check in at the station");
}

fn present(db: &Db, sitting: i64) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = attendance::rows(db.conn(), sitting)
        .expect("rows")
        .into_iter()
        .filter_map(|r| r.checked_in_at.clone().map(|t| (r.card.name.clone(), t)))
        .collect();
    v.sort();
    v
}

#[test]
fn a_desk_hands_back_and_merging_twice_changes_nothing_the_second_time() {
    let mut fx = fixture();
    committee_named(&mut fx.db, "政协安宁市第六届委员会");
    let dir = tempfile::tempdir().expect("dir");
    let pkg = dir.path().join("desk.huiwu-station");
    let summary = export_package(&mut fx.db, &PackageScope::Desk { sittings: vec![fx.opening] }, &pkg, Replace::No)
        .expect("export");
    assert_eq!(summary.sittings, 1, "one sitting in the package");

    let mut station = Db::open_in_memory().expect("station db");
    let info = open_package(&mut station, &pkg).expect("open package");
    assert_eq!(info.kind, StationKind::Desk);
    assert!(station_info(fx.db.conn()).expect("info").is_none(), "the master is not a station");
    check_in(&mut station, fx.opening, fx.m["A1"], "2021-01-19 08:01:00");
    check_in(&mut station, fx.opening, fx.m["A3"], "2021-01-19 08:02:00");

    let back = dir.path().join("desk.back");
    let hb = handback(&station, &back, Replace::No).expect("hand back");
    assert_eq!(hb.events, 2, "two check-ins handed back");

    let first = merge(&mut fx.db, &back, false).expect("merge");
    assert_eq!((first.applied, first.already_present, first.conflicts.len()), (2, 0, 0));
    let after_first = present(&fx.db, fx.opening);
    assert_eq!(after_first.len(), 2, "both present at the master: {after_first:?}");
    let again = merge(&mut fx.db, &back, false).expect("merge again");
    assert_eq!((again.applied, again.already_present, again.conflicts.len()), (0, 2, 0));
    assert_eq!(present(&fx.db, fx.opening), after_first, "the second merge changed nothing");

    let audit_ops: Vec<String> = fx
        .db
        .conn()
        .prepare("SELECT operator FROM audit_log WHERE entity = 'attendance_event' ORDER BY id DESC LIMIT 2")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("q")
        .collect::<rusqlite::Result<_>>()
        .expect("q");
    assert!(audit_ops.iter().all(|o| o.contains("签到台")), "merged under the station's name: {audit_ops:?}");
    let list = stations(fx.db.conn()).expect("stations");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].merges, 2, "both merges recorded");
}

#[test]
fn a_check_in_for_a_sitting_closed_meanwhile_is_a_conflict_kept_once_and_decided_by_a_person() {
    let mut fx = fixture();
    committee_named(&mut fx.db, "政协安宁市第六届委员会");
    let dir = tempfile::tempdir().expect("dir");
    let pkg = dir.path().join("desk.pkg");
    export_package(&mut fx.db, &PackageScope::Desk { sittings: vec![fx.opening] }, &pkg, Replace::No).expect("export");
    let mut station = Db::open_in_memory().expect("station");
    open_package(&mut station, &pkg).expect("open");
    check_in(&mut station, fx.opening, fx.m["A2"], "2021-01-19 08:10:00");
    let back = dir.path().join("back");
    handback(&station, &back, Replace::No).expect("hand back");

    attendance::close_sitting(&mut fx.db, fx.opening).expect("close at the master");
    let dry = merge(&mut fx.db, &back, true).expect("dry run");
    assert!(dry.dry_run);
    assert_eq!(dry.conflicts.len(), 1, "the dry run shows the conflict");
    assert!(conflicts(fx.db.conn(), true).expect("list").is_empty(), "a dry run stores nothing");

    let r = merge(&mut fx.db, &back, false).expect("merge");
    assert_eq!(r.applied, 0, "nothing applied in silence");
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].kind, ConflictKind::SittingClosed, "{:?}", r.conflicts);
    assert!(r.conflicts[0].description.contains("陈学建"), "{}", r.conflicts[0].description);
    assert!(present(&fx.db, fx.opening).is_empty(), "not applied");
    let again = merge(&mut fx.db, &back, false).expect("merge again");
    assert!(again.conflicts.iter().all(|c| c.known), "known the second time");
    let pending = conflicts(fx.db.conn(), true).expect("pending");
    assert_eq!(pending.len(), 1, "stored once");

    let decided = resolve_conflict(&mut fx.db, pending[0].id, ConflictDecision::Apply).expect("apply");
    assert_eq!(decided.decision.as_deref(), Some("applied"));
    assert_eq!(present(&fx.db, fx.opening).len(), 1, "applied by a person's decision");
    assert!(matches!(resolve_conflict(&mut fx.db, pending[0].id, ConflictDecision::Reject), Err(Error::Conflict(_))));
    let last = merge(&mut fx.db, &back, false).expect("merge after deciding");
    assert_eq!((last.applied, last.conflicts.len()), (0, 0), "{last:?}");
}

#[test]
fn damaged_foreign_and_unknown_files_are_refused_whole() {
    let mut fx = fixture();
    committee_named(&mut fx.db, "政协安宁市第六届委员会");
    let dir = tempfile::tempdir().expect("dir");
    let pkg = dir.path().join("desk.pkg");
    export_package(&mut fx.db, &PackageScope::Desk { sittings: vec![fx.opening] }, &pkg, Replace::No).expect("export");
    let mut station = Db::open_in_memory().expect("station");
    open_package(&mut station, &pkg).expect("open");
    check_in(&mut station, fx.opening, fx.m["A1"], "2021-01-19 08:01:00");
    let back = dir.path().join("back");
    handback(&station, &back, Replace::No).expect("hand back");
    let bytes = std::fs::read(&back).expect("read");

    let cut = dir.path().join("cut");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let e = merge(&mut fx.db, &cut, false).expect_err("truncated");
    assert!(e.to_string().contains("不完整"), "{e}");

    let mut evil = bytes.clone();
    let i = bytes.len() / 2;
    evil[i] ^= 0x01;
    let tampered = dir.path().join("tampered");
    std::fs::write(&tampered, &evil).expect("write");
    let e = merge(&mut fx.db, &tampered, false).expect_err("tampered");
    assert!(e.to_string().contains("校验码"), "{e}");

    let mut other = fixture();
    committee_named(&mut other.db, "政协临江市第五届委员会");
    let e = merge(&mut other.db, &back, false).expect_err("another committee");
    assert!(e.to_string().contains("不属于本委员会"), "{e}");

    let e = merge(&mut station, &back, false).expect_err("a station cannot merge");
    assert!(e.to_string().contains("分站"), "{e}");

    fx.db.fixture_conn().execute("DELETE FROM station_packages", []).expect("forget the package");
    let e = merge(&mut fx.db, &back, false).expect_err("unknown master state");
    assert!(e.to_string().contains("较早的备份"), "{e}");
    assert!(present(&fx.db, fx.opening).is_empty(), "nothing applied by any refused file");
}

fn leave_for(member: i64, sitting: i64) -> attendance::LeaveInput {
    attendance::LeaveInput {
        member_id: member,
        kind: attendance::LeaveKind::Sick,
        kind_label: String::new(),
        reason: "住院".into(),
        approver: "秘书长".into(),
        sitting_ids: vec![sitting],
        part: false,
        from_time: None,
        to_time: None,
        entered: None,
    }
}

#[test]
fn leave_recorded_and_cancelled_at_a_desk_reaches_the_master_once() {
    let mut fx = fixture();
    committee_named(&mut fx.db, "政协安宁市第六届委员会");
    let earlier =
        attendance::record_leave(&mut fx.db, &leave_for(fx.m["A5"], fx.opening)).expect("leave at the master");
    let dir = tempfile::tempdir().expect("dir");
    let pkg = dir.path().join("desk.pkg");
    export_package(&mut fx.db, &PackageScope::Desk { sittings: vec![fx.opening] }, &pkg, Replace::No).expect("export");
    let mut station = Db::open_in_memory().expect("station");
    open_package(&mut station, &pkg).expect("open");
    assert_eq!(
        attendance::leaves_for_sitting(station.conn(), fx.opening).expect("leaves").len(),
        1,
        "the package carries leave so far"
    );
    attendance::record_leave(&mut station, &leave_for(fx.m["A4"], fx.opening)).expect("leave at the desk");
    attendance::cancel_leave(&mut station, earlier.id, "本人到会").expect("cancelled at the desk");
    let back = dir.path().join("back");
    let hb = handback(&station, &back, Replace::No).expect("hand back");
    assert_eq!(hb.leaves, 2, "one new, one cancelled");

    let r = merge(&mut fx.db, &back, false).expect("merge");
    assert_eq!((r.applied_leaves, r.conflicts.len()), (2, 0), "{r:?}");
    let leaves = attendance::leaves_for_sitting(fx.db.conn(), fx.opening).expect("leaves");
    let a4 = leaves.iter().find(|l| l.member_id == fx.m["A4"]).expect("the desk's leave is at the master");
    assert_eq!(a4.sitting_ids, vec![fx.opening], "with its sitting");
    assert!(a4.cancelled_at.is_none());
    let a5 = attendance::get_leave(fx.db.conn(), earlier.id).expect("A5");
    assert!(a5.cancelled_at.is_some(), "the cancellation is merged");
    assert_eq!(a5.cancel_reason, "本人到会");
    let again = merge(&mut fx.db, &back, false).expect("again");
    assert_eq!((again.applied, again.already_present), (0, 3), "{again:?}");
}
