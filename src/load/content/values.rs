//! Checks of single front-matter values that have a form of their own: dates and web addresses.

use crate::error::Diagnostic;
use crate::load::spans;
use std::path::Path;

/// An error at `key` when its value is not an absolute http(s) URL: pages link to it, and a
/// `javascript:` or `data:` address would run in the reader's browser, a relative one lead
/// nowhere.
pub(super) fn check_url(
    rel: &Path,
    tree: Option<&spans::Node>,
    key: &str,
    url: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) {
    let Some(url) = url.filter(|u| !is_web_url(u)) else { return };
    let pos = tree.and_then(|t| t.get(key)).map(|n| n.pos).unwrap_or_default();
    errors.push(
        Diagnostic::error(rel, pos.line, pos.col, format!("{key} '{url}' is not an absolute http(s) URL"))
            .with_hint("write the whole address, starting with https:// or http://, or leave the key out"),
    );
}

/// Whether `url` is an absolute http or https URL with a host and no spaces or control
/// characters.
pub(super) fn is_web_url(url: &str) -> bool {
    let lower = |n: usize| url.get(..n).map(str::to_ascii_lowercase);
    let rest = if lower(7).as_deref() == Some("http://") {
        &url[7..]
    } else if lower(8).as_deref() == Some("https://") {
        &url[8..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `s` is a real calendar day written YYYY-MM-DD (what feeds and sitemaps need).
pub(super) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_web_urls_are_urls() {
        for good in ["https://example.org", "http://example.org/a?b#c", "HTTPS://Example.org/", "https://例子.中国/"]
        {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "/reports/a.pdf",
            "example.org",
            "https://",
            "https:///etc/passwd",
            "https://a.org/x y",
            "https://a.org/\n",
            "",
            "ftp://example.org/",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn dates_must_be_real_days() {
        for good in ["2022-03-29", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2022-13-01",
            "2022-00-10",
            "2022-3-29",
            "22-03-29",
            "2022/03/29",
            "二〇二二-03-29",
            "2022-03-3a",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
