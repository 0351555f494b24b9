//! Documents (文件): minutes editing, preview, export and print; the document fonts. Each
//! command parses its arguments, calls `huiwu_core::documents` and maps the error.

use huiwu_core::documents::fonts::{self, FontRole, FontSettings, SystemFontChoice};
use huiwu_core::documents::minutes::{self, Minutes, MinutesEntry, MinutesInput, MinutesTarget, Target};
use huiwu_core::documents::preview::FontSample;
use huiwu_core::documents::{AttendanceNames, ExportOutcome, Format, Preview};
use huiwu_core::Error;
use tauri::State;

use crate::error::IpcResult;
use crate::exports::{export_dir, export_path};
use crate::state::AppState;

#[tauri::command]
pub fn minutes_targets(state: State<'_, AppState>) -> IpcResult<Vec<MinutesTarget>> {
    state.with_db(|db| minutes::targets(db.conn()))
}

/// The editor's status line for a body (paragraphs, headings, characters), counted by the core.
#[tauri::command]
pub fn minutes_body_summary(body: String) -> String {
    minutes::body_summary(&body)
}

/// Every saved minutes, newest first, with the meeting and sitting each is of.
#[tauri::command]
pub fn minutes_list(state: State<'_, AppState>) -> IpcResult<Vec<MinutesEntry>> {
    state.with_db(|db| minutes::entries(db.conn()))
}

/// The names the attendance block of the edited minutes will print, read from the records now.
#[tauri::command]
pub fn minutes_attendance(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<AttendanceNames> {
    state.with_db(|db| minutes::attendance_for(db.conn(), input.target()?, input.attendance_order))
}

/// The saved minutes of a sitting or meeting, or a fresh draft.
#[tauri::command]
pub fn minutes_draft(
    state: State<'_, AppState>,
    sitting_id: Option<i64>,
    meeting_id: Option<i64>,
) -> IpcResult<MinutesInput> {
    state.with_db(|db| {
        let t = match (sitting_id, meeting_id) {
            (Some(s), None) => Target::Sitting(s),
            (None, Some(m)) => Target::Meeting(m),
            _ => return Err(Error::invalid("纪要", "应指定一个场次或一个会议（二者选一）")),
        };
        minutes::draft(db.conn(), t)
    })
}

#[tauri::command]
pub fn minutes_save(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<Minutes> {
    state.with_db(|db| minutes::save(db, &input))
}

#[tauri::command]
pub fn minutes_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| minutes::delete(db, id))
}

/// The pages of the edited (unsaved) minutes as SVG, with the attendance block read now.
#[tauri::command]
pub fn minutes_preview(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<Preview> {
    state.with_db(|db| minutes::preview_input(db.conn(), &input))
}

/// Exports the edited minutes to `path` (a file, or a folder to put the usual file name in), or
/// to 文档/会务导出/ when no path is given.
#[tauri::command]
pub fn minutes_export(
    state: State<'_, AppState>,
    input: MinutesInput,
    format: Format,
    path: Option<String>,
) -> IpcResult<ExportOutcome> {
    state.with_db(|db| {
        input.target()?;
        let path = export_path(path, &minutes::file_name(&input, format))?;
        let out = minutes::render_input(db.conn(), &input, format)?;
        std::fs::write(&path, &out.bytes).map_err(|e| Error::io(&path, e))?;
        Ok(ExportOutcome { path: path.display().to_string(), pages: out.pages as u32, warnings: out.warnings })
    })
}

/// Exports saved minutes by id to `path`, or to the export folder when no path is given.
#[tauri::command]
pub fn minutes_export_saved(
    state: State<'_, AppState>,
    id: i64,
    format: Format,
    path: Option<String>,
) -> IpcResult<ExportOutcome> {
    state.with_db(|db| {
        let (out, name) = minutes::export_saved(db.conn(), id, format)?;
        let path = export_path(path, &name)?;
        std::fs::write(&path, &out.bytes).map_err(|e| Error::io(&path, e))?;
        Ok(ExportOutcome { path: path.display().to_string(), pages: out.pages as u32, warnings: out.warnings })
    })
}

/// The folder exports go to when no path is given (文档/会务导出), created if missing.
#[tauri::command]
pub fn documents_export_dir() -> IpcResult<String> {
    Ok(export_dir()?.display().to_string())
}

/// Shows an exported file in the system's file manager (its folder; selected on Windows).
#[tauri::command]
pub fn document_reveal(path: String) -> IpcResult<()> {
    reveal_path(&path).map_err(crate::error::IpcError::from)
}

/// Prints: writes the PDF to the export folder and opens it in the system's default viewer,
/// whose print dialog does the rest.
#[tauri::command]
pub fn minutes_print(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<ExportOutcome> {
    let out = minutes_export(state, input, Format::Pdf, None)?;
    open_path(&out.path).map_err(crate::error::IpcError::from)?;
    Ok(out)
}

/// Opens an exported file with the system's default program.
#[tauri::command]
pub fn document_open(path: String) -> IpcResult<()> {
    open_path(&path).map_err(crate::error::IpcError::from)
}

fn open_path(path: &str) -> huiwu_core::Result<()> {
    let p = std::path::Path::new(path);
    if !p.exists() {
        return Err(Error::not_found("文件", path));
    }
    #[cfg(target_os = "windows")]
    let cmd = {
        let mut c = std::process::Command::new("explorer");
        c.arg(p);
        c
    };
    #[cfg(target_os = "macos")]
    let cmd = {
        let mut c = std::process::Command::new("open");
        c.arg(p);
        c
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let cmd = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(p);
        c
    };
    launch(cmd, p, "打开")
}

fn reveal_path(path: &str) -> huiwu_core::Result<()> {
    let p = std::path::Path::new(path);
    if !p.exists() {
        return Err(Error::not_found("文件", path));
    }
    #[cfg(target_os = "windows")]
    let cmd = {
        let mut c = std::process::Command::new("explorer");
        c.arg(format!("/select,{}", p.display()));
        c
    };
    #[cfg(not(target_os = "windows"))]
    let cmd = {
        let dir = if p.is_dir() { p } else { p.parent().unwrap_or(p) };
        let mut c = std::process::Command::new(if cfg!(target_os = "macos") { "open" } else { "xdg-open" });
        c.arg(dir);
        c
    };
    launch(cmd, p, "显示")
}

/// Starts the system's opener. Where it reports failure at once (no program for the file type,
/// as `xdg-open` does on a desktop without a PDF reader), says so instead of claiming success;
/// a program still running after a moment is left to run (and reaped when it ends). Windows'
/// explorer returns 1 even when it succeeds, so there only the start is checked.
fn launch(mut cmd: std::process::Command, p: &std::path::Path, what: &str) -> huiwu_core::Result<()> {
    let mut child = cmd.spawn().map_err(|e| Error::io(p, e))?;
    if cfg!(target_os = "windows") {
        std::thread::spawn(move || child.wait());
        return Ok(());
    }
    for _ in 0..20 {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(Error::Conflict(format!(
                    "文件已保存在 {}，但本机没有能{what}它的程序（{:?} 退出码 {}）。请在文件管理器中找到它，用 WPS、PDF 阅读器等打开。",
                    p.display(),
                    cmd.get_program(),
                    status.code().unwrap_or(-1)
                )))
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => return Err(Error::io(p, e)),
        }
    }
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Whether system fonts are used, and each font role's font as resolved now.
#[tauri::command]
pub fn font_settings(state: State<'_, AppState>) -> IpcResult<FontSettings> {
    state.with_db(|db| fonts::font_settings(db.conn()))
}

/// Sets (or, with no path, clears) the user's font file for a role.
#[tauri::command]
pub fn font_set(state: State<'_, AppState>, role: FontRole, path: Option<String>) -> IpcResult<FontSettings> {
    state.with_db(|db| {
        fonts::set_font_override(db, role, path.as_deref())?;
        fonts::font_settings(db.conn())
    })
}

#[tauri::command]
pub fn font_use_system(state: State<'_, AppState>, on: bool) -> IpcResult<FontSettings> {
    state.with_db(|db| {
        fonts::set_use_system_fonts(db, on)?;
        fonts::font_settings(db.conn())
    })
}

/// A line of each role's usual text in the font now chosen for it, as SVG.
#[tauri::command]
pub fn font_samples(state: State<'_, AppState>) -> IpcResult<Vec<FontSample>> {
    state.with_db(|db| huiwu_core::documents::preview::font_samples(db.conn()))
}

/// Chinese fonts installed on this computer, to choose from.
#[tauri::command]
pub fn font_candidates() -> Vec<SystemFontChoice> {
    fonts::chinese_system_fonts()
}
