//! The pages of a site: what each shows, which template renders it, and where it goes.

use super::urls::*;
use crate::compute::{Computed, Facet};
use crate::model::{IndicatorId, Site};

/// How many pages `items` things take at `per` a page; an empty list still has its one page.
pub fn page_count(items: usize, per: usize) -> usize {
    items.div_ceil(per.max(1)).max(1)
}

/// A page to render: what it shows and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// `/`, and `/page/<n>/` for the later pages of its list of organisations (0-based here).
    Home(usize),
    /// `/<entity>/`, by index into `site.entities`.
    Entity(usize),
    /// `/<entity>/<year>/`, by index into `site.reports`.
    Report(usize),
    /// `/indicators/`.
    Indicators,
    /// `/indicators/<id>/`, and `/indicators/<id>/page/<n>/` for its later pages (0-based here).
    Indicator(IndicatorId, usize),
    /// `/years/<year>/`, and `/years/<year>/page/<n>/` for its later pages (0-based here).
    Year(i32, usize),
    /// `/tags/<slug>/`, and `/tags/<slug>/page/<n>/` for its later pages (0-based here).
    Tag(String, usize),
    /// `/regions/<slug>/` or `/levels/<slug>/`: the organisations of one region or level, and
    /// `…/page/<n>/` for its later pages (0-based here).
    Facet(Facet, String, usize),
    /// `/<slug>/`, by index into `site.pages`.
    Page(usize),
    /// `/search/`: the page that searches the index in the browser.
    Search,
    /// `/404.html`.
    NotFound,
}

impl PageKind {
    /// The templates that render pages, one per kind, in the order of [`PageKind::slot`].
    pub const TEMPLATES: [&'static str; 11] = [
        "index.html",
        "entity.html",
        "report.html",
        "indicators.html",
        "indicator.html",
        "year.html",
        "tag.html",
        "facet.html",
        "page.html",
        "search.html",
        "404.html",
    ];

    /// The kind's place in [`PageKind::TEMPLATES`]: where per-kind state (such as how large
    /// its pages grow) is kept.
    pub fn slot(&self) -> usize {
        match self {
            PageKind::Home(_) => 0,
            PageKind::Entity(_) => 1,
            PageKind::Report(_) => 2,
            PageKind::Indicators => 3,
            PageKind::Indicator(..) => 4,
            PageKind::Year(..) => 5,
            PageKind::Tag(..) => 6,
            PageKind::Facet(..) => 7,
            PageKind::Page(_) => 8,
            PageKind::Search => 9,
            PageKind::NotFound => 10,
        }
    }

    /// The template that renders this kind of page.
    pub fn template(&self) -> &'static str {
        Self::TEMPLATES[self.slot()]
    }

    /// The part of the site the page belongs to, for marking the current menu entry:
    /// "home", "entities", "indicators", "years", "tags", "pages", "search" or "404".
    pub fn section(&self) -> &'static str {
        match self {
            PageKind::Home(_) => "home",
            PageKind::Entity(_) | PageKind::Report(_) | PageKind::Facet(..) => "entities",
            PageKind::Indicators | PageKind::Indicator(..) => "indicators",
            PageKind::Year(..) => "years",
            PageKind::Tag(..) => "tags",
            PageKind::Page(_) => "pages",
            PageKind::Search => "search",
            PageKind::NotFound => "404",
        }
    }

    /// The page's URL path relative to the site root ("yanqing/2021/"; "" for home).
    pub fn url(&self, site: &Site) -> String {
        match self {
            PageKind::Home(page) => paged("", *page),
            PageKind::Entity(i) => entity_url(&site.entities[*i].id),
            PageKind::Report(i) => report_url(&site.reports[*i]),
            PageKind::Indicators => INDICATORS_URL.into(),
            PageKind::Indicator(id, page) => paged(&indicator_url(id), *page),
            PageKind::Year(y, page) => paged(&year_url(*y), *page),
            PageKind::Tag(slug, page) => paged(&tag_url(slug), *page),
            PageKind::Facet(facet, slug, page) => paged(&facet_url(*facet, slug), *page),
            PageKind::Page(i) => free_page_url(&site.pages[*i].slug),
            PageKind::Search => SEARCH_URL.into(),
            PageKind::NotFound => NOT_FOUND_URL.into(),
        }
    }
}

/// Every page of the site, in a stable order.
pub fn all_pages(site: &Site, computed: &Computed) -> Vec<PageKind> {
    let per = site.config.paginate_by;
    let mut pages: Vec<PageKind> = (0..page_count(site.entities.len(), per)).map(PageKind::Home).collect();
    pages.extend([PageKind::Indicators, PageKind::NotFound]);
    pages.extend((0..site.entities.len()).map(PageKind::Entity));
    pages.extend((0..site.reports.len()).map(PageKind::Report));
    for id in site.catalogue.indicators.keys() {
        let n = page_count(computed.entities_by_indicator.get(id).map_or(0, Vec::len), per);
        pages.extend((0..n).map(|p| PageKind::Indicator(id.clone(), p)));
    }
    for (y, reports) in &computed.reports_by_year {
        pages.extend((0..page_count(reports.len(), per)).map(|p| PageKind::Year(*y, p)));
    }
    for (slug, (_, list)) in &computed.reports_by_tag {
        pages.extend((0..page_count(list.len(), per)).map(|p| PageKind::Tag(slug.clone(), p)));
    }
    for (facet, values) in &computed.entities_by_facet {
        for (slug, (_, list)) in values {
            pages.extend((0..page_count(list.len(), per)).map(|p| PageKind::Facet(*facet, slug.clone(), p)));
        }
    }
    pages.extend((0..site.pages.len()).map(PageKind::Page));
    if site.config.search {
        pages.push(PageKind::Search);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
    }

    #[test]
    fn every_kind_has_its_template() {
        assert_eq!(PageKind::Report(0).template(), "report.html");
        assert_eq!(PageKind::NotFound.template(), "404.html");
        assert_eq!(PageKind::Tag("x".into(), 1).section(), "tags");
    }
}
