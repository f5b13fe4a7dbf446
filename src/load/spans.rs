//! A YAML tree that remembers where every node was written and how.
//!
//! serde_yaml gives typed structs but forgets positions and the literal text of numbers
//! (`21.10` becomes the float 21.1). Figures must keep the digits they were written with and
//! errors must point at a line and column, so indicator entries are read from this tree.

use crate::error::Diagnostic;
use crate::model::Pos;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One YAML node with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node starts in the file.
    pub pos: Pos,
    /// What the node holds.
    pub kind: NodeKind,
}

/// The shape of a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar exactly as written; `quoted` when it was in quotes or a block scalar.
    Scalar {
        /// The scalar's text.
        text: String,
        /// Whether the author quoted it (so it is text, never a number).
        quoted: bool,
    },
    /// A mapping, in the order written; keys keep their own positions.
    Map(Vec<(Node, Node)>),
    /// A sequence.
    Seq(Vec<Node>),
    /// An alias to an anchor (not resolved; front matter has no use for them).
    Alias,
}

impl Node {
    /// The scalar text, if this node is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value under `key`, if this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The key node for `key` (to point errors at the key), if present.
    pub fn key_node(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).map(|(k, _)| k),
            _ => None,
        }
    }
}

/// How deep YAML may nest: real front matter, catalogues and settings go three or four levels
/// deep. Deeper text is refused before any recursive reader (serde's, or dropping the tree) sees
/// it, so a hostile file gives an error instead of overflowing the stack.
pub const MAX_DEPTH: usize = 64;

/// Characters YAML 1.1 readers (serde_yaml) count as line breaks and YAML 1.2 readers
/// (yaml_rust2) and editors do not: the two readers would disagree on the data and every later
/// line number would be off, so YAML holding one is refused.
const LINE_SEPARATORS: [(char, &str); 3] =
    [('\u{2028}', "line separator"), ('\u{2029}', "paragraph separator"), ('\u{85}', "next line (NEL)")];

/// What is wrong with a YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The parser could not read it.
    Syntax,
    /// Collections nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A mapping gives the same key twice (only from [`parse_unique`]).
    DuplicateKey,
    /// An invisible character some YAML readers take for a line break.
    LineSeparator,
}

/// A YAML error at a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped, or where the problem is.
    pub pos: Pos,
    /// What the parser said, or what is wrong.
    pub message: String,
    /// Which kind of problem it is.
    pub problem: Problem,
}

impl SyntaxError {
    /// The error as a diagnostic in `file`, with a hint on how to fix it.
    pub fn diagnostic(&self, file: &std::path::Path) -> Diagnostic {
        let d = |message: String| Diagnostic::error(file, self.pos.line, self.pos.col, message);
        match self.problem {
            Problem::Syntax => d(format!("YAML syntax: {}", self.message)),
            Problem::TooDeep => d(self.message.clone())
                .with_hint("front matter, the catalogue and site.yaml need a few levels; check how the file was made"),
            Problem::DuplicateKey => d(self.message.clone())
                .with_hint("keep one of the two: a YAML reader would silently use the last and drop the first"),
            Problem::LineSeparator => d(self.message.clone())
                .with_hint("delete it (it is invisible; it often comes with text copied from a PDF or a web page)"),
        }
    }
}

/// Parses `yaml`, whose first line is line `first_line` of its file, into a positioned tree.
/// An empty document gives `None`. Nesting deeper than [`MAX_DEPTH`] and line separators are
/// errors; a key given twice in one mapping is kept twice (see [`parse_unique`]).
pub fn parse(yaml: &str, first_line: usize) -> Result<Option<Node>, SyntaxError> {
    parse_with(yaml, first_line, false)
}

/// As [`parse`], and a key given twice in one mapping is an error at the second one: what
/// annalist reads as data must not silently lose one of the two values.
pub fn parse_unique(yaml: &str, first_line: usize) -> Result<Option<Node>, SyntaxError> {
    parse_with(yaml, first_line, true)
}

fn parse_with(yaml: &str, first_line: usize, unique: bool) -> Result<Option<Node>, SyntaxError> {
    line_separator(yaml, first_line)?;
    let mut builder = Builder { stack: Vec::new(), root: None, first_line };
    let mut parser = Parser::new_from_str(yaml);
    // Events one at a time: `Parser::load` recurses once per level of nesting.
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            // The scanner reads ahead, and stops at 256 open brackets before this loop sees 64.
            let (message, problem) = match e.info() {
                "recursion limit exceeded" => (too_deep(), Problem::TooDeep),
                info => (info.to_string(), Problem::Syntax),
            };
            SyntaxError { pos: builder.pos(*e.marker()), message, problem }
        })?;
        match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::MappingStart(..) | Event::SequenceStart(..) if builder.stack.len() >= MAX_DEPTH => {
                return Err(SyntaxError { pos: builder.pos(mark), message: too_deep(), problem: Problem::TooDeep });
            }
            Event::MappingEnd if unique => {
                if let Some(Open::Map(_, entries, _)) = builder.stack.last() {
                    duplicate_key(entries)?;
                }
                builder.on_event(event, mark);
            }
            _ => builder.on_event(event, mark),
        }
    }
    Ok(builder.root)
}

/// The message of a [`Problem::TooDeep`].
fn too_deep() -> String {
    format!("the YAML nests deeper than {MAX_DEPTH} levels here")
}

/// The first key of `entries` (in written order) that an earlier key already gave.
fn duplicate_key(entries: &[(Node, Node)]) -> Result<(), SyntaxError> {
    // Pairwise for the few keys most mappings have; hashed for a catalogue's thousands.
    let small = entries.len() <= 16;
    let mut seen: HashMap<&str, Pos, foldhash::fast::RandomState> = HashMap::default();
    for (i, (key, _)) in entries.iter().enumerate() {
        let Some(text) = key.as_scalar() else { continue };
        let first = if small {
            entries[..i].iter().map(|(k, _)| k).find(|k| k.as_scalar() == Some(text)).map(|k| k.pos)
        } else {
            seen.insert(text, key.pos)
        };
        if let Some(first) = first {
            return Err(SyntaxError {
                pos: key.pos,
                message: format!("key '{text}' is given twice; first at line {}", first.line),
                problem: Problem::DuplicateKey,
            });
        }
    }
    Ok(())
}

/// The first line or paragraph separator in `yaml`, as an error at the line and column an
/// editor shows (lines end at '\n' only).
fn line_separator(yaml: &str, first_line: usize) -> Result<(), SyntaxError> {
    let mut buf = [0u8; 4];
    let found = LINE_SEPARATORS
        .iter()
        .filter_map(|&(c, name)| {
            Some((memchr::memmem::find(yaml.as_bytes(), c.encode_utf8(&mut buf).as_bytes())?, c, name))
        })
        .min();
    let Some((at, c, name)) = found else { return Ok(()) };
    let before = &yaml[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Err(SyntaxError {
        pos: Pos { line: first_line + before.matches('\n').count(), col: before[line_start..].chars().count() + 1 },
        message: format!("an invisible {name} character (U+{:04X}) in the YAML", u32::from(c)),
        problem: Problem::LineSeparator,
    })
}

enum Open {
    Map(Pos, Vec<(Node, Node)>, Option<Node>),
    Seq(Pos, Vec<Node>),
}

struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    first_line: usize,
}

impl Builder {
    fn pos(&self, m: Marker) -> Pos {
        Pos { line: m.line() + self.first_line - 1, col: m.col() + 1 }
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = self.pos(mark);
        match ev {
            Event::Scalar(text, style, _, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.push_node(Node { pos, kind: NodeKind::Scalar { text, quoted } });
            }
            Event::MappingStart(..) => self.stack.push(Open::Map(pos, Vec::new(), None)),
            Event::SequenceStart(..) => self.stack.push(Open::Seq(pos, Vec::new())),
            Event::MappingEnd => {
                if let Some(Open::Map(pos, entries, _)) = self.stack.pop() {
                    self.push_node(Node { pos, kind: NodeKind::Map(entries) });
                }
            }
            Event::SequenceEnd => {
                if let Some(Open::Seq(pos, items)) = self.stack.pop() {
                    self.push_node(Node { pos, kind: NodeKind::Seq(items) });
                }
            }
            Event::Alias(_) => self.push_node(Node { pos, kind: NodeKind::Alias }),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_number_text_and_positions() {
        let root = parse("title: x\nindicators:\n  rate: 21.10\n  cases: { value: 85 }\n", 2).unwrap().unwrap();
        let ind = root.get("indicators").unwrap();
        let rate = ind.get("rate").unwrap();
        assert_eq!(rate.as_scalar(), Some("21.10"));
        assert_eq!(rate.pos, Pos { line: 4, col: 9 });
        let key = ind.key_node("cases").unwrap();
        assert_eq!(key.pos, Pos { line: 5, col: 3 });
        assert_eq!(ind.get("cases").unwrap().get("value").unwrap().as_scalar(), Some("85"));
    }

    #[test]
    fn syntax_errors_have_file_positions() {
        let e = parse("title: x\nyear: [2021\n", 2).unwrap_err();
        assert!(e.pos.line >= 3, "{e:?}");
    }

    #[test]
    fn quoted_scalars_are_marked() {
        let root = parse("a: \"12\"\nb: 12\n", 1).unwrap().unwrap();
        assert!(matches!(root.get("a").unwrap().kind, NodeKind::Scalar { quoted: true, .. }));
        assert!(matches!(root.get("b").unwrap().kind, NodeKind::Scalar { quoted: false, .. }));
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let deep = [
            format!("k:\n  {}x\n", "- ".repeat(10_000)),
            format!("a: 1\nk: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
            format!("a: 1\nk: {}x{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)),
        ];
        for yaml in &deep {
            let e = parse(yaml, 3).unwrap_err();
            assert_eq!(e.problem, Problem::TooDeep, "{e:?}");
            assert_eq!(e.pos.line, 4, "{e:?}");
            assert!(e.pos.col > MAX_DEPTH, "{e:?}");
        }
        let fine = format!("k: {}x{}\n", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
        assert!(parse(&fine, 1).is_ok());
    }

    #[test]
    fn a_key_given_twice_is_an_error_at_the_second_one() {
        let yaml = "title: a\nx: { value: 5, value: 126 }\n";
        assert!(parse(yaml, 2).is_ok(), "parse keeps both");
        let e = parse_unique(yaml, 2).unwrap_err();
        assert_eq!((e.problem, e.pos), (Problem::DuplicateKey, Pos { line: 3, col: 16 }));
        assert_eq!(e.message, "key 'value' is given twice; first at line 3");
        let e = parse_unique("title: a\nyear: 1\n\"title\": b\n", 2).unwrap_err();
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos { line: 4, col: 1 }, "key 'title' is given twice; first at line 2")
        );
        // A catalogue's thousands of keys are checked by hash, with the same answer.
        let mut many: String = (0..1000).map(|i| format!("k{i}: 1\n")).collect();
        assert!(parse_unique(&many, 1).is_ok());
        many.push_str("k7: 2\n");
        let e = parse_unique(&many, 1).unwrap_err();
        assert_eq!((e.pos.line, e.message.as_str()), (1001, "key 'k7' is given twice; first at line 8"));
    }

    #[test]
    fn line_separators_are_refused_where_an_editor_shows_them() {
        for c in ['\u{2028}', '\u{2029}', '\u{85}'] {
            let e = parse(&format!("a: 1\ntitle: 甲{c}区\n"), 2).unwrap_err();
            assert_eq!((e.problem, e.pos), (Problem::LineSeparator, Pos { line: 3, col: 9 }), "{c:?}");
        }
    }
}
