//! The demo committee, 政协安宁市第六届委员会 (README «Set up»: `huiwu demo`), built from the data files in
//! `assets/demo/` through the same core functions a user's actions go through — the committee form,
//! the roster import, the meeting calendar, check-in and leave, remarks and their consolidation.

use std::path::{Path, PathBuf};

use crate::committee::{self, Committee};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

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
/// temporary file beside it and takes the final name only when complete (see
/// [`crate::files::write_with`]), so a failure or a kill leaves no half-built file. An existing
/// file is replaced only with `overwrite`, and a file that holds anything is first copied aside:
/// the copy's path is returned, for the caller to tell the user.
pub fn create_file(path: &Path, overwrite: bool) -> Result<Option<PathBuf>> {
    let exists = path.exists();
    if exists && !overwrite {
        return Err(Error::AlreadyExists(path.to_path_buf()));
    }
    let kept = if exists { keep_aside(path)? } else { None };
    files::write_with(path, if overwrite { Replace::Yes } else { Replace::No }, Privacy::Private, |tmp| {
        let mut db = Db::create(tmp)?;
        // The temporary file is worthless until it is complete and renamed, so its thousands of
        // small transactions need not each wait for the disk; the whole file is synced at the end.
        db.conn().execute_batch("PRAGMA synchronous = OFF")?;
        build(&mut db)?;
        db.conn().execute_batch("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    })?;
    Ok(kept)
}

/// Before a file is replaced: copies it aside as `<name>.替换前-<time>.bak` if it holds
/// anything, through SQLite when it is a committee file (a consistent copy), byte for byte
/// otherwise. Refuses while another program has it open (its `-wal` is there), as replacing it
/// under that program would mix its pending changes into the new file.
fn keep_aside(path: &Path) -> Result<Option<PathBuf>> {
    let len = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
    if len == 0 {
        return Ok(None);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dest = path.with_file_name(format!("{name}.替换前-{}.bak", files::stamp()));
    match Db::open_read_only(path) {
        Ok(db) => {
            db.backup_to(&dest)?;
        }
        Err(Error::NotADatabase(_) | Error::NotHuiwu(_) | Error::DbMissing(_)) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            files::write_whole(&dest, &bytes, Replace::No, Privacy::Private)?;
        }
        Err(e) => return Err(e),
    }
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    if PathBuf::from(wal).exists() {
        return Err(Error::Conflict(format!(
            "{} 正由其他会务窗口或命令打开，不能替换。已先备份到 {}；请关闭其他窗口后再试。",
            path.display(),
            dest.display()
        )));
    }
    Ok(Some(dest))
}

fn steps(db: &mut Db) -> Result<()> {
    committee::create(db, &demo_committee())?;
    crate::meetings::load_demo(db)?;
    crate::attendance::load_demo(db)?;
    crate::opinions::load_demo(db)?;
    crate::documents::load_demo(db)?;
    crate::proposals::load_demo(db)?;
    crate::bulletins::load_demo(db)?;
    crate::sqmy::load_demo(db)?;
    crate::year::load_demo(db)?;
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
        let kept = create_file(&path, true).expect("overwrite when asked");
        let kept = kept.expect("the replaced demo, which held data, is copied aside first");
        let old = Db::open(&kept).expect("the copy is a committee file");
        assert_eq!(committee::require(old.conn()).expect("committee").name, "政协安宁市第六届委员会");
        let db = Db::open(&path).expect("open");
        assert_eq!(committee::require(db.conn()).expect("committee").name, "政协安宁市第六届委员会");
        drop((old, db));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("~huiwu") || n.ends_with("-wal") || n.ends_with("-shm") || n.ends_with("-open"))
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
