//! How deeply a template nests, measured on its text before the template engine parses it.
//!
//! Tera parses and renders nested blocks (`{% if %}` in `{% for %}` in …) and nested brackets in
//! an expression by recursion: some 250 nested `{% if %}` or a few thousand parentheses overflow
//! the stack and abort annalist — and a preview with it. No real template comes near
//! [`MAX_DEPTH`], so deeper nesting is refused at its place before Tera sees the text.

use crate::error::Diagnostic;
use std::path::Path;

/// The deepest a template may nest blocks, and, separately, brackets within one tag.
pub const MAX_DEPTH: usize = 64;

/// Tags that open a block closed by an `end…` tag.
const OPENERS: [&str; 5] = ["if", "for", "block", "macro", "filter"];

/// The first place in `text` (a template read from `origin`) where blocks or brackets nest
/// deeper than [`MAX_DEPTH`], as an error at that line and column.
pub fn check(origin: &Path, text: &str) -> Option<Diagnostic> {
    let (at, what) = too_deep(text)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    Some(
        Diagnostic::error(origin, line, col, format!("the template nests {what} deeper than {MAX_DEPTH} levels here"))
            .with_hint("the template engine works through nesting by recursion, and this much would crash it; split the template into macros or includes"),
    )
}

/// The byte offset where nesting passes the limit, and what nests.
fn too_deep(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut blocks = 0usize;
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[i..]) {
        let start = i + found;
        let Some(&kind) = bytes.get(start + 1) else { break };
        let close: &[u8] = match kind {
            b'%' => b"%}",
            b'{' => b"}}",
            b'#' => b"#}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let Some(len) = memchr::memmem::find(&bytes[inner_start..], close) else { break };
        let inner = &text[inner_start..inner_start + len];
        i = inner_start + len + 2;
        if kind == b'#' {
            continue;
        }
        if let Some(offset) = brackets_too_deep(inner) {
            return Some((inner_start + offset, "brackets"));
        }
        if kind == b'%' {
            let word = inner.trim_matches(|c: char| c == '-' || c.is_whitespace()).split_whitespace().next();
            match word {
                Some("raw") => i = skip_raw(text, i),
                Some(w) if OPENERS.contains(&w) => {
                    blocks += 1;
                    if blocks > MAX_DEPTH {
                        return Some((start, "blocks"));
                    }
                }
                Some(w) if w.starts_with("end") => blocks = blocks.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// The offset in a tag's text where its brackets, outside string literals, nest too deep.
fn brackets_too_deep(tag: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (at, b) in tag.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'' | b'`') => quote = Some(b),
            (None, b'(' | b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            }
            (None, b')' | b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Where the text after a `{% raw %}` tag ending at `from` resumes: after its `endraw` tag.
fn skip_raw(text: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(found) = text[at..].find("{%") {
        let tag = at + found;
        let Some(len) = text[tag..].find("%}") else { return text.len() };
        let inner = text[tag + 2..tag + len].trim_matches(|c: char| c == '-' || c.is_whitespace());
        at = tag + len + 2;
        if inner == "endraw" {
            return at;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> Option<(usize, usize, String)> {
        check(Path::new("templates/page.html"), text).map(|d| (d.line, d.col, d.message))
    }

    #[test]
    fn ordinary_templates_pass() {
        let text = "{% extends \"base.html\" %}{% block content %}{% for r in rows %}{% if r.x %}\
                    {{ r.x | default(value=(1 + (2 * 3))) }}{% endif %}{% endfor %}{% endblock %}\
                    {# {% if %} {% if %} #}{% raw %}{% if %}{% endraw %}";
        assert_eq!(depth_error(text), None);
        let deep_but_fine = format!("{}x{}", "{% if a %}".repeat(MAX_DEPTH), "{% endif %}".repeat(MAX_DEPTH));
        assert_eq!(depth_error(&deep_but_fine), None);
        // Blocks in sequence do not add up.
        assert_eq!(depth_error(&"{% if a %}x{% endif %}\n".repeat(500)), None);
        assert_eq!(depth_error(&format!("{{{{ \"{}\" }}}}", "(".repeat(500))), None, "brackets in a string");
    }

    #[test]
    fn deep_blocks_and_brackets_are_placed() {
        let ifs = format!("line one\n{}x{}", "{% if true %}".repeat(250), "{% endif %}".repeat(250));
        let (line, col, message) = depth_error(&ifs).unwrap();
        assert_eq!((line, col), (2, 1 + MAX_DEPTH * "{% if true %}".len()));
        assert!(message.contains("nests blocks deeper than 64"), "{message}");
        let fors = format!("{}x{}", "{%- for i in [1] -%}".repeat(300), "{% endfor %}".repeat(300));
        assert!(depth_error(&fors).is_some());
        let parens = format!("{{{{ {}1{} }}}}", "(".repeat(5000), ")".repeat(5000));
        let (line, col, message) = depth_error(&parens).unwrap();
        assert_eq!((line, col), (1, 4 + MAX_DEPTH));
        assert!(message.contains("brackets"), "{message}");
    }
}
