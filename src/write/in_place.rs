//! Rebuilding over a previous output: only the files whose bytes changed are written, and the
//! previous output is left exactly as it was until the whole build has succeeded.
//!
//! A changed file is written beside its old version under a hidden temporary name; a new folder
//! is created and remembered. [`InPlace::commit`] checks the output path again, renames every
//! temporary file over its old version and removes the files the previous build recorded
//! writing and this one does not write. Dropped without committing, or when a rename fails, it
//! removes its temporary files and the folders it created, and nothing else. The renames are
//! the one window where a failure leaves a mix of old and new files: the error then says so.
//!
//! Compared with building a fresh folder and swapping it in, a rebuild after editing one report
//! touches a few dozen files instead of every one. Unchanged pages keep their modification
//! time, so a deploy by rsync or a CDN upload sends only what changed, and the file system is
//! spared creating and deleting tens of thousands of folders and files.

use super::changed_only::ChangedOnly;
use super::leftovers::{self, BUILDING};
use super::record::{self, RECORD};
use super::target::Target;
use super::{copy_mode, has_mode, open_with_mode, FileSet, MARKER, MARKER_TEXT};
use crate::error::{Diagnostic, Error, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A build writing into an existing output folder, file by file, committed all at once.
pub struct InPlace {
    target: Target,
    root: PathBuf,
    suffix: String,
    /// Every file of the new output, relative to the target ("yanqing/2021/index.html"), the
    /// marker and the record included: what the build said it would write.
    produced: FileSet,
    /// The record of the new output, and the previous build's (`None`: written by an annalist
    /// that kept none).
    record: String,
    previous: Option<Vec<String>>,
    /// (temporary file, its final name), for the files whose bytes changed.
    pending: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Folders this build created, in order of creation.
    created: Mutex<Vec<PathBuf>>,
    unchanged: AtomicUsize,
    committed: bool,
    /// The flag this build keeps at the output's top while it writes, and the process ids of
    /// killed builds whose flags were found there (their temporary files go after the commit).
    flag: PathBuf,
    dead: Vec<String>,
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

/// The first path of `files` the folder `target` has something in the way of — a file where
/// the new build needs a folder, a folder or link where it needs a file, a link on the way —
/// so a fresh folder must be built instead.
pub fn in_the_way(target: &Path, files: &FileSet) -> Option<String> {
    let mut folders_seen: HashSet<&str> = HashSet::new();
    for rel in files {
        if fs::symlink_metadata(target.join(rel)).is_ok_and(|m| !m.is_file()) {
            return Some(rel.clone());
        }
        // Every folder on the way must be a real folder (a link could lead out of the
        // output) or not exist yet; each is looked at once, with all those above it.
        let mut folder = rel.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if !folders_seen.insert(parent) {
                break;
            }
            if fs::symlink_metadata(target.join(parent)).is_ok_and(|m| !m.is_dir()) {
                return Some(parent.to_string());
            }
            folder = parent;
        }
    }
    None
}

impl InPlace {
    /// Prepares to rebuild over `target`, an annalist output folder, whose new files will be
    /// `files` (relative paths). Returns `None` when the old folder's shape is in the way
    /// ([`in_the_way`]) and a fresh folder must be built instead. Fails when another build is
    /// rewriting the folder.
    pub fn over(target: &Target, files: &FileSet) -> Result<Option<InPlace>> {
        let root = target.path();
        let Ok(meta) = fs::symlink_metadata(root) else { return Ok(None) };
        if !meta.is_dir() || !fs::symlink_metadata(root.join(MARKER)).is_ok_and(|m| m.is_file()) {
            return Ok(None);
        }
        if in_the_way(root, files).is_some() {
            return Ok(None);
        }
        let previous = record::read(root);
        if let Some(recorded) = &previous {
            let foreign = record::unrecorded_in_the_way(root, files, recorded, 5);
            if !foreign.is_empty() {
                return Err(Error::UnsafeOutput(format!(
                    "refusing to write into {}: the site now writes {}, which annalist did not write \
                     (not in {RECORD}); move or delete it and build again",
                    root.display(),
                    foreign.join(", ")
                )));
            }
        }
        // Another build writing into the same folder would remove this one's temporary files.
        let marker = root.join(MARKER);
        let lock = fs::File::open(&marker).map_err(|e| Error::io(&marker, e))?;
        if lock.try_lock().is_err() {
            return Err(Error::UnsafeOutput(format!(
                "another annalist build is writing into {}; wait for it to finish",
                root.display()
            )));
        }
        let dead = leftovers::dead_flags(root);
        let flag = root.join(format!("{BUILDING}{}", std::process::id()));
        // A flag of that name is a killed build's (the same process id, before): never write
        // through what sits there.
        if fs::symlink_metadata(&flag).is_ok() {
            fs::remove_file(&flag).map_err(|e| Error::io(&flag, e))?;
        }
        fs::File::create_new(&flag).map_err(|e| Error::io(&flag, e))?;
        Ok(Some(InPlace {
            target: target.clone(),
            root: root.to_path_buf(),
            suffix: format!(".annalist-new-{}", std::process::id()),
            produced: files.iter().cloned().chain([MARKER.to_string(), RECORD.to_string()]).collect(),
            record: record::text(files),
            previous,
            pending: Mutex::new(Vec::new()),
            created: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
            committed: false,
            flag,
            dead,
            _lock: lock,
        }))
    }

    /// The output folder.
    pub fn target(&self) -> &Path {
        &self.root
    }

    /// Makes `bytes` the new content of the output file `rel`: nothing is written when the old
    /// file holds the same bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.write_with_mode(rel, bytes, None)
    }

    /// [`InPlace::write`], the file given the permission bits `mode` (`None`: the default).
    fn write_with_mode(&self, rel: &str, bytes: &[u8], mode: Option<u32>) -> Result<()> {
        let path = self.root.join(rel);
        if same_bytes(&path, bytes, mode) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let (temp, mut file) = self.new_version(&path, mode)?;
        std::io::Write::write_all(&mut file, bytes).map_err(|e| Error::io(&temp, e))
    }

    /// Makes the output file `rel` what `fill` writes, piece by piece: compared with the old
    /// file as it comes, and written beside it only from the first byte that differs.
    pub fn write_streamed(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        let path = self.root.join(rel);
        let mut out =
            ChangedOnly::new(&path, || self.new_version(&path, None).map(|(_, file)| file).map_err(io::Error::other));
        fill(&mut out)?;
        if !out.finish().map_err(|e| Error::io(&path, e))? {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// A new, empty temporary file beside the output file `path` (its folders created, given
    /// the permission bits `mode` when some), that the commit renames over it; a failed build
    /// removes it.
    fn new_version(&self, path: &Path, mode: Option<u32>) -> Result<(PathBuf, fs::File)> {
        let dir = path.parent().unwrap_or(&self.root);
        self.create_folders(dir)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = dir.join(format!(".{name}{}", self.suffix));
        // A leftover of a crashed build may sit at that name, even as a link: never write
        // through it.
        if fs::symlink_metadata(&temp).is_ok() {
            fs::remove_file(&temp).map_err(|e| Error::io(&temp, e))?;
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        let file = open_with_mode(&temp, &mut options, mode).map_err(|e| Error::io(&temp, e))?;
        lock(&self.pending).push((temp.clone(), path.to_path_buf()));
        Ok((temp, file))
    }

    /// Makes a copy of the file `from` the new content of the output file `rel`, with at most
    /// its permission bits ([`super::copy_mode`]): a file whose bytes are the same but whose
    /// bits differ is written again.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let meta = fs::metadata(from).map_err(|e| Error::io(from, e))?;
        let bytes = fs::read(from).map_err(|e| Error::io(from, e))?;
        self.write_with_mode(rel, &bytes, copy_mode(&meta))
    }

    /// Creates `dir` and the folders above it that are missing, remembering each one.
    fn create_folders(&self, dir: &Path) -> Result<()> {
        if dir.is_dir() {
            return Ok(());
        }
        let mut missing = Vec::new();
        let mut d = dir;
        while d != self.root && !d.is_dir() {
            missing.push(d.to_path_buf());
            d = d.parent().unwrap_or(&self.root);
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

    /// Checks the output path again, puts every changed file in place and removes the files
    /// the previous build recorded and this one does not produce. Returns what it did, and
    /// warnings for what could not be removed afterwards (the new output is in place).
    pub fn commit(mut self) -> Result<(InPlaceSummary, Vec<Diagnostic>)> {
        let record = std::mem::take(&mut self.record);
        self.target.recheck()?;
        // Until every changed file is in place, the record lists what either build wrote: a
        // commit failing half-way leaves no file of annalist's unlisted, which the next build
        // would take for the reader's own.
        if let Some(previous) = &self.previous {
            let mut either = self.produced.clone();
            either.extend(previous.iter().cloned());
            self.put_now(RECORD, record::text(&either).as_bytes())?;
        }
        let mut pending = lock(&self.pending).clone();
        // A file given twice has one temporary file: rename it once.
        pending.sort_unstable();
        pending.dedup();
        let renamed = AtomicUsize::new(0);
        let result = pending.par_iter().try_for_each(|(temp, path)| {
            fs::rename(temp, path).map_err(|e| Error::io(path, e))?;
            renamed.fetch_add(1, Ordering::Relaxed);
            Ok::<(), Error>(())
        });
        if let Err(e) = result {
            // Drop removes every temporary file left and the folders left empty.
            return Err(match renamed.into_inner() {
                0 => e,
                n => Error::io(
                    &self.root,
                    io::Error::other(format!(
                        "{n} of the {} changed files were put in place before this failed ({e}): the \
                         output folder holds a mix of the previous build and this one; build again",
                        pending.len()
                    )),
                ),
            });
        }
        self.committed = true;
        let mut warnings = Vec::new();
        let record_written = match self.put_now(RECORD, record.as_bytes()) {
            Ok(written) => written,
            Err(e) => {
                // The record still lists every file either build wrote: nothing is lost.
                warnings.push(Diagnostic::warning(RECORD, 0, 0, format!("the record was not brought up to date: {e}")));
                false
            }
        };
        self.mark(&mut warnings);
        let removed = self.remove_stale(&mut warnings);
        let _ = fs::remove_file(&self.flag);
        leftovers::remove_inside(&self.root, &self.dead);
        leftovers::remove_beside(&self.root);
        let unchanged = self.unchanged.load(Ordering::Relaxed) + usize::from(!record_written);
        let summary = InPlaceSummary { written: pending.len() + usize::from(record_written), unchanged, removed };
        Ok((summary, warnings))
    }

    /// Puts `bytes` in place as the top-level output file `name` at once, a temporary file
    /// renamed over it, apart from the changed files the commit renames together. Returns
    /// whether anything was written (not when the file holds the same bytes).
    fn put_now(&self, name: &str, bytes: &[u8]) -> Result<bool> {
        let path = self.root.join(name);
        if same_bytes(&path, bytes, None) {
            return Ok(false);
        }
        let temp = self.root.join(format!(".{name}{}", self.suffix));
        if fs::symlink_metadata(&temp).is_ok() {
            fs::remove_file(&temp).map_err(|e| Error::io(&temp, e))?;
        }
        fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
        fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))?;
        Ok(true)
    }

    /// Writes the marker's text over an older one, in place: it is the file this build holds
    /// locked.
    fn mark(&self, warnings: &mut Vec<Diagnostic>) {
        let marker = self.root.join(MARKER);
        if fs::read(&marker).is_ok_and(|old| old != MARKER_TEXT.as_bytes()) {
            if let Err(e) = fs::write(&marker, MARKER_TEXT) {
                warnings.push(Diagnostic::warning(&marker, 0, 0, format!("could not update the marker: {e}")));
            }
        }
    }

    /// Removes the files the previous build recorded writing that this one does not produce,
    /// and the folders that leaves empty. Links are removed, never followed; nothing else is
    /// touched. An output with no record loses nothing, with a warning.
    fn remove_stale(&self, warnings: &mut Vec<Diagnostic>) -> usize {
        let Some(previous) = &self.previous else {
            warnings.push(
                Diagnostic::warning(&self.root, 0, 0, "an older annalist wrote this output folder without a record of its files, so files the site no longer produces were left in it")
                    .with_hint("delete the output folder once and build again to start clean"),
            );
            return 0;
        };
        let mut removed = 0;
        let mut by_lower_case: Option<HashMap<String, Vec<&str>>> = None;
        for rel in previous {
            if self.produced.contains(rel) {
                continue;
            }
            // Built once, and only when something is stale.
            let by_lower_case = by_lower_case.get_or_insert_with(|| {
                let mut map: HashMap<String, Vec<&str>> = HashMap::new();
                for p in &self.produced {
                    map.entry(p.to_lowercase()).or_default().push(p);
                }
                map
            });
            if same_file_as_produced(&self.root, by_lower_case, rel) {
                continue;
            }
            match record::remove(&self.root, rel) {
                Ok(true) => removed += 1,
                Ok(false) => {}
                Err(e) => warnings.push(Diagnostic::warning(
                    self.root.join(rel),
                    0,
                    0,
                    format!("this file is no longer part of the site but could not be removed: {e}"),
                )),
            }
        }
        removed
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
        let _ = fs::remove_file(&self.flag);
    }
}

/// Whether the file at `rel` is, on a file system that ignores case, one the build produced
/// under another case ("Logo.png" for "logo.png"): removing it would remove that one.
/// `produced` is the files the build produced, by their lower-case form.
fn same_file_as_produced(target: &Path, produced: &HashMap<String, Vec<&str>>, rel: &str) -> bool {
    produced.get(&rel.to_lowercase()).is_some_and(|ps| ps.iter().any(|p| same_file(&target.join(p), &target.join(rel))))
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

/// Whether the regular file at `path` holds exactly `bytes` (with the permission bits `mode`,
/// when some).
fn same_bytes(path: &Path, bytes: &[u8], mode: Option<u32>) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 && has_mode(&m, mode) => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
#[path = "in_place_tests.rs"]
mod tests;
