//! An entity's page (without its body): its year-over-year table and its reports.

use super::page_data;
use crate::compute::{Computed, Facet};
use crate::model::Extra;
use crate::model::Site;
use crate::render::html::report_list::report_list_html;
use crate::render::views::tables::YoyTable;
use crate::render::views::{report_link, report_ref, tables, EntityRef, PageFields, ReportLink, ReportRef};
use crate::routes::facet_url;
use crate::routes::files::entity_data_file;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// Data for an entity's page (without its body); `root` leads from it to the site root.
pub fn entity(site: &Site, computed: &Computed, i: usize, (root, t): (&str, &UiStrings), fields: PageFields) -> Value {
    let e = &site.entities[i];
    let newest_first = || computed.reports_by_entity.get(&e.id).into_iter().flatten().rev().map(|&r| &site.reports[r]);
    let whole = tables::YoySpan { years: site.config.yoy.years, up_to: None, ids: None };
    let yoy = tables::yoy_table(site, computed, &e.id, whole, (root, t), fields);
    // Reports older than the table's first year are named, not silently left out.
    let first_shown = yoy.years.first().copied();
    let older = newest_first().filter(|r| first_shown.is_some_and(|y| r.year < y)).map(|r| report_link(site, r));
    page_data(&EntityPage {
        entity: EntityRef::new(e),
        extra: &e.extra,
        older_reports: older.collect(),
        yoy,
        report_count: newest_first().count(),
        reports_html: report_list_html(site, newest_first(), root, t),
        data_url: entity_data_file(&e.id),
        region_url: facet_url(Facet::Region, &Facet::slug(&e.region)),
        level_url: facet_url(Facet::Level, &Facet::slug(&e.level)),
        reports: fields.reports.then(|| newest_first().map(|r| report_ref(site, r, t)).collect()),
    })
}

/// What `entity.html` receives besides what every page does.
#[derive(Serialize)]
struct EntityPage<'a> {
    /// The entity.
    entity: EntityRef<'a>,
    /// Its page's other front-matter keys.
    extra: &'a Extra,
    /// Its year-over-year table.
    yoy: YoyTable<'a>,
    /// Its reports older than the table's first year (`yoy.years` shows the newest), newest
    /// first: the table says they exist and links to them.
    older_reports: Vec<ReportLink<'a>>,
    /// How many reports it has.
    report_count: usize,
    /// Its reports, newest first, as the built-in `report_list` macro lists them.
    reports_html: String,
    /// Its data file, relative to the site root.
    data_url: String,
    /// The page of its region.
    region_url: String,
    /// The page of its level.
    level_url: String,
    /// Its reports, newest first (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    reports: Option<Vec<ReportRef<'a>>>,
}
