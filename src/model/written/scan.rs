//! Reading a written value or change piece by piece, with every error placed at the character
//! where it starts.

use super::{Magnitude, Placement, Qualifier, WrittenError};
use crate::model::figure::parse_decimal;
use rust_decimal::Decimal;

/// A position in the text being read (a byte index; errors give it in characters).
pub(crate) struct Cursor<'a> {
    /// The whole text, as the caller passed it.
    pub text: &'a str,
    /// Byte index of the next character to read.
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Cursor { text, pos: 0 }
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// Skips whitespace (around the parts of a value it is tolerated).
    pub fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Whether only whitespace is left.
    pub fn at_end(&self) -> bool {
        self.rest().trim().is_empty()
    }

    /// Reads `word` if the text continues with it.
    pub fn eat(&mut self, word: &str) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    /// Reads the first of `words` the text continues with (list longer words first).
    pub fn eat_any<'w>(&mut self, words: &[&'w str]) -> Option<&'w str> {
        let word = words.iter().find(|w| self.rest().starts_with(**w))?;
        self.pos += word.len();
        Some(word)
    }

    /// The qualifier the text continues with, whatever its placement, without reading it.
    pub fn peek_qualifier(&self) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| self.rest().starts_with(q.text()))
    }

    /// Reads a qualifier written at `placement`, if the text continues with one.
    pub fn eat_qualifier(&mut self, placement: Placement) -> Option<Qualifier> {
        let q = self.peek_qualifier().filter(|q| q.placement() == placement)?;
        self.pos += q.text().len();
        Some(q)
    }

    /// Reads 万亿, 亿 or 万 if the text continues with one.
    pub fn eat_magnitude(&mut self) -> Magnitude {
        match self.eat_any(&["万亿", "亿", "万"]) {
            Some(word) => Magnitude::from_word(word).unwrap_or(Magnitude::One),
            None => Magnitude::One,
        }
    }

    /// An error at byte `at`, its offset given in characters.
    pub fn error_at(&self, at: usize, message: impl Into<String>) -> WrittenError {
        WrittenError { message: message.into(), offset: self.text[..at].chars().count() }
    }

    /// An error at the cursor.
    pub fn error(&self, message: impl Into<String>) -> WrittenError {
        self.error_at(self.pos, message)
    }

    /// The word starting at the cursor, for messages: up to the next space or digit.
    pub fn word(&self) -> &'a str {
        let rest = self.rest();
        let end = rest
            .char_indices()
            .find(|&(i, c)| i > 0 && (c.is_whitespace() || c.is_ascii_digit()))
            .map_or(rest.len(), |(i, _)| i);
        let end = rest.char_indices().nth(8).map_or(end, |(i, _)| i.min(end));
        &rest[..end]
    }
}

/// A number as written: its sign, if any, and its digits as an exact unsigned decimal.
pub(crate) struct Digits {
    /// '+' or '-' when written.
    pub sign: Option<char>,
    /// The digits, unsigned, with the scale they were written with (21.10 keeps 2).
    pub number: Decimal,
    /// Byte index where the number (its sign, if any) starts.
    pub start: usize,
}

/// Whether `c` can be part of a number as some report writes it (full-width digits included,
/// so they can be refused with the right hint).
fn in_number(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || ('０'..='９').contains(&c) || c == '．'
}

/// `text` with full-width digits, point and percent sign written in ASCII.
pub(crate) fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            '＋' => '+',
            '－' | '−' => '-',
            c => c,
        })
        .collect()
}

/// Reads a number at the cursor: an optional sign, digits, one decimal point. `None`, with the
/// cursor unmoved, when no digit is there. The digits follow [`parse_decimal`]'s rules (no
/// leading zero, at most 28 digits, no bare point); full-width digits and thousands separators
/// are refused with the whole text rewritten as it should be.
pub(crate) fn number(cur: &mut Cursor) -> Result<Option<Digits>, WrittenError> {
    let start = cur.pos;
    let sign = cur.eat_any(&["+", "-"]).and_then(|s| s.chars().next());
    if let Some(odd) = cur.eat_any(&["−", "－", "＋"]) {
        let fixed = half_width(cur.text.trim());
        return Err(cur.error_at(start, format!("'{odd}' is not a sign annalist reads: write {fixed}")));
    }
    let digits_start = cur.pos;
    let rest = cur.rest();
    let mut chars = rest.char_indices().peekable();
    let mut end = rest.len();
    let mut separator = None;
    while let Some((i, c)) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(|&(_, n)| in_number(n));
        if (c == ',' || c == '，') && i > 0 && next_is_digit {
            separator.get_or_insert(digits_start + i);
        } else if !in_number(c) {
            end = i;
            break;
        }
    }
    let run = &rest[..end];
    if run.is_empty() {
        if sign.is_some() {
            return Err(cur.error("a sign must be followed by digits"));
        }
        cur.pos = start;
        return Ok(None);
    }
    cur.pos = digits_start + end;
    if let Some(at) = run.find(|c: char| ('０'..='９').contains(&c) || c == '．') {
        let fixed = half_width(cur.text.trim());
        return Err(
            cur.error_at(digits_start + at, format!("'{run}' is written with full-width digits: write {fixed}"))
        );
    }
    if let Some(at) = separator {
        let fixed: String = {
            let before = &cur.text[..digits_start];
            let after = &cur.text[cur.pos..];
            let run: String = run.chars().filter(|c| *c != ',' && *c != '，').collect();
            format!("{before}{run}{after}").trim().to_string()
        };
        return Err(cur.error_at(
            at,
            format!("'{}' is written with thousands separators: write it without them, {fixed}", cur.text.trim()),
        ));
    }
    let number = parse_decimal(run).map_err(|e| cur.error_at(digits_start, e))?;
    Ok(Some(Digits { sign, number, start }))
}

/// Chinese numerals, which a value cannot be written in.
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    "零〇一二两三四五六七八九十百千".contains(c)
}

/// What has been read so far, for a message about what may come next.
#[derive(Default)]
pub(crate) struct Seen {
    /// The qualifier, before or after the number.
    pub qualifier: Option<Qualifier>,
    /// Whether the number has been read.
    pub number: bool,
    /// 万 / 亿 / 万亿 read after the number.
    pub magnitude: Magnitude,
    /// Whether a % has been read.
    pub percent: bool,
}

/// The error for what stands at the cursor where it cannot: what it is, and what to write.
pub(crate) fn unexpected(cur: &Cursor, seen: &Seen, unit: Option<&str>) -> WrittenError {
    let text = cur.text.trim();
    let word = cur.word();
    let first = word.chars().next();
    if let Some(q) = cur.peek_qualifier() {
        if seen.qualifier.is_some() {
            return cur.error(format!(
                "'{text}' has two qualifiers (两个限定词): write one of them, before or after the number"
            ));
        }
        return cur.error(match q.placement() {
            Placement::Before => {
                format!("'{}' is written before the number (约3万, 近30): '{text}' has it after", q.text())
            }
            Placement::After => {
                format!("'{}' is written after the number (1500余, 90%以上): '{text}' has it before", q.text())
            }
        });
    }
    if seen.number && cur.rest().starts_with(['万', '亿']) {
        let after = seen.qualifier.filter(|q| q.placement() == Placement::After);
        let message = if seen.magnitude != Magnitude::One {
            format!("'{text}' has two of 万 / 亿: write one word (万亿 for 10¹²)")
        } else if let Some(q) = after {
            let q = q.text();
            format!("'{text}' puts {q} before the 万 / 亿: write {q} after it (1500万{q}), which means the same")
        } else {
            format!("'{text}' is a percentage written with 万 / 亿: write the percentage alone")
        };
        return cur.error(message);
    }
    if word.starts_with('％') {
        return cur.error(format!("'{text}' has a full-width percent sign: write {}", half_width(text)));
    }
    if first.is_some_and(is_chinese_numeral) {
        return cur.error(format!("'{text}' is written in Chinese numerals: write the number in digits (三万 is 3万)"));
    }
    if !seen.number {
        return cur.error(format!(
            "'{text}' is not a value: expected a number, with at most one qualifier before it ({})",
            Qualifier::list(Placement::Before)
        ));
    }
    if let Some(unit) = unit.filter(|u| !u.is_empty() && cur.rest().trim_start().starts_with(*u)) {
        let without = format!("{}{}", &cur.text[..cur.pos], &cur.rest().trim_start()[unit.len()..]);
        return cur.error(format!(
            "'{text}' is written with its unit: write it without ({}); the catalogue gives the unit {unit}",
            without.trim()
        ));
    }
    cur.error(format!(
        "'{word}' is not part of a value: after the number may come 万, 亿 or 万亿, % (a rate) and one qualifier ({}); the unit comes from the catalogue",
        Qualifier::list(Placement::After)
    ))
}
