//! Building over a previous output: only changed files are written, stale ones go, the result
//! is byte for byte what a fresh build writes, and a build that fails after pages were
//! rendered leaves the old output exactly as it was.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Sets every file of `out` an hour back, so a rewrite shows in its modification time.
fn age(out: &Path) -> SystemTime {
    let old = SystemTime::now() - Duration::from_secs(3600);
    for f in files(out) {
        fs::File::options().write(true).open(out.join(f)).unwrap().set_modified(old).unwrap();
    }
    old
}

fn modified(out: &Path, rel: &str) -> SystemTime {
    fs::metadata(out.join(rel)).unwrap().modified().unwrap()
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn a_rebuild_writes_only_what_changed_and_matches_a_fresh_build() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&site, &out);

    let old = age(&out);
    let o = build_ok(&site, &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("(0 files written, "), "nothing changed, nothing written: {stdout}");
    assert!(files(&out).iter().all(|f| modified(&out, f) == old), "an unchanged rebuild touched a file");

    // One figure of beta's 2023 report: its page, its organisation's page and data change,
    // alpha's pages do not.
    edit(&site, "content/beta/2023.md", "review_closed: ", "review_closed: 1");
    let o = build_ok(&site, &out);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(modified(&out, "beta/2023/index.html") > old, "the edited report's page is rewritten");
    assert!(modified(&out, "beta/data.csv") > old);
    // The site-wide data files are streamed, compared with the old ones as they are made.
    assert!(modified(&out, "data/indicators.csv") > old && modified(&out, "data/indicators.json") > old);
    assert_eq!(modified(&out, "alpha/2021/index.html"), old, "another organisation's report is left alone");
    assert_eq!(modified(&out, "about/index.html"), old);
    let written: usize = stdout.split("(").nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
    assert!(written > 0 && written < files(&out).len() / 2, "{stdout}");

    // The only report of 2020 removed: its page and that year's page go, with their folders.
    fs::remove_file(site.join("content/alpha/2020.md")).unwrap();
    let o = build_ok(&site, &out);
    assert!(String::from_utf8_lossy(&o.stdout).contains(" 2 removed)"), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(!out.join("alpha/2020").exists() && !out.join("years/2020").exists(), "emptied folders are gone");

    let fresh = dir.path().join("fresh");
    build_ok(&site, &fresh);
    assert_eq!(snapshot(&out), snapshot(&fresh), "a rebuild writes exactly what a fresh build writes");
}

#[test]
fn a_build_failing_after_rendering_leaves_the_old_output_exactly() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let before = snapshot(&out);
    let folders_before: Vec<_> = walkdir::WalkDir::new(&out).into_iter().map(|e| e.unwrap().into_path()).collect();

    // A changed figure (a page that would be rewritten), a new report (a folder that would be
    // created) and a broken link, found only once every page has rendered.
    edit(&site, "content/alpha/2022.md", "review_closed: 218", "review_closed: 219");
    let new_report = fs::read_to_string(site.join("content/alpha/2022.md"))
        .unwrap()
        .replace("year: 2022", "year: 2023")
        .replace("## 一、主要举措和成效", "## 一、主要举措和成效\n\n见[旧页](../../nowhere/)。");
    fs::write(site.join("content/alpha/2023.md"), new_report).unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("content/alpha/2023.md:") && stderr.contains("broken link"), "{stderr}");

    assert_eq!(snapshot(&out), before, "no file of the old output changed");
    let folders_after: Vec<_> = walkdir::WalkDir::new(&out).into_iter().map(|e| e.unwrap().into_path()).collect();
    assert_eq!(folders_after, folders_before, "no temporary file or new folder left behind");
}

#[test]
fn a_file_where_a_folder_must_go_falls_back_to_a_fresh_folder() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    // The previous build wrote the file files/report; the new one needs the folder files/report/.
    fs::create_dir_all(site.join("static/files")).unwrap();
    fs::write(site.join("static/files/report"), "a file").unwrap();
    build_ok(&site, &out);
    fs::remove_file(site.join("static/files/report")).unwrap();
    fs::create_dir_all(site.join("static/files/report")).unwrap();
    fs::write(site.join("static/files/report/2021.pdf"), "a file in a folder").unwrap();
    build_ok(&site, &out);
    assert!(out.join("files/report/2021.pdf").is_file());
    let fresh = dir.path().join("fresh");
    build_ok(&site, &fresh);
    assert_eq!(snapshot(&out), snapshot(&fresh));
}
