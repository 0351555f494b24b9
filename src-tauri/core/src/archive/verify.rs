//! Checking an archive: every file the manifest lists is there with the same SHA-256, and nothing
//! is there that the manifest does not list. A changed, missing or added file is named.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{hex, Manifest, FORMAT, MANIFEST};
use crate::error::{Error, Result};

/// Most bytes one archived file may unpack to when checked (a committee file of ten years is a
/// few hundred MB); larger is refused rather than read.
const MAX_FILE_BYTES: u64 = 8 << 30;

/// The outcome of checking an archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveCheck {
    pub manifest: Manifest,
    /// Files whose content matches the manifest.
    pub intact: u32,
    /// One sentence per problem: «纪要/….pdf 已被改动», «… 缺失», «… 不在清单中».
    pub problems: Vec<String>,
}

impl ArchiveCheck {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads the archive at `path` and checks every file against its manifest. A file that is not a
/// Huiwu archive at all is an error; a damaged or changed one is reported in `problems`.
pub fn verify(path: &Path) -> Result<ArchiveCheck> {
    let not_ours = |why: String| Error::BadFile(format!("{} 不是会务软件的归档文件：{why}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| not_ours(format!("无法作为 zip 读取（{e}）")))?;
    let manifest: Manifest = {
        let mut entry = zip.by_name(MANIFEST).map_err(|_| not_ours(format!("缺少清单 {MANIFEST}")))?;
        let mut text = String::new();
        entry
            .by_ref()
            .take(16 << 20)
            .read_to_string(&mut text)
            .map_err(|e| not_ours(format!("清单无法读取（{e}）")))?;
        serde_json::from_str(&text).map_err(|e| not_ours(format!("清单格式不对（{e}）")))?
    };
    if manifest.format != FORMAT {
        return Err(not_ours(format!("清单标明的格式是「{}」", manifest.format)));
    }
    let mut problems = Vec::new();
    let mut intact = 0u32;
    let mut listed = BTreeSet::new();
    for f in &manifest.files {
        listed.insert(f.path.as_str());
        let mut entry = match zip.by_name(&f.path) {
            Ok(e) => e,
            Err(_) => {
                problems.push(format!("{} 缺失", f.path));
                continue;
            }
        };
        if entry.size() > MAX_FILE_BYTES {
            problems.push(format!("{} 大得不合常理（{} 字节），未检查", f.path, entry.size()));
            continue;
        }
        let mut hasher = Sha256::new();
        match std::io::copy(&mut entry, &mut hasher) {
            Ok(n) if n == f.bytes && hex(&hasher.finalize()) == f.sha256 => intact += 1,
            Ok(_) => problems.push(format!("{} 已被改动（内容与归档时的校验值不符）", f.path)),
            Err(e) => problems.push(format!("{} 已损坏，无法读出（{e}）", f.path)),
        }
    }
    let mut extra = Vec::new();
    for name in zip.file_names() {
        match name {
            Ok(n) if n != MANIFEST && !n.ends_with('/') && !listed.contains(n.as_ref()) => {
                extra.push(format!("{n} 不在清单中（归档后被加入）"))
            }
            Ok(_) => {}
            Err(e) => extra.push(format!("有一个文件名无法识别（{e}）")),
        }
    }
    problems.extend(extra);
    Ok(ArchiveCheck { manifest, intact, problems })
}
