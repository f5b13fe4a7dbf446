//! The three kinds of content file — a report, an entity's page, a free page (or the home
//! text) — each made from its front matter into the model's type, with the checks that belong
//! to that kind.

use super::values::{check_url, is_date};
use super::{front, to_extra};
use crate::error::Diagnostic;
use crate::load::{frontmatter, indicators, spans};
use crate::model::{Body, Catalogue, Entity, Page, Pos, Report};
use serde::Deserialize;
use std::path::Path;

const REPORT_KEYS: [&str; 9] =
    ["title", "year", "published", "source", "source_url", "tags", "draft", "indicators", "search"];
const ENTITY_KEYS: [&str; 6] = ["name", "short_name", "region", "level", "website", "search"];
const PAGE_KEYS: [&str; 4] = ["title", "description", "draft", "search"];

/// One content file being parsed: its path, its front matter apart from its body, and the
/// front matter's position tree.
pub(super) struct Source<'t> {
    /// The file, relative to the site.
    pub rel: &'t Path,
    /// The front matter and the body.
    pub split: frontmatter::Split<'t>,
    /// Where each front-matter key and value stands.
    pub tree: Option<spans::Node>,
}

impl Source<'_> {
    /// The place of the front matter's top-level `key`, or 0:0 without one.
    fn pos_of(&self, key: &str) -> Pos {
        self.tree.as_ref().and_then(|t| t.get(key)).map(|n| n.pos).unwrap_or_default()
    }

    /// A report, `content/<entity>/<year>.md`; its figures are read from the position tree.
    pub fn report(
        &self,
        (entity, file_year): (&str, i32),
        body: Body,
        catalogue: &Catalogue,
        errors: &mut Vec<Diagnostic>,
    ) -> Result<Report, Diagnostic> {
        let rel = self.rel;
        if self.split.yaml.is_empty() {
            return Err(Diagnostic::error(rel, 1, 1, "a report needs front matter with at least 'title' and 'year'")
                .with_hint("start the file with '---', then 'title: …' and 'year: …', then '---'"));
        }
        let tree = self.tree.as_ref();
        let front: ReportFront = front(rel, &self.split, tree, &REPORT_KEYS, Some("indicators"), errors)?;
        // A wrong year stops the report, but only after its figures are read: every error of
        // a file is reported at once.
        let year_ok = self.check_report(&front, file_year, errors);
        let figures = match tree.and_then(|t| t.get("indicators")) {
            Some(node) => indicators::read(rel, node, catalogue, errors),
            None => Default::default(),
        };
        year_ok?;
        Ok(Report {
            entity: entity.to_string(),
            year: front.year,
            title: front.title,
            published: front.published,
            source: front.source,
            source_url: front.source_url,
            tags: front.tags,
            search: front.search,
            draft: front.draft,
            indicators: figures,
            indicators_pos: tree.and_then(|t| t.key_node("indicators")).map(|n| n.pos).unwrap_or_default(),
            extra: to_extra(rel, front.extra)?,
            body,
            file: rel.to_path_buf(),
        })
    }

    /// A report's year must be its file's name; its day of publication a date, its source a
    /// web address. Only a wrong year stops the report.
    fn check_report(
        &self,
        front: &ReportFront,
        file_year: i32,
        errors: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let rel = self.rel;
        if front.year != file_year {
            let pos = self.pos_of("year");
            return Err(Diagnostic::error(
                rel,
                pos.line,
                pos.col,
                format!("year is {} but the file is named {file_year}.md", front.year),
            )
            .with_hint("rename the file or correct the year"));
        }
        if let Some(date) = front.published.as_deref().filter(|d| !is_date(d)) {
            let pos = self.pos_of("published");
            errors.push(
                Diagnostic::error(rel, pos.line, pos.col, format!("published '{date}' is not a date"))
                    .with_hint("write the day of publication as YYYY-MM-DD, e.g. 2022-03-29"),
            );
        }
        check_url(rel, self.tree.as_ref(), "source_url", front.source_url.as_deref(), errors);
        Ok(())
    }

    /// An entity, `content/<entity>/_index.md`.
    pub fn entity(&self, id: &str, body: Body, errors: &mut Vec<Diagnostic>) -> Result<Entity, Diagnostic> {
        let (rel, tree) = (self.rel, self.tree.as_ref());
        let front: EntityFront = front(rel, &self.split, tree, &ENTITY_KEYS, None, errors)?;
        check_url(rel, tree, "website", front.website.as_deref(), errors);
        Ok(Entity {
            id: id.to_string(),
            short_name: front.short_name.unwrap_or_else(|| front.name.clone()),
            name: front.name,
            region: front.region.trim().to_string(),
            level: front.level.trim().to_string(),
            website: front.website,
            search: front.search,
            extra: to_extra(rel, front.extra)?,
            body,
            file: rel.to_path_buf(),
        })
    }

    /// A free page (`slug` given), which needs a title, or the home text, which does not.
    pub fn page(&self, slug: Option<&str>, body: Body, errors: &mut Vec<Diagnostic>) -> Result<Page, Diagnostic> {
        let rel = self.rel;
        let front: PageFront = front(rel, &self.split, self.tree.as_ref(), &PAGE_KEYS, None, errors)?;
        let title = match (front.title, slug) {
            (Some(t), _) => t,
            (None, None) => String::new(),
            (None, Some(_)) => return Err(Diagnostic::error(rel, 1, 1, "a page needs a 'title' in its front matter")),
        };
        Ok(Page {
            slug: slug.unwrap_or_default().to_string(),
            title,
            description: front.description,
            draft: front.draft,
            search: front.search,
            extra: to_extra(rel, front.extra)?,
            body,
            file: rel.to_path_buf(),
        })
    }
}

#[derive(Deserialize)]
struct ReportFront {
    title: String,
    year: i32,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default = "yes")]
    search: bool,
    #[serde(default)]
    #[allow(dead_code)]
    indicators: serde::de::IgnoredAny,
    #[serde(flatten)]
    extra: serde_yaml::Mapping,
}

#[derive(Deserialize)]
struct EntityFront {
    name: String,
    #[serde(default)]
    short_name: Option<String>,
    #[serde(default)]
    region: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    website: Option<String>,
    #[serde(default = "yes")]
    search: bool,
    #[serde(flatten)]
    extra: serde_yaml::Mapping,
}

#[derive(Deserialize)]
struct PageFront {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default = "yes")]
    search: bool,
    #[serde(flatten)]
    extra: serde_yaml::Mapping,
}

fn yes() -> bool {
    true
}
