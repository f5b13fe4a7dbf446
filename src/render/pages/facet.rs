//! The page of the organisations of one region or one level.

use super::organisations::{entity_item, facet_values, EntityItem, FacetValue};
use super::page_data;
use crate::compute::{Computed, Facet};
use crate::model::Site;
use crate::render::views::{PageFields, Paginator};
use crate::routes::facet_url;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// The most values of a region or level whose page lists all the others.
pub const MAX_OTHER_VALUES: usize = 100;

/// Data for page `page` (0-based) of the organisations whose `facet` is the value `slug`;
/// its heading and the heading of the list of the facet's other values come from `t`.
pub fn facet(
    site: &Site,
    computed: &Computed,
    (facet, slug, page): (Facet, &str, usize),
    t: &UiStrings,
    fields: PageFields,
) -> Value {
    let (name, list) = &computed.entities_by_facet[&facet][slug];
    let url = facet_url(facet, slug);
    let paginator = Paginator::new(&url, page, list.len(), site.config.paginate_by, fields);
    let (title, others_title) = match facet {
        Facet::Region => (&t.entities_in_region, &t.by_region),
        Facet::Level => (&t.entities_at_level, &t.by_level),
    };
    // With a value per organisation, listing every other value on every page would make the
    // site's links grow with the square of its size: past a point, home's list stands in.
    let mut others = facet_values(computed, facet);
    if others.len() > MAX_OTHER_VALUES {
        others.clear();
    }
    page_data(&FacetPage {
        entities: list[paginator.range()].iter().map(|&i| entity_item(site, computed, i)).collect(),
        facet: FacetHeading {
            key: facet.key(),
            name,
            title: title.replace("{name}", name),
            others_title,
            list_url: format!("#{}", facet.folder()),
            url,
        },
        paginator,
        others,
    })
}

/// What `facet.html` receives besides what every page does.
#[derive(Serialize)]
struct FacetPage<'a> {
    /// The region or level.
    facet: FacetHeading<'a>,
    /// This page's organisations.
    entities: Vec<EntityItem<'a>>,
    /// Where this page stands among the value's pages.
    paginator: Paginator,
    /// Every value of the facet (none past [`MAX_OTHER_VALUES`]).
    others: Vec<FacetValue<'a>>,
}

/// A region or level as its page heads it.
#[derive(Serialize)]
struct FacetHeading<'a> {
    /// `region` or `level`.
    key: &'a str,
    /// The value as written.
    name: &'a str,
    /// Its page.
    url: String,
    /// The page's heading, from the theme's strings.
    title: String,
    /// The heading of the list of the other values.
    others_title: &'a str,
    /// The anchor of the home page's list of the facet's values.
    list_url: String,
}
