//! Documents (文件): minutes editing, preview, export and print; the document fonts. Each
//! command parses its arguments, calls `huiwu_core::documents` and maps the error.

use huiwu_core::documents::fonts::{self, FontRole, FontSettings, SystemFontChoice};
use huiwu_core::documents::minutes::{self, Minutes, MinutesEntry, MinutesInput, MinutesTarget, Target};
use huiwu_core::documents::preview::{self, FontSample};
use huiwu_core::documents::{AttendanceNames, ExportOutcome, Format, PagedPreview, PreviewPage};
use huiwu_core::Error;
use tauri::{State, Webview};

use crate::error::IpcResult;
use crate::exports::{export_dir, export_target, format_ext, stem_of, write_document};
use crate::state::AppState;
use crate::tasks::{Tasks, Watch};
use huiwu_core::files::{self, Privacy};

#[tauri::command(async)]
pub fn minutes_targets(state: State<'_, AppState>) -> IpcResult<Vec<MinutesTarget>> {
    state.with_db(|db| minutes::targets(db.conn()))
}

/// The editor's status line for a body (paragraphs, headings, characters), counted by the core.
#[tauri::command(async)]
pub fn minutes_body_summary(body: String) -> String {
    minutes::body_summary(&body)
}

/// Every saved minutes, newest first, with the meeting and sitting each is of.
#[tauri::command(async)]
pub fn minutes_list(state: State<'_, AppState>) -> IpcResult<Vec<MinutesEntry>> {
    state.with_db(|db| minutes::entries(db.conn()))
}

/// The names the attendance block of the edited minutes will print, read from the records now.
#[tauri::command(async)]
pub fn minutes_attendance(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<AttendanceNames> {
    state.with_db(|db| minutes::attendance_for(db.conn(), input.target()?, input.attendance_order))
}

/// The saved minutes of a sitting or meeting, or a fresh draft.
#[tauri::command(async)]
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

#[tauri::command(async)]
pub fn minutes_save(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<Minutes> {
    state.with_db(|db| minutes::save(db, &input))
}

#[tauri::command(async)]
pub fn minutes_delete(state: State<'_, AppState>, id: i64) -> IpcResult<()> {
    state.with_db(|db| minutes::delete(db, id))
}

/// The edited (unsaved) minutes laid out for the preview, with the attendance block read now:
/// the page count and a key per page; each page is drawn by [`document_preview_page`]. Off the
/// main thread; the database lock is held only to read, not while laying out.
#[tauri::command(async)]
pub fn minutes_preview(state: State<'_, AppState>, input: MinutesInput) -> IpcResult<PagedPreview> {
    let source = state.with_db(|db| minutes::preview_source(db.conn(), &input))?;
    Ok(source.lay_out()?)
}

/// One page of a document laid out for the preview (any document), by its key, as SVG. Off the
/// main thread, with no database lock.
#[tauri::command(async)]
pub fn document_preview_page(key: String) -> IpcResult<PreviewPage> {
    Ok(preview::page(&key)?)
}

/// Exports the edited minutes to `path` (a file, or a folder to put the usual file name in), or
/// to 文档/会务导出/ when no path is given.
#[tauri::command(async)]
pub fn minutes_export(
    state: State<'_, AppState>,
    tasks: State<'_, Tasks>,
    input: MinutesInput,
    format: Format,
    path: Option<String>,
    watch: Option<Watch>,
    webview: Webview,
) -> IpcResult<ExportOutcome> {
    let task = tasks.start("导出纪要", watch, webview);
    state.with_db(|db| {
        input.target()?;
        let ext = format_ext(format);
        let (path, replace) = export_target(path, stem_of(&minutes::file_name(&input, format), ext), ext)?;
        let out = minutes::render_input_with(db.conn(), &input, format, &task.progress)?;
        task.progress.check()?;
        files::write_whole(&path, &out.bytes, replace, Privacy::Shared)?;
        Ok(ExportOutcome { path: path.display().to_string(), pages: out.pages as u32, warnings: out.warnings })
    })
}

/// Exports saved minutes by id to `path`, or to the export folder when no path is given.
#[tauri::command(async)]
pub fn minutes_export_saved(
    state: State<'_, AppState>,
    tasks: State<'_, Tasks>,
    id: i64,
    format: Format,
    path: Option<String>,
    watch: Option<Watch>,
    webview: Webview,
) -> IpcResult<ExportOutcome> {
    let task = tasks.start("导出纪要", watch, webview);
    state.with_db(|db| {
        let (out, name) = minutes::export_saved_with(db.conn(), id, format, &task.progress)?;
        task.progress.check()?;
        write_document(path, &name, format, out)
    })
}

/// The folder exports go to when no path is given (文档/会务导出), created if missing.
#[tauri::command(async)]
pub fn documents_export_dir() -> IpcResult<String> {
    Ok(export_dir()?.display().to_string())
}

/// Shows an exported file in the system's file manager (its folder; selected on Windows).
#[tauri::command(async)]
pub fn document_reveal(path: String) -> IpcResult<()> {
    huiwu_core::opener::reveal(std::path::Path::new(&path)).map_err(crate::error::IpcError::from)
}

/// Opens an exported file with the system's default program.
#[tauri::command(async)]
pub fn document_open(path: String) -> IpcResult<()> {
    huiwu_core::opener::open(std::path::Path::new(&path)).map_err(crate::error::IpcError::from)
}

/// Whether system fonts are used, and each font role's font as resolved now.
#[tauri::command(async)]
pub fn font_settings(state: State<'_, AppState>) -> IpcResult<FontSettings> {
    state.with_db(|db| fonts::font_settings(db.conn()))
}

/// Sets (or, with no path, clears) the user's font file for a role.
#[tauri::command(async)]
pub fn font_set(state: State<'_, AppState>, role: FontRole, path: Option<String>) -> IpcResult<FontSettings> {
    state.with_db(|db| {
        fonts::set_font_override(db, role, path.as_deref())?;
        fonts::font_settings(db.conn())
    })
}

#[tauri::command(async)]
pub fn font_use_system(state: State<'_, AppState>, on: bool) -> IpcResult<FontSettings> {
    state.with_db(|db| {
        fonts::set_use_system_fonts(db, on)?;
        fonts::font_settings(db.conn())
    })
}

/// A line of each role's usual text in the font now chosen for it, as SVG.
#[tauri::command(async)]
pub fn font_samples(state: State<'_, AppState>) -> IpcResult<Vec<FontSample>> {
    state.with_db(|db| preview::font_samples(db.conn()))
}

/// Chinese fonts installed on this computer, to choose from.
#[tauri::command(async)]
pub fn font_candidates() -> Vec<SystemFontChoice> {
    fonts::chinese_system_fonts()
}
