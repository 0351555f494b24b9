//! How much an import is willing to read. A roster is kilobytes to a few megabytes (a 20 000-row
//! roster is about 3 MB of CSV, 15 MB of XML inside a 2 MB xlsx); anything far past that is the
//! wrong file or a hostile one (an xlsx "zip bomb" of 1.5 MB that unpacks to 400 MB of XML took
//! minutes and gigabytes). Each limit is checked before the thing it limits is read whole.

use std::io::{Cursor, Read};

use std::path::Path;

use super::grid::bad;
use crate::error::{Error, Result};

/// The file itself.
pub const MAX_FILE_BYTES: u64 = 32 << 20;
/// All the XML inside an xlsx (or ods), uncompressed.
pub const MAX_XML_BYTES: u64 = 100 << 20;
/// Rows of a sheet or lines of a CSV.
pub const MAX_ROWS: usize = 50_000;
/// Cells of a sheet (rows × the columns each row reaches).
pub const MAX_CELLS: usize = 2_000_000;

fn mb(n: u64) -> String {
    let m = n as f64 / (1u64 << 20) as f64;
    if m >= 10.0 {
        format!("{m:.0} MB")
    } else {
        format!("{m:.1} MB")
    }
}

/// «文件“x”有 60 MB，超过了导入名册的上限 32 MB …»
pub(super) fn file_too_big(file: &str, len: u64) -> Error {
    bad(
        file,
        format!(
            "有 {}，超过了导入名册的上限 {}（名册一般只有几 MB）。请确认选对了文件；如名册确实这么大，请分成几个文件导入",
            mb(len),
            mb(MAX_FILE_BYTES)
        ),
    )
}

pub(super) fn too_many_rows(file: &str) -> Error {
    bad(
        file,
        format!("的行数超过了导入名册的上限 {MAX_ROWS} 行。请确认选对了文件；如名册确实这么大，请分成几个文件导入"),
    )
}

pub(super) fn too_many_cells(file: &str) -> Error {
    bad(
        file,
        format!(
            "的单元格超过了导入名册的上限 {MAX_CELLS} 个（可能有远在右侧或下方的零散内容）。请删去名册以外的内容后另存再导入"
        ),
    )
}

fn xml_too_big(file: &str, what: &str) -> Error {
    bad(
        file,
        format!(
            "解压后的内容{what}超过了导入名册的上限 {}（名册一般只有几 MB）。文件可能已损坏或被恶意构造，请在 Excel 中打开后另存再导入",
            mb(MAX_XML_BYTES)
        ),
    )
}

/// Reads a file to import, refusing one past [`MAX_FILE_BYTES`] before reading it.
pub fn read_file(path: &Path) -> Result<(Vec<u8>, String)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_too_big(&name, meta.len()));
    }
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the two looks: never read more than the limit.
    f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(file_too_big(&name, bytes.len() as u64));
    }
    Ok((bytes, name))
}

/// Measures a zip (xlsx) before anything unpacks it, by the sizes its directory declares. The
/// zip reader refuses to unpack a part past its declared size ("File is larger than its declared
/// uncompressed size"), so a directory that lies makes a damaged file, not a bomb. A zip that
/// cannot be read at all is left for the spreadsheet reader to report.
pub(super) fn check_zip(bytes: &[u8], file: &str) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            declared = declared.saturating_add(f.size());
        }
    }
    if declared > MAX_XML_BYTES {
        return Err(xml_too_big(file, &format!("有 {}，", mb(declared))));
    }
    Ok(())
}
