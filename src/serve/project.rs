//! A site kept in memory between saves: the last good model and output, brought up to date by
//! rendering again only the pages a change touches.

use super::output::{Bytes, Memory, Served};
use super::plan::{self, Change};
use crate::build::{self, BuildOptions, Prepared, Sink};
use crate::compute::checks;
use crate::error::{Diagnostic, Error, Result};
use crate::links::{self, PageLinks};
use crate::load::{self, ContentFile};
use crate::render::{self, Renderer};
use crate::routes::files::{entity_data_file, SITE_DATA};
use crate::routes::{BaseUrl, PageKind};
use crate::write::{self, data, discovery, FileSet};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tera::Tera;

mod lazy;

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Output paths whose bytes changed ("yanqing/2021/index.html").
    pub changed: Vec<String>,
    /// Pages rendered.
    pub rendered: usize,
    /// Whether the whole site was loaded and rendered again.
    pub full: bool,
    /// Problems that did not stop the rebuild.
    pub warnings: Vec<Diagnostic>,
}

impl Outcome {
    /// Whether everything that changed is a stylesheet (the browser can swap it in place).
    pub fn css_only(&self) -> bool {
        !self.changed.is_empty() && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// How to put an edited file back in the model when the rebuild after it fails.
enum Undo {
    /// The report at this index was this.
    Report(usize, Box<crate::model::Report>),
    /// The entity at this index was this.
    Entity(usize, Box<crate::model::Entity>),
    /// The free page at this index was this.
    Page(usize, Box<crate::model::Page>),
    /// The home text was this.
    Home(Box<crate::model::Page>),
    /// The theme and its compiled templates were these.
    Theme(Box<crate::theme::Theme>, Box<Tera>),
}

impl Undo {
    /// The page whose Markdown was edited, if the change was to one.
    fn page(&self) -> Option<PageKind> {
        match self {
            Undo::Report(i, _) => Some(PageKind::Report(*i)),
            Undo::Entity(i, _) => Some(PageKind::Entity(*i)),
            Undo::Page(i, _) => Some(PageKind::Page(*i)),
            Undo::Home(_) => Some(PageKind::Home(0)),
            Undo::Theme(..) => None,
        }
    }
}

/// The last good state of the site.
struct State {
    p: Prepared,
    tera: Tera,
    kinds: Vec<PageKind>,
    index: HashMap<PageKind, usize>,
    files: FileSet,
    links: Vec<PageLinks>,
    /// Pages whose bodies name an organisation in a shortcode (they may show any report).
    cross_refs: Vec<PageKind>,
}

/// A site being previewed.
pub struct Project {
    options: BuildOptions,
    base_url: BaseUrl,
    state: Option<State>,
    served: Arc<RwLock<Served>>,
}

impl Project {
    /// A project for the site of `options`, published at `base_url` (the preview's address),
    /// showing its output in `served`. Nothing is built until [`Project::full_build`].
    pub fn new(options: BuildOptions, base_url: &str, served: Arc<RwLock<Served>>) -> Self {
        let base_url = BaseUrl::new(base_url);
        let options = BuildOptions { base_url: Some(base_url.as_str().to_string()), ..options };
        Project { options, base_url, state: None, served }
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The theme the site uses ("default" before the first good build).
    pub fn theme_name(&self) -> String {
        self.state.as_ref().map_or_else(|| "default".into(), |s| s.p.site.config.theme.clone())
    }

    /// Loads and renders the whole site. On failure the last good output stays served.
    pub fn full_build(&mut self) -> Result<Outcome> {
        let p = build::prepare(&self.options)?;
        let tera = render::compile(&p.theme)?;
        let memory = Memory::new(&self.options.root);
        let build::RenderedSite { kinds, files, links, .. } =
            build::render_site(&p, &tera, &self.base_url, &memory, build::plan_site(&p)?)?;
        let cross_refs = plan::cross_refs(&p, &kinds);
        let index = kinds.iter().cloned().enumerate().map(|(i, k)| (k, i)).collect();
        let warnings = p.warnings.clone();
        self.state = Some(State { p, tera, kinds, index, files, links, cross_refs });
        let changed = self.replace_all(memory.into_files());
        Ok(Outcome { rendered: self.state.as_ref().map_or(0, |s| s.kinds.len()), full: true, warnings, changed })
    }

    /// Brings the output up to date after the files `changed` (relative to the site root) were
    /// saved, created or deleted. On failure the last good output stays served and the model is
    /// put back as it was, so the two still match.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        let theme_name = self.theme_name();
        let changes: Vec<Change> =
            changed.iter().map(|p| plan::classify(p, &theme_name)).filter(|c| *c != Change::Nothing).collect();
        if changes.is_empty() {
            return Ok(Outcome::default());
        }
        if self.state.is_none() || changes.contains(&Change::Everything) {
            return self.full_build();
        }
        let statics = changes.iter().any(|c| matches!(c, Change::Static(_)));
        let mut undo = Vec::new();
        let step = self.update_model(&changes, &mut undo).and_then(|kinds| match kinds {
            Some(kinds) => {
                let memory = Memory::new(&self.options.root);
                let rendered = self.render(&kinds, &memory)?;
                if statics {
                    build::write_statics(&self.state.as_ref().expect("a state exists").p.theme, &memory)?;
                }
                Ok(Some((memory, rendered)))
            }
            None => Ok(None),
        });
        match step {
            Ok(Some((memory, rendered))) => Ok(self.show(memory, rendered, &undo)),
            Ok(None) => self.full_build_or_undo(undo),
            Err(e) => {
                self.undo(undo);
                Err(e)
            }
        }
    }

    /// Reads the changed content files and the theme into the model, recording in `undo` how
    /// to put each back. Returns the pages to render again, or `None` when only a full build
    /// will do.
    fn update_model(&mut self, changes: &[Change], undo: &mut Vec<Undo>) -> Result<Option<BTreeSet<PageKind>>> {
        let mut kinds: BTreeSet<PageKind> = BTreeSet::new();
        for change in changes {
            let Change::Content(rel) = change else { continue };
            let (pages, u) = self.edit_content(rel)?;
            undo.extend(u);
            match pages {
                Some(k) => kinds.extend(k),
                None => return Ok(None),
            }
        }
        let templates: Vec<&String> =
            changes.iter().filter_map(|c| if let Change::Template(n) = c { Some(n) } else { None }).collect();
        if !templates.is_empty() || changes.iter().any(|c| matches!(c, Change::Static(_))) {
            let Some((k, u)) = self.reload_theme(&templates)? else { return Ok(None) };
            kinds.extend(k);
            undo.push(u);
        }
        Ok(Some(kinds))
    }

    /// Serves what a good incremental rebuild wrote into `memory`, brings the pages' shortcode
    /// references up to date, and gathers the warnings about what was saved.
    fn show(&mut self, memory: Memory, rendered: usize, undo: &[Undo]) -> Outcome {
        let state = self.state.as_mut().expect("a good rebuild keeps the state");
        let mut entities = BTreeSet::new();
        for u in undo {
            // The saved page's shortcodes may now name other organisations, or no longer.
            if let Some(kind) = u.page() {
                state.cross_refs.retain(|k| *k != kind);
                if plan::cross_refs(&state.p, std::slice::from_ref(&kind)).len() == 1 {
                    state.cross_refs.push(kind);
                }
            }
            if let Undo::Report(_, old) = u {
                entities.insert(old.entity.clone());
            }
        }
        // The warnings about what was just saved (a full build reports them all).
        let warnings =
            entities.iter().flat_map(|e| checks::entity_warnings(&state.p.site, &state.p.computed, e)).collect();
        let mut changed = self.merge(memory.into_files());
        if rendered > 0 {
            let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
            served.data_stale = true;
            served.search_stale = true;
            drop(served);
            changed.extend(SITE_DATA.map(String::from));
        }
        Outcome { changed, rendered, full: false, warnings }
    }

    /// A full build after edits already in the model; when it fails, the edits are undone.
    fn full_build_or_undo(&mut self, undo: Vec<Undo>) -> Result<Outcome> {
        let result = self.full_build();
        if result.is_err() {
            self.undo(undo);
        }
        result
    }

    /// Puts edited files back as they were in the model after a rebuild failed, so the model
    /// matches the output still served.
    fn undo(&mut self, undo: Vec<Undo>) {
        let Some(state) = self.state.as_mut() else { return };
        for u in undo.into_iter().rev() {
            match u {
                Undo::Report(i, old) => {
                    let entity = old.entity.clone();
                    let retagged = old.tags != state.p.site.reports[i].tags;
                    state.p.site.reports[i] = *old;
                    state.p.computed.refresh_entity(&state.p.site, &entity, retagged);
                }
                Undo::Entity(i, old) => state.p.site.entities[i] = *old,
                Undo::Page(i, old) => state.p.site.pages[i] = *old,
                Undo::Home(old) => state.p.site.home = Some(*old),
                Undo::Theme(theme, tera) => {
                    state.p.theme = *theme;
                    state.tera = *tera;
                }
            }
        }
    }

    /// Reads the theme again after templates or static files changed. Returns the pages using
    /// the changed templates, or `None` when a static file went (pages may link to it, and only a
    /// full build checks them all).
    fn reload_theme(&mut self, templates: &[&String]) -> Result<Option<(BTreeSet<PageKind>, Undo)>> {
        let state = self.state.as_mut().expect("a state exists");
        let theme = crate::theme::load(&self.options.root, &state.p.site.config.theme, &state.p.site.config.language)?;
        if state.p.theme.statics.keys().any(|k| !theme.statics.contains_key(k)) {
            return Ok(None);
        }
        let tera = render::compile(&theme)?;
        let kinds = plan::pages_using(&theme, &state.kinds, templates).into_iter().collect();
        state.files.extend(theme.statics.keys().cloned());
        let old_theme = std::mem::replace(&mut state.p.theme, theme);
        let old_tera = std::mem::replace(&mut state.tera, tera);
        Ok(Some((kinds, Undo::Theme(Box::new(old_theme), Box::new(old_tera)))))
    }

    /// Re-reads one content file into the model. Returns the pages to render again (`None` when
    /// the file changed the site's shape — it appeared, went, or became a draft — and only a
    /// full build will do), and how to undo the change to the model, if it made one.
    fn edit_content(&mut self, rel: &Path) -> Result<(Option<BTreeSet<PageKind>>, Option<Undo>)> {
        let state = self.state.as_mut().expect("a state exists");
        if !self.options.root.join(rel).is_file() {
            return Ok((None, None));
        }
        let site = &mut state.p.site;
        let loaded = load::load_file(&self.options.root, rel, &site.catalogue).map_err(Error::Site)?;
        let drafts = self.options.drafts;
        Ok(match loaded {
            ContentFile::Report(new) => {
                let Some(i) = site.reports.iter().position(|r| r.file == rel) else { return Ok((None, None)) };
                if new.draft && !drafts {
                    return Ok((None, None));
                }
                let before = plan::Before::take(site, &state.p.computed, &site.reports[i], &new);
                let old = std::mem::replace(&mut site.reports[i], new);
                state.p.computed.refresh_entity(site, &old.entity, old.tags != site.reports[i].tags);
                let edit = (&old, &site.reports[i]);
                let kinds =
                    plan::after_report_save(site, &state.p.computed, &before, edit, (&state.kinds, &state.cross_refs));
                (kinds, Some(Undo::Report(i, Box::new(old))))
            }
            ContentFile::Entity(e) => {
                let Some(i) = site.entities.iter().position(|x| x.file == rel) else { return Ok((None, None)) };
                let old = std::mem::replace(&mut site.entities[i], e);
                let kinds = plan::after_entity_edit(&old, &site.entities[i], &state.kinds);
                (kinds, Some(Undo::Entity(i, Box::new(old))))
            }
            ContentFile::Page(p) => {
                let Some(i) = site.pages.iter().position(|x| x.file == rel) else { return Ok((None, None)) };
                if p.draft && !drafts {
                    return Ok((None, None));
                }
                let old = std::mem::replace(&mut site.pages[i], p);
                let kinds = plan::after_page_edit(i, &old, &site.pages[i], &state.kinds);
                (Some(kinds), Some(Undo::Page(i, Box::new(old))))
            }
            ContentFile::Home(h) => {
                let Some(old) = site.home.replace(h) else {
                    site.home = None;
                    return Ok((None, None));
                };
                (Some(plan::after_home_edit()), Some(Undo::Home(Box::new(old))))
            }
        })
    }

    /// Renders `kinds` again into `memory` and checks links across the whole site; returns how
    /// many pages were rendered. Nothing is served yet.
    fn render(&mut self, kinds: &BTreeSet<PageKind>, memory: &Memory) -> Result<usize> {
        let state = self.state.as_mut().expect("a state exists");
        let kinds: Vec<PageKind> = kinds.iter().filter(|k| state.index.contains_key(k)).cloned().collect();
        let p = &state.p;
        let renderer =
            Renderer::with_templates(&p.site, &p.computed, &p.theme, Cow::Borrowed(&state.tera), &self.base_url);
        let targets = links::Targets { files: &state.files, base_path: self.base_url.path() };
        let scanned = build::render_pages(&renderer, p, &kinds, memory, targets).map_err(Error::Site)?;
        // The new pages' links go in place; the old ones come back if the check fails.
        let mut replaced = Vec::with_capacity(kinds.len());
        for (kind, l) in kinds.iter().zip(scanned) {
            let i = state.index[kind];
            replaced.push((i, std::mem::replace(&mut state.links[i], l)));
        }
        let broken = links::check(&state.links);
        if !broken.is_empty() {
            for (i, old) in replaced {
                state.links[i] = old;
            }
            return Err(Error::Site(broken));
        }
        // Each organisation's data file is small; the site-wide ones are made when asked for.
        let entities: BTreeSet<&str> = kinds
            .iter()
            .filter_map(|k| match k {
                PageKind::Entity(i) => Some(p.site.entities[*i].id.as_str()),
                _ => None,
            })
            .collect();
        for e in p.site.entities.iter().filter(|e| entities.contains(e.id.as_str())) {
            let mut rows = Vec::new();
            data::entity_rows(&p.site, &p.computed, self.base_url.as_str(), e, &mut rows);
            memory.write(&entity_data_file(&e.id), data::csv(&rows).as_bytes())?;
        }
        // The feed and the sitemap follow every report's title and date; they take a few
        // milliseconds even at 10,000 reports.
        let base_url = self.base_url.as_str();
        let provided = |f: &str| p.theme.statics.contains_key(f);
        for (rel, text) in discovery::render(&p.site, &p.computed, &state.kinds, base_url, provided) {
            memory.write(&rel, text.as_bytes())?;
        }
        Ok(kinds.len())
    }

    /// Puts `files` in place of the whole output; returns the paths whose bytes changed.
    fn replace_all(&self, files: HashMap<String, Bytes>) -> Vec<String> {
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        let mut changed: Vec<String> =
            files.iter().filter(|(k, v)| served.files.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect();
        changed.extend(served.files.keys().filter(|k| !files.contains_key(*k)).cloned());
        served.files = files;
        served.data_stale = false;
        served.search_stale = false;
        changed.sort();
        changed
    }

    /// Puts `files` into the output beside the others; returns the paths whose bytes changed.
    fn merge(&self, files: HashMap<String, Bytes>) -> Vec<String> {
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = Vec::new();
        for (k, v) in files {
            if served.files.get(&k) != Some(&v) {
                changed.push(k.clone());
                served.files.insert(k, v);
            }
        }
        changed.sort();
        changed
    }

    /// Drops the model (after an internal error), so the next change loads the whole site.
    pub fn reset(&mut self) {
        self.state = None;
    }

    /// The output path of every file a full build of the current model writes.
    pub fn output_paths(&self) -> Vec<String> {
        let mut out: Vec<String> = self.state.iter().flat_map(|s| s.files.iter().cloned()).collect();
        out.push(write::MARKER.to_string());
        out.sort();
        out
    }
}
