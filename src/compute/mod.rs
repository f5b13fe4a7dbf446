//! Compute: year-over-year series for every entity and indicator, and the indexes pages need.
//!
//! Built once per build from the model; pages then look things up here instead of scanning
//! other pages, so the cost of rendering one page does not grow with the size of the site.

pub mod checks;
pub mod derive;
mod facets;
pub mod tags;
mod years;
pub mod yoy;

pub use facets::{Facet, FacetClash};
pub use tags::tag_slug;
use years::YearIndex;

use crate::model::config::Compare;
use crate::model::written::Written;
use crate::model::{AsWritten, Indicator, IndicatorId, Site, StatedChange};
use std::collections::BTreeMap;
use yoy::{delta, derive_previous, Delta, Observation};

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
        let series = self.series(entity, &indicator.id)?;
        let cur = series.get(&year)?;
        let base = match self.compare {
            Compare::PreviousYear => Some(year - 1),
            Compare::PreviousReport => series.range(..year).next_back().map(|(base, _)| *base),
        };
        Some((cur, base.and_then(|base| self.change(indicator, series, (base, year)))))
    }

    /// The change of `indicator` in `series` from the year `base` to `year`, by the rules of
    /// [`Computed::cell`]; `None` where none is shown.
    fn change(&self, indicator: &Indicator, series: &Series, (base, year): (i32, i32)) -> Option<Delta> {
        let (prev, cur) = (series.get(&base)?, series.get(&year)?);
        let reason = (base + 1..=year).rev().find_map(|y| {
            let own = series.get(&y).and_then(|o| o.break_reason());
            own.or_else(|| indicator.break_at(y))
        });
        if let Some(reason) = reason {
            return Some(Delta::Break(reason.into()));
        }
        if cur.is_derived() {
            // Derived forward from a change stated without a value: that change, as stated.
            return cur.stated_change.clone().filter(|c| !c.ambiguous).map(Delta::Stated);
        }
        if prev.is_derived() {
            return cur.stated_change.clone().filter(|c| !c.ambiguous).map(Delta::Stated);
        }
        let mut d = delta(indicator, prev, cur);
        if let Delta::Change { base_year, .. } = &mut d {
            *base_year = (base != year - 1).then_some(base);
        }
        Some(d)
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

/// One entity's series by indicator, and the stated changes its reports get wrong.
type EntitySeries = (Map<IndicatorId, Series>, Vec<Disagreement>);

/// The series of the entity whose reports are `reports` (indexes into `site.reports`): each
/// report's values; where a year has none, the value the next report restates (`previous`) or
/// one derived from its stated change; where a report states only a change, the value derived
/// forward from the year before. Nothing is derived or checked across a break.
fn entity_series(site: &Site, reports: &[usize]) -> EntitySeries {
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
                .and_then(|prev| yoy::derive_forward(ind.kind, prev, change, *year));
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
    use crate::model::Figure;
    use crate::model::Kind;

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
