//! `annalist build` and `annalist check`: the whole pipeline, from a site folder to a finished
//! output folder — or, for `check`, to the same verdict without writing anything.

use crate::compute::{self, checks, Computed};
use crate::error::{Diagnostic, Error, Result};
use crate::links::{self, PageLinks};
use crate::load::{self, LoadOptions};
use crate::markdown::highlight;
use crate::model::Site;
use crate::render::Renderer;
use crate::routes::files::{entity_data_file, SITE_DATA_CSV, SITE_DATA_JSON, SYNTAX_CSS};
use crate::routes::{self, file_for_url, BaseUrl, PageKind};
use crate::search;
use crate::theme::{self, Source, Theme};
use crate::write::{self, data, discovery, outputs, FileSet, InPlace, InPlaceSummary, Staging};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::Write;
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
    /// Treat warnings as errors: nothing is written when there are any.
    pub deny_warnings: bool,
}

/// What a finished build (or check) did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written (or, for a check, rendered).
    pub pages: usize,
    /// Other files written (data, static, stylesheets).
    pub files: usize,
    /// Where the output is (`None` for a check).
    pub output: Option<PathBuf>,
    /// How long it took.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// For a build over a previous output: how many files changed, stayed and went.
    pub rewritten: Option<InPlaceSummary>,
    /// Figures marked `reviewed: true`, whose warnings are not shown.
    pub reviewed: usize,
}

/// Where the produced files go: the staging folder of a build, nowhere for a check, memory
/// for a live preview.
pub trait Sink: Sync {
    /// Stores `bytes` as the output file `rel` ("yanqing/2021/index.html").
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;
    /// Stores a copy of the file `from` as the output file `rel`.
    fn copy(&self, rel: &str, from: &Path) -> Result<()>;
    /// Stores the output file `rel` as `fill` writes it, piece by piece: a site-wide data file
    /// runs to a hundred megabytes, which a sink writing to disk never holds whole. A sink that
    /// keeps bytes gathers them and stores them as [`Sink::write`] does.
    fn write_streamed(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.write(rel, &bytes)
    }
}

/// Where a build writes: a fresh folder swapped in at the end, or the previous output
/// rewritten file by file where bytes changed. Either leaves the previous output as it was
/// when the build fails.
enum Output {
    Fresh(Staging),
    Over(InPlace),
}

impl Output {
    /// Puts the new output in place; returns where it is, what a rebuild did, and warnings
    /// about leftovers that could not be removed once the new output was in place.
    fn commit(self) -> Result<(PathBuf, Option<InPlaceSummary>, Vec<Diagnostic>)> {
        match self {
            Output::Fresh(staging) => {
                let (target, warnings) = staging.commit()?;
                Ok((target, None, warnings))
            }
            Output::Over(in_place) => {
                let target = in_place.target().to_path_buf();
                let (summary, warnings) = in_place.commit()?;
                Ok((target, Some(summary), warnings))
            }
        }
    }
}

impl Sink for Output {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        match self {
            Output::Fresh(s) => s.write(rel, bytes),
            Output::Over(w) => w.write(rel, bytes),
        }
    }
    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        match self {
            Output::Fresh(s) => s.copy(rel, from),
            Output::Over(w) => w.copy(rel, from),
        }
    }
    fn write_streamed(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        match self {
            Output::Fresh(s) => s.write_streamed(rel, fill),
            Output::Over(w) => w.write_streamed(rel, fill),
        }
    }
}

/// A sink that writes nothing (for `check`).
struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, from: &Path) -> Result<()> {
        std::fs::metadata(from).map(|_| ()).map_err(|e| Error::io(from, e))
    }
    fn write_streamed(&self, _: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        fill(&mut std::io::sink())
    }
}

/// Builds the site. The output path is checked before anything is read and again just before
/// anything is renamed or removed. On any error the previous output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildSummary> {
    let output = options.output.clone().unwrap_or_else(|| options.root.join("output"));
    let target = write::Target::check(&options.root, &output)?;
    let start = Instant::now();
    let mut sink: Option<Output> = None;
    let summary = produce(options, |files| {
        sink = Some(match InPlace::over(&target, files)? {
            Some(in_place) => Output::Over(in_place),
            None => Output::Fresh(Staging::new(&target, files)?),
        });
        Ok(sink.as_ref().map(|s| s as &dyn Sink).expect("just set"))
    })?;
    let sink = sink.expect("produce opens the sink before succeeding");
    let (output, rewritten, mut warnings) = sink.commit()?;
    warnings.splice(0..0, summary.warnings);
    Ok(BuildSummary { output: Some(output), elapsed: start.elapsed(), rewritten, warnings, ..summary })
}

/// Runs everything a build does — parsing, computation, every template render, the link
/// check — and writes nothing.
pub fn check(options: &BuildOptions) -> Result<BuildSummary> {
    let start = Instant::now();
    let summary = produce(options, |_| Ok(&Discard))?;
    Ok(BuildSummary { elapsed: start.elapsed(), ..summary })
}

/// A site loaded, computed and checked, with its theme: everything rendering needs. A build
/// makes one and drops it; a live preview keeps it and updates it as files change.
pub struct Prepared {
    /// The model.
    pub site: Site,
    /// Series, indexes and derived values.
    pub computed: Computed,
    /// Templates, strings and static files.
    pub theme: Theme,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Loads, computes, checks and finds the theme: every step before rendering.
pub fn prepare(options: &BuildOptions) -> Result<Prepared> {
    let site = load::load_site(&options.root, &LoadOptions { drafts: options.drafts })?;
    routes::reserved::check(&site)?;
    let computed = compute::compute(&site);
    let warnings = checks::warnings(&site, &computed);
    if options.deny_warnings && !warnings.is_empty() {
        return Err(Error::Site(warnings.into_iter().map(into_error).collect()));
    }
    let theme = theme::load(&options.root, &site.config.theme, &site.config.language)?;
    Ok(Prepared { site, computed, theme, warnings })
}

/// Every file a build of `site` writes, relative to the output root: pages and other files.
/// A static file at the path of a page or of a file annalist makes is an error naming it: one
/// would silently replace the other, whichever was written last.
fn output_files(site: &Site, theme: &Theme, kinds: &[PageKind]) -> Result<FileSet> {
    let mut all: FileSet =
        outputs::other_files(site, theme, kinds).into_iter().filter(|f| !theme.statics.contains_key(f)).collect();
    let pages: FileSet = kinds.iter().map(|k| file_for_url(&k.url(site))).collect();
    let clashes: Vec<Diagnostic> = theme
        .statics
        .iter()
        .filter(|(rel, _)| pages.contains(*rel) || all.contains(*rel))
        .map(|(rel, source)| {
            let what = if pages.contains(rel) { "a page" } else { "a data or search file" };
            let file = match source {
                Source::Disk(path) => path.strip_prefix(&site.root).unwrap_or(path).to_path_buf(),
                Source::Embedded(_) => Path::new("themes/default/static").join(rel),
            };
            Diagnostic::error(file, 1, 1, format!("the static file '{rel}' has the path of {what} annalist writes"))
                .with_hint("rename or move it; of the files annalist writes, only feed.xml, sitemap.xml, robots.txt and syntax.css may be replaced by a static file of your own")
        })
        .collect();
    if !clashes.is_empty() {
        return Err(Error::Site(clashes));
    }
    all.extend(pages);
    all.extend(theme.statics.keys().cloned());
    Ok(all)
}

/// Renders `kinds` into `sink` in parallel and scans each page's links against `targets`.
/// Every problem on any page is returned.
pub fn render_pages(
    renderer: &Renderer,
    p: &Prepared,
    kinds: &[PageKind],
    sink: &dyn Sink,
    targets: links::Targets,
) -> std::result::Result<Vec<PageLinks>, Vec<Diagnostic>> {
    // Pages differ a hundredfold in cost (a report against a year page of fifty organisations),
    // so every page is its own task: otherwise the last quarter of the list, where the costly
    // pages are, ends up on one thread.
    let results: Vec<std::result::Result<PageLinks, Vec<Diagnostic>>> = kinds
        .par_iter()
        .with_max_len(1)
        .map(|kind| {
            let page = renderer.render(kind)?;
            let url = kind.url(&p.site);
            sink.write(&file_for_url(&url), &page.html).map_err(|e| vec![io_diag(e)])?;
            let template = p.theme.templates.get(kind.template()).map(|t| t.origin.clone()).unwrap_or_default();
            Ok(links::scan(url, template, &page.html, page.body_links, targets))
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut scanned = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => scanned.push(p),
            Err(d) => diagnostics.extend(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(scanned)
    } else {
        Err(diagnostics)
    }
}

/// What rendering a whole site produced: its pages, every output path, and each page's links
/// (already checked).
pub struct RenderedSite {
    /// Every page, in the order rendered.
    pub kinds: Vec<PageKind>,
    /// Every file written, pages included, relative to the output root.
    pub files: FileSet,
    /// What the link check keeps of each page, in the order of `kinds`.
    pub links: Vec<PageLinks>,
    /// How many files other than pages were written.
    pub other_files: usize,
}

/// Every page of `p` and every file its build writes (pages included): known before anything
/// renders, so a build can choose where to write and links can be checked page by page.
pub fn plan_site(p: &Prepared) -> Result<(Vec<PageKind>, FileSet)> {
    let kinds = routes::all_pages(&p.site, &p.computed);
    let files = output_files(&p.site, &p.theme, &kinds)?;
    Ok((kinds, files))
}

/// Renders every page of the plan ([`plan_site`]) and writes every other file of `p` into
/// `sink`, then checks every internal link: the whole of a build after loading. A build and a
/// live preview both use it.
pub fn render_site(
    p: &Prepared,
    tera: &tera::Tera,
    base_url: &BaseUrl,
    sink: &dyn Sink,
    (kinds, files): (Vec<PageKind>, FileSet),
) -> Result<RenderedSite> {
    let renderer = Renderer::with_templates(&p.site, &p.computed, &p.theme, Cow::Borrowed(tera), base_url);
    let targets = links::Targets { files: &files, base_path: base_url.path() };
    // The data files need no page, so they are written while pages render.
    let (links, other) = rayon::join(
        || render_pages(&renderer, p, &kinds, sink, targets),
        || write_files(p, &kinds, sink, base_url.as_str()),
    );
    let links = links.map_err(Error::Site)?;
    let other = other?;
    debug_assert_eq!(other.len() + kinds.len(), files.len(), "outputs::other_files() lists what write_files() writes");
    let broken = links::check(&links);
    if !broken.is_empty() {
        return Err(Error::Site(broken));
    }
    Ok(RenderedSite { kinds, files, links, other_files: other.len() })
}

/// The pipeline. `open` is asked for the sink, with every file the build will write, once the
/// site is known to load and its templates to compile.
fn produce<'s>(options: &BuildOptions, open: impl FnOnce(&FileSet) -> Result<&'s dyn Sink>) -> Result<BuildSummary> {
    let start = Instant::now();
    let p = prepare(options)?;
    let base_url = BaseUrl::new(options.base_url.as_deref().unwrap_or(&p.site.config.base_url));
    // Templates compile before anything is opened for writing.
    let tera = crate::render::compile(&p.theme)?;
    let plan = plan_site(&p)?;
    let sink = open(&plan.1)?;
    let r = render_site(&p, &tera, &base_url, sink, plan)?;
    let reviewed = p.site.reports.iter().flat_map(|r| r.indicators.values()).filter(|f| f.reviewed).count();
    let Prepared { warnings, .. } = p;
    Ok(BuildSummary {
        pages: r.kinds.len(),
        files: r.other_files,
        output: None,
        elapsed: start.elapsed(),
        warnings,
        rewritten: None,
        reviewed,
    })
}

fn into_error(d: Diagnostic) -> Diagnostic {
    Diagnostic { severity: crate::error::Severity::Error, ..d }
}

fn io_diag(e: Error) -> Diagnostic {
    match e {
        Error::Io { path, source } => Diagnostic::error(path, 0, 0, format!("cannot write: {source}")),
        other => Diagnostic::error("", 0, 0, other.to_string()),
    }
}

/// Writes static files, the code stylesheet and the data files ([`outputs::other_files`]
/// lists them); returns their output paths.
fn write_files(p: &Prepared, kinds: &[PageKind], sink: &dyn Sink, base_url: &str) -> Result<Vec<String>> {
    let Prepared { site, computed, theme, .. } = p;
    let mut written = write_statics(theme, sink)?;
    if !theme.statics.contains_key(SYNTAX_CSS) {
        sink.write(SYNTAX_CSS, highlight::stylesheet().as_bytes())?;
        written.push(SYNTAX_CSS.into());
    }
    for (rel, text) in discovery::render(site, computed, kinds, base_url, |f| theme.statics.contains_key(f)) {
        sink.write(&rel, text.as_bytes())?;
        written.push(rel);
    }
    // The site-wide data files are written side by side, one organisation at a time as they
    // are made (beside page rendering), so the figures of the whole site are never held as text.
    let (csv, json) = (SITE_DATA_CSV, SITE_DATA_JSON);
    let mut own_files = Vec::new();
    sink.write_streamed(csv, &mut |csv_out| {
        sink.write_streamed(json, &mut |json_out| {
            data::site_files(
                site,
                computed,
                base_url,
                |piece| csv_out.write_all(piece.as_bytes()).map_err(|e| Error::io(Path::new(csv), e)),
                |piece| json_out.write_all(piece.as_bytes()).map_err(|e| Error::io(Path::new(json), e)),
                |e, own| {
                    let rel = entity_data_file(&e.id);
                    sink.write(&rel, own.as_bytes())?;
                    own_files.push(rel);
                    Ok(())
                },
            )
        })
    })?;
    written.append(&mut own_files);
    written.extend([csv.to_string(), json.to_string()]);
    search::write(site, |rel, text| {
        sink.write(rel, text.as_bytes())?;
        written.push(rel.to_string());
        Ok::<(), Error>(())
    })?;
    Ok(written)
}

/// Writes the theme's and the site's static files; returns their output paths.
pub fn write_statics(theme: &Theme, sink: &dyn Sink) -> Result<Vec<String>> {
    let mut written = Vec::with_capacity(theme.statics.len());
    for (rel, source) in &theme.statics {
        match source {
            Source::Embedded(bytes) => sink.write(rel, bytes)?,
            Source::Disk(path) => sink.copy(rel, path)?,
        }
        written.push(rel.clone());
    }
    Ok(written)
}
