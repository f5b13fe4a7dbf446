//! `site.yaml`: the settings of a site.

use super::Extra;
use serde::{Deserialize, Serialize};

/// The site's settings, as written in `site.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title.
    pub title: String,
    /// Absolute URL the site is published under; may have a sub-path.
    pub base_url: String,
    /// Interface language of the theme: `zh-CN` or `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme name: a folder under `themes/`, or `default` (built in).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// One sentence describing the site.
    #[serde(default)]
    pub description: String,
    /// Settings of the year-over-year tables.
    #[serde(default)]
    pub yoy: YoySettings,
    /// How many organisations a year's or an indicator's page shows at once; past that the
    /// page continues on `page/2/`, `page/3/` … so it stays readable with a thousand of them.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// How many of the newest reports the Atom feed (`/feed.xml`) carries.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Whether the site has a search page (`/search/`) and a search box on every page.
    #[serde(default = "default_search")]
    pub search: bool,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// Settings of the year-over-year tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YoySettings {
    /// How many year columns an entity's table shows.
    #[serde(default = "default_years")]
    pub years: usize,
    /// What a year's value is compared with.
    #[serde(default)]
    pub compare: Compare,
}

/// What a year's value is compared with (`yoy.compare`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    /// The year before, and nothing else: a gap there leaves the change empty.
    #[default]
    PreviousYear,
    /// The nearest earlier year that has a value (never across a break), named in the cell
    /// ("较2022年").
    PreviousReport,
}

impl Default for YoySettings {
    fn default() -> Self {
        YoySettings { years: default_years(), compare: Compare::default() }
    }
}

fn default_language() -> String {
    "zh-CN".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_years() -> usize {
    5
}

fn default_paginate_by() -> usize {
    50
}

fn default_feed_limit() -> usize {
    20
}

fn default_search() -> bool {
    true
}

/// What is wrong with `url` as a site's base URL, if anything: it must be an absolute http(s)
/// URL with a host, and hold nothing that would break a URL joined to it or a file it is
/// written into — no whitespace or control character (a newline would add lines to
/// robots.txt), no query (`?`) and no fragment (`#`), after which every page's path would be
/// taken as part of the query or the fragment.
pub fn base_url_problem(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return Some(format!("base_url '{url}' is not an absolute http(s) URL")) };
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("base_url {url:?} holds the character {c:?}"));
    }
    if url.contains(['?', '#']) {
        return Some(format!("base_url '{url}' has a query ('?') or a fragment ('#')"));
    }
    if rest.split('/').next().is_none_or(str::is_empty) {
        return Some(format!("base_url '{url}' has no host"));
    }
    None
}

/// What is wrong with `name` as a theme's name, if anything: it must be a plain folder name
/// under `themes/`, so no path (`/`, `\`, `..`) can load a theme from elsewhere on the disk.
pub fn theme_name_problem(name: &str) -> Option<String> {
    let plain = !name.is_empty() && !name.contains(['/', '\\', ':']) && name != "." && name != "..";
    (!plain).then(|| format!("theme '{name}' is not a folder name under themes/"))
}

/// The interface languages the default theme has strings for.
pub const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> SiteConfig {
        serde_yaml::from_str(&format!("title: t\nbase_url: {base}\n")).unwrap()
    }

    #[test]
    fn base_urls_that_would_break_urls_or_files_are_refused() {
        for good in ["https://example.org/", "http://example.org", "https://example.org:8080/a/b/"] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for bad in [
            "example.org/",
            "https:///a/",
            "https://example.org/\nSitemap: https://evil.example/x.xml",
            "https://example.org/a b/",
            "https://example.org/\t",
            "https://example.org/?x=1",
            "https://example.org/#top",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn a_theme_is_a_plain_folder_name() {
        assert_eq!(theme_name_problem("default"), None);
        assert_eq!(theme_name_problem("my-theme.v2"), None);
        for bad in ["", ".", "..", "../x", "/etc", "a/b", "a\\b", "C:x"] {
            assert!(theme_name_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn defaults() {
        let c = config("https://example.org/");
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.theme, "default");
        assert_eq!(c.yoy.years, 5);
        assert_eq!(c.paginate_by, 50);
    }
}
