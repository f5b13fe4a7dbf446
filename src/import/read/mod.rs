//! Reading a published report's file into a [`Document`]: plain text and Markdown, saved web
//! pages, Word files and PDFs, chosen by the file's extension.
//!
//! Every reader keeps the report's own text and drops what the page around it adds
//! (navigation, breadcrumbs, share and print bars, footers); the metadata lines such pages
//! carry ("日期：2022-03-29 来源：…") become the document's metadata. The rules shared by the
//! text and HTML readers are in `page`.

use std::path::Path;

use super::Document;

mod docx;
mod html;
mod page;
mod pdf;
mod text;

/// Why a file could not be read as a report. The messages do not name the file: whoever
/// reports the error puts the file in front.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read.
    #[error("cannot read the file ({0}); check that it exists and that you may read it")]
    Io(#[from] std::io::Error),
    /// The text is neither UTF-8 nor GB18030.
    #[error("the text is neither UTF-8 nor GB18030 (GBK); save it in UTF-8 and import it again")]
    Encoding,
    /// The file holds no text once the page around the report is dropped.
    #[error("no report text found in the file; check that it is the report and not an empty or index page")]
    Empty,
    /// The extension is not one annalist reads.
    #[error("annalist cannot read .{0} files; save the report as .txt, .md, .html, .docx or .pdf")]
    Unsupported(String),
    /// The file is damaged or not what its extension says.
    #[error("the file is damaged or not what its extension says ({0}); open and save it again")]
    Corrupt(String),
    /// A PDF whose pages are images (a scan) with no text to read.
    #[error("the PDF has no text layer (it is a scan): run OCR on it first (for example ocrmypdf), or import a text, Word or web version of the report")]
    NoTextLayer,
    /// An outside tool failed.
    #[error("{0}")]
    Tool(String),
}

/// Reads one published report, choosing the reader by the file's extension (case ignored):
/// `.txt` `.md` `.markdown` as text, `.html` `.htm` as a saved web page, `.docx`, `.pdf`.
pub fn read_document(path: &Path) -> Result<Document, ReadError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => text::read(&std::fs::read(path)?, false),
        "md" | "markdown" => text::read(&std::fs::read(path)?, true),
        "html" | "htm" | "xhtml" | "shtml" => html::read(&std::fs::read(path)?),
        "docx" => docx::read(&std::fs::read(path)?),
        "pdf" => pdf::read(path),
        _ => Err(ReadError::Unsupported(ext)),
    }
}

/// Decodes text whose encoding is not declared: UTF-8 (a byte-order mark dropped) when the bytes
/// are valid UTF-8, else GB18030 (which covers GBK and GB2312) when they decode without error.
pub(crate) fn decode_undeclared(bytes: &[u8]) -> Result<String, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or(ReadError::Encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_gb18030_are_decoded() {
        assert_eq!(decode_undeclared("\u{feff}报告".as_bytes()).unwrap(), "报告");
        let (gbk, _, _) = encoding_rs::GB18030.encode("行政复议案件35件");
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode_undeclared(&gbk).unwrap(), "行政复议案件35件");
    }

    #[test]
    fn bytes_in_neither_encoding_are_an_encoding_error() {
        // 0x80 alone and 0xFF are invalid in UTF-8 and GB18030 alike.
        let err = decode_undeclared(b"abc\xFF\x80\xFF").unwrap_err();
        assert!(matches!(err, ReadError::Encoding));
        assert!(err.to_string().contains("UTF-8"));
    }

    #[test]
    fn unknown_extensions_and_missing_files_are_errors() {
        let err = read_document(Path::new("report.odt")).unwrap_err();
        assert!(matches!(&err, ReadError::Unsupported(e) if e == "odt"), "{err}");
        let err = read_document(Path::new("no/such/report.txt")).unwrap_err();
        assert!(matches!(err, ReadError::Io(_)));
    }
}
