//! Values derived from a stated change, as observations: last year's from this year's value
//! and change, or this year's from last year's value and a change stated alone. The rounding
//! is [`super::derive`]'s; here is what may be derived from what, and how it is marked.

use super::derive;
use super::yoy::{Observation, Origin};
use crate::model::written::{Magnitude, Written};
use crate::model::{AsWritten, ChangeForm, Kind, Remarks, StatedChange};
use rust_decimal::Decimal;

/// Works out last year's value from this year's observation and the change its report states.
///
/// The value is no more precise than its sources ([`super::derive`]): the interval this year's
/// value and the stated change allow, rounded to what that interval justifies (31.5万 after
/// "+17.1%" gives 约26.9万; 1865 after "+77%" gives 约1054). Bounds, derived values and
/// changes that are ambiguous ("%" on a rate without `change_means`) are never derived from,
/// and a derived rate outside 0–100 is refused as evidence the change was misread.
pub fn derive_previous(kind: Kind, cur: &Observation, year: i32) -> Option<Observation> {
    let change = cur.stated_change.as_ref()?;
    if cur.bound.is_some() || cur.is_derived() || change.ambiguous || cur.break_reason().is_some() {
        return None;
    }
    if kind != Kind::Rate && change.form == ChangeForm::Points {
        return None;
    }
    let half = cur.half_unit(kind);
    let derived = match change.form {
        ChangeForm::Percent => derive::backward_relative(cur.value, half, change.amount, change.half_unit)?,
        ChangeForm::Points | ChangeForm::Absolute => {
            derive::backward_difference(cur.value, half, change.amount, change.half_unit)?
        }
    };
    derived_observation(kind, cur, derived, Origin::derived(year, &change.text))
}

/// Works out this year's value from last year's observation and a change this year's report
/// states without a value (a change-only figure), by the same rule as [`derive_previous`].
pub fn derive_forward(kind: Kind, prev: &Observation, change: &StatedChange, year: i32) -> Option<Observation> {
    if prev.bound.is_some() || prev.is_derived() || change.ambiguous {
        return None;
    }
    let half = prev.half_unit(kind);
    let derived = match change.form {
        ChangeForm::Percent => derive::forward_relative(prev.value, half, change.amount, change.half_unit)?,
        ChangeForm::Points | ChangeForm::Absolute => {
            derive::forward_difference(prev.value, half, change.amount, change.half_unit)?
        }
    };
    let mut o = derived_observation(kind, prev, derived, Origin::derived(year, &change.text))?;
    o.stated_change = Some(Box::new(change.clone()));
    Some(o)
}

/// The observation for a value derived from `source`: marked derived (and approximate unless
/// the arithmetic was exact), written in 万 / 亿 when the source is, with the interval kept.
fn derived_observation(kind: Kind, source: &Observation, d: derive::Derived, origin: Origin) -> Option<Observation> {
    if kind == Kind::Rate && (d.value < Decimal::ZERO || d.value > Decimal::ONE_HUNDRED) {
        return None;
    }
    let magnitude = source.written().map_or(Magnitude::One, |w| w.magnitude);
    let written = (magnitude != Magnitude::One)
        .then(|| d.in_unit(magnitude.factor()))
        .flatten()
        .map(|mantissa| Written { value: d.value, mantissa, magnitude, percent: false, qualifier: None });
    let origin = match origin {
        Origin::Derived(mut how) => {
            how.interval = d.approximate.then_some(d.interval);
            Origin::Derived(how)
        }
        reported => reported,
    };
    Some(Observation {
        value: d.value,
        approx: source.approx || d.approximate,
        bound: None,
        cumulative: source.cumulative,
        stated_change: None,
        origin,
        remarks: written.map(|written| Box::new(Remarks { written: Some(written), ..Remarks::default() })),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::yoy::{delta, Delta};
    use crate::model::figure::parse_decimal;
    use crate::model::{Better, Bound, Indicator};

    fn ind(kind: Kind, better: Better) -> Indicator {
        Indicator::example(kind, better, Default::default())
    }

    fn obs(v: &str) -> Observation {
        Observation::plain(parse_decimal(v).unwrap())
    }

    fn obs_change(v: &str, change: &str) -> Observation {
        Observation { stated_change: Some(Box::new(StatedChange::parse(change).unwrap())), ..obs(v) }
    }

    #[test]
    fn relative_change_derives_previous_year_rounded_to_value_precision() {
        // 武清区 政府信息公开申请 1865件, 同比增长77%: 1865 / 1.77 = 1053.67… → 1054.
        let prev = derive_previous(Kind::Count, &obs_change("1865", "+77%"), 2023).unwrap();
        assert_eq!(prev.value.to_string(), "1054");
        assert!(prev.is_derived());
        // 1865 is a whole count, exact; 77% stands for 76.5–77.5%: 1050.7–1056.7, so to 1.
        let Origin::Derived(how) = &prev.origin else { panic!() };
        let interval = how.interval.expect("an interval");
        assert_eq!((how.from_year, how.change.as_str()), (2023, "+77%"));
        assert_eq!((interval.low.to_string(), interval.high.to_string()), ("1050.7".into(), "1056.7".into()));
        assert!(prev.approx);
        let Delta::Change { derived, diff, .. } = delta(&ind(Kind::Count, Better::Neutral), &prev, &obs("1865")) else {
            panic!()
        };
        assert!(derived);
        assert_eq!(diff.to_string(), "811");
    }

    #[test]
    fn point_and_absolute_changes_derive_exactly() {
        // 武清区 认领率 87.21%, +20.68pp → 66.53.
        let prev = derive_previous(Kind::Rate, &obs_change("87.21", "+20.68pp"), 2023).unwrap();
        assert_eq!(prev.value.to_string(), "66.53");
        let prev = derive_previous(Kind::Count, &obs_change("27", "-3"), 2023).unwrap();
        assert_eq!(prev.value.to_string(), "30");
    }

    #[test]
    fn no_derivation_from_bounds_or_impossible_rates() {
        let b = Observation { bound: Some(Bound::Below), ..obs_change("30", "-5") };
        assert!(derive_previous(Kind::Amount, &b, 2022).is_none());
        assert!(derive_previous(Kind::Rate, &obs_change("10", "+20pp"), 2022).is_none());
        assert!(derive_previous(Kind::Count, &obs_change("10", "+20pp"), 2022).is_none());
    }
}
