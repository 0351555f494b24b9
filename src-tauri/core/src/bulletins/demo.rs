//! The demo's bulletins: two issues of 六届四次会议's bulletin, drafted from the remarks recorded
//! in its group discussions through the same functions the window uses (the sittings, the
//! remarks, the drafted body, save). Deterministic: the first remarks of each group, in order.

use rusqlite::OptionalExtension;

use super::{compose_body, compose_remarks, compose_sittings, draft, save, ComposeRequest};
use crate::db::Db;
use crate::error::Result;

/// How many remarks of each group an issue quotes.
const PER_GROUP: usize = 2;

struct Issue {
    /// The reports whose remarks it quotes.
    reports: &'static [&'static str],
    title: &'static str,
    intro: &'static str,
}

const ISSUES: [Issue; 2] = [
    Issue {
        reports: &["政府工作报告"],
        title: "各小组分组讨论政府工作报告",
        intro: "会议期间，委员们按小组认真讨论了政府工作报告，一致认为报告实事求是、重点突出，同时围绕经济社会发展提出了意见建议。现将部分发言摘要如下。",
    },
    Issue {
        reports: &["法院工作报告", "检察院工作报告"],
        title: "各小组分组讨论法院、检察院工作报告",
        intro: "委员们分组讨论了市中级人民法院和市人民检察院工作报告，围绕司法为民、公正司法建言献策。现将部分发言摘要如下。",
    },
];

/// Adds the two bulletins to a demo that already holds 六届四次会议 and its remarks. Without that
/// session or its remarks, nothing.
pub fn load_demo(db: &mut Db) -> Result<()> {
    let session: Option<i64> = db
        .conn()
        .query_row("SELECT id FROM sessions WHERE term_number = 6 AND session_number = 4", [], |r| r.get(0))
        .optional()?;
    let Some(session) = session else { return Ok(()) };
    let sittings: Vec<_> = compose_sittings(db.conn(), session)?.into_iter().filter(|s| s.remarks > 0).collect();
    let ids: Vec<i64> = sittings.iter().map(|s| s.id).collect();
    let all = compose_remarks(db.conn(), &ids)?;
    for issue in &ISSUES {
        let remarks: Vec<_> =
            all.iter().filter(|r| r.speaker_id.is_some() && issue.reports.contains(&r.report_title.as_str())).collect();
        let mut chosen: Vec<i64> = Vec::new();
        for r in &remarks {
            let taken = remarks.iter().filter(|x| chosen.contains(&x.id) && x.group_name == r.group_name).count();
            if taken < PER_GROUP {
                chosen.push(r.id);
            }
        }
        if chosen.is_empty() {
            continue;
        }
        // Dated the evening of the last sitting it reports on.
        let day = sittings
            .iter()
            .filter(|s| remarks.iter().any(|r| chosen.contains(&r.id) && r.sitting_id == s.id))
            .map(|s| s.date.clone())
            .max()
            .unwrap_or_default();
        let body = compose_body(db.conn(), &ComposeRequest { remark_ids: chosen.clone(), lead: String::new() })?;
        let mut input = draft(db.conn(), Some(session))?;
        input.date = day;
        input.title = issue.title.to_string();
        input.body = format!("{}\n{body}", issue.intro);
        input.remark_ids = chosen;
        input.send_to = "市委、市人大常委会、市政府，省政协办公厅".into();
        input.distribute_to = "市政协主席、副主席、秘书长，各专门委员会，全体委员".into();
        input.copies = Some(150);
        save(db, &input)?;
    }
    Ok(())
}
