//! `huiwu init`, `huiwu demo`, `huiwu info`, `huiwu backup`, `huiwu check`: the database file itself.

use clap::{Args, Subcommand};
use huiwu_core::committee::{self, Committee};
use huiwu_core::files::Replace;
use huiwu_core::snapshots::{self, Snapshot};
use huiwu_core::{demo, overview, Db};

use super::{print_json, CliError, Ctx};

#[derive(Args)]
pub struct InitArgs {
    /// 委员会名称，如“政协安宁市第六届委员会”（省略则只建空库，首次打开窗口时再填写）
    #[arg(long)]
    name: Option<String>,
    /// 届次（与 --name 同用）
    #[arg(long, default_value_t = 1)]
    term: u32,
    /// 简称，如“安宁市政协”
    #[arg(long, default_value = "")]
    short_name: String,
    /// 印发机关（秘书处/办公室）
    #[arg(long, default_value = "")]
    secretariat: String,
}

#[derive(Args)]
pub struct DemoArgs {
    /// 替换已有的数据库文件（替换前先把它备份到同一文件夹，并显示备份位置）
    #[arg(long)]
    force: bool,
}

/// `huiwu backup FILE` makes a backup; `huiwu backup list` and `huiwu backup restore` work on the
/// automatic snapshots. A file named like a subcommand is given as `./list`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    action: Option<BackupCmd>,
    /// 备份文件路径，如 /media/U盘/会务-2021-01-19.db
    #[arg(required = true)]
    file: Option<std::path::PathBuf>,
    /// 覆盖已有的同名备份文件（新备份完整写好后才替换旧文件）
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand)]
enum BackupCmd {
    /// 列出自动备份（打开文件时、结束考勤前、定稿前、每小时自动保存的副本），最新的在前
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 用一个自动备份恢复委员会文件（恢复前的状态另存为一个“恢复前”自动备份）
    Restore {
        /// 自动备份的文件名（见 huiwu backup list）或路径
        snapshot: std::path::PathBuf,
    },
}

#[derive(Args)]
pub struct CheckArgs {
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct InfoArgs {
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn init(ctx: &Ctx, args: InitArgs) -> Result<(), CliError> {
    let mut db = Db::create(&ctx.db_path)?;
    if let Some(op) = &ctx.operator {
        db.set_operator(op);
    }
    if let Some(name) = args.name {
        let c = Committee {
            name,
            short_name: args.short_name,
            term_number: args.term,
            term_start: None,
            term_end: None,
            secretariat: args.secretariat,
        };
        if let Err(e) = committee::create(&mut db, &c) {
            drop(db);
            // Nothing half-written: the file we just created goes again.
            let _ = std::fs::remove_file(&ctx.db_path);
            return Err(e.into());
        }
        println!("已新建数据库 {}，委员会：{}", ctx.db_path.display(), c.name.trim());
    } else {
        println!("已新建空数据库 {}（打开窗口后建立委员会）", ctx.db_path.display());
    }
    Ok(())
}

pub fn demo(ctx: &Ctx, args: DemoArgs) -> Result<(), CliError> {
    let kept = demo::create_file(&ctx.db_path, args.force)?;
    if let Some(kept) = kept {
        println!("原文件已备份到 {}", kept.display());
    }
    let db = ctx.open_read()?;
    let o = overview::overview(&db)?;
    println!(
        "已新建示例数据库 {}：{}，委员 {} 人，会议 {} 个，场次 {} 个",
        ctx.db_path.display(),
        o.committee.name,
        o.members,
        o.meetings,
        o.sittings
    );
    Ok(())
}

pub fn info(ctx: &Ctx, args: InfoArgs) -> Result<(), CliError> {
    let db = ctx.open_read()?;
    let o = overview::overview(&db)?;
    if args.json {
        return print_json(&o);
    }
    println!("委员会：{}", o.committee.name);
    println!("数据库：{}（版本 {}）", ctx.db_path.display(), o.schema_version);
    println!("在任委员：{} 人（名册共 {} 人）", o.members, o.members_total);
    println!("会议：{} 个，场次：{} 个", o.meetings, o.sittings);
    Ok(())
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> Result<(), CliError> {
    match (args.action, args.file) {
        (Some(BackupCmd::List { json }), _) => backup_list(ctx, json),
        (Some(BackupCmd::Restore { snapshot }), _) => backup_restore(ctx, &snapshot),
        (None, Some(file)) => {
            let db = ctx.open_read()?;
            db.backup(&file, if args.force { Replace::Yes } else { Replace::No })?;
            println!("已备份到 {}（已检查备份文件完整无误）", file.display());
            Ok(())
        }
        // clap requires FILE when no subcommand is given.
        (None, None) => Err(CliError::Core(huiwu_core::Error::invalid("备份文件", "请给出备份文件路径"))),
    }
}

fn backup_list(ctx: &Ctx, json: bool) -> Result<(), CliError> {
    let all = snapshots::list(&ctx.db_path);
    if json {
        return print_json(&all);
    }
    if all.is_empty() {
        println!("{} 还没有自动备份（文件夹 {}）", ctx.db_path.display(), snapshots::folder(&ctx.db_path).display());
        return Ok(());
    }
    println!("{} 的自动备份（{} 个，最新的在前）：", ctx.db_path.display(), all.len());
    let row = |cells: [&str; 7]| {
        let widths = [19, 10, 6, 6, 6, 6, 0];
        let line: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
        println!("{}", line.join("  ").trim_end());
    };
    row(["时间", "原因", "人数", "会议", "场次", "发言", "文件"]);
    for s in &all {
        let n = |f: fn(&snapshots::SnapshotCounts) -> u32| {
            s.counts.as_ref().map_or("—".to_string(), |c| f(c).to_string())
        };
        let taken = s.taken.format("%Y-%m-%d %H:%M:%S").to_string();
        let (members, meetings, sittings, remarks) =
            (n(|c| c.members), n(|c| c.meetings), n(|c| c.sittings), n(|c| c.remarks));
        row([&taken, &s.reason_label, &members, &meetings, &sittings, &remarks, &s.file_name]);
    }
    Ok(())
}

/// `s` followed by spaces up to `width` terminal columns (a Chinese character takes two).
fn pad(s: &str, width: usize) -> String {
    let used: usize = s.chars().map(|c| if c >= '\u{2e80}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(used)))
}

fn backup_restore(ctx: &Ctx, name: &std::path::Path) -> Result<(), CliError> {
    let path = snapshots::resolve(&ctx.db_path, name);
    let mut db = ctx.open()?;
    let aside = snapshots::restore(&mut db, &path)?;
    let holds = snapshots::describe(&path).and_then(|s| s.counts).map_or(String::new(), |c| {
        format!("：委员 {} 人，会议 {} 个，场次 {} 个，发言 {} 条", c.members, c.meetings, c.sittings, c.remarks)
    });
    println!("已用自动备份 {} 恢复 {}{holds}（已检查文件完整无误）", path.display(), ctx.db_path.display());
    if let Some(Snapshot { file_name, .. }) = aside {
        println!("恢复前的状态已另存为自动备份 {file_name}；如需撤销这次恢复：huiwu backup restore {file_name}");
    }
    Ok(())
}

/// The whole-file check (`PRAGMA integrity_check` and the foreign keys); exit code 1 when it fails.
pub fn check(ctx: &Ctx, args: CheckArgs) -> Result<(), CliError> {
    let db = ctx.open_read()?;
    let r = db.check()?;
    if args.json {
        print_json(&r)?;
    } else if r.ok {
        println!("数据库文件完整无误（检查用时 {} 毫秒）", r.millis);
    } else {
        println!("数据库文件检查发现问题，请用备份文件恢复：");
        for p in &r.problems {
            println!("  {p}");
        }
    }
    if r.ok {
        Ok(())
    } else {
        Err(CliError::Reported { code: 1 })
    }
}
