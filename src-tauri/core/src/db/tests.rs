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
fn file_is_created_private_with_wal_and_full_sync() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/committee.db");
    let (db, report) = Db::open_with_report(&path).expect("open");
    assert!(report.created, "a new file is reported as created");
    assert!(report.backup.is_none(), "a new file needs no backup");
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    let sync: i64 = db.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("sync");
    assert_eq!(sync, 2, "synchronous must be FULL (2)");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(perms, 0o600, "database file mode");
    }
}

#[test]
fn older_database_is_backed_up_then_upgraded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    let v1 = [m(1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);")];
    drop(Db::open_with_migrations(&path, &v1).expect("create v1"));

    let v2 = [v1[0].clone_static(), m(2, "two", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new';")];
    let (db, report) = Db::open_with_migrations(&path, &v2).expect("upgrade");
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
fn newer_database_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", schema_version() + 1).expect("set version");
    }
    let err = Db::open(&path).expect_err("a newer database must be refused");
    assert!(matches!(err, Error::DbTooNew { .. }), "got {err:?}");
    assert!(err.to_string().contains("升级"), "message tells the user to upgrade: {err}");
}

#[test]
fn failed_migration_leaves_file_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fail.db");
    let v1 = [m(1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);")];
    drop(Db::open_with_migrations(&path, &v1).expect("create v1"));
    let dump_before = dump(&path);

    let bad = [
        v1[0].clone_static(),
        m(2, "two", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (2);"),
        m(3, "broken", "ALTER TABLE no_such_table ADD COLUMN z TEXT;"),
    ];
    let err = Db::open_with_migrations(&path, &bad).expect_err("broken migration fails");
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
