//! The interface language: every interface string comes from the theme's translation files,
//! and large figures are written in 万/亿 only where the catalogue and the language ask for it,
//! without ever changing a digit.

mod common;

use common::{basic_with_settings, build_ok, read};
use std::fs;
use std::path::{Path, PathBuf};

const THEME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default");
const LANGUAGES: [&str; 2] = ["zh-CN", "en"];

fn strings(lang: &str) -> annalist::theme::Strings {
    let path = PathBuf::from(THEME).join(format!("i18n/{lang}.yaml"));
    let text = fs::read_to_string(&path).unwrap();
    annalist::theme::parse_strings(&text, &path).unwrap_or_else(|e| panic!("{lang}: {e}")).0
}

fn templates() -> Vec<(String, String)> {
    let dir = PathBuf::from(THEME).join("templates");
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| (e.path().strip_prefix(&dir).unwrap().display().to_string(), fs::read_to_string(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The basic fixture with `mediated` written in 万 (and a value the year before), in `language`.
fn mediated_site(language: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = basic_with_settings("");
    edit(&root, "site.yaml", "language: zh-CN", &format!("language: {language}"));
    edit(
        &root,
        "content/indicators.yaml",
        "  label_en: Disputes mediated\n",
        "  label_en: Disputes mediated\n  large_numbers: chinese\n",
    );
    edit(&root, "content/alpha/2021.md", "  new_items: 4\n", "  new_items: 4\n  mediated: 72072\n");
    edit(&root, "content/alpha/2022.md", "调解纠纷52072余件。", "调解纠纷{{ value(id=\"mediated\") }}。");
    (dir, root)
}

#[test]
fn large_numbers_in_wan_for_chinese_plain_for_english_raw_in_data() {
    let (_d, root) = mediated_site("zh-CN");
    let out = root.join("output");
    build_ok(&root, &out);
    let report = read(&out, "alpha/2022/index.html");
    // The value, its approx mark, the exact value kept beside it, 万 in the slot after the
    // digits and the unit in the row's heading; the change in 万 too.
    assert!(
        report.contains("<span class=\"num\" data-value=\"52072\" title=\"52072\">5.2072</span><span class=\"sfx\">万"),
        "{report}"
    );
    assert!(report.contains("class=\"flag approx\""));
    assert!(report.contains("data-value=\"\u{2212}20000\" title=\"\u{2212}20000\">\u{2212}2万</span>"), "{report}");
    assert!(report.contains("data-value=\"72072\" title=\"72072\">7.2072</span><span class=\"sfx\">万"));
    // The shortcode in the text, the entity's table, the year and indicator pages.
    assert!(report.contains("<span class=\"sc-value\""));
    assert_eq!(report.matches(">5.2072万<").count(), 1, "the shortcode, as written in running text");
    assert_eq!(report.matches(">5.2072</span><span class=\"sfx\">万").count(), 1, "the table");
    for page in ["alpha/index.html", "years/2022/index.html", "indicators/mediated/index.html"] {
        assert!(read(&out, page).contains(">5.2072</span><span class=\"sfx\">万"), "{page}");
    }
    // Below 10,000 and other indicators stay as written.
    assert!(report.contains("<span class=\"num\">218</span>"));
    assert!(report.contains("<span class=\"num\">15495.50</span><span class=\"sfx\"></span>"), "{report}");
    // Data files carry the raw value.
    let csv = read(&out, "data/indicators.csv");
    assert!(csv.contains(",52072,件,") && !csv.contains("5.2072"), "{csv}");
    let json = read(&out, "data/indicators.json");
    assert!(json.contains("52072") && !json.contains("万件") && !json.contains("5.2072"));

    let (_d, root) = mediated_site("en");
    let out = root.join("output");
    build_ok(&root, &out);
    let report = read(&out, "alpha/2022/index.html");
    assert!(report.contains("<span class=\"num\">52072</span><span class=\"unit\">件</span>"), "{report}");
    assert!(report.contains("\u{2212}20000件"), "{report}");
    assert!(!report.contains("5.2072"));
}

#[test]
fn a_catalogue_cannot_ask_for_wan_on_a_unit_in_wan() {
    let (_d, root) = basic_with_settings("");
    edit(
        &root,
        "content/indicators.yaml",
        "  label_en: Relief funds\n",
        "  label_en: Relief funds\n  large_numbers: chinese\n",
    );
    let o = common::build(&root, &root.join("output"), &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("content/indicators.yaml:") && err.contains("already counts in 万"), "{err}");
    edit(&root, "content/indicators.yaml", "large_numbers: chinese", "large_numbers: wan");
    let err = String::from_utf8_lossy(&common::build(&root, &root.join("output"), &[]).stderr).into_owned();
    assert!(err.contains("large_numbers") && err.contains("chinese"), "{err}");
}

#[test]
fn translation_files_have_the_same_keys_and_no_empty_value() {
    let (zh, en) = (strings("zh-CN"), strings("en"));
    let missing = |a: &annalist::theme::Strings, b: &annalist::theme::Strings| {
        a.keys().filter(|k| !b.contains_key(*k)).cloned().collect::<Vec<_>>()
    };
    assert_eq!(missing(&zh, &en), Vec::<String>::new(), "in zh-CN.yaml, not in en.yaml");
    assert_eq!(missing(&en, &zh), Vec::<String>::new(), "in en.yaml, not in zh-CN.yaml");
    for (lang, t) in [("zh-CN", &zh), ("en", &en)] {
        for (k, v) in t {
            assert!(!v.trim().is_empty(), "{lang}.yaml: '{k}' is empty");
        }
    }
    assert_eq!((zh["large_numbers"].as_str(), en["large_numbers"].as_str()), ("chinese", "plain"));
}

#[test]
fn every_string_the_theme_uses_exists_in_both_languages() {
    let mut used: Vec<String> = Vec::new();
    for (_, text) in templates() {
        let mut rest = text.as_str();
        while let Some(i) = rest.find("t.") {
            let before = rest[..i].chars().last();
            rest = &rest[i + 2..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let key: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            used.push(key);
        }
    }
    // Keys the Rust side writes into pages, and those templates index as t[…].
    used.extend(annalist::theme::UiStrings::KEYS.iter().map(|k| k.to_string()));
    used.push("large_numbers".into());
    used.extend(annalist::model::Kind::NAMES.iter().map(|k| format!("kind_{k}")));
    used.extend(annalist::model::Better::NAMES.iter().map(|k| format!("better_{k}")));
    assert!(used.iter().any(|k| k == "pagination"));
    for lang in LANGUAGES {
        let t = strings(lang);
        let missing: Vec<&String> = used.iter().filter(|k| !t.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.yaml lacks {missing:?}");
        assert_eq!(t["months"].split(',').count(), 12, "{lang}: twelve months");
    }
}

/// Removes `{# … #}`, `{% … %}` and `{{ … }}`, leaving `\u{1}` where an expression printed.
fn strip_tera(text: &str, literals: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let close = match rest.get(i + 1..i + 2) {
            Some("#") => "#}",
            Some("%") => "%}",
            Some("{") => "}}",
            _ => {
                out.push('{');
                rest = &rest[i + 1..];
                continue;
            }
        };
        let end = rest[i..].find(close).expect("tag closed") + i + 2;
        let code = &rest[i..end];
        if close == "}}" {
            out.push('\u{1}');
        }
        if close != "#}" {
            literals.extend(code.split('"').skip(1).step_by(2).map(str::to_string));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

const HUMAN_ATTRIBUTES: [&str; 6] = ["title", "alt", "placeholder", "aria-label", "aria-description", "label"];

/// Text nodes and human-facing attribute values of an HTML text (scripts and styles skipped).
fn human_text(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push(rest[..i].to_string());
        let end = rest[i..].find('>').map_or(rest.len(), |e| e + i + 1);
        let tag = &rest[i..end];
        for name in HUMAN_ATTRIBUTES {
            for (j, _) in tag.match_indices(&format!(" {name}=\"")) {
                let value = &tag[j + name.len() + 3..];
                out.push(value[..value.find('"').unwrap_or(value.len())].to_string());
            }
        }
        rest = &rest[end..];
        for raw in ["<script", "<style"] {
            if tag.starts_with(raw) {
                let close = format!("</{}", &raw[1..]);
                rest = &rest[rest.find(&close).unwrap_or(rest.len())..];
            }
        }
    }
    out.push(rest.to_string());
    out
}

#[test]
fn templates_hold_no_human_language_text() {
    for (name, text) in templates() {
        // Blocks that fill a class or a type, not text a person reads.
        let mut text = text;
        for block in ["body_class", "og_type"] {
            while let Some(start) = text.find(&format!("{{% block {block} %}}")) {
                let end = text[start..].find("{% endblock").map(|e| e + start).unwrap();
                text.replace_range(start..end, "");
                text = text.replacen(&format!("{{% endblock {block} %}}"), "", 1);
            }
        }
        let mut literals = Vec::new();
        let html = strip_tera(&text, &mut literals);
        for piece in human_text(&html) {
            let piece = piece.replace('\u{1}', "");
            let words: String = piece.split('&').map(|p| p.split_once(';').map_or(p, |(_, r)| r)).collect();
            assert!(!words.chars().any(|c| c.is_alphabetic() || is_cjk(c)), "{name}: hard-coded text {piece:?}");
        }
        for lit in literals {
            assert!(!lit.chars().any(is_cjk), "{name}: hard-coded text {lit:?} in a template expression");
        }
    }
}

const EN_CATALOGUE: &str = "cases:\n  label: Cases closed\n  unit: cases\n  kind: count\n  better: neutral\n  group: Review\n\
mediated:\n  label: Disputes mediated\n  unit: disputes\n  kind: count\n  better: neutral\n  group: Review\n  large_numbers: chinese\n\
rate:\n  label: Correction rate\n  unit: \"%\"\n  kind: rate\n  better: lower\n  group: Review\n\
pm:\n  label: Fine dust\n  unit: ug\n  kind: amount\n  better: lower\n  group: Air\n";

const ZH_CATALOGUE: &str = "cases:\n  label: 办结案件\n  unit: 件\n  kind: count\n  better: neutral\n  group: 复议\n\
mediated:\n  label: 调解纠纷\n  unit: 件\n  kind: count\n  better: neutral\n  group: 复议\n  large_numbers: chinese\n\
rate:\n  label: 纠错率\n  unit: \"%\"\n  kind: rate\n  better: lower\n  group: 复议\n\
pm:\n  label: 细颗粒物\n  unit: 微克\n  kind: amount\n  better: lower\n  group: 空气\n";

/// A small site whose own text is all in one language (`words` gives its names), so that any
/// word of the other language on its pages can only come from the theme.
fn one_language_site(language: &str, catalogue: &str, words: [&str; 6]) -> (tempfile::TempDir, PathBuf) {
    let [title, org_a, org_b, tag, body, page] = words;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let w = |rel: &str, text: String| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    w("site.yaml", format!("title: {title}\nbase_url: https://example.org/\nlanguage: {language}\ndescription: {title}\npaginate_by: 1\nsearch: false\n"));
    w("content/indicators.yaml", catalogue.to_string());
    w("content/_index.md", format!("---\ntitle: {title}\n---\n{body}\n"));
    w("content/pages/about.md", format!("---\ntitle: {page}\n---\n## {page}\n\n{body}\n"));
    for (id, name) in [("a", org_a), ("b", org_b)] {
        w(&format!("content/{id}/_index.md"), format!("---\nname: {name}\n---\n{body}\n"));
        let figures = [
            "  cases: { value: 85, change: \"+7\" }\n  rate: 18\n  mediated: 72072\n  pm: { value: 30, bound: below }\n",
            "  cases: { value: 92, approx: true }\n  rate: 21.08\n  mediated: { value: 52072, approx: true, cumulative: true }\n",
        ];
        for (year, fig) in [(2022, figures[0]), (2023, figures[1])] {
            w(
                &format!("content/{id}/{year}.md"),
                format!("---\ntitle: {name} {year}\nyear: {year}\npublished: {}-03-29\ntags: [{tag}]\nindicators:\n{fig}---\n## {body}\n\n{body} 85 92 18 21.08 72072 52072 30 {{{{ value(id=\"mediated\") }}}}\n\n{{{{ yoy_table() }}}}\n", year + 1),
            );
        }
    }
    (dir, root)
}

fn html_pages(out: &Path) -> Vec<(String, String)> {
    common::files(out).into_iter().filter(|f| f.ends_with(".html")).map(|f| (f.clone(), read(out, &f))).collect()
}

#[test]
fn an_english_site_shows_no_chinese_from_the_theme() {
    let words = ["Annual reports", "North district", "South district", "Review", "The report text", "About"];
    let (_d, root) = one_language_site("en", EN_CATALOGUE, words);
    let out = root.join("output");
    build_ok(&root, &out);
    let pages = html_pages(&out);
    assert!(pages.len() > 15);
    for (name, html) in &pages {
        let cjk: String = html.chars().filter(|c| is_cjk(*c)).collect();
        assert!(cjk.is_empty(), "{name}: {cjk:?}");
    }
    let report = read(&out, "a/2023/index.html");
    assert!(report.contains("<time datetime=\"2024-03-29\">29 March 2024</time>"), "{report}");
    assert!(report.contains("52072</span><span class=\"unit\">disputes</span>"));
    assert!(read(&out, "years/2023/index.html").contains("aria-label=\"Pages\""), "a pager");
}

#[test]
fn a_chinese_site_shows_no_english_from_the_theme() {
    let words = ["年度报告", "北区", "南区", "复议", "报告正文", "关于"];
    let (_d, root) = one_language_site("zh-CN", ZH_CATALOGUE, words);
    let out = root.join("output");
    build_ok(&root, &out);
    // Names that stay as they are in Chinese text: the tool, the data formats.
    let allowed = ["annalist", "CSV", "JSON"];
    for (name, html) in html_pages(&out) {
        for piece in human_text(&html) {
            let mut piece = piece;
            for a in allowed {
                piece = piece.replace(a, "");
            }
            let words: String = piece.split('&').map(|p| p.split_once(';').map_or(p, |(_, r)| r)).collect();
            assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{name}: {piece:?}");
        }
    }
    let report = read(&out, "a/2023/index.html");
    assert!(report.contains("<time datetime=\"2024-03-29\">2024年3月29日</time>"), "{report}");
    assert!(report.contains(">5.2072万</span><span class=\"unit\">件</span>"));
    assert!(read(&out, "years/2023/index.html").contains("aria-label=\"分页\""), "a pager");
}

#[test]
fn the_template_scan_finds_hard_coded_text() {
    let mut literals = Vec::new();
    let html =
        strip_tera("<p title=\"{{ t.a }}\">{{ t.b }} · 12</p>{# note #}<a aria-label=\"Next\">→</a>", &mut literals);
    let found: Vec<String> = human_text(&html).into_iter().filter(|p| p.chars().any(char::is_alphabetic)).collect();
    assert_eq!(found, ["Next"]);
    strip_tera("{{ x | default(value=\"无数据\") }}", &mut literals);
    assert!(literals.iter().any(|l| l.chars().any(is_cjk)));
}
