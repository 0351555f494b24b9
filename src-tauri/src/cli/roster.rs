//! `huiwu members …`: the roster headless — import a roster file, list, search and export —
//! through the same core functions as the window.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::files::Replace;
use huiwu_core::roster::{self, export, import, MemberStatus, Role, RosterFilter};
use huiwu_core::Error;

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 委员名册：导入、列出、查找、导出
    Members {
        #[command(subcommand)]
        command: MembersCmd,
    },
}

#[derive(Subcommand)]
pub enum MembersCmd {
    /// 从 .xlsx / .xls / .csv 导入名册；有问题的行默认整批不导入
    Import(ImportArgs),
    /// 列出某日在任的委员（默认今天）
    List(ListArgs),
    /// 查找委员：姓名、拼音、首字母、委员编号、座位号
    Search {
        query: String,
        /// 只找该日在任的委员
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 导出名册为 .xlsx（某日在任的委员，可按界别、小组、职务筛选）
    Export {
        /// 输出文件（.xlsx）
        file: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        /// 覆盖已有文件
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    /// 名册文件：.xlsx、.xls 或 .csv（UTF-8 / GBK）
    file: PathBuf,
    /// 只检查并列出问题，不写入
    #[arg(long)]
    dry_run: bool,
    /// 跳过有问题的行，只导入无误的行
    #[arg(long)]
    skip_invalid: bool,
    /// 新委员的任职日期（默认：届期开始日期）
    #[arg(long, value_name = "DATE")]
    joined_on: Option<String>,
    /// 职务变动的生效日期（默认：今天）
    #[arg(long, value_name = "DATE")]
    effective_on: Option<String>,
    /// 工作表名称（默认：第一个有表头的工作表）
    #[arg(long)]
    sheet: Option<String>,
    /// 表头所在行（Excel 行号；默认自动识别）
    #[arg(long, value_name = "ROW")]
    header_row: Option<u32>,
    /// 以 JSON 输出预览或结果
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct FilterArgs {
    /// 日期（YYYY-MM-DD，默认今天）：该日在任者及其当日职务
    #[arg(long)]
    date: Option<String>,
    /// 界别
    #[arg(long)]
    sector: Option<String>,
    /// 小组
    #[arg(long)]
    group: Option<String>,
    /// 职务：主席 / 副主席 / 秘书长 / 常委 / 委员
    #[arg(long)]
    role: Option<String>,
    /// 状态：在任（默认）/ 离任 / 全部（in_office / left / all）
    #[arg(long)]
    status: Option<String>,
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long)]
    json: bool,
}

impl FilterArgs {
    fn to_filter(&self) -> Result<RosterFilter, CliError> {
        let role = match self.role.as_deref() {
            None => None,
            Some(r) => Some(
                Role::from_label(r)
                    .filter(|_| !r.trim().is_empty())
                    .ok_or_else(|| Error::invalid("职务", format!("“{r}”应为主席、副主席、秘书长、常委或委员")))?,
            ),
        };
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("") | Some("在任") | Some("in_office") => MemberStatus::InOffice,
            Some("离任") | Some("left") => MemberStatus::Left,
            Some("全部") | Some("all") => MemberStatus::All,
            Some(other) => return Err(Error::invalid("状态", format!("“{other}”应为在任、离任或全部")).into()),
        };
        Ok(RosterFilter {
            date: self.date.clone(),
            sector: self.sector.clone(),
            group: self.group.clone(),
            role,
            status,
        })
    }
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let Commands::Members { command } = c;
    match command {
        MembersCmd::Import(a) => import_cmd(ctx, a),
        MembersCmd::List(a) => {
            let db = ctx.open()?;
            let list = roster::list(db.conn(), &a.filter.to_filter()?)?;
            if a.json {
                return print_json(&list);
            }
            for m in &list {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    m.member_no.as_deref().unwrap_or("-"),
                    m.name,
                    m.role.label(),
                    m.sector.as_deref().unwrap_or(""),
                    m.group.as_deref().unwrap_or(""),
                    m.seat
                );
            }
            println!("共 {} 人", list.len());
            Ok(())
        }
        MembersCmd::Search { query, date, json } => {
            let db = ctx.open()?;
            let hits = roster::search(db.conn(), &query, date.as_deref())?;
            if json {
                return print_json(&hits);
            }
            for h in &hits {
                let m = &h.member;
                let status = if m.left_on.is_some() { "（已离任）" } else { "" };
                println!(
                    "{}\t{}{status}\t{}\t{}",
                    m.member_no.as_deref().unwrap_or("-"),
                    m.name,
                    m.group.as_deref().unwrap_or(""),
                    m.seat
                );
            }
            if hits.is_empty() {
                eprintln!("没有找到“{query}”");
                return Err(CliError::Reported { code: 3 });
            }
            Ok(())
        }
        MembersCmd::Export { file, filter, force } => {
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let db = ctx.open_read()?;
            let n = export::export_xlsx_file(
                db.conn(),
                &filter.to_filter()?,
                &file,
                if force { Replace::Yes } else { Replace::No },
            )?;
            println!("已导出 {n} 名委员到 {}", file.display());
            Ok(())
        }
    }
}

fn import_cmd(ctx: &Ctx, a: ImportArgs) -> Result<(), CliError> {
    let mut db = ctx.open()?;
    let opts = import::ImportOptions {
        skip_invalid: a.skip_invalid,
        mapping: None,
        header_row: a.header_row,
        sheet: a.sheet.clone(),
        joined_on: a.joined_on.clone(),
        effective_on: a.effective_on.clone(),
    };
    let preview = import::preview_file(db.conn(), &a.file, &opts)?;
    if a.dry_run {
        if a.json {
            print_json(&preview)?;
        } else {
            print_preview(&preview);
            println!("（试运行：未写入任何内容）");
        }
        return if preview.can_import { Ok(()) } else { Err(CliError::Reported { code: 1 }) };
    }
    if !a.json {
        print_preview(&preview);
    }
    match import::import_file(&mut db, &a.file, &opts) {
        Ok(out) => {
            if a.json {
                return print_json(&out);
            }
            println!(
                "已导入：新增 {} 人，更新 {} 人，未变 {} 人{}",
                out.created,
                out.updated,
                out.unchanged,
                if out.skipped > 0 { format!("，跳过有问题的 {} 行", out.skipped) } else { String::new() }
            );
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

fn print_preview(p: &import::ImportPreview) {
    let sheet = if p.sheet.is_empty() { String::new() } else { format!("，工作表“{}”", p.sheet) };
    println!("文件：{}（{}{sheet}），表头在第 {} 行", p.file_name, p.format, p.header_row);
    let mapped: Vec<String> = p
        .columns
        .iter()
        .map(|c| match c.field {
            Some(f) => format!("{}列“{}”→{}", c.letter, c.heading, f.label()),
            None => format!("{}列“{}”→（不导入）", c.letter, c.heading),
        })
        .collect();
    println!("列对应：{}", mapped.join("；"));
    println!(
        "共 {} 行：新增 {}，更新 {}，未变 {}，有问题 {}，疑似重复 {}，需核对 {}",
        p.rows.len(),
        p.create,
        p.update,
        p.unchanged,
        p.invalid,
        p.duplicates,
        p.warned
    );
    for problem in &p.problems {
        println!("  {problem}");
    }
    for r in p.rows.iter().filter(|r| !r.changes.is_empty()) {
        let changes: Vec<String> =
            r.changes.iter().map(|c| format!("{} {} → {}", c.label, or_empty(&c.old), or_empty(&c.new))).collect();
        println!("  [更新] 第{}行 {}：{}", r.row, r.member.name, changes.join("；"));
    }
}

fn or_empty(s: &str) -> &str {
    if s.is_empty() {
        "（空）"
    } else {
        s
    }
}
