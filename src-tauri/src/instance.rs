//! One window per committee file. The window owns a name on the desktop session's bus made from
//! the file's canonical path (tauri-plugin-single-instance, with a per-file id instead of the
//! app's); a second start of the window on the same file finds the name taken, hands its
//! arguments to the first window, which comes forward and says so, and exits. A start on another
//! file gets its own window. Without a session bus (a bare server, a CI machine) each start opens a
//! window, as before; two processes on one file stay safe through SQLite's locking either way.
//! On Windows the plugin's lock is per application, not per file (untried there).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event the UI shows when a second start was folded into this window.
pub const SECOND_START: &str = "huiwu://second-start";

/// The plugin for the window opened on `db_path`.
pub fn plugin<R: Runtime>(db_path: &Path) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new().dbus_id(bus_id(db_path)).callback(bring_forward).build()
}

/// The bus name's stem for a file: the same for every path that reaches the same file.
pub fn bus_id(db_path: &Path) -> String {
    let digest = Sha256::digest(canonical(db_path).to_string_lossy().as_bytes());
    let hex: String = digest.iter().take(10).map(|b| format!("{b:02x}")).collect();
    // Each element of a bus name starts with a letter or «_»: the digest goes after «File_».
    format!("cn.huiwu.desktop.File_{hex}")
}

/// The file's canonical path; for a file not made yet, its folder's canonical path and its name.
fn canonical(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (absolute.parent().and_then(|d| d.canonicalize().ok()), absolute.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => absolute,
    }
}

fn bring_forward<R: Runtime>(app: &AppHandle<R>, _argv: Vec<String>, _cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        // A window that cannot be raised (being closed) costs nothing else.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.emit(SECOND_START, ());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_to_one_file_gets_one_name_and_other_files_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("委员会.db");
        std::fs::write(&db, b"x").expect("write");
        let dotted = dir.path().join(".").join("委员会.db");
        assert_eq!(bus_id(&db), bus_id(&dotted), "the same file by another path");
        let other = dir.path().join("另一个.db");
        assert_ne!(bus_id(&db), bus_id(&other), "another file, not made yet");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        assert_eq!(bus_id(&other), bus_id(&dir.path().join("sub").join("..").join("另一个.db")));
        let id = bus_id(&db);
        assert!(id.starts_with("cn.huiwu.desktop.File_") && id.len() == "cn.huiwu.desktop.File_".len() + 20, "{id}");
        assert!(id.split('.').all(|e| e.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')), "{id}");
    }
}
