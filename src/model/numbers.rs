//! How an indicator's large values are written, and the exact rewriting of a value in 万 / 亿.
//!
//! Chinese writes 52072件 as 5.2072万件 and 123456789元 as 1.23456789亿元. The catalogue asks for
//! it per indicator (`large_numbers: chinese`) and the theme's strings say whether the interface
//! language writes numbers that way. The rewriting is a shift of the decimal point, nothing
//! else: every digit of the source is kept, nothing is rounded, and the only zeros dropped are
//! the ones the shift itself moved behind the point (10000 → 1万, but 10000.0 → 1.00000万).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// How an indicator's values from 10,000 on are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LargeNumbers {
    /// As written in the report: 52072.
    #[default]
    Plain,
    /// In 万 from 10,000 and in 亿 from 100,000,000 (where the interface language is Chinese).
    Chinese,
}

impl LargeNumbers {
    /// Every value, as written in the catalogue and in a theme's strings.
    pub const NAMES: [&'static str; 2] = ["plain", "chinese"];
}

/// An indicator's unit together with how its large values are written.
///
/// It shows and serialises as the unit's text alone ("件"), so templates and data files see
/// exactly what the catalogue's `unit:` says; the notation travels with it to every place a
/// value is formatted, without that place needing the whole indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unit {
    /// The unit as the catalogue writes it: 件, %, 万元; may be empty.
    pub text: String,
    /// The catalogue's `large_numbers`.
    pub large_numbers: LargeNumbers,
}

impl Unit {
    /// A unit whose values are written plainly.
    pub fn plain(text: impl Into<String>) -> Self {
        Unit { text: text.into(), large_numbers: LargeNumbers::Plain }
    }
}

impl From<&str> for Unit {
    fn from(text: &str) -> Self {
        Unit::plain(text)
    }
}

impl std::ops::Deref for Unit {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// A value rewritten in 万 or 亿: the shifted number and the word that restores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scaled {
    /// The value divided by 10⁴ or 10⁸, exactly (52072 → 5.2072).
    pub mantissa: Decimal,
    /// "万" or "亿".
    pub word: &'static str,
}

/// The value in 万 (from 10,000) or 亿 (from 100,000,000) by magnitude; `None` below 10,000.
///
/// The shift always fits: a `Decimal` of at least 10⁴ has at most 24 decimals (its 96-bit
/// mantissa holds 28 digits), one of at least 10⁸ at most 20; were it ever not to, the value
/// would stay as written rather than be rounded.
pub fn chinese(value: Decimal) -> Option<Scaled> {
    let magnitude = value.abs();
    let (places, word) = if magnitude >= Decimal::from(100_000_000) {
        (8, "亿")
    } else if magnitude >= Decimal::from(10_000) {
        (4, "万")
    } else {
        return None;
    };
    let written = value.scale();
    let mut shifted = value;
    shifted.set_scale(written + places).ok()?;
    // Drop the zeros the shift moved behind the point, and only those: an integer's trailing
    // zeros (20000 → 2万). A written decimal ends in a digit the author wrote (20000.0 says
    // "to a tenth"), so it keeps every digit: 2.00000万.
    let mantissa = if written == 0 { shifted.normalize() } else { shifted };
    debug_assert_eq!(mantissa, value / Decimal::from(10_i64.pow(places)));
    Some(Scaled { mantissa, word })
}

/// The value in 万/亿 when `notation` is chinese and the value is large enough; `None` when it
/// is shown as written (the caller has that text already). `show` writes the number itself
/// (with a sign, for a change); the word follows it.
pub fn in_wan_yi(value: Decimal, notation: LargeNumbers, show: impl Fn(Decimal) -> String) -> Option<String> {
    if notation != LargeNumbers::Chinese {
        return None;
    }
    chinese(value).map(|s| format!("{}{}", show(s.mantissa), s.word))
}

/// Appends `d` exactly as `Decimal`'s `Display` writes it: every digit of its mantissa, the
/// trailing zeros its scale keeps (21.10), a minus sign when negative, even for a negative
/// zero. Tables print hundreds of thousands of figures, and `Display` divides the 96-bit
/// mantissa by ten a digit at a time.
pub fn push_decimal(out: &mut String, d: Decimal) {
    if d.is_sign_negative() {
        out.push('-');
    }
    let scale = d.scale() as usize;
    let mut buf = [0u8; 40];
    let digits = digits_of(&mut buf, d.mantissa().unsigned_abs());
    let len = digits.len();
    if len <= scale {
        out.push('0');
        if scale > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', scale - len));
            push_ascii(out, digits);
        }
    } else {
        push_ascii(out, &digits[..len - scale]);
        if scale > 0 {
            out.push('.');
            push_ascii(out, &digits[len - scale..]);
        }
    }
}

/// The decimal digits of `n` (none for zero), written at the end of `buf`. Divides in 64 bits
/// once the rest fits, which is most of every figure: 128-bit division costs several times more.
fn digits_of(buf: &mut [u8; 40], mut n: u128) -> &[u8] {
    let mut start = buf.len();
    while n > u128::from(u64::MAX) {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut n = n as u64;
    while n > 0 {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    &buf[start..]
}

/// Appends `n` in decimal, without the formatter (see [`push_ascii`]).
pub fn push_u64(out: &mut String, n: u64) {
    if n == 0 {
        out.push('0');
        return;
    }
    let mut buf = [0u8; 40];
    push_ascii(out, digits_of(&mut buf, u128::from(n)));
}

/// Appends `digits`, ASCII bytes, as text: cheaper than checking a handful of bytes as UTF-8
/// first, for the millions of numbers a big site writes.
pub fn push_ascii(out: &mut String, digits: &[u8]) {
    debug_assert!(digits.is_ascii(), "push_ascii takes ASCII bytes");
    out.extend(digits.iter().map(|&d| char::from(d)));
}

/// `d` as text, exactly as [`push_decimal`] writes it.
pub fn decimal_text(d: Decimal) -> String {
    let mut s = String::with_capacity(16);
    push_decimal(&mut s, d);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::figure::parse_decimal;

    #[test]
    fn whole_numbers_are_written_in_decimal() {
        let mut out = String::new();
        for n in [0, 7, 10, 255, 4_294_967_295, u64::MAX] {
            push_u64(&mut out, n);
            out.push(' ');
        }
        assert_eq!(out, "0 7 10 255 4294967295 18446744073709551615 ");
    }

    #[test]
    fn decimals_are_written_exactly_as_display_writes_them() {
        let mantissas: [i128; 12] =
            [0, 1, 5, 9, 10, 99, 100, 2110, 52072, i128::from(u64::MAX), i128::from(u64::MAX) + 1, (1 << 96) - 1];
        for m in mantissas {
            for scale in 0..=28 {
                for sign in [1, -1] {
                    let d = Decimal::from_i128_with_scale(sign * m, scale);
                    assert_eq!(decimal_text(d), d.to_string(), "{m} e-{scale}");
                }
                let negative_zero = Decimal::from_parts(0, 0, 0, true, scale);
                assert_eq!(decimal_text(negative_zero), negative_zero.to_string(), "-0 e-{scale}");
            }
        }
        for v in ["21.08", "21.10", "0.05", "-3", "15495.50", "0.000"] {
            assert_eq!(decimal_text(parse_decimal(v).unwrap()), v);
        }
    }

    fn zh(v: &str) -> String {
        let d = parse_decimal(v).unwrap();
        in_wan_yi(d, LargeNumbers::Chinese, |d| d.to_string()).unwrap_or_else(|| d.to_string())
    }

    fn zh_signed(v: &str) -> String {
        let d = parse_decimal(v).unwrap();
        in_wan_yi(d, LargeNumbers::Chinese, crate::compute::yoy::signed)
            .unwrap_or_else(|| crate::compute::yoy::signed(d))
    }

    #[test]
    fn shifts_exactly_without_rounding() {
        assert_eq!(zh("52072"), "5.2072万");
        assert_eq!(zh("123456789"), "1.23456789亿");
        assert_eq!(zh("15495"), "1.5495万");
        assert_eq!(zh("10851"), "1.0851万");
        assert_eq!(zh("99999999.99"), "9999.999999万");
    }

    #[test]
    fn small_values_stay_as_written() {
        assert_eq!(zh("1865"), "1865");
        assert_eq!(zh("3.5"), "3.5");
        assert_eq!(zh("21.10"), "21.10");
        assert_eq!(zh("0"), "0");
    }

    #[test]
    fn boundaries() {
        assert_eq!(zh("9999"), "9999");
        assert_eq!(zh("9999.99"), "9999.99");
        assert_eq!(zh("10000"), "1万");
        assert_eq!(zh("99999999"), "9999.9999万");
        assert_eq!(zh("100000000"), "1亿");
        assert_eq!(zh("350000000"), "3.5亿");
    }

    #[test]
    fn drops_only_the_zeros_the_shift_made() {
        assert_eq!(zh("20000"), "2万");
        assert_eq!(zh("20000.0"), "2.00000万");
        assert_eq!(zh("52070.50"), "5.207050万");
        assert_eq!(zh("120000000"), "1.2亿");
    }

    #[test]
    fn changes_keep_their_sign() {
        assert_eq!(zh_signed("-52072"), "\u{2212}5.2072万");
        assert_eq!(zh_signed("12345"), "+1.2345万");
        assert_eq!(zh_signed("-9999"), "\u{2212}9999");
        assert_eq!(zh_signed("-100000000"), "\u{2212}1亿");
        assert_eq!(zh_signed("0"), "0");
    }

    #[test]
    fn plain_notation_never_rewrites() {
        let v = parse_decimal("123456789").unwrap();
        assert_eq!(in_wan_yi(v, LargeNumbers::Plain, |d| d.to_string()), None);
        assert_eq!(in_wan_yi(v, LargeNumbers::Plain, crate::compute::yoy::signed), None);
        assert_eq!(in_wan_yi(v, LargeNumbers::Chinese, |d| d.to_string()).as_deref(), Some("1.23456789亿"));
    }

    #[test]
    fn rewriting_never_changes_the_value() {
        for v in ["52072", "123456789", "10000.0", "-99999999", "12345678901234567.891"] {
            let d = parse_decimal(v).unwrap();
            let s = chinese(d).unwrap();
            let factor = if s.word == "万" { 10_000 } else { 100_000_000 };
            assert_eq!(s.mantissa * Decimal::from(factor), d, "{v}");
        }
    }
}
