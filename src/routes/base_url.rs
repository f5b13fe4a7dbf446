//! The URL the site is published under, made once per build from site.yaml's `base_url` (or
//! the override of `--base-url` and the preview's address).

/// A base URL with exactly one trailing slash (`https://example.org/reports/`), and its path
/// ("/reports/"): the feed, the sitemap, permalinks and the data files join page URLs to the
/// one, the link check and the 404 page use the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    url: String,
    path: String,
}

impl BaseUrl {
    /// The base URL of a site published at `url`, which site.yaml's check
    /// ([`crate::model::config::base_url_problem`]) has passed: any trailing slashes become
    /// one.
    pub fn new(url: &str) -> Self {
        let url = format!("{}/", url.trim_end_matches('/'));
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let path = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
        BaseUrl { url, path }
    }

    /// The URL, ending in '/'.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The path part, always starting and ending with '/' ("/reports/", or "/" at a host's
    /// root).
    pub fn path(&self) -> &str {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_trailing_slash_and_the_path_under_the_host() {
        for (given, url, path) in [
            ("https://example.org/reports/", "https://example.org/reports/", "/reports/"),
            ("https://example.org/reports", "https://example.org/reports/", "/reports/"),
            ("https://example.org", "https://example.org/", "/"),
            ("https://example.org//", "https://example.org/", "/"),
            ("http://127.0.0.1:1111/a/b/", "http://127.0.0.1:1111/a/b/", "/a/b/"),
        ] {
            let b = BaseUrl::new(given);
            assert_eq!((b.as_str(), b.path()), (url, path), "{given}");
        }
    }
}
