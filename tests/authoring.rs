//! `annalist init` and `annalist new`: what they write builds at once, and they never
//! overwrite anything.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn init(dir: &Path) -> std::process::Output {
    annalist(&["init", dir.to_str().unwrap()])
}

fn new(root: &Path, entity: &str, year: &str) -> std::process::Output {
    annalist(&["new", "--root", root.to_str().unwrap(), entity, year])
}

#[test]
fn a_new_site_builds_at_once_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-reports");
    let o = init(&site);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("annalist serve"), "says what to do next");
    for f in
        ["site.yaml", "content/indicators.yaml", "content/example/_index.md", "content/example/2024.md", ".gitignore"]
    {
        assert!(site.join(f).is_file(), "{f}");
    }
    let out = site.join("output");
    let o = build_ok(&site, &out);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("warning"), "{}", String::from_utf8_lossy(&o.stdout));
    let report = read(&out, "example/2024/index.html");
    assert!(report.contains(r#"<span class="num">126</span>"#), "the example's figure is shown");
    // The stated "+5%" gives last year's 120, marked as derived.
    assert!(
        report.contains(r#"<span class="num">120</span>"#) && report.contains("class=\"fig is-derived\""),
        "derived value shown, marked"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let o = init(dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing written");
    assert_eq!(fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn a_new_report_lists_the_catalogue_with_last_years_figures_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(init(&site).status.success());
    let o = new(&site, "example", "2025");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("content/example/2025.md"));
    let text = fs::read_to_string(site.join("content/example/2025.md")).unwrap();
    assert!(text.contains("year: 2025\n"), "{text}");
    assert!(text.contains("title: \"示例市示例区2025年法治政府建设年度报告\""), "{text}");
    let catalogue = fs::read_to_string(site.join("content/indicators.yaml")).unwrap();
    let ids: Vec<&str> = catalogue
        .lines()
        .filter(|l| !l.starts_with([' ', '#']) && l.ends_with(':'))
        .map(|l| l.trim_end_matches(':'))
        .collect();
    assert_eq!(ids.len(), 6);
    for id in ids {
        assert!(text.contains(&format!("  # {id}:  # ")), "{id} listed, commented:\n{text}");
    }
    assert!(text.contains("; 2024: { value: 126, change: \"+5%\" }"), "last year's figure as written:\n{text}");
    assert!(text.contains("; 2024: 36.80"), "keeps its decimals:\n{text}");

    // As written, with nothing filled in, the site still builds.
    let out = dir.path().join("out");
    build_ok(&site, &out);
    assert!(out.join("example/2025/index.html").is_file());

    // Once a figure is filled in, it shows.
    let filled = text.replace("  # gov_info_requests:", "  gov_info_requests: 402");
    fs::write(site.join("content/example/2025.md"), filled).unwrap();
    build_ok(&site, &out);
    assert!(read(&out, "example/2025/index.html").contains(r#"<span class="num">402</span>"#));
}

#[test]
fn new_never_overwrites_and_names_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(init(&site).status.success());
    let report = site.join("content/example/2024.md");
    let before = fs::read_to_string(&report).unwrap();

    let o = new(&site, "example", "2024");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("content/example/2024.md: the report already exists"));
    assert_eq!(fs::read_to_string(&report).unwrap(), before);

    let o = new(&site, "exmaple", "2025");
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("there is no organisation 'exmaple' (did you mean 'example'?)"), "{stderr}");
    assert!(!site.join("content/exmaple").exists());

    let o = new(&site, "example", "2030");
    assert!(o.status.success());
    assert!(!fs::read_to_string(site.join("content/example/2030.md")).unwrap().contains("2029:"), "no last year");

    assert_eq!(new(&site, "example", "next").status.code(), Some(2), "a year that is no number is wrong usage");
    let o = new(&site, "/tmp", "2025");
    assert_eq!(o.status.code(), Some(1), "a path is no organisation name");
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not an organisation folder name"));

    // An organisation whose file has errors: those errors, not "no organisation".
    let index = site.join("content/example/_index.md");
    fs::write(&index, fs::read_to_string(&index).unwrap().replace("name: ", "nmae: ")).unwrap();
    let o = new(&site, "example", "2026");
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("content/example/_index.md:") && !stderr.contains("no organisation"), "{stderr}");
    assert!(!site.join("content/example/2026.md").exists());
    assert_eq!(new(&site, "example", "24").status.code(), Some(1));
}
