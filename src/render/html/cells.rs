//! The HTML of table cells and rows — a figure over its change, a gap, a row's linked heading,
//! a report's own row — written once in Rust rather than by a template macro per cell.
//!
//! A site of 10,000 reports has millions of cells; a Tera macro call per cell copies its
//! arguments and the whole string table, which made cells most of a build's time. Templates
//! print these fragments (`c.html`, `row.cells_html`, `rows_html`, a report row's `html`); the
//! `value` shortcode still gives a template every field of a figure and its change.

use super::change::push_delta;
use super::figure::{gap, FigureText, Layout};
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
    // The value (its unit is the heading's), and below it the change when there is one.
    written.push_html(out, o, unit, Layout::Cell, t);
    if let Some((d, ind)) = delta {
        out.push_str("<br><small>");
        push_delta(out, d, ind, t);
        out.push_str("</small>");
    }
    Some(written.text)
}

/// Writes an entity's value of `ind` in `year` over its change from the year before, in its
/// `<td class="num">` (`class="num newest"` when `newest`: the column a phone keeps in view):
/// for a table written straight into one string.
pub fn push_cell(
    out: &mut String,
    computed: &Computed,
    (entity, ind): (&str, &Indicator),
    (year, newest): (i32, bool),
    t: &UiStrings,
) {
    out.push_str(if newest { "<td class=\"num newest\">" } else { "<td class=\"num\">" });
    match computed.cell(entity, ind, year) {
        Some((obs, d)) => push_cell_content(out, Some(obs), &ind.unit, d.as_ref().map(|d| (d, ind)), t),
        None => push_cell_content(out, None, &ind.unit, None, t),
    };
    out.push_str("</td>");
}

/// Writes a row's heading cell as the default theme shows it: a link named `name` to `url`
/// (relative to the site root, which `root` leads to from the page).
pub fn push_row_heading(out: &mut String, root: &str, url: &str, name: &str) {
    push_heading_link(out, root, url, name);
    out.push_str("</th>");
}

/// Writes the heading of an indicator's row: its label linked from `root` to `url`, and its
/// unit in brackets — the row's cells leave it out, as GOV.UK and ONS tables put units in
/// headings, so their digits line up.
pub fn push_indicator_heading(out: &mut String, root: &str, (url, label): (&str, &str), unit: &Unit, t: &UiStrings) {
    push_heading_link(out, root, url, label);
    push_heading_unit(out, unit, t);
    out.push_str("</th>");
}

/// `<th scope="row">` and its link, left open.
fn push_heading_link(out: &mut String, root: &str, url: &str, name: &str) {
    out.push_str("<th scope=\"row\"><a href=\"");
    escape_html_into(out, root);
    escape_html_into(out, url);
    out.push_str("\">");
    escape_html_into(out, name);
    out.push_str("</a>");
}

/// A unit in brackets as a heading carries it ("（件）"); nothing for a unit-less indicator.
pub fn push_heading_unit(out: &mut String, unit: &Unit, t: &UiStrings) {
    if !unit.text.is_empty() {
        let _ = write!(out, "<span class=\"unit\">{}", escaped(&t.paren_open));
        escape_html_into(out, &unit.text);
        let _ = write!(out, "{}</span>", escaped(&t.paren_close));
    }
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
    /// Last year's value, if any.
    pub previous_html: Option<&'a str>,
    /// This year's value.
    pub value_html: &'a str,
    /// The change against last year (computed, or as the report states it), if any.
    pub change_html: Option<&'a str>,
}

/// A row of a report's own table, old to new as every other table reads: the indicator
/// `(url, label)` (linked from `root`) with its unit and note, last year's value, this
/// year's, the change; a gap for what is missing.
pub fn report_row((url, label): (&str, &str), unit: &Unit, row: &ReportRowCells, root: &str, t: &UiStrings) -> String {
    let mut h = String::with_capacity(640);
    h.push_str("<tr>\n");
    push_heading_link(&mut h, root, url, label);
    push_heading_unit(&mut h, unit, t);
    if let Some(note) = row.note.filter(|n| !n.is_empty()) {
        let _ = write!(h, "<div class=\"note\">{}{}", escaped(&t.note), escaped(&t.colon));
        escape_html_into(&mut h, note);
        h.push_str("</div>");
    }
    h.push_str("</th>");
    for cell in [row.previous_html, Some(row.value_html), row.change_html] {
        h.push_str("\n<td class=\"num\">");
        match cell {
            Some(c) => h.push_str(c),
            None => h.push_str(&gap(t)),
        }
        h.push_str("</td>");
    }
    h.push_str("\n</tr>");
    h
}
