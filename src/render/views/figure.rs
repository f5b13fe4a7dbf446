//! What templates see of a figure: every field of a value ([`FigureView`]), or a table cell
//! with its finished HTML ([`CellView`]).
//!
//! Every number is turned into its display text by [`FigureText`], from exact decimals, so a
//! template can only show what the source says (or a clearly marked derivation of it).

use crate::compute::yoy::{Delta, Observation, Origin};
use crate::model::numbers::Unit;
use crate::model::{AsWritten, Bound, Indicator};
use crate::render::html::cells::push_cell_content;
use crate::render::html::figure::FigureText;
use crate::theme::UiStrings;
use serde::Serialize;

/// A value as shown: its exact text, unit and every flag that must travel with it.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// The number exactly as written (or derived): "21.08", "52072".
    pub text: String,
    /// The number as the interface shows it: `text`, or the same value shifted into 万/亿
    /// ("5.2072万") where the catalogue and the interface language ask for it.
    pub shown: String,
    /// The unit ("%", "件").
    pub unit: String,
    /// 余 / 约.
    pub approx: bool,
    /// "below" (以下) or "above" (以上).
    pub bound: Option<Bound>,
    /// 累计.
    pub cumulative: bool,
    /// Worked out from a later report's stated change, not reported.
    pub derived: bool,
    /// For a derived value: the year whose report states the change.
    pub derived_from: Option<i32>,
    /// For a derived value: the change as stated there.
    pub derived_change: Option<String>,
    /// The year-over-year change the report itself states ("+77%").
    pub stated_change: Option<String>,
    /// The author's note on the figure.
    pub note: Option<String>,
    /// The figure as HTML, flags included, in the theme's language.
    pub html: String,
}

impl FigureView {
    /// The view of an observation with the indicator's unit; `t` gives the flags' words and
    /// says whether the interface writes large values in 万/亿.
    pub fn new(o: &Observation, unit: &Unit, t: &UiStrings) -> Self {
        let written = FigureText::new(o, unit, t);
        let html = written.html(o, unit, t);
        let (derived_from, derived_change) = match &o.origin {
            Origin::Reported | Origin::Restated(_) => (None, None),
            Origin::Derived(d) => (Some(d.from_year), Some(d.change.clone())),
        };
        FigureView {
            shown: written.shown.unwrap_or_else(|| written.text.clone()),
            text: written.text,
            unit: unit.text.clone(),
            approx: o.approx,
            bound: o.bound,
            cumulative: o.cumulative,
            derived: o.is_derived(),
            derived_from,
            derived_change,
            stated_change: o.stated_change.as_ref().map(|c| c.text.clone()),
            note: o.note().map(str::to_string),
            html,
        }
    }
}

/// One cell of a table with many: an entity's value of an indicator in a year.
///
/// Templates get the year, whether the cell is empty, and the finished HTML. The value's and
/// change's fields stay on the Rust side: big tables have tens of thousands of cells, and
/// handing each field to the template engine made them most of a build's time. A report's
/// own table and the `value` shortcode give every field.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The year.
    pub year: i32,
    /// No value this year: a gap, never zero.
    pub empty: bool,
    /// The value as written, or nothing (for text alternatives).
    #[serde(skip)]
    pub text: Option<String>,
    /// The cell's content as HTML: the value over its change, or a gap.
    pub html: String,
}

impl CellView {
    /// A cell of `year` with a value of `unit` and its change against the year before (or a
    /// gap when `value` is `None`). Its HTML is written straight from the observation: big
    /// tables have hundreds of thousands of cells and need no [`FigureView`] for them.
    pub fn new(
        year: i32,
        value: Option<&Observation>,
        unit: &Unit,
        delta: Option<(&Delta, &Indicator)>,
        t: &UiStrings,
    ) -> Self {
        let mut html = String::with_capacity(if delta.is_some() { 320 } else { 128 });
        let text = push_cell_content(&mut html, value, unit, delta, t);
        CellView { year, empty: text.is_none(), text, html }
    }
}

/// A row's cells as HTML, each in its `<td class="num">` — in a row over years the last (the
/// newest year, which the theme keeps in view on a phone) `class="num newest"`: what a
/// template would write looping over them, given as one string so a big table costs one
/// lookup per row, not one per cell.
pub fn cells_html(cells: &[CellView], over_years: bool) -> String {
    let mut h = String::with_capacity(cells.iter().map(|c| c.html.len() + 32).sum());
    for (i, c) in cells.iter().enumerate() {
        let newest = over_years && i + 1 == cells.len();
        h.push_str(if newest { "<td class=\"num newest\">" } else { "<td class=\"num\">" });
        h.push_str(&c.html);
        h.push_str("</td>");
    }
    h
}
