//! The small references to entities, reports and tags that lists and headers show.

use super::page_fields::PageFields;
use crate::compute::tag_slug;
use crate::model::{Entity, Report, Site};
use crate::render::html::date::date;
use crate::render::html::report_list::entity_short_name;
use crate::routes::{entity_url, report_url, tag_url};
use crate::theme::UiStrings;
use serde::Serialize;

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
    /// Publication date (ISO).
    pub published: Option<&'a str>,
    /// Publication date as the language writes it, in a `<time>` ([`date`]).
    pub published_html: Option<String>,
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

/// The reference to a report; `t` gives the words of its date.
pub fn report_ref<'a>(site: &'a Site, r: &'a Report, t: &UiStrings) -> ReportRef<'a> {
    let entity = site.entity(&r.entity);
    ReportRef {
        entity: &r.entity,
        entity_name: entity.map_or(r.entity.as_str(), |e| e.name.as_str()),
        entity_short_name: entity_short_name(entity, r),
        year: r.year,
        title: &r.title,
        published: r.published.as_deref(),
        published_html: published_html(r, t),
        source: r.source.as_deref(),
        source_url: r.source_url.as_deref(),
        tags: r.tags.iter().map(|t| TagRef { name: t, url: tag_url(&tag_slug(t)) }).collect(),
        indicator_count: r.indicators.len(),
        extra: &r.extra,
        url: report_url(r),
    }
}

/// A report's publication date as the language writes it, in a `<time>` ([`date`]).
fn published_html(r: &Report, t: &UiStrings) -> Option<String> {
    r.published.as_deref().map(|iso| date(iso, t))
}

/// A report as a page gives it to templates: in full ([`ReportRef`]) when the template reads
/// more of it than the shorter form `B` has ([`PageFields::neighbours`]), else in that form. The full reference makes the report's tag links and serialises
/// its front matter's extra keys.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ReportAs<'a, B> {
    /// Every field (boxed: it is the larger by far, and few templates read it).
    Full(Box<ReportRef<'a>>),
    /// The link and year, which is all most templates print.
    Brief(B),
}

/// `r` as the report before or after on a report's page, which most templates print only
/// its link and year.
pub fn neighbour_report<'a>(
    site: &'a Site,
    r: &'a Report,
    t: &UiStrings,
    fields: PageFields,
) -> ReportAs<'a, ReportLink<'a>> {
    if fields.neighbours {
        ReportAs::Full(Box::new(report_ref(site, r, t)))
    } else {
        ReportAs::Brief(report_link(site, r))
    }
}

/// The fields of a [`ReportLink`], as templates name them.
pub const REPORT_LINK_FIELDS: [&str; 4] = ["entity", "entity_short_name", "year", "url"];

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
    ReportLink {
        entity: &r.entity,
        entity_short_name: entity_short_name(site.entity(&r.entity), r),
        year: r.year,
        url: report_url(r),
    }
}
