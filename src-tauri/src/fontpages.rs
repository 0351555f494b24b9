//! The window gives the bundled fonts' pages back to the system when the core has finished with
//! the fonts (`huiwu_core::documents::fonts::on_fonts_idle`; why, in the core's `fonts/idle.rs`).
//!
//! The fonts are read-only data of the binary, mapped from its file: `madvise(MADV_DONTNEED)` on
//! them unmaps the pages read so far, and the next read of a byte maps the same byte from the file
//! again (from the system's file cache, which keeps the pages; no disk read as long as it does).
//! Were the bytes not mapped from a file (a binary unpacked into anonymous memory by some packer
//! or loader), the same call would make them read as zeros: so the call is made only after
//! /proc/self/maps shows every font's bytes inside a read-only mapping of a file, checked once.
//! Another thread reading the fonts meanwhile is no harm: its next read maps the page again.
//!
//! Only on Linux; elsewhere the fonts' pages stay as the system leaves them.
#![allow(unsafe_code)]

/// Makes the core's «fonts idle» give the fonts' pages back, where that is safe (see above).
pub fn install() {
    #[cfg(target_os = "linux")]
    if linux::file_backed() {
        huiwu_core::documents::fonts::on_fonts_idle(linux::release);
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use huiwu_core::documents::fonts::bundled_font_data;

    /// The whole pages inside `bytes` (a page partly shared with other data is left alone).
    pub(super) fn inner_pages(bytes: &[u8], page: usize) -> Option<(usize, usize)> {
        let start = bytes.as_ptr() as usize;
        let (lo, hi) = (start.next_multiple_of(page), (start + bytes.len()) / page * page);
        (hi > lo).then(|| (lo, hi - lo))
    }

    fn page_size() -> usize {
        // SAFETY: sysconf only reads a system constant.
        let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        usize::try_from(n).ok().filter(|n| n.is_power_of_two()).unwrap_or(4096)
    }

    /// Whether every font's bytes lie in a read-only mapping of a file, by /proc/self/maps.
    pub(super) fn file_backed() -> bool {
        let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else { return false };
        let mappings: Vec<(usize, usize)> = maps.lines().filter_map(file_mapping).collect();
        bundled_font_data().all(|b| {
            let (start, end) = (b.as_ptr() as usize, b.as_ptr() as usize + b.len());
            mappings.iter().any(|&(lo, hi)| lo <= start && end <= hi)
        })
    }

    /// A line of /proc/self/maps (`start-end perms offset dev inode path`) as its address range,
    /// if it maps a file read-only.
    fn file_mapping(line: &str) -> Option<(usize, usize)> {
        let mut f = line.split_whitespace();
        let (range, perms, _offset, _dev, inode) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
        let path = f.next()?;
        if !perms.starts_with('r') || perms.as_bytes().get(1) != Some(&b'-') || inode == "0" || !path.starts_with('/') {
            return None;
        }
        let (lo, hi) = range.split_once('-')?;
        Some((usize::from_str_radix(lo, 16).ok()?, usize::from_str_radix(hi, 16).ok()?))
    }

    /// Unmaps the pages of the bundled fonts read so far (installed only when `file_backed`).
    pub(super) fn release() {
        let page = page_size();
        for bytes in bundled_font_data() {
            if let Some((addr, len)) = inner_pages(bytes, page) {
                // SAFETY: [addr, addr + len) is whole pages inside `bytes`, read-only data mapped
                // from the binary's file (checked by `file_backed` before this was installed) that
                // nothing writes. MADV_DONTNEED only unmaps them; a later read maps the same bytes
                // from the file again, so every reference into them stays valid.
                unsafe { libc::madvise(addr as *mut libc::c_void, len, libc::MADV_DONTNEED) };
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use std::io::{Read, Seek, SeekFrom};

        /// How many pages of `bytes` this process has mapped (the «present» bit of
        /// /proc/self/pagemap, readable without privileges).
        fn present(bytes: &[u8]) -> usize {
            let mut pagemap = std::fs::File::open("/proc/self/pagemap").expect("pagemap");
            let page = page_size();
            let first = bytes.as_ptr() as usize / page;
            let last = (bytes.as_ptr() as usize + bytes.len() - 1) / page;
            (first..=last)
                .filter(|p| {
                    let mut entry = [0u8; 8];
                    pagemap.seek(SeekFrom::Start(*p as u64 * 8)).expect("seek");
                    pagemap.read_exact(&mut entry).expect("read");
                    u64::from_le_bytes(entry) >> 63 == 1
                })
                .count()
        }

        fn checksum(bytes: &[u8]) -> u64 {
            bytes.iter().step_by(97).fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)))
        }

        #[test]
        fn the_fonts_pages_are_given_back_and_read_the_same_afterwards() {
            assert!(file_backed(), "the bundled fonts are read-only data mapped from the test binary's file");
            let fonts: Vec<&[u8]> = bundled_font_data().collect();
            let before: Vec<u64> = fonts.iter().map(|b| checksum(b)).collect();
            assert!(fonts.iter().all(|b| present(b) > 100), "reading every font mapped its pages");
            release();
            for b in &fonts {
                assert!(present(b) <= 2, "after release only the partial first and last pages stay: {}", present(b));
            }
            let after: Vec<u64> = fonts.iter().map(|b| checksum(b)).collect();
            assert_eq!(before, after, "the fonts read the same bytes after their pages were given back");
        }

        #[test]
        fn only_whole_pages_inside_the_bytes_are_released() {
            let data = vec![0u8; 3 * 4096 + 100];
            let start = data.as_ptr() as usize;
            let (addr, len) = inner_pages(&data, 4096).expect("at least two whole pages");
            assert!(addr >= start && addr % 4096 == 0, "starts on a page boundary inside the bytes");
            assert!(addr + len <= start + data.len() && len % 4096 == 0, "ends on a page boundary inside the bytes");
            assert!(len >= 2 * 4096, "every whole page is covered");
            assert_eq!(inner_pages(&data[..100], 4096), None, "less than a page: nothing");
        }

        #[test]
        fn maps_lines_of_read_only_files_count_as_file_backed() {
            assert_eq!(
                file_mapping("7f00-7f10 r--p 00000000 08:01 1234 /usr/bin/huiwu"),
                Some((0x7f00, 0x7f10)),
                "a read-only mapping of a file"
            );
            assert_eq!(file_mapping("7f00-7f10 rw-p 00000000 08:01 1234 /usr/bin/huiwu"), None, "writable");
            assert_eq!(file_mapping("7f00-7f10 r--p 00000000 00:00 0 "), None, "anonymous");
            assert_eq!(file_mapping("7f00-7f10 r--p 00000000 00:00 0 [heap]"), None, "the heap");
        }
    }
}
