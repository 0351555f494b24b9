//! `huiwu year …` (the year's figures, the records behind one, the work report's data section),
//! `huiwu member-record …` (委员履职档案), and the entry of the records the year counts:
//! `huiwu duties …` (履职活动) and `huiwu items …` (协商意见建议 with feedback): headless, over the
//! same core functions as the window.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::files::Replace;
use huiwu_core::opinions::Adoption;
use huiwu_core::year::{
    self, ConsultationItem, Duty, DutyInput, DutyKind, ItemFeedback, ItemInput, ItemSource, Period,
};
use huiwu_core::{roster, Db, Error};

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 年度统计：工作报告的各项数字（均由记录计算），可导出数据部分（.docx / .pdf）
    Year(YearArgs),
    /// 委员履职档案：出席、请假、发言、意见建议、调研视察等，可导出 PDF（一人或一个小组、界别）
    MemberRecord(MemberRecordArgs),
    /// 履职活动（协商在基层、调研课题、视察课题、接待考察团组、培训、向市委报告工作）：列出、登记、更正
    #[command(subcommand)]
    Duties(DutiesCmd),
    /// 协商会议和协商在基层活动的意见建议：列出、成批登记、更正、反馈
    #[command(subcommand)]
    Items(ItemsCmd),
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
        Commands::Duties(c) => duties(ctx, c),
        Commands::Items(c) => items(ctx, c),
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

// ---- Entry of the year's records: `huiwu duties …`, `huiwu items …` ----

#[derive(Subcommand)]
pub enum DutiesCmd {
    /// 列出履职活动（按开始日期）
    List {
        /// 类别：协商在基层 / 调研课题 / 视察课题 / 接待考察团组 / 外出培训 / 委员培训班 / 向市委报告工作
        /// （或 grassroots / research / inspection / delegation / external_training / member_training /
        /// party_report）
        #[arg(long)]
        kind: Option<String>,
        /// 年度（不给则列出全部）
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 登记一项履职活动
    Add {
        /// 类别（见 duties list --help）
        #[arg(long)]
        kind: String,
        #[command(flatten)]
        fields: DutyFields,
        #[arg(long)]
        json: bool,
    },
    /// 更正一项履职活动：只改给出的项；给出 --member 或 --lead 时参加委员或牵头委员整体替换
    Edit {
        /// 履职活动编号（duties list 中的 id）
        id: i64,
        #[arg(long)]
        kind: Option<String>,
        #[command(flatten)]
        fields: DutyFields,
        /// 清空参加委员（牵头委员除外）
        #[arg(long, conflicts_with = "members")]
        no_members: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct DutyFields {
    /// 名称，如：关于老旧小区改造的视察
    #[arg(long)]
    title: Option<String>,
    /// 日期（一天的活动）YYYY-MM-DD
    #[arg(long, conflicts_with = "from")]
    date: Option<String>,
    /// 开始日期
    #[arg(long)]
    from: Option<String>,
    /// 结束日期（不给则与开始日期相同）
    #[arg(long)]
    to: Option<String>,
    /// 牵头委员（姓名、委员编号或拼音），可重复
    #[arg(long = "lead")]
    leads: Vec<String>,
    /// 参加委员（姓名、委员编号或拼音），可重复
    #[arg(long = "member")]
    members: Vec<String>,
    /// 牵头领导、来访单位或承办单位（文字）
    #[arg(long)]
    lead_name: Option<String>,
    /// 地点
    #[arg(long)]
    place: Option<String>,
    /// 人次（接待考察团组、外出培训）
    #[arg(long, allow_negative_numbers = true)]
    person_times: Option<i64>,
    /// 形成或报送的报告
    #[arg(long)]
    report: Option<String>,
    /// 备注
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Subcommand)]
pub enum ItemsCmd {
    /// 列出一次协商的意见建议；不给 --source 时列出一年的协商会议和协商在基层活动
    List {
        /// 会议 meeting:编号，或协商在基层活动 duty:编号
        #[arg(long)]
        source: Option<String>,
        /// 年度（列出协商时）
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// 成批登记意见建议：文本文件中每段一条（带 1. / 一、/（一）等编号时按编号分条），按顺序接续编号
    Add {
        /// 会议 meeting:编号，或协商在基层活动 duty:编号
        #[arg(long)]
        source: String,
        /// UTF-8 文本文件；“-” 为标准输入
        #[arg(long)]
        text_file: PathBuf,
        /// 报送单位
        #[arg(long, default_value = "")]
        body: String,
        #[arg(long)]
        json: bool,
    },
    /// 更正一条意见建议的内容（序号不变）
    Edit {
        /// 意见建议编号（items list 中的 id）
        id: i64,
        #[arg(long)]
        text: String,
        #[arg(long)]
        topic: Option<String>,
    },
    /// 登记一条意见建议的反馈：反馈内容、收到日期、采纳情况
    Feedback {
        /// 意见建议编号
        id: i64,
        /// 反馈内容
        #[arg(long)]
        text: String,
        /// 收到反馈的日期 YYYY-MM-DD
        #[arg(long)]
        on: String,
        /// 采纳情况：采纳 / 部分采纳 / 研究参考 / 未采纳
        #[arg(long)]
        adoption: Option<String>,
        /// 报送单位（不给则不变）
        #[arg(long)]
        body: Option<String>,
    },
}

fn duty_kind(s: &str) -> Result<DutyKind, CliError> {
    DutyKind::from_code(s).ok_or_else(|| {
        let names: Vec<&str> = DutyKind::ALL.iter().map(|k| k.label()).collect();
        Error::invalid("类别", format!("“{}”不是履职活动的类别，应为：{}", s.trim(), names.join("、"))).into()
    })
}

/// The member each query names (the desk's search); a query naming several is an error listing them.
fn members_named(db: &Db, queries: &[String], field: &str) -> Result<Vec<i64>, CliError> {
    let one = |q: &String| match roster::resolve_one(db.conn(), q, field) {
        Ok(hit) => Ok(hit.member.id),
        Err(Error::NotFound { .. }) => {
            Err(Error::invalid(field, format!("名册中没有“{}”，请核对姓名、委员编号或拼音", q.trim())).into())
        }
        Err(e) => Err(e.into()),
    };
    queries.iter().map(one).collect()
}

/// The fields given on the command line, over `input`.
fn apply(db: &Db, input: &mut DutyInput, f: DutyFields) -> Result<(), CliError> {
    if let Some(t) = f.title {
        input.title = t;
    }
    if let Some(d) = f.date {
        input.start_date = d;
        input.end_date = String::new();
    }
    if let Some(d) = f.from {
        input.start_date = d;
    }
    if let Some(d) = f.to {
        input.end_date = d;
    }
    if !f.leads.is_empty() {
        input.lead_members = members_named(db, &f.leads, "牵头委员")?;
    }
    if !f.members.is_empty() {
        input.members = members_named(db, &f.members, "参加委员")?;
    }
    let text = |v: Option<String>, to: &mut String| {
        if let Some(v) = v {
            *to = v;
        }
    };
    text(f.lead_name, &mut input.lead);
    text(f.place, &mut input.place);
    text(f.report, &mut input.report_title);
    text(f.notes, &mut input.notes);
    if let Some(n) = f.person_times {
        input.person_times = n;
    }
    Ok(())
}

fn print_duty(d: &Duty) {
    let people: Vec<String> =
        d.members.iter().map(|m| if m.lead { format!("{}（牵头）", m.name) } else { m.name.clone() }).collect();
    let dates =
        if d.end_date == d.start_date { d.start_date.clone() } else { format!("{}至{}", d.start_date, d.end_date) };
    let mut extra = Vec::new();
    if d.person_times > 0 {
        extra.push(format!("{}人次", d.person_times));
    }
    if !people.is_empty() {
        extra.push(people.join("、"));
    }
    if d.items > 0 {
        extra.push(format!("意见建议{}条", d.items));
    }
    println!("{}\t{dates}\t{}\t{}\t{}", d.id, d.kind.label(), d.title, extra.join("；"));
}

pub fn duties(ctx: &Ctx, c: DutiesCmd) -> Result<(), CliError> {
    match c {
        DutiesCmd::List { kind, year, json } => {
            let kind = kind.as_deref().map(duty_kind).transpose()?;
            let p = match year {
                Some(y) => Period::year(y)?,
                None => Period::between("1949-01-01", "2200-12-31")?,
            };
            let db = ctx.open_read()?;
            let list = year::list_duties(db.conn(), kind, &p)?;
            if json {
                return print_json(&list);
            }
            list.iter().for_each(print_duty);
            println!("共 {} 项", list.len());
            Ok(())
        }
        DutiesCmd::Add { kind, fields, json } => {
            let mut db = ctx.open()?;
            let mut input = DutyInput { kind: Some(duty_kind(&kind)?), ..Default::default() };
            apply(&db, &mut input, fields)?;
            let d = year::create_duty(&mut db, &input)?;
            if json {
                return print_json(&d);
            }
            println!("已登记{}“{}”（编号 {}）", d.kind.label(), d.title, d.id);
            Ok(())
        }
        DutiesCmd::Edit { id, kind, fields, no_members, json } => {
            let mut db = ctx.open()?;
            let mut input = DutyInput::from(&year::get_duty(db.conn(), id)?);
            if let Some(k) = kind {
                input.kind = Some(duty_kind(&k)?);
            }
            if no_members {
                input.members.clear();
            }
            apply(&db, &mut input, fields)?;
            let d = year::update_duty(&mut db, id, &input)?;
            if json {
                return print_json(&d);
            }
            println!("已更正{}“{}”（编号 {}）", d.kind.label(), d.title, d.id);
            Ok(())
        }
    }
}

/// `meeting:12` (a consultation meeting) or `duty:5` (a 协商在基层 activity); 会议: / 活动: too.
fn item_source(s: &str) -> Result<ItemSource, CliError> {
    let bad = || Error::invalid("--source", format!("“{s}”应写作 meeting:会议编号 或 duty:活动编号，如 meeting:12"));
    let (what, id) = s.trim().split_once([':', '：']).ok_or_else(bad)?;
    let id: i64 = id.trim().parse().map_err(|_| bad())?;
    match what.trim() {
        "meeting" | "会议" => Ok(ItemSource::Meeting(id)),
        "duty" | "活动" => Ok(ItemSource::Duty(id)),
        _ => Err(bad().into()),
    }
}

fn print_item(i: &ConsultationItem) {
    let mut fb = Vec::new();
    if let Some(a) = i.adoption {
        fb.push(a.label().to_string());
    }
    if let Some(d) = &i.feedback_on {
        fb.push(format!("{d}反馈：{}", i.reply));
    }
    let fb = if fb.is_empty() { "未反馈".to_string() } else { fb.join("，") };
    println!("{}\t第{}条\t{}\t{fb}", i.id, i.seq, i.text);
}

pub fn items(ctx: &Ctx, c: ItemsCmd) -> Result<(), CliError> {
    match c {
        ItemsCmd::List { source: None, year, json } => {
            let Some(y) = year else {
                return Err(Error::invalid(
                    "--source",
                    "请给出 --source meeting:编号 或 duty:编号，或用 --year 列出一年的协商",
                )
                .into());
            };
            let db = ctx.open_read()?;
            let list = year::list_consultations(db.conn(), &Period::year(y)?)?;
            if json {
                return print_json(&list);
            }
            for c in &list {
                let source = match c.source {
                    ItemSource::Meeting(id) => format!("meeting:{id}"),
                    ItemSource::Duty(id) => format!("duty:{id}"),
                };
                println!(
                    "{source}\t{}\t{}\t{}\t意见建议{}条，已反馈{}条",
                    c.date, c.kind, c.title, c.items, c.answered
                );
            }
            Ok(())
        }
        ItemsCmd::List { source: Some(s), json, .. } => {
            let source = item_source(&s)?;
            let db = ctx.open_read()?;
            let list = year::list_items(db.conn(), source)?;
            if json {
                return print_json(&list);
            }
            list.iter().for_each(print_item);
            println!("共 {} 条", list.len());
            Ok(())
        }
        ItemsCmd::Add { source, text_file, body, json } => {
            let source = item_source(&source)?;
            let text = super::minutes::read_text(&text_file)?;
            let texts = year::split_items(&text);
            if texts.is_empty() {
                return Err(Error::BadFile(format!("{} 中没有意见建议（每段一条）", text_file.display())).into());
            }
            let inputs: Vec<ItemInput> = texts
                .into_iter()
                .map(|text| ItemInput { text, receiving_body: body.clone(), ..Default::default() })
                .collect();
            let mut db = ctx.open()?;
            let added = year::add_items(&mut db, source, &inputs)?;
            if json {
                return print_json(&added);
            }
            if let (Some(a), Some(b)) = (added.first(), added.last()) {
                println!("已登记意见建议 {} 条（第{}条至第{}条）", added.len(), a.seq, b.seq);
            }
            Ok(())
        }
        ItemsCmd::Edit { id, text, topic } => {
            let mut db = ctx.open()?;
            let old = year::get_item(db.conn(), id)?;
            let input = ItemInput {
                topic: topic.unwrap_or(old.topic),
                text,
                receiving_body: old.receiving_body,
                speakers: old.speakers.iter().map(|s| s.member_id).collect(),
            };
            let i = year::update_item(&mut db, id, &input)?;
            println!("已更正第{}条意见建议", i.seq);
            Ok(())
        }
        ItemsCmd::Feedback { id, text, on, adoption, body } => {
            let mut db = ctx.open()?;
            let old = year::get_item(db.conn(), id)?;
            let fb = ItemFeedback {
                receiving_body: body.unwrap_or(old.receiving_body),
                adoption: adoption.as_deref().map(Adoption::parse).transpose()?,
                reply: text,
                feedback_on: Some(on),
            };
            let i = year::set_item_feedback(&mut db, id, &fb)?;
            println!("已登记第{}条意见建议的反馈（{}）", i.seq, i.feedback_on.unwrap_or_default());
            Ok(())
        }
    }
}
