use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_file_is_written_whole_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("名册.xlsx");
    write_whole(&path, b"first", Replace::No, Privacy::Private).expect("write");
    assert_eq!(std::fs::read(&path).expect("read"), b"first");
    assert_eq!(names(dir.path()), vec!["名册.xlsx".to_string()], "only the final file is in the folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "personal data is readable by the owner alone");
    }
}

#[test]
fn an_existing_file_is_replaced_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, b"old").expect("old");
    let err = write_whole(&path, b"new", Replace::No, Privacy::Shared).expect_err("no overwrite unasked");
    assert_eq!(err.code(), "already_exists");
    assert_eq!(std::fs::read(&path).expect("read"), b"old", "the old file is untouched");
    write_whole(&path, b"new", Replace::Yes, Privacy::Shared).expect("overwrite when asked");
    assert_eq!(std::fs::read(&path).expect("read"), b"new");
    assert_eq!(names(dir.path()), vec!["a.pdf".to_string()], "no temporary file is left");
}

#[test]
fn a_failure_leaves_the_old_file_and_no_debris() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("backup.db");
    std::fs::write(&path, b"the old backup").expect("old");
    let err = write_with(&path, Replace::Yes, Privacy::Private, |tmp| {
        std::fs::write(tmp, b"half of it").map_err(|e| Error::io(tmp, e))?;
        let mut journal = tmp.as_os_str().to_os_string();
        journal.push("-journal");
        std::fs::write(PathBuf::from(journal), b"j").map_err(|e| Error::io(tmp, e))?;
        Err(Error::DiskFull("测试".into()))
    })
    .expect_err("the fill failed");
    assert_eq!(err.code(), "disk_full");
    assert_eq!(std::fs::read(&path).expect("read"), b"the old backup", "the old file survives");
    assert_eq!(names(dir.path()), vec!["backup.db".to_string()], "the temporary file and its journal are gone");
}

#[test]
fn a_missing_folder_is_refused_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("U盘").join("会务.xlsx");
    let err = write_whole(&path, b"x", Replace::No, Privacy::Shared).expect_err("no folder");
    assert_eq!(err.code(), "folder_missing", "{err}");
    assert!(err.to_string().contains("文件夹"), "the message names the folder: {err}");
    assert!(!dir.path().join("U盘").exists(), "the folder is not created");
}

#[test]
fn leftovers_of_a_killed_write_are_cleared_by_the_next_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.xlsx");
    let stale = dir.path().join(".a.xlsx.abc123~huiwu");
    std::fs::write(&stale, b"half").expect("stale");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    std::fs::File::options().write(true).open(&stale).and_then(|f| f.set_modified(old)).expect("age it");
    let fresh = dir.path().join(".a.xlsx.def456~huiwu");
    std::fs::write(&fresh, b"another process, now").expect("fresh");
    write_whole(&path, b"x", Replace::No, Privacy::Shared).expect("write");
    assert!(!stale.exists(), "an old leftover of the same name is removed");
    assert!(fresh.exists(), "a temporary file being written right now is left alone");
}

#[test]
fn unused_names_never_collide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = unused_name(dir.path(), "2021.01.22 主席会议考勤-20210122-101530", "xlsx");
    assert_eq!(first.file_name().and_then(|n| n.to_str()), Some("2021.01.22 主席会议考勤-20210122-101530.xlsx"));
    std::fs::write(&first, b"x").expect("write");
    let second = unused_name(dir.path(), "2021.01.22 主席会议考勤-20210122-101530", "xlsx");
    assert_eq!(second.file_name().and_then(|n| n.to_str()), Some("2021.01.22 主席会议考勤-20210122-101530（2）.xlsx"));
}
