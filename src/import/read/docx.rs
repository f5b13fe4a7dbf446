//! Word files (.docx): a placeholder until the Word reader lands.

use super::ReadError;
use crate::import::Document;

/// Reads a .docx file's bytes (not yet: always [`ReadError::Unsupported`]).
pub(super) fn read(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported("docx".into()))
}
