//! Shortcodes in Markdown bodies: `{{ name(key=value, …) }}`.
//!
//! Shortcodes are cut out of the Markdown before it is parsed and replaced by placeholders that
//! Markdown leaves alone; after rendering, each placeholder is replaced by the shortcode's HTML.
//! A placeholder alone in a paragraph is replaced together with the paragraph, so a block
//! shortcode (a table) does not end up inside `<p>`. Shortcodes inside code are left as text.

use serde_json::{Map, Number, Value};

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
    let mut shifts = Vec::new();
    let mut out = String::with_capacity(markdown.len());
    let mut calls = Vec::new();
    let bytes = markdown.as_bytes();
    let mut i = 0;
    let mut line = 1;
    let mut line_start = 0;
    let mut fence: Option<(u8, usize)> = None;
    while i < bytes.len() {
        let at_line_start = i == line_start;
        if at_line_start {
            let rest = &markdown[i..];
            let trimmed = rest.trim_start_matches(' ');
            let indent = rest.len() - trimmed.len();
            let run = |c: u8| trimmed.bytes().take_while(|b| *b == c).count();
            if indent < 4 {
                for c in [b'`', b'~'] {
                    let n = run(c);
                    if n >= 3 {
                        match fence {
                            None => fence = Some((c, n)),
                            Some((fc, fnum)) if fc == c && n >= fnum && trimmed[n..].trim().is_empty() => fence = None,
                            _ => {}
                        }
                    }
                }
            }
        }
        let b = bytes[i];
        if b == b'\n' {
            out.push('\n');
            i += 1;
            line += 1;
            line_start = i;
            continue;
        }
        if fence.is_none() && b == b'`' {
            let n = bytes[i..].iter().take_while(|c| **c == b'`').count();
            let ticks = &markdown[i..i + n];
            if let Some(close) = find_closing_ticks(&markdown[i + n..], n) {
                let end = i + n + close + n;
                let span = &markdown[i..end];
                line += span.matches('\n').count();
                if let Some(p) = span.rfind('\n') {
                    line_start = i + p + 1;
                }
                out.push_str(span);
                i = end;
            } else {
                out.push_str(ticks);
                i += n;
            }
            continue;
        }
        if fence.is_none() && markdown[i..].starts_with("{{") {
            let col = markdown[line_start..i].chars().count() + 1;
            let Some(close) = markdown[i..].find("}}") else {
                return Err(ParseError {
                    line,
                    col,
                    message: "shortcode opened with '{{' but never closed with '}}'".into(),
                });
            };
            let inner = &markdown[i + 2..i + close];
            if inner.contains("{{") {
                return Err(ParseError {
                    line,
                    col,
                    message: "shortcode opened with '{{' but never closed with '}}'".into(),
                });
            }
            let call = parse_call(inner).map_err(|message| ParseError { line, col, message })?;
            calls.push(Call { line, col, ..call });
            out.push_str(&placeholder(calls.len() - 1));
            shifts.push((out.len(), (i + close + 2) as isize - out.len() as isize));
            let consumed = &markdown[i..i + close + 2];
            line += consumed.matches('\n').count();
            if let Some(p) = consumed.rfind('\n') {
                line_start = i + p + 1;
            }
            i += close + 2;
            continue;
        }
        // Up to the next byte that can start something (all ASCII, so on a char boundary).
        let next = memchr::memchr3(b'\n', b'`', b'{', &bytes[i + 1..]).map_or(bytes.len(), |p| i + 1 + p);
        out.push_str(&markdown[i..next]);
        i = next;
    }
    Ok(Extracted { text: out, calls, shifts })
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

fn parse_call(inner: &str) -> Result<Call, String> {
    let mut p = Cursor { s: inner.trim(), i: 0 };
    let name = p.ident().ok_or("a shortcode starts with its name, e.g. {{ value(id=\"…\") }}")?;
    p.skip_ws();
    if !p.eat('(') {
        return Err(format!("expected '(' after shortcode name '{name}'"));
    }
    let mut args = Map::new();
    loop {
        p.skip_ws();
        if p.eat(')') {
            break;
        }
        let key = p.ident().ok_or("expected an argument name")?;
        p.skip_ws();
        if !p.eat('=') {
            return Err(format!("expected '=' after argument '{key}'"));
        }
        p.skip_ws();
        let value = p.value()?;
        if args.insert(key.clone(), value).is_some() {
            return Err(format!("argument '{key}' is given twice"));
        }
        p.skip_ws();
        if p.eat(',') {
            continue;
        }
        if p.eat(')') {
            break;
        }
        return Err("expected ',' or ')' after an argument".into());
    }
    p.skip_ws();
    if !p.rest().is_empty() {
        return Err(format!("unexpected '{}' after the shortcode's ')'", p.rest()));
    }
    Ok(Call { name, args, line: 0, col: 0 })
}

/// How deep lists may nest in shortcode arguments.
const MAX_NESTING: usize = 16;

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }
    fn skip_ws(&mut self) {
        let r = self.rest();
        self.i += r.len() - r.trim_start().len();
    }
    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn ident(&mut self) -> Option<String> {
        let r = self.rest();
        let n = r.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(r.len());
        if n == 0 || r.as_bytes()[0].is_ascii_digit() {
            return None;
        }
        self.i += n;
        Some(r[..n].to_string())
    }
    fn value(&mut self) -> Result<Value, String> {
        self.value_at(0)
    }

    /// A value nested `depth` lists deep; lists nest at most [`MAX_NESTING`] deep, so hostile
    /// input cannot exhaust the stack.
    fn value_at(&mut self, depth: usize) -> Result<Value, String> {
        if depth > MAX_NESTING {
            return Err(format!("lists in shortcode arguments nest at most {MAX_NESTING} deep"));
        }
        let r = self.rest();
        if let Some(q) = r.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let mut s = String::new();
            let mut chars = r[1..].char_indices();
            while let Some((j, c)) = chars.next() {
                if c == q {
                    self.i += 1 + j + 1;
                    return Ok(Value::String(s));
                }
                if c == '\\' {
                    match chars.next() {
                        Some((_, 'n')) => s.push('\n'),
                        Some((_, e)) => s.push(e),
                        None => break,
                    }
                } else {
                    s.push(c);
                }
            }
            return Err("a string argument is never closed".into());
        }
        if self.eat('[') {
            let mut items = Vec::new();
            loop {
                self.skip_ws();
                if self.eat(']') {
                    return Ok(Value::Array(items));
                }
                items.push(self.value_at(depth + 1)?);
                self.skip_ws();
                if self.eat(',') {
                    continue;
                }
                if self.eat(']') {
                    return Ok(Value::Array(items));
                }
                return Err("expected ',' or ']' in a list".into());
            }
        }
        let n = r
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+' || c == '_'))
            .unwrap_or(r.len());
        let word = &r[..n];
        self.i += n;
        match word {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            "" => Err("expected a value: a \"string\", a number, true/false or a [list]".into()),
            w => {
                if let Ok(i) = w.parse::<i64>() {
                    Ok(Value::Number(i.into()))
                } else if let Some(f) = w.parse::<f64>().ok().and_then(Number::from_f64) {
                    Ok(Value::Number(f))
                } else {
                    Err(format!("'{w}' is not a value; put text in quotes"))
                }
            }
        }
    }
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
