//! With the built-in templates unchanged, pages give them less data than a site's own templates
//! get (docs/format.md): only what they print. What is left out must be nothing they print, so
//! a site whose templates are the built-in ones with a comment added, which gets every field,
//! must come out byte for byte the same, and so must a site whose templates lay out the rows
//! of the big tables from their fields instead of printing their ready HTML, and one whose
//! templates the theme's strings are not written into.

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

/// The built-in templates a site copies to lay out the rows of the big tables itself, from
/// their fields, as a theme that does not print `rows_html` would. (With any template of its
/// own, a site's pages also have their `reports`, which the page templates then list with the
/// `report_list` macro instead of printing `reports_html`.)
fn templates_with_row_loops() -> Vec<(&'static str, String)> {
    let swap = |text: &str, ready: &str, looped: &str| {
        assert!(text.contains(ready), "the built-in template prints {ready}");
        text.replace(ready, looped)
    };
    let macros = swap(
        include_str!("../themes/default/templates/macros.html"),
        "{{ g.rows_html | safe }}</tbody>",
        "{% for row in g.rows -%}\n<tr>\n<th scope=\"row\"><a href=\"{{ root }}{{ row.indicator.url }}\">{{ row.indicator.label }}</a></th>\n{% for c in row.cells %}<td class=\"num\">{{ c.html | safe }}</td>{% endfor %}\n<td class=\"spark\">{% if row.sparkline %}{{ row.sparkline | safe }}{% endif %}</td>\n</tr>\n{% endfor -%}\n</tbody>",
    );
    let year = swap(
        include_str!("../themes/default/templates/year.html"),
        "{{ g.rows_html | safe }}",
        "{% for row in g.rows %}<tr><th scope=\"row\"><a href=\"{{ root }}{{ row.report.url }}\">{{ row.report.entity_short_name }}</a></th>{{ row.cells_html | safe }}</tr>\n{% endfor %}",
    );
    let indicator = swap(
        include_str!("../themes/default/templates/indicator.html"),
        "{{ rows_html | safe }}",
        "{% for row in rows %}<tr><th scope=\"row\"><a href=\"{{ root }}{{ row.entity.url }}\">{{ row.entity.short_name }}</a></th>\n{{ row.cells_html | safe }}</tr>\n{% endfor %}",
    );
    vec![("macros.html", macros), ("year.html", year), ("indicator.html", indicator)]
}

/// Builds `site` as it is and again with `own` templates in the site; both outputs must be the
/// same files with the same bytes.
fn same_with_own_templates(site: &Path, work: &Path, own: &[(&str, String)]) {
    let built_in = work.join("built-in");
    if !built_in.exists() {
        build_ok(site, &built_in);
    }
    let own_site = work.join("own-site");
    let _ = fs::remove_dir_all(&own_site);
    copy_dir(site, &own_site);
    let _ = fs::remove_dir_all(own_site.join("output"));
    for (name, text) in own {
        let path = own_site.join("templates").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let own = work.join("own");
    let _ = fs::remove_dir_all(&own);
    build_ok(&own_site, &own);
    let (a, b) = (files(&built_in), files(&own));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between the built-in templates and a site's own");
    }
    assert!(a.len() > 20, "{} files", a.len());
}

/// A site's copy of the built-in `macros.html` (a comment added) gets every field; a site
/// whose templates loop over the rows of big tables gets them as fields; a site with a
/// template that assigns `t` has no strings written into its templates before they compile:
/// all three come out as the built-in templates do.
fn same_with_every_field(site: &Path, work: &Path) {
    let macros = include_str!("../themes/default/templates/macros.html");
    same_with_own_templates(site, work, &[("macros.html", format!("{macros}{{# the site's own copy #}}\n"))]);
    same_with_own_templates(site, work, &templates_with_row_loops());
    same_with_own_templates(site, work, &[("shortcodes/unused.html", "{% set t = t %}".to_string())]);
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

#[test]
fn a_site_that_changes_the_report_list_macro_sees_it_on_every_list() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("basic"), &site);
    let _ = fs::remove_dir_all(site.join("output"));
    let macros = include_str!("../themes/default/templates/macros.html");
    let changed = macros.replace("<ul class=\"report-list\">", "<ul class=\"report-list own-list\">");
    assert_ne!(changed, macros);
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::write(site.join("templates/macros.html"), changed).unwrap();
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let tag = fs::read_dir(out.join("tags")).unwrap().next().unwrap().unwrap().path().join("index.html");
    let lists = ["alpha/index.html", "years/2022/index.html", "index.html"].map(|p| out.join(p));
    for page in lists.into_iter().chain([tag]) {
        let html = fs::read_to_string(&page).unwrap();
        assert!(html.contains("<ul class=\"report-list own-list\">"), "{}", page.display());
        assert!(!html.contains("<ul class=\"report-list\">"), "{}", page.display());
    }
}
