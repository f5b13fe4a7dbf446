//! The HTML of a figure: its value (as written, or in 万/亿) with its unit and every flag that
//! travels with it, and the change a report states below this year's value.

use crate::compute::yoy::{Observation, Origin};
use crate::escape::{escape_html, escape_html_into, escaped};
use crate::model::numbers::{self, LargeNumbers, Unit};
use crate::model::Bound;
use crate::theme::UiStrings;
use std::fmt::Write as _;

/// How an interface writes large values of a unit: in 万/亿 only when the catalogue asks for
/// it (`large_numbers: chinese`) and the theme's strings for the site's language say so too
/// (`large_numbers: chinese` in zh-CN.yaml; en.yaml says `plain`, as English has no 万).
pub fn notation(unit: &Unit, t: &UiStrings) -> LargeNumbers {
    match (unit.large_numbers, t.large_numbers) {
        (LargeNumbers::Chinese, LargeNumbers::Chinese) => LargeNumbers::Chinese,
        _ => LargeNumbers::Plain,
    }
}

/// An observation's value as written, and as shown where that differs (in 万/亿): the one
/// place a figure's display text is made, for its HTML and for the fields templates read.
pub struct FigureText {
    /// The number exactly as written (or derived): "21.08", "52072".
    pub text: String,
    /// The number in 万/亿 ("5.2072万"), where [`notation`] asks for it and it differs.
    pub shown: Option<String>,
}

impl FigureText {
    /// The text of `o`'s value in `unit`, as the interface language `t` writes it.
    pub fn new(o: &Observation, unit: &Unit, t: &UiStrings) -> Self {
        FigureText {
            text: numbers::decimal_text(o.value),
            shown: numbers::in_wan_yi(o.value, notation(unit, t), numbers::decimal_text),
        }
    }

    /// The figure's HTML, flags included.
    pub fn html(&self, o: &Observation, unit: &Unit, t: &UiStrings) -> String {
        let mut h = String::with_capacity(96);
        self.push_html(&mut h, o, unit, t);
        h
    }

    /// Appends [`FigureText::html`] to `h`.
    pub fn push_html(&self, h: &mut String, o: &Observation, unit: &Unit, t: &UiStrings) {
        let derived = match &o.origin {
            Origin::Reported => None,
            Origin::Derived(d) => Some((Some(d.from_year), Some(d.change.as_str()))),
        };
        let parts = FigureParts {
            text: &self.text,
            shown: self.shown.as_deref().unwrap_or(&self.text),
            unit: &unit.text,
            approx: o.approx,
            bound: o.bound,
            cumulative: o.cumulative,
            derived,
        };
        push_figure(h, &parts, t);
    }
}

/// An observation's figure as HTML, flags included (a table cell needs nothing else).
pub fn observation_html(o: &Observation, unit: &Unit, t: &UiStrings) -> String {
    FigureText::new(o, unit, t).html(o, unit, t)
}

/// What a figure's HTML is made of: a value with its unit and every flag that travels with it.
pub struct FigureParts<'a> {
    /// The number as written.
    pub text: &'a str,
    /// The number as shown (`text`, or in 万/亿).
    pub shown: &'a str,
    /// The unit.
    pub unit: &'a str,
    /// 余 / 约.
    pub approx: bool,
    /// 以下 / 以上.
    pub bound: Option<Bound>,
    /// 累计.
    pub cumulative: bool,
    /// For a derived value: the year whose report states the change, and that change.
    pub derived: Option<(Option<i32>, Option<&'a str>)>,
}

/// Appends the HTML of a figure from its parts to `h`: a big table writes each cell into one
/// string, with no string of its own per figure.
pub fn push_figure(h: &mut String, f: &FigureParts, t: &UiStrings) {
    h.push_str("<span class=\"fig");
    if f.derived.is_some() {
        h.push_str(" is-derived");
    }
    if f.approx {
        h.push_str(" is-approx");
    }
    h.push_str("\">");
    if f.approx {
        let _ = write!(
            h,
            "<abbr class=\"flag approx\" title=\"{}\">{}</abbr>",
            escaped(&t.approx_title),
            escaped(&t.approx)
        );
    }
    push_number(h, f);
    push_flags(h, f, t);
    h.push_str("</span>");
}

/// The number (with the exact value kept where it is shown in 万/亿) and its unit.
fn push_number(h: &mut String, f: &FigureParts) {
    if f.shown == f.text {
        h.push_str("<span class=\"num\">");
        escape_html_into(h, f.text);
        h.push_str("</span>");
    } else {
        // Shown in 万/亿: the exact written value stays on the element and in its tooltip.
        let exact = escape_html(f.text);
        let _ =
            write!(h, "<span class=\"num\" data-value=\"{exact}\" title=\"{exact}\">{}</span>", escape_html(f.shown));
    }
    if !f.unit.is_empty() {
        h.push_str("<span class=\"unit\">");
        escape_html_into(h, f.unit);
        h.push_str("</span>");
    }
}

/// The flags after the number: bound, cumulative, derived.
fn push_flags(h: &mut String, f: &FigureParts, t: &UiStrings) {
    if let Some(b) = f.bound {
        let word = if b == Bound::Below { &t.below } else { &t.above };
        let _ = write!(h, "<abbr class=\"flag bound\" title=\"{}\">{}</abbr>", escaped(&t.bound_title), escaped(word));
    }
    if f.cumulative {
        let _ = write!(
            h,
            " <abbr class=\"flag cumulative\" title=\"{}\">{}</abbr>",
            escaped(&t.cumulative_title),
            escaped(&t.cumulative)
        );
    }
    if let Some((from, change)) = f.derived {
        let from = from.map(|y| y.to_string()).unwrap_or_default();
        let change = change.map(escape_html).unwrap_or_default();
        let _ = write!(
            h,
            " <abbr class=\"flag derived\" title=\"{}: {from} {change}\">{}</abbr>",
            escaped(&t.derived_title),
            escaped(&t.derived)
        );
    }
}

/// This year's value in a report's own table: the figure's HTML and, below it, the change the
/// report itself states.
pub fn value_with_stated(mut figure_html: String, stated: Option<&str>, t: &UiStrings) -> String {
    if let Some(stated) = stated.filter(|s| !s.is_empty()) {
        let _ = write!(figure_html, "<div class=\"stated\">{} ", escaped(&t.stated_change));
        escape_html_into(&mut figure_html, stated);
        figure_html.push_str("</div>");
    }
    figure_html
}

/// A missing value: a dash with an explanation, never a zero.
pub fn gap(t: &UiStrings) -> String {
    format!("<span class=\"gap\" title=\"{}\">—</span>", escaped(&t.no_data))
}
