//! The committee files opened lately in the window (最近打开的文件): the last few, newest first,
//! kept in a small JSON file beside the default database, so the home page and the first-run page
//! can offer them again. The list's rules are pure functions; reading and writing the file is
//! forgiving (a missing or damaged list is an empty one: it only costs the shortcuts).

use std::path::{Path, PathBuf};

use huiwu_core::files::{self, Privacy, Replace};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many files the list keeps.
pub const CAP: usize = 8;

/// One file of the list, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    /// The committee's short name (or full name) when the file was last opened; empty for a new file.
    #[serde(default)]
    pub committee: String,
}

/// One file of the list as the window shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecentFile {
    pub path: String,
    pub committee: String,
    /// False when the file is gone (a stick unplugged, a file moved): shown greyed, «文件不存在».
    pub exists: bool,
}

/// The list with `entry` at its front: an older entry of the same path goes, and the list keeps
/// at most `cap` files.
pub fn remember(list: &[Entry], entry: Entry, cap: usize) -> Vec<Entry> {
    let mut out = Vec::with_capacity(cap);
    out.push(entry);
    for e in list {
        if out.len() >= cap {
            break;
        }
        if !same_path(&e.path, &out[0].path) {
            out.push(e.clone());
        }
    }
    out.truncate(cap);
    out
}

/// The list without `path` (the user asked to drop it).
pub fn forget(list: &[Entry], path: &str) -> Vec<Entry> {
    list.iter().filter(|e| !same_path(&e.path, path)).cloned().collect()
}

/// Two spellings of one file («a/../b.db» and «b.db») are one entry when both can be resolved.
fn same_path(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Where the list is kept: beside the default database in the user's data directory.
pub fn list_file() -> PathBuf {
    crate::default_db_path().with_file_name("recent.json")
}

/// The list stored at `file`; empty when there is none or it cannot be read.
pub fn load(file: &Path) -> Vec<Entry> {
    std::fs::read(file).ok().and_then(|bytes| serde_json::from_slice::<Vec<Entry>>(&bytes).ok()).unwrap_or_default()
}

/// Writes the list whole (a kill leaves the old list or the new one, never half of one).
pub fn save(file: &Path, list: &[Entry]) -> huiwu_core::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| huiwu_core::Error::io(dir, e))?;
    }
    let bytes = serde_json::to_vec_pretty(list).map_err(|e| huiwu_core::Error::internal("最近打开的文件", e))?;
    files::write_whole(file, &bytes, Replace::Yes, Privacy::Private)
}

/// The list as shown: each file with whether it is still there.
pub fn shown(list: &[Entry]) -> Vec<RecentFile> {
    list.iter()
        .map(|e| RecentFile {
            path: e.path.clone(),
            committee: e.committee.clone(),
            exists: Path::new(&e.path).is_file(),
        })
        .collect()
}

/// Puts `path` at the front of the stored list. A list that cannot be written costs only the
/// shortcut, never the opening of the file: the failure is reported on stderr.
pub fn note_opened(file: &Path, path: &Path, committee: &str) {
    let entry = Entry { path: path.display().to_string(), committee: committee.to_string() };
    let before = load(file);
    let list = remember(&before, entry, CAP);
    if list == before {
        return;
    }
    if let Err(e) = save(file, &list) {
        eprintln!("最近打开的文件列表未能保存：{e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(path: &str) -> Entry {
        Entry { path: path.into(), committee: String::new() }
    }

    fn paths(list: &[Entry]) -> Vec<&str> {
        list.iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn the_file_just_opened_goes_to_the_front_once() {
        let list = vec![e("/a.db"), e("/b.db"), e("/c.db")];
        assert_eq!(paths(&remember(&list, e("/d.db"), CAP)), ["/d.db", "/a.db", "/b.db", "/c.db"]);
        assert_eq!(paths(&remember(&list, e("/b.db"), CAP)), ["/b.db", "/a.db", "/c.db"], "no duplicate");
        assert_eq!(paths(&remember(&[], e("/a.db"), CAP)), ["/a.db"]);
    }

    #[test]
    fn the_committee_name_is_updated_when_a_file_is_opened_again() {
        let list = vec![Entry { path: "/a.db".into(), committee: String::new() }];
        let list = remember(&list, Entry { path: "/a.db".into(), committee: "安宁市政协".into() }, CAP);
        assert_eq!(list, vec![Entry { path: "/a.db".into(), committee: "安宁市政协".into() }]);
    }

    #[test]
    fn the_list_keeps_the_last_eight() {
        let mut list = Vec::new();
        for i in 0..12 {
            list = remember(&list, e(&format!("/{i}.db")), CAP);
        }
        assert_eq!(list.len(), 8);
        assert_eq!(list[0].path, "/11.db");
        assert_eq!(list[7].path, "/4.db");
    }

    #[test]
    fn a_file_is_dropped_on_request() {
        let list = vec![e("/a.db"), e("/b.db")];
        assert_eq!(paths(&forget(&list, "/a.db")), ["/b.db"]);
        assert_eq!(paths(&forget(&list, "/x.db")), ["/a.db", "/b.db"]);
    }

    #[test]
    fn two_spellings_of_one_file_are_one_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("sub");
        let file = dir.path().join("c.db");
        std::fs::write(&file, b"").expect("file");
        let other = dir.path().join("sub").join("..").join("c.db");
        let list = remember(&[e(&file.display().to_string())], e(&other.display().to_string()), CAP);
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn the_list_is_stored_whole_and_a_damaged_one_reads_as_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("huiwu").join("recent.json");
        assert!(load(&file).is_empty(), "no list yet");
        let db = dir.path().join("c.db");
        std::fs::write(&db, b"").expect("file");
        note_opened(&file, &db, "安宁市政协");
        note_opened(&file, &dir.path().join("gone.db"), "");
        let shown = shown(&load(&file));
        assert_eq!(shown.len(), 2);
        assert!(shown[0].path.ends_with("gone.db") && !shown[0].exists, "a missing file is shown as missing");
        assert!(shown[1].exists && shown[1].committee == "安宁市政协");
        std::fs::write(&file, b"{not json").expect("damage");
        assert!(load(&file).is_empty());
    }
}
