//! Errors and the diagnostics annalist reports to its users.
//!
//! Everything that can go wrong with a site is a [`Diagnostic`]: it names the file, line and
//! column, says what is wrong and, where we know, how to fix it. Internal failures that are not
//! the site's fault (an unwritable disk, say) are [`Error::Io`].

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built as it stands.
    Error,
    /// The site builds, but something looks wrong.
    Warning,
}

/// One problem found in a site, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line in the file (0 when the problem concerns the whole file).
    pub line: usize,
    /// 1-based column in characters (0 when unknown).
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a place in a file.
    pub fn error(file: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file: file.into(), line, col, message: message.into(), hint: None }
    }

    /// A warning at a place in a file.
    pub fn warning(file: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, line, col, message) }
    }

    /// The same diagnostic with a hint on how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site has errors; every one found is listed.
    #[error("{} error(s) in the site", .0.iter().filter(|d| d.severity == Severity::Error).count())]
    Site(Vec<Diagnostic>),
    /// A file could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The output folder may not be used (it would overwrite something that is not ours).
    #[error("{0}")]
    UnsafeOutput(String),
    /// The preview cannot start (its port is taken, say).
    #[error("{0}")]
    Serve(String),
}

impl Error {
    /// An I/O error on a path.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), source }
    }

    /// A site error made of one diagnostic.
    pub fn one(d: Diagnostic) -> Self {
        Error::Site(vec![d])
    }
}

/// Result type of annalist's operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Suggests the candidate closest to `wrong` (for "did you mean …?"), if any is close enough.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(wrong, c);
        let limit = (wrong.chars().count().max(c.chars().count()) / 3).max(1);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Optimal string alignment distance: insertions, deletions, substitutions and
    // transpositions of neighbours each count as one edit.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(before[j - 2] + 1);
            }
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_indicator_ids() {
        let ids = ["admin_review_closed", "admin_review_correction_rate", "pm25"];
        assert_eq!(did_you_mean("admin_reveiw_closed", ids), Some("admin_review_closed"));
        assert_eq!(did_you_mean("something_else", ids), None);
    }

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error("content/yanqing/2021.md", 9, 3, "unknown indicator").with_hint("check");
        assert_eq!(d.to_string(), "error: content/yanqing/2021.md:9:3: unknown indicator\n  hint: check");
    }
}
