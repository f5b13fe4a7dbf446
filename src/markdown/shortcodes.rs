//! Shortcodes in Markdown bodies: `{{ name(key=value, …) }}`.
//!
//! Shortcodes are cut out of the Markdown before it is parsed and replaced by placeholders that
//! Markdown leaves alone; after rendering, each placeholder is replaced by the shortcode's HTML.
//! A placeholder alone in a paragraph is replaced together with the paragraph, so a block
//! shortcode (a table) does not end up inside `<p>`. Shortcodes inside code are left as text.
//!
//! This module finds and parses calls and puts their HTML back; making a call's HTML with the
//! theme's `shortcodes/<name>.html` template is rendering's part (`render/shortcode_calls.rs`).

use super::shortcode_args::parse_call;
use serde_json::{Map, Value};

/// A shortcode call found in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The shortcode's name (its template is `shortcodes/<name>.html`).
    pub name: String,
    /// Its arguments.
    pub args: Map<String, Value>,
    /// 1-based line in the Markdown text.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

/// A shortcode that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line in the Markdown text.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

/// The placeholder standing for call number `n`.
pub fn placeholder(n: usize) -> String {
    format!("\u{1A}sc{n}\u{1A}")
}

/// Markdown with its shortcodes cut out.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The text, with a placeholder where each call was.
    pub text: String,
    /// The calls, in order.
    pub calls: Vec<Call>,
    /// (offset in `text` just after a placeholder, original offset minus new offset from there on).
    shifts: Vec<(usize, isize)>,
}

impl Extracted {
    /// The byte offset in the original Markdown of byte `offset` of `text`.
    pub fn original_offset(&self, offset: usize) -> usize {
        let shift = self.shifts.iter().take_while(|(at, _)| *at <= offset).last().map_or(0, |(_, d)| *d);
        offset.saturating_add_signed(shift)
    }
}

/// Cuts shortcode calls out of `markdown`, returning the text with placeholders and the calls.
pub fn extract(markdown: &str) -> Result<Extracted, ParseError> {
    let bytes = markdown.as_bytes();
    let mut scan = Scan {
        markdown,
        out: String::with_capacity(markdown.len()),
        calls: Vec::new(),
        shifts: Vec::new(),
        i: 0,
        line: 1,
        line_start: 0,
        fence: None,
    };
    while scan.i < bytes.len() {
        if scan.i == scan.line_start {
            scan.track_fence();
        }
        let b = bytes[scan.i];
        if b == b'\n' {
            scan.newline();
        } else if scan.fence.is_none() && b == b'`' {
            scan.code_span();
        } else if scan.fence.is_none() && markdown[scan.i..].starts_with("{{") {
            scan.call()?;
        } else {
            scan.text();
        }
    }
    Ok(Extracted { text: scan.out, calls: scan.calls, shifts: scan.shifts })
}

/// The state of [`extract`] walking through a body: what it has written and where it is.
struct Scan<'m> {
    markdown: &'m str,
    /// The text so far, with placeholders.
    out: String,
    calls: Vec<Call>,
    shifts: Vec<(usize, isize)>,
    /// The byte offset reached in `markdown`.
    i: usize,
    /// The 1-based line of `i`, and the offset that line starts at.
    line: usize,
    line_start: usize,
    /// The open code fence's character and length, if inside one.
    fence: Option<(u8, usize)>,
}

impl Scan<'_> {
    /// At a line's start: opens or closes a code fence (``` or ~~~, indented less than four).
    fn track_fence(&mut self) {
        let rest = &self.markdown[self.i..];
        let trimmed = rest.trim_start_matches(' ');
        if rest.len() - trimmed.len() >= 4 {
            return;
        }
        let run = |c: u8| trimmed.bytes().take_while(|b| *b == c).count();
        for c in [b'`', b'~'] {
            let n = run(c);
            if n >= 3 {
                match self.fence {
                    None => self.fence = Some((c, n)),
                    Some((fc, fnum)) if fc == c && n >= fnum && trimmed[n..].trim().is_empty() => self.fence = None,
                    _ => {}
                }
            }
        }
    }

    /// Copies the line break at `i` and starts the next line.
    fn newline(&mut self) {
        self.out.push('\n');
        self.i += 1;
        self.line += 1;
        self.line_start = self.i;
    }

    /// Moves to byte `end`, counting the lines passed over.
    fn advance_to(&mut self, end: usize) {
        let passed = &self.markdown[self.i..end];
        self.line += passed.matches('\n').count();
        if let Some(p) = passed.rfind('\n') {
            self.line_start = self.i + p + 1;
        }
        self.i = end;
    }

    /// Copies an inline code span as it is (a shortcode in it is text), or its opening
    /// backticks alone when it never closes.
    fn code_span(&mut self) {
        let (markdown, i) = (self.markdown, self.i);
        let n = markdown.as_bytes()[i..].iter().take_while(|c| **c == b'`').count();
        match find_closing_ticks(&markdown[i + n..], n) {
            Some(close) => {
                let end = i + n + close + n;
                self.out.push_str(&markdown[i..end]);
                self.advance_to(end);
            }
            None => {
                self.out.push_str(&markdown[i..i + n]);
                self.i += n;
            }
        }
    }

    /// Reads the call opening at `{{`, and writes its placeholder in its place.
    fn call(&mut self) -> Result<(), ParseError> {
        let (markdown, i, line) = (self.markdown, self.i, self.line);
        let col = markdown[self.line_start..i].chars().count() + 1;
        let unclosed =
            || ParseError { line, col, message: "shortcode opened with '{{' but never closed with '}}'".into() };
        let close = markdown[i..].find("}}").ok_or_else(unclosed)?;
        let inner = &markdown[i + 2..i + close];
        if inner.contains("{{") {
            return Err(unclosed());
        }
        let call = parse_call(inner).map_err(|message| ParseError { line, col, message })?;
        self.calls.push(Call { line, col, ..call });
        self.out.push_str(&placeholder(self.calls.len() - 1));
        self.shifts.push((self.out.len(), (i + close + 2) as isize - self.out.len() as isize));
        self.advance_to(i + close + 2);
        Ok(())
    }

    /// Copies text up to the next byte that can start something (all ASCII, so on a char
    /// boundary).
    fn text(&mut self) {
        let bytes = self.markdown.as_bytes();
        let next = memchr::memchr3(b'\n', b'`', b'{', &bytes[self.i + 1..]).map_or(bytes.len(), |p| self.i + 1 + p);
        self.out.push_str(&self.markdown[self.i..next]);
        self.i = next;
    }
}

fn find_closing_ticks(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|c| **c == b'`').count();
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Puts each call's HTML in place of its placeholder in rendered `html`.
pub fn substitute(html: &str, outputs: &[String]) -> String {
    let mut out = html.to_string();
    for (n, rendered) in outputs.iter().enumerate() {
        let ph = placeholder(n);
        let block = format!("<p>{ph}</p>");
        out = out.replace(&block, rendered).replace(&ph, rendered);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_calls_with_positions_and_arguments() {
        let md = "纠错率 {{ value(id=\"rate\") }}。\n\n{{ yoy_table(ids=[\"a\", 'b'], years=3) }}\n";
        let Extracted { text, calls, .. } = extract(md).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "value");
        assert_eq!((calls[0].line, calls[0].col), (1, 5));
        assert_eq!(calls[0].args["id"], "rate");
        assert_eq!(calls[1].line, 3);
        assert_eq!(calls[1].args["ids"], serde_json::json!(["a", "b"]));
        assert_eq!(calls[1].args["years"], 3);
        assert!(text.contains(&placeholder(0)));
        // Offsets after a placeholder map back to the original text.
        let e = extract(md).unwrap();
        let after = e.text.find('。').unwrap();
        assert_eq!(e.original_offset(after), md.find('。').unwrap());
        assert_eq!(e.original_offset(2), 2);
    }

    #[test]
    fn text_around_calls_is_copied_exactly() {
        // Single braces, backticks and multi-byte text between the places a call can start.
        let md = "甲{乙} `丙` {x}\n丁 {{ value(id=\"a\") }} 戊{\n`己`{{ value(id=\"b\") }}庚";
        let e = extract(md).unwrap();
        assert_eq!(e.text, format!("甲{{乙}} `丙` {{x}}\n丁 {} 戊{{\n`己`{}庚", placeholder(0), placeholder(1)));
        assert_eq!((e.calls[0].line, e.calls[0].col), (2, 3));
        assert_eq!((e.calls[1].line, e.calls[1].col), (3, 4));
    }

    #[test]
    fn code_is_left_alone() {
        let md = "`{{ value(id=\"x\") }}`\n\n```\n{{ value(id=\"y\") }}\n```\n";
        let Extracted { text, calls, .. } = extract(md).unwrap();
        assert!(calls.is_empty());
        assert_eq!(text, md);
    }

    #[test]
    fn a_code_span_that_never_closes_is_text_and_lines_are_counted_through_spans() {
        let e = extract("`` {{ value(id=\"a\") }}").unwrap();
        assert_eq!(e.calls.len(), 1);
        assert_eq!(e.text, format!("`` {}", placeholder(0)));
        let e = extract("`a\nb` x\n{{ value(id=\"a\") }}").unwrap();
        assert_eq!((e.calls[0].line, e.calls[0].col), (3, 1));
    }

    #[test]
    fn errors_point_at_the_call() {
        let e = extract("a\n  {{ value(id=) }}\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 3));
        let e = extract("{{ value(id=\"x\"").unwrap_err();
        assert!(e.message.contains("never closed"));
        assert!(extract("{{ value id }}").is_err());
        assert!(extract("{{ value(id=\"x\", id=\"y\") }}").is_err());
    }

    #[test]
    fn deeply_nested_lists_are_refused_not_overflowed() {
        let e = extract(&format!("{{{{ a(x={}) }}}}", "[".repeat(100_000))).unwrap_err();
        assert!(e.message.contains("nest at most"), "{}", e.message);
        assert!(extract("{{ a(x=[[1, 2], [3]]) }}").is_ok());
    }

    #[test]
    fn block_placeholders_replace_their_paragraph() {
        let html = format!("<p>{}</p>\n<p>x {} y</p>", placeholder(0), placeholder(1));
        let out = substitute(&html, &["<table></table>".into(), "<span>1</span>".into()]);
        assert_eq!(out, "<table></table>\n<p>x <span>1</span> y</p>");
    }
}
