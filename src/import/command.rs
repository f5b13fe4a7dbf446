//! `annalist import FILE...`: each published report read, its year and organisation found, its
//! figures found, and its draft written at `content/<entity>/<year>.md` — never over a report
//! that is there — or printed.

use super::draft::{draft_text, DraftMeta};
use super::table::{self, TableImport};
use super::{figures, read, Document};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What `annalist import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The organisation's id (its folder), where it is not to be found from the document.
    pub entity: Option<String>,
    /// The year reported on, where it is not to be found from the document.
    pub year: Option<i32>,
    /// The original's address, where the document does not give it.
    pub url: Option<String>,
    /// Print the drafts instead of writing them.
    pub stdout: bool,
    /// The documents.
    pub files: Vec<PathBuf>,
}

/// What one import made.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The document read.
    pub file: PathBuf,
    /// The draft written, relative to the site root (`None` with `--stdout`).
    pub written: Option<PathBuf>,
    /// Figures matched to the catalogue.
    pub figures: usize,
    /// Figures that matched no indicator (listed in the draft as comments).
    pub unmatched: usize,
    /// Warnings: the notes that say the text may not be quite the document's (a wrong charset,
    /// a PDF read without its tables).
    pub warnings: usize,
    /// What the reader noted ("read with pdftotext").
    pub notes: Vec<String>,
    /// For a table of figures: what it did to each report, and its warnings.
    pub table: Option<TableImport>,
}

/// What became of one file of an import: what it made, or why nothing was made of it.
#[derive(Debug)]
pub struct Outcome {
    /// The file given.
    pub file: PathBuf,
    /// What it made, or the error that stopped it (nothing was written for it).
    pub result: Result<Imported>,
}

impl Outcome {
    /// Whether the file was imported.
    pub fn ok(&self) -> bool {
        self.result.is_ok()
    }

    /// The file's one-line summary: figures matched, unmatched and warnings, or that it failed.
    pub fn line(&self) -> String {
        let file = self.file.display();
        match &self.result {
            Err(e) => format!("{file}: not imported ({}); nothing was written for it", failure(e)),
            Ok(Imported { table: Some(t), .. }) => {
                format!(
                    "{file}: {} figure(s) in {} report(s), {} warning(s)",
                    t.rows,
                    t.reports.len(),
                    t.warnings.len()
                )
            }
            Ok(d) => {
                let place = d.written.as_ref().map_or_else(|| "printed".to_string(), |p| p.display().to_string());
                let notes = if d.notes.is_empty() { String::new() } else { format!(" ({})", d.notes.join("; ")) };
                format!(
                    "{file}: {} figure(s) matched, {} unmatched (as comments), {} warning(s) -> {place}{notes}",
                    d.figures, d.unmatched, d.warnings
                )
            }
        }
    }
}

/// The short reason an error gives in a summary line (the diagnostics themselves are printed
/// in full above it).
fn failure(e: &Error) -> String {
    match e {
        Error::Site(ds) => match ds.first() {
            Some(d) if ds.len() == 1 => d.message.clone(),
            _ => format!("{} error(s), listed above", ds.len()),
        },
        other => other.to_string(),
    }
}

/// Imports every file of `options` it can: tables of figures first, all checked before any
/// report is written (an error in one and none is merged), then each published report on its
/// own — one that cannot be imported has nothing written and does not stop the rest. Returns
/// what became of each file, in that order; an error only when nothing could be tried (the
/// site does not load, or a flag is given with tables).
pub fn import(options: &ImportOptions) -> Result<Vec<Outcome>> {
    let site = crate::load::load_site(&options.root, &Default::default())?;
    let (tables, documents): (Vec<PathBuf>, Vec<PathBuf>) =
        options.files.iter().cloned().partition(|f| table::is_table(f));
    let mut done = Vec::new();
    if !tables.is_empty() {
        let flags = [
            ("--entity", options.entity.is_some()),
            ("--year", options.year.is_some()),
            ("--url", options.url.is_some()),
            ("--stdout", options.stdout),
        ];
        if let Some((flag, _)) = flags.iter().find(|(_, given)| *given) {
            return Err(Error::one(
                Diagnostic::error(
                    &tables[0],
                    0,
                    0,
                    format!("{flag} is for published reports; a table gives each row's organisation and year"),
                )
                .with_hint("import the table without it, or import the reports and the tables separately"),
            ));
        }
        done.extend(import_tables(&site, &options.root, tables));
    }
    for file in documents {
        let result = import_one(&site, options, &file);
        done.push(Outcome { file, result });
    }
    Ok(done)
}

/// The tables merged together: each one's outcome, or — when any has an error — none merged,
/// each table with its own errors (those in the reports going to the first).
fn import_tables(site: &Site, root: &Path, tables: Vec<PathBuf>) -> Vec<Outcome> {
    match table::import_tables(site, root, &tables) {
        Ok(imports) => tables
            .into_iter()
            .zip(imports)
            .map(|(file, t)| Outcome {
                file: file.clone(),
                result: Ok(Imported {
                    file,
                    written: None,
                    figures: t.rows,
                    unmatched: 0,
                    warnings: t.warnings.len(),
                    notes: Vec::new(),
                    table: Some(t),
                }),
            })
            .collect(),
        Err(Error::Site(diagnostics)) => {
            // Each table gets its own errors; errors in the reports go to the first table.
            let mut mine: Vec<Vec<Diagnostic>> =
                tables.iter().map(|t| diagnostics.iter().filter(|d| d.file == *t).cloned().collect()).collect();
            let others = diagnostics.into_iter().filter(|d| !tables.contains(&d.file));
            mine[0].extend(others);
            tables
                .into_iter()
                .zip(mine)
                .map(|(file, ds)| {
                    let ds = if ds.is_empty() {
                        vec![Diagnostic::error(
                            &file,
                            0,
                            0,
                            "not merged: the tables are merged together, and another has errors",
                        )]
                    } else {
                        ds
                    };
                    Outcome { file, result: Err(Error::Site(ds)) }
                })
                .collect()
        }
        Err(e) => {
            let why = e.to_string();
            let mut first = Some(e);
            tables
                .into_iter()
                .map(|file| {
                    let e = first.take().unwrap_or_else(|| Error::one(Diagnostic::error(&file, 0, 0, why.clone())));
                    Outcome { file, result: Err(e) }
                })
                .collect()
        }
    }
}

fn import_one(site: &Site, options: &ImportOptions, file: &Path) -> Result<Imported> {
    let fail = |message: String, hint: &str| Error::one(Diagnostic::error(file, 0, 0, message).with_hint(hint));
    let doc = read::read_document(file)
        .map_err(|e| fail(e.to_string(), "annalist reads .txt .md .html .docx and .pdf files with a text layer"))?;
    let title = doc.title.clone().unwrap_or_default();
    let year = options
        .year
        .or(doc.year)
        .or_else(|| year_of(&doc))
        .ok_or_else(|| fail("cannot tell which year the report is on".into(), "give it with --year YEAR"))?;
    let entity = match &options.entity {
        Some(id) => id.clone(),
        None => entity_of(site, &doc).ok_or_else(|| {
            fail(
                format!("cannot tell which organisation '{title}' is from"),
                "give its folder name with --entity ID (a new one is created with the name found)",
            )
        })?,
    };
    let found = figures::find(&doc.blocks, &site.catalogue);
    let meta = DraftMeta {
        title: if title.is_empty() { format!("{year}年度报告") } else { title.clone() },
        year,
        published: doc.published.clone(),
        source: doc.source.clone(),
        source_url: options.url.clone().or_else(|| doc.url.clone()),
    };
    let text = draft_text(&doc, &meta, &found);
    let mut imported = Imported {
        file: file.to_path_buf(),
        written: None,
        figures: found.figures.len(),
        unmatched: found.unmatched.len(),
        warnings: doc.notes.iter().filter(|n| !read::is_information(n)).count(),
        notes: doc.notes.clone(),
        table: None,
    };
    if options.stdout {
        let _ = std::io::stdout().write_all(text.as_bytes());
        return Ok(imported);
    }
    imported.written = Some(write_draft(site, &options.root, &entity, year, &text, &title)?);
    Ok(imported)
}

/// Writes the draft at `content/<entity>/<year>.md`, refusing to overwrite anything; a new
/// organisation gets its `_index.md` with the name the title gives. Returns the draft's path,
/// relative to the site root.
fn write_draft(site: &Site, root: &Path, entity: &str, year: i32, text: &str, title: &str) -> Result<PathBuf> {
    let valid = !entity.is_empty()
        && entity.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return Err(Error::one(
            Diagnostic::error(Path::new(entity), 0, 0, format!("'{entity}' cannot be an organisation's folder name"))
                .with_hint("use lower-case letters, digits, - and _ (it is the organisation's URL)"),
        ));
    }
    let rel = PathBuf::from("content").join(entity).join(format!("{year}.md"));
    let path = root.join(&rel);
    let folder = root.join("content").join(entity);
    if site.entity(entity).is_none() {
        fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        let index = folder.join("_index.md");
        if !index.exists() {
            let name = name_in(title).unwrap_or_else(|| entity.to_string());
            write_new(&index, &format!("---\nname: {}\n---\n", serde_json::to_string(&name).unwrap_or_default()))?;
        }
    }
    write_new(&path, text)?;
    Ok(rel)
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::one(
                Diagnostic::error(path, 0, 0, "a report is already there; annalist never overwrites one")
                    .with_hint("move it aside, or use --stdout to see the draft"),
            )
        } else {
            Error::io(path, e)
        }
    })?;
    f.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))
}

/// The year the report is on: the first "YYYY年" of its title (or of its first lines), where the
/// title names a report ("2021年法治政府建设年度报告", "2022年度…情况").
pub fn year_of(doc: &Document) -> Option<i32> {
    let lines = doc.title.iter().cloned().chain(doc.blocks.iter().take(3).filter_map(|b| match b {
        super::Block::Heading(_, t) | super::Block::Paragraph(t) => Some(t.clone()),
        super::Block::Table(_) => None,
    }));
    for line in lines {
        if let Some(year) = read::first_year(&line) {
            return Some(year);
        }
    }
    None
}

/// The organisation a document is from: the site's entity whose name or short name its title
/// (or its publisher) holds, the longest match winning.
pub fn entity_of(site: &Site, doc: &Document) -> Option<String> {
    let haystacks: Vec<&str> = doc.title.iter().chain(doc.source.iter()).map(String::as_str).collect();
    site.entities
        .iter()
        .flat_map(|e| [(e.name.as_str(), e), (e.short_name.as_str(), e)])
        .filter(|(name, _)| !name.is_empty() && haystacks.iter().any(|h| h.contains(name)))
        .max_by_key(|(name, _)| name.chars().count())
        .map(|(_, e)| e.id.clone())
}

/// The organisation's name a title opens with: what comes before 人民政府, or before the year.
fn name_in(title: &str) -> Option<String> {
    let end = title.find("人民政府").or_else(|| title.find(|c: char| c.is_ascii_digit()))?;
    let name = title[..end].trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_the_reports_not_a_date() {
        let doc = |title: &str| Document { title: Some(title.into()), ..Document::default() };
        assert_eq!(year_of(&doc("北京市延庆区人民政府2021年法治政府建设年度情况报告")), Some(2021));
        assert_eq!(year_of(&doc("关于12022年的报告")), None);
        assert_eq!(year_of(&doc("无年份")), None);
        assert_eq!(name_in("北京市延庆区人民政府2021年法治政府建设年度情况报告").as_deref(), Some("北京市延庆区"));
        assert_eq!(name_in("武清区2023年法治政府建设情况").as_deref(), Some("武清区"));
    }
}
