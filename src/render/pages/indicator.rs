//! An indicator's page: every entity over every year, and a chart.

use super::page_data;
use crate::compute::Computed;
use crate::model::{Entity, Site};
use crate::render::html::cells::{push_cell, push_table_row};
use crate::render::html::svg;
use crate::render::views::tables::{cell, RowCells};
use crate::render::views::{EntityRef, IndicatorView, Legend, PageFields, Paginator};
use crate::routes::{entity_url, indicator_url};
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// The most lines an indicator's chart draws; with more entities the page shows only the table.
pub const MAX_CHART_LINES: usize = 12;

/// A row of an indicator's table: an entity, its cells, and the cells as HTML. Rows of big
/// tables are serialised once, with their page: built as JSON values first, each was copied
/// again into the page's.
#[derive(Serialize)]
struct EntityCells<'a> {
    /// The entity.
    entity: EntityRef<'a>,
    /// Its cells, one per year.
    #[serde(flatten)]
    cells: RowCells,
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
    // The rows are written straight into their HTML; templates that name them also get each
    // row's fields.
    let mut rows_html = String::new();
    for e in &entities {
        push_table_row(&mut rows_html, root, (&entity_url(&e.id), &e.short_name), "\n", |h| {
            years.iter().for_each(|&y| push_cell(h, computed, (&e.id, ind), (y, years.last() == Some(&y)), t))
        });
    }
    let rows = fields.rows.then(|| {
        entities
            .iter()
            .map(|e| {
                let cells = years.iter().map(|&y| cell(computed, &e.id, ind, y, t)).collect();
                EntityCells { entity: EntityRef::new(e), cells: RowCells::new(cells, fields) }
            })
            .collect::<Vec<_>>()
    });
    // Past a dozen lines a chart is noise (the table below says it all), so none is drawn.
    let chart = (entity_ids.len() <= MAX_CHART_LINES)
        .then(|| svg::indicator_chart(computed, ind, &years, &entities, t))
        .flatten();
    let legend = Legend::of(site, [rows_html.as_str()]);
    page_data(&IndicatorPage { indicator: IndicatorView::new(ind), years, rows_html, legend, chart, paginator, rows })
}

/// What `indicator.html` receives besides what every page does.
#[derive(Serialize)]
struct IndicatorPage<'a> {
    /// The indicator.
    indicator: IndicatorView<'a>,
    /// The years any entity has a value of it, oldest first.
    years: Vec<i32>,
    /// This page's rows as the default theme shows them, one `<tr>` after another.
    rows_html: String,
    /// The marks the table shows, for the legend under it.
    legend: Legend,
    /// The chart (SVG), drawn for up to [`MAX_CHART_LINES`] entities.
    chart: Option<String>,
    /// Where this page stands among the indicator's pages.
    paginator: Paginator,
    /// This page's rows (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<Vec<EntityCells<'a>>>,
}
