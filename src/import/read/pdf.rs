//! PDF files, read with `pdftotext` (poppler-utils) in its layout mode where it is installed,
//! which keeps the indentation, blank lines and columns that tell where a paragraph starts and
//! where a table is; the lines of one paragraph are then joined (without a space between
//! Chinese characters, which wrap without one), and lines cut into columns become tables.
//!
//! Where pdftotext is not installed (or fails to run, or runs too long), the built-in reader
//! (`pdf_builtin`, contained against panics) reads the text instead, and the document's notes
//! say which was used. pdftotext comes first because its layout gives paragraphs and tables
//! that the built-in reader's plain text does not.

use std::io::{ErrorKind, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{pdf_builtin, ReadError};
use crate::import::{Block, Document};

/// The note a document read by pdftotext carries.
pub(super) const NOTE: &str = "read with pdftotext";

/// Reads a PDF file's text, in reading order, into paragraphs and tables.
pub(super) fn read(path: &Path) -> Result<Document, ReadError> {
    check_header(path)?;
    let (text, note) = match pdftotext(path) {
        Ok(text) => (text, NOTE.to_string()),
        Err(ReadError::Tool(why)) => {
            let text = pdf_builtin::text(&std::fs::read(path)?)?;
            let why = why.split(';').next().unwrap_or_default();
            (text, format!("read with the built-in PDF reader, as {why}"))
        }
        Err(e) => return Err(e),
    };
    let blocks = blocks(&text);
    if blocks.is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    let title = match blocks.first() {
        Some(Block::Paragraph(first)) if looks_like_title(first) => Some(first.clone()),
        _ => None,
    };
    Ok(Document { title, blocks, notes: vec![note], ..Document::default() })
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

/// How long pdftotext may take on one file: a report reads in well under a second, so a run
/// this long is a PDF that makes it loop, and it is stopped.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The text pdftotext gives in layout mode, as UTF-8; stopped after [`TIMEOUT`].
fn pdftotext(path: &Path) -> Result<String, ReadError> {
    let child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-q"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(ReadError::Tool(
                "pdftotext is not installed; install poppler-utils (apt install poppler-utils, \
                 brew install poppler, dnf install poppler-utils) to read PDFs with their tables"
                    .into(),
            ))
        }
        Err(e) => return Err(ReadError::Tool(format!("pdftotext could not be run ({e})"))),
    };
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ReadError::Tool(format!(
                    "pdftotext did not finish within {} seconds; the PDF may be damaged: \
                     save it again from a PDF reader, or import a text or web version",
                    TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(ReadError::Tool(format!("pdftotext could not be waited for ({e})"))),
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    match status.code() {
        Some(0) => Ok(String::from_utf8_lossy(&stdout).into_owned()),
        Some(1) if is_encrypted(path) => Err(ReadError::Encrypted),
        Some(1) => Err(ReadError::Corrupt("pdftotext cannot open it: the PDF is damaged or incomplete".into())),
        Some(3) => Err(ReadError::CopyForbidden),
        _ => Err(ReadError::Tool(format!("pdftotext failed ({status}): {}", String::from_utf8_lossy(&stderr).trim()))),
    }
}

/// Whether a PDF is encrypted: its trailer names an `/Encrypt` dictionary. The file is already
/// known to be below the size limit.
fn is_encrypted(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.windows(8).any(|w| w == b"/Encrypt"))
}

/// A first paragraph short enough, and not ending a sentence, is the document's title.
fn looks_like_title(text: &str) -> bool {
    text.chars().count() <= 60 && !text.ends_with(['。', '；', '.', ';'])
}

/// The blocks of pdftotext's layout text: tables where they are found (see [`table_rows`]),
/// paragraphs elsewhere (see [`paragraphs`]).
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.split('\x0c').flat_map(page_lines).collect();
    let (margin, full) = measure(&lines);
    let mut out = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < lines.len() {
        let rows = table_rows(&lines[i..]);
        if rows.len() < 2 {
            i += 1;
            continue;
        }
        out.extend(paragraph_lines(&lines[from..i], margin, full).into_iter().map(Block::Paragraph));
        i += rows.len();
        from = i;
        out.push(Block::Table(rows));
    }
    out.extend(paragraph_lines(&lines[from..], margin, full).into_iter().map(Block::Paragraph));
    out
}

/// The rows of a table starting at the first line: lines cut into two or more cells by gaps
/// of three spaces or more, each with as many cells as the first, one after another. A table
/// is read row by row, left to right; a cell wrapped over two lines is two rows.
fn table_rows(lines: &[&str]) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let cells = cells(line);
        if cells.len() < 2 || rows.first().is_some_and(|first| first.len() != cells.len()) {
            break;
        }
        rows.push(cells);
    }
    rows
}

/// A line's cells: its text cut at gaps of three spaces or more.
fn cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut spaces = 0;
    for c in line.trim().chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 3 {
            out.push(tidy(&std::mem::take(&mut current)));
        } else if spaces > 0 {
            current.push(' ');
        }
        spaces = 0;
        current.push(c);
    }
    if !current.is_empty() {
        out.push(tidy(&current));
    }
    out
}

/// The left margin (the least indent) and the widest line of text (not of a table), in columns.
fn measure(lines: &[&str]) -> (usize, usize) {
    let margin = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent(l)).min().unwrap_or(0);
    let full = lines.iter().filter(|l| cells(l).len() < 2).map(|l| width(l)).max().unwrap_or(0);
    (margin, full)
}

/// The paragraphs of pdftotext's layout text: a paragraph ends at a blank line, before a line
/// indented past the left margin, or after a short line ending a sentence; page numbers at the
/// top or bottom of a page are dropped, and a paragraph runs on across a page break.
#[cfg(test)]
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\x0c').flat_map(page_lines).collect();
    let (margin, full) = measure(&lines);
    paragraph_lines(&lines, margin, full)
}

/// The paragraphs of a run of lines (see [`paragraphs`]).
fn paragraph_lines(lines: &[&str], margin: usize, full: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous: Option<&str> = None;
    for line in lines {
        let body = line.trim();
        let starts = previous.is_none_or(|p| ends_paragraph(p, full))
            || body.is_empty()
            || indent(line) >= margin + 2
            || starts_numbered(body);
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

/// Whether a line ends its paragraph: it stops well short of the right margin (a wrapped line
/// runs to it), and ends a sentence or is a short line of its own (a title, a heading).
fn ends_paragraph(line: &str, full: usize) -> bool {
    let body = line.trim_end();
    let short = width(body) * 5 < full * 4;
    short && (body.ends_with(['。', '！', '？', '：', '；']) || width(body) * 5 < full * 3)
}

/// Whether a line opens with a report's Chinese numbering such as 一、 or （一） (it starts a
/// paragraph of its own).
fn starts_numbered(line: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let rest = line.trim_start_matches(['（', '(']);
    let after = rest.trim_start_matches(|c| NUMERALS.contains(c));
    after.len() < rest.len() && (after.starts_with('、') || rest.len() < line.len() && after.starts_with(['）', ')']))
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
/// Chinese characters (justified lines) or between one and a number dropped.
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
        // pdftotext puts a space where the font changes, as between a Chinese character and a
        // number ("2022 年", "信息 2450 条"): Chinese text has none there.
        let numeric = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '%');
        let wide = |c: Option<char>| c.is_some_and(is_wide);
        let joined = wide(before) && (wide(after) || numeric(after)) || numeric(before) && wide(after);
        if !joined {
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
#[path = "pdf_tests.rs"]
mod tests;
