//! The year-over-year computation, exactly as the product contract defines it.
//!
//! All arithmetic is exact decimal arithmetic: a difference keeps as many decimals as the more
//! precise input (21.08 − 18 = 3.08), so no float artefact can reach a page.

use super::derive;
use crate::model::numbers::push_decimal;
use crate::model::written::{same_magnitude, Magnitude, Written};
use crate::model::{AsWritten, Better, Bound, Figure, Indicator, Kind, Remarks, StatedChange};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Where an observation comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Stated in that year's report.
    Reported,
    /// Worked out from the change stated in the next year's report (boxed: few values are,
    /// and a site holds hundreds of thousands of observations).
    Derived(Box<Derivation>),
    /// Restated in the next report (`previous`), that year's own report giving none: the year
    /// of the report that states it.
    Restated(i32),
}

/// Where a derived value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    /// The year whose report states the change.
    pub from_year: i32,
    /// The change as written there ("+77%").
    pub change: String,
    /// The interval the stated figures allow, where they allow more than one value.
    pub interval: Option<derive::Interval>,
}

impl Origin {
    /// A value worked out from `change`, as written in the report of `from_year`.
    pub fn derived(from_year: i32, change: &str) -> Self {
        Origin::Derived(Box::new(Derivation { from_year, change: change.to_string(), interval: None }))
    }
}

/// One value of one indicator for one entity in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The value, exactly.
    pub value: Decimal,
    /// 余 / 约.
    pub approx: bool,
    /// 以下 / 以上.
    pub bound: Option<Bound>,
    /// 累计.
    pub cumulative: bool,
    /// The year-over-year change the report states for this value (boxed: few have one, and
    /// a site holds hundreds of thousands of observations).
    pub stated_change: Option<Box<StatedChange>>,
    /// Reported or derived.
    pub origin: Origin,
    /// Its written form, break and note, where it has any ([`AsWritten`] reads them).
    pub remarks: Option<Box<Remarks>>,
}

impl AsWritten for Observation {
    fn remarks(&self) -> Option<&Remarks> {
        self.remarks.as_deref()
    }

    fn raw_value(&self) -> Option<Decimal> {
        Some(self.value)
    }

    fn flags(&self) -> (bool, Option<Bound>) {
        (self.approx, self.bound)
    }
}

impl Observation {
    /// The observation a report's figure makes; `None` for a figure that states only a change.
    pub fn reported(f: &Figure) -> Option<Self> {
        let remarks = f.remarks.as_ref().map(|r| Remarks { previous: None, ..(**r).clone() });
        Some(Observation {
            value: f.value?,
            approx: f.approx,
            bound: f.bound,
            cumulative: f.cumulative,
            stated_change: f.change.clone(),
            origin: Origin::Reported,
            remarks: remarks.filter(|r| !r.is_empty()).map(Box::new),
        })
    }

    /// A plain reported value with no flags.
    pub fn plain(value: Decimal) -> Self {
        Observation {
            value,
            approx: false,
            bound: None,
            cumulative: false,
            stated_change: None,
            origin: Origin::Reported,
            remarks: None,
        }
    }

    /// Last year's value as the report of `year` restates it (`previous`).
    pub fn restated(w: &Written, year: i32) -> Self {
        let f = Figure::written_as(w.clone());
        Observation {
            approx: f.approx,
            bound: f.bound,
            remarks: f.remarks,
            origin: Origin::Restated(year),
            ..Observation::plain(w.value)
        }
    }

    /// Whether the value was worked out rather than read from a report.
    pub fn is_derived(&self) -> bool {
        matches!(self.origin, Origin::Derived(_))
    }
}

/// Whether a change is good news, bad news, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Moved the way the catalogue calls better.
    Improved,
    /// Moved the other way.
    Worsened,
    /// No change.
    Unchanged,
    /// Changed, but the indicator has no better direction.
    Neutral,
}

impl Direction {
    /// The direction of a change of `diff` for an indicator whose better direction is
    /// `better`: the one rule for computed and stated changes alike.
    pub fn of(diff: Decimal, better: Better) -> Self {
        if diff.is_zero() {
            return Direction::Unchanged;
        }
        match (better, diff.is_sign_positive()) {
            (Better::Neutral, _) => Direction::Neutral,
            (Better::Higher, true) | (Better::Lower, false) => Direction::Improved,
            _ => Direction::Worsened,
        }
    }

    /// The direction's name: its key in the theme's strings and its CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Worsened => "worsened",
            Direction::Unchanged => "unchanged",
            Direction::Neutral => "neutral",
        }
    }
}

/// Why two values cannot be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NotComparable {
    /// One of them is a bound (以下 / 以上), not a value.
    Bound,
    /// One of them is a running total, not the year's figure.
    Cumulative,
    /// A break in series lies between them (a change of definition or scope).
    Break,
}

/// Relative change against last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Percent {
    /// Δ / last year × 100, rounded to one decimal.
    Of(Decimal),
    /// Last year was zero: the change is new, not infinite.
    New,
}

/// The change from one year to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delta {
    /// The two values can be compared.
    Change {
        /// v(t) − v(t−1), exact; in percentage points for rates.
        diff: Decimal,
        /// Relative change; `None` for rates (their change is in points).
        percent: Option<Percent>,
        /// Good news or bad.
        direction: Direction,
        /// Either value is approximate, so the change is too.
        approx: bool,
        /// The previous value was derived, not reported.
        derived: bool,
        /// The year compared with, where it is not the year before (`yoy.compare:
        /// previous_report`).
        base_year: Option<i32>,
        /// Both values are written in 万 / 亿 (31.5万, 26.9万): the difference is shown so too,
        /// with as many decimals as the more precise of the two (+4.6万).
        written_in: Option<(Magnitude, u32)>,
    },
    /// They cannot be compared, and why.
    NotComparable(NotComparable),
    /// The change as this year's report states it, shown instead of one computed from a
    /// derived value (which would claim more precision than the report has).
    Stated(Box<StatedChange>),
    /// A break in series lies between the two years, and why (a change of definition or
    /// scope): nothing is compared across it.
    Break(Box<str>),
}

/// Compares this year's observation with last year's for an indicator.
pub fn delta(indicator: &Indicator, prev: &Observation, cur: &Observation) -> Delta {
    if prev.bound.is_some() || cur.bound.is_some() {
        return Delta::NotComparable(NotComparable::Bound);
    }
    if prev.cumulative || cur.cumulative {
        return Delta::NotComparable(NotComparable::Cumulative);
    }
    let Some(diff) = cur.value.checked_sub(prev.value) else {
        return Delta::NotComparable(NotComparable::Bound);
    };
    let percent = match indicator.kind {
        Kind::Rate => None,
        _ if prev.value.is_zero() => Some(Percent::New),
        _ => percent_of(diff, prev.value)
            .map(|p| Percent::Of(p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero))),
    };
    let direction = Direction::of(diff, indicator.better);
    Delta::Change {
        diff,
        percent,
        direction,
        approx: prev.approx || cur.approx,
        derived: prev.is_derived() || cur.is_derived(),
        base_year: None,
        written_in: match (prev.written(), cur.written()) {
            (Some(a), Some(b)) => same_magnitude(a, b)
                .filter(|m| *m != Magnitude::One)
                .map(|m| (m, a.mantissa.scale().max(b.mantissa.scale()))),
            _ => None,
        },
    }
}

/// `part` in percent of `whole`, or `None` when `whole` is zero or the percentage is too large
/// for a decimal. Multiplied first, which is exact; divided first only where the product would
/// overflow (a figure of 28 digits), which rounds past the 26th decimal.
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    match part.checked_mul(Decimal::ONE_HUNDRED) {
        Some(hundredfold) => hundredfold.checked_div(whole),
        None => part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED),
    }
}

/// A signed decimal as shown on the site: "+3.08", "−3" (with a true minus sign), "0".
pub fn signed(d: Decimal) -> String {
    with_sign(d, '\u{2212}')
}

/// Appends `d` as [`signed`] writes it.
pub fn push_signed(out: &mut String, d: Decimal) {
    push_with_sign(out, d, '\u{2212}');
}

/// A signed decimal for data files: "+3.08", "-3".
pub fn signed_ascii(d: Decimal) -> String {
    with_sign(d, '-')
}

/// `d` with '+' or `minus` before it, and none for zero, which keeps its scale (0.00 stays
/// "0.00").
fn with_sign(d: Decimal, minus: char) -> String {
    let mut s = String::with_capacity(16);
    push_with_sign(&mut s, d, minus);
    s
}

fn push_with_sign(out: &mut String, d: Decimal, minus: char) {
    if !d.is_zero() {
        out.push(if d.is_sign_negative() { minus } else { '+' });
    }
    push_decimal(out, d.abs());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figure::parse_decimal;

    #[test]
    fn an_observation_stays_small() {
        // A 10,000-report site holds 300,000 figures and as many observations: what few of
        // them have (a note, a stated change, a derivation) is boxed.
        assert!(std::mem::size_of::<Observation>() <= 56, "{} bytes", std::mem::size_of::<Observation>());
        assert!(std::mem::size_of::<Figure>() <= 64, "{} bytes", std::mem::size_of::<Figure>());
    }

    fn ind(kind: Kind, better: Better) -> Indicator {
        Indicator::example(kind, better, Default::default())
    }

    fn obs(v: &str) -> Observation {
        Observation::plain(parse_decimal(v).unwrap())
    }

    #[test]
    fn rate_change_is_exact_percentage_points() {
        // 武清区 纠错率: 18 → 21.08 is +3.08 pp, lower is better.
        let d = delta(&ind(Kind::Rate, Better::Lower), &obs("18"), &obs("21.08"));
        let Delta::Change { diff, percent, direction, .. } = d else { panic!() };
        assert_eq!(signed(diff), "+3.08");
        assert_eq!(percent, None);
        assert_eq!(direction, Direction::Worsened);
    }

    #[test]
    fn count_change_has_relative_percent_one_decimal() {
        // 延庆区 85 → 武清区-like 218: +133, +156.5%.
        let d = delta(&ind(Kind::Count, Better::Neutral), &obs("85"), &obs("218"));
        let Delta::Change { diff, percent, direction, .. } = d else { panic!() };
        assert_eq!(diff.to_string(), "133");
        assert_eq!(percent, Some(Percent::Of(parse_decimal("156.5").unwrap())));
        assert_eq!(direction, Direction::Neutral);
    }

    #[test]
    fn difference_keeps_precision_of_the_more_precise_input() {
        let d = delta(&ind(Kind::Rate, Better::Higher), &obs("99.10"), &obs("100"));
        let Delta::Change { diff, direction, .. } = d else { panic!() };
        assert_eq!(signed(diff), "+0.90");
        assert_eq!(direction, Direction::Improved);
        let d = delta(&ind(Kind::Amount, Better::Higher), &obs("0.1"), &obs("0.3"));
        let Delta::Change { diff, .. } = d else { panic!() };
        assert_eq!(diff.to_string(), "0.2");
    }

    #[test]
    fn percentages_of_28_digit_figures_divide_first_or_are_none() {
        let d = |s: &str| parse_decimal(s).unwrap();
        assert_eq!(percent_of(d("35"), d("218")).unwrap().round_dp(3).to_string(), "16.055");
        let huge = d("9999999999999999999999999999");
        assert_eq!(percent_of(huge, d("1000")), Some(d("999999999999999999999999999.9")));
        assert_eq!(percent_of(huge, d("1")), None);
        assert_eq!(percent_of(d("1"), Decimal::ZERO), None);
        let Delta::Change { percent, .. } =
            delta(&ind(Kind::Count, Better::Higher), &obs("1"), &Observation::plain(huge))
        else {
            panic!()
        };
        assert_eq!(percent, None, "too large a percentage is left out, not a crash");
    }

    #[test]
    fn zero_base_is_new_not_infinite() {
        let d = delta(&ind(Kind::Count, Better::Higher), &obs("0"), &obs("5"));
        let Delta::Change { percent, .. } = d else { panic!() };
        assert_eq!(percent, Some(Percent::New));
    }

    #[test]
    fn unchanged_and_negative_changes() {
        let Delta::Change { direction, diff, .. } = delta(&ind(Kind::Count, Better::Higher), &obs("292"), &obs("292"))
        else {
            panic!()
        };
        assert_eq!((direction, signed(diff)), (Direction::Unchanged, "0".into()));
        let Delta::Change { direction, diff, .. } = delta(&ind(Kind::Count, Better::Lower), &obs("30"), &obs("27"))
        else {
            panic!()
        };
        assert_eq!((direction, signed(diff)), (Direction::Improved, "\u{2212}3".into()));
        assert_eq!(signed_ascii(diff), "-3");
    }

    #[test]
    fn bounds_and_cumulative_values_are_not_differenced() {
        let pm = Observation { bound: Some(Bound::Below), ..obs("30") };
        assert_eq!(
            delta(&ind(Kind::Amount, Better::Lower), &obs("35"), &pm),
            Delta::NotComparable(NotComparable::Bound)
        );
        let cum = Observation { cumulative: true, ..obs("292") };
        assert_eq!(
            delta(&ind(Kind::Count, Better::Higher), &obs("292"), &cum),
            Delta::NotComparable(NotComparable::Cumulative)
        );
    }

    #[test]
    fn approx_marks_the_change() {
        let a = Observation { approx: true, ..obs("52072") };
        let Delta::Change { approx, .. } = delta(&ind(Kind::Count, Better::Neutral), &obs("50000"), &a) else {
            panic!()
        };
        assert!(approx);
    }
}
