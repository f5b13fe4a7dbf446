//! What a killed build leaves behind, and how a later build finds it and removes it.
//!
//! A build killed while writing a fresh folder leaves `.NAME.annalist-new-PID` beside the
//! output (and, killed while swapping, `.NAME.annalist-old-PID`); a build killed while
//! rewriting an output in place leaves `.FILE.annalist-new-PID` temporary files inside it and
//! its `.annalist-building-PID` flag at its top. A later build removes only names of exactly
//! that pattern, only directly beside the output or inside it, never following a link, and
//! only when the build that made them is gone: a folder beside the output holds a marker its
//! build keeps locked, and temporary files inside the output are written only by the build
//! that holds the output's marker locked (which the cleaning build then holds).

use super::MARKER;
use std::fs;
use std::path::Path;

/// The prefix of the flag an in-place build keeps at the output's top while it writes.
pub const BUILDING: &str = ".annalist-building-";

/// The name of the folder a build of `target_name` writes (`new`) or moves the old output to
/// (`old`).
pub fn beside_name(target_name: &str, kind: &str) -> String {
    format!(".{target_name}.annalist-{kind}-{}", std::process::id())
}

/// `s` is one or more ASCII digits.
fn is_pid(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `name` is a folder name a build of `target_name` makes beside it.
fn is_beside_name(target_name: &str, name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_prefix(target_name)) else { return false };
    [".annalist-new-", ".annalist-old-"].iter().any(|kind| rest.strip_prefix(kind).is_some_and(is_pid))
}

/// Whether `name` (a file inside the output) is a temporary file of the build `pid`.
pub fn is_temp_of(name: &str, pid: &str) -> bool {
    name.starts_with('.') && name.strip_suffix(pid).is_some_and(|n| n.ends_with(".annalist-new-") && n.len() > 15)
}

/// Whether `name` (a file inside the output) is something a build of annalist leaves while it
/// runs: a temporary file or a build's flag.
pub fn is_working_name(name: &str) -> bool {
    if name.strip_prefix(BUILDING).is_some_and(is_pid) {
        return true;
    }
    match name.rsplit_once(".annalist-new-") {
        Some((head, pid)) => head.len() > 1 && head.starts_with('.') && is_pid(pid),
        None => false,
    }
}

/// Removes the folders of killed builds beside `target` (best effort: what cannot be removed
/// now is left for the next build).
pub fn remove_beside(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else { return };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let is_ours = file_name.to_str().is_some_and(|n| is_beside_name(&name, n));
        if is_ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_if_dead(&entry.path());
        }
    }
}

/// Removes `folder`, a build's folder beside the output, unless its build still runs (its
/// marker is locked). A folder without a marker is removed only when empty. Returns whether
/// the folder is gone.
pub fn remove_if_dead(folder: &Path) -> bool {
    let marker = folder.join(MARKER);
    if !fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return fs::remove_dir(folder).is_ok();
    }
    let Ok(file) = fs::File::open(&marker) else { return false };
    if file.try_lock().is_err() {
        return false;
    }
    drop(file);
    super::remove_dir_parallel(folder).is_ok()
}

/// Inside `target` (whose marker this build holds locked): the flags of builds that were
/// killed while rewriting it, each with the process id it names.
pub fn dead_flags(target: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(target) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_prefix(BUILDING)).map(str::to_string))
        .filter(|pid| is_pid(pid))
        .collect()
}

/// Removes the temporary files of the killed builds `pids` anywhere inside `target` (links
/// are not followed), the folders they leave empty, and their flags.
pub fn remove_inside(target: &Path, pids: &[String]) {
    if pids.is_empty() {
        return;
    }
    let walk = walkdir::WalkDir::new(target).min_depth(1).follow_links(false).into_iter();
    for entry in walk.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_dir() || !pids.iter().any(|pid| is_temp_of(&name, pid)) {
            continue;
        }
        if fs::remove_file(entry.path()).is_ok() {
            remove_empty_parents(target, entry.path());
        }
    }
    for pid in pids {
        let _ = fs::remove_file(target.join(format!("{BUILDING}{pid}")));
    }
}

/// Removes the folders above `path`, up to (not including) `target`, while they are empty.
pub fn remove_empty_parents(target: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != target && d.starts_with(target)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_annalists_exact_names_match() {
        assert!(is_beside_name("output", ".output.annalist-new-123"));
        assert!(is_beside_name("output", ".output.annalist-old-9"));
        for other in
            [".output.annalist-new-", ".output.annalist-new-12a", ".out.annalist-new-1", "output.annalist-new-1"]
        {
            assert!(!is_beside_name("output", other), "{other}");
        }
        assert!(is_temp_of(".index.html.annalist-new-42", "42"));
        assert!(!is_temp_of(".index.html.annalist-new-42", "4"));
        assert!(!is_temp_of("index.html.annalist-new-42", "42"));
        assert!(is_working_name(".annalist-building-7") && is_working_name(".a.annalist-new-7"));
        assert!(!is_working_name(".annalist-building-") && !is_working_name("a.annalist-new-7"));
    }

    #[test]
    fn a_folder_whose_build_still_runs_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let live = dir.path().join(".output.annalist-new-1");
        let dead = dir.path().join(".output.annalist-old-2");
        let theirs = dir.path().join(".output.annalist-new-x");
        for d in [&live, &dead, &theirs] {
            fs::create_dir_all(d.join("sub")).unwrap();
            fs::write(d.join(MARKER), "").unwrap();
            fs::write(d.join("sub/page.html"), "").unwrap();
        }
        let lock = fs::File::open(live.join(MARKER)).unwrap();
        lock.try_lock().unwrap();
        remove_beside(&out);
        assert!(live.is_dir() && theirs.is_dir(), "a live build's folder and a foreign name are kept");
        assert!(!dead.exists(), "a dead build's folder goes");
    }
}
