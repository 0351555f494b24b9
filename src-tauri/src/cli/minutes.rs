//! `huiwu minutes …` and `huiwu fonts …`: minutes (纪要) and the document fonts, headless.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use huiwu_core::documents::fonts::{self, FontRole};
use huiwu_core::documents::minutes::{self, AttendanceOrder, MinutesInput, Target};
use huiwu_core::documents::{DocWarning, Format, Rendered};
use huiwu_core::files::{self, Privacy, Replace};
use huiwu_core::Error;
use serde::Serialize;

use super::printing::PrintAfter;
use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 纪要：编写、查看、导出 PDF / DOCX
    #[command(subcommand)]
    Minutes(MinutesCmd),
    /// 公文字体（仿宋、黑体、楷体、小标宋、宋体）
    #[command(subcommand)]
    Fonts(FontsCmd),
}

/// Exactly one of a sitting or a meeting.
#[derive(Args)]
pub struct TargetArgs {
    /// 场次编号
    #[arg(long, conflicts_with = "meeting", required_unless_present = "meeting")]
    sitting: Option<i64>,
    /// 会议编号（整个会议的纪要）
    #[arg(long)]
    meeting: Option<i64>,
}

impl TargetArgs {
    fn target(&self) -> Target {
        match (self.sitting, self.meeting) {
            (Some(s), _) => Target::Sitting(s),
            (None, Some(m)) => Target::Meeting(m),
            // clap requires one of the two
            (None, None) => Target::Sitting(0),
        }
    }
}

#[derive(Subcommand)]
pub enum MinutesCmd {
    /// 列出已保存的纪要（日期新的在前）及所属会议、场次
    List {
        #[arg(long)]
        json: bool,
    },
    /// 导出纪要：文件名以 .pdf 或 .docx 结尾
    Export {
        #[command(flatten)]
        target: TargetArgs,
        /// 输出文件（.pdf 或 .docx）
        file: PathBuf,
        /// 覆盖已存在的文件
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        print: PrintAfter,
    },
    /// 显示已保存的纪要（未保存时显示草稿）及出席名单
    Show {
        #[command(flatten)]
        target: TargetArgs,
        #[arg(long)]
        json: bool,
    },
    /// 保存纪要（未给出的项沿用已保存的内容或草稿）
    Save {
        #[command(flatten)]
        target: TargetArgs,
        /// 纪要标志，如“主席会议纪要”
        #[arg(long)]
        mark: Option<String>,
        /// 期号（0 表示不印期号）
        #[arg(long)]
        issue: Option<u32>,
        /// 印发机关
        #[arg(long)]
        office: Option<String>,
        /// 日期 YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
        /// 正文文本文件（每行一段；“一、”“（一）”“1.”“（1）”开头为标题）；“-” 为标准输入
        #[arg(long)]
        body_file: Option<PathBuf>,
        /// 出席名单排序：role_strokes（职务、姓氏笔画）或 roster（名册顺序）
        #[arg(long)]
        order: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum FontsCmd {
    /// 列出各字体角色实际使用的字体
    List {
        #[arg(long)]
        json: bool,
    },
    /// 为一个角色指定字体文件；不给文件则恢复自动选择
    Set {
        /// fangsong / heiti / kaiti / xiaobiaosong / songti，或 仿宋 / 黑体 / 楷体 / 小标宋 / 宋体
        role: String,
        file: Option<PathBuf>,
    },
}

#[derive(Serialize)]
struct ExportReport<'a> {
    file: String,
    pages: usize,
    warnings: &'a [DocWarning],
}

fn role(s: &str) -> Result<FontRole, CliError> {
    FontRole::ALL.into_iter().find(|r| r.key() == s.trim() || r.label() == s.trim()).ok_or_else(|| {
        CliError::Core(Error::invalid("字体角色", format!("“{s}”不是 fangsong/heiti/kaiti/xiaobiaosong/songti 之一")))
    })
}

/// Writes a rendered document to `file` (replacing one there only with `force`), then says so: the
/// file, its pages and the characters no font could draw, as JSON or as lines.
pub(super) fn write_export(
    file: &Path,
    force: bool,
    json: bool,
    format: Format,
    out: &Rendered,
) -> Result<(), CliError> {
    files::write_whole(file, &out.bytes, if force { Replace::Yes } else { Replace::No }, Privacy::Shared)?;
    if json {
        print_json(&ExportReport { file: file.display().to_string(), pages: out.pages, warnings: &out.warnings })?;
    } else {
        match format {
            Format::Pdf => println!("已导出 {}（{} 页）", file.display(), out.pages),
            Format::Docx => println!("已导出 {}", file.display()),
        }
    }
    print_warnings(&out.warnings);
    Ok(())
}

pub(super) fn print_warnings(warnings: &[DocWarning]) {
    for w in warnings {
        eprintln!(
            "警告：{}\nwarning: {} ({}) has no glyph in any font, at {}",
            w.message, w.character, w.codepoint, w.place
        );
    }
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    match c {
        Commands::Minutes(m) => minutes_cmd(ctx, m),
        Commands::Fonts(f) => fonts_cmd(ctx, f),
    }
}

fn minutes_cmd(ctx: &Ctx, c: MinutesCmd) -> Result<(), CliError> {
    match c {
        MinutesCmd::List { json } => {
            let db = ctx.open()?;
            let list = minutes::entries(db.conn())?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("还没有纪要");
            }
            for e in list {
                let issue = e.issue_number.map(|n| format!("第{n}期")).unwrap_or_default();
                let of = match (&e.sitting_title, &e.sitting_when) {
                    (Some(t), Some(w)) => format!("{} · {t}（{w}）", e.meeting_title),
                    _ => format!("{}（整个会议）", e.meeting_title),
                };
                let target = match (e.sitting_id, e.meeting_id) {
                    (Some(s), _) => format!("--sitting {s}"),
                    (None, Some(m)) => format!("--meeting {m}"),
                    (None, None) => String::new(),
                };
                println!("{}\t{}{issue}\t{of}\t{target}", e.date, e.mark);
            }
            Ok(())
        }
        MinutesCmd::Export { target, file, force, json, print } => {
            let format = Format::from_path(&file)?;
            print.check(&file)?;
            if file.exists() && !force {
                return Err(Error::AlreadyExists(file).into());
            }
            let db = ctx.open_read()?;
            let out = minutes::export(db.conn(), target.target(), format)?;
            write_export(&file, force, json, format, &out)?;
            print.run(&file, json)
        }
        MinutesCmd::Show { target, json } => {
            let db = ctx.open()?;
            let t = target.target();
            let input = minutes::draft(db.conn(), t)?;
            let saved = minutes::find(db.conn(), t)?.is_some();
            let names = minutes::attendance_for(db.conn(), t, input.attendance_order)?;
            if json {
                #[derive(Serialize)]
                struct Show<'a> {
                    saved: bool,
                    minutes: &'a MinutesInput,
                    attendance: &'a minutes::AttendanceNames,
                }
                print_json(&Show { saved, minutes: &input, attendance: &names })
            } else {
                println!("{}{}", input.mark, if saved { "" } else { "（草稿，未保存）" });
                if let Some(n) = input.issue_number {
                    println!("（第{n}期）");
                }
                println!("{}　{}", input.office, input.date);
                println!("{}", input.body);
                println!("出席：{}", names.present.join("、"));
                println!("请假：{}", names.on_leave.join("、"));
                println!("列席：{}", names.invitees.join("、"));
                Ok(())
            }
        }
        MinutesCmd::Save { target, mark, issue, office, date, body_file, order, json } => {
            let mut db = ctx.open()?;
            let mut input = minutes::draft(db.conn(), target.target())?;
            if let Some(m) = mark {
                input.mark = m;
            }
            if let Some(n) = issue {
                input.issue_number = (n > 0).then_some(n);
            }
            if let Some(o) = office {
                input.office = o;
            }
            if let Some(d) = date {
                input.date = d;
            }
            if let Some(p) = body_file {
                input.body = read_text(&p)?;
            }
            if let Some(o) = order {
                input.attendance_order = match o.as_str() {
                    "roster" | "名册" => AttendanceOrder::Roster,
                    "role_strokes" | "笔画" => AttendanceOrder::RoleStrokes,
                    _ => return Err(Error::invalid("排序", format!("“{o}”应为 role_strokes 或 roster")).into()),
                };
            }
            let saved = minutes::save(&mut db, &input)?;
            if json {
                print_json(&saved)
            } else {
                println!("已保存纪要 {}（编号 {}）", saved.mark, saved.id);
                Ok(())
            }
        }
    }
}

fn fonts_cmd(ctx: &Ctx, c: FontsCmd) -> Result<(), CliError> {
    match c {
        FontsCmd::List { json } => {
            let db = ctx.open()?;
            let infos = fonts::role_fonts(db.conn())?;
            if json {
                return print_json(&infos);
            }
            for i in infos {
                let source = match i.source.as_str() {
                    "user" => "指定",
                    "system" => "系统",
                    _ => "内置",
                };
                println!("{}\t{}\t{}", i.role_label, source, i.font);
                if let Some(p) = i.problem {
                    println!("\t（指定的字体不可用：{p}）");
                }
            }
            Ok(())
        }
        FontsCmd::Set { role: r, file } => {
            let mut db = ctx.open()?;
            let r = role(&r)?;
            let path = file.map(|f| f.display().to_string());
            fonts::set_font_override(&mut db, r, path.as_deref())?;
            match path {
                Some(p) => println!("{}：已指定 {p}", r.label()),
                None => println!("{}：恢复自动选择", r.label()),
            }
            Ok(())
        }
    }
}

pub(super) fn read_text(p: &Path) -> Result<String, CliError> {
    if p.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| Error::io("<stdin>", e))?;
        return Ok(s);
    }
    Ok(std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?)
}
