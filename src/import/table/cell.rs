//! A spreadsheet's number as the text a figure is written with.
//!
//! An .xlsx file stores a number as a binary float (87.21 is 87.2099999999999937…, a sum
//! typed as `=0.1+0.2` is 0.30000000000000004) and shows it through its number format. A
//! figure must be the decimal the cell shows, never a float artefact: the float is read at the
//! 15 significant digits a spreadsheet shows (what Excel keeps and displays), the shortest
//! decimal that rounds to it is taken, and the cell's number format is applied — a percent
//! format multiplies by 100 and adds "%", a fixed number of decimals (`0.00`) pads with the zeros
//! the cell shows (87.2 shown as 87.20). A cell that holds more decimals than its format shows
//! (87.21 shown as 87.2) is refused: which of the two the report says cannot be told.

use crate::model::numbers::decimal_text;
use rust_decimal::Decimal;

/// The significant digits a spreadsheet keeps and shows of a number.
const SHOWN_DIGITS: usize = 15;

/// Why a number cell cannot be a figure's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    /// Infinite, not a number, or beyond what an exact decimal holds.
    #[error("the number {0} cannot be written as an exact decimal")]
    OutOfRange(String),
    /// The format shows fewer decimals than the cell holds.
    #[error("the cell holds {held} but shows {shown}, and which of the two the report says cannot be told: type the figure as text, as the report writes it")]
    Hidden {
        /// The number the cell holds.
        held: String,
        /// What the cell shows.
        shown: String,
    },
}

/// The text of a number cell holding `value`, shown with the number format `format` (the
/// format code, e.g. `General`, `0.00`, `0%`; `None` for none).
pub fn number_text(value: f64, format: Option<&str>) -> Result<String, CellError> {
    let held = shown_decimal(value).ok_or_else(|| CellError::OutOfRange(value.to_string()))?;
    let shape = format.map(Shape::of).unwrap_or_default();
    let mut shown = if shape.percent { held * Decimal::ONE_HUNDRED } else { held }.normalize();
    let suffix = if shape.percent { "%" } else { "" };
    if let Some((min, max)) = shape.decimals {
        if shown.scale() > max {
            let rounded = shown.round_dp(max);
            return Err(CellError::Hidden {
                held: format!("{}{suffix}", decimal_text(shown)),
                shown: format!("{}{suffix}", decimal_text(rounded)),
            });
        }
        if shown.scale() < min {
            shown.rescale(min);
        }
    }
    Ok(format!("{}{suffix}", decimal_text(shown)))
}

/// A number written in a text (a CSV cell) in scientific notation (`1.5E+05`), or with more
/// significant digits than a spreadsheet shows (`0.30000000000000004`, written by a program
/// from a float): the decimal a spreadsheet would show. `None` for any other text, which is
/// kept as written.
pub fn normalise_number_text(text: &str) -> Option<String> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (text, None),
    };
    let digits = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = !int.is_empty() && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit());
    if !numeric {
        return None;
    }
    match exponent {
        Some(e) => {
            let e: i32 = e.strip_prefix('+').unwrap_or(e).parse().ok().filter(|e: &i32| e.abs() <= 20)?;
            let d = Decimal::from_scientific(&format!("{mantissa}e{e}")).ok()?;
            Some(decimal_text(d.normalize()))
        }
        None => {
            let significant = int.trim_start_matches('0').len() + frac.len();
            let too_many = !frac.is_empty() && significant > SHOWN_DIGITS;
            too_many.then(|| shown_decimal(text.parse().ok()?).map(|d| decimal_text(d.normalize()))).flatten()
        }
    }
}

/// `value` at the significant digits a spreadsheet shows, as an exact decimal.
fn shown_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 {
        return Some(Decimal::ZERO);
    }
    // Rust formats a float with a precision exactly (correctly rounded), never through a
    // second float.
    let text = format!("{:.*e}", SHOWN_DIGITS - 1, value);
    Decimal::from_scientific(&text).ok().map(|d| d.normalize())
}

/// What a number format does to the text of a number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Shape {
    /// A percent format: the number × 100, with "%".
    percent: bool,
    /// The fewest and most decimals shown; `None` for General (every digit shown).
    decimals: Option<(u32, u32)>,
}

impl Shape {
    /// The shape of the first section of `code` (the one for positive numbers).
    fn of(code: &str) -> Shape {
        let mut section = String::new();
        let (mut quoted, mut escaped, mut bracket) = (false, false, false);
        for c in code.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' | '_' | '*' => escaped = true,
                '"' => quoted = !quoted,
                _ if quoted => {}
                '[' => bracket = true,
                ']' => bracket = false,
                _ if bracket => {}
                ';' => break,
                _ => section.push(c),
            }
        }
        let general = section.trim().is_empty()
            || section.eq_ignore_ascii_case("general")
            || section.contains(['E', 'e', '@', '/']);
        let percent = section.contains('%');
        if general {
            return Shape { percent, decimals: None };
        }
        let frac = section.split_once('.').map_or("", |(_, f)| f);
        let min = frac.chars().take_while(|c| matches!(c, '0' | '#' | '?')).filter(|c| *c == '0').count();
        let max = frac.chars().take_while(|c| matches!(c, '0' | '#' | '?')).count();
        Shape { percent, decimals: Some((min as u32, max as u32)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_come_out_as_the_decimal_the_cell_shows() {
        assert_eq!(number_text(87.21, None).unwrap(), "87.21");
        assert_eq!(number_text(0.1 + 0.2, Some("General")).unwrap(), "0.3");
        assert_eq!(number_text(315000.0, None).unwrap(), "315000");
        assert_eq!(number_text(1.5e5, Some("0.00E+00")).unwrap(), "150000");
        assert_eq!(number_text(-3.0, None).unwrap(), "-3");
        assert_eq!(number_text(0.0, None).unwrap(), "0");
        assert_eq!(number_text(2021.0, None).unwrap(), "2021");
        assert_eq!(number_text(1.1 * 3.0, None).unwrap(), "3.3");
    }

    #[test]
    fn the_number_format_is_what_the_cell_shows() {
        assert_eq!(number_text(0.9, Some("0%")).unwrap(), "90%");
        assert_eq!(number_text(0.8721, Some("0.00%")).unwrap(), "87.21%");
        assert_eq!(number_text(87.2, Some("0.00")).unwrap(), "87.20");
        assert_eq!(number_text(36.8, Some("#,##0.00_);[Red](#,##0.00)")).unwrap(), "36.80");
        assert_eq!(number_text(1865.0, Some("#,##0")).unwrap(), "1865");
        assert_eq!(number_text(87.2, Some("0.0#")).unwrap(), "87.2");
        assert_eq!(number_text(5.0, Some("0\"件\"")).unwrap(), "5");
        let hidden = number_text(87.21, Some("0.0")).unwrap_err();
        assert_eq!(hidden, CellError::Hidden { held: "87.21".into(), shown: "87.2".into() });
        assert!(number_text(0.87215, Some("0.00%")).is_err());
        assert!(number_text(f64::NAN, None).is_err());
        assert!(number_text(1e40, None).is_err());
    }

    #[test]
    fn number_texts_lose_only_float_artefacts() {
        assert_eq!(normalise_number_text("1.5E+05").as_deref(), Some("150000"));
        assert_eq!(normalise_number_text("2.5e-1").as_deref(), Some("0.25"));
        assert_eq!(normalise_number_text("0.30000000000000004").as_deref(), Some("0.3"));
        assert_eq!(normalise_number_text("87.20999999999999").as_deref(), Some("87.21"));
        assert_eq!(normalise_number_text("21.10"), None);
        assert_eq!(normalise_number_text("31.5万"), None);
        assert_eq!(normalise_number_text("1e999"), None);
        assert_eq!(normalise_number_text("e5"), None);
    }
}
