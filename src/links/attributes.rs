//! Finding the attributes the link check reads (`id`, `href`, `src`) in a page's HTML.

use std::borrow::Cow;

/// The attributes the link check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Attr {
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
pub(super) fn attributes(bytes: &[u8]) -> impl Iterator<Item = (Attr, &str)> + '_ {
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

/// An attribute value with the HTML escapes a template engine writes undone.
pub(super) fn unescape(s: &str) -> Cow<'_, str> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
