//! Was the file closed cleanly last time? A marker file `<name>-open` beside the database says
//! that some Huiwu process has it open: written when the first process opens the file, removed
//! when the last one closes it. Processes share it under a file lock: the first to open (an
//! exclusive lock is free) reads it, so a marker with something in it means a process ended
//! without closing (killed, crashed, power cut) and the caller checks the whole file once; the
//! last to close (an exclusive lock is free again) removes it.
//!
//! A process that dies while another keeps the file open goes unnoticed here (the survivor closes
//! cleanly and removes the marker); SQLite's WAL recovery is what keeps that case whole, and the
//! window's scheduled check and `huiwu check` look at the whole file anyway.

// File locks are in std since Rust 1.89; the toolchain here is newer than the declared minimum.
#![allow(clippy::incompatible_msrv)]

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) struct OpenMarker {
    file: File,
    path: PathBuf,
}

/// How the last session ended, as far as the marker can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LastClose {
    Clean,
    /// A marker was left by a process that is gone.
    Unclean,
    /// The marker could not be kept (a read-only folder): nothing is known.
    Unknown,
}

pub(super) fn marker_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push("-open");
    PathBuf::from(s)
}

impl OpenMarker {
    /// Takes part in the marker for a connection that may write.
    pub(super) fn acquire(db: &Path) -> (Option<OpenMarker>, LastClose) {
        let path = marker_path(db);
        for _ in 0..5 {
            let Ok(file) = open_marker(&path) else { return (None, LastClose::Unknown) };
            let first = match file.try_lock() {
                Ok(()) => true,
                Err(TryLockError::WouldBlock) => false,
                Err(TryLockError::Error(_)) => return (None, LastClose::Unknown),
            };
            if !first {
                if file.lock_shared().is_err() {
                    return (None, LastClose::Unknown);
                }
                if same_file(&file, &path) {
                    return (Some(OpenMarker { file, path }), LastClose::Clean);
                }
                continue; // the last process removed it meanwhile: start again on the new one
            }
            if !same_file(&file, &path) {
                continue;
            }
            let left = file.metadata().map(|m| m.len() > 0).unwrap_or(false);
            let mut f = &file;
            let note = format!("pid {} {}\n", std::process::id(), super::now());
            let written = file.set_len(0).and_then(|_| f.write_all(note.as_bytes()).and_then(|_| file.sync_all()));
            // Downgrade: others may open now. (Another opening in the gap sees our note and checks
            // the file once more than needed: slower, never less safe.)
            let _ = file.unlock();
            if written.is_err() || file.lock_shared().is_err() {
                return (None, LastClose::Unknown);
            }
            let last = if left { LastClose::Unclean } else { LastClose::Clean };
            return (Some(OpenMarker { file, path }), last);
        }
        (None, LastClose::Unknown)
    }

    /// For a connection that only reads a file it cannot write: was a marker left?
    pub(super) fn peek(db: &Path) -> LastClose {
        let path = marker_path(db);
        // Someone may have it open; only an exclusive lock would tell, and we cannot take one on a
        // file we may not write. Assume the worst: the caller checks the file.
        match std::fs::metadata(&path) {
            Ok(m) if m.len() > 0 => LastClose::Unclean,
            _ => LastClose::Clean,
        }
    }
}

impl Drop for OpenMarker {
    fn drop(&mut self) {
        let _ = self.file.unlock();
        if self.file.try_lock().is_ok() {
            if same_file(&self.file, &self.path) {
                // Emptied first, so that a system that cannot remove an open file still leaves a
                // marker that says «closed cleanly».
                let _ = self.file.set_len(0);
                let _ = self.file.sync_all();
                let _ = std::fs::remove_file(&self.path);
            }
            let _ = self.file.unlock();
        }
    }
}

fn open_marker(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Is the open handle still the file at `path` (not one removed and made again meanwhile)?
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        path.exists() && file.metadata().is_ok()
    }
}
