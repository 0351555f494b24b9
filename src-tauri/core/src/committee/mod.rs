//! The committee (委员会) a database file belongs to: one per file, one term (届).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, Db};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Committee {
    /// 政协安宁市第六届委员会
    pub name: String,
    /// 安宁市政协
    pub short_name: String,
    /// 届: 6
    pub term_number: u32,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    /// The issuing office printed on documents: 政协安宁市委员会办公室
    pub secretariat: String,
}

/// Checks and creates the committee of a new, empty database.
pub fn create(db: &mut Db, c: &Committee) -> Result<Committee> {
    let c = normalise(c)?;
    db.write(|tx| {
        if get(tx)?.is_some() {
            return Err(Error::Conflict("此数据库已有委员会，一个数据库文件只保存一个委员会。".into()));
        }
        tx.execute(
            "INSERT INTO committee (id, name, short_name, term_number, term_start, term_end, secretariat, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.name, c.short_name, c.term_number, c.term_start, c.term_end, c.secretariat, now()],
        )?;
        tx.audit("committee", 1, "create", None::<&Committee>, Some(&c))
    })?;
    Ok(c)
}

/// Updates the committee's names and term.
pub fn update(db: &mut Db, c: &Committee) -> Result<Committee> {
    let c = normalise(c)?;
    let old = require(db.conn())?;
    db.write(|tx| {
        tx.execute(
            "UPDATE committee SET name = ?1, short_name = ?2, term_number = ?3, term_start = ?4,
                    term_end = ?5, secretariat = ?6 WHERE id = 1",
            params![c.name, c.short_name, c.term_number, c.term_start, c.term_end, c.secretariat],
        )?;
        tx.audit("committee", 1, "update", Some(&old), Some(&c))
    })?;
    Ok(c)
}

pub fn get(conn: &Connection) -> Result<Option<Committee>> {
    Ok(conn
        .query_row(
            "SELECT name, short_name, term_number, term_start, term_end, secretariat FROM committee WHERE id = 1",
            [],
            |r| {
                Ok(Committee {
                    name: r.get(0)?,
                    short_name: r.get(1)?,
                    term_number: r.get(2)?,
                    term_start: r.get(3)?,
                    term_end: r.get(4)?,
                    secretariat: r.get(5)?,
                })
            },
        )
        .optional()?)
}

pub fn require(conn: &Connection) -> Result<Committee> {
    get(conn)?.ok_or(Error::NoCommittee)
}

fn normalise(c: &Committee) -> Result<Committee> {
    let name = c.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::invalid("委员会名称", "不能为空"));
    }
    if !name.contains("委员会") {
        return Err(Error::invalid("委员会名称", "应为全称，如“政协安宁市第六届委员会”"));
    }
    if c.term_number == 0 || c.term_number > 99 {
        return Err(Error::invalid("届次", format!("应为 1 到 99 之间的整数，而不是 {}", c.term_number)));
    }
    let date = |field: &str, v: &Option<String>| -> Result<Option<String>> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                .map_err(|_| Error::invalid(field, format!("日期“{s}”应写作 2021-01-19 的形式"))),
        }
    };
    Ok(Committee {
        name,
        short_name: c.short_name.trim().to_string(),
        term_number: c.term_number,
        term_start: date("届期开始", &c.term_start)?,
        term_end: date("届期结束", &c.term_end)?,
        secretariat: c.secretariat.trim().to_string(),
    })
}

/// What the form can fill in from a full name such as «政协安宁市第六届委员会».
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct CommitteeSuggestion {
    /// The term read from «第六届» (一 … 九十九), if the name has one.
    pub term_number: Option<u32>,
    /// 安宁市政协, or empty when the name is not of the form 政协…第…届委员会.
    pub short_name: String,
    /// 政协安宁市委员会办公室, or empty likewise.
    pub secretariat: String,
}

/// Reads the term, the short name and the issuing office from a committee's full name.
pub fn suggest(name: &str) -> CommitteeSuggestion {
    let name = name.trim();
    let term = name.split_once('第').and_then(|(_, rest)| rest.split_once('届')).map(|(n, _)| n);
    let place = name.strip_prefix("政协").and_then(|rest| rest.split_once('第')).map(|(p, _)| p);
    let well_formed = name.ends_with("届委员会") && place.is_some_and(|p| !p.is_empty());
    CommitteeSuggestion {
        term_number: term.and_then(crate::numerals::parse_numeral).filter(|n| *n > 0),
        short_name: place.filter(|_| well_formed).map(|p| format!("{p}政协")).unwrap_or_default(),
        secretariat: place.filter(|_| well_formed).map(|p| format!("政协{p}委员会办公室")).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Committee {
        Committee {
            name: " 政协安宁市第六届委员会 ".into(),
            short_name: "安宁市政协".into(),
            term_number: 6,
            term_start: Some("2017-01-10".into()),
            term_end: None,
            secretariat: "政协安宁市委员会办公室".into(),
        }
    }

    #[test]
    fn create_then_get_round_trips_trimmed_and_audited() {
        let mut db = Db::open_in_memory().expect("db");
        assert_eq!(get(db.conn()).expect("get"), None, "a new database has no committee");
        let created = create(&mut db, &sample()).expect("create");
        assert_eq!(created.name, "政协安宁市第六届委员会", "name is trimmed");
        assert_eq!(require(db.conn()).expect("require"), created);
        let audits: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE entity='committee' AND action='create'", [], |r| r.get(0))
            .expect("count");
        assert_eq!(audits, 1);
        let second = create(&mut db, &sample()).expect_err("only one committee per file");
        assert_eq!(second.code(), "conflict");
    }

    #[test]
    fn bad_fields_are_named() {
        let mut db = Db::open_in_memory().expect("db");
        let err = create(&mut db, &Committee { name: "安宁市政协".into(), ..sample() }).expect_err("short name");
        assert_eq!(err.code(), "invalid", "the full name with 委员会 is asked for, by the core as by the window");
        let err = create(&mut db, &Committee { name: "  ".into(), ..sample() }).expect_err("empty name");
        assert!(err.to_string().contains("委员会名称"), "{err}");
        let err =
            create(&mut db, &Committee { term_start: Some("2017.1.10".into()), ..sample() }).expect_err("bad date");
        assert!(err.to_string().contains("届期开始"), "{err}");
    }

    #[test]
    fn suggests_term_short_name_and_office_from_the_full_name() {
        let s = suggest(" 政协安宁市第六届委员会 ");
        assert_eq!(s.term_number, Some(6));
        assert_eq!((s.short_name.as_str(), s.secretariat.as_str()), ("安宁市政协", "政协安宁市委员会办公室"));
        assert_eq!(suggest("政协某县第十届委员会").term_number, Some(10));
        assert_eq!(suggest("政协某市第十二届委员会").term_number, Some(12));
        assert_eq!(suggest("政协某市第二十一届委员会").term_number, Some(21));
        assert_eq!(suggest("安宁市政协"), CommitteeSuggestion::default(), "nothing to read");
        assert_eq!(suggest("某市第三届委员会").short_name, "", "not of the form 政协…第…届委员会");
    }
}
