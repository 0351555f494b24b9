//! `huiwu year …` (the year's figures, the records behind one, the work report's data section) and
//! `huiwu member-record …` (委员履职档案): headless, over the same core functions as the window.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::files::Replace;
use huiwu_core::year::{self, Period};
use huiwu_core::{roster, Error};

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 年度统计：工作报告的各项数字（均由记录计算），可导出数据部分（.docx / .pdf）
    Year(YearArgs),
    /// 委员履职档案：出席、请假、发言、意见建议、调研视察等，可导出 PDF（一人或一个小组、界别）
    MemberRecord(MemberRecordArgs),
}

#[derive(Args)]
pub struct YearArgs {
    /// 年度，如 2020
    #[arg(long)]
    year: Option<i32>,
    /// 或一段时间：起始日期
    #[arg(long)]
    from: Option<String>,
    /// 截止日期
    #[arg(long)]
    to: Option<String>,
    /// 以 JSON 输出（键名固定）
    #[arg(long)]
    json: bool,
    /// 列出某项数字背后的记录（键名，如 research_topics）
    #[arg(long)]
    records: Option<String>,
    /// 导出工作报告数据部分（.docx 或 .pdf）
    #[arg(long)]
    export: Option<PathBuf>,
    /// 导出文件已存在时覆盖
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct MemberRecordArgs {
    /// 委员：姓名、委员编号或拼音；与 --group / --sector 二选一
    query: Option<String>,
    /// 一个小组的全体委员
    #[arg(long)]
    group: Option<String>,
    /// 一个界别的全体委员
    #[arg(long)]
    sector: Option<String>,
    #[arg(long)]
    year: Option<i32>,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    json: bool,
    /// 导出 PDF
    #[arg(long)]
    export: Option<PathBuf>,
    #[arg(long)]
    force: bool,
}

fn period(year: Option<i32>, from: Option<&str>, to: Option<&str>) -> Result<Period, CliError> {
    Ok(match (year, from, to) {
        (Some(y), None, None) => Period::year(y)?,
        (None, Some(f), Some(t)) => Period::between(f, t)?,
        _ => return Err(Error::invalid("统计期间", "请给出 --year 年度，或同时给出 --from 和 --to").into()),
    })
}

fn replace(path: &std::path::Path, force: bool) -> Result<Replace, CliError> {
    if path.exists() && !force {
        return Err(Error::AlreadyExists(path.to_path_buf()).into());
    }
    Ok(if force { Replace::Yes } else { Replace::No })
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    match c {
        Commands::Year(a) => year_cmd(ctx, a),
        Commands::MemberRecord(a) => member_record(ctx, a),
    }
}

fn year_cmd(ctx: &Ctx, a: YearArgs) -> Result<(), CliError> {
    let p = period(a.year, a.from.as_deref(), a.to.as_deref())?;
    let db = ctx.open_read()?;
    if let Some(key) = a.records.as_deref() {
        let list = year::records(db.conn(), &p, key)?;
        if a.json {
            return print_json(&list);
        }
        for r in &list {
            println!("{}  {}  {}  {}", r.date, r.kind, r.title, r.detail);
        }
        println!("共 {} 项", list.len());
        return Ok(());
    }
    if let Some(path) = a.export {
        let how = replace(&path, a.force)?;
        let r = year::export_draft(db.conn(), &p, None, &path, how)?;
        if r.pages > 0 {
            println!("已导出 {}（{} 页）", r.path, r.pages);
        } else {
            println!("已导出 {}", r.path);
        }
        for w in &r.warnings {
            eprintln!("注意：{w}");
        }
        return Ok(());
    }
    let f = year::figures(db.conn(), &p)?;
    if a.json {
        return print_json(&serde_json::json!({ "period": f.period, "title": f.title, "figures": f.map() }));
    }
    println!("{}统计", f.title);
    for s in &f.sections {
        println!("{}", s.title);
        for fig in &s.figures {
            println!("  {}：{}", fig.label, fig.shown());
        }
    }
    Ok(())
}

fn member_record(ctx: &Ctx, a: MemberRecordArgs) -> Result<(), CliError> {
    let p = period(a.year, a.from.as_deref(), a.to.as_deref())?;
    let db = ctx.open_read()?;
    let in_period = |m: &roster::Member| {
        m.joined_on.as_str() <= p.to.as_str() && m.left_on.as_deref().is_none_or(|l| l > p.from.as_str())
    };
    let ids: Vec<i64> = match (&a.query, &a.group, &a.sector) {
        (Some(q), None, None) => vec![super::attendance::one_member(roster::all(db.conn())?, q, "名册")?.id],
        (None, Some(g), None) => roster::all(db.conn())?
            .into_iter()
            .filter(|m| m.group.as_deref() == Some(g.trim()) && in_period(m))
            .map(|m| m.id)
            .collect(),
        (None, None, Some(s)) => roster::all(db.conn())?
            .into_iter()
            .filter(|m| m.sector.as_deref() == Some(s.trim()) && in_period(m))
            .map(|m| m.id)
            .collect(),
        _ => return Err(Error::invalid("委员", "请给出一位委员，或 --group 小组，或 --sector 界别（三者选一）").into()),
    };
    if ids.is_empty() {
        return Err(Error::not_found("委员", a.group.or(a.sector).unwrap_or_default()).into());
    }
    if let Some(path) = a.export {
        let how = replace(&path, a.force)?;
        let r = year::export_member_records(db.conn(), &ids, &p, &path, how)?;
        println!("已导出 {}（{} 位委员，{} 页）", r.path, ids.len(), r.pages);
        for w in &r.warnings {
            eprintln!("注意：{w}");
        }
        return Ok(());
    }
    let records = ids.iter().map(|id| year::member_record(db.conn(), *id, &p)).collect::<Result<Vec<_>, _>>()?;
    if a.json {
        return if records.len() == 1 { print_json(&records[0]) } else { print_json(&records) };
    }
    for r in &records {
        let c = &r.attendance.counts;
        println!("{}（{}，{}）{}", r.name, r.sector, r.group, p.title());
        println!("  出席{}场次，请假{}场次，缺席{}场次（应出席{}场次）", c.present, c.on_leave, c.absent, c.expected);
        println!(
            "  发言意见{}条，协商意见建议{}条，调研视察等活动{}项",
            r.remarks.len(),
            r.items.len(),
            r.duties.len()
        );
        println!("  {}", r.proposals_line);
        if let Some(s) = &r.score {
            println!("  履职积分：{}", s.total);
        }
    }
    Ok(())
}
