use super::undo::{snapshot, Snapshot};
use super::*;
use crate::db::Db;
use crate::error::Result;
use crate::opinions::testkit::*;
use crate::opinions::types::*;
use crate::opinions::{add_remark, get_report, list_remarks, set_feedback, unplaced_count};

fn six_remarks(db: &mut Db, fx: &Fixture) -> Vec<i64> {
    add_remarks(
        db,
        fx,
        &[
            (fx.m1, "建议进一步优化营商环境，压缩企业开办时间。"),
            (fx.m3, "营商环境要对标先进地区，推行一网通办。"),
            (fx.m2, "加快矿山生态恢复，落实修复资金。"),
            (fx.m4, "矿山生态修复要引入社会资本。"),
            (fx.m1, "危险化学品企业搬迁要稳妥有序。"),
            (fx.m3, "完善退役军人服务保障体系。"),
        ],
    )
}

fn new_opinion(report: i64, ids: &[i64], topic: &str, text: &str) -> MergeInput {
    MergeInput {
        report_id: report,
        remark_ids: ids.to_vec(),
        topic: topic.into(),
        text: text.into(),
        ..Default::default()
    }
}

fn numbers_and_ids(db: &Db, report: i64) -> Vec<(u32, Vec<i64>)> {
    list_opinions(db.conn(), report)
        .expect("list")
        .into_iter()
        .map(|o| (o.number, o.remarks.iter().map(|r| r.id).collect()))
        .collect()
}

/// Every remark of the report is in exactly one place: one opinion, set aside, or unplaced;
/// none has disappeared; every opinion has at least one remark; numbers are 1..N.
fn assert_nothing_lost(db: &Db, report: i64, all: &[i64], context: &str) {
    let page = list_remarks(db.conn(), &RemarkFilter { report_id: report, ..Default::default() }).expect("remarks");
    let mut listed: Vec<i64> = page.remarks.iter().map(|r| r.id).collect();
    listed.sort_unstable();
    let mut expected = all.to_vec();
    expected.sort_unstable();
    assert_eq!(listed, expected, "{context}: every remark is still listed under the report");
    let opinions = list_opinions(db.conn(), report).expect("opinions");
    let mut in_opinions: Vec<i64> = opinions.iter().flat_map(|o| o.remarks.iter().map(|r| r.id)).collect();
    let placed: Vec<i64> = page.remarks.iter().filter(|r| r.status == RemarkStatus::Placed).map(|r| r.id).collect();
    in_opinions.sort_unstable();
    let mut placed_sorted = placed.clone();
    placed_sorted.sort_unstable();
    assert_eq!(
        in_opinions, placed_sorted,
        "{context}: the placed remarks are exactly those reachable from opinions, once each"
    );
    for r in &page.remarks {
        match r.status {
            RemarkStatus::SetAside => assert!(
                r.set_aside_reason.as_deref().is_some_and(|s| !s.is_empty()) && r.opinion_id.is_none(),
                "{context}: remark {} set aside with a reason and in no opinion",
                r.id
            ),
            RemarkStatus::Unplaced => {
                assert!(r.opinion_id.is_none(), "{context}: unplaced remark {} in no opinion", r.id)
            }
            RemarkStatus::Placed => {}
        }
    }
    for (i, o) in opinions.iter().enumerate() {
        assert_eq!(o.number as usize, i + 1, "{context}: numbering 1..N follows the order");
        assert!(!o.remarks.is_empty(), "{context}: opinion {} keeps at least one remark", o.number);
    }
    let counts = get_report(db.conn(), report).expect("report").counts;
    assert_eq!(counts.total as usize, all.len(), "{context}: total count");
    assert_eq!(counts.unplaced, unplaced_count(db.conn(), report).expect("unplaced"), "{context}: counters agree");
    assert_eq!(counts.placed + counts.set_aside + counts.unplaced, counts.total, "{context}: the three states add up");
}

#[test]
fn merge_links_remarks_and_lists_speakers_and_groups() {
    let (mut db, fx) = fixture();
    let r = six_remarks(&mut db, &fx);
    let o = merge(&mut db, &new_opinion(fx.report, &[r[0], r[1]], "营商环境", "关于持续优化营商环境的建议。"))
        .expect("merge");
    assert_eq!(o.number, 1);
    assert_eq!(o.remarks.iter().map(|x| x.id).collect::<Vec<_>>(), vec![r[0], r[1]]);
    assert_eq!(o.speakers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["张三", "王五"]);
    assert_eq!(o.groups, ["第一组", "第二组"]);
    let o2 =
        merge(&mut db, &new_opinion(fx.report, &[r[2], r[3]], "矿山", "关于矿山生态恢复的建议。")).expect("merge 2");
    assert_eq!(o2.number, 2);
    // Into an existing opinion, keeping its text.
    let o = merge(&mut db, &MergeInput { opinion_id: Some(o.id), ..new_opinion(fx.report, &[r[4]], "", "") })
        .expect("into");
    assert_eq!(o.remarks.len(), 3);
    assert_eq!(o.text, "关于持续优化营商环境的建议。", "text unchanged when none is given");
    // A new opinion placed at number 1 pushes the others down.
    let first = merge(
        &mut db,
        &MergeInput {
            number: Some(1), ..new_opinion(fx.report, &[r[5]], "退役军人", "关于退役军人服务的建议。")
        },
    )
    .expect("at 1");
    assert_eq!(first.number, 1);
    assert_eq!(
        numbers_and_ids(&db, fx.report),
        vec![(1, vec![r[5]]), (2, vec![r[0], r[1], r[4]]), (3, vec![r[2], r[3]])]
    );
    assert_eq!(unplaced_count(db.conn(), fx.report).expect("unplaced"), 0);
    let err = merge(&mut db, &new_opinion(fx.report, &[r[0]], "x", "  ")).expect_err("text required");
    assert_eq!(err.code(), "invalid");
    assert_nothing_lost(&db, fx.report, &r, "after merges");
}

#[test]
fn merging_remarks_from_another_opinion_moves_them_and_drops_the_emptied_one() {
    let (mut db, fx) = fixture();
    let r = six_remarks(&mut db, &fx);
    merge(&mut db, &new_opinion(fx.report, &[r[0]], "a", "甲")).expect("a");
    merge(&mut db, &new_opinion(fx.report, &[r[1]], "b", "乙")).expect("b");
    let c = merge(&mut db, &new_opinion(fx.report, &[r[0], r[1], r[2]], "c", "丙")).expect("c");
    assert_eq!(c.number, 1, "the two emptied opinions went, the new one is number 1");
    assert_eq!(list_opinions(db.conn(), fx.report).expect("list").len(), 1);
    undo(&mut db, fx.report).expect("undo");
    assert_eq!(numbers_and_ids(&db, fx.report), vec![(1, vec![r[0]]), (2, vec![r[1]])], "undo brings both back");
}

#[test]
fn split_move_reorder_and_numbering() {
    let (mut db, fx) = fixture();
    let r = six_remarks(&mut db, &fx);
    let a = merge(&mut db, &new_opinion(fx.report, &[r[0], r[1], r[2], r[3]], "", "营商环境和矿山。")).expect("a");
    let b = merge(&mut db, &new_opinion(fx.report, &[r[4]], "", "危化企业搬迁。")).expect("b");
    let split_off = split(&mut db, a.id, &[r[2], r[3]], "矿山", "矿山生态恢复。").expect("split");
    assert_eq!(split_off.number, 2, "the split-off opinion comes right after the original");
    assert_eq!(numbers_and_ids(&db, fx.report), vec![(1, vec![r[0], r[1]]), (2, vec![r[2], r[3]]), (3, vec![r[4]])]);
    assert_eq!(
        split(&mut db, a.id, &[r[0], r[1]], "", "全部").expect_err("all").code(),
        "invalid",
        "cannot split everything off"
    );
    assert_eq!(split(&mut db, a.id, &[r[4]], "", "别的").expect_err("stray").code(), "invalid", "only its own remarks");

    move_remark(&mut db, r[1], Some(b.id)).expect("move");
    assert_eq!(numbers_and_ids(&db, fx.report), vec![(1, vec![r[0]]), (2, vec![r[2], r[3]]), (3, vec![r[4], r[1]])]);
    move_remark(&mut db, r[5], Some(a.id)).expect("place an unplaced remark");
    move_remark(&mut db, r[0], None).expect("take out");
    assert_eq!(get_opinion(db.conn(), a.id).expect("a").remarks.len(), 1, "a keeps r5");

    move_opinion(&mut db, b.id, 1).expect("to top");
    assert_eq!(
        list_opinions(db.conn(), fx.report).expect("l").iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![b.id, a.id, split_off.id]
    );
    reorder(&mut db, fx.report, &[split_off.id, a.id, b.id]).expect("reorder");
    let numbers: Vec<(i64, u32)> =
        list_opinions(db.conn(), fx.report).expect("l").iter().map(|o| (o.id, o.number)).collect();
    assert_eq!(numbers, vec![(split_off.id, 1), (a.id, 2), (b.id, 3)]);
    assert_eq!(reorder(&mut db, fx.report, &[a.id, b.id]).expect_err("missing one").code(), "invalid");
    assert_eq!(reorder(&mut db, fx.report, &[a.id, a.id, b.id]).expect_err("twice").code(), "invalid");
    assert_nothing_lost(&db, fx.report, &r, "after split/move/reorder");
}

#[test]
fn each_operation_is_undone_exactly() {
    let (mut db, fx) = fixture();
    let r = six_remarks(&mut db, &fx);
    let a = merge(&mut db, &new_opinion(fx.report, &[r[0], r[1]], "营商", "甲")).expect("a");
    let b = merge(&mut db, &new_opinion(fx.report, &[r[2], r[3], r[4]], "矿山", "乙")).expect("b");
    set_feedback(
        &mut db,
        b.id,
        &OpinionFeedback {
            receiving_body: "市政府".into(),
            sent_on: Some("2020-02-01".into()),
            adoption: Some(Adoption::Adopted),
            reply: "已采纳".into(),
        },
    )
    .expect("fb");
    set_aside(&mut db, &[r[5]], "与报告无关").expect("aside");

    type Op = Box<dyn Fn(&mut Db) -> Result<()>>;
    let (aid, bid, report) = (a.id, b.id, fx.report);
    let (r0, r1, r2, r3, r4, r5) = (r[0], r[1], r[2], r[3], r[4], r[5]);
    let ops: Vec<(&str, Op)> = vec![
        ("merge new", Box::new(move |db| merge(db, &new_opinion(report, &[r0, r2], "新", "丙")).map(drop))),
        (
            "merge into",
            Box::new(move |db| {
                merge(db, &MergeInput { opinion_id: Some(aid), ..new_opinion(report, &[r3, r5], "改", "改过") })
                    .map(drop)
            }),
        ),
        ("split", Box::new(move |db| split(db, bid, &[r3], "拆", "丁").map(drop))),
        ("move", Box::new(move |db| move_remark(db, r2, Some(aid)))),
        ("move out", Box::new(move |db| move_remark(db, r0, None))),
        (
            "empty by move",
            Box::new(move |db| {
                move_remark(db, r0, Some(bid))?;
                Ok(())
            }),
        ),
        ("reorder", Box::new(move |db| reorder(db, report, &[bid, aid]))),
        ("move opinion", Box::new(move |db| move_opinion(db, aid, 2))),
        ("edit", Box::new(move |db| update_opinion(db, bid, "新主题", "新的归纳文字").map(drop))),
        ("dissolve", Box::new(move |db| dissolve_opinion(db, bid))),
        ("set aside placed", Box::new(move |db| set_aside(db, &[r4, r1], "重复"))),
        ("restore", Box::new(move |db| restore_set_aside(db, &[r5]))),
    ];
    for (name, op) in ops {
        let before_snap = snapshot(db.conn(), fx.report).expect("snap");
        let before_board = board(db.conn(), fx.report).expect("board");
        op(&mut db).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_ne!(snapshot(db.conn(), fx.report).expect("snap"), before_snap, "{name} changes the state");
        assert_nothing_lost(&db, fx.report, &r, name);
        let label = undo(&mut db, fx.report).unwrap_or_else(|e| panic!("undo {name}: {e}"));
        assert!(!label.is_empty());
        assert_eq!(
            snapshot(db.conn(), fx.report).expect("snap"),
            before_snap,
            "undo of {name} restores the state exactly"
        );
        assert_eq!(
            board(db.conn(), fx.report).expect("board"),
            before_board,
            "undo of {name}: the screen shows the same"
        );
        assert_nothing_lost(&db, fx.report, &r, &format!("undo {name}"));
    }
    // Undo walks back all the way, then there is nothing more to undo.
    while undo(&mut db, fx.report).is_ok() {}
    assert!(list_opinions(db.conn(), fx.report).expect("l").is_empty(), "back to no opinions");
    assert_eq!(unplaced_count(db.conn(), fx.report).expect("u"), 6, "every remark is unplaced again");
    let err = undo(&mut db, fx.report).expect_err("empty stack");
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("没有可以撤销"), "{err}");
}

#[test]
fn undo_survives_reopening_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("h.db");
    let (mut mem, fx) = fixture();
    let r = six_remarks(&mut mem, &fx);
    merge(&mut mem, &new_opinion(fx.report, &[r[0], r[1]], "", "甲")).expect("merge");
    mem.backup_to(&path).expect("backup");
    drop(mem);
    let mut db = Db::open(&path).expect("open");
    assert_eq!(
        undo_state(db.conn(), fx.report).expect("state"),
        (Some("合并".to_string()), 1),
        "the stack is persisted"
    );
    assert_eq!(undo(&mut db, fx.report).expect("undo"), "合并");
    assert_eq!(unplaced_count(db.conn(), fx.report).expect("u"), 6);
}

#[test]
fn nothing_a_member_said_is_lost_through_many_random_operations() {
    let (mut db, fx) = fixture();
    let speakers = [fx.m1, fx.m2, fx.m3, fx.m4];
    let mut all = Vec::new();
    for i in 0..40 {
        let s = speakers[i % 4];
        all.push(
            add_remark(&mut db, &remark_input(&fx, Some(s), &format!("第{i}条：关于社会治理和营商环境的意见。")))
                .expect("add")
                .id,
        );
    }
    // A small deterministic generator, so a failure can be replayed.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| -> usize {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut history: Vec<Snapshot> = Vec::new();
    for step in 0..300 {
        let opinions = list_opinions(db.conn(), fx.report).expect("l");
        let before = snapshot(db.conn(), fx.report).expect("s");
        let pick = |k: usize, next: &mut dyn FnMut(usize) -> usize| -> Vec<i64> {
            (0..k).map(|_| all[next(all.len())]).collect()
        };
        let result: Result<()> = match next(8) {
            0 | 1 => {
                let ids = pick(1 + next(4), &mut next);
                merge(&mut db, &new_opinion(fx.report, &ids, "t", &format!("归纳{step}"))).map(drop)
            }
            2 if !opinions.is_empty() => {
                let o = &opinions[next(opinions.len())];
                let ids = pick(1 + next(3), &mut next);
                merge(&mut db, &MergeInput { opinion_id: Some(o.id), ..new_opinion(fx.report, &ids, "", "") }).map(drop)
            }
            3 if !opinions.is_empty() => {
                let o = &opinions[next(opinions.len())];
                if o.remarks.len() > 1 {
                    split(&mut db, o.id, &[o.remarks[0].id], "s", "拆出").map(drop)
                } else {
                    dissolve_opinion(&mut db, o.id)
                }
            }
            4 => {
                let to =
                    if opinions.is_empty() || next(3) == 0 { None } else { Some(opinions[next(opinions.len())].id) };
                move_remark(&mut db, all[next(all.len())], to)
            }
            5 if opinions.len() > 1 => {
                move_opinion(&mut db, opinions[next(opinions.len())].id, 1 + next(opinions.len()) as u32)
            }
            6 => set_aside(&mut db, &pick(1 + next(2), &mut next), "重复"),
            _ => match history.pop() {
                Some(expected) => {
                    undo(&mut db, fx.report).expect("undo");
                    assert_eq!(
                        snapshot(db.conn(), fx.report).expect("s"),
                        expected,
                        "step {step}: undo restores the state"
                    );
                    assert_nothing_lost(&db, fx.report, &all, &format!("step {step} (undo)"));
                    continue;
                }
                None => Ok(()),
            },
        };
        if result.is_ok() && snapshot(db.conn(), fx.report).expect("s") != before {
            history.push(before);
        }
        assert_nothing_lost(&db, fx.report, &all, &format!("step {step}"));
    }
    // Undo everything that is still on the stack (at most UNDO_DEPTH operations).
    let depth = undo_state(db.conn(), fx.report).expect("st").1 as usize;
    for i in 0..depth {
        let expected = history.pop().expect("history as deep as the stack");
        undo(&mut db, fx.report).expect("undo");
        assert_eq!(snapshot(db.conn(), fx.report).expect("s"), expected, "final unwinding {i}");
        assert_nothing_lost(&db, fx.report, &all, "final unwinding");
    }
}

#[test]
fn set_aside_needs_a_reason_and_finalising_needs_every_remark_placed() {
    let (mut db, fx) = fixture();
    let r = six_remarks(&mut db, &fx);
    assert_eq!(set_aside(&mut db, &[r[5]], "  ").expect_err("no reason").code(), "invalid");
    merge(&mut db, &new_opinion(fx.report, &r[0..4], "", "甲")).expect("merge");
    assert_eq!(unplaced_count(db.conn(), fx.report).expect("u"), 2);
    let err = finalise(&mut db, fx.report).expect_err("two unplaced");
    assert_eq!(err.code(), "conflict");
    assert_eq!(
        err.to_string(),
        "《政府工作报告》还有 2 条发言意见既未归入协商意见，也未标为不纳入，不能定稿。请先逐条处理。"
    );
    set_aside(&mut db, &[r[4], r[5]], "属于提案范围，转提案委").expect("aside");
    let report = finalise(&mut db, fx.report).expect("finalise");
    assert!(report.finalised_at.is_some());
    let err = move_remark(&mut db, r[4], None).expect_err("finalised");
    assert!(err.to_string().contains("已定稿"), "{err}");
    assert_eq!(undo(&mut db, fx.report).expect_err("finalised").code(), "conflict");
    reopen(&mut db, fx.report).expect("reopen");
    restore_set_aside(&mut db, &[r[4]]).expect("restore");
    assert_eq!(unplaced_count(db.conn(), fx.report).expect("u"), 1);
    let (mut empty, efx) = fixture();
    let err = finalise(&mut empty, efx.report).expect_err("nothing to finalise");
    assert!(err.to_string().contains("还没有任何协商意见"), "{err}");
}

#[test]
fn remarks_of_another_report_are_refused() {
    let (mut db, fx) = fixture();
    let r = six_remarks(&mut db, &fx);
    let court = crate::opinions::create_report(
        &mut db,
        &ReportInput {
            session_id: fx.session,
            kind: ReportKind::Court,
            title: "法院工作报告".into(),
            issuing_body: String::new(),
            body_text: String::new(),
            list_title: String::new(),
        },
    )
    .expect("court");
    let err = merge(&mut db, &new_opinion(court.id, &[r[0]], "", "x")).expect_err("wrong report");
    assert_eq!(err.code(), "invalid");
    assert_eq!(merge(&mut db, &new_opinion(fx.report, &[], "", "x")).expect_err("none").code(), "invalid");
}
