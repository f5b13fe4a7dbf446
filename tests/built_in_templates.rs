//! A page makes its costliest fields (rows and cells as data, lists of reports in full, a
//! neighbouring report in full, every page of a long list) only when its templates name them
//! (docs/format.md). What is left out must be nothing a template prints, so a site whose
//! templates read every field must come out byte for byte as the default theme does, and so
//! must a site whose templates lay out the rows of the big tables from their fields instead of
//! printing their ready HTML, and one whose templates the theme's strings are not written into.

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
/// their fields, as a theme that does not print `rows_html` would.
fn templates_with_row_loops() -> Vec<(&'static str, String)> {
    let swap = |text: &str, ready: &str, looped: &str| {
        assert!(text.contains(ready), "the built-in template prints {ready}");
        text.replace(ready, looped)
    };
    let macros = swap(
        include_str!("../themes/default/templates/macros.html"),
        "{{ g.rows_html | safe }}</tbody>",
        "{% for row in g.rows -%}\n<tr>\n<th scope=\"row\"><a href=\"{{ root }}{{ row.indicator.url }}\">{{ row.indicator.label }}</a>{% if row.indicator.unit %}<span class=\"unit\">{{ t.paren_open }}{{ row.indicator.unit }}{{ t.paren_close }}</span>{% endif %}</th>\n{% for c in row.cells %}<td class=\"num{% if loop.last %} newest{% endif %}\">{{ c.html | safe }}</td>{% endfor %}\n<td class=\"spark\">{% if row.sparkline %}{{ row.sparkline | safe }}{% endif %}</td>\n</tr>\n{% endfor -%}\n</tbody>",
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

/// A site whose `base.html` could read the whole context (never printing it) gets every field
/// on every page; a site whose templates loop over the rows of big tables gets them as fields;
/// a site with a template that assigns `t` has no strings written into its templates before
/// they compile: all three come out as the built-in templates do.
fn same_with_every_field(site: &Path, work: &Path) {
    let base = include_str!("../themes/default/templates/base.html");
    let reads_all = format!("{{% if false %}}{{{{ __tera_context }}}}{{% endif %}}{base}");
    same_with_own_templates(site, work, &[("base.html", reads_all)]);
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

/// The default theme's page templates print lists of reports ready made (`reports_html`) and
/// its home page lists the latest with the `report_list` macro: a site that changes the macro
/// sees it there, and on any page whose own template calls it with that page's `reports`.
#[test]
fn a_site_that_changes_the_report_list_macro_sees_it_where_it_is_called() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("basic"), &site);
    let _ = fs::remove_dir_all(site.join("output"));
    let macros = include_str!("../themes/default/templates/macros.html");
    let changed = macros.replace("<ul class=\"report-list\">", "<ul class=\"report-list own-list\">");
    assert_ne!(changed, macros);
    let tag = include_str!("../themes/default/templates/tag.html");
    let calling = tag.replace("{{ reports_html | safe }}", "{{ m::report_list(reports=reports, root=root, t=t) }}");
    assert_ne!(calling, tag);
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::write(site.join("templates/macros.html"), changed).unwrap();
    fs::write(site.join("templates/tag.html"), calling).unwrap();
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let tag = fs::read_dir(out.join("tags")).unwrap().next().unwrap().unwrap().path().join("index.html");
    for (page, own) in [(out.join("index.html"), true), (tag, true), (out.join("alpha/index.html"), false)] {
        let html = fs::read_to_string(&page).unwrap();
        assert_eq!(html.contains("<ul class=\"report-list own-list\">"), own, "{}", page.display());
        assert_eq!(html.contains("<ul class=\"report-list\">"), !own, "{}", page.display());
    }
}

#[test]
fn a_template_gets_every_costly_field_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("basic"), &site);
    let _ = fs::remove_dir_all(site.join("output"));
    fs::create_dir_all(site.join("templates/partials")).unwrap();
    let own = [
        ("tag.html", "{% for r in reports %}[{{ r.title }}|{{ r.tags | length }}]{% endfor %}"),
        // Named only in an included template and a macro it calls, not in the page's own.
        ("year.html", r#"{% include "partials/rows.html" %}"#),
        ("partials/rows.html", r#"{% import "partials/m.html" as p %}{{ p::rows(gs=groups) }}"#),
        (
            "partials/m.html",
            "{% macro rows(gs) %}{% for g in gs %}{% for row in g.rows %}<{{ row.report.year }}:{{ row.cells | length }}>{% endfor %}{% endfor %}{% endmacro %}",
        ),
        ("report.html", "{% if previous_report %}prev={{ previous_report.title }}{% endif %}"),
    ];
    for (name, text) in own {
        fs::write(site.join("templates").join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let tag = fs::read_dir(out.join("tags")).unwrap().next().unwrap().unwrap().path().join("index.html");
    let tag = fs::read_to_string(tag).unwrap();
    assert!(tag.starts_with('[') && tag.contains("|2]"), "{tag}");
    let year = fs::read_to_string(out.join("years/2022/index.html")).unwrap();
    assert!(year.starts_with("<2022:") && !year.contains(":0>"), "{year}");
    let reports: Vec<_> = fs::read_dir(out.join("alpha")).unwrap().map(|e| e.unwrap().path()).collect();
    let with_previous = reports
        .iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| fs::read_to_string(p.join("index.html")).ok())
        .filter(|html| html.starts_with("prev="))
        .collect::<Vec<_>>();
    assert!(!with_previous.is_empty() && with_previous.iter().all(|h| h.len() > "prev=".len()), "{with_previous:?}");
}
