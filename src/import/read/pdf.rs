//! PDF files: a placeholder until the PDF reader lands.

use std::path::Path;

use super::ReadError;
use crate::import::Document;

/// Reads a PDF file (not yet: always [`ReadError::Unsupported`]).
pub(super) fn read(_path: &Path) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported("pdf".into()))
}
