//! A change as the report writes it: "同比增长77%", "较上年下降了3件", "提高4.2个百分点", "持平",
//! or a short form "+77%", "-3", "+20.68pp".
//!
//! The grammar (DESIGN.md, "A change is written as the report writes it"):
//! - an optional comparison: 同比; 比 / 较 followed by 上年, 去年, 上一年 or a year (较2021年),
//!   each optionally followed by 同期; or 与 … 相比 (与上年相比, 与2021年相比), optionally followed
//!   by a comma (，or ,). A year names the base year ([`ChangeWords::base_year`]); the others
//!   mean the year before;
//! - a verb: 增长 增加 上升 提高 提升 上涨 (up), 下降 减少 降低 回落 下滑 (down), optionally
//!   followed by 了; or 持平 alone (no change; also 与上年持平), whose amount is zero;
//! - a number with no sign (the verb gives the direction) that may carry 万 / 亿 / 万亿;
//! - then %, 个百分点 (or pp), the indicator's unit, or nothing (which means the unit).
//!
//! The short forms are an optional sign, a number (万 / 亿 / 万亿 allowed) and the same endings:
//! "+77%", "-3", "+20.68pp", "+20.68 pp", "+1.5个百分点", "+1.2万". A plus sign and a negative
//! zero ("-0%", a fall rounded to nothing) are kept, as `StatedChange::parse` keeps them; a fall
//! of 100% or more is refused (last year's value would be zero or negative).
//!
//! What the caller decides, knowing the indicator's kind: points on a count, an amount or a
//! score is an error (only a rate changes by percentage points); a % change on a rate is
//! ambiguous unless `change_means` says points or percent; a change in the unit of a rate
//! (nothing after the number, the unit being %) is in points.

#[cfg(test)]
mod tests;

use crate::model::written::scan::{self, is_chinese_numeral, Cursor};
use crate::model::written::{half_unit, scaled, Magnitude, WrittenError};
use rust_decimal::Decimal;

/// Verbs that say the value went up.
pub const UP_VERBS: [&str; 6] = ["增长", "增加", "上升", "提高", "提升", "上涨"];
/// Verbs that say the value went down.
pub const DOWN_VERBS: [&str; 5] = ["下降", "减少", "降低", "回落", "下滑"];
/// The word for no change; it stands alone.
pub const FLAT: &str = "持平";

/// Which way the report says the value went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// 增长, 提高 … or a "+" (or an unsigned non-zero short form).
    Up,
    /// 下降, 减少 … or a "-" (also "-0%", a fall rounded to nothing).
    Down,
    /// 持平, or an unsigned zero.
    Unchanged,
}

/// What the amount of a change is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Percent of last year's value ("同比增长77%", "+77%"); on a rate, see the module doc.
    Percent,
    /// Percentage points ("提高4.2个百分点", "+20.68pp"), for rates only.
    Points,
    /// The indicator's own unit ("增加3件", "-3", "+1.2万").
    Absolute,
    /// 持平: no change.
    Flat,
}

/// A change as the report writes it, read into sign, amount and form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeWords {
    /// Which way the words say the value went.
    pub sign: Sign,
    /// The amount with its sign: in the unit for [`Form::Absolute`] (万 applied: +1.2万 is
    /// 12000), in percent or in points; zero for 持平.
    pub amount: Decimal,
    /// What the amount is counted in.
    pub form: Form,
    /// The year compared with when the words name one (较2021年); `None` means the year before.
    pub base_year: Option<i32>,
    /// The text as written, trimmed, for showing the change in the report's own words.
    pub text: String,
    /// The number as written, unsigned, with its scale (1.2 of 增加1.2万件); zero for 持平.
    pub mantissa: Decimal,
    /// 万 / 亿 / 万亿 written with the number (an absolute change only).
    pub magnitude: Magnitude,
    /// Half of the amount's last written digit in the amount's own terms (17.1% → 0.05
    /// percent, 1.2万 → 500 in the unit). Zero for 持平, which states no digits: the caller
    /// decides how flat "flat" is.
    pub half_unit: Decimal,
}

impl ChangeWords {
    /// Reads a change in words or a short form, for an indicator whose unit is `unit` (the
    /// unit may be written after the number, and nothing else may).
    pub fn parse(text: &str, unit: &str) -> Result<ChangeWords, WrittenError> {
        let mut cur = Cursor::new(text);
        cur.skip_ws();
        let base = comparison(&mut cur)?;
        cur.skip_ws();
        let verb_at = cur.pos;
        let verb = cur.eat_any(&UP_VERBS).or_else(|| cur.eat_any(&DOWN_VERBS)).or_else(|| cur.eat_any(&[FLAT]));
        let base_year = base.flatten();
        let trimmed = text.trim().to_string();
        if verb == Some(FLAT) {
            cur.skip_ws();
            if !cur.at_end() {
                return Err(
                    cur.error(format!("'{trimmed}': 持平 stands alone (no change); write 持平 or the change itself"))
                );
            }
            let zero = Decimal::ZERO;
            let (form, magnitude) = (Form::Flat, Magnitude::One);
            let (sign, amount, mantissa, half_unit) = (Sign::Unchanged, zero, zero, zero);
            return Ok(ChangeWords { sign, amount, form, base_year, text: trimmed, mantissa, magnitude, half_unit });
        }
        if verb.is_some() {
            cur.eat("了");
            cur.skip_ws();
        } else if base.is_some() || !starts_a_number(&cur) {
            return Err(unknown_verb(&cur));
        }
        let Some(digits) = scan::number(&mut cur)? else { return Err(no_number(&cur, text)) };
        let sign = match (verb, digits.sign) {
            (Some(verb), Some(written)) => {
                let fixed = format!("{}{}", &text[..digits.start], &text[digits.start + 1..]);
                let short = format!("{written}{}", &text[digits.start + 1..]);
                let (fixed, short) = (fixed.trim(), short.trim());
                let message = format!(
                    "'{trimmed}': after {verb} the number has no sign, the verb says which way; write {fixed} (or the short form {short})"
                );
                return Err(cur.error_at(digits.start, message));
            }
            (Some(verb), None) if DOWN_VERBS.contains(&verb) => Sign::Down,
            (Some(_), None) | (None, Some('+')) => Sign::Up,
            (None, Some(_)) => Sign::Down,
            (None, None) if digits.number.is_zero() => Sign::Unchanged,
            (None, None) => Sign::Up,
        };
        let (form, magnitude) = ending(&mut cur, unit, &trimmed)?;
        let mantissa = digits.number;
        let mut amount = if form == Form::Absolute {
            scaled(mantissa, magnitude).ok_or_else(|| {
                cur.error_at(digits.start, format!("'{trimmed}' has more digits than annalist can keep exactly (28)"))
            })?
        } else {
            mantissa
        };
        // A fall rounded to nothing ("-0.0%") says so in `sign`; its amount is a plain zero, as
        // `StatedChange` reads it, so no "-0.0" reaches a page or a data file.
        amount.set_sign_negative(sign == Sign::Down && !amount.is_zero());
        if form == Form::Percent && amount <= Decimal::from(-100) {
            let message = format!("'{trimmed}': a fall of 100% or more would make last year's value zero or negative");
            return Err(cur.error_at(if verb.is_some() { verb_at } else { digits.start }, message));
        }
        let half_unit = half_unit(mantissa, magnitude);
        Ok(ChangeWords { sign, amount, form, base_year, text: trimmed, mantissa, magnitude, half_unit })
    }

    /// The number as written, with its word: "1.2万", "77", "20.68".
    pub fn number(&self) -> String {
        format!("{}{}", crate::model::numbers::decimal_text(self.mantissa), self.magnitude.word())
    }

    /// The change in the short form: "+77%", "-3", "+1.2万", "+20.68pp"; "0" for 持平.
    pub fn short(&self) -> String {
        let sign = match self.sign {
            Sign::Up => "+",
            Sign::Down => "-",
            Sign::Unchanged => "",
        };
        let ending = match self.form {
            Form::Percent => "%",
            Form::Points => "pp",
            Form::Absolute | Form::Flat => "",
        };
        format!("{sign}{}{ending}", self.number())
    }
}

/// Whether the text at the cursor starts a short form (a sign or a digit).
fn starts_a_number(cur: &Cursor) -> bool {
    cur.rest().starts_with(|c: char| c == '+' || c == '-' || c.is_ascii_digit() || ('０'..='９').contains(&c))
        || cur.rest().starts_with(['−', '－', '＋'])
}

/// Reads the comparison before the verb. `Some(year)` when one is written (`Some(None)` for
/// the year before), `None` when there is none.
fn comparison(cur: &mut Cursor) -> Result<Option<Option<i32>>, WrittenError> {
    if cur.eat("同比") {
        return Ok(Some(None));
    }
    let start = cur.pos;
    let Some(lead) = cur.eat_any(&["与", "较", "比"]) else { return Ok(None) };
    let year = if cur.eat_any(&["上一年", "上年", "去年"]).is_some() {
        None
    } else {
        let digits = cur.rest().get(..4).filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
        match digits.and_then(|d| d.parse::<i32>().ok()).filter(|_| cur.rest()[4..].starts_with('年')) {
            Some(year) => {
                cur.pos += "2021年".len();
                Some(year)
            }
            None => {
                let message =
                    format!("after {lead} comes 上年, 去年 or a year (较2021年); '{}' is none of them", cur.word());
                return Err(cur.error(message));
            }
        }
    };
    cur.eat("同期");
    if lead == "与" {
        cur.skip_ws();
        if cur.eat("相比") {
            cur.eat_any(&["，", ","]);
        } else if !cur.rest().starts_with(FLAT) {
            let base = &cur.text[start..cur.pos];
            return Err(cur.error(format!("after {base} comes 相比 ({base}相比增长3%) or 持平 ({base}持平)")));
        }
    }
    Ok(Some(year))
}

/// Reads what follows the number: 万 / 亿 / 万亿, then %, 个百分点, pp, the unit or nothing.
fn ending(cur: &mut Cursor, unit: &str, text: &str) -> Result<(Form, Magnitude), WrittenError> {
    cur.skip_ws();
    // A unit with 万 in it (万元) is the unit, not a magnitude; a rate's % is a percent change.
    if !unit.is_empty() && unit != "%" && cur.rest().trim() == unit {
        cur.pos = cur.text.len();
        return Ok((Form::Absolute, Magnitude::One));
    }
    let magnitude = cur.eat_magnitude();
    cur.skip_ws();
    let ending_at = cur.pos;
    let form = if cur.eat("个百分点") || cur.eat("pp") {
        Form::Points
    } else if cur.eat("%") {
        Form::Percent
    } else if unit.is_empty() || cur.rest().trim() != unit {
        Form::Absolute
    } else {
        cur.pos = cur.text.len();
        Form::Absolute
    };
    if form != Form::Absolute && magnitude != Magnitude::One {
        let message =
            format!("'{text}' writes a percentage or points with {}: write the number alone", magnitude.word());
        return Err(cur.error_at(ending_at, message));
    }
    cur.skip_ws();
    if !cur.at_end() {
        return Err(wrong_ending(cur, unit, text));
    }
    Ok((form, magnitude))
}

/// The error for what follows a change's number where it cannot.
fn wrong_ending(cur: &Cursor, unit: &str, text: &str) -> WrittenError {
    let word = cur.word();
    let number = &cur.text[..cur.pos];
    if word.starts_with('倍') {
        return cur.error(format!(
            "'{text}' gives the change in 倍 (times): write the percent the report means (增长1倍 is 增长100%)"
        ));
    }
    if word.starts_with('％') {
        return cur.error(format!("'{text}' has a full-width percent sign: write {}", scan::half_width(text)));
    }
    let expected = if unit.is_empty() {
        format!("this indicator has no unit: write {}", number.trim())
    } else {
        format!("this indicator's unit is {unit}: write {}{unit} or {}", number.trim(), number.trim())
    };
    cur.error(format!(
        "'{text}': '{word}' cannot follow the number; after it come %, 个百分点 or the unit, and {expected}"
    ))
}

/// The error for a change that names no verb annalist reads.
fn unknown_verb(cur: &Cursor) -> WrittenError {
    let word = cur.word();
    let word = if word.is_empty() { "nothing".to_string() } else { format!("'{word}'") };
    cur.error(format!(
        "{word} is not a change annalist reads: write a verb, {} (up), {} (down) or 持平, then the number (同比增长77%, 下降了3件, 提高4.2个百分点), or a short form (+77%, -3, +20.68pp)",
        UP_VERBS.join(" "),
        DOWN_VERBS.join(" ")
    ))
}

/// The error for a verb with no number after it.
fn no_number(cur: &Cursor, text: &str) -> WrittenError {
    let text = text.trim();
    if cur.peek_qualifier().is_some() {
        return cur.error(format!(
            "'{text}': a change is written without a qualifier such as {}; write the number the report gives",
            cur.word()
        ));
    }
    if cur.rest().starts_with(is_chinese_numeral) {
        return cur.error(format!("'{text}' is written in Chinese numerals: write the number in digits"));
    }
    cur.error(format!("'{text}': a number is expected after the verb (同比增长77%)"))
}
