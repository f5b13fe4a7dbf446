//! Write: the output folder, built beside the target and swapped in only when the whole build
//! succeeded, so a failed build leaves the previous output exactly as it was.
//!
//! annalist only ever replaces a folder it created (it carries a marker file), and refuses
//! output paths that would overwrite the site itself or anything around it.

mod changed_only;
pub mod data;
pub mod discovery;
mod in_place;

pub use in_place::{InPlace, InPlaceSummary};

use crate::error::{Error, Result};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file that marks a folder as annalist's output.
pub const MARKER: &str = ".annalist-output";

/// The files a build writes, relative to the output root. Hashed with foldhash, not SipHash:
/// the link check looks up every link of every page here, and the keys are the site's own
/// paths.
pub type FileSet = std::collections::HashSet<String, foldhash::fast::RandomState>;

/// How much of a streamed file is gathered before it goes to the disk (and, rebuilding, how
/// much of the old file is read ahead to compare).
const STREAM_BUFFER: usize = 256 * 1024;

/// What the marker file says to whoever opens it.
const MARKER_TEXT: &str = "This folder was written by annalist and is replaced on every build.\n";

/// Refuses output folders that would destroy something that is not annalist's output.
pub fn check_output(root: &Path, output: &Path) -> Result<()> {
    let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let out = absolute(output)?;
    let refuse = |why: String| Err(Error::UnsafeOutput(format!("refusing to write to {}: {why}", output.display())));
    if root.starts_with(&out) {
        return refuse("it is the site folder or contains it".into());
    }
    for protected in ["content", "templates", "themes", "static"] {
        if out.starts_with(root.join(protected)) {
            return refuse(format!("it is inside the site's {protected}/ folder"));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if !home.as_os_str().is_empty() && fs::canonicalize(&home).is_ok_and(|h| h == out) {
            return refuse("it is your home folder".into());
        }
    }
    if out.is_file() {
        return refuse("it is a file".into());
    }
    if out.is_dir() {
        let empty = fs::read_dir(&out).map_err(|e| Error::io(&out, e))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return refuse(format!(
                "it is a folder with files that annalist did not write (no {MARKER} marker); choose an empty or new folder"
            ));
        }
    }
    Ok(())
}

/// The absolute form of `p`, resolving symlinks of the parts that exist.
pub fn absolute(p: &Path) -> Result<PathBuf> {
    let abs =
        if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map_err(|e| Error::io(p, e))?.join(p) };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    Ok(out)
}

/// A fresh folder beside the output, filled by the build and swapped in by [`Staging::commit`].
/// Dropped without committing, it removes itself and the output is untouched.
pub struct Staging {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder next to `target`.
    pub fn new(target: &Path) -> Result<Self> {
        let target = absolute(target)?;
        let parent = target.parent().ok_or_else(|| Error::UnsafeOutput("the output folder has no parent".into()))?;
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
        let tmp = parent.join(format!(".{name}.annalist-new-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(Staging { target, tmp, committed: false })
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

    /// Copies a file from disk to `rel` inside the staging folder.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let path = self.place(rel)?;
        fs::copy(from, &path).map(|_| ()).map_err(|e| Error::io(from, e))
    }

    /// The path of `rel` inside the staging folder, its folders created.
    fn place(&self, rel: &str) -> Result<PathBuf> {
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(path)
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<PathBuf> {
        self.write(MARKER, MARKER_TEXT.as_bytes())?;
        let old = self.tmp.with_file_name(format!(
            ".{}.annalist-old-{}",
            self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if had_old {
            remove_dir_parallel(&old)?;
        }
        Ok(self.target.clone())
    }
}

/// Removes a folder and everything in it, its top-level entries in parallel: a previous output
/// of 10,000 pages takes seconds to unlink one by one.
fn remove_dir_parallel(dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir).and_then(|r| r.collect()).map_err(|e| Error::io(dir, e))?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let removed = if is_dir { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        removed.map_err(|e| Error::io(&path, e))
    })?;
    fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// The output file of a page URL: "yanqing/2021/" → "yanqing/2021/index.html".
pub fn file_for_url(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_index_files() {
        assert_eq!(file_for_url(""), "index.html");
        assert_eq!(file_for_url("yanqing/2021/"), "yanqing/2021/index.html");
        assert_eq!(file_for_url("404.html"), "404.html");
    }

    #[test]
    fn refuses_the_site_itself_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, root.parent().unwrap()).is_err());
        assert!(check_output(root, &root.join("content/out")).is_err());
        for protected in ["templates", "themes/default", "static/x"] {
            assert!(check_output(root, &root.join(protected)).is_err(), "{protected}");
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if let Some(home) = home.filter(|h| h.is_dir() && !root.starts_with(h)) {
            assert!(check_output(root, &home).is_err(), "the home folder is refused");
        }
        let foreign = root.join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check_output(root, &foreign).is_err());
        assert!(check_output(root, &root.join("output")).is_ok());
        fs::write(foreign.join(MARKER), "").unwrap();
        assert!(check_output(root, &foreign).is_ok());
    }

    #[test]
    fn dropped_staging_leaves_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("index.html", b"new").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "staging folder removed");
        let s = Staging::new(&out).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        assert!(out.join(MARKER).is_file());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "old output removed");
    }
}
