//! A figure as a report states it: an exact decimal with the flags real reports attach.

use super::Pos;
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// A value bound: the report says "below 30" or "above 90", not "30" or "90".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// 以下: at most this value.
    Below,
    /// 以上: at least this value.
    Above,
}

/// A year-over-year change as the report itself states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedChange {
    /// How the change is expressed.
    pub form: ChangeForm,
    /// The amount, with its sign (+77% is 77, −3 is −3).
    pub amount: Decimal,
    /// The text as written in the front matter ("+77%").
    pub text: String,
}

/// The form a stated change takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeForm {
    /// Relative change in percent of last year's value ("+77%").
    Percent,
    /// Difference in percentage points, for rates ("+20.68pp").
    Points,
    /// Difference in the indicator's own unit ("-3").
    Absolute,
}

impl StatedChange {
    /// Parses "+77%", "-3", "+20.68pp" (also "pp" with a space or "个百分点").
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let (number, form) = if let Some(n) = t.strip_suffix("个百分点") {
            (n, ChangeForm::Points)
        } else if let Some(n) = t.strip_suffix("pp") {
            (n, ChangeForm::Points)
        } else if let Some(n) = t.strip_suffix('%') {
            (n, ChangeForm::Percent)
        } else {
            (t, ChangeForm::Absolute)
        };
        // A stated "-0%" or "-0.0%" is a decrease rounded to nothing: its sign says something,
        // unlike a figure's.
        let amount = parse_number(number.trim(), true)?;
        if form == ChangeForm::Percent && amount <= Decimal::from(-100) {
            return Err(format!("a change of {t} would make last year's value zero or negative"));
        }
        Ok(StatedChange { form, amount, text: t.to_string() })
    }
}

/// One figure of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The value, with the decimals it was written with.
    pub value: Decimal,
    /// 余 / 约: the report gives an approximate value.
    pub approx: bool,
    /// 以下 / 以上: the report gives a bound, not a value.
    pub bound: Option<Bound>,
    /// 累计: a running total, not this year's figure.
    pub cumulative: bool,
    /// The year-over-year change the report states, if any (boxed, like the note: few figures
    /// have one, and a site holds hundreds of thousands of figures).
    pub change: Option<Box<StatedChange>>,
    /// A note on how the figure was read from the source.
    pub note: Option<Box<str>>,
    /// Where the figure is written in the file.
    pub pos: Pos,
}

impl Figure {
    /// A plain figure with no flags.
    pub fn plain(value: Decimal) -> Self {
        Figure { value, approx: false, bound: None, cumulative: false, change: None, note: None, pos: Pos::default() }
    }
}

/// Parses a number as written in front matter into an exact decimal that keeps its scale.
///
/// Accepts an optional sign, digits and an optional fraction. Thousands separators, exponents
/// and units are refused with a message saying what to write instead, and so are the written
/// forms a figure could not keep: a leading zero (`010` would show as 10) and a negative zero
/// (`-0` would show as 0).
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    parse_number(text, false)
}

/// [`parse_decimal`]; for a stated `change` its sign is part of what it says, so a plus sign and
/// a negative zero ("-0%", a decrease rounded to nothing) are kept rather than refused.
fn parse_number(text: &str, change: bool) -> Result<Decimal, String> {
    let t = text.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && frac.is_empty());
    if !ok {
        let hint = if t.contains(',') || t.contains('，') {
            " (write it without thousands separators, e.g. 52072)"
        } else if t.ends_with('%') {
            " (write the number without '%'; the catalogue's unit says it is a percentage)"
        } else if t.chars().any(|c| c == '万' || c == '亿') {
            " (write the digits and put 万 or 亿 in the catalogue's unit)"
        } else {
            ""
        };
        return Err(format!("'{t}' is not a number{hint}"));
    }
    if !change && t.starts_with('+') {
        return Err(format!("'{t}' has a plus sign, which a figure would not keep (write {digits})"));
    }
    if int.len() > 1 && int.starts_with('0') {
        let all_zero = digits.bytes().all(|b| b == b'0' || b == b'.');
        // A negative zero is refused whatever its zeros: the suggestion drops its sign.
        let sign = if all_zero && !change { "" } else { &t[..t.len() - digits.len()] };
        let kept = &digits[(int.len() - int.trim_start_matches('0').len()).min(int.len() - 1)..];
        let written = format!("{sign}{kept}");
        return Err(format!(
            "'{t}' starts with a zero, which some readers take for an octal number or a code (write {written})"
        ));
    }
    if !change && t.starts_with('-') && digits.bytes().all(|b| b == b'0' || b == b'.') {
        return Err(format!("'{t}' is a negative zero, which has no meaning as a figure (write {})", &t[1..]));
    }
    if int.len() + frac.len() > 28 {
        return Err(format!("'{t}' has more digits than annalist can keep exactly (28)"));
    }
    Decimal::from_str(t.strip_prefix('+').unwrap_or(t)).map_err(|e| format!("'{t}' is not a number ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_written_precision() {
        assert_eq!(parse_decimal("21.08").unwrap().to_string(), "21.08");
        assert_eq!(parse_decimal("21.10").unwrap().to_string(), "21.10");
        assert_eq!(parse_decimal("100").unwrap().to_string(), "100");
        assert_eq!(parse_decimal("-3").unwrap().to_string(), "-3");
        assert!(parse_decimal("+3").unwrap_err().contains("plus sign, which a figure would not keep (write 3)"));
        assert_eq!(StatedChange::parse("+3").unwrap().amount.to_string(), "3");
    }

    #[test]
    fn non_numbers_are_refused_with_a_hint() {
        assert!(parse_decimal("52,072").unwrap_err().contains("thousands"));
        assert!(parse_decimal("21%").unwrap_err().contains("'%'"));
        assert!(parse_decimal("1.2万").unwrap_err().contains("万"));
        assert!(parse_decimal("1e3").is_err());
        assert!(parse_decimal("").is_err());
        assert!(parse_decimal("1.").is_err());
        assert!(parse_decimal(".5").is_err());
    }

    #[test]
    fn leading_and_negative_zeros_are_refused_with_what_to_write() {
        assert!(parse_decimal("010").unwrap_err().contains("(write 10)"));
        assert!(parse_decimal("-007.50").unwrap_err().contains("(write -7.50)"));
        assert!(parse_decimal("00.5").unwrap_err().contains("(write 0.5)"));
        assert!(parse_decimal("000").unwrap_err().contains("(write 0)"));
        assert!(parse_decimal("-00").unwrap_err().contains("(write 0)"));
        assert!(parse_decimal("-0.00").unwrap_err().contains("(write 0.00)"));
        assert!(parse_decimal("-0").unwrap_err().contains("negative zero, which has no meaning as a figure (write 0)"));
        // A stated change of -0% is a decrease rounded to nothing, and is kept as written.
        let change = StatedChange::parse("-0.0%").unwrap();
        assert_eq!((change.amount.is_zero(), change.text.as_str()), (true, "-0.0%"));
        assert!(StatedChange::parse("-0").is_ok() && StatedChange::parse("-0pp").is_ok());
        assert!(StatedChange::parse("-05%").is_err(), "a leading zero stays refused");
        assert!(parse_decimal("-0.00").unwrap_err().contains("(write 0.00)"));
        for fine in ["0", "0.5", "0.00", "-0.5", "10", "100.0"] {
            assert!(parse_decimal(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn stated_changes_parse_in_every_form() {
        let c = StatedChange::parse("+77%").unwrap();
        assert_eq!((c.form, c.amount.to_string()), (ChangeForm::Percent, "77".into()));
        let c = StatedChange::parse("+20.68pp").unwrap();
        assert_eq!((c.form, c.amount.to_string()), (ChangeForm::Points, "20.68".into()));
        let c = StatedChange::parse("-3").unwrap();
        assert_eq!((c.form, c.amount.to_string()), (ChangeForm::Absolute, "-3".into()));
        let c = StatedChange::parse("+1.5个百分点").unwrap();
        assert_eq!(c.form, ChangeForm::Points);
        assert!(StatedChange::parse("-100%").is_err());
        assert!(StatedChange::parse("lots").is_err());
    }
}
