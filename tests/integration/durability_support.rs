//! What the durability tests share: a committee file of a given size, ways to look at the files
//! Huiwu left, a small file system that fills up, and a little random number generator.

use std::path::{Path, PathBuf};
use std::process::Command;

use huiwu_core::meetings::{self, HalfDay, MeetingInput, MeetingKind, SittingInput, SittingKind};
use huiwu_core::roster::import::{self, ImportOptions};
use huiwu_core::Db;

pub const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹";
pub const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红";

/// A roster as CSV: `count` members numbered `{prefix}0001`…, in four sectors and groups.
pub fn roster_csv(prefix: &str, count: usize) -> String {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let mut out = String::from("委员编号,姓名,性别,出生年月,界别,小组,工作单位及职务,联系电话\n");
    for i in 0..count {
        let name = format!("{}{}{}", s[i % s.len()], g[(i / s.len()) % g.len()], g[(i * 7 + 3) % g.len()]);
        let sector = ["中共", "民盟", "经济界", "教育界"][i % 4];
        out.push_str(&format!(
            "{prefix}{:04},{name},{},1970.01,{sector},第{}组,安宁市第{}中学教师,1390000{:04}\n",
            i + 1,
            if i % 2 == 0 { "男" } else { "女" },
            i % 4 + 1,
            i + 1,
            i
        ));
    }
    out
}

/// A committee file with `members` members and one sitting that expects them all; returns the
/// sitting's id.
pub fn committee_file(path: &Path, members: usize) -> i64 {
    let mut db = Db::create(path).expect("create");
    huiwu_core::committee::create(&mut db, &huiwu_core::demo::demo_committee()).expect("committee");
    let csv = roster_csv("A", members);
    let out = import::import(&mut db, csv.as_bytes(), "名册.csv", &ImportOptions::default()).expect("import");
    assert_eq!(out.created as usize, members, "the roster imports whole");
    let meeting = meetings::create_meeting(
        &mut db,
        &MeetingInput {
            kind: MeetingKind::ChairsCouncil,
            title: "六届第十二次主席会议".into(),
            session_id: None,
            ordinal: Some(12),
            topical: false,
            enlarged: false,
            start_date: "2021-01-05".into(),
            end_date: String::new(),
            organizer: String::new(),
            venue: String::new(),
            notes: String::new(),
        },
    )
    .expect("meeting");
    meetings::create_sitting(
        &mut db,
        &SittingInput::new(meeting.id, "全体会议", SittingKind::Other, "2021-01-05", HalfDay::Am),
    )
    .expect("sitting")
    .id
}

/// The names in a folder, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Opens a database file to look at it without leaving anything beside it (immutable: no -wal,
/// no -shm), and returns its integrity_check lines and committee count.
pub fn inspect_db(path: &Path) -> Result<(Vec<String>, i64), String> {
    let uri = format!("file:{}?immutable=1", path.display());
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let conn = rusqlite::Connection::open_with_flags(uri, flags).map_err(|e| e.to_string())?;
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| e.to_string())?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| e.to_string())?;
    let committees = conn.query_row("SELECT count(*) FROM committee", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    Ok((lines, committees))
}

/// The rows of the first sheet of an .xlsx, or why it does not parse.
pub fn xlsx_rows(path: &Path) -> Result<usize, String> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let first = wb.sheet_names().first().cloned().ok_or("no sheet")?;
    let range = wb.worksheet_range(&first).map_err(|e| e.to_string())?;
    Ok(range.height())
}

/// xorshift64*: enough randomness to pick kill moments; the seed is printed so a failure can be
/// replayed with HUIWU_CRASH_SEED.
pub struct Rng(u64);

impl Rng {
    pub fn from_env_or_time() -> Rng {
        let seed = std::env::var("HUIWU_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7)
        });
        eprintln!("crash test seed: HUIWU_CRASH_SEED={seed}");
        Rng(seed | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// A small file system to fill: a tmpfs mounted for the test when we may mount (root), else None
/// (the caller then limits the file size with `ulimit -f`).
pub struct SmallFs {
    pub dir: PathBuf,
}

impl SmallFs {
    pub fn mount(dir: &Path, kib: u32) -> Option<SmallFs> {
        if std::env::var_os("HUIWU_TEST_NO_TMPFS").is_some() {
            return None;
        }
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then(|| SmallFs { dir: dir.to_path_buf() })
    }

    /// Fills the file system, then frees `free_kib` KiB: the next large write hits ENOSPC.
    pub fn fill_leaving(&self, free_kib: u64) {
        use std::io::Write;
        let filler = self.dir.join("filler");
        let mut f = std::fs::File::create(&filler).expect("filler");
        let chunk = vec![0u8; 4096];
        let mut written = 0u64;
        while f.write_all(&chunk).is_ok() {
            written += 4096;
        }
        let _ = f.flush();
        drop(f);
        let keep = std::fs::metadata(&filler).map(|m| m.len()).unwrap_or(written);
        let f = std::fs::OpenOptions::new().write(true).open(&filler).expect("filler");
        f.set_len(keep.saturating_sub(free_kib * 1024)).expect("free some");
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}
