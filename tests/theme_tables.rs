//! The default theme's tables on a site with real year-over-year changes (tests/fixtures/yoy:
//! three years of one organisation, a gap year in another's, a derived value, a break, an
//! approximate and a bounded value, a rate's change in points, a value in 万, a cumulative
//! figure and a methodology page): the legend lists exactly the marks a table shows, a change
//! is said once in the page's language, and a report's table reads old to new.

mod common;

use common::{build_ok, fixture, read, text_of as text};
use std::path::Path;

/// The `<tr>` of `html` whose text holds `label` (up to its `</tr>`).
fn row<'h>(html: &'h str, label: &str) -> &'h str {
    let body = &html[html.find("<tbody>").unwrap_or(0)..];
    let row = body.split("<tr>").find(|r| text(r).contains(label)).unwrap_or_else(|| panic!("no row {label}"));
    &row[..row.find("</tr>").unwrap_or(row.len())]
}

/// The words the legend after the first table of `html` explains, in order.
fn legend_words(html: &str) -> Vec<String> {
    let Some(at) = html.find("<div class=\"legend\">") else { return Vec::new() };
    let legend = &html[at..html[at..].find("</dl>").map_or(html.len(), |e| at + e)];
    legend.split("<dt>").skip(1).flat_map(|d| d[..d.find("</dt>").unwrap()].split('、').map(str::to_string)).collect()
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&fixture("yoy"), &out);
    (dir, out)
}

#[test]
fn the_legend_lists_exactly_the_marks_a_table_shows_and_links_the_methodology() {
    let (_dir, out) = built();
    // Last year: 5200余, 90%以上, 累计; this year: 约5.2072万, a break, a cumulative total — in
    // the order a reader meets them, kind by kind.
    let alpha = read(&out, "alpha/2023/index.html");
    assert_eq!(legend_words(&alpha), ["余", "约", "以上", "累计", "口径变化，不比较"], "{alpha}");
    assert!(alpha.contains("<a href=\"../../methodology/\">指标与同比口径</a>"), "{alpha}");
    // A derived previous year: 推算 and 约, nothing else.
    let beta = read(&out, "beta/2022/index.html");
    assert_eq!(legend_words(&beta), ["约", "推算"], "{beta}");
    // A table without marks has no legend.
    let beta_2023 = read(&out, "beta/2023/index.html");
    assert!(!beta_2023.contains("class=\"legend\""), "{beta_2023}");
    // The entity's year-over-year table and the year page's tables have theirs too.
    let entity = read(&out, "alpha/index.html");
    assert_eq!(legend_words(&entity), ["余", "约", "以上", "累计", "口径变化，不比较"], "{entity}");
    let year = read(&out, "years/2022/index.html");
    assert!(year.contains("<div class=\"legend\">"), "{year}");
}

#[test]
fn a_report_table_reads_old_to_new_with_the_unit_in_the_heading() {
    let (_dir, out) = built();
    let alpha = read(&out, "alpha/2023/index.html");
    let head = text(&alpha[alpha.find("<thead>").unwrap()..alpha.find("</thead>").unwrap()]);
    assert_eq!(head, "指标上年本年同比变化");
    let claim = row(&alpha, "监管事项认领率");
    let (old, new) = (claim.find(">66.53<").unwrap(), claim.find(">87.21<").unwrap());
    assert!(old < new, "{claim}");
    assert!(text(claim).trim_start().starts_with("监管事项认领率（%）"), "{claim}");
    // 万 in the slot after the digits; no unit in the cells.
    let published = row(&alpha, "主动公开政府信息");
    assert!(published.contains(">3.15</span><span class=\"sfx\">万</span>"), "{published}");
    assert_eq!(text(published).matches('条').count(), 1, "only the heading's unit: {published}");
}

#[test]
fn a_change_is_said_once_in_the_pages_language() {
    let (_dir, out) = built();
    // A rate's stated change and its computed one: shown once, in 个百分点.
    let alpha = read(&out, "alpha/2023/index.html");
    let claim = text(row(&alpha, "监管事项认领率"));
    assert_eq!(claim.matches("20.68").count(), 1, "{claim}");
    assert!(claim.contains("+20.68个百分点"), "{claim}");
    // The change a report states over a derived value: once, and 推算 only on the value.
    let beta = read(&out, "beta/2022/index.html");
    let requests = text(row(&beta, "政府信息公开申请"));
    assert_eq!(requests.matches("77%").count(), 1, "{requests}");
    assert_eq!(requests.matches("推算").count(), 1, "{requests}");
    // No change: 持平 alone.
    let review = text(row(&read(&out, "beta/2023/index.html"), "办结行政复议案件"));
    assert!(review.trim_end().ends_with("持平"), "{review:?}");
    assert!(!review.contains("=0") && !review.contains("+0"), "{review}");
    // A neutral indicator is not called 变化 or 无优劣方向 anywhere.
    for page in ["alpha/index.html", "indicators/review_closed/index.html", "indicators/index.html"] {
        let t = text(&read(&out, page));
        assert!(!t.contains("无优劣方向") && !t.contains("（—）"), "{page}");
    }
}

#[test]
fn chinese_pages_show_no_pp_and_no_english_labels() {
    let (_dir, out) = built();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let rel = entry.path().strip_prefix(&out).unwrap();
        let html = read(&out, rel.to_str().unwrap());
        let body = &html[html.find("<body").unwrap_or(0)..];
        let shown = text(body.split("<script").next().unwrap_or(body));
        assert!(!shown.contains("pp"), "{}: {shown}", rel.display());
        for label in ["Correction rate", "Claim rate", "Administrative review cases closed"] {
            assert!(!shown.contains(label), "{}: {label}", rel.display());
        }
    }
    assert!(pages > 10, "{pages} pages");
    assert!(Path::new(&out.join("indicators/claim_rate/index.html")).exists());
}

#[test]
fn a_sparklines_text_alternative_uses_the_pages_punctuation() {
    let site = fixture("yoy");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let mut seen = 0;
    let mut labels = String::new();
    for entity in ["alpha", "beta"] {
        let html = read(&out, &format!("{entity}/index.html"));
        for svg in html.split("<svg class=\"sparkline\"").skip(1) {
            let label = svg.split("aria-label=\"").nth(1).and_then(|l| l.split('"').next()).unwrap();
            assert!(label.contains('：') && !label.contains(": "), "a Chinese colon: {label}");
            assert!(!label.contains(", "), "Chinese items are separated by 、: {label}");
            labels.push_str(label);
            seen += 1;
        }
    }
    assert!(seen > 0, "the fixture draws sparklines");
    // Values as the row's cells show them: in 万 where they are, never as full digits.
    assert!(labels.contains("1.0851万") && !labels.contains("10851"), "{labels}");
}
