//! `huiwu reports …`, `huiwu remarks …`, `huiwu opinions …`: consultation opinions headless.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::files::Replace;
use huiwu_core::opinions::{
    self, MergeInput, OpinionXlsxOptions, RemarkFilter, RemarkInput, RemarkStatus, Report, ReportInput, ReportKind,
};
use huiwu_core::{Db, Error};

use super::printing::PrintAfter;
use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 报告（政府、法院、检察院工作报告等）
    #[command(subcommand)]
    Reports(ReportsCmd),
    /// 委员的发言意见
    #[command(subcommand)]
    Remarks(RemarksCmd),
    /// 归纳整理后的协商意见清单
    #[command(subcommand)]
    Opinions(OpinionsCmd),
}

#[derive(Subcommand)]
pub enum ReportsCmd {
    /// 列出报告
    List {
        /// 只列这次会议的报告（次会议编号）
        #[arg(long)]
        session: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// 新增报告
    Add {
        #[arg(long)]
        session: i64,
        /// government / court / procuratorate / standing_committee / proposal_work / plan_budget / other，或中文名
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title: String,
        /// 报告单位（清单的默认接收单位）
        #[arg(long, default_value = "")]
        issuing_body: String,
        /// 报告全文（文本文件，按“一、二、”分节）
        #[arg(long)]
        text_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum RemarksCmd {
    /// 记录一条发言意见
    Add {
        /// 报告：编号，或类别（government / 政府工作报告…，取最近一次会议的）
        #[arg(long)]
        report: String,
        /// 场次编号
        #[arg(long)]
        sitting: i64,
        /// 发言委员：委员编号、姓名或拼音（与报到检索相同）；省略时须给 --group
        #[arg(long)]
        speaker: Option<String>,
        /// 小组集体发言：小组名称或编号
        #[arg(long)]
        group: Option<String>,
        /// 报告章节序号（1 起）
        #[arg(long)]
        section: Option<u32>,
        /// 发言内容；为 “-” 时从标准输入读取
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// 列出（筛选、检索）一份报告的发言意见
    List {
        #[arg(long)]
        report: String,
        /// 小组名称或编号
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        speaker: Option<String>,
        /// unplaced / placed / set_aside（未归入 / 已归入 / 不纳入）
        #[arg(long)]
        status: Option<String>,
        /// 全文检索（空格分隔的词须同时出现）
        #[arg(long)]
        query: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 标为不纳入
    SetAside {
        /// 发言意见编号，逗号分隔
        #[arg(long, value_delimiter = ',', required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum OpinionsCmd {
    /// 列出协商意见清单（序号、内容、所归纳的发言意见编号、发言委员和小组）
    List {
        #[arg(long)]
        report: String,
        #[arg(long)]
        json: bool,
    },
    /// 把若干发言意见归纳为一条协商意见（或并入 --into 指定的意见）
    Merge(MergeArgs),
    /// 撤销这份报告的上一次归纳操作
    Undo {
        #[arg(long)]
        report: String,
    },
    /// 定稿（仍有未处理的发言意见时拒绝）
    Finalise {
        #[arg(long)]
        report: String,
    },
    /// 把整份清单标为已送出
    Sent {
        #[arg(long)]
        report: String,
        /// 送出日期 2020-02-20
        #[arg(long)]
        date: String,
        /// 接收单位（默认报告单位）
        #[arg(long, default_value = "")]
        body: String,
    },
    /// 相似发言意见提示（字符二元组相似度）
    Suggest {
        #[arg(long)]
        report: String,
        #[arg(long, default_value_t = opinions::DEFAULT_MIN_SCORE)]
        min_score: f64,
        #[arg(long)]
        json: bool,
    },
    /// 导出清单：FILE 的扩展名决定格式（.pdf / .docx / .xlsx）
    Export {
        #[arg(long)]
        report: String,
        file: PathBuf,
        /// Excel 中加上每条意见来源的发言意见、委员和小组各列，以及全部发言意见表
        #[arg(long)]
        trace: bool,
        /// 覆盖已有文件
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        print: PrintAfter,
    },
}

#[derive(Args)]
pub struct MergeArgs {
    #[arg(long)]
    report: String,
    /// 发言意见编号，逗号分隔
    #[arg(long, value_delimiter = ',', required = true)]
    remarks: Vec<i64>,
    /// 归纳后的意见内容（新建时必填）
    #[arg(long, default_value = "")]
    text: String,
    #[arg(long, default_value = "")]
    topic: String,
    /// 并入这条协商意见（编号）
    #[arg(long)]
    into: Option<i64>,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, cmd: Commands) -> Result<(), CliError> {
    match cmd {
        Commands::Reports(c) => reports(ctx, c),
        Commands::Remarks(c) => remarks(ctx, c),
        Commands::Opinions(c) => opinions_cmd(ctx, c),
    }
}

/// A report by id, or by kind / title in the newest session that has one.
fn resolve_report(db: &Db, s: &str) -> Result<Report, CliError> {
    let s = s.trim();
    if let Ok(id) = s.parse::<i64>() {
        return Ok(opinions::get_report(db.conn(), id)?);
    }
    let all = opinions::list_reports(db.conn(), None)?;
    let kind = ReportKind::parse(s).ok();
    all.into_iter()
        .find(|r| Some(r.kind) == kind || r.title == s.trim_start_matches('《').trim_end_matches('》'))
        .ok_or_else(|| CliError::Core(Error::not_found("报告", s)))
}

fn resolve_group(db: &Db, s: &str) -> Result<i64, CliError> {
    let groups = opinions::groups(db.conn())?;
    let s = s.trim();
    groups
        .iter()
        .find(|g| g.name == s || g.id.to_string() == s)
        .map(|g| g.id)
        .ok_or_else(|| CliError::Core(Error::not_found("小组", s)))
}

fn reports(ctx: &Ctx, cmd: ReportsCmd) -> Result<(), CliError> {
    match cmd {
        ReportsCmd::List { session, json } => {
            let db = ctx.open()?;
            let list = opinions::list_reports(db.conn(), session)?;
            if json {
                return print_json(&list);
            }
            for r in &list {
                println!(
                    "{:>4}  {}  《{}》  发言意见 {} 条（未归入 {}，不纳入 {}），协商意见 {} 条{}",
                    r.id,
                    r.session_name,
                    r.title,
                    r.counts.total,
                    r.counts.unplaced,
                    r.counts.set_aside,
                    r.opinions,
                    if r.finalised_at.is_some() { "，已定稿" } else { "" }
                );
            }
            Ok(())
        }
        ReportsCmd::Add { session, kind, title, issuing_body, text_file, json } => {
            let mut db = ctx.open()?;
            let body_text = match text_file {
                Some(p) => std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?,
                None => String::new(),
            };
            let r = opinions::create_report(
                &mut db,
                &ReportInput {
                    session_id: session,
                    kind: ReportKind::parse(&kind)?,
                    title,
                    issuing_body,
                    body_text,
                    list_title: String::new(),
                },
            )?;
            if json {
                return print_json(&r);
            }
            println!("已新增报告 {}：《{}》，{} 节", r.id, r.title, r.sections.len());
            Ok(())
        }
    }
}

fn remarks(ctx: &Ctx, cmd: RemarksCmd) -> Result<(), CliError> {
    match cmd {
        RemarksCmd::Add { report, sitting, speaker, group, section, text, json } => {
            let mut db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            let text = if text == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| Error::io("标准输入", e))?;
                s
            } else {
                text
            };
            let speaker_id = match speaker.as_deref() {
                Some(q) => opinions::resolve_speaker(db.conn(), q)?.id,
                None => None,
            };
            let group_id = match group.as_deref() {
                Some(g) => Some(resolve_group(&db, g)?),
                None => None,
            };
            let section_id = match section {
                Some(n) => Some(
                    report
                        .sections
                        .iter()
                        .find(|s| s.seq == n)
                        .map(|s| s.id)
                        .ok_or_else(|| Error::not_found("报告章节", n))?,
                ),
                None => None,
            };
            let r = opinions::add_remark(
                &mut db,
                &RemarkInput { report_id: report.id, section_id, sitting_id: sitting, speaker_id, group_id, text },
            )?;
            if json {
                return print_json(&r);
            }
            println!("已记录发言意见 {}（{}，{}）：{}", r.id, r.speaker_name, r.sitting_title, r.text);
            Ok(())
        }
        RemarksCmd::List { report, group, speaker, status, query, json } => {
            let db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            let filter = RemarkFilter {
                report_id: report.id,
                group_id: group.as_deref().map(|g| resolve_group(&db, g)).transpose()?,
                speaker_id: match speaker.as_deref() {
                    Some(q) => opinions::resolve_speaker(db.conn(), q)?.id,
                    None => None,
                },
                status: status.as_deref().map(RemarkStatus::parse).transpose()?,
                query,
                ..Default::default()
            };
            let page = opinions::list_remarks(db.conn(), &filter)?;
            if json {
                return print_json(&page);
            }
            for r in &page.remarks {
                let place = match (r.status, r.opinion_number, &r.set_aside_reason) {
                    (RemarkStatus::Placed, Some(n), _) => format!("第{n}条"),
                    (RemarkStatus::SetAside, _, Some(reason)) => format!("不纳入：{reason}"),
                    (s, _, _) => s.label().to_string(),
                };
                println!("{:>6}  {}（{}）  [{place}]  {}", r.id, r.speaker_name, r.group_name, r.text);
            }
            println!("共 {} 条", page.total);
            Ok(())
        }
        RemarksCmd::SetAside { ids, reason } => {
            let mut db = ctx.open()?;
            opinions::set_aside(&mut db, &ids, &reason)?;
            println!("已将 {} 条发言意见标为不纳入", ids.len());
            Ok(())
        }
    }
}

fn opinions_cmd(ctx: &Ctx, cmd: OpinionsCmd) -> Result<(), CliError> {
    match cmd {
        OpinionsCmd::List { report, json } => {
            let db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            let list = opinions::list_opinions(db.conn(), report.id)?;
            if json {
                return print_json(&list);
            }
            println!("{}", report.list_title);
            for o in &list {
                let speakers: Vec<&str> = o.speakers.iter().map(|s| s.name.as_str()).collect();
                println!(
                    "{}. {}{}\n    来源：发言意见 {}；{}；{}",
                    o.number,
                    if o.topic.is_empty() { String::new() } else { format!("{}。", o.topic) },
                    o.text,
                    o.remarks.iter().map(|r| r.id.to_string()).collect::<Vec<_>>().join("、"),
                    speakers.join("、"),
                    o.groups.join("、")
                );
            }
            println!("共 {} 条；未处理的发言意见 {} 条", list.len(), report.counts.unplaced);
            Ok(())
        }
        OpinionsCmd::Merge(a) => {
            let mut db = ctx.open()?;
            let report = resolve_report(&db, &a.report)?;
            let o = opinions::merge(
                &mut db,
                &MergeInput {
                    report_id: report.id,
                    remark_ids: a.remarks,
                    opinion_id: a.into,
                    topic: a.topic,
                    text: a.text,
                    number: None,
                },
            )?;
            if a.json {
                return print_json(&o);
            }
            println!("第 {} 条协商意见（编号 {}）现归纳 {} 条发言意见", o.number, o.id, o.remarks.len());
            Ok(())
        }
        OpinionsCmd::Undo { report } => {
            let mut db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            let label = opinions::undo(&mut db, report.id)?;
            println!("已撤销：{label}");
            Ok(())
        }
        OpinionsCmd::Finalise { report } => {
            let mut db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            huiwu_core::snapshots::before(&db, huiwu_core::snapshots::Reason::BeforeFinalising);
            let r = opinions::finalise(&mut db, report.id)?;
            println!("《{}》的协商意见清单已定稿，共 {} 条", r.title, r.opinions);
            Ok(())
        }
        OpinionsCmd::Sent { report, date, body } => {
            let mut db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            let n = opinions::mark_list_sent(&mut db, report.id, &date, &body)?;
            println!("已将 {n} 条协商意见标为 {date} 送出");
            Ok(())
        }
        OpinionsCmd::Suggest { report, min_score, json } => {
            let db = ctx.open()?;
            let report = resolve_report(&db, &report)?;
            let list = opinions::suggest_duplicates(db.conn(), report.id, min_score, 200)?;
            if json {
                return print_json(&list);
            }
            for s in &list {
                println!(
                    "相似度 {:.2}：{} 与 {}，共同：{}\n    {}：{}\n    {}：{}",
                    s.score,
                    s.a.id,
                    s.b.id,
                    s.shared.join("、"),
                    s.a.speaker_name,
                    s.a.text,
                    s.b.speaker_name,
                    s.b.text
                );
            }
            println!("共 {} 对", list.len());
            Ok(())
        }
        OpinionsCmd::Export { report, file, trace, force, print } => {
            print.check(&file)?;
            let db = ctx.open_read()?;
            let report = resolve_report(&db, &report)?;
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let r = opinions::export(
                db.conn(),
                report.id,
                &file,
                OpinionXlsxOptions { trace },
                if force { Replace::Yes } else { Replace::No },
            )?;
            if r.pages > 0 {
                println!("已导出 {}（{} 页）", r.path, r.pages);
            } else {
                println!("已导出 {}", r.path);
            }
            for w in &r.warnings {
                eprintln!("注意：{w}");
            }
            print.run(std::path::Path::new(&r.path), false)
        }
    }
}
