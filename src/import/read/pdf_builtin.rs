//! The PDF reader built into annalist (the `pdf-extract` crate, on `lopdf`), used where
//! pdftotext is not installed or fails to run.
//!
//! PDF crates are known to panic on the fonts and encodings government PDFs use, so the crate
//! runs inside `catch_unwind` with a quiet panic hook: a panic becomes an error, never a crash
//! and never a backtrace on the terminal. Its text is then checked: text with replacement
//! characters, private-use glyphs or `(cid:…)` codes where letters should be is garbage (a font
//! without a Unicode map), and is refused rather than imported.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use super::ReadError;

/// One PDF at a time swaps the process's panic hook.
static HOOK: Mutex<()> = Mutex::new(());

/// The text of a PDF's bytes, read by the built-in reader.
pub(super) fn text(bytes: &[u8]) -> Result<String, ReadError> {
    let outcome = {
        let _guard = HOOK.lock().unwrap_or_else(|e| e.into_inner());
        let previous = panic::take_hook();
        panic::set_hook(Box::new(|_| {}));
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| pdf_extract::extract_text_from_mem(bytes)));
        panic::set_hook(previous);
        outcome
    };
    let text = match outcome {
        Err(_) => return Err(unreadable("the built-in PDF reader failed on it")),
        Ok(Err(e)) => {
            let message = e.to_string();
            if message.contains("decrypt") || message.contains("password") {
                return Err(ReadError::Encrypted);
            }
            return Err(ReadError::Corrupt(format!("the built-in PDF reader cannot read it: {message}")));
        }
        Ok(Ok(text)) => text,
    };
    if text.trim().is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    if is_garbage(&text) {
        return Err(unreadable("its fonts give no readable text to the built-in PDF reader"));
    }
    Ok(text)
}

/// The error for a PDF the built-in reader cannot read, with what would read it.
fn unreadable(what: &str) -> ReadError {
    ReadError::Tool(format!(
        "{what}; install pdftotext (poppler-utils: apt install poppler-utils, brew install poppler) \
         and import it again, or import a text, Word or web version of the report"
    ))
}

/// Whether extracted text is garbage: more than one in fifty of its characters replacement
/// characters (U+FFFD) or private-use glyphs, or `(cid:…)` codes (about eight characters each)
/// making up more than a twentieth of it.
pub(super) fn is_garbage(text: &str) -> bool {
    let letters = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{fffd}' || ('\u{e000}'..='\u{f8ff}').contains(&c)).count();
    let cids = text.matches("(cid:").count();
    bad * 50 > letters || cids * 8 * 20 > letters
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/pdf").join(name)).unwrap()
    }

    #[test]
    fn a_cjk_pdf_made_from_gbk_text_reads() {
        let text = text(&fixture("gbk.pdf")).unwrap();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains("某县人民政府2022年法治政府建设年度报告"), "{text}");
        assert!(squeezed.contains("主动公开政府信息2450条"), "{text}");
    }

    #[test]
    fn damaged_encrypted_and_scanned_pdfs_are_errors_not_panics() {
        assert!(matches!(text(&fixture("corrupt.pdf")), Err(ReadError::Corrupt(_))));
        assert!(matches!(text(&fixture("encrypted.pdf")), Err(ReadError::Encrypted)));
        assert!(matches!(text(&fixture("scanned.pdf")), Err(ReadError::NoTextLayer | ReadError::Corrupt(_))));
        // Bytes that start as a PDF and are nothing else.
        let err = text(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n");
        assert!(err.is_err());
    }

    #[test]
    fn text_without_a_unicode_map_is_garbage() {
        assert!(is_garbage("(cid:12)(cid:345)(cid:67) (cid:8)(cid:9)"));
        assert!(is_garbage("\u{fffd}\u{fffd}报告\u{fffd}"));
        assert!(is_garbage("\u{e001}\u{e002}\u{e003}年度"));
        assert!(!is_garbage("2022年，全区主动公开政府信息24509条。"));
    }
}
