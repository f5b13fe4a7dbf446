//! A report's page (without its body): its own table and its neighbours.

use super::page_data;
use crate::compute::Computed;
use crate::model::Site;
use crate::render::views::tables::ReportGroup;
use crate::render::views::Legend;
use crate::render::views::{
    neighbour_report, report_ref, tables, EntityRef, PageFields, ReportAs, ReportLink, ReportRef,
};
use crate::routes::year_url;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// Data for a report's page (without its body); `root` leads from it to the site root.
pub fn report(site: &Site, computed: &Computed, i: usize, root: &str, t: &UiStrings, fields: PageFields) -> Value {
    let r = &site.reports[i];
    let siblings = computed.reports_by_entity.get(&r.entity).map(Vec::as_slice).unwrap_or_default();
    let pos = siblings.iter().position(|&s| s == i);
    let neighbour = |p: Option<usize>| Some(neighbour_report(site, &site.reports[*siblings.get(p?)?], t, fields));
    let entity = site.entity(&r.entity);
    let table = tables::report_table(site, computed, r, root, t, fields);
    page_data(&ReportPage {
        report: report_ref(site, r, t),
        entity: entity.map(EntityRef::new),
        legend: Legend::of(site, table.iter().map(|g| g.rows_html.as_str())),
        table,
        previous_report: neighbour(pos.and_then(|p| p.checked_sub(1))),
        next_report: neighbour(pos.map(|p| p + 1)),
        year_url: year_url(r.year),
    })
}

/// A report before or after this one of the same entity.
type Neighbour<'a> = Option<ReportAs<'a, ReportLink<'a>>>;

/// What `report.html` receives besides what every page does.
#[derive(Serialize)]
struct ReportPage<'a> {
    /// The report.
    report: ReportRef<'a>,
    /// Its entity, if it has a page.
    entity: Option<EntityRef<'a>>,
    /// Its own table of figures, by catalogue group.
    table: Vec<ReportGroup<'a>>,
    /// The marks that table shows, for the legend under it.
    legend: Legend,
    /// The entity's report of the year before, if any.
    previous_report: Neighbour<'a>,
    /// The entity's report of the year after, if any.
    next_report: Neighbour<'a>,
    /// The page of the report's year.
    year_url: String,
}
