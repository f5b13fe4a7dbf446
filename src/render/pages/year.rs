//! A year's page: every entity that reported that year, side by side.

use super::page_data;
use crate::compute::Computed;
use crate::model::{Indicator, Report, Site};
use crate::render::html::cells::{push_cell, push_table_row};
use crate::render::html::report_list::report_list_html;
use crate::render::views::tables::{cell, RowCells};
use crate::render::views::{
    report_link, report_ref, IndicatorRef, Legend, PageFields, Paginator, ReportLink, ReportRef,
};
use crate::routes::year_url;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// A row of a year's table: a report, its cells, and the cells as HTML.
#[derive(Serialize)]
struct ReportCells<'a> {
    /// The report.
    report: ReportLink<'a>,
    /// Its cells, one per indicator of the group.
    #[serde(flatten)]
    cells: RowCells,
}

/// A year page's table of one catalogue group.
#[derive(Serialize)]
struct YearGroup<'a> {
    /// The group's name (may be empty).
    name: &'a str,
    /// Its indicators any entity reported that year: the table's columns.
    indicators: Vec<IndicatorRef<'a>>,
    /// One row per report of this page (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<Vec<ReportCells<'a>>>,
    /// The rows as the default theme shows them, one `<tr>` after another.
    rows_html: String,
    /// The marks the table shows, for the legend under it.
    legend: Legend,
}

/// A year next to this one, with its page.
#[derive(Serialize)]
struct YearLink {
    /// The year.
    year: i32,
    /// Its page.
    url: String,
}

impl YearLink {
    fn new(year: i32) -> Self {
        YearLink { year, url: year_url(year) }
    }
}

/// What `year.html` receives besides what every page does.
#[derive(Serialize)]
struct YearPage<'a> {
    /// The year.
    year: i32,
    /// This page's reports as the built-in `report_list` macro lists them.
    reports_html: String,
    /// One table per catalogue group with a value that year.
    groups: Vec<YearGroup<'a>>,
    /// The year before with a report, if any.
    previous_year: Option<YearLink>,
    /// The year after with a report, if any.
    next_year: Option<YearLink>,
    /// Where this page stands among the year's pages.
    paginator: Paginator,
    /// This page's reports (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    reports: Option<Vec<ReportRef<'a>>>,
}

/// Data for a year's page: every entity that reported that year, side by side — one table
/// per catalogue group, an entity per row and the group's indicators as columns, `paginate_by`
/// entities a page, so the page reads the same with five entities or a thousand. Every page
/// has the same columns: those of indicators any entity reported that year.
/// `root` leads from the page to the site root.
pub fn year(
    site: &Site,
    computed: &Computed,
    (year, page): (i32, usize),
    (root, t): (&str, &UiStrings),
    fields: PageFields,
) -> Value {
    let list = computed.reports_by_year.get(&year).map(Vec::as_slice).unwrap_or_default();
    let paginator = Paginator::new(&year_url(year), page, list.len(), site.config.paginate_by, fields);
    let reports: Vec<&Report> = list[paginator.range()].iter().map(|&i| &site.reports[i]).collect();
    let groups: Vec<YearGroup> = site
        .catalogue
        .groups()
        .into_iter()
        .filter_map(|(name, inds)| {
            let inds: Vec<_> = inds.into_iter().filter(|i| computed.year_has(year, &i.id)).collect();
            (!inds.is_empty()).then(|| group(site, computed, (year, name, &inds), &reports, (root, t), fields))
        })
        .collect();
    let years: Vec<i32> = computed.reports_by_year.keys().copied().collect();
    let pos = years.iter().position(|y| *y == year);
    page_data(&YearPage {
        year,
        reports_html: report_list_html(site, reports.iter().copied(), root, t),
        groups,
        previous_year: pos.and_then(|p| p.checked_sub(1)).map(|p| YearLink::new(years[p])),
        next_year: pos.and_then(|p| years.get(p + 1)).map(|y| YearLink::new(*y)),
        paginator,
        reports: fields.reports.then(|| reports.iter().map(|r| report_ref(site, r, t)).collect()),
    })
}

/// The table of the catalogue group `name` in `year`: a row for each of `reports`, a column
/// for each of `inds`.
fn group<'a>(
    site: &'a Site,
    computed: &Computed,
    (year, name, inds): (i32, &'a str, &[&'a Indicator]),
    reports: &[&'a Report],
    (root, t): (&str, &UiStrings),
    fields: PageFields,
) -> YearGroup<'a> {
    // The rows are written straight into their HTML; templates that name them also get each
    // row's fields.
    let mut rows_html = String::new();
    // A report with none of the group's figures would be a row of dashes: it is left out.
    let reports: Vec<&Report> = reports
        .iter()
        .copied()
        .filter(|r| inds.iter().any(|ind| computed.cell(&r.entity, ind, year).is_some()))
        .collect();
    for r in &reports {
        let link = report_link(site, r);
        push_table_row(&mut rows_html, root, (&link.url, link.entity_short_name), "", |h| {
            inds.iter().for_each(|ind| push_cell(h, computed, (&r.entity, ind), (year, false), t))
        });
    }
    let rows = fields.rows.then(|| {
        reports
            .iter()
            .map(|r| {
                let cells = inds.iter().map(|ind| cell(computed, &r.entity, ind, year, t)).collect();
                ReportCells { report: report_link(site, r), cells: RowCells::across(cells, fields) }
            })
            .collect::<Vec<_>>()
    });
    let indicators = inds.iter().map(|i| IndicatorRef::new(i)).collect();
    let legend = Legend::of(site, [rows_html.as_str()]);
    YearGroup { name, indicators, rows, rows_html, legend }
}
