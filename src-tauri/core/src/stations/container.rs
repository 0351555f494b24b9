//! The files stations travel in (on a USB stick): a first line naming the kind, the manifest
//! (JSON, one line), the payload's length, the payload, and a SHA-256 of everything before it.
//! A truncated, tampered or foreign file is recognised before anything is read from it.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::types::Manifest;
use crate::error::{Error, Result};
use crate::files::{self, Privacy, Replace};

pub const PACKAGE: &str = "HUIWU-STATION-PACKAGE/1";
pub const HANDBACK: &str = "HUIWU-STATION-HANDBACK/1";
const TAIL: &str = "\nSHA256 ";
/// "\nSHA256 " + 64 hex digits + "\n".
const TAIL_LEN: usize = 8 + 64 + 1;

pub fn encode(magic: &str, manifest: &Manifest, payload: &[u8]) -> Result<Vec<u8>> {
    let json = serde_json::to_string(manifest).map_err(|e| Error::internal("写分站文件", e))?;
    let mut out = Vec::with_capacity(payload.len() + json.len() + 128);
    out.extend_from_slice(magic.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(json.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload.len().to_string().as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload);
    let sum = hex(&Sha256::digest(&out));
    out.extend_from_slice(TAIL.as_bytes());
    out.extend_from_slice(sum.as_bytes());
    out.push(b'\n');
    Ok(out)
}

pub fn write(path: &Path, magic: &str, manifest: &Manifest, payload: &[u8], replace: Replace) -> Result<()> {
    let bytes = encode(magic, manifest, payload)?;
    files::write_whole(path, &bytes, replace, Privacy::Private)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file read and checked: its manifest, payload and checksum.
pub struct Opened {
    pub manifest: Manifest,
    pub payload: Vec<u8>,
    pub sha256: String,
}

fn what(magic: &str) -> &'static str {
    if magic == PACKAGE {
        "分站数据包"
    } else {
        "分站交回文件"
    }
}

pub fn read(path: &Path, magic: &str) -> Result<Opened> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode(&bytes, magic, &path.display().to_string())
}

pub fn decode(bytes: &[u8], magic: &str, name: &str) -> Result<Opened> {
    let kind = what(magic);
    let other = if magic == PACKAGE { HANDBACK } else { PACKAGE };
    if bytes.starts_with(other.as_bytes()) {
        return Err(Error::BadFile(format!("文件 {name} 是{}，不是{kind}，未作任何改动。", what(other))));
    }
    if !bytes.starts_with(magic.as_bytes()) {
        return Err(Error::BadFile(format!("文件 {name} 不是会务的{kind}，未作任何改动。")));
    }
    let truncated = || {
        Error::BadFile(format!(
            "{kind} {name} 不完整（可能在复制时被截断，或U盘拔出过早），未作任何改动。请从分站重新导出一份。"
        ))
    };
    if bytes.len() < magic.len() + TAIL_LEN {
        return Err(truncated());
    }
    let body_len = bytes.len() - TAIL_LEN;
    let tail = &bytes[body_len..];
    if !tail.starts_with(TAIL.as_bytes()) || tail.last() != Some(&b'\n') {
        return Err(truncated());
    }
    let stated = String::from_utf8_lossy(&tail[TAIL.len()..TAIL_LEN - 1]).to_string();
    let body = &bytes[..body_len];
    let sum = hex(&Sha256::digest(body));
    // The length line is checked first, so that a cut-off file is called so, not «tampered».
    let mut lines = body.splitn(4, |b| *b == b'\n');
    let _magic = lines.next();
    let manifest_line = lines.next().ok_or_else(truncated)?;
    let len_line = lines.next().ok_or_else(truncated)?;
    let payload = lines.next().ok_or_else(truncated)?;
    let len: usize = std::str::from_utf8(len_line).ok().and_then(|s| s.parse().ok()).ok_or_else(truncated)?;
    if payload.len() < len {
        return Err(truncated());
    }
    if sum != stated || payload.len() != len {
        return Err(Error::BadFile(format!(
            "{kind} {name} 的内容与其校验码不符（文件在分站之外被改动过，或已损坏），未作任何改动。请从分站重新导出一份。"
        )));
    }
    let manifest: Manifest = serde_json::from_slice(manifest_line)
        .map_err(|_| Error::BadFile(format!("{kind} {name} 的说明部分无法识别，未作任何改动。")))?;
    Ok(Opened { manifest, payload: payload.to_vec(), sha256: sum })
}
