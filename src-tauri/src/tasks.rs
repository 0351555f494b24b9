//! Long work the window watches: each such command gets a task id from the UI and a channel for
//! its progress; while it runs, its [`Cancel`] is kept here under that id, so that `task_cancel`
//! (a command of its own, which needs no database lock) can stop it at its next step.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use huiwu_core::progress::{Cancel, Progress, Step};
use serde::Deserialize;
use tauri::ipc::{Channel, JavaScriptChannelId};
use tauri::Webview;

/// What the UI passes to watch a command: the task's id (for 取消) and the channel its progress
/// goes to (`ui/src/app/task.ts`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Watch {
    task: String,
    on_progress: JavaScriptChannelId,
}

#[derive(Default)]
pub struct Tasks {
    running: Mutex<Running>,
}

#[derive(Default)]
struct Running {
    cancels: HashMap<String, Cancel>,
    /// 取消 pressed before the command had started (it was waiting for the database).
    cancelled_early: HashSet<String>,
}

/// A task while its command runs; it leaves the registry when dropped.
pub struct Task<'a> {
    tasks: &'a Tasks,
    id: Option<String>,
    pub progress: Progress,
}

impl Tasks {
    /// Starts watching the work `what` («导出纪要») as `watch` asks, reporting to the window of
    /// `webview`. Unwatched (no `watch`: a caller that shows no progress), nobody can cancel it.
    pub fn start(&self, what: &str, watch: Option<Watch>, webview: Webview) -> Task<'_> {
        let Some(Watch { task: id, on_progress }) = watch else {
            return Task { tasks: self, id: None, progress: Progress::none() };
        };
        let channel: Channel<Step> = on_progress.channel_on(webview);
        let (progress, cancel) = Progress::new(what, move |step| {
            // A window that has gone away cannot be told; the work goes on to its end.
            let _ = channel.send(step.clone());
        });
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if running.cancelled_early.remove(&id) {
            cancel.cancel();
        }
        running.cancels.insert(id.clone(), cancel);
        Task { tasks: self, id: Some(id), progress }
    }

    /// The user pressed 取消: the task stops at its next step (or as soon as it starts).
    pub fn cancel(&self, id: &str) {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        match running.cancels.get(id) {
            Some(c) => c.cancel(),
            None => {
                // A 取消 that came after its task ended is never claimed: keep only a few.
                if running.cancelled_early.len() >= 64 {
                    running.cancelled_early.clear();
                }
                running.cancelled_early.insert(id.to_string());
            }
        }
    }
}

impl Drop for Task<'_> {
    fn drop(&mut self) {
        if let Some(id) = &self.id {
            let mut running = self.tasks.running.lock().unwrap_or_else(|p| p.into_inner());
            running.cancels.remove(id);
            running.cancelled_early.remove(id);
        }
    }
}
