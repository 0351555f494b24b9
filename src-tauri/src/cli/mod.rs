//! The headless mode of the same binary: `huiwu [--db PATH] <command>`. Runs without a window and
//! without GTK (it is dispatched before any Tauri code), for IT staff, scripts and tests. Each
//! feature owns one file here with a clap `Subcommand` and its `run`; the commands call the same
//! core functions as the window.

mod archive;
mod attendance;
mod bulletins;
mod imports;
mod meetings;
mod minutes;
mod opinions;
mod points;
mod printing;
mod proposals;
mod roster;
mod sqmy;
mod stations;
mod store;
mod year;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use huiwu_core::{Db, Error};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "huiwu",
    version,
    about = "会务 Huiwu：政协会务管理。不带命令时打开窗口；带命令时在命令行运行（无需图形界面）。",
    after_help = "示例：huiwu --db demo.db demo && huiwu --db demo.db info --json"
)]
struct Args {
    /// 数据库文件（默认：系统数据目录下的 huiwu/huiwu.db；也可用环境变量 HUIWU_DB）
    #[arg(long, global = true, env = "HUIWU_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// 操作员姓名，记入审计日志（也可用环境变量 HUIWU_OPERATOR）
    #[arg(long, global = true, env = "HUIWU_OPERATOR", value_name = "NAME")]
    operator: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// 新建空数据库，可同时建立委员会
    Init(store::InitArgs),
    /// 新建一个装有示例委员会（政协安宁市第六届委员会）的数据库
    Demo(store::DemoArgs),
    /// 显示委员会名称、数据库版本和各类数量
    Info(store::InfoArgs),
    /// 把数据库完整备份到一个新文件（会务进行中也可备份）
    Backup(store::BackupArgs),
    /// 检查整个数据库文件是否完好（逐页检查，大文件需数秒）
    Check(store::CheckArgs),
    #[command(flatten)]
    Opinions(opinions::Commands),
    #[command(flatten)]
    Minutes(minutes::Commands),
    #[command(flatten)]
    Members(roster::Commands),
    #[command(flatten)]
    Imports(imports::Commands),
    #[command(flatten)]
    Meetings(meetings::Commands),
    #[command(flatten)]
    Attendance(attendance::Commands),
    #[command(flatten)]
    Printing(printing::Commands),
    #[command(flatten)]
    Archive(archive::Commands),
    #[command(flatten)]
    Bulletins(bulletins::Commands),
    #[command(flatten)]
    Sqmy(sqmy::Commands),
    #[command(flatten)]
    Stations(stations::Commands),
    #[command(flatten)]
    Year(year::Commands),
    #[command(flatten)]
    PointRules(points::Commands),
    /// 提案：登记、审查、交办、办理、统计、导出
    #[command(subcommand)]
    Proposals(proposals::Cmd),
}

#[allow(clippy::large_enum_variant, reason = "made once per process, at start-up; boxing buys nothing")]
pub enum Mode {
    Window { db_path: PathBuf },
    Cli(Run),
}

pub struct Run {
    ctx: Ctx,
    command: Option<Command>,
    /// Set when parsing ended the run (help, version, or a usage error already printed).
    exit: Option<i32>,
}

/// What every command gets: where the database is and who is working.
pub struct Ctx {
    pub db_path: PathBuf,
    pub operator: Option<String>,
}

impl Ctx {
    /// Opens an existing database file to change it; a missing file is an error (use `init` or
    /// `demo`).
    pub fn open(&self) -> Result<Db, CliError> {
        let mut db = crate::open_db(&self.db_path)?;
        if let Some(name) = self.operator.as_deref().filter(|n| !n.trim().is_empty()) {
            db.set_operator(name);
        }
        Ok(db)
    }

    /// Opens an existing database file only to read it (info, lists, exports, backups): nothing
    /// can be written through it and it leaves nothing behind, even on a read-only file.
    pub fn open_read(&self) -> Result<Db, CliError> {
        Ok(Db::open_read_only(&self.db_path)?)
    }
}

#[derive(Debug)]
pub enum CliError {
    /// A core error: printed in Chinese and English, exit code 1.
    Core(Error),
    /// The command already printed what went wrong (e.g. the candidates of an ambiguous query).
    Reported { code: i32 },
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Core(e)
    }
}

pub fn parse() -> Mode {
    match Args::try_parse() {
        Ok(args) => {
            let db_path = args.db.unwrap_or_else(crate::default_db_path);
            match args.command {
                None => Mode::Window { db_path },
                Some(command) => {
                    Mode::Cli(Run { ctx: Ctx { db_path, operator: args.operator }, command: Some(command), exit: None })
                }
            }
        }
        Err(e) => {
            // Help and version go to stdout with code 0; usage errors to stderr with code 2.
            let _ = e.print();
            Mode::Cli(Run {
                ctx: Ctx { db_path: PathBuf::new(), operator: None },
                command: None,
                exit: Some(e.exit_code()),
            })
        }
    }
}

impl Run {
    pub fn execute(self) -> i32 {
        // Only the headless mode: a closed pipe ends the process as it does any Unix tool.
        #[cfg(unix)]
        sigpipe::reset();
        if let Some(code) = self.exit {
            return code;
        }
        let Some(command) = self.command else { return 0 };
        let result = match command {
            Command::Init(a) => store::init(&self.ctx, a),
            Command::Demo(a) => store::demo(&self.ctx, a),
            Command::Info(a) => store::info(&self.ctx, a),
            Command::Backup(a) => store::backup(&self.ctx, a),
            Command::Check(a) => store::check(&self.ctx, a),
            Command::Opinions(c) => opinions::run(&self.ctx, c),
            Command::Minutes(c) => minutes::run(&self.ctx, c),
            Command::Members(c) => roster::run(&self.ctx, c),
            Command::Imports(c) => imports::run(&self.ctx, c),
            Command::Meetings(c) => meetings::run(&self.ctx, c),
            Command::Attendance(c) => attendance::run(&self.ctx, c),
            Command::Printing(c) => printing::run(c),
            Command::Archive(c) => archive::run(&self.ctx, c),
            Command::Bulletins(c) => bulletins::run(&self.ctx, c),
            Command::Sqmy(c) => sqmy::run(&self.ctx, c),
            Command::Stations(c) => stations::run(&self.ctx, c),
            Command::Year(c) => year::run(&self.ctx, c),
            Command::PointRules(c) => points::run(&self.ctx, c),
            Command::Proposals(c) => proposals::run(&self.ctx, c),
        };
        match result {
            Ok(()) => 0,
            Err(CliError::Core(e)) => {
                eprintln!("错误：{e}\nerror [{}]: {}", e.code(), e.english());
                1
            }
            Err(CliError::Reported { code }) => code,
        }
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Core(Error::internal("输出 JSON", e)))?;
    println!("{text}");
    Ok(())
}
