//! Tests of the views, and of the views against the HTML writers they share rules with.

/// Figures and changes as fields.
mod fields {
    use crate::compute::yoy::{delta, Observation};
    use crate::model::figure::parse_decimal;
    use crate::model::numbers::{LargeNumbers, Unit};
    use crate::model::{Better, Bound, Indicator, Kind};
    use crate::render::views::{DeltaView, FigureView};
    use crate::theme::UiStrings;

    fn ind(kind: Kind) -> Indicator {
        Indicator::example(kind, Better::Higher, Unit { text: "件".into(), large_numbers: LargeNumbers::Chinese })
    }

    fn obs(v: &str) -> Observation {
        Observation::plain(parse_decimal(v).unwrap())
    }

    #[test]
    fn rate_delta_shows_points_without_percent() {
        let i = ind(Kind::Rate);
        let t = UiStrings { pp: "个百分点".into(), ..UiStrings::default() };
        let v = DeltaView::new(&delta(&i, &obs("18"), &obs("21.08")), &i, &t);
        // In the language's words: never "pp" on a Chinese page.
        assert_eq!((v.diff.as_str(), v.unit.as_str(), v.percent.clone(), v.arrow), ("+3.08", "个百分点", None, "▲"));
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

/// Cells and a report's rows, written straight from observations and from views.
mod cells {
    use crate::compute::yoy::{Observation, Origin};
    use crate::model::figure::parse_decimal;
    use crate::model::Bound;
    use crate::render::html::cells::{report_row, ReportRowCells};
    use crate::render::html::figure::gap;
    use crate::render::views::figure::cells_html;
    use crate::render::views::{CellView, DeltaView, FigureView, IndicatorRef};
    use crate::theme::UiStrings;

    fn strings() -> UiStrings {
        UiStrings {
            approx: "约".into(),
            derived: "推算".into(),
            derived_title: "由<下一年>推算".into(),
            no_data: "无数据".into(),
            below: "以下".into(),
            colon: "：".into(),
            year_n: "{year}年".into(),
            paren_open: "（".into(),
            paren_close: "）".into(),
            ..UiStrings::default()
        }
    }

    #[test]
    fn figure_keeps_its_digits_and_flags_and_escapes_words() {
        let t = strings();
        let mut o = Observation::plain(parse_decimal("21.10").unwrap());
        o.approx = true;
        o.bound = Some(Bound::Below);
        o.origin = Origin::derived(2023, "+77%");
        let f = FigureView::new(&o, &"<件>".into(), &t);
        assert!(f.html.starts_with("<span class=\"fig is-derived is-approx\">"), "{}", f.html);
        assert!(f.html.contains("<span class=\"num\">21.10</span><span class=\"unit\">&lt;件&gt;</span>"));
        assert!(f.html.contains(">以下</abbr>"));
        assert!(f.html.contains("title=\"由&lt;下一年&gt;推算：2023年 +77%\">推算</abbr>"), "{}", f.html);
        // A big table's cell carries the same flags, the marks before the number and the bound
        // in the slot after it, and no unit: the heading carries it.
        let cell = CellView::new(2022, Some(&o), &"<件>".into(), None, &t).html;
        let marks = "<span class=\"fig is-derived is-approx\"><abbr class=\"flag derived\"";
        assert!(cell.starts_with(marks), "{cell}");
        assert!(cell.contains("推算</abbr><abbr class=\"flag approx\""), "{cell}");
        let slot = "<span class=\"val\"><span class=\"num\">21.10</span><span class=\"sfx\"><abbr class=\"flag bound\"";
        assert!(cell.contains(slot), "{cell}");
        assert!(!cell.contains("件"), "{cell}");
    }

    #[test]
    fn a_cell_keeps_wan_in_its_slot_so_digits_line_up() {
        let t = UiStrings { large_numbers: crate::model::LargeNumbers::Chinese, ..strings() };
        let unit = crate::model::Unit { text: "条".into(), large_numbers: crate::model::LargeNumbers::Chinese };
        let o = Observation::plain(parse_decimal("10851").unwrap());
        let cell = CellView::new(2023, Some(&o), &unit, None, &t).html;
        let number =
            "<span class=\"num\" data-value=\"10851\" title=\"10851\">1.0851</span><span class=\"sfx\">万</span>";
        assert!(cell.contains(number), "{cell}");
        // In running text the figure is as written, unit and all.
        assert!(FigureView::new(&o, &unit, &t).html.contains(">1.0851万</span><span class=\"unit\">条</span>"));
    }

    #[test]
    fn a_report_row_links_its_indicator_and_has_gaps_for_what_is_missing() {
        let t = UiStrings { stated_change: "报告称".into(), note: "注".into(), colon: "：".into(), ..strings() };
        let mut o = Observation::plain(parse_decimal("52072").unwrap());
        // Stated changes are parsed at load; one with a character to escape tests the escaping.
        let mut stated = crate::model::StatedChange::parse("+5%").unwrap();
        stated.text.push('<');
        o.stated_change = Some(Box::new(stated));
        o.remarks = Some(Box::new(crate::model::Remarks { note: Some("含<线上>".into()), ..Default::default() }));
        let unit: crate::model::Unit = "件".into();
        let value = FigureView::new(&o, &unit, &t);
        let indicator = IndicatorRef { id: "cases", label: "案件&数", unit: &unit, url: "indicators/cases/".into() };
        let link = (indicator.url.as_str(), indicator.label);
        let mut row = ReportRowCells {
            note: value.note.as_deref(),
            previous_html: None,
            value_html: &value.html,
            change_html: None,
        };
        let html = report_row(link, &unit, &row, "../../", &t);
        let head = "<tr>\n<th scope=\"row\"><a href=\"../../indicators/cases/\">案件&amp;数</a><span class=\"unit\">（件）</span>";
        assert!(html.starts_with(head), "{html}");
        assert!(html.contains("<div class=\"note\">注：含&lt;线上&gt;</div></th>"), "{html}");
        // Old to new: last year (a gap), this year, the change (a gap).
        let this_year = format!("<td class=\"num\">{}</td>", gap(&t));
        let cells = format!("{this_year}\n<td class=\"num\">{}</td>\n{this_year}\n</tr>", value.html);
        assert!(html.ends_with(&cells), "{html}");
        assert!(!html.contains("报告称"), "the stated change is the change column's: {html}");

        // The usual row: last year's value and the change, in that order, and no gap.
        let last_obs = Observation::plain(parse_decimal("48000").unwrap());
        let last = FigureView::new(&last_obs, &unit, &t);
        let ind = crate::model::Indicator {
            id: "cases".into(),
            label: "案件数".into(),
            ..crate::model::Indicator::example(crate::model::Kind::Count, crate::model::Better::Higher, unit.clone())
        };
        let d = crate::compute::yoy::delta(&ind, &last_obs, &o);
        let change = DeltaView::new(&d, &ind, &t);
        (row.previous_html, row.change_html) = (Some(last.html.as_str()), Some(change.html.as_str()));
        let html = report_row(link, &unit, &row, "../../", &t);
        let tail = format!(
            "<td class=\"num\">{}</td>\n<td class=\"num\">{}</td>\n<td class=\"num\">{}</td>\n</tr>",
            last.html, value.html, change.html
        );
        assert!(html.ends_with(&tail), "{html}");
        assert!(change.html.contains("+4072"), "{}", change.html);
        assert!(!html.contains(&gap(&t)), "{html}");

        // A big table's cell writes the figure straight from the observation; the newest is
        // marked, for the column a phone keeps in view.
        let cells = [CellView::new(2020, None, &unit, None, &t), CellView::new(2021, Some(&o), &unit, None, &t)];
        assert_eq!(
            cells_html(&cells, true),
            format!("<td class=\"num\">{}</td><td class=\"num newest\">{}</td>", gap(&t), cells[1].html)
        );
        assert!(!cells_html(&cells, false).contains("newest"), "a row across indicators has no newest year");
        assert_eq!(cells[1].text.as_deref(), Some("52072"));
        let with_change = CellView::new(2021, Some(&o), &unit, Some((&d, &ind)), &t);
        assert_eq!(with_change.html, format!("{}<br><small>{}</small>", cells[1].html, change.html));
    }

    #[test]
    fn empty_cell_is_a_dash_never_zero() {
        let c = CellView::new(2021, None, &"件".into(), None, &strings());
        assert!(c.empty);
        assert_eq!(c.html, "<span class=\"gap\" title=\"无数据\">—</span>");
    }
}

/// A change written straight from its delta and from its view's fields.
mod change {
    use crate::compute::yoy::{delta, Direction, NotComparable, Observation, Origin};
    use crate::escape::{escape_html, escaped};
    use crate::model::figure::parse_decimal;
    use crate::model::{Better, Bound, Indicator, Kind, LargeNumbers, Unit};
    use crate::render::html::change::{direction_word, reason_word};
    use crate::render::views::DeltaView;
    use crate::theme::UiStrings;
    use std::fmt::Write as _;

    /// A change's HTML made from its view's fields, by the theme's rules: a change said once —
    /// "持平" alone for none, the relative change in the language's brackets (none after a
    /// zero), no word for a neutral indicator, no unit but percentage points, no 推算 (the
    /// derived value carries it). The HTML written straight from the change must agree.
    fn from_fields(d: &DeltaView, t: &UiStrings) -> String {
        if !d.comparable {
            let reason = d.reason.unwrap_or(NotComparable::Cumulative);
            return format!("<span class=\"not-comparable\">{}</span>", escaped(reason_word(t, reason)));
        }
        let approx = if d.approx { escaped(&t.approx).into_owned() } else { String::new() };
        if d.arrow == "=" {
            return format!(
                "<span class=\"delta unchanged\">{approx}<span class=\"dir\">{}</span></span>",
                t.unchanged
            );
        }
        let dir = d.direction.map(Direction::name).unwrap_or("neutral");
        let mut h =
            format!("<span class=\"delta {dir}\"><span class=\"arrow\" aria-hidden=\"true\">{}</span>", d.arrow);
        h.push_str(&approx);
        if d.diff == d.diff_exact {
            h.push_str(&d.diff);
        } else {
            let exact = escape_html(&d.diff_exact);
            let _ = write!(h, "<span class=\"diff\" data-value=\"{exact}\" title=\"{exact}\">{}</span>", d.diff);
        }
        if d.points {
            h.push_str(&escaped(&t.pp));
        }
        if let Some(p) = &d.percent {
            let _ = write!(h, "{}{p}{}", t.paren_open, t.paren_close);
        }
        if d.direction != Some(Direction::Neutral) {
            let word = direction_word(t, d.direction.unwrap_or(Direction::Neutral));
            let _ = write!(h, " <span class=\"dir\">{}</span>", escaped(word));
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
            paren_open: "（".into(),
            paren_close: "）".into(),
            ..UiStrings::default()
        };
        let indicator = |kind: Kind, better: Better, unit: &str| {
            Indicator::example(kind, better, Unit { text: unit.into(), large_numbers: LargeNumbers::Chinese })
        };
        let obs = |v: &str| Observation::plain(parse_decimal(v).unwrap());
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
            assert!(!view.html.contains("pp") && !view.html.contains("推算") && !view.html.contains("（—）"));
        }
    }
}
