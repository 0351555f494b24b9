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

mod face;
mod idle;
mod prefs;
mod system;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

use face::{bundled_face, Bundled, BUNDLED};
pub use face::{file_face, Face, FontOrigin};
pub(crate) use idle::fonts_idle;
pub use idle::{bundled_font_data, on_fonts_idle};
pub use prefs::{
    font_settings, role_fonts, set_font_override, set_use_system_fonts, FontOverride, FontPrefs, FontSettings,
    RoleFontInfo,
};
use system::SYSTEM_WIDE;
pub use system::{chinese_system_fonts, find_system_font, SystemFont, SystemFontChoice};

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
                "仿宋_GB2312",
                "FangSong_GB2312",
                "仿宋",
                "FangSong",
                "方正仿宋_GBK",
                "方正仿宋简体",
                "华文仿宋",
                "STFangsong",
            ],
            FontRole::Heiti => &["黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"],
            FontRole::Kaiti => {
                &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "方正楷体简体", "华文楷体", "STKaiti"]
            }
            FontRole::Xiaobiaosong => &[
                "方正小标宋简体",
                "方正小标宋_GBK",
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "华文中宋",
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

/// A font set is made for one document (or one set of samples): when it goes, so does the need
/// for the fonts' pages (see `idle`).
impl Drop for FontSet {
    fn drop(&mut self) {
        fonts_idle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

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

    /// The font's own character map decides, whether a character was asked before or not.
    #[test]
    fn characters_are_looked_up_in_the_fonts_own_map_when_first_asked() {
        let face = bundled_face(&BUNDLED[0]).expect("FandolFang");
        let parsed = ttf_parser::Face::parse(BUNDLED[0].bytes, 0).expect("parse");
        for c in ['会', '议', 'A', '１', '。', '堃'] {
            let expected =
                parsed.glyph_index(c).filter(|g| g.0 != 0).map(|g| (g.0, parsed.glyph_hor_advance(g).unwrap_or(0)));
            assert_eq!(face.glyph(c), expected, "{c}: the same glyph and advance as the font's map");
            assert_eq!(face.glyph(c), expected, "{c}: asked again, the same answer");
        }
        assert!(face.glyph('会').is_some() && face.glyph('堃').is_none(), "FandolFang has 会, not 堃");
    }

    /// A font that maps no Unicode character cannot set text and is refused when chosen.
    #[test]
    fn a_font_without_a_unicode_character_map_is_refused() {
        let mut bytes = BUNDLED[2].bytes.to_vec();
        let u16_at = |b: &[u8], i: usize| usize::from(u16::from_be_bytes([b[i], b[i + 1]]));
        let u32_at = |b: &[u8], i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        let cmap = (0..u16_at(&bytes, 4))
            .map(|t| 12 + 16 * t)
            .find(|r| &bytes[*r..*r + 4] == b"cmap")
            .map(|r| u32_at(&bytes, r + 8))
            .expect("the font has a cmap table");
        // Every subtable relabelled Macintosh Roman (platform 1, encoding 0): none is Unicode.
        for i in 0..u16_at(&bytes, cmap + 2) {
            let rec = cmap + 4 + 8 * i;
            bytes[rec..rec + 4].copy_from_slice(&[0, 1, 0, 0]);
        }
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("roman.otf");
        std::fs::write(&path, &bytes).expect("write");
        let err = file_face(&path, 0, None).expect_err("no Unicode map");
        assert!(err.to_string().contains("没有 Unicode 字符映射表"), "the message says why: {err}");
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
