//! `huiwu point-rules …` (履职积分规则): shows the rules the members' records are scored by, changes
//! some (`--set present=2 --set absent=-3`), turns scoring off or on; over the same core
//! functions as the window's form.

use clap::{Args, Subcommand};
use huiwu_core::year::{self, PointRulesSettings};
use huiwu_core::Error;

use super::{print_json, CliError, Ctx};

#[derive(Subcommand)]
pub enum Commands {
    /// 履职积分规则：查看，或修改各项分值（--set 项=分值，扣分填负数），--off 不计分、--on 恢复计分
    PointRules(PointRulesArgs),
}

#[derive(Args)]
pub struct PointRulesArgs {
    /// 修改一项：项=分值，如 present=2、absent=-3、出席会议=2（可多次给出；修改后即计分）
    #[arg(long = "set", value_name = "项=分值")]
    set: Vec<String>,
    /// 不计分（各项分值保留）
    #[arg(long, conflicts_with = "on")]
    off: bool,
    /// 恢复计分
    #[arg(long)]
    on: bool,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, c: Commands) -> Result<(), CliError> {
    match c {
        Commands::PointRules(a) => point_rules(ctx, a),
    }
}

fn point_rules(ctx: &Ctx, a: PointRulesArgs) -> Result<(), CliError> {
    let changes = a
        .set
        .iter()
        .map(|s| {
            s.split_once(['=', '＝'])
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| Error::invalid("--set", format!("“{s}”应写作 项=分值，如 present=2 或 无故缺席=-3")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let enabled = if a.off {
        Some(false)
    } else if a.on {
        Some(true)
    } else {
        None
    };
    let s = if changes.is_empty() && enabled.is_none() {
        year::point_rules_settings(ctx.open_read()?.conn())?
    } else {
        year::update_point_rules(&mut ctx.open()?, &changes, enabled)?
    };
    if a.json {
        return print_json(&s);
    }
    print(&s);
    Ok(())
}

fn print(s: &PointRulesSettings) {
    println!("履职积分：{}", if s.enabled { "计分" } else { "不计分" });
    for r in &s.rules {
        println!("  {}（{}）：{} 分", r.label, r.key, r.value);
    }
    if s.enabled {
        println!("打印的积分规则：{}", s.lines.join("；"));
    }
}
