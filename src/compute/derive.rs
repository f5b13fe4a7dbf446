//! Values derived from a stated change, no more precise than the figures they come from.
//!
//! A report that says "31.5万件，同比增长17.1%" gives last year's figure only within an interval:
//! 31.5万 stands for anything from 314,500 to 315,500 and 17.1% for 17.05% to 17.15%, so last
//! year lies between 268,459 and 269,543. The derived value is rounded to the largest power of
//! ten that is not more than half the interval's width (here 100: 269,000, shown as 约26.9万),
//! and the interval itself goes to the data files.
//!
//! Every function takes each figure with its *half-unit*: half of its last written digit (500
//! for 31.5万, 0.05 for 17.1%), or 0 for a figure that is exact, such as a whole count written
//! in full (1865件). Which figures are exact is the caller's knowledge; nothing here guesses it
//! from the digits. A negative half-unit gives `None`.
//!
//! The rules, beyond the contract's own:
//! - The interval is computed exactly where decimals allow and otherwise to within a unit of the
//!   28th significant digit, widened outward by that unit, so it always holds the true range.
//! - Its ends are rounded outward to a tenth of the step, but never to more than a whole unit
//!   (step 1 → 1050.7–1056.7; step 100 → 268459–269543): one digit finer than the value, so a
//!   reader sees where in its step the interval falls, and never an end that looks round.
//! - The value is the estimate from the figures as written, rounded half away from zero to the
//!   step. Should that fall outside the interval (the interval is lopsided, as a fall of nearly
//!   100% makes it), it becomes the multiple of the step inside the interval nearest the
//!   estimate: there always is one, since the interval is at least two steps wide. So 0 is shown
//!   only when the sources cannot rule 0 out, and is then the honest answer; a value the sources
//!   say is not 0 never rounds to 0, and no value gets more digits than the interval justifies.
//! - When the figures are exact and the arithmetic is too, the result is exact: not approximate,
//!   its interval a single point, its step the finest digit of the inputs or of the result.
//!   Exact figures whose quotient does not terminate (1865 / 1.77) give an approximate value
//!   with all the digits a decimal holds: exact inputs justify them, and a caller that passes
//!   the half-unit of a stated change never meets this.
//! - Whether a result makes sense for its indicator (a rate within 0–100, a count not below
//!   zero) is the caller's to decide; nothing here knows the kind.

use rust_decimal::{Decimal, RoundingStrategy};

/// The range a derived value lies in, given how the figures it comes from were rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// The smallest value the figures allow, rounded down as the module documentation says.
    pub low: Decimal,
    /// The largest value the figures allow, rounded up.
    pub high: Decimal,
}

impl Interval {
    /// Whether `d` lies in the interval, ends included.
    pub fn contains(&self, d: Decimal) -> bool {
        self.low <= d && d <= self.high
    }
}

/// A value derived from a stated change: rounded as far as its sources require, with the
/// interval they allow, so that no page shows digits the report never gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derived {
    /// The value rounded to `step`, with no trailing zeros after the decimal point (1054, not
    /// 1054.00; 269000 stays 269000). Always within `interval`.
    pub value: Decimal,
    /// The values the figures allow.
    pub interval: Interval,
    /// The power of ten `value` is rounded to (100, 1, 0.01): how far its digits can be trusted.
    pub step: Decimal,
    /// Whether the figures allow more than one value, or the arithmetic had to round: the value
    /// is then shown as approximate (约).
    pub approximate: bool,
}

impl Derived {
    /// The value in a display unit (1, or 10000 for 万, 10⁸ for 亿), with the decimals its step
    /// justifies there ([`decimals_for`]). An approximate value drops trailing zeros, as the
    /// contract shows it (269000 at step 100 is 26.90万, shown 约26.9万): 约 already says it is
    /// rounded. An exact value keeps them, as a difference keeps the decimals of its more
    /// precise input (87.21 − 69.21 = 18.00). `None` if `unit` is not positive.
    pub fn in_unit(&self, unit: Decimal) -> Option<Decimal> {
        if unit <= Decimal::ZERO {
            return None;
        }
        let dp = decimals_for(self.step, unit);
        let mut v = self.value.checked_div(unit)?.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        if self.approximate {
            v = v.normalize();
        } else {
            v.rescale(dp);
        }
        Some(v)
    }
}

/// How many decimals a value rounded to `step` justifies when shown in `unit` (a power of ten:
/// 1, 10000 for 万, 10⁸ for 亿): step 100 in 万 gives 2 (26.90万), step 10000 in 万 gives 0,
/// step 0.01 in units gives 2. 0 when either is not positive.
pub fn decimals_for(step: Decimal, unit: Decimal) -> u32 {
    if step <= Decimal::ZERO || unit <= Decimal::ZERO {
        return 0;
    }
    (floor_log10(unit) - floor_log10(step)).max(0) as u32
}

/// Last year's value from this year's `value` and a stated relative change of `pct` percent
/// ("同比增长17.1%" is 17.1): v(t−1) = v(t) / (1 + pct/100). `None` for a fall of 100% or more
/// once the change's rounding is allowed for (last year would be unbounded), and on overflow.
pub fn backward_relative(value: Decimal, value_half: Decimal, pct: Decimal, pct_half: Decimal) -> Option<Derived> {
    if value_half.is_sign_negative() || pct_half.is_sign_negative() {
        return None;
    }
    let (f_low, f, f_high) = factors(pct, pct_half)?;
    if f_low.0 <= Decimal::ZERO {
        return None;
    }
    relative(value, value_half, (f_low, f, f_high), div)
}

/// This year's value from last year's `prev` and a change of `pct` percent stated with no value:
/// v(t) = v(t−1) × (1 + pct/100). A fall of 100% means the value fell to zero, and the change's
/// rounding is not allowed to carry it past zero. `None` for a fall of more than 100% (a value
/// cannot lose more than itself) and on overflow.
pub fn forward_relative(prev: Decimal, prev_half: Decimal, pct: Decimal, pct_half: Decimal) -> Option<Derived> {
    if prev_half.is_sign_negative() || pct_half.is_sign_negative() || pct < -Decimal::ONE_HUNDRED {
        return None;
    }
    let (f_low, f, f_high) = factors(pct, pct_half)?;
    let f_low = if f_low.0.is_sign_negative() { (Decimal::ZERO, true) } else { f_low };
    relative(prev, prev_half, (f_low, f, f_high), mul)
}

/// `op(v, f)` for the stated figures, and at the corners of the ranges of `v` (± `v_half`) and
/// of the factor: `op` is monotonic in each, so the corners bound the result.
fn relative(v: Decimal, v_half: Decimal, factors: (Exact, Exact, Exact), op: Op) -> Option<Derived> {
    let (f_low, f, f_high) = factors;
    let point = op(v, f.0)?;
    let mut results = vec![(point.0, point.1 && f.1)];
    for x in [sub(v, v_half)?, add(v, v_half)?] {
        for g in [f_low, f_high] {
            let (r, exact) = op(x.0, g.0)?;
            results.push((r, exact && x.1 && g.1));
        }
    }
    conclude(point.0, &results, v.scale())
}

/// Last year's value from this year's `value` and a stated absolute change or change in
/// percentage points `delta` (signed: "下降3件" is −3): v(t−1) = v(t) − Δ, within ± the sum of
/// the half-units. Exact when both are exact. `None` on overflow.
pub fn backward_difference(
    value: Decimal,
    value_half: Decimal,
    delta: Decimal,
    delta_half: Decimal,
) -> Option<Derived> {
    difference(value, value_half, -delta, delta_half)
}

/// This year's value from last year's `prev` and a change `delta` stated with no value:
/// v(t) = v(t−1) + Δ, within ± the sum of the half-units. Exact when both are exact. `None` on
/// overflow.
pub fn forward_difference(prev: Decimal, prev_half: Decimal, delta: Decimal, delta_half: Decimal) -> Option<Derived> {
    difference(prev, prev_half, delta, delta_half)
}

/// `a + b` with `a_half + b_half` either side.
fn difference(a: Decimal, a_half: Decimal, b: Decimal, b_half: Decimal) -> Option<Derived> {
    if a_half.is_sign_negative() || b_half.is_sign_negative() {
        return None;
    }
    let point = add(a, b)?;
    let half = add(a_half, b_half)?;
    let (low, low_exact) = sub(point.0, half.0)?;
    let (high, high_exact) = add(point.0, half.0)?;
    let exact = point.1 && half.1;
    let results = [point, (low, low_exact && exact), (high, high_exact && exact)];
    conclude(point.0, &results, a.scale().max(b.scale()))
}

/// A result of decimal arithmetic and whether it is exact (not rounded to fit 28 digits).
type Exact = (Decimal, bool);

/// An operation of decimal arithmetic that says whether it was exact.
type Op = fn(Decimal, Decimal) -> Option<Exact>;

/// `a + b`. Decimals add at the finer scale of the two and drop digits only when the sum does
/// not fit, which shows as a coarser scale.
fn add(a: Decimal, b: Decimal) -> Option<Exact> {
    let s = a.checked_add(b)?;
    Some((s, a.is_zero() || b.is_zero() || s.scale() >= a.scale().max(b.scale())))
}

/// `a − b`.
fn sub(a: Decimal, b: Decimal) -> Option<Exact> {
    add(a, -b)
}

/// `a × b`: exact when the product keeps the sum of the scales (a product rounded to fit has a
/// coarser one; one that only looks rounded counts as inexact, which errs towards a wider
/// interval).
fn mul(a: Decimal, b: Decimal) -> Option<Exact> {
    let p = a.checked_mul(b)?;
    Some((p, a.is_zero() || b.is_zero() || (!p.is_zero() && p.scale() == a.scale() + b.scale())))
}

/// `a / b`: exact when multiplying back gives `a` exactly.
fn div(a: Decimal, b: Decimal) -> Option<Exact> {
    let q = a.checked_div(b)?;
    let exact = matches!(mul(q, b), Some((back, true)) if back == a);
    Some((q, exact))
}

/// The factors 1 + p/100 for the lowest, the stated and the highest change.
fn factors(pct: Decimal, pct_half: Decimal) -> Option<(Exact, Exact, Exact)> {
    let factor = |(p, p_exact): Exact| {
        let (share, share_exact) = div(p, Decimal::ONE_HUNDRED)?;
        let (f, f_exact) = add(Decimal::ONE, share)?;
        Some((f, p_exact && share_exact && f_exact))
    };
    Some((factor(sub(pct, pct_half)?)?, factor((pct, true))?, factor(add(pct, pct_half)?)?))
}

/// Rounds `point` by the interval the `results` span (each widened by a unit of its last digit
/// when it is not exact). `input_scale` is the finest digit of the inputs, the step of an exact
/// result.
fn conclude(point: Decimal, results: &[Exact], input_scale: u32) -> Option<Derived> {
    let (mut low, mut high) = (point, point);
    for &result in results {
        let (lo, hi) = widen(result)?;
        low = low.min(lo);
        high = high.max(hi);
    }
    if low == high {
        let value = point.normalize();
        let scale = input_scale.max(value.scale());
        let interval = Interval { low: value, high: value };
        return Some(Derived { value, interval, step: Decimal::new(1, scale), approximate: false });
    }
    let e = floor_log10(high.checked_sub(low)?.checked_div(Decimal::TWO)?);
    let rounded = round_to(point, e, RoundingStrategy::MidpointAwayFromZero)?;
    let value = if rounded < low {
        round_to(low, e, RoundingStrategy::ToPositiveInfinity)?
    } else if rounded > high {
        round_to(high, e, RoundingStrategy::ToNegativeInfinity)?
    } else {
        rounded
    };
    let dp = (1 - e).clamp(0, Decimal::MAX_SCALE as i32) as u32;
    let interval = Interval {
        low: low.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity).normalize(),
        high: high.round_dp_with_strategy(dp, RoundingStrategy::ToPositiveInfinity).normalize(),
    };
    Some(Derived { value: value.normalize(), interval, step: pow10(e), approximate: true })
}

/// The bounds of the true result behind a computed one: itself when exact, otherwise a unit of
/// its last digit either side (a decimal rounds to the nearest; 10⁻²⁸ when it rounded to zero).
fn widen((r, exact): Exact) -> Option<(Decimal, Decimal)> {
    if exact {
        return Some((r, r));
    }
    let ulp = Decimal::new(1, if r.is_zero() { Decimal::MAX_SCALE } else { r.scale() });
    Some((r.checked_sub(ulp)?, r.checked_add(ulp)?))
}

/// ⌊log₁₀ x⌋ for a positive `x`: from −28 to 28.
fn floor_log10(x: Decimal) -> i32 {
    x.mantissa().unsigned_abs().ilog10() as i32 - x.scale() as i32
}

/// 10ᵉ for e from −28 to 28.
fn pow10(e: i32) -> Decimal {
    if e >= 0 {
        Decimal::from_i128_with_scale(10i128.pow(e as u32), 0)
    } else {
        Decimal::new(1, e.unsigned_abs())
    }
}

/// `x` rounded to a multiple of 10ᵉ.
fn round_to(x: Decimal, e: i32, strategy: RoundingStrategy) -> Option<Decimal> {
    if e <= 0 {
        return Some(x.round_dp_with_strategy(e.unsigned_abs(), strategy));
    }
    let step = pow10(e);
    x.checked_div(step)?.round_dp_with_strategy(0, strategy).checked_mul(step)
}

#[cfg(test)]
mod tests;
