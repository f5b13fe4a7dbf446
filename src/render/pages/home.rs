//! The home page (and its later pages): one page of the list of organisations; the first page
//! also has the latest reports, the headline comparison and the ways in by year, tag, region
//! and level.

use super::organisations::{entity_item, facet_values, EntityItem, FacetValue};
use super::page_data;
use crate::compute::{Computed, Facet};
use crate::model::{Report, Site};
use crate::render::views::tables::cell;
use crate::render::views::{
    report_link, report_ref, CellView, IndicatorRef, Legend, PageFields, Paginator, ReportLink, ReportRef,
};
use crate::routes::{tag_url, year_url};
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// Data for page `page` (0-based) of the home page: one page of the list of organisations;
/// the first page also has the latest reports, the headline comparison and the ways in by
/// year, tag, region and level.
pub fn home(site: &Site, computed: &Computed, page: usize, t: &UiStrings, fields: PageFields) -> Value {
    let paginator = Paginator::new("", page, site.entities.len(), site.config.paginate_by, fields);
    let entities: Vec<EntityItem> = paginator.range().map(|i| entity_item(site, computed, i)).collect();
    let first = (page == 0).then(|| first_page(site, computed, t));
    page_data(&HomePage { entities, paginator, report_count: site.reports.len(), first })
}

/// What only the home page's first page shows.
fn first_page<'a>(site: &'a Site, computed: &'a Computed, t: &UiStrings) -> FirstPage<'a> {
    let mut latest: Vec<&Report> = site.reports.iter().collect();
    latest.sort_by(|a, b| newest_first(a, b));
    let latest_reports = latest.into_iter().take(10).map(|r| report_ref(site, r, t)).collect();
    let years = computed
        .reports_by_year
        .iter()
        .rev()
        .map(|(y, list)| YearCount { year: *y, url: year_url(*y), count: list.len() })
        .collect();
    let tags = computed
        .reports_by_tag
        .iter()
        .map(|(slug, (name, list))| TagCount { name, url: tag_url(slug), count: list.len() })
        .collect();
    FirstPage {
        latest_reports,
        headline: headline(site, computed, t),
        years,
        tags,
        regions: facet_values(computed, Facet::Region),
        levels: facet_values(computed, Facet::Level),
        indicator_count: site.catalogue.indicators.len(),
    }
}

/// What `index.html` receives besides what every page does.
#[derive(Serialize)]
struct HomePage<'a> {
    /// This page's organisations.
    entities: Vec<EntityItem<'a>>,
    /// Where this page stands among the home page's pages.
    paginator: Paginator,
    /// How many reports the site has.
    report_count: usize,
    /// The first page's own fields, beside the others (absent on later pages).
    #[serde(flatten)]
    first: Option<FirstPage<'a>>,
}

/// The fields of the home page's first page alone.
#[derive(Serialize)]
struct FirstPage<'a> {
    /// The ten reports published last, newest first.
    latest_reports: Vec<ReportRef<'a>>,
    /// The headline comparison.
    headline: Headline<'a>,
    /// Every year with reports, newest first.
    years: Vec<YearCount>,
    /// Every tag.
    tags: Vec<TagCount<'a>>,
    /// Every region.
    regions: Vec<FacetValue<'a>>,
    /// Every level.
    levels: Vec<FacetValue<'a>>,
    /// How many indicators the catalogue has.
    indicator_count: usize,
}

/// A year with its page and how many reports it has.
#[derive(Serialize)]
struct YearCount {
    /// The year.
    year: i32,
    /// Its page.
    url: String,
    /// How many reports.
    count: usize,
}

/// A tag with its page and how many reports carry it.
#[derive(Serialize)]
struct TagCount<'a> {
    /// The tag as written.
    name: &'a str,
    /// Its page.
    url: String,
    /// How many reports.
    count: usize,
}

/// The headline comparison: the newest report of up to [`HEADLINE_ROWS`] entities on a few
/// indicators.
#[derive(Serialize)]
struct Headline<'a> {
    /// The columns.
    indicators: Vec<IndicatorRef<'a>>,
    /// A row per entity.
    rows: Vec<HeadlineRow<'a>>,
    /// How many entities are shown.
    shown: usize,
    /// How many entities have a report.
    total: usize,
    /// The marks its cells show, for the legend under it.
    legend: Legend,
}

/// A row of the headline table: a report and its cells.
#[derive(Serialize)]
struct HeadlineRow<'a> {
    /// The report.
    report: ReportLink<'a>,
    /// Its value of each column's indicator.
    cells: Vec<CellView>,
}

/// The most entities the home page's headline table lists (the most recently published).
pub const HEADLINE_ROWS: usize = 20;

/// Reports by publication date, newest first (then by year, newest first, then by entity).
fn newest_first(a: &Report, b: &Report) -> std::cmp::Ordering {
    (b.published.as_deref(), b.year, &a.entity).cmp(&(a.published.as_deref(), a.year, &b.entity))
}

/// The headline comparison: each entity's newest report, on the indicators that most
/// entities report in their newest year.
fn headline<'a>(site: &'a Site, computed: &Computed, t: &UiStrings) -> Headline<'a> {
    const COLUMNS: usize = 5;
    let mut newest: Vec<&Report> = site
        .entities
        .iter()
        .filter_map(|e| computed.reports_by_entity.get(&e.id)?.last().map(|&i| &site.reports[i]))
        .collect();
    let total = newest.len();
    if total > HEADLINE_ROWS {
        newest.sort_by(|a, b| newest_first(a, b));
        newest.truncate(HEADLINE_ROWS);
        newest.sort_by(|a, b| a.entity.cmp(&b.entity));
    }
    let mut coverage: Vec<(usize, usize, &str)> = site
        .catalogue
        .indicators
        .keys()
        .enumerate()
        .map(|(pos, id)| (newest.iter().filter(|r| r.indicators.contains_key(id)).count(), pos, &**id))
        .filter(|(n, _, _)| *n > 0)
        .collect();
    coverage.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<(usize, &str)> = coverage.into_iter().take(COLUMNS).map(|(_, p, id)| (p, id)).collect();
    chosen.sort();
    let indicators: Vec<_> = chosen.iter().filter_map(|(_, id)| site.catalogue.get(id)).collect();
    let rows: Vec<HeadlineRow> = newest
        .iter()
        .map(|r| {
            let cells = indicators.iter().map(|ind| cell(computed, &r.entity, ind, r.year, t)).collect();
            HeadlineRow { report: report_link(site, r), cells }
        })
        .collect();
    let legend = Legend::of(site, rows.iter().flat_map(|r| r.cells.iter().map(|c| c.html.as_str())));
    let indicators = indicators.iter().map(|i| IndicatorRef::new(i)).collect();
    Headline { indicators, rows, shown: newest.len(), total, legend }
}
