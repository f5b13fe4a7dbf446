//! The files that let readers and search engines find the reports: an Atom feed of the newest
//! reports, a sitemap of every page with the date it last changed, and robots.txt pointing at
//! the sitemap.

use crate::compute::Computed;
use crate::model::Site;
use crate::routes::files::{sitemap_part, FEED, ROBOTS, SITEMAP};
use crate::routes::{report_url, PageKind};
use std::fmt::Write;

/// The most URLs one sitemap file may list (the sitemaps.org limit).
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// The output paths of the discovery files for a site of `pages` pages. A file that the theme
/// or the site brings among its static files (`provided`) is theirs: a site's own sitemap
/// replaces every generated part.
pub fn files(pages: &[PageKind], provided: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    if !provided(FEED) {
        out.push(FEED.to_string());
    }
    if !provided(SITEMAP) {
        out.push(SITEMAP.to_string());
        let parts = sitemap_parts(listed(pages).count());
        if parts > 1 {
            out.extend((1..=parts).map(sitemap_part));
        }
    }
    if !provided(ROBOTS) {
        out.push(ROBOTS.to_string());
    }
    out
}

/// Every discovery file that is not `provided`, with its content, for `base_url` ending in '/'.
pub fn render(
    site: &Site,
    computed: &Computed,
    pages: &[PageKind],
    base_url: &str,
    provided: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !provided(FEED) {
        out.push((FEED.to_string(), feed(site, base_url)));
    }
    if !provided(SITEMAP) {
        out.extend(sitemaps(site, computed, pages, base_url));
    }
    if !provided(ROBOTS) {
        out.push((ROBOTS.to_string(), robots(base_url)));
    }
    out
}

/// The Atom feed: the newest `site.feed_limit` reports that carry a publication date, newest
/// first. Reports without a date have no place in a dated feed and are left out.
pub fn feed(site: &Site, base_url: &str) -> String {
    let mut dated: Vec<_> = site.reports.iter().filter(|r| r.published.is_some()).collect();
    dated.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.entity.cmp(&b.entity)));
    dated.truncate(site.config.feed_limit);
    let updated =
        dated.first().and_then(|r| r.published.as_deref()).map(timestamp).unwrap_or_else(|| timestamp("1970-01-01"));
    let mut x = String::with_capacity(1024 + dated.len() * 600);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", esc(&site.config.language));
    let _ = writeln!(x, "<title>{}</title>", esc(&site.config.title));
    if !site.config.description.is_empty() {
        let _ = writeln!(x, "<subtitle>{}</subtitle>", esc(&site.config.description));
    }
    let _ = writeln!(x, "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}{FEED}\"/>", esc(base_url));
    let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(base_url));
    let _ = writeln!(x, "<id>{}</id>", esc(base_url));
    let _ = writeln!(x, "<updated>{updated}</updated>");
    x.push_str("<generator>annalist</generator>\n");
    for r in dated {
        let entity = site.entity(&r.entity);
        let author = r.source.as_deref().or(entity.map(|e| e.name.as_str())).unwrap_or(&r.entity);
        let url = format!("{base_url}{}", encode_path(&report_url(r)));
        let when = timestamp(r.published.as_deref().unwrap_or_default());
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", esc(&r.title));
        let _ = writeln!(x, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&url));
        let _ = writeln!(x, "<id>{}</id>", esc(&url));
        let _ = writeln!(x, "<published>{when}</published>\n<updated>{when}</updated>");
        let _ = writeln!(x, "<author><name>{}</name></author>", esc(author));
        for tag in &r.tags {
            let _ = writeln!(x, "<category term=\"{}\"/>", esc(tag));
        }
        let name = entity.map_or(r.entity.as_str(), |e| e.name.as_str());
        let _ = writeln!(x, "<summary>{} {} · {}</summary>", esc(name), r.year, esc(&r.title));
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// The pages a sitemap lists: every page but the 404 and search pages, which show no content
/// of their own.
fn listed(pages: &[PageKind]) -> impl Iterator<Item = &PageKind> {
    pages.iter().filter(|k| !matches!(k, PageKind::NotFound | PageKind::Search))
}

fn sitemap_parts(urls: usize) -> usize {
    urls.div_ceil(SITEMAP_MAX_URLS).max(1)
}

/// `sitemap.xml`, and past [`SITEMAP_MAX_URLS`] its parts with `sitemap.xml` as their index.
fn sitemaps(site: &Site, computed: &Computed, pages: &[PageKind], base_url: &str) -> Vec<(String, String)> {
    let newest = site.reports.iter().filter_map(|r| r.published.as_deref()).max();
    // The later pages of a year, tag or indicator follow its first page in `pages` and share
    // its date, which is worked out once.
    let mut previous = None;
    let urls: Vec<(String, Option<&str>)> = listed(pages)
        .map(|k| {
            let date = match k {
                PageKind::Year(_, n) | PageKind::Tag(_, n) | PageKind::Indicator(_, n) if *n > 0 => previous,
                _ => lastmod(site, computed, k, newest),
            };
            previous = date;
            (format!("{base_url}{}", encode_path(&k.url(site))), date)
        })
        .collect();
    if urls.len() <= SITEMAP_MAX_URLS {
        return vec![(SITEMAP.to_string(), urlset(&urls))];
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in urls.chunks(SITEMAP_MAX_URLS).enumerate() {
        let name = sitemap_part(i + 1);
        let _ = writeln!(index, "<sitemap><loc>{}</loc></sitemap>", esc(&format!("{base_url}{name}")));
        out.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, (SITEMAP.to_string(), index));
    out
}

fn urlset(urls: &[(String, Option<&str>)]) -> String {
    let mut x = String::with_capacity(200 + urls.len() * 120);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, date) in urls {
        let _ = write!(x, "<url><loc>{}</loc>", esc(loc));
        if let Some(d) = date {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// When a page last changed, as far as the reports tell: a report's publication date; for an
/// organisation, a year or a tag, its newest report's; for the pages that draw on every report
/// (home, the indicators), the site's `newest`. Free pages have no date to give.
fn lastmod<'a>(site: &'a Site, computed: &Computed, kind: &PageKind, newest: Option<&'a str>) -> Option<&'a str> {
    let newest_of = |list: Option<&Vec<usize>>| {
        list.into_iter().flatten().filter_map(|&i| site.reports[i].published.as_deref()).max()
    };
    match kind {
        PageKind::Report(i) => site.reports[*i].published.as_deref(),
        PageKind::Entity(i) => newest_of(computed.reports_by_entity.get(&site.entities[*i].id)),
        PageKind::Year(y, _) => newest_of(computed.reports_by_year.get(y)),
        PageKind::Tag(slug, _) => newest_of(computed.reports_by_tag.get(slug).map(|(_, l)| l)),
        PageKind::Facet(facet, slug, _) => computed.entities_by_facet[facet][slug]
            .1
            .iter()
            .filter_map(|&e| newest_of(computed.reports_by_entity.get(&site.entities[e].id)))
            .max(),
        PageKind::Home(_) | PageKind::Indicators | PageKind::Indicator(..) => newest,
        PageKind::Page(_) | PageKind::Search | PageKind::NotFound => None,
    }
}

/// robots.txt: everything may be crawled, and the sitemap is named.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}{SITEMAP}\n")
}

/// A date (YYYY-MM-DD) as the start of that day, as Atom wants.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// A page's path as a URL needs it: characters outside ASCII (a Chinese tag) and those
/// with a meaning in URLs percent-encoded as UTF-8, '/' kept.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Text escaped for XML content and attribute values (the HTML escapes are XML's too), without
/// the control characters XML 1.0 does not allow at all.
fn esc(s: &str) -> String {
    let allowed = |c: &char| (*c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r');
    if s.chars().all(|c| allowed(&c)) {
        crate::escape::escape_html(s)
    } else {
        crate::escape::escape_html(&s.chars().filter(allowed).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(esc("<a href=\"x\">甲 & 乙's</a>\u{1}"), "&lt;a href=&quot;x&quot;&gt;甲 &amp; 乙&#39;s&lt;/a&gt;");
    }

    #[test]
    fn encodes_paths_outside_ascii() {
        assert_eq!(encode_path("tags/年度/"), "tags/%E5%B9%B4%E5%BA%A6/");
        assert_eq!(encode_path("a b/#?%"), "a%20b/%23%3F%25");
    }

    #[test]
    fn splits_the_sitemap_past_fifty_thousand_urls() {
        assert_eq!(sitemap_parts(0), 1);
        assert_eq!(sitemap_parts(SITEMAP_MAX_URLS), 1);
        assert_eq!(sitemap_parts(SITEMAP_MAX_URLS + 1), 2);
        let pages: Vec<PageKind> = (0..SITEMAP_MAX_URLS + 1).map(PageKind::Report).collect();
        assert_eq!(
            files(&pages, |_| false),
            ["feed.xml", "sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "robots.txt"]
        );
        assert_eq!(files(&pages[..3], |f| f == ROBOTS), ["feed.xml", "sitemap.xml"]);
        assert_eq!(
            files(&pages, |f| f == SITEMAP),
            ["feed.xml", "robots.txt"],
            "a site's own sitemap replaces all parts"
        );
    }
}
