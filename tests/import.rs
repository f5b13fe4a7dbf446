//! `annalist import`: a published report in, a draft with its figures out, never over a report
//! that is there, and nothing written for a document annalist cannot read.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};

/// The sample site copied without its 2021 report of 延庆区, and the seed that report was made
/// from (in the shared reference folder beside the repository).
fn sample_without_yanqing_2021() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, site) = sample_site_copy();
    fs::remove_file(site.join("content/yanqing/2021.md")).unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/seeds/001_7154703e6cb5bf5f.txt");
    (dir, site, seed)
}

fn import(site: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import", "--root", site.to_str().unwrap()];
    all.extend_from_slice(args);
    annalist(&all)
}

#[test]
fn a_published_report_becomes_a_draft_with_its_figures_as_written() {
    let (_dir, site, seed) = sample_without_yanqing_2021();
    let o = import(&site, &[seed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("figure(s) matched") && stderr.contains("content/yanqing/2021.md"), "{stderr}");
    let draft = fs::read_to_string(site.join("content/yanqing/2021.md")).unwrap();
    for line in [
        "title: \"北京市延庆区人民政府2021年法治政府建设年度情况报告\"",
        "year: 2021",
        "published: 2022-03-29",
        "draft: true",
        "  admin_review_closed: 85    # 原文：",
        "  leadership_law_study: 300余    # 原文：",
        "  head_court_appearance_rate: 70.1%    # 原文：",
    ] {
        assert!(draft.contains(line), "{line}\n{draft}");
    }
    // Never a year, a version or a ranking taken for a figure.
    assert!(!draft.contains(": 2021    #") && !draft.contains(": 4.0") && !draft.contains("四连冠:"), "{draft}");
    // The body is Markdown with full-width punctuation, the figures as written.
    assert!(draft.contains("全年办结行政复议案件85件，纠错率18%，调解成功率41%。"), "{draft}");
    // The draft checks clean as part of the site.
    let o = annalist(&["check", "--root", site.to_str().unwrap(), "--drafts"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn an_import_never_overwrites_and_stdout_writes_nothing() {
    let (_dir, site, seed) = sample_without_yanqing_2021();
    assert!(import(&site, &[seed.to_str().unwrap()]).status.success());
    let first = fs::read(site.join("content/yanqing/2021.md")).unwrap();
    let o = import(&site, &[seed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("never overwrites"));
    assert_eq!(fs::read(site.join("content/yanqing/2021.md")).unwrap(), first, "untouched");
    let o = import(&site, &["--stdout", "--year", "2019", seed.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("---\ntitle:"), "printed");
    assert!(!site.join("content/yanqing/2019.md").exists(), "and not written");
}

#[test]
fn a_document_that_cannot_be_read_is_refused_and_nothing_is_written() {
    let (_dir, site, _) = sample_without_yanqing_2021();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let before = files(&site.join("content"));
    for bad in ["tests/fixtures/import/pdf/corrupt.pdf", "tests/fixtures/import/pdf/scanned.pdf"] {
        let o = import(&site, &["--entity", "yanqing", "--year", "2021", root.join(bad).to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(bad.rsplit('/').next().unwrap()), "names the file");
    }
    let empty = site.join("empty.txt");
    fs::write(&empty, "").unwrap();
    let o = import(&site, &["--entity", "yanqing", "--year", "2021", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(files(&site.join("content")), before, "nothing written");
}

#[test]
fn several_files_each_get_a_summary_line_and_one_that_fails_does_not_stop_the_rest() {
    let (_dir, site, seed) = sample_without_yanqing_2021();
    let empty = site.join("empty.txt");
    fs::write(&empty, "").unwrap();
    let old_word = site.join("old.doc");
    fs::write(&old_word, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    let before = files(&site.join("content"));
    // The empty file comes first: it must not stop the reports after it.
    let args: Vec<&str> = vec![empty.to_str().unwrap(), seed.to_str().unwrap(), old_word.to_str().unwrap()];
    let o = import(&site, &args);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(": not imported") || l.contains("matched")).collect();
    assert_eq!(lines.len(), 3, "one summary line per file: {stderr}");
    assert!(lines[0].contains("empty.txt: not imported (no report text"), "{stderr}");
    assert!(lines[1].contains("figure(s) matched") && lines[1].contains("warning(s) -> content/yanqing/2021.md"));
    assert!(lines[2].contains("old.doc: not imported (it is an old binary Word (.doc) file"), "{stderr}");
    assert!(stderr.contains("error: 2 of 3 file(s) not imported"), "{stderr}");
    // Only the draft of the report that could be imported was written.
    let mut after = files(&site.join("content"));
    assert!(site.join("content/yanqing/2021.md").exists());
    after.retain(|f| !f.ends_with("yanqing/2021.md"));
    assert_eq!(after, before, "nothing written for the files that failed");
}

#[test]
fn a_stated_change_is_not_also_listed_as_an_unmatched_figure() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(annalist(&["init", site.to_str().unwrap(), "--catalogue", "fazhi"]).status.success());
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/text/fazhi_report.txt");
    let o = import(&site, &["--entity", "shifan", "--stdout", doc.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let draft = String::from_utf8_lossy(&o.stdout);
    assert!(draft.contains("gov_info_requests: { value: 96, change: 同比增长20% }"), "{draft}");
    let unmatched: Vec<&str> = draft.lines().filter(|l| l.starts_with("  #   ")).collect();
    assert_eq!(unmatched.len(), 1, "only 2210 names no indicator: {unmatched:#?}");
    assert!(unmatched[0].starts_with("  #   2210 "), "{unmatched:#?}");
    assert!(stderr.contains("28 figure(s) matched, 1 unmatched (as comments), 0 warning(s)"), "{stderr}");
}
