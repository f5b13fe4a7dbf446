//! A figure as a report states it: an exact decimal with the flags real reports attach.

use super::change_words::{ChangeWords, Form};
use super::written::{Magnitude, Meaning, Qualifier, Written, WrittenError};
use super::{Kind, Pos};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// A value bound: the report says "below 30" or "above 90", not "30" or "90" (以下, 以内, 不到,
/// 不足 / 以上, 超过: the written qualifier says which).
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
    /// The amount, with its sign (+77% is 77, 下降3件 is −3), in the indicator's unit for an
    /// absolute change (增加1.2万 is 12000).
    pub amount: Decimal,
    /// Half the last digit the amount is written with (0.05 for 17.1%), in its own terms: how
    /// far the true change may lie from the amount.
    pub half_unit: Decimal,
    /// The text as written in the front matter ("同比增长77%", "+77%").
    pub text: String,
    /// The year it is measured against when the report names one ("较2021年"); the year before
    /// otherwise.
    pub base_year: Option<i32>,
    /// 万 / 亿 as the amount is written ("增加1.2万"), for showing it as written.
    pub magnitude: Magnitude,
    /// A "%" change on a rate that `change_means` does not settle: percentage points or percent
    /// of last year? It is shown as written and used for nothing else.
    pub ambiguous: bool,
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

/// What a "%" change on a rate means (a figure's `change_means`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeMeans {
    /// Percentage points: 87.21% after "+20.68%" was 66.53%.
    Points,
    /// Percent of last year's rate: 87.21% after "+20.68%" was 72.27%.
    Percent,
}

impl ChangeMeans {
    /// Every value, as written in front matter.
    pub const NAMES: [&'static str; 2] = ["points", "percent"];
}

impl StatedChange {
    /// Parses a change in any form the grammar allows ([`ChangeWords`]) with no unit to check
    /// against and no kind: a "%" is relative, "pp" points. Front matter is read by
    /// [`StatedChange::read`], which knows the indicator.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::read(text, "", None, None).map_err(|e| e.message)
    }

    /// Parses a change stated for an indicator of `kind` in `unit`, with the figure's
    /// `change_means`. Points on anything but a rate is an error; a "%" on a rate without
    /// `change_means` is kept but marked ambiguous. With no kind, the form is as written.
    pub fn read(text: &str, unit: &str, kind: Option<Kind>, means: Option<ChangeMeans>) -> Result<Self, WrittenError> {
        let words = ChangeWords::parse(text, unit)?;
        let rate = kind == Some(Kind::Rate);
        let (form, ambiguous) = match words.form {
            Form::Points if kind.is_some() && !rate => {
                return Err(WrittenError {
                    message: format!(
                        "'{}' is a change in percentage points, which only a rate (kind: rate) can have",
                        words.text
                    ),
                    offset: 0,
                });
            }
            Form::Points => (ChangeForm::Points, false),
            Form::Percent if rate => match means {
                Some(ChangeMeans::Points) => (ChangeForm::Points, false),
                Some(ChangeMeans::Percent) => (ChangeForm::Percent, false),
                None => (ChangeForm::Percent, true),
            },
            Form::Percent => (ChangeForm::Percent, false),
            Form::Absolute | Form::Flat if rate => (ChangeForm::Points, false),
            Form::Absolute | Form::Flat => (ChangeForm::Absolute, false),
        };
        Ok(StatedChange {
            form,
            amount: words.amount,
            half_unit: words.half_unit,
            text: words.text,
            base_year: words.base_year,
            magnitude: words.magnitude,
            ambiguous,
        })
    }
}

/// One figure of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The value, exactly, in the indicator's unit (31.5万 is 315000); `None` for a figure that
    /// states only a change.
    pub value: Option<Decimal>,
    /// 约 / 余 / 近 …: the report gives an approximate value.
    pub approx: bool,
    /// 以下 / 以上 / 超过 / 不到 …: the report gives a bound, not a value.
    pub bound: Option<Bound>,
    /// 累计: a running total, not this year's figure.
    pub cumulative: bool,
    /// The author has looked into this figure: warnings about it are not shown.
    pub reviewed: bool,
    /// The year-over-year change the report states, if any (boxed, like the remarks: few
    /// figures have one, and a site holds hundreds of thousands of figures).
    pub change: Option<Box<StatedChange>>,
    /// What few figures have: a written form beyond the digits, a restated previous value, a
    /// break, a note.
    pub remarks: Option<Box<Remarks>>,
    /// Where the figure is written in the file.
    pub pos: Pos,
}

/// What few figures carry beyond their value, kept in one box so that a figure (and the
/// observation it makes) stays small.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Remarks {
    /// How the value is written where that is more than its digits (31.5万, 1500余, 90%以上).
    pub written: Option<Written>,
    /// The previous year's figure as this report states it (`previous`).
    pub previous: Option<Written>,
    /// Why this figure cannot be compared with the years before it (`break`).
    pub break_reason: Option<Box<str>>,
    /// A note on how the figure was read from the source.
    pub note: Option<Box<str>>,
}

impl Remarks {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        *self == Remarks::default()
    }
}

/// How a figure, or the observation it makes, is written: its remarks and the qualifier and
/// precision they give. Written once here for both.
pub trait AsWritten {
    /// The remarks, if any.
    fn remarks(&self) -> Option<&Remarks>;

    /// The value (`None` for a figure stating only a change).
    fn raw_value(&self) -> Option<Decimal>;

    /// The approximate flag and the bound, from a qualifier or the old keys.
    fn flags(&self) -> (bool, Option<Bound>);

    /// How the value is written where that is more than its digits.
    fn written(&self) -> Option<&Written> {
        self.remarks()?.written.as_ref()
    }

    /// Why it cannot be compared with the years before.
    fn break_reason(&self) -> Option<&str> {
        self.remarks()?.break_reason.as_deref()
    }

    /// The author's note.
    fn note(&self) -> Option<&str> {
        self.remarks()?.note.as_deref()
    }

    /// The qualifier the value is written with, or the one its old keys (`approx`, `bound`)
    /// stand for.
    fn qualifier(&self) -> Option<Qualifier> {
        let (approx, bound) = self.flags();
        self.written().and_then(|w| w.qualifier).or(match bound {
            Some(Bound::Above) => Some(Qualifier::BOUND_ABOVE),
            Some(Bound::Below) => Some(Qualifier::BOUND_BELOW),
            None => approx.then_some(Qualifier::APPROX),
        })
    }

    /// Half the last digit the value is written with, in the unit: how far the true value
    /// may lie from it. A whole count written in full is exact (cases are whole).
    fn half_unit(&self, kind: Kind) -> Decimal {
        match (self.written(), self.raw_value()) {
            (Some(w), _) => w.half_unit(),
            (None, Some(v)) if kind == Kind::Count && v.scale() == 0 && !self.flags().0 => Decimal::ZERO,
            (None, Some(v)) => Decimal::new(5, v.scale() + 1),
            (None, None) => Decimal::ZERO,
        }
    }
}

impl AsWritten for Figure {
    fn remarks(&self) -> Option<&Remarks> {
        self.remarks.as_deref()
    }

    fn raw_value(&self) -> Option<Decimal> {
        self.value
    }

    fn flags(&self) -> (bool, Option<Bound>) {
        (self.approx, self.bound)
    }
}

impl Figure {
    /// A plain figure with no flags.
    pub fn plain(value: Decimal) -> Self {
        Figure {
            value: Some(value),
            approx: false,
            bound: None,
            cumulative: false,
            reviewed: false,
            change: None,
            remarks: None,
            pos: Pos::default(),
        }
    }

    /// A figure with the value `w` as written: its qualifier sets [`Figure::approx`] and
    /// [`Figure::bound`], and its written form is kept where it is more than the digits.
    pub fn written_as(w: Written) -> Self {
        let mut f = Figure::plain(w.value);
        f.set_qualifier(w.qualifier);
        let plain = w.qualifier.is_none() && w.magnitude == Magnitude::One && !w.percent;
        if !plain {
            f.remarks_mut().written = Some(w);
        }
        f
    }

    /// The remarks, made when there are none yet.
    pub fn remarks_mut(&mut self) -> &mut Remarks {
        self.remarks.get_or_insert_with(Default::default)
    }

    /// The previous year's figure as this report states it.
    pub fn previous(&self) -> Option<&Written> {
        self.remarks.as_ref()?.previous.as_ref()
    }

    /// Sets the flags a qualifier carries: approximate (约 余 近 …) or a bound (以上 不到 …).
    pub fn set_qualifier(&mut self, q: Option<Qualifier>) {
        let Some(q) = q else { return };
        self.approx |= q.is_approximate();
        if q.is_bound() {
            self.bound = Some(match q.meaning() {
                Meaning::AtMost | Meaning::LessThan => Bound::Below,
                _ => Bound::Above,
            });
        }
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
