//! What templates see of an indicator: in full on its page and the catalogue, as a name, unit
//! and link in table headings.

use crate::model::{Better, Indicator, Kind};
use crate::routes::indicator_url;
use serde::Serialize;

/// An indicator as tables and links need it.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView<'a> {
    /// Catalogue id.
    pub id: &'a str,
    /// Name in the site's language.
    pub label: &'a str,
    /// English name.
    pub label_en: &'a str,
    /// Unit shown after values.
    pub unit: &'a str,
    /// count | rate | amount | score.
    pub kind: Kind,
    /// higher | lower | neutral.
    pub better: Better,
    /// Table group.
    pub group: &'a str,
    /// Longer description.
    pub description: &'a str,
    /// Key of the kind's name in the theme strings ("kind_rate").
    pub kind_key: String,
    /// Key of the better direction's name in the theme strings ("better_lower").
    pub better_key: String,
    /// Its page, relative to the site root.
    pub url: String,
}

impl<'a> IndicatorView<'a> {
    /// The view of a catalogue entry.
    pub fn new(i: &'a Indicator) -> Self {
        IndicatorView {
            id: &i.id,
            label: &i.label,
            label_en: &i.label_en,
            unit: &i.unit,
            kind: i.kind,
            better: i.better,
            group: &i.group,
            description: &i.description,
            kind_key: format!("kind_{}", i.kind.name()),
            better_key: format!("better_{}", i.better.name()),
            url: indicator_url(&i.id),
        }
    }
}

/// An indicator as a table row or column heading shows it: a name, a unit and a link. (The
/// indicator's page and the catalogue get the full [`IndicatorView`].)
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRef<'a> {
    /// Catalogue id.
    pub id: &'a str,
    /// Name in the site's language.
    pub label: &'a str,
    /// Unit shown after values.
    pub unit: &'a str,
    /// Its page, relative to the site root.
    pub url: String,
}

impl<'a> IndicatorRef<'a> {
    /// The reference to a catalogue entry.
    pub fn new(i: &'a Indicator) -> Self {
        IndicatorRef { id: &i.id, label: &i.label, unit: &i.unit, url: indicator_url(&i.id) }
    }
}
