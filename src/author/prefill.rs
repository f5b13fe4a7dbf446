//! What an earlier report of the same organisation gave, read from its file as it is written:
//! a new report lists those indicators again, each with last time's figure beside it in the
//! author's own words (31.5万, 1500余, 同比增长17.1%, notes), never retyped from a parsed value.

use crate::error::Diagnostic;
use crate::load::{frontmatter, spans};
use std::fs;
use std::path::{Path, PathBuf};

/// The latest report of `folder` (relative to `root`) about a year before `year`: its year and
/// path. Reports are the files named by a four-digit year.
pub(super) fn latest_earlier(root: &Path, folder: &Path, year: i32) -> Option<(i32, PathBuf)> {
    fs::read_dir(root.join(folder))
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?;
            let y: i32 = (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit())).then(|| stem.parse().ok())??;
            (y < year && e.path().is_file()).then(|| (y, folder.join(name)))
        })
        .max_by_key(|(y, _)| *y)
}

/// The indicators `text` (a report file, `file` for errors) gives, in the order written, each
/// with its figure as written on one line; empty entries (gaps) are left out.
pub(super) fn written_figures(file: &Path, text: &str) -> Result<Vec<(String, String)>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = frontmatter::split(file, text)?;
    // Positions relative to the front matter's own first line.
    let tree = spans::parse(split.yaml, 1).map_err(|e| e.diagnostic(file))?;
    let Some(spans::NodeKind::Map(top)) = tree.as_ref().map(|t| &t.kind) else { return Ok(Vec::new()) };
    let Some(at) = top.iter().position(|(k, _)| k.as_scalar() == Some("indicators")) else { return Ok(Vec::new()) };
    let spans::NodeKind::Map(entries) = &top[at].1.kind else { return Ok(Vec::new()) };
    let lines: Vec<&str> = split.yaml.lines().map(|l| l.trim_end_matches('\r')).collect();
    // Where the indicators end: at the next top-level key, or the end of the front matter.
    let end_of_map = top.get(at + 1).map_or((lines.len() + 1, 1), |(k, _)| (k.pos.line, k.pos.col));
    let map_pos = top[at].1.pos;
    let flow =
        lines.get(map_pos.line.wrapping_sub(1)).and_then(|l| l.chars().nth(map_pos.col.wrapping_sub(1))) == Some('{');
    let mut figures = Vec::new();
    for (i, (key, value)) in entries.iter().enumerate() {
        let Some(id) = key.as_scalar() else { continue };
        if matches!(&value.kind, spans::NodeKind::Scalar { text, quoted: false } if text.is_empty() || text == "~" || text == "null")
        {
            continue;
        }
        let end = entries.get(i + 1).map_or(end_of_map, |(k, _)| (k.pos.line, k.pos.col));
        let raw = region(&lines, start_of(value), end);
        let mut written = one_line(&raw);
        if flow {
            // In `indicators: { a: 1, b: 2 }` a figure runs to the comma, the last to the brace.
            let mut w = written.trim_end().trim_end_matches(',').trim_end();
            if i + 1 == entries.len() {
                w = w.strip_suffix('}').unwrap_or(w).trim_end().trim_end_matches(',').trim_end();
            }
            written = w.to_string();
        }
        if !written.is_empty() {
            figures.push((id.to_string(), written));
        }
    }
    Ok(figures)
}

/// Where `value` begins in the text: a block map's node is placed after its first key, so the
/// first key is taken when it comes earlier.
fn start_of(value: &spans::Node) -> (usize, usize) {
    let own = (value.pos.line, value.pos.col);
    let first = match &value.kind {
        spans::NodeKind::Map(entries) => entries.first().map(|(k, _)| k),
        spans::NodeKind::Seq(items) => items.first(),
        _ => None,
    };
    first.map_or(own, |n| own.min((n.pos.line, n.pos.col)))
}

/// The text of `lines` from `start` up to (not including) `end`, both 1-based (line, column in
/// characters), one string per line, comments and blank lines left out.
fn region(lines: &[&str], start: (usize, usize), end: (usize, usize)) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for line_no in start.0..=end.0.min(lines.len()) {
        let Some(line) = lines.get(line_no - 1) else { break };
        let chars: Vec<char> = line.chars().collect();
        let from = if line_no == start.0 { start.1.saturating_sub(1) } else { 0 };
        let to = if line_no == end.0 { end.1.saturating_sub(1).min(chars.len()) } else { chars.len() };
        if from >= to {
            continue;
        }
        let indent = if line_no == start.0 { from } else { chars.iter().take_while(|c| **c == ' ').count() };
        let piece: String = chars[from..to].iter().collect();
        let piece = without_comment(&piece).trim().to_string();
        if !piece.is_empty() {
            out.push((indent, piece));
        }
    }
    out
}

/// The figure's lines as one: a flow map or scalar as written, lines joined by a space; a block
/// map's entries (one per line at its first line's indent) written as a flow map.
fn one_line(lines: &[(usize, String)]) -> String {
    let Some((indent, first)) = lines.first() else { return String::new() };
    let block_map = lines.len() > 1 && !first.starts_with(['{', '[', '"', '\'', '|', '>']);
    if !block_map {
        return lines.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(" ");
    }
    let mut entries: Vec<String> = Vec::new();
    for (i, l) in lines {
        match entries.last_mut() {
            Some(last) if i > indent => {
                last.push(' ');
                last.push_str(l);
            }
            _ => entries.push(l.clone()),
        }
    }
    format!("{{ {} }}", entries.join(", "))
}

/// `line` without a YAML comment: a `#` at its start or after a blank, outside quotes.
fn without_comment(line: &str) -> &str {
    let (mut single, mut double, mut escaped) = (false, false, false);
    let mut prev = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let opens = prev.is_whitespace() || matches!(prev, '{' | '[' | ',' | ':');
        match c {
            _ if escaped => escaped = false,
            '\\' if double => escaped = true,
            // '' inside single quotes is one quote mark.
            '\'' if single && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            '"' if !single && (double || opens) => double = !double,
            '\'' if !double && (single || opens) => single = !single,
            '#' if !single && !double && prev.is_whitespace() => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(yaml: &str) -> Vec<(String, String)> {
        written_figures(Path::new("r.md"), &format!("---\n{yaml}---\nbody\n")).unwrap()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn figures_are_copied_as_written() {
        let yaml = "year: 2023\nindicators:\n  a: 85          # 见第三节\n  b: { value: 31.5万, change: 同比增长17.1%, note: \"按#号栏\" }  # 注\n  c: 1500余\n  gap:\n  d: '90%以上'\ntags: [x]\n";
        assert_eq!(
            figures(yaml),
            pairs(&[
                ("a", "85"),
                ("b", "{ value: 31.5万, change: 同比增长17.1%, note: \"按#号栏\" }"),
                ("c", "1500余"),
                ("d", "'90%以上'"),
            ])
        );
    }

    #[test]
    fn figures_over_several_lines_become_one() {
        let yaml = "indicators:\n  a:\n    value: 42\n    # 抽查口径\n    break: 2024年起只统计\n      市场监管领域\n  b: { value: 1,\n       note: 两行 }\n";
        assert_eq!(
            figures(yaml),
            pairs(&[("a", "{ value: 42, break: 2024年起只统计 市场监管领域 }"), ("b", "{ value: 1, note: 两行 }")])
        );
    }

    #[test]
    fn figures_of_a_flow_map_end_at_their_comma() {
        let yaml = "indicators: { a: 85, b: {value: 1, note: x}, c: 1500余 }\nyear: 2023\n";
        assert_eq!(figures(yaml), pairs(&[("a", "85"), ("b", "{value: 1, note: x}"), ("c", "1500余")]));
    }

    #[test]
    fn a_report_without_figures_gives_none() {
        assert!(figures("year: 2023\n").is_empty());
        assert!(figures("indicators:\n").is_empty());
        assert!(written_figures(Path::new("r.md"), "no front matter").unwrap().is_empty());
    }

    #[test]
    fn comments_are_cut_outside_quotes_only() {
        assert_eq!(without_comment("85 # x"), "85 ");
        assert_eq!(without_comment("\"a # b\" # c"), "\"a # b\" ");
        assert_eq!(without_comment("'it''s # x' # y"), "'it''s # x' ");
        assert_eq!(without_comment("C#语言"), "C#语言");
        assert_eq!(without_comment("don't # x"), "don't ");
    }

    #[test]
    fn the_latest_earlier_report_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Path::new("content/x");
        fs::create_dir_all(dir.path().join(folder)).unwrap();
        for f in ["2019.md", "2022.md", "2025.md", "_index.md", "notes.md", "202.md"] {
            fs::write(dir.path().join(folder).join(f), "").unwrap();
        }
        assert_eq!(latest_earlier(dir.path(), folder, 2024), Some((2022, folder.join("2022.md"))));
        assert_eq!(latest_earlier(dir.path(), folder, 2022), Some((2019, folder.join("2019.md"))));
        assert_eq!(latest_earlier(dir.path(), folder, 2019), None);
    }
}
