//! How Huiwu writes a file: whole or not at all.
//!
//! Every file Huiwu writes (exports, backups, the migration copy, the demo) goes through
//! [`write_whole`] or [`write_with`]: the bytes go to a temporary file in the same folder, which is
//! flushed to disk and then renamed over the final name, and the folder itself is flushed so that
//! the rename survives a power cut. A failure at any point (a full disk, a kill) leaves the old file
//! as it was, and the temporary file is removed (or, after a kill, is a hidden `.…~huiwu` file that
//! the next write of the same name clears away). A file that exists is replaced only when the
//! caller says so ([`Replace::Yes`]); files holding personal data are created readable by the
//! owner alone (0600 on Unix).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// May an existing file of that name be replaced?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// No: an existing file is an error ([`Error::AlreadyExists`]), the file is not touched.
    No,
    /// Yes: the user asked (`--force`, a name chosen in a save dialog).
    Yes,
}

/// Who may read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privacy {
    /// The usual permissions (0644 less the umask).
    Shared,
    /// Personal data (phones, the whole database): the owner alone (0600).
    Private,
}

/// Writes `bytes` to `path` whole: see the module documentation.
pub fn write_whole(path: &Path, bytes: &[u8], replace: Replace, privacy: Privacy) -> Result<()> {
    write_with(path, replace, privacy, |tmp| {
        let mut f = std::fs::OpenOptions::new().write(true).open(tmp).map_err(|e| Error::io(tmp, e))?;
        f.write_all(bytes).map_err(|e| Error::io(path, e))?;
        f.flush().map_err(|e| Error::io(path, e))
    })
}

/// Like [`write_whole`], but `fill` writes the temporary file (an empty file at the path it is
/// given, already created with the right permissions) by any means, e.g. SQLite's backup into
/// it. `fill` must close what it opened before it returns.
pub fn write_with(
    path: &Path,
    replace: Replace,
    privacy: Privacy,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let dir = folder_of(path)?;
    if replace == Replace::No && path.exists() {
        return Err(Error::AlreadyExists(path.to_path_buf()));
    }
    clear_leftovers(&dir, path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix("~huiwu");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if privacy == Privacy::Private { 0o600 } else { 0o644 };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = privacy;
    let tmp = builder.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
    let tmp_path = tmp.path().to_path_buf();
    let result = (|| {
        fill(&tmp_path)?;
        // `fill` may have written through another handle: flush what is at the path now.
        std::fs::File::open(&tmp_path).and_then(|f| f.sync_all()).map_err(|e| Error::io(path, e))?;
        Ok(())
    })();
    if let Err(e) = result {
        drop(tmp); // removes the temporary file
        remove_sidecars(&tmp_path);
        return Err(e);
    }
    let persisted = match replace {
        Replace::Yes => tmp.persist(path).map(drop),
        Replace::No => tmp.persist_noclobber(path).map(drop),
    };
    if let Err(e) = persisted {
        let already = e.error.kind() == std::io::ErrorKind::AlreadyExists;
        drop(e.file); // removes the temporary file
        remove_sidecars(&tmp_path);
        return Err(if already { Error::AlreadyExists(path.to_path_buf()) } else { Error::io(path, e.error) });
    }
    remove_sidecars(&tmp_path);
    sync_folder(&dir).map_err(|e| Error::io(&dir, e))
}

/// The folder a file goes into; it must exist (a missing folder is an unmounted USB stick or a
/// typing mistake, never something to create silently).
fn folder_of(path: &Path) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::FolderMissing(dir));
    }
    Ok(dir)
}

/// Flushes a folder's entries (the rename) to disk. Windows has no such call: NTFS journals
/// its metadata.
pub fn sync_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// SQLite may leave `-journal`, `-wal` or `-shm` files beside a database it wrote (and Huiwu its
/// `-open` marker).
fn remove_sidecars(tmp: &Path) {
    for suffix in ["-journal", "-wal", "-shm", "-open"] {
        let mut s = tmp.as_os_str().to_os_string();
        s.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(s));
    }
}

/// Removes the temporary files an earlier, killed write of the same final name left behind.
/// Only files older than a minute go, so that a write under way in another process is never
/// disturbed.
fn clear_leftovers(dir: &Path, path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = file_name.starts_with(&prefix)
            && ["~huiwu", "~huiwu-journal", "~huiwu-wal", "~huiwu-shm", "~huiwu-open"]
                .iter()
                .any(|s| file_name.ends_with(s));
        if !ours {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age.as_secs() >= 60);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A file name that does not exist yet in `dir`: `stem.ext`, else `stem（2）.ext`, `stem（3）.ext`…
/// Callers give a stem with the date and time, so the numbered forms are rare (two exports in the
/// same second).
pub fn unused_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..).map(|n| dir.join(format!("{stem}（{n}）.{ext}"))).find(|p| !p.exists()).unwrap_or(first)
}

/// The local date and time for file names: «2021年1月22日1015» is hard to read; we use
/// `20210122-101530`, sortable and free of dots.
pub fn stamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S").to_string()
}

#[cfg(test)]
mod tests;
