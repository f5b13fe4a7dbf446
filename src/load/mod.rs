//! Load: find a site's files on disk and read them into the [`model`](crate::model).
//!
//! Every file is read and parsed independently (in parallel); every problem found is collected,
//! so one run reports all errors of the site at once.

pub mod frontmatter;
pub mod indicators;
pub mod spans;

use crate::error::{Diagnostic, Error, Result};
use crate::model::{Body, Catalogue, Entity, Extra, Indicator, Page, Report, Site, SiteConfig};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include reports and pages marked `draft: true`.
    pub drafts: bool,
}

/// Loads the site under `root`. All errors found are returned together as [`Error::Site`].
pub fn load_site(root: &Path, options: &LoadOptions) -> Result<Site> {
    let mut errors = Vec::new();
    let config = load_config(root)?;
    let catalogue = load_catalogue(root, &mut errors);
    let files = discover(root, &mut errors)?;

    let parsed: Vec<(Parsed, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|f| {
            let mut errs = Vec::new();
            let p = parse_file(root, f, &catalogue, &mut errs);
            (p, errs)
        })
        .collect();

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        catalogue,
        entities: Vec::new(),
        reports: Vec::new(),
        pages: Vec::new(),
        home: None,
    };
    for (p, errs) in parsed {
        errors.extend(errs);
        match p {
            Parsed::Entity(e) => site.entities.push(e),
            Parsed::Report(r) if !r.draft || options.drafts => site.reports.push(r),
            Parsed::Page(p) if !p.draft || options.drafts => site.pages.push(p),
            Parsed::Home(p) => site.home = Some(p),
            _ => {}
        }
    }
    for r in &site.reports {
        if !site.entities.iter().any(|e| e.id == r.entity) {
            let folder = Path::new("content").join(&r.entity);
            if !errors.iter().any(|d| d.file == folder.join("_index.md")) {
                errors.push(
                    Diagnostic::error(
                        folder.join("_index.md"),
                        0,
                        0,
                        format!("entity '{}' has reports but no _index.md", r.entity),
                    )
                    .with_hint("create it with at least `name:` in its front matter"),
                );
            }
        }
    }
    errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    errors.dedup();
    if !errors.is_empty() {
        return Err(Error::Site(errors));
    }
    site.entities.sort_by(|a, b| a.id.cmp(&b.id));
    site.reports
        .sort_by(|a, b| (&a.entity, a.year).cmp(&(&b.entity, b.year)));
    site.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(site)
}

/// A content file and what it is, by its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileKind {
    Home,
    Page(String),
    Entity(String),
    Report(String, i32),
}

fn discover(root: &Path, errors: &mut Vec<Diagnostic>) -> Result<Vec<(PathBuf, FileKind)>> {
    let content = root.join("content");
    let mut files = Vec::new();
    if !content.is_dir() {
        return Ok(files);
    }
    for entry in WalkDir::new(&content)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&content).to_path_buf();
            Error::io(&path, e.into())
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || !name.ends_with(".md") || name.starts_with('.') {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let stem = name.trim_end_matches(".md");
        let kind = if entry.depth() == 1 {
            if stem == "_index" {
                FileKind::Home
            } else {
                errors.push(
                    Diagnostic::error(
                        &rel,
                        0,
                        0,
                        "a Markdown file directly under content/ other than _index.md",
                    )
                    .with_hint(
                        "free pages go in content/pages/, reports in content/<entity>/<year>.md",
                    ),
                );
                continue;
            }
        } else {
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            if folder == "pages" {
                FileKind::Page(stem.to_string())
            } else if stem == "_index" {
                FileKind::Entity(folder)
            } else if let Some(year) = parse_year(stem) {
                FileKind::Report(folder, year)
            } else {
                errors.push(
                    Diagnostic::error(
                        &rel,
                        0,
                        0,
                        format!("'{name}' is neither _index.md nor a report named by its year"),
                    )
                    .with_hint("name a report after the year it reports on, e.g. 2021.md"),
                );
                continue;
            }
        };
        if let FileKind::Entity(id) | FileKind::Report(id, _) = &kind {
            if !is_valid_slug(id) {
                errors.push(
                    Diagnostic::error(
                        &rel,
                        0,
                        0,
                        format!("entity folder '{id}' is not a valid URL slug"),
                    )
                    .with_hint("use lowercase ASCII letters, digits and '-', e.g. 'yanqing'"),
                );
                continue;
            }
        }
        files.push((rel, kind));
    }
    Ok(files)
}

fn parse_year(stem: &str) -> Option<i32> {
    (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
        .then(|| stem.parse().ok())
        .flatten()
}

fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

enum Parsed {
    Home(Page),
    Page(Page),
    Entity(Entity),
    Report(Report),
    Failed,
}

/// Reads a file as UTF-8 text without its BOM; invalid UTF-8 is an error at its position.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| Diagnostic::error(rel, 0, 0, format!("cannot read: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let col = valid
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count()
                + 1;
            Err(
                Diagnostic::error(rel, line, col, "the file is not valid UTF-8")
                    .with_hint("save the file as UTF-8 (GBK/GB18030 text must be converted)"),
            )
        }
    }
}

/// Turns a serde_yaml error in YAML starting on `yaml_line` into a positioned diagnostic.
pub fn yaml_error(file: &Path, yaml_line: usize, e: &serde_yaml::Error) -> Diagnostic {
    let (line, col) = e
        .location()
        .map_or((yaml_line, 1), |l| (yaml_line + l.line() - 1, l.column()));
    let msg = e.to_string();
    // serde_yaml appends " at line X column Y" in its own coordinates; ours replace them.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Diagnostic::error(file, line, col, msg)
}

fn parse_typed<T: DeserializeOwned>(
    file: &Path,
    yaml: &str,
    yaml_line: usize,
) -> Result<T, Diagnostic> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(yaml).map_err(|e| yaml_error(file, yaml_line, &e))
}

fn to_extra(file: &Path, extra: serde_yaml::Mapping) -> Result<Extra, Diagnostic> {
    let mut out = Extra::new();
    for (k, v) in extra {
        let key = k
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("{k:?}"));
        let value = serde_json::to_value(&v)
            .map_err(|e| Diagnostic::error(file, 0, 0, format!("front-matter key '{key}': {e}")))?;
        out.insert(key, value);
    }
    Ok(out)
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
    #[serde(flatten)]
    extra: serde_yaml::Mapping,
}

fn parse_file(
    root: &Path,
    (rel, kind): &(PathBuf, FileKind),
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Parsed {
    match parse_file_inner(root, rel, kind, catalogue, errors) {
        Ok(p) => p,
        Err(d) => {
            errors.push(d);
            Parsed::Failed
        }
    }
}

fn parse_file_inner(
    root: &Path,
    rel: &Path,
    kind: &FileKind,
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Result<Parsed, Diagnostic> {
    let text = read_text(root, rel)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(rel, 0, 0, "the file is empty")
            .with_hint("give it front matter between '---' lines"));
    }
    let split = frontmatter::split(rel, &text)?;
    let body = Body {
        markdown: split.body.to_string(),
        line: split.body_line,
    };
    match kind {
        FileKind::Report(entity, file_year) => {
            if split.yaml.is_empty() {
                return Err(Diagnostic::error(
                    rel,
                    1,
                    1,
                    "a report needs front matter with at least 'title' and 'year'",
                )
                .with_hint(
                    "start the file with '---', then 'title: …' and 'year: …', then '---'",
                ));
            }
            let front: ReportFront = parse_typed(rel, split.yaml, split.yaml_line)?;
            let tree = spans::parse(split.yaml, split.yaml_line)
                .map_err(|e| Diagnostic::error(rel, e.pos.line, e.pos.col, e.message))?;
            if front.year != *file_year {
                let pos = tree
                    .as_ref()
                    .and_then(|t| t.get("year"))
                    .map(|n| n.pos)
                    .unwrap_or_default();
                return Err(Diagnostic::error(
                    rel,
                    pos.line,
                    pos.col,
                    format!(
                        "year is {} but the file is named {file_year}.md",
                        front.year
                    ),
                )
                .with_hint("rename the file or correct the year"));
            }
            let figures = match tree.as_ref().and_then(|t| t.get("indicators")) {
                Some(node) => indicators::read(rel, node, catalogue, errors),
                None => Default::default(),
            };
            Ok(Parsed::Report(Report {
                entity: entity.clone(),
                year: front.year,
                title: front.title,
                published: front.published,
                source: front.source,
                source_url: front.source_url,
                tags: front.tags,
                draft: front.draft,
                indicators: figures,
                extra: to_extra(rel, front.extra)?,
                body,
                file: rel.to_path_buf(),
            }))
        }
        FileKind::Entity(id) => {
            let front: EntityFront = parse_typed(rel, split.yaml, split.yaml_line)?;
            Ok(Parsed::Entity(Entity {
                id: id.clone(),
                short_name: front.short_name.unwrap_or_else(|| front.name.clone()),
                name: front.name,
                region: front.region,
                level: front.level,
                website: front.website,
                extra: to_extra(rel, front.extra)?,
                body,
                file: rel.to_path_buf(),
            }))
        }
        FileKind::Page(_) | FileKind::Home => {
            let front: PageFront = parse_typed(rel, split.yaml, split.yaml_line)?;
            let is_home = *kind == FileKind::Home;
            let title = match (front.title, is_home) {
                (Some(t), _) => t,
                (None, true) => String::new(),
                (None, false) => {
                    return Err(Diagnostic::error(
                        rel,
                        1,
                        1,
                        "a page needs a 'title' in its front matter",
                    ));
                }
            };
            let page = Page {
                slug: match kind {
                    FileKind::Page(s) => s.clone(),
                    _ => String::new(),
                },
                title,
                description: front.description,
                draft: front.draft,
                extra: to_extra(rel, front.extra)?,
                body,
                file: rel.to_path_buf(),
            };
            Ok(if is_home {
                Parsed::Home(page)
            } else {
                Parsed::Page(page)
            })
        }
    }
}

fn load_config(root: &Path) -> Result<SiteConfig> {
    let rel = Path::new("site.yaml");
    if !root.join(rel).is_file() {
        return Err(Error::one(
            Diagnostic::error(rel, 0, 0, format!("no site.yaml in {}", root.display()))
                .with_hint("run annalist in a site folder, pass --root DIR, or create one with `annalist init DIR`"),
        ));
    }
    let text = read_text(root, rel).map_err(Error::one)?;
    let config: SiteConfig = parse_typed(rel, &text, 1).map_err(Error::one)?;
    let mut errors = Vec::new();
    if !config.base_url.starts_with("http://") && !config.base_url.starts_with("https://") {
        errors.push(
            Diagnostic::error(
                rel,
                0,
                0,
                format!(
                    "base_url '{}' is not an absolute http(s) URL",
                    config.base_url
                ),
            )
            .with_hint("write it like https://example.org/reports/"),
        );
    }
    if !crate::model::config::LANGUAGES.contains(&config.language.as_str()) {
        errors.push(
            Diagnostic::error(
                rel,
                0,
                0,
                format!("language '{}' is not supported", config.language),
            )
            .with_hint("use zh-CN or en"),
        );
    }
    if config.yoy.years == 0 {
        errors.push(Diagnostic::error(rel, 0, 0, "yoy.years must be at least 1"));
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(Error::Site(errors))
    }
}

fn load_catalogue(root: &Path, errors: &mut Vec<Diagnostic>) -> Catalogue {
    let rel = Path::new("content/indicators.yaml");
    let mut catalogue = Catalogue::default();
    if !root.join(rel).is_file() {
        return catalogue;
    }
    let text = match read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            errors.push(d);
            return catalogue;
        }
    };
    let map: indexmap::IndexMap<String, Indicator> = match parse_typed(rel, &text, 1) {
        Ok(m) => m,
        Err(d) => {
            errors.push(d);
            return catalogue;
        }
    };
    let tree = spans::parse(&text, 1).ok().flatten();
    for (id, mut ind) in map {
        if !crate::model::catalogue::is_valid_id(&id) {
            let pos = tree
                .as_ref()
                .and_then(|t| t.key_node(&id))
                .map(|n| n.pos)
                .unwrap_or_default();
            errors.push(
                Diagnostic::error(
                    rel,
                    pos.line,
                    pos.col,
                    format!("indicator id '{id}' is not ASCII snake_case"),
                )
                .with_hint("use lowercase letters, digits and '_', starting with a letter"),
            );
            continue;
        }
        ind.id = id.clone();
        catalogue.indicators.insert(id, ind);
    }
    catalogue
}
