//! What a new session or plenary meeting starts from, taken from what the file already knows: the
//! committee's term (第七届 → 7), the sessions held so far, and the session's name and dates.

use rusqlite::Connection;

use super::{get_session, session_name, MeetingInput, MeetingKind, SessionInput};
use crate::committee;
use crate::error::Result;
use crate::numerals::{numeral, parse_numeral};

/// The term (届) the committee's name gives (政协安宁市第七届委员会 → 7), else its recorded term.
pub fn committee_term(conn: &Connection) -> Result<Option<u32>> {
    let Some(c) = committee::get(conn)? else { return Ok(None) };
    let from_name = c
        .name
        .split_once('第')
        .and_then(|(_, rest)| rest.split_once('届'))
        .and_then(|(n, _)| n.trim().parse::<u32>().ok().or_else(|| parse_numeral(n.trim())));
    Ok(from_name.or(Some(c.term_number)).filter(|t| *t > 0))
}

/// A new session: the committee's term, the next session number of that term, and the year after
/// the last session's (or `this_year`, default the current local year, when there is none).
pub fn session_defaults(conn: &Connection, this_year: Option<i32>) -> Result<SessionInput> {
    let this_year = this_year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let term = committee_term(conn)?.unwrap_or(1);
    let (last_no, last_year): (Option<u32>, Option<i32>) =
        conn.query_row("SELECT max(session_number), max(year) FROM sessions WHERE term_number = ?1", [term], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let session_number = last_no.map_or(1, |n| n + 1);
    let year = last_year.map_or(this_year, |y| y + 1);
    Ok(SessionInput {
        term_number: term,
        session_number,
        name: session_name(term, session_number),
        year,
        opened_on: None,
        closed_on: None,
    })
}

/// The plenary meeting of a session: titled as the committee names it (政协安宁市第七届委员会第四次
/// 会议), over the session's dates (its year's first day when it has none yet).
pub fn plenary_defaults(conn: &Connection, session_id: i64) -> Result<MeetingInput> {
    let s = get_session(conn, session_id)?;
    let title = match committee::get(conn)? {
        Some(c) if committee_term(conn)? == Some(s.term_number) => {
            format!("{}第{}次会议", c.name, numeral(s.session_number))
        }
        _ => s.name.clone(),
    };
    let start = s.opened_on.clone().unwrap_or_else(|| format!("{}-01-01", s.year));
    let end = s.closed_on.clone().unwrap_or_else(|| start.clone());
    Ok(MeetingInput {
        kind: MeetingKind::Plenary,
        title,
        session_id: Some(s.id),
        ordinal: None,
        topical: false,
        enlarged: false,
        start_date: start,
        end_date: end,
        organizer: String::new(),
        venue: String::new(),
        notes: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::committee::Committee;
    use crate::db::Db;
    use crate::meetings::create_session;

    fn committee(db: &mut Db, name: &str, term: u32) {
        committee::create(
            db,
            &Committee {
                name: name.into(),
                short_name: String::new(),
                term_number: term,
                term_start: None,
                term_end: None,
                secretariat: String::new(),
            },
        )
        .expect("committee");
    }

    #[test]
    fn a_new_session_takes_the_term_from_the_committee_and_follows_the_last_one() {
        let mut db = Db::open_in_memory().expect("db");
        assert_eq!(session_defaults(db.conn(), Some(2026)).expect("d").term_number, 1, "no committee yet: 1");
        // The term typed as 1 by mistake: the name says 第七届.
        committee(&mut db, "政协安宁市第七届委员会", 1);
        let d = session_defaults(db.conn(), Some(2026)).expect("defaults");
        assert_eq!((d.term_number, d.session_number, d.year), (7, 1, 2026));
        assert_eq!(d.name, "七届一次会议");
        create_session(&mut db, &SessionInput { term_number: 7, session_number: 3, year: 2025, ..Default::default() })
            .expect("session");
        let d = session_defaults(db.conn(), Some(2026)).expect("defaults");
        assert_eq!((d.term_number, d.session_number, d.year, d.name.as_str()), (7, 4, 2026, "七届四次会议"));
    }

    #[test]
    fn the_plenary_of_a_session_takes_its_name_and_dates() {
        let mut db = Db::open_in_memory().expect("db");
        committee(&mut db, "政协安宁市第七届委员会", 7);
        let s = create_session(
            &mut db,
            &SessionInput {
                term_number: 7,
                session_number: 4,
                year: 2026,
                opened_on: Some("2026-01-12".into()),
                closed_on: Some("2026-01-15".into()),
                ..Default::default()
            },
        )
        .expect("session");
        let m = plenary_defaults(db.conn(), s.id).expect("defaults");
        assert_eq!(m.title, "政协安宁市第七届委员会第四次会议");
        assert_eq!((m.kind, m.session_id), (MeetingKind::Plenary, Some(s.id)));
        assert_eq!((m.start_date.as_str(), m.end_date.as_str()), ("2026-01-12", "2026-01-15"), "not 2026-01-01");
    }
}
