//! Recording a proposal as it arrives, correcting it before review, withdrawing it (撤案), and
//! the settings of the work (categories, answer class labels, default deadline).

use rusqlite::{params, Connection, OptionalExtension};

use super::query::get_proposal;
use super::types::*;
use crate::db::{now, Db, Tx};
use crate::error::{Error, Result};
use crate::opinions::clean_pasted;
use crate::roster::parse_date;

/// The longest title, and the longest 案由 / 建议, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 30_000;

pub const DEFAULT_CATEGORIES: [&str; 6] = ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设", "其他"];
pub const DEFAULT_DEADLINE_MONTHS: u32 = 3;

const KEY_CATEGORIES: &str = "proposals.categories";
const KEY_CLASS_LABELS: &str = "proposals.answer_class_labels";
const KEY_DEADLINE: &str = "proposals.deadline_months";

/// The settings, with the defaults where none were saved.
pub fn proposal_settings(conn: &Connection) -> Result<ProposalSettings> {
    let categories = crate::settings::get(conn, KEY_CATEGORIES)?
        .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_CATEGORIES.iter().map(|s| s.to_string()).collect());
    let answer_class_labels = crate::settings::get(conn, KEY_CLASS_LABELS)?
        .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
        .filter(|v| v.len() == 3)
        .unwrap_or_else(|| AnswerClass::ALL.iter().map(|c| c.default_label().to_string()).collect());
    let deadline_months = crate::settings::get(conn, KEY_DEADLINE)?
        .and_then(|s| s.parse::<u32>().ok())
        .filter(|m| (1..=24).contains(m))
        .unwrap_or(DEFAULT_DEADLINE_MONTHS);
    Ok(ProposalSettings { categories, answer_class_labels, deadline_months })
}

/// Saves the settings (each audited as a setting).
pub fn save_proposal_settings(db: &mut Db, s: &ProposalSettings) -> Result<ProposalSettings> {
    let mut categories: Vec<String> = Vec::new();
    for c in &s.categories {
        let c = crate::text::clean_line(c).trim().to_string();
        if !c.is_empty() && !categories.contains(&c) {
            categories.push(c);
        }
    }
    if categories.is_empty() {
        return Err(Error::invalid("提案类别", "至少要有一个类别"));
    }
    let labels: Vec<String> =
        s.answer_class_labels.iter().map(|l| crate::text::clean_line(l).trim().to_string()).collect();
    if labels.len() != 3 || labels.iter().any(|l| l.is_empty()) {
        return Err(Error::invalid("答复类别说明", "A、B、C 三类的说明都要填写"));
    }
    if !(1..=24).contains(&s.deadline_months) {
        return Err(Error::invalid("办理期限", "应为 1 至 24 个月"));
    }
    let json = |v: &Vec<String>| serde_json::to_string(v).map_err(|e| Error::internal("保存提案设置", e));
    crate::settings::set(db, KEY_CATEGORIES, &json(&categories)?)?;
    crate::settings::set(db, KEY_CLASS_LABELS, &json(&labels)?)?;
    crate::settings::set(db, KEY_DEADLINE, &s.deadline_months.to_string())?;
    proposal_settings(db.conn())
}

/// Finds one member by badge number, name or pinyin — the desk's search. Several members
/// matching equally well is an error naming them.
pub fn resolve_member(conn: &Connection, query: &str) -> Result<ProposalSubmitter> {
    let m = crate::roster::resolve_one(conn, query, "提案人")?.member;
    Ok(ProposalSubmitter { member_id: m.id, member_no: m.member_no, name: m.name, sector: m.sector })
}

struct Checked {
    kind: ProposalKind,
    collective_kind: Option<CollectiveKind>,
    collective_name: String,
    submitters: Vec<i64>,
    title: String,
    category: String,
    case_text: String,
    suggestions: String,
    received_on: String,
}

fn check(conn: &Connection, input: &ProposalInput) -> Result<Checked> {
    let session: Option<String> =
        conn.query_row("SELECT name FROM sessions WHERE id = ?1", [input.session_id], |r| r.get(0)).optional()?;
    session.ok_or_else(|| Error::not_found("次会议", input.session_id))?;
    let title = crate::text::clean_line(&clean_pasted(&input.title));
    if title.is_empty() {
        return Err(Error::invalid("案题", "不能为空"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::invalid("案题", format!("超过 {MAX_TITLE_CHARS} 字")));
    }
    let settings = proposal_settings(conn)?;
    let category = crate::text::clean_line(&input.category);
    if !settings.categories.contains(&category) {
        return Err(Error::invalid(
            "类别",
            format!("“{category}”不在提案类别中（{}）", settings.categories.join("、")),
        ));
    }
    let case_text = clean_pasted(&input.case_text);
    let suggestions = clean_pasted(&input.suggestions);
    for (field, t) in [("案由", &case_text), ("建议", &suggestions)] {
        if t.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid(field, format!("超过 {MAX_TEXT_CHARS} 字")));
        }
    }
    let received_on = parse_date("收到日期", &input.received_on)?;
    let collective_name = crate::text::clean_line(&input.collective_name);
    let (kind, submitters) = match input.collective_kind {
        Some(_) => {
            if collective_name.is_empty() {
                return Err(Error::invalid("提案单位", "集体提案须写明以哪个党派、团体、界别或专门委员会的名义提出"));
            }
            if !input.submitter_ids.is_empty() {
                return Err(Error::invalid("提案人", "集体提案不列委员个人；委员提案请不要选择提案单位类型"));
            }
            (ProposalKind::Collective, Vec::new())
        }
        None => {
            if input.submitter_ids.is_empty() {
                return Err(Error::invalid("提案人", "请选择第一提案人"));
            }
            let mut ids: Vec<i64> = Vec::new();
            for &id in &input.submitter_ids {
                let found: Option<i64> =
                    conn.query_row("SELECT id FROM members WHERE id = ?1", [id], |r| r.get(0)).optional()?;
                found.ok_or_else(|| Error::not_found("委员", id))?;
                if ids.contains(&id) {
                    return Err(Error::invalid("联名提案人", "同一位委员列了两次"));
                }
                ids.push(id);
            }
            (ProposalKind::Member, ids)
        }
    };
    Ok(Checked {
        kind,
        collective_kind: input.collective_kind,
        collective_name: if kind == ProposalKind::Collective { collective_name } else { String::new() },
        submitters,
        title,
        category,
        case_text,
        suggestions,
        received_on,
    })
}

fn write_submitters(tx: &Tx<'_>, id: i64, ids: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM proposal_submitters WHERE proposal_id = ?1", [id])?;
    for (pos, m) in ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO proposal_submitters (proposal_id, member_id, position) VALUES (?1, ?2, ?3)",
            params![id, m, pos as i64],
        )?;
    }
    Ok(())
}

fn audit_value(c: &Checked, input: &ProposalInput) -> serde_json::Value {
    serde_json::json!({
        "session_id": input.session_id, "during_plenary": input.during_plenary, "kind": c.kind.code(),
        "collective_kind": c.collective_kind.map(|k| k.code()), "collective_name": c.collective_name,
        "submitters": c.submitters, "title": c.title, "category": c.category, "case_text": c.case_text,
        "suggestions": c.suggestions, "received_on": c.received_on
    })
}

/// The recorded fields of a proposal, in the shape of [`audit_value`].
fn audit_of(p: &Proposal) -> serde_json::Value {
    serde_json::json!({
        "session_id": p.session_id, "during_plenary": p.during_plenary, "kind": p.kind.code(),
        "collective_kind": p.collective_kind.map(|k| k.code()), "collective_name": p.collective_name,
        "submitters": p.submitters.iter().map(|s| s.member_id).collect::<Vec<_>>(), "title": p.title,
        "category": p.category, "case_text": p.case_text, "suggestions": p.suggestions, "received_on": p.received_on
    })
}

/// Records a proposal as it arrives. The texts pasted from Word/WPS are cleaned as remarks are.
pub fn add_proposal(db: &mut Db, input: &ProposalInput) -> Result<Proposal> {
    let c = check(db.conn(), input)?;
    let id = db.write(|tx| insert_in(tx, input, &c))?;
    get_proposal(db.conn(), id, &crate::roster::today())
}

fn insert_in(tx: &Tx<'_>, input: &ProposalInput, c: &Checked) -> Result<i64> {
    let at = now();
    tx.execute(
        "INSERT INTO proposals (session_id, during_plenary, kind, collective_kind, collective_name, title, category,
                                case_text, suggestions, received_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            input.session_id,
            input.during_plenary,
            c.kind.code(),
            c.collective_kind.map_or("", |k| k.code()),
            c.collective_name,
            c.title,
            c.category,
            c.case_text,
            c.suggestions,
            c.received_on,
            at
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_submitters(tx, id, &c.submitters)?;
    tx.audit("proposal", id, "create", None::<&()>, Some(&audit_value(c, input)))?;
    Ok(id)
}

/// Records many proposals in one transaction (an import, the demo): all or none.
pub fn add_proposals(db: &mut Db, inputs: &[ProposalInput]) -> Result<Vec<i64>> {
    let checked: Vec<Checked> = inputs.iter().map(|i| check(db.conn(), i)).collect::<Result<_>>()?;
    db.write(|tx| inputs.iter().zip(&checked).map(|(i, c)| insert_in(tx, i, c)).collect())
}

/// Corrects a proposal while it awaits review; after review the record stands.
pub fn update_proposal(db: &mut Db, id: i64, input: &ProposalInput) -> Result<Proposal> {
    let today = crate::roster::today();
    let old = get_proposal(db.conn(), id, &today)?;
    if old.stage != ProposalStage::Received {
        return Err(Error::Conflict(format!("《{}》已审查（{}），不能再修改登记内容。", old.title, old.stage.label())));
    }
    let c = check(db.conn(), input)?;
    db.write(|tx| {
        let status: String = tx.query_row("SELECT status FROM proposals WHERE id = ?1", [id], |r| r.get(0))?;
        if status != "received" {
            return Err(Error::Conflict("这件提案刚刚已被审查，不能再修改登记内容。".into()));
        }
        tx.execute(
            "UPDATE proposals SET session_id = ?2, during_plenary = ?3, kind = ?4, collective_kind = ?5,
                    collective_name = ?6, title = ?7, category = ?8, case_text = ?9, suggestions = ?10,
                    received_on = ?11, updated_at = ?12 WHERE id = ?1",
            params![
                id,
                input.session_id,
                input.during_plenary,
                c.kind.code(),
                c.collective_kind.map_or("", |k| k.code()),
                c.collective_name,
                c.title,
                c.category,
                c.case_text,
                c.suggestions,
                c.received_on,
                now()
            ],
        )?;
        write_submitters(tx, id, &c.submitters)?;
        tx.audit("proposal", id, "update", Some(&audit_of(&old)), Some(&audit_value(&c, input)))
    })?;
    get_proposal(db.conn(), id, &today)
}

/// Withdraws a proposal (撤案): marked with the date, who asked and why; nothing is deleted. A
/// filed proposal keeps its number, which is never given to another.
pub fn withdraw_proposal(db: &mut Db, id: i64, by: &str, reason: &str, on: &str) -> Result<Proposal> {
    let today = crate::roster::today();
    let by = crate::text::clean_line(by);
    let reason = clean_pasted(reason);
    if by.is_empty() {
        return Err(Error::invalid("撤案申请人", "请写明由谁提出撤案"));
    }
    if reason.is_empty() {
        return Err(Error::invalid("撤案理由", "不能为空"));
    }
    let on = parse_date("撤案日期", on)?;
    db.write(|tx| {
        let p = get_proposal(tx, id, &today)?;
        if p.stage == ProposalStage::Withdrawn {
            return Err(Error::Conflict(format!("《{}》已于{}撤案。", p.title, super::date_label(&on))));
        }
        let cases: i64 = tx.query_row(
            "SELECT count(*) FROM proposals WHERE merged_into = ?1 AND withdrawn_on IS NULL",
            [id],
            |r| r.get(0),
        )?;
        if cases > 0 {
            return Err(Error::Conflict(format!(
                "《{}》有 {cases} 件提案并入办理，不能撤案；请先处理并入的提案。",
                p.title
            )));
        }
        tx.execute(
            "UPDATE proposals SET withdrawn_on = ?2, withdrawn_by = ?3, withdrawn_reason = ?4, updated_at = ?5
              WHERE id = ?1",
            params![id, on, by, reason, now()],
        )?;
        tx.audit(
            "proposal",
            id,
            "withdraw_proposal",
            Some(&serde_json::json!({ "stage": p.stage.label() })),
            Some(&serde_json::json!({ "withdrawn_on": on, "by": by, "reason": reason })),
        )
    })?;
    get_proposal(db.conn(), id, &today)
}

/// Refuses any action on a withdrawn proposal.
pub(super) fn not_withdrawn(p: &Proposal, action: &str) -> Result<()> {
    if p.stage == ProposalStage::Withdrawn {
        return Err(Error::Conflict(format!(
            "《{}》已撤案（{}，{}），不能再{action}。",
            p.title, p.withdrawn_by, p.withdrawn_reason
        )));
    }
    Ok(())
}
