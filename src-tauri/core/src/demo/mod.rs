//! The demo committee (DESIGN.md §5): 政协安宁市第六届委员会, built from the data files in
//! `assets/demo/` through the same core functions a user's actions go through — the committee form,
//! the roster import, the meeting calendar, check-in and leave, remarks and their consolidation.

use crate::committee::{self, Committee};
use crate::db::Db;
use crate::error::Result;

/// The committee the demo file holds.
pub fn demo_committee() -> Committee {
    Committee {
        name: "政协安宁市第六届委员会".into(),
        short_name: "安宁市政协".into(),
        term_number: 6,
        term_start: Some("2017-01-10".into()),
        term_end: Some("2022-01-09".into()),
        secretariat: "政协安宁市委员会办公室".into(),
    }
}

/// Fills an empty database with the demo committee, step by step in the order the features build
/// on one another. The operator recorded in the audit trail is «示例数据».
pub fn build(db: &mut Db) -> Result<()> {
    let previous = db.operator().to_string();
    db.set_operator("示例数据");
    let result = steps(db);
    db.set_operator(&previous);
    result
}

fn steps(db: &mut Db) -> Result<()> {
    committee::create(db, &demo_committee())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_builds_on_an_empty_database() {
        let mut db = Db::open_in_memory().expect("db");
        build(&mut db).expect("demo");
        let c = committee::require(db.conn()).expect("committee");
        assert_eq!(c.name, "政协安宁市第六届委员会");
        let operators: Vec<String> = db
            .conn()
            .prepare("SELECT DISTINCT operator FROM audit_log")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(operators, vec!["示例数据".to_string()], "the demo's changes are audited as 示例数据");
    }
}
