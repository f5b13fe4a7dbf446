//! The tables of figures: an entity's year-over-year table and a report's own, rows of cells
//! built from computed series, grouped as the catalogue groups them.

use super::figure::{cells_html, CellView};
use super::indicator::IndicatorRef;
use super::legend::Legend;
use super::page_fields::PageFields;
use crate::compute::{Computed, Series};
use crate::model::numbers::Unit;
use crate::model::AsWritten;
use crate::model::{Indicator, Report, Site};
use crate::render::html::cells::{push_indicator_heading, report_row, ReportRowCells};
use crate::render::html::change::{ambiguous_html, delta_html, stated_html};
use crate::render::html::figure::{observation_cell_html, FigureText};
use crate::render::html::svg;
use crate::theme::UiStrings;
use serde::Serialize;

/// A row's cells, as templates get them: `cells_html` always, `cells` one by one when the
/// template names them ([`PageFields::cells`]). Rows of big tables put them beside their own fields.
#[derive(Debug, Clone, Serialize)]
pub struct RowCells {
    /// The cells as HTML, each in its `<td>` ([`cells_html`]).
    pub cells_html: String,
    /// One cell per column (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cells: Option<Vec<CellView>>,
}

impl RowCells {
    /// The `cells` of a row over years, and their HTML (the newest marked).
    pub fn new(cells: Vec<CellView>, fields: PageFields) -> Self {
        RowCells { cells_html: cells_html(&cells, true), cells: fields.cells.then_some(cells) }
    }

    /// The `cells` of a row across indicators (a year page's), and their HTML.
    pub fn across(cells: Vec<CellView>, fields: PageFields) -> Self {
        RowCells { cells_html: cells_html(&cells, false), cells: fields.cells.then_some(cells) }
    }
}

/// A row of an entity's year-over-year table: one indicator over the table's years.
#[derive(Debug, Clone, Serialize)]
pub struct YoyRow<'a> {
    /// The indicator.
    pub indicator: IndicatorRef<'a>,
    /// Its unit, which the row's heading carries.
    #[serde(skip)]
    pub unit: &'a Unit,
    /// One cell per year of the table.
    #[serde(flatten)]
    pub cells: RowCells,
    /// Inline SVG of the row's values (absent with fewer than two values).
    pub sparkline: Option<String>,
}

/// A group of rows under its catalogue group name.
#[derive(Debug, Clone)]
pub struct Group<T> {
    /// The group's name from the catalogue (may be empty).
    pub name: String,
    /// Its rows, in catalogue order.
    pub rows: Vec<T>,
}

/// A group of an entity's year-over-year table.
#[derive(Debug, Clone, Serialize)]
pub struct YoyGroup<'a> {
    /// The group's name from the catalogue (may be empty).
    pub name: String,
    /// Its rows, in catalogue order (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<YoyRow<'a>>>,
    /// Its rows as the default theme shows them, one `<tr>` after another: one lookup for
    /// a template instead of six per row.
    pub rows_html: String,
}

/// An entity's year-over-year table.
#[derive(Debug, Clone, Serialize)]
pub struct YoyTable<'a> {
    /// The years, oldest first.
    pub years: Vec<i32>,
    /// Rows grouped by catalogue group.
    pub groups: Vec<YoyGroup<'a>>,
    /// The marks its cells show, for the legend under it.
    pub legend: Legend,
}

/// Groups items (in catalogue order) by their indicator's group.
pub fn group_rows<'a, T>(site: &'a Site, rows: Vec<(&'a Indicator, T)>) -> Vec<Group<T>> {
    let mut rows = rows;
    rows.sort_by_cached_key(|(i, _)| site.catalogue.position(&i.id));
    let mut groups: Vec<Group<T>> = Vec::new();
    for (ind, row) in rows {
        match groups.iter_mut().find(|g| g.name == ind.group) {
            Some(g) => g.rows.push(row),
            None => groups.push(Group { name: ind.group.clone(), rows: vec![row] }),
        }
    }
    groups
}

/// One cell: an entity's value of an indicator in a year, and its change from the year before.
pub fn cell(computed: &Computed, entity: &str, ind: &Indicator, year: i32, t: &UiStrings) -> CellView {
    match computed.cell(entity, ind, year) {
        Some((obs, d)) => CellView::new(year, Some(obs), &ind.unit, d.as_ref().map(|d| (d, ind)), t),
        None => CellView::new(year, None, &ind.unit, None, t),
    }
}

/// Which part of an entity's year-over-year table to make.
#[derive(Debug, Clone, Copy)]
pub struct YoySpan<'s> {
    /// How many years.
    pub years: usize,
    /// The last year of the table (`None`: the entity's newest value).
    pub up_to: Option<i32>,
    /// Only these indicators, in this order (`None`: every one with a value, in the
    /// catalogue's order).
    pub ids: Option<&'s [String]>,
}

/// The year-over-year table of an entity, as much of it as `part` says, for a page from which
/// `root` leads to the site root.
pub fn yoy_table<'a>(
    site: &'a Site,
    computed: &Computed,
    entity: &str,
    part: YoySpan,
    (root, t): (&str, &UiStrings),
    fields: PageFields,
) -> YoyTable<'a> {
    let YoySpan { years, up_to, ids } = part;
    let span = computed.entity_years(entity, years, up_to);
    let indicators: Vec<&Indicator> = match ids {
        Some(ids) => ids.iter().filter_map(|id| site.catalogue.get(id)).collect(),
        None => site.catalogue.indicators.values().collect(),
    };
    let mut rows = Vec::new();
    for ind in indicators {
        let Some(series) = computed.series(entity, &ind.id) else {
            if ids.is_some() {
                rows.push((ind, empty_row(ind, &span, t, fields)));
            }
            continue;
        };
        if ids.is_none() && !span.iter().any(|y| series.contains_key(y)) {
            continue;
        }
        let cells: Vec<CellView> = span
            .iter()
            .map(|&y| match series.get(&y) {
                Some(obs) => {
                    let d = computed.cell_in(series, ind, y).and_then(|(_, d)| d);
                    CellView::new(y, Some(obs), &ind.unit, d.as_ref().map(|d| (d, ind)), t)
                }
                None => CellView::new(y, None, &ind.unit, None, t),
            })
            .collect();
        let points = svg::points(Some(series), &span, &computed.breaks(entity, ind));
        // No trend, no sparkline: its text alternative is not worth writing either.
        let sparkline = svg::has_trend(&points)
            .then(|| svg::sparkline(&points, ind.kind, &sparkline_alt(ind, series, &span, t)))
            .flatten();
        let cells = RowCells::new(cells, fields);
        rows.push((ind, YoyRow { indicator: IndicatorRef::new(ind), unit: &ind.unit, sparkline, cells }));
    }
    let groups: Vec<YoyGroup> = group_rows(site, rows)
        .into_iter()
        .map(|g| {
            let rows_html = yoy_rows_html(root, &g.rows, t);
            YoyGroup { name: g.name, rows: fields.rows.then_some(g.rows), rows_html }
        })
        .collect();
    let legend = Legend::of(site, groups.iter().map(|g| g.rows_html.as_str()));
    YoyTable { years: span, groups, legend }
}

/// Rows of a year-over-year table as the default theme's `yoy_table` macro shows them.
fn yoy_rows_html(root: &str, rows: &[YoyRow], t: &UiStrings) -> String {
    let mut h = String::with_capacity(rows.iter().map(|r| r.cells.cells_html.len() + 256).sum());
    for row in rows {
        h.push_str("<tr>\n");
        push_indicator_heading(&mut h, root, (&row.indicator.url, row.indicator.label), row.unit, t);
        h.push('\n');
        h.push_str(&row.cells.cells_html);
        h.push_str("\n<td class=\"spark\">");
        h.push_str(row.sparkline.as_deref().unwrap_or_default());
        h.push_str("</td>\n</tr>\n");
    }
    h
}

fn empty_row<'a>(ind: &'a Indicator, span: &[i32], t: &UiStrings, fields: PageFields) -> YoyRow<'a> {
    let cells: Vec<CellView> = span.iter().map(|&year| CellView::new(year, None, &ind.unit, None, t)).collect();
    YoyRow { indicator: IndicatorRef::new(ind), unit: &ind.unit, cells: RowCells::new(cells, fields), sparkline: None }
}

/// The text alternative of a sparkline: the label and every year's value as the row's cells
/// show it (in 万 where they do, 约 where approximate) or a dash, with the colon and list
/// separator of the page's language (no half-width commas on a Chinese page).
fn sparkline_alt(ind: &Indicator, series: &Series, span: &[i32], t: &UiStrings) -> String {
    let values: Vec<String> = span
        .iter()
        .map(|year| match series.get(year) {
            Some(o) => {
                let written = FigureText::new(o, &ind.unit, t);
                let approx = if o.approx { t.approx.as_str() } else { "" };
                format!("{year} {approx}{}{}", written.shown.unwrap_or(written.text), ind.unit)
            }
            None => format!("{year} —"),
        })
        .collect();
    format!("{}{}{}", ind.label, t.colon, values.join(&t.list_separator))
}

/// A row of a report's own indicator table, as HTML: a report page shows thirty of them, and
/// every field a template can read is a value copied for every page.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow<'a> {
    /// The indicator.
    pub indicator: IndicatorRef<'a>,
    /// Last year's value (reported or derived) with its flags; absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_html: Option<String>,
    /// This year's value with its flags (its unit is the row heading's).
    pub value_html: String,
    /// The change against last year, or the change the report states where none can be
    /// computed; absent when there is neither. Said once: never both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_html: Option<String>,
    /// The author's note on this year's figure, absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The whole row (`<tr>`: the indicator with its unit and note, then last year, this year
    /// and the change, old to new as every table of the site reads, a gap for what is
    /// missing), which is what the default theme prints.
    pub html: String,
}

/// A catalogue group of a report's indicator table.
#[derive(Debug, Clone, Serialize)]
pub struct ReportGroup<'a> {
    /// The group's name from the catalogue (may be empty).
    pub name: String,
    /// Its rows, in catalogue order (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<ReportRow<'a>>>,
    /// Every row's `html`, one after the other: the default theme prints the group with one
    /// lookup instead of a loop of thirty.
    pub rows_html: String,
}

/// The rows of a report's indicator table, grouped; `root` leads from the report's page to the
/// site root.
pub fn report_table<'a>(
    site: &'a Site,
    computed: &Computed,
    r: &Report,
    root: &str,
    t: &UiStrings,
    fields: PageFields,
) -> Vec<ReportGroup<'a>> {
    let rows = r
        .indicators
        .keys()
        .filter_map(|id| site.catalogue.get(id))
        .filter_map(|ind| {
            let series = computed.series(&r.entity, &ind.id)?;
            let cur = series.get(&r.year)?;
            let base = computed.base_year(&r.entity, &ind.id, r.year).unwrap_or(r.year - 1);
            let prev = series.get(&base);
            let indicator = IndicatorRef::new(ind);
            let value_html = observation_cell_html(cur, &ind.unit, t);
            let previous_html = prev.map(|p| observation_cell_html(p, &ind.unit, t));
            let change = computed.cell(&r.entity, ind, r.year).and_then(|(_, d)| d);
            let change_html = match (change, &cur.stated_change) {
                // Words that leave open what they mean are shown as written, and said to be so.
                (Some(d), Some(stated)) if stated.ambiguous => {
                    Some(delta_html(&d, ind, t) + &ambiguous_html(stated, t))
                }
                (Some(d), _) => Some(delta_html(&d, ind, t)),
                (None, Some(stated)) => Some(stated_html(stated, ind, t)),
                (None, None) => None,
            };
            let note = cur.note().filter(|n| !n.is_empty()).map(str::to_string);
            let cells = ReportRowCells {
                note: note.as_deref(),
                previous_html: previous_html.as_deref(),
                value_html: &value_html,
                change_html: change_html.as_deref(),
            };
            let html = report_row((&indicator.url, indicator.label), &ind.unit, &cells, root, t);
            Some((ind, ReportRow { indicator, previous_html, value_html, change_html, note, html }))
        })
        .collect();
    group_rows(site, rows)
        .into_iter()
        .map(|g| {
            let rows_html = g.rows.iter().map(|r| r.html.as_str()).collect();
            let rows = fields.rows.then_some(g.rows);
            ReportGroup { name: g.name, rows, rows_html }
        })
        .collect()
}
