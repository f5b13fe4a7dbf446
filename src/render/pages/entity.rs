//! An entity's page (without its body): its year-over-year table and its reports.

use crate::compute::{Computed, Facet};
use crate::model::Site;
use crate::render::html::report_list::report_list_html;
use crate::render::views::{report_ref, tables, EntityRef, PageFields};
use crate::routes::facet_url;
use crate::routes::files::entity_data_file;
use crate::theme::UiStrings;
use serde_json::{json, Value};

/// Data for an entity's page (without its body); `root` leads from it to the site root.
pub fn entity(site: &Site, computed: &Computed, i: usize, (root, t): (&str, &UiStrings), fields: PageFields) -> Value {
    let e = &site.entities[i];
    let newest_first = || computed.reports_by_entity.get(&e.id).into_iter().flatten().rev().map(|&r| &site.reports[r]);
    let whole = tables::YoySpan { years: site.config.yoy.years, up_to: None, ids: None };
    let mut data = json!({
        "entity": EntityRef::new(e),
        "extra": e.extra,
        "yoy": tables::yoy_table(site, computed, &e.id, whole, (root, t), fields),
        "report_count": newest_first().count(),
        "reports_html": report_list_html(site, newest_first(), root, t),
        "data_url": entity_data_file(&e.id),
        "region_url": facet_url(Facet::Region, &Facet::slug(&e.region)),
        "level_url": facet_url(Facet::Level, &Facet::slug(&e.level)),
    });
    if fields == PageFields::All {
        data["reports"] = json!(newest_first().map(|r| report_ref(site, r, t)).collect::<Vec<_>>());
    }
    data
}
