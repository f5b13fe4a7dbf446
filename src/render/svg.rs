//! Charts as inline SVG made at build time: sparklines for table rows and a line chart for an
//! indicator across entities. No JavaScript; every chart carries a text alternative, and the
//! numbers printed in it are the exact values (only positions are computed in floating point).

use super::highlight::escape_html;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

/// A point of a series: the year and its value, or a gap.
pub type Point = (i32, Option<Decimal>);

fn scale(values: impl Iterator<Item = Decimal>) -> Option<(f64, f64)> {
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
fn segments(points: &[Point], x: impl Fn(usize) -> f64, y: impl Fn(f64) -> f64) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, (_, v)) in points.iter().enumerate() {
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

fn path(seg: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in seg.iter().enumerate() {
        let _ = write!(d, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" });
    }
    d
}

/// A small line of a row's values over its years, with a dot on the latest value.
/// `label` is the text alternative. Returns `None` when fewer than two values exist.
pub fn sparkline(points: &[Point], label: &str) -> Option<String> {
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
    for seg in segments(points, x, y) {
        let _ = write!(svg, "<path d=\"{}\"/>", path(&seg));
        for (px, py) in &seg {
            let _ = write!(svg, "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"1.5\"/>");
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// One line of a chart.
pub struct Line<'a> {
    /// The series' name, for the legend.
    pub name: &'a str,
    /// Values by year, in the chart's year order.
    pub points: Vec<Point>,
}

/// A line chart of several series over `years`, with axis labels, a legend distinguishable
/// without colour (dash patterns and marker shapes), and `title` as its text alternative.
pub fn chart(years: &[i32], lines: &[Line], unit: &str, title: &str) -> Option<String> {
    let (lo, hi) = scale(lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v)))?;
    let exact_lo = lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v)).min()?;
    let exact_hi = lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v)).max()?;
    let legend_rows = lines.len().div_ceil(3);
    let (w, plot_h, left, right, top) = (640.0, 220.0, 70.0, 20.0, 16.0);
    let h = top + plot_h + 28.0 + 20.0 * legend_rows as f64;
    let n = years.len().max(2) - 1;
    let x = |i: usize| {
        if years.len() == 1 {
            left + (w - left - right) / 2.0
        } else {
            left + (w - left - right) * i as f64 / n as f64
        }
    };
    let y = |f: f64| top + plot_h - plot_h * (f - lo) / (hi - lo);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{}</title>",
        escape_html(title)
    );
    let _ = write!(
        svg,
        "<g class=\"axis\"><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{b}\"/><line x1=\"{left}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>",
        b = top + plot_h,
        r = w - right
    );
    let extremes = if exact_lo == exact_hi { vec![exact_hi] } else { vec![exact_hi, exact_lo] };
    for v in extremes {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}{}</text>",
            left - 6.0,
            y(v.to_f64().unwrap_or(lo)) + 4.0,
            escape_html(&v.to_string()),
            escape_html(unit)
        );
    }
    for (i, year) in years.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{year}</text>",
            x(i),
            top + plot_h + 18.0
        );
    }
    svg.push_str("</g>");
    const DASHES: [&str; 3] = ["", "6 3", "2 3"];
    for (k, line) in lines.iter().enumerate() {
        let class = format!("series s{}", k % 6);
        let dash = DASHES[(k / 6 + k) % 3];
        let dash_attr = if dash.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{dash}\"") };
        let _ = write!(svg, "<g class=\"{class}\">");
        for seg in segments(&line.points, x, y) {
            let _ = write!(svg, "<path d=\"{}\"{dash_attr}/>", path(&seg));
            for (px, py) in &seg {
                let _ = write!(svg, "{}", marker(k, *px, *py));
            }
        }
        let lx = left + 190.0 * (k % 3) as f64;
        let ly = top + plot_h + 40.0 + 20.0 * (k / 3) as f64;
        let _ = write!(
            svg,
            "<path d=\"M{lx:.1},{ly:.1} L{:.1},{ly:.1}\"{dash_attr}/>{}<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            lx + 24.0,
            marker(k, lx + 12.0, ly),
            lx + 30.0,
            ly + 4.0,
            escape_html(line.name)
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

fn marker(k: usize, x: f64, y: f64) -> String {
    match k % 3 {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\"/>"),
        1 => format!("<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\"/>", x - 3.5, y - 3.5),
        _ => format!(
            "<path class=\"tri\" d=\"M{x:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z\"/>",
            y - 4.0,
            x + 4.0,
            y + 3.0,
            x - 4.0,
            y + 3.0
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn sparkline_needs_two_values_and_breaks_at_gaps() {
        assert!(sparkline(&[(2021, d("1")), (2022, None)], "x").is_none());
        let svg = sparkline(&[(2020, d("1")), (2021, None), (2022, d("3")), (2023, d("2"))], "延庆区 <x>").unwrap();
        assert!(svg.contains("aria-label=\"延庆区 &lt;x&gt;\""));
        // Two segments: the gap year is not bridged.
        assert_eq!(svg.matches("<path").count(), 2);
    }

    #[test]
    fn chart_prints_exact_extremes_and_legend() {
        let lines = [
            Line { name: "延庆区", points: vec![(2021, d("18")), (2022, None)] },
            Line { name: "武清区", points: vec![(2021, None), (2022, d("21.08"))] },
        ];
        let svg = chart(&[2021, 2022], &lines, "%", "纠错率").unwrap();
        assert!(svg.contains(">21.08%<"), "{svg}");
        assert!(svg.contains(">18%<"));
        assert!(svg.contains("<title id=\"chart-title\">纠错率</title>"));
        assert!(svg.contains("武清区"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
