//! The pages that list organisations: the home page (and its later pages) and the pages of
//! one region or one level.

use super::fields::PageFields;
use super::pager::Paginator;
use super::refs::*;
use super::tables::cell;
use super::view::{CellView, IndicatorRef};
use crate::compute::{Computed, Facet};
use crate::model::{Report, Site};
use crate::routes::{facet_url, report_url, tag_url, year_url};
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::{json, Value};

/// Data for page `page` (0-based) of the home page: one page of the list of organisations;
/// the first page also has the latest reports, the headline comparison and the ways in by
/// year, tag, region and level.
pub fn home(site: &Site, computed: &Computed, page: usize, t: &UiStrings, fields: PageFields) -> Value {
    let paginator = Paginator::new("", page, site.entities.len(), site.config.paginate_by, fields);
    let entities: Vec<EntityItem> = paginator.range().map(|i| entity_item(site, computed, i)).collect();
    if page > 0 {
        return json!({"entities": entities, "paginator": paginator, "report_count": site.reports.len()});
    }
    let mut latest: Vec<&Report> = site.reports.iter().collect();
    latest.sort_by(|a, b| newest_first(a, b));
    let latest: Vec<ReportRef> = latest.into_iter().take(10).map(|r| report_ref(site, r, t)).collect();
    let years: Vec<Value> = computed
        .reports_by_year
        .iter()
        .rev()
        .map(|(y, list)| json!({"year": y, "url": year_url(*y), "count": list.len()}))
        .collect();
    let tags: Vec<Value> = computed
        .reports_by_tag
        .iter()
        .map(|(slug, (name, list))| json!({"name": name, "url": tag_url(slug), "count": list.len()}))
        .collect();
    json!({
        "entities": entities,
        "paginator": paginator,
        "latest_reports": latest,
        "headline": headline(site, computed, t),
        "years": years,
        "tags": tags,
        "regions": facet_values(computed, Facet::Region),
        "levels": facet_values(computed, Facet::Level),
        "indicator_count": site.catalogue.indicators.len(),
        "report_count": site.reports.len(),
    })
}

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
    json!({
        "facet": {
            "key": facet.key(),
            "name": name,
            "url": url,
            "title": title.replace("{name}", name),
            "others_title": others_title,
            "list_url": format!("#{}", facet.folder()),
        },
        "entities": list[paginator.range()].iter().map(|&i| entity_item(site, computed, i)).collect::<Vec<_>>(),
        "paginator": paginator,
        "others": others,
    })
}

/// An organisation in a list: its name, region and level, and its reports by year. (Items
/// of lists are structs, serialised once with their page: built as JSON values, each was
/// copied again into the page's.)
#[derive(Serialize)]
struct EntityItem<'a> {
    entity: EntityRef<'a>,
    reports: Vec<YearLink>,
}

/// A report in an organisation's list: its year and page.
#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
}

/// A region or level in a list: its name, page and how many organisations it has.
#[derive(Serialize)]
struct FacetValue<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

/// A row of the headline table: a report and its cells.
#[derive(Serialize)]
struct HeadlineRow<'a> {
    report: ReportLink<'a>,
    cells: Vec<CellView>,
}

fn entity_item<'a>(site: &'a Site, computed: &Computed, i: usize) -> EntityItem<'a> {
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
fn facet_values(computed: &Computed, facet: Facet) -> Vec<FacetValue<'_>> {
    computed
        .entities_by_facet
        .get(&facet)
        .into_iter()
        .flatten()
        .map(|(slug, (name, list))| FacetValue { name, url: facet_url(facet, slug), count: list.len() })
        .collect()
}

/// The most entities the home page's headline table lists (the most recently published).
pub const HEADLINE_ROWS: usize = 20;

/// Reports by publication date, newest first (then by year, newest first, then by entity).
fn newest_first(a: &Report, b: &Report) -> std::cmp::Ordering {
    (b.published.as_deref(), b.year, &a.entity).cmp(&(a.published.as_deref(), a.year, &b.entity))
}

/// The headline comparison: each entity's newest report, on the indicators that most
/// entities report in their newest year.
fn headline(site: &Site, computed: &Computed, t: &UiStrings) -> Value {
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
    json!({
        "indicators": indicators.iter().map(|i| IndicatorRef::new(i)).collect::<Vec<_>>(),
        "rows": rows,
        "shown": newest.len(),
        "total": total,
    })
}
