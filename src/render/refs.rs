//! URLs of the site's pages, and the small references to entities, reports and tags that
//! lists and headers show.

use crate::compute::tag_slug;
use crate::model::{Entity, Report, Site};
use serde::Serialize;

/// URL of an entity's page.
pub fn entity_url(id: &str) -> String {
    format!("{id}/")
}

/// URL of a report's page.
pub fn report_url(r: &Report) -> String {
    report_path(&r.entity, r.year)
}

/// URL of the page of an entity's report for a year.
pub fn report_path(entity: &str, year: i32) -> String {
    format!("{entity}/{year}/")
}

/// URL of a year's page.
pub fn year_url(y: i32) -> String {
    format!("years/{y}/")
}

/// An entity as lists and headers show it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef<'a> {
    /// Id and slug.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Short name.
    pub short_name: &'a str,
    /// Region.
    pub region: &'a str,
    /// Level.
    pub level: &'a str,
    /// Website, if any.
    pub website: Option<&'a str>,
    /// Its page.
    pub url: String,
}

impl<'a> EntityRef<'a> {
    /// The reference to an entity.
    pub fn new(e: &'a Entity) -> Self {
        EntityRef {
            id: &e.id,
            name: &e.name,
            short_name: &e.short_name,
            region: &e.region,
            level: &e.level,
            website: e.website.as_deref(),
            url: entity_url(&e.id),
        }
    }
}

/// A tag with its page.
#[derive(Debug, Clone, Serialize)]
pub struct TagRef<'a> {
    /// The tag as written.
    pub name: &'a str,
    /// Its page.
    pub url: String,
}

/// A report as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRef<'a> {
    /// Entity id.
    pub entity: &'a str,
    /// Entity's name.
    pub entity_name: &'a str,
    /// Entity's short name.
    pub entity_short_name: &'a str,
    /// Year reported on.
    pub year: i32,
    /// Title.
    pub title: &'a str,
    /// Publication date.
    pub published: Option<&'a str>,
    /// Publisher.
    pub source: Option<&'a str>,
    /// Original's address.
    pub source_url: Option<&'a str>,
    /// Tags.
    pub tags: Vec<TagRef<'a>>,
    /// How many figures it carries.
    pub indicator_count: usize,
    /// Other front-matter keys.
    pub extra: &'a crate::model::Extra,
    /// Its page.
    pub url: String,
}

/// The reference to a report.
pub fn report_ref<'a>(site: &'a Site, r: &'a Report) -> ReportRef<'a> {
    let entity = site.entity(&r.entity);
    ReportRef {
        entity: &r.entity,
        entity_name: entity.map_or(r.entity.as_str(), |e| e.name.as_str()),
        entity_short_name: entity.map_or(r.entity.as_str(), |e| e.short_name.as_str()),
        year: r.year,
        title: &r.title,
        published: r.published.as_deref(),
        source: r.source.as_deref(),
        source_url: r.source_url.as_deref(),
        tags: r.tags.iter().map(|t| TagRef { name: t, url: format!("tags/{}/", tag_slug(t)) }).collect(),
        indicator_count: r.indicators.len(),
        extra: &r.extra,
        url: report_url(r),
    }
}

/// A report as a row of a big table links to it: who, which year, where.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink<'a> {
    /// Entity id.
    pub entity: &'a str,
    /// Entity's short name.
    pub entity_short_name: &'a str,
    /// Year reported on.
    pub year: i32,
    /// Its page.
    pub url: String,
}

/// The link to a report, for rows of tables with many of them.
pub fn report_link<'a>(site: &'a Site, r: &'a Report) -> ReportLink<'a> {
    let short = site.entity(&r.entity).map_or(r.entity.as_str(), |e| e.short_name.as_str());
    ReportLink { entity: &r.entity, entity_short_name: short, year: r.year, url: report_url(r) }
}
