//! Authoring commands: `annalist init` starts a site, `annalist new` starts a report. Neither
//! ever overwrites a file: they refuse and say what is in the way.

use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::load::{self, ContentFile};
use crate::model::Catalogue;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

mod indicators;
mod prefill;

/// The catalogue a new site starts with, and the example report written to match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StarterCatalogue {
    /// Six indicators, one or two per theme: a small catalogue to grow by hand.
    #[default]
    Basic,
    /// The indicators that recur in published 法治政府建设年度报告 reports, in the groups
    /// 行政复议、行政应诉、规范性文件审核备案、重大行政决策、政务公开、行政执法、学法用法、普法、政务服务
    /// and each with the other wordings reports use as aliases, so that `annalist import` finds their figures from
    /// the start.
    Fazhi,
}

impl StarterCatalogue {
    /// The catalogue file's text.
    pub fn catalogue(self) -> &'static str {
        match self {
            Self::Basic => include_str!("starter/indicators.yaml"),
            Self::Fazhi => include_str!("starter/fazhi.yaml"),
        }
    }

    /// The example report's text: its indicators are all in [`Self::catalogue`].
    fn example_report(self) -> &'static str {
        match self {
            Self::Basic => include_str!("starter/report.md"),
            Self::Fazhi => include_str!("starter/report_fazhi.md"),
        }
    }

    /// The files of a new site: path relative to the site folder, and content.
    fn files(self) -> [(&'static str, &'static str); 6] {
        [
            ("site.yaml", include_str!("starter/site.yaml")),
            ("content/indicators.yaml", self.catalogue()),
            ("content/_index.md", include_str!("starter/home.md")),
            ("content/example/_index.md", include_str!("starter/entity.md")),
            ("content/example/2024.md", self.example_report()),
            (".gitignore", include_str!("starter/gitignore")),
        ]
    }
}

/// Creates a new site in `dir` (made if missing, refused unless empty): settings, the chosen
/// catalogue, one example organisation with one report, built with the default theme compiled
/// into annalist. Returns the files written. `dir` is resolved as the system will resolve it
/// (`nx/../site` is `site`, whether `nx` exists or not) before it is looked at.
pub fn init(dir: &Path, catalogue: StarterCatalogue) -> Result<Vec<PathBuf>> {
    let resolved = crate::write::absolute(dir)?;
    if let Ok(meta) = fs::metadata(&resolved) {
        let empty = meta.is_dir() && fs::read_dir(&resolved).map_err(|e| Error::io(dir, e))?.next().is_none();
        if !empty {
            let what = if meta.is_dir() { "a folder that is not empty" } else { "a file" };
            return Err(Error::one(
                Diagnostic::error(dir, 0, 0, format!("cannot start a site here: it is {what}"))
                    .with_hint("give a new or empty folder; annalist init never overwrites anything"),
            ));
        }
    }
    write_starter(&resolved, &catalogue.files())
}

/// Writes `files` under `dir`. On any failure it takes back exactly what it made — the files
/// it wrote and the folders it created, `dir` among them when it was missing — and nothing
/// that was there before: half a site would only make the next `init` refuse the folder.
fn write_starter(dir: &Path, files: &[(&str, &str)]) -> Result<Vec<PathBuf>> {
    let mut made_dirs = Vec::new();
    let mut written = Vec::with_capacity(files.len());
    for (rel, text) in files {
        let path = dir.join(rel);
        let result = create_dirs(path.parent().unwrap_or(dir), &mut made_dirs).and_then(|()| write_new(&path, text));
        if let Err(e) = result {
            for file in &written {
                let _ = fs::remove_file(file);
            }
            for folder in made_dirs.iter().rev() {
                let _ = fs::remove_dir(folder);
            }
            return Err(e);
        }
        written.push(path);
    }
    Ok(written)
}

/// Creates `dir` and the folders above it that are missing, recording each one it made.
fn create_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> Result<()> {
    let mut missing = Vec::new();
    let mut d = dir;
    while fs::symlink_metadata(d).is_err() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(parent) => d = parent,
            None => break,
        }
    }
    for folder in missing.into_iter().rev() {
        fs::create_dir(&folder).map_err(|e| Error::io(&folder, e))?;
        made.push(folder);
    }
    Ok(())
}

/// Creates `path` with `text`; fails if anything (a file, a link) is already there.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| Error::io(path, e))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(path, e))
}

/// Writes `content/<entity>/<year>.md` for an existing organisation: front matter to fill in.
/// The indicators the latest earlier report gave come first, each with an empty value (this
/// year's figure is the author's to type) and that report's figure, as written, in a comment;
/// the catalogue's other indicators follow, one comment line per group. Returns the new path.
pub fn new_report(root: &Path, entity: &str, year: i32) -> Result<PathBuf> {
    let config = load::settings::load_config(root)?;
    let mut errors = Vec::new();
    let catalogue = load::settings::load_catalogue(root, &mut errors);
    if !errors.is_empty() {
        return Err(Error::Site(errors));
    }
    if !load::is_valid_slug(entity) {
        return Err(Error::one(
            Diagnostic::error("content", 0, 0, format!("'{entity}' is not an organisation folder name"))
                .with_hint("give the folder's name under content/: lowercase letters, digits, '-' and '_'"),
        ));
    }
    let folder = Path::new("content").join(entity);
    let index = folder.join("_index.md");
    refuse_links(root, &[Path::new("content"), &folder])?;
    if !(1900..=2999).contains(&year) {
        return Err(Error::one(
            Diagnostic::error(&folder, 0, 0, format!("{year} is not a year a report can be about"))
                .with_hint("give the four-digit year the report covers, e.g. 2024"),
        ));
    }
    let org = match load::load_file(root, &index, &catalogue) {
        Ok(ContentFile::Entity(org)) => org,
        // The organisation is there but its file has errors: those are what to fix.
        Err(errors) if root.join(&index).is_file() => return Err(Error::Site(errors)),
        _ => return Err(unknown_entity(root, entity, &index)),
    };
    let rel = folder.join(format!("{year}.md"));
    let path = root.join(&rel);
    refuse_links(root, &[&rel])?;
    if fs::symlink_metadata(&path).is_ok() {
        return Err(Error::one(
            Diagnostic::error(&rel, 0, 0, "the report already exists")
                .with_hint("edit it, or remove it first if you mean to start again"),
        ));
    }
    let earlier = match prefill::latest_earlier(root, &folder, year) {
        Some((y, rel)) => {
            let text = load::read_text(root, &rel).map_err(Error::one)?;
            Some((y, prefill::written_figures(&rel, &text).map_err(Error::one)?))
        }
        None => None,
    };
    let text =
        report_text(&config.language, &org.name, year, &catalogue, earlier.as_ref().map(|(y, f)| (*y, f.as_slice())));
    write_new(&path, &text)?;
    Ok(rel)
}

/// Refuses when one of `rels` (relative to `root`) is a symbolic link: `new` writes only inside
/// the site, never through a link to somewhere else.
fn refuse_links(root: &Path, rels: &[&Path]) -> Result<()> {
    for rel in rels {
        if fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::one(
                Diagnostic::error(rel, 0, 0, "this is a symbolic link, and annalist does not write through links")
                    .with_hint("make it a real folder or file inside the site"),
            ));
        }
    }
    Ok(())
}

/// The error for an organisation folder that does not exist (or has no valid `_index.md`).
fn unknown_entity(root: &Path, entity: &str, index: &Path) -> Error {
    let known: Vec<String> = fs::read_dir(root.join("content"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("_index.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut d = Diagnostic::error(index, 0, 0, format!("there is no organisation '{entity}'"));
    if let Some(s) = did_you_mean(entity, known.iter().map(String::as_str)) {
        d.message.push_str(&format!(" (did you mean '{s}'?)"));
    }
    Error::one(d.with_hint(format!(
        "create {} with the organisation's name first, or use one of: {}",
        index.display(),
        if known.is_empty() { "(none yet)".to_string() } else { known.join(", ") }
    )))
}

/// The new report's text: front matter to fill in, its indicators taken from `earlier` (the
/// latest earlier report's year and figures as written) when there is one.
fn report_text(
    language: &str,
    name: &str,
    year: i32,
    catalogue: &Catalogue,
    earlier: Option<(i32, &[(String, String)])>,
) -> String {
    let zh = language != "en";
    let mut t = String::from("---\n");
    if zh {
        let _ = writeln!(t, "title: {}", yaml_text(&format!("{name}{year}年法治政府建设年度报告")));
    } else {
        let _ = writeln!(t, "title: {}", yaml_text(&format!("{name}: law-based government report {year}")));
    }
    let _ = writeln!(t, "year: {year}");
    t.push_str(if zh {
        "published:            # 发布日期 YYYY-MM-DD\n"
    } else {
        "published:            # date of publication, YYYY-MM-DD\n"
    });
    let _ = writeln!(t, "source: {}", yaml_text(name));
    t.push_str(if zh {
        "source_url:           # 原文网址\n"
    } else {
        "source_url:           # where the original is\n"
    });
    t.push_str(if zh { "tags: [年度报告]\n" } else { "tags: [annual report]\n" });
    t.push_str("indicators:\n");
    let given = match earlier {
        Some((last_year, figures)) => indicators::prefilled(&mut t, zh, catalogue, last_year, figures),
        None => {
            indicators::how_to_fill(&mut t, zh);
            Vec::new()
        }
    };
    indicators::others(&mut t, zh, catalogue, &given, earlier.is_some());
    t.push_str("---\n");
    t.push_str(if zh {
        "## 一、主要举措和成效\n\n## 二、存在的问题和不足\n\n## 三、下一年度工作安排\n"
    } else {
        "## Measures and results\n\n## Problems\n\n## Plans for next year\n"
    });
    t
}

/// `s` fit for a YAML comment: anything YAML takes for a line break becomes a space.
fn one_line(s: &str) -> String {
    s.trim().chars().map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c }).collect()
}

/// `s` as a YAML scalar: double-quoted with escapes, so any name or title is read back as it is.
fn yaml_text(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_init_takes_back_only_what_it_made() {
        let dir = tempfile::tempdir().unwrap();
        // The second file cannot be written (the first is already there): init fails half-way.
        let files = [("a/b/one.md", "1"), ("a/b/one.md", "2")];
        let existing = dir.path().join("existing");
        fs::create_dir(&existing).unwrap();
        assert!(write_starter(&existing, &files).is_err());
        assert!(existing.is_dir(), "a folder that was there stays");
        assert_eq!(fs::read_dir(&existing).unwrap().count(), 0, "what init made is gone");
        let missing = dir.path().join("new/site");
        assert!(write_starter(&missing, &files).is_err());
        assert!(!dir.path().join("new").exists(), "folders init made go, those above included");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(one_line("收到\n申请\r\u{2028}x\u{85}y"), "收到 申请  x y");
    }

    #[test]
    fn names_are_quoted_for_yaml() {
        assert_eq!(yaml_text("甲区: \"新\"\\"), "\"甲区: \\\"新\\\"\\\\\"");
    }
}
