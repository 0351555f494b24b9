//! How fast is the one search box? Builds a roster of 520 members (the demo's 206 plus generated
//! ones, many sharing surnames) and times `roster::search` (index built from the database, then
//! queried — what one call does) and a query on a kept `SearchIndex`.
//!
//! Run: `cargo bench -p huiwu-core --bench roster_search`

use std::time::{Duration, Instant};

use huiwu_core::roster::{self, import::ImportOptions, SearchIndex};
use huiwu_core::Db;

fn main() {
    let mut db = Db::open_in_memory().expect("db");
    let demo = include_str!("../../../assets/demo/roster.csv");
    let surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
    let given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红志国建文斌军红梅";
    let s: Vec<char> = surnames.chars().collect();
    let g: Vec<char> = given.chars().collect();
    let mut csv = demo.to_string();
    for i in 0..314 {
        let name: String = if i % 3 == 0 {
            format!("{}{}", s[i % s.len()], g[(i * 7) % g.len()])
        } else {
            format!("{}{}{}", s[i % s.len()], g[(i * 5) % g.len()], g[(i * 11 + 3) % g.len()])
        };
        csv.push_str(&format!(
            "B{:04},{name},男,汉族,19{:02}.{:02},无党派,经济界,第{}组,委员,某单位,139{:08},{}排{}号\n",
            i,
            50 + i % 40,
            1 + i % 12,
            ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][i % 10],
            i,
            10 + i / 30,
            1 + i % 30
        ));
    }
    roster::import::import(
        &mut db,
        csv.as_bytes(),
        "bench.csv",
        &ImportOptions { joined_on: Some("2017-01-10".into()), ..Default::default() },
    )
    .expect("import");
    let total = roster::all(db.conn()).expect("all").len();
    println!("roster: {total} members");

    let queries = ["zw", "wf", "zhangwei", "张", "伟", "A6101", "12排3号", "lihong", "w", "xyzq"];
    let rounds = 200;
    for date in [None, Some("2020-06-01")] {
        let mut worst = Duration::ZERO;
        let mut sum = Duration::ZERO;
        let mut n = 0u32;
        let mut hits = 0usize;
        for _ in 0..rounds / 10 {
            for q in queries {
                let t = Instant::now();
                hits += roster::search(db.conn(), q, date).expect("search").len();
                let d = t.elapsed();
                worst = worst.max(d);
                sum += d;
                n += 1;
            }
        }
        println!(
            "roster::search (build index from db + query), date {:?}: mean {:.3} ms, worst {:.3} ms over {n} calls ({hits} hits)",
            date,
            sum.as_secs_f64() * 1000.0 / n as f64,
            worst.as_secs_f64() * 1000.0
        );
    }
    let t = Instant::now();
    for _ in 0..50 {
        roster::all(db.conn()).expect("all");
    }
    println!("roster::all (read {total} members): {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / 50.0);
    let members = roster::all(db.conn()).expect("all");
    let t = Instant::now();
    for _ in 0..50 {
        SearchIndex::from_members(members.clone());
    }
    println!("SearchIndex::from_members (pinyin readings): {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / 50.0);
    let index = SearchIndex::build(db.conn(), None).expect("index");
    for q in queries {
        let t = Instant::now();
        let mut hits = 0;
        for _ in 0..rounds {
            hits = index.query(q).len();
        }
        let d = t.elapsed();
        println!(
            "SearchIndex::query({q:>10}): {:>7.1} µs per query, {hits} hits",
            d.as_secs_f64() * 1e6 / rounds as f64
        );
    }
}
