//! The HTML of table cells and rows — a figure over its change, a gap, a row's linked heading,
//! a report's own row — written once in Rust rather than by a template macro per cell.
//!
//! A site of 10,000 reports has millions of cells; a Tera macro call per cell copies its
//! arguments and the whole string table, which made cells most of a build's time. Templates
//! print these fragments (`c.html`, `row.cells_html`, `rows_html`, a report row's `html`); the
//! `value` shortcode still gives a template every field of a figure and its change.

use super::change::push_delta;
use super::figure::{gap, FigureText};
use crate::compute::yoy::{Delta, Observation};
use crate::compute::Computed;
use crate::escape::{escape_html_into, escaped};
use crate::model::numbers::Unit;
use crate::model::Indicator;
use crate::theme::UiStrings;
use std::fmt::Write as _;

/// Writes a cell's content for `value` of `unit` and its change `delta` into `out`: the figure
/// over the change, or a gap when `value` is `None`. Returns the value as written (`None` for
/// a gap), for text alternatives.
pub fn push_cell_content(
    out: &mut String,
    value: Option<&Observation>,
    unit: &Unit,
    delta: Option<(&Delta, &Indicator)>,
    t: &UiStrings,
) -> Option<String> {
    let Some(o) = value else {
        out.push_str(&gap(t));
        return None;
    };
    let written = FigureText::new(o, unit, t);
    // The value, and below it the change when there is one.
    written.push_html(out, o, unit, t);
    if let Some((d, ind)) = delta {
        out.push_str("<br><small>");
        push_delta(out, d, ind, t);
        out.push_str("</small>");
    }
    Some(written.text)
}

/// Writes an entity's value of `ind` in `year` over its change from the year before, in its
/// `<td class="num">`: for a table written straight into one string.
pub fn push_cell(out: &mut String, computed: &Computed, entity: &str, ind: &Indicator, year: i32, t: &UiStrings) {
    out.push_str("<td class=\"num\">");
    match computed.cell(entity, ind, year) {
        Some((obs, d)) => push_cell_content(out, Some(obs), &ind.unit, d.as_ref().map(|d| (d, ind)), t),
        None => push_cell_content(out, None, &ind.unit, None, t),
    };
    out.push_str("</td>");
}

/// Writes a row's heading cell as the default theme shows it: a link named `name` to `url`
/// (relative to the site root, which `root` leads to from the page).
pub fn push_row_heading(out: &mut String, root: &str, url: &str, name: &str) {
    out.push_str("<th scope=\"row\"><a href=\"");
    escape_html_into(out, root);
    escape_html_into(out, url);
    out.push_str("\">");
    escape_html_into(out, name);
    out.push_str("</a></th>");
}

/// Writes a big table's row as the default theme shows it: a `<tr>` of its heading (a link
/// named `name` to `url`), `between` and the cells `cells` writes, and a line break.
pub fn push_table_row(
    h: &mut String,
    root: &str,
    (url, name): (&str, &str),
    between: &str,
    cells: impl FnOnce(&mut String),
) {
    h.push_str("<tr>");
    push_row_heading(h, root, url, name);
    h.push_str(between);
    cells(h);
    h.push_str("</tr>\n");
}

/// The parts of a row of a report's own table, as HTML but for the indicator's link.
pub struct ReportRowCells<'a> {
    /// The author's note on this year's figure.
    pub note: Option<&'a str>,
    /// This year's value ([`super::figure::value_with_stated`]).
    pub value_html: &'a str,
    /// Last year's value, if any.
    pub previous_html: Option<&'a str>,
    /// The change against last year, if any.
    pub change_html: Option<&'a str>,
}

/// A row of a report's own table: the indicator `(url, label)` (linked from `root`) with its
/// note, this year's value, last year's value, the change; a gap for what is missing.
pub fn report_row((url, label): (&str, &str), row: &ReportRowCells, root: &str, t: &UiStrings) -> String {
    let mut h = String::with_capacity(640);
    h.push_str("<tr>\n<th scope=\"row\"><a href=\"");
    escape_html_into(&mut h, root);
    escape_html_into(&mut h, url);
    h.push_str("\">");
    escape_html_into(&mut h, label);
    h.push_str("</a>");
    if let Some(note) = row.note.filter(|n| !n.is_empty()) {
        let _ = write!(h, "<div class=\"note\">{}{}", escaped(&t.note), escaped(&t.colon));
        escape_html_into(&mut h, note);
        h.push_str("</div>");
    }
    h.push_str("</th>\n<td class=\"num\">");
    h.push_str(row.value_html);
    for cell in [row.previous_html, row.change_html] {
        h.push_str("</td>\n<td class=\"num\">");
        match cell {
            Some(c) => h.push_str(c),
            None => h.push_str(&gap(t)),
        }
    }
    h.push_str("</td>\n</tr>");
    h
}
