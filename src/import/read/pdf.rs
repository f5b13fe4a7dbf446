//! PDF files, read with `pdftotext` (poppler-utils) in its layout mode, which keeps the
//! indentation and blank lines that tell where a paragraph starts; the lines of one paragraph
//! are then joined (without a space between Chinese characters, which wrap without one).
//!
//! No PDF crate is used: the ones that read text panic or give garbage on the GBK-encoded fonts
//! government PDFs use, and poppler reads them well.

use std::io::{ErrorKind, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use super::ReadError;
use crate::import::{Block, Document};

/// The note a document read by pdftotext carries.
const NOTE: &str = "read with pdftotext";

/// Reads a PDF file's text, in reading order, into paragraphs.
pub(super) fn read(path: &Path) -> Result<Document, ReadError> {
    check_header(path)?;
    let text = pdftotext(path)?;
    let blocks: Vec<Block> = paragraphs(&text).into_iter().map(Block::Paragraph).collect();
    if blocks.is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    let title = match blocks.first() {
        Some(Block::Paragraph(first)) if looks_like_title(first) => Some(first.clone()),
        _ => None,
    };
    Ok(Document { title, blocks, notes: vec![NOTE.to_string()], ..Document::default() })
}

/// Fails with a clear error when the file is not a PDF at all (no `%PDF-` near its start).
fn check_header(path: &Path) -> Result<(), ReadError> {
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head)).map_err(ReadError::Io)?;
    if head.is_empty() {
        return Err(ReadError::Empty);
    }
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::Corrupt("not a PDF file (it does not start with %PDF-)".into()));
    }
    Ok(())
}

/// The text pdftotext gives in layout mode, as UTF-8.
fn pdftotext(path: &Path) -> Result<String, ReadError> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-q"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(ReadError::Tool(
                "reading a PDF needs the pdftotext program: install poppler-utils \
                 (apt install poppler-utils, brew install poppler, dnf install poppler-utils)"
                    .into(),
            ))
        }
        Err(e) => return Err(ReadError::Tool(format!("cannot run pdftotext: {e}"))),
    };
    match output.status.code() {
        Some(0) => Ok(String::from_utf8_lossy(&output.stdout).into_owned()),
        Some(1) => Err(ReadError::Corrupt("pdftotext cannot open it: the PDF is damaged or incomplete".into())),
        Some(3) => Err(ReadError::Unsupported("a PDF whose permissions forbid copying its text".into())),
        _ => Err(ReadError::Tool(format!(
            "pdftotext failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))),
    }
}

/// A first paragraph short enough, and not ending a sentence, is the document's title.
fn looks_like_title(text: &str) -> bool {
    text.chars().count() <= 60 && !text.ends_with(['。', '；', '.', ';'])
}

/// The paragraphs of pdftotext's layout text: a paragraph ends at a blank line, before a line
/// indented past the left margin, or after a short line ending a sentence; page numbers at the
/// top or bottom of a page are dropped, and a paragraph runs on across a page break.
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\x0c').flat_map(page_lines).collect();
    let margin = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent(l)).min().unwrap_or(0);
    let full = lines.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous: Option<&str> = None;
    for line in &lines {
        let body = line.trim();
        let starts = previous.is_none_or(|p| ends_paragraph(p, full)) || body.is_empty() || indent(line) >= margin + 2;
        if starts && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        join_line(&mut current, &tidy(body));
        previous = (!body.is_empty()).then_some(*line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A page's lines without the blank lines and page numbers at its top and bottom, so that a
/// paragraph runs on to the next page.
fn page_lines(page: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = page.lines().map(str::trim_end).collect();
    let skip = |l: &str| l.is_empty() || is_page_number(l);
    while lines.last().is_some_and(|l| skip(l)) {
        lines.pop();
    }
    let top = lines.iter().take_while(|l| skip(l)).count();
    lines.split_off(top)
}

/// Whether a line ends its paragraph: it ends a sentence and stops well short of the right
/// margin.
fn ends_paragraph(line: &str, full: usize) -> bool {
    let body = line.trim_end();
    body.ends_with(['。', '！', '？', '：', '；']) && width(body) * 5 < full * 4
}

/// Whether a line is only a page number ("3", "- 3 -", "— 3 —", "第3页", "3/12").
fn is_page_number(line: &str) -> bool {
    let rest: String =
        line.chars().filter(|c| !matches!(c, '-' | '—' | '–' | ' ' | '　' | '第' | '页' | '共' | '/')).collect();
    !rest.is_empty() && rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_digit())
}

/// How many columns a line is indented (a full-width space counts two).
fn indent(line: &str) -> usize {
    width(&line[..line.len() - line.trim_start().len()])
}

/// A line's width in columns: a CJK or full-width character counts two.
fn width(line: &str) -> usize {
    line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// A line's text with runs of spaces made one, and the spaces layout mode puts between two
/// Chinese characters (justified lines) dropped.
fn tidy(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        while chars.peek().is_some_and(|n| n.is_whitespace()) {
            chars.next();
        }
        let before = out.chars().next_back();
        let after = chars.peek().copied();
        if !(before.is_some_and(is_wide) && after.is_some_and(is_wide)) {
            out.push(' ');
        }
    }
    out
}

/// Whether a character is CJK (ideographs, their punctuation, full-width forms, kana, hangul).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303F | 0x3040..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Appends a wrapped line to a paragraph: with a space between Latin words, without one where
/// the break falls next to a Chinese character or inside a number written in Chinese text
/// ("共计12" + "345件" is "共计12345件").
pub(super) fn join_line(paragraph: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    if paragraph.is_empty() {
        paragraph.push_str(line);
        return;
    }
    let tail_latin = latin_run(paragraph.chars().rev());
    let head_latin = latin_run(line.chars());
    if tail_latin && head_latin {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Whether the characters at a line break, read away from it, are Latin text: not CJK at the
/// break, and running into a space or the end of the text before any CJK character.
fn latin_run(mut chars: impl Iterator<Item = char>) -> bool {
    match chars.next() {
        None => return false,
        Some(c) if is_wide(c) => return false,
        Some(_) => {}
    }
    for c in chars {
        if c == ' ' {
            return true;
        }
        if is_wide(c) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/pdf").join(name)
    }

    /// Whether pdftotext runs here; tests that need it say so and pass when it is missing.
    fn have_pdftotext(test: &str) -> bool {
        let ok = Command::new("pdftotext").arg("-v").output().is_ok();
        if !ok {
            eprintln!("{test}: skipped, pdftotext (poppler-utils) is not installed");
        }
        ok
    }

    #[test]
    fn a_chinese_report_reads_as_its_paragraphs() {
        if !have_pdftotext("a_chinese_report_reads_as_its_paragraphs") {
            return;
        }
        let doc = read(&fixture("report.pdf")).unwrap();
        let para = |t: &str| Block::Paragraph(t.to_string());
        assert_eq!(
            doc.blocks,
            vec![
                para("北京市某区2022年法治政府建设年度报告"),
                para("一、主要工作"),
                para("2022年，全区主动公开政府信息24509条，同比增长17.1%。共受理行政复议申请612件，办结574件。"),
                para("（一）推进依法行政。组织领导干部学法12次，参训人员1500余人次。"),
            ]
        );
        assert_eq!(doc.title.as_deref(), Some("北京市某区2022年法治政府建设年度报告"));
        assert_eq!(doc.notes, vec![NOTE.to_string()]);
    }

    #[test]
    fn a_pdf_with_only_an_image_needs_ocr() {
        if !have_pdftotext("a_pdf_with_only_an_image_needs_ocr") {
            return;
        }
        let err = read(&fixture("scanned.pdf")).unwrap_err();
        assert!(matches!(err, ReadError::NoTextLayer), "{err:?}");
        assert!(err.to_string().contains("OCR"));
    }

    #[test]
    fn a_damaged_pdf_is_corrupt() {
        if !have_pdftotext("a_damaged_pdf_is_corrupt") {
            return;
        }
        let err = read(&fixture("corrupt.pdf")).unwrap_err();
        assert!(matches!(err, ReadError::Corrupt(_)), "{err:?}");
    }

    #[test]
    fn a_file_that_is_no_pdf_is_corrupt_without_running_anything() {
        let mut text = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut text, "北京市某区年度报告".as_bytes()).unwrap();
        let err = read(text.path()).unwrap_err();
        assert!(matches!(&err, ReadError::Corrupt(m) if m.contains("%PDF-")), "{err:?}");
        let err = read(&fixture("missing.pdf")).unwrap_err();
        assert!(matches!(err, ReadError::Io(_)), "{err:?}");
    }

    #[test]
    fn wrapped_lines_join_without_a_space_in_chinese_and_with_one_in_latin() {
        let mut p = String::new();
        for line in ["共计12", "345件，见 Annual report of", "the year 和", "2023年"] {
            join_line(&mut p, line);
        }
        assert_eq!(p, "共计12345件，见 Annual report of the year 和2023年");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_indents_and_short_sentence_ends() {
        let text = "  第一段第一行文字文字文字文字\n第一段第二行。\n\n第二段文字文字文字文字文字\n\
                    结束。\n第三段文字文字文字文字文字\n\n   - 2 -\n\x0c\n3\n第三段 接着 写。\n\x0c";
        assert_eq!(
            paragraphs(text),
            vec![
                "第一段第一行文字文字文字文字第一段第二行。",
                "第二段文字文字文字文字文字结束。",
                "第三段文字文字文字文字文字第三段接着写。",
            ]
        );
    }

    #[test]
    fn page_numbers_are_recognised() {
        for line in ["3", "  - 3 -", "— 12 —", "第3页", "3/12"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["", "2022年", "2022", "一、"] {
            assert!(!is_page_number(line), "{line}");
        }
    }
}
