//! Where the window's exports go when the user names no file: the folder 文档/会务导出 (the
//! user's documents folder, else home, else the temporary folder), created when first needed.

use std::path::{Path, PathBuf};

use huiwu_core::{Error, Result};

pub fn export_dir() -> Result<PathBuf> {
    let dir = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_else(std::env::temp_dir).join("会务导出");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(dir)
}

/// The file an export writes: `path` itself, `name` inside `path` when it is a folder, or `name`
/// in the export folder when no path is given.
pub fn export_path(path: Option<String>, name: &str) -> Result<PathBuf> {
    match path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
        Some(p) if Path::new(&p).is_dir() => Ok(PathBuf::from(p).join(name)),
        Some(p) => Ok(PathBuf::from(p)),
        None => Ok(export_dir()?.join(name)),
    }
}

/// A file name made from a title: characters Windows or Linux refuse in names become «_».
pub fn file_name(title: &str) -> String {
    title.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_file_a_folder_or_the_default_folder() {
        let dir = std::env::temp_dir();
        assert_eq!(export_path(Some(" /x/y.xlsx ".into()), "n.xlsx").expect("file"), PathBuf::from("/x/y.xlsx"));
        assert_eq!(export_path(Some(dir.display().to_string()), "n.xlsx").expect("dir"), dir.join("n.xlsx"));
        let default = export_path(None, "n.xlsx").expect("default");
        assert!(default.ends_with("会务导出/n.xlsx"), "{}", default.display());
        assert_eq!(file_name("第一组/第二组：讨论?"), "第一组_第二组：讨论_");
    }
}
