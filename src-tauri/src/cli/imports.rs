//! `huiwu imports list` / `huiwu imports undo ID`: the roster imports recorded as batches, and
//! undoing one, through the same core functions as the window's «撤销导入».

use clap::Subcommand;
use huiwu_core::roster::batches;

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 名册导入记录：列出、撤销
    Imports {
        #[command(subcommand)]
        command: ImportsCmd,
    },
}

#[derive(Subcommand)]
pub enum ImportsCmd {
    /// 列出名册导入记录（最新的在前），并说明能否撤销
    List {
        #[arg(long)]
        json: bool,
    },
    /// 撤销一次导入：删除它新增的委员，恢复它修改过的委员；已有记录指向这些委员时拒绝
    Undo {
        /// 导入记录编号（见 huiwu imports list）
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    let Commands::Imports { command } = c;
    match command {
        ImportsCmd::List { json } => {
            let db = ctx.open()?;
            let list = batches::list_imports(db.conn())?;
            if json {
                return print_json(&list);
            }
            for b in &list {
                let state = match (&b.undone_label, &b.blocked) {
                    (Some(at), _) => format!("已于{at}撤销"),
                    (None, Some(_)) => "不能撤销".to_string(),
                    (None, None) => "可撤销".to_string(),
                };
                println!(
                    "{}\t{}\t{}\t新增 {} 人，更新 {} 人\t{}\t{state}",
                    b.id, b.imported_label, b.file_name, b.created, b.updated, b.operator
                );
                if let (None, Some(why)) = (&b.undone_label, &b.blocked) {
                    println!("\t{why}");
                }
            }
            println!("共 {} 次导入", list.len());
            Ok(())
        }
        ImportsCmd::Undo { id, json } => {
            let mut db = ctx.open()?;
            let out = batches::undo_import(&mut db, id)?;
            if json {
                return print_json(&out);
            }
            println!(
                "已撤销导入“{}”（导入记录 {}）：删除新增的委员 {} 人，恢复原有委员 {} 人。",
                out.file_name, out.batch_id, out.removed, out.restored
            );
            Ok(())
        }
    }
}
