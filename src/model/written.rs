//! A value as the report writes it: "约31.5万", "1500余", "90%以上", "21.10".
//!
//! The grammar (DESIGN.md, "A figure is written as the report writes it"): an optional
//! qualifier before the number (约 近 超过 逾 不到 不足), the number (digits, one decimal point,
//! no separators; [`parse_decimal`]'s rules), an optional 万 / 亿 / 万亿, an optional %, and an
//! optional qualifier after it (余 多 左右 以上 以下 以内). Whitespace around the parts is
//! tolerated, nothing else is. A plain YAML number is the same grammar with none of the words.
//!
//! Decisions the grammar leaves open:
//! - **Full-width digits** (３０, ３０．５, ３０％), which text scraped from the web sometimes has,
//!   are refused with the text rewritten in ASCII digits. A figure has one written form, the
//!   one shown and compared with the report's text; normalising silently would show digits the
//!   file does not hold.
//! - **"1500余万"** (the qualifier between the digits and 万, as reports often write it) is
//!   refused with the equivalent form the grammar has, "1500万余": the two say the same.
//! - **%** is read and returned as [`Written::percent`]; only a rate may carry it, which the
//!   caller knows: [`Written::parse_for`] refuses it where the indicator is not a rate.
//! - A leading minus is allowed (a figure may be negative, as [`parse_decimal`] allows); a plus
//!   sign and a negative zero are refused with what to write.
//!
//! [`parse_decimal`]: crate::model::figure::parse_decimal

mod qualifier;
pub(crate) mod scan;
#[cfg(test)]
mod tests;

pub use qualifier::{Meaning, Placement, Qualifier};

use crate::model::numbers::decimal_text;
use rust_decimal::Decimal;
use scan::{unexpected, Cursor, Seen};
use std::fmt;

/// Why a written value or change cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenError {
    /// What is wrong and what to write instead.
    pub message: String,
    /// Character (not byte) offset in the text where the problem starts, so the caller can
    /// point at file:line:column.
    pub offset: usize,
}

impl fmt::Display for WrittenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WrittenError {}

/// The word that scales a written number: none, 万 (10⁴), 亿 (10⁸) or 万亿 (10¹²).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Magnitude {
    /// No word: the number is the value.
    #[default]
    One,
    /// 万: ten thousand.
    Wan,
    /// 亿: a hundred million.
    Yi,
    /// 万亿: a trillion.
    WanYi,
}

impl Magnitude {
    /// The power of ten the word stands for: 0, 4, 8 or 12.
    pub fn exponent(self) -> u32 {
        match self {
            Magnitude::One => 0,
            Magnitude::Wan => 4,
            Magnitude::Yi => 8,
            Magnitude::WanYi => 12,
        }
    }

    /// The factor the word stands for: 1, 10⁴, 10⁸ or 10¹².
    pub fn factor(self) -> Decimal {
        Decimal::from(10_i64.pow(self.exponent()))
    }

    /// The word as written: "", "万", "亿", "万亿".
    pub fn word(self) -> &'static str {
        match self {
            Magnitude::One => "",
            Magnitude::Wan => "万",
            Magnitude::Yi => "亿",
            Magnitude::WanYi => "万亿",
        }
    }

    /// The magnitude written as `word` ("" is [`Magnitude::One`]).
    pub fn from_word(word: &str) -> Option<Magnitude> {
        [Magnitude::One, Magnitude::Wan, Magnitude::Yi, Magnitude::WanYi].into_iter().find(|m| m.word() == word)
    }
}

/// A value as the report writes it, and the exact value it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The value in the indicator's unit, exact: 31.5万 → 315000, 1.23456万 → 12345.6. Only the
    /// zeros the shift by 万/亿 made are dropped (scale 0 where the mantissa had fewer decimals).
    pub value: Decimal,
    /// The number as written, with its scale: 31.5 of 31.5万, 21.10 of 21.10.
    pub mantissa: Decimal,
    /// 万 / 亿 / 万亿, or none.
    pub magnitude: Magnitude,
    /// Whether a % was written after the number (a rate's value).
    pub percent: bool,
    /// The qualifier, before or after the number.
    pub qualifier: Option<Qualifier>,
}

impl Written {
    /// A plain value with no words (a YAML number, or the old keys' value before `approx`/`bound`
    /// add a qualifier with [`Written::with_qualifier`]).
    pub fn plain(value: Decimal) -> Written {
        Written { value, mantissa: value, magnitude: Magnitude::One, percent: false, qualifier: None }
    }

    /// The same value with `qualifier` (the old keys: [`Qualifier::APPROX`], [`Qualifier::BOUND_ABOVE`],
    /// [`Qualifier::BOUND_BELOW`]).
    pub fn with_qualifier(self, qualifier: Qualifier) -> Written {
        Written { qualifier: Some(qualifier), ..self }
    }

    /// Reads a value as the report writes it. A % is read and returned in [`Written::percent`];
    /// the caller refuses it where the indicator is not a rate (or uses [`Written::parse_for`]).
    pub fn parse(text: &str) -> Result<Written, WrittenError> {
        parse_with(text, None)
    }

    /// [`Written::parse`] for an indicator whose unit is `unit`: a % is refused unless
    /// `percent_allowed` (the indicator is a rate), and a unit written after the number is
    /// refused with the value as it should be written.
    pub fn parse_for(text: &str, unit: &str, percent_allowed: bool) -> Result<Written, WrittenError> {
        // Most figures are plain digits: read them as such, without the grammar's scan.
        let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if plain {
            if let Ok(value) = crate::model::figure::parse_decimal(text) {
                return Ok(Written::plain(value));
            }
        }
        let written = parse_with(text, Some(unit))?;
        if written.percent && !percent_allowed {
            let cur = Cursor::new(text);
            let at = text.find('%').unwrap_or(0);
            let unit = if unit.is_empty() { String::new() } else { format!(" (its unit is {unit})") };
            let without = Written { percent: false, ..written };
            return Err(cur.error_at(
                at,
                format!(
                    "'{}' has a '%', which only a rate's value may carry{unit}: write {}",
                    text.trim(),
                    without.written()
                ),
            ));
        }
        Ok(written)
    }

    /// What the qualifier says about the true value; `None` for a value written plainly.
    pub fn meaning(&self) -> Option<Meaning> {
        self.qualifier.map(Qualifier::meaning)
    }

    /// Whether the value is a bound (以上, 超过, 以下, 以内, 不到, 不足), never differenced.
    pub fn is_bound(&self) -> bool {
        self.qualifier.is_some_and(Qualifier::is_bound)
    }

    /// Whether the value is approximate (约, 左右, 余, 多, 逾, 近): a change involving it is
    /// marked approximate.
    pub fn is_approximate(&self) -> bool {
        self.qualifier.is_some_and(Qualifier::is_approximate)
    }

    /// Half of the last written digit, in the unit: 31.5万 → 500, 21.08 → 0.005, 1865 → 0.5.
    /// The value stands for anything within this of it.
    pub fn half_unit(&self) -> Decimal {
        half_unit(self.mantissa, self.magnitude)
    }

    /// The number as written, with its word: "31.5万", "21.10".
    pub fn number(&self) -> String {
        format!("{}{}", decimal_text(self.mantissa), self.magnitude.word())
    }

    /// The canonical written form, without the unit: "31.5万", "1500余", "约3万", "90%以上".
    pub fn written(&self) -> String {
        let (before, after) = self.split_qualifier();
        let percent = if self.percent { "%" } else { "" };
        format!("{before}{}{percent}{after}", self.number())
    }

    /// As a Chinese page shows it with its unit: "约3万件", "1500余家次", "3万件左右", "90%以上",
    /// "近30次". 余 and 多 sit before the unit, 左右 / 以上 / 以下 / 以内 after it. The % of a
    /// rate is its unit; a written % shows as the unit when `unit` is empty.
    pub fn zh(&self, unit: &str) -> String {
        let (before, after) = self.split_qualifier();
        let (close, far) = match self.qualifier {
            Some(Qualifier::Odd | Qualifier::More) => (after, ""),
            _ => ("", after),
        };
        let unit = if unit.is_empty() && self.percent { "%" } else { unit };
        format!("{before}{}{close}{unit}{far}", self.number())
    }

    /// As an English page shows it: every digit with thousands separators (31.5万 → 315,000),
    /// the unit after a space ("%" without one), and DESIGN.md's English forms: "about 30,000",
    /// "1,500+ cases", "nearly 30", "≥ 90%", "> 90%", "≤ 30", "< 30".
    pub fn en(&self, unit: &str) -> String {
        let unit = if unit.is_empty() && self.percent { "%" } else { unit };
        let (prefix, plus) = self.qualifier.map_or(("", ""), |q| (q.english_prefix(), q.english_suffix()));
        let number = grouped(self.value);
        match unit {
            "" => format!("{prefix}{number}{plus}"),
            "%" => format!("{prefix}{number}%{plus}"),
            unit => format!("{prefix}{number}{plus} {unit}"),
        }
    }

    /// The qualifier's word before and after the number ("" where there is none).
    fn split_qualifier(&self) -> (&'static str, &'static str) {
        match self.qualifier {
            Some(q) if q.placement() == Placement::Before => (q.text(), ""),
            Some(q) => ("", q.text()),
            None => ("", ""),
        }
    }
}

/// The magnitude both values are written in, so a change between them can keep it (31.5万 −
/// 26.9万 shown as +4.6万); `None` when they differ (the change is then shown in the unit).
pub fn same_magnitude(a: &Written, b: &Written) -> Option<Magnitude> {
    (a.magnitude == b.magnitude).then_some(a.magnitude)
}

/// `later − earlier` as written, when both share a magnitude: the difference of the mantissas
/// (31.5万 − 26.9万 → 4.6, 万), exact, with as many decimals as the more precise of the two.
pub fn written_difference(later: &Written, earlier: &Written) -> Option<(Decimal, Magnitude)> {
    let magnitude = same_magnitude(later, earlier)?;
    Some((later.mantissa.checked_sub(earlier.mantissa)?, magnitude))
}

/// Half of the last digit of `mantissa` once scaled by `magnitude`.
pub(crate) fn half_unit(mantissa: Decimal, magnitude: Magnitude) -> Decimal {
    let places = i64::from(magnitude.exponent()) - i64::from(mantissa.scale());
    if places >= 1 {
        Decimal::from(5 * 10_i64.pow((places - 1) as u32))
    } else {
        // The mantissa has at most 27 decimals (28 digits, one before the point), so this fits.
        Decimal::from_i128_with_scale(5, (1 - places).min(28) as u32)
    }
}

/// `mantissa × 10^magnitude`, exact, or `None` past 28 digits. Only the zeros the shift made
/// are dropped: 31.5万 → 315000, 1.23456万 → 12345.6, 0.0001万 → 1.
pub(crate) fn scaled(mantissa: Decimal, magnitude: Magnitude) -> Option<Decimal> {
    let (scale, places) = (mantissa.scale(), magnitude.exponent());
    if scale >= places {
        let mut value = mantissa;
        value.set_scale(scale - places).ok()?;
        return Some(value);
    }
    let whole = mantissa.mantissa().checked_mul(10_i128.pow(places - scale))?;
    (whole.unsigned_abs() < 10_u128.pow(28)).then(|| Decimal::from_i128_with_scale(whole, 0))
}

/// `d` with thousands separators: 315000 → "315,000", 12345.6 → "12,345.6".
pub fn grouped(d: Decimal) -> String {
    let text = decimal_text(d.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// [`Written::parse`], with the indicator's unit when the caller knows it (for a better hint).
fn parse_with(text: &str, unit: Option<&str>) -> Result<Written, WrittenError> {
    let mut cur = Cursor::new(text);
    let mut seen = Seen::default();
    cur.skip_ws();
    seen.qualifier = cur.eat_qualifier(Placement::Before);
    cur.skip_ws();
    let Some(digits) = scan::number(&mut cur)? else { return Err(unexpected(&cur, &seen, unit)) };
    seen.number = true;
    match digits.sign {
        Some('+') => {
            let fixed = format!("{}{}", &text[..digits.start], &text[digits.start + 1..]);
            return Err(cur.error_at(
                digits.start,
                format!("'{}' has a plus sign, which a figure would not keep: write {}", text.trim(), fixed.trim()),
            ));
        }
        Some(_) if digits.number.is_zero() => {
            let fixed = format!("{}{}", &text[..digits.start], &text[digits.start + 1..]);
            return Err(cur.error_at(
                digits.start,
                format!(
                    "'{}' is a negative zero, which has no meaning as a figure: write {}",
                    text.trim(),
                    fixed.trim()
                ),
            ));
        }
        _ => {}
    }
    let mut mantissa = digits.number;
    mantissa.set_sign_negative(digits.sign == Some('-'));
    cur.skip_ws();
    seen.magnitude = cur.eat_magnitude();
    cur.skip_ws();
    let percent_at = cur.pos;
    seen.percent = cur.eat("%");
    if seen.percent && seen.magnitude != Magnitude::One {
        let message = format!(
            "'{}' is a percentage written with {}: write the percentage alone",
            text.trim(),
            seen.magnitude.word()
        );
        return Err(cur.error_at(percent_at, message));
    }
    cur.skip_ws();
    if seen.qualifier.is_none() {
        seen.qualifier = cur.eat_qualifier(Placement::After);
        cur.skip_ws();
    }
    if !cur.at_end() {
        return Err(unexpected(&cur, &seen, unit));
    }
    let Some(value) = scaled(mantissa, seen.magnitude) else {
        return Err(cur
            .error_at(digits.start, format!("'{}' has more digits than annalist can keep exactly (28)", text.trim())));
    };
    Ok(Written { value, mantissa, magnitude: seen.magnitude, percent: seen.percent, qualifier: seen.qualifier })
}
