//! Typography in a Markdown body: its text as a reader sees it, without code, HTML, link
//! destinations or Markdown's own syntax (list markers, table pipes, link brackets).

use super::{context, flagged, warning, Cursor, Piece, BREAK, PER_FILE};
use crate::error::Diagnostic;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::Path;

/// The first warnings about the Markdown `body`, whose first line is line `first_line` of
/// `file` (one more than [`PER_FILE`], in order), and how many there are in all.
pub fn warnings(file: &Path, body: &str, first_line: usize) -> (Vec<Diagnostic>, usize) {
    if !super::has_candidate(body.as_bytes()) {
        return (Vec::new(), 0);
    }
    let pieces = text_of(body);
    let mut cursor = Cursor::new(body, first_line);
    let mut found = flagged(&pieces);
    // In source order (an escape's characters share one offset), one pass over the body.
    found.sort_by_key(|&i| pieces[i].1);
    let total = found.len();
    let out = found
        .into_iter()
        .take(PER_FILE + 1)
        .map(|i| {
            let (c, at) = pieces[i];
            let (line, col) = cursor.seek(at);
            warning(file, line, col, c, &context(&pieces, i))
        })
        .collect();
    (out, total)
}

/// The body's text, each character with its byte offset; a [`BREAK`] newline where a block
/// ends or a line breaks, a [`BREAK`] letter where inline code stands.
fn text_of(body: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) if !in_code_block => {
                let source = &body[range.clone()];
                if source == &*t {
                    out.extend(t.char_indices().map(|(i, c)| (c, range.start + i)));
                } else {
                    // An escape or an entity: the characters are not where the source has them.
                    out.extend(t.chars().map(|c| (c, range.start)));
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => out.push(('x', BREAK)),
            // Emphasis and links leave their text run on; a block's end or a line break stops it.
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Rule => out.push(('\n', BREAK)),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(body: &str) -> Vec<(usize, usize)> {
        warnings(Path::new("x.md"), body, 10).0.into_iter().map(|d| (d.line, d.col)).collect()
    }

    #[test]
    fn text_is_checked_at_its_place() {
        assert_eq!(at("## 一、概述\n\n例如:北京。\n\n- 项目(一)\n"), vec![(12, 3), (14, 5), (14, 7)]);
        assert_eq!(at("见**附件**(略)。\n"), vec![(10, 8), (10, 10)]);
    }

    #[test]
    fn code_links_tables_and_lists_are_not_text() {
        let body = "`例如:北京`\n\n```\n注:原文\n```\n\n[北京](https://x.cn/a,b)\n\n| 项目 | 数值 |\n|---|---|\n| 甲 | 1,500 |\n\n1. 第一\n2. 第二\n\n<span title=\"注:x\">甲</span>\n\n时间10:00,比例1:1\n";
        assert_eq!(at(body), vec![(27, 8)]);
    }
}
