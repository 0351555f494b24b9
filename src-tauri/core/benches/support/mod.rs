//! What the benches that build years of records share: a deterministic generator, and a closed
//! sitting's attendance recorded through the same functions the desk and the leave form use.

use chrono::NaiveDateTime;
use huiwu_core::attendance::{self, AttendanceEventKind, LeaveInput, LeaveKind, PersonRef};
use huiwu_core::{meetings, Db};

/// A small deterministic generator (xorshift), so every run builds the same committee.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Records a sitting as held and closes it: of those expected, `on_leave` in a hundred have leave
/// (of `kinds`, in turn), up to six in a hundred stay away, the rest check in within 45 minutes
/// of `base`. Returns how many check-ins were recorded.
pub fn closed_sitting(
    db: &mut Db,
    sitting_id: i64,
    base: NaiveDateTime,
    rng: &mut Rng,
    on_leave: u64,
    kinds: &[LeaveKind],
) -> huiwu_core::Result<usize> {
    let mut entries = Vec::new();
    for m in &meetings::expected_members(db.conn(), sitting_id)? {
        let r = rng.below(100);
        if r < on_leave {
            attendance::record_leave(
                db,
                &LeaveInput {
                    member_id: m.id,
                    kind: kinds.get(r as usize % kinds.len().max(1)).copied().unwrap_or(LeaveKind::Personal),
                    kind_label: String::new(),
                    reason: "工作冲突".into(),
                    approver: "秘书长".into(),
                    sitting_ids: vec![sitting_id],
                    part: false,
                    from_time: None,
                    to_time: None,
                    entered: None,
                },
            )?;
        } else if r >= 6 {
            let t = base + chrono::Duration::seconds(rng.below(45 * 60) as i64);
            entries.push((PersonRef::member(m.id), AttendanceEventKind::CheckIn, t));
        }
    }
    let n = attendance::import_events(db, sitting_id, &entries)?;
    attendance::close_sitting(db, sitting_id)?;
    Ok(n)
}
