//! The HTML of single table cells — a figure with its flags, a change with its direction
//! ([`super::change`]) — written once in Rust rather than by a template macro per cell.
//!
//! A site of 10,000 reports has millions of cells; a Tera macro call per cell copies its
//! arguments and the whole string table, which made cells most of a build's time. Templates
//! print these fragments (`c.html`, `row.cells_html`, a report row's `html` or its three cells'
//! HTML); the `value` shortcode still gives a template every field of a figure and its change.

use super::view::{CellView, IndicatorRef};
use crate::escape::{escape_html, escape_html_into, escaped};
use crate::model::Bound;
use crate::theme::UiStrings;
use std::fmt::Write as _;

/// What a figure's HTML is made of: a value with its unit and every flag that travels with it.
pub struct FigureParts<'a> {
    /// The number as written.
    pub text: &'a str,
    /// The number as shown (`text`, or in 万/亿).
    pub shown: &'a str,
    /// The unit.
    pub unit: &'a str,
    /// 余 / 约.
    pub approx: bool,
    /// 以下 / 以上.
    pub bound: Option<Bound>,
    /// 累计.
    pub cumulative: bool,
    /// For a derived value: the year whose report states the change, and that change.
    pub derived: Option<(Option<i32>, Option<&'a str>)>,
}

/// The HTML of a figure from its parts.
pub fn figure_html(f: &FigureParts, t: &UiStrings) -> String {
    let mut h = String::with_capacity(96);
    push_figure(&mut h, f, t);
    h
}

/// Appends the HTML of a figure from its parts to `h`: a big table writes each cell into one
/// string, with no string of its own per figure.
pub fn push_figure(h: &mut String, f: &FigureParts, t: &UiStrings) {
    h.push_str("<span class=\"fig");
    if f.derived.is_some() {
        h.push_str(" is-derived");
    }
    if f.approx {
        h.push_str(" is-approx");
    }
    h.push_str("\">");
    if f.approx {
        let _ = write!(
            h,
            "<abbr class=\"flag approx\" title=\"{}\">{}</abbr>",
            escaped(&t.approx_title),
            escaped(&t.approx)
        );
    }
    if f.shown == f.text {
        h.push_str("<span class=\"num\">");
        escape_html_into(h, f.text);
        h.push_str("</span>");
    } else {
        // Shown in 万/亿: the exact written value stays on the element and in its tooltip.
        let exact = escape_html(f.text);
        let _ =
            write!(h, "<span class=\"num\" data-value=\"{exact}\" title=\"{exact}\">{}</span>", escape_html(f.shown));
    }
    if !f.unit.is_empty() {
        h.push_str("<span class=\"unit\">");
        escape_html_into(h, f.unit);
        h.push_str("</span>");
    }
    if let Some(b) = f.bound {
        let word = if b == Bound::Below { &t.below } else { &t.above };
        let _ = write!(h, "<abbr class=\"flag bound\" title=\"{}\">{}</abbr>", escaped(&t.bound_title), escaped(word));
    }
    if f.cumulative {
        let _ = write!(
            h,
            " <abbr class=\"flag cumulative\" title=\"{}\">{}</abbr>",
            escaped(&t.cumulative_title),
            escaped(&t.cumulative)
        );
    }
    if let Some((from, change)) = f.derived {
        let from = from.map(|y| y.to_string()).unwrap_or_default();
        let change = change.map(escape_html).unwrap_or_default();
        let _ = write!(
            h,
            " <abbr class=\"flag derived\" title=\"{}: {from} {change}\">{}</abbr>",
            escaped(&t.derived_title),
            escaped(&t.derived)
        );
    }
    h.push_str("</span>");
}

/// This year's value in a report's own table: the figure's HTML and, below it, the change the
/// report itself states.
pub fn value_with_stated(mut figure_html: String, stated: Option<&str>, t: &UiStrings) -> String {
    if let Some(stated) = stated.filter(|s| !s.is_empty()) {
        let _ = write!(figure_html, "<div class=\"stated\">{} ", escaped(&t.stated_change));
        escape_html_into(&mut figure_html, stated);
        figure_html.push_str("</div>");
    }
    figure_html
}

/// A row of a report's own table: the indicator (linked from `root`) with its note, this
/// year's value (as [`value_with_stated`] makes it), last year's value, the change; a gap for
/// what is missing.
pub fn report_row(
    indicator: &IndicatorRef,
    note: Option<&str>,
    value_html: &str,
    previous_html: Option<&str>,
    change_html: Option<&str>,
    root: &str,
    t: &UiStrings,
) -> String {
    let mut h = String::with_capacity(640);
    h.push_str("<tr>\n<th scope=\"row\"><a href=\"");
    escape_html_into(&mut h, root);
    escape_html_into(&mut h, &indicator.url);
    h.push_str("\">");
    escape_html_into(&mut h, indicator.label);
    h.push_str("</a>");
    if let Some(note) = note.filter(|n| !n.is_empty()) {
        let _ = write!(h, "<div class=\"note\">{}{}", escaped(&t.note), escaped(&t.colon));
        escape_html_into(&mut h, note);
        h.push_str("</div>");
    }
    h.push_str("</th>\n<td class=\"num\">");
    h.push_str(value_html);
    for cell in [previous_html, change_html] {
        h.push_str("</td>\n<td class=\"num\">");
        match cell {
            Some(c) => h.push_str(c),
            None => h.push_str(&gap(t)),
        }
    }
    h.push_str("</td>\n</tr>");
    h
}

/// A publication date (2022-03-29) as the language writes it (`date_format` with `{year}`,
/// `{month}` from `months` and `{day}`), in a `<time>` that keeps the date itself.
pub fn date(iso: &str, t: &UiStrings) -> String {
    let mut parts = iso.splitn(3, '-');
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    let month = month.and_then(|m| m.parse::<usize>().ok());
    let day = day.and_then(|d| d.parse::<u32>().ok());
    let name = month.and_then(|m| t.months.get(m.checked_sub(1)?));
    let text = match (year, name, day) {
        (Some(y), Some(m), Some(d)) => {
            fill(&t.date_format, &[("{year}", y), ("{month}", m), ("{day}", &d.to_string())])
        }
        _ => iso.to_string(),
    };
    let mut h = String::from("<time datetime=\"");
    escape_html_into(&mut h, iso);
    h.push_str("\">");
    escape_html_into(&mut h, &text);
    h.push_str("</time>");
    h
}

/// `format` with each placeholder of `values` (`{year}` …) replaced by its value, in one pass:
/// every report listed anywhere shows its date, and three `replace` calls made three strings.
fn fill(format: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        match values.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &rest[name.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A row's cells as HTML, each in its `<td class="num">`: what a template would write looping
/// over them, given as one string so a big table costs one lookup per row, not one per cell.
pub fn cells_html(cells: &[CellView]) -> String {
    let mut h = String::with_capacity(cells.iter().map(|c| c.html.len() + 24).sum());
    for c in cells {
        h.push_str("<td class=\"num\">");
        h.push_str(&c.html);
        h.push_str("</td>");
    }
    h
}

/// Writes a row's heading cell as the default theme shows it: a link named `name` to `url`
/// (relative to the site root, which `root` leads to from the page).
pub fn push_row_heading(out: &mut String, root: &str, url: &str, name: &str) {
    out.push_str("<th scope=\"row\"><a href=\"");
    escape_html_into(out, root);
    escape_html_into(out, url);
    out.push_str("\">");
    escape_html_into(out, name);
    out.push_str("</a></th>");
}

/// A missing value: a dash with an explanation, never a zero.
pub fn gap(t: &UiStrings) -> String {
    format!("<span class=\"gap\" title=\"{}\">—</span>", escaped(&t.no_data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::yoy::{Observation, Origin};
    use crate::model::figure::parse_decimal;
    use crate::model::Figure;
    use crate::render::view::{DeltaView, FigureView};

    fn strings() -> UiStrings {
        UiStrings {
            approx: "约".into(),
            derived: "推算".into(),
            derived_title: "由<下一年>推算".into(),
            no_data: "无数据".into(),
            below: "以下".into(),
            ..UiStrings::default()
        }
    }

    #[test]
    fn figure_keeps_its_digits_and_flags_and_escapes_words() {
        let t = strings();
        let mut o = Observation::reported(&Figure::plain(parse_decimal("21.10").unwrap()));
        o.approx = true;
        o.bound = Some(Bound::Below);
        o.origin = Origin::derived(2023, "+77%");
        let f = FigureView::new(&o, &"<件>".into(), &t);
        assert!(f.html.starts_with("<span class=\"fig is-derived is-approx\">"), "{}", f.html);
        assert!(f.html.contains("<span class=\"num\">21.10</span><span class=\"unit\">&lt;件&gt;</span>"));
        assert!(f.html.contains(">以下</abbr>"));
        assert!(f.html.contains("title=\"由&lt;下一年&gt;推算: 2023 +77%\">推算</abbr>"), "{}", f.html);
        // A big table's cell, written straight from the observation, carries the same flags.
        assert_eq!(CellView::new(2022, Some(&o), &"<件>".into(), None, &t).html, f.html);
    }

    #[test]
    fn a_report_row_links_its_indicator_and_has_gaps_for_what_is_missing() {
        let t = UiStrings { stated_change: "报告称".into(), note: "注".into(), colon: "：".into(), ..strings() };
        let mut o = Observation::reported(&Figure::plain(parse_decimal("52072").unwrap()));
        // Stated changes are parsed at load; one with a character to escape tests the escaping.
        let mut stated = crate::model::StatedChange::parse("+5%").unwrap();
        stated.text.push('<');
        o.stated_change = Some(Box::new(stated));
        o.note = Some("含<线上>".into());
        let unit: crate::model::Unit = "件".into();
        let value = FigureView::new(&o, &unit, &t);
        let indicator = IndicatorRef { id: "cases", label: "案件&数", unit: &unit, url: "indicators/cases/".into() };
        let value_html = value_with_stated(value.html.clone(), value.stated_change.as_deref(), &t);
        let html = report_row(&indicator, value.note.as_deref(), &value_html, None, None, "../../", &t);
        let head = "<tr>\n<th scope=\"row\"><a href=\"../../indicators/cases/\">案件&amp;数</a>";
        assert!(html.starts_with(head), "{html}");
        assert!(html.contains("<div class=\"note\">注：含&lt;线上&gt;</div></th>"), "{html}");
        let this_year = format!("<td class=\"num\">{}<div class=\"stated\">报告称 +5%&lt;</div></td>", value.html);
        assert!(html.contains(&this_year), "{html}");
        assert_eq!(html.matches("<td class=\"num\">").count(), 3, "{html}");
        assert_eq!(html.matches(&gap(&t)).count(), 2, "{html}");
        assert!(html.ends_with("</td>\n</tr>"));

        // The usual row: last year's value and the change, in that order, and no gap.
        let last_obs = Observation::reported(&Figure::plain(parse_decimal("48000").unwrap()));
        let last = FigureView::new(&last_obs, &unit, &t);
        let ind = crate::model::Indicator {
            id: "cases".into(),
            label: "案件数".into(),
            ..crate::model::Indicator::example(crate::model::Kind::Count, crate::model::Better::Higher, unit.clone())
        };
        let d = crate::compute::yoy::delta(&ind, &last_obs, &o);
        let change = DeltaView::new(&d, &ind, &t);
        let html = report_row(
            &indicator,
            value.note.as_deref(),
            &value_html,
            Some(&last.html),
            Some(&change.html),
            "../../",
            &t,
        );
        let tail = format!("<td class=\"num\">{}</td>\n<td class=\"num\">{}</td>\n</tr>", last.html, change.html);
        assert!(html.ends_with(&tail), "{html}");
        assert!(change.html.contains("+4072"), "{}", change.html);
        assert!(!html.contains(&gap(&t)), "{html}");

        // A big table's cell writes the figure straight from the observation, the same HTML.
        let cells = [CellView::new(2020, None, &unit, None, &t), CellView::new(2021, Some(&o), &unit, None, &t)];
        assert_eq!(
            cells_html(&cells),
            format!("<td class=\"num\">{}</td><td class=\"num\">{}</td>", gap(&t), value.html)
        );
        assert_eq!(cells[1].text.as_deref(), Some("52072"));
        let with_change = CellView::new(2021, Some(&o), &unit, Some((&d, &ind)), &t);
        assert_eq!(with_change.html, format!("{}<br><small>{}</small>", value.html, change.html));
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let values = [("{year}", "2022"), ("{month}", "{day}"), ("{day}", "9")];
        assert_eq!(fill("{day} {month} {year}", &values), "9 {day} 2022", "a value is not filled again");
        assert_eq!(fill("{x} {{year}} {", &values), "{x} {2022} {");
        assert_eq!(fill("", &values), "");
    }

    #[test]
    fn dates_are_written_as_the_language_writes_them() {
        let mut t = strings();
        t.date_format = "{year}年{month}月{day}日".into();
        t.months = std::array::from_fn(|i| (i + 1).to_string());
        assert_eq!(date("2022-03-29", &t), "<time datetime=\"2022-03-29\">2022年3月29日</time>");
        t.date_format = "{day} {month} {year}".into();
        t.months[2] = "March".into();
        assert_eq!(date("2022-03-09", &t), "<time datetime=\"2022-03-09\">9 March 2022</time>");
        // No such month: the date as written rather than a wrong month.
        assert_eq!(date("2022-13-09", &t), "<time datetime=\"2022-13-09\">2022-13-09</time>");
        assert_eq!(date("2022-00-09", &t), "<time datetime=\"2022-00-09\">2022-00-09</time>");
    }

    #[test]
    fn empty_cell_is_a_dash_never_zero() {
        let c = CellView::new(2021, None, &"件".into(), None, &strings());
        assert!(c.empty);
        assert_eq!(c.html, "<span class=\"gap\" title=\"无数据\">—</span>");
    }
}
