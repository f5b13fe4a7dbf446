//! URLs of the site's pages, and the small references to entities, reports and tags that
//! lists and headers show.

use super::cells::{self, Strings};
use super::fields::PageFields;
use crate::compute::tag_slug;
use crate::model::{Entity, Report, Site};
use serde::Serialize;

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

/// URL of an indicator's page.
pub fn indicator_url(id: &str) -> String {
    format!("indicators/{id}/")
}

/// URL of the page of the organisations whose `facet` has the value `slug`.
pub fn facet_url(facet: crate::compute::Facet, slug: &str) -> String {
    format!("{}/{slug}/", facet.folder())
}

/// URL of page `page` (0-based) of a paginated page whose first page is at `first`.
pub fn paged(first: &str, page: usize) -> String {
    if page == 0 {
        first.to_string()
    } else {
        format!("{first}page/{}/", page + 1)
    }
}

/// How many pages `items` things take at `per` a page; an empty list still has its one page.
pub fn page_count(items: usize, per: usize) -> usize {
    items.div_ceil(per.max(1)).max(1)
}

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
    /// The pages a pager links to, in order: the first, the last, and up to
    /// [`PAGER_REACH`] either side of this one, with a gap where pages are left out. A list
    /// of hundreds of pages would list every one on every page: a tag on 10,000 reports made
    /// 200 pages of 200 links each.
    pub pages: Vec<PageLink>,
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
    /// Page `page` (0-based) of `items` things shown `per` a page, the first page at `first`.
    pub fn new(first: &str, page: usize, items: usize, per: usize) -> Self {
        let total = page_count(items, per);
        let link = |p: usize| paged(first, p);
        Paginator {
            number: page + 1,
            total,
            first_item: (page * per + 1).min(items),
            last_item: ((page + 1) * per).min(items),
            items,
            previous: page.checked_sub(1).map(link),
            next: (page + 1 < total).then(|| link(page + 1)),
            pages: pager_window(page, total)
                .into_iter()
                .map(|p| match p {
                    Some(p) => PageLink { number: p + 1, url: link(p), current: p == page, gap: false },
                    None => PageLink { number: 0, url: String::new(), current: false, gap: true },
                })
                .collect(),
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

/// An entity as lists and headers show it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef<'a> {
    /// Id and slug.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Short name.
    pub short_name: &'a str,
    /// Region.
    pub region: &'a str,
    /// Level.
    pub level: &'a str,
    /// Website, if any.
    pub website: Option<&'a str>,
    /// Its page.
    pub url: String,
}

impl<'a> EntityRef<'a> {
    /// The reference to an entity.
    pub fn new(e: &'a Entity) -> Self {
        EntityRef {
            id: &e.id,
            name: &e.name,
            short_name: &e.short_name,
            region: &e.region,
            level: &e.level,
            website: e.website.as_deref(),
            url: entity_url(&e.id),
        }
    }
}

/// A tag with its page.
#[derive(Debug, Clone, Serialize)]
pub struct TagRef<'a> {
    /// The tag as written.
    pub name: &'a str,
    /// Its page.
    pub url: String,
}

/// A report as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRef<'a> {
    /// Entity id.
    pub entity: &'a str,
    /// Entity's name.
    pub entity_name: &'a str,
    /// Entity's short name.
    pub entity_short_name: &'a str,
    /// Year reported on.
    pub year: i32,
    /// Title.
    pub title: &'a str,
    /// Publication date (ISO).
    pub published: Option<&'a str>,
    /// Publication date as the language writes it, in a `<time>` ([`cells::date`]).
    pub published_html: Option<String>,
    /// Publisher.
    pub source: Option<&'a str>,
    /// Original's address.
    pub source_url: Option<&'a str>,
    /// Tags.
    pub tags: Vec<TagRef<'a>>,
    /// How many figures it carries.
    pub indicator_count: usize,
    /// Other front-matter keys.
    pub extra: &'a crate::model::Extra,
    /// Its page.
    pub url: String,
}

/// The reference to a report; `t` gives the words of its date.
pub fn report_ref<'a>(site: &'a Site, r: &'a Report, t: &Strings) -> ReportRef<'a> {
    let entity = site.entity(&r.entity);
    ReportRef {
        entity: &r.entity,
        entity_name: entity.map_or(r.entity.as_str(), |e| e.name.as_str()),
        entity_short_name: short_name(entity, r),
        year: r.year,
        title: &r.title,
        published: r.published.as_deref(),
        published_html: published_html(r, t),
        source: r.source.as_deref(),
        source_url: r.source_url.as_deref(),
        tags: r.tags.iter().map(|t| TagRef { name: t, url: format!("tags/{}/", tag_slug(t)) }).collect(),
        indicator_count: r.indicators.len(),
        extra: &r.extra,
        url: report_url(r),
    }
}

/// The short name of a report's organisation `entity` (its id if it has no page).
fn short_name<'a>(entity: Option<&'a Entity>, r: &'a Report) -> &'a str {
    entity.map_or(r.entity.as_str(), |e| e.short_name.as_str())
}

/// A report's publication date as the language writes it, in a `<time>` ([`cells::date`]).
fn published_html(r: &Report, t: &Strings) -> Option<String> {
    r.published.as_deref().map(|iso| cells::date(iso, t))
}

/// Reports as the built-in theme's `report_list` macro lists them, `root` leading from the page
/// to the site root: a `<ul>` of each report's linked title over its organisation, year, date
/// and number of figures. A page of a year or a tag lists fifty reports; printed by the macro,
/// each cost a template nine lookups. The built-in page templates print it when the page has
/// no `reports` (with the built-in templates, [`PageFields::BuiltIn`]), and call the macro,
/// which a site may replace, when it has.
pub fn report_list_html<'r>(site: &Site, reports: impl Iterator<Item = &'r Report>, root: &str, t: &Strings) -> String {
    use super::highlight::escape_html_into;
    let year_n = t.get("year_n").map_or("", String::as_str);
    let figures = cells::s(t, "figures_count");
    let mut h = String::from("<ul class=\"report-list\">\n");
    for r in reports {
        h.push_str("<li><a href=\"");
        escape_html_into(&mut h, root);
        escape_html_into(&mut h, &report_url(r));
        h.push_str("\">");
        escape_html_into(&mut h, &r.title);
        h.push_str("</a>\n<span class=\"meta\">");
        escape_html_into(&mut h, short_name(site.entity(&r.entity), r));
        h.push_str(" · ");
        escape_html_into(&mut h, &year_n.replace("{year}", &r.year.to_string()));
        if let Some(date) = r.published.as_deref().filter(|p| !p.is_empty()) {
            h.push_str(" · ");
            h.push_str(&cells::date(date, t));
        }
        h.push_str(" · ");
        crate::model::numbers::push_u64(&mut h, r.indicators.len() as u64);
        h.push(' ');
        h.push_str(&figures);
        h.push_str("</span></li>\n");
    }
    h.push_str("</ul>");
    h
}

/// A report as a page gives it to templates: in full ([`ReportRef`]) for a site's or theme's
/// own templates, or in the shorter form `B` that the built-in templates print
/// ([`PageFields::BuiltIn`]). The full reference makes the report's tag links and serialises
/// its front matter's extra keys.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ReportAs<'a, B> {
    /// Every field (boxed: it is the larger by far, and only a site's own templates get it).
    Full(Box<ReportRef<'a>>),
    /// What the built-in templates print.
    Brief(B),
}

/// `r` as the report before or after on a report's page, whose built-in template prints only
/// its link and year.
pub fn neighbour_report<'a>(
    site: &'a Site,
    r: &'a Report,
    t: &Strings,
    fields: PageFields,
) -> ReportAs<'a, ReportLink<'a>> {
    match fields {
        PageFields::All => ReportAs::Full(Box::new(report_ref(site, r, t))),
        PageFields::BuiltIn => ReportAs::Brief(report_link(site, r)),
    }
}

/// A report as a row of a big table links to it: who, which year, where.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink<'a> {
    /// Entity id.
    pub entity: &'a str,
    /// Entity's short name.
    pub entity_short_name: &'a str,
    /// Year reported on.
    pub year: i32,
    /// Its page.
    pub url: String,
}

/// The link to a report, for rows of tables with many of them.
pub fn report_link<'a>(site: &'a Site, r: &'a Report) -> ReportLink<'a> {
    ReportLink {
        entity: &r.entity,
        entity_short_name: short_name(site.entity(&r.entity), r),
        year: r.year,
        url: report_url(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_items_and_link_each_other() {
        assert_eq!(page_count(0, 50), 1);
        assert_eq!(page_count(50, 50), 1);
        assert_eq!(page_count(51, 50), 2);
        let p = Paginator::new("years/2020/", 1, 120, 50);
        assert_eq!((p.number, p.total, p.first_item, p.last_item), (2, 3, 51, 100));
        assert_eq!(p.range(), 50..100);
        assert_eq!(p.previous.as_deref(), Some("years/2020/"));
        assert_eq!(p.next.as_deref(), Some("years/2020/page/3/"));
        assert!(p.pages[1].current && !p.pages[0].current);
        let last = Paginator::new("years/2020/", 2, 120, 50);
        assert_eq!((last.first_item, last.last_item, last.next), (101, 120, None));
        let empty = Paginator::new("x/", 0, 0, 50);
        assert_eq!(empty.range(), 0..0);
    }

    #[test]
    fn a_pager_shows_the_ends_and_the_pages_near_this_one() {
        let numbers = |page: usize, total: usize| -> Vec<String> {
            let p = Paginator::new("t/", page, total * 10, 10);
            p.pages.iter().map(|l| if l.gap { "…".to_string() } else { l.number.to_string() }).collect()
        };
        assert_eq!(numbers(0, 1), ["1"]);
        assert_eq!(numbers(0, 7), ["1", "2", "3", "…", "7"]);
        assert_eq!(numbers(3, 7), ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(numbers(9, 200), ["1", "…", "8", "9", "10", "11", "12", "…", "200"]);
        assert_eq!(numbers(199, 200), ["1", "…", "198", "199", "200"]);
        let p = Paginator::new("t/", 9, 2000, 10);
        let current: Vec<&PageLink> = p.pages.iter().filter(|l| l.current).collect();
        assert_eq!((current.len(), current[0].number, current[0].url.as_str()), (1, 10, "t/page/10/"));
        assert!(p.pages.iter().filter(|l| l.gap).all(|l| l.number == 0 && l.url.is_empty() && !l.current));
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
}
