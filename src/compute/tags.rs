//! Tags: the URL slug of each, and tags written differently that would share one page.

use crate::error::Diagnostic;
use crate::load::{frontmatter, read_text, spans};
use crate::model::Site;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The URL slug of a tag: its text with characters unsafe in a path removed and ASCII lowercased.
pub fn tag_slug(tag: &str) -> String {
    slug_of(tag).unwrap_or_else(|| "tag".into())
}

/// The letters and digits of `text` (ASCII lowercased), runs of spaces, `-` and `_` as one `-`;
/// `None` when nothing is left.
pub(super) fn slug_of(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    (!out.is_empty()).then(|| out.to_string())
}

/// Tags written differently that get one page (`a/b` and `ab`, `Open Data` and `open data`):
/// the page could show only one of the spellings and would list the reports of both under it.
/// Each other spelling is an error where it is first written, naming the first spelling and
/// where that is written.
pub fn clashes(site: &Site) -> Vec<Diagnostic> {
    let mut first: HashMap<String, (&str, &Path)> = HashMap::new();
    let mut reported: HashSet<&str> = HashSet::new();
    let mut errors = Vec::new();
    for r in &site.reports {
        for tag in &r.tags {
            let slug = tag_slug(tag);
            let (other, other_file) = match first.entry(slug.clone()) {
                Entry::Vacant(v) => {
                    v.insert((tag, &r.file));
                    continue;
                }
                Entry::Occupied(o) => *o.get(),
            };
            if other == tag || !reported.insert(tag) {
                continue;
            }
            let (line, col) = position(&site.root, &r.file, tag);
            let (other_line, other_col) = position(&site.root, other_file, other);
            errors.push(
                Diagnostic::error(
                    &r.file,
                    line,
                    col,
                    format!(
                        "tag '{tag}' would share the page tags/{slug}/ with tag '{other}' ({}:{other_line}:{other_col})",
                        other_file.display()
                    ),
                )
                .with_hint("write a tag the same way in every report, or make the two differ in letters or digits"),
            );
        }
    }
    errors
}

/// Where `tag` is written in the front matter of the report `file`; 1:1 when it cannot be found.
fn position(root: &Path, file: &Path, tag: &str) -> (usize, usize) {
    let found = || {
        let text = read_text(root, file).ok()?;
        let split = frontmatter::split(file, &text).ok()?;
        let tree = spans::parse(split.yaml, split.yaml_line).ok()??;
        let spans::NodeKind::Seq(items) = &tree.get("tags")?.kind else { return None };
        let item = items.iter().find(|n| n.as_scalar() == Some(tag))?;
        Some((item.pos.line, item.pos.col))
    };
    found().unwrap_or((1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_slugs_keep_chinese_and_drop_unsafe_characters() {
        assert_eq!(tag_slug("年度报告"), "年度报告");
        assert_eq!(tag_slug("Open Data/2023"), "open-data2023");
        assert_eq!(tag_slug("<script>"), "script");
        assert_eq!(tag_slug("??"), "tag");
    }
}
