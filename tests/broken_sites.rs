//! The corpus of broken sites: each folder under tests/broken holds one defect (files laid
//! over the basic fixture) and `expect.yaml` with the place and message of the error it must
//! give. Each must fail with exit 1 at exactly that place and leave the previous output alone.

mod common;

use common::*;
use std::fs;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Expect {
    file: String,
    line: usize,
    col: usize,
    message: String,
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir).into_iter().map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap())).collect()
}

#[test]
fn every_broken_site_fails_at_its_defect_and_leaves_the_output_alone() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut cases: Vec<_> = fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 40, "the corpus has only {} cases", cases.len());

    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good");
    build_ok(&fixture("basic"), &good);
    let before = snapshot(&good);

    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let expect: Expect = serde_yaml::from_str(&fs::read_to_string(case.join("expect.yaml")).unwrap()).unwrap();
        let work = tmp.path().join(&name);
        let site = work.join("site");
        copy_dir(&fixture("basic"), &site);
        copy_dir(&case.join("site"), &site);
        let out = work.join("out");
        copy_dir(&good, &out);

        let o = annalist(&[
            "--format",
            "json",
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let first_error = stderr
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|v| v["severity"] == "error");
        let problem = if o.status.code() != Some(1) {
            Some(format!("exit {:?}", o.status.code()))
        } else if let Some(e) = first_error {
            let place = (
                e["file"].as_str().unwrap_or_default(),
                e["line"].as_u64().unwrap_or(0),
                e["col"].as_u64().unwrap_or(0),
            );
            if place != (expect.file.as_str(), expect.line as u64, expect.col as u64) {
                Some(format!(
                    "error at {}:{}:{}, expected {}:{}:{}",
                    place.0, place.1, place.2, expect.file, expect.line, expect.col
                ))
            } else if !e["message"].as_str().unwrap_or_default().contains(&expect.message) {
                Some(format!("message {:?} lacks {:?}", e["message"], expect.message))
            } else {
                None
            }
        } else {
            Some(format!("no error reported: {stderr}"))
        };
        if let Some(p) = problem {
            failures.push(format!("{name}: {p}"));
        }
        if snapshot(&out) != before {
            failures.push(format!("{name}: the previous output changed"));
        }
        let leftovers: Vec<_> = fs::read_dir(&work).unwrap().map(|e| e.unwrap().file_name()).collect();
        if leftovers.len() != 2 {
            failures.push(format!("{name}: staging folders left behind: {leftovers:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn human_errors_show_place_source_line_caret_and_hint() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("basic"), &site);
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/unknown-indicator/site"), &site);
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.starts_with(
            "error: content/alpha/2021.md:9:3: unknown indicator 'relief_fund' (did you mean 'relief_funds'?)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("9 |   relief_fund: 15495"), "{stderr}");
    assert!(stderr.contains("^^^^^^^^^^^"), "{stderr}");
    assert!(stderr.contains("help: use 'relief_funds'"), "{stderr}");
    assert!(stderr.contains("error: 1 error(s); nothing was written"), "{stderr}");
}

#[test]
fn all_errors_of_a_run_are_reported_together_sorted_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("basic"), &site);
    for case in ["unknown-indicator", "invalid-stated-change", "misspelt-title-key"] {
        let overlay = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken").join(case).join("site");
        copy_dir(&overlay, &site);
    }
    let o = annalist(&["--format", "json", "check", "--root", site.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let places: Vec<String> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["severity"] == "error")
        .map(|v| format!("{}:{}", v["file"].as_str().unwrap(), v["line"]))
        .collect();
    assert_eq!(places, ["content/alpha/2021.md:2", "content/beta/2023.md:8"], "{stderr}");
    assert!(stderr.contains("\"errors\":2"), "{stderr}");
    // Every line leads with its severity, whatever reads it.
    let json_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with('{')).collect();
    assert!(json_lines.len() >= 3 && json_lines.iter().all(|l| l.starts_with("{\"severity\":")), "{stderr}");
}

#[test]
fn check_writes_nothing_and_passes_a_good_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("basic"), &site);
    let before = files(&site);
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("checked "));
    assert_eq!(files(&site), before, "check wrote something");
}

#[test]
fn deny_warnings_turns_warnings_into_a_failure() {
    // The basic fixture has one warning: review_closed is reported for 2020 and 2022 but not 2021.
    let o = annalist(&["check", "--root", fixture("basic").to_str().unwrap()]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(
            "warning: content/alpha/2021.md:7:1: 'review_closed' is reported for 2020 and 2022 but not for 2021"
        ),
        "{stderr}"
    );
    let o = annalist(&["check", "--deny-warnings", "--root", fixture("basic").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}
