//! Tests of the line chart: its scale, its lines, its labels and its layout.

use super::*;
use crate::render::html::svg::points;
use crate::render::html::svg::tests::series;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

const TEXT: ChartText = ChartText {
    title: "纠错率",
    desc: "自{low}至{high}",
    unit: "%",
    notation: LargeNumbers::Plain,
    derived_key: "空心点和虚线：推算值",
};

fn text(unit: &'static str, notation: LargeNumbers) -> ChartText<'static> {
    ChartText { unit, notation, ..TEXT }
}

/// A line of plain values, `None` a gap, every neighbour joined.
fn line<'a>(name: &'a str, years: &[i32], values: &[Option<Decimal>]) -> Line<'a> {
    let mut points: Vec<Point> = Vec::new();
    for (&year, &value) in years.iter().zip(values) {
        let joined = value.is_some() && points.last().is_some_and(|p| p.value.is_some());
        points.push(Point { year, value, derived: false, joined });
    }
    Line { name, points }
}

/// The value of attribute `name` in the first tag of `s`.
fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

/// The y of the gridline labelled `label`.
fn grid_y(svg: &str, label: &str) -> f64 {
    let end = svg.find(&format!(">{label}</text>")).unwrap_or_else(|| panic!("no {label}: {svg}"));
    let tag = &svg[svg[..end].rfind("<text").unwrap()..end];
    attr(tag, "y").unwrap().parse().unwrap()
}

#[test]
fn rates_are_drawn_on_zero_to_a_hundred() {
    let lines = [line("武清区", &[2022, 2023], &[d("66.53"), d("87.21")])];
    let svg = chart(&[2022, 2023], &lines, Kind::Rate, &TEXT).unwrap();
    // Labelled gridlines at round values, the unit on the highest; none at the data's extremes.
    for label in ["0", "20", "40", "60", "80", "100%"] {
        grid_y(&svg, label);
    }
    assert!(!svg.contains(">87.21") && !svg.contains(">66.53"), "{svg}");
    assert!(svg.contains("<desc id=\"chart-desc\">自0至100%</desc>"), "{svg}");
    assert!(svg.contains("role=\"img\" aria-labelledby=\"chart-title\" aria-describedby=\"chart-desc\""));
    // The line climbs a fifth of the plot, from two thirds of the way up.
    let (zero, hundred) = (grid_y(&svg, "0"), grid_y(&svg, "100%"));
    let path = &svg[svg.find("<path class=\"ln\" d=\"M").unwrap()..];
    let d = attr(path, "d").unwrap();
    let ys: Vec<f64> = d
        .split(['M', 'L'])
        .filter(|s| !s.trim().is_empty())
        .map(|p| p.trim().split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    let share = |y: f64| (zero - y) / (zero - hundred);
    assert!((share(ys[0]) - 0.6653).abs() < 0.01 && (share(ys[1]) - 0.8721).abs() < 0.01, "{ys:?}");
}

#[test]
fn counts_start_at_zero_with_labels_in_wan() {
    let lines = [line("武清区", &[2022, 2023], &[d("268459"), d("315000")])];
    let svg = chart(&[2022, 2023], &lines, Kind::Count, &text("件", LargeNumbers::Chinese)).unwrap();
    for label in ["0", "10万", "20万", "30万", "40万件"] {
        grid_y(&svg, label);
    }
    assert!(!svg.contains("00000"), "no label in plain digits: {svg}");
    // The zero line is the darker baseline.
    assert!(svg.contains("<line class=\"zero\""), "{svg}");
    let plain = chart(&[2022, 2023], &lines, Kind::Count, &text("件", LargeNumbers::Plain)).unwrap();
    grid_y(&plain, "300000");
}

#[test]
fn single_points_in_different_years_make_no_chart() {
    let years = [2021, 2022, 2023];
    let lines = [line("延庆区", &years, &[d("18"), None, None]), line("武清区", &years, &[None, None, d("21.08")])];
    assert!(chart(&years, &lines, Kind::Rate, &TEXT).is_none());
    // Two values with a gap between them are no trend either.
    let gap = [line("延庆区", &years, &[d("18"), None, d("20")])];
    assert!(chart(&years, &gap, Kind::Rate, &TEXT).is_none());
    // One line with a trend: the other's single point is drawn as a point, with its label.
    let lines = [line("延庆区", &years, &[d("18"), None, None]), line("武清区", &years, &[None, d("19"), d("21.08")])];
    let svg = chart(&years, &lines, Kind::Rate, &TEXT).unwrap();
    assert_eq!(svg.matches("<path class=\"ln\"").count(), 1, "{svg}");
    assert!(svg.contains(">延庆区</text>") && svg.contains(">武清区</text>"));
}

#[test]
fn no_line_across_a_gap_or_a_break() {
    let years: Vec<i32> = (2019..=2024).collect();
    let s = series(&[(2019, "5", ""), (2020, "6", ""), (2022, "7", ""), (2023, "8", ""), (2024, "9", "")]);
    let lines = [Line { name: "延庆区", points: points(Some(&s), &years, &[2023]) }];
    let svg = chart(&years, &lines, Kind::Count, &TEXT).unwrap();
    // 2019–2020, then 2022 alone (the gap before it, the break after it), then 2023–2024.
    assert_eq!(svg.matches("<path class=\"ln\"").count(), 2, "{svg}");
    assert_eq!(svg.matches("<circle class=\"pt\"").count(), 5, "{svg}");
}

#[test]
fn derived_points_are_hollow_with_dashed_lines_and_a_key() {
    let years = [2021, 2022, 2023];
    let s = series(&[(2021, "900", ""), (2022, "1054", "derived"), (2023, "1865", "")]);
    let lines = [Line { name: "武清区", points: points(Some(&s), &years, &[]) }];
    let svg = chart(&years, &lines, Kind::Count, &TEXT).unwrap();
    let series = &svg[svg.find("<g class=\"series").unwrap()..];
    assert_eq!(series.matches("class=\"pt est\"").count(), 2, "the point and the key's: {svg}");
    assert_eq!(series.matches("<circle class=\"pt\"").count(), 2, "{svg}");
    assert_eq!(svg.matches("<path class=\"ln est\" stroke-dasharray=\"4 3\"").count(), 2, "line and key: {svg}");
    assert!(!svg.contains("<path class=\"ln\" d"), "no solid stretch: both touch the derived value: {svg}");
    assert!(svg.contains(">空心点和虚线：推算值</text>"));
    assert_fits(&svg);
    // Without a derived value there is no key.
    let plain = [line("武清区", &years, &[d("900"), d("1054"), d("1865")])];
    assert!(!chart(&years, &plain, Kind::Count, &TEXT).unwrap().contains("推算值"));
}

/// The boxes of a chart's texts when its font size is `em`: (left, top, right, bottom),
/// and the viewBox's width and height.
fn text_boxes(svg: &str, em: f64) -> (Vec<(String, [f64; 4])>, f64, f64) {
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
fn direct_labels_fit_and_keep_apart_at_phone_font_size() {
    // Seven lines ending close together, long names, a long CJK unit.
    let names = ["延庆区", "武清区", "北京市西城区人民政府办公室", "Haidian District", "朝阳区", "通州区", "顺义区"];
    let years: Vec<i32> = (2019..=2024).collect();
    let lines: Vec<Line> = names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let values: Vec<Option<Decimal>> =
                years.iter().map(|&y| d(&(100 + k as i32 + y - 2019).to_string())).collect();
            line(name, &years, &values)
        })
        .collect();
    let svg = chart(&years, &lines, Kind::Amount, &text("万平方米", LargeNumbers::Plain)).unwrap();
    assert_fits(&svg);
    let (boxes, w, _) = text_boxes(&svg, EM);
    for name in ["延庆区", "顺义区", "Haidian Distr…", "北京市西城区人民…"] {
        let b = &boxes.iter().find(|(t, _)| t == name).unwrap_or_else(|| panic!("{name}: {svg}")).1;
        assert!(b[0] > w / 2.0, "{name} labels the line's end: {b:?}");
    }
    let year = &boxes.iter().find(|(t, _)| t == "2024").unwrap().1;
    assert!(year[2] <= w && year[0] > w / 2.0);
    assert!(svg.contains("万平方米</text>"), "{svg}");
}

#[test]
fn a_label_stays_at_its_line_when_there_is_room() {
    let years = [2022, 2023];
    let lines = [line("延庆区", &years, &[d("10"), d("20")]), line("武清区", &years, &[d("70"), d("90")])];
    let svg = chart(&years, &lines, Kind::Rate, &TEXT).unwrap();
    let label_y = |name: &str| grid_y(&svg, name);
    assert!((label_y("延庆区") - (grid_y(&svg, "20"))).abs() < 0.2, "{svg}");
    assert!(label_y("武清区") < label_y("延庆区"));
}

#[test]
fn seventeen_years_are_labelled_every_few_years_without_overlap() {
    let years: Vec<i32> = (2008..=2024).collect();
    let values: Vec<Option<Decimal>> = years.iter().map(|&y| d(&(y - 2000).to_string())).collect();
    let svg = chart(&years, &[line("延庆区", &years, &values)], Kind::Count, &text("项", LargeNumbers::Plain)).unwrap();
    assert_fits(&svg);
    let (boxes, _, _) = text_boxes(&svg, EM);
    let shown: Vec<&str> =
        boxes.iter().map(|(t, _)| t.as_str()).filter(|t| t.starts_with("20") && t.len() == 4).collect();
    assert!(shown.contains(&"2008") && shown.contains(&"2024"), "{shown:?}");
    assert!(shown.len() < years.len() && shown.len() >= 4, "{shown:?}");
    // At desktop size every year has room, so the thinning follows the phone size.
    let few: Vec<i32> = (2019..=2024).collect();
    let ones = vec![d("1"); few.len()];
    let svg = chart(&few, &[line("延庆区", &few, &ones)], Kind::Count, &TEXT).unwrap();
    assert!(few.iter().all(|y| svg.contains(&format!(">{y}</text>"))), "{svg}");
}

#[test]
fn chart_fits_long_values_and_negative_numbers() {
    let wide = [line("延庆区", &[2022, 2023], &[d("-123456789.0001"), d("0.5")])];
    let svg = chart(&[2022, 2023], &wide, Kind::Amount, &text("%", LargeNumbers::Plain)).unwrap();
    assert!(svg.contains("<line class=\"zero\""), "{svg}");
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert_fits(&svg);
    let zh = chart(&[2022, 2023], &wide, Kind::Amount, &text("元", LargeNumbers::Chinese)).unwrap();
    assert!(zh.contains("亿</text>") || zh.contains("万</text>"), "{zh}");
    assert_fits(&zh);
}

#[test]
fn the_english_key_fits() {
    let years = [2022, 2023];
    let s = series(&[(2022, "1054", "derived"), (2023, "1865", "")]);
    let lines = [Line { name: "Wuqing", points: points(Some(&s), &years, &[]) }];
    let key = ChartText { derived_key: "Hollow point, dashed line: derived", ..TEXT };
    assert_fits(&chart(&years, &lines, Kind::Count, &key).unwrap());
}
