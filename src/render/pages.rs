//! The data each page's template receives (the pages themselves are [`crate::routes::PageKind`]).

use super::cells;
use super::fields::PageFields;
pub use super::lists::{facet, home, HEADLINE_ROWS};
pub use super::pager::Paginator;
pub use super::refs::*;
use super::tables::{self, cell, RowCells};
use super::view::{IndicatorRef, IndicatorView};
use crate::compute::{Computed, Facet};
use crate::model::{Entity, Report, Site};
use crate::routes::files::entity_data_file;
use crate::routes::*;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::{json, Value};

/// The most lines an indicator's chart draws; with more entities the page shows only the table.
pub const MAX_CHART_LINES: usize = 12;

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

/// Data for a report's page (without its body); `root` leads from it to the site root.
pub fn report(site: &Site, computed: &Computed, i: usize, root: &str, t: &UiStrings, fields: PageFields) -> Value {
    let r = &site.reports[i];
    let siblings = computed.reports_by_entity.get(&r.entity).map(Vec::as_slice).unwrap_or_default();
    let pos = siblings.iter().position(|&s| s == i);
    let neighbour = |p: Option<usize>| Some(neighbour_report(site, &site.reports[*siblings.get(p?)?], t, fields));
    let entity = site.entity(&r.entity);
    json!({
        "report": report_ref(site, r, t),
        "entity": entity.map(EntityRef::new),
        "table": tables::report_table(site, computed, r, root, t, fields),
        "previous_report": neighbour(pos.and_then(|p| p.checked_sub(1))),
        "next_report": neighbour(pos.map(|p| p + 1)),
        "year_url": year_url(r.year),
    })
}

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

/// A row of an indicator's table: an entity, its cells, and the cells as HTML. Rows of big
/// tables are serialised once, with their page: built as JSON values first, each was copied
/// again into the page's.
#[derive(Serialize)]
struct EntityCells<'a> {
    entity: EntityRef<'a>,
    #[serde(flatten)]
    cells: RowCells,
}

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

/// Writes a big table's row as the default theme shows it: a `<tr>` of its heading (a link
/// named `name` to `url`), `between` and the cells `cells` writes, and a line break.
fn push_row(h: &mut String, root: &str, (url, name): (&str, &str), between: &str, cells: impl FnOnce(&mut String)) {
    h.push_str("<tr>");
    cells::push_row_heading(h, root, url, name);
    h.push_str(between);
    cells(h);
    h.push_str("</tr>\n");
}

/// Data for one indicator's page: every entity over every year, and a chart. `root` leads
/// from the page to the site root.
pub fn indicator(
    site: &Site,
    computed: &Computed,
    (id, page): (&str, usize),
    (root, t): (&str, &UiStrings),
    fields: PageFields,
) -> Value {
    let ind = site.catalogue.get(id).expect("pages are made from the catalogue");
    let years = computed.indicator_years(id);
    let entity_ids = computed.entities_by_indicator.get(id).map(Vec::as_slice).unwrap_or_default();
    let paginator = Paginator::new(&indicator_url(id), page, entity_ids.len(), site.config.paginate_by, fields);
    let entities: Vec<&Entity> = entity_ids[paginator.range()].iter().filter_map(|eid| site.entity(eid)).collect();
    // The rows are written straight into their HTML; a site's own templates also get each
    // row's fields.
    let mut rows_html = String::new();
    for e in &entities {
        push_row(&mut rows_html, root, (&entity_url(&e.id), &e.short_name), "\n", |h| {
            years.iter().for_each(|&y| tables::push_cell(h, computed, &e.id, ind, y, t))
        });
    }
    let rows = (fields == PageFields::All).then(|| {
        entities
            .iter()
            .map(|e| {
                let cells = years.iter().map(|&y| cell(computed, &e.id, ind, y, t)).collect();
                EntityCells { entity: EntityRef::new(e), cells: RowCells::new(cells, fields) }
            })
            .collect::<Vec<_>>()
    });
    // Past a dozen lines a chart is noise (the table below says it all), so none is drawn.
    let chart = (entity_ids.len() <= MAX_CHART_LINES).then(|| {
        let lines: Vec<super::svg::Line> = entities
            .iter()
            .map(|e| super::svg::Line {
                name: &e.short_name,
                points: years
                    .iter()
                    .map(|&y| {
                        let value = computed.series(&e.id, id).and_then(|s| s.get(&y));
                        (y, value.filter(|o| o.bound.is_none()).map(|o| o.value))
                    })
                    .collect(),
            })
            .collect();
        let title = if ind.unit.is_empty() {
            ind.label.clone()
        } else {
            format!("{}{}{}{}", ind.label, t.paren_open, ind.unit, t.paren_close)
        };
        super::svg::chart(&years, &lines, &ind.unit, &title)
    });
    let mut data = json!({
        "indicator": IndicatorView::new(ind),
        "years": years,
        "rows_html": rows_html,
        "chart": chart.flatten(),
        "paginator": paginator,
    });
    if let Some(rows) = rows {
        data["rows"] = json!(rows);
    }
    data
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
                push_row(&mut rows_html, root, (&link.url, link.entity_short_name), "", |h| {
                    inds.iter().for_each(|ind| tables::push_cell(h, computed, &r.entity, ind, year, t))
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

/// Data for a tag's page; `root` leads from it to the site root.
pub fn tag(
    site: &Site,
    computed: &Computed,
    (slug, page): (&str, usize),
    (root, t): (&str, &UiStrings),
    fields: PageFields,
) -> Value {
    let (name, list) = &computed.reports_by_tag[slug];
    let url = tag_url(slug);
    let paginator = Paginator::new(&url, page, list.len(), site.config.paginate_by, fields);
    let reports = || list[paginator.range()].iter().map(|&i| &site.reports[i]);
    let mut data = json!({
        "tag": {"name": name, "slug": slug, "url": url},
        "reports_html": report_list_html(site, reports(), root, t),
        "paginator": paginator,
    });
    if fields == PageFields::All {
        data["reports"] = json!(reports().map(|r| report_ref(site, r, t)).collect::<Vec<_>>());
    }
    data
}
