//! Importing the Excel register secretariats keep today, with the roster import's machinery
//! (the same file reading within limits, merged cells spread, CSV encodings): the header row is
//! found by its headings, each row checked (submitters from the roster, category, date), a
//! preview with row-level problems, then all or nothing in one transaction.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{add_proposals, proposal_settings, resolve_member};
use super::types::*;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::roster::import::grid::{read_grid, Cell};

/// One row of the register as it would be recorded, with what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegisterImportRow {
    /// The row in the sheet (1-based).
    pub row: u32,
    pub title: String,
    pub submitters: String,
    pub category: String,
    pub received_on: String,
    pub collective: bool,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegisterImportPreview {
    pub file: String,
    pub sheet: String,
    /// The header row found (1-based).
    pub header_row: u32,
    pub rows: Vec<RegisterImportRow>,
    /// Rows with problems: while any is left, nothing is imported.
    pub problem_rows: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Title,
    Submitter,
    Joint,
    Collective,
    Category,
    Date,
    Case,
    Suggestions,
    Plenary,
    Kind,
}

fn col_of(heading: &str) -> Option<Col> {
    let h: String = heading.chars().filter(|c| !c.is_whitespace() && *c != '*').collect();
    Some(match h.as_str() {
        "案题" | "标题" | "提案标题" | "题目" | "案由标题" => Col::Title,
        "提案人" | "第一提案人" | "提案者" | "领衔人" => Col::Submitter,
        "联名" | "联名提案人" | "附议人" | "联名委员" => Col::Joint,
        "提案单位" | "集体提案单位" | "单位" => Col::Collective,
        "类别" | "分类" | "提案类别" => Col::Category,
        "收到日期" | "提交日期" | "提交时间" | "日期" | "收到时间" => Col::Date,
        "案由" | "问题" | "情况分析" => Col::Case,
        "建议" | "具体建议" | "办法" => Col::Suggestions,
        "大会期间" | "提交阶段" => Col::Plenary,
        "提案类型" | "类型" => Col::Kind,
        _ => return None,
    })
}

/// The kind of body a collective proposal is made in the name of, guessed from its name.
fn collective_kind_of(name: &str) -> CollectiveKind {
    const PARTIES: [&str; 8] = ["民革", "民盟", "民建", "民进", "农工", "致公", "九三", "台盟"];
    if name.ends_with("界别") || name.ends_with("界") {
        CollectiveKind::Sector
    } else if PARTIES.iter().any(|p| name.starts_with(p)) {
        CollectiveKind::Party
    } else if name.ends_with("委员会") && !name.contains("市委") {
        CollectiveKind::SpecialCommittee
    } else {
        CollectiveKind::Organisation
    }
}

fn split_names(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';', ' ', '\u{3000}', '\n'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Reads and checks the register: nothing is written.
pub fn preview_register(
    conn: &Connection,
    bytes: &[u8],
    file_name: &str,
    session_id: i64,
) -> Result<(RegisterImportPreview, Vec<ProposalInput>)> {
    conn.query_row("SELECT id FROM sessions WHERE id = ?1", [session_id], |r| r.get::<_, i64>(0))
        .map_err(|_| Error::not_found("次会议", session_id))?;
    let grids = read_grid(bytes, file_name, None)?;
    let categories = proposal_settings(conn)?.categories;
    for grid in grids {
        let Some(hi) = grid.rows.iter().take(15).position(|(_, cells)| {
            let cols: Vec<Option<Col>> = cells.iter().map(|c| col_of(&c.text())).collect();
            cols.contains(&Some(Col::Title))
                && (cols.contains(&Some(Col::Submitter)) || cols.contains(&Some(Col::Collective)))
        }) else {
            continue;
        };
        let (header_row, header) = &grid.rows[hi];
        let cols: Vec<Option<Col>> = header.iter().map(|c| col_of(&c.text())).collect();
        let get = |cells: &[Cell], want: Col| -> String {
            cols.iter()
                .position(|c| *c == Some(want))
                .and_then(|i| cells.get(i))
                .map(|c| crate::text::clean_multiline(&c.text()).trim().to_string())
                .unwrap_or_default()
        };
        let mut rows = Vec::new();
        let mut inputs = Vec::new();
        for (n, cells) in grid.rows.iter().skip(hi + 1) {
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            let title = get(cells, Col::Title);
            if title.is_empty() && ["合计", "总计", "小计"].iter().any(|w| cells.iter().any(|c| c.text().contains(w)))
            {
                continue;
            }
            let mut problems = Vec::new();
            if title.is_empty() {
                problems.push("案题为空".to_string());
            }
            let category = get(cells, Col::Category);
            if !categories.contains(&category) {
                problems.push(format!("类别“{category}”不在提案类别中（{}）", categories.join("、")));
            }
            let date_cell = cols.iter().position(|c| *c == Some(Col::Date)).and_then(|i| cells.get(i));
            let received_on = match date_cell.map(|c| c.text()) {
                Some(t) if !t.trim().is_empty() => match crate::roster::parse_date("收到日期", &t) {
                    Ok(d) => d,
                    Err(e) => {
                        problems.push(e.to_string());
                        String::new()
                    }
                },
                _ => {
                    problems.push("收到日期为空".to_string());
                    String::new()
                }
            };
            let submitter_text = get(cells, Col::Submitter);
            let mut collective_name = get(cells, Col::Collective);
            // «集体提案» in a type column: the submitter column names the body.
            let submitter_text = if get(cells, Col::Kind).contains("集体") && collective_name.is_empty() {
                collective_name = submitter_text;
                String::new()
            } else {
                submitter_text
            };
            let mut names = split_names(&submitter_text);
            names.extend(split_names(&get(cells, Col::Joint)));
            let mut ids = Vec::new();
            let collective = names.is_empty() && !collective_name.is_empty();
            if !collective {
                if names.is_empty() {
                    problems.push("没有提案人，也没有提案单位".to_string());
                }
                for name in &names {
                    // «张伟（A6011）»: the badge number tells two members of one name apart.
                    let query =
                        name.strip_suffix('）').and_then(|n| n.split_once('（')).map_or(name.as_str(), |(_, no)| no);
                    match resolve_member(conn, query) {
                        Ok(m) if !ids.contains(&m.member_id) => ids.push(m.member_id),
                        Ok(_) => problems.push(format!("提案人“{name}”列了两次")),
                        Err(e) => problems.push(e.to_string()),
                    }
                }
            }
            let plenary = get(cells, Col::Plenary);
            rows.push(RegisterImportRow {
                row: *n,
                title: title.clone(),
                submitters: if collective { collective_name.clone() } else { names.join("、") },
                category: category.clone(),
                received_on: received_on.clone(),
                collective,
                problems,
            });
            inputs.push(ProposalInput {
                session_id,
                during_plenary: matches!(plenary.as_str(), "是" | "大会期间" | "大会" | "√"),
                submitter_ids: ids,
                collective_kind: collective.then(|| collective_kind_of(&collective_name)),
                collective_name: if collective { collective_name } else { String::new() },
                title,
                category,
                case_text: get(cells, Col::Case),
                suggestions: get(cells, Col::Suggestions),
                received_on,
            });
        }
        let problem_rows = rows.iter().filter(|r| !r.problems.is_empty()).count() as u32;
        let preview = RegisterImportPreview {
            file: file_name.to_string(),
            sheet: grid.sheet.clone(),
            header_row: *header_row,
            rows,
            problem_rows,
        };
        return Ok((preview, inputs));
    }
    Err(Error::BadFile(format!(
        "文件“{file_name}”中没有找到提案登记表的标题行（须有“案题”和“提案人”或“提案单位”两列），未导入任何提案。"
    )))
}

/// Imports the register: all rows or, if any row has a problem, none (the message names them).
pub fn import_register(db: &mut Db, bytes: &[u8], file_name: &str, session_id: i64) -> Result<Vec<i64>> {
    let (preview, inputs) = preview_register(db.conn(), bytes, file_name, session_id)?;
    let bad: Vec<String> = preview
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .take(10)
        .map(|r| format!("第{}行：{}", r.row, r.problems.join("；")))
        .collect();
    if !bad.is_empty() {
        return Err(Error::BadFile(format!(
            "文件“{file_name}”有 {} 行需要更正，未导入任何提案：\n{}",
            preview.problem_rows,
            bad.join("\n")
        )));
    }
    if inputs.is_empty() {
        return Err(Error::BadFile(format!("文件“{file_name}”的标题行下没有提案，未导入任何提案。")));
    }
    add_proposals(db, &inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_db() -> Db {
        let db = Db::open_in_memory().expect("db");
        db.fixture_conn()
            .execute_batch(
                "INSERT INTO sessions (term_number, session_number, name, year) VALUES (6, 4, '六届四次会议', 2020);
                 INSERT INTO members (member_no, name, joined_on, created_at, updated_at) VALUES ('A1', '张三', '2017-01-01', 'x', 'x');
                 INSERT INTO members (member_no, name, joined_on, created_at, updated_at) VALUES ('A2', '李四', '2017-01-01', 'x', 'x');",
            )
            .expect("fixture");
        db
    }

    #[test]
    fn a_register_imports_whole_or_not_at_all() {
        let mut db = csv_db();
        let good = "六届四次会议提案登记表\n序号,案题,提案人,联名,提案单位,类别,提交日期,案由,建议\n\
                    1,关于甲的建议,张三,李四,,社会建设,2020/1/7,案由甲,建议甲\n\
                    2,关于乙的建议,,,民盟安宁市总支,经济建设,2020年1月8日,,建议乙\n合计,,,,,,,,\n";
        let (preview, _) = preview_register(db.conn(), good.as_bytes(), "登记表.csv", 1).expect("preview");
        assert_eq!(preview.header_row, 2, "the header is found under the title line");
        assert_eq!(preview.rows.len(), 2, "the total line is not a proposal");
        assert_eq!(preview.problem_rows, 0, "{:?}", preview.rows);
        let bad = good.replace("李四", "王不在").replace("经济建设", "体育");
        let err = import_register(&mut db, bad.as_bytes(), "登记表.csv", 1).expect_err("problems");
        let msg = err.to_string();
        assert!(msg.contains("第3行") && msg.contains("王不在"), "row and field named: {msg}");
        assert!(msg.contains("第4行") && msg.contains("体育"), "{msg}");
        let n: i64 = db.conn().query_row("SELECT count(*) FROM proposals", [], |r| r.get(0)).expect("n");
        assert_eq!(n, 0, "nothing imported while a row has a problem");
        let ids = import_register(&mut db, good.as_bytes(), "登记表.csv", 1).expect("import");
        assert_eq!(ids.len(), 2);
        let second = super::super::get_proposal(db.conn(), ids[1], "2020-12-31").expect("p");
        assert_eq!((second.kind, second.collective_kind), (ProposalKind::Collective, Some(CollectiveKind::Party)));
        let first = super::super::get_proposal(db.conn(), ids[0], "2020-12-31").expect("p");
        assert_eq!(first.submitter_label, "张三、李四");
        assert_eq!(first.received_on, "2020-01-07");
    }
}
