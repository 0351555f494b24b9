//! Opening a file the program wrote (a PDF, a workbook) with the system's default program, or
//! showing it in the file manager: the one place that starts the system's opener, used by every
//! «打开» button. It checks what the opener reports: on Linux `xdg-open` exits with a failure at
//! once when no program is set up for the file type, and that is said plainly instead of
//! claiming success.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::error::{Error, Result};

/// Opens `path` with the program the system has for its type.
pub fn open(path: &Path) -> Result<()> {
    let (program, args) = opener_command(path);
    run(&program, &args, path, Verb::Open)
}

/// Shows `path` in the file manager (its folder, the file selected where the system can).
pub fn reveal(path: &Path) -> Result<()> {
    let program: OsString = if cfg!(windows) {
        "explorer".into()
    } else if cfg!(target_os = "macos") {
        "open".into()
    } else {
        "xdg-open".into()
    };
    let args: Vec<OsString> = if cfg!(windows) {
        let mut a = OsString::from("/select,");
        a.push(path.as_os_str());
        vec![a]
    } else {
        let dir = if path.is_dir() { path } else { path.parent().unwrap_or(path) };
        vec![dir.as_os_str().to_owned()]
    };
    run(&program, &args, path, Verb::Reveal)
}

fn opener_command(path: &Path) -> (OsString, Vec<OsString>) {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    (program.into(), vec![path.as_os_str().to_owned()])
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Open,
    Reveal,
}

fn no_program(path: &Path, verb: Verb) -> Error {
    Error::Conflict(match verb {
        Verb::Open => format!(
            "没有可以打开此文件的程序。文件已保存在 {}；请安装 WPS Office 或 PDF 阅读器等程序，或在文件管理器中找到它再打开。",
            path.display()
        ),
        Verb::Reveal => {
            format!("没有可以显示此文件夹的文件管理器。文件已保存在 {}，请自行打开这个位置。", path.display())
        }
    })
}

/// Starts `program args`. A failure to start (no such program) or a failing exit within the
/// first second (no program for the file type) is an error; a program still running after that
/// is left to run and reaped when it ends. Windows' explorer exits with 1 even when it succeeds,
/// so there only the start is checked.
fn run(program: &OsString, args: &[OsString], path: &Path, verb: Verb) -> Result<()> {
    if !path.exists() {
        return Err(Error::io(path, std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    let mut child = match Command::new(program).args(args).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(no_program(path, verb)),
        Err(e) => return Err(Error::io(path, e)),
    };
    if cfg!(windows) && program == "explorer" {
        std::thread::spawn(move || child.wait());
        return Ok(());
    }
    for _ in 0..20 {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(_)) => return Err(no_program(path, verb)),
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn file() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("签到表.pdf");
        std::fs::write(&p, b"%PDF-1.7").expect("write");
        (dir, p)
    }

    #[test]
    fn an_opener_that_fails_means_no_program_for_the_file() {
        let (_d, p) = file();
        let err = run(&"false".into(), &[p.as_os_str().to_owned()], &p, Verb::Open).expect_err("false fails");
        let msg = err.to_string();
        assert!(msg.starts_with("没有可以打开此文件的程序"), "{msg}");
        assert!(msg.contains(&p.display().to_string()), "says where the file is: {msg}");
    }

    #[test]
    fn a_missing_opener_program_means_no_program_too() {
        let (_d, p) = file();
        let err = run(&"/nonexistent/huiwu-opener".into(), &[], &p, Verb::Open).expect_err("no such program");
        assert!(err.to_string().starts_with("没有可以打开此文件的程序"), "{err}");
    }

    #[test]
    fn an_opener_that_succeeds_is_success() {
        let (_d, p) = file();
        run(&"true".into(), &[], &p, Verb::Open).expect("true succeeds");
    }

    #[test]
    fn a_file_that_is_not_there_is_named_in_chinese() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("不存在.pdf");
        let msg = open(&p).expect_err("no file").to_string();
        assert!(msg.contains("文件不存在") && !msg.contains("os error"), "{msg}");
    }
}
