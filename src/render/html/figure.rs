//! The HTML of a figure: its value (as written, or in 万/亿) with its unit and every flag that
//! travels with it, and the change a report states below this year's value.

use crate::compute::yoy::{Observation, Origin};
use crate::escape::{escape_html, escape_html_into, escaped};
use crate::model::numbers::{self, LargeNumbers, Unit};
use crate::model::written::{Magnitude, Placement, Qualifier};
use crate::model::{AsWritten, Bound};
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
        let text = numbers::decimal_text(o.value);
        // A value the report writes in 万 / 亿 keeps that form on a Chinese site, whatever the
        // catalogue's `large_numbers`; a plain one follows it.
        let as_written = o.written().filter(|w| w.magnitude != Magnitude::One);
        let shown = match as_written {
            Some(w) if t.large_numbers == LargeNumbers::Chinese => Some(w.number()),
            Some(_) => None,
            None => numbers::in_wan_yi(o.value, notation(unit, t), numbers::decimal_text),
        };
        let shown = shown.filter(|s| *s != text);
        FigureText { text, shown }
    }

    /// The figure's HTML in running text, unit and flags included.
    pub fn html(&self, o: &Observation, unit: &Unit, t: &UiStrings) -> String {
        let mut h = String::with_capacity(96);
        self.push_html(&mut h, o, unit, Layout::Inline, t);
        h
    }

    /// Appends the figure's HTML to `h`, laid out as `layout` says.
    pub fn push_html(&self, h: &mut String, o: &Observation, unit: &Unit, layout: Layout, t: &UiStrings) {
        let (derived, restated) = match &o.origin {
            Origin::Reported => (None, None),
            Origin::Derived(d) => (Some((Some(d.from_year), Some(d.change.as_str()))), None),
            Origin::Restated(year) => (None, Some(*year)),
        };
        let parts = FigureParts {
            text: &self.text,
            shown: self.shown.as_deref().unwrap_or(&self.text),
            unit: &unit.text,
            approx: o.approx,
            cumulative: o.cumulative,
            derived,
            restated,
            qualifier: o.written().and_then(|w| w.qualifier),
            bound: o.bound,
        };
        match layout {
            Layout::Inline => push_figure(h, &parts, t),
            Layout::Cell => push_cell_figure(h, &parts, t),
        }
    }
}

/// Where a figure is shown, which decides where its unit and marks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// In running text: the figure as the report writes it, unit included (31.5万件).
    Inline,
    /// In a table cell whose row or column heading carries the unit: marks that are not part
    /// of the written number before it, 万/亿 and a written suffix (余, 以上) in a slot of
    /// fixed width after it, so the last digits of a column line up.
    Cell,
}

/// An observation's figure as a table cell shows it ([`Layout::Cell`]): no unit.
pub fn observation_cell_html(o: &Observation, unit: &Unit, t: &UiStrings) -> String {
    let mut h = String::with_capacity(96);
    FigureText::new(o, unit, t).push_html(&mut h, o, unit, Layout::Cell, t);
    h
}

/// What a figure's HTML is made of: a value with its unit and every flag that travels with it.
#[derive(Debug, Clone, Copy)]
pub struct FigureParts<'a> {
    /// The number as written.
    pub text: &'a str,
    /// The number as shown (`text`, or in 万/亿).
    pub shown: &'a str,
    /// The unit.
    pub unit: &'a str,
    /// 余 / 约.
    pub approx: bool,
    /// 累计.
    pub cumulative: bool,
    /// For a derived value: the year whose report states the change, and that change.
    pub derived: Option<(Option<i32>, Option<&'a str>)>,
    /// For a value a later report restates: that report's year.
    pub restated: Option<i32>,
    /// The qualifier the value is written with (约 余 以上 …), shown in its words; `None`
    /// for a value flagged by the old keys (`approx`, `bound`), whose marks are the theme's.
    pub qualifier: Option<Qualifier>,
    /// 以下 / 以上 by the old `bound` key.
    pub bound: Option<Bound>,
}

/// Opens a figure's `<span class="fig">`, classed `is-derived` and `is-approx` as it is, for
/// the theme to set derived and approximate values apart.
fn open_figure(h: &mut String, f: &FigureParts) {
    h.push_str("<span class=\"fig");
    if f.derived.is_some() {
        h.push_str(" is-derived");
    }
    if f.approx {
        h.push_str(" is-approx");
    }
    h.push_str("\">");
}

/// Appends the HTML of a figure from its parts to `h`: a big table writes each cell into one
/// string, with no string of its own per figure. A qualifier stands where the report writes
/// it (约3万件, 1500余家次, 90%以上) on a Chinese site, and in DESIGN.md's English form
/// (about 30000, 1500+, ≥ 90) where the interface does not write Chinese numbers.
pub fn push_figure(h: &mut String, f: &FigureParts, t: &UiStrings) {
    open_figure(h, f);
    let Some(q) = f.qualifier else {
        push_flagged(h, f, t);
        return;
    };
    let chinese = t.large_numbers == LargeNumbers::Chinese;
    let q = Some(q);
    let before = q.filter(|q| q.placement() == Placement::Before || (!chinese && !q.english_prefix().is_empty()));
    if let Some(q) = before {
        push_qualifier(h, q, if chinese { q.text() } else { q.english_prefix() }, t);
    }
    push_number(h, f);
    if let Some(q) = q.filter(|q| !chinese && !q.english_suffix().is_empty()) {
        push_qualifier(h, q, q.english_suffix(), t);
    }
    let odd = q.filter(|q| chinese && matches!(q, Qualifier::Odd | Qualifier::More));
    if let Some(q) = odd {
        push_qualifier(h, q, q.text(), t);
    }
    push_unit(h, f);
    if let Some(q) = q.filter(|q| chinese && q.placement() == Placement::After && odd.is_none()) {
        push_qualifier(h, q, q.text(), t);
    }
    push_flags(h, f, t, " ");
    h.push_str("</span>");
}

/// Appends a figure as a table cell shows it ([`Layout::Cell`]): the marks that are not part
/// of the written number (推算, 累计, 据…年报告) and a qualifier written before it (约, 近) go
/// before the number, 万/亿 and a qualifier written after it (余, 以上) into the `sfx` slot
/// after it, whose width the theme fixes; the unit is left to the heading.
pub fn push_cell_figure(h: &mut String, f: &FigureParts, t: &UiStrings) {
    open_figure(h, f);
    push_flags(h, f, t, "");
    let chinese = t.large_numbers == LargeNumbers::Chinese;
    let (before, after) = match f.qualifier {
        Some(q) if chinese => match q.placement() {
            Placement::Before => (Some((q, q.text())), None),
            Placement::After => (None, Some((q, q.text()))),
        },
        Some(q) => (
            Some((q, q.english_prefix())).filter(|(_, w)| !w.is_empty()),
            Some((q, q.english_suffix())).filter(|(_, w)| !w.is_empty()),
        ),
        None => (None, None),
    };
    if let Some((q, word)) = before {
        push_qualifier(h, q, word, t);
    } else if f.approx && f.qualifier.is_none() {
        push_old_approx(h, t);
    }
    // The number and its slot never part, however narrow the column.
    h.push_str("<span class=\"val\">");
    let (digits, magnitude) = split_magnitude(f.shown);
    push_number(h, &FigureParts { shown: digits, ..*f });
    h.push_str("<span class=\"sfx\">");
    escape_html_into(h, magnitude);
    if let Some((q, word)) = after {
        push_qualifier(h, q, word, t);
    } else if let Some(b) = f.bound.filter(|_| f.qualifier.is_none()) {
        push_old_bound(h, b, t);
    }
    h.push_str("</span></span></span>");
}

/// A number as shown split into its digits and the word of its magnitude ("1.0851万" →
/// "1.0851", "万"; "15495" → "15495", "").
pub fn split_magnitude(shown: &str) -> (&str, &str) {
    for word in ["万亿", "亿", "万"] {
        if let Some(digits) = shown.strip_suffix(word) {
            return (digits, &shown[digits.len()..]);
        }
    }
    (shown, "")
}

/// A figure flagged by the old keys: the theme's approximate mark before it, its bound's mark
/// after it.
fn push_flagged(h: &mut String, f: &FigureParts, t: &UiStrings) {
    if f.approx {
        push_old_approx(h, t);
    }
    push_number(h, f);
    push_unit(h, f);
    if let Some(b) = f.bound {
        push_old_bound(h, b, t);
    }
    push_flags(h, f, t, " ");
    h.push_str("</span>");
}

/// The theme's approximate mark, for a figure flagged `approx: true`.
fn push_old_approx(h: &mut String, t: &UiStrings) {
    let _ =
        write!(h, "<abbr class=\"flag approx\" title=\"{}\">{}</abbr>", escaped(&t.approx_title), escaped(&t.approx));
}

/// The theme's mark of a bound, for a figure flagged `bound: above` or `below`.
fn push_old_bound(h: &mut String, b: Bound, t: &UiStrings) {
    let word = if b == Bound::Below { &t.below } else { &t.above };
    let _ = write!(h, "<abbr class=\"flag bound\" title=\"{}\">{}</abbr>", escaped(&t.bound_title), escaped(word));
}

/// A qualifier's mark, `word` as the interface writes it, with what it means as its tooltip.
fn push_qualifier(h: &mut String, q: Qualifier, word: &str, t: &UiStrings) {
    let (class, title) = if q.is_bound() { ("bound", &t.bound_title) } else { ("approx", &t.approx_title) };
    let _ = write!(h, "<abbr class=\"flag {class}\" title=\"{}\">{}</abbr>", escaped(title), escape_html(word));
}

/// The number, with the exact value kept where it is shown otherwise (in 万/亿).
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
}

/// The unit after the number.
fn push_unit(h: &mut String, f: &FigureParts) {
    if !f.unit.is_empty() {
        h.push_str("<span class=\"unit\">");
        escape_html_into(h, f.unit);
        h.push_str("</span>");
    }
}

/// The flags that travel with a figure: cumulative, derived, restated — after it in running
/// text (a space before each), before it in a table cell (the theme spaces them).
fn push_flags(h: &mut String, f: &FigureParts, t: &UiStrings, sep: &str) {
    if f.cumulative {
        let _ = write!(
            h,
            "{sep}<abbr class=\"flag cumulative\" title=\"{}\">{}</abbr>",
            escaped(&t.cumulative_title),
            escaped(&t.cumulative)
        );
    }
    if let Some((from, change)) = f.derived {
        let from = from.map(|y| t.year_n.replace("{year}", &y.to_string())).unwrap_or_default();
        let change = change.map(escape_html).unwrap_or_default();
        let _ = write!(
            h,
            "{sep}<abbr class=\"flag derived\" title=\"{}{}{} {change}\">{}</abbr>",
            escaped(&t.derived_title),
            escaped(&t.colon),
            escape_html(&from),
            escaped(&t.derived)
        );
    }
    if let Some(year) = f.restated {
        let word = t.restated.replace("{year}", &year.to_string());
        let _ = write!(
            h,
            "{sep}<abbr class=\"flag restated\" title=\"{}\">{}</abbr>",
            escaped(&t.restated_title),
            escape_html(&word)
        );
    }
}

/// A missing value: a dash with an explanation, never a zero.
pub fn gap(t: &UiStrings) -> String {
    format!("<span class=\"gap\" title=\"{}\">—</span>", escaped(&t.no_data))
}
