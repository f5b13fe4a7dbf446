//! What templates see of a change against the year before: every field of it, made by the
//! rules [`ChangeShape`] holds (the same the HTML writer [`change::push_delta`] follows).

use crate::compute::yoy::{signed, Delta, Direction, NotComparable};
use crate::model::Indicator;
use crate::render::html::change::{self, ChangeParts, ChangeShape};
use crate::theme::UiStrings;
use serde::Serialize;

/// A change against the year before, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct DeltaView {
    /// False when the two values cannot be compared (see `reason`).
    pub comparable: bool,
    /// "bound" or "cumulative" when not comparable.
    pub reason: Option<NotComparable>,
    /// The difference with its sign as shown: "+3.08", "−3", "0", "+1.2345万".
    pub diff: String,
    /// The difference with its sign, exactly as computed ("+12345"); differs from `diff` only
    /// where the difference is shown in 万/亿.
    pub diff_exact: String,
    /// Percentage points for rates, as the theme's `pp` writes them (个百分点), otherwise the
    /// indicator's unit.
    pub unit: String,
    /// Whether `diff` is in percentage points.
    pub points: bool,
    /// Relative change: "+76.9%"; absent for rates.
    pub percent: Option<String>,
    /// Last year was zero, so the relative change is new (shown as "—").
    pub is_new: bool,
    /// improved | worsened | unchanged | neutral.
    pub direction: Option<Direction>,
    /// ▲ for a rise, ▼ for a fall, = for no change.
    pub arrow: &'static str,
    /// Either value is approximate.
    pub approx: bool,
    /// The previous value was derived.
    pub derived: bool,
    /// The change as HTML: arrow, difference, relative change, direction word.
    pub html: String,
    /// The change as plain text, for a tooltip ("" when not comparable).
    pub text: String,
}

impl DeltaView {
    /// The view of a delta for an indicator; `t` gives its words.
    pub fn new(d: &Delta, indicator: &Indicator, t: &UiStrings) -> Self {
        let mut view = match ChangeShape::new(d, indicator, t) {
            ChangeShape::NotComparable(reason) => Self::not_comparable(reason),
            ChangeShape::Stated(stated) => Self::stated(stated),
            ChangeShape::Change(c) => Self::change(c, t),
        };
        view.html = change::delta_html(d, indicator, t);
        view.text = delta_text(&view, t);
        view
    }

    /// Two values that cannot be compared, and why.
    fn not_comparable(reason: NotComparable) -> Self {
        DeltaView {
            comparable: false,
            reason: Some(reason),
            diff: String::new(),
            diff_exact: String::new(),
            unit: String::new(),
            points: false,
            percent: None,
            is_new: false,
            direction: None,
            arrow: "",
            approx: false,
            derived: false,
            html: String::new(),
            text: String::new(),
        }
    }

    /// A change shown as its report states it: comparable, its difference the words as
    /// written, nothing computed.
    fn stated(stated: &crate::model::StatedChange) -> Self {
        DeltaView {
            comparable: true,
            reason: None,
            diff: stated.text.clone(),
            diff_exact: stated.text.clone(),
            arrow: change::arrow(stated.amount),
            ..Self::not_comparable(NotComparable::Bound)
        }
    }

    /// Every field of a change but the HTML and the text.
    fn change(c: ChangeParts, t: &UiStrings) -> Self {
        let diff_exact = signed(c.diff);
        let (arrow, is_new) = (c.arrow(), c.is_new());
        let percent = c.percent_of().map(|p| {
            let mut text = String::with_capacity(8);
            change::push_percent(&mut text, p);
            text
        });
        DeltaView {
            comparable: true,
            reason: None,
            diff: c.shown.unwrap_or_else(|| diff_exact.clone()),
            diff_exact,
            unit: if c.points { t.pp.clone() } else { c.unit.to_string() },
            points: c.points,
            percent,
            is_new,
            direction: Some(c.direction),
            arrow,
            approx: c.approx,
            derived: c.derived,
            html: String::new(),
            text: String::new(),
        }
    }
}

/// A change as plain text, for a title attribute ("" when not comparable). Not escaped.
pub fn delta_text(d: &DeltaView, t: &UiStrings) -> String {
    if !d.comparable {
        return String::new();
    }
    let dir = change::direction_word(t, d.direction.unwrap_or(Direction::Neutral));
    let mut text = String::with_capacity(64);
    for piece in [t.change.as_str(), " ", &d.diff, &d.unit] {
        text.push_str(piece);
    }
    if let Some(p) = &d.percent {
        for piece in [&t.paren_open, p.as_str(), &t.paren_close] {
            text.push_str(piece);
        }
    }
    text.push(' ');
    text.push_str(dir);
    text
}
