//! The Chinese words for what the audit trail stores in English codes: the kinds of record
//! (entity), the actions, every field of the values recorded, and the coded values of those
//! fields. The one source of these labels: the 操作记录 page and the member page get them from
//! here (see [`super::describe`]), and a test walks real audit rows to check none is missing.

use crate::attendance::{AttendanceEventKind, LeaveEntered, LeaveKind};
use crate::meetings::{Expect, HalfDay, MeetingKind, SittingKind, SittingStatus};
use crate::opinions::{Adoption, ReportKind};
use crate::proposals::{CollectiveKind, NotFiledOutcome, ProposalKind, Rating};
use crate::roster::{MembershipKind, Role};

/// A record an audit row can be about, by the id it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Member,
    Invitee,
    Session,
    Meeting,
    Sitting,
    Group,
    Report,
    Section,
    Opinion,
    Remark,
}

/// How a field's value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// As written.
    Text,
    /// «2021-01-19» → «2021年1月19日».
    Date,
    /// «1970-05» → «1970年5月».
    Month,
    /// An RFC 3339 time → local «2026年12月2日 10:08».
    Stamp,
    /// 是 / 否.
    Bool,
    /// A code with a Chinese label ([`value_label`]).
    Code(CodeKind),
    /// The id of another record, shown by its name.
    Ref(RefKind),
    /// A list, shown by its length with this unit («3 项»), or by names for a list of ids.
    Count(&'static str),
    /// A list of member ids, shown by their names.
    Members,
    /// An attendance person `{kind, id}`, shown by name.
    Person,
    /// A role change `{from, to}`.
    RoleChange,
    /// Not shown (internal: search keys, row ids).
    Hidden,
}

/// The coded fields whose values have labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Role,
    Membership,
    MeetingKind,
    SittingKind,
    HalfDay,
    Expect,
    SittingStatus,
    LeaveKind,
    LeaveEntered,
    Adoption,
    ReportKind,
    EventSource,
    AttendanceOrder,
    EventKind,
    DutyKind,
    ProposalKind,
    CollectiveKind,
    NotFiledOutcome,
    Rating,
}

/// The label of a coded value, or `None` when the code has none.
pub fn value_label(kind: CodeKind, code: &str) -> Option<&'static str> {
    fn de<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
        serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
    }
    match kind {
        CodeKind::Role => de::<Role>(code).map(Role::label),
        CodeKind::Membership => de::<MembershipKind>(code).map(MembershipKind::label),
        CodeKind::MeetingKind => MeetingKind::from_code(code).map(MeetingKind::label),
        CodeKind::SittingKind => SittingKind::from_code(code).map(SittingKind::label),
        CodeKind::HalfDay => HalfDay::from_code(code).map(HalfDay::label),
        CodeKind::Expect => Expect::from_code(code).map(Expect::label),
        CodeKind::SittingStatus => SittingStatus::from_code(code).map(SittingStatus::label),
        CodeKind::LeaveKind => de::<LeaveKind>(code).map(LeaveKind::label),
        CodeKind::LeaveEntered => de::<LeaveEntered>(code).map(|e| match e {
            LeaveEntered::Before => "会前请假",
            LeaveEntered::During => "会中请假",
            LeaveEntered::After => "会后补录",
        }),
        CodeKind::Adoption => de::<Adoption>(code).map(Adoption::label),
        CodeKind::ReportKind => de::<ReportKind>(code).map(ReportKind::label),
        CodeKind::EventSource => match code {
            "desk" => Some("签到台"),
            "correction" => Some("更正"),
            "import" => Some("导入"),
            _ => None,
        },
        CodeKind::AttendanceOrder => match code {
            "role_strokes" => Some("按职务和姓氏笔画"),
            "roster" => Some("按名册顺序"),
            _ => None,
        },
        CodeKind::EventKind => de::<AttendanceEventKind>(code).map(AttendanceEventKind::label),
        CodeKind::DutyKind => crate::year::DutyKind::from_code(code).map(crate::year::DutyKind::label),
        CodeKind::ProposalKind => ProposalKind::from_code(code).map(ProposalKind::label),
        CodeKind::CollectiveKind => CollectiveKind::from_code(code).map(CollectiveKind::label),
        CodeKind::NotFiledOutcome => NotFiledOutcome::from_code(code).map(NotFiledOutcome::label),
        CodeKind::Rating => Rating::from_code(code).map(Rating::label),
    }
}

/// Every coded value, with its kind: what the completeness test checks.
pub fn all_codes() -> Vec<(CodeKind, String)> {
    fn code_of<T: serde::Serialize>(v: T) -> String {
        serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
    let mut v: Vec<(CodeKind, String)> = Vec::new();
    v.extend(Role::ALL.iter().map(|r| (CodeKind::Role, r.code().to_string())));
    v.extend(MembershipKind::ALL.iter().map(|k| (CodeKind::Membership, k.code().to_string())));
    v.extend(MeetingKind::ALL.iter().map(|k| (CodeKind::MeetingKind, k.code().to_string())));
    v.extend(SittingKind::ALL.iter().map(|k| (CodeKind::SittingKind, k.code().to_string())));
    v.extend(HalfDay::ALL.iter().map(|k| (CodeKind::HalfDay, k.code().to_string())));
    v.extend(Expect::ALL.iter().map(|k| (CodeKind::Expect, k.code().to_string())));
    v.extend(SittingStatus::ALL.iter().map(|k| (CodeKind::SittingStatus, k.code().to_string())));
    v.extend(LeaveKind::ALL.iter().map(|k| (CodeKind::LeaveKind, code_of(k))));
    for e in [LeaveEntered::Before, LeaveEntered::During, LeaveEntered::After] {
        v.push((CodeKind::LeaveEntered, code_of(e)));
    }
    v.extend(Adoption::ALL.iter().map(|a| (CodeKind::Adoption, a.code().to_string())));
    v.extend(ReportKind::ALL.iter().map(|k| (CodeKind::ReportKind, k.code().to_string())));
    for s in ["desk", "correction", "import"] {
        v.push((CodeKind::EventSource, s.to_string()));
    }
    for s in ["role_strokes", "roster"] {
        v.push((CodeKind::AttendanceOrder, s.to_string()));
    }
    for k in [AttendanceEventKind::CheckIn, AttendanceEventKind::LeaveEarly, AttendanceEventKind::Return] {
        v.push((CodeKind::EventKind, k.as_str().to_string()));
    }
    v.push((CodeKind::EventKind, AttendanceEventKind::Undo.as_str().to_string()));
    v.extend(crate::year::DutyKind::ALL.iter().map(|k| (CodeKind::DutyKind, k.code().to_string())));
    v.extend(ProposalKind::ALL.iter().map(|k| (CodeKind::ProposalKind, k.code().to_string())));
    v.extend(CollectiveKind::ALL.iter().map(|k| (CodeKind::CollectiveKind, k.code().to_string())));
    v.extend(NotFiledOutcome::ALL.iter().map(|k| (CodeKind::NotFiledOutcome, k.code().to_string())));
    v.extend(Rating::ALL.iter().map(|k| (CodeKind::Rating, k.code().to_string())));
    v
}

/// The Chinese name of a kind of record.
pub fn entity_label(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "committee" => "委员会",
        "setting" => "设置",
        "member" => "委员",
        "membership_event" => "任职变动",
        "invitee" => "列席人员",
        "roster" => "名册",
        "group" => "小组",
        "sector" => "界别",
        "session" => "次会议",
        "meeting" => "会议",
        "sitting" => "场次",
        "agenda_item" => "议程",
        "attendance" => "考勤",
        "attendance_event" => "签到记录",
        "attendance_rule" => "考勤规则",
        "leave" => "请假",
        "report" => "报告",
        "remark" => "发言意见",
        "opinion" => "协商意见",
        "opinion_list" => "协商意见清单",
        "opinion_feedback" => "协商意见反馈",
        "minutes" => "纪要",
        "bulletin" => "简报",
        "sqmy_item" => "社情民意信息",
        "sqmy_issue" => "《社情民意》",
        "sqmy_outcome" => "社情民意采用批示",
        "snapshot" => "自动备份",
        "duty" => "履职活动",
        "consultation_item" => "意见建议",
        "year_draft" => "工作报告数据部分",
        "proposal" => "提案",
        "proposal_unit" => "承办单位",
        _ => return None,
    })
}

/// The Chinese name of an action. Actions recorded in Chinese (the consolidation steps: 合并,
/// 不纳入…) are their own label.
pub fn action_label(action: &str) -> Option<&'static str> {
    Some(match action {
        "create" => "新建",
        "update" => "修改",
        "delete" => "删除",
        "cancel" => "撤销",
        "status" => "状态变更",
        "close" => "结束考勤",
        "reopen" => "重新打开",
        "convener" => "指定召集人",
        "import" => "导入",
        "confirm_distinct" => "确认不是同一人",
        "finalise" => "定稿",
        "mark_sent" => "报送",
        "withdraw" => "撤回",
        "feedback" => "反馈",
        "undo" => "撤销上一步",
        "restore" => "恢复到",
        "file" => "立案",
        "reject" => "不予立案",
        "merge" => "并案",
        "assign" => "交办",
        "talk" => "面商",
        "answer" => "答复",
        "rate" => "评价",
        "visit" => "回访",
        "withdraw_proposal" => "撤案",
        other => {
            if let Some(l) = value_label(CodeKind::Membership, other) {
                return Some(l);
            }
            return value_label(CodeKind::EventKind, other);
        }
    })
}

/// The label of a setting, by its key.
pub fn setting_label(key: &str) -> Option<String> {
    if key == crate::settings::OPERATOR {
        return Some("操作员".into());
    }
    if key == "font.use_system" {
        return Some("使用本机字体".into());
    }
    if let Some(role) = key.strip_prefix("font.") {
        return crate::documents::FontRole::ALL.iter().find(|r| r.key() == role).map(|r| format!("{}字体", r.label()));
    }
    match key {
        "proposals.categories" => return Some("提案类别".into()),
        "proposals.answer_class_labels" => return Some("答复类别说明".into()),
        "proposals.deadline_months" => return Some("提案办理期限（月）".into()),
        crate::year::POINT_RULES_KEY => return Some("履职积分规则".into()),
        _ => {}
    }
    if let Some(kind) = key.strip_prefix("attendance.") {
        return Some(format!("考勤设置（{kind}）"));
    }
    None
}

/// How the plain (non-object) value of an audit row is labelled: `(label, shown)`.
pub fn plain_field(entity: &str, action: &str) -> Option<(&'static str, Shown)> {
    Some(match (entity, action) {
        ("group", "convener") => ("召集人", Shown::Ref(RefKind::Member)),
        ("group", _) | ("sector", _) => ("名称", Shown::Text),
        ("sitting", "status") => ("状态", Shown::Code(CodeKind::SittingStatus)),
        ("member", "confirm_distinct") => ("委员", Shown::Members),
        ("setting", _) => ("值", Shown::Text),
        ("proposal", "talk") => ("面商日期", Shown::Date),
        _ => return None,
    })
}

/// The label of a field of an entity's recorded value, and how its value is shown.
pub fn field(entity: &str, name: &str) -> Option<(&'static str, Shown)> {
    use Shown::*;
    // Fields whose meaning depends on the record.
    let specific = match (entity, name) {
        ("member", "role") | ("leave", "role") => Some(("政协职务", Code(CodeKind::Role))),
        ("member", "kind") => Some(("变动类别", Code(CodeKind::Membership))),
        ("member", "id") => Some(("", Hidden)),
        ("meeting", "kind") | ("attendance_rule", "meeting_kind") => Some(("会议类型", Code(CodeKind::MeetingKind))),
        ("sitting", "kind") => Some(("场次类型", Code(CodeKind::SittingKind))),
        ("leave", "kind") => Some(("请假类别", Code(CodeKind::LeaveKind))),
        ("report", "kind") => Some(("报告类别", Code(CodeKind::ReportKind))),
        ("attendance_event", "kind") => Some(("动作", Code(CodeKind::EventKind))),
        ("sitting", "status") | ("attendance", "status") => Some(("状态", Code(CodeKind::SittingStatus))),
        ("session", "name") | ("committee", "name") | ("sector", "name") | ("group", "name") => Some(("名称", Text)),
        ("meeting", "title") | ("sitting", "title") => Some(("名称", Text)),
        ("report", "title") => Some(("报告名称", Text)),
        ("minutes", "mark") => Some(("标题", Text)),
        ("minutes", "date") => Some(("成文日期", Date)),
        ("minutes", "body") => Some(("正文", Text)),
        ("remark", "text") => Some(("发言内容", Text)),
        ("sqmy_item", "title") => Some(("标题", Text)),
        ("sqmy_item", "content") => Some(("内容", Text)),
        ("sqmy_item", "member_ids") => Some(("报送委员", Members)),
        ("sqmy_item", "unit") => Some(("报送单位", Text)),
        ("sqmy_item", "received_on") => Some(("收到日期", Date)),
        ("sqmy_item", "source") => Some(("来源", Text)),
        ("sqmy_item", "from_proposal") => Some(("来自提案", Text)),
        ("sqmy_issue", "number") => Some(("期号", Text)),
        ("sqmy_issue", "item_ids") => Some(("编入信息", Count("条"))),
        ("sqmy_issue", "sent_to") => Some(("报送", Text)),
        ("sqmy_issue", "cc") => Some(("抄送", Text)),
        ("sqmy_outcome", "item_id") => Some(("", Hidden)),
        ("sqmy_outcome", "kind") => Some(("结果", Text)),
        ("sqmy_outcome", "by_whom") => Some(("采用单位或批示领导", Text)),
        ("sqmy_outcome", "summary") => Some(("批示摘要", Text)),
        ("bulletin", "name") => Some(("简报名称", Text)),
        ("bulletin", "issuer") => Some(("编发单位", Text)),
        ("bulletin", "number") => Some(("期号", Text)),
        ("bulletin", "title") => Some(("标题", Text)),
        ("bulletin", "body") => Some(("正文", Text)),
        ("bulletin", "send_to") => Some(("报送", Text)),
        ("bulletin", "distribute_to") => Some(("分送", Text)),
        ("bulletin", "copies") => Some(("印数", Text)),
        ("bulletin", "remark_ids") => Some(("引用的发言", Count("条"))),
        ("opinion_list", "to") => Some(("移至意见", Ref(RefKind::Opinion))),
        ("opinion_list", "order") => Some(("意见顺序", Count("条"))),
        ("opinion_list", "text") | ("opinion", "text") => Some(("意见内容", Text)),
        ("opinion_list", "opinions") | ("report", "opinions") => Some(("意见条数", Text)),
        ("attendance", "present") => Some(("实到", Text)),
        ("attendance", "on_leave") => Some(("请假", Text)),
        ("attendance", "expected") => Some(("应到", Text)),
        ("attendance", "absent") => Some(("缺席", Text)),
        ("roster", "file") => Some(("文件", Text)),
        ("duty", "kind") => Some(("活动类别", Code(CodeKind::DutyKind))),
        ("duty", "lead") => Some(("牵头领导（单位）", Text)),
        ("duty", "lead_members") => Some(("牵头委员", Members)),
        ("duty", "members") => Some(("参加委员", Members)),
        ("duty", "person_times") => Some(("人次", Text)),
        ("duty", "place") => Some(("地点", Text)),
        ("duty", "report_title") => Some(("形成的报告", Text)),
        ("consultation_item", "speakers") => Some(("提出委员", Members)),
        ("consultation_item", "seq") => Some(("序号", Text)),
        ("consultation_item", "reply") => Some(("反馈内容", Text)),
        ("consultation_item", "feedback_on") => Some(("反馈日期", Date)),
        ("proposal", "kind") => Some(("提案类型", Code(CodeKind::ProposalKind))),
        ("proposal", "title") => Some(("案题", Text)),
        ("proposal", "text") => Some(("答复内容", Text)),
        ("proposal", "reason") => Some(("理由", Text)),
        ("proposal", "by") => Some(("撤案申请人", Text)),
        ("proposal", "file") => Some(("答复文件", Text)),
        ("proposal", "lead") => Some(("主办单位", Text)),
        ("proposal", "co") => Some(("会办单位", Text)),
        ("proposal", "stage") => Some(("原状态", Text)),
        ("proposal", "during_plenary") => Some(("大会期间提交", Bool)),
        ("proposal", "collective_kind") => Some(("提案单位类型", Code(CodeKind::CollectiveKind))),
        ("proposal", "collective_name") => Some(("提案单位", Text)),
        ("proposal", "submitters") => Some(("提案人", Members)),
        ("proposal", "category") => Some(("类别", Text)),
        ("proposal", "case_text") => Some(("案由", Text)),
        ("proposal", "suggestions") => Some(("建议", Text)),
        ("proposal", "received_on") => Some(("收到日期", Date)),
        ("proposal", "number") => Some(("立案号", Text)),
        ("proposal", "reviewed_on") => Some(("审查日期", Date)),
        ("proposal", "outcome") => Some(("处理方式", Code(CodeKind::NotFiledOutcome))),
        ("proposal", "into_title") => Some(("并入提案", Text)),
        ("proposal", "into_number") => Some(("并入案号", Text)),
        ("proposal", "assigned_on") => Some(("交办日期", Date)),
        ("proposal", "deadline") => Some(("办理期限", Date)),
        ("proposal", "key_proposal") => Some(("重点提案", Bool)),
        ("proposal", "supervisor") => Some(("督办领导", Text)),
        ("proposal", "round") => Some(("办理轮次", Text)),
        ("proposal", "answered_on") => Some(("答复日期", Date)),
        ("proposal", "class") => Some(("答复类别", Text)),
        ("proposal", "rating") => Some(("评价", Code(CodeKind::Rating))),
        ("proposal", "rated_on") => Some(("评价日期", Date)),
        ("proposal", "visited_on") => Some(("回访日期", Date)),
        ("proposal", "withdrawn_on") => Some(("撤案日期", Date)),
        ("proposal_unit", "name") => Some(("名称", Text)),
        ("proposal_unit", "active") => Some(("在用", Bool)),
        ("proposal_unit", "sort_order") => Some(("顺序", Text)),
        _ => None,
    };
    if specific.is_some() {
        return specific;
    }
    Some(match name {
        "id" => ("", Hidden),
        "created_at" => ("录入时间", Stamp),
        "updated_at" => ("修改时间", Stamp),
        "cancelled_at" => ("撤销时间", Stamp),
        "operator" => ("操作员", Text),
        "member_name" => ("委员", Text),
        "kind_text" => ("类别", Text),
        "name" => ("姓名", Text),
        "title" => ("名称", Text),
        "notes" | "note" => ("备注", Text),
        "phone" => ("电话", Text),
        "post" => ("职务", Text),
        "unit" => ("单位", Text),
        "workplace" => ("工作单位", Text),
        "gender" => ("性别", Text),
        "ethnicity" => ("民族", Text),
        "party" => ("党派", Text),
        "group" => ("小组", Text),
        "sector" => ("界别", Text),
        "seat" => ("座位", Text),
        "member_no" => ("委员编号", Text),
        "roster_order" => ("名册顺序", Text),
        "birth_month" => ("出生年月", Month),
        "joined_on" => ("任职日期", Date),
        "left_on" => ("离任日期", Date),
        "left_reason" => ("离任原因", Text),
        "distinct_confirmed" => ("已确认不是同名的另一人", Bool),
        "name_pinyin" | "name_initials" => ("", Hidden),
        "effective_on" => ("生效日期", Date),
        "reference" => ("依据（文号）", Text),
        "detail" => ("职务变动", RoleChange),
        "secretariat" => ("办公室（秘书处）", Text),
        "short_name" => ("简称", Text),
        "term_number" => ("届次", Text),
        "term_start" => ("本届开始", Date),
        "term_end" => ("本届结束", Date),
        "session_number" => ("会议次数", Text),
        "year" => ("年份", Text),
        "opened_on" => ("开幕日期", Date),
        "closed_on" => ("闭幕日期", Date),
        "session_id" => ("所属次会议", Ref(RefKind::Session)),
        "ordinal" => ("序号", Text),
        "topical" => ("专题议政", Bool),
        "enlarged" => ("扩大会议", Bool),
        "start_date" => ("开始日期", Date),
        "end_date" => ("结束日期", Date),
        "organizer" => ("承办单位", Text),
        "venue" => ("地点", Text),
        "meeting_id" => ("会议", Ref(RefKind::Meeting)),
        "sitting_id" => ("场次", Ref(RefKind::Sitting)),
        "sitting_ids" => ("场次", Count("场")),
        "date" => ("日期", Date),
        "half_day" => ("时段", Code(CodeKind::HalfDay)),
        "start_time" => ("开始时间", Text),
        "end_time" => ("结束时间", Text),
        "seq" => ("顺序", Text),
        "presiding" => ("主持人", Text),
        "election" => ("有选举事项", Bool),
        "expect" => ("应到范围", Code(CodeKind::Expect)),
        "groups" => ("小组", Count("个")),
        "member_ids" => ("指定委员", Count("人")),
        "invitee_ids" => ("列席人员", Count("人")),
        "agenda" => ("议程", Count("项")),
        "person" => ("人员", Person),
        "at" => ("时间", Stamp),
        "source" => ("来源", Code(CodeKind::EventSource)),
        "undoes" => ("撤销的记录", Text),
        "announcement" => ("宣读词", Text),
        "member_id" | "speaker_id" => ("委员", Ref(RefKind::Member)),
        "approver" => ("批准人", Text),
        "reason" => ("理由", Text),
        "cancel_reason" => ("撤销原因", Text),
        "kind_label" => ("请假类别说明", Text),
        "entered" => ("登记时点", Code(CodeKind::LeaveEntered)),
        "part" => ("只请部分时段", Bool),
        "from_time" => ("请假起", Text),
        "to_time" => ("请假止", Text),
        "late_grace_minutes" => ("迟到宽限（分钟）", Text),
        "quorum_numerator" => ("法定人数（分子）", Text),
        "quorum_denominator" => ("法定人数（分母）", Text),
        "quorum_strict" => ("须超过该比例", Bool),
        "report_id" => ("报告", Ref(RefKind::Report)),
        "section_id" => ("章节", Ref(RefKind::Section)),
        "group_id" => ("小组", Ref(RefKind::Group)),
        "text" => ("内容", Text),
        "body_text" => ("报告正文", Text),
        "issuing_body" => ("报告单位", Text),
        "list_title" => ("意见清单标题", Text),
        "finalised_at" => ("定稿时间", Stamp),
        "opinion_id" => ("协商意见", Ref(RefKind::Opinion)),
        "remark_id" => ("发言意见", Ref(RefKind::Remark)),
        "remark_ids" => ("发言意见", Count("条")),
        "topic" => ("主题", Text),
        "undone" => ("撤销的操作", Text),
        "adoption" => ("采纳情况", Code(CodeKind::Adoption)),
        "receiving_body" => ("报送单位", Text),
        "reply" => ("答复", Text),
        "sent_on" => ("报送日期", Date),
        "office" => ("印发机关", Text),
        "issue_number" => ("期号", Text),
        "attendance_order" => ("出席名单排序", Code(CodeKind::AttendanceOrder)),
        "created" => ("新增", Text),
        "updated" => ("更新", Text),
        "unchanged" => ("未变", Text),
        "skipped" => ("跳过", Text),
        _ => return None,
    })
}

/// Where a field comes in the list of changes: names and titles first, then the fields in the
/// order a form shows them; unknown fields last.
pub fn field_rank(name: &str) -> usize {
    const ORDER: &[&str] = &[
        "name",
        "title",
        "mark",
        "kind",
        "member_no",
        "role",
        "gender",
        "ethnicity",
        "birth_month",
        "party",
        "sector",
        "group",
        "workplace",
        "post",
        "seat",
        "phone",
        "joined_on",
        "left_on",
        "left_reason",
        "effective_on",
        "detail",
        "reference",
        "meeting_id",
        "sitting_id",
        "session_id",
        "date",
        "start_date",
        "end_date",
        "half_day",
        "start_time",
        "end_time",
        "venue",
        "presiding",
        "member_id",
        "speaker_id",
        "report_id",
        "opinion_id",
        "topic",
        "text",
        "adoption",
        "receiving_body",
        "sent_on",
        "reply",
        "reason",
        "status",
    ];
    ORDER.iter().position(|f| *f == name).unwrap_or(ORDER.len())
}
