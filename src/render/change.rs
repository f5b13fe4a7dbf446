//! The HTML and text of a change against the year before (arrow, signed difference, relative
//! change, direction), written straight from the computed [`Delta`]: a big table has one in
//! nearly every cell.
//!
//! [`DeltaView`] gives templates the same change as fields, and its `html` comes from here. The
//! rules for 万/亿, points and the relative change are written in both; a test holds the HTML to
//! the fields.

use super::view::{notation, DeltaView};
use crate::compute::yoy::{push_signed, signed, Delta, Direction, NotComparable, Percent};
use crate::escape::{escape_html, escape_html_into, escaped};
use crate::model::numbers;
use crate::model::{Indicator, Kind};
use crate::theme::UiStrings;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A change against the year before as HTML: arrow, signed difference, relative change,
/// direction.
pub fn delta_html(d: &Delta, indicator: &Indicator, t: &UiStrings) -> String {
    let mut h = String::with_capacity(160);
    push_delta(&mut h, d, indicator, t);
    h
}

/// Appends [`delta_html`] to `h`, written straight from the change: a table has one in nearly
/// every cell, and a [`DeltaView`]'s strings would be made only to be copied here.
pub fn push_delta(h: &mut String, d: &Delta, indicator: &Indicator, t: &UiStrings) {
    let (diff, percent, direction, approx, derived) = match d {
        Delta::NotComparable(reason) => {
            for piece in ["<span class=\"not-comparable\">", &escaped(reason_word(t, *reason)), "</span>"] {
                h.push_str(piece);
            }
            return;
        }
        Delta::Change { diff, percent, direction, approx, derived } => (*diff, percent, *direction, *approx, *derived),
    };
    let dir = direction.name();
    // Pieces pushed one by one: `write!` costs more than the copying.
    for piece in ["<span class=\"delta ", dir, "\"><span class=\"arrow\" aria-hidden=\"true\">", arrow(diff), "</span>"]
    {
        h.push_str(piece);
    }
    if approx {
        h.push_str(&escaped(&t.approx));
    }
    match numbers::in_wan_yi(diff, notation(&indicator.unit, t), signed) {
        None => push_signed(h, diff),
        Some(shown) => {
            // Shown in 万/亿: the exact difference stays on the element and in its tooltip.
            let exact = escape_html(&signed(diff));
            let _ = write!(h, "<span class=\"diff\" data-value=\"{exact}\" title=\"{exact}\">{shown}</span>");
        }
    }
    if indicator.kind == Kind::Rate {
        h.push_str(&escaped(&t.pp));
    } else {
        escape_html_into(h, &indicator.unit.text);
    }
    match percent {
        Some(Percent::Of(p)) => {
            h.push_str(" (");
            push_signed(h, *p);
            h.push_str("%)");
        }
        Some(Percent::New) => {
            for piece in [" (<abbr title=\"", &escaped(&t.new_base), "\">—</abbr>)"] {
                h.push_str(piece);
            }
        }
        None => {}
    }
    for piece in [" <span class=\"dir\">", &escaped(direction_word(t, direction)), "</span>"] {
        h.push_str(piece);
    }
    if derived {
        let _ = write!(
            h,
            " <abbr class=\"flag derived\" title=\"{}\">{}</abbr>",
            escaped(&t.derived_title),
            escaped(&t.derived)
        );
    }
    h.push_str("</span>");
}

/// Why a change is not given, as the theme's strings say it (not escaped).
pub fn reason_word(t: &UiStrings, reason: NotComparable) -> &str {
    match reason {
        NotComparable::Bound => &t.not_comparable_bound,
        NotComparable::Cumulative => &t.not_comparable_cumulative,
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

/// A change as plain text, for a title attribute ("" when not comparable). Not escaped.
pub fn delta_text(d: &DeltaView, t: &UiStrings) -> String {
    if !d.comparable {
        return String::new();
    }
    let dir = direction_word(t, d.direction.unwrap_or(Direction::Neutral));
    let mut text = String::with_capacity(64);
    for piece in [t.change.as_str(), " ", &d.diff, if d.points { &t.pp } else { &d.unit }] {
        text.push_str(piece);
    }
    if let Some(p) = &d.percent {
        for piece in [" (", p, ")"] {
            text.push_str(piece);
        }
    }
    text.push(' ');
    text.push_str(dir);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::yoy::{delta, Observation, Origin};
    use crate::model::figure::parse_decimal;
    use crate::model::{Better, Bound, Figure, LargeNumbers, Unit};

    /// A change's HTML made from its view's fields, as the cells wrote it before they were
    /// written straight from the change: the two must agree.
    fn from_fields(d: &DeltaView, t: &UiStrings) -> String {
        if !d.comparable {
            let reason = d.reason.unwrap_or(NotComparable::Cumulative);
            return format!("<span class=\"not-comparable\">{}</span>", escaped(reason_word(t, reason)));
        }
        let dir = d.direction.map(Direction::name).unwrap_or("neutral");
        let mut h =
            format!("<span class=\"delta {dir}\"><span class=\"arrow\" aria-hidden=\"true\">{}</span>", d.arrow);
        if d.approx {
            h.push_str(&escaped(&t.approx));
        }
        if d.diff == d.diff_exact {
            h.push_str(&d.diff);
        } else {
            let exact = escape_html(&d.diff_exact);
            let _ = write!(h, "<span class=\"diff\" data-value=\"{exact}\" title=\"{exact}\">{}</span>", d.diff);
        }
        h.push_str(&if d.points { escaped(&t.pp).into_owned() } else { escape_html(&d.unit) });
        if let Some(p) = &d.percent {
            let _ = write!(h, " ({p})");
        } else if d.is_new {
            let _ = write!(h, " (<abbr title=\"{}\">—</abbr>)", escaped(&t.new_base));
        }
        let word = direction_word(t, d.direction.unwrap_or(Direction::Neutral));
        let _ = write!(h, " <span class=\"dir\">{}</span>", escaped(word));
        if d.derived {
            let _ = write!(
                h,
                " <abbr class=\"flag derived\" title=\"{}\">{}</abbr>",
                escaped(&t.derived_title),
                escaped(&t.derived)
            );
        }
        h.push_str("</span>");
        h
    }

    #[test]
    fn a_change_written_straight_from_its_delta_agrees_with_its_fields() {
        let t = UiStrings {
            approx: "约".into(),
            derived: "推算".into(),
            derived_title: "由<下一年>推算".into(),
            large_numbers: LargeNumbers::Chinese,
            pp: "个百分点".into(),
            new_base: "上年为零".into(),
            improved: "改善".into(),
            worsened: "变差".into(),
            unchanged: "持平".into(),
            not_comparable_bound: "口径不同".into(),
            not_comparable_cumulative: "累计值".into(),
            ..UiStrings::default()
        };
        let indicator = |kind: Kind, better: Better, unit: &str| {
            Indicator::example(kind, better, Unit { text: unit.into(), large_numbers: LargeNumbers::Chinese })
        };
        let obs = |v: &str| Observation::reported(&Figure::plain(parse_decimal(v).unwrap()));
        let mut approx = obs("50000");
        approx.approx = true;
        let mut derived = obs("30");
        derived.origin = Origin::derived(2022, "+10%");
        let mut bound = obs("35");
        bound.bound = Some(Bound::Below);
        let mut cumulative = obs("292");
        cumulative.cumulative = true;
        let cases = [
            (indicator(Kind::Rate, Better::Higher, "%"), obs("18"), obs("21.08")),
            (indicator(Kind::Rate, Better::Lower, "%"), obs("99.10"), obs("100")),
            (indicator(Kind::Count, Better::Higher, "<件>"), obs("1054"), obs("1865")),
            (indicator(Kind::Count, Better::Higher, "件"), obs("0"), obs("3")),
            (indicator(Kind::Count, Better::Lower, "件"), obs("72072"), obs("52072")),
            (indicator(Kind::Count, Better::Neutral, "件"), obs("292"), obs("292")),
            (indicator(Kind::Count, Better::Neutral, "件"), approx.clone(), obs("80000")),
            (indicator(Kind::Amount, Better::Higher, "万元"), derived, obs("33.5")),
            (indicator(Kind::Amount, Better::Lower, "万元"), obs("35"), bound),
            (indicator(Kind::Count, Better::Higher, "件"), obs("200"), cumulative),
        ];
        for (ind, last, this) in &cases {
            let d = delta(ind, last, this);
            let view = DeltaView::new(&d, ind, &t);
            assert_eq!(view.html, from_fields(&view, &t), "{d:?}");
        }
    }
}
