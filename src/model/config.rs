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
}

impl Default for YoySettings {
    fn default() -> Self {
        YoySettings { years: default_years() }
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

/// The path part of a base URL, always starting and ending with `/`: "/reports/" for
/// `https://example.org/reports`.
pub fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// The interface languages the default theme has strings for.
pub const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

impl SiteConfig {
    /// The path part of `base_url`, always starting and ending with `/` ("/reports/").
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url_slash(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> SiteConfig {
        serde_yaml::from_str(&format!("title: t\nbase_url: {base}\n")).unwrap()
    }

    #[test]
    fn base_path_of_sub_path_and_root() {
        assert_eq!(config("https://example.org/reports/").base_path(), "/reports/");
        assert_eq!(config("https://example.org/reports").base_path(), "/reports/");
        assert_eq!(config("https://example.org").base_path(), "/");
        assert_eq!(config("https://example.org/a/b/").base_url_slash(), "https://example.org/a/b/");
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
