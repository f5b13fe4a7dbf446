//! A change against the year before: the rules that say how it is shown (percentage points for
//! rates, the difference in 万/亿, the relative change, the arrow) written once in
//! [`ChangeShape`], and its HTML written straight from them — a big table has one in nearly
//! every cell. The fields templates read (the views' `DeltaView`, a layer up) are made from the
//! same [`ChangeShape`].

use crate::compute::yoy::{push_signed, signed, Delta, Direction, NotComparable, Percent};
use crate::escape::{escape_html, escape_html_into, escaped};
use crate::model::numbers;
use crate::model::numbers::LargeNumbers;
use crate::model::written::Magnitude;
use crate::model::{Indicator, Kind, StatedChange};
use crate::theme::UiStrings;
use rust_decimal::Decimal;
use std::fmt::Write as _;

use super::figure::notation;

/// A change as it is shown: not comparable (with the reason), or the parts of a change.
pub enum ChangeShape<'a> {
    /// The two values cannot be compared.
    NotComparable(NotComparable),
    /// The change as the report states it, shown as written.
    Stated(&'a StatedChange),
    /// A change, with what its writers print.
    Change(ChangeParts<'a>),
}

/// The parts of a comparable change, by the rules every writer of a change follows.
pub struct ChangeParts<'a> {
    /// The difference, exactly as computed.
    pub diff: Decimal,
    /// The difference with its sign in 万/亿 ("+1.2345万"), where the unit and the interface
    /// language ask for it ([`notation`]); `None`: shown as computed.
    pub shown: Option<String>,
    /// The difference is in percentage points (the indicator is a rate), not in `unit`.
    pub points: bool,
    /// The indicator's unit.
    pub unit: &'a str,
    /// The relative change, if any (never for rates).
    pub percent: Option<Percent>,
    /// Better, worse, unchanged or neutral.
    pub direction: Direction,
    /// Either value is approximate.
    pub approx: bool,
    /// The previous value was derived.
    pub derived: bool,
    /// The year compared with, where it is not the year before.
    pub base_year: Option<i32>,
}

impl<'a> ChangeShape<'a> {
    /// The shape of `d`, a change of `indicator`, in the interface language `t`. (Inlined:
    /// a big table makes one for nearly every cell.)
    #[inline(always)]
    pub fn new(d: &'a Delta, indicator: &'a Indicator, t: &UiStrings) -> Self {
        match d {
            Delta::NotComparable(reason) => ChangeShape::NotComparable(*reason),
            Delta::Stated(stated) => ChangeShape::Stated(stated),
            Delta::Break(_) => ChangeShape::NotComparable(NotComparable::Break),
            Delta::Change { diff, percent, direction, approx, derived, base_year, written_in } => {
                ChangeShape::Change(ChangeParts {
                    diff: *diff,
                    shown: match written_in {
                        Some(w) if t.large_numbers == LargeNumbers::Chinese => in_magnitude(*diff, *w),
                        _ => numbers::in_wan_yi(*diff, notation(&indicator.unit, t), signed),
                    },
                    points: indicator.kind == Kind::Rate,
                    unit: &indicator.unit.text,
                    percent: *percent,
                    direction: *direction,
                    approx: *approx,
                    derived: *derived,
                    base_year: *base_year,
                })
            }
        }
    }
}

impl ChangeParts<'_> {
    /// ▲ for a rise, ▼ for a fall, = for none.
    pub fn arrow(&self) -> &'static str {
        arrow(self.diff)
    }

    /// The relative change, when it is a number (not for rates, nor after a zero).
    pub fn percent_of(&self) -> Option<Decimal> {
        match self.percent {
            Some(Percent::Of(p)) => Some(p),
            _ => None,
        }
    }

    /// Whether last year was zero, so the relative change is new.
    pub fn is_new(&self) -> bool {
        self.percent == Some(Percent::New)
    }
}

/// `diff` in the magnitude both its values are written in, with `decimals` decimals (the
/// more precise value's): 46000 between 31.5万 and 26.9万 is "+4.6万". `None` where the shift
/// would not be exact (it always is for a difference of two such values).
fn in_magnitude(diff: Decimal, (magnitude, decimals): (Magnitude, u32)) -> Option<String> {
    let mut shifted = diff;
    shifted.set_scale(diff.scale() + magnitude.exponent()).ok()?;
    let mantissa = shifted.round_dp(decimals);
    (mantissa * magnitude.factor() == diff).then(|| format!("{}{}", signed(mantissa), magnitude.word()))
}

/// A change against the year before as HTML: arrow, signed difference, relative change,
/// direction.
pub fn delta_html(d: &Delta, indicator: &Indicator, t: &UiStrings) -> String {
    let mut h = String::with_capacity(160);
    push_delta(&mut h, d, indicator, t);
    h
}

/// Appends [`delta_html`] to `h`, written straight from the change: a table has one in nearly
/// every cell, and a view's strings would be made only to be copied here.
pub fn push_delta(h: &mut String, d: &Delta, indicator: &Indicator, t: &UiStrings) {
    if let Delta::Break(reason) = d {
        let _ = write!(
            h,
            "<span class=\"not-comparable break\">{}<span class=\"why\">{}{}{}</span></span>",
            escaped(&t.not_comparable_break),
            escaped(&t.paren_open),
            escape_html(reason),
            escaped(&t.paren_close)
        );
        return;
    }
    let c = match ChangeShape::new(d, indicator, t) {
        ChangeShape::NotComparable(reason) => {
            for piece in ["<span class=\"not-comparable\">", &escaped(reason_word(t, reason)), "</span>"] {
                h.push_str(piece);
            }
            return;
        }
        ChangeShape::Stated(stated) => {
            push_stated(h, stated, indicator, t);
            return;
        }
        ChangeShape::Change(c) => c,
    };
    if c.diff.is_zero() {
        // No change says so once: not "=0 个百分点 持平".
        h.push_str("<span class=\"delta unchanged\">");
        if c.approx {
            h.push_str(&escaped(&t.approx));
        }
        for piece in ["<span class=\"dir\">", &escaped(&t.unchanged), "</span></span>"] {
            h.push_str(piece);
        }
        return;
    }
    // Pieces pushed one by one: `write!` costs more than the copying.
    for piece in [
        "<span class=\"delta ",
        c.direction.name(),
        "\"><span class=\"arrow\" aria-hidden=\"true\">",
        c.arrow(),
        "</span>",
    ] {
        h.push_str(piece);
    }
    if let Some(year) = c.base_year {
        h.push_str("<span class=\"base\">");
        escape_html_into(h, &t.compared_with.replace("{year}", &year.to_string()));
        h.push_str("</span> ");
    }
    if c.approx {
        h.push_str(&escaped(&t.approx));
    }
    push_difference(h, &c, t);
    // The relative change in brackets; none after a zero (the difference says it all).
    if let Some(p) = c.percent_of() {
        h.push_str(&escaped(&t.paren_open));
        push_percent(h, p);
        h.push_str(&escaped(&t.paren_close));
    }
    push_direction_word(h, c.direction, t);
    h.push_str("</span>");
}

/// The word of a change's direction (改善, 变差), after a space; none for an indicator with
/// no better direction, whose arrow and sign say all there is.
fn push_direction_word(h: &mut String, direction: Direction, t: &UiStrings) {
    if direction != Direction::Neutral {
        for piece in [" <span class=\"dir\">", &escaped(direction_word(t, direction)), "</span>"] {
            h.push_str(piece);
        }
    }
}

/// A change as the report states it ("同比增长17.1%"), shown as written with its direction,
/// where a computed one would rest on a derived value.
fn push_stated(h: &mut String, stated: &StatedChange, indicator: &Indicator, t: &UiStrings) {
    let direction = Direction::of(stated.amount, indicator.better);
    let _ = write!(
        h,
        "<span class=\"delta stated {}\"><span class=\"arrow\" aria-hidden=\"true\">{}</span>{}",
        direction.name(),
        arrow(stated.amount),
        escape_html(&stated.text),
    );
    push_direction_word(h, direction, t);
    h.push_str("</span>");
}

/// A change the report states in words that leave open what it means (a rate's "%": points,
/// or relative?), beside the computed one: shown as written, never used, and said to be so.
pub fn ambiguous_html(stated: &StatedChange, t: &UiStrings) -> String {
    format!(
        "<div class=\"stated\" title=\"{}\">{}{}{}</div>",
        escaped(&t.ambiguous_change),
        escaped(&t.stated_change),
        escaped(&t.colon),
        escape_html(&stated.text)
    )
}

/// A change as the report states it, where nothing could be computed (no value the year
/// before): its words as written, with its direction.
pub fn stated_html(stated: &StatedChange, indicator: &Indicator, t: &UiStrings) -> String {
    let mut h = String::with_capacity(96);
    push_stated(&mut h, stated, indicator, t);
    h
}

/// The signed difference (in 万/亿 with the exact value kept, where so shown), in percentage
/// points for a rate; any other unit is the heading's.
#[inline]
fn push_difference(h: &mut String, c: &ChangeParts, t: &UiStrings) {
    match &c.shown {
        None => push_signed(h, c.diff),
        Some(shown) => {
            // Shown in 万/亿: the exact difference stays on the element and in its tooltip.
            let exact = escape_html(&signed(c.diff));
            let _ = write!(h, "<span class=\"diff\" data-value=\"{exact}\" title=\"{exact}\">{shown}</span>");
        }
    }
    if c.points {
        h.push_str(&escaped(&t.pp));
    }
}

/// Appends a relative change `p` with its sign and "%" ("+76.9%").
pub fn push_percent(out: &mut String, p: Decimal) {
    push_signed(out, p);
    out.push('%');
}

/// Why a change is not given, as the theme's strings say it (not escaped).
pub fn reason_word(t: &UiStrings, reason: NotComparable) -> &str {
    match reason {
        NotComparable::Bound => &t.not_comparable_bound,
        NotComparable::Cumulative => &t.not_comparable_cumulative,
        NotComparable::Break => &t.not_comparable_break,
    }
}

/// A change's direction as the theme's strings name it (not escaped).
pub fn direction_word(t: &UiStrings, direction: Direction) -> &str {
    match direction {
        Direction::Improved => &t.improved,
        Direction::Worsened => &t.worsened,
        Direction::Unchanged => &t.unchanged,
        Direction::Neutral => &t.neutral,
    }
}

/// The arrow of a change: ▲ for a rise, ▼ for a fall, = for none.
pub fn arrow(diff: Decimal) -> &'static str {
    if diff.is_zero() {
        "="
    } else if diff.is_sign_positive() {
        "▲"
    } else {
        "▼"
    }
}
