//! Where a link leads: relative, root-relative and absolute URLs resolved to the output file
//! they name, with %-escapes decoded.

use crate::routes::file_for_url;
use std::borrow::Cow;

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

/// A page's folder, worked out once for all of the page's links.
#[derive(Debug, Clone, Copy)]
pub struct PageDir<'u> {
    /// The page's URL relative to the site root ("yanqing/2021/").
    url: &'u str,
    /// Its folder: all of a folder URL, up to the last slash of a file's.
    dir: &'u str,
    /// How many segments the folder has, when it is plain (see [`is_plain`]).
    plain_depth: Option<usize>,
}

impl<'u> PageDir<'u> {
    /// The folder of the page at `url` (relative to the site root).
    pub fn new(url: &'u str) -> Self {
        let dir = if url.ends_with('/') { url } else { url.rsplit_once('/').map_or("", |(d, _)| d) };
        let plain_depth = is_plain(dir).then(|| dir.split('/').filter(|s| !s.is_empty()).count());
        PageDir { url, dir, plain_depth }
    }
}

/// Where an internal link of a page leads, or why it cannot lead anywhere. `Ok(None)` is an
/// external link (with a scheme, or protocol-relative); `Ok(Some(fragment))` an internal one,
/// whose output file is then in `file`. `file` is emptied first: a page's links are settled
/// one after another in the same string, most of them without making another.
pub fn resolve_into(
    page: &PageDir,
    href: &str,
    base_path: &str,
    file: &mut String,
) -> Result<Option<Option<String>>, String> {
    file.clear();
    let Some((path, fragment)) = split_href(href.trim()) else { return Ok(None) };
    let fragment = fragment.map(|f| decoded(f).into_owned());
    if path.is_empty() {
        // A pure fragment points into the page itself.
        file.push_str(&file_for_url(page.url));
        return Ok(Some(fragment));
    }
    if let Some(abs) = path.strip_prefix('/') {
        match abs.strip_prefix(base_path.trim_start_matches('/')) {
            Some(inside) => by_segments("", inside, file)?,
            None => return Err(format!("it points outside the site's base path {base_path}")),
        }
    } else {
        match down_from_root(page, path) {
            Some(rest) => {
                file.push_str(rest);
                index_of(file);
            }
            None => by_segments(page.dir, path, file)?,
        }
    }
    Ok(Some(fragment))
}

/// A link's path (before any `?` or `#`) and its fragment (after the first `#`, still
/// %-escaped); `None` for an external link: one with a scheme (`https:`, `mailto:`) or
/// protocol-relative (`//host/`).
fn split_href(href: &str) -> Option<(&str, Option<&str>)> {
    if href.starts_with("//") {
        return None;
    }
    // One search finds where the path ends, and whether a scheme's colon comes first.
    let bytes = href.as_bytes();
    let mut end = memchr::memchr3(b':', b'#', b'?', bytes);
    if let Some(colon) = end.filter(|&i| bytes[i] == b':') {
        let scheme = &bytes[..colon];
        if !scheme.is_empty() && scheme.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')) {
            return None;
        }
        end = memchr::memchr2(b'#', b'?', &bytes[colon..]).map(|i| colon + i);
    }
    let hash = match end {
        Some(i) if bytes[i] == b'?' => memchr::memchr(b'#', &bytes[i..]).map(|j| i + j),
        other => other,
    };
    Some((&href[..end.unwrap_or(href.len())], hash.map(|i| &href[i + 1..])))
}

/// Writes into `target` the file `path` leads to from the folder `dir`, worked out segment by
/// segment: `.` stays, `..` climbs, %-escapes are decoded, and a folder means its `index.html`.
fn by_segments(dir: &str, path: &str, target: &mut String) -> Result<(), String> {
    // The target is built as segments each followed by '/', climbing as `..` says.
    push_segments(target, dir)?;
    push_segments(target, path)?;
    let is_folder = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") || path == ".." || path == ".";
    if !is_folder {
        target.pop();
    }
    if target.contains('%') {
        *target = percent_decode(target);
    }
    index_of(target);
    Ok(())
}

/// Makes `target` its `index.html` when it is the root or a folder.
fn index_of(target: &mut String) {
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
}

/// The part of `path` after it climbs from the page's folder exactly to the site root, when
/// both are plain (see [`is_plain`]): then that part is the target as written. Templates write
/// most links so (`{{ root }}indicators/…`), and a page has dozens.
fn down_from_root<'p>(page: &PageDir, path: &'p str) -> Option<&'p str> {
    let mut rest = path;
    for _ in 0..page.plain_depth? {
        rest = rest.strip_prefix("../")?;
    }
    is_plain(rest).then_some(rest)
}

/// Whether `path` is segments with nothing to work out: no leading or doubled '/', no `.` or
/// `..` segment, no %-escape.
fn is_plain(path: &str) -> bool {
    // One pass over the bytes, with no slicing: every link of every page is asked this.
    let (mut len, mut dots) = (0usize, 0usize);
    let dot_segment = |len: usize, dots: usize| len <= 2 && dots == len;
    for &b in path.as_bytes() {
        match b {
            b'%' => return false,
            b'/' => {
                // Only the last segment may be empty: a path ending in '/', or no path.
                if len == 0 || dot_segment(len, dots) {
                    return false;
                }
                (len, dots) = (0, 0);
            }
            b'.' => (len, dots) = (len + 1, dots + 1),
            _ => len += 1,
        }
    }
    len == 0 || !dot_segment(len, dots)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The file and fragment `href` on the page at `page_url` leads to.
    fn resolve(page_url: &str, href: &str, base_path: &str) -> Result<Option<(String, Option<String>)>, String> {
        let mut file = String::new();
        Ok(resolve_into(&PageDir::new(page_url), href, base_path, &mut file)?.map(|fragment| (file, fragment)))
    }

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
                let mut expected = String::new();
                let expected = by_segments(PageDir::new(page).dir, href, &mut expected).map(|()| expected);
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
        for path in pages
            .iter()
            .chain(&hrefs)
            .chain(&["/", "//", ".", "a/.", "a/..", "..a/", "a.b/", "年/份/", "...", ".a/", "a/.../b", "a/..", "./"])
        {
            assert_eq!(is_plain(path), by_splitting(path), "{path}");
        }
    }

    #[test]
    fn links_split_into_path_and_fragment_as_by_splitting_on_each_mark() {
        // The first way of splitting: a scheme before the first colon, then '#', then '?'.
        fn by_splitting(href: &str) -> Option<(&str, Option<&str>)> {
            let external = href.starts_with("//")
                || href.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.is_empty()
                        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                });
            if external {
                return None;
            }
            let (path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href, None),
            };
            Some((path.split('?').next().unwrap_or_default(), fragment))
        }
        let hrefs = [
            "",
            "a",
            "../a/",
            "#f",
            "?q",
            "a?q",
            "a#f",
            "a?q#f",
            "a#f?q",
            "a?q:1#f:2",
            "a#b#c",
            "https://x.org/",
            "mailto:a@b",
            "1a:b",
            "x+y.z-w:rest",
            ":x",
            "a b:c",
            "年:x",
            "a/b:c",
            "a#b:c",
            "a?b:c",
            "//host/x",
            "/r/a:b",
        ];
        for href in hrefs {
            assert_eq!(split_href(href), by_splitting(href), "{href}");
        }
    }

    #[test]
    fn percent_decoding_handles_utf8_and_bad_escapes() {
        assert_eq!(percent_decode("%E5%B9%B4%E5%BA%A6"), "年度");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
