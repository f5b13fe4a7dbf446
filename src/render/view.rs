//! What templates see of figures, changes and indicators: plain, serialisable views.
//!
//! Every number is turned into its display text here, from exact decimals, so a template can
//! only show what the source says (or a clearly marked derivation of it).

use super::cells;
use super::change;
use crate::compute::yoy::{signed, Delta, Direction, NotComparable, Observation, Origin, Percent};
use crate::model::numbers::{self, LargeNumbers, Unit};
use crate::model::{Better, Bound, Indicator, Kind};
use crate::theme::UiStrings;
use serde::Serialize;

/// An indicator as tables and links need it.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView<'a> {
    /// Catalogue id.
    pub id: &'a str,
    /// Name in the site's language.
    pub label: &'a str,
    /// English name.
    pub label_en: &'a str,
    /// Unit shown after values.
    pub unit: &'a str,
    /// count | rate | amount | score.
    pub kind: Kind,
    /// higher | lower | neutral.
    pub better: Better,
    /// Table group.
    pub group: &'a str,
    /// Longer description.
    pub description: &'a str,
    /// Key of the kind's name in the theme strings ("kind_rate").
    pub kind_key: String,
    /// Key of the better direction's name in the theme strings ("better_lower").
    pub better_key: String,
    /// Its page, relative to the site root.
    pub url: String,
}

impl<'a> IndicatorView<'a> {
    /// The view of a catalogue entry.
    pub fn new(i: &'a Indicator) -> Self {
        IndicatorView {
            id: &i.id,
            label: &i.label,
            label_en: &i.label_en,
            unit: &i.unit,
            kind: i.kind,
            better: i.better,
            group: &i.group,
            description: &i.description,
            kind_key: format!("kind_{}", i.kind.name()),
            better_key: format!("better_{}", i.better.name()),
            url: crate::routes::indicator_url(&i.id),
        }
    }
}

/// An indicator as a table row or column heading shows it: a name, a unit and a link. (The
/// indicator's page and the catalogue get the full [`IndicatorView`].)
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRef<'a> {
    /// Catalogue id.
    pub id: &'a str,
    /// Name in the site's language.
    pub label: &'a str,
    /// Unit shown after values.
    pub unit: &'a str,
    /// Its page, relative to the site root.
    pub url: String,
}

impl<'a> IndicatorRef<'a> {
    /// The reference to a catalogue entry.
    pub fn new(i: &'a Indicator) -> Self {
        IndicatorRef { id: &i.id, label: &i.label, unit: &i.unit, url: crate::routes::indicator_url(&i.id) }
    }
}

/// A value as shown: its exact text, unit and every flag that must travel with it.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// The number exactly as written (or derived): "21.08", "52072".
    pub text: String,
    /// The number as the interface shows it: `text`, or the same value shifted into 万/亿
    /// ("5.2072万") where the catalogue and the interface language ask for it.
    pub shown: String,
    /// The unit ("%", "件").
    pub unit: String,
    /// 余 / 约.
    pub approx: bool,
    /// "below" (以下) or "above" (以上).
    pub bound: Option<Bound>,
    /// 累计.
    pub cumulative: bool,
    /// Worked out from a later report's stated change, not reported.
    pub derived: bool,
    /// For a derived value: the year whose report states the change.
    pub derived_from: Option<i32>,
    /// For a derived value: the change as stated there.
    pub derived_change: Option<String>,
    /// The year-over-year change the report itself states ("+77%").
    pub stated_change: Option<String>,
    /// The author's note on the figure.
    pub note: Option<String>,
    /// The figure as HTML, flags included, in the theme's language.
    pub html: String,
}

impl FigureView {
    /// The view of an observation with the indicator's unit; `t` gives the flags' words and
    /// says whether the interface writes large values in 万/亿.
    pub fn new(o: &Observation, unit: &Unit, t: &UiStrings) -> Self {
        let written = Written::new(o, unit, t);
        let html = written.html(o, unit, t);
        let (derived_from, derived_change) = match &o.origin {
            Origin::Reported => (None, None),
            Origin::Derived(d) => (Some(d.from_year), Some(d.change.clone())),
        };
        FigureView {
            shown: written.shown.unwrap_or_else(|| written.text.clone()),
            text: written.text,
            unit: unit.text.clone(),
            approx: o.approx,
            bound: o.bound,
            cumulative: o.cumulative,
            derived: o.is_derived(),
            derived_from,
            derived_change,
            stated_change: o.stated_change.as_ref().map(|c| c.text.clone()),
            note: o.note.as_deref().map(str::to_string),
            html,
        }
    }
}

/// An observation's value as written, and as shown where that differs (in 万/亿).
struct Written {
    text: String,
    shown: Option<String>,
}

impl Written {
    fn new(o: &Observation, unit: &Unit, t: &UiStrings) -> Self {
        Written {
            text: numbers::decimal_text(o.value),
            shown: numbers::in_wan_yi(o.value, notation(unit, t), numbers::decimal_text),
        }
    }

    /// The figure's HTML, flags included.
    fn html(&self, o: &Observation, unit: &Unit, t: &UiStrings) -> String {
        let mut h = String::with_capacity(96);
        self.push_html(&mut h, o, unit, t);
        h
    }

    /// Appends [`Written::html`] to `h`.
    fn push_html(&self, h: &mut String, o: &Observation, unit: &Unit, t: &UiStrings) {
        let derived = match &o.origin {
            Origin::Reported => None,
            Origin::Derived(d) => Some((Some(d.from_year), Some(d.change.as_str()))),
        };
        let parts = cells::FigureParts {
            text: &self.text,
            shown: self.shown.as_deref().unwrap_or(&self.text),
            unit: &unit.text,
            approx: o.approx,
            bound: o.bound,
            cumulative: o.cumulative,
            derived,
        };
        cells::push_figure(h, &parts, t);
    }
}

/// An observation's figure as HTML, flags included, without the rest of a [`FigureView`]
/// (a table cell needs nothing else).
pub fn figure_html(o: &Observation, unit: &Unit, t: &UiStrings) -> String {
    Written::new(o, unit, t).html(o, unit, t)
}

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
    /// "pp" for rates (percentage points), otherwise the indicator's unit.
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
        let mut view = Self::fields(d, indicator, notation(&indicator.unit, t));
        view.html = change::delta_html(d, indicator, t);
        view.text = change::delta_text(&view, t);
        view
    }

    /// Every field but the HTML and the text. ([`change::push_delta`] writes the HTML from the
    /// change itself by the same rules; a test holds the two together.)
    fn fields(d: &Delta, indicator: &Indicator, notation: LargeNumbers) -> Self {
        match d {
            Delta::NotComparable(reason) => DeltaView {
                comparable: false,
                reason: Some(*reason),
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
            },
            Delta::Change { diff, percent, direction, approx, derived } => {
                let points = indicator.kind == Kind::Rate;
                let diff_exact = signed(*diff);
                DeltaView {
                    comparable: true,
                    reason: None,
                    diff: numbers::in_wan_yi(*diff, notation, signed).unwrap_or_else(|| diff_exact.clone()),
                    diff_exact,
                    unit: if points { "pp".into() } else { indicator.unit.text.clone() },
                    points,
                    percent: match percent {
                        Some(Percent::Of(p)) => Some(format!("{}%", signed(*p))),
                        _ => None,
                    },
                    is_new: matches!(percent, Some(Percent::New)),
                    direction: Some(*direction),
                    arrow: change::arrow(*diff),
                    approx: *approx,
                    derived: *derived,
                    html: String::new(),
                    text: String::new(),
                }
            }
        }
    }
}

/// How an interface writes large values of a unit: in 万/亿 only when the catalogue asks for
/// it (`large_numbers: chinese`) and the theme's strings for the site's language say so too
/// (`large_numbers: chinese` in zh-CN.yaml; en.yaml says `plain`, as English has no 万).
pub fn notation(unit: &Unit, t: &UiStrings) -> LargeNumbers {
    match (unit.large_numbers, t.large_numbers) {
        (LargeNumbers::Chinese, LargeNumbers::Chinese) => LargeNumbers::Chinese,
        _ => LargeNumbers::Plain,
    }
}

/// One cell of a table with many: an entity's value of an indicator in a year.
///
/// Templates get the year, whether the cell is empty, and the finished HTML. The value's and
/// change's fields stay on the Rust side: big tables have tens of thousands of cells, and
/// handing each field to the template engine made them most of a build's time. A report's
/// own table and the `value` shortcode give every field.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The year.
    pub year: i32,
    /// No value this year: a gap, never zero.
    pub empty: bool,
    /// The value as written, or nothing (for text alternatives).
    #[serde(skip)]
    pub text: Option<String>,
    /// The cell's content as HTML: the value over its change, or a gap.
    pub html: String,
}

impl CellView {
    /// A cell of `year` with a value of `unit` and its change against the year before (or a
    /// gap when `value` is `None`). Its HTML is written straight from the observation: big
    /// tables have hundreds of thousands of cells and need no [`FigureView`] for them.
    pub fn new(
        year: i32,
        value: Option<&Observation>,
        unit: &Unit,
        delta: Option<(&Delta, &Indicator)>,
        t: &UiStrings,
    ) -> Self {
        let mut html = String::with_capacity(if delta.is_some() { 320 } else { 128 });
        let text = push_cell_content(&mut html, value, unit, delta, t);
        CellView { year, empty: text.is_none(), text, html }
    }
}

/// Writes what [`CellView::html`] holds for a cell with `value` of `unit` and its change
/// `delta` (a gap when `value` is `None`) into `out`, for tables written straight into one
/// string; returns the value as written (`None` for a gap).
pub fn push_cell_content(
    out: &mut String,
    value: Option<&Observation>,
    unit: &Unit,
    delta: Option<(&Delta, &Indicator)>,
    t: &UiStrings,
) -> Option<String> {
    let Some(o) = value else {
        out.push_str(&cells::gap(t));
        return None;
    };
    let written = Written::new(o, unit, t);
    // The value, and below it the change when there is one.
    written.push_html(out, o, unit, t);
    if let Some((d, ind)) = delta {
        out.push_str("<br><small>");
        change::push_delta(out, d, ind, t);
        out.push_str("</small>");
    }
    Some(written.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::yoy::delta;
    use crate::model::figure::parse_decimal;
    use crate::model::Figure;

    fn ind(kind: Kind) -> Indicator {
        Indicator::example(kind, Better::Higher, Unit { text: "件".into(), large_numbers: LargeNumbers::Chinese })
    }

    fn obs(v: &str) -> Observation {
        Observation::reported(&Figure::plain(parse_decimal(v).unwrap()))
    }

    #[test]
    fn rate_delta_shows_points_without_percent() {
        let i = ind(Kind::Rate);
        let v = DeltaView::new(&delta(&i, &obs("18"), &obs("21.08")), &i, &UiStrings::default());
        assert_eq!((v.diff.as_str(), v.unit.as_str(), v.percent.clone(), v.arrow), ("+3.08", "pp", None, "▲"));
    }

    #[test]
    fn count_delta_shows_percent_and_new() {
        let i = ind(Kind::Count);
        let v = DeltaView::new(&delta(&i, &obs("1054"), &obs("1865")), &i, &UiStrings::default());
        assert_eq!(v.percent.as_deref(), Some("+76.9%"));
        let v = DeltaView::new(&delta(&i, &obs("0"), &obs("3")), &i, &UiStrings::default());
        assert!(v.is_new);
        assert_eq!(v.percent, None);
    }

    #[test]
    fn figure_text_is_the_written_text() {
        let v = FigureView::new(&obs("21.10"), &"%".into(), &UiStrings::default());
        assert_eq!(v.text, "21.10");
        assert_eq!(v.shown, "21.10");
    }

    fn zh() -> UiStrings {
        UiStrings { large_numbers: LargeNumbers::Chinese, approx: "约".into(), ..UiStrings::default() }
    }

    #[test]
    fn large_values_in_wan_only_where_catalogue_and_language_agree() {
        let i = ind(Kind::Count);
        let v = FigureView::new(&obs("52072"), &i.unit, &zh());
        assert_eq!((v.text.as_str(), v.shown.as_str(), v.unit.as_str()), ("52072", "5.2072万", "件"));
        assert!(v.html.contains("data-value=\"52072\""), "{}", v.html);
        assert!(v.html.contains(">5.2072万</span><span class=\"unit\">件</span>"), "{}", v.html);
        // English interface: plain.
        let en = UiStrings { large_numbers: LargeNumbers::Plain, ..zh() };
        let v = FigureView::new(&obs("52072"), &i.unit, &en);
        assert_eq!(v.shown, "52072");
        assert!(!v.html.contains("data-value"), "{}", v.html);
        // An indicator that does not ask: plain even in Chinese.
        let v = FigureView::new(&obs("52072"), &"件".into(), &zh());
        assert_eq!(v.shown, "52072");
        // Below 10,000: as written.
        assert_eq!(FigureView::new(&obs("9999"), &i.unit, &zh()).shown, "9999");
    }

    #[test]
    fn approx_and_bound_marks_stay_with_a_rewritten_value() {
        let i = ind(Kind::Count);
        let mut o = obs("52072");
        o.approx = true;
        o.bound = Some(Bound::Above);
        let v = FigureView::new(&o, &i.unit, &zh());
        assert!(v.html.contains("is-approx"), "{}", v.html);
        assert!(v.html.contains("class=\"flag approx\""), "{}", v.html);
        assert!(v.html.contains("class=\"flag bound\""), "{}", v.html);
        assert!(v.html.contains(">5.2072万<"), "{}", v.html);
    }

    #[test]
    fn absolute_change_in_wan_keeps_sign_and_exact_value() {
        let i = ind(Kind::Count);
        let v = DeltaView::new(&delta(&i, &obs("72072"), &obs("52072")), &i, &zh());
        assert_eq!((v.diff.as_str(), v.diff_exact.as_str()), ("\u{2212}2万", "\u{2212}20000"));
        assert!(v.html.contains("title=\"\u{2212}20000\""), "{}", v.html);
        assert_eq!(v.percent.as_deref(), Some("\u{2212}27.8%"));
        let small = DeltaView::new(&delta(&i, &obs("52072"), &obs("52080")), &i, &zh());
        assert_eq!(small.diff, "+8");
        assert!(!small.html.contains("title=\"+8\""), "{}", small.html);
    }
}
