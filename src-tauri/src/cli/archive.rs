//! `huiwu archive export|verify`: the one-file archive of a session, and checking one.

use std::path::PathBuf;

use clap::Subcommand;
use huiwu_core::archive;

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 会议归档：把一次会议的数据库副本和全部文件（纪要、意见清单、签到表、考勤表）存成一个 .zip
    #[command(subcommand)]
    Archive(ArchiveCmd),
}

#[derive(Subcommand)]
pub enum ArchiveCmd {
    /// 导出某次会议的归档文件
    Export {
        /// 次会议编号（huiwu meetings list 可查）
        #[arg(long)]
        session: i64,
        /// 归档文件（.zip）
        file: PathBuf,
        /// 覆盖已存在的文件
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// 校验归档文件：逐个核对清单中的校验值，指出被改动、缺失或后加的文件
    Verify {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// Exit code of `archive verify` when the archive has been changed or damaged.
const TAMPERED: i32 = 5;

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let Commands::Archive(cmd) = c;
    match cmd {
        ArchiveCmd::Export { session, file, force, json } => {
            let db = ctx.open()?;
            let report = archive::export_session(&db, session, &file, force)?;
            if json {
                return print_json(&report);
            }
            println!("已导出 {}（{} 个文件）", report.path, report.manifest.files.len());
            for w in &report.warnings {
                println!("注意：{w}");
            }
            Ok(())
        }
        ArchiveCmd::Verify { file, json } => {
            let check = archive::verify(&file)?;
            if json {
                print_json(&check)?;
            } else if check.ok() {
                println!(
                    "归档文件完好：{} {}，{} 个文件与清单一致（归档于 {}）",
                    check.manifest.committee, check.manifest.session, check.intact, check.manifest.created_at
                );
            } else {
                eprintln!("归档文件已被改动或损坏：{}", file.display());
                for p in &check.problems {
                    eprintln!("  {p}");
                }
            }
            if check.ok() {
                Ok(())
            } else {
                Err(CliError::Reported { code: TAMPERED })
            }
        }
    }
}
