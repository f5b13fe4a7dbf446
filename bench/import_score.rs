//! Scores `annalist import` on the five seed reports: each seed document is imported through
//! the real import path into a copy of the sample site that holds its catalogue and
//! organisations but none of its reports; the draft written is read as annalist reads a
//! report, and compared with the sample site's report of the same organisation and year.
//!
//! Run with `cargo run --release --example import_score`; the seeds are read from
//! `../shared/reference/seeds` beside the repository, or from the folder given as the first
//! argument. Prints a Markdown table: precision and recall of figures (the indicator found),
//! values (equal as a number and as written), qualifiers and stated changes, then how many of
//! the titles, years, dates, publishers and organisations were right.

use annalist::import::{import, ImportOptions};
use annalist::load::{load_site, parse_report_text};
use annalist::model::figure::Figure;
use annalist::model::Report;
use std::path::{Path, PathBuf};

/// Each seed document and the sample report it is the source of.
const SEEDS: [(&str, &str, i32); 5] = [
    ("000_5e73c12dc8b2966f.txt", "yanqing", 2022),
    ("001_7154703e6cb5bf5f.txt", "yanqing", 2021),
    ("002_32960c0c910986fc.txt", "wulingyuan", 2022),
    ("003_3cdd26ce39aa6b6f.txt", "tongzhou", 2022),
    ("004_d673bbc54b047a03.txt", "wuqing", 2023),
];

/// Right, found and expected, for one measure.
#[derive(Default, Clone, Copy)]
struct Tally {
    right: usize,
    found: usize,
    expected: usize,
}

impl Tally {
    fn add(&mut self, right: bool, found: bool, expected: bool) {
        self.right += usize::from(right && found && expected);
        self.found += usize::from(found);
        self.expected += usize::from(expected);
    }

    fn row(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { "—".to_string() } else { format!("{:.3}", a as f64 / b as f64) };
        format!(
            "| {name} | {} | {} | {} | {} | {} |",
            self.right,
            self.found,
            self.expected,
            ratio(self.right, self.found),
            ratio(self.right, self.expected)
        )
    }
}

/// The scores over every seed.
#[derive(Default)]
struct Scores {
    figures: Tally,
    values: Tally,
    qualifiers: Tally,
    changes: Tally,
    metadata: [(usize, usize); 5],
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| root.join("../shared/reference/seeds"));
    let site = load_site(&root, &Default::default())?;
    let mut scores = Scores::default();
    for (seed, entity, year) in SEEDS {
        let truth = site
            .reports
            .iter()
            .find(|r| r.entity == entity && r.year == year)
            .ok_or_else(|| format!("the sample site has no report for {entity} {year}"))?;
        let scratch = tempfile::tempdir()?;
        copy_site_without_reports(&root, scratch.path())?;
        let file = seeds.join(seed);
        let mut options = ImportOptions { root: scratch.path().to_path_buf(), files: vec![file], ..Default::default() };
        // Where the organisation or the year is not found, they are given (and scored wrong) so
        // that the figures are still scored.
        let written = match import(&options)?.remove(0).result {
            Ok(done) => done,
            Err(e) => {
                eprintln!("{seed}: {e}; importing again with --entity and --year");
                options.entity = Some(entity.to_string());
                options.year = Some(year);
                import(&options)?.remove(0).result?
            }
        };
        let rel = written.written.clone().ok_or("no draft written")?;
        let text = std::fs::read_to_string(scratch.path().join(&rel))?;
        let draft = parse_report_text(&rel, &text, &site.catalogue)
            .map_err(|d| format!("{seed}: the draft does not read as a report: {d:?}"))?;
        if !draft.draft {
            return Err(format!("{seed}: the draft does not say draft: true").into());
        }
        score(&draft, truth, &mut scores);
    }
    print_table(&scores);
    Ok(())
}

/// Copies the site's settings, catalogue and organisations (their `_index.md`) into `to`.
fn copy_site_without_reports(root: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(root.join("site.yaml"), to.join("site.yaml"))?;
    std::fs::create_dir_all(to.join("content"))?;
    for name in ["indicators.yaml", "_index.md"] {
        std::fs::copy(root.join("content").join(name), to.join("content").join(name))?;
    }
    for entry in std::fs::read_dir(root.join("content"))? {
        let entry = entry?;
        let index = entry.path().join("_index.md");
        if entry.file_type()?.is_dir() && index.exists() {
            std::fs::create_dir_all(to.join("content").join(entry.file_name()))?;
            std::fs::copy(&index, to.join("content").join(entry.file_name()).join("_index.md"))?;
        }
    }
    Ok(())
}

/// How a figure's value is written: its written form, or its digits.
fn written(f: &Figure) -> Option<String> {
    let w = f.remarks.as_ref().and_then(|r| r.written.as_ref());
    let text = w.map(|w| w.written()).or_else(|| f.value.map(|v| v.normalize().to_string()))?;
    // A rate may keep its % sign or not: "18%" and "18" are written alike.
    Some(text.replacen('%', "", 1))
}

/// The qualifier a figure is written with (约, 余, 以上 …), if any.
fn qualifier(f: &Figure) -> Option<String> {
    let w = f.remarks.as_ref().and_then(|r| r.written.as_ref())?;
    w.qualifier.map(|q| format!("{q:?}"))
}

fn score(draft: &Report, truth: &Report, n: &mut Scores) {
    let ids: std::collections::BTreeSet<&str> =
        draft.indicators.keys().chain(truth.indicators.keys()).map(|k| k.as_ref()).collect();
    for id in ids {
        let (got, want) = (draft.indicators.get(id), truth.indicators.get(id));
        n.figures.add(true, got.is_some(), want.is_some());
        let (Some(g), Some(w)) = (got, want) else {
            if got.is_some() {
                eprintln!("{} {}: not in the report: {id}", truth.entity, truth.year);
            } else {
                eprintln!("{} {}: missed {id}", truth.entity, truth.year);
            }
            continue;
        };
        let same_value = g.value == w.value && written(g) == written(w);
        if !same_value {
            eprintln!("{} {}: {id} is {:?}, the report has {:?}", truth.entity, truth.year, written(g), written(w));
        }
        n.values.add(same_value, g.value.is_some(), w.value.is_some());
        n.qualifiers.add(qualifier(g) == qualifier(w), qualifier(g).is_some(), qualifier(w).is_some());
        let change = |f: &Figure| f.change.as_ref().map(|c| c.text.clone());
        n.changes.add(change(g) == change(w), change(g).is_some(), change(w).is_some());
        if change(g) != change(w) {
            eprintln!("{} {}: {id} change {:?}, the report has {:?}", truth.entity, truth.year, change(g), change(w));
        }
    }
    let right = [
        draft.title == truth.title,
        draft.year == truth.year,
        draft.published == truth.published,
        draft.source == truth.source,
        draft.entity == truth.entity,
    ];
    for (k, ok) in right.into_iter().enumerate() {
        n.metadata[k].0 += usize::from(ok);
        n.metadata[k].1 += 1;
        if !ok {
            let what = ["title", "year", "published", "publisher", "organisation"][k];
            let shown = |r: &Report| {
                [
                    r.title.clone(),
                    r.year.to_string(),
                    format!("{:?}", r.published),
                    format!("{:?}", r.source),
                    r.entity.clone(),
                ][k]
                    .clone()
            };
            eprintln!("{} {}: {what} is {}, the report has {}", truth.entity, truth.year, shown(draft), shown(truth));
        }
    }
}

fn print_table(n: &Scores) {
    println!("| measure | right | found | expected | precision | recall |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!("{}", n.figures.row("figures (indicator found)"));
    println!("{}", n.values.row("values (as a number and as written)"));
    println!("{}", n.qualifiers.row("qualifiers"));
    println!("{}", n.changes.row("stated changes"));
    println!();
    println!("| metadata | right of {} |", SEEDS.len());
    println!("|---|---:|");
    for (k, what) in ["title", "year", "published date", "publisher", "organisation"].iter().enumerate() {
        println!("| {what} | {} |", n.metadata[k].0);
    }
}
