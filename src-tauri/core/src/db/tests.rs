use super::*;

fn m(version: u32, name: &'static str, sql: &'static str) -> Migration {
    Migration { version, name, sql }
}

fn table_names(conn: &Connection) -> Vec<String> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<rusqlite::Result<_>>().expect("rows")
}

#[test]
fn migrations_apply_from_zero_in_memory() {
    let db = Db::open_in_memory().expect("open");
    assert_eq!(db.schema_version().expect("version"), schema_version(), "user_version after migrating");
    let tables = table_names(db.conn());
    for t in ["committee", "audit_log", "members", "meetings", "sittings", "membership_events"] {
        assert!(tables.iter().any(|n| n == t), "table {t} missing after migrations: {tables:?}");
    }
    let fk: i64 = db.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("pragma");
    assert_eq!(fk, 1, "foreign keys must be on");
}

#[test]
fn migration_numbers_are_consecutive_from_one() {
    for (i, mig) in MIGRATIONS.iter().enumerate() {
        assert_eq!(mig.version as usize, i + 1, "migration {} is out of order", mig.name);
    }
}

#[test]
fn file_is_created_private_with_wal_full_sync_and_the_huiwu_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("committee.db");
    let db = Db::create(&path).expect("create");
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    let sync: i64 = db.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("sync");
    assert_eq!(sync, 2, "synchronous must be FULL (2)");
    let app: i32 = db.conn().query_row("PRAGMA application_id", [], |r| r.get(0)).expect("app id");
    assert_eq!(app, APPLICATION_ID, "a new file carries Huiwu's mark");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(perms, 0o600, "database file mode");
    }
    drop(db);
    let err = Db::create(&path).expect_err("create never takes a file that holds data");
    assert_eq!(err.code(), "already_exists");
}

#[test]
fn older_database_is_backed_up_then_upgraded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    let v1 = [m(1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);")];
    drop(open::create(&path, &v1).expect("create v1"));

    let v2 = [v1[0].clone_static(), m(2, "two", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new';")];
    let (db, report) = open::open(&path, &v2, open::Access::ReadWrite).expect("upgrade");
    assert!(report.checked, "the whole file is checked before a migration");
    assert_eq!(report.migrated_from, Some(1));
    assert_eq!(db.schema_version().expect("v"), 2);
    let y: String = db.conn().query_row("SELECT y FROM a WHERE x = 7", [], |r| r.get(0)).expect("row");
    assert_eq!(y, "new", "old rows survive the upgrade");

    let backup = report.backup.expect("a backup is made before migrating");
    let old = Connection::open(&backup).expect("open backup");
    let v: u32 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v");
    assert_eq!(v, 1, "the backup holds the database as it was before the upgrade");
}

#[test]
fn newer_database_is_refused_without_touching_its_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE later_things (x);").expect("schema");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("mark");
        conn.pragma_update(None, "user_version", schema_version() + 1).expect("set version");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Db::open(&path).expect_err("a newer database must be refused");
    assert!(matches!(err, Error::DbTooNew { .. }), "got {err:?}");
    assert!(err.to_string().contains("升级"), "message tells the user to upgrade: {err}");
    let after = std::fs::read(&path).expect("read");
    assert_eq!(after[18..20], [1, 1], "the header still says rollback journal, not WAL");
    assert_eq!(after, before, "the newer file is left byte for byte as it was");
}

#[test]
fn failed_migration_leaves_file_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fail.db");
    let v1 = [m(1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);")];
    drop(open::create(&path, &v1).expect("create v1"));
    let dump_before = dump(&path);

    let bad = [
        v1[0].clone_static(),
        m(2, "two", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2);"),
        m(3, "broken", "ALTER TABLE no_such_table ADD COLUMN z TEXT;"),
    ];
    let err = open::open(&path, &bad, open::Access::ReadWrite).expect_err("broken migration fails");
    assert!(matches!(err, Error::Migration { version: 3, .. }), "got {err:?}");
    assert_eq!(dump(&path), dump_before, "schema, rows and version are untouched");
}

#[test]
fn garbage_file_is_not_a_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("roster.xlsx");
    std::fs::write(&path, b"PK\x03\x04 this is a zip, not sqlite at all......................................")
        .expect("write");
    let err = Db::open(&path).expect_err("garbage is refused");
    assert!(matches!(err, Error::NotADatabase(_)), "got {err:?}");
}

fn bytes_of(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_zero_byte_file_is_new_opened_only_when_creating() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").expect("empty");
    let err = Db::open(&path).expect_err("opening does not give an empty file a schema");
    assert_eq!(err.code(), "db_missing", "{err}");
    assert_eq!(bytes_of(&path).len(), 0, "the empty file is untouched");
    let db = Db::create(&path).expect("creating takes an empty file as new");
    assert_eq!(db.schema_version().expect("v"), schema_version());
}

#[test]
fn another_applications_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, mark) in [("photos.db", 0), ("marked.db", 0x1234_5678)] {
        let path = dir.path().join(name);
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE photos (id INTEGER, path TEXT);")
                .expect("schema");
            conn.pragma_update(None, "application_id", mark).expect("mark");
        }
        let before = bytes_of(&path);
        let err = Db::open(&path).expect_err("another application's file is refused");
        assert_eq!(err.code(), "not_huiwu", "{name}: {err}");
        assert!(err.to_string().contains("其他程序"), "{err}");
        let err = Db::create(&path).expect_err("and never taken over by create");
        assert_eq!(err.code(), "already_exists", "{err}");
        assert_eq!(bytes_of(&path), before, "{name} is left byte for byte as it was");
    }
    assert_eq!(names_in(dir.path()), vec!["marked.db".to_string(), "photos.db".to_string()], "no file made beside");
}

#[test]
fn a_file_from_before_the_mark_is_recognised_and_stamped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("legacy.db");
    let upto5: Vec<Migration> = MIGRATIONS.iter().take(5).map(|m| m.clone_static()).collect();
    drop(open::create(&path, &upto5).expect("a v5 file"));
    Connection::open(&path).expect("raw").pragma_update(None, "application_id", 0).expect("unmark");
    let (db, report) = Db::open_with_report(&path).expect("a Huiwu file from before the mark opens");
    assert_eq!(report.migrated_from, Some(5));
    let app: i32 = db.conn().query_row("PRAGMA application_id", [], |r| r.get(0)).expect("app id");
    assert_eq!(app, APPLICATION_ID, "it carries the mark from now on");
}

#[test]
fn a_missing_folder_is_refused_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("U盘").join("会务.db");
    for err in [Db::open(&path).expect_err("open"), Db::create(&path).expect_err("create")] {
        assert_eq!(err.code(), "folder_missing", "{err}");
        assert!(err.to_string().contains("U盘"), "the message suggests the unplugged stick: {err}");
    }
    assert!(!dir.path().join("U盘").exists(), "the folder is not created");
    let err = Db::open(&dir.path().join("nothing.db")).expect_err("a missing file is not created");
    assert_eq!(err.code(), "db_missing");
    assert!(names_in(dir.path()).is_empty(), "nothing was made: {:?}", names_in(dir.path()));
}

#[test]
fn a_truncated_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    drop(Db::create(&path).expect("create"));
    let len = bytes_of(&path).len();
    assert!(len > 8192, "the schema fills several pages: {len}");
    let f = std::fs::OpenOptions::new().write(true).open(&path).expect("open");
    f.set_len(4096).expect("cut the file short, as an interrupted copy does");
    drop(f);
    let err = Db::open(&path).expect_err("a truncated file is refused");
    assert_eq!(err.code(), "corrupt", "{err}");
    assert!(err.to_string().contains("截断"), "the message says what happened: {err}");
}

/// A file whose index points at another table's pages: every page reads, the header is right,
/// only the whole-file check sees it.
fn damage_quietly(path: &Path) {
    let conn = Connection::open(path).expect("raw");
    conn.execute_batch(
        "CREATE TABLE zz (x INTEGER); CREATE INDEX zz_x ON zz (x);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO zz SELECT i FROM n;
         PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET rootpage = (SELECT rootpage FROM sqlite_master WHERE name = 'zz') WHERE name = 'zz_x';
         PRAGMA writable_schema = OFF;",
    )
    .expect("damage");
}

#[test]
fn a_file_left_open_by_a_killed_process_is_checked_whole_on_the_next_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    drop(Db::create(&path).expect("create"));
    assert!(!marker::marker_path(&path).exists(), "a clean close removes the marker");
    let (_, report) = Db::open_with_report(&path).expect("reopen");
    assert!(!report.unclean && !report.checked, "after a clean close the whole file is not read");

    damage_quietly(&path);
    // What a killed process leaves: the marker, with its note.
    std::fs::write(marker::marker_path(&path), b"pid 4242 2026-12-02T10:08:00+08:00\n").expect("marker");
    let err = Db::open(&path).expect_err("the damage is found on the first open after the kill");
    assert_eq!(err.code(), "corrupt", "{err}");
    assert!(err.to_string().contains("备份"), "the message says to restore from a backup: {err}");
}

#[test]
fn a_damaged_file_closed_cleanly_opens_and_the_check_finds_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    drop(Db::create(&path).expect("create"));
    damage_quietly(&path);
    let db = Db::open(&path).expect("no whole-file read on a clean open");
    let r = db.check().expect("check");
    assert!(!r.ok, "huiwu check finds the damage: {r:?}");
    let r = check_file(&path).expect("background check");
    assert!(!r.ok, "the window's background check finds it too: {r:?}");
}

#[test]
fn a_read_only_open_writes_nothing_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    drop(Db::create(&path).expect("create"));
    let before = names_in(dir.path());
    let mut db = Db::open_read_only(&path).expect("open to read");
    let err = db
        .write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
            Ok(())
        })
        .expect_err("nothing is written through a read-only open");
    assert_eq!(err.code(), "read_only", "{err}");
    assert!(err.to_string().contains("只读"), "{err}");
    drop(db);
    assert_eq!(names_in(dir.path()), before, "no -wal, -shm or marker is left behind");
}

#[test]
fn a_busy_file_is_retried_then_explained_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let mut db = Db::create(&path).expect("create");
    db.conn().busy_timeout(std::time::Duration::from_millis(30)).expect("short timeout");
    let other = Connection::open(&path).expect("another writer");
    other.execute_batch("BEGIN IMMEDIATE").expect("the other holds the write lock");
    let err = db
        .write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
            Ok(())
        })
        .expect_err("the file is held");
    assert_eq!(err.code(), "busy");
    let text = err.to_string();
    assert!(text.contains("另一个程序或窗口正在写入") && !text.contains("locked"), "{text}");
    other.execute_batch("COMMIT").expect("release");
    db.write(|tx| {
        tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
        Ok(())
    })
    .expect("once free, the write goes through");
}

#[test]
fn full_disk_and_read_only_failures_speak_chinese() {
    let full = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
    let e = Error::from(full);
    assert_eq!(e.code(), "disk_full");
    assert!(e.to_string().starts_with("磁盘已满"), "{e}");
    let ro = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY), None);
    let e = Error::from(ro);
    assert!(e.to_string().starts_with("文件是只读的"), "{e}");
    let io = Error::io("/x/y.xlsx", std::io::Error::from_raw_os_error(28));
    assert_eq!(io.code(), "disk_full", "ENOSPC from a file write: {io}");
}

#[test]
fn audit_rows_share_the_fate_of_the_change() {
    let mut db = Db::open_in_memory().expect("open");
    db.set_operator("李秘书");
    db.write(|tx| {
        tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
        tx.audit("setting", "k", "create", None::<&str>, Some("v"))
    })
    .expect("write");
    let failed: Result<()> = db.write(|tx| {
        tx.execute("INSERT INTO settings (key, value) VALUES ('k2', 'v2')", [])?;
        tx.audit("setting", "k2", "create", None::<&str>, Some("v2"))?;
        Err(Error::Conflict("abandon".into()))
    });
    assert!(failed.is_err());
    let rows: Vec<(String, String)> = db
        .conn()
        .prepare("SELECT operator, entity_id FROM audit_log ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(rows, vec![("李秘书".to_string(), "k".to_string())], "only the committed change is audited");
    let k2: i64 = db.conn().query_row("SELECT count(*) FROM settings WHERE key='k2'", [], |r| r.get(0)).expect("q");
    assert_eq!(k2, 0, "the abandoned change is not written");
}

fn dump(path: &Path) -> (u32, Vec<String>, Vec<i64>) {
    let conn = Connection::open(path).expect("open");
    let v: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("v");
    let mut stmt = conn.prepare("SELECT sql FROM sqlite_master ORDER BY name").expect("prepare");
    let schema = stmt.query_map([], |r| r.get(0)).expect("q").collect::<rusqlite::Result<_>>().expect("rows");
    let mut stmt = conn.prepare("SELECT x FROM a ORDER BY x").expect("prepare");
    let rows = stmt.query_map([], |r| r.get(0)).expect("q").collect::<rusqlite::Result<_>>().expect("rows");
    (v, schema, rows)
}

impl Migration {
    fn clone_static(&self) -> Migration {
        Migration { version: self.version, name: self.name, sql: self.sql }
    }
}

#[test]
fn the_marker_stays_while_any_connection_is_open_and_goes_with_the_last() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.db");
    let first = Db::create(&path).expect("the window");
    let (second, report) = Db::open_with_report(&path).expect("a command beside it");
    assert!(!report.unclean && !report.checked, "a file open elsewhere is not mistaken for a crash");
    drop(second);
    assert!(marker::marker_path(&path).exists(), "the command closing leaves the window's marker");
    drop(first);
    assert!(!marker::marker_path(&path).exists(), "the last to close removes it");
    assert_eq!(names_in(dir.path()), vec!["c.db".to_string()], "and SQLite's -wal and -shm go too");
}

#[test]
fn a_write_outside_db_write_is_refused() {
    let mut db = Db::open_in_memory().expect("open");
    let sneak = |db: &Db| db.conn().execute("INSERT INTO settings (key, value) VALUES ('s', 'v')", []);
    let err = sneak(&db).expect_err("a change through the read connection fails");
    assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::ReadOnly), "refused as read-only: {err}");
    db.write(|tx| {
        tx.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", [])?;
        tx.audit("setting", "k", "create", None::<&str>, Some("v"))
    })
    .expect("the same kind of change inside Db::write is written");
    assert!(sneak(&db).is_err(), "and after a write the read connection is read-only again");
    let _ = db.write(|_| -> Result<()> { Err(Error::Conflict("abandon".into())) });
    assert!(sneak(&db).is_err(), "also after a write that failed");
    let n: i64 = db.conn().query_row("SELECT count(*) FROM settings WHERE key = 's'", [], |r| r.get(0)).expect("q");
    assert_eq!(n, 0, "nothing was written without an audit row");
}
