//! Gathers what the archive of a session holds into a staging folder: the committee file's
//! consistent copy and every document of the session, rendered with the committee's fonts.

use std::collections::HashSet;
use std::path::Path;

use crate::documents::{self, FontPrefs, FontSet, Format};
use crate::error::{Error, Result};
use crate::files::Replace;
use crate::meetings::{self, MeetingFilter, SittingStatus};
use crate::opinions::{self, OpinionExportFormat, OpinionXlsxOptions};
use crate::{attendance, committee, Db};

pub(super) struct Collected {
    pub committee: String,
    pub session: String,
    /// (path inside the archive, kind) in the order they were made.
    pub files: Vec<(String, String)>,
    pub warnings: Vec<String>,
}

struct Staging<'a> {
    root: &'a Path,
    taken: HashSet<String>,
    out: Collected,
}

impl Staging<'_> {
    /// A free path `folder/name` (a repeated name gets «（2）» before its extension).
    fn claim(&mut self, folder: &str, name: &str) -> Result<String> {
        let safe: String =
            name.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
        let (stem, ext) = safe.rsplit_once('.').map_or((safe.as_str(), ""), |(s, e)| (s, e));
        let mut rel = format!("{folder}/{safe}");
        let mut n = 2;
        while !self.taken.insert(rel.clone()) {
            rel = format!("{folder}/{stem}（{n}）.{ext}");
            n += 1;
        }
        let dir = self.root.join(folder);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(rel)
    }

    fn write(&mut self, folder: &str, name: &str, kind: &str, bytes: &[u8]) -> Result<()> {
        let rel = self.claim(folder, name)?;
        let path = self.root.join(&rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        self.out.files.push((rel, kind.into()));
        Ok(())
    }

    fn warn(&mut self, what: &str, warnings: impl IntoIterator<Item = String>) {
        self.out.warnings.extend(warnings.into_iter().map(|w| format!("{what}：{w}")));
    }
}

pub(super) fn collect(db: &Db, session_id: i64, root: &Path) -> Result<Collected> {
    let conn = db.conn();
    let committee = committee::require(conn)?;
    let session = meetings::get_session(conn, session_id)?;
    let mut st = Staging {
        root,
        taken: HashSet::new(),
        out: Collected {
            committee: committee.name.clone(),
            session: session.name.clone(),
            files: vec![],
            warnings: vec![],
        },
    };

    let db_rel = st.claim("数据库", &format!("{}{}.db", committee.name, session.name))?;
    db.backup_to(&root.join(&db_rel))?;
    check_copy(&root.join(&db_rel))?;
    st.out.files.push((db_rel, "数据库".into()));

    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let meetings =
        meetings::list_meetings(conn, &MeetingFilter { session_id: Some(session_id), ..Default::default() })?;
    let meeting_ids: HashSet<i64> = meetings.iter().map(|m| m.id).collect();

    for entry in documents::minutes::entries(conn)?.into_iter().filter(|e| meeting_ids.contains(&e.of_meeting_id)) {
        for format in [Format::Pdf, Format::Docx] {
            let (rendered, name) = documents::minutes::export_saved(conn, entry.id, format)?;
            st.warn(&name, rendered.warnings.into_iter().map(|w| w.message));
            st.write("纪要", &name, "纪要", &rendered.bytes)?;
        }
    }

    for bulletin in crate::bulletins::list(conn, crate::bulletins::Series::Session(session_id))? {
        for format in [Format::Pdf, Format::Docx] {
            let (rendered, name) = crate::bulletins::export_saved(conn, bulletin.id, format)?;
            st.warn(&name, rendered.warnings.into_iter().map(|w| w.message));
            st.write("简报", &name, "简报", &rendered.bytes)?;
        }
    }

    for report in opinions::list_reports(conn, Some(session_id))? {
        for format in [OpinionExportFormat::Pdf, OpinionExportFormat::Docx, OpinionExportFormat::Xlsx] {
            let name = opinions::export_file_name(conn, report.id, format)?;
            let rel = st.claim("协商意见", &name)?;
            let done =
                opinions::export(conn, report.id, &root.join(&rel), OpinionXlsxOptions { trace: true }, Replace::No)?;
            st.warn(&name, done.warnings);
            st.out.files.push((rel, "协商意见清单".into()));
        }
    }

    for meeting in &meetings {
        for sitting in meetings::list_sittings(conn, Some(meeting.id))? {
            // «01 2020-01-06下午 预备会议»: the files sort in the order the sittings were held.
            let label = format!("{:02} {}{} {}", sitting.seq, sitting.date, sitting.half_day.label(), sitting.title);
            let sheet = attendance::sign_in_sheet(conn, sitting.id, false)?;
            let rendered = documents::render_sign_in_sheet(&sheet, Format::Pdf, &fonts)?;
            st.warn(&label, rendered.warnings.into_iter().map(|w| w.message));
            st.write("签到表", &format!("{label} 签到表.pdf"), "签到表", &rendered.bytes)?;
            if sitting.status == SittingStatus::Closed {
                let rel = st.claim("考勤表", &format!("{label} 考勤.xlsx"))?;
                attendance::export::export_sitting_xlsx(conn, sitting.id, &root.join(&rel), Replace::No)?;
                st.out.files.push((rel, "考勤表".into()));
            }
        }
    }
    Ok(st.out)
}

/// The copy of the committee file must itself be whole before it is filed away.
fn check_copy(path: &Path) -> Result<()> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt { path: path.to_path_buf(), detail: verdict })
    }
}
