//! Font faces: the bundled fonts, loaded faces (cmap and advances) and the per-process cache.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::error::{Error, Result};

pub(super) struct Bundled {
    name: &'static str,
    pub(super) bytes: &'static [u8],
}

pub(super) static BUNDLED: [Bundled; 5] = [
    Bundled { name: "FandolFang", bytes: include_bytes!("../../../../../assets/fonts/FandolFang-Regular.otf") },
    Bundled { name: "FandolHei", bytes: include_bytes!("../../../../../assets/fonts/FandolHei-Regular.otf") },
    Bundled { name: "FandolKai", bytes: include_bytes!("../../../../../assets/fonts/FandolKai-Regular.otf") },
    Bundled { name: "FandolSong", bytes: include_bytes!("../../../../../assets/fonts/FandolSong-Regular.otf") },
    Bundled {
        name: "Noto Serif CJK SC (补字)",
        bytes: include_bytes!("../../../../../assets/fonts/NotoSerifCJKsc-Fallback.otf"),
    },
];

/// Where a face comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FontOrigin {
    Bundled(&'static str),
    File { path: PathBuf, index: u32 },
}

/// One loaded font face: its bytes, and what the layout needs of it (cmap, advances), looked up
/// in the font when first asked and kept: a CJK face maps some 30 000 characters, a document uses a
/// few hundred, and reading every mapping up front held megabytes of the app's memory (a table of
/// every character, and every page of the fonts' character maps) for a settings page of five
/// sample lines.
pub struct Face {
    pub origin: FontOrigin,
    /// Human-readable name: the family and where it comes from.
    pub label: String,
    /// Whether the face should be drawn emboldened (a plain 宋体 standing in for 小标宋).
    pub embolden: bool,
    data: FaceData,
    pub index: u32,
    pub units_per_em: u16,
    /// Characters looked up so far: glyph id and advance, `None` where the face lacks the character.
    glyphs: Mutex<HashMap<char, Option<(u16, u16)>>>,
    notdef_advance: u16,
    pdf_font: OnceLock<Option<printpdf::ParsedFont>>,
    /// Glyph outlines as SVG path data, kept once drawn (see `documents::svg`).
    outlines: Mutex<HashMap<u16, Arc<str>>>,
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
        if !maps_unicode(&face) {
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
            glyphs: Mutex::new(HashMap::new()),
            notdef_advance,
            pdf_font: OnceLock::new(),
            outlines: Mutex::new(HashMap::new()),
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
        let mut known = self.glyphs.lock().unwrap_or_else(PoisonError::into_inner);
        *known.entry(c).or_insert_with(|| {
            // The bytes parsed when the face was loaded: parsing them again only reads the table
            // directory.
            let face = ttf_parser::Face::parse(self.bytes(), self.index).ok()?;
            unicode_glyph(&face, c).map(|gid| (gid.0, face.glyph_hor_advance(gid).unwrap_or(0)))
        })
    }

    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
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

    /// The outlines drawn so far, by glyph id (filled by the SVG preview).
    pub(in crate::documents) fn outline_cache(&self) -> &Mutex<HashMap<u16, Arc<str>>> {
        &self.outlines
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

/// Loaded faces by origin and file stamp.
type FaceCache = Mutex<HashMap<(FontOrigin, u64), Arc<Face>>>;

/// Faces are parsed once per process.
fn cache() -> &'static FaceCache {
    static CACHE: OnceLock<FaceCache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

pub(super) fn bundled_face(b: &'static Bundled) -> Result<Arc<Face>> {
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
        ^ meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_secs());
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

/// The glyph of `c` in the first Unicode character map of `face` that maps it to a real glyph
/// (not glyph 0, «missing»).
fn unicode_glyph(face: &ttf_parser::Face, c: char) -> Option<ttf_parser::GlyphId> {
    let cmap = face.tables().cmap?;
    cmap.subtables.into_iter().filter(|s| s.is_unicode()).find_map(|s| s.glyph_index(c as u32).filter(|g| g.0 != 0))
}

/// Whether `face` maps any character to a glyph through a Unicode character map: a face that maps
/// none cannot set text.
fn maps_unicode(face: &ttf_parser::Face) -> bool {
    let Some(cmap) = face.tables().cmap else { return false };
    cmap.subtables.into_iter().filter(|s| s.is_unicode()).any(|s| {
        let mut any = false;
        s.codepoints(|cp| any = any || s.glyph_index(cp).is_some_and(|g| g.0 != 0));
        any
    })
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
