//! Splitting a Markdown file into its YAML front matter and its body.
//!
//! Line numbers matter: every later error points into the original file, so the split keeps
//! the line on which the YAML and the body start. A UTF-8 byte order mark and CRLF line endings
//! are accepted as editors on Windows write them.

use crate::error::Diagnostic;
use std::path::Path;

/// A Markdown file cut into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (empty when the file has no front matter).
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` (the whole file, BOM already removed) into front matter and body.
///
/// A file that does not start with `---` has no front matter; one that opens it and never closes
/// it is an error pointing at the opening line.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Ok(Split { yaml: "", yaml_line: 1, body: text, body_line: 1 });
    }
    let mut pos = first_end;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let l = text[pos..end].trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            return Ok(Split { yaml: &text[first_end..pos], yaml_line: 2, body: &text[end..], body_line: line + 1 });
        }
        pos = end;
        line += 1;
    }
    Err(Diagnostic::error(file, 1, 1, "front matter is opened with '---' but never closed")
        .with_hint("add a line containing only '---' after the last front-matter key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split(Path::new("a.md"), "---\ntitle: x\nyear: 2021\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\nyear: 2021\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn accepts_crlf() {
        let s = split(Path::new("a.md"), "---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(s.yaml, "title: x\r\n");
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split(Path::new("a.md"), "# Title\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "# Title\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_one() {
        let e = split(Path::new("a.md"), "---\ntitle: x\n").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        assert!(e.message.contains("never closed"));
    }
}
