//! The URL of every page, relative to the site root ("yanqing/2021/"), and the output file
//! each URL is written to.

use crate::compute::Facet;
use crate::model::Report;

/// URL of an entity's page.
pub fn entity_url(id: &str) -> String {
    format!("{id}/")
}

/// URL of a report's page.
pub fn report_url(r: &Report) -> String {
    report_path(&r.entity, r.year)
}

/// URL of the page of an entity's report for a year.
pub fn report_path(entity: &str, year: i32) -> String {
    let mut path = String::with_capacity(entity.len() + 6);
    push_report_path(&mut path, entity, year);
    path
}

/// Appends [`report_path`] to `out` (the data files give it for every figure).
pub fn push_report_path(out: &mut String, entity: &str, year: i32) {
    use std::fmt::Write as _;
    out.push_str(entity);
    let _ = write!(out, "/{year}/");
}

/// URL of a year's page.
pub fn year_url(y: i32) -> String {
    format!("years/{y}/")
}

/// URL of the catalogue page.
pub const INDICATORS_URL: &str = "indicators/";

/// URL of an indicator's page.
pub fn indicator_url(id: &str) -> String {
    format!("{INDICATORS_URL}{id}/")
}

/// URL of the page of a tag whose slug is `slug` ([`crate::compute::tag_slug`]).
pub fn tag_url(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// URL of the page of the organisations whose `facet` has the value `slug`.
pub fn facet_url(facet: Facet, slug: &str) -> String {
    format!("{}/{slug}/", facet.folder())
}

/// URL of a free page whose file is named `slug` (`about.md` → "about/").
pub fn free_page_url(slug: &str) -> String {
    format!("{slug}/")
}

/// URL of the search page.
pub const SEARCH_URL: &str = "search/";

/// URL of the page for a missing address.
pub const NOT_FOUND_URL: &str = "404.html";

/// URL of page `page` (0-based) of a paginated page whose first page is at `first`.
pub fn paged(first: &str, page: usize) -> String {
    if page == 0 {
        first.to_string()
    } else {
        format!("{first}page/{}/", page + 1)
    }
}

/// The output file of a page at `url`, relative to the output root: a URL ending in '/' (or
/// the home page's empty one) is a folder's `index.html`.
pub fn file_for_url(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_index_files() {
        assert_eq!(file_for_url(""), "index.html");
        assert_eq!(file_for_url("yanqing/2021/"), "yanqing/2021/index.html");
        assert_eq!(file_for_url(NOT_FOUND_URL), "404.html");
    }

    #[test]
    fn later_pages_of_a_list_are_numbered_from_two() {
        assert_eq!(paged(&tag_url("x"), 0), "tags/x/");
        assert_eq!(paged(&tag_url("x"), 1), "tags/x/page/2/");
        assert_eq!(paged("", 2), "page/3/");
        assert_eq!(report_path("yanqing", 2021), "yanqing/2021/");
        assert_eq!(indicator_url("rate"), "indicators/rate/");
    }
}
