//! `huiwu meetings list`, `huiwu sittings list`: the meeting calendar headless.

use clap::Subcommand;
use huiwu_core::meetings::{self, MeetingFilter, MeetingKind};
use huiwu_core::Error;

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 会议：列出
    Meetings {
        #[command(subcommand)]
        command: MeetingsCmd,
    },
    /// 场次：列出（含应到人数）
    Sittings {
        #[command(subcommand)]
        command: SittingsCmd,
    },
}

#[derive(Subcommand)]
pub enum MeetingsCmd {
    /// 列出会议，可按年份和类型筛选
    List {
        /// 年份，如 2020
        #[arg(long)]
        year: Option<i32>,
        /// 类型：plenary / standing_committee / chairs_council / party_group / study_group /
        /// topical_consultation / forum / other（或中文名，如 常委会会议）
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 删除误建的会议（连同其场次）；场次已有签到、请假、发言或纪要时拒绝
    Delete {
        /// 会议编号
        id: i64,
    },
}

#[derive(Subcommand)]
pub enum SittingsCmd {
    /// 列出场次（某会议的，或全部），每场含应到人数
    List {
        /// 会议编号
        #[arg(long)]
        meeting: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// 删除误建的场次；已有签到、请假、发言或纪要时拒绝
    Delete {
        /// 场次编号
        id: i64,
    },
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let mut db = ctx.open()?;
    match c {
        Commands::Meetings { command: MeetingsCmd::Delete { id } } => {
            let title = meetings::get_meeting(db.conn(), id)?.title;
            let n = meetings::delete_meeting(&mut db, id)?;
            println!("已删除会议“{title}”及其 {n} 个场次。");
            Ok(())
        }
        Commands::Sittings { command: SittingsCmd::Delete { id } } => {
            let title = meetings::get_sitting(db.conn(), id)?.title;
            meetings::delete_sitting(&mut db, id)?;
            println!("已删除场次“{title}”。");
            Ok(())
        }
        Commands::Meetings { command: MeetingsCmd::List { year, kind, json } } => {
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => Some(MeetingKind::from_code(k.trim()).ok_or_else(|| {
                    let all: Vec<String> =
                        MeetingKind::ALL.iter().map(|k| format!("{}（{}）", k.code(), k.label())).collect();
                    Error::invalid("会议类型", format!("“{k}”不是会议类型，可用：{}", all.join("、")))
                })?),
            };
            let list = meetings::list_meetings(db.conn(), &MeetingFilter { year, kind, session_id: None })?;
            if json {
                return print_json(&list);
            }
            for m in &list {
                let mut flags = String::new();
                if m.topical {
                    flags.push_str("（专题议政）");
                }
                if m.enlarged {
                    flags.push_str("（扩大）");
                }
                println!("{}\t{}\t{}\t{}{flags}\t{} 场", m.id, m.start_date, m.kind.label(), m.title, m.sitting_count);
            }
            println!("共 {} 个会议", list.len());
            for k in MeetingKind::ALL {
                let n = list.iter().filter(|m| m.kind == *k).count();
                if n > 0 {
                    println!("  {}：{n}", k.label());
                }
            }
            Ok(())
        }
        Commands::Sittings { command: SittingsCmd::List { meeting, json } } => {
            if let Some(id) = meeting {
                meetings::get_meeting(db.conn(), id)?;
            }
            let list = meetings::list_sittings(db.conn(), meeting)?;
            if json {
                return print_json(&list);
            }
            for s in &list {
                println!(
                    "{}\t{} {}\t{}\t{}\t应到 {} 人",
                    s.id,
                    s.date,
                    s.half_day.label(),
                    s.title,
                    s.venue,
                    s.expected_count
                );
            }
            println!("共 {} 场", list.len());
            Ok(())
        }
    }
}
