//! A fresh output folder, written beside the target and swapped in when the whole build
//! succeeded: a first build, or a rebuild whose previous output is in the way of the new one
//! (a file where a folder must go).

use super::leftovers::{self, beside_name};
use super::record::{self, RECORD};
use super::target::Target;
use super::{in_place, open_with_mode, remove_dir_parallel, FileSet, MARKER, MARKER_TEXT, STREAM_BUFFER};
use crate::error::{Diagnostic, Error, Result};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A fresh folder beside the output, filled by the build and swapped in by [`Staging::commit`].
/// Dropped without committing, it removes itself and the output is untouched.
pub struct Staging {
    target: Target,
    tmp: PathBuf,
    /// The record of the files this build writes, written last.
    record: String,
    committed: bool,
    /// The staging folder's marker, locked while this build runs: a later build takes a
    /// folder whose marker is not locked for the leftover of a killed build.
    own: Option<fs::File>,
    /// The previous output's marker, locked while this build runs, so no other build rewrites
    /// it meanwhile.
    old_lock: Option<fs::File>,
    /// What in the previous output is in the way of the new build, for messages.
    in_the_way: Option<String>,
}

impl Staging {
    /// Creates the staging folder next to `target`, which will hold `files`. Refused when the
    /// previous output holds files annalist did not write: the swap would lose them.
    pub fn new(target: &Target, files: &FileSet) -> Result<Self> {
        let path = target.path();
        let parent = path.parent().ok_or_else(|| Error::UnsafeOutput("the output folder has no parent".into()))?;
        let old_lock = lock_output(path)?;
        let in_the_way = old_lock.as_ref().and_then(|_| in_place::in_the_way(path, files));
        if old_lock.is_some() {
            refuse_foreign(path, in_the_way.as_deref())?;
        }
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        target.recheck()?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
        let tmp = parent.join(beside_name(&name, "new"));
        if fs::symlink_metadata(&tmp).is_ok() && !leftovers::remove_if_dead(&tmp) {
            return Err(busy(&tmp));
        }
        fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let marker = tmp.join(MARKER);
        let own = fs::write(&marker, MARKER_TEXT).and_then(|()| fs::File::open(&marker));
        let own = match own {
            Ok(file) if file.try_lock().is_ok() => file,
            other => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(other.err().map_or_else(|| busy(&tmp), |e| Error::io(&marker, e)));
            }
        };
        let record = record::text(files);
        Ok(Staging { target: target.clone(), tmp, record, committed: false, own: Some(own), old_lock, in_the_way })
    }

    /// Writes a file at `rel` (a path with '/' separators) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.place(rel)?;
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Writes a file at `rel` inside the staging folder as `fill` writes it, buffered, without
    /// holding it whole.
    pub fn write_streamed(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        let path = self.place(rel)?;
        let file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = BufWriter::with_capacity(STREAM_BUFFER, file);
        fill(&mut out)?;
        out.flush().map_err(|e| Error::io(&path, e))
    }

    /// Copies a file from disk to `rel` inside the staging folder, with at most its permission
    /// bits ([`super::copy_mode`]).
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let path = self.place(rel)?;
        let mut source = fs::File::open(from).map_err(|e| Error::io(from, e))?;
        let meta = source.metadata().map_err(|e| Error::io(from, e))?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        let mut file = open_with_mode(&path, &mut options, super::copy_mode(&meta)).map_err(|e| Error::io(&path, e))?;
        io::copy(&mut source, &mut file).map(|_| ()).map_err(|e| Error::io(&path, e))
    }

    /// The path of `rel` inside the staging folder, its folders created.
    fn place(&self, rel: &str) -> Result<PathBuf> {
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(path)
    }

    /// Replaces the output folder with the staging folder, once the output path is checked
    /// again. Returns where the output is, and a warning when the previous output could not be
    /// removed afterwards (the new one is in place all the same).
    pub fn commit(mut self) -> Result<(PathBuf, Vec<Diagnostic>)> {
        self.write(RECORD, self.record.as_bytes())?;
        self.target.recheck()?;
        let target = self.target.path().to_path_buf();
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let old = self.tmp.with_file_name(beside_name(&name, "old"));
        let had_old = fs::symlink_metadata(&target).is_ok();
        if had_old {
            // Files put into the previous output since the build began are not lost either.
            if self.old_lock.is_some() {
                refuse_foreign(&target, self.in_the_way.as_deref())?;
            }
            if fs::symlink_metadata(&old).is_ok() && !leftovers::remove_if_dead(&old) {
                return Err(busy(&old));
            }
            release_before_rename(&mut self.old_lock);
            fs::rename(&target, &old).map_err(|e| Error::io(&target, e))?;
        }
        release_before_rename(&mut self.own);
        if let Err(e) = fs::rename(&self.tmp, &target) {
            if had_old {
                if let Err(back) = fs::rename(&old, &target) {
                    let why = format!(
                        "the new output could not be put in place ({e}) nor the previous one moved back \
                         ({back}): the previous output is in this folder; move it back to {}",
                        target.display()
                    );
                    return Err(Error::io(&old, io::Error::new(back.kind(), why)));
                }
            }
            return Err(Error::io(&target, e));
        }
        self.committed = true;
        let mut warnings = Vec::new();
        if had_old {
            if let Err(e) = remove_dir_parallel(&old) {
                warnings.push(not_removed(&old, &e));
            }
        }
        leftovers::remove_beside(&target);
        Ok((target, warnings))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Closed first: some systems remove no folder holding an open file.
            self.own = None;
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// The warning for a previous output that is no longer in use but could not be removed.
pub fn not_removed(old: &Path, e: &Error) -> Diagnostic {
    Diagnostic::warning(
        old,
        0,
        0,
        format!("the new output is in place, but the previous one could not be removed: {e}"),
    )
    .with_hint("delete this folder; nothing in it is in use")
}

/// The error for a folder another build is using.
fn busy(path: &Path) -> Error {
    Error::UnsafeOutput(format!("another annalist build is using {}; wait for it to finish", path.display()))
}

/// Locks the marker of the annalist output at `path`, if there is one; fails when another
/// build holds it.
fn lock_output(path: &Path) -> Result<Option<fs::File>> {
    let marker = path.join(MARKER);
    if !fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let file = fs::File::open(&marker).map_err(|e| Error::io(&marker, e))?;
    if file.try_lock().is_err() {
        return Err(busy(path));
    }
    Ok(Some(file))
}

/// Refuses to replace the previous output at `path` when it holds anything annalist did not
/// write (or, written by an annalist that kept no record, anything at all): a swap would lose
/// it. `in_the_way` is what makes the swap needed, when known.
fn refuse_foreign(path: &Path, in_the_way: Option<&str>) -> Result<()> {
    let record = record::read(path);
    let found = record::foreign(path, record.as_deref().unwrap_or_default(), 5);
    if found.is_empty() {
        return Ok(());
    }
    let (why, remove) = match in_the_way {
        Some(rel) => (format!("{rel} is in the way of the new build"), path.join(rel).display().to_string()),
        None => ("its shape is in the way of the new build".into(), "the output folder".into()),
    };
    let whose = if record.is_some() {
        "it holds files annalist did not write"
    } else {
        "an older annalist wrote it without a record of its files, so none of them is known to be annalist's"
    };
    Err(Error::UnsafeOutput(format!(
        "refusing to replace {}: a fresh output folder is needed ({why}), and {whose}: {}; move them \
         out of the output folder, or remove {remove} yourself",
        path.display(),
        found.join(", "),
    )))
}

/// Windows does not rename a folder holding an open file: a lock goes before the rename there
/// (the folder is renamed at once, so another build has no time to take it). Elsewhere it is
/// held until the build ends.
fn release_before_rename(lock: &mut Option<fs::File>) {
    if cfg!(not(unix)) {
        *lock = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(list: &[&str]) -> FileSet {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn dropped_staging_leaves_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("site")).unwrap();
        let out = dir.path().join("output");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        fs::write(out.join(RECORD), record::text(&set(&["index.html"]))).unwrap();
        let target = Target::check(&dir.path().join("site"), &out).unwrap();
        let files = set(&["index.html"]);
        {
            let s = Staging::new(&target, &files).unwrap();
            s.write("index.html", b"new").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "staging folder removed");
        let s = Staging::new(&target, &files).unwrap();
        s.write("index.html", b"new").unwrap();
        fs::write(out.join("late.txt"), "put there while the build ran").unwrap();
        assert!(s.commit().unwrap_err().to_string().contains("late.txt"), "not lost either");
        fs::remove_file(out.join("late.txt")).unwrap();
        let s = Staging::new(&target, &files).unwrap();
        s.write("index.html", b"new").unwrap();
        let (_, warnings) = s.commit().unwrap();
        assert!(warnings.is_empty());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(out.join(MARKER).is_file() && out.join(RECORD).is_file());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "old output removed");
    }

    #[test]
    fn a_swap_that_would_lose_foreign_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("site")).unwrap();
        let out = dir.path().join("output");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        fs::write(out.join("CNAME"), "example.org").unwrap();
        let target = Target::check(&dir.path().join("site"), &out).unwrap();
        let err = Staging::new(&target, &set(&["index.html"])).err().expect("refused").to_string();
        assert!(err.contains("CNAME") && err.contains("older annalist"), "{err}");
        fs::write(out.join(RECORD), record::text(&set(&[]))).unwrap();
        let err = Staging::new(&target, &set(&["index.html"])).err().expect("refused").to_string();
        assert!(err.contains("CNAME") && err.contains("did not write"), "{err}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "nothing made");
    }

    #[test]
    fn a_target_turned_foreign_before_the_swap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("site")).unwrap();
        let out = dir.path().join("output");
        let target = Target::check(&dir.path().join("site"), &out).unwrap();
        let s = Staging::new(&target, &set(&["index.html"])).unwrap();
        s.write("index.html", b"new").unwrap();
        fs::create_dir(&out).unwrap();
        fs::write(out.join("theirs.txt"), "keep").unwrap();
        assert!(s.commit().is_err());
        assert_eq!(fs::read_to_string(out.join("theirs.txt")).unwrap(), "keep");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "staging folder removed");
    }

    #[test]
    fn a_previous_output_that_cannot_be_removed_is_a_warning_naming_it() {
        let old = Path::new("gone/.output.annalist-old-1");
        let e = remove_dir_parallel(old).unwrap_err();
        let w = not_removed(old, &e);
        assert_eq!(w.severity, crate::error::Severity::Warning);
        assert_eq!(w.file, old);
    }
}
