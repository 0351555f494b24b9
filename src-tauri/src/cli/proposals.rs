//! `huiwu proposals …`: proposals (提案) headless — record, review, assign, handle, count, print.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::files::Replace;
use huiwu_core::proposals::{
    self as p, AnswerClass, AnswerInput, AssignInput, CollectiveKind, NotFiledOutcome, Proposal, ProposalExportKind,
    ProposalFilter, ProposalInput, ProposalStage, Rating, StatsScope,
};
use huiwu_core::roster::today;
use huiwu_core::{Db, Error};

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Cmd {
    /// 列出提案（可按次会议、年份、状态、类别、统计项筛选）
    List {
        /// 次会议：编号或名称（六届四次会议）
        #[arg(long)]
        session: Option<String>,
        /// 收到年份
        #[arg(long)]
        year: Option<i32>,
        /// received / filed / assigned / answered / rated / visited / not_filed / merged / withdrawn，或中文
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        category: Option<String>,
        /// 只列逾期未答复的
        #[arg(long)]
        overdue: bool,
        /// 统计项（filed、category:经济建设、unit:市财政局 …）背后的提案
        #[arg(long)]
        figure: Option<String>,
        /// 检索词（案题、提案人、案由、建议）
        #[arg(long)]
        query: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 一件提案的全部记录
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// 统计（某次会议以来，或某年收到的）
    Stats {
        #[arg(long, conflicts_with = "year")]
        session: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 登记一件提案
    Add(AddArgs),
    /// 审查：--file 立案，--reject 理由 --as 处理方式 不予立案，--merge-into 编号 并案
    Review {
        id: i64,
        #[arg(long, conflicts_with_all = ["reject", "merge_into"])]
        file: bool,
        /// 指定立案号（默认顺延）
        #[arg(long, requires = "file")]
        number: Option<u32>,
        /// 不予立案的理由
        #[arg(long, requires = "outcome")]
        reject: Option<String>,
        /// work_suggestion / sqmy / letter / returned，或中文（转为工作建议 …）
        #[arg(long = "as", value_name = "OUTCOME")]
        outcome: Option<String>,
        /// 并入的提案编号
        #[arg(long, conflicts_with = "reject")]
        merge_into: Option<i64>,
        /// 审查日期（默认今天）
        #[arg(long)]
        date: Option<String>,
    },
    /// 交办：一个主办单位，若干会办单位
    Assign {
        id: i64,
        #[arg(long)]
        lead: String,
        #[arg(long)]
        co: Vec<String>,
        #[arg(long)]
        date: Option<String>,
        /// 办理期限（默认交办后三个月）
        #[arg(long)]
        deadline: Option<String>,
        /// 重点提案
        #[arg(long)]
        key: bool,
        /// 督办领导（委员编号、姓名或拼音）
        #[arg(long, requires = "key")]
        supervisor: Option<String>,
    },
    /// 记录面商
    Talk {
        id: i64,
        #[arg(long)]
        date: Option<String>,
    },
    /// 记录答复
    Answer {
        id: i64,
        /// A / B / C
        #[arg(long)]
        class: String,
        /// 答复内容（文本文件）
        #[arg(long)]
        text_file: Option<PathBuf>,
        /// 附上的答复文件（路径，仅记录）
        #[arg(long)]
        attachment: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// 记录提案人评价：满意 / 基本满意 / 不满意（不满意时退回重新办理）
    Rate {
        id: i64,
        #[arg(long)]
        rating: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 记录回访
    Visit {
        id: i64,
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 撤案（记录申请人和理由，不删除）
    Withdraw {
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// 相似提案提示
    Similar {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// 导入提案登记表（Excel/CSV）：先检查每一行，有问题则一件也不导入
    Import {
        file: PathBuf,
        #[arg(long)]
        session: String,
        /// 只检查、预览，不导入
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// 承办单位名单
    #[command(subcommand)]
    Units(UnitsCmd),
    /// 导出：catalogue 提案目录、stats 统计表、letter 交办函、form 提案表（.pdf/.docx），register 登记表（.xlsx）
    Export {
        kind: String,
        #[arg(long)]
        session: String,
        /// 交办函的承办单位
        #[arg(long)]
        unit: Option<String>,
        /// 提案表的提案编号
        #[arg(long)]
        proposal: Option<i64>,
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
pub enum UnitsCmd {
    List {
        #[arg(long)]
        json: bool,
    },
    Add {
        name: String,
    },
    /// 改名、停用或恢复使用一个承办单位（名称或编号）；单位不删除，已交办的提案仍指向它
    Update {
        unit: String,
        /// 新名称
        #[arg(long)]
        name: Option<String>,
        /// 停用：今后交办不再列出
        #[arg(long, conflicts_with = "active")]
        inactive: bool,
        /// 恢复使用
        #[arg(long)]
        active: bool,
    },
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    session: String,
    #[arg(long)]
    title: String,
    #[arg(long)]
    category: String,
    /// 提案人（第一提案人在前，其余为联名）：委员编号、姓名或拼音；可重复
    #[arg(long = "submitter")]
    submitters: Vec<String>,
    /// 集体提案的名义（民盟安宁市总支 …）
    #[arg(long, conflicts_with = "submitters", requires = "collective_kind")]
    collective: Option<String>,
    /// party / organisation / sector / special_committee，或中文
    #[arg(long)]
    collective_kind: Option<String>,
    #[arg(long)]
    case_file: Option<PathBuf>,
    #[arg(long)]
    suggestions_file: Option<PathBuf>,
    /// 收到日期（默认今天）
    #[arg(long)]
    received: Option<String>,
    /// 大会期间提交
    #[arg(long)]
    plenary: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<(), CliError> {
    let day = |d: Option<String>| d.unwrap_or_else(today);
    match cmd {
        Cmd::List { session, year, status, category, overdue, figure, query, json } => {
            let db = ctx.open_read()?;
            let session_id = session.map(|s| resolve_session(&db, &s)).transpose()?;
            let scope = year.map(p::year_scope).unwrap_or_default();
            let filter = ProposalFilter {
                session_id,
                from: scope.from,
                to: scope.to,
                stage: status.as_deref().map(ProposalStage::parse).transpose()?,
                category,
                overdue_only: overdue,
                query,
                figure,
                // The JSON of a script carries the whole record, texts included.
                with_texts: true,
            };
            let list = p::list_proposals(db.conn(), &filter, &today())?;
            if json {
                return print_json(&list);
            }
            for x in &list {
                println!("{}\t{}\t{}\t{}\t{}", x.id, x.number_label, x.stage.label(), x.title, x.submitter_label);
            }
            println!("共 {} 件", list.len());
            Ok(())
        }
        Cmd::Show { id, json } => {
            let db = ctx.open_read()?;
            let x = p::get_proposal(db.conn(), id, &today())?;
            if json {
                return print_json(&x);
            }
            print_one(&x);
            Ok(())
        }
        Cmd::Stats { session, year, json } => {
            let db = ctx.open_read()?;
            let scope = match (session, year) {
                (Some(s), _) => StatsScope { session_id: Some(resolve_session(&db, &s)?), from: None, to: None },
                (None, Some(y)) => p::year_scope(y),
                (None, None) => StatsScope::default(),
            };
            let s = p::proposal_stats(db.conn(), &scope, &today())?;
            if json {
                return print_json(&s);
            }
            println!(
                "{}：收到提案{}件（集体{}件，委员{}件），立案{}件（立案率{:.1}%），不予立案{}件，并案{}件；",
                s.scope_label,
                s.received,
                s.received_collective,
                s.received_members,
                s.filed,
                s.filing_rate,
                s.not_filed,
                s.merged
            );
            println!(
                "答复{}件（办复率{:.1}%），面商率{:.1}%，回访率{:.1}%，满意率{:.1}%，逾期{}件。",
                s.answered, s.answer_rate, s.talk_rate, s.visit_rate, s.satisfaction_rate, s.overdue
            );
            Ok(())
        }
        Cmd::Add(a) => add(ctx, a),
        Cmd::Review { id, file, number, reject, outcome, merge_into, date } => {
            let mut db = ctx.open()?;
            let on = day(date);
            let x = match (file, reject, merge_into) {
                (true, None, None) => p::file_proposal(&mut db, id, number, &on)?,
                (false, Some(reason), None) => {
                    let outcome = NotFiledOutcome::parse(outcome.as_deref().unwrap_or(""))?;
                    p::reject_proposal(&mut db, id, &reason, outcome, &on)?
                }
                (false, None, Some(into)) => p::merge_proposal(&mut db, id, into, &on)?,
                _ => {
                    return Err(Error::invalid(
                        "审查",
                        "请给出 --file、--reject 理由 --as 处理方式、或 --merge-into 编号 之一",
                    )
                    .into())
                }
            };
            println!("{} {}：{}", x.title, x.number_label, x.stage.label());
            Ok(())
        }
        Cmd::Assign { id, lead, co, date, deadline, key, supervisor } => {
            let mut db = ctx.open()?;
            let lead_unit_id = p::find_unit(db.conn(), &lead)?.id;
            let co_unit_ids = co.iter().map(|u| p::find_unit(db.conn(), u).map(|u| u.id)).collect::<Result<_, _>>()?;
            let supervisor_id =
                supervisor.map(|s| p::resolve_member(db.conn(), &s).map(|m| m.member_id)).transpose()?;
            let input = AssignInput {
                lead_unit_id,
                co_unit_ids,
                assigned_on: day(date),
                deadline,
                key_proposal: key,
                supervisor_id,
            };
            let x = p::assign_proposal(&mut db, id, &input)?;
            println!(
                "{} 已交办{}，办理期限{}",
                x.title,
                x.lead_unit.unwrap_or_default(),
                x.deadline.unwrap_or_default()
            );
            Ok(())
        }
        Cmd::Talk { id, date } => done(p::record_talk(&mut ctx.open()?, id, &day(date))?),
        Cmd::Answer { id, class, text_file, attachment, date } => {
            let answer_class = AnswerClass::parse(&class)?;
            let text = match &text_file {
                Some(f) => read_text(f)?,
                None => String::new(),
            };
            let input =
                AnswerInput { answered_on: day(date), answer_class, text, file_path: attachment.unwrap_or_default() };
            done(p::answer_proposal(&mut ctx.open()?, id, &input)?)
        }
        Cmd::Rate { id, rating, date } => {
            let rating = Rating::parse(&rating)?;
            done(p::rate_proposal(&mut ctx.open()?, id, rating, &day(date))?)
        }
        Cmd::Visit { id, date, note } => done(p::record_visit(&mut ctx.open()?, id, &day(date), &note)?),
        Cmd::Withdraw { id, by, reason, date } => {
            done(p::withdraw_proposal(&mut ctx.open()?, id, &by, &reason, &day(date))?)
        }
        Cmd::Similar { id, json } => {
            let db = ctx.open_read()?;
            let list = p::similar_proposals(db.conn(), id, 10)?;
            if json {
                return print_json(&list);
            }
            for s in &list {
                println!("{}\t{:.2}\t{}\t{}", s.id, s.score, s.title, s.submitter_label);
            }
            Ok(())
        }
        Cmd::Import { file, session, dry_run, json } => {
            let (bytes, name) = huiwu_core::roster::import::read_file(&file)?;
            if dry_run {
                let db = ctx.open_read()?;
                let session_id = resolve_session(&db, &session)?;
                let (preview, _) = p::preview_register(db.conn(), &bytes, &name, session_id)?;
                if json {
                    return print_json(&preview);
                }
                for r in &preview.rows {
                    let state = if r.problems.is_empty() { "可导入".to_string() } else { r.problems.join("；") };
                    println!("第{}行\t{}\t{}\t{}", r.row, r.title, r.submitters, state);
                }
                println!("共 {} 行，{} 行需要更正", preview.rows.len(), preview.problem_rows);
                return Ok(());
            }
            let mut db = ctx.open()?;
            let session_id = resolve_session(&db, &session)?;
            let ids = p::import_register(&mut db, &bytes, &name, session_id)?;
            if json {
                return print_json(&ids);
            }
            println!("已导入 {} 件提案", ids.len());
            Ok(())
        }
        Cmd::Units(UnitsCmd::List { json }) => {
            let db = ctx.open_read()?;
            let units = p::list_units(db.conn(), true)?;
            if json {
                return print_json(&units);
            }
            for u in &units {
                println!("{}\t{}{}", u.id, u.name, if u.active { "" } else { "（已停用）" });
            }
            Ok(())
        }
        Cmd::Units(UnitsCmd::Add { name }) => {
            let u = p::add_unit(&mut ctx.open()?, &name)?;
            println!("已添加承办单位 {}（编号 {}）", u.name, u.id);
            Ok(())
        }
        Cmd::Units(UnitsCmd::Update { unit, name, inactive, active }) => {
            let mut db = ctx.open()?;
            let u = p::find_unit(db.conn(), &unit)?;
            let in_use = if inactive { false } else { active || u.active };
            let u = p::update_unit(&mut db, u.id, name.as_deref().unwrap_or(&u.name), in_use)?;
            println!("承办单位 {}（编号 {}）{}", u.name, u.id, if u.active { "使用中" } else { "已停用" });
            Ok(())
        }
        Cmd::Export { kind, session, unit, proposal, file, force } => {
            let kind = ProposalExportKind::parse(&kind)?;
            let db = ctx.open_read()?;
            let session_id = resolve_session(&db, &session)?;
            let target = match kind {
                ProposalExportKind::Letter => {
                    let u = unit.ok_or_else(|| Error::invalid("承办单位", "交办函须用 --unit 指明承办单位"))?;
                    Some(p::find_unit(db.conn(), &u)?.id)
                }
                ProposalExportKind::Form => {
                    Some(proposal.ok_or_else(|| Error::invalid("提案", "提案表须用 --proposal 指明提案编号"))?)
                }
                _ => None,
            };
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let r = p::export_proposals(
                db.conn(),
                kind,
                session_id,
                target,
                &file,
                if force { Replace::Yes } else { Replace::No },
                &today(),
            )?;
            if r.pages > 0 {
                println!("已导出 {}（{} 页）", r.path, r.pages);
            } else {
                println!("已导出 {}", r.path);
            }
            for w in &r.warnings {
                eprintln!("注意：{w}");
            }
            Ok(())
        }
    }
}

fn done(x: Proposal) -> Result<(), CliError> {
    println!("{} {}：{}", x.title, x.number_label, x.stage.label());
    Ok(())
}

fn print_one(x: &Proposal) {
    println!("{} {}（{}）", x.number_label, x.title, x.stage.label());
    println!("提案人：{}；界别：{}；类别：{}；收到：{}", x.submitter_label, x.sector, x.category, x.received_on);
    if let Some(u) = &x.lead_unit {
        println!("主办：{u}；会办：{}；期限：{}", x.co_units.join("、"), x.deadline.clone().unwrap_or_default());
    }
    for a in &x.answers {
        println!(
            "第{}轮答复 {}（{}类）评价：{}",
            a.round,
            a.answered_on,
            a.answer_class.code(),
            a.rating.map(|r| r.label()).unwrap_or("待评价")
        );
    }
}

fn read_text(path: &std::path::Path) -> Result<String, CliError> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::BadFile(format!("{} 不是 UTF-8 文本文件，请另存为 UTF-8 文本后再试", path.display())).into()
    })
}

/// A session by its number or its name (六届四次会议).
fn resolve_session(db: &Db, s: &str) -> Result<i64, CliError> {
    let s = s.trim();
    let sessions = huiwu_core::meetings::list_sessions(db.conn())?;
    sessions
        .iter()
        .find(|x| x.id.to_string() == s || x.name == s)
        .map(|x| x.id)
        .ok_or_else(|| CliError::Core(Error::not_found("次会议", s)))
}

fn add(ctx: &Ctx, a: AddArgs) -> Result<(), CliError> {
    let mut db = ctx.open()?;
    let session_id = resolve_session(&db, &a.session)?;
    let submitter_ids = a
        .submitters
        .iter()
        .map(|q| p::resolve_member(db.conn(), q).map(|m| m.member_id))
        .collect::<Result<Vec<_>, _>>()?;
    let collective_kind = match (&a.collective, &a.collective_kind) {
        (Some(_), Some(k)) => Some(CollectiveKind::parse(k)?),
        (None, Some(_)) => return Err(Error::invalid("集体提案", "请用 --collective 写明以谁的名义提出").into()),
        _ => None,
    };
    let read = |f: &Option<PathBuf>| -> Result<String, CliError> {
        match f {
            Some(f) => read_text(f),
            None => Ok(String::new()),
        }
    };
    let input = ProposalInput {
        session_id,
        during_plenary: a.plenary,
        submitter_ids,
        collective_kind,
        collective_name: a.collective.unwrap_or_default(),
        title: a.title,
        category: a.category,
        case_text: read(&a.case_file)?,
        suggestions: read(&a.suggestions_file)?,
        received_on: a.received.unwrap_or_else(today),
    };
    let x = p::add_proposal(&mut db, &input)?;
    if a.json {
        return print_json(&x);
    }
    println!("已登记提案（编号 {}）：{}，提案人：{}", x.id, x.title, x.submitter_label);
    Ok(())
}
