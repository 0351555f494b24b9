//! Stations (分站): packages out, merging hand-backs, conflicts; and the hall display (大屏), a
//! second window that shows a sitting's 应到/实到/请假 and the quorum, told of every change.

use huiwu_core::stations::{
    self, ConflictDecision, HallMonitor, HandbackSummary, MergeReport, PackageScope, PackageSummary, StationInfo,
    StationPackage, StoredConflict,
};
use huiwu_core::Error;
use tauri::{AppHandle, Emitter, Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::error::{IpcError, IpcResult};
use crate::exports::export_target;
use crate::state::AppState;

/// The event the hall display listens to: the committee file changed at this laptop.
pub const CHANGED: &str = "huiwu://changed";
const HALL: &str = "hall";

#[tauri::command(async)]
pub fn station_info(state: State<'_, AppState>) -> IpcResult<Option<StationInfo>> {
    state.with_db(|db| stations::station_info(db.conn()))
}

/// Makes the open (new, empty) file a station from a package chosen on the first-run page.
#[tauri::command(async)]
pub fn station_open_package(state: State<'_, AppState>, path: String) -> IpcResult<huiwu_core::overview::Status> {
    state.with_db(|db| {
        stations::open_package(db, std::path::Path::new(&path))?;
        huiwu_core::overview::status(db)
    })
}

#[tauri::command(async)]
pub fn station_list(state: State<'_, AppState>) -> IpcResult<Vec<StationPackage>> {
    state.with_db(|db| stations::stations(db.conn()))
}

#[tauri::command(async)]
pub fn station_conflicts(state: State<'_, AppState>, pending_only: bool) -> IpcResult<Vec<StoredConflict>> {
    state.with_db(|db| stations::conflicts(db.conn(), pending_only))
}

#[tauri::command(async)]
pub fn station_export(
    state: State<'_, AppState>,
    scope: PackageScope,
    path: Option<String>,
) -> IpcResult<PackageSummary> {
    state.with_db(|db| {
        let (path, replace) = export_target(path, "分站数据包", "huiwu-station")?;
        stations::export_package(db, &scope, &path, replace)
    })
}

#[tauri::command(async)]
pub fn station_merge(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    dry_run: bool,
) -> IpcResult<MergeReport> {
    let report = state.with_db(|db| stations::merge(db, std::path::Path::new(&path), dry_run))?;
    if !dry_run {
        let _ = app.emit(CHANGED, ());
    }
    Ok(report)
}

#[tauri::command(async)]
pub fn station_decide(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    decision: ConflictDecision,
) -> IpcResult<StoredConflict> {
    let c = state.with_db(|db| stations::resolve_conflict(db, id, decision))?;
    let _ = app.emit(CHANGED, ());
    Ok(c)
}

#[tauri::command(async)]
pub fn station_handback(state: State<'_, AppState>, path: Option<String>) -> IpcResult<HandbackSummary> {
    state.with_db(|db| {
        let (path, replace) = export_target(path, "分站交回", "huiwu-back")?;
        stations::handback(db, &path, replace)
    })
}

#[tauri::command(async)]
pub fn hall_monitors(app: AppHandle) -> IpcResult<Vec<HallMonitor>> {
    let primary = app.primary_monitor().ok().flatten().map(|m| m.position().to_owned());
    let list = app.available_monitors().map_err(|e| IpcError::from(Error::internal("列出显示器", e)))?;
    Ok(list
        .iter()
        .enumerate()
        .map(|(i, m)| HallMonitor {
            index: i as u32,
            name: m.name().cloned().unwrap_or_else(|| format!("显示器 {}", i + 1)),
            width: m.size().width,
            height: m.size().height,
            primary: primary.as_ref().is_some_and(|p| p == m.position()),
        })
        .collect())
}

/// Tells the hall display of every committed change to the open file (a check-in at this
/// laptop's desk, a merge): SQLite's update hook marks a change, its commit hook sends the event.
fn watch_changes(app: &AppHandle, state: &AppState) -> IpcResult<()> {
    let app = app.clone();
    state.with_db(|db| {
        db.notify_changes(move || {
            let _ = app.emit(CHANGED, ());
        })
    })
}

/// Opens the hall display (or moves it) on the chosen monitor, full-screen, for a sitting.
#[tauri::command(async)]
pub fn hall_open(
    app: AppHandle,
    state: State<'_, AppState>,
    sitting_id: i64,
    monitor: Option<u32>,
    fullscreen: Option<bool>,
) -> IpcResult<()> {
    watch_changes(&app, &state)?;
    let route = format!("index.html#/hall?sitting={sitting_id}");
    let fail = |e: tauri::Error| IpcError::from(Error::internal("打开大屏", e));
    let target = monitor.and_then(|i| app.available_monitors().ok().and_then(|l| l.into_iter().nth(i as usize)));
    let full = fullscreen.unwrap_or(true);
    let window = match app.get_webview_window(HALL) {
        Some(w) => {
            w.eval(format!("location.hash = '#/hall?sitting={sitting_id}'")).map_err(fail)?;
            w
        }
        None => WebviewWindowBuilder::new(&app, HALL, WebviewUrl::App(route.into()))
            .title("会务 — 大屏")
            .inner_size(1280.0, 720.0)
            .build()
            .map_err(fail)?,
    };
    if let Some(m) = target {
        let _ = window.set_fullscreen(false);
        window.set_position(*m.position()).map_err(fail)?;
    }
    window.set_fullscreen(full).map_err(fail)?;
    let _ = window.set_focus();
    Ok(())
}

#[tauri::command(async)]
pub fn hall_close(app: AppHandle) -> IpcResult<()> {
    if let Some(w) = app.get_webview_window(HALL) {
        w.close().map_err(|e| IpcError::from(Error::internal("关闭大屏", e)))?;
    }
    Ok(())
}
