//! The demo committee, 政协安宁市第六届委员会 (README «Set up»: `huiwu demo`), built from the data files in
//! `assets/demo/` through the same core functions a user's actions go through — the committee form,
//! the roster import, the meeting calendar, check-in and leave, remarks and their consolidation.

use std::path::{Path, PathBuf};

use crate::committee::{self, Committee};
use crate::db::Db;
use crate::error::{Error, Result};

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

/// Writes a new database file holding the demo committee at `path`. The demo is built in a
/// temporary file beside it and moved into place only when complete, so a failure leaves no
/// half-built file. An existing file is replaced only with `overwrite`.
pub fn create_file(path: &Path, overwrite: bool) -> Result<()> {
    if path.exists() && !overwrite {
        return Err(Error::AlreadyExists(path.to_path_buf()));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "huiwu.db".into());
    let tmp = path.with_file_name(format!(".{name}.building"));
    remove_with_sidecars(&tmp)?;
    let built = (|| {
        let mut db = Db::open(&tmp)?;
        // The temporary file is worthless until it is complete and renamed, so its thousands of
        // small transactions need not each wait for the disk; the whole file is synced at the end.
        db.conn().execute_batch("PRAGMA synchronous = OFF")?;
        build(&mut db)?;
        db.conn().execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    })();
    if let Err(e) = built {
        // Best effort: the temporary file is ours and half-built; the error that matters is `e`.
        let _ = remove_with_sidecars(&tmp);
        return Err(e);
    }
    std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|e| Error::io(&tmp, e))?;
    remove_with_sidecars(path)?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

fn sidecars(path: &Path) -> [PathBuf; 3] {
    let s = path.as_os_str().to_string_lossy();
    [path.to_path_buf(), PathBuf::from(format!("{s}-wal")), PathBuf::from(format!("{s}-shm"))]
}

fn remove_with_sidecars(path: &Path) -> Result<()> {
    for p in sidecars(path) {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(p, e)),
        }
    }
    Ok(())
}

fn steps(db: &mut Db) -> Result<()> {
    committee::create(db, &demo_committee())?;
    crate::meetings::load_demo(db)?;
    crate::attendance::load_demo(db)?;
    crate::opinions::load_demo(db)?;
    crate::documents::load_demo(db)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_file_refuses_to_overwrite_without_leave() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("demo.db");
        create_file(&path, false).expect("first demo");
        let err = create_file(&path, false).expect_err("existing file is kept");
        assert_eq!(err.code(), "already_exists");
        create_file(&path, true).expect("overwrite when asked");
        let db = Db::open(&path).expect("open");
        assert_eq!(committee::require(db.conn()).expect("committee").name, "政协安宁市第六届委员会");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("building"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind: {leftovers:?}");
    }

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
