//! What a failed file operation means to a clerk: the system's reason (which it gives in
//! English, e.g. «No such file or directory (os error 2)») said in Chinese, with what to do.

use std::io::ErrorKind;
use std::path::Path;

/// A path written the Windows way («C:\Users\…», «\\server\share») used on a system that is not
/// Windows, where it can only be a strange file name in the current folder.
pub fn is_foreign_windows_path(path: &Path) -> bool {
    if cfg!(windows) {
        return false;
    }
    let s = path.to_string_lossy();
    let b = s.as_bytes();
    let drive = b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/');
    drive || s.starts_with("\\\\")
}

/// The Chinese message of an IO error on `path`: what happened and what to do.
pub fn io_message(path: &Path, e: &std::io::Error) -> String {
    let p = path.display();
    if is_foreign_windows_path(path) {
        return format!(
            "“{p}”是 Windows 电脑上的路径，本机不能使用。请点“选择”按钮选一个文件夹，或写成本机的路径（如 /home/用户名/文档）。"
        );
    }
    // Reasons by the system's number: the workspace's minimum Rust (1.80) does not name them
    // in `ErrorKind` yet.
    let raw = e.raw_os_error();
    let os = |unix: &[i32], windows: &[i32]| {
        raw.is_some_and(|c| if cfg!(windows) { windows.contains(&c) } else { unix.contains(&c) })
    };
    if os(&[28, 122], &[39, 112]) {
        return disk_full(&p.to_string());
    }
    if os(&[30], &[19]) {
        return format!("无法写入文件 {p}：这个磁盘或 U 盘是只读的（或已写保护）。请换一个文件夹保存。");
    }
    if os(&[16, 26], &[32, 33]) {
        return format!("文件 {p} 正被其他程序（如 WPS、Excel、PDF 阅读器）打开。请先关闭它，再试一次。");
    }
    if os(&[21], &[]) {
        return format!("{p} 是一个文件夹，不是文件。请在它里面选择或填写一个文件名。");
    }
    if os(&[20], &[267]) {
        return format!("无法读写文件 {p}：路径中的某一部分是文件而不是文件夹。请检查路径是否写对。");
    }
    if os(&[36], &[123, 206]) {
        return format!(
            "无法读写文件 {p}：文件名不合规定或太长。请去掉 \\ / : * ? \" < > | 等符号，换一个短一些的名字。"
        );
    }
    if os(&[27], &[]) {
        return format!("文件 {p} 太大，无法处理。");
    }
    match e.kind() {
        ErrorKind::NotFound => {
            if path.parent().is_some_and(|d| !d.as_os_str().is_empty() && !d.exists()) {
                format!("无法读写文件 {p}：文件夹不存在。请检查路径是否写对，或另选一个已有的文件夹。")
            } else {
                format!("无法读写文件 {p}：文件不存在。请检查文件名和路径是否写对。")
            }
        }
        ErrorKind::PermissionDenied => format!(
            "无法读写文件 {p}：没有权限。请换一个自己的文件夹（如“文档”），或关闭正在使用这个文件的程序后再试。"
        ),
        ErrorKind::AlreadyExists => format!("文件 {p} 已存在。请换一个文件名，或先删除原文件。"),
        ErrorKind::InvalidInput => {
            format!("无法读写文件 {p}：文件名不合规定。请去掉 \\ / : * ? \" < > | 等符号后再试。")
        }
        ErrorKind::UnexpectedEof | ErrorKind::InvalidData => {
            format!("文件 {p} 内容不完整或已损坏。请换一个文件，或从原处重新复制一份。")
        }
        ErrorKind::Interrupted | ErrorKind::TimedOut | ErrorKind::WouldBlock => {
            format!("读写文件 {p} 时被中断。请再试一次。")
        }
        _ => {
            let code = raw.map(|c| format!("（系统错误代码 {c}）")).unwrap_or_default();
            format!("无法读写文件 {p}{code}。请检查文件是否存在、U 盘等是否已插好，或换一个文件夹再试。")
        }
    }
}

fn disk_full(p: &str) -> String {
    format!("无法写入文件 {p}：磁盘已满。请删除不需要的文件腾出空间，或换一个磁盘（如 U 盘）保存。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Error as IoError;

    fn ascii_words(s: &str) -> Vec<&str> {
        s.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).collect()
    }

    #[test]
    fn a_missing_folder_is_named_in_chinese_with_no_english_tail() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("没有这个文件夹").join("签到表.pdf");
        let err = std::fs::write(&path, b"x").expect_err("the folder does not exist");
        let msg = crate::Error::io(&path, err).to_string();
        assert!(msg.contains("文件夹不存在"), "says the folder is missing: {msg}");
        assert!(!msg.contains("os error") && !msg.contains("No such"), "no English system text: {msg}");
    }

    #[test]
    fn a_missing_file_in_an_existing_folder() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("名册.xlsx");
        let err = std::fs::read(&path).expect_err("no file");
        let msg = io_message(&path, &err);
        assert!(msg.contains("文件不存在"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn a_windows_path_typed_on_linux_says_so() {
        let path = Path::new("C:\\Users\\办公室\\Documents\\签到表.pdf");
        let err = IoError::from(ErrorKind::NotFound);
        let msg = io_message(path, &err);
        assert!(msg.contains("Windows 电脑上的路径"), "{msg}");
        assert!(msg.contains("选择"), "says what to do: {msg}");
        assert!(!is_foreign_windows_path(Path::new("/home/a/C:/x")), "a Unix path is not taken for Windows");
    }

    #[test]
    fn permission_disk_full_and_others_say_what_to_do() {
        let p = Path::new("/tmp/x.pdf");
        let denied = io_message(p, &IoError::from(ErrorKind::PermissionDenied));
        assert!(denied.contains("没有权限") && denied.contains("文档"), "{denied}");
        #[cfg(unix)]
        {
            let enospc = io_message(p, &IoError::from_raw_os_error(28));
            assert!(enospc.contains("磁盘已满"), "ENOSPC: {enospc}");
            let busy = io_message(p, &IoError::from_raw_os_error(30));
            assert!(busy.contains("只读"), "EROFS: {busy}");
        }
        for kind in [ErrorKind::Other, ErrorKind::BrokenPipe, ErrorKind::AlreadyExists, ErrorKind::InvalidData] {
            let m = io_message(p, &IoError::new(kind, "some English detail"));
            assert_eq!(ascii_words(&m), vec!["tmp", "pdf"], "only the path is in Latin letters: {m}");
        }
    }
}
