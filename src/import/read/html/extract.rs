//! Finding a page's main text and turning it into blocks.
//!
//! The rule, readability-style: chrome elements are never looked at — `nav` `header` `footer`
//! `aside` `script` `style` `form` and the like, and elements whose class or id says nav, menu,
//! breadcrumb, share, footer, print, related, toolbar, copyright. Every run of text outside a
//! link scores its Chinese characters (Latin letters and digits a third each) to its nearest
//! block element, that element's parent, and half to its grandparent. An element's score is
//! then lowered by its link density (the share of its text inside `<a>`), and the highest wins,
//! the deeper on a tie: the element holding the report's paragraphs, not the page around them.
//!
//! Blocks: `<p>`, `<div>`, `<li>`, `<br>` and other block elements end a paragraph; inline
//! elements run together, and the white space between them is dropped next to Chinese text and
//! inside numbers (`<span>31</span> <span>.5万</span>` is 31.5万); `<h1>`–`<h6>` are headings;
//! a `<table>` without tables inside and without long cells is a table, any other is layout and
//! read as blocks.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use crate::import::Block;

/// Elements that are never the report's text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "select",
    "button", "input", "textarea", "svg", "object", "head", "title", "meta", "link",
];

/// Words in a class or id that mark an element as chrome.
const SKIP_CLASSES: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "share",
    "footer",
    "print",
    "related",
    "toolbar",
    "copyright",
    "bdshare",
    "sidebar",
    "fenxiang",
    "dqwz",
    "location",
    "position",
    "header",
    "topbar",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "tr",
    "td",
    "th",
    "center",
    "body",
    "address",
    "figure",
    "figcaption",
    "hr",
    "table",
    "tbody",
    "thead",
];

/// Whether an element is chrome, never read (see [`SKIP_TAGS`] and [`SKIP_CLASSES`]).
fn skipped(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(el) = node.value() else { return false };
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    let marks = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or("")).to_ascii_lowercase();
    SKIP_CLASSES.iter().any(|c| marks.contains(c))
}

/// Whether an element ends a paragraph.
fn is_block(node: NodeRef<'_, Node>) -> bool {
    matches!(node.value(), Node::Element(el) if BLOCK_TAGS.contains(&el.name()) || heading_level(el.name()).is_some())
}

/// An `<h1>`–`<h6>`'s level.
fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// How much a run of text counts: its Chinese characters, and a third of its Latin letters and
/// digits.
fn weight(text: &str) -> f64 {
    let cjk = text.chars().filter(|&c| super::super::text::is_cjk(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphanumeric).count();
    cjk as f64 + latin as f64 / 3.0
}

/// The main text of a page as blocks (see the module's doc).
pub(super) fn main_blocks(html: &Html) -> Vec<Block> {
    let root = html.tree.root();
    let main = main_element(root).and_then(|id| html.tree.get(id)).unwrap_or(root);
    let mut out = Collector::default();
    out.walk(main, true);
    out.flush();
    out.blocks
}

/// Every line of text on the page (chrome included, scripts and styles not), for its
/// metadata lines.
pub(super) fn page_lines(html: &Html) -> Vec<String> {
    let mut out = Collector::default();
    out.walk(html.tree.root(), false);
    out.flush();
    out.blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) | Block::Heading(_, t) => Some(t),
            Block::Table(_) => None,
        })
        .collect()
}

/// The text of an element, white space tidied as in a paragraph.
pub(super) fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut raw = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            if !d.ancestors().any(|a| matches!(a.value(), Node::Element(e) if ["script", "style"].contains(&e.name())))
            {
                raw.push_str(t);
            }
        }
    }
    tidy(&raw)
}

/// The element holding the main text (see the module's doc).
fn main_element(root: NodeRef<'_, Node>) -> Option<NodeId> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut order = Vec::new();
    score(root, false, &mut scores, &mut order);
    let mut best: Option<(NodeId, f64)> = None;
    for id in order {
        let s = scores[&id];
        if best.is_some_and(|(_, b)| s < b) || s <= 0.0 {
            continue;
        }
        let node = root.tree().get(id)?;
        let (all, linked) = link_text(node);
        let s = s * (1.0 - linked / all.max(1.0));
        if best.is_none_or(|(_, b)| s >= b) {
            best = Some((id, s));
        }
    }
    best.map(|(id, _)| id)
}

/// Scores the text under a node to its block elements (see the module's doc); `order` gets
/// the scored elements in document order.
fn score(node: NodeRef<'_, Node>, in_link: bool, scores: &mut HashMap<NodeId, f64>, order: &mut Vec<NodeId>) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) if !in_link => {
                let w = weight(t);
                if w == 0.0 {
                    continue;
                }
                let Some(block) = child.ancestors().find(|a| is_block(*a)) else { continue };
                let mut add = |n: NodeRef<'_, Node>, share: f64| {
                    if !matches!(n.value(), Node::Element(_)) {
                        return;
                    }
                    let e = scores.entry(n.id()).or_insert_with(|| {
                        order.push(n.id());
                        0.0
                    });
                    *e += w * share;
                };
                add(block, 1.0);
                if let Some(parent) = block.parent() {
                    add(parent, 1.0);
                    if let Some(grand) = parent.parent() {
                        add(grand, 0.5);
                    }
                }
            }
            Node::Element(el) if !skipped(child) => score(child, in_link || el.name() == "a", scores, order),
            _ => {}
        }
    }
}

/// The weight of all text under a node and of the text inside its links.
fn link_text(node: NodeRef<'_, Node>) -> (f64, f64) {
    let (mut all, mut linked) = (0.0, 0.0);
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            let w = weight(t);
            all += w;
            if d.ancestors()
                .take_while(|a| a.id() != node.id())
                .any(|a| matches!(a.value(), Node::Element(e) if e.name() == "a"))
            {
                linked += w;
            }
        }
    }
    (all, linked)
}

/// Collects blocks from a walk over the tree.
#[derive(Default)]
struct Collector {
    /// The paragraph being built, white space untidied.
    current: String,
    /// The blocks so far.
    blocks: Vec<Block>,
}

impl Collector {
    /// Ends the paragraph being built.
    fn flush(&mut self) {
        let p = tidy(&std::mem::take(&mut self.current));
        if !p.is_empty() {
            self.blocks.push(Block::Paragraph(p));
        }
    }

    /// Walks a node's children; `skip_chrome` drops chrome elements (else only scripts and
    /// styles are dropped).
    fn walk(&mut self, node: NodeRef<'_, Node>, skip_chrome: bool) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(el) => self.element(child, el.name(), skip_chrome),
                _ => {}
            }
        }
    }

    /// Reads one element.
    fn element(&mut self, node: NodeRef<'_, Node>, name: &str, skip_chrome: bool) {
        let chrome = if skip_chrome { skipped(node) } else { ["script", "style", "head"].contains(&name) };
        if chrome {
            return;
        }
        if name == "br" {
            return self.flush();
        }
        if let Some(level) = heading_level(name) {
            self.flush();
            let text = text_of(node);
            if !text.is_empty() {
                self.blocks.push(Block::Heading(level, text));
            }
            return;
        }
        if name == "table" {
            if let Some(rows) = data_table(node) {
                self.flush();
                self.blocks.push(Block::Table(rows));
                return;
            }
        }
        let block = is_block(node);
        if block {
            self.flush();
        }
        self.walk(node, skip_chrome);
        if block {
            self.flush();
        }
    }
}

/// A table's rows of cell texts, if it is a table of data: no table inside it, cells no longer
/// than 200 characters, two columns or more.
fn data_table(table: NodeRef<'_, Node>) -> Option<Vec<Vec<String>>> {
    let is = |n: &NodeRef<'_, Node>, names: &[&str]| matches!(n.value(), Node::Element(e) if names.contains(&e.name()));
    if table.descendants().skip(1).any(|d| is(&d, &["table"])) {
        return None;
    }
    let mut rows = Vec::new();
    for tr in table.descendants().filter(|d| is(d, &["tr"])) {
        let cells: Vec<String> = tr.children().filter(|c| is(c, &["td", "th"])).map(text_of).collect();
        if cells.iter().any(|c| c.chars().count() > 200) {
            return None;
        }
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(cells);
        }
    }
    (rows.iter().map(Vec::len).max().unwrap_or(0) >= 2).then_some(rows)
}

/// Tidies a paragraph's white space: runs collapsed to one space, dropped next to Chinese
/// characters and full-width punctuation and inside numbers ("31 .5万", "2 .1%"; two runs of
/// digits keep their space: "2023-03-20 09:30"), ends trimmed.
pub(super) fn tidy(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().map(|c| if c == '\u{a0}' { ' ' } else { c }).collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let (Some(p), Some(n)) = (out.chars().last(), chars.get(i).copied()) else { continue };
        let cjk = super::super::text::is_cjk;
        let wide_punct = |c: char| !c.is_ascii() && !cjk(c);
        let number = p.is_ascii_digit() && ".%".contains(n) || p == '.' && n.is_ascii_digit();
        let line_break = chars[start..i].iter().any(|&c| c != ' ');
        let wide = cjk(p) || cjk(n) || wide_punct(p) || wide_punct(n);
        if !(number || wide_punct(p) || wide_punct(n) || wide && line_break) {
            out.push(' ');
        }
    }
    out
}
