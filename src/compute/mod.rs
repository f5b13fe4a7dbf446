//! Compute: year-over-year series for every entity and indicator, and the indexes pages need.
//!
//! Built once per build from the model; pages then look things up here instead of scanning
//! other pages, so the cost of rendering one page does not grow with the size of the site.

pub mod checks;
pub mod derive;
pub mod derived;
mod facets;
mod series;
pub mod tags;
pub mod typography;
mod years;
pub mod yoy;

pub use facets::{Facet, FacetClash};
use series::{entity_series, EntitySeries};
pub use tags::tag_slug;
use years::YearIndex;

use crate::model::config::Compare;
use crate::model::written::Written;
use crate::model::{AsWritten, Indicator, IndicatorId, Site, StatedChange};
use std::collections::BTreeMap;
use yoy::{delta, Delta, Observation};

/// A hash map keyed by ids the site itself wrote: the fast hash is safe here, and lookups by
/// organisation and indicator are on the path of every table cell.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The values of one indicator for one entity, by year.
pub type Series = BTreeMap<i32, Observation>;

/// Everything computed from the model that more than one page needs.
#[derive(Debug, Default, PartialEq)]
pub struct Computed {
    /// entity id → indicator id → series.
    series: Map<String, Map<IndicatorId, Series>>,
    /// entity id → indexes into `site.reports`, by year ascending.
    pub reports_by_entity: Map<String, Vec<usize>>,
    /// year → indexes into `site.reports`, by entity id.
    pub reports_by_year: BTreeMap<i32, Vec<usize>>,
    /// tag slug → (tag as written first, indexes into `site.reports`).
    pub reports_by_tag: BTreeMap<String, (String, Vec<usize>)>,
    /// Entities by the region and by the level their `_index.md` names: facet → slug →
    /// (name as written first, indexes into `site.entities` in site order). Entities that
    /// name none are in no list.
    pub entities_by_facet: BTreeMap<Facet, BTreeMap<String, (String, Vec<usize>)>>,
    /// Organisations whose region or level shares its page with a value written differently.
    pub facet_clashes: Vec<FacetClash>,
    /// indicator id → entity ids that have any value of it, sorted.
    pub entities_by_indicator: Map<IndicatorId, Vec<String>>,
    /// Stated changes that disagree with the previous report (year, entity, indicator, stated, actual).
    pub disagreements: Vec<Disagreement>,
    /// Which indicators have values in which years.
    years: YearIndex,
    /// What a value is compared with (`yoy.compare`).
    compare: Compare,
}

/// A figure that the reports around it do not bear out.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Index into `site.reports` of the report stating it.
    pub report: usize,
    /// The indicator.
    pub indicator: IndicatorId,
    /// What disagrees with what.
    pub what: Disagrees,
}

/// What a report states that another does not bear out.
#[derive(Debug, Clone, PartialEq)]
pub enum Disagrees {
    /// A stated change that the two reports it spans do not give.
    Change {
        /// What the report states.
        stated: StatedChange,
        /// What the two reports' values give.
        actual: Delta,
    },
    /// Last year's value as this report restates it (`previous`), which last year's own
    /// report gives otherwise.
    Previous {
        /// The value as restated.
        restated: Written,
        /// The value last year's report gives.
        own: rust_decimal::Decimal,
    },
}

impl Computed {
    /// The series of an indicator for an entity, if it has any value.
    pub fn series(&self, entity: &str, indicator: &str) -> Option<&Series> {
        self.series.get(entity)?.get(indicator)
    }

    /// The observation of `indicator` for a year and its change against the year before (if
    /// both exist).
    ///
    /// With `yoy.compare: previous_report` ([`Compare::PreviousReport`]) the change is against
    /// the nearest earlier year with a value ([`Computed::base_year`] names it). No change is
    /// computed across a break, nor from a derived value: a value derived from this year's
    /// stated change gets that change as stated, a derived value none of its own.
    pub fn cell(&self, entity: &str, indicator: &Indicator, year: i32) -> Option<(&Observation, Option<Delta>)> {
        self.cell_in(self.series(entity, &indicator.id)?, indicator, year)
    }

    /// [`Computed::cell`] in a series the caller has already looked up (a table row has its
    /// series at hand for every cell).
    pub fn cell_in<'s>(
        &self,
        series: &'s Series,
        indicator: &Indicator,
        year: i32,
    ) -> Option<(&'s Observation, Option<Delta>)> {
        let cur = series.get(&year)?;
        let prev = match self.compare {
            Compare::PreviousYear => series.get(&(year - 1)).map(|p| (year - 1, p)),
            Compare::PreviousReport => series.range(..year).next_back().map(|(base, p)| (*base, p)),
        };
        Some((cur, prev.and_then(|prev| change(indicator, series, prev, (year, cur)))))
    }

    /// The years that start a new series of `indicator` for `entity`: the catalogue's
    /// `breaks`, and the years of figures with a `break` of their own. Charts draw no line
    /// across them.
    pub fn breaks(&self, entity: &str, indicator: &Indicator) -> Vec<i32> {
        let own = self.series(entity, &indicator.id).into_iter().flatten();
        let own = own.filter(|(_, o)| o.break_reason().is_some()).map(|(y, _)| *y);
        let mut years: Vec<i32> = indicator.breaks.keys().copied().chain(own).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The year a value of `year` is compared with where that is not the year before (with
    /// `yoy.compare: previous_report`), for the cell to name it ("较2022年").
    pub fn base_year(&self, entity: &str, indicator: &str, year: i32) -> Option<i32> {
        if self.compare != Compare::PreviousReport {
            return None;
        }
        let series = self.series(entity, indicator)?;
        series.get(&year)?;
        let (base, _) = series.range(..year).next_back()?;
        (*base != year - 1).then_some(*base)
    }

    /// The years an entity's year-over-year table shows: the last `n` years up to its newest
    /// value, starting no earlier than its first value. Years in between with no value stay in
    /// the table as gaps.
    pub fn entity_years(&self, entity: &str, n: usize, up_to: Option<i32>) -> Vec<i32> {
        let Some(all) = self.series.get(entity) else {
            return Vec::new();
        };
        let years = all.values().flat_map(|s| s.keys().copied()).filter(|y| up_to.is_none_or(|u| *y <= u));
        let (mut lo, mut hi) = (i32::MAX, i32::MIN);
        for y in years {
            lo = lo.min(y);
            hi = hi.max(y);
        }
        if lo > hi {
            return Vec::new();
        }
        let start = lo.max(hi.saturating_sub(n as i32 - 1));
        (start..=hi).collect()
    }

    /// The years from the first to the last in which any entity has a value of `indicator`,
    /// without holes: a year nobody reported stays in tables and charts as a gap.
    pub fn indicator_years(&self, indicator: &str) -> Vec<i32> {
        let years = self.years.by_indicator.get(indicator);
        match years.and_then(|y| Some((*y.first_key_value()?.0, *y.last_key_value()?.0))) {
            Some((lo, hi)) => (lo..=hi).collect(),
            None => Vec::new(),
        }
    }

    /// Whether any entity with a report in `year` has a value of `indicator` for that year:
    /// the columns of the year's page.
    pub fn year_has(&self, year: i32, indicator: &str) -> bool {
        self.years.by_year.get(&year).is_some_and(|ids| ids.contains_key(indicator))
    }
}

/// The change of `indicator` from `prev` (of the year `base`) to `cur` (of `year`), by the
/// rules of [`Computed::cell`]; `None` where none is shown.
fn change(
    indicator: &Indicator,
    series: &Series,
    (base, prev): (i32, &Observation),
    (year, cur): (i32, &Observation),
) -> Option<Delta> {
    if let Some(reason) = break_between(indicator, series, base, (year, cur)) {
        return Some(Delta::Break(reason.into()));
    }
    if cur.is_derived() || prev.is_derived() {
        // A value derived forward from a change stated alone, or last year's derived from this
        // year's change: that change, as stated.
        return cur.stated_change.clone().filter(|c| !c.ambiguous).map(Delta::Stated);
    }
    let mut d = delta(indicator, prev, cur);
    if let Delta::Change { base_year, .. } = &mut d {
        *base_year = (base != year - 1).then_some(base);
    }
    Some(d)
}

/// Why the values of `base` and `year` cannot be compared, if a break lies between them: the
/// latest figure's own `break` or the catalogue's `breaks` after `base` up to `year`.
fn break_between<'a>(
    indicator: &'a Indicator,
    series: &'a Series,
    base: i32,
    (year, cur): (i32, &'a Observation),
) -> Option<&'a str> {
    if let Some(reason) = cur.break_reason() {
        return Some(reason);
    }
    if indicator.breaks.is_empty() && base == year - 1 {
        return None;
    }
    (base + 1..=year).rev().find_map(|y| {
        let own = (y != year).then(|| series.get(&y).and_then(|o| o.break_reason())).flatten();
        own.or_else(|| indicator.break_at(y))
    })
}

/// Computes series, derived values and indexes for a loaded site.
pub fn compute(site: &Site) -> Computed {
    use rayon::prelude::*;
    let mut c = Computed { compare: site.config.yoy.compare, ..Computed::default() };
    for (i, r) in site.reports.iter().enumerate() {
        c.reports_by_entity.entry(r.entity.clone()).or_default().push(i);
        c.reports_by_year.entry(r.year).or_default().push(i);
    }
    // Each entity's series depend on its own reports only.
    let per_entity: Vec<(String, EntitySeries)> =
        c.reports_by_entity.par_iter().map(|(e, list)| (e.clone(), entity_series(site, list))).collect();
    for (entity, (series, disagreements)) in per_entity {
        c.series.insert(entity, series);
        c.disagreements.extend(disagreements);
    }
    c.finish(site);
    c
}

impl Computed {
    /// Brings everything up to date after the reports of `entity` changed in place (same
    /// entities, same years, same order in `site.reports`; any figures, tags or titles).
    /// The result is what [`compute`] gives for the new site, at the cost of one entity.
    /// `retagged` says whether any of its reports' tags changed (the tag index is then redone).
    pub fn refresh_entity(&mut self, site: &Site, entity: &str, retagged: bool) {
        let list = self.reports_by_entity.get(entity).cloned().unwrap_or_default();
        self.disagreements.retain(|d| !list.contains(&d.report));
        let (series, disagreements) = entity_series(site, &list);
        if let Some(old) = self.series.get(entity) {
            self.years.count(site, &list, old, false);
        }
        self.years.count(site, &list, &series, true);
        for id in site.catalogue.indicators.keys() {
            let has = series.contains_key(id);
            let entities = self.entities_by_indicator.entry(id.clone()).or_default();
            match (entities.binary_search_by(|e| e.as_str().cmp(entity)), has) {
                (Ok(at), false) => {
                    entities.remove(at);
                }
                (Err(at), true) => entities.insert(at, entity.to_string()),
                _ => {}
            }
            if entities.is_empty() {
                self.entities_by_indicator.remove(id);
            }
        }
        self.series.insert(entity.to_string(), series);
        self.disagreements.extend(disagreements);
        self.sort_disagreements();
        if retagged {
            self.index_tags(site);
        }
    }

    /// The indexes that span entities: tags, facets, entities by indicator, the order of
    /// disagreements.
    fn finish(&mut self, site: &Site) {
        self.index_tags(site);
        self.facet_clashes.clear();
        for facet in Facet::ALL {
            let mut by_value: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
            for (i, e) in site.entities.iter().enumerate().filter(|(_, e)| !facet.of(e).is_empty()) {
                let value = facet.of(e);
                let (name, list) =
                    by_value.entry(Facet::slug(value)).or_insert_with(|| (value.to_string(), Vec::new()));
                if name != value {
                    self.facet_clashes.push(FacetClash { facet, entity: i, shown_as: name.clone() });
                }
                list.push(i);
            }
            self.entities_by_facet.insert(facet, by_value);
        }
        self.entities_by_indicator.clear();
        for (entity, by_ind) in &self.series {
            for id in by_ind.keys() {
                self.entities_by_indicator.entry(id.clone()).or_default().push(entity.clone());
            }
        }
        for list in self.entities_by_indicator.values_mut() {
            list.sort();
        }
        self.years = YearIndex::default();
        for (entity, by_ind) in &self.series {
            let list = self.reports_by_entity.get(entity).map(Vec::as_slice).unwrap_or_default();
            self.years.count(site, list, by_ind, true);
        }
        self.sort_disagreements();
    }

    /// Disagreements in report order, then indicator, whatever order they were found in.
    fn sort_disagreements(&mut self) {
        self.disagreements.sort_by(|a, b| (a.report, &a.indicator).cmp(&(b.report, &b.indicator)));
    }

    /// Reports by tag slug, newest year first.
    fn index_tags(&mut self, site: &Site) {
        self.reports_by_tag.clear();
        for (i, r) in site.reports.iter().enumerate() {
            for tag in &r.tags {
                let slug = tag_slug(tag);
                let entry = self.reports_by_tag.entry(slug).or_insert_with(|| (tag.clone(), Vec::new()));
                // Reports come in order, so a tag given twice by one report is the last entry.
                if entry.1.last() != Some(&i) {
                    entry.1.push(i);
                }
            }
        }
        for (_, list) in self.reports_by_tag.values_mut() {
            list.sort_by(|a, b| {
                let (ra, rb) = (&site.reports[*a], &site.reports[*b]);
                (rb.year, &ra.entity).cmp(&(ra.year, &rb.entity))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refreshing_one_entity_gives_what_a_full_computation_gives() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let mut site = crate::load::load_site(&root, &Default::default()).unwrap();
        let mut c = compute(&site);
        // Change a figure, drop one, restate a change and retag the report, in place.
        let i = site.reports.iter().position(|r| r.entity == "alpha" && r.year == 2021).unwrap();
        let r = &mut site.reports[i];
        let first = r.indicators.keys().next().unwrap().clone();
        r.indicators.shift_remove(&first);
        if let Some(f) = r.indicators.values_mut().next() {
            f.value = f.value.map(|v| v + rust_decimal::Decimal::ONE);
            f.change = Some(Box::new(StatedChange::parse("+50%").unwrap()));
        }
        r.tags = vec!["新标签".into()];
        c.refresh_entity(&site, "alpha", true);
        assert_eq!(c, compute(&site));
        assert!(c.reports_by_tag.contains_key("新标签"));
    }

    #[test]
    fn year_and_indicator_indexes_say_what_scanning_every_series_says() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let site = crate::load::load_site(&root, &Default::default()).unwrap();
        let c = compute(&site);
        let (mut present, mut absent) = (0, 0);
        for (&year, list) in &c.reports_by_year {
            for id in site.catalogue.indicators.keys() {
                let scanned =
                    list.iter().any(|&r| c.series(&site.reports[r].entity, id).is_some_and(|s| s.contains_key(&year)));
                assert_eq!(c.year_has(year, id), scanned, "{year} {id}");
                if scanned {
                    present += 1;
                } else {
                    absent += 1;
                }
            }
        }
        assert!(present > 0 && absent > 0, "the fixture has both ({present}, {absent})");
        for id in site.catalogue.indicators.keys() {
            let years: Vec<i32> =
                site.entities.iter().filter_map(|e| c.series(&e.id, id)).flat_map(|s| s.keys().copied()).collect();
            let span: Vec<i32> = match (years.iter().min(), years.iter().max()) {
                (Some(&lo), Some(&hi)) => (lo..=hi).collect(),
                _ => Vec::new(),
            };
            assert_eq!(c.indicator_years(id), span, "{id}");
        }
        assert!(!c.year_has(1900, "anything"));
    }
}
