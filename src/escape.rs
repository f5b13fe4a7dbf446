//! HTML escaping: the one way text becomes HTML, below every layer that writes HTML (the
//! renderer, the template engine's output, the feed and the preview's error page).

use std::borrow::Cow;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_html_into(&mut out, s);
    out
}

/// `s` escaped as [`escape_html`] does, borrowed when it has nothing to escape (most text).
pub fn escaped(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
        Cow::Owned(escape_html(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// The entity that stands for `b` in HTML text and attributes, if `b` is one of the five
/// characters [`escape_html`] replaces.
fn entity_for(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Texts up to this many bytes are escaped in one plain pass: numbers, units and labels, the
/// most escaped texts of a site, are shorter than setting up a vector search costs.
const SHORT_TEXT: usize = 48;

/// Appends `s` to `out` escaped as [`escape_html`] does, copying the runs between the five
/// characters it replaces whole: most text has none of them. In a long text the five are found
/// with `memchr`'s vector search, two and three at a time, not byte by byte: the template
/// engine escapes every value it prints through here.
pub fn escape_html_into(out: &mut String, s: &str) {
    if s.len() <= SHORT_TEXT {
        let mut done = 0;
        for (i, b) in s.bytes().enumerate() {
            if let Some(entity) = entity_for(b) {
                // The five are ASCII, so `i` is on a character boundary.
                out.push_str(&s[done..i]);
                out.push_str(entity);
                done = i + 1;
            }
        }
        out.push_str(&s[done..]);
        return;
    }
    let bytes = s.as_bytes();
    let markup = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| from + i);
    let quote = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|i| from + i);
    // The next of each kind, each searched for again only once it is passed.
    let (mut next_markup, mut next_quote) = (markup(0), quote(0));
    let mut done = 0;
    while let Some(i) = next_markup.into_iter().chain(next_quote).min() {
        let replacement = entity_for(bytes[i]).expect("memchr finds only the five");
        // The five are ASCII, so `i` is on a character boundary.
        out.push_str(&s[done..i]);
        out.push_str(replacement);
        done = i + 1;
        if next_markup == Some(i) {
            next_markup = markup(done);
        } else {
            next_quote = quote(done);
        }
    }
    out.push_str(&s[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape_html("甲<乙>&\"丙\"'丁'"), "甲&lt;乙&gt;&amp;&quot;丙&quot;&#39;丁&#39;");
        assert_eq!(escape_html("无需转义"), "无需转义");
        assert!(matches!(escaped("无需转义"), Cow::Borrowed("无需转义")));
        assert_eq!(escaped("a<b"), "a&lt;b");
        let mut out = String::from("x");
        escape_html_into(&mut out, "a&b");
        assert_eq!(out, "xa&amp;b");
        // The plain pass (short texts) and the vector search (long ones) give what replacing
        // byte by byte gives, wherever the five stand and however they mix.
        let byte_by_byte = |s: &str| {
            s.chars().fold(String::new(), |mut out, c| {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c => out.push(c),
                }
                out
            })
        };
        let long = format!("{}&{}", "\"'".repeat(40), "年<>".repeat(30));
        let (at_limit, past_limit) =
            (format!("{}<&", "a".repeat(SHORT_TEXT - 2)), format!("{}<&'", "a".repeat(SHORT_TEXT - 2)));
        // Three-byte characters ending at the limit and straddling it.
        let (han_at_limit, han_past_limit) =
            (format!("{}年", "a".repeat(SHORT_TEXT - 3)), format!("{}&年<", "a".repeat(SHORT_TEXT - 3)));
        for s in [
            "",
            "&",
            "'",
            "<>",
            "\"\"",
            "a'b\"c&d<e>f",
            "&&''<<",
            "'&",
            "年'",
            "x\"",
            &long,
            &at_limit,
            &past_limit,
            &han_at_limit,
            &han_past_limit,
        ] {
            assert_eq!(escape_html(s), byte_by_byte(s), "{s}");
        }
    }
}
