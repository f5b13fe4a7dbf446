//! Adding figures to a report's front matter by editing its text: new lines are inserted and
//! nothing else changes — comments, key order, quoting, blank lines, line endings and every
//! other key stay byte for byte as they were. Re-serialising the YAML would lose all of that.
//!
//! Where a figure goes: under `indicators:` (added at the end of the front matter when the
//! report has none), before the first figure already there that comes after it in the
//! catalogue (with the comment lines just above that figure), else after the last one.

use crate::load::spans::{self, Node, NodeKind};
use std::path::Path;

/// Why figures cannot be added to a report's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The front matter cannot be read (the loader reports the details).
    #[error("the report's front matter cannot be read: {0}")]
    Unreadable(String),
    /// `indicators:` is written in a form lines cannot be added to.
    #[error("'indicators' is written on one line ({{ … }}); annalist adds figures only to a block, one per line")]
    FlowMap {
        /// Where `indicators` is written.
        line: usize,
        /// Its column.
        col: usize,
    },
}

/// One figure to add: the catalogue position (to place it), its indicator and its value as
/// YAML (`85`, `{ value: 31.5万, change: 同比增长17.1% }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// Its indicator's position in the catalogue.
    pub position: usize,
    /// The indicator's id, the entry's key.
    pub id: String,
    /// The entry's value.
    pub value: String,
}

/// Lines to add (before which line, in what order, the text) and lines to replace.
#[derive(Debug, Default)]
struct Edits {
    inserts: Vec<(usize, usize, String)>,
    replaced: Vec<(usize, String)>,
}

/// `text` (a whole report, byte order mark removed) with `entries` added under `indicators:`;
/// `position_of` gives the catalogue position of an indicator already there. An entry whose key
/// is there with no value (`id:`, as `annalist new` leaves it for the author) is filled in on
/// its line, before any comment there.
pub fn add_entries(
    file: &Path,
    text: &str,
    entries: &[NewEntry],
    position_of: impl Fn(&str) -> usize,
) -> Result<String, EditError> {
    let split = crate::load::frontmatter::split(file, text).map_err(|d| EditError::Unreadable(d.message))?;
    if split.yaml.is_empty() && split.yaml_line == 1 {
        return Err(EditError::Unreadable("it has no front matter".into()));
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let closing = split.yaml_line - 1 + split.yaml.split_inclusive('\n').count();
    let root = spans::parse(split.yaml, split.yaml_line).map_err(|e| EditError::Unreadable(e.message))?;
    let key = root.as_ref().and_then(|r| r.key_node("indicators"));
    let value = root.as_ref().and_then(|r| r.get("indicators"));
    let mut edits = Edits::default();
    match (key, value) {
        (Some(key), Some(value)) => {
            let block = Block { lines: &lines, key, value, closing, newline };
            block.plan(entries, &position_of, &mut edits)?;
        }
        _ => {
            edits.inserts.push((closing, 0, format!("indicators:{newline}")));
            for e in entries {
                edits.inserts.push((
                    closing,
                    e.position.saturating_add(1),
                    format!("  {}: {}{newline}", e.id, e.value),
                ));
            }
        }
    }
    Ok(assemble(&lines, edits))
}

/// The `indicators:` block of a report's front matter.
struct Block<'a> {
    lines: &'a [&'a str],
    key: &'a Node,
    value: &'a Node,
    closing: usize,
    newline: &'a str,
}

impl Block<'_> {
    /// Where each entry goes.
    fn plan(
        &self,
        entries: &[NewEntry],
        position_of: &impl Fn(&str) -> usize,
        edits: &mut Edits,
    ) -> Result<(), EditError> {
        let lines = self.lines;
        let (key_line, key_indent) = (self.key.pos.line - 1, self.key.pos.col - 1);
        let existing = match &self.value.kind {
            NodeKind::Map(existing) => existing.as_slice(),
            _ => &[],
        };
        if char_at(lines, self.value) == Some('{') {
            if !existing.is_empty() {
                return Err(EditError::FlowMap { line: self.key.pos.line, col: self.key.pos.col });
            }
            edits.replaced.push((key_line, without_empty_braces(lines[key_line], self.value.pos.col)));
        }
        let indent = existing.first().map_or(key_indent + 2, |(k, _)| k.pos.col - 1);
        let end = block_end(lines, key_line, key_indent, self.closing);
        for entry in entries {
            let gap = existing.iter().find(|(k, v)| k.as_scalar() == Some(entry.id.as_str()) && is_gap(v));
            if let Some(filled) = gap.and_then(|(k, _)| fill_gap(lines, k, &entry.value)) {
                edits.replaced.push(filled);
                continue;
            }
            let before = existing
                .iter()
                .find(|(k, _)| position_of(k.as_scalar().unwrap_or_default()) > entry.position)
                .map(|(k, _)| with_comments_above(lines, k.pos.line - 1, k.pos.col - 1));
            let line = format!("{}{}: {}{}", " ".repeat(indent), entry.id, entry.value, self.newline);
            edits.inserts.push((before.unwrap_or(end), entry.position, line));
        }
        Ok(())
    }
}

/// Whether an entry's value is empty (`id:` with nothing, or only a comment, after it).
fn is_gap(value: &Node) -> bool {
    matches!(&value.kind, NodeKind::Scalar { text, quoted: false } if text.is_empty())
}

/// The line of the key `key` with `value` written after its colon, keeping what follows (a
/// comment); `None` when the line is not `key:` followed by blanks or a comment.
fn fill_gap(lines: &[&str], key: &Node, value: &str) -> Option<(usize, String)> {
    let at = key.pos.line.checked_sub(1)?;
    let line = *lines.get(at)?;
    let start = line.char_indices().nth(key.pos.col.checked_sub(1)?)?.0;
    let after_key = start + key.as_scalar()?.len();
    let rest = line.get(after_key..)?.strip_prefix(':')?;
    let tail = rest.trim_start_matches([' ', '\t']);
    let ok = tail.starts_with('#') || tail.trim_end_matches(['\r', '\n']).is_empty();
    ok.then(|| (at, format!("{}: {value}{rest}", &line[..after_key])))
}

/// The lines with the edits made.
fn assemble(lines: &[&str], mut edits: Edits) -> String {
    edits.inserts.sort_by_key(|(at, order, _)| (*at, *order));
    let extra: usize = edits.inserts.iter().map(|(_, _, l)| l.len()).sum();
    let mut out = String::with_capacity(lines.iter().map(|l| l.len()).sum::<usize>() + extra);
    let mut pending = edits.inserts.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        while let Some((_, _, new)) = pending.next_if(|(at, _, _)| *at == i) {
            out.push_str(new);
        }
        match edits.replaced.iter().find(|(at, _)| *at == i) {
            Some((_, new)) => out.push_str(new),
            None => out.push_str(line),
        }
    }
    for (_, _, new) in pending {
        out.push_str(new);
    }
    out
}

/// The character a node starts with in the file.
fn char_at(lines: &[&str], node: &Node) -> Option<char> {
    lines.get(node.pos.line.checked_sub(1)?)?.chars().nth(node.pos.col.checked_sub(1)?)
}

/// `line` with the `{}` that starts at character column `col` taken out, and the spaces
/// before it (`indicators: {}` becomes `indicators:`).
fn without_empty_braces(line: &str, col: usize) -> String {
    let at = line.char_indices().nth(col - 1).map_or(line.len(), |(i, _)| i);
    let rest = line[at..].strip_prefix("{}").unwrap_or(&line[at..]);
    format!("{}{rest}", line[..at].trim_end())
}

/// The line (0-based) after the last line of the block under the key on line `key_line`: the
/// block runs to the first line indented no deeper than the key that is not blank or a comment.
fn block_end(lines: &[&str], key_line: usize, key_indent: usize, closing: usize) -> usize {
    let mut last = key_line;
    for (i, line) in lines.iter().enumerate().take(closing).skip(key_line + 1) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if indent(line) <= key_indent {
            if trimmed.starts_with('#') {
                continue;
            }
            break;
        }
        last = i;
    }
    last + 1
}

/// The first of the comment lines just above `line` at its indentation (they describe it), or
/// `line` itself.
fn with_comments_above(lines: &[&str], line: usize, indentation: usize) -> usize {
    let mut first = line;
    while first > 0 && lines[first - 1].trim_start().starts_with('#') && indent(lines[first - 1]) == indentation {
        first -= 1;
    }
    first
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `text` as a scalar inside a YAML flow map (`{ value: …, note: … }`): as it is where YAML
/// reads it back unchanged, else in double quotes.
pub fn flow_scalar(text: &str) -> String {
    let special_start = text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !(text.starts_with(['-', '+']) && text[1..].starts_with(|c: char| c.is_ascii_digit()));
    let special = text.is_empty()
        || special_start
        || text.contains(|c: char| ",[]{}#:'\"\\".contains(c) || c.is_control())
        || text.trim() != text
        || ["null", "~", "true", "false", "yes", "no", "on", "off"].contains(&text.to_lowercase().as_str());
    if special {
        serde_json::to_string(text).unwrap_or_default()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(position: usize, text: &str) -> NewEntry {
        let (id, value) = text.split_once(": ").unwrap();
        NewEntry { position, id: id.into(), value: value.into() }
    }

    fn add(text: &str, entries: &[(usize, &str)]) -> String {
        let entries: Vec<NewEntry> = entries.iter().map(|(p, t)| entry(*p, t)).collect();
        let order = ["a", "b", "c", "d", "e"];
        add_entries(Path::new("r.md"), text, &entries, |id| order.iter().position(|o| *o == id).unwrap_or(usize::MAX))
            .unwrap()
    }

    #[test]
    fn figures_go_in_catalogue_order_with_comments_kept() {
        let text = "---\ntitle: x # t\nindicators:\n  # about b\n  b: 1\n  d:\n    value: 4\n# tail\n---\nbody\n";
        let out = add(text, &[(0, "a: 0"), (2, "c: 2"), (4, "e: 5")]);
        assert_eq!(
            out,
            "---\ntitle: x # t\nindicators:\n  a: 0\n  # about b\n  b: 1\n  c: 2\n  d:\n    value: 4\n  e: 5\n# tail\n---\nbody\n"
        );
    }

    #[test]
    fn indicators_are_added_when_absent_or_empty() {
        assert_eq!(add("---\nyear: 2021\n---\n", &[(1, "b: 1")]), "---\nyear: 2021\nindicators:\n  b: 1\n---\n");
        assert_eq!(add("---\nindicators:\nyear: 1\n---\n", &[(1, "b: 1")]), "---\nindicators:\n  b: 1\nyear: 1\n---\n");
        assert_eq!(
            add("---\nindicators: {}  # none\n---\n", &[(1, "b: 1")]),
            "---\nindicators:  # none\n  b: 1\n---\n"
        );
        assert_eq!(
            add("---\r\nyear: 1\r\n---\r\n", &[(1, "b: 1")]),
            "---\r\nyear: 1\r\nindicators:\r\n  b: 1\r\n---\r\n"
        );
    }

    #[test]
    fn an_empty_entry_is_filled_in_on_its_line() {
        let text = "---\nindicators:\n  b:    # 2023年：85\n  c:\n  d: 4\n---\n";
        let out = add(text, &[(1, "b: 90"), (2, "c: 7")]);
        assert_eq!(out, "---\nindicators:\n  b: 90    # 2023年：85\n  c: 7\n  d: 4\n---\n");
    }

    #[test]
    fn one_line_maps_and_missing_front_matter_are_refused() {
        let entries = [NewEntry { position: 0, id: "a".into(), value: "1".into() }];
        let flow = add_entries(Path::new("r.md"), "---\nindicators: { b: 1 }\n---\n", &entries, |_| 0);
        assert_eq!(flow, Err(EditError::FlowMap { line: 2, col: 1 }));
        assert!(add_entries(Path::new("r.md"), "no front matter\n", &entries, |_| 0).is_err());
    }

    #[test]
    fn scalars_are_quoted_only_where_yaml_needs_it() {
        assert_eq!(flow_scalar("同比增长77%"), "同比增长77%");
        assert_eq!(flow_scalar("-3"), "-3");
        assert_eq!(flow_scalar("+20.68pp"), "+20.68pp");
        assert_eq!(flow_scalar("see table 1, row 3"), "\"see table 1, row 3\"");
        assert_eq!(flow_scalar("a: b"), "\"a: b\"");
        assert_eq!(flow_scalar("true"), "\"true\"");
        assert_eq!(flow_scalar("%x"), "\"%x\"");
    }
}
