//! The change graph: what a changed file is, and which pages depend on what. This module alone
//! decides which pages a save renders again; [`super::project`] applies what it decides.
//!
//! A saved report touches its organisation's pages, the year and indicator pages that show it,
//! its tags, home and the data files; an organisation's file touches every page that names it;
//! a free page touches itself, or every page when its title (in the menu) changed; the home
//! text touches home; a template touches the pages rendered with it; site.yaml,
//! the catalogue, and files that appear or disappear change the shape of the whole site and
//! rebuild it. Where a dependency cannot be told cheaply, more is re-rendered, never less: the
//! result must equal a full build.

use crate::build::Prepared;
use crate::compute::{Computed, Facet, Series};
use crate::model::{Entity, IndicatorId, Page, Report, Site};
use crate::routes::{all_pages, page_count, PageKind};
use crate::theme::Theme;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What one changed path is to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A Markdown file under content/ that may be edited in place.
    Content(PathBuf),
    /// A template of the site or of its theme (by its name under `templates/`).
    Template(String),
    /// A static file of the site or the theme, or a stylesheet.
    Static(PathBuf),
    /// Something every page may depend on: site.yaml, the catalogue, the theme's strings.
    Everything,
    /// Nothing annalist reads (the output folder, an editor's backup, another folder).
    Nothing,
}

/// Whether `name` is a file an editor writes beside the real one while saving.
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        || name.ends_with(".kate-swp")
        || name.ends_with(".tmp")
        || name.ends_with(".crswap")
        || name == "4913"
        || name == ".DS_Store"
}

/// Classifies a changed path, relative to the site root, for a site using `theme_name`.
pub fn classify(rel: &Path, theme_name: &str) -> Change {
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if is_editor_temp(&name) {
        return Change::Nothing;
    }
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let first = parts.first().map(String::as_str).unwrap_or_default();
    let theme_part = |i: usize| parts.get(i).map(String::as_str);
    match first {
        "site.yaml" if parts.len() == 1 => Change::Everything,
        "content" if parts.len() == 2 && name == "indicators.yaml" => Change::Everything,
        // An organisation's folder appearing or going changes the site's shape; other files
        // (an editor's or a tool's temporary ones) are not content.
        "content" if !name.ends_with(".md") => {
            if parts.len() == 2 && !name.contains('.') {
                Change::Everything
            } else {
                Change::Nothing
            }
        }
        // What the build does not read: hidden files, and anything below an organisation's
        // folder.
        "content" if name.starts_with('.') || parts.len() > 3 => Change::Nothing,
        "content" => Change::Content(rel.to_path_buf()),
        "templates" if parts.len() > 1 => Change::Template(parts[1..].join("/")),
        "templates" => Change::Everything,
        "static" => Change::Static(rel.to_path_buf()),
        "themes" if parts.len() == 1 => Change::Everything,
        "themes" if theme_part(1) == Some(theme_name) => match theme_part(2) {
            Some("templates") if parts.len() > 3 => Change::Template(parts[3..].join("/")),
            Some("static") => Change::Static(rel.to_path_buf()),
            _ => Change::Everything,
        },
        _ => Change::Nothing,
    }
}

/// The templates a template uses through `extends`, `import` and `include`, itself included,
/// by name.
pub fn template_closure(theme: &Theme, name: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut todo = vec![name.to_string()];
    while let Some(n) = todo.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(t) = theme.templates.get(&n) {
            todo.extend(referenced_templates(&t.text));
        }
    }
    seen
}

/// The names in `{% extends "…" %}`, `{% import "…" as … %}` and `{% include "…" %}`.
fn referenced_templates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.trim_start_matches('-').trim_start();
        let rest = ["extends", "import", "include"].iter().find_map(|k| tag.strip_prefix(k));
        if let Some(rest) = rest {
            let rest = rest.trim_start();
            if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
                if let Some(end) = rest[1..].find(q) {
                    out.push(rest[1..1 + end].to_string());
                }
            }
        }
    }
    out
}

/// Whether a page kind renders a Markdown body (and so may use shortcodes).
pub fn has_body(kind: &PageKind) -> bool {
    matches!(kind, PageKind::Home(0) | PageKind::Entity(_) | PageKind::Report(_) | PageKind::Page(_))
}

/// What an edited report's organisation looked like before the edit, for
/// [`after_report_edit`] to tell what changed.
#[derive(Debug, Clone)]
pub struct Before {
    /// The entity's series, by indicator.
    pub series: BTreeMap<IndicatorId, Series>,
    /// For each indicator the old or new report carries: the years its page shows.
    pub indicator_years: Vec<(IndicatorId, Vec<i32>)>,
}

impl Before {
    /// Takes the picture before `old` is replaced by `new`.
    pub fn take(site: &Site, computed: &Computed, old: &Report, new: &Report) -> Self {
        // Only an indicator whose figure changed can change its series.
        let ids: BTreeSet<&IndicatorId> = old
            .indicators
            .keys()
            .chain(new.indicators.keys())
            .filter(|id| old.indicators.get(*id) != new.indicators.get(*id))
            .collect();
        Before {
            series: entity_series(site, computed, &old.entity),
            indicator_years: ids.into_iter().map(|id| (id.clone(), computed.indicator_years(id))).collect(),
        }
    }
}

/// An entity's series by indicator, in catalogue order.
fn entity_series(site: &Site, computed: &Computed, entity: &str) -> BTreeMap<IndicatorId, Series> {
    site.catalogue.indicators.keys().filter_map(|id| Some((id.clone(), computed.series(entity, id)?.clone()))).collect()
}

/// Whether lists of reports (home, tags, years) would show `a` and `b` differently.
fn listed_alike(a: &Report, b: &Report) -> bool {
    a.title == b.title
        && a.published == b.published
        && a.source == b.source
        && a.source_url == b.source_url
        && a.tags == b.tags
        && a.indicators.len() == b.indicators.len()
        && a.extra == b.extra
}

/// What changed in an organisation's series between two pictures of them.
struct Changed<'a> {
    /// Indicators whose series changed.
    ids: BTreeSet<&'a IndicatorId>,
    /// Years whose cells changed: a changed value's year and the year after, whose change
    /// against it is shown.
    years: BTreeSet<i32>,
    /// Years where a value appeared or went, which may add or drop a year page's column.
    shifted: BTreeSet<i32>,
}

impl<'a> Changed<'a> {
    /// Compares the series `before` and `after`, indicator by indicator.
    fn between(before: &'a BTreeMap<IndicatorId, Series>, after: &'a BTreeMap<IndicatorId, Series>) -> Self {
        let mut changed = Changed { ids: BTreeSet::new(), years: BTreeSet::new(), shifted: BTreeSet::new() };
        let empty = Series::new();
        for id in before.keys().chain(after.keys()) {
            let (b, a) = (before.get(id).unwrap_or(&empty), after.get(id).unwrap_or(&empty));
            if a == b {
                continue;
            }
            changed.ids.insert(id);
            for y in b.keys().chain(a.keys()) {
                match (b.get(y), a.get(y)) {
                    (Some(x), Some(z)) if x == z => {}
                    (Some(_), Some(_)) => changed.years.extend([*y, y + 1]),
                    _ => {
                        changed.years.extend([*y, y + 1]);
                        changed.shifted.insert(*y);
                    }
                }
            }
        }
        changed
    }
}

/// The pages to render again after the report `old` was replaced in place by `new` (already in
/// `site`, with `computed` refreshed), or `None` when the edit changed which pages the site
/// has (`kinds` are the pages before it) and only a full build will do: what
/// [`after_report_edit`] finds, every page whose shortcodes name an organisation or a year
/// (`cross_refs`, see [`cross_refs`]), and the organisation's reports that use a shortcode (a
/// year-over-year table, say, may show any of its years).
pub fn after_report_save(
    site: &Site,
    computed: &Computed,
    before: &Before,
    (old, new): (&Report, &Report),
    (kinds, cross_refs): (&[PageKind], &[PageKind]),
) -> Option<BTreeSet<PageKind>> {
    if all_pages(site, computed) != kinds {
        return None;
    }
    let mut out = after_report_edit(site, computed, before, old, new);
    out.extend(cross_refs.iter().cloned());
    let own = computed.reports_by_entity.get(&new.entity).into_iter().flatten();
    out.extend(own.filter(|&&j| site.reports[j].body.markdown.contains("{{")).map(|&j| PageKind::Report(j)));
    Some(out)
}

/// The pages to render again after an organisation's file `old` became `new`, or `None` when
/// another region or level moves it to other lists (maybe new pages) and only a full build
/// will do. Otherwise every page of `kinds`: its name is on its reports, the year and
/// indicator pages, tags and home.
pub fn after_entity_edit(old: &Entity, new: &Entity, kinds: &[PageKind]) -> Option<BTreeSet<PageKind>> {
    let moved = Facet::ALL.iter().any(|f| f.of(old) != f.of(new));
    (!moved).then(|| kinds.iter().cloned().collect())
}

/// The pages to render again after the free page `i` changed from `old` to `new`: itself, or
/// every page of `kinds` when its title changed, since free pages' titles are in every page's
/// menu.
pub fn after_page_edit(i: usize, old: &Page, new: &Page, kinds: &[PageKind]) -> BTreeSet<PageKind> {
    if old.title == new.title {
        BTreeSet::from([PageKind::Page(i)])
    } else {
        kinds.iter().cloned().collect()
    }
}

/// The pages to render again after the home text was edited: the first page of home, the only
/// one that shows it.
pub fn after_home_edit() -> BTreeSet<PageKind> {
    BTreeSet::from([PageKind::Home(0)])
}

/// The pages to render again after the report `old` was replaced in place by `new` (already in
/// `site`, with `computed` refreshed): its organisation's pages always; home, year and
/// indicator pages where one of the organisation's values changed (every page of a list whose
/// columns or rows changed); tag pages and the catalogue when what they list changed.
pub fn after_report_edit(
    site: &Site,
    computed: &Computed,
    before: &Before,
    old: &Report,
    new: &Report,
) -> BTreeSet<PageKind> {
    let entity = new.entity.as_str();
    let per = site.config.paginate_by;
    let mut out = BTreeSet::new();
    out.insert(PageKind::Entity(site.entities.iter().position(|e| e.id == entity).unwrap_or(0)));
    let own = computed.reports_by_entity.get(entity).cloned().unwrap_or_default();
    let after = entity_series(site, computed, entity);
    let Changed { ids: changed_ids, years: mut changed_years, shifted: shifted_years } =
        Changed::between(&before.series, &after);
    changed_years.insert(new.year);
    // A report shows its own values and the year before's: the reports of the changed years
    // (which include the year after each changed value). Links between them stay as they were.
    out.extend(own.iter().filter(|&&i| changed_years.contains(&site.reports[i].year)).map(|&i| PageKind::Report(i)));
    for (year, list) in &computed.reports_by_year {
        if shifted_years.contains(year) {
            out.extend((0..page_count(list.len(), per)).map(|p| PageKind::Year(*year, p)));
        } else if changed_years.contains(year) {
            if let Some(pos) = list.iter().position(|&i| site.reports[i].entity == entity) {
                out.insert(PageKind::Year(*year, pos / per));
            }
        }
    }
    let mut catalogue = false;
    for (id, years_before) in &before.indicator_years {
        if !changed_ids.contains(id) {
            continue;
        }
        let list = computed.entities_by_indicator.get(id).map(Vec::as_slice).unwrap_or_default();
        if before.series.contains_key(id) != after.contains_key(id) || *years_before != computed.indicator_years(id) {
            catalogue = true;
            out.extend((0..page_count(list.len(), per)).map(|p| PageKind::Indicator(id.clone(), p)));
        } else if let Some(pos) = list.iter().position(|e| e == entity) {
            out.insert(PageKind::Indicator(id.clone(), pos / per));
        }
    }
    if catalogue {
        out.insert(PageKind::Indicators);
    }
    // Home lists the latest reports and compares each organisation's newest report (its
    // values and changes) on the indicators most organisations carry.
    let newest = own.last().map(|&i| site.reports[i].year);
    if catalogue || !listed_alike(old, new) || newest.is_some_and(|y| changed_years.contains(&y)) {
        out.insert(PageKind::Home(0));
    }
    if !listed_alike(old, new) {
        for tag in old.tags.iter().chain(&new.tags) {
            let slug = crate::compute::tag_slug(tag);
            let listed = computed.reports_by_tag.get(&slug).map_or(0, |(_, l)| l.len());
            out.extend((0..page_count(listed, per)).map(|p| PageKind::Tag(slug.clone(), p)));
        }
    }
    out
}

/// Pages rendered with any of the templates `names`, directly or through extends, import and
/// include; a shortcode template (or one it uses) touches every page with a body.
pub fn pages_using(theme: &crate::theme::Theme, kinds: &[PageKind], names: &[&String]) -> Vec<PageKind> {
    let by_shortcodes: HashSet<String> = theme
        .templates
        .keys()
        .filter(|k| k.starts_with("shortcodes/"))
        .flat_map(|k| template_closure(theme, k))
        .collect();
    let in_bodies = names.iter().any(|n| by_shortcodes.contains(n.as_str()));
    let mut closures: HashMap<&str, HashSet<String>> = HashMap::new();
    kinds
        .iter()
        .filter(|k| {
            let uses = closures.entry(k.template()).or_insert_with(|| template_closure(theme, k.template()));
            names.iter().any(|n| uses.contains(n.as_str())) || (in_bodies && has_body(k))
        })
        .cloned()
        .collect()
}

/// Pages whose Markdown names an organisation or a year in a shortcode: they may show figures
/// of any report, so they are rendered again after every report edit.
pub fn cross_refs(p: &Prepared, kinds: &[PageKind]) -> Vec<PageKind> {
    let site = &p.site;
    kinds
        .iter()
        .filter(|k| {
            let body = match k {
                PageKind::Home(0) => site.home.as_ref().map(|h| &h.body),
                PageKind::Entity(i) => Some(&site.entities[*i].body),
                PageKind::Report(i) => Some(&site.reports[*i].body),
                PageKind::Page(i) => Some(&site.pages[*i].body),
                _ => None,
            };
            body.filter(|b| b.markdown.contains("{{"))
                .and_then(|b| crate::markdown::shortcodes::extract(&b.markdown).ok())
                .is_some_and(|x| x.calls.iter().any(|c| c.args.contains_key("entity") || c.args.contains_key("year")))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified_by_their_place() {
        let c = |p: &str| classify(Path::new(p), "default");
        assert_eq!(c("site.yaml"), Change::Everything);
        assert_eq!(c("content/indicators.yaml"), Change::Everything);
        assert_eq!(c("content/yanqing/2021.md"), Change::Content("content/yanqing/2021.md".into()));
        assert_eq!(c("content/yanqing/.2021.md.swp"), Change::Nothing);
        assert_eq!(c("content/yanqing/2021.md~"), Change::Nothing);
        assert_eq!(c("content/yanqing/.#2021.md"), Change::Nothing);
        assert_eq!(c("content/yanqing/2021.md___jb_tmp___"), Change::Nothing);
        assert_eq!(c("content/newplace"), Change::Everything);
        assert_eq!(c("content/yanqing/sedX1b2c3"), Change::Nothing);
        assert_eq!(c("content/yanqing/._2021.md"), Change::Nothing);
        assert_eq!(c("content/yanqing/notes/x.md"), Change::Nothing);
        assert_eq!(c("templates/report.html"), Change::Template("report.html".into()));
        assert_eq!(
            c("themes/default/templates/shortcodes/value.html"),
            Change::Template("shortcodes/value.html".into())
        );
        assert_eq!(c("themes/default/i18n/en.yaml"), Change::Everything);
        assert_eq!(c("themes/other/templates/base.html"), Change::Nothing);
        assert_eq!(c("themes"), Change::Everything);
        assert_eq!(c("static/style.css"), Change::Static("static/style.css".into()));
        assert_eq!(c("output/index.html"), Change::Nothing);
    }

    #[test]
    fn an_organisation_or_a_free_page_touches_itself_or_everything() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let site = crate::load::load_site(&root, &Default::default()).unwrap();
        let kinds = all_pages(&site, &crate::compute::compute(&site));
        let entity = &site.entities[0];
        assert_eq!(after_entity_edit(entity, entity, &kinds).map(|k| k.len()), Some(kinds.len()));
        let moved = crate::model::Entity { region: format!("{} 2", entity.region), ..entity.clone() };
        assert_eq!(after_entity_edit(entity, &moved, &kinds), None, "another region: a full build");
        let page = &site.pages[0];
        assert_eq!(after_page_edit(0, page, page, &kinds), BTreeSet::from([PageKind::Page(0)]));
        let retitled = crate::model::Page { title: format!("{} 2", page.title), ..page.clone() };
        assert_eq!(after_page_edit(0, page, &retitled, &kinds).len(), kinds.len(), "the menu shows its title");
        assert_eq!(after_home_edit(), BTreeSet::from([PageKind::Home(0)]));
    }

    #[test]
    fn templates_reach_what_they_extend_import_and_include() {
        let mut theme = Theme::default();
        for (name, text) in [
            ("report.html", "{% extends \"base.html\" %}{% import 'macros.html' as m %}"),
            ("base.html", "<html>{%- include \"nav.html\" -%}"),
            ("nav.html", "<nav>"),
            ("macros.html", ""),
            ("tag.html", "{% extends \"base.html\" %}"),
        ] {
            theme.templates.insert(
                name.into(),
                crate::theme::TemplateFile { name: name.into(), text: text.into(), origin: name.into() },
            );
        }
        let r = template_closure(&theme, "report.html");
        assert!(["report.html", "base.html", "nav.html", "macros.html"].iter().all(|n| r.contains(*n)), "{r:?}");
        assert!(!template_closure(&theme, "tag.html").contains("macros.html"));
    }
}
