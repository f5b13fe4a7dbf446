//! The output folder's path: resolved once before anything is written, checked against
//! everything annalist must never replace, and checked again just before anything is renamed
//! or removed.
//!
//! A path is resolved the way the operating system will resolve it once its missing folders
//! are made: `.` and `..` are taken lexically, and every part that exists is replaced by its
//! canonical form (symbolic links followed). `nx/../content`, where `nx` does not exist, is the
//! site's `content/`, whatever `nx` is.

use super::MARKER;
use crate::error::{Error, Result};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// An output folder that passed the checks: how it was given, and where it leads.
#[derive(Debug, Clone)]
pub struct Target {
    /// The site folder, canonical.
    root: PathBuf,
    /// The output path as given, for messages.
    spelt: PathBuf,
    /// The output path as given, made absolute against the working folder but not resolved.
    given: PathBuf,
    /// Where it leads.
    path: PathBuf,
}

impl Target {
    /// Resolves `output` and refuses it when a build there would overwrite something that is not
    /// annalist's output: the site folder or a folder holding it, its `content/`, `templates/`,
    /// `themes/` or `static/`, the home folder or a folder holding it, a file, or a folder with
    /// files and no marker.
    pub fn check(root: &Path, output: &Path) -> Result<Target> {
        let root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let given = if output.is_absolute() {
            output.to_path_buf()
        } else {
            std::env::current_dir().map_err(|e| Error::io(output, e))?.join(output)
        };
        let path = absolute(&given)?;
        let target = Target { root, spelt: output.to_path_buf(), given, path };
        target.refuse_if_unsafe(&target.path)?;
        Ok(target)
    }

    /// The resolved output folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Resolves the output path again and refuses when it now leads somewhere else (a folder
    /// on the way replaced by a link, say) or somewhere refused: called just before anything
    /// is renamed or removed.
    pub fn recheck(&self) -> Result<()> {
        let now = absolute(&self.given)?;
        if now != self.path {
            return Err(Error::UnsafeOutput(format!(
                "refusing to write to {}: it now leads to {} instead of {}; nothing was changed",
                self.spelt.display(),
                now.display(),
                self.path.display()
            )));
        }
        self.refuse_if_unsafe(&now)
    }

    fn refuse_if_unsafe(&self, out: &Path) -> Result<()> {
        match refusal(&self.root, out)? {
            None => Ok(()),
            Some(why) => Err(Error::UnsafeOutput(format!(
                "refusing to write to {} ({}): {why}",
                self.spelt.display(),
                out.display()
            ))),
        }
    }
}

/// Why `out` (resolved) may not be the output folder of the site at `root` (canonical).
fn refusal(root: &Path, out: &Path) -> Result<Option<String>> {
    if root.starts_with(out) {
        return Ok(Some("it is the site folder or contains it".into()));
    }
    for protected in ["content", "templates", "themes", "static"] {
        let folder = root.join(protected);
        let real = fs::canonicalize(&folder).unwrap_or_else(|_| folder.clone());
        if out.starts_with(&folder) || out.starts_with(&real) {
            return Ok(Some(format!("it is inside the site's {protected}/ folder")));
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from) {
        if fs::canonicalize(&home).is_ok_and(|h| h.starts_with(out)) {
            return Ok(Some("it is your home folder or contains it".into()));
        }
    }
    let Ok(meta) = fs::symlink_metadata(out) else { return Ok(None) };
    if !meta.is_dir() {
        return Ok(Some("it is a file".into()));
    }
    let empty = fs::read_dir(out).map_err(|e| Error::io(out, e))?.next().is_none();
    if !empty && !fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(Some(format!(
            "it is a folder with files that annalist did not write (no {MARKER} marker); choose an empty or new folder"
        )));
    }
    Ok(None)
}

/// The absolute form of `p` as the operating system will resolve it once its missing folders
/// are made: `.` and `..` taken part by part, each part that exists replaced by its canonical
/// form (links followed), the missing ones kept as written. A link that leads nowhere is
/// refused: a folder cannot be made through it.
pub fn absolute(p: &Path) -> Result<PathBuf> {
    let abs =
        if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map_err(|e| Error::io(p, e))?.join(p) };
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if fs::symlink_metadata(&out).is_ok() {
                    out = fs::canonicalize(&out).map_err(|e| {
                        Error::UnsafeOutput(format!(
                            "refusing to write to {}: {} is a link that leads nowhere ({e})",
                            p.display(),
                            out.display()
                        ))
                    })?;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_after_a_missing_folder_is_taken_lexically() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(root.join("content")).unwrap();
        assert_eq!(absolute(&root.join("nx/../content")).unwrap(), root.join("content"));
        assert_eq!(absolute(&root.join("nx/./a/../../b")).unwrap(), root.join("b"));
        assert_eq!(absolute(&root.join("nx/../../victim")).unwrap(), root.parent().unwrap().join("victim"));
        assert!(!root.join("nx").exists(), "resolving makes nothing");
    }

    #[cfg(unix)]
    #[test]
    fn links_on_the_way_are_followed_and_dangling_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(root.join("a/b")).unwrap();
        std::os::unix::fs::symlink(root.join("a/b"), root.join("l")).unwrap();
        // The parent of a link is the parent of what it leads to, as for the system.
        assert_eq!(absolute(&root.join("l/../x")).unwrap(), root.join("a/x"));
        std::os::unix::fs::symlink(root.join("none"), root.join("dangling")).unwrap();
        assert!(absolute(&root.join("dangling/out")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_target_that_changes_after_the_check_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let out = dir.path().join("out");
        let target = Target::check(&root, &out).unwrap();
        target.recheck().unwrap();
        std::os::unix::fs::symlink(root.join("content"), &out).unwrap();
        assert!(target.recheck().is_err(), "now leads into content/");
        fs::remove_file(&out).unwrap();
        fs::create_dir(&out).unwrap();
        fs::write(out.join("theirs.txt"), "x").unwrap();
        assert!(target.recheck().is_err(), "now a foreign folder");
    }
}
