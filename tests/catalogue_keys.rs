//! The catalogue's `aliases` and `breaks`: a site using them builds, and a wrong one fails with
//! exit 1 at the place of the mistake.

mod common;

use common::*;
use std::fs;
use std::path::PathBuf;

/// The basic fixture with `entry` (an indicator's YAML) added at the end of its catalogue;
/// returns the site and the catalogue line on which `entry` starts.
fn site_with(entry: &str) -> (tempfile::TempDir, PathBuf, usize) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("basic"), &site);
    let path = site.join("content/indicators.yaml");
    let base = fs::read_to_string(&path).unwrap();
    let base = base.trim_end();
    fs::write(&path, format!("{base}\n{entry}")).unwrap();
    let first = base.lines().count() + 1;
    (dir, site, first)
}

/// Checks the site; asserts exit 1 and an error at `line:col` saying `message`.
fn fails_at(site: &std::path::Path, line: usize, col: usize, message: &str) {
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let place = format!("content/indicators.yaml:{line}:{col}");
    assert!(stderr.lines().any(|l| l.contains(&place) && l.contains(message)), "{place} {message}:\n{stderr}");
}

const ENTRY: &str = "new_cases:\n  label: 新收案件\n  kind: count\n  better: neutral\n";

#[test]
fn a_catalogue_with_aliases_and_breaks_builds() {
    let entry =
        format!("{ENTRY}  aliases: [新收行政复议案件, 收案数]\n  breaks:\n    2024: 自2024年起含上年结转案件\n");
    let (dir, site, _) = site_with(&entry);
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    build_ok(&site, &dir.path().join("out"));
}

#[test]
fn a_repeated_alias_fails_at_its_place() {
    let (_dir, site, first) = site_with(&format!("{ENTRY}  aliases: [收案数, 收案数]\n"));
    fails_at(&site, first + 4, 18, "the alias '收案数' of 'new_cases' is listed twice");
}

#[test]
fn an_alias_that_is_another_indicators_label_fails_naming_both() {
    let (_dir, site, first) = site_with(&format!("{ENTRY}  aliases: [办结行政复议案件]\n"));
    fails_at(&site, first + 4, 13, "'办结行政复议案件' is an alias of 'new_cases' and the label of 'review_closed'");
}

#[test]
fn a_break_in_no_year_fails_at_its_place() {
    let (_dir, site, first) = site_with(&format!("{ENTRY}  breaks:\n    20245: 口径调整\n"));
    fails_at(&site, first + 5, 5, "'new_cases' has a break in 20245, which is no year of a report");
    let (_dir, site, first) = site_with(&format!("{ENTRY}  breaks:\n    2024: \"\"\n"));
    fails_at(&site, first + 5, 5, "the break of 'new_cases' in 2024 gives no reason");
}
