//! The paper sign-in sheet (签到表) of a sitting, through the documents engine: the expected
//! members grouped by discussion group in roster order, then the invitees.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;

use super::data::SittingData;
use crate::documents::{self, chinese_date, FontPrefs, FontSet, Format, SignInGroup, SignInRow, SignInSheet};
use crate::error::Result;
use crate::files::{self, Privacy, Replace};

/// The sheet's data for a sitting: who is expected, by group (groups in their order), and a last
/// group «列席人员» when there are invitees.
pub fn sign_in_sheet(conn: &Connection, sitting_id: i64, page_per_group: bool) -> Result<SignInSheet> {
    let data = SittingData::load(conn, sitting_id)?;
    let venue: String = conn.query_row("SELECT venue FROM sittings WHERE id = ?1", [sitting_id], |r| r.get(0))?;
    let mut order_stmt = conn.prepare_cached("SELECT name, sort_order, id FROM groups")?;
    let order: std::collections::HashMap<String, (i64, i64)> = order_stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut groups: BTreeMap<(i64, i64, String), Vec<SignInRow>> = BTreeMap::new();
    for m in data.expected.iter() {
        let g = m.group.clone().unwrap_or_default();
        let (a, b) = order.get(&g).copied().unwrap_or((i64::MAX, i64::MAX));
        groups.entry((a, b, g)).or_default().push(SignInRow {
            name: m.name.clone(),
            sector: m.sector.clone().unwrap_or_default(),
            seat: m.seat.clone(),
        });
    }
    let mut out: Vec<SignInGroup> = groups
        .into_iter()
        .map(|((_, _, name), rows)| SignInGroup { name: if name.is_empty() { "未分组".into() } else { name }, rows })
        .collect();
    if !data.invitees.is_empty() {
        out.push(SignInGroup {
            name: "列席人员".into(),
            rows: data
                .invitees
                .iter()
                .map(|i| SignInRow { name: i.name.clone(), sector: i.unit.clone(), seat: String::new() })
                .collect(),
        });
    }
    Ok(SignInSheet {
        meeting: data.info.meeting_title.clone(),
        sitting: data.info.title.clone(),
        time: format!(
            "{}{}{}",
            chinese_date(&data.info.date),
            data.info.half_day.label(),
            if data.info.start_time.is_empty() { String::new() } else { format!(" {}", data.info.start_time) }
        ),
        venue,
        groups: out,
        page_per_group,
    })
}

/// Writes the sign-in sheet to `path` (.pdf or .docx) with the committee's fonts. Returns the
/// characters no font could draw, as the documents engine reports them (empty when all is well).
pub fn write_sign_in_sheet(
    conn: &Connection,
    sitting_id: i64,
    page_per_group: bool,
    path: &Path,
    replace: Replace,
) -> Result<Vec<String>> {
    let sheet = sign_in_sheet(conn, sitting_id, page_per_group)?;
    let format = Format::from_path(path)?;
    let fonts = FontSet::resolve(&FontPrefs::load(conn)?)?;
    let rendered = documents::render_sign_in_sheet(&sheet, format, &fonts)?;
    files::write_whole(path, &rendered.bytes, replace, Privacy::Shared)?;
    Ok(rendered.warnings.iter().map(|w| w.message.clone()).collect())
}
