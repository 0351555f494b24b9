//! CUPS through its own client programs. Every call runs with `LC_ALL=C` so that what they print
//! can be read whatever language the desktop is in; what they say about a printer or a job is
//! passed on to the user as the printer's own words.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::{PageRange, Printer, PrinterState};
use crate::error::{Error, Result};

/// What became of a job while we waited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum JobState {
    Completed,
    /// Still queued or printing, with the printer's note if it has one.
    Pending(String),
    /// The printer stopped with the job still in its queue, with its reason.
    Held(String),
    /// The job left the queue unfinished (cancelled or aborted), with the printer's reason.
    Failed(String),
}

fn run(program: &str, args: &[&str]) -> Result<Output> {
    Command::new(program).args(args).env("LC_ALL", "C").env("LANG", "C").output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Print(
                "本机没有安装打印服务（CUPS），无法从会务软件打印。请安装 cups 后再试，或用 PDF 阅读器打开文件打印。"
                    .into(),
            )
        } else {
            Error::Print(format!("无法调用打印服务（{program}）：{e}"))
        }
    })
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

fn ensure_scheduler() -> Result<()> {
    let out = run("lpstat", &["-r"])?;
    if stdout(&out).contains("is running") {
        Ok(())
    } else {
        Err(Error::Print("打印服务（CUPS）没有运行。请在系统中启动打印服务后再试。".into()))
    }
}

pub(super) fn printers() -> Result<Vec<Printer>> {
    ensure_scheduler()?;
    let names_out = run("lpstat", &["-e"])?;
    let names: Vec<String> =
        stdout(&names_out).lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let default = parse_default(&stdout(&run("lpstat", &["-d"])?));
    let states = parse_states(&stdout(&run("lpstat", &["-l", "-p"])?));
    let mut list = Vec::with_capacity(names.len());
    for name in names {
        let (state, state_message, description) = states
            .iter()
            .find(|s| s.name == name)
            .map(|s| (s.state, s.note.clone(), s.description.clone()))
            .unwrap_or((PrinterState::Idle, String::new(), String::new()));
        let options = run("lpoptions", &["-p", &name, "-l"]).map(|o| stdout(&o)).unwrap_or_default();
        list.push(Printer {
            is_default: default.as_deref() == Some(name.as_str()),
            duplex: offers_duplex(&options),
            description: if description == name { String::new() } else { description },
            name,
            state,
            state_message,
        });
    }
    Ok(list)
}

pub(super) fn parse_default(text: &str) -> Option<String> {
    text.lines().find_map(|l| l.strip_prefix("system default destination:")).map(|s| s.trim().to_string())
}

/// One printer as `lpstat -l -p` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QueueState {
    pub name: String,
    pub state: PrinterState,
    /// The reason it gives for being stopped, if any.
    pub note: String,
    pub description: String,
}

/// `lpstat -l -p`: per printer, its state, the reason it gives, and its description.
pub(super) fn parse_states(text: &str) -> Vec<QueueState> {
    let mut out: Vec<QueueState> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("printer ") {
            let name = rest.split_whitespace().next().unwrap_or_default().to_string();
            let state = if rest.contains(" disabled since") {
                PrinterState::Stopped
            } else if rest.contains(" now printing") {
                PrinterState::Printing
            } else {
                PrinterState::Idle
            };
            out.push(QueueState { name, state, note: String::new(), description: String::new() });
        } else if let Some(last) = out.last_mut() {
            let item = line.trim();
            if let Some(d) = item.strip_prefix("Description:") {
                last.description = d.trim().to_string();
            } else if line.starts_with('\t') && !line.starts_with("\t\t") && !item.contains(':') && !item.is_empty() {
                // The free-text reason CUPS prints under a stopped printer.
                if last.note.is_empty() && item != "Banner required" {
                    last.note = item.to_string();
                }
            }
        }
    }
    out
}

/// Whether `lpoptions -l` offers printing on both sides.
pub(super) fn offers_duplex(options: &str) -> bool {
    options.lines().any(|l| {
        let key = l.split('/').next().unwrap_or_default();
        (key == "Duplex" || key == "sides")
            && (l.contains("DuplexNoTumble") || l.contains("two-sided-long-edge") || l.contains("DuplexTumble"))
    })
}

pub(super) fn submit(
    file: &Path,
    printer: &str,
    copies: u32,
    duplex: bool,
    range: Option<&PageRange>,
) -> Result<String> {
    let copies = copies.to_string();
    let title = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "会务文件".into());
    let ranges = range.map(|r| format!("page-ranges={}", r.to_cups()));
    let path = file.to_string_lossy().into_owned();
    let mut args: Vec<&str> = vec!["-d", printer, "-n", &copies, "-t", &title];
    args.extend(["-o", if duplex { "sides=two-sided-long-edge" } else { "sides=one-sided" }]);
    if let Some(r) = &ranges {
        args.extend(["-o", r.as_str()]);
    }
    args.extend(["--", &path]);
    let out = run("lp", &args)?;
    let text = stdout(&out);
    match parse_job_id(&text) {
        Some(job) if out.status.success() => Ok(job),
        _ => Err(Error::Print(format!("打印机 {printer} 没有接受打印任务：{}", non_empty(stderr(&out), text)))),
    }
}

fn non_empty(a: String, b: String) -> String {
    if a.is_empty() {
        b.trim().to_string()
    } else {
        a
    }
}

/// «request id is HP-12 (1 file(s))» → «HP-12».
pub(super) fn parse_job_id(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("request id is "))
        .and_then(|r| r.split_whitespace().next())
        .map(String::from)
}

/// Waits until the job has left the queue, or `wait` has passed, or the printer stops.
pub(super) fn wait_for(job: &str, printer: &str, wait: Duration) -> Result<JobState> {
    let start = Instant::now();
    loop {
        let pending = stdout(&run("lpstat", &["-W", "not-completed", "-o", printer])?);
        let queued = pending.lines().any(|l| l.split_whitespace().next() == Some(job));
        let states = parse_states(&stdout(&run("lpstat", &["-l", "-p", printer])?));
        let (state, note) =
            states.first().map(|s| (s.state, s.note.clone())).unwrap_or((PrinterState::Idle, String::new()));
        if !queued {
            let done = stdout(&run("lpstat", &["-W", "completed", "-o", printer])?);
            if done.lines().any(|l| l.split_whitespace().next() == Some(job)) {
                return Ok(JobState::Completed);
            }
            return Ok(JobState::Failed(if note.is_empty() { "任务已被取消".into() } else { note }));
        }
        if state == PrinterState::Stopped {
            return Ok(JobState::Held(if note.is_empty() { "打印机已停用".into() } else { note }));
        }
        if start.elapsed() >= wait {
            return Ok(JobState::Pending(note));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
