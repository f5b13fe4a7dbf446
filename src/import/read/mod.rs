//! Reading a published report's file into a [`Document`]: plain text and Markdown, saved web
//! pages, Word files and PDFs, chosen by the file's extension.
//!
//! Every reader keeps the report's own text and drops what the page around it adds
//! (navigation, breadcrumbs, share and print bars, footers); the metadata lines such pages
//! carry ("日期：2022-03-29 来源：…") become the document's metadata. The rules shared by the
//! text and HTML readers are in `page`.

use std::path::Path;

use super::{Block, Document};

mod credits;
mod docx;
mod docx_numbering;
mod html;
mod meta;
pub(crate) use meta::first_year;
mod page;
mod pdf;
mod pdf_builtin;
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
    /// The file is larger than any report: refused before it is read.
    #[error("the file is {0} MB, more than the {max} MB a report can be; check that it is the report, or import a text or web version of it", max = MAX_BYTES >> 20)]
    TooLarge(u64),
    /// A Word file in the old binary format (or a password-protected one), not .docx.
    #[error("it is an old binary Word (.doc) file or a password-protected document, not a .docx: open it in Word or LibreOffice, remove any password and save it as .docx (Word Document), then import that")]
    OldWord,
    /// A file of another kind behind the extension (a .docx or a PDF renamed .txt).
    #[error("it is {0}, not the {1} its name says: rename it (or save it again) and import it again")]
    Misnamed(&'static str, String),
    /// Binary data where text was expected.
    #[error("it holds binary data, not text: check that it is the report saved as text (UTF-8 or GB18030)")]
    Binary,
    /// A PDF that needs a password to open.
    #[error("the PDF is password-protected: open it with its password and save (or print) it as a PDF without one, then import that")]
    Encrypted,
    /// A PDF whose permissions forbid copying its text (pdftotext's exit status 3).
    #[error("the PDF's permissions forbid copying its text, so pdftotext will not read it (exit status 3): save a copy without the restriction (qpdf --decrypt IN.pdf OUT.pdf does it when the PDF opens without a password; printing it to a new PDF also works), or import the report's web or Word version")]
    CopyForbidden,
    /// An outside tool failed.
    #[error("{0}")]
    Tool(String),
}

/// Whether a document's note only says how it was read ("read with pdftotext"), rather than
/// warning that its text may not be quite the document's.
pub fn is_information(note: &str) -> bool {
    note == pdf::NOTE
}

/// The largest file read: a report, even a PDF with pictures, is far smaller; anything larger
/// is refused before it is read, so that a wrong file cannot fill memory.
pub const MAX_BYTES: u64 = 50 << 20;

/// Reads one published report, choosing the reader by the file's extension (case ignored):
/// `.txt` `.md` `.markdown` as text, `.html` `.htm` as a saved web page, `.docx`, `.pdf`.
/// An empty file, one above [`MAX_BYTES`], or one whose content is of another kind than its
/// extension says (a renamed .doc, a PDF named .txt) is refused with what to do about it. The
/// year reported on is found once the document is read (see `meta`).
pub fn read_document(path: &Path) -> Result<Document, ReadError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "doc" || ext == "wps" {
        return Err(ReadError::OldWord);
    }
    let kind = match ext.as_str() {
        "txt" | "text" | "md" | "markdown" | "html" | "htm" | "xhtml" | "shtml" | "docx" | "pdf" => ext.as_str(),
        _ => return Err(ReadError::Unsupported(ext)),
    };
    let size = std::fs::metadata(path)?.len();
    if size > MAX_BYTES {
        return Err(ReadError::TooLarge(size.div_ceil(1 << 20)));
    }
    if size == 0 {
        return Err(ReadError::Empty);
    }
    let mut doc = if kind == "pdf" {
        pdf::read(path)?
    } else {
        let bytes = std::fs::read(path)?;
        sniff(&bytes, kind)?;
        match kind {
            "txt" | "text" => text::read(&bytes, false)?,
            "md" | "markdown" => text::read(&bytes, true)?,
            "docx" => docx::read(&bytes)?,
            _ => html::read(&bytes)?,
        }
    };
    doc.title = doc.title.map(|t| crate::import::body::full_width(&t));
    doc.source = doc.source.map(|t| crate::import::body::full_width(&t));
    drop_repeated_title(&mut doc);
    doc.year = meta::reported_year(&doc);
    Ok(doc)
}

/// Drops the text's first block when it only repeats the title (a Word file's title paragraph,
/// a PDF's first line), so that the title is not also the body's first line.
fn drop_repeated_title(doc: &mut Document) {
    let squeeze =
        |s: &str| -> String { crate::import::body::full_width(s).chars().filter(|c| !c.is_whitespace()).collect() };
    let Some(title) = doc.title.as_deref().map(squeeze) else { return };
    let first = doc.blocks.iter().position(|b| !matches!(b, Block::Table(_)));
    if let Some(i) = first.filter(|&i| i == 0) {
        if let Block::Heading(_, t) | Block::Paragraph(t) = &doc.blocks[i] {
            if squeeze(t) == title && doc.blocks.len() > 1 {
                doc.blocks.remove(i);
            }
        }
    }
}

/// Refuses a file whose first bytes say it is something else than its extension: an old
/// binary Word file (OLE2, which password-protected .docx files are too), a zip (a .docx) or
/// a PDF named as text, or a text file named .docx.
fn sniff(bytes: &[u8], ext: &str) -> Result<(), ReadError> {
    const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE2) {
        return Err(ReadError::OldWord);
    }
    let named = format!(".{ext} file");
    if ext != "docx" && bytes.starts_with(b"PK\x03\x04") {
        return Err(ReadError::Misnamed("a zip file (a .docx, .xlsx or other packaged document)", named));
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(ReadError::Misnamed("a PDF file", named));
    }
    if ext == "docx" && !bytes.starts_with(b"PK") {
        return Err(ReadError::Corrupt("not a .docx (zip) file: it does not start as one".into()));
    }
    Ok(())
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
