//! Helpers shared by the integration tests: run the real binary on fixture sites and read what
//! it wrote.
#![allow(dead_code)]

pub mod browser;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The fixture folder `name` under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Replaces the first `from` in the file `rel` of `root` with `to` (asserting it is there).
pub fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
}

/// Runs `annalist` with `args`.
pub fn annalist(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annalist")).args(args).output().expect("the binary runs")
}

/// Builds `root` into `out` with extra arguments; returns the process output.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    annalist(&args)
}

/// Builds and asserts success.
pub fn build_ok(root: &Path, out: &Path) -> Output {
    let o = build(root, out, &[]);
    assert!(o.status.success(), "build failed:\n{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Reads an output file as text.
pub fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Copies a folder recursively (to make a fixture editable in a temporary folder).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// An editable copy of the "basic" fixture in a temporary folder, with `lines` added to its
/// site.yaml: the folder (keep it alive) and the site's root inside it.
pub fn basic_with_settings(lines: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    let yaml = fs::read_to_string(root.join("site.yaml")).unwrap();
    fs::write(root.join("site.yaml"), format!("{yaml}{lines}")).unwrap();
    (dir, root)
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir).into_iter().map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap())).collect()
}

/// Every file under `dir` with its path relative to it, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// Every value of `attr="…"` in `html`, unescaped for &amp;.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Resolves a relative link found on the page at `page` (a path relative to the output root)
/// to the output file it points at, or `None` for external links and pure anchors.
pub fn resolve(page: &str, href: &str, base_path: &str) -> Option<String> {
    if href.starts_with("http://")
        || href.starts_with("https://")
        || href.starts_with('#')
        || href.starts_with("mailto:")
    {
        return None;
    }
    let href = href.split('#').next().unwrap();
    let mut parts: Vec<&str> = if let Some(abs) = href.strip_prefix('/') {
        let inside =
            abs.strip_prefix(base_path.trim_start_matches('/')).expect("absolute links stay under the base path");
        return Some(index_of(inside));
    } else {
        page.split('/').collect()
    };
    parts.pop(); // the page's own file name
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop().expect("a link must not climb above the site root");
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    let joined = if href.ends_with('/') || href.is_empty() || href == "." || href.ends_with("/.") {
        format!("{joined}/")
    } else {
        joined
    };
    Some(index_of(joined.trim_start_matches('/')))
}

fn index_of(p: &str) -> String {
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// Starts `annalist serve --root root` with `args`; returns the process and the address it
/// prints ("http://127.0.0.1:PORT", no trailing slash). Its output keeps being read so it never
/// blocks on a full pipe.
pub fn spawn_serve(root: &Path, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["serve", "--root", root.to_str().unwrap()])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = loop {
        let l = lines.next().expect("serve prints where it listens").unwrap();
        if l.starts_with("serving ") {
            break l;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let url = line.split(" at ").nth(1).unwrap().split(' ').next().unwrap().trim_end_matches('/').to_string();
    (child, url)
}

/// The port of an address printed by [`spawn_serve`].
pub fn port_of(url: &str) -> u16 {
    url.rsplit(':').next().unwrap().parse().unwrap()
}

/// The text a reader sees of some HTML: tags dropped, attributes with them.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A copy of the repository's sample site (settings, catalogue, organisations and reports) in
/// a temporary folder: the folder, and the site inside it.
pub fn sample_site_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = dir.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::copy(root.join("site.yaml"), site.join("site.yaml")).unwrap();
    copy_dir(&root.join("content"), &site.join("content"));
    (dir, site)
}
