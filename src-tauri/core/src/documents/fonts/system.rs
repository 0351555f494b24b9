//! The system's fonts: scanning the installed fonts and finding them by family.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Wide-coverage system fonts tried after everything bundled, for characters even the bundled
/// fallback lacks.
pub(super) const SYSTEM_WIDE: &[&str] = &[
    "SimSun-ExtB",
    "SimSun-ExtG",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "Source Han Sans SC",
    "思源宋体",
    "思源黑体",
    "Microsoft YaHei",
    "微软雅黑",
    "AR PL UMing CN",
];

/// A font face found among the system's fonts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemFont {
    pub family: String,
    pub path: PathBuf,
    pub index: u32,
}

/// The system's fonts as fontdb found them, scanned once per process. fontdb reads a font's
/// data through a mapping of its file when asked (`with_face_data`), so only the parts of a file
/// that are looked at are in memory, and only while they are looked at.
fn database() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    })
}

/// Every installed font face: its family names, file, index in the file and fontdb's id.
type ScannedFace = (Vec<String>, PathBuf, u32, fontdb::ID);

/// Every family name of every font installed on the system, scanned once per process.
fn system_fonts() -> &'static Vec<ScannedFace> {
    static SCAN: OnceLock<Vec<ScannedFace>> = OnceLock::new();
    SCAN.get_or_init(|| {
        database()
            .faces()
            .filter_map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(p) => p.clone(),
                    fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => return None,
                };
                let families = f.families.iter().map(|(n, _)| n.clone()).collect();
                Some((families, path, f.index, f.id))
            })
            .collect()
    })
}

/// The first installed font whose family is one of `families` (in that order of preference).
pub fn find_system_font(families: &[&str]) -> Option<SystemFont> {
    let fonts = system_fonts();
    families.iter().find_map(|want| {
        fonts.iter().find_map(|(names, path, index, _)| {
            names.iter().find(|n| n.eq_ignore_ascii_case(want)).map(|n| SystemFont {
                family: n.clone(),
                path: path.clone(),
                index: *index,
            })
        })
    })
}

/// An installed font with Chinese characters, offered on the settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SystemFontChoice {
    pub family: String,
    pub path: String,
    pub index: u32,
}

/// The installed fonts that have common Chinese characters (the first face of each file, since
/// a user's choice is stored as a path), scanned once per process.
pub fn chinese_system_fonts() -> Vec<SystemFontChoice> {
    static LIST: OnceLock<Vec<SystemFontChoice>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut out: Vec<SystemFontChoice> = Vec::new();
        for (families, path, index, id) in system_fonts() {
            if *index != 0 || out.iter().any(|c| Path::new(&c.path) == path) {
                continue;
            }
            // Only the face's character map is read, not the whole file (a CJK collection is
            // 20–30 MB, and the memory of a file read whole was kept by the allocator).
            let chinese = database().with_face_data(*id, |data, _| {
                ttf_parser::Face::parse(data, 0)
                    .is_ok_and(|face| "中国政协".chars().all(|c| face.glyph_index(c).is_some()))
            });
            if chinese != Some(true) {
                continue;
            }
            let family = families
                .iter()
                .find(|f| f.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
                .or_else(|| families.first())
                .cloned()
                .unwrap_or_default();
            out.push(SystemFontChoice { family, path: path.display().to_string(), index: 0 });
        }
        out.sort_by(|a, b| a.family.cmp(&b.family));
        out
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fonts offered on the settings page are found without reading whole files, and each
    /// really has the common characters (checked here by reading it whole). Where the machine has
    /// a Chinese font (Noto CJK on the test machines), it is among them.
    #[test]
    fn chinese_system_fonts_are_those_with_chinese_characters() {
        let choices = chinese_system_fonts();
        for c in &choices {
            let bytes = std::fs::read(&c.path).expect("a listed font file can be read");
            let face = ttf_parser::Face::parse(&bytes, c.index).expect("a listed font parses");
            assert!(
                "中国政协".chars().all(|ch| face.glyph_index(ch).is_some()),
                "{} ({}) is offered as a Chinese font but lacks common characters",
                c.family,
                c.path
            );
        }
        if let Some(noto) = find_system_font(&["Noto Sans CJK SC"]) {
            assert!(
                choices.iter().any(|c| Path::new(&c.path) == noto.path),
                "Noto Sans CJK SC is installed ({}) but not offered: {choices:?}",
                noto.path.display()
            );
        }
    }
}
