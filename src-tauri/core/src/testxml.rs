//! Tests' check that a DOCX or XLSX is something Word and Excel will open: every `.xml` and
//! `.rels` part of the zip parses as well-formed XML (roxmltree is strict about characters).

use std::io::{Cursor, Read};

/// Panics, naming the part and the parser's words, unless every XML part of `bytes` parses.
/// Returns how many parts were checked.
pub fn assert_well_formed(bytes: &[u8], what: &str) -> usize {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{what}: not a zip: {e}"));
    let mut checked = 0;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap_or_else(|e| panic!("{what}: part {i}: {e}"));
        let name = f.name().map(|n| n.to_string()).unwrap_or_else(|_| format!("part {i}"));
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap_or_else(|e| panic!("{what}: {name} is not UTF-8 text: {e}"));
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{what}: {name} is not well-formed XML: {e}");
        }
        checked += 1;
    }
    assert!(checked > 0, "{what}: no XML part found");
    checked
}
