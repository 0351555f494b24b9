//! How far a long piece of work has got (an import of thousands of rows, a 100-page export), and
//! the user's wish to stop it. The work calls [`Progress::step`] between its steps: each call
//! reports where it is (at most every [`REPORT_EVERY`], and always at the last step) and returns
//! [`Error::Cancelled`] once the user has cancelled, so the work unwinds through its own error
//! path — a write transaction rolls back, a file written through `files::write_with` is never
//! renamed into place — and nothing is left half-written. Work that nobody watches takes
//! [`Progress::none`], which costs one branch per step.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Reports closer together than this are dropped (the last step of a stage always goes out).
pub const REPORT_EVERY: Duration = Duration::from_millis(100);

/// Where a piece of work is: the stage in words a clerk reads («写入第 3 页»), and how many of
/// its steps are done (`total` 0 when the stage cannot be counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Step {
    pub stage: String,
    pub done: u32,
    pub total: u32,
}

type Report = Box<dyn Fn(&Step) + Send + Sync>;

struct Inner {
    what: String,
    cancelled: AtomicBool,
    report: Report,
    last_report: Mutex<Option<Instant>>,
}

/// Handed to a long piece of work; cheap to clone.
#[derive(Clone, Default)]
pub struct Progress {
    inner: Option<Arc<Inner>>,
}

/// Cancels the work its [`Progress`] was handed to; kept by whoever can ask to stop (the window's
/// 取消 button reaches it through the task's id).
#[derive(Clone)]
pub struct Cancel {
    inner: Arc<Inner>,
}

impl Cancel {
    /// Asks the work to stop at its next step.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
    }
}

impl Progress {
    /// Work nobody watches or cancels.
    pub fn none() -> Progress {
        Progress { inner: None }
    }

    /// Work named `what` («导出纪要», for the message when it is cancelled) reporting each step to
    /// `report`; the [`Cancel`] stops it.
    pub fn new(what: impl Into<String>, report: impl Fn(&Step) + Send + Sync + 'static) -> (Progress, Cancel) {
        let inner = Arc::new(Inner {
            what: what.into(),
            cancelled: AtomicBool::new(false),
            report: Box::new(report),
            last_report: Mutex::new(None),
        });
        (Progress { inner: Some(Arc::clone(&inner)) }, Cancel { inner })
    }

    /// Has the user asked to stop?
    pub fn is_cancelled(&self) -> bool {
        self.inner.as_ref().is_some_and(|i| i.cancelled.load(Ordering::SeqCst))
    }

    /// `Err(Cancelled)` once the user has asked to stop; otherwise nothing.
    pub fn check(&self) -> Result<()> {
        match &self.inner {
            Some(i) if i.cancelled.load(Ordering::SeqCst) => Err(Error::Cancelled(i.what.clone())),
            _ => Ok(()),
        }
    }

    /// Step `done` of `total` of `stage` is about to be done (or, with `done == total`, all are):
    /// reported unless one went out less than [`REPORT_EVERY`] ago; then [`Progress::check`].
    pub fn step(&self, stage: &str, done: usize, total: usize) -> Result<()> {
        let Some(i) = &self.inner else { return Ok(()) };
        let now = Instant::now();
        let due = {
            let mut last = i.last_report.lock().unwrap_or_else(|p| p.into_inner());
            let due = done >= total || last.is_none_or(|t| now.duration_since(t) >= REPORT_EVERY);
            if due {
                *last = Some(now);
            }
            due
        };
        if due {
            let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            (i.report)(&Step { stage: stage.to_string(), done: clamp(done), total: clamp(total) });
        }
        self.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_reported_thinned_out_and_the_last_always() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let (p, _cancel) = Progress::new("导出纪要", move |s| sink.lock().expect("lock").push(s.clone()));
        for k in 0..=1000 {
            p.step("写入页面", k, 1000).expect("not cancelled");
        }
        let seen = seen.lock().expect("lock");
        assert_eq!(seen.first().map(|s| s.done), Some(0), "the first step is reported at once");
        assert_eq!(seen.last(), Some(&Step { stage: "写入页面".into(), done: 1000, total: 1000 }), "and the last");
        assert!(seen.len() < 100, "a thousand quick steps are not a thousand reports: {}", seen.len());
    }

    #[test]
    fn a_cancelled_piece_of_work_stops_at_its_next_step_with_a_message_naming_it() {
        let (p, cancel) = Progress::new("导入名册", |_| {});
        p.step("写入委员", 1, 10).expect("not yet cancelled");
        cancel.cancel();
        assert!(p.is_cancelled());
        let err = p.step("写入委员", 2, 10).expect_err("cancelled");
        assert!(matches!(err, Error::Cancelled(ref w) if w == "导入名册"), "{err:?}");
        assert!(err.to_string().contains("导入名册") && err.to_string().contains("没有写入"), "{err}");
        assert_eq!(err.code(), "cancelled");
    }

    #[test]
    fn work_nobody_watches_never_stops() {
        let p = Progress::none();
        assert!(p.step("写入", 1, 2).is_ok() && p.check().is_ok() && !p.is_cancelled());
    }
}
