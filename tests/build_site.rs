//! Integration tests: build the fixture site with the real binary and check what comes out.

mod common;

use common::*;
use std::fs;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&fixture("basic"), &out);
    (dir, out)
}

#[test]
fn writes_every_page_kind_and_data_file() {
    let (_d, out) = built();
    let files = files(&out);
    for expected in [
        "index.html",
        "404.html",
        "alpha/index.html",
        "alpha/2020/index.html",
        "alpha/2021/index.html",
        "alpha/2022/index.html",
        "alpha/data.csv",
        "beta/index.html",
        "beta/2023/index.html",
        "beta/data.csv",
        "indicators/index.html",
        "indicators/correction_rate/index.html",
        "years/2020/index.html",
        "years/2023/index.html",
        "tags/年度报告/index.html",
        "tags/行政复议/index.html",
        "about/index.html",
        "data/indicators.csv",
        "data/indicators.json",
        "style.css",
        "syntax.css",
        ".annalist-output",
    ] {
        assert!(files.contains(&expected.to_string()), "missing {expected}; have {files:?}");
    }
    // Drafts are left out unless asked for.
    assert!(!files.iter().any(|f| f.starts_with("beta/2024")), "{files:?}");
    assert!(!files.iter().any(|f| f == "years/2024/index.html"));
}

#[test]
fn drafts_are_built_with_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = build(&fixture("basic"), &out, &["--drafts"]);
    assert!(o.status.success());
    assert!(out.join("beta/2024/index.html").is_file());
}

#[test]
fn report_table_shows_exact_figures_deltas_and_directions() {
    let (_d, out) = built();
    let html = read(&out, "alpha/2022/index.html");
    let table = &html[html.find("class=\"report-table\"").expect("report table")..];
    // 18 → 21.08 is +3.08 percentage points; lower is better, so worsened.
    assert!(table.contains("<span class=\"num\">21.08</span>"), "{table}");
    assert!(table.contains("+3.08个百分点"), "{table}");
    assert!(table.contains("delta worsened"));
    // An amount keeps its written decimals: 15495 → 15495.50 is +0.50, a change that rounds to 0.0%.
    assert!(table.contains("<span class=\"num\">15495.50</span>"));
    // The unit is the row heading's, the relative change in the language's brackets.
    assert!(table.contains("+0.50（0.0%）"), "{table}");
    // Unchanged count.
    assert!(table.contains("delta unchanged"));
    // Approximate figure marked, with its note escaped.
    assert!(table.contains("class=\"flag approx\""));
    assert!(table.contains("&lt;i&gt;note&lt;&#x2F;i&gt;") || table.contains("&lt;i&gt;note&lt;/i&gt;"));
    // 2021 had no review_closed: the previous-year cell is a gap, never 0.
    let row = &table[table.find("办结行政复议案件").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("<span class=\"num\">218</span>"));
    assert!(row.contains("class=\"gap\""), "{row}");
    assert!(!row.contains(">0<"), "{row}");
}

#[test]
fn stated_change_derives_previous_year_marked_as_derived() {
    let (_d, out) = built();
    let html = read(&out, "beta/2023/index.html");
    let row = &html[html.find("政府信息公开申请</a>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("<span class=\"num\">1865</span>"), "{row}");
    assert!(row.contains("+77%"), "{row}");
    assert!(row.contains("<span class=\"num\">1054</span>"), "{row}");
    assert!(row.contains("is-derived"), "{row}");
    assert!(row.contains("推算"), "{row}");
    let rate = &html[html.find("监管事项认领率</a>").unwrap()..];
    assert!(rate.contains("<span class=\"num\">66.53</span>"));
    // The entity page shows the derived year as its own column.
    let entity = read(&out, "beta/index.html");
    assert!(
        entity.contains(
            "<th scope=\"col\" class=\"num figs\">2022</th><th scope=\"col\" class=\"num figs newest\">2023</th>"
        ),
        "{entity}"
    );
}

#[test]
fn bound_and_cumulative_values_are_marked_and_never_differenced() {
    let (_d, out) = built();
    let html = read(&out, "alpha/2021/index.html");
    let pm = &html[html.find("PM2.5年均浓度</a>").unwrap()..];
    let pm = &pm[..pm.find("</tr>").unwrap()];
    assert!(pm.contains("以下"), "{pm}");
    assert!(pm.contains("界值，不比较"), "{pm}");
    assert!(!pm.contains("class=\"delta"), "{pm}");
    let cert = &html[html.find("清理证明事项</a>").unwrap()..];
    let cert = &cert[..cert.find("</tr>").unwrap()];
    assert!(cert.contains("累计"), "{cert}");
    assert!(cert.contains("累计值，不比较"), "{cert}");
    // New from zero: the difference alone, no relative change (never infinity, no "（—）").
    let items = &html[html.find("新增事项</a>").unwrap()..];
    let items = &items[..items.find("</tr>").unwrap()];
    assert!(items.contains("</span>+4 <span class=\"dir\">"), "{items}");
    assert!(!items.contains('%') && !items.contains("—）"), "{items}");
}

#[test]
fn entity_page_has_yoy_table_with_gaps_and_sparklines() {
    let (_d, out) = built();
    let html = read(&out, "alpha/index.html");
    assert!(html.contains("<th scope=\"col\" class=\"num figs\">2020</th><th scope=\"col\" class=\"num figs\">2021</th><th scope=\"col\" class=\"num figs newest\">2022</th>"));
    let row = &html[html.find("办结行政复议案件</a>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    // 70 in 2020, gap in 2021, 218 in 2022; no delta across the gap.
    assert!(row.contains(">70<") && row.contains(">218<"), "{row}");
    assert_eq!(row.matches("class=\"gap\"").count(), 1, "{row}");
    assert!(!row.contains("class=\"delta"), "{row}");
    // Two values a year apart are no trend: no sparkline. Two neighbouring years have one.
    assert!(!row.contains("<svg class=\"sparkline\""), "{row}");
    let rate = &html[html.find("行政复议纠错率</a>").unwrap()..];
    assert!(rate[..rate.find("</tr>").unwrap()].contains("<svg class=\"sparkline\""), "{rate}");
    assert!(html.contains("scope=\"rowgroup\""));
    assert!(html.contains("<caption>"));
}

#[test]
fn shortcodes_render_in_bodies_and_stay_literal_in_code() {
    let (_d, out) = built();
    let html = read(&out, "alpha/2022/index.html");
    let body = &html[html.find("class=\"prose\"").unwrap()..html.find("report-indicators").unwrap()];
    assert!(body.contains("class=\"sc-value\""), "{body}");
    assert!(body.contains("title=\"同比变化 +3.08个百分点 变差\""), "{body}");
    assert!(body.contains("class=\"sc-yoy\""));
    assert!(!body.contains("<p><div class=\"sc-yoy\">"), "block shortcode must not sit inside <p>");
    assert!(body.contains("<code>{{ value(id=\"not_a_shortcode\") }}</code>"), "{body}");
    let about = read(&out, "about/index.html");
    assert!(about.contains("<span class=\"num\">1865</span>"), "{about}");
}

#[test]
fn markdown_gets_heading_ids_toc_and_highlighted_code() {
    let (_d, out) = built();
    let html = read(&out, "alpha/2021/index.html");
    assert!(html.contains("<h2 id=\"一主要举措和成效\">"), "{html}");
    assert!(html.contains("<a href=\"#一行政复议\">"));
    assert!(html.contains("<pre class=\"code\" data-lang=\"yaml\">"));
    assert!(html.contains("class=\"hl-"));
}

#[test]
fn content_text_is_escaped_everywhere() {
    let (_d, out) = built();
    for f in files(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, f);
        assert!(!html.contains("<script>alert"), "unescaped script in {f}");
        assert!(!html.contains("<b>bold</b>"), "unescaped label in {f}");
    }
    let report = read(&out, "alpha/2022/index.html");
    assert!(report.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"));
    assert!(report.contains("&lt;script&gt;alert(&#39;tag&#39;)&lt;/script&gt;"));
    let entity = read(&out, "alpha/index.html");
    assert!(entity.contains("甲区 &lt;script&gt;alert(&quot;entity&quot;)&lt;/script&gt;"));
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let (_d, out) = built();
    let mut checked = 0;
    for page in files(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, page);
        for href in attr_values(&html, "href") {
            if let Some(target) = resolve(page, &href, "/sub/path/") {
                assert!(out.join(&target).is_file(), "{page}: link {href} → {target} is broken");
                checked += 1;
            }
        }
        assert!(html.contains("href=\"https://example.org/sub/path/"), "canonical under base_url in {page}");
    }
    assert!(checked > 100, "only {checked} links checked");
    // The 404 page is served at any depth, so its links are absolute under the base path.
    assert!(read(&out, "404.html").contains("href=\"/sub/path/style.css\""));
}

#[test]
fn base_url_override_changes_permalinks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = build(&fixture("basic"), &out, &["--base-url", "https://other.example/x/"]);
    assert!(o.status.success());
    assert!(read(&out, "index.html").contains("href=\"https://other.example/x/\""));
    assert!(read(&out, "404.html").contains("href=\"/x/style.css\""));
}

#[test]
fn csv_and_json_carry_every_figure_exactly() {
    let (_d, out) = built();
    let csv = read(&out, "data/indicators.csv");
    assert!(csv.starts_with('\u{feff}'), "CSV starts with a BOM");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "entity,entity_name,year,indicator,label,value,unit,flags,stated_change,note,source_page,written,qualifier,interval_low,interval_high");
    assert!(lines.contains(&"alpha,\"甲区 <script>alert(\"\"entity\"\")</script>\",2022,correction_rate,行政复议纠错率,21.08,%,,,,https://example.org/sub/path/alpha/2022/,,,,"));
    assert!(
        lines.iter().any(|l| l.starts_with(
            "beta,乙区,2022,info_requests,政府信息公开申请,1054,件,approx;derived,,,https://example.org/sub/path/beta/2023/,,约,1050.7,1056.7"
        )),
        "{csv}"
    );
    // The stated change is text, defused for spreadsheets (docs/format.md, Data files).
    assert!(lines.iter().any(|l| l.starts_with("beta,乙区,2023,info_requests,政府信息公开申请,1865,件,,\"'+77%\",")));
    assert!(lines.iter().any(|l| l.contains(",15495.50,万元,")));
    assert!(lines.iter().any(|l| l.contains(",pm25,") && l.contains(",below,")));
    // 4 + 5 + 5 figures of alpha, 4 of beta plus 2 derived.
    assert_eq!(lines.len() - 1, 20, "{csv}");
    let entity_csv = read(&out, "beta/data.csv");
    assert_eq!(entity_csv.trim_start_matches('\u{feff}').lines().count() - 1, 6);

    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/indicators.json")).unwrap();
    let figures = json["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 20);
    let raw = read(&out, "data/indicators.json");
    assert!(raw.contains("\"value\":15495.50"), "JSON keeps written decimals");
    assert!(figures
        .iter()
        .any(|f| f["indicator"] == "info_requests" && f["flags"][1] == "derived" && f["value"] == 1054));
}

#[test]
fn no_page_shows_nan_infinity_or_float_artefacts() {
    let (_d, out) = built();
    for f in files(&out).iter().filter(|f| f.ends_with(".html") || f.ends_with(".csv") || f.ends_with(".json")) {
        let text = read(&out, f);
        for bad in ["NaN", "inf%", "Infinity", "0000001", "9999999"] {
            assert!(!text.contains(bad), "{bad} in {f}");
        }
    }
}

#[test]
fn indicator_page_has_chart_with_text_alternative_and_table() {
    let (_d, out) = built();
    let html = read(&out, "indicators/correction_rate/index.html");
    assert!(html.contains("<svg class=\"chart\""));
    assert!(html.contains("<title id=\"chart-title\">行政复议纠错率（%）</title>"));
    // A rate on 0–100 with labelled gridlines, not an axis from the lowest value to the highest.
    assert!(html.contains(">100%</text>") && html.contains(">0</text>") && !html.contains(">18%</text>"), "{html}");
    assert!(html.contains("甲区") && html.contains("乙区"));
    assert!(html.contains("（%） · 2021–2023</figcaption>"), "the caption spans the years");
    // A single value is no trend: the table only.
    assert!(!read(&out, "indicators/mediated/index.html").contains("<svg class=\"chart\""));
    // Years nobody reported stay in the table as gaps: review_closed has 2020, 2022 and 2023.
    let closed = read(&out, "indicators/review_closed/index.html");
    assert!(closed.contains("<th scope=\"col\" class=\"num figs\">2021</th>"), "{closed}");
    // A year page shows the entities that reported on that year.
    let year = read(&out, "years/2022/index.html");
    assert!(year.contains(">甲区</a></th>") && !year.contains(">乙区</a></th>"), "{year}");
    assert!(read(&out, "years/2023/index.html").contains(">乙区</a></th>"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("basic"), &site);
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let before = snapshot(&out);

    let report = site.join("content/alpha/2022.md");
    let text = fs::read_to_string(&report).unwrap().replace("  review_closed: 218", "  review_clossed: 218");
    fs::write(&report, text).unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr
            .contains("content/alpha/2022.md:8:3: unknown indicator 'review_clossed' (did you mean 'review_closed'?)"),
        "{stderr}"
    );

    assert_eq!(before, snapshot(&out), "output changed after a failed build");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no staging folder left behind");
}

#[test]
fn usage_errors_exit_2_and_site_errors_exit_1() {
    assert_eq!(annalist(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(annalist(&[]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let o = annalist(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no site.yaml"));
}

#[test]
fn refuses_an_output_folder_it_did_not_create() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("docs");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("precious.txt"), "keep").unwrap();
    let o = build(&fixture("basic"), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(out.join("precious.txt")).unwrap(), "keep");
    assert_eq!(files(&out), vec!["precious.txt".to_string()]);
}

/// An editable copy of the basic fixture in `dir`, with these site templates (path under
/// `templates/`, text).
fn basic_with_templates(dir: &std::path::Path, templates: &[(&str, &str)]) -> std::path::PathBuf {
    let site = dir.join("site");
    copy_dir(&fixture("basic"), &site);
    for (rel, text) in templates {
        let path = site.join("templates").join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    site
}

#[test]
fn site_templates_override_the_built_in_theme() {
    let dir = tempfile::tempdir().unwrap();
    let site = basic_with_templates(
        dir.path(),
        &[
            ("404.html", "{% extends \"base.html\" %}{% block content %}OVERRIDDEN-404{% endblock content %}"),
            ("shortcodes/badge.html", "<em class=\"badge\">{{ text }}</em>"),
        ],
    );
    let about = site.join("content/pages/about.md");
    let mut text = fs::read_to_string(&about).unwrap();
    text.push_str("\n徽章:{{ badge(text=\"<新>\") }}\n");
    fs::write(&about, text).unwrap();
    let out = dir.path().join("out");
    build_ok(&site, &out);
    assert!(read(&out, "404.html").contains("OVERRIDDEN-404"));
    assert!(read(&out, "about/index.html").contains("<em class=\"badge\">&lt;新&gt;</em>"));
}

#[test]
fn a_site_template_can_lay_out_its_own_report_rows() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "{% for g in table %}{% for row in g.rows %}<tr id=\"r-{{ row.indicator.id }}\"><td>{{ row.value_html | safe }}</td>\
<td>{% if row.previous_html %}{{ row.previous_html | safe }}{% else %}NO-PREVIOUS{% endif %}</td>\
<td>{% if row.change_html %}{{ row.change_html | safe }}{% else %}NO-CHANGE{% endif %}</td>\
<td>{% if row.note %}NOTE:{{ row.note }}{% endif %}</td></tr>\n{% endfor %}{% endfor %}";
    let site = basic_with_templates(dir.path(), &[("report.html", rows)]);
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let row = |page: &str, id: &str| {
        let html = read(&out, page);
        let start =
            html.find(&format!("<tr id=\"r-{id}\">")).unwrap_or_else(|| panic!("no row {id} in {page}: {html}"));
        html[start..start + html[start..].find("</tr>").unwrap()].to_string()
    };
    // 2021 has no review_closed: no previous value and no change, never a zero.
    let gap = row("alpha/2022/index.html", "review_closed");
    assert!(gap.contains("<span class=\"num\">218</span>"), "{gap}");
    assert!(gap.contains("NO-PREVIOUS") && gap.contains("NO-CHANGE"), "{gap}");
    // Where last year has a value, both come, exact; and the author's note comes escaped.
    let later = row("alpha/2022/index.html", "correction_rate");
    assert!(
        later.contains("<span class=\"num\">21.08</span>") && later.contains("<span class=\"num\">18</span>"),
        "{later}"
    );
    assert!(!later.contains("NO-") && later.contains("class=\"delta "), "{later}");
    let noted = row("alpha/2022/index.html", "mediated");
    assert!(noted.contains("NOTE:原文“52072余件” &amp; &lt;i&gt;note&lt;/i&gt;"), "{noted}");
}

#[test]
fn a_site_template_can_lay_out_its_own_big_table_cells() {
    let dir = tempfile::tempdir().unwrap();
    let cells = "{% for c in row.cells %}<td data-year=\"{{ c.year }}\">{% if c.empty %}EMPTY{% else %}{{ c.html | safe }}{% endif %}</td>{% endfor %}</tr>\n";
    let year = format!("{{% for g in groups %}}{{% for row in g.rows %}}<tr id=\"y-{{{{ row.report.entity }}}}\">{cells}{{% endfor %}}{{% endfor %}}");
    let indicator = format!("{{% for row in rows %}}<tr id=\"i-{{{{ row.entity.id }}}}\">{cells}{{% endfor %}}");
    let entity = format!("{{% for g in yoy.groups %}}{{% for row in g.rows %}}<tr id=\"e-{{{{ row.indicator.id }}}}\">{cells}{{% endfor %}}{{% endfor %}}");
    let site = basic_with_templates(
        dir.path(),
        &[("year.html", &year), ("indicator.html", &indicator), ("entity.html", &entity)],
    );
    let out = dir.path().join("out");
    build_ok(&site, &out);
    let row = |page: &str, id: &str| {
        let html = read(&out, page);
        let start = html.find(&format!("<tr id=\"{id}\">")).unwrap_or_else(|| panic!("no row {id} in {page}: {html}"));
        html[start..start + html[start..].find("</tr>").unwrap()].to_string()
    };
    // A year's row: the report's cells, exact, with the change where last year has a value.
    let alpha_2022 = row("years/2022/index.html", "y-alpha");
    assert!(alpha_2022.contains("<span class=\"num\">21.08</span>"), "{alpha_2022}");
    assert!(
        alpha_2022.contains("<span class=\"num\">218</span>") && alpha_2022.contains("class=\"delta "),
        "{alpha_2022}"
    );
    // An indicator's row: every year, and a year without a value is empty, never a zero.
    let rate = row("indicators/correction_rate/index.html", "i-alpha");
    let fig = |year: &str, value: &str| {
        format!("<td data-year=\"{year}\"><span class=\"fig\"><span class=\"val\"><span class=\"num\">{value}</span>")
    };
    assert!(rate.contains(&fig("2021", "18")) && rate.contains(&fig("2022", "21.08")), "{rate}");
    let closed = row("indicators/review_closed/index.html", "i-alpha");
    assert!(closed.contains("<td data-year=\"2021\">EMPTY</td>"), "{closed}");
    assert!(closed.contains(&fig("2020", "70")), "{closed}");
    // An entity's year-over-year row.
    let own = row("alpha/index.html", "e-correction_rate");
    assert!(own.contains(&fig("2021", "18")) && own.contains(&fig("2022", "21.08")), "{own}");
}

#[test]
fn the_sample_site_builds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = build(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("built "), "{stdout}");
    // The done-when figures of the sample site.
    let wuqing = read(&out, "wuqing/2023/index.html");
    assert!(wuqing.contains("<span class=\"num\">21.08</span>"));
    let row = &wuqing[wuqing.find("政府信息公开申请</a>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.find(">1054<") < row.find(">1865<"), "old to new: {row}");
    assert!(
        row.contains("增长77%") && row.contains("<span class=\"num\">1054</span>") && row.contains("推算"),
        "{row}"
    );
    let yanqing = read(&out, "yanqing/index.html");
    assert!(yanqing.contains(
        "<th scope=\"col\" class=\"num figs\">2021</th><th scope=\"col\" class=\"num figs newest\">2022</th>"
    ));
}

/// An editable copy of the basic fixture with `lines` added to its site.yaml.
#[test]
fn long_year_and_indicator_pages_continue_on_numbered_pages() {
    let (dir, root) = basic_with_settings("paginate_by: 1\n");
    let out = dir.path().join("out");
    build_ok(&root, &out);
    // correction_rate is reported by alpha and beta: one organisation a page.
    let first = read(&out, "indicators/correction_rate/index.html");
    let second = read(&out, "indicators/correction_rate/page/2/index.html");
    assert!(!out.join("indicators/correction_rate/page/3").exists());
    assert!(first.contains("href=\"../../indicators/correction_rate/page/2/\""), "{first}");
    assert!(first.contains("rel=\"next\""), "{first}");
    assert!(second.contains("<span aria-current=\"page\">2</span>"), "{second}");
    // Each page lists its own organisation, and only it.
    let alpha_on = |html: &str| html.contains("alpha/\">");
    assert!(alpha_on(&first) != alpha_on(&second), "alpha on exactly one of the two pages");
    assert!(second.contains("第2–2个，共2个"), "{second}");
    // A year with one report fits on one page and shows no page links.
    let y2020 = read(&out, "years/2020/index.html");
    assert!(!y2020.contains("class=\"pagination\""));
    assert!(!out.join("years/2020/page").exists());
    // 年度报告 tags all four reports: four pages of one report each, every report on one of them.
    let tag_pages: Vec<String> = (1..=4)
        .map(|n| {
            if n == 1 {
                "tags/年度报告/index.html".to_string()
            } else {
                format!("tags/年度报告/page/{n}/index.html")
            }
        })
        .map(|f| read(&out, &f))
        .collect();
    assert!(!out.join("tags/年度报告/page/5").exists());
    for report in ["alpha/2020/", "alpha/2021/", "alpha/2022/", "beta/2023/"] {
        let on = tag_pages.iter().filter(|h| h.contains(&format!("{report}\">"))).count();
        assert_eq!(on, 1, "{report} is listed on exactly one tag page");
    }
    assert!(tag_pages[3].contains("rel=\"prev\"") && !tag_pages[3].contains("rel=\"next\""));
}

#[test]
fn paginate_by_zero_is_an_error_with_its_place() {
    let (dir, root) = basic_with_settings("paginate_by: 0\n");
    let o = build(&root, &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("site.yaml:7:") && err.contains("paginate_by must be at least 1"), "{err}");
}
