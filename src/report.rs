//! Reporting diagnostics to people and to tools, at the edge of the program.
//!
//! For people: `error: content/yanqing/2021.md:9:3: message`, then the source line with a caret
//! under the place, then the hint (rendered with annotate-snippets). For editors and CI: one
//! JSON object per line.

use crate::error::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::path::Path;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text with the source line and a caret.
    Human {
        /// Use terminal colours.
        color: bool,
    },
    /// One JSON object per line.
    Json,
}

/// The diagnostic as text with its source line. `root` is where relative file names are found.
pub fn human(d: &Diagnostic, root: &Path, color: bool) -> String {
    let source = (d.line > 0).then(|| source_of(root, &d.file)).flatten();
    human_with_source(d, source.as_deref(), color)
}

/// The bytes of the file a diagnostic is about, to show its line; never read through a
/// symbolic link, so an error about a link to `/etc/shadow` does not print the file, and only
/// from a regular file: opening a named pipe would wait for a writer for ever. A binary file
/// (an .xlsx workbook, whose rows are not lines) has no line to show.
fn source_of(root: &Path, file: &Path) -> Option<Vec<u8>> {
    crate::load::tree::refuse_links_on_the_way(root, file).ok()?;
    let path = root.join(file);
    std::fs::symlink_metadata(&path).ok().filter(|m| m.is_file())?;
    std::fs::read(path).ok().filter(|bytes| !bytes.contains(&0))
}

/// The diagnostic as text, with the file's bytes (when known) to show its line.
fn human_with_source(d: &Diagnostic, source: Option<&[u8]>, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let place = place(d);
    let title = format!("{place}{}", d.message);
    let source = source.map(String::from_utf8_lossy);
    let line_text =
        source.as_deref().filter(|_| d.line > 0).and_then(|s| s.trim_start_matches('\u{feff}').lines().nth(d.line - 1));
    let mut group = Group::with_title(level.primary_title(title.as_str()));
    if let Some(text) = line_text {
        let text = text.trim_end_matches('\r');
        let span = span_at(text, d.col);
        let path = d.file.display().to_string();
        group = group.element(
            Snippet::source(text.to_string())
                .line_start(d.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span)),
        );
    }
    let mut report: Vec<Group> = vec![group];
    if let Some(hint) = &d.hint {
        report.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&report)
}

/// `file:line:col: ` as far as known.
fn place(d: &Diagnostic) -> String {
    let mut s = format!("{}", d.file.display());
    if d.line > 0 {
        s.push_str(&format!(":{}", d.line));
        if d.col > 0 {
            s.push_str(&format!(":{}", d.col));
        }
    }
    s.push_str(": ");
    s
}

/// The byte range of the token starting at 1-based character column `col` of `line`.
fn span_at(line: &str, col: usize) -> std::ops::Range<usize> {
    let start = line.char_indices().nth(col.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ':' | ',' | '}' | ']'))
        .map_or(rest.len(), |(i, _)| i);
    let len = if len == 0 { rest.chars().next().map_or(0, char::len_utf8) } else { len };
    start..start + len
}

/// A diagnostic as a line of `--format json` output, its fields in this order.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'a str,
    file: String,
    line: usize,
    col: usize,
    message: &'a str,
    hint: Option<&'a str>,
}

/// The closing line of `--format json` output when a build fails.
#[derive(Serialize)]
struct JsonSummary {
    severity: &'static str,
    errors: usize,
    warnings: usize,
}

/// An error about no place in the site, as a line of `--format json` output.
#[derive(Serialize)]
struct JsonError<'a> {
    severity: &'static str,
    message: &'a str,
}

/// The diagnostic as one line of JSON: `severity`, `file`, `line`, `col`, `message`, `hint`.
pub fn json(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let line = JsonDiagnostic {
        severity,
        file: d.file.to_string_lossy().replace('\\', "/"),
        line: d.line,
        col: d.col,
        message: &d.message,
        hint: d.hint.as_deref(),
    };
    serde_json::to_string(&line).expect("a diagnostic serialises")
}

/// The closing line of `--format json` output when a build fails: how many errors and warnings.
pub fn json_summary(errors: usize, warnings: usize) -> String {
    serde_json::to_string(&JsonSummary { severity: "summary", errors, warnings }).expect("a summary serialises")
}

/// An error that is not about a place in the site (a folder that cannot be read …), as JSON.
pub fn json_error(message: &str) -> String {
    serde_json::to_string(&JsonError { severity: "error", message }).expect("an error serialises")
}

/// How many diagnostics are printed for people; the rest are counted (JSON lists them all).
pub const HUMAN_LIMIT: usize = 200;

/// Prints diagnostics in the chosen format to standard error, sorted by file and place. Each
/// file is read once, however many diagnostics point into it.
pub fn print(diagnostics: &[Diagnostic], root: &Path, format: Format) {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.line, a.col, a.severity).cmp(&(&b.file, b.line, b.col, b.severity)));
    let mut cache: Option<(&Path, Option<Vec<u8>>)> = None;
    for (n, d) in sorted.iter().enumerate() {
        match format {
            Format::Human { color } => {
                if n == HUMAN_LIMIT {
                    eprintln!("… and {} more (use --format json to see them all)\n", sorted.len() - n);
                    break;
                }
                if cache.as_ref().is_none_or(|(f, _)| *f != d.file.as_path()) {
                    cache = Some((d.file.as_path(), source_of(root, &d.file)));
                }
                let source = cache.as_ref().and_then(|(_, s)| s.as_deref());
                eprintln!("{}\n", human_with_source(d, source, color));
            }
            Format::Json => eprintln!("{}", json(d)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_source_line_is_never_read_from_a_named_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let made = std::process::Command::new("mkfifo").arg(dir.path().join("site.yaml")).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system: nothing to hold the code to
        }
        // Reading it would wait for a writer for ever; the test would hang.
        assert_eq!(source_of(dir.path(), Path::new("site.yaml")), None);
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        assert_eq!(source_of(dir.path(), Path::new("a.md")), Some(b"x".to_vec()));
        std::fs::write(dir.path().join("a.xlsx"), b"PK\x03\x04\x14\x00\x00").unwrap();
        assert_eq!(source_of(dir.path(), Path::new("a.xlsx")), None);
    }

    #[test]
    fn human_output_names_the_place_shows_the_line_and_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/yanqing")).unwrap();
        std::fs::write(
            dir.path().join("content/yanqing/2021.md"),
            "---\ntitle: x\nyear: 2021\nindicators:\n  admin_reveiw_closed: 85\n---\n",
        )
        .unwrap();
        let d = Diagnostic::error("content/yanqing/2021.md", 5, 3, "unknown indicator 'admin_reveiw_closed'")
            .with_hint("use 'admin_review_closed'");
        let out = human(&d, dir.path(), false);
        assert!(out.starts_with("error: content/yanqing/2021.md:5:3: unknown indicator"), "{out}");
        assert!(out.contains("5 |   admin_reveiw_closed: 85"), "{out}");
        assert!(out.contains("^^^^^^^^^^^^^^^^^^^"), "{out}");
        assert!(out.contains("help: use 'admin_review_closed'"), "{out}");
    }

    #[test]
    fn json_lines_carry_every_field() {
        let d = Diagnostic::warning("a.md", 2, 4, "m").with_hint("h");
        let v: serde_json::Value = serde_json::from_str(&json(&d)).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["line"], 2);
        assert_eq!(v["col"], 4);
        assert_eq!(v["hint"], "h");
    }

    #[test]
    fn spans_cover_the_token_in_characters() {
        assert_eq!(span_at("  纠错率: 21.08", 3), 2..11);
        assert_eq!(span_at("abc", 10), 3..3);
    }
}
