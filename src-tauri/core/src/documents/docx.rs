//! DOCX output of the same document model.

use super::model::Document;
use crate::error::{Error, Result};

pub fn write_docx(_doc: &Document) -> Result<Vec<u8>> {
    Err(Error::Conflict("DOCX 导出尚未完成。".into()))
}
