//! Charts as inline SVG made at build time: sparklines for table rows ([`sparkline()`]) and a
//! line chart for an indicator across entities ([`chart()`], [`indicator_chart`]). No
//! JavaScript; every chart carries a text alternative, and the table beside it gives the
//! numbers. Numbers printed in a chart are written as the tables write them (only positions are
//! computed in floating point).
//!
//! What a chart may claim follows the year-over-year rules: counts, amounts and scores are
//! drawn from zero and rates on 0–100 ([`axis`]), a line joins two years only where the tables
//! would compare them (consecutive years, both values placeable, no break between: [`points`]),
//! and a value worked out from a stated change is a hollow point reached by a dashed line.

use crate::compute::yoy::Observation;
use crate::compute::Series;
use crate::escape::escape_html;
use crate::model::Kind;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

pub mod axis;
mod chart;
mod indicator;
mod labels;
pub use chart::{chart, ChartText, Line};
pub use indicator::indicator_chart;

/// A year of a series as a chart draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The value, where the year has one a chart can place: not a bound (written with 以上 or
    /// 以下 and the like: a limit, not a position) and not a running total (marked 累计 in the
    /// tables, which do not compare it).
    pub value: Option<Decimal>,
    /// The value was worked out from a stated change (marked 推算 in the tables): a hollow
    /// point, dashed lines.
    pub derived: bool,
    /// A line joins it to the point before: both have values, the years follow each other and
    /// no break lies between them.
    pub joined: bool,
}

/// Whether a chart can place an observation.
fn placeable(o: &Observation) -> Option<Decimal> {
    (o.bound.is_none() && !o.cumulative).then_some(o.value)
}

/// The points of `series` over `years` (consecutive, oldest first), `breaks` the years that
/// start a new series ([`crate::compute::Computed::breaks`]).
pub fn points(series: Option<&Series>, years: &[i32], breaks: &[i32]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(years.len());
    for &year in years {
        let o = series.and_then(|s| s.get(&year));
        let value = o.and_then(placeable);
        let derived = value.is_some() && o.is_some_and(Observation::is_derived);
        let mut p = Point { year, value, derived, joined: false };
        p.joined = joinable(out.last(), &p, breaks);
        out.push(p);
    }
    out
}

/// Whether a line may join `prev` to `p`.
fn joinable(prev: Option<&Point>, p: &Point, breaks: &[i32]) -> bool {
    prev.is_some_and(|q| q.value.is_some() && q.year + 1 == p.year) && p.value.is_some() && !breaks.contains(&p.year)
}

/// Whether any two points of `points` are joined: a line with at least one segment.
pub fn has_trend(points: &[Point]) -> bool {
    points.iter().any(|p| p.joined)
}

/// A run of joined points, as positions: (x, y, derived).
type Run = Vec<(f64, f64, bool)>;

/// The runs of joined points of a series: each run one line, each point alone in a run of its
/// own where nothing joins it. `x` gives a point's x from its index, `y` its y from its value.
pub(super) fn runs(points: &[Point], x: impl Fn(usize) -> f64, y: impl Fn(f64) -> f64) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let Some(f) = p.value.and_then(|d| d.to_f64()) else { continue };
        let at = (x(i), y(f), p.derived);
        match out.last_mut() {
            Some(run) if p.joined => run.push(at),
            _ => out.push(vec![at]),
        }
    }
    out
}

/// Appends a run's lines to `svg`: solid between reported values, dashed (class `est`) to and
/// from a derived one, each stretch of one kind a single path.
pub(super) fn push_lines(svg: &mut String, run: &[(f64, f64, bool)], class: &str) {
    let mut i = 0;
    while i + 1 < run.len() {
        let dashed = run[i].2 || run[i + 1].2;
        let mut j = i + 1;
        while j + 1 < run.len() && (run[j].2 || run[j + 1].2) == dashed {
            j += 1;
        }
        svg.push_str("<path class=\"");
        svg.push_str(class);
        svg.push_str(if dashed { " est\" stroke-dasharray=\"4 3\" d=\"" } else { "\" d=\"" });
        for (k, &(px, py, _)) in run[i..=j].iter().enumerate() {
            svg.push_str(if k == 0 { "M" } else { " L" });
            push_tenths(svg, px);
            svg.push(',');
            push_tenths(svg, py);
        }
        svg.push_str("\"/>");
        i = j;
    }
}

/// Appends `x` with one decimal, exactly as `{x:.1}` writes it. A site draws tens of thousands
/// of sparkline points, and the formatter's exact rounding costs over a thousand instructions
/// a number. Numbers within a hair of a tie (x.x5), and any outside 0–10⁹, go to the formatter:
/// below 10¹⁰, `x * 10.0` is within 2⁻²⁰ (under 10⁻⁶) of the exact product, so away from a tie
/// it rounds the way the exact value does. Raising the bound needs a wider margin.
fn push_tenths(out: &mut String, x: f64) {
    let t = x * 10.0;
    let whole = t.floor();
    let frac = t - whole;
    if !(0.0..1e10).contains(&t) || x.is_sign_negative() || (frac - 0.5).abs() < 1e-6 {
        let _ = write!(out, "{x:.1}");
        return;
    }
    let tenths = whole as u64 + u64::from(frac > 0.5);
    crate::model::numbers::push_u64(out, tenths / 10);
    out.push('.');
    out.push(char::from(b'0' + (tenths % 10) as u8));
}

/// Appends a point's marker for a sparkline: a dot, hollow (class `est`) where derived.
fn push_dot(svg: &mut String, (x, y, derived): (f64, f64, bool)) {
    svg.push_str(if derived { "<circle class=\"est\" cx=\"" } else { "<circle cx=\"" });
    push_tenths(svg, x);
    svg.push_str("\" cy=\"");
    push_tenths(svg, y);
    svg.push_str(if derived { "\" r=\"1.8\"/>" } else { "\" r=\"1.5\"/>" });
}

/// A small line of a row's values over its years, on the same scale rule as the charts (counts
/// from zero, rates on 0–100), a dot on every value, hollow where derived. `label` is the text
/// alternative. `None` where no two values are joined (fewer than two comparable values: a
/// running total, a bound, or years apart): a sparkline draws a trend or nothing.
pub fn sparkline(points: &[Point], kind: Kind, label: &str) -> Option<String> {
    if !has_trend(points) {
        return None;
    }
    let (w, h, pad) = (80.0, 20.0, 3.0);
    let (lo, hi) = axis::span(kind, points.iter().filter_map(|p| p.value))?;
    let n = points.len().max(2) - 1;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / n as f64;
    let y = |f: f64| h - pad - (h - 2.0 * pad) * (f - lo) / (hi - lo);
    let mut svg = format!(
        "<svg class=\"sparkline\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        escape_html(label)
    );
    let runs = runs(points, x, y);
    for run in &runs {
        push_lines(&mut svg, run, "ln");
    }
    for &at in runs.iter().flatten() {
        push_dot(&mut svg, at);
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests;
