//! `annalist build`: the whole pipeline, from a site folder to a finished output folder.

use crate::compute::{self, Computed};
use crate::error::{Diagnostic, Error, Result};
use crate::load::{self, LoadOptions};
use crate::model::Site;
use crate::render::pages;
use crate::render::{highlight, Renderer};
use crate::theme::{self, Source};
use crate::write::{self, data, Staging};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder; `<root>/output` when not given.
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's base_url.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
}

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written (data, static, stylesheets).
    pub files: usize,
    /// Where the output is.
    pub output: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Folder names at the site root that pages of the site itself use.
const RESERVED: [&str; 6] = ["indicators", "years", "tags", "data", "search", "pages"];

/// Builds the site. On any error the previous output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let start = Instant::now();
    let root = &options.root;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("output"));
    write::check_output(root, &output)?;
    let site = load::load_site(
        root,
        &LoadOptions {
            drafts: options.drafts,
        },
    )?;
    check_urls(&site)?;
    let computed = compute::compute(&site);
    let warnings = warnings(&site, &computed);
    let theme = theme::load(root, &site.config.theme, &site.config.language)?;
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let renderer = Renderer::new(&site, &computed, &theme, &base_url)?;
    let base_url = format!("{}/", base_url.trim_end_matches('/'));

    let staging = Staging::new(&output)?;
    let kinds = pages::all_pages(&site, &computed);
    let results: Vec<Result<(), Error>> = kinds
        .par_iter()
        .map(|kind| {
            let html = renderer.render(kind).map_err(Error::one)?;
            staging.write(&write::file_for_url(&kind.url(&site)), html.as_bytes())
        })
        .collect();
    let mut diagnostics = Vec::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(Error::Site(d)) => diagnostics.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        diagnostics.dedup();
        return Err(Error::Site(diagnostics));
    }

    let mut files = 0;
    for (rel, source) in &theme.statics {
        match source {
            Source::Embedded(bytes) => staging.write(rel, bytes)?,
            Source::Disk(path) => staging.copy(rel, path)?,
        }
        files += 1;
    }
    if !theme.statics.contains_key("syntax.css") {
        staging.write("syntax.css", highlight::stylesheet().as_bytes())?;
        files += 1;
    }
    files += write_data(&site, &computed, &staging, &base_url)?;
    let output = staging.commit()?;
    Ok(BuildSummary {
        pages: kinds.len(),
        files,
        output,
        elapsed: start.elapsed(),
        warnings,
    })
}

fn write_data(
    site: &Site,
    computed: &Computed,
    staging: &Staging,
    base_url: &str,
) -> Result<usize> {
    let all = data::rows(site, computed, None, base_url);
    staging.write("data/indicators.csv", data::csv(&all).as_bytes())?;
    staging.write(
        "data/indicators.json",
        data::json(site, &all, base_url).as_bytes(),
    )?;
    let written: Vec<Result<()>> = site
        .entities
        .par_iter()
        .map(|e| {
            let rows = data::rows(site, computed, Some(&e.id), base_url);
            staging.write(&format!("{}/data.csv", e.id), data::csv(&rows).as_bytes())
        })
        .collect();
    written.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(2 + site.entities.len())
}

/// Two things may not share a URL: entity folders, free pages and the site's own sections.
fn check_urls(site: &Site) -> Result<()> {
    let mut taken: HashMap<&str, &Path> = HashMap::new();
    let mut errors = Vec::new();
    for e in &site.entities {
        taken.insert(&e.id, &e.file);
        if RESERVED.contains(&e.id.as_str()) {
            errors.push(
                Diagnostic::error(
                    &e.file,
                    0,
                    0,
                    format!(
                        "entity folder '{}' has a name the site uses for its own pages",
                        e.id
                    ),
                )
                .with_hint(format!(
                    "rename the folder; these names are reserved: {}",
                    RESERVED.join(", ")
                )),
            );
        }
    }
    for p in &site.pages {
        if RESERVED.contains(&p.slug.as_str()) {
            errors.push(
                Diagnostic::error(
                    &p.file,
                    0,
                    0,
                    format!(
                        "page '{}' has a name the site uses for its own pages",
                        p.slug
                    ),
                )
                .with_hint(format!(
                    "rename the file; these names are reserved: {}",
                    RESERVED.join(", ")
                )),
            );
        } else if let Some(other) = taken.get(p.slug.as_str()) {
            errors.push(
                Diagnostic::error(
                    &p.file,
                    0,
                    0,
                    format!("page '{}' has the same URL as {}", p.slug, other.display()),
                )
                .with_hint("rename the page file"),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Site(errors))
    }
}

/// Problems that do not stop a build.
fn warnings(site: &Site, computed: &Computed) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &computed.disagreements {
        let r = &site.reports[d.report];
        let pos = r
            .indicators
            .get(&d.indicator)
            .map(|f| f.pos)
            .unwrap_or_default();
        let actual = match &d.actual {
            compute::yoy::Delta::Change { diff, percent, .. } => match percent {
                Some(compute::yoy::Percent::Of(p)) => format!(
                    "{} ({}%)",
                    compute::yoy::signed_ascii(*diff),
                    compute::yoy::signed_ascii(*p)
                ),
                _ => compute::yoy::signed_ascii(*diff),
            },
            compute::yoy::Delta::NotComparable(_) => "not comparable".into(),
        };
        out.push(
            Diagnostic::warning(
                &r.file,
                pos.line,
                pos.col,
                format!(
                    "'{}' states a change of {} but the {} report gives {actual}",
                    d.indicator,
                    d.stated.text,
                    r.year - 1
                ),
            )
            .with_hint(
                "check both figures against the originals; annalist shows both as they are written",
            ),
        );
    }
    out
}
