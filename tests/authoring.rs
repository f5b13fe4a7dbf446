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
    // The stated "同比增长5%" gives last year's 约120 (119.4–120.6), marked as derived and
    // approximate, and the change column shows the change as the report states it.
    assert!(
        report.contains(r#"<span class="num">120</span>"#) && report.contains("class=\"fig is-derived is-approx\""),
        "derived value shown, marked"
    );
    assert!(report.contains("同比增长5%"), "the stated change as written");
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

fn check_clean(site: &Path) {
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "check failed:\n{}", String::from_utf8_lossy(&o.stderr));
}

/// The lines of a report's `indicators:` block.
fn indicator_lines(text: &str) -> Vec<&str> {
    text.lines().skip_while(|l| *l != "indicators:").skip(1).take_while(|l| *l != "---").collect()
}

#[test]
fn a_new_report_prefills_last_years_indicators_empty_with_their_figures_as_comments() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(init(&site).status.success());
    let o = new(&site, "example", "2025");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("content/example/2025.md"));
    let text = fs::read_to_string(site.join("content/example/2025.md")).unwrap();
    assert!(text.contains("year: 2025\n"), "{text}");
    assert!(text.contains("title: \"示例市示例区2025年法治政府建设年度报告\""), "{text}");
    let lines = indicator_lines(&text);
    let line = |id: &str| {
        *lines.iter().find(|l| l.starts_with(&format!("  {id}:"))).unwrap_or_else(|| panic!("{id}:\n{text}"))
    };
    // Each key is there with an empty value: last year's figure is only a comment.
    assert!(line("admin_review_received").ends_with(" # 2024年：{ value: 126, change: 同比增长5% }"), "{text}");
    assert!(line("law_training_spend").ends_with(" # 2024年：36.80"), "keeps its decimals:\n{text}");
    for id in ["admin_review_received", "admin_review_correction_rate", "gov_info_requests", "law_training_spend"] {
        let before_comment = line(id).split(" #").next().unwrap();
        assert_eq!(before_comment.trim_end(), format!("  {id}:"), "no value given for {id}");
    }
    assert!(!lines.iter().any(|l| l.contains("：admin_review_received")), "pre-filled ids are not listed again");

    // As written, with nothing filled in, the site checks and builds.
    check_clean(&site);
    let out = dir.path().join("out");
    build_ok(&site, &out);
    assert!(out.join("example/2025/index.html").is_file());

    // Once a figure is filled in, it shows.
    let filled = text.replace("  gov_info_requests:", "  gov_info_requests: 402");
    fs::write(site.join("content/example/2025.md"), filled).unwrap();
    build_ok(&site, &out);
    assert!(read(&out, "example/2025/index.html").contains(r#"<span class="num">402</span>"#));
}

/// A catalogue of `groups` groups of `per_group` count indicators, `g{i}_n{j}`.
fn big_catalogue(groups: usize, per_group: usize) -> String {
    let mut yaml = String::new();
    for g in 0..groups {
        for n in 0..per_group {
            yaml.push_str(&format!(
                "g{g}_n{n}:\n  label: 指标{g}-{n}\n  unit: 件\n  kind: count\n  better: higher\n  group: 第{g}组\n"
            ));
        }
    }
    yaml
}

#[test]
fn an_older_report_is_used_when_last_years_is_missing_and_figures_stay_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(init(&site).status.success());
    fs::write(site.join("content/indicators.yaml"), big_catalogue(6, 20)).unwrap();
    let folder = site.join("content/example");
    fs::remove_file(folder.join("2024.md")).unwrap();
    let older = "---\ntitle: 二〇二二年报告\nyear: 2022\nindicators:\n  g0_n1: 85   # 第三节\n  g0_n2: { value: 31.5万, change: 同比增长17.1%, note: 按“件”统计，含#号栏 }\n  g3_n4: 1500余\n  g2_n0:\n    value: 42\n    break: 2024年起只统计市场监管领域\n  g5_n9:\n  not_in_catalogue: 3\n---\n正文\n";
    fs::write(folder.join("2022.md"), older).unwrap();
    fs::write(folder.join("2019.md"), "---\ntitle: 旧\nyear: 2019\nindicators:\n  g1_n1: 7\n---\n").unwrap();

    let o = new(&site, "example", "2024");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(folder.join("2024.md")).unwrap();
    let lines = indicator_lines(&text);
    for (id, comment) in [
        ("g0_n1", "# 2022年：85"),
        ("g0_n2", "# 2022年：{ value: 31.5万, change: 同比增长17.1%, note: 按“件”统计，含#号栏 }"),
        ("g3_n4", "# 2022年：1500余"),
        ("g2_n0", "# 2022年：{ value: 42, break: 2024年起只统计市场监管领域 }"),
    ] {
        let line = lines.iter().find(|l| l.starts_with(&format!("  {id}:"))).unwrap_or_else(|| panic!("{id}:\n{text}"));
        assert!(line.ends_with(comment), "{line}");
        assert!(line.split(" #").next().unwrap().trim_end().ends_with(':'), "empty value: {line}");
    }
    assert!(!text.contains("2019"), "the latest earlier report is used:\n{text}");
    assert!(!lines.iter().any(|l| l.starts_with("  g5_n9:")), "a gap last time is not pre-filled:\n{text}");
    assert!(lines.iter().any(|l| l.starts_with("  #") && l.contains("not_in_catalogue")), "{text}");
    // The other indicators: one line per group, each id once.
    let group_lines: Vec<&&str> = lines.iter().filter(|l| l.starts_with("  # 第")).collect();
    assert_eq!(group_lines.len(), 6, "{text}");
    assert!(group_lines[0].starts_with("  # 第0组：g0_n0, g0_n3, g0_n4"), "{text}");
    assert!(lines.len() <= 6 + 4 + 15, "compact: {} lines\n{text}", lines.len());
    let written = text.matches("g5_n9").count();
    assert_eq!(written, 1, "{text}");
}

#[test]
fn a_report_with_nothing_before_it_lists_the_catalogue_by_group_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(init(&site).status.success());
    fs::write(site.join("content/indicators.yaml"), big_catalogue(5, 30)).unwrap();
    fs::remove_file(site.join("content/example/2024.md")).unwrap();
    let o = new(&site, "example", "2024");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(site.join("content/example/2024.md")).unwrap();
    let lines = indicator_lines(&text);
    assert!(lines.iter().all(|l| l.starts_with("  #")), "nothing filled in:\n{text}");
    assert!(lines.len() <= 5 + 15, "one line per group: {} lines\n{text}", lines.len());
    for g in 0..5 {
        for n in 0..30 {
            assert_eq!(text.matches(&format!("g{g}_n{n},")).count() + text.matches(&format!("g{g}_n{n}\n")).count(), 1);
        }
    }
    check_clean(&site);
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
    let text = fs::read_to_string(site.join("content/example/2030.md")).unwrap();
    assert!(!text.contains("2029") && text.contains("# 2024年："), "the latest earlier report, 2024:\n{text}");

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
