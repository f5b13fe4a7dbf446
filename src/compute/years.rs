//! Which indicators have values in which years, counted so that pages of a year or an
//! indicator never go through every organisation's series.

use super::{Map, Series};
use crate::model::{IndicatorId, Site};
use std::collections::{BTreeMap, BTreeSet};

/// How many organisations have a value of each indicator in each year, counted both ways, so
/// no page of an indicator or a year goes through every organisation's series, and an edit of
/// one organisation updates the counts at its own cost.
#[derive(Debug, Default, PartialEq)]
pub(super) struct YearIndex {
    /// indicator id → year → organisations with a value of it that year.
    pub(super) by_indicator: Map<IndicatorId, BTreeMap<i32, usize>>,
    /// year → indicator id → organisations with a report that year and a value of it for it.
    pub(super) by_year: Map<i32, Map<IndicatorId, usize>>,
}

impl YearIndex {
    /// Counts (or, with `add` false, uncounts) one organisation's series, whose reports are
    /// `reports` (indexes into `site.reports`). Counts that reach zero are dropped.
    pub(super) fn count(&mut self, site: &Site, reports: &[usize], series: &Map<IndicatorId, Series>, add: bool) {
        let reported: BTreeSet<i32> = reports.iter().map(|&r| site.reports[r].year).collect();
        for (id, s) in series {
            if add && !self.by_indicator.contains_key(id) {
                self.by_indicator.insert(id.clone(), BTreeMap::new());
            }
            let Some(years) = self.by_indicator.get_mut(id) else { continue };
            for &year in s.keys() {
                step(years, year, add);
                if !reported.contains(&year) {
                    continue;
                }
                let ids = self.by_year.entry(year).or_default();
                if add && !ids.contains_key(id) {
                    ids.insert(id.clone(), 0);
                }
                if ids.get_mut(id).is_some_and(|n| tally(n, add)) {
                    ids.remove(id);
                }
                if ids.is_empty() {
                    self.by_year.remove(&year);
                }
            }
            if years.is_empty() {
                self.by_indicator.remove(id);
            }
        }
    }
}

/// Adds one to the count of `year` in `counts`, or takes one away and drops it at zero.
fn step(counts: &mut BTreeMap<i32, usize>, year: i32, add: bool) {
    let n = counts.entry(year).or_insert(0);
    if tally(n, add) {
        counts.remove(&year);
    }
}

/// Adds one to `n` or takes one away; whether it is now zero.
fn tally(n: &mut usize, add: bool) -> bool {
    *n = if add { *n + 1 } else { n.saturating_sub(1) };
    *n == 0
}
