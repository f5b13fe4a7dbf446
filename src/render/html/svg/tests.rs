//! Tests of the series' points and of sparklines.

use super::*;
use crate::compute::yoy::Origin;
use crate::model::Bound;
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

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A series from (year, value, how): "" reported, "derived", "cumulative", "above".
pub(super) fn series(values: &[(i32, &str, &str)]) -> Series {
    values
        .iter()
        .map(|&(year, v, how)| {
            let mut o = Observation::plain(d(v));
            match how {
                "derived" => o.origin = Origin::derived(year + 1, "+77%"),
                "cumulative" => o.cumulative = true,
                "above" => o.bound = Some(Bound::Above),
                _ => {}
            }
            (year, o)
        })
        .collect()
}

#[test]
fn points_join_only_comparable_neighbours() {
    let s = series(&[
        (2018, "5", ""),
        (2019, "6", ""),
        (2021, "7", ""),
        (2022, "8", ""),
        (2023, "9", "above"),
        (2024, "10", ""),
        (2025, "11", "cumulative"),
    ]);
    let years: Vec<i32> = (2018..=2026).collect();
    let p = points(Some(&s), &years, &[2022]);
    let joined: Vec<bool> = p.iter().map(|p| p.joined).collect();
    // 2019 follows 2018; 2020 is a gap; 2022 starts a new series (a break); a bound and a
    // running total are not placed, so nothing joins them or what follows them.
    assert_eq!(joined, [false, true, false, false, false, false, false, false, false]);
    assert_eq!(p[4].value, Some(d("8")));
    assert_eq!((p[5].value, p[7].value), (None, None), "neither a bound nor a running total is placed");
    assert!(has_trend(&p));
    let p = points(Some(&s), &years, &[2019, 2022]);
    assert!(!has_trend(&p));
    assert!(!has_trend(&points(None, &years, &[])));
}

#[test]
fn derived_points_are_marked_and_joined() {
    let s = series(&[(2022, "1054", "derived"), (2023, "1865", "")]);
    let p = points(Some(&s), &[2022, 2023], &[]);
    assert!(p[0].derived && !p[1].derived && p[1].joined);
}

#[test]
fn sparkline_needs_two_comparable_values() {
    let spark =
        |s: &Series, years: &[i32], breaks: &[i32]| sparkline(&points(Some(s), years, breaks), Kind::Count, "x");
    assert!(spark(&series(&[(2021, "1", "")]), &[2021, 2022], &[]).is_none());
    // Two values a year apart are no trend.
    assert!(spark(&series(&[(2020, "70", ""), (2022, "218", "")]), &[2020, 2021, 2022], &[]).is_none());
    // A running total beside the year's figure: the row says 不比较 and so does the sparkline.
    assert!(spark(&series(&[(2021, "292", ""), (2022, "292", "cumulative")]), &[2021, 2022], &[]).is_none());
    // Across a break, two values are two series of one point each.
    assert!(spark(&series(&[(2021, "1", ""), (2022, "2", "")]), &[2021, 2022], &[2022]).is_none());
    assert!(spark(&series(&[(2021, "1", ""), (2022, "2", "")]), &[2021, 2022], &[]).is_some());
}

#[test]
fn sparkline_breaks_at_gaps_and_breaks() {
    let s = series(&[(2019, "1", ""), (2020, "2", ""), (2022, "3", ""), (2023, "2", "")]);
    let years: Vec<i32> = (2019..=2023).collect();
    let svg = sparkline(&points(Some(&s), &years, &[]), Kind::Count, "延庆区 <x>").unwrap();
    assert!(svg.contains("aria-label=\"延庆区 &lt;x&gt;\""));
    // Two lines: the gap year is not bridged. A dot on every value.
    assert_eq!(svg.matches("<path").count(), 2, "{svg}");
    assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
    let s = series(&[(2020, "1", ""), (2021, "2", ""), (2022, "3", ""), (2023, "2", "")]);
    let years: Vec<i32> = (2020..=2023).collect();
    assert_eq!(sparkline(&points(Some(&s), &years, &[]), Kind::Count, "x").unwrap().matches("<path").count(), 1);
    let svg = sparkline(&points(Some(&s), &years, &[2022]), Kind::Count, "x").unwrap();
    assert_eq!(svg.matches("<path").count(), 2, "{svg}");
}

#[test]
fn sparkline_draws_derived_values_hollow_with_dashes() {
    let s = series(&[(2021, "900", ""), (2022, "1054", "derived"), (2023, "1865", "")]);
    let svg = sparkline(&points(Some(&s), &[2021, 2022, 2023], &[]), Kind::Count, "x").unwrap();
    // One dashed stretch through the derived value, its dot hollow; the others solid.
    assert_eq!(svg.matches("<path class=\"ln est\" stroke-dasharray").count(), 1, "{svg}");
    assert_eq!(svg.matches("<circle class=\"est\"").count(), 1, "{svg}");
    assert_eq!(svg.matches("<circle cx").count(), 2, "{svg}");
    let s = series(&[(2020, "5", ""), (2021, "900", ""), (2022, "1054", "derived"), (2023, "1865", "")]);
    let svg = sparkline(&points(Some(&s), &[2020, 2021, 2022, 2023], &[]), Kind::Count, "x").unwrap();
    assert!(svg.contains("<path class=\"ln\" d=\"M3.0,"), "{svg}");
}

/// The y of each dot of a sparkline.
fn dot_ys(svg: &str) -> Vec<f64> {
    svg.split("cy=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect()
}

#[test]
fn sparkline_scales_counts_from_zero_and_rates_on_a_hundred() {
    // 66.53% → 87.21% is a fifth of the height, not all of it.
    let s = series(&[(2022, "66.53", ""), (2023, "87.21", "")]);
    let svg = sparkline(&points(Some(&s), &[2022, 2023], &[]), Kind::Rate, "x").unwrap();
    let ys = dot_ys(&svg);
    assert!((ys[0] - ys[1]) < 0.25 * 14.0 && ys[0] < 8.0, "{ys:?}");
    let svg = sparkline(&points(Some(&s), &[2022, 2023], &[]), Kind::Count, "x").unwrap();
    let ys = dot_ys(&svg);
    assert!(ys[0] < 17.0 - 14.0 * 0.7, "the lower value is not on the baseline: {ys:?}");
}
