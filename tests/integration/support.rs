//! Finding the real readers the tests check our files with (python-docx, openpyxl, poppler).
//! On a developer's machine a missing reader skips that check with a notice; under CI
//! (`CI=true`, where scripts/setup.sh installs them) a missing reader fails the test.

use std::path::PathBuf;
use std::process::Command;

/// A Python interpreter that can import every module in `modules`. Debian's own `/usr/bin/python3`
/// comes first: apt's python3-docx and python3-openpyxl are installed for it, not for a pyenv one.
pub fn python_with(modules: &[&str]) -> Option<PathBuf> {
    let imports = modules.iter().map(|m| format!("import {m}")).collect::<Vec<_>>().join("; ");
    ["/usr/bin/python3", "python3"]
        .iter()
        .map(PathBuf::from)
        .find(|py| Command::new(py).args(["-c", &imports]).output().map(|o| o.status.success()).unwrap_or(false))
        .or_else(|| {
            missing(&format!("python3 with {}", modules.join(", ")));
            None
        })
}

/// Reports a reader that is not installed: a notice locally, a failure under CI.
pub fn missing(what: &str) {
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!("{what} is required under CI (scripts/setup.sh --test installs it)");
    }
    println!("NOTICE: {what} is not available; this check is skipped");
}
