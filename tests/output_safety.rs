//! The output folder, `init` and `new` never lose or leak a user's files: output paths however
//! spelt, what a rebuild removes, permission bits of copies, leftovers of killed builds, and
//! links under content/.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `annalist` in the folder `cwd` with `HOME` set to `home`.
fn run_in(cwd: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annalist"))
        .current_dir(cwd)
        .env("HOME", home)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A scratch folder with a home folder holding a file, and a site made by `annalist init`.
fn scratch() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    fs::write(home.join(".profile"), "mine").unwrap();
    let site = dir.path().join("site");
    let o = run_in(dir.path(), &home, &["init", "site"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, home, site)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every name directly in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    v.sort();
    v
}

#[test]
fn dot_dot_after_a_missing_folder_reaches_nothing_it_must_not() {
    let (dir, home, site) = scratch();
    let victim = dir.path().join("victim");
    fs::create_dir(&victim).unwrap();
    fs::write(victim.join("thesis.tex"), "years of work").unwrap();
    let everything = snapshot(dir.path());
    let top = names(dir.path());
    for (output, why) in [
        ("nx/../content", "content/"),
        ("nx/../content/x", "content/"),
        ("nx/../../victim", "did not write"),
        ("nx/../../home", "home folder"),
        ("nx/../../site", "site folder"),
        ("nx/../../site/../site", "site folder"),
        ("nx/../..", "site folder"),
    ] {
        let o = run_in(&site, &home, &["build", "--output", output]);
        assert_eq!(o.status.code(), Some(1), "{output}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("refusing to write to") && err.contains(why), "{output}: {err}");
        assert_eq!(snapshot(dir.path()), everything, "{output} changed something");
        assert_eq!(names(dir.path()), top, "{output} moved something aside");
        assert!(!site.join("nx").exists(), "{output}: nothing made");
    }
    // The same spelling aimed at a new folder is fine, and makes no `nx`.
    let o = run_in(&site, &home, &["build", "--output", "nx/../public"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(site.join("public/index.html").is_file() && !site.join("nx").exists());
}

#[test]
fn init_never_takes_an_existing_folder_for_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    fs::create_dir(&project).unwrap();
    fs::write(project.join(".gitignore"), "target/\n").unwrap();
    fs::write(project.join("notes.md"), "mine").unwrap();
    let o = run_in(dir.path(), dir.path(), &["init", "nx/../project"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(project.join(".gitignore")).unwrap(), "target/\n");
    assert_eq!(fs::read_to_string(project.join("notes.md")).unwrap(), "mine");
    assert_eq!(names(dir.path()), ["project"], "no nx/ made");
    // Aimed at an empty folder, the same spelling starts the site there.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert!(run_in(dir.path(), dir.path(), &["init", "nx/../empty"]).status.success());
    assert!(empty.join("site.yaml").is_file() && !dir.path().join("nx").exists());
}

#[cfg(unix)]
#[test]
fn copies_never_get_wider_permission_bits_than_their_source() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, home, site) = scratch();
    fs::create_dir(site.join("static")).unwrap();
    let (secret, open) = (site.join("static/secret.txt"), site.join("static/open.txt"));
    fs::write(&secret, "private").unwrap();
    fs::write(&open, "public").unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&open, fs::Permissions::from_mode(0o666)).unwrap();
    let out = dir.path().join("out");
    let mode = |rel: &str| fs::metadata(out.join(rel)).unwrap().permissions().mode() & 0o7777;
    let build = || run_in(&site, &home, &["build", "--output", out.to_str().unwrap()]);
    assert!(build().status.success());
    assert_eq!(mode("open.txt") & 0o022, 0, "never writable by group or others");
    // The source made private after a first build: the rebuild follows.
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(build().status.success());
    assert_eq!(mode("secret.txt"), 0o600, "a rebuild");
    fs::remove_dir_all(&out).unwrap();
    assert!(build().status.success());
    assert_eq!(mode("secret.txt"), 0o600, "a fresh build");
}

#[test]
fn a_rebuild_leaves_what_annalist_did_not_write() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let theirs = [".git/HEAD", ".git/objects/ab/cdef", "CNAME", "google1234abcd.html", "alpha/notes.txt"];
    for f in theirs {
        fs::create_dir_all(out.join(f).parent().unwrap()).unwrap();
        fs::write(out.join(f), "theirs").unwrap();
    }
    fs::remove_file(site.join("content/alpha/2020.md")).unwrap();
    let o = build_ok(&site, &out);
    assert!(String::from_utf8_lossy(&o.stdout).contains(" 2 removed)"), "{}", String::from_utf8_lossy(&o.stdout));
    for f in theirs {
        assert_eq!(fs::read_to_string(out.join(f)).unwrap(), "theirs", "{f} kept");
    }
    assert!(!out.join("alpha/2020").exists(), "the stale page goes");
}

#[test]
fn a_new_page_never_replaces_a_file_annalist_did_not_write() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    // The reader keeps a page of their own where the site later puts a free page.
    fs::create_dir_all(out.join("history")).unwrap();
    fs::write(out.join("history/index.html"), "<p>our own history page</p>").unwrap();
    fs::write(site.join("content/pages/history.md"), "---\ntitle: 历史沿革\n---\n正文。\n").unwrap();
    let before = snapshot(&out);
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("history/index.html, which annalist did not write"), "{}", stderr(&o));
    assert_eq!(snapshot(&out), before, "nothing changed");
    // Moved away, the page is built.
    fs::remove_file(out.join("history/index.html")).unwrap();
    build_ok(&site, &out);
    assert!(read(&out, "history/index.html").contains("历史沿革"));
}

#[test]
fn a_fresh_swap_that_would_lose_foreign_files_is_refused() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    fs::create_dir_all(site.join("static/files")).unwrap();
    fs::write(site.join("static/files/report"), "a file").unwrap();
    build_ok(&site, &out);
    fs::write(out.join("CNAME"), "reports.example.org").unwrap();
    // The new build needs a folder where the old one wrote a file: a fresh folder is needed.
    fs::remove_file(site.join("static/files/report")).unwrap();
    fs::create_dir_all(site.join("static/files/report")).unwrap();
    fs::write(site.join("static/files/report/2021.pdf"), "x").unwrap();
    let before = snapshot(&out);
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("CNAME") && err.contains("files/report"), "{err}");
    assert_eq!(snapshot(&out), before, "nothing changed");
    assert_eq!(names(dir.path()), ["out", "site"], "nothing left beside");
    // Once the thing in the way is removed, the rebuild goes in place and keeps CNAME.
    fs::remove_file(out.join("files/report")).unwrap();
    build_ok(&site, &out);
    assert_eq!(read(&out, "CNAME"), "reports.example.org");
}

#[test]
fn an_output_from_an_older_annalist_loses_nothing_and_says_so() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    fs::remove_file(out.join(".annalist-files")).unwrap();
    fs::remove_file(site.join("content/alpha/2020.md")).unwrap();
    let o = build_ok(&site, &out);
    assert!(stderr(&o).contains("older annalist"), "{}", stderr(&o));
    assert!(out.join("alpha/2020/index.html").is_file(), "not known to be annalist's: kept");
    assert!(out.join(".annalist-files").is_file(), "recorded from now on");
}

#[test]
fn leftovers_of_killed_builds_are_removed_and_nothing_else() {
    let (dir, site) = basic_with_settings("");
    let out = dir.path().join("out");
    // A first build killed while writing, one killed while swapping, and names annalist
    // never makes.
    for leftover in
        [".out.annalist-new-999999999", ".out.annalist-old-999999998", ".out.annalist-new-x1", ".other.annalist-new-1"]
    {
        let d = dir.path().join(leftover);
        fs::create_dir_all(d.join("alpha")).unwrap();
        fs::write(d.join(".annalist-output"), "").unwrap();
        fs::write(d.join("alpha/index.html"), "half").unwrap();
    }
    build_ok(&site, &out);
    assert_eq!(names(dir.path()), [".other.annalist-new-1", ".out.annalist-new-x1", "out", "site"]);
    // A rebuild killed while writing: its flag and temporary files inside the output.
    fs::write(out.join(".annalist-building-999999999"), "").unwrap();
    fs::write(out.join("alpha/.index.html.annalist-new-999999999"), "half").unwrap();
    fs::create_dir_all(out.join("gamma/2024")).unwrap();
    fs::write(out.join("gamma/2024/.index.html.annalist-new-999999999"), "half").unwrap();
    fs::create_dir_all(dir.path().join(".out.annalist-new-999999997")).unwrap();
    build_ok(&site, &out);
    let fresh = dir.path().join("fresh");
    build_ok(&site, &fresh);
    assert_eq!(snapshot(&out), snapshot(&fresh), "every leftover inside the output is gone");
    assert!(!dir.path().join(".out.annalist-new-999999997").exists());
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_link() {
    let (dir, home, site) = scratch();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::copy(site.join("content/example/_index.md"), elsewhere.join("_index.md")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("content/linked")).unwrap();
    let o = run_in(&site, &home, &["new", "linked", "2025"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/linked") && err.contains("symbolic link"), "{err}");
    assert_eq!(names(&elsewhere), ["_index.md"], "nothing written through the link");

    std::os::unix::fs::symlink(elsewhere.join("2025.md"), site.join("content/example/2025.md")).unwrap();
    let o = run_in(&site, &home, &["new", "example", "2025"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("content/example/2025.md") && stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert_eq!(names(&elsewhere), ["_index.md"]);
}
