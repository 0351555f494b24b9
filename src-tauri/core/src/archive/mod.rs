//! The session archive (会议归档): after a plenary, one .zip holding a consistent copy of the
//! committee file and every document produced for that session — the minutes, the opinion lists,
//! the sign-in sheets and the attendance tables — with a manifest naming each file, its kind and
//! its SHA-256, so that the copy filed away can later be shown to be whole and unchanged.

mod collect;
mod verify;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::Db;
pub use verify::{verify, ArchiveCheck};

/// The manifest's name inside the archive.
pub const MANIFEST: &str = "manifest.json";
/// What a Huiwu archive's manifest says it is.
pub const FORMAT: &str = "huiwu-session-archive/1";

/// One file of the archive, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveFile {
    /// Its path inside the archive, e.g. «纪要/安宁市政协主席会议纪要第1期-2020-01-02.pdf».
    pub path: String,
    /// What it is, in the clerk's words: 数据库, 纪要, 协商意见清单, 签到表, 考勤表.
    pub kind: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Lower-case hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Manifest {
    pub format: String,
    pub committee: String,
    pub session: String,
    /// Local time the archive was made, «2021年1月22日 17:30».
    pub created_at: String,
    /// «huiwu 0.1.0».
    pub program: String,
    pub files: Vec<ArchiveFile>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveReport {
    pub path: String,
    pub manifest: Manifest,
    /// Characters no font could draw, per document (the documents are still complete).
    pub warnings: Vec<String>,
}

/// Writes the archive of session `session_id` to `dest` (refused if it exists unless
/// `overwrite`): built in a temporary file beside it and renamed into place only when complete.
pub fn export_session(db: &Db, session_id: i64, dest: &Path, overwrite: bool) -> Result<ArchiveReport> {
    if dest.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() != Some("zip") {
        return Err(Error::invalid("归档文件", "文件名应以 .zip 结尾"));
    }
    if dest.exists() && !overwrite {
        return Err(Error::AlreadyExists(dest.to_path_buf()));
    }
    let dir = match dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::invalid("归档文件", format!("文件夹 {} 不存在（U 盘是否已插好？）", dir.display())));
    }
    let staging =
        tempfile::Builder::new().prefix(".huiwu-archive-").tempdir_in(&dir).map_err(|e| Error::io(&dir, e))?;
    let collected = collect::collect(db, session_id, staging.path())?;
    let files =
        collected.files.iter().map(|(rel, kind)| describe(staging.path(), rel, kind)).collect::<Result<Vec<_>>>()?;
    let manifest = Manifest {
        format: FORMAT.into(),
        committee: collected.committee,
        session: collected.session,
        created_at: chrono::Local::now().format("%Y年%-m月%-d日 %H:%M").to_string(),
        program: format!("huiwu {}", env!("CARGO_PKG_VERSION")),
        files,
    };
    let mut out = tempfile::Builder::new()
        .prefix(".huiwu-archive-")
        .suffix(".zip.part")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    write_zip(out.as_file_mut(), staging.path(), &manifest).map_err(|e| Error::io(dest, e))?;
    out.as_file().sync_all().map_err(|e| Error::io(dest, e))?;
    let persisted = if overwrite { out.persist(dest).map(drop) } else { out.persist_noclobber(dest).map(drop) };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::AlreadyExists(dest.to_path_buf())
        } else {
            Error::io(dest, e.error)
        }
    })?;
    Ok(ArchiveReport { path: dest.display().to_string(), manifest, warnings: collected.warnings })
}

fn describe(root: &Path, rel: &str, kind: &str) -> Result<ArchiveFile> {
    let path = root.join(rel);
    let mut file = std::fs::File::open(&path).map_err(|e| Error::io(&path, e))?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io(&path, e))?;
    Ok(ArchiveFile { path: rel.to_string(), kind: kind.to_string(), bytes, sha256: hex(&hasher.finalize()) })
}

pub(crate) fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_zip(file: &mut std::fs::File, root: &Path, manifest: &Manifest) -> std::io::Result<()> {
    use chrono::{Datelike, Timelike};
    let mut zip = zip::ZipWriter::new(file);
    let now = chrono::Local::now();
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .large_file(true);
    let json = serde_json::to_vec_pretty(manifest).map_err(std::io::Error::other)?;
    zip.start_file(MANIFEST, options).map_err(std::io::Error::other)?;
    zip.write_all(&json)?;
    for f in &manifest.files {
        zip.start_file(f.path.as_str(), options).map_err(std::io::Error::other)?;
        let mut src = std::fs::File::open(root.join(&f.path))?;
        std::io::copy(&mut src, &mut zip)?;
    }
    zip.finish().map_err(std::io::Error::other)?.flush()
}

#[cfg(test)]
mod tests;
