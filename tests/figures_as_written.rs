//! Figures as real reports state them (tests/fixtures/figures): values in 万 and with
//! qualifiers keep their written form and precision, derived values are no more precise than
//! their sources, breaks stop comparison, a change may stand without a value, a report may
//! restate last year's figure, and `yoy.compare: previous_report` names the year compared with.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// The text of a page with its tags taken out and its spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of the table row of `page` whose heading is `label`.
fn row(page: &str, label: &str) -> String {
    let rows = page.split("<tr>").map(text);
    rows.filter(|r| r.starts_with(label)).last().unwrap_or_else(|| panic!("no row {label} in {}", text(page)))
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&fixture("figures"), &out);
    (dir, out)
}

/// Every file of the output, as text.
fn every_text(out: &Path) -> Vec<(String, String)> {
    files(out).into_iter().filter_map(|rel| Some((rel.clone(), fs::read_to_string(out.join(&rel)).ok()?))).collect()
}

#[test]
fn a_value_in_wan_keeps_its_form_and_its_derived_year_no_more_precision() {
    let (_dir, out) = built();
    let nat = read(&out, "nat/index.html");
    // 31.5万 with 同比增长17.1%: last year lies in 268,459–269,543, so 约26.9万.
    let cases = row(&nat, "新收行政复议案件");
    // The unit in the heading, 推算 and 约 before the number, 万 in the slot after it; a
    // neutral indicator's change has no word.
    assert!(cases.starts_with("新收行政复议案件 （件） 推算 约 26.9 万 31.5 万 ▲ 同比增长17.1% 35.2 万"), "{cases}");
    // Between two values written in 万, the difference is in 万 too, exact.
    assert!(cases.contains("35.2 万 ▲ +3.7万 （+11.7%）"), "{cases}");
    for (rel, body) in every_text(&out) {
        assert!(!body.contains("26.9001") && !body.contains("4.5999"), "{rel} shows invented digits");
    }
    let csv = read(&out, "nat/data.csv");
    let derived = csv.lines().find(|l| l.contains(",2022,new_cases,")).unwrap();
    assert!(
        derived.contains(",269000,件,approx;derived,") && derived.ends_with(",26.9万,约,268459,269543"),
        "{derived}"
    );
    let reported = csv.lines().find(|l| l.contains(",2023,new_cases,")).unwrap();
    assert!(reported.contains(",315000,件,") && reported.contains(",31.5万,"), "{reported}");
    let json = read(&out, "data/indicators.json");
    assert!(
        json.contains("\"written\":\"26.9万\",\"qualifier\":\"约\",\"interval\":[268459,269543]"),
        "the interval in the JSON too"
    );
}

#[test]
fn qualifiers_stay_as_written() {
    let (_dir, out) = built();
    let report = read(&out, "nat/2023/index.html");
    // Old to new (no value last year), the unit in the heading.
    assert!(row(&report, "覆盖企业").starts_with("覆盖企业 （家次） — 1500 余"), "{}", row(&report, "覆盖企业"));
    assert!(row(&report, "一窗受理率").starts_with("一窗受理率 （%） — 90 以上"), "{}", row(&report, "一窗受理率"));
    assert!(!text(&report).contains("约 1500"), "余 is not 约");
    let csv = read(&out, "nat/data.csv");
    let odd = csv.lines().find(|l| l.contains(",enterprises,")).unwrap();
    assert!(odd.contains(",1500,家次,approx,") && odd.contains(",1500余,余,"), "{odd}");
}

#[test]
fn nothing_is_compared_across_a_break_and_the_cell_says_why() {
    let (_dir, out) = built();
    let chy = read(&out, "chy/index.html");
    let spot = row(&chy, "双随机抽查");
    assert!(spot.contains("口径变化，不比较 （自2024年起只统计市场监管领域“双随机”抽查）"), "{spot}");
    assert!(!spot.contains('▼') && !spot.contains('%'), "{spot}");
    let filings = row(&read(&out, "xic/index.html"), "规范性文件备案");
    assert!(
        filings.contains("口径变化，不比较 （2024年报告改称“报备”，统计口径不同）") && !filings.contains('▼'),
        "{filings}"
    );
}

#[test]
fn previous_report_names_the_year_compared_with() {
    let (_dir, out) = built();
    let chy = read(&out, "chy/index.html");
    assert!(row(&chy, "清理证明事项").contains("▲ 较2022年 +118（+67.8%）"), "{}", row(&chy, "清理证明事项"));
    let report = read(&out, "chy/2024/index.html");
    let r = row(&report, "清理证明事项");
    assert!(r.starts_with("清理证明事项 （件） 174 292 ▲ 较2022年 +118"), "{r}");
}

#[test]
fn a_restated_previous_value_and_a_change_without_value() {
    let (_dir, out) = built();
    let xic = read(&out, "xic/index.html");
    let restated = row(&xic, "需办理复议案件");
    assert!(restated.starts_with("需办理复议案件 （件） 据2024年报告 66 151"), "{restated}");
    // 80% and 较2023年下降了20.2% (percent of last year's rate): 63.5–64.2, so 约63.8.
    let forward = row(&xic, "行政机关负责人出庭应诉率");
    assert!(forward.starts_with("行政机关负责人出庭应诉率 （%） 80 推算 约 63.8 ▼ 较2023年下降了20.2%"), "{forward}");
}

#[test]
fn check_warns_of_an_ambiguous_rate_change_and_counts_reviewed_figures() {
    let o = annalist(&["check", "--root", fixture("figures").to_str().unwrap()]);
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stderr.contains("content/xic/2024.md:8:24: 'claim_rate' is a rate and its change '增长5.4%' may be"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 1, "only the ambiguous change: {stderr}");
    assert!(stdout.contains("1 figure(s) marked reviewed"), "{stdout}");
    // The ambiguous change is shown as written and used for nothing: the cell compares the
    // two reported values.
    let (_dir, out) = built();
    let r = row(&read(&out, "xic/2024/index.html"), "监管事项认领率");
    assert!(r.contains("增长5.4%") && r.contains("+4个百分点"), "{r}");
}

#[test]
fn a_restated_figure_that_differs_and_a_points_change_on_a_count_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("figures"), &site);
    let xic = site.join("content/xic/2023.md");
    let text = fs::read_to_string(&xic).unwrap().replace("  filings: 19\n", "  filings: 19\n  workload: 60\n");
    fs::write(&xic, text).unwrap();
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("'workload' restates 2023 as 66 but the 2023 report gives 60"), "{stderr}");
    replace(&site, "content/chy/2024.md", "certificates: 292", "certificates: { value: 292, change: 提高4个百分点 }");
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("content/chy/2024.md:5:39:") && stderr.contains("only a rate"), "{stderr}");
}

#[test]
fn neighbours_a_year_apart_or_more_are_named_for_what_they_are() {
    let (_dir, out) = built();
    let page = text(&read(&out, "chy/2024/index.html"));
    assert!(page.contains("← 上一份报告（2022）"), "not 上一年报告 for 2022: {page}");
    let page = text(&read(&out, "xic/2024/index.html"));
    assert!(page.contains("← 上一年报告（2023）"), "{page}");
}

#[test]
fn reports_older_than_the_table_are_named_and_linked() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("figures"), &site);
    replace(&site, "site.yaml", "  years: 5", "  years: 1");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let chy = read(&out, "chy/index.html");
    assert!(text(&chy).contains("表中只列最近1年；更早的报告： 2022年"), "{}", text(&chy));
    assert!(chy.contains("href=\"../chy/2022/\""), "linked");
    let (_dir, out) = built();
    assert!(!text(&read(&out, "chy/index.html")).contains("更早的报告"), "nothing older, nothing said");
}

#[test]
fn no_line_is_drawn_across_a_break() {
    let (_dir, out) = built();
    let xic = read(&out, "xic/index.html");
    let row = |label: &str| xic.split("<tr>").find(|r| r.contains(label)).unwrap().to_string();
    // 19 → 13 across the figure's break: two series of one value each, no trend, so no
    // sparkline at all; 66 → 70: one line.
    assert!(!row("规范性文件备案").contains("<svg"), "{}", row("规范性文件备案"));
    assert_eq!(row("监管事项认领率").matches("<path").count(), 1);
}

#[test]
fn an_english_site_shows_the_english_forms() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("figures"), &site);
    replace(&site, "site.yaml", "language: zh-CN", "language: en");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let report = read(&out, "nat/2023/index.html");
    assert!(row(&report, "覆盖企业").starts_with("覆盖企业 (家次) — 1500 +"), "{}", row(&report, "覆盖企业"));
    assert!(row(&report, "一窗受理率").starts_with("一窗受理率 (%) — ≥ 90"), "{}", row(&report, "一窗受理率"));
    // 31.5万 in full: English has no 万.
    assert!(row(&report, "新收行政复议案件").contains(" 315000 "), "{}", row(&report, "新收行政复议案件"));
}

#[test]
fn a_value_written_in_wan_keeps_its_form_whatever_large_numbers_says() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("figures"), &site);
    let catalogue = fs::read_to_string(site.join("content/indicators.yaml")).unwrap();
    let chinese =
        catalogue.replace("  label: 新收行政复议案件\n", "  label: 新收行政复议案件\n  large_numbers: chinese\n");
    let chinese = chinese.replace("  label: 清理证明事项\n", "  label: 清理证明事项\n  large_numbers: chinese\n");
    fs::write(site.join("content/indicators.yaml"), chinese).unwrap();
    replace(&site, "content/chy/2024.md", "certificates: 292", "certificates: 52072");
    replace(&site, "content/chy/2024.md", "清理证明事项292件", "清理证明事项52072件");
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let nat = row(&read(&out, "nat/index.html"), "新收行政复议案件");
    assert!(nat.contains("31.5 万") && nat.contains("35.2 万") && !nat.contains("31.50"), "{nat}");
    // A value written in full follows large_numbers: every digit kept, in 万.
    let chy = row(&read(&out, "chy/index.html"), "清理证明事项");
    assert!(chy.contains("5.2072 万"), "{chy}");
}
