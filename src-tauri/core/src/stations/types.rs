//! The types of stations that cross IPC and the files' manifests.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a station does: a check-in desk (签到台) or a group's recorder (小组记录).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StationKind {
    Desk,
    Recorder,
}

impl StationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StationKind::Desk => "desk",
            StationKind::Recorder => "recorder",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "desk" => Some(StationKind::Desk),
            "recorder" => Some(StationKind::Recorder),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            StationKind::Desk => "签到台",
            StationKind::Recorder => "小组记录",
        }
    }
}

/// What a package is cut for.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PackageScope {
    /// A check-in desk for these sittings.
    Desk {
        #[ts(type = "Array<number>")]
        sittings: Vec<i64>,
    },
    /// A group's recorder: the group's discussion sittings of a meeting and the reports.
    Recorder {
        group: String,
        #[ts(type = "number")]
        meeting_id: i64,
    },
}

/// The first lines of a package or hand-back file: who it is from and what it was cut from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub package_uid: String,
    pub station_uid: String,
    pub station_name: String,
    pub kind: StationKind,
    pub committee_name: String,
    /// The master file's identity (`sync_identity.file_uid`).
    pub master_uid: String,
    /// The audit row of the export in the master: the state the package was cut from.
    pub master_state: i64,
    pub exported_at: String,
    pub sittings: Vec<i64>,
    pub group: Option<String>,
    pub meeting_id: Option<i64>,
    /// Hand-back only: who worked the station, when the file was made, and what it holds.
    #[serde(default)]
    pub operator: String,
    #[serde(default)]
    pub handed_back_at: String,
}

/// What exporting a package made.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PackageSummary {
    pub station_name: String,
    pub kind: StationKind,
    pub path: String,
    pub sittings: u32,
    pub members: u32,
    pub remarks: u32,
}

/// The open file is a station (shown as a banner: «分站：… 不是委员会文件»).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StationInfo {
    pub station_name: String,
    pub kind: StationKind,
    pub committee_name: String,
    pub opened_at: String,
    #[ts(type = "Array<number>")]
    pub sittings: Vec<i64>,
    pub group: Option<String>,
}

/// What a hand-back file holds.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HandbackSummary {
    pub path: String,
    pub events: u32,
    pub leaves: u32,
    pub remarks: u32,
}

/// The kinds of conflict a person decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConflictKind {
    SittingClosed,
    MemberLeft,
    RemarkEdited,
    RemarkMissing,
    Other,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::SittingClosed => "sitting_closed",
            ConflictKind::MemberLeft => "member_left",
            ConflictKind::RemarkEdited => "remark_edited",
            ConflictKind::RemarkMissing => "remark_missing",
            ConflictKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Self {
        match s {
            "sitting_closed" => ConflictKind::SittingClosed,
            "member_left" => ConflictKind::MemberLeft,
            "remark_edited" => ConflictKind::RemarkEdited,
            "remark_missing" => ConflictKind::RemarkMissing,
            _ => ConflictKind::Other,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ConflictKind::SittingClosed => "场次考勤已结束",
            ConflictKind::MemberLeft => "委员已不在任",
            ConflictKind::RemarkEdited => "两边都修改了发言",
            ConflictKind::RemarkMissing => "委员会文件中已没有这条发言",
            ConflictKind::Other => "其他",
        }
    }
}

/// One conflict found while merging: described, with both sides where there are two.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeConflict {
    pub kind: ConflictKind,
    pub kind_label: String,
    pub description: String,
    /// The station's side (for a remark: its text).
    pub station_text: String,
    /// The master's side, when there is one.
    pub master_text: Option<String>,
    /// Already stored by an earlier merge of the same station.
    pub known: bool,
}

/// What merging a hand-back did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MergeReport {
    pub station_name: String,
    pub station_operator: String,
    pub dry_run: bool,
    /// Rows written into the committee file.
    pub applied: u32,
    pub applied_events: u32,
    pub applied_leaves: u32,
    pub applied_remarks: u32,
    /// Rows the committee file already had (an earlier merge of this file).
    pub already_present: u32,
    pub conflicts: Vec<MergeConflict>,
}

/// A package the master cut, as the master sees it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StationPackage {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: StationKind,
    pub kind_label: String,
    /// The sittings, by title.
    pub scope: String,
    pub exported_at: String,
    pub exported_by: String,
    pub last_merged_at: Option<String>,
    pub merges: u32,
    pub pending_conflicts: u32,
}

/// A stored conflict, for the list a person decides from.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StoredConflict {
    #[ts(type = "number")]
    pub id: i64,
    pub station_name: String,
    pub kind: ConflictKind,
    pub kind_label: String,
    pub description: String,
    pub station_text: String,
    pub master_text: Option<String>,
    pub created_at: String,
    /// `applied` / `rejected`, or none while pending.
    pub decision: Option<String>,
    pub decided_by: String,
    pub decided_at: Option<String>,
}

/// A person's decision on a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConflictDecision {
    /// Take the station's version into the committee file.
    Apply,
    /// Keep the committee file as it is (the station's row stays recorded in the conflict).
    Reject,
}

/// A monitor the hall display (大屏) can go full-screen on.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HallMonitor {
    pub index: u32,
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub primary: bool,
}
