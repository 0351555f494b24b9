//! The work report's data section (工作报告数据部分): the sentences a secretariat writes, generated
//! from the figures, kept as an editable draft per period (like the minutes), and exported with a
//! table of every figure through the documents engine (GB/T 9704 body).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::figures;
use super::types::{Figure, Period, YearFigures};
use crate::db::{now, Db};
use crate::documents::model::{Align, Column, Table, TableRow, SIZE_4};
use crate::documents::{self, Block, Document, FontPrefs, FontSet, Format, Paragraph};
use crate::error::Result;
use crate::files::{self, Privacy, Replace};
use crate::text::clean_multiline;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DraftExport {
    pub path: String,
    pub pages: u32,
    pub warnings: Vec<String>,
}

/// The sentences of the data section, one paragraph each, from the figures. A clause whose figure
/// is 0 is left out, except in the first sentence (the meetings every report states).
pub fn sentences(f: &YearFigures) -> Vec<String> {
    let n = |k: &str| f.int(k);
    let mut out = Vec::new();
    let mut s = format!(
        "一年来，共组织开展理论学习中心组学习{}次，召开市政协党组会议{}次、常委会会议{}次、主席（扩大）会议{}次",
        n("study_group_meetings"),
        n("party_group_meetings"),
        n("standing_committee_meetings"),
        n("chairs_council_meetings")
    );
    if n("party_committee_reports") > 0 {
        s.push_str(&format!("，向市委报告工作{}次", n("party_committee_reports")));
    }
    s.push('。');
    out.push(s);
    let (g, c, p) =
        (n("plenary_opinions_government"), n("plenary_opinions_court"), n("plenary_opinions_procuratorate"));
    if g + c + p > 0 {
        out.push(format!(
            "全体会议期间，对政府工作报告、法院工作报告、检察院工作报告分别梳理归纳协商意见{g}条、{c}条、{p}条，转送有关方面研究办理。"
        ));
    }
    let mut parts = Vec::new();
    let pair = |meet: &str, items: &str, what: &str, verb: &str| -> Option<String> {
        let (m, i) = (n(meet), n(items));
        match (m, i) {
            (0, _) => None,
            (m, 0) => Some(format!("{verb}{what}{m}次")),
            (m, i) => Some(format!("{verb}{what}{m}次，形成意见建议{i}条")),
        }
    };
    parts.extend(pair(
        "topical_standing_committee_meetings",
        "topical_standing_committee_items",
        "专题议政性常委会",
        "召开",
    ));
    parts.extend(pair("topical_consultations", "topical_consultation_items", "专题协商会", "召开"));
    parts.extend(pair("forums", "forum_items", "座谈协商", "开展"));
    parts.extend(pair("grassroots_activities", "grassroots_items", "“协商在基层”活动", "组织"));
    if !parts.is_empty() {
        out.push(format!("{}。", parts.join("；")));
    }
    let shown = |k: &str| f.figure(k).map(Figure::shown).unwrap_or_default();
    if n("proposals_received") > 0 {
        let mut t = format!(
            "共收到提案{}件（集体提案{}件、委员提案{}件），经审查立案{}件，立案率{}",
            n("proposals_received"),
            n("proposals_received_collective"),
            n("proposals_received_members"),
            n("proposals_filed"),
            shown("proposals_filing_rate")
        );
        if n("proposals_filed") > 0 {
            t.push_str(&format!(
                "，其中，集体提案{}件，占立案总数的{}；委员提案{}件，占立案总数的{}",
                n("proposals_filed_collective"),
                shown("proposals_filed_collective_share"),
                n("proposals_filed_members"),
                shown("proposals_filed_members_share")
            ));
        }
        if n("proposals_not_filed") > 0 {
            t.push_str(&format!("；不予立案{}件，转为工作建议、社情民意信息或委员来信", n("proposals_not_filed")));
        }
        t.push('。');
        out.push(t);
        let rates = [
            "proposals_consulted_rate",
            "proposals_answered_rate",
            "proposals_revisited_rate",
            "proposals_satisfaction_rate",
        ];
        let names = ["面商率", "办复率", "回访率", "满意率"];
        if n("proposals_filed") > 0 {
            if rates.iter().all(|k| shown(k) == "100.0%") {
                out.push("立案提案全部办复，面商率、办复率、回访率、满意率均达100%。".into());
            } else {
                let each: Vec<String> =
                    rates.iter().zip(names).map(|(k, name)| format!("{name}{}", shown(k))).collect();
                out.push(format!("立案提案办复{}件，{}。", n("proposals_answered"), each.join("，")));
            }
        }
    }
    if n("sqmy_items") + n("sqmy_issues") > 0 {
        let mut t = format!("共收集社情民意信息{}条，编发《社情民意》{}期", n("sqmy_items"), n("sqmy_issues"));
        let (a, i) = (n("sqmy_adopted"), n("sqmy_instructed"));
        if a + i > 0 {
            t.push_str(&format!("，其中被采用{a}条、获领导批示{i}条"));
        }
        t.push('。');
        out.push(t);
    }
    let (r, i) = (n("research_topics"), n("inspection_topics"));
    if r + i > 0 {
        let mut t = Vec::new();
        if r > 0 {
            t.push(format!("调研课题{r}个"));
        }
        if i > 0 {
            t.push(format!("视察课题{i}个"));
        }
        out.push(format!("完成{}，形成调研视察报告{}篇。", t.join("、"), r + i));
    }
    let mut t = Vec::new();
    if n("delegations") > 0 {
        t.push(format!("接待考察团组{}批{}人次", n("delegations"), n("delegation_person_times")));
    }
    if n("training_person_times") > 0 {
        t.push(format!("组织委员外出培训{}人次", n("training_person_times")));
    }
    if n("members_trained") > 0 {
        t.push(format!("举办委员培训班，{}名委员参加", n("members_trained")));
    }
    if !t.is_empty() {
        out.push(format!("{}。", t.join("；")));
    }
    let mut t = Vec::new();
    for (k, what) in [
        ("members_standing_resigned", "辞去常委职务"),
        ("members_resigned", "辞去委员职务"),
        ("members_ordered_to_resign", "被责令辞去委员职务"),
        ("members_revoked", "被撤销委员资格"),
        ("members_suspended", "被暂停委员职务"),
        ("members_died", "逝世"),
    ] {
        if n(k) > 0 {
            t.push(format!("{}名委员{what}", n(k)));
        }
    }
    if !t.is_empty() {
        out.push(format!("委员队伍方面，{}。", t.join("，")));
    }
    out
}

/// The draft as generated from the records, one paragraph a line.
pub fn generated_draft(conn: &Connection, period: &Period) -> Result<String> {
    Ok(sentences(&figures(conn, period)?).join("\n"))
}

/// The draft the writer saved for the period, else the generated one.
pub fn draft_text(conn: &Connection, period: &Period) -> Result<String> {
    let saved: Option<String> = conn
        .query_row(
            "SELECT text FROM year_drafts WHERE period_from = ?1 AND period_to = ?2",
            params![period.from, period.to],
            |r| r.get(0),
        )
        .optional()?;
    match saved {
        Some(t) => Ok(t),
        None => generated_draft(conn, period),
    }
}

/// Saves the writer's draft (an empty text goes back to the generated one).
pub fn save_draft(db: &mut Db, period: &Period, text: &str) -> Result<()> {
    let text = clean_multiline(text.trim());
    let key = format!("{}~{}", period.from, period.to);
    db.write(|tx| {
        let old: Option<String> = tx
            .query_row(
                "SELECT text FROM year_drafts WHERE period_from = ?1 AND period_to = ?2",
                params![period.from, period.to],
                |r| r.get(0),
            )
            .optional()?;
        if text.is_empty() {
            tx.execute("DELETE FROM year_drafts WHERE period_from = ?1 AND period_to = ?2", params![period.from, period.to])?;
        } else {
            tx.execute(
                "INSERT INTO year_drafts (period_from, period_to, text, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(period_from, period_to) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                params![period.from, period.to, text, now()],
            )?;
        }
        tx.audit("year_draft", &key, "update", old.as_deref(), Some(text.as_str()))
    })
}

/// The document: title, the draft's paragraphs, then every figure in a table by section.
pub fn document(conn: &Connection, period: &Period, text: &str) -> Result<Document> {
    let f = figures(conn, period)?;
    let committee = crate::committee::get(conn)?.map(|c| c.name).unwrap_or_default();
    let title = format!("{}常务委员会工作报告数据部分（{}）", committee, f.title);
    let mut d = Document::new(title.clone());
    d.para(Paragraph::title(&format!("{}工作报告数据部分", f.title)));
    d.push(Block::Blank);
    d.body_text(text, "正文");
    d.push(Block::Blank);
    d.para(Paragraph::body_with_heading(&format!("附：{}主要数据", f.title)).place("附表标题").kept_with_next());
    let mut rows = Vec::new();
    let mut n = 0;
    for s in &f.sections {
        rows.push(TableRow::Group(s.title.clone()));
        for fig in &s.figures {
            n += 1;
            rows.push(TableRow::Cells(vec![n.to_string(), fig.label.clone(), fig.shown()]));
        }
    }
    d.push(Block::Table(Table {
        columns: vec![
            Column { title: "序号".into(), width_mm: 18.0, align: Align::Center },
            Column { title: "项目".into(), width_mm: 98.0, align: Align::Left },
            Column { title: "数量".into(), width_mm: 40.0, align: Align::Center },
        ],
        rows,
        header_height_mm: 10.0,
        row_height_mm: 9.0,
        size_pt: SIZE_4,
    }));
    Ok(d)
}

/// Exports the data section to `path` (.pdf or .docx): the given text (edited in the window), else
/// the saved or generated draft.
pub fn export_draft(
    conn: &Connection,
    period: &Period,
    text: Option<&str>,
    path: &Path,
    replace: Replace,
) -> Result<DraftExport> {
    let format = Format::from_path(path)?;
    let text = match text {
        Some(t) => clean_multiline(t.trim()),
        None => draft_text(conn, period)?,
    };
    let doc = document(conn, period, &text)?;
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let rendered = documents::render(&doc, format, &fonts)?;
    files::write_whole(path, &rendered.bytes, replace, Privacy::Shared)?;
    Ok(DraftExport {
        path: path.display().to_string(),
        pages: rendered.pages as u32,
        warnings: rendered.warnings.into_iter().map(|w| w.message).collect(),
    })
}
