//! Word (.docx) files: a zip whose `word/document.xml` holds the paragraphs and tables, with the
//! paragraph styles (which say what is a heading) in `word/styles.xml` and the title in
//! `docProps/core.xml`.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::Node;

use super::docx_numbering::Numbering;
use super::pdf::join_line;
use super::{page, ReadError};
use crate::import::{Block, Document};

/// The most of one part of the zip that is read: a report's document.xml is a few MB at most,
/// and this keeps a zip bomb from filling memory.
const MAX_PART: u64 = 64 << 20;

/// Reads a .docx file's bytes into a document: its title, paragraphs, headings and tables.
pub(super) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("not a readable .docx (zip) file: {e}")))?;
    let body = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| ReadError::Corrupt("no word/document.xml in it: not a Word document".into()))?;
    let mut styles = Styles::default();
    if let Some(xml) = part(&mut zip, "word/styles.xml")? {
        let xml = parse(&xml, "word/styles.xml")?;
        styles.levels = heading_styles(&xml);
        styles.numbered = numbered_styles(&xml);
    }
    if let Some(xml) = part(&mut zip, "word/numbering.xml")? {
        styles.numbering = Numbering::parse(&parse(&xml, "word/numbering.xml")?);
    }
    let body = parse(&body, "word/document.xml")?;
    let mut blocks = Vec::new();
    if let Some(b) = body.root_element().children().find(|n| is(n, "body")) {
        body_blocks(b, &mut styles, &mut blocks);
    }
    if !blocks.iter().any(has_text) {
        return Err(ReadError::Empty);
    }
    let core = match part(&mut zip, "docProps/core.xml")? {
        Some(core) => core_title(&core),
        None => None,
    };
    let title = title_of(core, &blocks);
    Ok(Document { title, blocks, ..Document::default() })
}

/// One part of the zip as text, or None when the zip has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Corrupt(format!("cannot open {name} in it: {e}"))),
    };
    let mut raw = Vec::new();
    file.take(MAX_PART).read_to_end(&mut raw).map_err(|e| ReadError::Corrupt(format!("cannot unpack {name}: {e}")))?;
    String::from_utf8(raw).map(Some).map_err(|_| ReadError::Corrupt(format!("{name} is not UTF-8 XML")))
}

/// Parses one XML part, a parse error being a corrupt file.
fn parse<'a>(xml: &'a str, name: &str) -> Result<roxmltree::Document<'a>, ReadError> {
    roxmltree::Document::parse(xml).map_err(|e| ReadError::Corrupt(format!("{name} is not well-formed XML: {e}")))
}

/// Whether a node is the element with this local name (any namespace: transitional or strict
/// OOXML).
pub(super) fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// The value of the `w:val` attribute of the child element with this local name.
pub(super) fn child_val<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    let child = node.children().find(|c| is(c, name))?;
    child.attributes().find(|a| a.name() == "val").map(|a| a.value())
}

/// Heading level (1..=6) of each paragraph style id that is a heading: by its name
/// ("heading 1", "标题 1"), its outline level, or its id ("Heading1").
fn heading_styles(styles: &roxmltree::Document) -> HashMap<String, u8> {
    let mut levels = HashMap::new();
    for style in styles.root_element().children().filter(|n| is(n, "style")) {
        let Some(id) = style.attributes().find(|a| a.name() == "styleId").map(|a| a.value()) else {
            continue;
        };
        let by_outline = style
            .children()
            .find(|c| is(c, "pPr"))
            .and_then(|p| child_val(p, "outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .map(|l| l + 1);
        let level = child_val(style, "name").and_then(level_of_name).or_else(|| level_of_name(id)).or(by_outline);
        if let Some(level) = level.filter(|l| (1..=6).contains(l)) {
            levels.insert(id.to_string(), level);
        }
    }
    levels
}

/// The heading level a style name or id says: "heading 1", "Heading1", "标题 1", "标题1".
fn level_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// What the paragraphs' styles and numbering say, and the list counters as the body is read.
#[derive(Default)]
struct Styles {
    /// Heading level of each heading style.
    levels: HashMap<String, u8>,
    /// The numbering (list id, level) each numbered style gives its paragraphs.
    numbered: HashMap<String, (String, u8)>,
    /// The numbering definitions and counters.
    numbering: Numbering,
}

/// The numbering each paragraph style carries in its `w:numPr` (heading styles are often
/// numbered so), following `basedOn` to the style it comes from.
fn numbered_styles(styles: &roxmltree::Document) -> HashMap<String, (String, u8)> {
    let mut own = HashMap::new();
    let mut based = HashMap::new();
    for style in styles.root_element().children().filter(|n| is(n, "style")) {
        let Some(id) = style.attributes().find(|a| a.name() == "styleId").map(|a| a.value()) else {
            continue;
        };
        if let Some(parent) = child_val(style, "basedOn") {
            based.insert(id.to_owned(), parent.to_owned());
        }
        let num_pr = style.children().find(|c| is(c, "pPr")).and_then(|p| p.children().find(|c| is(c, "numPr")));
        if let Some(num_pr) = num_pr {
            let num_id = child_val(num_pr, "numId").unwrap_or_default().to_owned();
            let ilvl = child_val(num_pr, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
            own.insert(id.to_owned(), (num_id, ilvl));
        }
    }
    let mut all = own.clone();
    for id in based.keys() {
        let mut at = id;
        for _ in 0..16 {
            if let Some(found) = own.get(at) {
                all.entry(id.clone()).or_insert_with(|| found.clone());
                break;
            }
            match based.get(at) {
                Some(parent) => at = parent,
                None => break,
            }
        }
    }
    all
}

/// The blocks of the body (or of a content control inside it), in order; a numbered
/// paragraph's text opens with its number as Word draws it.
fn body_blocks(parent: Node, styles: &mut Styles, out: &mut Vec<Block>) {
    for node in parent.children() {
        if is(&node, "p") {
            let text = paragraph_text(node);
            if text.is_empty() {
                continue;
            }
            let ppr = node.children().find(|c| is(c, "pPr"));
            let style = ppr.and_then(|p| child_val(p, "pStyle"));
            let text = match number_of(ppr, style, styles) {
                Some(number) => number + &text,
                None => text,
            };
            match style.and_then(|s| styles.levels.get(s).copied().or_else(|| level_of_name(s))) {
                Some(level) => out.push(Block::Heading(level, text)),
                None => out.push(Block::Paragraph(text)),
            }
        } else if is(&node, "tbl") {
            let rows = table_rows(node);
            if !rows.is_empty() {
                out.push(Block::Table(rows));
            }
        } else if is(&node, "sdt") || is(&node, "sdtContent") || is(&node, "customXml") {
            body_blocks(node, styles, out);
        }
    }
}

/// The number Word draws before a paragraph: from its own `w:numPr`, else its style's (a
/// paragraph's `ilvl` alone changes the style's level; `numId` 0 turns numbering off).
fn number_of(ppr: Option<Node>, style: Option<&str>, styles: &mut Styles) -> Option<String> {
    let own = ppr.and_then(|p| p.children().find(|c| is(c, "numPr")));
    let from_style = style.and_then(|s| styles.numbered.get(s)).cloned();
    let num_id = own.and_then(|n| child_val(n, "numId")).map(str::to_owned).or(from_style.clone().map(|s| s.0))?;
    let ilvl =
        own.and_then(|n| child_val(n, "ilvl")).and_then(|v| v.parse().ok()).or(from_style.map(|s| s.1)).unwrap_or(0);
    if num_id == "0" {
        return None;
    }
    styles.numbering.next(&num_id, ilvl)
}

/// A paragraph's text on one line: its runs' text joined, line breaks joined as a wrapped line
/// is (no space between Chinese characters), trimmed.
fn paragraph_text(p: Node) -> String {
    let mut text = String::new();
    let mut line = String::new();
    for node in p.descendants() {
        if is(&node, "t") {
            line.push_str(node.text().unwrap_or(""));
        } else if is(&node, "tab") && !node.ancestors().any(|a| is(&a, "pPr")) {
            line.push(' ');
        } else if is(&node, "br") || is(&node, "cr") {
            join_line(&mut text, &std::mem::take(&mut line));
        }
    }
    join_line(&mut text, &line);
    text
}

/// A table's rows of cell texts (a cell's paragraphs joined by a space); a cell spanning
/// several grid columns is followed by empty cells so the columns stay in line.
fn table_rows(tbl: Node) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for tr in tbl.children().filter(|n| is(n, "tr")) {
        let mut row = Vec::new();
        for tc in tr.children().filter(|n| is(n, "tc")) {
            let text: Vec<String> =
                tc.descendants().filter(|n| is(n, "p")).map(paragraph_text).filter(|t| !t.is_empty()).collect();
            row.push(text.join(" "));
            let span = tc
                .children()
                .find(|c| is(c, "tcPr"))
                .and_then(|p| child_val(p, "gridSpan"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1);
            row.extend(std::iter::repeat_n(String::new(), span.clamp(1, 64) - 1));
        }
        if row.iter().any(|c| !c.is_empty()) {
            rows.push(row);
        }
    }
    rows
}

/// The document's title: the title property where it reads as a report's title; else a line
/// at the top of the text that does (the property is often left over from a template, or a
/// file name); else the property where it could be a title; else the first heading.
fn title_of(core: Option<String>, blocks: &[Block]) -> Option<String> {
    let top: Vec<&str> = blocks
        .iter()
        .take(3)
        .filter_map(|b| match b {
            Block::Heading(_, t) | Block::Paragraph(t) => Some(t.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    if let Some(core) = core.as_deref().filter(|c| page::looks_like_report_title(c)) {
        return Some(core.to_owned());
    }
    if let Some(line) = top.iter().find(|t| page::looks_like_report_title(t)) {
        return Some((*line).to_owned());
    }
    core.filter(|c| page::could_be_title(c)).or_else(|| {
        blocks.iter().find_map(|b| match b {
            Block::Heading(_, t) => Some(t.clone()),
            _ => None,
        })
    })
}

/// The `dc:title` of docProps/core.xml, when it has a non-empty one.
fn core_title(core: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(core).ok()?;
    let title = doc.descendants().find(|n| is(n, "title"))?.text()?.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// Whether a block holds any text.
fn has_text(block: &Block) -> bool {
    match block {
        Block::Heading(_, t) | Block::Paragraph(t) => !t.trim().is_empty(),
        Block::Table(rows) => rows.iter().flatten().any(|c| !c.trim().is_empty()),
    }
}

#[cfg(test)]
#[path = "docx_tests.rs"]
mod tests;
