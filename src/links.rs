//! The link check: every internal link of every rendered page must lead to a file the build
//! writes, and every `#fragment` to an id on that page.
//!
//! Links written in Markdown are reported at their place in the Markdown file; links that come
//! from templates are reported on the template, naming the page.

use crate::error::Diagnostic;
use crate::render::SourceLink;
use crate::write::FileSet;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

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
    let own_file = file_of(&url);
    let mut broken = Vec::new();
    let mut anchors = Vec::new();
    for href in hrefs {
        match resolve(&url, &href, targets.base_path) {
            Ok(None) => {}
            Err(why) => broken.push((href.into_owned(), why)),
            Ok(Some((file, fragment))) => {
                let file = if targets.files.contains(&file) || file.ends_with(".html") {
                    file
                } else {
                    // "yanqing" for "yanqing/": servers redirect a folder to its index.
                    format!("{file}/index.html")
                };
                if !targets.files.contains(&file) {
                    let why = format!("there is no page or file at /{}", file.trim_end_matches("index.html"));
                    broken.push((href.into_owned(), why));
                    continue;
                }
                match fragment.filter(|f| !f.is_empty()) {
                    // An anchor on another page is looked up once every page is scanned.
                    Some(f) if file != own_file => anchors.push((href.into_owned(), file, f)),
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

/// The attributes the link check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    /// `id="…"`: a place a fragment can point at.
    Id,
    /// `href="…"` or `src="…"`: a link.
    Link,
}

/// The searches for the three attribute names, each keyed on the two bytes of its name that
/// are rarest in HTML ([`HtmlBytes`]).
static FINDERS: std::sync::LazyLock<[(memchr::memmem::Finder<'static>, Attr); 3]> = std::sync::LazyLock::new(|| {
    let finder = |name: &'static [u8]| memchr::memmem::FinderBuilder::new().build_forward_with_ranker(HtmlBytes, name);
    [(finder(b" id=\""), Attr::Id), (finder(b" href=\""), Attr::Link), (finder(b" src=\""), Attr::Link)]
});

/// How common a byte is in HTML, for the attribute search's choice of which two bytes of a
/// name to look for first. Its default ranks bytes as in prose, where `=` and `"` are rare, so
/// `href="` was searched for by its quote and equals sign, which every `class="…"` has.
#[derive(Clone, Copy)]
struct HtmlBytes;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for HtmlBytes {
    fn rank(&self, byte: u8) -> u8 {
        // Lower-case letters from most to least common in the pages annalist writes, counted
        // over the sample site and a generated one (tag, attribute and class names).
        const LETTERS: &[u8; 26] = b"sanpltrcdieuomhfgwbvyxkqzj";
        match byte {
            b'"' | b'=' | b' ' | b'<' | b'>' | b'/' | b'\n' => 255,
            b'a'..=b'z' => 250 - 5 * LETTERS.iter().position(|&l| l == byte).unwrap_or(25) as u8,
            _ => 100,
        }
    }
}

/// Every double-quoted `id`, `href` and `src` attribute of `html` (as written by annalist's
/// renderer and any template), found by searching for each attribute name in turn: a page has
/// ten times as many other attributes (`class`, `title`, `data-value`), which a search for
/// every `="` stopped at. The page is bytes, as the template engine writes it; only the
/// attribute values are read as text.
fn attributes(bytes: &[u8]) -> impl Iterator<Item = (Attr, &str)> + '_ {
    FINDERS.iter().flat_map(move |(finder, attr)| {
        let (name, attr) = (finder.needle(), *attr);
        finder.find_iter(bytes).filter_map(move |i| {
            let start = i + name.len();
            let len = memchr::memchr(b'"', &bytes[start..])?;
            // Both ends are ASCII quotes, so a value of UTF-8 text is whole.
            Some((attr, std::str::from_utf8(&bytes[start..start + len]).ok()?))
        })
    })
}

fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&#x2F;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
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
        Some((p, f)) => (p, Some(decoded(f).into_owned())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() {
        // A pure fragment points into the page itself.
        return Ok(Some((file_of(page_url), fragment)));
    }
    let target = if let Some(abs) = path.strip_prefix('/') {
        match abs.strip_prefix(base_path.trim_start_matches('/')) {
            Some(inside) => by_segments("", inside)?,
            None => return Err(format!("it points outside the site's base path {base_path}")),
        }
    } else {
        // The page's folder: all of a folder URL, up to the last slash of a file's.
        let page_dir =
            if page_url.ends_with('/') { page_url } else { page_url.rsplit_once('/').map_or("", |(d, _)| d) };
        match down_from_root(page_dir, path) {
            Some(rest) => index_of(rest.to_string()),
            None => by_segments(page_dir, path)?,
        }
    };
    Ok(Some((target, fragment)))
}

/// The file `path` leads to from the folder `dir`, worked out segment by segment: `.` stays,
/// `..` climbs, %-escapes are decoded, and a folder means its `index.html`.
fn by_segments(dir: &str, path: &str) -> Result<String, String> {
    // The target is built as segments each followed by '/', climbing as `..` says.
    let mut target = String::with_capacity(dir.len() + path.len() + 16);
    push_segments(&mut target, dir)?;
    push_segments(&mut target, path)?;
    let is_folder = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") || path == ".." || path == ".";
    if !is_folder {
        target.pop();
    }
    if target.contains('%') {
        target = percent_decode(&target);
    }
    Ok(index_of(target))
}

/// `target`, or its `index.html` when it is the root or a folder.
fn index_of(mut target: String) -> String {
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    target
}

/// The part of `path` after it climbs from `page_dir` exactly to the site root, when both are
/// plain (see [`is_plain`]): then that part is the target as written. Templates write most
/// links so (`{{ root }}indicators/…`), and a page has dozens.
fn down_from_root<'p>(page_dir: &str, path: &'p str) -> Option<&'p str> {
    if !is_plain(page_dir) {
        return None;
    }
    let mut rest = path;
    for _ in page_dir.split('/').filter(|s| !s.is_empty()) {
        rest = rest.strip_prefix("../")?;
    }
    is_plain(rest).then_some(rest)
}

/// Whether `path` is segments with nothing to work out: no leading or doubled '/', no `.` or
/// `..` segment, no %-escape.
fn is_plain(path: &str) -> bool {
    // One pass over the bytes: every link of every page is asked this.
    let bytes = path.as_bytes();
    let mut start = 0;
    for i in 0..=bytes.len() {
        let at_end = i == bytes.len();
        if !at_end && bytes[i] == b'%' {
            return false;
        }
        if at_end || bytes[i] == b'/' {
            match &bytes[start..i] {
                // Only the last segment may be empty: a path ending in '/', or no path.
                b"" if !at_end => return false,
                b"." | b".." => return false,
                _ => start = i + 1,
            }
        }
    }
    true
}

/// Appends the segments of `path` to `target` (segments each followed by '/'): `.` and empty
/// segments are skipped, `..` drops the last one.
fn push_segments(target: &mut String, path: &str) -> Result<(), String> {
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if target.is_empty() {
                    return Err("it climbs above the site root".into());
                }
                target.pop();
                let keep = target.rfind('/').map_or(0, |i| i + 1);
                target.truncate(keep);
            }
            s => {
                target.push_str(s);
                target.push('/');
            }
        }
    }
    Ok(())
}

/// `s` with its %XX escapes decoded, borrowed when it has none.
fn decoded(s: &str) -> Cow<'_, str> {
    if s.contains('%') {
        Cow::Owned(percent_decode(s))
    } else {
        Cow::Borrowed(s)
    }
}

fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// Finishes the check once every page is scanned: anchors on other pages are looked up, and
/// every broken link becomes one diagnostic (per place in Markdown, or per template and
/// destination).
pub fn check(pages: &[PageLinks]) -> Vec<Diagnostic> {
    // The usual case, checked without building anything: no page has a link left to settle.
    if pages.iter().all(|p| p.broken.is_empty() && p.anchors.is_empty()) {
        return Vec::new();
    }
    let ids: HashMap<String, &Ids> = pages.iter().map(|p| (file_of(&p.url), &p.ids)).collect();
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
        assert_eq!(resolve("a/b/", "../x.css", "/"), Ok(Some(("a/x.css".into(), None))));
        assert_eq!(resolve("a/b.html", "./c/../d?q=1#top", "/"), Ok(Some(("a/d".into(), Some("top".into())))));
        assert_eq!(resolve("a/b/", ".", "/"), Ok(Some(("a/b/index.html".into(), None))));
        assert_eq!(resolve("a/", "b/..", "/"), Ok(Some(("a/index.html".into(), None))));
        assert_eq!(resolve("", "https://example.org/", "/"), Ok(None));
        assert_eq!(resolve("", "mailto:a@b", "/"), Ok(None));
        assert!(resolve("", "../x", "/").is_err());
        assert!(resolve("", "/elsewhere/", "/r/").is_err());
    }

    #[test]
    fn links_down_from_the_root_resolve_as_segment_by_segment() {
        // Every pair either takes the shortcut or not; either way it must give what working
        // the path out segment by segment gives.
        let pages = ["", "a/", "a/b/", "a/b.html", "404.html", "a/b/c/", "a//b/", "a/./b/", "a/%41/"];
        // (An empty link is the page itself, decided before any segment.)
        let hrefs = [
            "x",
            "x/",
            "x/y.css",
            "x//y",
            "./x",
            "x/./y",
            "x/../y",
            "%E5%B9%B4/",
            "..",
            "../",
            "../x",
            "../..",
            "../../",
            "../../x/",
            "../../x/y",
            "../../../x",
            "../../x/../y",
            "../../.",
            "../..//x",
        ];
        for page in pages {
            for href in hrefs {
                let page_dir = if page.ends_with('/') { page } else { page.rsplit_once('/').map_or("", |(d, _)| d) };
                let expected = by_segments(page_dir, href);
                let got = resolve(page, href, "/").map(|r| r.map(|(file, _)| file).unwrap_or_default());
                match (expected, got) {
                    (Ok(e), Ok(g)) => assert_eq!(g, e, "{href} on {page}"),
                    (Err(_), Err(_)) => {}
                    (e, g) => panic!("{href} on {page}: {g:?}, segment by segment {e:?}"),
                }
            }
        }
        assert!(is_plain("") && is_plain("a/") && is_plain("a/b.css"));
        assert!(!is_plain("/a") && !is_plain("a//b") && !is_plain("a/./b") && !is_plain("a/%20"));
        // The byte loop says what splitting into segments says.
        let by_splitting = |path: &str| {
            let last = path.matches('/').count();
            !path.contains('%')
                && path.split('/').enumerate().all(|(i, seg)| match seg {
                    "" => i == last,
                    "." | ".." => false,
                    _ => true,
                })
        };
        for path in pages.iter().chain(&hrefs).chain(&["/", "//", ".", "a/.", "a/..", "..a/", "a.b/", "年/份/"]) {
            assert_eq!(is_plain(path), by_splitting(path), "{path}");
        }
    }

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
    fn reads_ids_and_links_and_nothing_else() {
        let html =
            r#"<h2 id="一">x</h2><a class="a" href="../b/">b</a><img src="c.png" alt="x=&quot;"><p data-id="no">"#;
        let mut found: Vec<(Attr, &str)> = attributes(html.as_bytes()).collect();
        found.sort_by_key(|(_, v)| *v);
        assert_eq!(found, vec![(Attr::Link, "../b/"), (Attr::Link, "c.png"), (Attr::Id, "一")]);
        assert_eq!(attributes(br#"<a href="unterminated"#).count(), 0);
    }

    #[test]
    fn the_html_ranked_search_finds_what_the_plain_search_does() {
        let page = format!(
            "{}{}{}",
            r#"<td class="num"><span class="fig" title="src=x">1</span></td><a href="a/" id="b">"#,
            r#"<img src="s.png"><p class="href" data-src="no"> href="loose" src="" id=""<div id="z""#,
            "<th scope=\"row\"><a href=\"../../x/\">甲</a></th>".repeat(40),
        );
        for (finder, _) in FINDERS.iter() {
            let plain: Vec<usize> = memchr::memmem::find_iter(page.as_bytes(), finder.needle()).collect();
            assert_eq!(finder.find_iter(page.as_bytes()).collect::<Vec<_>>(), plain);
            assert!(!plain.is_empty());
        }
    }

    #[test]
    fn ids_are_found_by_their_exact_text() {
        let ids: Ids = ["top", "一、总体", "top"].into_iter().collect();
        assert!(ids.contains("top") && ids.contains("一、总体"));
        assert!(!ids.contains("Top") && !ids.contains("一") && !ids.contains(""));
        assert_eq!(ids.0.len(), 2);
    }

    #[test]
    fn percent_decoding_handles_utf8_and_bad_escapes() {
        assert_eq!(percent_decode("%E5%B9%B4%E5%BA%A6"), "年度");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
