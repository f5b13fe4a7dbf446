//! The link check: every internal link of every rendered page must lead to a file the build
//! writes, and every `#fragment` to an id on that page.
//!
//! Links written in Markdown are reported at their place in the Markdown file; links that come
//! from templates are reported on the template, naming the page.

use crate::error::Diagnostic;
use crate::render::SourceLink;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// What the link check needs of one rendered page.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// The page's URL relative to the site root ("yanqing/2021/").
    pub url: String,
    /// The template that rendered it (for links that do not come from Markdown).
    pub template: PathBuf,
    /// Every `id` on the page.
    pub ids: HashSet<String>,
    /// Every `href` and `src` on the page, unescaped.
    pub hrefs: Vec<String>,
    /// Links written in the page's Markdown.
    pub body_links: Vec<SourceLink>,
}

/// Collects ids and links of a page's HTML.
pub fn scan(url: String, template: PathBuf, html: &str, body_links: Vec<SourceLink>) -> PageLinks {
    let ids = attr_values(html, " id=\"").map(unescape).collect();
    let mut hrefs: Vec<String> =
        attr_values(html, " href=\"").chain(attr_values(html, " src=\"")).map(unescape).collect();
    hrefs.sort();
    hrefs.dedup();
    PageLinks { url, template, ids, hrefs, body_links }
}

fn attr_values<'a>(html: &'a str, needle: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    html.match_indices(needle).filter_map(move |(i, _)| {
        let rest = &html[i + needle.len()..];
        rest.find('"').map(|end| &rest[..end])
    })
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Decodes %XX escapes (as UTF-8); malformed escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 3) {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Where an internal link leads: the output file and the fragment, or why it cannot lead
/// anywhere. External links (with a scheme, or protocol-relative) give `Ok(None)`.
pub fn resolve(page_url: &str, href: &str, base_path: &str) -> Result<Option<(String, Option<String>)>, String> {
    let href = href.trim();
    let is_external = href.starts_with("//")
        || href.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
    if is_external {
        return Ok(None);
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let page_dir = if page_url.ends_with('/') || page_url.is_empty() {
        page_url.to_string()
    } else {
        page_url.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"))
    };
    let joined = if path.is_empty() {
        // A pure fragment points into the page itself.
        return Ok(Some((file_of(page_url), fragment)));
    } else if let Some(abs) = path.strip_prefix('/') {
        match abs.strip_prefix(base_path.trim_start_matches('/')) {
            Some(inside) => inside.to_string(),
            None => return Err(format!("it points outside the site's base path {base_path}")),
        }
    } else {
        format!("{page_dir}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("it climbs above the site root".into());
                }
            }
            s => parts.push(s),
        }
    }
    let mut target = percent_decode(&parts.join("/"));
    let is_folder = joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/..") || joined == "..";
    if is_folder && !target.is_empty() {
        target.push('/');
    }
    Ok(Some((file_of(&target), fragment)))
}

fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// Checks every page's links against the files of the output. Returns one diagnostic per
/// broken link (per place in Markdown, or per template and destination).
pub fn check(pages: &[PageLinks], files: &HashSet<String>, base_path: &str) -> Vec<Diagnostic> {
    let ids: HashMap<String, &HashSet<String>> = pages.iter().map(|p| (file_of(&p.url), &p.ids)).collect();
    let mut out = Vec::new();
    let mut reported: HashSet<(PathBuf, String)> = HashSet::new();
    for page in pages {
        for href in &page.hrefs {
            let problem = match resolve(&page.url, href, base_path) {
                Ok(None) => None,
                Err(why) => Some(why),
                Ok(Some((file, fragment))) => {
                    let file = if files.contains(&file) || file.ends_with(".html") {
                        file
                    } else {
                        // "yanqing" for "yanqing/": servers redirect a folder to its index.
                        format!("{file}/index.html")
                    };
                    if !files.contains(&file) {
                        Some(format!("there is no page or file at /{}", file.trim_end_matches("index.html")))
                    } else {
                        match (fragment, ids.get(&file)) {
                            (Some(f), Some(page_ids)) if !f.is_empty() && !page_ids.contains(&f) => {
                                Some(format!("there is no anchor '#{f}' on /{}", file.trim_end_matches("index.html")))
                            }
                            _ => None,
                        }
                    }
                }
            };
            let Some(why) = problem else { continue };
            let decoded = percent_decode(href);
            let in_body: Vec<&SourceLink> =
                page.body_links.iter().filter(|l| &l.href == href || percent_decode(&l.href) == decoded).collect();
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
    fn resolves_relative_absolute_and_fragment_links() {
        assert_eq!(
            resolve("yanqing/2021/", "../../wuqing/2023/", "/r/"),
            Ok(Some(("wuqing/2023/index.html".into(), None)))
        );
        assert_eq!(resolve("yanqing/2021/", "../", "/r/"), Ok(Some(("yanqing/index.html".into(), None))));
        assert_eq!(resolve("yanqing/", "../", "/r/"), Ok(Some(("index.html".into(), None))));
        assert_eq!(resolve("", "./", "/r/"), Ok(Some(("index.html".into(), None))));
        assert_eq!(resolve("a/b/", "../..", "/r/"), Ok(Some(("index.html".into(), None))));
        assert_eq!(
            resolve("yanqing/2021/", "#%E4%B8%80", "/r/"),
            Ok(Some(("yanqing/2021/index.html".into(), Some("一".into()))))
        );
        assert_eq!(resolve("404.html", "/r/style.css", "/r/"), Ok(Some(("style.css".into(), None))));
        assert_eq!(resolve("", "tags/%E5%B9%B4/", "/"), Ok(Some(("tags/年/index.html".into(), None))));
        assert_eq!(resolve("", "https://example.org/", "/"), Ok(None));
        assert_eq!(resolve("", "mailto:a@b", "/"), Ok(None));
        assert!(resolve("", "../x", "/").is_err());
        assert!(resolve("", "/elsewhere/", "/r/").is_err());
    }

    #[test]
    fn reports_missing_pages_and_anchors_at_their_source() {
        let body_link = SourceLink { href: "../nope/".into(), file: "content/a/2021.md".into(), line: 7, col: 5 };
        let page = scan(
            "a/2021/".into(),
            "report.html".into(),
            r##"<a href="../nope/">x</a><a href="../../b/#missing">y</a><a href="#here">z</a><h2 id="here">"##,
            vec![body_link],
        );
        let b = scan("b/".into(), "entity.html".into(), "<p id=\"top\">", vec![]);
        let files: HashSet<String> = ["a/2021/index.html", "b/index.html"].iter().map(|s| s.to_string()).collect();
        let d = check(&[page, b], &files, "/");
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].file.to_str().unwrap(), d[0].line, d[0].col), ("content/a/2021.md", 7, 5));
        assert!(d[0].message.contains("no page or file"));
        assert!(d[1].message.contains("no anchor '#missing'"), "{d:?}");
    }

    #[test]
    fn percent_decoding_handles_utf8_and_bad_escapes() {
        assert_eq!(percent_decode("%E5%B9%B4%E5%BA%A6"), "年度");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
