//! The catalogue page: every indicator by group, with how many entities report it and when.

use super::page_data;
use crate::compute::Computed;
use crate::model::Site;
use crate::render::views::IndicatorView;
use serde::Serialize;
use serde_json::Value;

/// Data for the catalogue page.
pub fn indicators(site: &Site, computed: &Computed) -> Value {
    let groups = site
        .catalogue
        .groups()
        .into_iter()
        .map(|(name, inds)| {
            let indicators = inds
                .into_iter()
                .map(|i| {
                    let years = computed.indicator_years(&i.id);
                    CatalogueEntry {
                        indicator: IndicatorView::new(i),
                        entity_count: computed.entities_by_indicator.get(i.id.as_str()).map_or(0, Vec::len),
                        first_year: years.first().copied(),
                        last_year: years.last().copied(),
                    }
                })
                .collect();
            CatalogueGroup { name, indicators }
        })
        .collect();
    page_data(&CataloguePage { groups })
}

/// What `indicators.html` receives besides what every page does.
#[derive(Serialize)]
struct CataloguePage<'a> {
    /// The catalogue's groups, in its order.
    groups: Vec<CatalogueGroup<'a>>,
}

/// A group of the catalogue.
#[derive(Serialize)]
struct CatalogueGroup<'a> {
    /// The group's name (may be empty).
    name: &'a str,
    /// Its indicators, in the catalogue's order.
    indicators: Vec<CatalogueEntry<'a>>,
}

/// An indicator in the catalogue, with who reports it and when.
#[derive(Serialize)]
struct CatalogueEntry<'a> {
    /// The indicator.
    indicator: IndicatorView<'a>,
    /// How many entities report it.
    entity_count: usize,
    /// The first year with a value, if any.
    first_year: Option<i32>,
    /// The last year with a value, if any.
    last_year: Option<i32>,
}
