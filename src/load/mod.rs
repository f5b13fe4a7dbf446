//! Load: find a site's files on disk and read them into the [`model`](crate::model).
//!
//! Every file is read and parsed independently (in parallel); every problem found is collected,
//! so one run reports all errors of the site at once.

mod content;
pub use content::parse_report_text;
pub mod frontmatter;
mod indicators;
pub(crate) mod settings;
pub mod spans;
pub mod tree;

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use content::{parse_file, Parsed};
use rayon::prelude::*;
use settings::{load_catalogue, load_config};
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
    // Not read through a link (discover names it with the other links under content/).
    let catalogue = match tree::refuse_links_on_the_way(root, Path::new("content/indicators.yaml")) {
        Ok(()) => load_catalogue(root, &mut errors),
        Err(d) => {
            errors.push(d);
            crate::model::Catalogue { broken: true, ..Default::default() }
        }
    };
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
    let entity_ids: std::collections::HashSet<&str> = site.entities.iter().map(|e| e.id.as_str()).collect();
    let mut reported = std::collections::HashSet::new();
    for r in &site.reports {
        let index = Path::new("content").join(&r.entity).join("_index.md");
        let failed = errors.iter().any(|d| d.file == index);
        if !entity_ids.contains(r.entity.as_str()) && !failed && reported.insert(r.entity.clone()) {
            errors.push(
                Diagnostic::error(&r.file, 1, 1, format!("entity '{}' has reports but no _index.md", r.entity))
                    .with_hint(format!("create {} with at least `name:` in its front matter", index.display())),
            );
        }
    }
    errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    errors.dedup();
    if !errors.is_empty() {
        return Err(Error::Site(errors));
    }
    site.entities.sort_by(|a, b| a.id.cmp(&b.id));
    site.reports.sort_by(|a, b| (&a.entity, a.year).cmp(&(&b.entity, b.year)));
    site.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(site)
}

/// A content file and what it is, by its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
    Home,
    Page(String),
    Entity(String),
    Report(String, i32),
}

/// The Markdown files under content/ and what each is. A symbolic link there (content/ itself,
/// an organisation folder, a report) is an error naming it: see [`tree`].
fn discover(root: &Path, errors: &mut Vec<Diagnostic>) -> Result<Vec<(PathBuf, FileKind)>> {
    let content = root.join("content");
    let mut files = Vec::new();
    if let Err(d) = tree::refuse_links_on_the_way(root, Path::new("content")) {
        errors.push(d);
        return Ok(files);
    }
    if !content.is_dir() {
        return Ok(files);
    }
    for entry in WalkDir::new(&content).min_depth(1).max_depth(2).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&content).to_path_buf();
            Error::io(&path, e.into())
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        // Hidden entries are never read (an editor's lock file is a link named `.#…`).
        if name.starts_with('.') {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        if entry.path_is_symlink() {
            errors.push(tree::link_error(root, &rel));
            continue;
        }
        if !entry.file_type().is_file() || !name.ends_with(".md") {
            continue;
        }
        match classify(&rel) {
            Ok(kind) => files.push((rel, kind)),
            Err(d) => errors.push(d),
        }
    }
    Ok(files)
}

/// What a Markdown file under content/ is, by its place: `rel` is relative to the site root
/// ("content/yanqing/2021.md"). A file in no valid place is an error saying where it belongs.
fn classify(rel: &Path) -> Result<FileKind, Diagnostic> {
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let name = parts.last().cloned().unwrap_or_default();
    let stem = name.trim_end_matches(".md");
    let kind = match parts.len() {
        2 if stem == "_index" => FileKind::Home,
        2 => {
            return Err(Diagnostic::error(rel, 1, 1, "a Markdown file directly under content/ other than _index.md")
                .with_hint("free pages go in content/pages/, reports in content/<entity>/<year>.md"))
        }
        3 if parts[1] == "pages" => FileKind::Page(stem.to_string()),
        3 if stem == "_index" => FileKind::Entity(parts[1].clone()),
        3 => match parse_year(stem) {
            Some(year) => FileKind::Report(parts[1].clone(), year),
            None => {
                return Err(Diagnostic::error(
                    rel,
                    1,
                    1,
                    format!("'{name}' is neither _index.md nor a report named by its year"),
                )
                .with_hint("name a report after the year it reports on, e.g. 2021.md"))
            }
        },
        _ => return Err(Diagnostic::error(rel, 1, 1, "a Markdown file too deep under content/")),
    };
    match &kind {
        FileKind::Entity(id) | FileKind::Report(id, _) if !is_valid_slug(id) => {
            Err(Diagnostic::error(rel, 1, 1, format!("entity folder '{id}' is not a valid URL slug"))
                .with_hint("use lowercase ASCII letters, digits and '-', e.g. 'yanqing'"))
        }
        // The page's file name becomes its URL (`about.md` → about/): `feed.xml.md` would put a
        // folder where the feed is written.
        FileKind::Page(slug) if !is_valid_slug(slug) => {
            Err(Diagnostic::error(rel, 1, 1, format!("page file name '{slug}' is not a valid URL slug"))
                .with_hint("name a page's file with lowercase ASCII letters, digits, '-' and '_', e.g. about.md"))
        }
        _ => Ok(kind),
    }
}

/// One content file read again on its own, for a live preview that follows edits.
#[derive(Debug, Clone)]
pub enum ContentFile {
    /// `content/_index.md`.
    Home(crate::model::Page),
    /// `content/pages/<slug>.md`.
    Page(crate::model::Page),
    /// `content/<entity>/_index.md`.
    Entity(crate::model::Entity),
    /// `content/<entity>/<year>.md`.
    Report(crate::model::Report),
}

/// Reads and checks the content file `rel` (relative to `root`) against the catalogue, as a
/// full load would.
pub fn load_file(root: &Path, rel: &Path, catalogue: &crate::model::Catalogue) -> Result<ContentFile, Vec<Diagnostic>> {
    tree::refuse_links_on_the_way(root, rel).map_err(|d| vec![d])?;
    let kind = classify(rel).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let parsed = parse_file(root, &(rel.to_path_buf(), kind), catalogue, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match parsed {
        Parsed::Home(p) => ContentFile::Home(p),
        Parsed::Page(p) => ContentFile::Page(p),
        Parsed::Entity(e) => ContentFile::Entity(e),
        Parsed::Report(r) => ContentFile::Report(r),
        Parsed::Failed => return Err(vec![Diagnostic::error(rel, 1, 1, "the file could not be read")]),
    })
}

fn parse_year(stem: &str) -> Option<i32> {
    (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit())).then(|| stem.parse().ok()).flatten()
}

/// Whether `s` may name an organisation folder or a page: lowercase ASCII letters, digits, `-`, `_`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Reads a file as UTF-8 text without its BOM; invalid UTF-8 is an error at its position.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| Diagnostic::error(rel, 0, 0, format!("cannot read: {e}")))?;
    // Checked with simdutf8's vector code, then copied: Chinese text is mostly three-byte
    // characters, which the standard library checks a byte at a time, ten times slower than
    // the copy.
    match simdutf8::compat::from_utf8(&bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            Err(Diagnostic::error(rel, line, col, "the file is not valid UTF-8")
                .with_hint("save the file as UTF-8 (GBK/GB18030 text must be converted)"))
        }
    }
}

/// Turns a serde_yaml error in YAML starting on `yaml_line` into a positioned diagnostic.
pub fn yaml_error(file: &Path, yaml_line: usize, e: &serde_yaml::Error) -> Diagnostic {
    let (line, col) = e.location().map_or((yaml_line, 1), |l| (yaml_line + l.line() - 1, l.column()));
    let msg = e.to_string();
    // serde_yaml appends " at line X column Y" in its own coordinates; ours replace them.
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if msg.starts_with("repetition limit exceeded") {
        // Anchors repeated through aliases, each level multiplying the last ("billion laughs").
        return Diagnostic::error(file, line, col, "the YAML's aliases (*name) repeat its anchors (&name) too often")
            .with_hint("write the values out, or repeat an anchor a few times rather than nesting aliases of aliases");
    }
    Diagnostic::error(file, line, col, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_that_multiply_are_named_with_a_hint() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
            let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
            yaml.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
        }
        let e = serde_yaml::from_str::<serde_yaml::Value>(&yaml).unwrap_err();
        let d = yaml_error(Path::new("site.yaml"), 1, &e);
        assert!(d.message.contains("aliases (*name) repeat its anchors"), "{}", d.message);
        assert!(d.hint.as_deref().is_some_and(|h| h.contains("write the values out")), "{:?}", d.hint);
    }

    #[test]
    fn text_is_read_without_its_bom_and_bad_bytes_are_placed_by_line_and_character() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "\u{feff}标题\n正文".as_bytes()).unwrap();
        assert_eq!(read_text(dir.path(), Path::new("a.md")).unwrap(), "标题\n正文");
        let mut bad = "第一行\n第二".as_bytes().to_vec();
        bad.extend([0xE5, 0xB9]);
        bad.extend("行".as_bytes());
        std::fs::write(dir.path().join("b.md"), bad).unwrap();
        let d = read_text(dir.path(), Path::new("b.md")).unwrap_err();
        assert_eq!((d.line, d.col), (2, 3), "{d:?}");
    }
}
