//! The indicator catalogue: what each figure means, its unit, and which direction is better.

use super::numbers::{LargeNumbers, Unit};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What sort of quantity an indicator is; it decides how year-over-year change is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A number of things (cases, items, visits): Δ and Δ%.
    Count,
    /// A percentage from 0 to 100: Δ in percentage points, no relative change.
    Rate,
    /// A quantity measured in a unit (money, mass, concentration): Δ and Δ%.
    Amount,
    /// A score on some scale: Δ and Δ%.
    Score,
}

impl Kind {
    /// Every kind, as written in the catalogue.
    pub const NAMES: [&'static str; 4] = ["count", "rate", "amount", "score"];

    /// The kind as written in the catalogue.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Rate => "rate",
            Kind::Amount => "amount",
            Kind::Score => "score",
        }
    }
}

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// More is better.
    Higher,
    /// Less is better.
    Lower,
    /// Neither direction is better or worse.
    Neutral,
}

impl Better {
    /// Every value, as written in the catalogue.
    pub const NAMES: [&'static str; 3] = ["higher", "lower", "neutral"];

    /// The value as written in the catalogue.
    pub fn name(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neutral => "neutral",
        }
    }
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Entry")]
pub struct Indicator {
    /// ASCII snake_case id, the key in the catalogue and in report front matter.
    pub id: String,
    /// The indicator's name in the site's language.
    pub label: String,
    /// The English name.
    pub label_en: String,
    /// The unit shown after values (件, 项, %, 万元 …; may be empty), with the catalogue's
    /// `large_numbers`: how values from 10,000 on are written.
    pub unit: Unit,
    /// How change is computed.
    pub kind: Kind,
    /// Which direction is better.
    pub better: Better,
    /// The table group it belongs to.
    pub group: String,
    /// Longer explanation shown on the indicator's page.
    pub description: String,
    /// For a rate: the indicators it is the ratio of, so reports giving all three can be
    /// checked (never corrected).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<Ratio>,
    /// Other wordings reports use for it (审结行政复议案件 for 办结行政复议案件): an importer and
    /// the text checks recognise the figure by any of them. No two indicators share one.
    pub aliases: Vec<String>,
    /// Years from which it is not comparable with the years before (a change of definition or
    /// scope), each with the reason; no change is computed, checked or derived across one.
    /// Keys are years, written as strings for templates (whose maps have string keys).
    #[serde(serialize_with = "years_as_strings")]
    pub breaks: BTreeMap<i32, String>,
}

impl Indicator {
    /// The reason the series starts anew in `year`, when the catalogue declares a break there.
    pub fn break_at(&self, year: i32) -> Option<&str> {
        self.breaks.get(&year).map(String::as_str)
    }

    /// The first break a comparison of `later` with `earlier` crosses — one in a year after
    /// `earlier` and no later than `later` — with its reason; `None` when the two compare.
    /// The order of the two years does not matter.
    pub fn between(&self, earlier: i32, later: i32) -> Option<(i32, &str)> {
        let (from, to) = if earlier <= later { (earlier, later) } else { (later, earlier) };
        if from == to {
            return None;
        }
        self.breaks.range(from + 1..=to).next().map(|(y, r)| (*y, r.as_str()))
    }

    /// The label and every alias: the names a report may give this indicator.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.label.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Writes a map keyed by year with string keys ("2024"), as JSON and the templates need.
fn years_as_strings<S: serde::Serializer>(breaks: &BTreeMap<i32, String>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(breaks.iter().map(|(y, r)| (y.to_string(), r)))
}

#[cfg(test)]
impl Indicator {
    /// An indicator "x" of `kind` and `better` in `unit`, with nothing else, for tests.
    pub(crate) fn example(kind: Kind, better: Better, unit: Unit) -> Self {
        Indicator {
            id: "x".into(),
            label: "x".into(),
            label_en: String::new(),
            unit,
            kind,
            better,
            group: String::new(),
            description: String::new(),
            ratio: None,
            aliases: Vec::new(),
            breaks: BTreeMap::new(),
        }
    }
}

/// An indicator as `content/indicators.yaml` writes it; every key it may have.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    label: String,
    #[serde(default)]
    label_en: String,
    #[serde(default)]
    unit: String,
    kind: Kind,
    better: Better,
    #[serde(default)]
    group: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    ratio: Option<Ratio>,
    #[serde(default)]
    large_numbers: LargeNumbers,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    breaks: BTreeMap<i32, String>,
}

impl From<Entry> for Indicator {
    fn from(e: Entry) -> Self {
        Indicator {
            id: String::new(),
            label: e.label,
            label_en: e.label_en,
            unit: Unit { text: e.unit, large_numbers: e.large_numbers },
            kind: e.kind,
            better: e.better,
            group: e.group,
            description: e.description,
            ratio: e.ratio,
            aliases: e.aliases.into_iter().map(|a| a.trim().to_string()).collect(),
            breaks: e.breaks.into_iter().map(|(y, r)| (y, r.trim().to_string())).collect(),
        }
    }
}

/// A rate's numerator and denominator indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// Id of the indicator counted on top (纠错35件).
    pub numerator: String,
    /// Id of the indicator it is a share of (办结218件).
    pub denominator: String,
}

/// An indicator's id as the catalogue holds it. Every figure of every report is keyed by one,
/// so they share the catalogue's: a site of 10,000 reports holds 300,000 figures, and their
/// ids would otherwise be as many strings.
pub type IndicatorId = std::sync::Arc<str>;

/// Values by indicator id, in the order they were written. Ids are looked up for every figure
/// of every page, so the map hashes them with a fast hasher, not the standard library's
/// attack-resistant one (ids come from the site's own files).
pub type ById<V> = IndexMap<IndicatorId, V, foldhash::fast::RandomState>;

/// The catalogue, in the order of the file (which is the order of every table).
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// Indicators by id, in file order.
    pub indicators: ById<Indicator>,
    /// The catalogue file had errors, so ids missing from it are not reported again.
    pub broken: bool,
}

impl Catalogue {
    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.get(id)
    }

    /// The catalogue's own copy of the id `id`, and its indicator.
    pub fn entry(&self, id: &str) -> Option<(&IndicatorId, &Indicator)> {
        self.indicators.get_key_value(id)
    }

    /// Position of an indicator in the catalogue (for sorting tables).
    pub fn position(&self, id: &str) -> usize {
        self.indicators.get_index_of(id).unwrap_or(usize::MAX)
    }

    /// Groups in order of first appearance, each with its indicators in catalogue order.
    pub fn groups(&self) -> Vec<(&str, Vec<&Indicator>)> {
        let mut groups: IndexMap<&str, Vec<&Indicator>> = IndexMap::new();
        for ind in self.indicators.values() {
            groups.entry(ind.group.as_str()).or_default().push(ind);
        }
        groups.into_iter().collect()
    }
}

/// Whether `id` is a valid indicator id: ASCII lowercase snake_case starting with a letter.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ascii_snake_case() {
        assert!(is_valid_id("admin_review_closed"));
        assert!(is_valid_id("pm25"));
        assert!(!is_valid_id("Admin"));
        assert!(!is_valid_id("2x"));
        assert!(!is_valid_id("行政复议"));
        assert!(!is_valid_id("a-b"));
    }

    fn with_breaks(years: &[i32]) -> Indicator {
        let mut ind = Indicator::example(Kind::Count, Better::Higher, Unit::default());
        ind.breaks = years.iter().map(|y| (*y, format!("自{y}年起口径调整"))).collect();
        ind
    }

    #[test]
    fn a_break_starts_a_series_in_its_own_year() {
        let ind = with_breaks(&[2024]);
        assert_eq!(ind.break_at(2024), Some("自2024年起口径调整"));
        assert_eq!(ind.break_at(2023), None);
        assert_eq!(ind.break_at(2025), None);
    }

    #[test]
    fn a_comparison_crosses_the_first_break_after_the_earlier_year() {
        let ind = with_breaks(&[2020, 2024]);
        assert_eq!(ind.between(2023, 2024), Some((2024, "自2024年起口径调整")));
        assert_eq!(ind.between(2019, 2025), Some((2020, "自2020年起口径调整")));
        assert_eq!(ind.between(2024, 2023), Some((2024, "自2024年起口径调整")), "either order");
        // 2024 itself begins the new series: comparing it with 2025 crosses nothing.
        assert_eq!(ind.between(2024, 2025), None);
        assert_eq!(ind.between(2021, 2023), None);
        assert_eq!(ind.between(2024, 2024), None);
        assert_eq!(with_breaks(&[]).between(1900, 2100), None);
    }

    #[test]
    fn the_catalogue_reads_aliases_and_breaks() {
        let yaml = "label: 办结行政复议案件\nkind: count\nbetter: higher\naliases: [审结行政复议案件, \" 行政复议案件办结 \"]\nbreaks:\n  2024: 自2024年起含上年结转案件\n";
        let ind: Indicator = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(ind.aliases, ["审结行政复议案件", "行政复议案件办结"]);
        assert_eq!(ind.break_at(2024), Some("自2024年起含上年结转案件"));
        assert_eq!(ind.names().collect::<Vec<_>>(), ["办结行政复议案件", "审结行政复议案件", "行政复议案件办结"]);
        let json = serde_json::to_value(&ind).unwrap();
        assert_eq!(json["breaks"]["2024"], "自2024年起含上年结转案件", "years are string keys for templates");
    }
}
