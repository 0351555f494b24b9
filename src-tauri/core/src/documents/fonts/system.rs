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

/// Every family name of every font installed on the system, scanned once per process.
fn system_fonts() -> &'static Vec<(Vec<String>, PathBuf, u32)> {
    static SCAN: OnceLock<Vec<(Vec<String>, PathBuf, u32)>> = OnceLock::new();
    SCAN.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db.faces()
            .filter_map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(p) => p.clone(),
                    fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => return None,
                };
                let families = f.families.iter().map(|(n, _)| n.clone()).collect();
                Some((families, path, f.index))
            })
            .collect()
    })
}

/// The first installed font whose family is one of `families` (in that order of preference).
pub fn find_system_font(families: &[&str]) -> Option<SystemFont> {
    let fonts = system_fonts();
    families.iter().find_map(|want| {
        fonts.iter().find_map(|(names, path, index)| {
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
        for (families, path, index) in system_fonts() {
            if *index != 0 || out.iter().any(|c| Path::new(&c.path) == path) {
                continue;
            }
            let Ok(bytes) = std::fs::read(path) else { continue };
            let Ok(face) = ttf_parser::Face::parse(&bytes, 0) else { continue };
            if !"中国政协".chars().all(|c| face.glyph_index(c).is_some()) {
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
