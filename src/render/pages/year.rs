//! A year's page: every entity that reported that year, side by side.

use crate::compute::Computed;
use crate::model::{Report, Site};
use crate::render::html::cells::{push_cell, push_table_row};
use crate::render::html::report_list::report_list_html;
use crate::render::views::tables::{cell, RowCells};
use crate::render::views::{report_link, report_ref, IndicatorRef, PageFields, Paginator, ReportLink};
use crate::routes::year_url;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::{json, Value};

/// A row of a year's table: a report, its cells, and the cells as HTML.
#[derive(Serialize)]
struct ReportCells<'a> {
    report: ReportLink<'a>,
    #[serde(flatten)]
    cells: RowCells,
}

/// A year page's table of one catalogue group.
#[derive(Serialize)]
struct YearGroup<'a> {
    name: &'a str,
    indicators: Vec<IndicatorRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<Vec<ReportCells<'a>>>,
    /// The rows as the default theme shows them, one `<tr>` after another.
    rows_html: String,
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
            if inds.is_empty() {
                return None;
            }
            // The rows are written straight into their HTML; a site's own templates also get
            // each row's fields.
            let mut rows_html = String::new();
            for r in &reports {
                let link = report_link(site, r);
                push_table_row(&mut rows_html, root, (&link.url, link.entity_short_name), "", |h| {
                    inds.iter().for_each(|ind| push_cell(h, computed, &r.entity, ind, year, t))
                });
            }
            let rows = (fields == PageFields::All).then(|| {
                reports
                    .iter()
                    .map(|r| {
                        let cells = inds.iter().map(|ind| cell(computed, &r.entity, ind, year, t)).collect();
                        ReportCells { report: report_link(site, r), cells: RowCells::new(cells, fields) }
                    })
                    .collect::<Vec<_>>()
            });
            let indicators = inds.iter().map(|i| IndicatorRef::new(i)).collect();
            Some(YearGroup { name, indicators, rows, rows_html })
        })
        .collect();
    let years: Vec<i32> = computed.reports_by_year.keys().copied().collect();
    let pos = years.iter().position(|y| *y == year);
    let mut data = json!({
        "year": year,
        "reports_html": report_list_html(site, reports.iter().copied(), root, t),
        "groups": groups,
        "previous_year": pos.and_then(|p| p.checked_sub(1)).map(|p| json!({"year": years[p], "url": year_url(years[p])})),
        "next_year": pos.and_then(|p| years.get(p + 1)).map(|y| json!({"year": y, "url": year_url(*y)})),
        "paginator": paginator,
    });
    if fields == PageFields::All {
        data["reports"] = json!(reports.iter().map(|r| report_ref(site, r, t)).collect::<Vec<_>>());
    }
    data
}
