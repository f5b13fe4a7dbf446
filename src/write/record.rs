//! The record of what a build wrote: `.annalist-files`, beside the marker, one output path a
//! line. A rebuild removes only the paths this record lists and the new build no longer
//! writes, so anything else in the output folder (`.git/`, `CNAME`, a search engine's
//! verification file) is left alone.
//!
//! An output written by an annalist older than the record has a marker and no record: nothing
//! of it is known to be annalist's, so a rebuild over it removes no file.

use super::{leftovers, FileSet, MARKER};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path};

/// The record's file name, beside the marker.
pub const RECORD: &str = ".annalist-files";

/// The record's first line, read back to tell the record from anything else.
const HEADER: &str = "# every file the last annalist build wrote here; a rebuild removes only these";

/// The record of `files` (relative paths): sorted, one a line, `\`, line feeds and carriage
/// returns escaped.
pub fn text(files: &FileSet) -> String {
    let mut sorted: Vec<&str> = files.iter().map(String::as_str).filter(|f| *f != MARKER && *f != RECORD).collect();
    sorted.sort_unstable();
    let mut out = String::with_capacity(HEADER.len() + sorted.iter().map(|f| f.len() + 1).sum::<usize>() + 1);
    out.push_str(HEADER);
    out.push('\n');
    for f in sorted {
        if f.contains(['\\', '\n', '\r']) {
            out.push_str(&f.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r"));
        } else {
            out.push_str(f);
        }
        out.push('\n');
    }
    out
}

/// The paths the record in `target` lists, or `None` when there is no record (an older
/// annalist wrote the folder) or it is not one. Paths that could lead out of the folder
/// (`..`, absolute) are left out.
pub fn read(target: &Path) -> Option<Vec<String>> {
    let path = target.join(RECORD);
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let text = fs::read_to_string(&path).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    Some(lines.map(unescape).filter(|rel| stays_inside(rel)).collect())
}

/// The files at paths this build writes (`files`) that are on disk but not in the previous
/// build's record (`recorded`): a reader's own files, which writing would replace. At most
/// `limit` are named.
pub fn unrecorded_in_the_way(target: &Path, files: &FileSet, recorded: &[String], limit: usize) -> Vec<String> {
    let recorded: HashSet<&str> = recorded.iter().map(String::as_str).collect();
    let mut foreign: Vec<String> = files
        .iter()
        .filter(|rel| !recorded.contains(rel.as_str()))
        .filter(|rel| fs::symlink_metadata(target.join(rel)).is_ok())
        .cloned()
        .collect();
    foreign.sort_unstable();
    foreign.truncate(limit);
    foreign
}

fn unescape(line: &str) -> String {
    if !line.contains('\\') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Whether the relative path `rel` names something inside the folder it is relative to.
fn stays_inside(rel: &str) -> bool {
    !rel.is_empty() && Path::new(rel).components().all(|c| matches!(c, Component::Normal(_)))
}

/// What in the output folder `target` annalist did not write: every file or folder that is
/// neither in `record` nor on the way to something in it, nor the marker, the record, or what
/// a running build leaves (at most `limit`, in the order found). What cannot be read counts
/// as foreign.
pub fn foreign(target: &Path, record: &[String], limit: usize) -> Vec<String> {
    let listed: HashSet<&str> = record.iter().map(String::as_str).collect();
    let mut folders: HashSet<&str> = HashSet::new();
    for rel in record {
        let mut r = rel.as_str();
        while let Some((parent, _)) = r.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            r = parent;
        }
    }
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(target).min_depth(1).follow_links(false).into_iter();
    while let Some(entry) = walk.next() {
        // What cannot be read cannot be known to be annalist's.
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(target);
                found.push(path.strip_prefix(target).unwrap_or(path).to_string_lossy().into_owned());
                if found.len() == limit {
                    break;
                }
                continue;
            }
        };
        let rel = entry.path().strip_prefix(target).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let name = entry.file_name().to_string_lossy();
        let annalists = if entry.depth() == 1 && (rel == MARKER || rel == RECORD) {
            true
        } else if entry.file_type().is_dir() {
            folders.contains(rel.as_str())
        } else {
            listed.contains(rel.as_str()) || leftovers::is_working_name(&name)
        };
        if !annalists {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            found.push(rel);
            if found.len() == limit {
                break;
            }
        }
    }
    found
}

/// Removes the recorded file `rel` of the output folder `root` unless a folder on its way is a link or
/// not a folder, or it is itself a folder; then the folders above it left empty. Returns
/// whether a file was removed.
pub fn remove(root: &Path, rel: &str) -> io::Result<bool> {
    let mut dir = root.to_path_buf();
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        dir.push(part);
        let Ok(meta) = fs::symlink_metadata(&dir) else { return Ok(false) };
        if parts.peek().is_some() && !meta.is_dir() {
            return Ok(false);
        }
        if parts.peek().is_none() && meta.is_dir() {
            return Ok(false);
        }
    }
    fs::remove_file(&dir)?;
    leftovers::remove_empty_parents(root, &dir);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let files: FileSet =
            ["index.html", "a/b/index.html", "odd\nname\\x", MARKER].iter().map(|s| s.to_string()).collect();
        fs::write(dir.path().join(RECORD), text(&files)).unwrap();
        let mut back = read(dir.path()).unwrap();
        back.sort();
        assert_eq!(back, ["a/b/index.html", "index.html", "odd\nname\\x"]);
        fs::write(dir.path().join(RECORD), format!("{HEADER}\n../../etc/passwd\n/etc/passwd\na/../b\nok\n")).unwrap();
        assert_eq!(read(dir.path()).unwrap(), ["ok"], "nothing outside the folder");
        fs::write(dir.path().join(RECORD), "index.html\n").unwrap();
        assert_eq!(read(dir.path()), None, "not a record");
    }

    #[test]
    fn foreign_files_are_what_the_record_does_not_list() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for f in ["index.html", "a/2021/index.html", "a/notes.txt", ".git/HEAD", "CNAME", MARKER, RECORD] {
            fs::create_dir_all(out.join(f).parent().unwrap()).unwrap();
            fs::write(out.join(f), "").unwrap();
        }
        fs::write(out.join("a/.index.html.annalist-new-12"), "").unwrap();
        let record = vec!["index.html".to_string(), "a/2021/index.html".to_string()];
        let mut found = foreign(out, &record, 10);
        found.sort();
        assert_eq!(found, [".git", "CNAME", "a/notes.txt"]);
        assert_eq!(foreign(out, &record, 1).len(), 1);
    }
}
