use std::path::Path;

use super::*;
use crate::roster::{self, MemberInput, Role};

/// A committee file with a committee and `members` members.
fn committee_file(path: &Path, members: usize) -> Db {
    let mut db = Db::create(path).expect("create");
    crate::committee::create(&mut db, &crate::demo::demo_committee()).expect("committee");
    for i in 0..members {
        add_member(&mut db, i);
    }
    db
}

fn add_member(db: &mut Db, i: usize) {
    let input = MemberInput {
        member_no: Some(format!("A{i}")),
        name: format!("委员{}", crate::numerals::numeral(u32::try_from(i + 1).expect("small"))),
        gender: "男".into(),
        group: Some("第一组".into()),
        role: Role::Member,
        joined_on: "2017-01-10".into(),
        ..MemberInput::default()
    };
    roster::create(db, &input).expect("member");
}

/// Rewrites the file at `path` as version `version` of the schema wrote it: a file made by the first
/// `version` migrations alone, holding the rows of every table that existed then (the columns of that
/// time). Built from [`crate::db::MIGRATIONS`], so a new migration needs no change here.
fn as_written_by_version(path: &Path, version: u32) {
    let newer = path.with_extension("newer");
    std::fs::rename(path, &newer).expect("move the file aside");
    let conn = rusqlite::Connection::open(path).expect("a new file");
    for m in crate::db::MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(m.sql).expect("an old migration");
    }
    conn.pragma_update(None, "user_version", version).expect("version");
    conn.pragma_update(None, "application_id", crate::db::APPLICATION_ID).expect("application id");
    conn.execute("ATTACH DATABASE ?1 AS newer", [newer.to_string_lossy()]).expect("attach");
    // Plain tables only: a full-text index is filled by its table's triggers.
    let virtuals: Vec<String> = names(&conn, "SELECT name FROM main.sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'");
    let tables: Vec<String> =
        names(&conn, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .into_iter()
            .filter(|t| !virtuals.iter().any(|v| t == v || t.starts_with(&format!("{v}_"))))
            .collect();
    conn.execute_batch("PRAGMA foreign_keys = OFF").expect("foreign keys off");
    for t in &tables {
        let columns = names(&conn, &format!("SELECT '\"' || name || '\"' FROM pragma_table_info('{t}')")).join(", ");
        // The rows a migration seeds (settings, rules) are in the newer file too.
        conn.execute_batch(&format!(
            "DELETE FROM main.\"{t}\"; INSERT INTO main.\"{t}\" ({columns}) SELECT {columns} FROM newer.\"{t}\""
        ))
        .unwrap_or_else(|e| panic!("copy {t}: {e}"));
    }
    conn.execute_batch("DETACH DATABASE newer").expect("detach");
    drop(conn);
    std::fs::remove_file(&newer).expect("remove the newer file");
}

fn names(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).expect("prepare");
    let rows = stmt.query_map([], |r| r.get(0)).expect("query");
    rows.collect::<rusqlite::Result<_>>().expect("names")
}

fn member_count(db: &Db) -> u32 {
    db.conn().query_row("SELECT count(*) FROM members", [], |r| r.get(0)).expect("count")
}

#[test]
fn take_names_the_file_by_time_reason_and_audit_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("委员会.db");
    let db = committee_file(&path, 2);
    let audit = last_audit_id(&db).expect("audit");
    let s = take(&db, Reason::BeforeClosing).expect("take").expect("a file-backed db has snapshots");
    assert_eq!(s.path.parent(), Some(folder(&path).as_path()), "in <file>.snapshots/");
    assert!(
        s.file_name.ends_with(&format!("-closing-a{audit}.db")),
        "name says why and which audit row: {}",
        s.file_name
    );
    assert_eq!(s.file_name.len(), "20210119-083000-closing-a".len() + audit.to_string().len() + 3, "{}", s.file_name);
    assert_eq!((s.reason, s.reason_label.as_str(), s.audit), (Reason::BeforeClosing, "结束考勤前", audit));
    assert!(s.size > 0, "size in bytes");
    let counts = s.counts.expect("counts read from the snapshot");
    assert_eq!((counts.members, counts.meetings, counts.sittings, counts.remarks), (2, 0, 0, 0));
    let again = take(&db, Reason::BeforeClosing).expect("take").expect("snapshot");
    assert_ne!(again.file_name, s.file_name, "a second snapshot in the same second gets a name of its own");
    assert_eq!(list(&path).len(), 2, "both listed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(folder(&path)).expect("folder").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "the snapshot folder is the owner's alone");
        let mode = std::fs::metadata(&s.path).expect("file").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a snapshot holds personal data: 0600");
    }
}

#[cfg(unix)]
#[test]
fn a_folder_pulled_out_from_under_the_open_file_is_not_made_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stick = dir.path().join("U盘");
    std::fs::create_dir(&stick).expect("stick");
    let db = committee_file(&stick.join("c.db"), 1);
    std::fs::rename(&stick, dir.path().join("elsewhere")).expect("the stick goes");
    let err = take(&db, Reason::Hourly).expect_err("no folder, no snapshot");
    assert_eq!(err.code(), "folder_missing", "{err}");
    assert!(!stick.exists(), "the stick's folder is not made on the local disk");
    let folder = folder(&dir.path().join("elsewhere").join("c.db"));
    assert!(!folder.exists(), "nor a snapshot folder anywhere");
}

#[test]
fn maybe_take_on_open_takes_at_most_one_a_day_and_none_of_an_empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = Db::create(&dir.path().join("empty.db")).expect("create");
    assert!(maybe_take(&empty, Reason::Open).expect("maybe").is_none(), "nothing written yet: nothing to keep");

    let path = dir.path().join("c.db");
    let mut db = committee_file(&path, 1);
    assert!(maybe_take(&db, Reason::Open).expect("maybe").is_some(), "the first open of the day takes one");
    add_member(&mut db, 9);
    assert!(maybe_take(&db, Reason::Open).expect("maybe").is_none(), "a second open the same day takes none");
    assert!(maybe_take(&db, Reason::Hourly).expect("maybe").is_none(), "hourly waits an hour after the last");
    assert!(maybe_take(&db, Reason::BeforeFinalising).expect("maybe").is_some(), "before finalising: always");
    assert_eq!(list(&path).len(), 2);
}

#[test]
fn prune_keeps_the_newest_and_one_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("c.db.snapshots");
    std::fs::create_dir(&folder).expect("folder");
    let touch = |name: &str| std::fs::write(folder.join(name), b"x").expect("write");
    // 30 on the newest day, then two on each of the 20 days before.
    for i in 0..30 {
        touch(&format!("20210130-{:02}0000-hourly-a{}.db", i % 24, 1000 + i));
    }
    for day in 1..=20 {
        touch(&format!("202012{:02}-090000-open-a{day}.db", day));
        touch(&format!("202012{:02}-180000-hourly-a{day}.db", day));
    }
    touch("notes.txt");
    touch("20210130-xx-open-a1.db");
    prune(&folder, None).expect("prune");
    let left = list::scan_names(&folder);
    // The newest 24 are all of 2021-01-30; then the newest of 13 more days (14 days in all).
    assert_eq!(left.len(), 24 + 13, "kept: {:?}", left.iter().map(|s| &s.0).collect::<Vec<_>>());
    for day in 8..=20 {
        assert!(folder.join(format!("202012{day:02}-180000-hourly-a{day}.db")).exists(), "newest of 12-{day} kept");
        assert!(!folder.join(format!("202012{day:02}-090000-open-a{day}.db")).exists(), "older of 12-{day} pruned");
    }
    assert!(!folder.join("20201207-180000-hourly-a7.db").exists(), "a 15th day is pruned");
    assert!(folder.join("notes.txt").exists(), "files that are not snapshots are left alone");
    assert!(folder.join("20210130-xx-open-a1.db").exists(), "names that do not parse are left alone");
}

#[test]
fn scan_lists_newest_first_and_ignores_other_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["20210101-080000-open-a3.db", "20210102-080000-hourly-a5.db", "x.db", "20210103-080000-what-a1.db"] {
        std::fs::write(dir.path().join(name), b"not sqlite").expect("write");
    }
    let all = scan(dir.path());
    let names: Vec<&str> = all.iter().map(|s| s.file_name.as_str()).collect();
    assert_eq!(names, ["20210102-080000-hourly-a5.db", "20210101-080000-open-a3.db"], "newest first, junk ignored");
    assert!(all[0].counts.is_none(), "a file that cannot be read has no counts");
    assert!(scan(&dir.path().join("missing")).is_empty(), "a missing folder has no snapshots");
}

#[test]
fn restore_brings_back_the_old_state_and_keeps_the_current_one_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let mut db = committee_file(&path, 2);
    let snap = take(&db, Reason::Open).expect("take").expect("snapshot");
    add_member(&mut db, 7);
    add_member(&mut db, 8);
    assert_eq!(member_count(&db), 4);

    let aside = restore(&mut db, &snap.path).expect("restore").expect("kept aside");
    assert_eq!(member_count(&db), 2, "the snapshot's members are back");
    assert_eq!((aside.reason, aside.reason_label.as_str()), (Reason::BeforeRestore, "恢复前"));
    assert_eq!(aside.counts.map(|c| c.members), Some(4), "the state before the restore is kept aside");
    assert!(db.check().expect("check").ok, "the restored file is whole");
    let newest =
        crate::audit::list_described(db.conn(), &crate::audit::AuditFilter { limit: Some(1), ..Default::default() })
            .expect("audit");
    assert_eq!(
        (newest[0].action.as_str(), newest[0].subject.as_str()),
        ("恢复到", format!("自动备份 {}", snap.file_name).as_str()),
        "the restore is in the restored audit trail"
    );
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal", "the committee file stays in WAL mode");
    let err = db.conn().execute("DELETE FROM members", []).expect_err("query_only is back on after a restore");
    assert_eq!(Error::from(err).code(), "read_only");
    add_member(&mut db, 9);
    assert_eq!(member_count(&db), 3, "writes go on after a restore");
    drop(db);

    let db = Db::open(&path).expect("reopen");
    assert_eq!(member_count(&db), 3, "the restore is durable");
    assert!(db.check().expect("check").ok);
    // Restoring the kept-aside copy undoes the restore.
    let mut db = db;
    restore(&mut db, &aside.path).expect("restore the copy kept aside");
    assert_eq!(member_count(&db), 4);
}

#[test]
fn restore_refuses_a_damaged_file_and_another_programs_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let mut db = committee_file(&path, 2);

    let garbage = dir.path().join("20210101-080000-open-a1.db");
    std::fs::write(&garbage, vec![0x5a_u8; 8192]).expect("write");
    let err = restore(&mut db, &garbage).expect_err("garbage is refused");
    assert!(matches!(err.code(), "not_a_database" | "corrupt"), "{}: {err}", err.code());
    assert!(err.to_string().contains("不是会务数据库"), "Chinese message: {err}");

    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).expect("other");
    conn.execute_batch("CREATE TABLE members (x); INSERT INTO members VALUES (1);").expect("fill");
    drop(conn);
    let err = restore(&mut db, &other).expect_err("another program's database is refused");
    assert_eq!(err.code(), "bad_file");
    assert!(err.to_string().contains("不是会务软件的数据库文件"), "Chinese message: {err}");

    let err = restore(&mut db, &dir.path().join("missing.db")).expect_err("a missing file");
    assert_eq!(err.code(), "not_found");
    assert!(err.to_string().contains("未找到自动备份文件"), "{err}");

    assert_eq!(member_count(&db), 2, "nothing changed");
    assert!(list(&path).is_empty(), "nothing kept aside when nothing was restored");
}

#[test]
fn a_read_only_open_refuses_to_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let db = committee_file(&path, 1);
    let snap = take(&db, Reason::Open).expect("take").expect("snapshot");
    drop(db);
    let mut ro = Db::open_read_only(&path).expect("open read only");
    let source = rusqlite::Connection::open(&snap.path).expect("source");
    let err = ro.restore_from(&source).expect_err("read only");
    assert_eq!(err.code(), "read_only");
}

#[test]
fn resolve_finds_a_bare_name_in_the_snapshot_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let db = committee_file(&path, 1);
    let snap = take(&db, Reason::Open).expect("take").expect("snapshot");
    assert_eq!(resolve(&path, Path::new(&snap.file_name)), snap.path);
    assert_eq!(resolve(&path, &snap.path), snap.path, "a path is taken as given");
}

#[test]
fn names_parse_both_ways() {
    let (taken, reason, audit) = parse_name("20210119-083000-finalising-a1234-2.db").expect("parses");
    assert_eq!((taken.to_string().as_str(), reason, audit), ("2021-01-19 08:30:00", Reason::BeforeFinalising, 1234));
    for bad in [
        "20210119-083000-open.db",
        "20210119-083000-open-a1.txt",
        "2021-01-19-open-a1.db",
        "20211319-083000-open-a1.db",
    ] {
        assert!(parse_name(bad).is_none(), "{bad} is not a snapshot's name");
    }
}

#[test]
fn a_snapshot_from_before_an_upgrade_is_migrated_as_it_is_restored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let mut db = committee_file(&path, 2);
    let snap = take(&db, Reason::Open).expect("take").expect("snapshot");
    // Make the snapshot what version 6 wrote: the first six migrations' tables only, with its rows.
    as_written_by_version(&snap.path, 6);
    let old = rusqlite::Connection::open(&snap.path).expect("open the snapshot");
    let later: i64 = old
        .query_row("SELECT count(*) FROM sqlite_master WHERE name IN ('import_batches', 'proposals')", [], |r| r.get(0))
        .expect("tables");
    assert_eq!(later, 0, "the snapshot has no table of migrations 7 and 8");
    drop(old);
    add_member(&mut db, 5);

    restore(&mut db, &snap.path).expect("restore an older snapshot");
    assert_eq!(db.schema_version().expect("version"), crate::db::schema_version(), "brought up to date");
    let tables: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('import_batches', 'import_batch_members')",
            [],
            |r| r.get(0),
        )
        .expect("tables");
    assert_eq!(tables, 2, "migration 7 ran on the restored file");
    assert_eq!(member_count(&db), 2);
    assert!(db.check().expect("check").ok);

    let conn = rusqlite::Connection::open(&snap.path).expect("open the snapshot");
    conn.pragma_update(None, "user_version", crate::db::schema_version() + 1).expect("newer");
    drop(conn);
    let err = restore(&mut db, &snap.path).expect_err("a snapshot from a newer program is refused");
    assert_eq!(err.code(), "db_too_new", "{err}");
}
