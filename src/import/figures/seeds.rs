//! The development set: the five seed reports against the sample site's catalogue, scored
//! against the figures the sample site's reports hold.

use super::find;
use crate::import::Block;
use crate::model::change_words::ChangeWords;
use crate::model::written::Written;
use std::path::Path;

/// Each seed (in the shared reference folder beside the repository, as the reports were
/// scraped) by the sample report it is the source of.
const SEEDS: [(&str, &str, i32); 5] = [
    ("000_5e73c12dc8b2966f.txt", "yanqing", 2022),
    ("001_7154703e6cb5bf5f.txt", "yanqing", 2021),
    ("002_32960c0c910986fc.txt", "wulingyuan", 2022),
    ("003_3cdd26ce39aa6b6f.txt", "tongzhou", 2022),
    ("004_d673bbc54b047a03.txt", "wuqing", 2023),
];

/// Where the seeds are: `../shared/reference/seeds` beside the repository.
fn seeds_folder(root: &Path) -> std::path::PathBuf {
    root.join("../shared/reference/seeds")
}

fn blocks(text: &str) -> Vec<Block> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| Block::Paragraph(l.to_string())).collect()
}

/// Counts over the seeds: values right, found and expected; changes right and expected.
#[derive(Default)]
struct Score {
    hits: usize,
    found: usize,
    expected: usize,
    changes_right: usize,
    changes_expected: usize,
}

fn score() -> Score {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = crate::load::load_site(root, &Default::default()).unwrap();
    let mut n = Score::default();
    for (seed, entity, year) in SEEDS {
        let file = seeds_folder(root).join(seed);
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let report = site.reports.iter().find(|r| r.entity == entity && r.year == year).unwrap();
        let found = find(&blocks(&text), &site.catalogue);
        n.expected += report.indicators.len();
        n.changes_expected += report.indicators.values().filter(|t| t.change.is_some()).count();
        for f in &found.figures {
            n.found += 1;
            let unit = &site.catalogue.get(&f.indicator).unwrap().unit.text;
            let value = Written::parse_for(f.value.as_deref().unwrap(), unit, true).unwrap().value;
            let truth = report.indicators.get(f.indicator.as_str());
            let stated = f.change.as_deref().and_then(|c| ChangeWords::parse(c, unit).ok());
            let same_change = |t: &crate::model::figure::Figure| match (&t.change, &stated) {
                (Some(t), Some(s)) => t.amount == s.amount,
                _ => false,
            };
            n.changes_right += usize::from(truth.is_some_and(same_change));
            if truth.is_some_and(|t| t.value == Some(value)) {
                n.hits += 1;
            } else {
                eprintln!("{entity} {year}: wrong {} = {:?} ({})", f.indicator, f.value, f.sentence);
            }
        }
        for id in report.indicators.keys() {
            if !found.figures.iter().any(|f| f.indicator == id.as_ref()) {
                eprintln!("{entity} {year}: missed {id}");
            }
        }
    }
    n
}

#[test]
fn seeds_are_read_with_high_precision() {
    let Score { hits, found, expected, changes_right, changes_expected } = score();
    eprintln!("changes: {changes_right} of {changes_expected} stated found");
    assert_eq!(changes_right, changes_expected);
    let precision = hits as f64 / found.max(1) as f64;
    let recall = hits as f64 / expected as f64;
    eprintln!(
        "values: {hits} right of {found} found, {expected} expected: precision {precision:.3}, recall {recall:.3}"
    );
    assert!(precision >= 0.98, "precision {precision:.3}");
    assert!(recall >= 0.94, "recall {recall:.3}");
}
