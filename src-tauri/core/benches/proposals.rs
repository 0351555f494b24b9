//! Listing and statistics of proposals at 5 000 in one session (target: under 50 ms each).
//!
//! Run: `cargo bench -p huiwu-core --bench proposals` (release). Builds the demo committee (202
//! proposals of 六届四次会议) and adds proposals through the core functions until the session
//! holds 5 000: most filed, assigned, answered and rated, some not filed, some still awaiting
//! review. Then times `list_proposals` (the whole register, one category, a search, the proposals
//! behind a figure) and `proposal_stats`, printing p50/p90/max. No assertion: figures to report.
//!
//! Twice: with short texts (a line of 案由, 建议 and 答复), and with texts as long as real ones
//! (a 案由 of about 800 characters, 建议 of 1 200, an answer of 1 500), which is what a
//! secretariat's file holds and what the list and the statistics must not drag along.

use std::time::{Duration, Instant};

use huiwu_core::proposals::{
    self as p, AnswerClass, AnswerInput, AssignInput, NotFiledOutcome, ProposalFilter, ProposalInput, Rating,
    StatsScope,
};
use huiwu_core::Db;

const TOTAL: usize = 5_000;

/// How long the texts of the added proposals are: `repeat` copies of each sentence.
struct Texts {
    case: usize,
    suggestions: usize,
    answer: usize,
}

const SHORT: Texts = Texts { case: 4, suggestions: 3, answer: 1 };
const REAL: Texts = Texts { case: 47, suggestions: 60, answer: 375 };

fn build(t: &Texts) -> huiwu_core::Result<(Db, i64)> {
    let mut db = Db::open_in_memory()?;
    huiwu_core::demo::build(&mut db)?;
    let session: i64 =
        db.conn().query_row("SELECT id FROM sessions WHERE name = '六届四次会议'", [], |r| r.get(0))?;
    let members: Vec<i64> = huiwu_core::roster::all(db.conn())?.into_iter().map(|m| m.id).collect();
    let units = p::list_units(db.conn(), false)?;
    let categories = p::proposal_settings(db.conn())?.categories;
    let have = p::list_proposals(
        db.conn(),
        &ProposalFilter { session_id: Some(session), ..Default::default() },
        "2020-12-31",
    )?
    .len();
    let inputs: Vec<ProposalInput> = (have..TOTAL)
        .map(|i| ProposalInput {
            session_id: session,
            during_plenary: i % 3 != 0,
            submitter_ids: vec![members[i % members.len()], members[(i * 7 + 3) % members.len()]],
            collective_kind: None,
            collective_name: String::new(),
            title: format!("关于第{i}项民生实事推进落实的建议"),
            category: categories[i % categories.len()].clone(),
            case_text: "近年来群众反映较多，需要统筹解决。".repeat(t.case),
            suggestions: "一是加强统筹；二是加大投入；三是完善机制。".repeat(t.suggestions),
            received_on: format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        })
        .collect();
    let ids = p::add_proposals(&mut db, &inputs)?;
    for (k, &id) in ids.iter().enumerate() {
        match k % 10 {
            0 => continue,
            1 => {
                p::reject_proposal(&mut db, id, "不属于提案范围", NotFiledOutcome::Letter, "2020-12-01")?;
                continue;
            }
            _ => {}
        }
        p::file_proposal(&mut db, id, None, "2020-12-01")?;
        let lead = units[k % units.len()].id;
        let co = units[(k + 5) % units.len()].id;
        p::assign_proposal(
            &mut db,
            id,
            &AssignInput {
                lead_unit_id: lead,
                co_unit_ids: vec![co],
                assigned_on: "2020-12-05".into(),
                deadline: None,
                key_proposal: k % 50 == 0,
                supervisor_id: None,
            },
        )?;
        if k % 10 < 8 {
            p::answer_proposal(
                &mut db,
                id,
                &AnswerInput {
                    answered_on: "2021-01-10".into(),
                    answer_class: AnswerClass::A,
                    text: "已办理。".repeat(t.answer),
                    file_path: String::new(),
                },
            )?;
            p::rate_proposal(&mut db, id, Rating::Satisfied, "2021-01-20")?;
        }
    }
    Ok((db, session))
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> huiwu_core::Result<T>) -> huiwu_core::Result<T> {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<42} p50 {:>7.2} ms   p90 {:>7.2} ms   max {:>7.2} ms",
        ms(times[runs / 2]),
        ms(times[runs * 9 / 10]),
        ms(times[runs - 1])
    );
    Ok(last.expect("at least one run"))
}

fn main() -> huiwu_core::Result<()> {
    for (name, texts) in [("short texts", &SHORT), ("texts of real length", &REAL)] {
        println!("== {name}");
        run(texts)?;
    }
    Ok(())
}

fn run(texts: &Texts) -> huiwu_core::Result<()> {
    let t = Instant::now();
    let (db, session) = build(texts)?;
    println!("built {TOTAL} proposals in {:.1} s", t.elapsed().as_secs_f64());
    let today = "2021-03-01";
    let c = db.conn();
    let all = ProposalFilter { session_id: Some(session), ..Default::default() };
    let n = time("list: whole register of the session", 20, || p::list_proposals(c, &all, today))?.len();
    println!("  ({n} proposals)");
    let cat = ProposalFilter { category: Some("社会建设".into()), ..all.clone() };
    time("list: one category", 20, || p::list_proposals(c, &cat, today))?;
    let q = ProposalFilter { query: Some("民生实事 统筹".into()), ..all.clone() };
    time("list: search two words", 20, || p::list_proposals(c, &q, today))?;
    let fig = ProposalFilter { figure: Some("overdue".into()), ..all.clone() };
    let overdue = time("list: behind a figure (overdue)", 20, || p::list_proposals(c, &fig, today))?.len();
    println!("  ({overdue} overdue)");
    let scope = StatsScope { session_id: Some(session), from: None, to: None };
    let s = time("stats: the session", 20, || p::proposal_stats(c, &scope, today))?;
    println!("  received {} filed {} answered {} overdue {}", s.received, s.filed, s.answered, s.overdue);
    time("stats: the year 2020", 20, || p::proposal_stats(c, &p::year_scope(2020), today))?;
    Ok(())
}
