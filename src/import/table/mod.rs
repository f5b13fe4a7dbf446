//! `annalist import FILE.csv|FILE.xlsx`: a table of figures (entity, year, indicator, value,
//! and optionally change and note) merged into the reports' front matter.
//!
//! Every row of every table is checked before anything is written; one bad row and nothing is
//! written. Each report's text is then edited in memory — figures added, never replaced ([`merge`])
//! — and read back to make sure nothing else changed; only then is each changed file written,
//! atomically (a temporary file in the same folder, renamed over it).

pub mod cell;
pub mod edit;
pub mod merge;
pub mod read;
pub mod rows;

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use indexmap::IndexMap;
use rows::FigureRow;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Whether `path` is a table of figures (.csv, .xlsx, or an old .xls that is refused with what
/// to do) rather than a published report.
pub fn is_table(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "xlsx", "xls"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// What importing one table did.
#[derive(Debug, Clone, Default)]
pub struct TableImport {
    /// Figures (rows) the table gives.
    pub rows: usize,
    /// One line per report the table touches, in the order of the table.
    pub reports: Vec<ReportMerge>,
    /// Columns ignored and figures that differ from the reports'.
    pub warnings: Vec<Diagnostic>,
}

/// What one table did to one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMerge {
    /// The report, relative to the site root.
    pub file: PathBuf,
    /// Whether it was made (as a draft).
    pub created: bool,
    /// Figures added.
    pub added: usize,
    /// Figures already there as the table gives them.
    pub same: usize,
    /// Figures that differ (listed in the warnings, left as they are).
    pub differs: usize,
}

impl ReportMerge {
    /// The summary line: `content/yanqing/2021.md: added 2, same 1, differs 1`.
    pub fn line(&self) -> String {
        let new = if self.created { " (new draft)" } else { "" };
        format!("{}: added {}, same {}, differs {}{new}", self.file.display(), self.added, self.same, self.differs)
    }
}

/// Imports `tables` into the site at `root`, in order (a later table sees what an earlier one
/// added). Returns one [`TableImport`] per table; on any error nothing is written.
pub fn import_tables(site: &Site, root: &Path, tables: &[PathBuf]) -> Result<Vec<TableImport>> {
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for table in tables {
        match read::read_rows(table) {
            Err(e) => errors.push(
                Diagnostic::error(table, e.line(), 0, e.to_string())
                    .with_hint("save the table as .xlsx, or as CSV in UTF-8 or GB18030"),
            ),
            Ok(rows) => match rows::check_rows(table, &rows, site) {
                Ok(c) => checked.push((table, c)),
                Err(mut e) => errors.append(&mut e),
            },
        }
    }
    if !errors.is_empty() {
        return Err(Error::Site(errors));
    }
    let mut texts: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    let mut changed: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut done = Vec::new();
    for (table, c) in checked {
        let mut import = TableImport { rows: c.rows.len(), warnings: c.warnings, ..Default::default() };
        let mut by_report: IndexMap<(&str, i32), Vec<&FigureRow>> = IndexMap::new();
        for row in &c.rows {
            by_report.entry((row.entity.as_str(), row.year)).or_default().push(row);
        }
        for ((entity, year), rows) in by_report {
            let rel = match report_path(root, entity, year) {
                Ok(rel) => rel,
                Err(d) => {
                    errors.push(d);
                    continue;
                }
            };
            if !texts.contains_key(&rel) {
                match read_report(root, &rel) {
                    Ok(text) => texts.insert(rel.clone(), text),
                    Err(d) => {
                        errors.push(d);
                        continue;
                    }
                };
            }
            match merge::merge_report(site, &rel, texts[&rel].as_deref(), &rows, table) {
                Ok(m) => {
                    import.reports.push(ReportMerge {
                        file: rel.clone(),
                        created: m.created,
                        added: m.added,
                        same: m.same,
                        differs: m.differs.len(),
                    });
                    import.warnings.extend(m.differs);
                    if let Some(text) = m.text {
                        changed.insert(rel.clone(), text.clone());
                        texts.insert(rel, Some(text));
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        done.push(import);
    }
    if !errors.is_empty() {
        return Err(Error::Site(errors));
    }
    for (rel, text) in &changed {
        write_atomic(&root.join(rel), text)?;
    }
    Ok(done)
}

/// `content/<entity>/<year>.md`, refused unless the entity is a plain folder name and neither
/// the folder nor the report is a symbolic link.
fn report_path(root: &Path, entity: &str, year: i32) -> Result<PathBuf, Diagnostic> {
    let folder = Path::new("content").join(entity);
    let rel = folder.join(format!("{year}.md"));
    let plain = crate::load::is_valid_slug(entity) && rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(Diagnostic::error(&rel, 0, 0, format!("'{entity}' cannot be an organisation's folder name")));
    }
    for path in [&folder, &rel] {
        if fs::symlink_metadata(root.join(path)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Diagnostic::error(
                path,
                0,
                0,
                "this is a symbolic link, and annalist does not write through links",
            )
            .with_hint("make it a real folder or file inside the site"));
        }
    }
    Ok(rel)
}

/// The report's text, or `None` when there is none yet.
fn read_report(root: &Path, rel: &Path) -> Result<Option<String>, Diagnostic> {
    let path = root.join(rel);
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic::error(rel, 0, 0, format!("cannot read: {e}"))),
        Ok(m) if !m.is_file() => Err(Diagnostic::error(rel, 0, 0, "this is not a file")),
        Ok(_) => {
            let bytes = fs::read(&path).map_err(|e| Diagnostic::error(rel, 0, 0, format!("cannot read: {e}")))?;
            String::from_utf8(bytes).map(Some).map_err(|_| {
                Diagnostic::error(rel, 0, 0, "the file is not valid UTF-8").with_hint("save the report as UTF-8")
            })
        }
    }
}

/// Writes `text` to `path` through a temporary file in the same folder, renamed over it: a
/// reader sees the old file or the new one, never half of one.
fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
