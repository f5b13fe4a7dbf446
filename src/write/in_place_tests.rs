//! Tests of the in-place rebuild: what is written, what is removed, and what is left alone.

use super::*;
use std::time::{Duration, SystemTime};

fn files(list: &[&str]) -> FileSet {
    list.iter().map(|s| s.to_string()).collect()
}

/// Prepares a rebuild over `out` (its site folder beside it).
fn over(out: &Path, files: &FileSet) -> Result<Option<InPlace>> {
    let site = out.parent().unwrap().join("site");
    fs::create_dir_all(&site).unwrap();
    InPlace::over(&Target::check(&site, out)?, files)
}

/// A previous output with its marker and record: a home page, a page that stays the same and
/// one the new build no longer writes.
fn old_output(dir: &Path) -> PathBuf {
    let out = dir.join("output");
    fs::create_dir_all(out.join("a/2021")).unwrap();
    fs::create_dir_all(out.join("gone/2020")).unwrap();
    fs::write(out.join(MARKER), super::super::MARKER_TEXT).unwrap();
    fs::write(out.join("a/2021/index.html"), "same").unwrap();
    fs::write(out.join("index.html"), "old home").unwrap();
    fs::write(out.join("gone/2020/index.html"), "stale").unwrap();
    let record = files(&["index.html", "a/2021/index.html", "gone/2020/index.html"]);
    fs::write(out.join(RECORD), record::text(&record)).unwrap();
    out
}

#[test]
fn writes_only_changed_files_and_removes_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    let old_time = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options().write(true).open(out.join("a/2021/index.html")).unwrap().set_modified(old_time).unwrap();
    let new = files(&["index.html", "a/2021/index.html", "b/2022/index.html"]);
    let w = over(&out, &new).unwrap().expect("no conflicts");
    w.write("index.html", b"new home").unwrap();
    w.write("a/2021/index.html", b"same").unwrap();
    w.write("b/2022/index.html", b"new page").unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old home", "nothing replaced before commit");
    let (summary, warnings) = w.commit().unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(summary, InPlaceSummary { written: 3, unchanged: 1, removed: 1 }, "the record changed");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new home");
    assert_eq!(fs::read_to_string(out.join("b/2022/index.html")).unwrap(), "new page");
    let kept = fs::metadata(out.join("a/2021/index.html")).unwrap().modified().unwrap();
    assert_eq!(kept, old_time, "an unchanged page keeps its modification time");
    assert!(!out.join("gone").exists(), "stale file and its emptied folders removed");
    let names: Vec<_> = walkdir::WalkDir::new(&out).into_iter().map(|e| e.unwrap().into_path()).collect();
    assert!(names.iter().all(|p| !p.to_string_lossy().contains("annalist-new")), "{names:?}");
}

#[test]
fn dropped_without_commit_leaves_the_old_output_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    let snapshot = |out: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(out)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let bytes = if e.file_type().is_file() { fs::read(e.path()).unwrap() } else { Vec::new() };
                (e.path().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(&out);
    {
        let w = over(&out, &files(&["index.html", "new/deep/x/index.html"])).unwrap().unwrap();
        w.write("index.html", b"new home").unwrap();
        w.write("new/deep/x/index.html", b"new").unwrap();
    }
    assert_eq!(snapshot(&out), before);
}

#[test]
fn refuses_when_the_old_shape_is_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    assert!(over(&out, &files(&["index.html/x.html"])).unwrap().is_none(), "a file where a folder goes");
    assert!(over(&out, &files(&["a/2021"])).unwrap().is_none(), "a folder where a file goes");
    assert!(over(&dir.path().join("missing"), &files(&["index.html"])).unwrap().is_none());
    fs::remove_file(out.join(MARKER)).unwrap();
    assert!(over(&out, &files(&["index.html"])).is_err(), "not annalist's folder: refused");
    let target = Target::check(&dir.path().join("site"), &dir.path().join("other")).unwrap();
    fs::create_dir(dir.path().join("other")).unwrap();
    fs::write(dir.path().join("other/x"), "").unwrap();
    assert!(InPlace::over(&target, &files(&["index.html"])).unwrap().is_none(), "not annalist's folder");
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("linked")).unwrap();
    assert!(over(&out, &files(&["linked/index.html"])).unwrap().is_none());
    fs::write(outside.join("index.html"), "theirs").unwrap();
    assert!(over(&out, &files(&["linked/index.html"])).unwrap().is_none(), "not even to a file that exists");
    std::os::unix::fs::symlink(outside.join("f"), out.join("f.html")).unwrap();
    assert!(over(&out, &files(&["f.html"])).unwrap().is_none());
    fs::create_dir_all(outside.join("2021")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("deep")).unwrap();
    assert!(over(&out, &files(&["deep/2021/index.html"])).unwrap().is_none(), "a link higher up");
    let flag = out.join(format!("{BUILDING}{}", std::process::id()));
    std::os::unix::fs::symlink(outside.join("index.html"), &flag).unwrap();
    let w = over(&out, &files(&["index.html"])).unwrap().unwrap();
    assert_eq!(fs::read_to_string(outside.join("index.html")).unwrap(), "theirs", "not through a flag's link");
    assert!(over(&out, &files(&["index.html"])).is_err(), "one build at a time");
    w.write("index.html", b"x").unwrap();
    w.commit().unwrap();
    assert!(out.join("linked").is_symlink() && outside.is_dir(), "the link, not annalist's, is left alone");
    let recorded = files(&["index.html", "linked", "deep/2021/x.html"]);
    fs::write(out.join(RECORD), record::text(&recorded)).unwrap();
    fs::write(outside.join("2021/x.html"), "theirs").unwrap();
    let w = over(&out, &files(&["index.html"])).unwrap().unwrap();
    w.commit().unwrap();
    assert!(!out.join("linked").exists(), "a recorded link is removed");
    assert!(outside.join("2021/x.html").is_file(), "never through a link");
}

#[test]
fn files_annalist_did_not_write_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    for f in [".git/HEAD", "CNAME", "google1234.html", "gone/2020/notes.txt"] {
        fs::create_dir_all(out.join(f).parent().unwrap()).unwrap();
        fs::write(out.join(f), "theirs").unwrap();
    }
    fs::create_dir(out.join("empty")).unwrap();
    let w = over(&out, &files(&["index.html"])).unwrap().unwrap();
    let (summary, _) = w.commit().unwrap();
    assert_eq!(summary.removed, 2, "the stale page and the page that went");
    for f in [".git/HEAD", "CNAME", "google1234.html", "gone/2020/notes.txt"] {
        assert_eq!(fs::read_to_string(out.join(f)).unwrap(), "theirs", "{f}");
    }
    assert!(out.join("empty").is_dir(), "a folder annalist did not empty is kept");
    assert!(!out.join("a").exists(), "a folder annalist emptied goes");
}

#[test]
fn an_output_without_a_record_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    fs::remove_file(out.join(RECORD)).unwrap();
    let w = over(&out, &files(&["index.html"])).unwrap().unwrap();
    let (summary, warnings) = w.commit().unwrap();
    assert_eq!(summary.removed, 0);
    assert!(out.join("gone/2020/index.html").is_file());
    assert!(warnings[0].message.contains("older annalist"), "{warnings:?}");
    assert_eq!(record::read(&out).unwrap(), ["index.html"], "the next rebuild has a record");
}

#[test]
fn a_rename_failing_half_way_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    let w = over(&out, &files(&["index.html", "z/index.html"])).unwrap().unwrap();
    w.write("index.html", b"new home").unwrap();
    w.write("z/index.html", b"new").unwrap();
    // Something makes the new page's place a folder with a file in it before the commit.
    fs::create_dir_all(out.join("z/index.html/x")).unwrap();
    let err = w.commit().unwrap_err().to_string();
    assert!(err.contains("z/index.html"), "{err}");
    let names: Vec<_> = walkdir::WalkDir::new(&out).into_iter().map(|e| e.unwrap().into_path()).collect();
    assert!(names.iter().all(|p| !p.to_string_lossy().contains("annalist-new")), "{names:?}");
    // Whatever was put in place, the record lists every file either build wrote, so the next
    // build takes none of them for the reader's own.
    let recorded = record::read(&out).unwrap();
    for f in ["index.html", "z/index.html", "a/2021/index.html", "gone/2020/index.html"] {
        assert!(recorded.iter().any(|r| r == f), "{f} in {recorded:?}");
    }
}

#[test]
fn leftovers_of_a_killed_rebuild_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    fs::write(out.join(".annalist-building-999999999"), "").unwrap();
    fs::create_dir_all(out.join("new/2024")).unwrap();
    fs::write(out.join("new/2024/.index.html.annalist-new-999999999"), "half").unwrap();
    fs::write(out.join("a/.index.html.annalist-new-999999999"), "half").unwrap();
    fs::write(out.join("a/.index.html.annalist-new-1"), "not that build's").unwrap();
    let w = over(&out, &files(&["index.html", "a/2021/index.html"])).unwrap().unwrap();
    w.commit().unwrap();
    assert!(!out.join(".annalist-building-999999999").exists());
    assert!(!out.join("a/.index.html.annalist-new-999999999").exists() && !out.join("new").exists());
    assert!(out.join("a/.index.html.annalist-new-1").is_file(), "only the killed build's files");
    assert!(fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains("building")));
}

#[cfg(unix)]
#[test]
fn a_copy_never_widens_the_permission_bits() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = old_output(dir.path());
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "same").unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o600)).unwrap();
    fs::write(out.join("secret.txt"), "same").unwrap();
    fs::set_permissions(out.join("secret.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    // As a previous build that copied it would have recorded it.
    fs::write(out.join(RECORD), record::text(&files(&["index.html", "secret.txt"]))).unwrap();
    let w = over(&out, &files(&["secret.txt"])).unwrap().unwrap();
    w.copy("secret.txt", &secret).unwrap();
    w.commit().unwrap();
    assert_eq!(fs::metadata(out.join("secret.txt")).unwrap().permissions().mode() & 0o777, 0o600);
}
