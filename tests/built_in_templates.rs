//! With the built-in templates unchanged, pages give them less data than a site's own templates
//! get (docs/format.md): only what they print. What is left out must be nothing they print, so
//! a site whose templates are the built-in ones with a comment added, which gets every field,
//! must come out byte for byte the same.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file under `root`, by path relative to it, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Builds `site` as it is and again with a site copy of the built-in `macros.html` (a comment
/// added); both outputs must be the same files with the same bytes.
fn same_with_every_field(site: &Path, work: &Path) {
    let built_in = work.join("built-in");
    build_ok(site, &built_in);
    let own_site = work.join("own-site");
    copy_dir(site, &own_site);
    let _ = fs::remove_dir_all(own_site.join("output"));
    let macros = include_str!("../themes/default/templates/macros.html");
    fs::create_dir_all(own_site.join("templates")).unwrap();
    fs::write(own_site.join("templates/macros.html"), format!("{macros}{{# the site's own copy #}}\n")).unwrap();
    let own = work.join("own");
    build_ok(&own_site, &own);
    let (a, b) = (files(&built_in), files(&own));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between the built-in templates and a site's own copy");
    }
    assert!(a.len() > 20, "{} files", a.len());
}

#[test]
fn the_fixture_site_is_the_same_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    same_with_every_field(&fixture("basic"), dir.path());
}

#[test]
fn the_sample_site_is_the_same_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = dir.path().join("sample");
    fs::create_dir_all(&site).unwrap();
    fs::copy(root.join("site.yaml"), site.join("site.yaml")).unwrap();
    for sub in ["content", "static", "templates"] {
        if root.join(sub).is_dir() {
            copy_dir(&root.join(sub), &site.join(sub));
        }
    }
    same_with_every_field(&site, dir.path());
}
