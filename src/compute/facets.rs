//! The pages organisations and reports are listed on by a property: regions, levels and tags,
//! and the URL slugs of their values (made as tags' are, [`super::tags`]).

use super::tags::slug_of;

/// A property of an organisation the site lists organisations by, with a page for each value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// `region` (北京市): pages under `/regions/`.
    Region,
    /// `level` (district): pages under `/levels/`.
    Level,
}

impl Facet {
    /// Both facets, in the order pages show them.
    pub const ALL: [Facet; 2] = [Facet::Region, Facet::Level];

    /// The folder its pages live in ("regions").
    pub fn folder(self) -> &'static str {
        match self {
            Facet::Region => "regions",
            Facet::Level => "levels",
        }
    }

    /// Its key in front matter and in the theme's strings ("region").
    pub fn key(self) -> &'static str {
        match self {
            Facet::Region => "region",
            Facet::Level => "level",
        }
    }

    /// The URL slug of a value: as a tag's, or, for a value of punctuation alone ("—"), its
    /// characters' code points ("u2014"), so two such values never share a page by accident.
    pub fn slug(value: &str) -> String {
        slug_of(value).unwrap_or_else(|| {
            value.trim().chars().map(|c| format!("u{:x}", u32::from(c))).collect::<Vec<_>>().join("-")
        })
    }

    /// What `e` says for it (empty when nothing).
    pub fn of(self, e: &crate::model::Entity) -> &str {
        match self {
            Facet::Region => &e.region,
            Facet::Level => &e.level,
        }
    }
}

/// An organisation listed on the page of a region or level written differently from its own
/// ("某 市" on the page of "某-市"): both give the same URL.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetClash {
    /// Region or level.
    pub facet: Facet,
    /// Index into `site.entities`.
    pub entity: usize,
    /// The value the shared page is titled with (the first organisation's).
    pub shown_as: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_slugs_never_fall_back_to_one_shared_name() {
        assert_eq!(Facet::slug("北京市"), "北京市");
        assert_eq!(Facet::slug(" 某 市 "), "某-市");
        assert_eq!(Facet::slug("—"), "u2014");
        assert_ne!(Facet::slug("?"), Facet::slug("—"));
    }
}
