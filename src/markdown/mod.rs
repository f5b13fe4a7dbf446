//! Markdown to HTML with pulldown-cmark: heading ids that work for Chinese, a table of contents,
//! header anchors, and fenced code highlighted at build time.
//!
//! This layer knows Markdown and nothing of pages, views or templates, so the search index and
//! the live preview read Markdown through it without depending on rendering. It holds the
//! conversion itself (here, with the parser's [`options`], [`slugify`] for heading ids and the
//! table of contents), finding and parsing shortcode calls ([`shortcodes`]; rendering a call
//! with the theme's templates belongs to `render`) and highlighting code ([`mod@highlight`]).

pub mod highlight;
mod shortcode_args;
pub mod shortcodes;
mod tables;

use crate::escape::{escape_html, escape_html_into};
use highlight::highlight;
use pulldown_cmark::{html, Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;

/// One heading in a page's table of contents, with the headings under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading level, 1–6.
    pub level: u8,
    /// The heading's id (the anchor to link to).
    pub id: String,
    /// The heading's plain text.
    pub title: String,
    /// Headings one level down.
    pub children: Vec<TocEntry>,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Its headings, nested.
    pub toc: Vec<TocEntry>,
    /// Every link and image destination, with its byte offset in the Markdown (for errors).
    pub links: Vec<(String, usize)>,
}

/// The table of contents as the default theme shows it (`<nav class="toc">` labelled `label`,
/// two levels), or nothing when there are no headings. Templates get it as `toc_html` beside
/// `toc`: a template loop over every report's headings cost more than the rest of its page.
pub fn toc_html(entries: &[TocEntry], label: &str) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut h = String::with_capacity(64 + entries.len() * 96);
    let link = |h: &mut String, e: &TocEntry| {
        h.push_str("<a href=\"#");
        escape_html_into(h, &e.id);
        h.push_str("\">");
        escape_html_into(h, &e.title);
        h.push_str("</a>");
    };
    h.push_str("<nav class=\"toc\" aria-label=\"");
    escape_html_into(&mut h, label);
    h.push_str("\">\n<h2>");
    escape_html_into(&mut h, label);
    h.push_str("</h2>\n<ol>\n");
    for e in entries {
        h.push_str("<li>");
        link(&mut h, e);
        if !e.children.is_empty() {
            h.push_str("<ol>");
            for c in &e.children {
                h.push_str("<li>");
                link(&mut h, c);
                h.push_str("</li>");
            }
            h.push_str("</ol>");
        }
        h.push_str("</li>\n");
    }
    h.push_str("\n</ol>\n</nav>");
    h
}

/// The Markdown extensions annalist enables.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The id of a heading: letters of any script and digits kept (so Chinese headings give
/// readable, stable ids), ASCII lowercased, spaces and dashes collapsed to one '-'.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_common_ideograph(c) {
            out.push(c);
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "section".into()
    } else {
        out.into()
    }
}

/// Whether `c` is in the two main blocks of Chinese characters (CJK Unified Ideographs and its
/// Extension A), all of them letters with no case: most of a Chinese heading, known without
/// searching the character tables twice per character.
fn is_common_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// Ids the default theme's page templates use; body headings never take them.
const TEMPLATE_IDS: [&str; 10] =
    ["main", "headline", "entities", "latest", "years", "tags", "yoy", "reports", "report-indicators", "chart-title"];

fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{id}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

/// Renders Markdown to HTML with heading ids, anchors and highlighted code.
pub fn render(markdown: &str) -> Rendered {
    let mut events: Vec<Event> = Vec::new();
    let mut flat: Vec<(u8, String, String)> = Vec::new();
    let mut used: HashSet<String> = TEMPLATE_IDS.iter().map(|s| s.to_string()).collect();
    let mut links = Vec::new();
    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();
    // The table being read: its columns' alignments, whether in its head, the cell's column.
    let (mut aligns, mut in_head, mut column): (Vec<Alignment>, bool, usize) = (Vec::new(), false, 0);
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Link { ref dest_url, .. }) | Event::Start(Tag::Image { ref dest_url, .. }) => {
                links.push((dest_url.to_string(), range.start));
                events.push(event);
            }
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                let mut inner = Vec::new();
                let mut text = String::new();
                for (e, r) in parser.by_ref() {
                    match &e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url.to_string(), r.start)),
                        _ => {}
                    }
                    inner.push(e);
                }
                let id = unique(id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&text)), &mut used);
                let n = level_num(level);
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_html(&classes.join(" ")))
                };
                events.push(Event::Html(format!("<h{n} id=\"{}\"{class}>", escape_html(&id)).into()));
                events.extend(inner);
                events.push(Event::Html(
                    format!("<a class=\"anchor\" href=\"#{}\" aria-hidden=\"true\">#</a></h{n}>\n", escape_html(&id))
                        .into(),
                ));
                flat.push((n, id, text.trim().to_string()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (e, _) in parser.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                let token = lang.split([' ', ',', '{']).next().unwrap_or_default();
                let lang_attr =
                    if token.is_empty() { String::new() } else { format!(" data-lang=\"{}\"", escape_html(token)) };
                let body = if token.is_empty() { escape_html(&code) } else { highlight(&code, token) };
                events.push(Event::Html(format!("<pre class=\"code\"{lang_attr}><code>{body}</code></pre>\n").into()));
            }
            Event::Start(Tag::Table(ref a)) => {
                aligns.clone_from(a);
                // Wide tables scroll inside their own box instead of widening the page.
                events.push(Event::Html("<div class=\"table-scroll\">\n".into()));
                events.push(event);
            }
            Event::Start(Tag::TableHead) | Event::End(TagEnd::TableHead) => {
                in_head = matches!(event, Event::Start(_));
                events.push(event);
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                events.push(event);
            }
            Event::Start(Tag::TableCell) if !in_head => {
                // A body cell is written here, to mark one that holds a figure.
                let (inner, text) = body_cell(&mut parser, &mut links);
                events.push(Event::Html(tables::td_open(aligns.get(column).copied(), tables::is_figure(&text)).into()));
                events.extend(inner);
                events.push(Event::Html("</td>".into()));
                column += 1;
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html("</div>\n".into()));
            }
            e => events.push(e),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered { html: out, toc: nest(flat), links }
}

/// The events of a table body cell up to its end (which is consumed), and its plain text;
/// the destinations of links in it go to `links`.
fn body_cell<'a>(
    parser: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    links: &mut Vec<(String, usize)>,
) -> (Vec<Event<'a>>, String) {
    let mut inner = Vec::new();
    let mut text = String::new();
    for (e, r) in parser.by_ref() {
        match &e {
            Event::End(TagEnd::TableCell) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                links.push((dest_url.to_string(), r.start))
            }
            _ => {}
        }
        inner.push(e);
    }
    (inner, text)
}

fn nest(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        if let Some(last) = list.last_mut() {
            if entry.level > last.level {
                insert(&mut last.children, entry);
                return;
            }
        }
        list.push(entry);
    }
    let mut toc = Vec::new();
    for (level, id, title) in flat {
        insert(&mut toc, TocEntry { level, id, title, children: Vec::new() });
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_headings_get_stable_unique_ids() {
        let r = render("## 一、主要举措\n\n### (一)依法履职\n\n## 一、主要举措\n");
        assert!(r.html.contains("<h2 id=\"一主要举措\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"一依法履职\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"一主要举措-1\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].title, "(一)依法履职");
        assert!(r.html.contains("href=\"#一主要举措\""));
    }

    #[test]
    fn the_contents_list_links_two_levels_and_is_empty_without_headings() {
        let r = render("## 一、主要举措\n\n### (一)依法<履职>\n\n#### 更深\n\n## 二、问题\n");
        let html = toc_html(&r.toc, "目录");
        assert!(html.starts_with("<nav class=\"toc\" aria-label=\"目录\">\n<h2>目录</h2>\n<ol>\n"), "{html}");
        let first = "<li><a href=\"#一主要举措\">一、主要举措</a><ol><li><a href=\"#一依法履职\">(一)依法&lt;履职&gt;</a></li></ol></li>\n";
        assert!(html.contains(first), "{html}");
        assert!(html.contains("<li><a href=\"#二问题\">二、问题</a></li>\n"), "{html}");
        assert!(!html.contains("更深"), "two levels: {html}");
        assert!(html.ends_with("</ol>\n</nav>"));
        assert_eq!(toc_html(&render("无标题的正文。\n").toc, "目录"), "");
    }

    #[test]
    fn headings_never_take_the_templates_ids() {
        let r = render("## Reports\n");
        assert!(r.html.contains("<h2 id=\"reports-1\">"), "{}", r.html);
    }

    #[test]
    fn explicit_heading_ids_win() {
        let r = render("## 概述 {#overview}\n");
        assert!(r.html.contains("<h2 id=\"overview\">"), "{}", r.html);
    }

    #[test]
    fn extensions_are_on() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] done\n\ntext[^1]\n\n[^1]: note\n");
        assert!(r.html.contains("<div class=\"table-scroll\">\n<table>"), "{}", r.html);
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn table_cells_holding_figures_are_marked_as_numbers() {
        let md = "| 指标 | 数值 | 说明 |\n|---|---|:-:|\n| 资金 | 15495万元 | [见](a/) |\n| 比率 | 87.21% | 约3万 |\n";
        let r = render(md);
        assert!(r.html.contains("<th>数值</th>"), "{}", r.html);
        assert!(r.html.contains("<td>资金</td><td class=\"num\">15495万元</td>"), "{}", r.html);
        assert!(r.html.contains("<td style=\"text-align: center\"><a href=\"a/\">见</a></td>"), "{}", r.html);
        assert!(r.html.contains("<td class=\"num\" style=\"text-align: center\">约3万</td>"), "{}", r.html);
        assert_eq!(r.links, vec![("a/".to_string(), md.find("[见]").unwrap())]);
    }

    #[test]
    fn fenced_code_is_highlighted_and_escaped() {
        let r = render("```yaml\ntitle: \"<x>\"\n```\n");
        assert!(r.html.contains("data-lang=\"yaml\""));
        assert!(r.html.contains("hl-"));
        assert!(!r.html.contains("<x>"));
    }

    #[test]
    fn links_are_collected_with_offsets() {
        let md = "See [延庆](../yanqing/) and\n\n## [x](#a)\n";
        let r = render(md);
        assert_eq!(r.links, vec![("../yanqing/".to_string(), 4), ("#a".to_string(), md.find("[x]").unwrap())]);
    }

    #[test]
    fn common_ideographs_are_letters_without_case() {
        for c in (0x3400..=0x4DBF).chain(0x4E00..=0x9FFF).filter_map(char::from_u32) {
            assert!(c.is_alphanumeric(), "{c}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c}");
        }
    }

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Hello World"), "hello-world");
        assert_eq!(slugify("2023年度 情况"), "2023年度-情况");
        assert_eq!(slugify("、、"), "section");
    }
}
