//! One entity's series: each report's values, the values its reports restate or let be
//! derived, and the stated changes its reports get wrong.

use super::derived::{derive_forward, derive_previous};
use super::yoy::{self, delta, Observation};
use super::{Disagreement, Disagrees, Map, Series};
use crate::model::written::Written;
use crate::model::{AsWritten, Indicator, IndicatorId, Site, StatedChange};

/// One entity's series by indicator, and the stated changes its reports get wrong.
pub(super) type EntitySeries = (Map<IndicatorId, Series>, Vec<Disagreement>);

/// The series of the entity whose reports are `reports` (indexes into `site.reports`): each
/// report's values; where a year has none, the value the next report restates (`previous`) or
/// one derived from its stated change; where a report states only a change, the value derived
/// forward from the year before. Nothing is derived or checked across a break.
pub(super) fn entity_series(site: &Site, reports: &[usize]) -> EntitySeries {
    let mut by_ind: Map<IndicatorId, Series> = Map::default();
    let mut by_year: Map<i32, usize> = Map::default();
    let mut notes = Notes::default();
    for &i in reports {
        let r = &site.reports[i];
        by_year.insert(r.year, i);
        for (id, figure) in &r.indicators {
            let series = by_ind.entry(id.clone()).or_default();
            match Observation::reported(figure) {
                Some(o) => {
                    series.insert(r.year, o);
                }
                None => notes.change_only.push((id.clone(), r.year, figure.change.clone())),
            }
            if let Some(previous) = figure.previous() {
                notes.previous.push((id.clone(), r.year, i, Box::new(previous.clone())));
            }
        }
    }
    let mut disagreements = Vec::new();
    for (id, series) in by_ind.iter_mut() {
        let Some(ind) = site.catalogue.get(id) else {
            continue;
        };
        restate(ind, series, &notes.previous, &mut disagreements);
        let stated: Vec<(i32, Observation)> =
            series.iter().filter(|(_, o)| o.stated_change.is_some()).map(|(y, o)| (*y, o.clone())).collect();
        for (year, cur) in stated {
            if breaks_before(ind, &cur, year) || cur.stated_change.as_ref().is_some_and(|c| c.ambiguous) {
                continue;
            }
            match series.get(&(year - 1)) {
                Some(prev) if !prev.is_derived() => {
                    if let Some(stated) = &cur.stated_change {
                        if !stated_matches(ind.kind, stated, prev, &cur) {
                            disagreements.push(Disagreement {
                                report: by_year[&year],
                                indicator: id.clone(),
                                what: Disagrees::Change { stated: (**stated).clone(), actual: delta(ind, prev, &cur) },
                            });
                        }
                    }
                }
                Some(_) => {}
                None => {
                    if let Some(prev) = derive_previous(ind.kind, &cur, year) {
                        series.insert(year - 1, prev);
                    }
                }
            }
        }
        for (_, year, change) in notes.change_only.iter().filter(|(i, ..)| i == id) {
            let Some(change) = change else { continue };
            let forward = series
                .get(&(year - 1))
                .filter(|_| ind.between(year - 1, *year).is_none() && change.base_year.is_none_or(|b| b == year - 1))
                .and_then(|prev| derive_forward(ind.kind, prev, change, *year));
            if let Some(o) = forward {
                series.insert(*year, o);
            }
        }
    }
    (by_ind, disagreements)
}

/// What an entity's reports state beyond their own year's values.
#[derive(Default)]
struct Notes {
    /// Figures that state only a change: indicator, year, the change.
    change_only: Vec<(IndicatorId, i32, Option<Box<StatedChange>>)>,
    /// Figures that restate last year's value: indicator, the restating report's year and
    /// index, the value as it restates it.
    previous: Vec<(IndicatorId, i32, usize, Box<Written>)>,
}

/// Puts each restated previous value (`previous`) where the year before has none of its own,
/// marked as stated in the later report; where it has one that differs, notes a restatement.
fn restate(
    ind: &Indicator,
    series: &mut Series,
    previous: &[(IndicatorId, i32, usize, Box<Written>)],
    out: &mut Vec<Disagreement>,
) {
    for (_, year, report, w) in previous.iter().filter(|(i, ..)| **i == *ind.id) {
        let restated = Observation::restated(w, *year);
        match series.get(&(year - 1)) {
            Some(own) if !own.is_derived() => {
                if own.value != restated.value {
                    out.push(Disagreement {
                        report: *report,
                        indicator: ind.id.as_str().into(),
                        what: Disagrees::Previous { restated: (**w).clone(), own: own.value },
                    });
                }
            }
            _ => {
                series.insert(year - 1, restated);
            }
        }
    }
}

/// Whether a value of `year` cannot be compared with the year before: the figure's own
/// `break`, or the catalogue's for that year.
fn breaks_before(ind: &Indicator, cur: &Observation, year: i32) -> bool {
    cur.break_reason().is_some() || ind.between(year - 1, year).is_some()
}

/// Whether a stated change agrees with the two reported values, allowing for the rounding of
/// the stated figure (half a unit of its last decimal) and for truncation (another 0.01). A
/// change too large to work out exactly is not borne out: it is reported, never a crash.
fn stated_matches(kind: crate::model::Kind, stated: &StatedChange, prev: &Observation, cur: &Observation) -> bool {
    use crate::model::ChangeForm;
    use rust_decimal::Decimal;
    if prev.bound.is_some() || cur.bound.is_some() || prev.cumulative != cur.cumulative {
        return true;
    }
    // 约, 余, 近 …: a value the report itself gives only roughly cannot contradict a change.
    if prev.qualifier().is_some_and(|q| q.is_approximate()) || cur.qualifier().is_some_and(|q| q.is_approximate()) {
        return true;
    }
    let Some(diff) = cur.value.checked_sub(prev.value) else { return false };
    // How far the values may lie from what is written (31.5万 is 314,500–315,500).
    let (prev_half, cur_half) = (prev.half_unit(kind), cur.half_unit(kind));
    let (measured, slack) = match stated.form {
        ChangeForm::Percent if prev.value.is_zero() => return true,
        ChangeForm::Percent => match yoy::percent_of(diff, prev.value) {
            Some(p) => {
                let spread = cur_half.checked_add(
                    prev_half
                        .checked_mul(cur.value.abs())
                        .and_then(|m| m.checked_div(prev.value.abs()))
                        .unwrap_or(Decimal::MAX),
                );
                (p, spread.and_then(|s| yoy::percent_of(s, prev.value.abs())).unwrap_or(Decimal::ZERO))
            }
            None => return false,
        },
        ChangeForm::Points | ChangeForm::Absolute => (diff, prev_half + cur_half),
    };
    let half_unit = stated.half_unit.max(Decimal::new(5, (stated.amount.scale() + 1).min(Decimal::MAX_SCALE)));
    let tolerance = half_unit + Decimal::new(1, 2) + slack;
    measured.checked_sub(stated.amount).is_some_and(|off| off.abs() <= tolerance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figure::parse_decimal;
    use crate::model::{Figure, Kind};

    fn obs(v: &str) -> Observation {
        Observation::plain(parse_decimal(v).unwrap())
    }

    #[test]
    fn stated_changes_are_checked_with_rounding_tolerance() {
        let c = StatedChange::parse("+77%").unwrap();
        assert!(stated_matches(Kind::Count, &c, &obs("1054"), &obs("1865")));
        assert!(!stated_matches(Kind::Count, &c, &obs("1000"), &obs("1865")));
        let c = StatedChange::parse("+3.08pp").unwrap();
        assert!(stated_matches(Kind::Count, &c, &obs("18"), &obs("21.08")));
        assert!(!stated_matches(Kind::Count, &c, &obs("18"), &obs("22")));
    }

    #[test]
    fn stated_changes_are_checked_within_what_values_in_wan_and_qualifiers_allow() {
        use crate::model::written::Written;
        let wan = |s: &str| Observation::reported(&Figure::written_as(Written::parse(s).unwrap())).unwrap();
        // 31.5万 and 26.9万 stand for 314,500–315,500 and 268,500–269,500: 16.7%–17.5%.
        let c = StatedChange::parse("同比增长17.3%").unwrap();
        assert!(stated_matches(Kind::Count, &c, &wan("26.9万"), &wan("31.5万")));
        let c = StatedChange::parse("同比增长19%").unwrap();
        assert!(!stated_matches(Kind::Count, &c, &wan("26.9万"), &wan("31.5万")));
        // 1500余 says only "more than 1,500": no change contradicts it.
        let c = StatedChange::parse("+50%").unwrap();
        assert!(stated_matches(Kind::Count, &c, &obs("1000"), &wan("1500余")));
    }

    #[test]
    fn stated_changes_of_28_digit_figures_are_checked_without_overflow() {
        let huge = "9999999999999999999999999999";
        let c = StatedChange::parse("+77%").unwrap();
        assert!(!stated_matches(Kind::Count, &c, &obs("4"), &obs(huge)));
        assert!(!stated_matches(Kind::Count, &c, &obs(&format!("-{huge}")), &obs(huge)));
        let c = StatedChange::parse("+0.000000000000000000000000001").unwrap();
        assert!(stated_matches(Kind::Count, &c, &obs("1"), &obs("1")));
        let c = StatedChange::parse(&format!("+{huge}%")).unwrap();
        assert!(!stated_matches(Kind::Count, &c, &obs("1"), &obs(huge)), "a hundredfold 28-digit change overflows");
        let c = StatedChange::parse(&format!("+{huge}")).unwrap();
        assert!(stated_matches(Kind::Count, &c, &obs(&format!("-{huge}")), &obs("0")));
    }
}
