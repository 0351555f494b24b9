//! How long a roster import holds the write lock, seen from another connection (the desk).
//!
//! Run: `cargo bench -p huiwu-core --bench import` (or `--profile dev` for debug figures). For
//! rosters of 330, 2 000 (with a 10 KB 个人简历 per row: a 20 MB file) and 20 000 members it
//! prints the whole import's time and the longest a second connection waited for `BEGIN
//! IMMEDIATE` while the import ran: what a check-in at the desk would wait. No assertion.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use huiwu_core::roster::import::{self, ImportOptions};
use huiwu_core::{committee, demo, Db};

fn csv(n: usize, cv_chars: usize) -> String {
    let given: Vec<char> = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞".chars().collect();
    let cv = "长期从事基层治理与经济研究工作".repeat(cv_chars / 15);
    let mut s = String::from("委员编号,姓名,性别,界别,小组,联系电话,座位号,个人简历\n");
    for i in 0..n {
        let name = format!("{}{}{}", ['王', '李', '张'][i % 3], given[i % 20], given[(i / 20) % 20]);
        let _ =
            writeln!(s, "M{i:05},{name},男,经济界,第{}组,139{i:08},{}排{}号,{cv}", i % 10 + 1, i / 30 + 1, i % 30 + 1);
    }
    s
}

fn main() -> huiwu_core::Result<()> {
    for (n, cv) in [(330, 0), (2_000, 3_400), (20_000, 0)] {
        let dir = tempfile::tempdir().map_err(|e| huiwu_core::Error::io("临时目录", e))?;
        let path = dir.path().join("c.db");
        let mut db = Db::create(&path)?;
        committee::create(&mut db, &demo::demo_committee())?;
        let text = csv(n, cv);
        let stop = Arc::new(AtomicBool::new(false));
        let prober = {
            let (stop, path) = (stop.clone(), path.clone());
            std::thread::spawn(move || -> rusqlite::Result<(Duration, usize)> {
                let conn = rusqlite::Connection::open(&path)?;
                conn.busy_timeout(Duration::from_secs(30))?;
                let (mut worst, mut probes) = (Duration::ZERO, 0);
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;")?;
                    worst = worst.max(t.elapsed());
                    probes += 1;
                    std::thread::sleep(Duration::from_millis(2));
                }
                Ok((worst, probes))
            })
        };
        let t = Instant::now();
        let out = import::import(&mut db, text.as_bytes(), "bench.csv", &ImportOptions::default())?;
        let took = t.elapsed();
        stop.store(true, Ordering::Relaxed);
        let (worst, probes) = prober.join().ok().and_then(|r| r.ok()).unwrap_or_default();
        println!(
            "{n:>6} members, {:>5.1} MB: import {:>7.0} ms; longest wait for the write lock {:>6.0} ms ({probes} probes); created {}",
            text.len() as f64 / 1048576.0,
            took.as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0,
            out.created
        );
    }
    Ok(())
}
