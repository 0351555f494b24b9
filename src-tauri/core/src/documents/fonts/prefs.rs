//! The user's font preferences in the settings, and what the settings page shows.

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::face::file_face;
use super::{FontRole, FontSet};
use crate::db::Db;
use crate::error::{Error, Result};

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
        let use_system = crate::settings::get(conn, USE_SYSTEM_KEY)?.is_none_or(|v| v != "0");
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

    pub(super) fn override_for(&self, role: FontRole) -> Option<&str> {
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

/// What the settings page shows: each role's font as resolved now.
pub fn role_fonts(conn: &Connection) -> Result<Vec<RoleFontInfo>> {
    let prefs = FontPrefs::load(conn)?;
    Ok(FontSet::resolve(&prefs)?.infos().to_vec())
}
