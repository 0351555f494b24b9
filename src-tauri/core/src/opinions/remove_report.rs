//! Removing a report (报告) entered by mistake: allowed only while no remark was recorded on it and
//! no opinion drawn from it; its sections and its (empty) undo stack go with it.

use super::get_report;
use crate::db::dependents::{dependents, describe};
use crate::db::Db;
use crate::error::{Error, Result};

/// The parts of a report that are removed with it.
const REPORT_PARTS: &[&str] = &["report_sections", "opinion_undo"];

pub fn delete_report(db: &mut Db, id: i64) -> Result<()> {
    let old = get_report(db.conn(), id)?;
    db.write(|tx| {
        let deps = dependents(tx, "reports", &[id], REPORT_PARTS)?;
        if !deps.is_empty() {
            return Err(Error::Conflict(format!(
                "不能删除报告“{}”：已有{}，它们是会议记录的一部分。如只是名称等信息填错，请用“编辑”改正。",
                old.title,
                describe(&deps)
            )));
        }
        for t in REPORT_PARTS {
            tx.execute(&format!("DELETE FROM {t} WHERE report_id = ?1"), [id])?;
        }
        tx.execute("DELETE FROM reports WHERE id = ?1", [id])?;
        tx.audit("report", id, "delete", Some(&old), None::<&str>)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testkit::fixture;
    use super::super::{add_remark, create_report, get_report, list_reports, ReportInput, ReportKind};
    use super::*;
    use crate::opinions::RemarkInput;

    #[test]
    fn a_report_without_remarks_is_removed_one_with_remarks_is_refused() {
        let (mut db, f) = fixture();
        let spare = create_report(
            &mut db,
            &ReportInput {
                session_id: f.session,
                kind: ReportKind::Court,
                title: "法院工作报告".into(),
                issuing_body: String::new(),
                body_text: "一、工作回顾\n审结案件。".into(),
                list_title: String::new(),
            },
        )
        .expect("report");
        delete_report(&mut db, spare.id).expect("a report nobody spoke on");
        assert_eq!(get_report(db.conn(), spare.id).expect_err("gone").code(), "not_found");
        add_remark(
            &mut db,
            &RemarkInput {
                report_id: f.report,
                section_id: None,
                sitting_id: f.sitting1,
                speaker_id: Some(f.m1),
                group_id: None,
                text: "建议加大对小微企业的扶持力度。".into(),
            },
        )
        .expect("remark");
        let e = delete_report(&mut db, f.report).expect_err("a report with a remark");
        assert_eq!(e.code(), "conflict");
        assert!(e.to_string().starts_with("不能删除报告“政府工作报告”：已有发言意见 1 条"), "{e}");
        assert_eq!(list_reports(db.conn(), Some(f.session)).expect("list").len(), 1, "the report stays");
    }
}
