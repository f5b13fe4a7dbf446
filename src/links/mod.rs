//! The link check: every internal link of every rendered page must lead to a file the build
//! writes, and every `#fragment` to an id on that page.
//!
//! Links written in Markdown are reported at their place in the Markdown file; links that come
//! from templates are reported on the template, naming the page.

use crate::error::Diagnostic;
use crate::write::FileSet;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

mod attributes;
pub mod urls;

use crate::routes::file_for_url;
use attributes::{attributes, unescape, Attr};
use urls::{percent_decode, resolve_into, PageDir};

/// A link written in a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// The destination as written.
    pub href: String,
    /// The Markdown file.
    pub file: PathBuf,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

/// The ids on one page, each kept as a 64-bit hash in a sorted list: every page's ids are held
/// until the whole site is scanned, and as strings they were tens of megabytes at 10,000
/// reports. Two ids sharing a hash (odds of 2⁻⁶⁴ a pair) could only hide a missing anchor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids(Vec<u64>);

impl Ids {
    fn hash(id: &str) -> u64 {
        use std::hash::BuildHasher;
        foldhash::quality::FixedState::with_seed(0x616e_6e61_6c69_7374).hash_one(id)
    }

    /// Whether the page has an element with this id.
    pub fn contains(&self, id: &str) -> bool {
        self.0.binary_search(&Self::hash(id)).is_ok()
    }
}

impl<'a> FromIterator<&'a str> for Ids {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> Self {
        let mut hashes: Vec<u64> = ids.into_iter().map(Self::hash).collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes.shrink_to_fit();
        Ids(hashes)
    }
}

/// What the link check keeps of one rendered page: its ids, and only the links that are
/// already broken or that point at an anchor on another page (checked once every page's ids
/// are known). Links that lead to a file the build writes are settled while scanning, so
/// memory does not grow with every link of every page.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// The page's URL relative to the site root ("yanqing/2021/").
    pub url: String,
    /// The template that rendered it (for links that do not come from Markdown).
    pub template: PathBuf,
    /// Every `id` on the page.
    pub ids: Ids,
    /// Links found broken, with why.
    pub broken: Vec<(String, String)>,
    /// Links to an anchor on another page: (href, target file, fragment).
    pub anchors: Vec<(String, String, String)>,
    /// Links written in the page's Markdown (kept only when something above needs placing).
    pub body_links: Vec<SourceLink>,
}

/// The files a build writes, against which links are resolved.
#[derive(Debug, Clone, Copy)]
pub struct Targets<'a> {
    /// Output paths relative to the site root ("yanqing/2021/index.html").
    pub files: &'a FileSet,
    /// The base URL's path ("/reports/"), for root-relative links.
    pub base_path: &'a str,
}

/// Scans a page's HTML: settles each link against `targets`, keeps what needs more checking.
pub fn scan(url: String, template: PathBuf, html: &[u8], body_links: Vec<SourceLink>, targets: Targets) -> PageLinks {
    let mut id_values: Vec<Cow<str>> = Vec::new();
    let mut hrefs: Vec<Cow<str>> = Vec::new();
    for (attr, value) in attributes(html) {
        match attr {
            Attr::Id => id_values.push(unescape(value)),
            Attr::Link => hrefs.push(unescape(value)),
        }
    }
    let ids: Ids = id_values.iter().map(|v| v.as_ref()).collect();
    hrefs.sort_unstable();
    hrefs.dedup();
    let own_file = file_for_url(&url);
    let page = PageDir::new(&url);
    let mut broken = Vec::new();
    let mut anchors = Vec::new();
    // Each link's file is written into this one string: most links are settled without another.
    let mut file = String::with_capacity(64);
    for href in hrefs {
        match resolve_into(&page, &href, targets.base_path, &mut file) {
            Ok(None) => {}
            Err(why) => broken.push((href.into_owned(), why)),
            Ok(Some(fragment)) => {
                if !targets.files.contains(file.as_str()) && !file.ends_with(".html") {
                    // "yanqing" for "yanqing/": servers redirect a folder to its index.
                    file.push_str("/index.html");
                }
                if !targets.files.contains(file.as_str()) {
                    let why = format!("there is no page or file at /{}", file.trim_end_matches("index.html"));
                    broken.push((href.into_owned(), why));
                    continue;
                }
                match fragment.filter(|f| !f.is_empty()) {
                    // An anchor on another page is looked up once every page is scanned.
                    Some(f) if file != own_file => anchors.push((href.into_owned(), file.clone(), f)),
                    Some(f) if !ids.contains(&f) => broken.push((href.into_owned(), no_anchor(&f, &file))),
                    _ => {}
                }
            }
        }
    }
    let body_links = if broken.is_empty() && anchors.is_empty() { Vec::new() } else { body_links };
    PageLinks { url, template, ids, broken, anchors, body_links }
}

/// Why a link to `#fragment` on the page written to `file` is broken.
fn no_anchor(fragment: &str, file: &str) -> String {
    format!("there is no anchor '#{fragment}' on /{}", file.trim_end_matches("index.html"))
}

/// Finishes the check once every page is scanned: anchors on other pages are looked up, and
/// every broken link becomes one diagnostic (per place in Markdown, or per template and
/// destination).
pub fn check(pages: &[PageLinks]) -> Vec<Diagnostic> {
    // The usual case, checked without building anything: no page has a link left to settle.
    if pages.iter().all(|p| p.broken.is_empty() && p.anchors.is_empty()) {
        return Vec::new();
    }
    let ids: HashMap<String, &Ids> = pages.iter().map(|p| (file_for_url(&p.url), &p.ids)).collect();
    let mut out = Vec::new();
    let mut reported: HashSet<(PathBuf, String)> = HashSet::new();
    for page in pages {
        let missing_anchors = page.anchors.iter().filter_map(|(href, file, f)| match ids.get(file) {
            Some(page_ids) if !page_ids.contains(f) => Some((href.clone(), no_anchor(f, file))),
            _ => None,
        });
        let problems: Vec<(String, String)> = page.broken.iter().cloned().chain(missing_anchors).collect();
        for (href, why) in problems {
            let decoded = percent_decode(&href);
            let in_body: Vec<&SourceLink> =
                page.body_links.iter().filter(|l| l.href == href || percent_decode(&l.href) == decoded).collect();
            if in_body.is_empty() {
                if reported.insert((page.template.clone(), href.clone())) {
                    out.push(
                        Diagnostic::error(
                            &page.template,
                            0,
                            0,
                            format!("broken link '{href}': {why} (on page /{})", page.url),
                        )
                        .with_hint("fix the link in the template"),
                    );
                }
            } else {
                for l in in_body {
                    out.push(
                        Diagnostic::error(&l.file, l.line, l.col, format!("broken link '{}': {why}", l.href))
                            .with_hint("links between pages are relative to the page's URL, e.g. ../../yanqing/2021/ from a report"),
                    );
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_missing_pages_and_anchors_at_their_source() {
        let body_link = SourceLink { href: "../nope/".into(), file: "content/a/2021.md".into(), line: 7, col: 5 };
        let files: FileSet = ["a/2021/index.html", "b/index.html"].iter().map(|s| s.to_string()).collect();
        let targets = Targets { files: &files, base_path: "/" };
        let page = scan(
            "a/2021/".into(),
            "report.html".into(),
            r##"<a href="../nope/">x</a><a href="../../b/#missing">y</a><a href="#here">z</a><h2 id="here">"##
                .as_bytes(),
            vec![body_link],
            targets,
        );
        let b = scan("b/".into(), "entity.html".into(), b"<p id=\"top\">", vec![], targets);
        let d = check(&[page, b]);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].file.to_str().unwrap(), d[0].line, d[0].col), ("content/a/2021.md", 7, 5));
        assert!(d[0].message.contains("no page or file"));
        assert!(d[1].message.contains("no anchor '#missing'"), "{d:?}");
    }

    #[test]
    fn ids_are_found_by_their_exact_text() {
        let ids: Ids = ["top", "一、总体", "top"].into_iter().collect();
        assert!(ids.contains("top") && ids.contains("一、总体"));
        assert!(!ids.contains("Top") && !ids.contains("一") && !ids.contains(""));
        assert_eq!(ids.0.len(), 2);
    }
}
