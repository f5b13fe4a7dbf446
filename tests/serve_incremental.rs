//! The live preview's rebuilds: after every edit, what `serve` holds in memory must equal a
//! clean `annalist build` of the same files, byte for byte — while rendering only what the
//! edit touches.

mod common;

use annalist::serve::output::Served;
use annalist::serve::project::Project;
use annalist::BuildOptions;
use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

const BASE: &str = "http://127.0.0.1:1111/";

struct Preview {
    _dir: tempfile::TempDir,
    root: PathBuf,
    project: Project,
    served: Arc<RwLock<Served>>,
    clean_builds: usize,
}

impl Preview {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&fixture("basic"), &root);
        let served = Arc::new(RwLock::new(Served::default()));
        let options =
            BuildOptions { root: root.clone(), output: None, base_url: None, drafts: false, deny_warnings: false };
        let mut project = Project::new(options, BASE, served.clone());
        project.full_build().expect("the fixture builds");
        Preview { _dir: dir, root, project, served, clean_builds: 0 }
    }

    /// Writes `text` to `rel` (or deletes it when `None`) and lets the preview follow.
    fn save(&mut self, rel: &str, text: Option<&str>) -> annalist::Result<annalist::serve::project::Outcome> {
        let path = self.root.join(rel);
        match text {
            Some(t) => {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, t).unwrap();
            }
            None => fs::remove_file(&path).unwrap(),
        }
        self.project.apply(&[PathBuf::from(rel)])
    }

    fn edit(&mut self, rel: &str, from: &str, to: &str) -> annalist::serve::project::Outcome {
        let text = fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        let out = self.save(rel, Some(&text.replacen(from, to, 1)));
        out.unwrap_or_else(|e| panic!("{rel}: {e:?}"))
    }

    /// What the preview serves, data files and search index made.
    fn served(&self) -> BTreeMap<String, Vec<u8>> {
        self.project.refresh_data().unwrap();
        self.project.refresh_search().unwrap();
        let s = self.served.read().unwrap();
        s.files.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
    }

    /// Asserts the preview holds exactly what a clean build of the folder writes.
    fn assert_equals_clean_build(&mut self) {
        self.clean_builds += 1;
        let out = self._dir.path().join(format!("clean{}", self.clean_builds));
        build_ok_with(&self.root, &out, &["--base-url", BASE]);
        let clean: BTreeMap<String, Vec<u8>> = files(&out)
            .into_iter()
            .filter(|f| f != ".annalist-output" && f != ".annalist-files")
            .map(|f| {
                let bytes = fs::read(out.join(&f)).unwrap();
                (f, bytes)
            })
            .collect();
        let served = self.served();
        let clean_names: Vec<&String> = clean.keys().collect();
        let served_names: Vec<&String> = served.keys().collect();
        assert_eq!(served_names, clean_names, "the same files");
        for (name, bytes) in &clean {
            if served[name] != *bytes {
                panic!(
                    "{name} differs from a clean build:\n--- served\n{}\n--- clean\n{}",
                    show(&served[name]),
                    show(bytes)
                );
            }
        }
    }
}

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).chars().take(4000).collect()
}

fn build_ok_with(root: &Path, out: &Path, extra: &[&str]) {
    let o = build(root, out, extra);
    assert!(o.status.success(), "clean build failed:\n{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_sequence_of_edits_gives_what_a_clean_build_gives() {
    let mut p = Preview::new();
    p.assert_equals_clean_build();

    // A figure changes: the report, its neighbours, organisation, year, indicator pages.
    let o = p.edit("content/alpha/2021.md", "correction_rate: 18", "correction_rate: 19.5");
    assert!(!o.full, "a figure edit is not a full rebuild");
    assert!(o.changed.contains(&"alpha/2021/index.html".to_string()), "{:?}", o.changed);
    assert!(o.changed.contains(&"alpha/2022/index.html".to_string()), "next year's change column");
    assert!(!o.changed.contains(&"beta/2023/index.html".to_string()), "another organisation's report");
    let pages = p.project.output_paths().iter().filter(|f| f.ends_with(".html")).count();
    assert!(o.rendered < pages, "rendered {} of {pages}", o.rendered);
    p.assert_equals_clean_build();

    // A tag is added, a new indicator appears with a stated change (derives last year's value).
    p.edit("content/alpha/2022.md", "tags: [", "tags: [新标签, ");
    p.assert_equals_clean_build();
    p.edit(
        "content/beta/2023.md",
        "  review_closed: 218",
        "  review_closed: 218\n  new_items: { value: 12, change: \"+4\" }",
    );
    p.assert_equals_clean_build();
    p.edit("content/alpha/2021.md", "  new_items: 4\n", "");
    p.assert_equals_clean_build();

    // Text only.
    let o = p.edit("content/alpha/2021.md", "## 二、存在的不足", "## 二、存在的问题");
    assert!(o.changed.contains(&"alpha/2021/index.html".to_string()));
    p.assert_equals_clean_build();

    // The organisation, a free page, home.
    p.edit("content/alpha/_index.md", "short_name: 甲区", "short_name: 甲区(新)");
    p.assert_equals_clean_build();
    // Another region: it leaves one region's page (the last of it, so the page goes) for another's.
    p.edit("content/alpha/_index.md", "region: 某市", "region: 另一市");
    p.assert_equals_clean_build();
    // A search: false report leaves the index.
    p.edit("content/alpha/2020.md", "year: 2020\n", "year: 2020\nsearch: false\n");
    p.assert_equals_clean_build();
    let about = fs::read_to_string(p.root.join("content/pages/about.md")).unwrap();
    p.save("content/pages/about.md", Some(&format!("{about}\n补充一段。\n"))).unwrap();
    p.assert_equals_clean_build();

    // A template override appears, then changes; a stylesheet changes.
    let report = std::str::from_utf8(
        &fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/report.html")).unwrap(),
    )
    .unwrap()
    .replace("<article>", "<article class=\"overridden\">");
    let o = p.save("templates/report.html", Some(&report)).unwrap();
    assert!(!o.full && o.changed.contains(&"alpha/2021/index.html".to_string()));
    assert!(!o.changed.contains(&"alpha/index.html".to_string()), "the entity page does not use report.html");
    p.assert_equals_clean_build();
    let o = p.save("static/extra.css", Some("body { color: #111; }\n")).unwrap();
    assert!(o.css_only(), "{:?}", o.changed);
    p.assert_equals_clean_build();

    // A report appears, another goes: the site's shape changes.
    let new = fs::read_to_string(p.root.join("content/alpha/2022.md")).unwrap().replace("2022", "2023");
    p.save("content/alpha/2023.md", Some(&new)).unwrap();
    p.assert_equals_clean_build();
    p.save("content/alpha/2020.md", None).unwrap();
    p.assert_equals_clean_build();

    // site.yaml.
    let yaml = fs::read_to_string(p.root.join("site.yaml")).unwrap();
    let o = p.save("site.yaml", Some(&format!("{yaml}paginate_by: 1\n"))).unwrap();
    assert!(o.full);
    p.assert_equals_clean_build();
    p.edit("content/beta/2023.md", "correction_rate: 21.08", "correction_rate: 22");
    p.assert_equals_clean_build();
}

#[test]
fn a_broken_save_keeps_the_last_good_output_until_it_is_fixed() {
    let mut p = Preview::new();
    let before = p.served();
    let text = fs::read_to_string(p.root.join("content/alpha/2021.md")).unwrap();
    let broken = text.replace("correction_rate: 18", "corection_rate: 18");
    let err = p.save("content/alpha/2021.md", Some(&broken)).unwrap_err();
    assert!(format!("{err:?}").contains("corection_rate"), "{err:?}");
    assert_eq!(p.served(), before, "nothing served changed");

    // A body that renders wrong (a broken link) is undone in the model too.
    let bad_link = text.replace("纠错率为18%。", "纠错率为18%,[见此](../../nowhere/)。");
    assert!(p.save("content/alpha/2021.md", Some(&bad_link)).is_err());
    assert_eq!(p.served(), before);
    let o = p.edit("content/alpha/2021.md", "[见此](../../nowhere/)", "[见此](../2020/)");
    assert!(!o.full);
    p.assert_equals_clean_build();
}

/// A small deterministic generator (SplitMix64), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

#[test]
fn random_figure_edits_give_what_a_clean_build_gives() {
    for seed in [7, 11, 23] {
        random_figure_edits(seed);
    }
}

fn random_figure_edits(seed: u64) {
    let mut p = Preview::new();
    let reports = ["content/alpha/2020.md", "content/alpha/2021.md", "content/alpha/2022.md", "content/beta/2023.md"];
    let ids = ["review_closed", "correction_rate", "new_items", "relief_funds", "info_requests", "claim_rate"];
    let mut rng = Rng(seed);
    let mut incremental = 0;
    for step in 0..24 {
        let rel = reports[rng.below(reports.len())];
        let text = fs::read_to_string(p.root.join(rel)).unwrap();
        let (head, body) = text[4..].split_once("\n---\n").unwrap();
        let mut lines: Vec<String> = head.lines().map(String::from).collect();
        let at = lines.iter().position(|l| l == "indicators:").unwrap() + 1;
        let id = ids[rng.below(ids.len())];
        let existing = lines.iter().position(|l| l.starts_with(&format!("  {id}:")));
        let value = format!("{}.{}", 10 + rng.below(90), rng.below(10));
        let line = match rng.below(4) {
            0 => format!("  {id}: {{ value: {value}, change: \"+{}%\" }}", 1 + rng.below(30)),
            1 => format!("  {id}: {{ value: {value}, change: \"-{}\" }}", 1 + rng.below(5)),
            _ => format!("  {id}: {value}"),
        };
        match (existing, rng.below(5)) {
            (Some(i), 0) => {
                lines.remove(i);
            }
            (Some(i), _) => lines[i] = line,
            (None, _) => lines.insert(at, line),
        }
        let new = format!("---\n{}\n---\n{body}", lines.join("\n"));
        match p.save(rel, Some(&new)) {
            Ok(o) => {
                assert!(!o.full, "step {step}: a figure edit is not a full rebuild");
                incremental += 1;
            }
            // A random change may contradict the report's text or a rate's range: then the
            // clean build fails too, and the preview keeps the last good output.
            Err(e) => {
                let out = p._dir.path().join("failing");
                let o = build(&p.root, &out, &["--base-url", BASE]);
                assert!(!o.status.success(), "step {step}: the preview failed ({e:?}) but a build succeeds");
                fs::write(p.root.join(rel), &text).unwrap();
                p.project.apply(&[PathBuf::from(rel)]).unwrap();
            }
        }
        p.assert_equals_clean_build();
    }
    assert!(incremental >= 16, "seed {seed}: most random edits build ({incremental} of 24)");
}

#[test]
fn a_save_reports_the_warnings_about_its_organisation() {
    let mut p = Preview::new();
    let o = p.edit(
        "content/alpha/2022.md",
        "correction_rate: 21.08",
        "correction_rate: { value: 21.08, change: \"+10pp\" }",
    );
    let w: Vec<String> = o.warnings.iter().map(|d| format!("{}:{}: {}", d.file.display(), d.line, d.message)).collect();
    assert!(
        w.iter().any(|m| m.starts_with("content/alpha/2022.md:") && m.contains("states a change of +10pp")),
        "{w:?}"
    );
    assert!(w.iter().all(|m| m.starts_with("content/alpha/")), "only the saved organisation's: {w:?}");
}

#[test]
fn a_failed_rebuild_puts_the_model_back_so_later_saves_stay_exact() {
    let mut p = Preview::new();
    let rel = "content/alpha/2021.md";
    let text = fs::read_to_string(p.root.join(rel)).unwrap();
    // A new figure and a new tag (the site's shape changes: a full build) with a broken shortcode.
    let broken = text
        .replace("correction_rate: 18", "correction_rate: 19.5")
        .replace("tags: [", "tags: [新标签, ")
        .replace("## 二、存在的不足", "{{ nope() }}\n\n## 二、存在的不足");
    assert!(p.save(rel, Some(&broken)).is_err());
    // The fix keeps the figure but drops the tag: pages showing the figure must still change.
    let fixed = text.replace("correction_rate: 18", "correction_rate: 19.5");
    p.save(rel, Some(&fixed)).unwrap();
    p.assert_equals_clean_build();
}

#[test]
fn a_page_that_starts_naming_another_organisation_follows_its_edits() {
    let mut p = Preview::new();
    let rel = "content/alpha/_index.md";
    let text = fs::read_to_string(p.root.join(rel)).unwrap();
    p.save(
        rel,
        Some(&format!("{text}\n乙区纠错率{{{{ value(id=\"correction_rate\", entity=\"beta\", year=2023) }}}}。\n")),
    )
    .unwrap();
    p.assert_equals_clean_build();
    p.edit("content/beta/2023.md", "correction_rate: 21.08", "correction_rate: 23.5");
    p.assert_equals_clean_build();
}

#[test]
fn editing_a_partial_used_by_a_shortcode_renders_the_bodies_again() {
    let mut p = Preview::new();
    p.save("templates/partial.html", Some("<b>v1</b>")).unwrap();
    p.save("templates/shortcodes/badge.html", Some("{% include \"partial.html\" %}")).unwrap();
    let rel = "content/alpha/2021.md";
    let text = fs::read_to_string(p.root.join(rel)).unwrap();
    p.save(rel, Some(&text.replace("## 二、存在的不足", "{{ badge() }}\n\n## 二、存在的不足"))).unwrap();
    p.assert_equals_clean_build();
    let o = p.save("templates/partial.html", Some("<b>v2</b>")).unwrap();
    assert!(o.changed.contains(&"alpha/2021/index.html".to_string()), "{:?}", o.changed);
    p.assert_equals_clean_build();
}
