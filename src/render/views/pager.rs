//! Lists split into pages, and the pager that links them: which pages a page of a long list
//! links to, so that its links stay a handful however long the list grows.

use super::page_fields::PageFields;
use crate::routes::{page_count, paged};
use serde::Serialize;

/// Where a page stands among the pages of a paginated list, for the template's page links.
#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages there are.
    pub total: usize,
    /// The first item of this page, from 1 (for "showing 51–100 of 1000").
    pub first_item: usize,
    /// The last item of this page.
    pub last_item: usize,
    /// How many items all pages hold.
    pub items: usize,
    /// URL of the page before, if any.
    pub previous: Option<String>,
    /// URL of the page after, if any.
    pub next: Option<String>,
    /// The entries a pager shows, in order: the first page, the last, and up to
    /// [`PAGER_REACH`] either side of this one, with a gap where pages are left out (a single
    /// page is shown rather than a gap): at most `2 × PAGER_REACH + 5` pages.
    pub window: Vec<PageLink>,
    /// Every page, in order, for templates written before `window` existed; made only when
    /// the template names it ([`PageFields::pages`]). A list of hundreds of pages lists every
    /// one on every page: a tag on 10,000 reports made 200 pages of 200 links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<PageLink>>,
}

/// How many pages either side of the current one a pager links to.
pub const PAGER_REACH: usize = 2;

/// One entry of a pager: a page of a paginated list, or a gap standing for pages left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// Its number, from 1 (0 for a gap).
    pub number: usize,
    /// Its URL (empty for a gap).
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
    /// Whether the entry stands for pages left out between its neighbours ("…").
    pub gap: bool,
}

impl Paginator {
    /// Page `page` (0-based) of `items` things shown `per` a page, the first page at `first`;
    /// `fields` says whether templates may want every page listed.
    pub fn new(first: &str, page: usize, items: usize, per: usize, fields: PageFields) -> Self {
        let total = page_count(items, per);
        let link = |p: usize| paged(first, p);
        let page_link = |p: usize| PageLink { number: p + 1, url: link(p), current: p == page, gap: false };
        Paginator {
            number: page + 1,
            total,
            first_item: (page * per + 1).min(items),
            last_item: ((page + 1) * per).min(items),
            items,
            previous: page.checked_sub(1).map(link),
            next: (page + 1 < total).then(|| link(page + 1)),
            window: pager_window(page, total)
                .into_iter()
                .map(|p| match p {
                    Some(p) => page_link(p),
                    None => PageLink { number: 0, url: String::new(), current: false, gap: true },
                })
                .collect(),
            pages: fields.pages.then(|| (0..total).map(page_link).collect()),
        }
    }

    /// The range of item indexes this page shows.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.first_item.saturating_sub(1)..self.last_item
    }
}

/// The pages (0-based) a pager for page `page` of `total` shows, in order, `None` standing for
/// a run left out: the first and the last page, and [`PAGER_REACH`] either side of `page`. A
/// run of a single page is shown rather than left out, since a gap would take its place. The
/// work is the window's, not the list's: every page of a long list has a pager.
fn pager_window(page: usize, total: usize) -> Vec<Option<usize>> {
    let Some(last) = total.checked_sub(1) else { return Vec::new() };
    let near = page.saturating_sub(PAGER_REACH)..=(page + PAGER_REACH).min(last);
    let mut shown: Vec<usize> = std::iter::once(0).chain(near).chain(std::iter::once(last)).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    for (i, &p) in shown.iter().enumerate() {
        if let Some(before) = i.checked_sub(1).map(|j| shown[j]) {
            match p - before {
                1 => {}
                2 => out.push(Some(before + 1)),
                _ => out.push(None),
            }
        }
        out.push(Some(p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No costly field: a pager whose template does not name `pages`.
    const NONE: PageFields = PageFields { rows: false, cells: false, reports: false, pages: false, neighbours: false };

    #[test]
    fn pages_split_items_and_link_each_other() {
        let p = Paginator::new("years/2020/", 1, 120, 50, NONE);
        assert_eq!((p.number, p.total, p.first_item, p.last_item), (2, 3, 51, 100));
        assert_eq!(p.range(), 50..100);
        assert_eq!(p.previous.as_deref(), Some("years/2020/"));
        assert_eq!(p.next.as_deref(), Some("years/2020/page/3/"));
        assert!(p.window[1].current && !p.window[0].current);
        let last = Paginator::new("years/2020/", 2, 120, 50, NONE);
        assert_eq!((last.first_item, last.last_item, last.next), (101, 120, None));
        let empty = Paginator::new("x/", 0, 0, 50, NONE);
        assert_eq!(empty.range(), 0..0);
    }

    #[test]
    fn a_pager_shows_the_ends_and_the_pages_near_this_one() {
        let numbers = |page: usize, total: usize| -> Vec<String> {
            let p = Paginator::new("t/", page, total * 10, 10, NONE);
            p.window.iter().map(|l| if l.gap { "…".to_string() } else { l.number.to_string() }).collect()
        };
        assert_eq!(numbers(0, 1), ["1"]);
        assert_eq!(numbers(0, 7), ["1", "2", "3", "…", "7"]);
        assert_eq!(numbers(3, 7), ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(numbers(9, 200), ["1", "…", "8", "9", "10", "11", "12", "…", "200"]);
        assert_eq!(numbers(199, 200), ["1", "…", "198", "199", "200"]);
        let p = Paginator::new("t/", 9, 2000, 10, NONE);
        let current: Vec<&PageLink> = p.window.iter().filter(|l| l.current).collect();
        assert_eq!((current.len(), current[0].number, current[0].url.as_str()), (1, 10, "t/page/10/"));
        assert!(p.window.iter().filter(|l| l.gap).all(|l| l.number == 0 && l.url.is_empty() && !l.current));
        // The window is what marking every page, shown or not, gives.
        let by_marking = |page: usize, total: usize| {
            let shown = |p: usize| p == 0 || p + 1 == total || p.abs_diff(page) <= PAGER_REACH;
            let mut out: Vec<Option<usize>> = Vec::new();
            for p in 0..total {
                if shown(p) || (p > 0 && p + 1 < total && shown(p - 1) && shown(p + 1)) {
                    out.push(Some(p));
                } else if out.last().is_some_and(Option::is_some) {
                    out.push(None);
                }
            }
            out
        };
        for total in 1..40 {
            for page in 0..total {
                assert_eq!(pager_window(page, total), by_marking(page, total), "page {page} of {total}");
            }
        }
    }

    #[test]
    fn every_page_is_listed_only_for_templates_that_name_them() {
        let built_in = Paginator::new("t/", 4, 95, 10, NONE);
        assert!(built_in.pages.is_none());
        assert!(serde_json::to_value(&built_in).unwrap().get("pages").is_none());
        let own = Paginator::new("t/", 4, 95, 10, PageFields::ALL);
        let pages = own.pages.as_ref().unwrap();
        assert_eq!(pages.iter().map(|l| l.number).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
        assert!(pages.iter().all(|l| !l.gap && l.current == (l.number == 5)));
        assert_eq!(pages[9].url, "t/page/10/");
        // The window is the same either way.
        assert_eq!(own.window, built_in.window);
    }
}
