//! Nothing lost, nothing half-written (issue 16): `huiwu` processes killed at random moments, a
//! disk that fills up, a file the user may not write, files that are not what they seem.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{huiwu, huiwu_bin, stderr, stdout};
use crate::durability_support::*;

fn command(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(huiwu_bin());
    c.arg("--db").arg(db).args(args).env_remove("DISPLAY").env_remove("HUIWU_DB");
    c
}

#[derive(Clone, Copy, Debug)]
enum Op {
    CheckIn,
    Import,
    Backup,
    Export,
}

/// A few hundred SIGKILLs at random moments over check-in, import, backup and export. After each:
/// no file under a final name that does not parse. At the end: every acknowledged check-in is
/// there, the import is all or nothing, and the whole file checks.
#[test]
fn killed_at_random_moments_nothing_acknowledged_is_lost_and_no_file_is_half_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("会务.db");
    let sitting = committee_file(&db, 300).to_string();
    let extra = dir.path().join("增补名单.csv");
    std::fs::write(&extra, roster_csv("B", 40)).expect("csv");
    let backup = dir.path().join("备份.db");
    let export = dir.path().join("名册.xlsx");
    let (backup_s, export_s, extra_s) =
        (backup.display().to_string(), export.display().to_string(), extra.display().to_string());
    let args = |op: Op, member: usize| -> Vec<String> {
        match op {
            Op::CheckIn => vec!["checkin".into(), "--sitting".into(), sitting.clone(), format!("A{member:04}")],
            Op::Import => vec!["members".into(), "import".into(), extra_s.clone()],
            Op::Backup => vec!["backup".into(), backup_s.clone(), "--force".into()],
            Op::Export => vec!["members".into(), "export".into(), export_s.clone(), "--force".into()],
        }
    };
    // How long each takes when left alone: the kills fall anywhere in that span.
    let mut span = std::collections::HashMap::new();
    let mut member = 1usize;
    let mut acknowledged = Vec::new();
    for op in [Op::Backup, Op::Export, Op::CheckIn] {
        let started = Instant::now();
        let o = command(&db, &args(op, member).iter().map(String::as_str).collect::<Vec<_>>()).output().expect("run");
        assert!(o.status.success(), "{op:?} succeeds when left alone: {}", stderr(&o));
        span.insert(format!("{op:?}"), started.elapsed());
        if let Op::CheckIn = op {
            acknowledged.push(member);
            member += 1;
        }
    }
    span.insert("Import".into(), span["Backup"]);

    let mut rng = Rng::from_env_or_time();
    let kills = 200;
    let (mut killed, mut imported) = (0, false);
    for i in 0..kills {
        let op = [Op::CheckIn, Op::Import, Op::Backup, Op::Export][i % 4];
        let this = member;
        let mut child = command(&db, &args(op, this).iter().map(String::as_str).collect::<Vec<_>>())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let window = span[&format!("{op:?}")].as_micros() as u64 * 12 / 10;
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().expect("wait");
        if out.status.code().is_none() {
            killed += 1;
        }
        match op {
            Op::CheckIn => {
                let text = stdout(&out);
                if out.status.success() && (text.contains("已签到") || text.contains("已在场")) {
                    acknowledged.push(this);
                }
                member += 1;
            }
            Op::Import => imported |= out.status.success(),
            Op::Backup | Op::Export => {}
        }
        if backup.exists() {
            let (lines, committees) =
                inspect_db(&backup).unwrap_or_else(|e| panic!("kill {i}: the backup does not open: {e}"));
            assert_eq!(lines, vec!["ok".to_string()], "kill {i}: the backup under its final name is whole");
            assert_eq!(committees, 1, "kill {i}: the backup holds the committee");
        }
        if export.exists() {
            let rows = xlsx_rows(&export).unwrap_or_else(|e| panic!("kill {i}: the export does not parse: {e}"));
            assert!(rows >= 300, "kill {i}: the export under its final name is whole ({rows} rows)");
        }
    }
    assert!(killed > kills / 4, "most processes were really killed mid-way ({killed} of {kills})");

    let o = huiwu(&db, &["check"]);
    assert!(o.status.success(), "the whole file checks after {killed} kills: {}{}", stdout(&o), stderr(&o));
    let conn = huiwu_core::Db::open_read_only(&db).expect("open");
    let rows = huiwu_core::attendance::rows(conn.conn(), sitting.parse().expect("id")).expect("rows");
    for m in &acknowledged {
        let no = format!("A{m:04}");
        let row = rows.iter().find(|r| r.card.member_no == no).expect("member on the sheet");
        assert!(row.checked_in_at.is_some(), "the acknowledged check-in of {no} is on disk");
    }
    let added: i64 = conn
        .conn()
        .query_row("SELECT count(*) FROM members WHERE member_no LIKE 'B%'", [], |r| r.get(0))
        .expect("count");
    assert!(added == 0 || added == 40, "the import is all or nothing: {added} of 40");
    if imported {
        assert_eq!(added, 40, "an acknowledged import is on disk");
    }
}

/// Backup and export on a disk that fills up: the old file survives and nothing is left behind.
#[test]
fn a_full_disk_leaves_the_old_backup_and_export_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("会务.db");
    committee_file(&db, 600);
    let out_dir = dir.path().join("U盘");
    let small = SmallFs::mount(&out_dir, 4096);
    if small.is_none() {
        std::fs::create_dir_all(&out_dir).expect("folder");
    }
    let old_backup = out_dir.join("备份.db");
    let old_export = out_dir.join("名册.xlsx");
    for (args, what) in [
        (vec!["backup", old_backup.to_str().expect("path")], "backup"),
        (vec!["members", "export", old_export.to_str().expect("path")], "export"),
    ] {
        let o = huiwu(&db, &args);
        assert!(o.status.success(), "the first {what} fits: {}", stderr(&o));
    }
    let before_backup = std::fs::read(&old_backup).expect("old backup");
    let before_export = std::fs::read(&old_export).expect("old export");
    assert!(before_export.len() > 40 * 1024, "the roster is big enough to hit the limit: {}", before_export.len());
    let run = |args: &[&str]| match &small {
        Some(_) => huiwu(&db, args),
        // No tmpfs: a file-size limit of 40 KiB, with SIGXFSZ ignored so that writes fail with EFBIG.
        None => Command::new("bash")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 40; exec \"$0\" \"$@\"")
            .arg(huiwu_bin())
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("HUIWU_DB")
            .output()
            .expect("run"),
    };
    if let Some(fs) = &small {
        fs.fill_leaving(24);
    }
    let listing = names_in(&out_dir);
    for (args, old, before, what) in [
        (vec!["backup", old_backup.to_str().expect("p"), "--force"], &old_backup, &before_backup, "backup"),
        (vec!["members", "export", old_export.to_str().expect("p"), "--force"], &old_export, &before_export, "export"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "the {what} fails on a full disk: {}", stdout(&o));
        let err = stderr(&o);
        assert!(err.contains("磁盘已满"), "the {what} says the disk is full, in Chinese: {err}");
        assert!(!err.contains("disk I/O error") || err.contains("磁盘已满"), "{err}");
        assert_eq!(&std::fs::read(old).expect("old file"), before, "the old {what} survives byte for byte");
        assert_eq!(names_in(&out_dir), listing, "the {what} leaves nothing behind");
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "a retry fails the same way");
        assert_eq!(names_in(&out_dir), listing, "a retry adds nothing either");
    }
    drop(small);
}

/// `info` on a file the user may not write leaves no -wal/-shm behind, and the desk works once
/// the file is writable again. Run as an ordinary user (root may write anything).
#[test]
fn a_read_only_info_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("committee");
    std::fs::create_dir(&folder).expect("folder");
    let db = folder.join("会务.db");
    let sitting = committee_file(&db, 5).to_string();
    let as_user = is_root();
    if as_user {
        let ok = Command::new("setpriv").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
        if !ok {
            eprintln!("skipped: running as root and setpriv is missing");
            return;
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let chown = Command::new("chown").args(["-R", "65534:65534"]).arg(&folder).status().expect("chown");
        assert!(chown.success());
    }
    let run = |args: &[&str]| {
        let mut c = if as_user {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(huiwu_bin());
            c
        } else {
            Command::new(huiwu_bin())
        };
        c.arg("--db").arg(&db).args(args).env_remove("DISPLAY").env_remove("HUIWU_DB").output().expect("run")
    };
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("read-only");
    let before = names_in(&folder);
    let o = run(&["info"]);
    assert!(o.status.success(), "info reads a read-only file: {}", stderr(&o));
    assert_eq!(names_in(&folder), before, "info leaves no -wal, -shm or marker");
    let o = run(&["checkin", "--sitting", &sitting, "A0001"]);
    assert_eq!(o.status.code(), Some(1), "a check-in cannot write a read-only file");
    assert!(stderr(&o).contains("文件是只读的"), "and says so in Chinese: {}", stderr(&o));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("writable again");
    let o = run(&["checkin", "--sitting", &sitting, "A0001"]);
    assert!(o.status.success(), "once writable, the desk works: {}", stderr(&o));
}

#[test]
fn backup_force_replaces_whole_and_demo_force_keeps_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("会务.db");
    committee_file(&db, 5);
    let b = dir.path().join("b.db");
    assert!(huiwu(&db, &["backup", b.to_str().expect("p")]).status.success());
    let o = huiwu(&db, &["backup", b.to_str().expect("p")]);
    assert!(stderr(&o).contains("--force"), "an existing backup is kept unless asked: {}", stderr(&o));
    let o = huiwu(&db, &["backup", b.to_str().expect("p"), "--force"]);
    assert!(o.status.success(), "backup --force is accepted: {}", stderr(&o));
    assert_eq!(inspect_db(&b).expect("opens").0, vec!["ok".to_string()]);

    let o = huiwu(&db, &["demo", "--force"]);
    assert!(o.status.success(), "demo --force: {}", stderr(&o));
    let said = stdout(&o);
    let kept = said
        .lines()
        .find_map(|l| l.strip_prefix("原文件已备份到 "))
        .unwrap_or_else(|| panic!("demo --force says where the old file went: {said}"));
    let (lines, committees) = inspect_db(Path::new(kept.trim())).expect("the kept file opens");
    assert_eq!((lines, committees), (vec!["ok".to_string()], 1), "the old committee is kept whole");
}

#[test]
fn files_that_are_not_what_they_seem_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("photos.db");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE photos (id INTEGER);").expect("schema");
    }
    let before = std::fs::read(&other).expect("read");
    let o = huiwu(&other, &["info"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("其他程序"), "{}", stderr(&o));
    let o = huiwu(&other, &["checkin", "--sitting", "1", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&other).expect("read"), before, "another application's file is untouched");

    let unplugged = dir.path().join("media").join("U盘").join("会务.db");
    for args in [vec!["info"], vec!["init"]] {
        let o = huiwu(&unplugged, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?} on a missing folder fails");
        assert!(stderr(&o).contains("U盘是否已拔出"), "{}", stderr(&o));
    }
    assert!(!dir.path().join("media").exists(), "the missing folder is not created");
}

/// A migration whose copy-aside hits a full disk: refused in Chinese, no partial .bak and no
/// journal left beside the file, and a retry adds nothing.
#[test]
fn a_migration_on_a_full_disk_leaves_no_partial_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let built = dir.path().join("built.db");
    committee_file(&built, 600);
    {
        let c = rusqlite::Connection::open(&built).expect("open");
        c.pragma_update(None, "user_version", huiwu_core::db::schema_version() - 1).expect("an older file");
    }
    let folder = dir.path().join("U盘");
    let small = SmallFs::mount(&folder, 4096);
    if small.is_none() {
        std::fs::create_dir_all(&folder).expect("folder");
    }
    let db = folder.join("会务.db");
    std::fs::copy(&built, &db).expect("copy onto the small disk");
    let before = std::fs::read(&db).expect("read");
    if let Some(fs) = &small {
        fs.fill_leaving(96); // room for the -shm (32 KiB) and the marker, not for a copy
    }
    let run = || match &small {
        Some(_) => huiwu(&db, &["info"]),
        None => Command::new("bash")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 40; exec \"$0\" \"$@\"")
            .arg(huiwu_bin())
            .arg("--db")
            .arg(&db)
            .arg("info")
            .env_remove("DISPLAY")
            .env_remove("HUIWU_DB")
            .output()
            .expect("run"),
    };
    let listing = names_in(&folder);
    for attempt in ["first", "retry"] {
        let o = run();
        assert_eq!(o.status.code(), Some(1), "{attempt}: the migration stops: {}", stdout(&o));
        assert!(stderr(&o).contains("磁盘已满"), "{attempt}: says the disk is full: {}", stderr(&o));
        assert_eq!(names_in(&folder), listing, "{attempt}: no .bak, journal or marker is left");
        assert_eq!(std::fs::read(&db).expect("read"), before, "{attempt}: the file is as it was");
    }
    drop(small);
}
