//! Fonts by role (仿宋, 黑体, 楷体, 小标宋, 宋体) and the per-character fallback chain.
//!
//! For each role the chain is: the font file the user chose for that role in the settings →
//! the system's font of that role (Windows simfang/simhei/simkai/simsun, or the same families
//! found in the font directories fontconfig names on Linux, via `fontdb`) → the bundled Fandol
//! font of that role → the bundled Noto Serif CJK SC fallback (rare name characters) → any
//! wide-coverage CJK font installed on the system (SimSun-ExtB, Noto CJK, Source Han). The
//! bundled fonts are compiled in (`include_bytes!`), so every build finds them without a path.
//!
//! Faces are parsed once per process and cached; only their cmap and advances are read here
//! (ttf-parser), the PDF writer parses the faces a document actually uses.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, Result};

/// The typeface roles of a GB/T 9704 document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FontRole {
    /// 仿宋: body text, 1. and （1） headings, the colophon.
    Fangsong,
    /// 黑体: 一、 headings, the 出席：/请假：/列席： labels.
    Heiti,
    /// 楷体: （一） headings.
    Kaiti,
    /// 小标宋: titles and the 纪要 mark.
    Xiaobiaosong,
    /// 宋体: page numbers.
    Songti,
}

impl FontRole {
    pub const ALL: [FontRole; 5] =
        [FontRole::Fangsong, FontRole::Heiti, FontRole::Kaiti, FontRole::Xiaobiaosong, FontRole::Songti];

    pub fn key(self) -> &'static str {
        match self {
            FontRole::Fangsong => "fangsong",
            FontRole::Heiti => "heiti",
            FontRole::Kaiti => "kaiti",
            FontRole::Xiaobiaosong => "xiaobiaosong",
            FontRole::Songti => "songti",
        }
    }

    /// The Chinese name shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::Fangsong => "仿宋",
            FontRole::Heiti => "黑体",
            FontRole::Kaiti => "楷体",
            FontRole::Xiaobiaosong => "小标宋",
            FontRole::Songti => "宋体",
        }
    }

    /// The font family names a DOCX names for this role (east-Asian first choice), the way
    /// Word and WPS expect them on a secretariat's machine.
    pub fn docx_family(self) -> &'static str {
        match self {
            FontRole::Fangsong => "仿宋_GB2312",
            FontRole::Heiti => "黑体",
            FontRole::Kaiti => "楷体_GB2312",
            FontRole::Xiaobiaosong => "方正小标宋简体",
            FontRole::Songti => "宋体",
        }
    }

    /// The families that serve this role on a system, most specific first.
    fn system_families(self) -> &'static [&'static str] {
        match self {
            FontRole::Fangsong => &[
                "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "方正仿宋简体",
                "华文仿宋", "STFangsong",
            ],
            FontRole::Heiti => &["黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"],
            FontRole::Kaiti => &[
                "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "方正楷体简体", "华文楷体",
                "STKaiti",
            ],
            FontRole::Xiaobiaosong => &[
                "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "华文中宋",
                "STZhongsong",
            ],
            FontRole::Songti => &["宋体", "SimSun", "华文宋体", "STSong"],
        }
    }

    fn bundled(self) -> &'static Bundled {
        match self {
            FontRole::Fangsong => &BUNDLED[0],
            FontRole::Heiti => &BUNDLED[1],
            FontRole::Kaiti => &BUNDLED[2],
            FontRole::Xiaobiaosong | FontRole::Songti => &BUNDLED[3],
        }
    }

    /// The settings key of the user's font file for this role.
    pub fn setting_key(self) -> String {
        format!("font.{}", self.key())
    }
}

struct Bundled {
    name: &'static str,
    bytes: &'static [u8],
}

static BUNDLED: [Bundled; 5] = [
    Bundled { name: "FandolFang", bytes: include_bytes!("../../../../assets/fonts/FandolFang-Regular.otf") },
    Bundled { name: "FandolHei", bytes: include_bytes!("../../../../assets/fonts/FandolHei-Regular.otf") },
    Bundled { name: "FandolKai", bytes: include_bytes!("../../../../assets/fonts/FandolKai-Regular.otf") },
    Bundled { name: "FandolSong", bytes: include_bytes!("../../../../assets/fonts/FandolSong-Regular.otf") },
    Bundled {
        name: "Noto Serif CJK SC (补字)",
        bytes: include_bytes!("../../../../assets/fonts/NotoSerifCJKsc-Fallback.otf"),
    },
];

/// Wide-coverage system fonts tried after everything bundled, for characters even the bundled
/// fallback lacks.
const SYSTEM_WIDE: &[&str] = &[
    "SimSun-ExtB", "SimSun-ExtG", "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC",
    "Source Han Sans SC", "思源宋体", "思源黑体", "Microsoft YaHei", "微软雅黑", "AR PL UMing CN",
];

/// Where a face comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FontOrigin {
    Bundled(&'static str),
    File { path: PathBuf, index: u32 },
}

/// One loaded font face: its bytes, and what the layout needs of it (cmap, advances).
pub struct Face {
    pub origin: FontOrigin,
    /// Human-readable name: the family and where it comes from.
    pub label: String,
    /// Whether the face should be drawn emboldened (a plain 宋体 standing in for 小标宋).
    pub embolden: bool,
    data: FaceData,
    pub index: u32,
    pub units_per_em: u16,
    glyphs: HashMap<u32, (u16, u16)>,
    notdef_advance: u16,
    pdf_font: OnceLock<Option<printpdf::ParsedFont>>,
}

enum FaceData {
    Static(&'static [u8]),
    Owned(Arc<Vec<u8>>),
}

impl Face {
    fn parse(origin: FontOrigin, label: String, data: FaceData, index: u32) -> Result<Face> {
        let bytes: &[u8] = match &data {
            FaceData::Static(b) => b,
            FaceData::Owned(b) => b.as_slice(),
        };
        let face = ttf_parser::Face::parse(bytes, index)
            .map_err(|e| Error::BadFile(format!("字体文件 {label} 无法读取：{e}")))?;
        let mut glyphs = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    if let Some(gid) = sub.glyph_index(cp) {
                        if gid.0 != 0 {
                            let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                            glyphs.entry(cp).or_insert((gid.0, adv));
                        }
                    }
                });
            }
        }
        if glyphs.is_empty() {
            return Err(Error::BadFile(format!("字体文件 {label} 没有 Unicode 字符映射表，不能用于排版。")));
        }
        let units_per_em = face.units_per_em();
        let notdef_advance = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(units_per_em);
        Ok(Face {
            origin,
            label,
            embolden: false,
            data,
            index,
            units_per_em,
            glyphs,
            notdef_advance,
            pdf_font: OnceLock::new(),
        })
    }

    pub fn bytes(&self) -> &[u8] {
        match &self.data {
            FaceData::Static(b) => b,
            FaceData::Owned(b) => b.as_slice(),
        }
    }

    /// The glyph id and advance (font units) of `c`, if the face has it.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        self.glyphs.get(&(c as u32)).copied()
    }

    pub fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&(c as u32))
    }

    pub fn notdef_advance(&self) -> u16 {
        self.notdef_advance
    }

    /// The face parsed by printpdf for embedding, parsed on first use and kept.
    pub fn pdf_font(&self) -> Option<&printpdf::ParsedFont> {
        self.pdf_font
            .get_or_init(|| {
                let mut warnings = Vec::new();
                printpdf::ParsedFont::from_bytes(self.bytes(), self.index as usize, &mut warnings)
            })
            .as_ref()
    }

    /// The width printpdf writes into the PDF's /W array for `gid` (thousandths of an em,
    /// truncated): positions are corrected against it so readers place glyphs where we do.
    pub fn pdf_width(&self, advance: u16) -> f32 {
        (advance as f32 * 1000.0 / self.units_per_em as f32).trunc()
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("label", &self.label).field("origin", &self.origin).finish()
    }
}

/// Faces are parsed once per process.
fn cache() -> &'static Mutex<HashMap<(FontOrigin, u64), Arc<Face>>> {
    static CACHE: OnceLock<Mutex<HashMap<(FontOrigin, u64), Arc<Face>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn bundled_face(b: &'static Bundled) -> Result<Arc<Face>> {
    let key = (FontOrigin::Bundled(b.name), 0);
    if let Some(f) = cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(f);
    }
    let face = Arc::new(Face::parse(
        FontOrigin::Bundled(b.name),
        format!("{}（内置）", b.name),
        FaceData::Static(b.bytes),
        0,
    )?);
    if let Ok(mut c) = cache().lock() {
        c.insert(key, face.clone());
    }
    Ok(face)
}

/// Loads a face from a font file (`.ttf`, `.otf`, `.ttc`; `index` picks the face of a
/// collection), cached by path, index and file size + modification time.
pub fn file_face(path: &Path, index: u32, family: Option<&str>) -> Result<Arc<Face>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let stamp = meta.len()
        ^ meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
    let origin = FontOrigin::File { path: path.to_path_buf(), index };
    let key = (origin.clone(), stamp);
    if let Some(f) = cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(f);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let family = match family {
        Some(f) => Some(f.to_string()),
        None => family_name(&bytes, index),
    };
    let label = match family {
        Some(fam) => format!("{fam}（{}）", path.display()),
        None => path.display().to_string(),
    };
    let face = Arc::new(Face::parse(origin, label, FaceData::Owned(Arc::new(bytes)), index)?);
    if let Ok(mut c) = cache().lock() {
        c.insert(key, face.clone());
    }
    Ok(face)
}

/// The face's family name from its name table, preferring a Chinese one.
fn family_name(bytes: &[u8], index: u32) -> Option<String> {
    let face = ttf_parser::Face::parse(bytes, index).ok()?;
    let names: Vec<(u16, String)> = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
        .filter_map(|n| n.to_string().map(|s| (n.language_id, s)))
        .collect();
    names.iter().find(|(lang, _)| *lang == 0x0804).or_else(|| names.first()).map(|(_, s)| s.clone())
}

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

/// Which fonts to use: read from the settings, or made by hand in tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FontPrefs {
    /// Look for the roles' fonts among the system's fonts (default). Off: bundled fonts only.
    pub use_system: bool,
    /// The user's font file per role, if chosen.
    pub overrides: Vec<FontOverride>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FontOverride {
    pub role: FontRole,
    pub path: String,
}

impl FontPrefs {
    /// Bundled fonts only: the same output on every machine (tests, reproducible exports).
    pub fn bundled_only() -> FontPrefs {
        FontPrefs { use_system: false, overrides: Vec::new() }
    }

    /// The preferences saved in the committee file's settings.
    pub fn load(conn: &Connection) -> Result<FontPrefs> {
        let use_system = crate::settings::get(conn, USE_SYSTEM_KEY)?.map_or(true, |v| v != "0");
        let mut overrides = Vec::new();
        for role in FontRole::ALL {
            if let Some(path) = crate::settings::get(conn, &role.setting_key())? {
                if !path.trim().is_empty() {
                    overrides.push(FontOverride { role, path });
                }
            }
        }
        Ok(FontPrefs { use_system, overrides })
    }

    fn override_for(&self, role: FontRole) -> Option<&str> {
        self.overrides.iter().find(|o| o.role == role).map(|o| o.path.as_str())
    }
}

const USE_SYSTEM_KEY: &str = "font.use_system";

/// Saves the user's font file for a role (`None` or an empty path: back to automatic). The file
/// is checked first: it must be a font with a Unicode cmap that has the common characters.
pub fn set_font_override(db: &mut Db, role: FontRole, path: Option<&str>) -> Result<()> {
    let path = path.map(str::trim).filter(|p| !p.is_empty());
    if let Some(p) = path {
        let face = file_face(Path::new(p), 0, None)?;
        let missing: String = "中国政协会议纪要".chars().filter(|c| !face.has(*c)).collect();
        if !missing.is_empty() {
            return Err(Error::invalid(
                format!("{}字体", role.label()),
                format!("字体文件 {p} 缺少常用汉字“{missing}”，不是可用的中文字体。"),
            ));
        }
    }
    crate::settings::set(db, &role.setting_key(), path.unwrap_or(""))
}

/// Turns the use of system fonts on or off.
pub fn set_use_system_fonts(db: &mut Db, on: bool) -> Result<()> {
    crate::settings::set(db, USE_SYSTEM_KEY, if on { "1" } else { "0" })
}

/// What the settings page shows for one role: the font in use and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoleFontInfo {
    pub role: FontRole,
    /// 仿宋, 黑体, ...
    pub role_label: String,
    /// The font that will be used for this role.
    pub font: String,
    /// "user" (chosen file), "system" (installed font) or "bundled".
    pub source: String,
    /// The user's file for this role, if any (even when unusable).
    pub override_path: Option<String>,
    /// Why the user's file is not used, if it is not.
    pub problem: Option<String>,
}

/// The resolved fonts of each role and the fallback chain behind them.
pub struct FontSet {
    primary: HashMap<FontRole, Arc<Face>>,
    bundled: HashMap<FontRole, Arc<Face>>,
    fallback: Arc<Face>,
    use_system: bool,
    system_wide: OnceLock<Vec<Arc<Face>>>,
    infos: Vec<RoleFontInfo>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet").field("roles", &self.infos).finish()
    }
}

impl FontSet {
    /// Resolves every role: user file → system font → bundled font.
    pub fn resolve(prefs: &FontPrefs) -> Result<FontSet> {
        let mut primary = HashMap::new();
        let mut bundled = HashMap::new();
        let mut infos = Vec::new();
        for role in FontRole::ALL {
            let own = bundled_face(role.bundled())?;
            bundled.insert(role, own.clone());
            let mut problem = None;
            let mut chosen: Option<(Arc<Face>, &str)> = None;
            if let Some(p) = prefs.override_for(role) {
                match file_face(Path::new(p), 0, None) {
                    Ok(f) => chosen = Some((f, "user")),
                    Err(e) => problem = Some(e.to_string()),
                }
            }
            if chosen.is_none() && prefs.use_system {
                if let Some(sys) = find_system_font(role.system_families()) {
                    if let Ok(f) = file_face(&sys.path, sys.index, Some(&sys.family)) {
                        chosen = Some((f, "system"));
                    }
                }
                // No 小标宋 installed: the system's 宋体, emboldened, is closer than Fandol.
                if chosen.is_none() && role == FontRole::Xiaobiaosong {
                    if let Some(sys) = find_system_font(FontRole::Songti.system_families()) {
                        if let Ok(f) = file_face(&sys.path, sys.index, Some(&sys.family)) {
                            chosen = Some((f, "system"));
                        }
                    }
                }
            }
            let (face, source) = chosen.unwrap_or((own, "bundled"));
            infos.push(RoleFontInfo {
                role,
                role_label: role.label().to_string(),
                font: face.label.clone(),
                source: source.to_string(),
                override_path: prefs.override_for(role).map(str::to_string),
                problem,
            });
            primary.insert(role, face);
        }
        Ok(FontSet {
            primary,
            bundled,
            fallback: bundled_face(&BUNDLED[4])?,
            use_system: prefs.use_system,
            system_wide: OnceLock::new(),
            infos,
        })
    }

    /// What each role resolved to, for the settings page and the export report.
    pub fn infos(&self) -> &[RoleFontInfo] {
        &self.infos
    }

    pub fn primary(&self, role: FontRole) -> &Arc<Face> {
        // Every role is inserted by `resolve`.
        &self.primary[&role]
    }

    /// Whether text of this role should be emboldened: a plain 宋体 (or a fallback face)
    /// standing in for 小标宋. A font the user chose for the role is drawn as it is.
    pub fn embolden(&self, role: FontRole) -> bool {
        if role != FontRole::Xiaobiaosong {
            return false;
        }
        let info = &self.infos[role as usize];
        if info.source == "user" {
            return false;
        }
        let l = self.primary(role).label.to_lowercase();
        !(l.contains("小标宋") || l.contains("xiaobiaosong") || l.contains("中宋") || l.contains("zhongsong"))
    }

    /// The face that draws `c` in `role`: the role's font, then the chain. `None`: no font has it.
    pub fn face_for(&self, role: FontRole, c: char) -> Option<&Arc<Face>> {
        let p = self.primary(role);
        if p.has(c) {
            return Some(p);
        }
        if let Some(b) = self.bundled.get(&role).filter(|b| b.has(c)) {
            return Some(b);
        }
        if self.fallback.has(c) {
            return Some(&self.fallback);
        }
        // Any other role's font (a user's font may cover what ours lack), then system fonts.
        if let Some(f) = FontRole::ALL.iter().map(|r| self.primary(*r)).find(|f| f.has(c)) {
            return Some(f);
        }
        self.system_wide().iter().find(|f| f.has(c))
    }

    fn system_wide(&self) -> &Vec<Arc<Face>> {
        self.system_wide.get_or_init(|| {
            if !self.use_system {
                return Vec::new();
            }
            SYSTEM_WIDE
                .iter()
                .filter_map(|fam| find_system_font(&[fam]))
                .filter_map(|s| file_face(&s.path, s.index, Some(&s.family)).ok())
                .collect()
        })
    }
}

/// The font settings page: whether system fonts are used, and each role's font.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FontSettings {
    pub use_system: bool,
    pub roles: Vec<RoleFontInfo>,
}

pub fn font_settings(conn: &Connection) -> Result<FontSettings> {
    let prefs = FontPrefs::load(conn)?;
    Ok(FontSettings { use_system: prefs.use_system, roles: FontSet::resolve(&prefs)?.infos().to_vec() })
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

/// What the settings page shows: each role's font as resolved now.
pub fn role_fonts(conn: &Connection) -> Result<Vec<RoleFontInfo>> {
    let prefs = FontPrefs::load(conn)?;
    Ok(FontSet::resolve(&prefs)?.infos().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_their_roles_and_the_fallback_covers_rare_name_characters() {
        let set = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        for role in FontRole::ALL {
            assert!(set.primary(role).has('政'), "{} font has 政", role.label());
            assert_eq!(set.infos()[role as usize].source, "bundled", "no system fonts asked for");
        }
        for c in ['堃', '喆', '燊', '䶮', '𠮷'] {
            assert!(!set.primary(FontRole::Fangsong).has(c), "FandolFang lacks {c}");
            let face = set.face_for(FontRole::Fangsong, c).expect("fallback has it");
            assert!(face.label.contains("Noto"), "{c} falls back to Noto, got {}", face.label);
        }
        assert!(set.face_for(FontRole::Fangsong, '\u{10FFFD}').is_none(), "private-use char is in no font");
    }

    #[test]
    fn overrides_are_saved_checked_and_reported() {
        let mut db = Db::open_in_memory().expect("db");
        let dir = tempfile::tempdir().expect("dir");
        let bad = dir.path().join("x.ttf");
        std::fs::write(&bad, b"not a font").expect("write");
        let err = set_font_override(&mut db, FontRole::Heiti, bad.to_str()).expect_err("not a font");
        assert_eq!(err.code(), "bad_file", "a non-font file is refused: {err}");
        let good = dir.path().join("kai.otf");
        std::fs::write(&good, BUNDLED[2].bytes).expect("write");
        set_font_override(&mut db, FontRole::Heiti, good.to_str()).expect("a real font is accepted");
        set_use_system_fonts(&mut db, false).expect("set");
        let prefs = FontPrefs::load(db.conn()).expect("prefs");
        assert!(!prefs.use_system, "use_system saved off");
        let set = FontSet::resolve(&prefs).expect("fonts");
        let hei = &set.infos()[FontRole::Heiti as usize];
        assert_eq!(hei.source, "user", "the chosen file is used");
        set_font_override(&mut db, FontRole::Heiti, None).expect("clear");
        assert!(FontPrefs::load(db.conn()).expect("prefs").overrides.is_empty(), "cleared");
    }
}
