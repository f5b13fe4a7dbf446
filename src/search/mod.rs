//! Full-text search with no server: an index written at build time, which the search page's
//! script (`search.js` in the theme) fetches and searches in the browser.
//!
//! Reports, organisations, indicators and free pages are searchable, unless their front matter
//! says `search: false` (or site.yaml does, for the whole site). Chinese needs no dictionary:
//! terms are character pairs ([`tokens`]). The files ([`crate::routes::files`]):
//!
//! - `search/index.json`: the documents (URL, title, kind, a line about it, length in terms),
//!   the number of shards and the average length of each kind, for ranking;
//! - `search/index-<n>.json`: the postings of the terms that hash to shard n ([`index`]).
//!
//! The result snippets are not stored: the script takes them from the result pages
//! themselves, so the index holds each text's terms once and no text twice.

mod index;
mod postings;
pub mod tokens;

use crate::markdown::shortcodes;
use crate::model::Site;
use crate::routes::files::{search_shard, SEARCH_DOCS};
use crate::routes::{entity_url, free_page_url, indicator_url, report_url};
use index::{Fields, Terms};
use indexmap::IndexMap;
use pulldown_cmark::{Event, Parser, TagEnd};
use serde::Serialize;

/// One searchable thing of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doc {
    Report(usize),
    Entity(usize),
    Indicator(usize),
    Page(usize),
}

/// What `search/index.json` says about a document, as an array (search.js reads it by
/// position): URL, title, kind ("report", "entity", "indicator" or "page"), a line about it
/// (organisation and year, region, group or description) and its length in terms.
#[derive(Serialize)]
struct Listed<'a>(String, &'a str, &'static str, String, usize);

/// Every searchable document of `site`, in index order (when the site has search at all).
fn documents(site: &Site) -> Vec<Doc> {
    let mut docs: Vec<Doc> =
        site.reports.iter().enumerate().filter(|(_, r)| r.search).map(|(i, _)| Doc::Report(i)).collect();
    docs.extend(site.entities.iter().enumerate().filter(|(_, e)| e.search).map(|(i, _)| Doc::Entity(i)));
    docs.extend((0..site.catalogue.indicators.len()).map(Doc::Indicator));
    docs.extend(site.pages.iter().enumerate().filter(|(_, p)| p.search).map(|(i, _)| Doc::Page(i)));
    docs
}

/// The output paths of the index of `site` (none when search is off), known before it is made.
pub fn files(site: &Site) -> Vec<String> {
    if !site.config.search {
        return Vec::new();
    }
    let shards = index::shard_count(documents(site).len());
    std::iter::once(SEARCH_DOCS.to_string()).chain((0..shards).map(search_shard)).collect()
}

/// Makes the index of `site` and hands each file to `emit` (path, text), one at a time.
pub fn write<E>(site: &Site, mut emit: impl FnMut(&str, &str) -> Result<(), E>) -> Result<(), E> {
    if !site.config.search {
        return Ok(());
    }
    let docs = documents(site);
    // Every report lists the labels of its indicators: their terms are found once.
    let labels: Vec<Terms> = site.catalogue.indicators.values().map(|ind| Terms::of(&ind.label)).collect();
    let (postings, lengths) = index::build(docs.len(), |i, f| with_fields(site, &labels, docs[i], f));
    let shards = index::shard_count(docs.len());
    let listed: Vec<Listed> = docs.iter().zip(&lengths).map(|(d, &len)| listed(site, *d, len)).collect();
    // Ranking compares a document's length with others of its kind: a report is long, an
    // indicator's entry short, and neither should win for that alone.
    let mut average: IndexMap<&str, usize> = IndexMap::new();
    for kind in ["report", "entity", "indicator", "page"] {
        let of_kind: Vec<usize> = listed.iter().filter(|l| l.2 == kind).map(|l| l.4).collect();
        let mean = of_kind.iter().sum::<usize>().checked_div(of_kind.len()).unwrap_or(0);
        average.insert(kind, mean);
    }
    #[derive(Serialize)]
    struct Head<'a> {
        version: u32,
        shards: usize,
        average: IndexMap<&'a str, usize>,
        docs: Vec<Listed<'a>>,
    }
    let head = Head { version: 1, shards, average, docs: listed };
    emit(SEARCH_DOCS, &format!("{}\n", serde_json::to_string(&head).expect("the document list serialises")))?;
    drop(head);
    index::shards(postings, shards, |n, text| emit(&search_shard(n), text))
}

fn listed(site: &Site, doc: Doc, len: usize) -> Listed<'_> {
    match doc {
        Doc::Report(i) => {
            let r = &site.reports[i];
            let entity = site.entity(&r.entity).map_or(r.entity.as_str(), |e| e.name.as_str());
            Listed(report_url(r), &r.title, "report", format!("{entity} · {}", r.year), len)
        }
        Doc::Entity(i) => {
            let e = &site.entities[i];
            Listed(entity_url(&e.id), &e.name, "entity", e.region.clone(), len)
        }
        Doc::Indicator(i) => {
            let (id, ind) = site.catalogue.indicators.get_index(i).expect("an indicator of the catalogue");
            Listed(indicator_url(id), &ind.label, "indicator", ind.group.clone(), len)
        }
        Doc::Page(i) => {
            let p = &site.pages[i];
            Listed(free_page_url(&p.slug), &p.title, "page", p.description.clone().unwrap_or_default(), len)
        }
    }
}

/// Calls `f` with the searchable text of `doc`; `indicator_labels` are the terms of the
/// catalogue's labels, in its order.
fn with_fields(site: &Site, indicator_labels: &[Terms], doc: Doc, f: &mut dyn FnMut(&Fields)) {
    match doc {
        Doc::Report(i) => {
            let r = &site.reports[i];
            let mut labels = String::new();
            if let Some(e) = site.entity(&r.entity) {
                labels.push_str(&format!("{} {} ", e.name, e.short_name));
            }
            labels.push_str(&format!("{} {} ", r.year, r.tags.join(" ")));
            labels.push_str(r.source.as_deref().unwrap_or_default());
            // Its indicators' labels, and its figures as written: a reader who saw 52072 in a
            // table can search for it.
            let mut shared = Vec::with_capacity(r.indicators.len());
            for (id, figure) in &r.indicators {
                let Some(at) = site.catalogue.indicators.get_index_of(id.as_ref()) else { continue };
                shared.push(&indicator_labels[at]);
                if let Some(value) = figure.value {
                    labels.push(' ');
                    crate::model::numbers::push_decimal(&mut labels, value);
                }
            }
            f(&Fields { title: &r.title, labels: &labels, shared: &shared, body: &plain_text(&r.body.markdown) });
        }
        Doc::Entity(i) => {
            let e = &site.entities[i];
            let labels = format!("{} {} {}", e.short_name, e.region, e.level);
            f(&Fields { title: &e.name, labels: &labels, shared: &[], body: &plain_text(&e.body.markdown) });
        }
        Doc::Indicator(i) => {
            let ind = &site.catalogue.indicators[i];
            let labels = format!("{} {} {}", ind.label_en, ind.group, ind.unit);
            f(&Fields { title: &ind.label, labels: &labels, shared: &[], body: &ind.description });
        }
        Doc::Page(i) => {
            let p = &site.pages[i];
            let labels = p.description.as_deref().unwrap_or_default();
            f(&Fields { title: &p.title, labels, shared: &[], body: &plain_text(&p.body.markdown) });
        }
    }
}

/// The words of a Markdown text, without its markup, raw HTML or shortcode calls.
pub fn plain_text(markdown: &str) -> String {
    let extracted = shortcodes::extract(markdown);
    let source = match &extracted {
        // Placeholders stand between U+001A marks: every second piece is one.
        Ok(e) if !e.calls.is_empty() => e.text.split('\u{1A}').step_by(2).collect::<Vec<_>>().join(" "),
        Ok(e) => e.text.clone(),
        Err(_) => markdown.to_string(),
    };
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(&source, crate::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_html_and_shortcodes() {
        let text = plain_text(
            "# 一、总体\n\n共办结**行政复议**案件 {{ value(id=\"x\") }} 件。<span class=\"x\">原文</span>\n\n| 表 | 头 |\n|---|---|\n| 甲 | 乙 |\n",
        );
        assert!(text.contains("一、总体\n"));
        assert!(text.contains("共办结行政复议案件"));
        assert!(!text.contains("value") && !text.contains("sc0") && !text.contains("span"));
        assert!(text.contains("原文") && text.contains("甲\n乙"));
    }
}
