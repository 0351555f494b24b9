use huiwu_core::{committee, db::Db, overview};

#[test]
fn a_committee_file_survives_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    {
        let mut db = Db::create(&path).expect("create");
        committee::create(
            &mut db,
            &committee::Committee {
                name: "政协测试县第一届委员会".into(),
                short_name: "测试县政协".into(),
                term_number: 1,
                term_start: None,
                term_end: None,
                secretariat: "政协测试县委员会办公室".into(),
            },
        )
        .expect("committee");
    }
    let db = Db::open(&path).expect("reopen");
    let o = overview::overview(&db).expect("overview");
    assert_eq!(o.committee.name, "政协测试县第一届委员会");
    assert_eq!(o.members, 0);
}
