//! Saved web pages: the report's main text, its tables and the page's metadata.
//!
//! The charset comes from a byte-order mark, else the page's `<meta charset>` or `http-equiv`
//! declaration (GBK and GB2312 read as GB18030, their superset), else UTF-8 when the bytes are
//! valid UTF-8 and GB18030 otherwise. The page is parsed with html5ever (through `scraper`),
//! which mends broken markup the way browsers do. How the main text is found is said in
//! `extract`. Metadata: the page's 日期/发布时间/来源 line (anywhere on the page), else its
//! `PubDate`/`ContentSource` meta tags; the title from the first `<h1>` that reads as one, else
//! a line at the top of the main text that reads as a report's title, else `<title>` without the
//! site's name after `_` or `|`; the URL from `<link rel="canonical">`.

use scraper::{Html, Selector};

use super::{decode_undeclared, page, ReadError};
use crate::import::{Block, Document};

mod extract;

/// Reads a saved web page's bytes.
pub(super) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut doc = Document::default();
    let text = decode(bytes, &mut doc.notes)?;
    let html = Html::parse_document(&text);
    page_metadata(&html, &mut doc);
    let blocks = extract::main_blocks(&html);
    finish(&mut doc, blocks);
    if doc.blocks.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(doc)
}

/// Decodes the page in the charset it declares (see the module's doc).
fn decode(bytes: &[u8], notes: &mut Vec<String>) -> Result<String, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned());
    }
    let Some(enc) = declared_charset(bytes) else { return decode_undeclared(bytes) };
    let enc = if enc == encoding_rs::GBK { encoding_rs::GB18030 } else { enc };
    if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(s.into_owned());
    }
    if let Ok(s) = decode_undeclared(bytes) {
        notes.push(format!("the page says it is {} but is not; read it as UTF-8 or GB18030", enc.name()));
        return Ok(s);
    }
    notes.push(format!("some bytes of the page are not valid {}; they were replaced with �", enc.name()));
    Ok(enc.decode_without_bom_handling(bytes).0.into_owned())
}

/// The charset a page declares in its first 4 KB (`<meta charset="gbk">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')))
            .map_or(lower.len(), |n| i + n);
        if let Some(enc) = encoding_rs::Encoding::for_label(&lower[i..end]) {
            return Some(enc);
        }
    }
    None
}

/// Where a byte string first occurs in another.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The metadata the page states about itself outside its text: canonical link, meta tags,
/// `<title>`, and a 日期/来源 line anywhere on the page.
fn page_metadata(html: &Html, doc: &mut Document) {
    let sel = |s: &str| Selector::parse(s).expect("a valid selector");
    doc.url = html
        .select(&sel("link[rel=canonical]"))
        .find_map(|l| l.value().attr("href"))
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty());
    for line in extract::page_lines(html) {
        if let Some(meta) = page::meta_line(&line) {
            doc.published = doc.published.take().or(meta.published);
            doc.source = doc.source.take().or(meta.source);
        }
        if doc.published.is_some() && doc.source.is_some() {
            break;
        }
    }
    for meta in html.select(&sel("meta[name], meta[property]")) {
        let el = meta.value();
        let name = el.attr("name").or(el.attr("property")).unwrap_or("").to_ascii_lowercase();
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else { continue };
        if doc.published.is_none()
            && ["pubdate", "publishdate", "firstpublishedtime", "article:published_time"].contains(&name.as_str())
        {
            doc.published = page::find_date(content).map(|(_, d)| d);
        }
        if doc.source.is_none() && ["contentsource", "source", "author"].contains(&name.as_str()) {
            doc.source = Some(content.to_owned());
        }
    }
    let h1 = html.select(&sel("h1")).map(|h| extract::text_of(*h)).find(|t| page::could_be_title(t));
    doc.title = h1;
    if doc.title.is_none() {
        doc.title = html.select(&sel("title")).next().map(|t| page_title(&extract::text_of(*t)));
    }
}

/// A `<title>`'s report part: the part naming a report, else the first, when the site's name
/// follows after `_`, `|` or ` - `.
fn page_title(title: &str) -> String {
    let parts: Vec<&str> =
        title.split(['_', '|', '｜']).flat_map(|p| p.split(" - ")).map(str::trim).filter(|p| !p.is_empty()).collect();
    let best = parts.iter().find(|p| page::looks_like_report_title(p)).or(parts.first());
    best.map_or_else(|| title.trim().to_owned(), |p| (*p).to_owned())
}

/// Applies the page rules to the main text's blocks: metadata lines to the metadata, chrome
/// dropped, the title (or a report title atop the text) taken out, the text ended at a footer.
fn finish(doc: &mut Document, blocks: Vec<Block>) {
    let mut out: Vec<Block> = Vec::new();
    let begun = |out: &[Block]| out.iter().any(|b| matches!(b, Block::Paragraph(p) if p.chars().count() >= 30));
    for block in blocks {
        let text = match &block {
            Block::Paragraph(t) | Block::Heading(_, t) => t.as_str(),
            Block::Table(_) => {
                out.push(block);
                continue;
            }
        };
        if doc.title.as_deref() == Some(text) && !begun(&out) {
            continue;
        }
        if !begun(&out)
            && page::looks_like_report_title(text)
            && !doc.title.as_deref().is_some_and(page::looks_like_report_title)
        {
            doc.title = Some(text.to_owned());
            continue;
        }
        if let Some(meta) = page::meta_line(text) {
            doc.published = doc.published.take().or(meta.published);
            doc.source = doc.source.take().or(meta.source);
            continue;
        }
        if begun(&out) && page::is_footer(text) {
            break;
        }
        if !page::is_chrome(text) {
            out.push(block);
        }
    }
    doc.blocks = out;
}

#[cfg(test)]
mod tests;
