//! Charts as inline SVG made at build time: sparklines for table rows (here) and a line chart
//! for an indicator across entities ([`chart()`]). No JavaScript; every chart carries a text alternative, and the
//! numbers printed in it are the exact values (only positions are computed in floating point).

use crate::escape::escape_html;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

mod chart;
pub use chart::{chart, Line};

/// A point of a series: the year and its value, or a gap.
pub type Point = (i32, Option<Decimal>);

pub(super) fn scale(values: impl Iterator<Item = Decimal>) -> Option<(f64, f64)> {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in values {
        let f = v.to_f64()?;
        lo = lo.min(f);
        hi = hi.max(f);
    }
    if lo > hi {
        return None;
    }
    if (hi - lo).abs() < f64::EPSILON {
        // A flat series sits in the middle.
        return Some((lo - 1.0, hi + 1.0));
    }
    Some((lo, hi))
}

/// Polyline segments of a series, broken at gaps so a missing year is never drawn as a value.
pub(super) fn segments(
    points: &[Point],
    breaks: &[i32],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, (year, v)) in points.iter().enumerate() {
        // A year that starts a new series (a break) is never joined to the years before it.
        if breaks.contains(year) && !out.last().expect("never empty").is_empty() {
            out.push(Vec::new());
        }
        match v.and_then(|d| d.to_f64()) {
            Some(f) => out.last_mut().expect("never empty").push((x(i), y(f))),
            None => {
                if !out.last().expect("never empty").is_empty() {
                    out.push(Vec::new());
                }
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

pub(super) fn path(seg: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, &(x, y)) in seg.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " L" });
        push_tenths(&mut d, x);
        d.push(',');
        push_tenths(&mut d, y);
    }
    d
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

/// A small line of a row's values over its years, with a dot on the latest value.
/// `label` is the text alternative. Returns `None` when fewer than two values exist.
pub fn sparkline(points: &[Point], breaks: &[i32], label: &str) -> Option<String> {
    let present = points.iter().filter(|(_, v)| v.is_some()).count();
    if present < 2 {
        return None;
    }
    let (w, h, pad) = (80.0, 20.0, 3.0);
    let (lo, hi) = scale(points.iter().filter_map(|(_, v)| *v))?;
    let n = points.len().max(2) - 1;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / n as f64;
    let y = |f: f64| h - pad - (h - 2.0 * pad) * (f - lo) / (hi - lo);
    let mut svg = format!(
        "<svg class=\"sparkline\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        escape_html(label)
    );
    for seg in segments(points, breaks, x, y) {
        let _ = write!(svg, "<path d=\"{}\"/>", path(&seg));
        for &(px, py) in &seg {
            svg.push_str("<circle cx=\"");
            push_tenths(&mut svg, px);
            svg.push_str("\" cy=\"");
            push_tenths(&mut svg, py);
            svg.push_str("\" r=\"1.5\"/>");
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn tenths_are_written_as_the_formatter_writes_them() {
        let mut values = vec![0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 2.45, 17.65, 79.95, 1e9, 1e12, -0.04, -3.26, f64::NAN];
        values.extend((0..20_000).map(|i| f64::from(i) * 0.0037 + 0.001));
        values.extend((0..2_000).map(|i| 3.0 + 14.0 * f64::from(i) / 1999.0));
        for x in values {
            let mut fast = String::new();
            push_tenths(&mut fast, x);
            assert_eq!(fast, format!("{x:.1}"), "{x:?}");
        }
    }

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn sparkline_needs_two_values_and_breaks_at_gaps() {
        assert!(sparkline(&[(2021, d("1")), (2022, None)], &[], "x").is_none());
        let svg =
            sparkline(&[(2020, d("1")), (2021, None), (2022, d("3")), (2023, d("2"))], &[], "延庆区 <x>").unwrap();
        assert!(svg.contains("aria-label=\"延庆区 &lt;x&gt;\""));
        // Two segments: the gap year is not bridged.
        assert_eq!(svg.matches("<path").count(), 2);
        // Nor is a break in series: 2022 starts a new one.
        let points = [(2020, d("1")), (2021, d("2")), (2022, d("3")), (2023, d("2"))];
        assert_eq!(sparkline(&points, &[], "x").unwrap().matches("<path").count(), 1);
        assert_eq!(sparkline(&points, &[2022], "x").unwrap().matches("<path").count(), 2);
    }
}
