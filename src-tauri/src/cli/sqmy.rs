//! `huiwu sqmy …`: 社情民意信息 headless — statistics of a year, the items and issues, recording
//! an item, editing items into an issue, 报送, 采用 / 批示, exporting an issue.

use std::path::PathBuf;

use clap::Subcommand;
use huiwu_core::documents::Format;
use huiwu_core::files::{self, Privacy, Replace};
use huiwu_core::sqmy::{self, OutcomeKind, SqmyIssueInput, SqmyItemInput, SqmyOutcomeInput, SqmySource};
use huiwu_core::Error;

use super::minutes::{print_warnings, read_text};
use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 社情民意信息：登记、编期、报送、采用批示、统计
    #[command(subcommand)]
    Sqmy(SqmyCmd),
}

#[derive(Subcommand)]
pub enum SqmyCmd {
    /// 一年的统计：收集条数、编发期数、采用、批示（及按委员）
    Stats {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// 列出社情民意信息（按收到日期）
    List {
        #[arg(long)]
        year: Option<i32>,
        /// 也列出已撤回的
        #[arg(long)]
        withdrawn: bool,
        #[arg(long)]
        json: bool,
    },
    /// 列出《社情民意》各期
    Issues {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 登记一条社情民意信息（报送人：一位或几位委员，或一个单位）
    Add {
        #[arg(long)]
        title: String,
        /// 内容文本文件；“-” 为标准输入
        #[arg(long)]
        content_file: Option<PathBuf>,
        /// 报送委员（委员编号、姓名或拼音，同签到台的查找），可重复
        #[arg(long = "member")]
        members: Vec<String>,
        /// 报送单位（不是委员报送时）
        #[arg(long, conflicts_with = "members")]
        unit: Option<String>,
        /// 收到日期 YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// 来源：submitted（委员、单位报送）/ proposal / meeting / other
        #[arg(long, default_value = "submitted")]
        source: String,
        /// 由哪件提案转来（提案编号）
        #[arg(long)]
        from_proposal: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// 把信息编成新的一期（期号按年份接续）
    Issue {
        /// 本期日期 YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// 编入的信息编号，按顺序，逗号分隔
        #[arg(long, value_delimiter = ',', required = true)]
        items: Vec<i64>,
        /// 报送（给出则本期即于当日报送）
        #[arg(long, default_value = "")]
        sent_to: String,
        /// 抄送
        #[arg(long, default_value = "")]
        cc: String,
        #[arg(long)]
        json: bool,
    },
    /// 登记一期的报送：日期和报送单位
    Send {
        /// 期刊编号（sqmy issues 中的 id）
        id: i64,
        #[arg(long)]
        date: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        cc: Option<String>,
    },
    /// 登记一条信息被采用或获领导批示
    Outcome {
        /// 信息编号
        item: i64,
        /// 采用单位
        #[arg(long, conflicts_with = "instructed_by", required_unless_present = "instructed_by")]
        adopted_by: Option<String>,
        /// 批示领导
        #[arg(long)]
        instructed_by: Option<String>,
        /// 批示摘要
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 撤回误登记的信息（不删除，记下原因）
    Withdraw {
        item: i64,
        #[arg(long)]
        reason: String,
    },
    /// 导出一期《社情民意》：文件名以 .pdf 或 .docx 结尾
    Export {
        /// 期刊编号
        id: i64,
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let Commands::Sqmy(c) = c;
    match c {
        SqmyCmd::Stats { year, json } => {
            let db = ctx.open_read()?;
            let s = sqmy::stats(db.conn(), year)?;
            if json {
                return print_json(&s);
            }
            println!(
                "{year}年：收集社情民意信息 {} 条，编发《社情民意》{} 期，被采用 {} 条，获领导批示 {} 条",
                s.items, s.issues, s.adopted, s.instructed
            );
            Ok(())
        }
        SqmyCmd::List { year, withdrawn, json } => {
            let db = ctx.open_read()?;
            let items = sqmy::list_items(db.conn(), year, withdrawn)?;
            if json {
                return print_json(&items);
            }
            for i in items {
                let issue = i.issue_label.unwrap_or_else(|| "未编发".into());
                println!("{}\t{}\t{}\t{}\t{issue}", i.id, i.received_on, i.submitter, i.title);
            }
            Ok(())
        }
        SqmyCmd::Issues { year, json } => {
            let db = ctx.open_read()?;
            let issues = sqmy::list_issues(db.conn(), year)?;
            if json {
                return print_json(&issues);
            }
            for s in issues {
                let titles: Vec<&str> = s.items.iter().map(|i| i.title.as_str()).collect();
                println!("{}\t{}\t{}\t{}", s.id, sqmy::issue_label(s.year, s.number), s.date, titles.join("；"));
            }
            Ok(())
        }
        SqmyCmd::Add { title, content_file, members, unit, date, source, from_proposal, json } => {
            let mut db = ctx.open()?;
            let mut member_ids = Vec::new();
            for q in &members {
                let m = huiwu_core::opinions::resolve_speaker(db.conn(), q)?;
                member_ids.extend(m.id);
            }
            let content = match content_file {
                Some(p) => read_text(&p)?,
                None => String::new(),
            };
            let input = SqmyItemInput {
                title,
                content,
                member_ids,
                unit: unit.unwrap_or_default(),
                received_on: date,
                source: SqmySource::parse(&source)?,
                from_proposal,
            };
            let item = sqmy::add_item(&mut db, &input)?;
            if json {
                print_json(&item)
            } else {
                println!("已登记社情民意信息“{}”（编号 {}）", item.title, item.id);
                Ok(())
            }
        }
        SqmyCmd::Issue { date, items, sent_to, cc, json } => {
            let mut db = ctx.open()?;
            let issue = sqmy::create_issue(&mut db, &SqmyIssueInput { date, item_ids: items, sent_to, cc })?;
            if json {
                print_json(&issue)
            } else {
                println!("已编成《社情民意》{}（编号 {}）", sqmy::issue_label(issue.year, issue.number), issue.id);
                Ok(())
            }
        }
        SqmyCmd::Send { id, date, to, cc } => {
            let mut db = ctx.open()?;
            let issue = sqmy::mark_sent(&mut db, id, &date, &to, cc.as_deref())?;
            println!("《社情民意》{} 已于 {date} 报送 {to}", sqmy::issue_label(issue.year, issue.number));
            Ok(())
        }
        SqmyCmd::Outcome { item, adopted_by, instructed_by, summary, date } => {
            let mut db = ctx.open()?;
            let (kind, by_whom) = match (adopted_by, instructed_by) {
                (Some(a), _) => (OutcomeKind::Adopted, a),
                (None, Some(l)) => (OutcomeKind::Instructed, l),
                (None, None) => return Err(Error::invalid("结果", "请给出 --adopted-by 或 --instructed-by").into()),
            };
            let it = sqmy::record_outcome(&mut db, item, &SqmyOutcomeInput { kind, by_whom, summary, date })?;
            println!("已登记“{}”{}", it.title, kind.label());
            Ok(())
        }
        SqmyCmd::Withdraw { item, reason } => {
            let mut db = ctx.open()?;
            sqmy::withdraw_item(&mut db, item, &reason)?;
            println!("已撤回第 {item} 条信息（记录保留）");
            Ok(())
        }
        SqmyCmd::Export { id, file, force } => {
            let format = Format::from_path(&file)?;
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let db = ctx.open_read()?;
            let (out, _) = sqmy::export_issue(db.conn(), id, format)?;
            files::write_whole(&file, &out.bytes, if force { Replace::Yes } else { Replace::No }, Privacy::Shared)?;
            println!("已导出 {}", file.display());
            print_warnings(&out.warnings);
            Ok(())
        }
    }
}
