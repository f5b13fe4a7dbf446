//! Organisations as the pages that list them show them (the home page, a region's or a
//! level's), and the values of a region or level with their pages.

use crate::compute::{Computed, Facet};
use crate::model::Site;
use crate::render::views::EntityRef;
use crate::routes::{facet_url, report_url};
use serde::Serialize;

/// An organisation in a list: its name, region and level, and its reports by year. (Items
/// of lists are structs, serialised once with their page: built as JSON values, each was
/// copied again into the page's.)
#[derive(Serialize)]
pub(super) struct EntityItem<'a> {
    /// The organisation.
    entity: EntityRef<'a>,
    /// Its reports, oldest first.
    reports: Vec<YearLink>,
}

/// A report in an organisation's list: its year and page.
#[derive(Serialize)]
struct YearLink {
    /// The year reported on.
    year: i32,
    /// The report's page.
    url: String,
}

/// A region or level in a list: its name, page and how many organisations it has.
#[derive(Serialize)]
pub(super) struct FacetValue<'a> {
    /// The value as written.
    name: &'a str,
    /// Its page.
    url: String,
    /// How many organisations have it.
    count: usize,
}

/// An organisation `i` in a list, with its reports by year.
pub(super) fn entity_item<'a>(site: &'a Site, computed: &Computed, i: usize) -> EntityItem<'a> {
    let e = &site.entities[i];
    let reports = computed
        .reports_by_entity
        .get(&e.id)
        .into_iter()
        .flatten()
        .map(|&r| YearLink { year: site.reports[r].year, url: report_url(&site.reports[r]) })
        .collect();
    EntityItem { entity: EntityRef::new(e), reports }
}

/// Every value of `facet` with its page and how many organisations it has.
pub(super) fn facet_values(computed: &Computed, facet: Facet) -> Vec<FacetValue<'_>> {
    computed
        .entities_by_facet
        .get(&facet)
        .into_iter()
        .flatten()
        .map(|(slug, (name, list))| FacetValue { name, url: facet_url(facet, slug), count: list.len() })
        .collect()
}
