//! The line chart of an indicator across entities: its layout worked out so that no text
//! leaves the viewBox at any font size the theme uses, then its axes and series written.

use super::{path, scale, segments, Point};
use crate::escape::escape_html;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

/// One line of a chart.
pub struct Line<'a> {
    /// The series' name, for the legend.
    pub name: &'a str,
    /// Values by year, in the chart's year order.
    pub points: Vec<Point>,
    /// Years that start a new series (a break): no line joins them to the years before.
    pub breaks: Vec<i32>,
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
/// The plot's height, in the SVG's units.
const PLOT_HEIGHT: f64 = 220.0;
/// The `dy` of year labels, in em: their top below the lowest value label's bottom.
const YEAR_DY: f64 = MID + DESCENT + ASCENT;

/// An upper bound of the width of `s` in em: 1 for CJK and other wide characters (and `%`,
/// `m`, `M`, `W`, `w`, `@`, wide in most fonts), 0.6 for digits and other Latin characters.
fn width_em(s: &str) -> f64 {
    s.chars().map(|c| if c as u32 >= 0x2E80 || "%mMwW@".contains(c) { 1.0 } else { 0.6 }).sum()
}

/// The widest of `widths` (in em), in the SVG's units at the largest font size.
fn widest(widths: impl Iterator<Item = f64>) -> f64 {
    widths.fold(0.0, f64::max) * EM
}

/// Where everything of a chart goes.
struct Layout {
    /// The viewBox's height.
    h: f64,
    /// The plot's left and right margins.
    left: f64,
    right: f64,
    /// The plot's top and bottom.
    top: f64,
    bottom: f64,
    /// The values at the plot's bottom and top.
    lo: f64,
    hi: f64,
    /// How many years there are.
    years: usize,
    /// The widest year label.
    year_w: f64,
    /// The legend: where it starts, how many columns of what width, and each row's height.
    legend_x: f64,
    legend_y: f64,
    cols: usize,
    col_w: f64,
    row_h: f64,
}

impl Layout {
    /// The plot's left margin fits the widest value label, the right margin half the widest
    /// year label; year labels sit below the lowest value label, the legend below the years
    /// (as many columns as the widest series name allows), and the height follows.
    fn new(years: &[i32], lines: &[Line], labels: &[String], (lo, hi): (f64, f64)) -> Self {
        let label_w = widest(labels.iter().map(|l| width_em(l)));
        let year_w = widest(years.iter().map(|y| width_em(&y.to_string())));
        let name_w = widest(lines.iter().map(|l| width_em(l.name)));
        let left = (GAP + label_w + 6.0).max(GAP + year_w / 2.0);
        let right = (GAP + year_w / 2.0).max(12.0);
        // The highest label is centred on the plot's top, the lowest on its bottom.
        let top = GAP + (ASCENT - MID) * EM;
        let bottom = top + PLOT_HEIGHT;
        // The legend: rows of columns wide enough for the widest name, below the year labels.
        let col_w = (30.0 + name_w + EM).max(120.0);
        let fit = |x0: f64| ((WIDTH - x0) / col_w).floor() as usize;
        let (legend_x, cols) = if fit(left) >= 1 { (left, fit(left)) } else { (0.0, fit(0.0).max(1)) };
        let cols = cols.clamp(1, lines.len().max(1));
        let rows = lines.len().div_ceil(cols).max(1);
        let row_h = (ASCENT + DESCENT) * EM + GAP;
        let legend_y = bottom + GAP + YEAR_DY * EM + DESCENT * EM + GAP + (ASCENT - MID) * EM;
        let h = legend_y + row_h * (rows - 1) as f64 + (MID + DESCENT) * EM + GAP;
        Layout {
            h,
            left,
            right,
            top,
            bottom,
            lo,
            hi,
            years: years.len(),
            year_w,
            legend_x,
            legend_y,
            cols,
            col_w,
            row_h,
        }
    }

    /// The steps between years (at least one).
    fn steps(&self) -> usize {
        self.years.max(2) - 1
    }

    /// The x of the `i`-th year (a single year in the middle).
    fn x(&self, i: usize) -> f64 {
        if self.years == 1 {
            self.left + (WIDTH - self.left - self.right) / 2.0
        } else {
            self.left + (WIDTH - self.left - self.right) * i as f64 / self.steps() as f64
        }
    }

    /// The y of value `f`.
    fn y(&self, f: f64) -> f64 {
        self.bottom - PLOT_HEIGHT * (f - self.lo) / (self.hi - self.lo)
    }
}

/// A line chart of several series over `years`, with axis labels, a legend distinguishable
/// without colour (dash patterns and marker shapes), and `title` as its text alternative.
///
/// The value labels are the exact extremes with `unit`, sized at 1 em a CJK character and
/// 0.6 em a digit or Latin letter at the largest font size the theme uses ([`Layout::new`]).
pub fn chart(years: &[i32], lines: &[Line], unit: &str, title: &str) -> Option<String> {
    let values = || lines.iter().flat_map(|l| l.points.iter().filter_map(|(_, v)| *v));
    let range = scale(values())?;
    let (exact_lo, exact_hi) = (values().min()?, values().max()?);
    let extremes = if exact_lo == exact_hi { vec![exact_hi] } else { vec![exact_hi, exact_lo] };
    let labels: Vec<String> = extremes.iter().map(|v| format!("{v}{unit}")).collect();
    let l = Layout::new(years, lines, &labels, range);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {:.1}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{}</title>",
        l.h,
        escape_html(title)
    );
    push_axes(&mut svg, &l, &extremes, &labels, years);
    for (k, line) in lines.iter().enumerate() {
        push_series(&mut svg, &l, k, line);
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The axes with the extremes' labels and the year labels.
fn push_axes(svg: &mut String, l: &Layout, extremes: &[Decimal], labels: &[String], years: &[i32]) {
    let (left, top, bottom) = (l.left, l.top, l.bottom);
    let _ = write!(
        svg,
        "<g class=\"axis\"><line x1=\"{left:.1}\" y1=\"{top:.1}\" x2=\"{left:.1}\" y2=\"{bottom:.1}\"/><line x1=\"{left:.1}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\"/>",
        WIDTH - l.right
    );
    for (v, label) in extremes.iter().zip(labels) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" dy=\"{MID}em\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            l.y(v.to_f64().unwrap_or(l.lo)),
            escape_html(label)
        );
    }
    // Every k-th year when all of them would not fit side by side (seventeen years on a
    // phone); the last year is always labelled, and the one before it only where it fits.
    let spacing = if years.len() > 1 { (WIDTH - left - l.right) / l.steps() as f64 } else { WIDTH };
    let step = ((l.year_w + GAP) / spacing).ceil().max(1.0) as usize;
    let last = years.len().saturating_sub(1);
    let labelled = |i: usize| i == last || (i.is_multiple_of(step) && (last - i) >= step);
    for (i, year) in years.iter().enumerate().filter(|(i, _)| labelled(*i)) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" dy=\"{YEAR_DY:.2}em\" text-anchor=\"middle\">{year}</text>",
            l.x(i),
            bottom + GAP
        );
    }
    svg.push_str("</g>");
}

/// The `k`-th series: its line, broken at gaps, with a marker on each value, and its legend
/// entry. Series differ by colour class, dash pattern and marker shape.
fn push_series(svg: &mut String, l: &Layout, k: usize, line: &Line) {
    const DASHES: [&str; 3] = ["", "6 3", "2 3"];
    let dash = DASHES[(k / 6 + k) % 3];
    let dash_attr = if dash.is_empty() { String::new() } else { format!(" stroke-dasharray=\"{dash}\"") };
    let _ = write!(svg, "<g class=\"series s{}\">", k % 6);
    for seg in segments(&line.points, &line.breaks, |i| l.x(i), |f| l.y(f)) {
        let _ = write!(svg, "<path d=\"{}\"{dash_attr}/>", path(&seg));
        for (px, py) in &seg {
            svg.push_str(&marker(k, *px, *py));
        }
    }
    let lx = l.legend_x + l.col_w * (k % l.cols) as f64;
    let ly = l.legend_y + l.row_h * (k / l.cols) as f64;
    let _ = write!(
        svg,
        "<path d=\"M{lx:.1},{ly:.1} L{:.1},{ly:.1}\"{dash_attr}/>{}<text x=\"{:.1}\" y=\"{ly:.1}\" dy=\"{MID}em\">{}</text></g>",
        lx + 24.0,
        marker(k, lx + 12.0, ly),
        lx + 30.0,
        escape_html(line.name)
    );
}

/// A series' marker at a point: a circle, a square or a triangle.
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
    fn chart_prints_exact_extremes_and_legend() {
        let lines = [
            Line { name: "延庆区", points: vec![(2021, d("18")), (2022, None)], breaks: Vec::new() },
            Line { name: "武清区", points: vec![(2021, None), (2022, d("21.08"))], breaks: Vec::new() },
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
                breaks: Vec::new(),
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
        let line = [Line {
            name: "延庆区",
            points: years.iter().map(|&y| (y, d(&(y - 2000).to_string()))).collect(),
            breaks: Vec::new(),
        }];
        let svg = chart(&years, &line, "项", "公开事项").unwrap();
        assert_fits(&svg);
        let (boxes, _, _) = text_boxes(&svg, EM);
        let shown: Vec<&str> = boxes.iter().map(|(t, _)| t.as_str()).filter(|t| t.starts_with("20")).collect();
        assert!(shown.contains(&"2008") && shown.contains(&"2024"), "{shown:?}");
        assert!(shown.len() < years.len() && shown.len() >= 4, "{shown:?}");
        // At desktop size every year has room, so the thinning follows the phone size.
        let few: Vec<i32> = (2019..=2024).collect();
        let line = [Line { name: "延庆区", points: few.iter().map(|&y| (y, d("1"))).collect(), breaks: Vec::new() }];
        let svg = chart(&few, &line, "项", "x").unwrap();
        assert!(few.iter().all(|y| svg.contains(&format!(">{y}</text>"))), "{svg}");
    }

    #[test]
    fn chart_fits_one_year_long_values_and_negative_numbers() {
        let one = [Line { name: "武清区", points: vec![(2023, d("15495"))], breaks: Vec::new() }];
        let svg = chart(&[2023], &one, "万元", "发放救助保障金").unwrap();
        assert!(svg.contains(">15495万元<"));
        assert_fits(&svg);
        let wide =
            [Line {
                name: "延庆区", points: vec![(2022, d("-123456789.0001")), (2023, d("0.5"))], breaks: Vec::new()
            }];
        let svg = chart(&[2022, 2023], &wide, "%", "x").unwrap();
        assert!(svg.contains(">-123456789.0001%<") && svg.contains(">0.5%<"), "{svg}");
        assert_fits(&svg);
    }
}
