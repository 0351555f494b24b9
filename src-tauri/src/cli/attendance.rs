//! `huiwu checkin`, `huiwu leave`, `huiwu attendance …`: attendance headless, through the same
//! core functions as the check-in desk.
//!
//! `attendance` is both a command (`huiwu attendance --sitting ID [--json]`) and the parent of
//! `export`, `member`, `stats`, `close`, `reopen`, `undo` and `signin`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use huiwu_core::attendance::{
    self, export, AttendanceRow, AttendanceStatus, CardRole, CheckInOutcome, LeaveInput, LeaveKind, MemberMatch,
    PersonCard,
};
use huiwu_core::files::Replace;
use huiwu_core::{meetings, roster, Db, Error};
use serde::Serialize;

use super::printing::PrintAfter;
use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 签到：按座位号、委员编号（扫胸卡）、姓名、拼音或首字母；多人或无人相符时列出并以非零码退出
    Checkin(CheckinArgs),
    /// 登记请假（因病 / 因事 / 公务 / 其他）
    Leave(LeaveArgs),
    /// 考勤：huiwu attendance --sitting ID [--json] 查看场次考勤；子命令见 huiwu attendance --help
    Attendance(AttendanceArgs),
}

#[derive(Args)]
pub struct CheckinArgs {
    /// 场次编号
    #[arg(long)]
    sitting: i64,
    /// 座位号、委员编号、姓名、拼音或首字母
    query: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct LeaveArgs {
    /// 场次编号（请假的第一场）
    #[arg(long)]
    sitting: i64,
    /// 连续请假时的最后一场（含）
    #[arg(long, value_name = "ID")]
    to_sitting: Option<i64>,
    /// 请假委员：姓名、委员编号、拼音等
    #[arg(long)]
    member: String,
    /// 类型：因病 / 因事 / 公务 / 其他（或 sick / personal / official / other）
    #[arg(long = "type", value_name = "T")]
    kind: String,
    /// 事由
    #[arg(long, default_value = "")]
    reason: String,
    /// 批准人
    #[arg(long, default_value = "")]
    approver: String,
    /// 只请部分时段，如 09:30-11:00
    #[arg(long, value_name = "FROM-TO")]
    part: Option<String>,
    /// “其他”类型的名称
    #[arg(long, default_value = "")]
    label: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AttendanceArgs {
    /// 场次编号
    #[arg(long)]
    sitting: Option<i64>,
    /// 以 JSON 输出（人数、宣读词、每人状态和时间）
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    command: Option<AttendanceCmd>,
}

#[derive(Subcommand)]
pub enum AttendanceCmd {
    /// 导出考勤 .xlsx：一个场次（--sitting）、一个会议（--meeting）或一段时间（--from/--to）
    Export {
        #[arg(long)]
        sitting: Option<i64>,
        #[arg(long)]
        meeting: Option<i64>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// 输出文件（.xlsx）
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// 委员个人考勤（履职档案）：只计其在任且应到的场次
    Member {
        /// 姓名、委员编号、拼音等
        query: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 考勤统计：一个会议（--meeting）或一段时间（--from/--to），按场次、小组、界别、委员
    Stats {
        #[arg(long)]
        meeting: Option<i64>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 结束场次考勤：应到而未到、未请假者记为缺席
    Close {
        #[arg(long)]
        sitting: i64,
    },
    /// 重新开启已结束的场次考勤
    Reopen {
        #[arg(long)]
        sitting: i64,
    },
    /// 撤销本场次最近一次签到、离场或返回
    Undo {
        #[arg(long)]
        sitting: i64,
    },
    /// 签到表（按小组，带签名栏）：.pdf 或 .docx
    Signin {
        #[arg(long)]
        sitting: i64,
        file: PathBuf,
        /// 每组另起一页
        #[arg(long)]
        page_per_group: bool,
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        print: PrintAfter,
    },
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    match c {
        Commands::Checkin(a) => checkin(ctx, a),
        Commands::Leave(a) => leave(ctx, a),
        Commands::Attendance(a) => attendance_cmd(ctx, a),
    }
}

fn describe(c: &PersonCard) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in [&c.sector, &c.group, &c.seat] {
        if !p.is_empty() {
            parts.push(p);
        }
    }
    let no = if c.member_no.is_empty() { String::new() } else { format!(" {}", c.member_no) };
    if c.role == CardRole::Invitee {
        format!(
            "{}（列席{}）",
            c.name,
            if parts.is_empty() { String::new() } else { format!("，{}", parts.join("，")) }
        )
    } else {
        format!("{}{no}（{}）", c.name, parts.join("，"))
    }
}

fn checkin(ctx: &Ctx, a: CheckinArgs) -> Result<(), CliError> {
    let mut db = ctx.open()?;
    let outcome = attendance::Desk::new().check_in(&mut db, a.sitting, &a.query)?.outcome;
    if a.json {
        print_json(&outcome)?;
    }
    match outcome {
        CheckInOutcome::CheckedIn { card, late, returned, at } => {
            if !a.json {
                let what = if returned {
                    "已返回"
                } else if late {
                    "已签到（迟到）"
                } else {
                    "已签到"
                };
                println!("{what}：{}  {}", describe(&card), at.get(11..19).unwrap_or(&at));
            }
            Ok(())
        }
        CheckInOutcome::AlreadyPresent { card, at } => {
            if !a.json {
                println!("已在场：{}，{at} 签到", describe(&card));
            }
            Ok(())
        }
        CheckInOutcome::Candidates { candidates, .. } => {
            if !a.json {
                eprintln!(
                    "“{}”与 {} 人相符，未签到；请输入更准确的座位号、委员编号或全名：",
                    a.query,
                    candidates.len()
                );
                for c in &candidates {
                    eprintln!("  {}  {}", describe(&c.card), c.status_text);
                }
                eprintln!("error [ambiguous]: {} people match \"{}\"; nothing recorded", candidates.len(), a.query);
            }
            Err(CliError::Reported { code: 3 })
        }
        CheckInOutcome::NotFound { message } => {
            if !a.json {
                eprintln!("{message}\nerror [not_found]: nobody expected matches \"{}\"; nothing recorded", a.query);
            }
            Err(CliError::Reported { code: 4 })
        }
    }
}

/// The one member a query means, among `pool` (the core's rule); several or none are reported and
/// end the run.
pub(super) fn one_member(pool: Vec<roster::Member>, query: &str, what: &str) -> Result<roster::Member, CliError> {
    let hits = match attendance::one_member(pool, query) {
        MemberMatch::One(m) => return Ok(*m),
        MemberMatch::Several(hits) => hits,
        MemberMatch::Nobody => {
            eprintln!(
                "{what}中没有与“{query}”相符的委员（按{}查找）\nerror [not_found]: no member matches \"{query}\"",
                attendance::what_was_tried(query)
            );
            return Err(CliError::Reported { code: 4 });
        }
    };
    eprintln!("“{query}”与 {} 位委员相符，请输入更准确的姓名或委员编号：", hits.len());
    for m in &hits {
        eprintln!(
            "  {} {}（{}，{}）",
            m.name,
            m.member_no.clone().unwrap_or_default(),
            m.sector.clone().unwrap_or_default(),
            m.group.clone().unwrap_or_default()
        );
    }
    eprintln!("error [ambiguous]: {} members match \"{query}\"", hits.len());
    Err(CliError::Reported { code: 3 })
}

fn leave(ctx: &Ctx, a: LeaveArgs) -> Result<(), CliError> {
    let mut db = ctx.open()?;
    let kind = LeaveKind::parse(&a.kind)?;
    let expected = meetings::expected_members(db.conn(), a.sitting)?;
    let member = one_member(expected, &a.member, "本场次应到委员")?;
    let sitting_ids = match a.to_sitting {
        Some(last) => attendance::sitting_range(db.conn(), a.sitting, last)?,
        None => vec![a.sitting],
    };
    let (part, from_time, to_time) = match a.part.as_deref() {
        None => (false, None, None),
        Some(p) => {
            let (f, t) = p
                .split_once(['-', '—', '~', '至'])
                .ok_or_else(|| Error::invalid("--part", format!("“{p}”应写作 09:30-11:00")))?;
            (true, Some(f.trim().to_string()), Some(t.trim().to_string()))
        }
    };
    let l = attendance::record_leave(
        &mut db,
        &LeaveInput {
            member_id: member.id,
            kind,
            kind_label: a.label,
            reason: a.reason,
            approver: a.approver,
            sitting_ids,
            part,
            from_time,
            to_time,
            entered: None,
        },
    )?;
    if a.json {
        print_json(&l)
    } else {
        println!(
            "已登记请假：{} {}{}，共 {} 场（第 {} 号）",
            l.member_name,
            l.kind_text,
            if l.reason.is_empty() { String::new() } else { format!("，事由：{}", l.reason) },
            l.sitting_ids.len(),
            l.id
        );
        Ok(())
    }
}

#[derive(Serialize)]
struct SittingReport {
    #[serde(flatten)]
    panel: attendance::AttendancePanel,
    rows: Vec<AttendanceRow>,
}

fn attendance_cmd(ctx: &Ctx, a: AttendanceArgs) -> Result<(), CliError> {
    let Some(cmd) = a.command else {
        let Some(sitting) = a.sitting else {
            return Err(Error::invalid("--sitting", "请给出场次编号，如 huiwu attendance --sitting 3 --json").into());
        };
        let db = ctx.open()?;
        let panel = attendance::panel(db.conn(), sitting)?;
        let rows = attendance::rows(db.conn(), sitting)?;
        if a.json {
            return print_json(&SittingReport { panel, rows });
        }
        print_sitting(&panel, &rows);
        return Ok(());
    };
    match cmd {
        AttendanceCmd::Export { sitting, meeting, from, to, file, force } => {
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let db = ctx.open_read()?;
            let replace = if force { Replace::Yes } else { Replace::No };
            match (sitting, meeting) {
                (Some(s), None) => export::export_sitting_xlsx(db.conn(), s, &file, replace)?,
                (None, Some(m)) => {
                    export::export_aggregate_xlsx(&attendance::meeting_stats(db.conn(), m)?, &file, replace)?
                }
                (None, None) => export::export_aggregate_xlsx(
                    &attendance::period_stats(db.conn(), from.as_deref(), to.as_deref())?,
                    &file,
                    replace,
                )?,
                (Some(_), Some(_)) => {
                    return Err(Error::invalid("导出范围", "--sitting 与 --meeting 只能选一个").into())
                }
            }
            println!("已导出：{}", file.display());
            Ok(())
        }
        AttendanceCmd::Member { query, from, to, json } => {
            let db = ctx.open()?;
            let m = one_member(roster::all(db.conn())?, &query, "名册")?;
            let ma = attendance::member_attendance(db.conn(), m.id, from.as_deref(), to.as_deref())?;
            if json {
                return print_json(&ma);
            }
            println!("{}（{}）{}", ma.card.name, ma.card.member_no, ma.summary);
            for h in &ma.absences {
                println!("  缺席：{} {} {}", h.date, h.meeting_title, h.sitting_title);
            }
            Ok(())
        }
        AttendanceCmd::Stats { meeting, from, to, json } => {
            let db = ctx.open()?;
            let st = match meeting {
                Some(m) => attendance::meeting_stats(db.conn(), m)?,
                None => attendance::period_stats(db.conn(), from.as_deref(), to.as_deref())?,
            };
            if json {
                return print_json(&st);
            }
            println!("{}：{} 场", st.title, st.sittings.len());
            for s in &st.sittings {
                println!(
                    "  {} {} {}：应到{} 实到{} 请假{} 缺席{}",
                    s.date,
                    s.meeting_title,
                    s.title,
                    s.counts.expected,
                    s.counts.present,
                    s.counts.on_leave,
                    s.counts.absent + s.counts.not_arrived
                );
            }
            println!("合计出席率 {:.1}%", st.totals.rate * 100.0);
            Ok(())
        }
        AttendanceCmd::Close { sitting } => {
            let mut db = ctx.open()?;
            huiwu_core::snapshots::before(&db, huiwu_core::snapshots::Reason::BeforeClosing);
            let p = attendance::close_sitting(&mut db, sitting)?;
            println!("已结束考勤：{}，缺席 {} 人\n{}", p.sitting_title, p.missing, p.announcement);
            Ok(())
        }
        AttendanceCmd::Reopen { sitting } => {
            let mut db = ctx.open()?;
            let p = attendance::reopen_sitting(&mut db, sitting)?;
            println!("已重新开启考勤：{}", p.sitting_title);
            Ok(())
        }
        AttendanceCmd::Undo { sitting } => {
            let mut db: Db = ctx.open()?;
            let r = attendance::Desk::new().undo(&mut db, sitting)?;
            println!("{}", r.undone.description);
            Ok(())
        }
        AttendanceCmd::Signin { sitting, file, page_per_group, force, print } => {
            print.check(&file)?;
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let db = ctx.open_read()?;
            let replace = if force { Replace::Yes } else { Replace::No };
            let warnings = attendance::write_sign_in_sheet(db.conn(), sitting, page_per_group, &file, replace)?;
            for w in &warnings {
                eprintln!("注意：{w}");
            }
            println!("已导出签到表：{}", file.display());
            print.run(&file, false)
        }
    }
}

fn print_sitting(p: &attendance::AttendancePanel, rows: &[AttendanceRow]) {
    println!("{} {}（{}{}）", p.meeting_title, p.sitting_title, p.date, if p.closed { "，考勤已结束" } else { "" });
    println!(
        "应到 {}  实到 {}  请假 {}  {} {}  列席 {}/{}  法定人数（{}）{} 人：{}",
        p.expected,
        p.present,
        p.on_leave,
        p.missing_label,
        p.missing,
        p.invitees_present,
        p.invitees_expected,
        p.threshold.rule,
        p.threshold.required,
        if p.threshold.met { "已达到" } else { "未达到" }
    );
    println!("{}", p.announcement);
    for r in rows {
        let time = r.checked_in_at.clone().unwrap_or_default();
        let mark = match r.status {
            AttendanceStatus::Present => " ",
            AttendanceStatus::Leave => "假",
            AttendanceStatus::NotArrived => "·",
            AttendanceStatus::Absent => "缺",
        };
        println!("{mark} {:<10} {:<8} {}", describe(&r.card), time, r.status_text);
    }
}
