//! A YAML tree that remembers where every node was written and how.
//!
//! serde_yaml gives typed structs but forgets positions and the literal text of numbers
//! (`21.10` becomes the float 21.1). Figures must keep the digits they were written with and
//! errors must point at a line and column, so indicator entries are read from this tree.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A position in the file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

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

/// A YAML syntax error at a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// What the parser said.
    pub message: String,
}

/// Parses `yaml`, whose first line is line `first_line` of its file, into a positioned tree.
/// An empty document gives `None`.
pub fn parse(yaml: &str, first_line: usize) -> Result<Option<Node>, SyntaxError> {
    let mut builder = Builder { stack: Vec::new(), root: None, first_line };
    let mut parser = Parser::new_from_str(yaml);
    parser
        .load(&mut builder, false)
        .map_err(|e| SyntaxError { pos: builder.pos(*e.marker()), message: e.info().to_string() })?;
    Ok(builder.root)
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
}
