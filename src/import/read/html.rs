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

use super::{credits, decode_undeclared, page, ReadError};
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
    let metas = meta_tags(html);
    let meta = |names: &[&str]| names.iter().find_map(|n| metas.iter().find(|(k, _)| k == n)).map(|(_, v)| v.clone());
    doc.url = html
        .select(&sel("link[rel=canonical]"))
        .find_map(|l| l.value().attr("href"))
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| meta(&["og:url", "url"]))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let lines = extract::page_lines(html);
    for (i, line) in lines.iter().enumerate() {
        let meta = page::meta_line(line).or_else(|| page::label_line(line, lines.get(i + 1).map(String::as_str)));
        if let Some(meta) = meta {
            doc.published = doc.published.take().or(meta.published);
            doc.source = doc.source.take().or(meta.source);
        }
        if doc.published.is_some() && doc.source.is_some() {
            break;
        }
    }
    let date =
        meta(&["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "publishtime"]);
    doc.published = doc.published.take().or_else(|| date.and_then(|d| page::find_date(&d)).map(|(_, d)| d));
    doc.source = doc.source.take().or_else(|| meta(&["contentsource", "source", "dc.publisher"]));
    doc.title =
        page_title_of(html, &meta(&["articletitle", "og:title", "dc.title"]), &meta(&["sitename", "og:site_name"]));
}

/// The page's meta tags as (lower-case name or property, trimmed content), those with content.
fn meta_tags(html: &Html) -> Vec<(String, String)> {
    let sel = Selector::parse("meta[name], meta[property]").expect("a valid selector");
    html.select(&sel)
        .filter_map(|m| {
            let el = m.value();
            let name = el.attr("name").or(el.attr("property"))?.trim().to_ascii_lowercase();
            let content = el.attr("content")?.trim();
            (!content.is_empty()).then(|| (name, content.to_owned()))
        })
        .collect()
}

/// The report's title: the article title the page's CMS declares (`ArticleTitle`, `og:title`,
/// without a site name after it), else an `<h1>`/`<h2>` that reads as a report's title, else
/// the first `<h1>` that could be a title and is not the site's name, else `<title>` without
/// the site's name. `None` lets the main text's first report title stand.
fn page_title_of(html: &Html, declared: &Option<String>, site: &Option<String>) -> Option<String> {
    let sel = |s: &str| Selector::parse(s).expect("a valid selector");
    let page = html.select(&sel("title")).next().map(|t| extract::text_of(*t)).unwrap_or_default();
    let site_name = site.clone().or_else(|| site_part(&page));
    let not_site = |t: &String| site_name.as_deref().is_none_or(|s| t != s && !s.starts_with(t.as_str()));
    if let Some(t) = declared.as_deref().map(page_title).filter(|t| page::could_be_title(t) && not_site(t)) {
        return Some(t);
    }
    let headings: Vec<String> = html.select(&sel("h1, h2")).map(|h| extract::text_of(*h)).collect();
    if let Some(t) = headings.iter().find(|t| page::looks_like_report_title(t)) {
        return Some(t.clone());
    }
    let h1 = html.select(&sel("h1")).map(|h| extract::text_of(*h)).find(|t| page::could_be_title(t) && not_site(t));
    h1.or_else(|| (!page.trim().is_empty()).then(|| page_title(&page)))
}

/// The site's name a `<title>` ends with after `_`, `|` or ` - ` ("…报告_北京市延庆区人民政府网站").
fn site_part(title: &str) -> Option<String> {
    let parts = title_parts(title);
    (parts.len() > 1).then(|| parts.last().map(|p| (*p).to_owned())).flatten()
}

/// A title's parts, split where a site's name is joined to it.
fn title_parts(title: &str) -> Vec<&str> {
    title
        .split(['_', '|', '｜'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "))
        .flat_map(|p| p.split(" -- "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A `<title>`'s report part: the part naming a report, else the first, when the site's name
/// follows after `_`, `|` or ` - `.
fn page_title(title: &str) -> String {
    let parts = title_parts(title);
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
        if page::is_chrome(text) {
            continue;
        }
        match block {
            Block::Paragraph(t) if !begun(&out) => out.push(Block::Paragraph(credits::without_byline(&t).to_owned())),
            block => out.push(block),
        }
    }
    doc.blocks = out;
}

#[cfg(test)]
mod tests;
