//! Charts as inline SVG made at build time: sparklines for table rows and a line chart for an
//! indicator across entities. No JavaScript; every chart carries a text alternative, and the
//! numbers printed in it are the exact values (only positions are computed in floating point).

use crate::escape::escape_html;
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

/// One line of a chart.
pub struct Line<'a> {
    /// The series' name, for the legend.
    pub name: &'a str,
    /// Values by year, in the chart's year order.
    pub points: Vec<Point>,
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

/// An upper bound of the width of `s` in em: 1 for CJK and other wide characters (and `%`,
/// `m`, `M`, `W`, `w`, `@`, wide in most fonts), 0.6 for digits and other Latin characters.
fn width_em(s: &str) -> f64 {
    s.chars().map(|c| if c as u32 >= 0x2E80 || "%mMwW@".contains(c) { 1.0 } else { 0.6 }).sum()
}

/// A line chart of several series over `years`, with axis labels, a legend distinguishable
/// without colour (dash patterns and marker shapes), and `title` as its text alternative.
///
/// Layout: the plot's left margin fits the widest value label (1 em a CJK character, 0.6 em a
/// digit or Latin letter) at the largest font size the theme uses, the right margin half the
/// widest year label; year labels sit below the lowest value label, the legend below the years
/// (as many columns as the widest series name allows), and the height follows, so no text
/// leaves the viewBox at any size.
pub fn chart(years: &[i32], lines: &[Line], unit: &str, title: &str) -> Option<String> {
    let (lo, hi) = scale(lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v)))?;
    let exact_lo = lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v)).min()?;
    let exact_hi = lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v)).max()?;
    let extremes = if exact_lo == exact_hi { vec![exact_hi] } else { vec![exact_hi, exact_lo] };
    let labels: Vec<String> = extremes.iter().map(|v| format!("{v}{unit}")).collect();
    let em_max = |it: &mut dyn Iterator<Item = f64>| it.fold(0.0, f64::max) * EM;
    let label_w = em_max(&mut labels.iter().map(|l| width_em(l)));
    let year_w = em_max(&mut years.iter().map(|y| width_em(&y.to_string())));
    let name_w = em_max(&mut lines.iter().map(|l| width_em(l.name)));
    let (w, plot_h) = (640.0, 220.0);
    let left = (GAP + label_w + 6.0).max(GAP + year_w / 2.0);
    let right = (GAP + year_w / 2.0).max(12.0);
    // The highest label is centred on the plot's top, the lowest on its bottom.
    let top = GAP + (ASCENT - MID) * EM;
    let bottom = top + plot_h;
    // Year labels: their top below the lowest value label's bottom, at any font size.
    let year_dy = MID + DESCENT + ASCENT;
    // The legend: rows of columns wide enough for the widest name, below the year labels.
    let col_w = (30.0 + name_w + EM).max(120.0);
    let fit = |x0: f64| ((w - x0) / col_w).floor() as usize;
    let (legend_x, cols) = if fit(left) >= 1 { (left, fit(left)) } else { (0.0, fit(0.0).max(1)) };
    let cols = cols.clamp(1, lines.len().max(1));
    let rows = lines.len().div_ceil(cols).max(1);
    let row_h = (ASCENT + DESCENT) * EM + GAP;
    let legend_y = bottom + GAP + year_dy * EM + DESCENT * EM + GAP + (ASCENT - MID) * EM;
    let h = legend_y + row_h * (rows - 1) as f64 + (MID + DESCENT) * EM + GAP;
    let n = years.len().max(2) - 1;
    let x = |i: usize| {
        if years.len() == 1 {
            left + (w - left - right) / 2.0
        } else {
            left + (w - left - right) * i as f64 / n as f64
        }
    };
    let y = |f: f64| bottom - plot_h * (f - lo) / (hi - lo);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h:.1}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{}</title>",
        escape_html(title)
    );
    let _ = write!(
        svg,
        "<g class=\"axis\"><line x1=\"{left:.1}\" y1=\"{top:.1}\" x2=\"{left:.1}\" y2=\"{bottom:.1}\"/><line x1=\"{left:.1}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\"/>",
        w - right
    );
    for (v, label) in extremes.iter().zip(&labels) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" dy=\"{MID}em\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y(v.to_f64().unwrap_or(lo)),
            escape_html(label)
        );
    }
    // Every k-th year when all of them would not fit side by side (seventeen years on a
    // phone); the last year is always labelled, and the one before it only where it fits.
    let spacing = if years.len() > 1 { (w - left - right) / n as f64 } else { w };
    let step = ((year_w + GAP) / spacing).ceil().max(1.0) as usize;
    let last = years.len().saturating_sub(1);
    let labelled = |i: usize| i == last || (i.is_multiple_of(step) && (last - i) >= step);
    for (i, year) in years.iter().enumerate().filter(|(i, _)| labelled(*i)) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" dy=\"{year_dy:.2}em\" text-anchor=\"middle\">{year}</text>",
            x(i),
            bottom + GAP
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
        let lx = legend_x + col_w * (k % cols) as f64;
        let ly = legend_y + row_h * (k / cols) as f64;
        let _ = write!(
            svg,
            "<path d=\"M{lx:.1},{ly:.1} L{:.1},{ly:.1}\"{dash_attr}/>{}<text x=\"{:.1}\" y=\"{ly:.1}\" dy=\"{MID}em\">{}</text></g>",
            lx + 24.0,
            marker(k, lx + 12.0, ly),
            lx + 30.0,
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

    /// The boxes of a chart's texts when its font size is `em`: (left, top, right, bottom),
    /// and the viewBox's width and height.
    fn text_boxes(svg: &str, em: f64) -> (Vec<(String, [f64; 4])>, f64, f64) {
        let attr = |tag: &str, name: &str| -> Option<String> {
            let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[at..at + tag[at..].find('"')?].to_string())
        };
        let num = |s: String| s.trim_end_matches("em").parse::<f64>().unwrap();
        let view = attr(svg, "viewBox").unwrap();
        let view: Vec<f64> = view.split(' ').map(|v| v.parse().unwrap()).collect();
        let mut boxes = Vec::new();
        for part in svg.split("<text ").skip(1) {
            let (tag, rest) = part.split_once('>').unwrap();
            let tag = &format!(" {tag}");
            let text = rest.split_once("</text>").unwrap().0.replace("&lt;", "<").replace("&amp;", "&");
            let (x, width) = (num(attr(tag, "x").unwrap()), width_em(&text) * em);
            let base = num(attr(tag, "y").unwrap()) + attr(tag, "dy").map_or(0.0, num) * em;
            let l = match attr(tag, "text-anchor").as_deref() {
                Some("end") => x - width,
                Some("middle") => x - width / 2.0,
                _ => x,
            };
            boxes.push((text, [l, base - ASCENT * em, l + width, base + DESCENT * em]));
        }
        (boxes, view[2], view[3])
    }

    /// Every text inside the viewBox and no two texts overlapping, at 12 and 22 units.
    fn assert_fits(svg: &str) {
        for em in [12.0, EM] {
            let (boxes, w, h) = text_boxes(svg, em);
            for (t, [l, top, r, b]) in &boxes {
                assert!(*l >= 0.0 && *r <= w, "{t:?} from {l:.1} to {r:.1} of {w} at {em}: {svg}");
                assert!(*top >= 0.0 && *b <= h, "{t:?} from y {top:.1} to {b:.1} of {h} at {em}: {svg}");
            }
            for (i, (a, p)) in boxes.iter().enumerate() {
                for (b, q) in &boxes[i + 1..] {
                    let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
                    assert!(apart, "{a:?} {p:?} overlaps {b:?} {q:?} at {em}: {svg}");
                }
            }
        }
    }

    #[test]
    fn chart_text_fits_the_view_box_at_phone_font_size() {
        // A long CJK unit on the left, a 4-digit year at the right edge, a legend of several rows.
        let names = ["延庆区", "武清区", "北京市西城区人民政府", "Haidian District", "朝阳区", "通州区", "顺义区"];
        let years: Vec<i32> = (2019..=2024).collect();
        let lines: Vec<Line> = names
            .iter()
            .enumerate()
            .map(|(k, name)| Line {
                name,
                points: years.iter().map(|&y| (y, d(&(100 + 5 * k as i32 + y - 2019).to_string()))).collect(),
            })
            .collect();
        let svg = chart(&years, &lines, "万平方米", "拆除违法建设面积").unwrap();
        assert!(svg.contains(">135万平方米<") && svg.contains(">100万平方米<"), "{svg}");
        assert_fits(&svg);
        let (boxes, w, _) = text_boxes(&svg, EM);
        let year = &boxes.iter().find(|(t, _)| t == "2024").unwrap().1;
        assert!(year[2] <= w && year[0] > w / 2.0);
        let label = &boxes.iter().find(|(t, _)| t == "135万平方米").unwrap().1;
        assert!(label[0] >= 0.0);
    }

    #[test]
    fn seventeen_years_are_labelled_every_few_years_without_overlap() {
        let years: Vec<i32> = (2008..=2024).collect();
        let line =
            [Line { name: "延庆区", points: years.iter().map(|&y| (y, d(&(y - 2000).to_string()))).collect() }];
        let svg = chart(&years, &line, "项", "公开事项").unwrap();
        assert_fits(&svg);
        let (boxes, _, _) = text_boxes(&svg, EM);
        let shown: Vec<&str> = boxes.iter().map(|(t, _)| t.as_str()).filter(|t| t.starts_with("20")).collect();
        assert!(shown.contains(&"2008") && shown.contains(&"2024"), "{shown:?}");
        assert!(shown.len() < years.len() && shown.len() >= 4, "{shown:?}");
        // At desktop size every year has room, so the thinning follows the phone size.
        let few: Vec<i32> = (2019..=2024).collect();
        let line = [Line { name: "延庆区", points: few.iter().map(|&y| (y, d("1"))).collect() }];
        let svg = chart(&few, &line, "项", "x").unwrap();
        assert!(few.iter().all(|y| svg.contains(&format!(">{y}</text>"))), "{svg}");
    }

    #[test]
    fn chart_fits_one_year_long_values_and_negative_numbers() {
        let one = [Line { name: "武清区", points: vec![(2023, d("15495"))] }];
        let svg = chart(&[2023], &one, "万元", "发放救助保障金").unwrap();
        assert!(svg.contains(">15495万元<"));
        assert_fits(&svg);
        let wide = [Line { name: "延庆区", points: vec![(2022, d("-123456789.0001")), (2023, d("0.5"))] }];
        let svg = chart(&[2022, 2023], &wide, "%", "x").unwrap();
        assert!(svg.contains(">-123456789.0001%<") && svg.contains(">0.5%<"), "{svg}");
        assert_fits(&svg);
    }
}
