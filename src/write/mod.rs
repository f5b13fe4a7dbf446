//! Write: the output folder. A first build writes a fresh folder beside the target and swaps
//! it in only when the whole build succeeded; a rebuild rewrites the previous output where
//! bytes changed, committed at the end. Either way a failed build leaves the previous output
//! as it was.
//!
//! annalist only ever replaces a folder it created (it carries a marker file), removes only
//! files it recorded writing, and refuses output paths that would overwrite the site itself
//! or anything around it, however they are spelt.

mod changed_only;
pub mod data;
pub mod discovery;
mod in_place;
mod leftovers;
pub mod outputs;
mod record;
mod staging;
mod target;

pub use in_place::{InPlace, InPlaceSummary};
pub use staging::Staging;
pub use target::{absolute, Target};

use crate::error::{Error, Result};
use std::fs;
use std::io;
use std::path::Path;

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
const MARKER_TEXT: &str = "This folder was written by annalist. A build rewrites the files listed in .annalist-files \
                           and leaves anything else here alone.\n";

/// Removes a folder and everything in it (links removed, never followed), its top-level
/// entries in parallel: a previous output of 10,000 pages takes seconds to unlink one by one.
/// The marker goes last, so a folder interrupted half-way is still known as annalist's.
fn remove_dir_parallel(dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    let mut entries: Vec<fs::DirEntry> = fs::read_dir(dir).and_then(|r| r.collect()).map_err(|e| Error::io(dir, e))?;
    entries.retain(|e| e.file_name() != MARKER);
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let removed = if is_dir { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        removed.map_err(|e| Error::io(&path, e))
    })?;
    let marker = dir.join(MARKER);
    if let Err(e) = fs::remove_file(&marker) {
        if e.kind() != io::ErrorKind::NotFound {
            return Err(Error::io(&marker, e));
        }
    }
    fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

/// The permission bits a copy of a file gets in the output: at most the source's, never
/// writable by group or others, never set-id (`None` where files have no such bits). A static
/// file readable only by its owner stays so in the output.
fn copy_mode(source: &fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(source.permissions().mode() & 0o755)
    }
    #[cfg(not(unix))]
    {
        let _ = source;
        None
    }
}

/// Whether the permission bits of `meta` are `mode` (always, where files have no such bits).
fn has_mode(meta: &fs::Metadata, mode: Option<u32>) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        mode.is_none_or(|m| meta.permissions().mode() & 0o7777 == m)
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, mode);
        true
    }
}

/// Opens `path` with `options`, created with no more than the permission bits `mode` and then
/// given exactly those (the umask aside), so it is never readable more widely, even for a
/// moment.
fn open_with_mode(path: &Path, options: &mut fs::OpenOptions, mode: Option<u32>) -> io::Result<fs::File> {
    #[cfg(unix)]
    if let Some(m) = mode {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(m);
        let file = options.open(path)?;
        file.set_permissions(fs::Permissions::from_mode(m))?;
        return Ok(file);
    }
    let _ = mode;
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_site_itself_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        let check = |out: &Path| Target::check(root, out);
        assert!(check(root).is_err());
        assert!(check(root.parent().unwrap()).is_err());
        assert!(check(&root.join("content/out")).is_err());
        assert!(check(&root.join("nx/../content")).is_err(), "however it is spelt");
        assert!(check(&root.join("nx/../../content/x/../../site-copy/..")).is_err(), "the folder holding the site");
        for protected in ["templates", "themes/default", "static/x"] {
            assert!(check(&root.join(protected)).is_err(), "{protected}");
        }
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        if let Some(home) = home.filter(|h| h.is_dir() && !root.starts_with(h)) {
            assert!(check(&home).is_err(), "the home folder is refused");
        }
        let foreign = root.join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check(&foreign).is_err());
        assert!(check(&root.join("nx/../docs")).is_err());
        assert!(check(&root.join("output")).is_ok());
        fs::write(foreign.join(MARKER), "").unwrap();
        assert!(check(&foreign).is_ok());
        assert!(!root.join("nx").exists(), "checking makes nothing");
    }
}
