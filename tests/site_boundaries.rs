//! The edges of a site folder: nothing from outside it is read through a symbolic link,
//! everything in `static/` but `.git` is published, names that become URLs are checked, and
//! templates that would render themselves without end are refused — in `build`, `check` and
//! `serve` alike.

mod common;

use common::*;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

/// An editable copy of the basic fixture: the folder (keep it alive) and the site inside it.
fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    basic_with_settings("")
}

/// The standard error of a run, as text.
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts that `o` failed with exit 1 and an error at `place` ("file:line:col") saying `what`.
fn assert_refused(o: &Output, place: &str, what: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("error: {place}: ")), "no error at {place}:\n{err}");
    assert!(err.contains(what), "{what:?} missing:\n{err}");
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A folder outside the site holding a secret file, as `/etc` would.
    fn outside() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("shadow"), "root:secret-hash:19000").unwrap();
        fs::create_dir_all(dir.path().join("org")).unwrap();
        fs::write(dir.path().join("org/_index.md"), "---\nname: 外区\n---\n").unwrap();
        fs::write(dir.path().join("report.md"), "---\ntitle: 外\nyear: 2023\n---\nsecret-hash\n").unwrap();
        dir
    }

    /// Builds `root`, expecting a refusal naming the link `rel`, and that nothing was written
    /// and nothing from outside published.
    fn build_refuses(root: &Path, rel: &str) {
        let out = root.join("out");
        let o = build(root, &out, &[]);
        assert_refused(&o, &format!("{rel}:1:1"), &format!("'{rel}' is a symbolic link"));
        assert!(stderr(&o).contains("copy the file or folder here instead"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("secret-hash"), "the error printed the linked file:\n{}", stderr(&o));
        assert!(!out.exists(), "a refused build wrote its output");
        let c = annalist(&["check", "--root", root.to_str().unwrap()]);
        assert_refused(&c, &format!("{rel}:1:1"), "is a symbolic link");
    }

    #[test]
    fn site_yaml_linking_out_of_the_site_is_refused() {
        let secret = outside();
        let (_dir, root) = site();
        let settings = fs::read_to_string(root.join("site.yaml")).unwrap();
        fs::write(secret.path().join("site.yaml"), format!("{settings}extra: {{ note: secret-hash }}\n")).unwrap();
        fs::remove_file(root.join("site.yaml")).unwrap();
        symlink(secret.path().join("site.yaml"), root.join("site.yaml")).unwrap();
        build_refuses(&root, "site.yaml");
        // A link to a file that is not YAML at all: its first line is never printed.
        fs::remove_file(root.join("site.yaml")).unwrap();
        symlink(secret.path().join("shadow"), root.join("site.yaml")).unwrap();
        build_refuses(&root, "site.yaml");
    }

    #[test]
    fn a_static_folder_linking_out_of_the_site_is_refused() {
        let secret = outside();
        let (_dir, root) = site();
        symlink(secret.path(), root.join("static")).unwrap();
        build_refuses(&root, "static");
    }

    #[test]
    fn a_link_anywhere_in_static_templates_or_a_theme_is_refused() {
        let secret = outside();
        // Each link, whether it leads to the secret folder (or else to the secret file), and
        // whether the site names the theme `plain`.
        let cases = [
            ("static/css/shadow.css", false, false),
            ("static/.well-known/shadow", false, false),
            ("templates", true, false),
            ("themes/plain", true, true),
            ("themes/plain/templates/page.html", false, true),
        ];
        for (rel, folder, themed) in cases {
            let (_dir, root) = site();
            if themed {
                let yaml = fs::read_to_string(root.join("site.yaml")).unwrap();
                fs::write(root.join("site.yaml"), format!("{yaml}theme: plain\n")).unwrap();
            }
            fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            let target = if folder { secret.path().to_path_buf() } else { secret.path().join("shadow") };
            symlink(&target, root.join(rel)).unwrap();
            build_refuses(&root, rel);
        }
    }

    #[test]
    fn linked_content_is_refused_not_skipped() {
        let secret = outside();
        // content/ itself, an organisation folder, a report and the catalogue.
        let cases: [(&str, &Path); 4] = [
            ("content", secret.path()),
            ("content/outer", &secret.path().join("org")),
            ("content/alpha/2023.md", &secret.path().join("report.md")),
            ("content/indicators.yaml", &secret.path().join("shadow")),
        ];
        for (rel, target) in cases {
            let (_dir, root) = site();
            if rel == "content" || rel == "content/indicators.yaml" {
                let real = root.join(rel);
                if real.is_dir() { fs::remove_dir_all(&real) } else { fs::remove_file(&real) }.unwrap();
            }
            symlink(target, root.join(rel)).unwrap();
            build_refuses(&root, rel);
        }
    }

    #[test]
    fn a_link_that_stays_inside_the_site_is_refused_too_and_an_editors_lock_file_is_not() {
        let (_dir, root) = site();
        fs::create_dir_all(root.join("static")).unwrap();
        fs::write(root.join("notes.txt"), "inside").unwrap();
        symlink("../notes.txt", root.join("static/notes.txt")).unwrap();
        build_refuses(&root, "static/notes.txt");

        // Emacs marks a file being edited with a dangling link named `.#file`.
        let (_dir, root) = site();
        symlink("user@host.1234:1700000000", root.join("content/alpha/.#2021.md")).unwrap();
        fs::create_dir_all(root.join("static")).unwrap();
        symlink("user@host.1234:1700000000", root.join("static/.#style.css")).unwrap();
        build_ok(&root, &root.join("out"));
        assert!(!root.join("out/.#style.css").exists());
    }

    #[test]
    fn annalist_new_does_not_write_through_a_linked_organisation_folder() {
        let secret = outside();
        let (_dir, root) = site();
        symlink(secret.path().join("org"), root.join("content/outer")).unwrap();
        let o = annalist(&["new", "--root", root.to_str().unwrap(), "outer", "2024"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let said = stderr(&o);
        assert!(said.contains("content/outer") && said.contains("symbolic link"), "{said}");
        assert!(!secret.path().join("org/2024.md").exists(), "a report was written outside the site");
    }
}

#[test]
fn dot_files_in_static_are_published_but_git_and_finder_files_are_not() {
    let (_dir, root) = site();
    let files = [
        ".well-known/security.txt",
        ".nojekyll",
        ".htaccess",
        "css/.keep",
        ".git/config",
        ".DS_Store",
        "img/.DS_Store",
    ];
    for rel in files {
        let path = root.join("static").join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, rel).unwrap();
    }
    let out = root.join("out");
    build_ok(&root, &out);
    for published in &files[..4] {
        assert_eq!(read(&out, published), *published);
    }
    for left in &files[4..] {
        assert!(!out.join(left).exists(), "{left} was published");
    }
}

#[test]
fn a_bad_base_url_on_the_command_line_is_wrong_usage() {
    let (_dir, root) = site();
    let out = root.join("out");
    for bad in ["https://example.org/\nSitemap: https://evil.example/x.xml", "https://example.org/?x=1", "example.org"]
    {
        let o = build(&root, &out, &["--base-url", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--base-url"), "{}", stderr(&o));
        assert!(stderr(&o).contains("write it like https://example.org/reports/"), "{}", stderr(&o));
        assert!(!out.exists());
    }
    build_ok(&root, &out);
    let o = build(&root, &out, &["--base-url", "https://example.net/other/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&out, "robots.txt").contains("https://example.net/other/sitemap.xml"));
}

#[test]
fn a_theme_named_by_a_path_is_not_loaded_from_outside_themes() {
    // A theme folder next to the site, reachable as ../theme from themes/.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    fs::create_dir_all(dir.path().join("theme/templates")).unwrap();
    fs::create_dir_all(root.join("themes")).unwrap();
    let yaml = fs::read_to_string(root.join("site.yaml")).unwrap();
    fs::write(root.join("site.yaml"), format!("{yaml}theme: ../theme\n")).unwrap();
    let o = build(&root, &root.join("out"), &[]);
    assert_refused(&o, "site.yaml:7:8", "theme '../theme' is not a folder name under themes/");
}

#[test]
fn tags_that_would_share_a_page_are_an_error_naming_both_where_written() {
    let (_dir, root) = site();
    replace(&root, "content/alpha/2021.md", "tags: [年度报告, 行政复议]", "tags: [年度报告, Open Data/2023]");
    replace(&root, "content/beta/2023.md", "tags: [年度报告]", "tags:\n  - 年度报告\n  - open data2023");
    let o = build(&root, &root.join("out"), &[]);
    assert_refused(
        &o,
        "content/beta/2023.md:8:5",
        "tag 'open data2023' would share the page tags/open-data2023/ with tag 'Open Data/2023' \
         (content/alpha/2021.md:6:14)",
    );
    // The same spelling in many reports is one tag.
    let (_dir, root) = site();
    replace(&root, "content/beta/2023.md", "tags: [年度报告]", "tags: [年度报告, 行政复议]");
    build_ok(&root, &root.join("out"));
}

/// Sends `GET path` to the preview on `port`; the status and body, or `None` when it does not
/// answer.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    Some((status, text.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string()))
}

/// Fetches `path` until `ok` holds (allowing 10 s), failing if the preview stops answering.
fn wait_for(port: u16, path: &str, ok: impl Fn(u16, &str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (status, body) = get(port, path).expect("the preview answers");
        if ok(status, &body) {
            return body;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{path} never changed as expected:\n{body}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serve_survives_a_template_saved_to_include_itself() {
    let (_dir, root) = site();
    let (child, url) = spawn_serve(&root, &["--port", "0"]);
    let mut child = Stop(child);
    let port = port_of(&url);
    wait_for(port, "/about/", |s, _| s == 200);
    fs::create_dir_all(root.join("templates/partials")).unwrap();
    let note = root.join("templates/partials/note.html");
    fs::write(&note, "<aside>note-text</aside>").unwrap();
    let page = "{% extends \"base.html\" %}{% block content %}{% include \"partials/note.html\" %}{% endblock %}";
    fs::write(root.join("templates/page.html"), page).unwrap();
    wait_for(port, "/about/", |s, b| s == 200 && b.contains("note-text"));
    fs::write(&note, "<aside>{% include \"partials/note.html\" %}</aside>").unwrap();
    let body = wait_for(port, "/about/", |_, b| b.contains("id=\"annalist-error\""));
    assert!(body.contains("templates/partials/note.html:1:19"), "{body}");
    assert!(body.contains("includes itself"), "{body}");
    fs::write(&note, "<aside>fixed-note</aside>").unwrap();
    wait_for(port, "/about/", |s, b| s == 200 && b.contains("fixed-note") && !b.contains("id=\"annalist-error\""));
    assert!(child.0.try_wait().unwrap().is_none(), "the preview exited");
}

/// A preview process, stopped when the test ends, passed or failed.
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
