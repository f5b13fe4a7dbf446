//! The site as annalist understands it: settings, catalogue, entities, reports and pages.
//!
//! The model is what `load` produces and everything after it reads. It holds text and exact
//! figures only; computed views (year-over-year series, HTML) live in `compute` and `render`.

pub mod catalogue;
pub mod change_words;
pub mod config;
pub mod figure;
pub mod numbers;
pub mod pos;
pub mod written;

pub use catalogue::{Better, ById, Catalogue, Indicator, IndicatorId, Kind};
pub use config::SiteConfig;
pub use figure::{AsWritten, Bound, ChangeForm, Figure, Remarks, StatedChange};
pub use numbers::{LargeNumbers, Unit};
pub use pos::Pos;

use indexmap::IndexMap;
use std::path::PathBuf;

/// Front-matter keys nobody declared, kept for templates as `extra`.
pub type Extra = IndexMap<String, serde_json::Value>;

/// Markdown text and where it starts in its file (for error positions).
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The Markdown source.
    pub markdown: String,
    /// 1-based line of the file on which it starts.
    pub line: usize,
}

/// An organisation whose reports the site publishes.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The folder name: id and URL slug.
    pub id: String,
    /// Full name (北京市延庆区).
    pub name: String,
    /// Short name for tables (延庆区); the full name when not given.
    pub short_name: String,
    /// Region it belongs to (北京市).
    pub region: String,
    /// Administrative level, free text.
    pub level: String,
    /// The organisation's website.
    pub website: Option<String>,
    /// Whether the site's search lists it (`search: false` leaves it out).
    pub search: bool,
    /// Other front-matter keys.
    pub extra: Extra,
    /// Text about the organisation.
    pub body: Body,
    /// Its `_index.md`, relative to the site root.
    pub file: PathBuf,
}

/// One annual report of one entity.
#[derive(Debug, Clone)]
pub struct Report {
    /// Id of the entity (its folder name).
    pub entity: String,
    /// The year reported on.
    pub year: i32,
    /// The report's title.
    pub title: String,
    /// Date of publication, YYYY-MM-DD.
    pub published: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// The original's address.
    pub source_url: Option<String>,
    /// Tags, in the order written.
    pub tags: Vec<String>,
    /// Drafts are only built with `--drafts`.
    pub draft: bool,
    /// Whether the site's search lists it (`search: false` leaves it out).
    pub search: bool,
    /// The report's figures by indicator id, in the order written.
    pub indicators: ById<Figure>,
    /// Where the `indicators:` key is written (for warnings about the whole list).
    pub indicators_pos: Pos,
    /// Other front-matter keys.
    pub extra: Extra,
    /// The report's text.
    pub body: Body,
    /// The file, relative to the site root.
    pub file: PathBuf,
}

/// A free page (about, methodology …) or the home page text.
#[derive(Debug, Clone)]
pub struct Page {
    /// URL slug: the file name without `.md`.
    pub slug: String,
    /// The page title.
    pub title: String,
    /// A one-line description for the page's metadata.
    pub description: Option<String>,
    /// Drafts are only built with `--drafts`.
    pub draft: bool,
    /// Whether the site's search lists it (`search: false` leaves it out).
    pub search: bool,
    /// Other front-matter keys.
    pub extra: Extra,
    /// The page's text.
    pub body: Body,
    /// The file, relative to the site root.
    pub file: PathBuf,
}

/// Everything a site is made of, as loaded from disk.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site root folder.
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// `content/indicators.yaml`.
    pub catalogue: Catalogue,
    /// Entities sorted by id.
    pub entities: Vec<Entity>,
    /// Reports sorted by entity id, then year.
    pub reports: Vec<Report>,
    /// Free pages sorted by slug.
    pub pages: Vec<Page>,
    /// `content/_index.md`, the home page text.
    pub home: Option<Page>,
}

impl Site {
    /// The entity with this id (entities are kept sorted by id).
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.binary_search_by(|e| e.id.as_str().cmp(id)).ok().map(|i| &self.entities[i])
    }
}
