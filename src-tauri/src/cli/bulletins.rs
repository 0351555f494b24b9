//! `huiwu bulletins …`: session bulletins (简报), headless: list, save (like `minutes save`),
//! export as PDF / DOCX, withdraw.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::bulletins::{self, BulletinInput, ComposeRequest, Series};
use huiwu_core::documents::Format;
use huiwu_core::Error;

use super::minutes::{read_text, write_export};
use super::printing::PrintAfter;
use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 简报：按次会议编期号，从分组讨论发言编写，导出 PDF / DOCX
    #[command(subcommand)]
    Bulletins(BulletinsCmd),
}

#[derive(Subcommand)]
pub enum BulletinsCmd {
    /// 列出简报（按次会议、期号）
    List {
        /// 只列这次会议的简报（次会议编号）
        #[arg(long)]
        session: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// 保存简报：给出 --id 修改已有的一期，否则新建一期（期号自动接续，不重复使用）
    Save(SaveArgs),
    /// 导出一期简报：文件名以 .pdf 或 .docx 结尾
    Export {
        /// 简报编号（bulletins list 中的 id）
        id: i64,
        file: PathBuf,
        /// 覆盖已存在的文件
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        print: PrintAfter,
    },
    /// 撤下一期简报（期号不再使用，原文留在操作记录中）
    Delete { id: i64 },
}

#[derive(Args)]
pub struct SaveArgs {
    /// 修改这一期（简报编号）
    #[arg(long, conflicts_with = "session")]
    id: Option<i64>,
    /// 新建时所属的次会议编号；不给则为委员会平时的简报
    #[arg(long)]
    session: Option<i64>,
    /// 简报名称，如“政协安宁市第六届委员会第四次会议简报”
    #[arg(long)]
    name: Option<String>,
    /// 编发单位，如“大会秘书处”
    #[arg(long)]
    issuer: Option<String>,
    /// 日期 YYYY-MM-DD
    #[arg(long)]
    date: Option<String>,
    /// 本期标题
    #[arg(long)]
    title: Option<String>,
    /// 正文文本文件（每行一段；“一、”“（一）”开头为标题）；“-” 为标准输入
    #[arg(long)]
    body_file: Option<PathBuf>,
    /// 引用的发言意见编号，按顺序，逗号分隔；不给 --body-file 时据此按小组生成正文
    #[arg(long, value_delimiter = ',')]
    remarks: Option<Vec<i64>>,
    /// 生成正文时姓名后的引语，默认“委员说：”
    #[arg(long)]
    lead: Option<String>,
    /// 报送
    #[arg(long)]
    send_to: Option<String>,
    /// 分送
    #[arg(long)]
    distribute_to: Option<String>,
    /// 共印份数（0 表示不印）
    #[arg(long)]
    copies: Option<u32>,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let Commands::Bulletins(c) = c;
    match c {
        BulletinsCmd::List { session, json } => {
            let db = ctx.open_read()?;
            let series = session.map_or(Series::All, Series::Session);
            let list = bulletins::list(db.conn(), series)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("还没有简报");
            }
            for b in list {
                let session = b.session_name.unwrap_or_else(|| "平时".into());
                println!("{}\t{session}\t{}第{}期\t{}\t{}", b.id, b.name, b.number, b.date, b.title);
            }
            Ok(())
        }
        BulletinsCmd::Save(a) => save(ctx, a),
        BulletinsCmd::Export { id, file, force, json, print } => {
            let format = Format::from_path(&file)?;
            print.check(&file)?;
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let db = ctx.open_read()?;
            let (out, _) = bulletins::export_saved(db.conn(), id, format)?;
            write_export(&file, force, json, format, &out)?;
            print.run(&file, json)
        }
        BulletinsCmd::Delete { id } => {
            let mut db = ctx.open()?;
            let b = bulletins::get(db.conn(), id)?;
            bulletins::delete(&mut db, id)?;
            println!("已撤下 {}第{}期（期号不再使用）", b.name, b.number);
            Ok(())
        }
    }
}

fn save(ctx: &Ctx, a: SaveArgs) -> Result<(), CliError> {
    let mut db = ctx.open()?;
    let mut input: BulletinInput = match a.id {
        Some(id) => bulletins::get(db.conn(), id)?.into(),
        None => bulletins::draft(db.conn(), a.session)?,
    };
    let set = |field: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *field = v;
        }
    };
    set(&mut input.name, a.name);
    set(&mut input.issuer, a.issuer);
    set(&mut input.date, a.date);
    set(&mut input.title, a.title);
    set(&mut input.send_to, a.send_to);
    set(&mut input.distribute_to, a.distribute_to);
    if let Some(n) = a.copies {
        input.copies = (n > 0).then_some(n);
    }
    if let Some(ids) = a.remarks {
        if a.body_file.is_none() {
            input.body = bulletins::compose_body(
                db.conn(),
                &ComposeRequest { remark_ids: ids.clone(), lead: a.lead.unwrap_or_default() },
            )?;
        }
        input.remark_ids = ids;
    }
    if let Some(p) = a.body_file {
        input.body = read_text(&p)?;
    }
    let saved = bulletins::save(&mut db, &input)?;
    if a.json {
        print_json(&saved)
    } else {
        println!("已保存 {}第{}期（编号 {}）", saved.name, saved.number, saved.id);
        Ok(())
    }
}
