//! `huiwu station export|open|handback|merge|list|conflicts|decide`: several laptops in one hall.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::files::Replace;
use huiwu_core::stations::{self, ConflictDecision, PackageScope};
use huiwu_core::{Db, Error};

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 分站（签到台、小组记录）：导出数据包、在分站打开、交回、在委员会文件中合并
    #[command(subcommand)]
    Station(StationCmd),
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct Kind {
    /// 签到台：用 --sitting 指定场次（可多个）
    #[arg(long)]
    desk: bool,
    /// 小组记录：用 --group 和 --meeting 指定小组和会议
    #[arg(long)]
    recorder: bool,
}

#[derive(Subcommand)]
pub enum StationCmd {
    /// 从委员会文件导出分站数据包
    Export {
        #[command(flatten)]
        kind: Kind,
        /// 场次编号（签到台；可写多次）
        #[arg(long = "sitting")]
        sittings: Vec<i64>,
        /// 小组名称（小组记录），如 第一组
        #[arg(long)]
        group: Option<String>,
        /// 会议编号（小组记录）
        #[arg(long)]
        meeting: Option<i64>,
        /// 数据包文件
        file: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// 在分站电脑上用数据包建立分站数据库（--db 指向一个新文件）
    Open {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 在分站电脑上导出交回文件（交回委员会文件合并）
    Handback {
        file: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// 把分站交回文件合并进委员会文件
    Merge {
        file: PathBuf,
        /// 只显示将合并什么，不写入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// 列出导出过的分站数据包、合并时间和待处理的冲突
    List {
        #[arg(long)]
        json: bool,
    },
    /// 列出合并时发现的冲突
    Conflicts {
        /// 也列出已处理的
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// 处理一项冲突：--apply 采用分站的记录，--reject 保留委员会文件
    Decide {
        id: i64,
        #[arg(long, conflicts_with = "reject")]
        apply: bool,
        #[arg(long)]
        reject: bool,
        #[arg(long)]
        json: bool,
    },
}

fn replace(force: bool) -> Replace {
    if force {
        Replace::Yes
    } else {
        Replace::No
    }
}

/// The station's database: made new from the package (an existing empty file is fine).
fn station_db(ctx: &Ctx) -> Result<Db, CliError> {
    let fresh = std::fs::metadata(&ctx.db_path).map(|m| m.len() == 0).unwrap_or(true);
    let mut db = if fresh { Db::create(&ctx.db_path)? } else { ctx.open()? };
    if let Some(name) = ctx.operator.as_deref().filter(|n| !n.trim().is_empty()) {
        db.set_operator(name);
    }
    Ok(db)
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let Commands::Station(cmd) = c;
    match cmd {
        StationCmd::Export { kind, sittings, group, meeting, file, force, json } => {
            let scope = if kind.desk {
                PackageScope::Desk { sittings }
            } else {
                let group = group
                    .ok_or_else(|| Error::invalid("--group", "小组记录的数据包需要指定小组，如 --group 第一组"))?;
                let meeting_id =
                    meeting.ok_or_else(|| Error::invalid("--meeting", "小组记录的数据包需要指定会议编号"))?;
                PackageScope::Recorder { group, meeting_id }
            };
            let mut db = ctx.open()?;
            let s = stations::export_package(&mut db, &scope, &file, replace(force))?;
            if json {
                return print_json(&s);
            }
            println!("已导出分站数据包“{}”：{}（{} 个场次，{} 名委员）", s.station_name, s.path, s.sittings, s.members);
            Ok(())
        }
        StationCmd::Open { file, json } => {
            let mut db = station_db(ctx)?;
            let info = stations::open_package(&mut db, &file)?;
            // Who works the station: named in its hand-back and in the committee file's audit trail.
            if let Some(name) = ctx.operator.as_deref().filter(|n| !n.trim().is_empty()) {
                huiwu_core::settings::set_operator(&mut db, name)?;
            }
            if json {
                return print_json(&info);
            }
            println!(
                "已建立分站“{}”（{}），不是委员会文件：{}",
                info.station_name,
                info.committee_name,
                ctx.db_path.display()
            );
            Ok(())
        }
        StationCmd::Handback { file, force, json } => {
            let db = ctx.open()?;
            let s = stations::handback(&db, &file, replace(force))?;
            if json {
                return print_json(&s);
            }
            println!(
                "已导出交回文件 {}：考勤记录 {} 条，请假 {} 条，发言意见 {} 条",
                s.path, s.events, s.leaves, s.remarks
            );
            Ok(())
        }
        StationCmd::Merge { file, dry_run, json } => {
            let mut db = ctx.open()?;
            let r = stations::merge(&mut db, &file, dry_run)?;
            if json {
                return print_json(&r);
            }
            let verb = if r.dry_run { "将合并" } else { "已合并" };
            println!(
                "{verb}“{}”（{}）：写入 {} 条（考勤 {}、请假 {}、发言 {}），已有 {} 条，冲突 {} 项",
                r.station_name,
                r.station_operator,
                r.applied,
                r.applied_events,
                r.applied_leaves,
                r.applied_remarks,
                r.already_present,
                r.conflicts.len()
            );
            for c in &r.conflicts {
                let known = if c.known { "（此前已记录）" } else { "" };
                println!("  冲突【{}】{}{known}", c.kind_label, c.description);
                if let Some(m) = &c.master_text {
                    println!("    分站：{}\n    委员会文件：{m}", c.station_text);
                }
            }
            Ok(())
        }
        StationCmd::List { json } => {
            let db = ctx.open_read()?;
            let list = stations::stations(db.conn())?;
            if json {
                return print_json(&list);
            }
            for s in &list {
                let merged = s.last_merged_at.as_deref().unwrap_or("尚未合并");
                println!(
                    "{}\t{}\t{}\t导出 {}\t合并 {}（{} 次）\t待处理冲突 {}",
                    s.id, s.name, s.kind_label, s.exported_at, merged, s.merges, s.pending_conflicts
                );
            }
            Ok(())
        }
        StationCmd::Conflicts { all, json } => {
            let db = ctx.open_read()?;
            let list = stations::conflicts(db.conn(), !all)?;
            if json {
                return print_json(&list);
            }
            for c in &list {
                println!(
                    "{}\t【{}】{}\t{}",
                    c.id,
                    c.kind_label,
                    c.description,
                    c.decision.as_deref().unwrap_or("待处理")
                );
            }
            Ok(())
        }
        StationCmd::Decide { id, apply, reject, json } => {
            let decision = match (apply, reject) {
                (true, false) => ConflictDecision::Apply,
                (false, true) => ConflictDecision::Reject,
                _ => {
                    return Err(Error::invalid(
                        "处理方式",
                        "请写 --apply（采用分站的记录）或 --reject（保留委员会文件）",
                    )
                    .into())
                }
            };
            let mut db = ctx.open()?;
            let c = stations::resolve_conflict(&mut db, id, decision)?;
            if json {
                return print_json(&c);
            }
            println!("第 {} 项冲突已处理：{}", c.id, if apply { "采用分站的记录" } else { "保留委员会文件" });
            Ok(())
        }
    }
}
