//! Where the window's exports go when the user names no file: the folder 文档/会务导出 (the
//! user's documents folder, else home, else the temporary folder), created when first needed.

use std::path::{Path, PathBuf};

use huiwu_core::documents::{ExportOutcome, Format, Rendered};
use huiwu_core::files::{self, Privacy, Replace};
use huiwu_core::{Error, Result};

pub fn export_dir() -> Result<PathBuf> {
    let dir = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_else(std::env::temp_dir).join("会务导出");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(dir)
}

/// The file an export writes, and whether it may replace a file already there: `path` itself
/// when it names a file (chosen by the user, who was told it replaces one of that name), else a
/// new name in `path` (a folder) or in the export folder: `stem` with the date and time of the
/// export and `ext`, numbered if even that is taken, so that repeating an export never replaces
/// the earlier file. `stem` may hold dots («2021.01.22 主席会议»): the extension is added, never
/// swapped for what follows the last dot.
pub fn export_target(path: Option<String>, stem: &str, ext: &str) -> Result<(PathBuf, Replace)> {
    let dir = match path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
        Some(p) if Path::new(&p).is_dir() => PathBuf::from(p),
        Some(p) => return Ok((PathBuf::from(p), Replace::Yes)),
        None => export_dir()?,
    };
    Ok((files::unused_name(&dir, &format!("{stem}-{}", files::stamp()), ext), Replace::No))
}

/// Writes a rendered document named `name` (its usual file name) to `path`, or to the export
/// folder when no path is given, as [`export_target`] decides, and says where it went.
pub fn write_document(path: Option<String>, name: &str, format: Format, out: Rendered) -> Result<ExportOutcome> {
    let ext = format_ext(format);
    let (path, replace) = export_target(path, stem_of(name, ext), ext)?;
    files::write_whole(&path, &out.bytes, replace, Privacy::Shared)?;
    Ok(ExportOutcome { path: path.display().to_string(), pages: out.pages as u32, warnings: out.warnings })
}

/// The extension of a document format.
pub fn format_ext(format: Format) -> &'static str {
    match format {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    }
}

/// Where a backup goes: the file the user chose in the save dialog, replacing one there (the
/// dialog asked), but never the open database itself; else a new name in 会务导出/备份.
pub fn backup_target(path: Option<String>, open_db: Option<&Path>) -> Result<(PathBuf, Replace)> {
    if let Some(p) = path.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
        let dest = PathBuf::from(p);
        let same = |db: &Path| match (dest.canonicalize(), db.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if open_db.is_some_and(same) {
            return Err(Error::Conflict(format!(
                "{} 就是正在使用的数据库文件，不能备份到它自己。请换一个文件名或文件夹。",
                dest.display()
            )));
        }
        return Ok((dest, Replace::Yes));
    }
    let dir = export_dir()?.join("备份");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok((files::unused_name(&dir, &format!("会务-{}", files::stamp()), "db"), Replace::No))
}

/// `name` without its extension `.ext`, if it has it.
pub fn stem_of<'a>(name: &'a str, ext: &str) -> &'a str {
    name.strip_suffix(ext).and_then(|s| s.strip_suffix('.')).unwrap_or(name)
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
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().display().to_string();
        let (p, r) = export_target(Some(" /x/y.xlsx ".into()), "n", "xlsx").expect("file");
        assert_eq!((p, r), (PathBuf::from("/x/y.xlsx"), Replace::Yes), "a named file is the user's choice");
        let (p, r) = export_target(Some(d.clone()), "n", "xlsx").expect("dir");
        assert_eq!(r, Replace::No, "a name we make never replaces a file");
        assert_eq!(p.parent(), Some(dir.path()));
        assert_eq!(file_name("第一组/第二组：讨论?"), "第一组_第二组：讨论_");
    }

    #[test]
    fn a_backup_goes_where_chosen_but_never_onto_the_open_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("huiwu.db");
        std::fs::write(&db, b"db").expect("write");
        let chosen = dir.path().join("U盘备份.db");
        let (p, r) = backup_target(Some(chosen.display().to_string()), Some(&db)).expect("chosen");
        assert_eq!((p, r), (chosen, Replace::Yes), "the dialog asked before replacing");
        let again = dir.path().join(".").join("huiwu.db");
        let err = backup_target(Some(again.display().to_string()), Some(&db)).expect_err("itself");
        assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    }

    #[test]
    fn a_title_with_dots_keeps_its_name_and_gets_the_time() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().display().to_string();
        let (p, _) = export_target(Some(d.clone()), "2021.01.22 主席会议全体会议考勤", "xlsx").expect("target");
        let name = p.file_name().and_then(|n| n.to_str()).expect("name").to_string();
        assert!(name.starts_with("2021.01.22 主席会议全体会议考勤-"), "the whole title is kept: {name}");
        assert!(name.ends_with(".xlsx"), "{name}");
        std::fs::write(&p, b"first export").expect("write");
        let (again, _) = export_target(Some(d), "2021.01.22 主席会议全体会议考勤", "xlsx").expect("target");
        assert_ne!(again, p, "a second export in the same second gets another name");
        assert_eq!(stem_of("关于《报告》的协商意见.pdf", "pdf"), "关于《报告》的协商意见");
    }
}
