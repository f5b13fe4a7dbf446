//! A chart's value axis: what it spans and where its gridlines go.
//!
//! Counts, amounts and scores are drawn from zero, and rates (percentages of a whole) on 0–100,
//! so that the height of a point says how large the value is: a rate going from 66.53% to
//! 87.21% climbs a fifth of the chart, not its whole height. Values below zero or above 100%
//! widen the axis to take them in. Gridlines fall on round values (1, 2, 2.5 or 5 times a power
//! of ten, never a fraction of a thing counted), computed in exact decimals so their labels
//! are written as the tables write figures ([`tick_label`]).

use crate::model::numbers::{decimal_text, in_wan_yi, LargeNumbers};
use crate::model::Kind;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// About how many intervals an axis is divided into.
const INTERVALS: f64 = 5.0;

/// The range an axis of `kind` must show for `values`: from zero (or the lowest value, if
/// below zero) to the highest value, and at least to 100 for a rate. `None` without values or
/// with one no float can hold.
pub fn span(kind: Kind, values: impl Iterator<Item = Decimal>) -> Option<(f64, f64)> {
    let mut lo = 0.0_f64;
    let mut hi = if kind == Kind::Rate { 100.0_f64 } else { 0.0 };
    let mut any = false;
    for v in values {
        let f = v.to_f64().filter(|f| f.is_finite())?;
        lo = lo.min(f);
        hi = hi.max(f);
        any = true;
    }
    if !any {
        return None;
    }
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    Some((lo, hi))
}

/// A value axis: its gridlines, lowest first, and the values at its bottom and top.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The values of the gridlines, exact and normalised (0, 500, 1000 …; 0, 0.5, 1 …).
    pub ticks: Vec<Decimal>,
    /// The value at the bottom (the lowest gridline).
    pub lo: f64,
    /// The value at the top (the highest gridline).
    pub hi: f64,
}

/// The axis of `kind` for `values`: [`span`] widened to round gridlines. `None` where there is
/// no value, or the values are too large for round steps in decimals.
pub fn axis(kind: Kind, values: impl Iterator<Item = Decimal>) -> Option<Axis> {
    let (lo, hi) = span(kind, values)?;
    let step = nice_step((hi - lo) / INTERVALS, kind == Kind::Count)?;
    let step_f = step.to_f64()?;
    let first = (lo / step_f + 1e-9).floor();
    let last = (hi / step_f - 1e-9).ceil();
    if !(first.abs() < 1e6 && last.abs() < 1e6) {
        return None;
    }
    let ticks = (first as i64..=last as i64)
        .map(|i| step.checked_mul(Decimal::from(i)).map(|d| d.normalize()))
        .collect::<Option<Vec<Decimal>>>()?;
    Some(Axis { lo: first * step_f, hi: last * step_f, ticks })
}

/// The smallest round step (1, 2, 2.5 or 5 times a power of ten) of at least `raw`; at least
/// 1 for `whole` things (a count has no half case).
fn nice_step(raw: f64, whole: bool) -> Option<Decimal> {
    if !(raw.is_finite() && raw > 0.0) {
        return None;
    }
    let k = raw.log10().floor() as i32;
    let power = if (0..=27).contains(&k) {
        Decimal::from_i128_with_scale(10_i128.pow(k as u32), 0)
    } else if (-27..0).contains(&k) {
        Decimal::new(1, (-k) as u32)
    } else {
        return None;
    };
    let candidates = [10, 20, 25, 50, 100].map(|tenths| Decimal::new(tenths, 1).checked_mul(power));
    let step = candidates.into_iter().flatten().find(|s| s.to_f64().is_some_and(|f| f >= raw * (1.0 - 1e-9)))?;
    Some(if whole { step.max(Decimal::ONE) } else { step }.normalize())
}

/// A gridline's label, written as a table writes a figure: in 万 / 亿 where `notation` says so
/// as in 30万 or 2.5万 where a table writes 29.3万; otherwise plainly: 300000.
pub fn tick_label(d: Decimal, notation: LargeNumbers) -> String {
    in_wan_yi(d, notation, decimal_text).unwrap_or_else(|| decimal_text(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(v: &[&str]) -> Vec<Decimal> {
        v.iter().map(|s| Decimal::from_str(s).unwrap()).collect()
    }

    fn ticks(kind: Kind, v: &[&str]) -> Vec<String> {
        axis(kind, dec(v).into_iter()).unwrap().ticks.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn rates_run_from_zero_to_a_hundred() {
        assert_eq!(ticks(Kind::Rate, &["66.53", "87.21"]), ["0", "20", "40", "60", "80", "100"]);
        let a = axis(Kind::Rate, dec(&["66.53", "87.21"]).into_iter()).unwrap();
        assert_eq!((a.lo, a.hi), (0.0, 100.0));
        // A rate above 100 (a growth rate) widens the axis, never cuts the value off.
        assert_eq!(ticks(Kind::Rate, &["35", "128.78"]).last().unwrap(), "150");
    }

    #[test]
    fn counts_and_amounts_start_at_zero() {
        assert_eq!(ticks(Kind::Count, &["1054", "1865"]), ["0", "500", "1000", "1500", "2000"]);
        assert_eq!(ticks(Kind::Amount, &["15495.50", "16000"])[0], "0");
        assert_eq!(ticks(Kind::Score, &["92", "95.5"])[0], "0");
        // Small counts step by whole things; amounts may step by halves.
        assert_eq!(ticks(Kind::Count, &["2", "3"]), ["0", "1", "2", "3"]);
        assert_eq!(ticks(Kind::Amount, &["2", "2.4"]), ["0", "0.5", "1", "1.5", "2", "2.5"]);
        // Below zero the axis reaches down to take the value in, and zero stays a gridline.
        let t = ticks(Kind::Amount, &["-12", "30"]);
        assert!(t.contains(&"0".to_string()) && t[0].starts_with('-'), "{t:?}");
        // All zero still makes an axis.
        assert_eq!(ticks(Kind::Count, &["0", "0"]), ["0", "1"]);
    }

    #[test]
    fn gridline_labels_are_written_as_tables_write_figures() {
        let a = axis(Kind::Count, dec(&["268459", "315000"]).into_iter()).unwrap();
        let labels: Vec<String> = a.ticks.iter().map(|d| tick_label(*d, LargeNumbers::Chinese)).collect();
        assert_eq!(labels, ["0", "10万", "20万", "30万", "40万"]);
        let plain: Vec<String> = a.ticks.iter().map(|d| tick_label(*d, LargeNumbers::Plain)).collect();
        assert_eq!(plain[3], "300000");
        let a = axis(Kind::Count, dec(&["12000", "52072"]).into_iter()).unwrap();
        assert_eq!(tick_label(a.ticks[1], LargeNumbers::Chinese), "2万");
        assert_eq!(tick_label(Decimal::from(25000), LargeNumbers::Chinese), "2.5万");
    }

    #[test]
    fn no_axis_without_values_or_beyond_decimals() {
        assert!(axis(Kind::Count, std::iter::empty()).is_none());
        assert!(axis(Kind::Count, [Decimal::MAX].into_iter()).is_none());
        assert!(axis(Kind::Amount, dec(&["-123456789.0001", "0.5"]).into_iter()).is_some());
    }
}
