//! OpinionFeedback (反馈) on opinions: the receiving body, the date sent, the adoption and the reply.
//! OpinionFeedback is not a consolidation operation: it is not on the undo stack and is allowed on a
//! finalised list (that is when lists are sent).

use rusqlite::{params, Connection, OptionalExtension};

use super::types::*;
use crate::db::{now, Db};
use crate::error::{Error, Result};

fn check_date(field: &str, d: &Option<String>) -> Result<Option<String>> {
    match d.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| Error::invalid(field, format!("日期“{s}”应写作 2020-02-15 的形式"))),
    }
}

fn current(conn: &Connection, opinion_id: i64) -> Result<Option<OpinionFeedback>> {
    let row: Option<(String, Option<String>, Option<String>, String)> = conn
        .query_row(
            "SELECT receiving_body, sent_on, adoption, reply FROM opinion_feedback WHERE opinion_id = ?1",
            [opinion_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(receiving_body, sent_on, adoption, reply)| {
        Ok(OpinionFeedback {
            receiving_body,
            sent_on,
            adoption: adoption.as_deref().map(Adoption::parse).transpose()?,
            reply,
        })
    })
    .transpose()
}

/// Sets the feedback of one opinion.
pub fn set_feedback(db: &mut Db, opinion_id: i64, input: &OpinionFeedback) -> Result<Opinion> {
    let exists: Option<i64> =
        db.conn().query_row("SELECT id FROM opinions WHERE id = ?1", [opinion_id], |r| r.get(0)).optional()?;
    exists.ok_or_else(|| Error::not_found("协商意见", opinion_id))?;
    let fb = OpinionFeedback {
        receiving_body: input.receiving_body.trim().to_string(),
        sent_on: check_date("送出日期", &input.sent_on)?,
        adoption: input.adoption,
        reply: super::clean::clean_pasted(&input.reply),
    };
    if fb.adoption.is_some() && fb.sent_on.is_none() {
        return Err(Error::invalid("采纳情况", "尚未送出的意见不能填写采纳情况，请先填写送出日期"));
    }
    let old = current(db.conn(), opinion_id)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO opinion_feedback (opinion_id, receiving_body, sent_on, adoption, reply, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (opinion_id) DO UPDATE SET receiving_body = excluded.receiving_body,
                 sent_on = excluded.sent_on, adoption = excluded.adoption, reply = excluded.reply,
                 updated_at = excluded.updated_at",
            params![opinion_id, fb.receiving_body, fb.sent_on, fb.adoption.map(Adoption::code), fb.reply, now()],
        )?;
        tx.audit("opinion_feedback", opinion_id, "update", old.as_ref(), Some(&fb))
    })?;
    super::get_opinion(db.conn(), opinion_id)
}

/// Marks every opinion of a finalised list as sent on `sent_on` to `receiving_body` (the
/// report's issuing body when empty). Adoption and replies already recorded are kept.
/// Returns how many opinions were marked.
pub fn mark_list_sent(db: &mut Db, report_id: i64, sent_on: &str, receiving_body: &str) -> Result<u32> {
    let date =
        check_date("送出日期", &Some(sent_on.to_string()))?.ok_or_else(|| Error::invalid("送出日期", "不能为空"))?;
    db.write(|tx| {
        // Checked in the write transaction: a list reopened meanwhile elsewhere is not marked sent.
        let report = super::get_report(tx, report_id)?;
        if report.finalised_at.is_none() {
            return Err(Error::Conflict(format!(
                "《{}》的协商意见清单尚未定稿，定稿后才能标记为已送出。",
                report.title
            )));
        }
        let body = match receiving_body.trim() {
            "" => report.issuing_body.clone(),
            b => b.to_string(),
        };
        if body.is_empty() {
            return Err(Error::invalid("接收单位", "不能为空"));
        }
        let at = now();
        let n = tx.execute(
            "INSERT INTO opinion_feedback (opinion_id, receiving_body, sent_on, updated_at)
             SELECT id, ?2, ?3, ?4 FROM opinions WHERE report_id = ?1
             ON CONFLICT (opinion_id) DO UPDATE SET receiving_body = excluded.receiving_body,
                 sent_on = excluded.sent_on, updated_at = excluded.updated_at",
            params![report_id, body, date, at],
        )?;
        tx.audit(
            "opinion_list",
            report_id,
            "mark_sent",
            None::<&()>,
            Some(&serde_json::json!({ "sent_on": date, "receiving_body": body, "opinions": n })),
        )?;
        Ok(n as u32)
    })
}

/// How a list's feedback stands: per adoption status, and how many are not yet sent or answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct OpinionFeedbackSummary {
    pub opinions: u32,
    pub sent: u32,
    pub adopted: u32,
    pub partly_adopted: u32,
    pub for_reference: u32,
    pub not_adopted: u32,
    pub awaiting_reply: u32,
}

pub fn feedback_summary(conn: &Connection, report_id: i64) -> Result<OpinionFeedbackSummary> {
    let mut s = OpinionFeedbackSummary::default();
    for o in super::list_opinions(conn, report_id)? {
        s.opinions += 1;
        if o.feedback.sent_on.is_some() {
            s.sent += 1;
        }
        match o.feedback.adoption {
            Some(Adoption::Adopted) => s.adopted += 1,
            Some(Adoption::PartlyAdopted) => s.partly_adopted += 1,
            Some(Adoption::ForReference) => s.for_reference += 1,
            Some(Adoption::NotAdopted) => s.not_adopted += 1,
            None if o.feedback.sent_on.is_some() => s.awaiting_reply += 1,
            None => {}
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opinions::testkit::*;
    use crate::opinions::{finalise, merge, undo};

    #[test]
    fn feedback_per_opinion_and_whole_list_sent() {
        let (mut db, fx) = fixture();
        let r = add_remarks(&mut db, &fx, &[(fx.m1, "营商环境"), (fx.m2, "乡村治理"), (fx.m3, "社会治理")]);
        let a = merge(
            &mut db,
            &MergeInput { report_id: fx.report, remark_ids: vec![r[0]], text: "甲".into(), ..Default::default() },
        )
        .expect("a");
        let b = merge(
            &mut db,
            &MergeInput {
                report_id: fx.report, remark_ids: vec![r[1], r[2]], text: "乙".into(), ..Default::default()
            },
        )
        .expect("b");
        let err = mark_list_sent(&mut db, fx.report, "2020-02-15", "").expect_err("not finalised");
        assert!(err.to_string().contains("尚未定稿"), "{err}");
        finalise(&mut db, fx.report).expect("finalise");
        let n = mark_list_sent(&mut db, fx.report, "2020-02-15", "").expect("sent");
        assert_eq!(n, 2, "both opinions marked sent");
        let a = crate::opinions::get_opinion(db.conn(), a.id).expect("a");
        assert_eq!(a.feedback.receiving_body, "安宁市人民政府", "defaults to the issuing body");
        assert_eq!(a.feedback.sent_on.as_deref(), Some("2020-02-15"));
        let b = crate::opinions::get_opinion(db.conn(), b.id).expect("b");
        let b = set_feedback(
            &mut db,
            b.id,
            &OpinionFeedback {
                adoption: Some(Adoption::PartlyAdopted),
                reply: "已纳入\n年度计划。".into(),
                ..b.feedback.clone()
            },
        )
        .expect("reply");
        assert_eq!(b.feedback.sent_on.as_deref(), Some("2020-02-15"), "the date sent is kept");
        assert_eq!(b.feedback.reply, "已纳入年度计划。");
        // Marking sent again keeps the adoption.
        mark_list_sent(&mut db, fx.report, "2020-02-16", "安宁市人民政府办公室").expect("again");
        let b = crate::opinions::get_opinion(db.conn(), b.id).expect("b");
        assert_eq!(b.feedback.adoption, Some(Adoption::PartlyAdopted));
        assert_eq!(b.feedback.receiving_body, "安宁市人民政府办公室");
        let s = feedback_summary(db.conn(), fx.report).expect("summary");
        assert_eq!((s.opinions, s.sent, s.partly_adopted, s.awaiting_reply), (2, 2, 1, 1));
        assert_eq!(mark_list_sent(&mut db, fx.report, "2020/2/15", "").expect_err("bad date").code(), "invalid");
        assert_eq!(undo(&mut db, fx.report).expect_err("finalised").code(), "conflict");
    }

    #[test]
    fn adoption_needs_a_date_sent() {
        let (mut db, fx) = fixture();
        let r = add_remarks(&mut db, &fx, &[(fx.m1, "营商环境")]);
        let a = merge(
            &mut db,
            &MergeInput { report_id: fx.report, remark_ids: r, text: "甲".into(), ..Default::default() },
        )
        .expect("a");
        let err =
            set_feedback(&mut db, a.id, &OpinionFeedback { adoption: Some(Adoption::Adopted), ..Default::default() })
                .expect_err("not sent");
        assert!(err.to_string().contains("送出日期"), "{err}");
        assert_eq!(Adoption::parse("研究参考").expect("label"), Adoption::ForReference);
    }

    #[test]
    fn feedback_recorded_after_an_operation_survives_its_undo() {
        let (mut db, fx) = fixture();
        let r = add_remarks(&mut db, &fx, &[(fx.m1, "营商环境"), (fx.m2, "乡村治理")]);
        let a = merge(
            &mut db,
            &MergeInput { report_id: fx.report, remark_ids: vec![r[0]], text: "甲".into(), ..Default::default() },
        )
        .expect("a");
        crate::opinions::move_remark(&mut db, r[1], Some(a.id)).expect("move");
        set_feedback(
            &mut db,
            a.id,
            &OpinionFeedback {
                receiving_body: "市政府".into(),
                sent_on: Some("2020-02-01".into()),
                adoption: None,
                reply: String::new(),
            },
        )
        .expect("fb");
        undo(&mut db, fx.report).expect("undo the move");
        let a = crate::opinions::get_opinion(db.conn(), a.id).expect("a");
        assert_eq!(a.remarks.len(), 1, "the move is undone");
        assert_eq!(a.feedback.receiving_body, "市政府", "feedback entered later is kept");
    }
}
