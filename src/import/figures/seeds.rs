//! The development set: the five seed reports against the sample site's catalogue, scored
//! against the figures the sample site's reports hold.

use super::find;
use crate::import::Block;
use crate::model::written::Written;
use std::path::Path;

/// Seeds by the sample report they are the source of.
const SEEDS: [(&str, i32); 5] =
    [("yanqing", 2022), ("yanqing", 2021), ("wulingyuan", 2022), ("tongzhou", 2022), ("wuqing", 2023)];

fn blocks(text: &str) -> Vec<Block> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| Block::Paragraph(l.to_string())).collect()
}

/// (true positives, found, expected) of values over the seeds.
fn score() -> (usize, usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = crate::load::load_site(root, &Default::default()).unwrap();
    let (mut hits, mut found_n, mut expected_n) = (0, 0, 0);
    for (entity, year) in SEEDS {
        let file = root.join(format!("tests/fixtures/import/figures/{entity}-{year}.txt"));
        let text = std::fs::read_to_string(file).unwrap();
        let report = site.reports.iter().find(|r| r.entity == entity && r.year == year).unwrap();
        let found = find(&blocks(&text), &site.catalogue);
        expected_n += report.indicators.len();
        for f in &found.figures {
            found_n += 1;
            let unit = &site.catalogue.get(&f.indicator).unwrap().unit.text;
            let value = Written::parse_for(f.value.as_deref().unwrap(), unit, true).unwrap().value;
            let right = report.indicators.get(f.indicator.as_str()).is_some_and(|t| t.value == Some(value));
            if right {
                hits += 1;
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
    (hits, found_n, expected_n)
}

#[test]
fn seeds_are_read_with_high_precision() {
    let (hits, found, expected) = score();
    let precision = hits as f64 / found.max(1) as f64;
    let recall = hits as f64 / expected as f64;
    eprintln!(
        "values: {hits} right of {found} found, {expected} expected: precision {precision:.3}, recall {recall:.3}"
    );
    assert!(precision >= 0.98, "precision {precision:.3}");
    assert!(recall >= 0.92, "recall {recall:.3}");
}
