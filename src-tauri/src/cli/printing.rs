//! `huiwu printers`, `huiwu print FILE.pdf`: printing on paper through the system's printing service.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use huiwu_core::printing::{self, PrintRequest};

use super::{print_json, CliError};

#[derive(Subcommand)]
pub enum Commands {
    /// 列出本机的打印机（默认打印机在前）
    Printers(PrintersArgs),
    /// 打印 PDF 文件：可选打印机、份数、双面和页码范围
    Print(PrintArgs),
}

#[derive(Args)]
pub struct PrintersArgs {
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct PrintArgs {
    /// 要打印的 PDF 文件
    file: PathBuf,
    #[command(flatten)]
    options: PrintOptions,
    /// 以 JSON 输出结果
    #[arg(long)]
    json: bool,
}

/// The options of a print job, shared by `huiwu print` and the exports' `--print`.
#[derive(Args, Clone, Default)]
pub struct PrintOptions {
    /// 打印机名称（默认：系统默认打印机）
    #[arg(long, value_name = "NAME")]
    printer: Option<String>,
    /// 份数
    #[arg(long, default_value_t = 1)]
    copies: u32,
    /// 双面打印（长边装订），打印机支持时
    #[arg(long)]
    duplex: bool,
    /// 页码范围，如 1-3,5（默认全部）
    #[arg(long, value_name = "PAGES")]
    pages: Option<String>,
    /// 最多等待打印完成的秒数
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    wait: u64,
}

/// `--print` on the document exports (纪要, opinion lists, sign-in sheets): the PDF just written is
/// sent to a printer, with the same options as `huiwu print`.
#[derive(Args, Clone, Default)]
pub struct PrintAfter {
    /// 导出后送打印机打印（仅 PDF；可配合 --printer、--copies、--duplex、--pages）
    #[arg(long)]
    print: bool,
    #[command(flatten)]
    options: PrintOptions,
}

impl PrintAfter {
    /// Refuses `--print` for a file that is not a PDF, before anything is written.
    pub fn check(&self, file: &std::path::Path) -> Result<(), CliError> {
        let pdf = file.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if self.print && !pdf {
            return Err(CliError::Core(huiwu_core::Error::invalid(
                "打印",
                format!("只能打印 PDF 文件；请把输出文件名改为 .pdf 结尾（现在是 {}）", file.display()),
            )));
        }
        Ok(())
    }

    /// Prints the written `file` when `--print` was given. With `--json` the outcome goes to
    /// standard error, so standard output stays one JSON document.
    pub fn run(&self, file: &std::path::Path, json: bool) -> Result<(), CliError> {
        if !self.print {
            return Ok(());
        }
        let outcome = self.options.print(file)?;
        if json {
            eprintln!("{}", outcome.message);
        } else {
            println!("{}", outcome.message);
        }
        Ok(())
    }
}

impl PrintOptions {
    /// Sends `file` to the printer with these options and waits up to `--wait` for the outcome.
    fn print(&self, file: &std::path::Path) -> Result<printing::PrintOutcome, CliError> {
        Ok(printing::print_pdf(file, &self.request(), Duration::from_secs(self.wait))?)
    }

    fn request(&self) -> PrintRequest {
        PrintRequest {
            printer: self.printer.clone(),
            copies: self.copies,
            duplex: self.duplex,
            pages: self.pages.clone(),
        }
    }
}

pub fn run(command: Commands) -> Result<(), CliError> {
    match command {
        Commands::Printers(a) => {
            let list = printing::printers()?;
            if a.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("本机没有安装打印机。");
            }
            for p in list {
                let mut line = format!("{}\t{}", p.name, p.state.label());
                if p.is_default {
                    line.push_str("\t默认");
                }
                if p.duplex {
                    line.push_str("\t可双面");
                }
                if !p.description.is_empty() {
                    line.push_str(&format!("\t{}", p.description));
                }
                if !p.state_message.is_empty() {
                    line.push_str(&format!("\t（{}）", p.state_message));
                }
                println!("{line}");
            }
            Ok(())
        }
        Commands::Print(a) => print_file(&a.file, &a.options, a.json),
    }
}

/// Prints `file` and reports the outcome (used by `huiwu print` and by `--print` on exports).
pub fn print_file(file: &std::path::Path, options: &PrintOptions, json: bool) -> Result<(), CliError> {
    let outcome = options.print(file)?;
    if json {
        print_json(&outcome)
    } else {
        println!("{}", outcome.message);
        Ok(())
    }
}
