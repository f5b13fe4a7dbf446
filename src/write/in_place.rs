//! Rebuilding over a previous output: only the files whose bytes changed are written, and the
//! previous output is left exactly as it was until the whole build has succeeded.
//!
//! A changed file is written beside its old version under a hidden temporary name; a new folder
//! is created and remembered. [`InPlace::commit`] renames every temporary file over its old
//! version and removes what the new build no longer produces. Dropped without committing, it
//! removes its temporary files and the folders it created, and nothing else.
//!
//! Compared with building a fresh folder and swapping it in, a rebuild after editing one report
//! touches a few dozen files instead of every one. Unchanged pages keep their modification
//! time, so a deploy by rsync or a CDN upload sends only what changed, and the file system is
//! spared creating and deleting tens of thousands of folders and files.

use super::changed_only::ChangedOnly;
use super::FileSet;
use super::MARKER;
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A build writing into an existing output folder, file by file, committed all at once.
pub struct InPlace {
    target: PathBuf,
    suffix: String,
    /// Every file of the new output, relative to the target ("yanqing/2021/index.html"), the
    /// marker included: what the build said it would write. Anything else is stale.
    produced: FileSet,
    /// (temporary file, its final name), for the files whose bytes changed.
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Folders this build created, in order of creation.
    created: Mutex<Vec<PathBuf>>,
    unchanged: AtomicUsize,
    committed: bool,
    /// Held until the build is committed or dropped: one build at a time rewrites a folder.
    _lock: fs::File,
}

/// What a committed in-place build did to the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InPlaceSummary {
    /// Files written because they are new or their bytes changed.
    pub written: usize,
    /// Files left alone because their bytes are the same.
    pub unchanged: usize,
    /// Files of the previous output that the new build does not produce, removed.
    pub removed: usize,
}

impl InPlace {
    /// Prepares to rebuild over `target`, an annalist output folder, whose new files will be
    /// `files` (relative paths). Returns `None` when the old folder's shape is in the way — a
    /// file where the new build needs a folder, a folder or link where it needs a file — and
    /// a fresh folder must be built instead. Fails when another build is rewriting the folder.
    pub fn over(target: &Path, files: &FileSet) -> Result<Option<InPlace>> {
        let Ok(meta) = fs::symlink_metadata(target) else { return Ok(None) };
        if !meta.is_dir() || !target.join(MARKER).is_file() {
            return Ok(None);
        }
        let mut folders_seen: HashSet<&str> = HashSet::new();
        for rel in files {
            if fs::symlink_metadata(target.join(rel)).is_ok_and(|m| !m.is_file()) {
                return Ok(None);
            }
            // Every folder on the way must be a real folder (a link could lead out of the
            // output) or not exist yet; each is looked at once, with all those above it.
            let mut folder = rel.as_str();
            while let Some((parent, _)) = folder.rsplit_once('/') {
                if !folders_seen.insert(parent) {
                    break;
                }
                if fs::symlink_metadata(target.join(parent)).is_ok_and(|m| !m.is_dir()) {
                    return Ok(None);
                }
                folder = parent;
            }
        }
        // Another build writing into the same folder would remove this one's temporary files.
        let marker = target.join(MARKER);
        let lock = fs::File::open(&marker).map_err(|e| Error::io(&marker, e))?;
        if lock.try_lock().is_err() {
            return Err(Error::UnsafeOutput(format!(
                "another annalist build is writing into {}; wait for it to finish",
                target.display()
            )));
        }
        Ok(Some(InPlace {
            target: target.to_path_buf(),
            suffix: format!(".annalist-new-{}", std::process::id()),
            produced: files.iter().cloned().chain([MARKER.to_string()]).collect(),
            pending: Mutex::new(Vec::new()),
            created: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
            committed: false,
            _lock: lock,
        }))
    }

    /// The output folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Makes `bytes` the new content of the output file `rel`: nothing is written when the old
    /// file holds the same bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.target.join(rel);
        if same_bytes(&path, bytes) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let (temp, mut file) = self.new_version(&path)?;
        std::io::Write::write_all(&mut file, bytes).map_err(|e| Error::io(&temp, e))
    }

    /// Makes the output file `rel` what `fill` writes, piece by piece: compared with the old
    /// file as it comes, and written beside it only from the first byte that differs.
    pub fn write_streamed(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        let path = self.target.join(rel);
        let mut out =
            ChangedOnly::new(&path, || self.new_version(&path).map(|(_, file)| file).map_err(io::Error::other));
        fill(&mut out)?;
        if !out.finish().map_err(|e| Error::io(&path, e))? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// A new, empty temporary file beside the output file `path` (its folders created), that
    /// the commit renames over it; a failed build removes it.
    fn new_version(&self, path: &Path) -> Result<(PathBuf, fs::File)> {
        let dir = path.parent().unwrap_or(&self.target);
        self.create_folders(dir)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = dir.join(format!(".{name}{}", self.suffix));
        // A leftover of a crashed build may sit at that name, even as a link: never write
        // through it.
        if fs::symlink_metadata(&temp).is_ok() {
            fs::remove_file(&temp).map_err(|e| Error::io(&temp, e))?;
        }
        let file = fs::File::create_new(&temp).map_err(|e| Error::io(&temp, e))?;
        lock(&self.pending).push((temp.clone(), path.to_path_buf()));
        Ok((temp, file))
    }

    /// Makes a copy of the file `from` the new content of the output file `rel`.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let bytes = fs::read(from).map_err(|e| Error::io(from, e))?;
        self.write(rel, &bytes)
    }

    /// Creates `dir` and the folders above it that are missing, remembering each one.
    fn create_folders(&self, dir: &Path) -> Result<()> {
        if dir.is_dir() {
            return Ok(());
        }
        let mut missing = Vec::new();
        let mut d = dir;
        while d != self.target && !d.is_dir() {
            missing.push(d.to_path_buf());
            d = d.parent().unwrap_or(&self.target);
        }
        for d in missing.into_iter().rev() {
            match fs::create_dir(&d) {
                Ok(()) => lock(&self.created).push(d),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
                Err(e) => return Err(Error::io(&d, e)),
            }
        }
        Ok(())
    }

    /// Puts every changed file in place and removes what the new build does not produce.
    pub fn commit(mut self) -> Result<InPlaceSummary> {
        self.write(MARKER, super::MARKER_TEXT.as_bytes())?;
        let mut pending = std::mem::take(&mut *lock(&self.pending));
        // A file given twice has one temporary file: rename it once.
        pending.sort_unstable();
        pending.dedup();
        pending.par_iter().try_for_each(|(temp, path)| fs::rename(temp, path).map_err(|e| Error::io(path, e)))?;
        self.committed = true;
        let removed = self.remove_stale()?;
        Ok(InPlaceSummary { written: pending.len(), unchanged: self.unchanged.load(Ordering::Relaxed), removed })
    }

    /// Removes the files the new build did not produce (leftovers of an interrupted build
    /// included) and the folders left empty. Links are removed, never followed.
    fn remove_stale(&self) -> Result<usize> {
        let produced = &self.produced;
        let mut removed = 0;
        for entry in walkdir::WalkDir::new(&self.target).min_depth(1).contents_first(true) {
            let entry = entry.map_err(|e| Error::io(&self.target, e.into()))?;
            let path = entry.path();
            let rel = path.strip_prefix(&self.target).unwrap_or(path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.file_type().is_dir() {
                if fs::read_dir(path).map_err(|e| Error::io(path, e))?.next().is_none() {
                    fs::remove_dir(path).map_err(|e| Error::io(path, e))?;
                }
            } else if !produced.contains(&rel) && !same_file_as_produced(&self.target, produced, &rel) {
                fs::remove_file(path).map_err(|e| Error::io(path, e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

impl Drop for InPlace {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for (temp, _) in lock(&self.pending).iter() {
            let _ = fs::remove_file(temp);
        }
        // Threads record the folders they create in any order: the deepest go first.
        let mut created = std::mem::take(&mut *lock(&self.created));
        created.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for dir in created {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// Whether the file at `rel` is, on a file system that ignores case, one the build produced
/// under another case ("Logo.png" for "logo.png"): removing it would remove that one.
fn same_file_as_produced(target: &Path, produced: &FileSet, rel: &str) -> bool {
    let lower = rel.to_lowercase();
    produced.iter().filter(|p| p.to_lowercase() == lower).any(|p| same_file(&target.join(p), &target.join(rel)))
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, _b: &Path) -> bool {
    // Without inode numbers, a produced file that answers to the other name is taken as the same.
    a.exists()
}

/// Whether the regular file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn files(list: &[&str]) -> FileSet {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn old_output(dir: &Path) -> PathBuf {
        let out = dir.join("output");
        fs::create_dir_all(out.join("a/2021")).unwrap();
        fs::create_dir_all(out.join("gone/2020")).unwrap();
        fs::write(out.join(MARKER), super::super::MARKER_TEXT).unwrap();
        fs::write(out.join("a/2021/index.html"), "same").unwrap();
        fs::write(out.join("index.html"), "old home").unwrap();
        fs::write(out.join("gone/2020/index.html"), "stale").unwrap();
        out
    }

    #[test]
    fn writes_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = old_output(dir.path());
        let old_time = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options().write(true).open(out.join("a/2021/index.html")).unwrap().set_modified(old_time).unwrap();
        let new = files(&["index.html", "a/2021/index.html", "b/2022/index.html"]);
        let w = InPlace::over(&out, &new).unwrap().expect("no conflicts");
        w.write("index.html", b"new home").unwrap();
        w.write("a/2021/index.html", b"same").unwrap();
        w.write("b/2022/index.html", b"new page").unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old home", "nothing replaced before commit");
        let summary = w.commit().unwrap();
        assert_eq!(summary, InPlaceSummary { written: 2, unchanged: 2, removed: 1 }, "the marker is unchanged too");
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
            let w = InPlace::over(&out, &files(&["index.html", "new/deep/x/index.html"])).unwrap().unwrap();
            w.write("index.html", b"new home").unwrap();
            w.write("new/deep/x/index.html", b"new").unwrap();
        }
        assert_eq!(snapshot(&out), before);
    }

    #[test]
    fn refuses_when_the_old_shape_is_in_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let out = old_output(dir.path());
        assert!(InPlace::over(&out, &files(&["index.html/x.html"])).unwrap().is_none(), "a file where a folder goes");
        assert!(InPlace::over(&out, &files(&["a/2021"])).unwrap().is_none(), "a folder where a file goes");
        assert!(InPlace::over(&dir.path().join("missing"), &files(&["index.html"])).unwrap().is_none());
        fs::remove_file(out.join(MARKER)).unwrap();
        assert!(InPlace::over(&out, &files(&["index.html"])).unwrap().is_none(), "not annalist's folder");
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let out = old_output(dir.path());
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("linked")).unwrap();
        assert!(InPlace::over(&out, &files(&["linked/index.html"])).unwrap().is_none());
        fs::write(outside.join("index.html"), "theirs").unwrap();
        assert!(
            InPlace::over(&out, &files(&["linked/index.html"])).unwrap().is_none(),
            "not even to a file that exists"
        );
        std::os::unix::fs::symlink(outside.join("f"), out.join("f.html")).unwrap();
        assert!(InPlace::over(&out, &files(&["f.html"])).unwrap().is_none());
        fs::create_dir_all(outside.join("2021")).unwrap();
        std::os::unix::fs::symlink(&outside, out.join("deep")).unwrap();
        assert!(InPlace::over(&out, &files(&["deep/2021/index.html"])).unwrap().is_none(), "a link higher up");
        let w = InPlace::over(&out, &files(&["index.html"])).unwrap().unwrap();
        assert!(InPlace::over(&out, &files(&["index.html"])).is_err(), "one build at a time");
        w.write("index.html", b"x").unwrap();
        w.commit().unwrap();
        assert!(!out.join("linked").exists() && outside.is_dir(), "the link went, not what it points at");
    }
}
