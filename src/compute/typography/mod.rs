//! The Chinese-typography check: half-width `, ; : ( ) ! ?` written next to Chinese characters,
//! where Chinese text is set with `，；：（）！？`.
//!
//! The rule reads text as a reader sees it: Markdown syntax, code, URLs and YAML's own syntax
//! (keys, the `: ` after a key, flow-map commas) are never text, and punctuation between digits
//! (1,500; 10:00; 1:1) or in Latin text ("Annual Report (2024)") is left alone. A mark is
//! flagged when it follows a Chinese character (ignoring spaces), or touches one directly
//! after it; an opening bracket the other way round. A bracket pair is flagged whole when one
//! of its two is.
//!
//! Most files have nothing to flag, and a check of 10,000 reports must not get slower: a file
//! is first scanned byte by byte for a candidate (an ASCII mark touching a non-ASCII
//! character); only a file with one is parsed, its front matter with positions
//! ([`yaml`]) and its body with pulldown-cmark ([`markdown`]).

mod markdown;
mod yaml;

use crate::error::Diagnostic;
use std::path::Path;

/// The half-width marks the check looks for.
const MARKS: [u8; 7] = [b',', b';', b':', b'(', b')', b'!', b'?'];

/// A character of a text with its byte offset in the source; [`BREAK`] where the text stops
/// (the end of a paragraph, a line break) and code stood in the Markdown.
type Piece = (char, usize);

/// The offset of a piece that stands for no source text (a block's end, inline code).
const BREAK: usize = usize::MAX;

/// Whether `c` reads as Chinese text: ideographs, CJK punctuation (、。《》【】) and the
/// full-width forms (，（）：).
pub fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF60 | 0x20000..=0x3134F)
}

/// The full-width mark to write instead of the half-width `c`.
pub fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        other => other,
    }
}

/// Whether `bytes` may hold something to flag: an ASCII mark next to a byte of a non-ASCII
/// character. Every finding of [`flagged`] passes this test (Chinese characters are never
/// ASCII), so a file without a candidate needs no parsing.
///
/// Every report is tested, so the marks are found with memchr's vectorised searches (three
/// passes for the seven marks) rather than byte by byte.
pub fn has_candidate(bytes: &[u8]) -> bool {
    let [comma, semicolon, colon, open, close, bang, question] = MARKS;
    let next_to_wide = |i: usize| (i > 0 && bytes[i - 1] >= 0x80) || bytes.get(i + 1).is_some_and(|n| *n >= 0x80);
    memchr::memchr3_iter(comma, semicolon, colon, bytes).any(next_to_wide)
        || memchr::memchr3_iter(open, close, bang, bytes).any(next_to_wide)
        || memchr::memchr_iter(question, bytes).any(next_to_wide)
}

/// The indexes into `text` of the marks to flag, in order.
fn flagged(text: &[Piece]) -> Vec<usize> {
    let in_url = urls(text);
    let mut hit = vec![false; text.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, &(c, at)) in text.iter().enumerate() {
        if at == BREAK && c == '\n' {
            // Brackets pair within one block of text.
            open.clear();
        }
        if !c.is_ascii() || !MARKS.contains(&(c as u8)) || in_url[i] {
            continue;
        }
        let before = text[..i].iter().rev().find(|(c, _)| *c != ' ' && *c != '\t').map(|p| p.0);
        let just_before = i.checked_sub(1).map(|j| text[j].0);
        let after = text[i + 1..].iter().find(|(c, _)| *c != ' ' && *c != '\t').map(|p| p.0);
        let just_after = text.get(i + 1).map(|p| p.0);
        let chinese = |c: Option<char>| c.is_some_and(is_chinese);
        hit[i] = if c == '(' { chinese(after) || chinese(just_before) } else { chinese(before) || chinese(just_after) };
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    pairs.push((o, i));
                }
            }
            _ => {}
        }
    }
    for (o, c) in pairs {
        let either = hit[o] || hit[c];
        hit[o] = either;
        hit[c] = either;
    }
    hit.iter().enumerate().filter(|(_, h)| **h).map(|(i, _)| i).collect()
}

/// Which pieces belong to a web address (`http://`, `https://`, `www.` up to a space or a
/// non-ASCII character, less the marks that end a sentence after it).
fn urls(text: &[Piece]) -> Vec<bool> {
    let mut out = vec![false; text.len()];
    let starts = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| text.get(i + k).is_some_and(|p| p.0 == c));
    let mut i = 0;
    while i < text.len() {
        if starts(i, "http://") || starts(i, "https://") || starts(i, "www.") {
            let mut end = i;
            while end < text.len() && text[end].1 != BREAK && text[end].0.is_ascii_graphic() && text[end].0 != '<' {
                end += 1;
            }
            let mut last = end;
            while last > i && matches!(text[last - 1].0, '.' | ',' | ';' | ':' | '!' | '?' | ')') {
                last -= 1;
            }
            out[i..last].iter_mut().for_each(|u| *u = true);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// A warning at `line`:`col` of `file` about the mark `c`, quoting the text around it.
fn warning(file: &Path, line: usize, col: usize, c: char, context: &str) -> Diagnostic {
    let fix = full_width(c);
    Diagnostic::warning(file, line, col, format!("half-width '{c}' next to Chinese text: \"{context}\""))
        .with_hint(format!("use '{fix}' (full-width) in Chinese text"))
}

/// Up to four characters either side of `text[i]`, on one line, for the message.
fn context(text: &[Piece], i: usize) -> String {
    let lo = i.saturating_sub(4);
    let hi = (i + 5).min(text.len());
    let s: String = text[lo..hi].iter().map(|p| if p.1 == BREAK { ' ' } else { p.0 }).collect();
    s.trim().to_string()
}

/// Line and column (1-based, in characters) of byte `at` of `text`, whose first line is line
/// `first_line` of its file.
#[cfg(test)]
fn line_col(text: &str, at: usize, first_line: usize) -> (usize, usize) {
    Cursor::new(text, first_line).seek(at)
}

/// Finds lines and columns of ascending byte offsets in one pass over the text: a file with a
/// million findings must not be read a million times.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`, whose first line is line `first_line` of its file.
    fn new(text: &'a str, first_line: usize) -> Self {
        Cursor { text, at: 0, line: first_line, line_start: 0 }
    }

    /// Line and column of byte `at` (at or after the last one asked for).
    fn seek(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len()).max(self.at);
        for (i, b) in self.text.as_bytes()[self.at..at].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.at + i + 1;
            }
        }
        self.at = at;
        let col = self.text.get(self.line_start..at).map_or(1, |s| s.chars().count() + 1);
        (self.line, col)
    }
}

/// The typography warnings of a content file: a Markdown file with front matter (report,
/// organisation, page) when `markdown` is set, else a YAML file (the catalogue, site.yaml).
/// `text` is the file's text, `file` its name relative to the site root.
pub fn file_warnings(file: &Path, text: &str, markdown: bool) -> Vec<Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !has_candidate(text.as_bytes()) {
        return Vec::new();
    }
    let (yaml, yaml_line, body) = if markdown {
        match crate::load::frontmatter::split(file, text) {
            Ok(s) => (s.yaml, s.yaml_line, Some((s.body, s.body_line))),
            Err(_) => return Vec::new(),
        }
    } else {
        (text, 1, None)
    };
    // The front matter comes first in the file, so its findings do.
    let (mut out, mut total) = yaml::warnings(file, yaml, yaml_line);
    if let Some((body, body_line)) = body {
        let (more, n) = markdown::warnings(file, body, body_line);
        out.extend(more);
        total += n;
    }
    if total > PER_FILE {
        let rest = total - PER_FILE;
        let (line, col) = (out[PER_FILE].line, out[PER_FILE].col);
        out.truncate(PER_FILE);
        out.push(
            Diagnostic::warning(file, line, col, format!("{rest} more half-width marks next to Chinese text from here on"))
                .with_hint("text pasted from a web page often has them all through: replace each with its full-width form (，；：（）！？)"),
        );
    }
    out
}

/// How many typography warnings one file gets before the rest are counted in one: a report
/// pasted from a scraped page has hundreds, and the first few say what to fix. The parts of a
/// file give at most one more, in file order, and their total.
const PER_FILE: usize = 10;

/// The findings in one plain text (a title, a label): each flagged mark's byte offset in
/// `text` and the full-width mark to write instead.
pub fn in_text(text: &str) -> Vec<(usize, char)> {
    if !has_candidate(text.as_bytes()) {
        return Vec::new();
    }
    let pieces: Vec<Piece> = text.char_indices().map(|(i, c)| (c, i)).collect();
    flagged(&pieces).into_iter().map(|i| (pieces[i].1, full_width(pieces[i].0))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> String {
        in_text(text).into_iter().map(|(at, _)| text[at..].chars().next().unwrap()).collect()
    }

    #[test]
    fn marks_next_to_chinese_are_flagged() {
        assert_eq!(marks("例如:北京,天津;是吗?好!"), ":,;?!");
        assert_eq!(marks("(单位:%)"), "(:)");
        assert_eq!(marks("数据下载: CSV"), ":");
        assert_eq!(marks("共85,其中"), ",");
        assert_eq!(marks("注:原文(第3页)"), ":()");
        assert_eq!(marks("“双随机”,抽查"), ",");
        assert_eq!(marks("抽查。,好"), ",");
    }

    #[test]
    fn numbers_latin_and_urls_are_left_alone() {
        assert_eq!(marks("1,500 10:00 1:1 比例1:1"), "");
        assert_eq!(marks("Annual Report (2024) 年度报告"), "");
        assert_eq!(marks("见https://example.org/a,b?x=1:2 页"), "");
        assert_eq!(marks("见https://example.org/报告,另见"), ",");
        assert_eq!(marks("a, b; c: d (e)!"), "");
    }

    #[test]
    fn a_bracket_pair_is_flagged_whole() {
        assert_eq!(marks("完成率(%)"), "()");
        assert_eq!(marks("延庆区 (Yanqing)"), "");
        assert_eq!(marks("f(x) 和 g(y)"), "");
    }

    #[test]
    fn the_byte_test_never_misses_a_finding() {
        for s in ["例如:北京", "(单位)", "a,好", "好,a", "1)依法"] {
            assert!(has_candidate(s.as_bytes()), "{s}");
            assert!(!in_text(s).is_empty(), "{s}");
        }
        assert!(!has_candidate(b"a, b (c): 1,500"));
    }

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_col("ab\n例如:x", 9, 5), (6, 3));
        assert_eq!(line_col("例如:x", 6, 1), (1, 3));
    }
}
