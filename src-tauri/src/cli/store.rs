//! `huiwu init`, `huiwu demo`, `huiwu info`, `huiwu backup`, `huiwu check`: the database file itself.

use clap::Args;
use huiwu_core::committee::{self, Committee};
use huiwu_core::files::Replace;
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

#[derive(Args)]
pub struct BackupArgs {
    /// 备份文件路径，如 /media/U盘/会务-2021-01-19.db
    file: std::path::PathBuf,
    /// 覆盖已有的同名备份文件（新备份完整写好后才替换旧文件）
    #[arg(long)]
    force: bool,
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
    let db = ctx.open_read()?;
    db.backup(&args.file, if args.force { Replace::Yes } else { Replace::No })?;
    println!("已备份到 {}（已检查备份文件完整无误）", args.file.display());
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
