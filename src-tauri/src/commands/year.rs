//! The year in numbers: the figures of a period, the records behind one, the work report's data
//! section (draft, save, export), a member's record (履职档案), and the entry of the records the
//! year counts (履职活动, 意见建议 with feedback). Each command calls `huiwu_core::year` and maps
//! the error.

use huiwu_core::documents::Format;
use huiwu_core::year::{
    self, Consultation, ConsultationItem, DraftExport, Duty, DutyInput, DutyKind, FigureRecord, ItemFeedback,
    ItemInput, ItemSource, MemberRecord, Period, PointRulesSettings, YearFigures,
};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

fn period(from: &str, to: &str) -> huiwu_core::Result<Period> {
    Period::between(from, to)
}

#[tauri::command(async)]
pub fn year_figures(state: State<'_, AppState>, from: String, to: String) -> IpcResult<YearFigures> {
    state.with_db(|db| year::figures(db.conn(), &period(&from, &to)?))
}

#[tauri::command(async)]
pub fn year_records(state: State<'_, AppState>, from: String, to: String, key: String) -> IpcResult<Vec<FigureRecord>> {
    state.with_db(|db| year::records(db.conn(), &period(&from, &to)?, &key))
}

/// The saved draft of the data section, else the one generated from the records.
#[tauri::command(async)]
pub fn year_draft(state: State<'_, AppState>, from: String, to: String) -> IpcResult<String> {
    state.with_db(|db| year::draft_text(db.conn(), &period(&from, &to)?))
}

/// The draft as generated from the records now (重新生成).
#[tauri::command(async)]
pub fn year_draft_generated(state: State<'_, AppState>, from: String, to: String) -> IpcResult<String> {
    state.with_db(|db| year::generated_draft(db.conn(), &period(&from, &to)?))
}

#[tauri::command(async)]
pub fn year_draft_save(state: State<'_, AppState>, from: String, to: String, text: String) -> IpcResult<()> {
    state.with_db(|db| year::save_draft(db, &period(&from, &to)?, &text))
}

/// Exports the data section with the given text; without `path`, into 文档/会务导出/.
#[tauri::command(async)]
pub fn year_export(
    state: State<'_, AppState>,
    from: String,
    to: String,
    text: String,
    format: Format,
    path: Option<String>,
) -> IpcResult<DraftExport> {
    state.with_db(|db| {
        let p = period(&from, &to)?;
        let ext = if format == Format::Pdf { "pdf" } else { "docx" };
        let stem = format!("{}工作报告数据部分", p.title());
        let (path, replace) = crate::exports::export_target(path, &stem, ext)?;
        year::export_draft(db.conn(), &p, Some(&text), &path, replace)
    })
}

#[tauri::command(async)]
pub fn member_record(state: State<'_, AppState>, member_id: i64, from: String, to: String) -> IpcResult<MemberRecord> {
    state.with_db(|db| year::member_record(db.conn(), member_id, &period(&from, &to)?))
}

/// The records of one member (or several) as PDF; without `path`, into 文档/会务导出/.
#[tauri::command(async)]
pub fn member_record_export(
    state: State<'_, AppState>,
    member_ids: Vec<i64>,
    from: String,
    to: String,
    path: Option<String>,
) -> IpcResult<DraftExport> {
    state.with_db(|db| {
        let p = period(&from, &to)?;
        let stem = format!("委员履职档案（{}）", p.title());
        let (path, replace) = crate::exports::export_target(path, &stem, "pdf")?;
        year::export_member_records(db.conn(), &member_ids, &p, &path, replace)
    })
}

/// The duties of a kind (all: `None`) that started in the period.
#[tauri::command(async)]
pub fn year_duties(
    state: State<'_, AppState>,
    from: String,
    to: String,
    kind: Option<DutyKind>,
) -> IpcResult<Vec<Duty>> {
    state.with_db(|db| year::list_duties(db.conn(), kind, &period(&from, &to)?))
}

/// A recorded duty as the edit form holds it.
#[tauri::command(async)]
pub fn year_duty_form(state: State<'_, AppState>, id: i64) -> IpcResult<DutyInput> {
    state.with_db(|db| Ok(DutyInput::from(&year::get_duty(db.conn(), id)?)))
}

#[tauri::command(async)]
pub fn year_duty_create(state: State<'_, AppState>, input: DutyInput) -> IpcResult<Duty> {
    state.with_db(|db| year::create_duty(db, &input))
}

#[tauri::command(async)]
pub fn year_duty_update(state: State<'_, AppState>, id: i64, input: DutyInput) -> IpcResult<Duty> {
    state.with_db(|db| year::update_duty(db, id, &input))
}

/// The consultation meetings and 协商在基层 activities of the period, with their item counts.
#[tauri::command(async)]
pub fn year_consultations(state: State<'_, AppState>, from: String, to: String) -> IpcResult<Vec<Consultation>> {
    state.with_db(|db| year::list_consultations(db.conn(), &period(&from, &to)?))
}

#[tauri::command(async)]
pub fn year_items(state: State<'_, AppState>, source: ItemSource) -> IpcResult<Vec<ConsultationItem>> {
    state.with_db(|db| year::list_items(db.conn(), source))
}

/// Pasted text split into items, for the preview before they are added.
#[tauri::command(async)]
pub fn year_items_split(text: String) -> Vec<String> {
    year::split_items(&text)
}

#[tauri::command(async)]
pub fn year_items_add(
    state: State<'_, AppState>,
    source: ItemSource,
    items: Vec<ItemInput>,
) -> IpcResult<Vec<ConsultationItem>> {
    state.with_db(|db| year::add_items(db, source, &items))
}

#[tauri::command(async)]
pub fn year_item_update(state: State<'_, AppState>, id: i64, input: ItemInput) -> IpcResult<ConsultationItem> {
    state.with_db(|db| year::update_item(db, id, &input))
}

#[tauri::command(async)]
pub fn year_item_feedback(state: State<'_, AppState>, id: i64, feedback: ItemFeedback) -> IpcResult<ConsultationItem> {
    state.with_db(|db| year::set_item_feedback(db, id, &feedback))
}

/// The point rules as the form shows them (履职积分规则).
#[tauri::command(async)]
pub fn point_rules(state: State<'_, AppState>) -> IpcResult<PointRulesSettings> {
    state.with_db(|db| year::point_rules_settings(db.conn()))
}

/// Saves the form: checked by the core (the rule at fault named), audited.
#[tauri::command(async)]
pub fn point_rules_save(state: State<'_, AppState>, settings: PointRulesSettings) -> IpcResult<PointRulesSettings> {
    state.with_db(|db| year::save_point_rules(db, &settings))
}
