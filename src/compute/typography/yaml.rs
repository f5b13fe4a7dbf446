//! Typography in YAML: every scalar value (never a key, never YAML's own syntax), found again
//! in the file's text for its exact line and column.

use super::{context, flagged, warning, Cursor, Piece, PER_FILE};
use crate::error::Diagnostic;
use crate::load::spans::{self, Node, NodeKind};
use std::path::Path;

/// The first warnings about the YAML text `yaml`, whose first line is line `first_line` of
/// `file` (one more than [`PER_FILE`], in order), and how many there are in all. YAML that
/// does not parse gives none: loading has reported it already.
pub fn warnings(file: &Path, yaml: &str, first_line: usize) -> (Vec<Diagnostic>, usize) {
    if !super::has_candidate(yaml.as_bytes()) {
        return (Vec::new(), 0);
    }
    let Ok(Some(root)) = spans::parse(yaml, first_line) else { return (Vec::new(), 0) };
    // Every flagged mark of every scalar value, by where its scalar starts.
    let mut scalars: Vec<(&Node, &str, Vec<Piece>)> = Vec::new();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut stack = vec![&root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Scalar { text, .. } if super::has_candidate(text.as_bytes()) => {
                let pieces: Vec<Piece> = text.char_indices().map(|(i, c)| (c, i)).collect();
                found.extend(flagged(&pieces).into_iter().map(|i| (scalars.len(), i)));
                scalars.push((node, text.as_str(), pieces));
            }
            NodeKind::Scalar { .. } | NodeKind::Alias => {}
            NodeKind::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            NodeKind::Seq(items) => stack.extend(items.iter()),
        }
    }
    found.sort_by_key(|&(s, i)| (scalars[s].0.pos.line, scalars[s].0.pos.col, scalars[s].2[i].1));
    let total = found.len();
    // Only the first few are looked for in the text, then in order, in one pass.
    let mut placed: Vec<(usize, Diagnostic)> = found
        .iter()
        .take(PER_FILE + 1)
        .map(|&(s, i)| {
            let (node, text, pieces) = &scalars[s];
            let (c, at) = pieces[i];
            let start = offset_of(yaml, first_line, node.pos.line, node.pos.col);
            let offset = locate(yaml, start, text, at).unwrap_or(start);
            (offset, warning(file, node.pos.line, node.pos.col, c, &context(pieces, i)))
        })
        .collect();
    placed.sort_by_key(|(offset, _)| *offset);
    let mut cursor = Cursor::new(yaml, first_line);
    let out = placed
        .into_iter()
        .map(|(offset, d)| {
            let (line, col) = cursor.seek(offset);
            Diagnostic { line, col, ..d }
        })
        .collect();
    (out, total)
}

/// The byte offset in `yaml` of a line and column of the file.
fn offset_of(yaml: &str, first_line: usize, line: usize, col: usize) -> usize {
    let mut at = 0;
    for _ in first_line..line {
        match yaml[at..].find('\n') {
            Some(n) => at += n + 1,
            None => return yaml.len(),
        }
    }
    let rest = &yaml[at..];
    at + rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

/// Where in `yaml`, at or after `from`, the mark at byte `at` of the scalar `text` is written:
/// the same mark with the same neighbours, as many times over as before it in `text`. `None`
/// when the file writes it otherwise (an escape, a line folded right at it).
fn locate(yaml: &str, from: usize, text: &str, at: usize) -> Option<usize> {
    let mark = text[at..].chars().next()?;
    let prev = text[..at].chars().next_back();
    let next = text[at + mark.len_utf8()..].chars().next();
    let pattern: String = prev.into_iter().chain([mark]).chain(next).collect();
    let lead = prev.map_or(0, char::len_utf8);
    let n = text.match_indices(&pattern).take_while(|(i, _)| i + lead < at).count();
    let (found, _) = yaml.get(from..)?.match_indices(&pattern).nth(n)?;
    Some(from + found + lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str) -> Vec<(usize, usize, String)> {
        warnings(Path::new("x.yaml"), yaml, 3).0.into_iter().map(|d| (d.line, d.col, d.message)).collect()
    }

    #[test]
    fn values_are_found_where_they_are_written() {
        let found = at("title: 报告(2021年)\nnote: \"注:原文\"\n");
        let places: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(places, vec![(3, 10), (3, 16), (4, 9)], "{found:?}");
    }

    #[test]
    fn keys_and_flow_syntax_are_not_text() {
        assert!(at("名称: 值\nx: { note: 原文如此, value: 3 }\nlist: [甲, 乙]\n").is_empty());
        assert_eq!(at("x: { note: \"原文如此, 见附件\" }\n").len(), 1);
    }
}
