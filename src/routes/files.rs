//! The names of the output files that are not pages: stylesheets, data files, discovery files
//! and the search index. Each name or pattern is written here once; what a build writes of
//! them is listed by `write::outputs::other_files`.

/// The stylesheet of highlighted code, written unless the theme or the site brings its own.
pub const SYNTAX_CSS: &str = "syntax.css";

/// Every figure of the site as CSV.
pub const SITE_DATA_CSV: &str = "data/indicators.csv";

/// Every figure of the site as JSON.
pub const SITE_DATA_JSON: &str = "data/indicators.json";

/// The site-wide data files, which the preview makes only when a browser asks for them.
pub const SITE_DATA: [&str; 2] = [SITE_DATA_CSV, SITE_DATA_JSON];

/// An organisation's own data file ("yanqing/data.csv"), beside its page; also the URL its
/// page links to.
pub fn entity_data_file(id: &str) -> String {
    format!("{id}/data.csv")
}

/// The Atom feed.
pub const FEED: &str = "feed.xml";

/// The sitemap (an index of the parts when the site has more URLs than one sitemap may hold).
pub const SITEMAP: &str = "sitemap.xml";

/// Part `n` (from 1) of a sitemap split into parts.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The robots file, pointing at the sitemap.
pub const ROBOTS: &str = "robots.txt";

/// The search index's document list, read first by the browser.
pub const SEARCH_DOCS: &str = "search/index.json";

/// The search index's shard `n`.
pub fn search_shard(n: usize) -> String {
    format!("search/index-{n}.json")
}

/// Whether `file` is one of the search index's files ([`SEARCH_DOCS`], [`search_shard`]).
pub fn is_search_index(file: &str) -> bool {
    file.strip_prefix("search/index").is_some_and(|rest| rest.ends_with(".json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_index_is_known_by_its_names() {
        assert!(is_search_index(SEARCH_DOCS));
        assert!(is_search_index(&search_shard(12)));
        assert!(!is_search_index("search/index.html"));
        assert!(!is_search_index("search/script.js"));
    }
}
