//! The catalogue page: every indicator by group, with how many entities report it and when.

use crate::compute::Computed;
use crate::model::Site;
use crate::render::views::IndicatorView;
use serde_json::{json, Value};

/// Data for the catalogue page.
pub fn indicators(site: &Site, computed: &Computed) -> Value {
    let groups: Vec<Value> = site
        .catalogue
        .groups()
        .into_iter()
        .map(|(name, inds)| {
            let items: Vec<Value> = inds
                .into_iter()
                .map(|i| {
                    let years = computed.indicator_years(&i.id);
                    json!({
                        "indicator": IndicatorView::new(i),
                        "entity_count": computed.entities_by_indicator.get(i.id.as_str()).map_or(0, Vec::len),
                        "first_year": years.first(),
                        "last_year": years.last(),
                    })
                })
                .collect();
            json!({"name": name, "indicators": items})
        })
        .collect();
    json!({ "groups": groups })
}
