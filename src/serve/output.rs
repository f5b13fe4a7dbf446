//! The preview's output, held in memory: `serve` never writes into the site's `output/`.

use crate::build::Sink;
use crate::error::{Diagnostic, Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Bytes of one output file, shared between the preview and the requests reading it.
pub type Bytes = Arc<[u8]>;

/// A sink that keeps what a render produces, by output path.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Bytes>>,
    /// The site folder, resolved: copied files must live inside it.
    root: PathBuf,
}

impl Memory {
    /// An empty sink for the site at `root`.
    pub fn new(root: &Path) -> Self {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        Memory { files: Mutex::default(), root }
    }

    /// What was written, by output path.
    pub fn into_files(self) -> HashMap<String, Bytes> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), Arc::from(bytes));
        Ok(())
    }

    /// Copies a static file, refusing one that is (or leads through a link to) a file outside
    /// the site folder, so a symbolic link cannot publish the rest of the disk.
    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let real = from.canonicalize().map_err(|e| Error::io(from, e))?;
        if !real.starts_with(&self.root) {
            return Err(Error::one(
                Diagnostic::error(from, 0, 0, "a static file links to a file outside the site folder")
                    .with_hint("copy the file into the site instead of linking to it"),
            ));
        }
        let bytes = std::fs::read(&real).map_err(|e| Error::io(from, e))?;
        self.write(rel, &bytes)
    }
}

/// What the server shows: the last good output, and the error that stops a newer one.
#[derive(Debug, Default)]
pub struct Served {
    /// Output files by path relative to the site root ("yanqing/2021/index.html").
    pub files: HashMap<String, Bytes>,
    /// The problems of the last build, when it failed; pages get them as an overlay.
    pub error: Option<String>,
    /// Site-wide data files are made when asked for, not after every save: they hold every
    /// figure of the site and are rarely looked at while writing.
    pub data_stale: bool,
    /// The search index is made when asked for too: it reads the text of every page.
    pub search_stale: bool,
}
