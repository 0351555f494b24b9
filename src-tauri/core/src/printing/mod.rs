//! Printing a PDF on paper: the printers the system offers, one job with copies, duplex and a page
//! range, and what became of the job.
//!
//! On Linux (and other Unix systems) the printing system is CUPS, reached through its own client
//! programs (`lpstat`, `lpoptions`, `lp`), which every CUPS installation ships; see [`cups`]. Other
//! systems get a clear message that printing from Huiwu is not available there yet.

mod cups;
mod pages;

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
pub use pages::{page_count, PageRange};

/// A printer the system offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Printer {
    /// The queue name, as the printing system knows it.
    pub name: String,
    /// What the administrator wrote about it (its model or place), possibly empty.
    pub description: String,
    pub is_default: bool,
    pub state: PrinterState,
    /// The printer's own words about its state (out of paper, …), possibly empty.
    pub state_message: String,
    /// Whether the printer offers printing on both sides.
    pub duplex: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PrinterState {
    Idle,
    Printing,
    Stopped,
}

impl PrinterState {
    pub fn label(self) -> &'static str {
        match self {
            PrinterState::Idle => "空闲",
            PrinterState::Printing => "正在打印",
            PrinterState::Stopped => "已停用",
        }
    }
}

/// What to print and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintRequest {
    /// The printer; `None` means the system's default printer.
    pub printer: Option<String>,
    /// Copies, 1 to 999; 0 is taken as 1.
    pub copies: u32,
    /// Both sides (long edge), where the printer offers it.
    pub duplex: bool,
    /// Pages as a clerk types them: «1-3,5»; empty means every page.
    pub pages: Option<String>,
}

/// What became of a print job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintOutcome {
    pub printer: String,
    /// The job's number in the printing system (e.g. «HP-LaserJet-12»).
    pub job: String,
    /// Pages of one copy.
    pub pages: u32,
    pub copies: u32,
    /// Whether the job was seen through to the end before we stopped waiting.
    pub completed: bool,
    /// The sentence to show: «已发送到打印机 X，共 N 页» and what is known of the job.
    pub message: String,
}

/// The printers the system offers, the default first.
pub fn printers() -> Result<Vec<Printer>> {
    let mut list = cups::printers()?;
    list.sort_by(|a, b| b.is_default.cmp(&a.is_default).then_with(|| a.name.cmp(&b.name)));
    Ok(list)
}

/// Prints the PDF at `file` and waits up to `wait` for the printing system to finish the job.
pub fn print_pdf(file: &Path, request: &PrintRequest, wait: Duration) -> Result<PrintOutcome> {
    let total = page_count(file)?;
    let range = match request.pages.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Some(PageRange::parse(text, total)?),
        None => None,
    };
    let copies = match request.copies {
        0 => 1,
        n @ 1..=999 => n,
        _ => return Err(Error::invalid("份数", "份数应在 1 到 999 之间")),
    };
    let printers = printers()?;
    let printer = choose_printer(&printers, request.printer.as_deref())?;
    if printer.state == PrinterState::Stopped {
        return Err(Error::Print(stopped_message(printer)));
    }
    if request.duplex && !printer.duplex {
        return Err(Error::invalid("双面打印", format!("打印机 {} 不支持双面打印，请改为单面", printer.name)));
    }
    let pages = range.as_ref().map_or(total, PageRange::count);
    let job = cups::submit(file, &printer.name, copies, request.duplex, range.as_ref())?;
    let state = cups::wait_for(&job, &printer.name, wait)?;
    let mut message = format!("已发送到打印机 {}，共 {} 页", printer.name, pages);
    if copies > 1 {
        message.push_str(&format!("，{copies} 份"));
    }
    match &state {
        cups::JobState::Completed => message.push_str("，已打印完成。"),
        cups::JobState::Pending(note) if note.is_empty() => message.push_str("，正在排队打印。"),
        cups::JobState::Pending(note) => message.push_str(&format!("，正在排队打印（打印机提示：{note}）。")),
        cups::JobState::Held(note) => {
            return Err(Error::Print(format!(
                "打印机 {} 已暂停（{note}），打印任务 {job} 在队列中等待，打印机恢复后会继续打印；不必重新打印。",
                printer.name
            )))
        }
        cups::JobState::Failed(note) => {
            return Err(Error::Print(format!(
                "打印机 {} 未能完成打印任务 {job}：{note}。请检查打印机（纸张、墨粉、连接）后重新打印。",
                printer.name
            )))
        }
    }
    Ok(PrintOutcome {
        printer: printer.name.clone(),
        job,
        pages,
        copies,
        completed: matches!(state, cups::JobState::Completed),
        message,
    })
}

fn choose_printer<'a>(printers: &'a [Printer], wanted: Option<&str>) -> Result<&'a Printer> {
    if printers.is_empty() {
        return Err(Error::Print("本机没有安装打印机。请先在系统设置中添加打印机，再回来打印。".into()));
    }
    match wanted.map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => printers.iter().find(|p| p.name == name).ok_or_else(|| {
            let names: Vec<&str> = printers.iter().map(|p| p.name.as_str()).collect();
            Error::invalid("打印机", format!("没有名为「{name}」的打印机；本机的打印机：{}", names.join("、")))
        }),
        None => printers
            .iter()
            .find(|p| p.is_default)
            .or(if printers.len() == 1 { printers.first() } else { None })
            .ok_or_else(|| Error::invalid("打印机", "本机没有设置默认打印机，请选择一台打印机")),
    }
}

fn stopped_message(p: &Printer) -> String {
    let why = if p.state_message.is_empty() { String::new() } else { format!("（{}）", p.state_message) };
    format!("打印机 {} 已停用{why}，请在系统的打印机设置中恢复它，或换一台打印机。", p.name)
}

#[cfg(test)]
mod tests;
