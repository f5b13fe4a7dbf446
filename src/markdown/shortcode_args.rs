//! The text between a shortcode's braces, `name(key=value, …)`, parsed into a [`Call`].
//!
//! Values are JSON-like: a "string" or 'string' with backslash escapes, a number, `true` or
//! `false`, or a `[list]` of values. Lists nest at most [`MAX_NESTING`] deep, so a hostile body
//! cannot exhaust the stack. [`shortcodes`](super::shortcodes) finds the calls in a body and
//! places the errors this returns.

use super::shortcodes::Call;
use serde_json::{Map, Number, Value};

/// Parses `inner`, the text between `{{` and `}}`, into a call at line and column 0 (the caller
/// knows where it stands).
pub(super) fn parse_call(inner: &str) -> Result<Call, String> {
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
