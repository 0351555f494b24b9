//! The Huiwu desktop shell: one binary that is either the window (no arguments) or the headless
//! CLI (a subcommand). The CLI branch runs before any Tauri or GTK code, so it works with no display.

mod cli;
mod commands;
mod error;
mod exports;
mod fontpages;
mod instance;
mod recent;
mod state;
mod tasks;
mod webview;

use std::path::{Path, PathBuf};

use huiwu_core::Db;

pub use error::{IpcError, IpcResult};

/// Parses the command line; runs a CLI command or opens the window. Returns the exit code.
pub fn main_entry() -> i32 {
    match cli::parse() {
        cli::Mode::Cli(run) => run.execute(),
        cli::Mode::Window { db_path } => run_window(db_path),
    }
}

/// Where the committee's database lives unless `--db` or `HUIWU_DB` says otherwise.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("huiwu").join("huiwu.db")
}

/// Before the file is made at the user's request: the default location's folder is ours to make;
/// a folder the user named must already be there (a missing one is an unplugged USB stick).
pub(crate) fn prepare_folder(db_path: &Path) -> huiwu_core::Result<()> {
    if db_path == default_db_path() {
        if let Some(dir) = db_path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| huiwu_core::Error::io(dir, e))?;
        }
    }
    Ok(())
}

/// Opens the database and applies the operator saved in its settings.
pub(crate) fn open_db(path: &Path) -> huiwu_core::Result<Db> {
    let mut db = Db::open(path)?;
    if let Some(name) = huiwu_core::settings::get(db.conn(), huiwu_core::settings::OPERATOR)? {
        db.set_operator(&name);
    }
    Ok(db)
}

/// Shows the open file in the window's title bar and puts it at the front of the recent files;
/// returns the title.
pub(crate) fn show_title<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, state: &state::AppState) -> String {
    let title = state.window_title();
    // A title that cannot be set (the window is closing) costs nothing else.
    let _ = window.set_title(&title);
    if let Some((path, committee)) = state.recent_entry() {
        recent::note_opened(&recent::list_file(), &path, &committee);
    }
    title
}

/// Opens the committee file on a thread of its own while the window and its page are being made:
/// the page shows «正在打开数据库……» and its first command waits for the open; it then asks for
/// the title (`app_title`), which names the file in the title bar and the recent files.
fn open_beside_the_window<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    let beside = app.clone();
    let spawned = std::thread::Builder::new().name("open-database".into()).spawn(move || open_file(&beside));
    if spawned.is_err() {
        // No thread to be had: open it here, before the window is shown, as the window once did.
        open_file(&app);
    }
}

fn open_file<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    app.state::<state::AppState>().open_file();
}

fn run_window(db_path: PathBuf) -> i32 {
    // Before the first window, while this is the only thread.
    webview::prepare();
    fontpages::install();
    let app = tauri::Builder::default()
        // First, so that a second start on the same file ends before anything else is set up.
        .plugin(instance::plugin(&db_path))
        // Native open and save dialogs (GTK on Linux): the window asks them from the UI, so paths
        // are chosen, not typed; a save dialog asks itself before a file is overwritten.
        .plugin(tauri_plugin_dialog::init())
        // The file is opened beside the window, not before it (see `setup`).
        .manage(state::AppState::new(db_path))
        .manage(tasks::Tasks::default())
        .setup(|app| {
            open_beside_the_window(app.handle().clone());
            Ok(())
        })
        // Before each page of a window is drawn: the web engine's settings of a local app.
        .on_page_load(|webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Started {
                webview::tune(webview);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::attendance::attendance_sittings,
            commands::attendance::attendance_panel,
            commands::attendance::attendance_rows,
            commands::attendance::attendance_check_in,
            commands::attendance::attendance_check_in_chosen,
            commands::attendance::attendance_leave_early,
            commands::attendance::attendance_come_back,
            commands::attendance::attendance_undo,
            commands::attendance::attendance_events,
            commands::attendance::attendance_correct,
            commands::attendance::attendance_void_event,
            commands::attendance::attendance_leaves,
            commands::attendance::attendance_member_leaves,
            commands::attendance::attendance_record_leave,
            commands::attendance::attendance_update_leave,
            commands::attendance::attendance_cancel_leave,
            commands::attendance::attendance_sitting_range,
            commands::attendance::attendance_find_members,
            commands::attendance::attendance_close,
            commands::attendance::attendance_reopen,
            commands::attendance::attendance_sitting_stats,
            commands::attendance::attendance_meeting_stats,
            commands::attendance::attendance_period_stats,
            commands::attendance::attendance_member,
            commands::attendance::attendance_rules,
            commands::attendance::attendance_set_rule,
            commands::attendance::attendance_export,
            commands::attendance::attendance_sign_in_sheet,
            commands::roster::roster_list,
            commands::roster::roster_search,
            commands::roster::roster_member,
            commands::roster::roster_create,
            commands::roster::roster_update,
            commands::roster::roster_record_event,
            commands::roster::roster_sectors,
            commands::roster::roster_groups,
            commands::roster::roster_set_convener,
            commands::roster::roster_duplicates,
            commands::roster::roster_confirm_distinct,
            commands::roster::roster_import_preview,
            commands::roster::roster_import,
            commands::roster::roster_export,
            commands::roster::roster_invitees,
            commands::roster::roster_invitee_create,
            commands::roster::roster_invitee_update,
            commands::roster::roster_invitee_delete,
            commands::roster::roster_imports,
            commands::roster::roster_import_undo,
            commands::meetings::meetings_sessions,
            commands::meetings::meetings_session_create,
            commands::meetings::meetings_session_update,
            commands::meetings::meetings_session_delete,
            commands::meetings::meetings_session_defaults,
            commands::meetings::meetings_plenary_defaults,
            commands::meetings::meetings_delete,
            commands::meetings::sittings_delete,
            commands::meetings::meetings_year_to_show,
            commands::meetings::meetings_list,
            commands::meetings::meetings_get,
            commands::meetings::meetings_create,
            commands::meetings::meetings_update,
            commands::meetings::meetings_copy_schedule,
            commands::meetings::sittings_list,
            commands::meetings::sittings_get,
            commands::meetings::sittings_create,
            commands::meetings::sittings_update,
            commands::meetings::sittings_set_status,
            commands::meetings::sittings_expected,
            commands::meetings::sittings_invitees,
            commands::app::app_status,
            commands::app::set_operator,
            commands::app::create_committee,
            commands::app::load_demo,
            commands::app::update_committee,
            commands::app::committee_suggest,
            commands::app::audit_list,
            commands::app::backup_now,
            commands::app::integrity_status,
            commands::app::snapshots_list,
            commands::app::snapshots_restore,
            commands::app::files_open,
            commands::app::files_new,
            commands::app::files_recent,
            commands::app::files_forget,
            commands::app::app_title,
            commands::app::task_cancel,
            commands::opinions::opinion_reports,
            commands::opinions::opinion_sessions,
            commands::opinions::opinion_report_create,
            commands::opinions::opinion_report_update,
            commands::opinions::opinion_report_delete,
            commands::opinions::opinion_report_context,
            commands::opinions::opinion_speaker_search,
            commands::opinions::remark_clean_text,
            commands::opinions::opinion_draft_text,
            commands::opinions::remark_add,
            commands::opinions::remark_update,
            commands::opinions::remark_delete,
            commands::opinions::remark_list,
            commands::opinions::remark_set_aside,
            commands::opinions::remark_restore,
            commands::opinions::remark_similar,
            commands::opinions::opinion_board,
            commands::opinions::opinion_merge,
            commands::opinions::opinion_split,
            commands::opinions::opinion_move_remark,
            commands::opinions::opinion_move,
            commands::opinions::opinion_reorder,
            commands::opinions::opinion_update,
            commands::opinions::opinion_dissolve,
            commands::opinions::opinion_undo,
            commands::opinions::opinion_finalise,
            commands::opinions::opinion_reopen,
            commands::opinions::opinion_suggestions,
            commands::opinions::opinion_feedback_set,
            commands::opinions::opinion_list_sent,
            commands::opinions::opinion_feedback_summary,
            commands::opinions::opinion_export,
            commands::documents::minutes_targets,
            commands::documents::minutes_draft,
            commands::documents::minutes_save,
            commands::documents::minutes_delete,
            commands::documents::minutes_preview,
            commands::documents::document_preview_page,
            commands::documents::minutes_export,
            commands::printing::printing_printers,
            commands::printing::printing_print,
            commands::documents::document_open,
            commands::documents::font_settings,
            commands::documents::font_set,
            commands::documents::font_use_system,
            commands::documents::font_candidates,
            commands::documents::minutes_list,
            commands::documents::minutes_body_summary,
            commands::documents::minutes_attendance,
            commands::documents::minutes_export_saved,
            commands::documents::documents_export_dir,
            commands::documents::document_reveal,
            commands::documents::font_samples,
            commands::bulletins::bulletins_list,
            commands::bulletins::bulletins_get,
            commands::bulletins::bulletins_draft,
            commands::bulletins::bulletins_compose_sittings,
            commands::bulletins::bulletins_compose_remarks,
            commands::bulletins::bulletins_compose_body,
            commands::bulletins::bulletins_save,
            commands::bulletins::bulletins_delete,
            commands::bulletins::bulletins_preview,
            commands::bulletins::bulletins_export,
            commands::sqmy::sqmy_items,
            commands::sqmy::sqmy_years,
            commands::sqmy::sqmy_issues,
            commands::sqmy::sqmy_stats,
            commands::sqmy::sqmy_add,
            commands::sqmy::sqmy_withdraw,
            commands::sqmy::sqmy_issue_create,
            commands::sqmy::sqmy_issue_send,
            commands::sqmy::sqmy_outcome,
            commands::sqmy::sqmy_issue_export,
            commands::stations::station_info,
            commands::stations::station_open_package,
            commands::stations::station_list,
            commands::stations::station_conflicts,
            commands::stations::station_export,
            commands::stations::station_merge,
            commands::stations::station_decide,
            commands::stations::station_handback,
            commands::stations::hall_monitors,
            commands::stations::hall_open,
            commands::stations::hall_close,
            commands::year::year_figures,
            commands::year::year_records,
            commands::year::year_draft,
            commands::year::year_draft_generated,
            commands::year::year_draft_save,
            commands::year::year_export,
            commands::year::year_duties,
            commands::year::year_duty_form,
            commands::year::year_duty_create,
            commands::year::year_duty_update,
            commands::year::year_consultations,
            commands::year::year_items,
            commands::year::year_items_split,
            commands::year::year_items_add,
            commands::year::year_item_update,
            commands::year::year_item_feedback,
            commands::year::member_record,
            commands::year::member_record_export,
            commands::year::point_rules,
            commands::year::point_rules_save,
            commands::proposals::proposal_sessions,
            commands::proposals::proposal_list,
            commands::proposals::proposal_get,
            commands::proposals::proposal_stats,
            commands::proposals::proposal_member_search,
            commands::proposals::proposal_add,
            commands::proposals::proposal_update,
            commands::proposals::proposal_file,
            commands::proposals::proposal_reject,
            commands::proposals::proposal_merge,
            commands::proposals::proposal_similar,
            commands::proposals::proposal_assign,
            commands::proposals::proposal_talk,
            commands::proposals::proposal_answer,
            commands::proposals::proposal_rate,
            commands::proposals::proposal_visit,
            commands::proposals::proposal_withdraw,
            commands::proposals::proposal_units,
            commands::proposals::proposal_unit_add,
            commands::proposals::proposal_unit_update,
            commands::proposals::proposal_letter_units,
            commands::proposals::proposal_settings,
            commands::proposals::proposal_settings_save,
            commands::proposals::proposal_export,
            commands::proposals::proposal_import_preview,
            commands::proposals::proposal_import,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            // Close the file cleanly when the window goes, so that the next start knows it was.
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    use tauri::Manager;
                    handle.state::<state::AppState>().close();
                }
                // The hall display (大屏) goes with the main window.
                if let tauri::RunEvent::WindowEvent { label, event: tauri::WindowEvent::Destroyed, .. } = &event {
                    if label == "main" {
                        let _ = commands::stations::hall_close(handle.clone());
                    }
                }
            });
            0
        }
        Err(e) => {
            eprintln!("错误：无法打开会务窗口：{e}\nerror: cannot open the Huiwu window: {e}");
            1
        }
    }
}
