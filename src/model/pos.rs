//! Where something was written: the model keeps it on every figure and on a report's
//! `indicators` key, so checks made long after loading can still point at the line.

/// A position in the file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}
