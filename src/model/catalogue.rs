//! The indicator catalogue: what each figure means, its unit, and which direction is better.

use super::numbers::{LargeNumbers, Unit};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

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
}
