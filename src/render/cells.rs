//! The HTML of single table cells — a figure with its flags, a change with its direction —
//! written once in Rust rather than by a template macro per cell.
//!
//! A site of 10,000 reports has millions of cells; a Tera macro call per cell copies its
//! arguments and the whole string table, which made cells most of a build's time. Templates
//! print these fragments (`f.html`, `d.html`, `c.html`) and still see every field the
//! fragments are made from, so a theme can lay out its own cells when it wants to.

use super::highlight::{escape_html, escape_html_into};
use super::view::{CellView, DeltaView, FigureView};
use crate::compute::yoy::{Direction, NotComparable};
use crate::model::Bound;
use indexmap::IndexMap;
use std::borrow::Cow;
use std::fmt::Write as _;

/// A theme's interface strings, by key.
pub type Strings = IndexMap<String, String>;

/// A string of the theme, escaped for HTML text and attributes ("" when the theme lacks it);
/// borrowed when there is nothing to escape, as there rarely is.
fn s<'t>(t: &'t Strings, key: &str) -> Cow<'t, str> {
    match t.get(key) {
        Some(v) if v.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) => Cow::Owned(escape_html(v)),
        Some(v) => Cow::Borrowed(v),
        None => Cow::Borrowed(""),
    }
}

/// A value with its unit and every flag that travels with it.
pub fn figure(f: &FigureView, t: &Strings) -> String {
    let mut h = String::with_capacity(96);
    h.push_str("<span class=\"fig");
    if f.derived {
        h.push_str(" is-derived");
    }
    if f.approx {
        h.push_str(" is-approx");
    }
    h.push_str("\">");
    if f.approx {
        let _ = write!(h, "<abbr class=\"flag approx\" title=\"{}\">{}</abbr>", s(t, "approx_title"), s(t, "approx"));
    }
    if f.shown == f.text {
        h.push_str("<span class=\"num\">");
        escape_html_into(&mut h, &f.text);
        h.push_str("</span>");
    } else {
        // Shown in 万/亿: the exact written value stays on the element and in its tooltip.
        let exact = escape_html(&f.text);
        let _ =
            write!(h, "<span class=\"num\" data-value=\"{exact}\" title=\"{exact}\">{}</span>", escape_html(&f.shown));
    }
    if !f.unit.is_empty() {
        h.push_str("<span class=\"unit\">");
        escape_html_into(&mut h, &f.unit);
        h.push_str("</span>");
    }
    if let Some(b) = f.bound {
        let word = if b == Bound::Below { "below" } else { "above" };
        let _ = write!(h, "<abbr class=\"flag bound\" title=\"{}\">{}</abbr>", s(t, "bound_title"), s(t, word));
    }
    if f.cumulative {
        let _ = write!(
            h,
            " <abbr class=\"flag cumulative\" title=\"{}\">{}</abbr>",
            s(t, "cumulative_title"),
            s(t, "cumulative")
        );
    }
    if f.derived {
        let from = f.derived_from.map(|y| y.to_string()).unwrap_or_default();
        let change = f.derived_change.as_deref().map(escape_html).unwrap_or_default();
        let _ = write!(
            h,
            " <abbr class=\"flag derived\" title=\"{}: {from} {change}\">{}</abbr>",
            s(t, "derived_title"),
            s(t, "derived")
        );
    }
    h.push_str("</span>");
    h
}

/// A change against the year before: arrow, signed difference, relative change, direction.
pub fn delta(d: &DeltaView, t: &Strings) -> String {
    if !d.comparable {
        let key = match d.reason {
            Some(NotComparable::Bound) => "not_comparable_bound",
            _ => "not_comparable_cumulative",
        };
        return format!("<span class=\"not-comparable\">{}</span>", s(t, key));
    }
    let dir = d.direction.map(Direction::name).unwrap_or("neutral");
    let mut h = String::with_capacity(160);
    let _ = write!(h, "<span class=\"delta {dir}\"><span class=\"arrow\" aria-hidden=\"true\">{}</span>", d.arrow);
    if d.approx {
        h.push_str(&s(t, "approx"));
    }
    if d.diff == d.diff_exact {
        h.push_str(&d.diff);
    } else {
        let exact = escape_html(&d.diff_exact);
        let _ = write!(h, "<span class=\"diff\" data-value=\"{exact}\" title=\"{exact}\">{}</span>", d.diff);
    }
    if d.points {
        h.push_str(&s(t, "pp"));
    } else {
        escape_html_into(&mut h, &d.unit);
    }
    if let Some(p) = &d.percent {
        let _ = write!(h, " ({p})");
    } else if d.is_new {
        let _ = write!(h, " (<abbr title=\"{}\">—</abbr>)", s(t, "new_base"));
    }
    let _ = write!(h, " <span class=\"dir\">{}</span>", s(t, dir));
    if d.derived {
        let _ =
            write!(h, " <abbr class=\"flag derived\" title=\"{}\">{}</abbr>", s(t, "derived_title"), s(t, "derived"));
    }
    h.push_str("</span>");
    h
}

/// A change as plain text, for a title attribute ("" when not comparable). Not escaped.
pub fn delta_text(d: &DeltaView, t: &Strings) -> String {
    if !d.comparable {
        return String::new();
    }
    let get = |k: &str| t.get(k).map(String::as_str).unwrap_or_default();
    let dir = d.direction.map(Direction::name).unwrap_or("neutral");
    let mut text = String::with_capacity(64);
    for piece in [get("change"), " ", &d.diff, if d.points { get("pp") } else { &d.unit }] {
        text.push_str(piece);
    }
    if let Some(p) = &d.percent {
        for piece in [" (", p, ")"] {
            text.push_str(piece);
        }
    }
    text.push(' ');
    text.push_str(get(dir));
    text
}

/// A table cell's content: the value and, below it, its change; or a gap (never zero).
pub fn cell(value: Option<&FigureView>, delta_html: Option<&str>, t: &Strings) -> String {
    match value {
        Some(v) => match delta_html {
            Some(d) => format!("{}<br><small>{d}</small>", v.html),
            None => v.html.clone(),
        },
        None => gap(t),
    }
}

/// The value cells of a row of a report's own table: this year's value with the change the
/// report states, last year's value, the change; a gap for what is missing.
pub fn report_row(value: &FigureView, previous: Option<&FigureView>, delta: Option<&DeltaView>, t: &Strings) -> String {
    let mut h = String::with_capacity(512);
    h.push_str("<td class=\"num\">");
    h.push_str(&value.html);
    if let Some(stated) = value.stated_change.as_deref().filter(|s| !s.is_empty()) {
        let _ = write!(h, "<div class=\"stated\">{} ", s(t, "stated_change"));
        escape_html_into(&mut h, stated);
        h.push_str("</div>");
    }
    h.push_str("</td>\n<td class=\"num\">");
    h.push_str(&previous.map_or_else(|| gap(t), |p| p.html.clone()));
    h.push_str("</td>\n<td class=\"num\">");
    h.push_str(&delta.map_or_else(|| gap(t), |d| d.html.clone()));
    h.push_str("</td>");
    h
}

/// A row's cells as HTML, each in its `<td class="num">`: what a template would write looping
/// over them, given as one string so a big table costs one lookup per row, not one per cell.
pub fn cells_html(cells: &[CellView]) -> String {
    let mut h = String::with_capacity(cells.iter().map(|c| c.html.len() + 24).sum());
    for c in cells {
        h.push_str("<td class=\"num\">");
        h.push_str(&c.html);
        h.push_str("</td>");
    }
    h
}

/// A missing value: a dash with an explanation, never a zero.
pub fn gap(t: &Strings) -> String {
    format!("<span class=\"gap\" title=\"{}\">—</span>", s(t, "no_data"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::yoy::{Observation, Origin};
    use crate::model::figure::parse_decimal;
    use crate::model::Figure;

    fn strings() -> Strings {
        [
            ("approx", "约"),
            ("derived", "推算"),
            ("derived_title", "由<下一年>推算"),
            ("no_data", "无数据"),
            ("below", "以下"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn figure_keeps_its_digits_and_flags_and_escapes_words() {
        let t = strings();
        let mut o = Observation::reported(&Figure::plain(parse_decimal("21.10").unwrap()));
        o.approx = true;
        o.bound = Some(Bound::Below);
        o.origin = Origin::Derived { from_year: 2023, change: "+77%".into() };
        let f = FigureView::new(&o, &"<件>".into(), &t);
        assert!(f.html.starts_with("<span class=\"fig is-derived is-approx\">"), "{}", f.html);
        assert!(f.html.contains("<span class=\"num\">21.10</span><span class=\"unit\">&lt;件&gt;</span>"));
        assert!(f.html.contains(">以下</abbr>"));
        assert!(f.html.contains("title=\"由&lt;下一年&gt;推算: 2023 +77%\">推算</abbr>"), "{}", f.html);
    }

    #[test]
    fn a_report_row_has_three_cells_with_gaps_for_what_is_missing() {
        let mut t = strings();
        t.insert("stated_change".into(), "报告称".into());
        let mut o = Observation::reported(&Figure::plain(parse_decimal("52072").unwrap()));
        // Stated changes are parsed at load; one with a character to escape tests the escaping.
        let mut stated = crate::model::StatedChange::parse("+5%").unwrap();
        stated.text.push('<');
        o.stated_change = Some(stated);
        let f = FigureView::new(&o, &"件".into(), &t);
        let row = report_row(&f, None, None, &t);
        assert_eq!(row.matches("<td class=\"num\">").count(), 3, "{row}");
        assert!(
            row.starts_with(&format!("<td class=\"num\">{}<div class=\"stated\">报告称 +5%&lt;</div></td>", f.html))
        );
        assert_eq!(row.matches(&gap(&t)).count(), 2, "{row}");
        let cells = [CellView::new(2020, None, None, &t), CellView::new(2021, Some(f.clone()), None, &t)];
        assert_eq!(cells_html(&cells), format!("<td class=\"num\">{}</td><td class=\"num\">{}</td>", gap(&t), f.html));
    }

    #[test]
    fn empty_cell_is_a_dash_never_zero() {
        let c = CellView::new(2021, None, None, &strings());
        assert!(c.empty);
        assert_eq!(c.html, "<span class=\"gap\" title=\"无数据\">—</span>");
    }
}
