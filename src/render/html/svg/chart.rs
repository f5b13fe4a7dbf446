//! The line chart of an indicator across entities: its layout worked out so that no text
//! leaves the viewBox at any font size the theme uses, then its gridlines, lines and direct
//! labels written.

use super::axis::{axis, tick_label, Axis};
use super::labels::{short_name, spread, width_em};
use super::{has_trend, push_lines, runs, Point};
use crate::escape::{escape_html, escape_html_into};
use crate::model::numbers::LargeNumbers;
use crate::model::Kind;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// One line of a chart.
pub struct Line<'a> {
    /// The series' name, written at its last point.
    pub name: &'a str,
    /// Its points, one per year of the chart ([`super::points`]).
    pub points: Vec<Point>,
}

/// The words of a chart.
pub struct ChartText<'a> {
    /// What it shows: its accessible name.
    pub title: &'a str,
    /// How to read it, its accessible description; `{low}` and `{high}` become the axis's
    /// lowest and highest gridline labels.
    pub desc: &'a str,
    /// The unit, written after the highest gridline's label.
    pub unit: &'a str,
    /// How large values are written: as the tables write them.
    pub notation: LargeNumbers,
    /// The key to hollow points and dashed lines, shown under the years where a value is derived.
    pub derived_key: &'a str,
}

/// The largest font size of chart text, in the SVG's units: style.css sets `.chart` to 22px in
/// its small-screen query (12px otherwise). The layout leaves room for text at this size.
const EM: f64 = 22.0;
/// How far the box of a line of text reaches above its baseline, in em (Chromium with Noto
/// Sans CJK measures 1.14–1.16).
const ASCENT: f64 = 1.16;
/// How far it reaches below its baseline, in em (measured 0.29–0.33).
const DESCENT: f64 = 0.33;
/// The `dy` that centres a label's glyphs on a point, in em.
const MID: f64 = 0.35;
/// Space left between neighbouring texts and at the edges, in the SVG's units.
const GAP: f64 = 4.0;
/// The chart's width, in the SVG's units.
const WIDTH: f64 = 640.0;
/// The plot's least height, in the SVG's units (it grows to fit many direct labels).
const PLOT_HEIGHT: f64 = 220.0;
/// The `dy` of year labels, in em: their top below the lowest value label's bottom.
const YEAR_DY: f64 = MID + DESCENT + ASCENT;
/// From a line's last point to its label.
const LABEL_DX: f64 = 8.0;
/// From the key's sample (a dashed line with a hollow point) to its text.
const KEY_DX: f64 = 30.0;

/// Where everything of a chart goes.
struct Layout {
    /// The viewBox's height.
    h: f64,
    /// The plot's left and right edges.
    left: f64,
    right: f64,
    /// The plot's top and bottom.
    top: f64,
    bottom: f64,
    /// The value axis.
    axis: Axis,
    /// How many years there are.
    years: usize,
    /// The widest year label.
    year_w: f64,
    /// The key's row (its centre), where a value is derived.
    key_y: Option<f64>,
}

/// The widest of `texts`, in the SVG's units at the largest font size.
fn widest<'s>(texts: impl Iterator<Item = &'s str>) -> f64 {
    texts.map(width_em).fold(0.0, f64::max) * EM
}

impl Layout {
    /// The plot's left margin fits the widest gridline label, the right one the widest name;
    /// the plot is tall enough for every name a label apart; year labels sit below it and the
    /// key below them.
    fn new(years: &[i32], names: &[String], ticks: &[String], axis: Axis, key: bool) -> Self {
        let year_w = years.iter().map(|y| width_em(&y.to_string())).fold(0.0, f64::max) * EM;
        let left = (GAP + widest(ticks.iter().map(String::as_str)) + 6.0).max(GAP + year_w / 2.0);
        let right = WIDTH - (GAP + LABEL_DX + widest(names.iter().map(String::as_str))).max(GAP + year_w / 2.0);
        // The highest label is centred on the plot's top, the lowest on its bottom.
        let top = GAP + (ASCENT - MID) * EM;
        let height = PLOT_HEIGHT.max(names.len().saturating_sub(1) as f64 * label_gap());
        let bottom = top + height;
        let years_base = bottom + GAP + YEAR_DY * EM;
        let key_y = key.then_some(years_base + DESCENT * EM + GAP + (ASCENT - MID) * EM);
        let last = key_y.unwrap_or(years_base - MID * EM);
        let h = last + (MID + DESCENT) * EM + GAP;
        Layout { h, left, right, top, bottom, axis, years: years.len(), year_w, key_y }
    }

    /// The x of the `i`-th year.
    fn x(&self, i: usize) -> f64 {
        self.left + (self.right - self.left) * i as f64 / (self.years.max(2) - 1) as f64
    }

    /// The y of value `f`.
    fn y(&self, f: f64) -> f64 {
        self.bottom - (self.bottom - self.top) * (f - self.axis.lo) / (self.axis.hi - self.axis.lo)
    }
}

/// The least distance between two direct labels' centres.
fn label_gap() -> f64 {
    (ASCENT + DESCENT) * EM + 1.0
}

/// A line chart of several series over `years` (consecutive, oldest first): gridlines at
/// round values from zero (0–100 for a rate, [`axis`]), each series a line where its years
/// can be compared, its name at its last point; series differ by colour and marker shape,
/// derived values are hollow points reached by dashed lines.
///
/// `None` where no series has two joined points: single values, in whatever years, are no
/// trend, and the table says all there is.
pub fn chart(years: &[i32], lines: &[Line], kind: Kind, text: &ChartText) -> Option<String> {
    if !lines.iter().any(|l| has_trend(&l.points)) {
        return None;
    }
    let axis = axis(kind, lines.iter().flat_map(|l| l.points.iter().filter_map(|p| p.value)))?;
    let mut ticks: Vec<String> = axis.ticks.iter().map(|d| tick_label(*d, text.notation)).collect();
    if let Some(top) = ticks.last_mut() {
        top.push_str(text.unit);
    }
    let drawn: Vec<&Line> = lines.iter().filter(|l| l.points.iter().any(|p| p.value.is_some())).collect();
    let names: Vec<String> = drawn.iter().map(|l| short_name(l.name).into_owned()).collect();
    let derived = drawn.iter().any(|l| l.points.iter().any(|p| p.derived));
    let l = Layout::new(years, &names, &ticks, axis, derived && !text.derived_key.is_empty());
    let desc = text.desc.replace("{low}", ticks.first()?).replace("{high}", ticks.last()?);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {:.1}\" role=\"img\" aria-labelledby=\"chart-title\" aria-describedby=\"chart-desc\"><title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
        l.h,
        escape_html(text.title),
        escape_html(&desc)
    );
    push_grid(&mut svg, &l, &ticks);
    push_years(&mut svg, &l, years);
    let ends: Vec<f64> = drawn.iter().map(|line| last_y(&l, line)).collect();
    let label_ys = spread(&ends, label_gap(), l.top, l.bottom);
    for (k, line) in drawn.iter().enumerate() {
        push_series(&mut svg, &l, k, line, (&names[k], label_ys[k]));
    }
    if let Some(y) = l.key_y {
        push_key(&mut svg, &l, y, text.derived_key);
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The y of a line's last value.
fn last_y(l: &Layout, line: &Line) -> f64 {
    let last = line.points.iter().rev().find_map(|p| p.value.and_then(|v| v.to_f64()));
    l.y(last.unwrap_or(l.axis.lo))
}

/// The gridlines, each with its label at the left; the one at zero darker.
fn push_grid(svg: &mut String, l: &Layout, labels: &[String]) {
    svg.push_str("<g class=\"grid\">");
    for (v, label) in l.axis.ticks.iter().zip(labels) {
        let y = l.y(v.to_f64().unwrap_or(l.axis.lo));
        let class = if v.is_zero() { " class=\"zero\"" } else { "" };
        let _ = write!(
            svg,
            "<line{class} x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text x=\"{:.1}\" y=\"{y:.1}\" dy=\"{MID}em\" text-anchor=\"end\">{}</text>",
            l.left,
            l.right,
            l.left - 6.0,
            escape_html(label)
        );
    }
    svg.push_str("</g>");
}

/// The year labels: every k-th year when all of them would not fit side by side (seventeen
/// years on a phone); the last year always, and the one before it only where it fits.
fn push_years(svg: &mut String, l: &Layout, years: &[i32]) {
    svg.push_str("<g class=\"years\">");
    let spacing = (l.right - l.left) / (l.years.max(2) - 1) as f64;
    let step = ((l.year_w + GAP) / spacing).ceil().max(1.0) as usize;
    let last = years.len().saturating_sub(1);
    let labelled = |i: usize| i == last || (i.is_multiple_of(step) && (last - i) >= step);
    for (i, year) in years.iter().enumerate().filter(|(i, _)| labelled(*i)) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" dy=\"{YEAR_DY:.2}em\" text-anchor=\"middle\">{year}</text>",
            l.x(i),
            l.bottom + GAP
        );
    }
    svg.push_str("</g>");
}

/// The `k`-th series: its lines where years are joined, a marker on each value (hollow where
/// derived), and its name at its last value (`label`: the name and the centre `spread` gave).
fn push_series(svg: &mut String, l: &Layout, k: usize, line: &Line, (name, label_y): (&str, f64)) {
    let _ = write!(svg, "<g class=\"series s{}\">", k % 6);
    let runs = runs(&line.points, |i| l.x(i), |f| l.y(f));
    for run in &runs {
        push_lines(svg, run, "ln");
    }
    for &(x, y, derived) in runs.iter().flatten() {
        push_marker(svg, k, (x, y), derived);
    }
    let last_x = runs.last().and_then(|r| r.last()).map_or(l.right, |p| p.0);
    let _ = write!(svg, "<text x=\"{:.1}\" y=\"{label_y:.1}\" dy=\"{MID}em\">", last_x + LABEL_DX);
    escape_html_into(svg, name);
    svg.push_str("</text></g>");
}

/// Under the years: a dashed line through a hollow point, and what they mean.
fn push_key(svg: &mut String, l: &Layout, y: f64, key: &str) {
    let x = if l.left + KEY_DX + width_em(key) * EM + GAP <= WIDTH { l.left } else { GAP };
    let _ = write!(
        svg,
        "<g class=\"key\"><path class=\"ln est\" stroke-dasharray=\"4 3\" d=\"M{x:.1},{y:.1} L{:.1},{y:.1}\"/>",
        x + 24.0
    );
    push_marker(svg, 0, (x + 12.0, y), true);
    let _ = write!(svg, "<text x=\"{:.1}\" y=\"{y:.1}\" dy=\"{MID}em\">{}</text></g>", x + KEY_DX, escape_html(key));
}

/// A series' marker at a point: a circle, a square, a triangle or a diamond; hollow (class
/// `est`) where the value is derived.
fn push_marker(svg: &mut String, k: usize, (x, y): (f64, f64), derived: bool) {
    let class = if derived { "pt est" } else { "pt" };
    let _ = match k % 4 {
        0 => write!(svg, "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\"/>"),
        1 => {
            write!(svg, "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\"/>", x - 3.5, y - 3.5)
        }
        2 => write!(
            svg,
            "<path class=\"{class}\" d=\"M{x:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z\"/>",
            y - 4.0,
            x + 4.0,
            y + 3.0,
            x - 4.0,
            y + 3.0
        ),
        _ => write!(
            svg,
            "<path class=\"{class}\" d=\"M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z\"/>",
            y - 4.5,
            x + 4.5,
            y + 4.5,
            x - 4.5
        ),
    };
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
