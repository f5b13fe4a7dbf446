//! Reading a published report's file into a [`Document`](super::Document).
//!
//! A minimal stand-in so the readers of Word and PDF files compile; its error type is what
//! they return.

mod docx;
mod pdf;

use std::fmt;
use std::path::Path;

use super::Document;

/// Reads a Word (.docx) or PDF file into a document, by its extension.
pub fn read_document(path: &Path) -> Result<Document, ReadError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "docx" => docx::read(&std::fs::read(path).map_err(ReadError::Io)?),
        "pdf" => pdf::read(path),
        other => Err(ReadError::Unsupported(format!("a .{other} file"))),
    }
}

/// Why a file could not be read into a document.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read from disk.
    Io(std::io::Error),
    /// The text is in no encoding annalist knows.
    Encoding,
    /// The file holds no text.
    Empty,
    /// The file is of a kind annalist cannot read (what it is).
    Unsupported(String),
    /// The file is damaged or not what its name says (what is wrong).
    Corrupt(String),
    /// A PDF with no text layer (a scan): it needs OCR first.
    NoTextLayer,
    /// A program annalist needs failed or is missing (what to do).
    Tool(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
            ReadError::Encoding => f.write_str("the text is neither UTF-8 nor GB18030"),
            ReadError::Empty => f.write_str("the file has no text"),
            ReadError::Unsupported(what) => write!(f, "cannot read this kind of file: {what}"),
            ReadError::Corrupt(what) => write!(f, "the file is damaged: {what}"),
            ReadError::NoTextLayer => f.write_str(
                "the PDF has no text layer (a scanned document?): run OCR on it first \
                 (for example ocrmypdf) and import the result",
            ),
            ReadError::Tool(what) => f.write_str(what),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(e) => Some(e),
            _ => None,
        }
    }
}
