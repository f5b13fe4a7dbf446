//! Hostile sizes: annalist finishes or refuses with a clear error; it never hangs, overflows
//! its stack or exhausts memory.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `annalist check` on `root`, failing the test if it runs longer than `limit`.
fn check_within(root: &Path, limit: Duration) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["check", "--root", root.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("annalist did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn site_with_report(body_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), dir.path());
    let report = dir.path().join("content/alpha/2021.md");
    let mut text = fs::read_to_string(&report).unwrap();
    text.push_str(body_extra);
    fs::write(report, text).unwrap();
    dir
}

const LIMIT: Duration = Duration::from_secs(180);

#[test]
fn a_fifty_megabyte_report_is_built() {
    let para = "全年办结行政复议案件218件,纠错率21.08%,调解纠纷52072余件,依法行政水平持续提升。".repeat(20) + "\n\n";
    let n = 50 * 1024 * 1024 / para.len();
    let mut body = String::with_capacity(51 * 1024 * 1024);
    for i in 0..n {
        if i % 50 == 0 {
            body.push_str(&format!("## 第{i}节\n\n"));
        }
        body.push_str(&para);
    }
    let site = site_with_report(&body);
    let (code, stdout, stderr) = check_within(site.path(), LIMIT);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("checked "), "{stdout}");
}

#[test]
fn a_report_with_a_hundred_thousand_indicators_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), dir.path());
    let mut text = String::from("---\ntitle: 十万项指标\nyear: 2021\nindicators:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  review_closed_{i}: {i}\n"));
    }
    text.push_str("---\n正文\n");
    fs::write(dir.path().join("content/alpha/2021.md"), text).unwrap();
    let (code, _, stderr) = check_within(dir.path(), LIMIT);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("content/alpha/2021.md:5:")
            && stderr.contains("the report has 100000 indicators; annalist accepts at most 10000"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
}

#[test]
fn a_catalogue_of_a_hundred_thousand_indicators_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), dir.path());
    let mut cat = fs::read_to_string(dir.path().join("content/indicators.yaml")).unwrap();
    for i in 0..100_000 {
        cat.push_str(&format!("x{i}:\n  label: 指标{i}\n  kind: count\n  better: neutral\n"));
    }
    fs::write(dir.path().join("content/indicators.yaml"), cat).unwrap();
    let (code, _, stderr) = check_within(dir.path(), LIMIT);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("content/indicators.yaml:1:1: the catalogue has 100009 indicators"), "{stderr}");
}

#[test]
fn ten_thousand_deep_lists_and_block_quotes_are_built() {
    let mut body = String::from("\n");
    for i in 0..10_000 {
        body.push_str(&"  ".repeat(i));
        body.push_str("- 层\n");
    }
    body.push('\n');
    body.push_str(&">".repeat(10_000));
    body.push_str(" 引文\n\n");
    body.push_str(&"[".repeat(50_000));
    body.push('\n');
    let site = site_with_report(&body);
    let (code, _, stderr) = check_within(site.path(), LIMIT);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_million_character_line_is_built() {
    let site = site_with_report(&format!("\n{}\n", "纠错率".repeat(350_000)));
    let (code, _, stderr) = check_within(site.path(), LIMIT);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn deeply_nested_front_matter_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), dir.path());
    let report = dir.path().join("content/alpha/2021.md");
    let text = fs::read_to_string(&report).unwrap();
    let nested = format!("tags: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    fs::write(&report, text.replace("tags: [年度报告, 行政复议]", &nested)).unwrap();
    let (code, _, stderr) = check_within(dir.path(), LIMIT);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("content/alpha/2021.md:6:") && stderr.contains("nests deeper than 64 levels"), "{stderr}");
}
