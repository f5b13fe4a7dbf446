//! `annalist init --catalogue fazhi`: a site that starts with the indicators 法治政府建设年度报告
//! state, builds and checks clean at once, holds a catalogue whose every entry is complete and
//! unambiguous, and lets `annalist import` find a report's figures by the wordings reports use.

mod common;

use common::*;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The groups the starter catalogue is organised in, in this order.
const GROUPS: [&str; 9] = [
    "行政复议",
    "行政应诉",
    "规范性文件审核备案",
    "重大行政决策",
    "政务公开",
    "行政执法",
    "学法用法",
    "普法",
    "政务服务",
];

fn init(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    annalist(&args)
}

/// A new site made with the 法治政府 catalogue.
fn fazhi_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = init(&site, &["--catalogue", "fazhi"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, site)
}

/// The site's catalogue as (id, entry) in file order.
fn catalogue(site: &Path) -> Vec<(String, Mapping)> {
    let text = fs::read_to_string(site.join("content/indicators.yaml")).unwrap();
    let doc: Mapping = serde_yaml::from_str(&text).unwrap();
    doc.into_iter()
        .map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_mapping().expect("an entry is a map").clone()))
        .collect()
}

fn text<'a>(entry: &'a Mapping, key: &str, id: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{id}: '{key}' missing or not text"))
}

fn aliases(entry: &Mapping, id: &str) -> Vec<String> {
    let list = entry.get("aliases").unwrap_or_else(|| panic!("{id}: 'aliases' missing"));
    let list = list.as_sequence().unwrap_or_else(|| panic!("{id}: aliases is a list"));
    list.iter().map(|a| a.as_str().unwrap_or_else(|| panic!("{id}: an alias is text")).to_string()).collect()
}

#[test]
fn a_fazhi_site_builds_and_checks_without_warnings() {
    let (_dir, site) = fazhi_site();
    let o = annalist(&["check", "--root", site.to_str().unwrap()]);
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{said}");
    assert!(!said.contains("warning"), "{said}");
    let out = site.join("output");
    let o = build_ok(&site, &out);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("warning"), "{}", String::from_utf8_lossy(&o.stdout));
    let report = read(&out, "example/2024/index.html");
    assert!(report.contains(r#"<span class="num">126</span>"#), "the example's figure is shown");
    // The cell sets 万 in its own slot after the digits, so the text read without tags is the
    // written form.
    let text = text_of(&report);
    assert!(text.contains("1.0851万"), "large_numbers: chinese writes 10851 in 万 exactly");
    assert!(report.contains("行政机关负责人出庭应诉率"), "the catalogue's label names the row");
    let indicators = read(&out, "indicators/index.html");
    for group in GROUPS {
        assert!(indicators.contains(group), "the catalogue page shows group {group}");
    }
}

#[test]
fn the_chinese_name_of_the_catalogue_is_accepted_and_the_default_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let by_name = dir.path().join("by-name");
    assert!(init(&by_name, &["--catalogue", "法治政府"]).status.success());
    let fazhi = fs::read_to_string(by_name.join("content/indicators.yaml")).unwrap();
    assert!(fazhi.contains("admin_litigation_loss_rate:"));
    let plain = dir.path().join("plain");
    assert!(init(&plain, &[]).status.success());
    let basic = fs::read_to_string(plain.join("content/indicators.yaml")).unwrap();
    assert_eq!(catalogue(&plain).len(), 6, "without the option the six-indicator starter is written");
    assert!(basic.contains("law_training_spend:") && !basic.contains("admin_litigation_loss_rate:"));
    let named = dir.path().join("named");
    assert!(init(&named, &["--catalogue", "basic"]).status.success());
    assert_eq!(fs::read_to_string(named.join("content/indicators.yaml")).unwrap(), basic);
}

#[test]
fn an_unknown_catalogue_is_wrong_usage_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = init(&site, &["--catalogue", "fazi"]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("fazhi"), "the choices are named");
    assert!(!site.exists());
}

#[test]
fn every_entry_is_complete_and_valid() {
    let (_dir, site) = fazhi_site();
    let entries = catalogue(&site);
    assert!((30..=50).contains(&entries.len()), "{} indicators", entries.len());
    let mut groups_seen = Vec::new();
    for (id, entry) in &entries {
        assert!(
            id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && id.starts_with(|c: char| c.is_ascii_lowercase()),
            "{id}: ids are ASCII snake_case"
        );
        for key in ["label", "label_en", "unit", "description"] {
            assert!(!text(entry, key, id).trim().is_empty(), "{id}: {key} is empty");
        }
        assert!(text(entry, "label_en", id).is_ascii(), "{id}: label_en is English");
        let kind = text(entry, "kind", id);
        assert!(["count", "rate", "amount", "score"].contains(&kind), "{id}: kind {kind}");
        let better = text(entry, "better", id);
        assert!(["higher", "lower", "neutral"].contains(&better), "{id}: better {better}");
        assert_eq!(kind == "rate", text(entry, "unit", id) == "%", "{id}: a rate, and only a rate, is in %");
        let group = text(entry, "group", id);
        assert!(GROUPS.contains(&group), "{id}: group {group} is not one of the nine");
        if groups_seen.last() != Some(&group) {
            assert!(!groups_seen.contains(&group), "{id}: the entries of group {group} are together");
            groups_seen.push(group);
        }
        aliases(entry, id);
    }
    assert_eq!(groups_seen, GROUPS, "every group has indicators, in the listed order");
}

#[test]
fn counts_of_cases_are_neutral_and_losses_are_lower() {
    let (_dir, site) = fazhi_site();
    let better: HashMap<String, String> =
        catalogue(&site).into_iter().map(|(id, e)| (id.clone(), text(&e, "better", &id).to_string())).collect();
    for id in ["admin_review_received", "admin_review_closed", "admin_litigation_first_instance", "gov_info_requests"] {
        assert_eq!(better[id], "neutral", "{id}: more cases are neither better nor worse");
    }
    assert_eq!(better["admin_litigation_loss_rate"], "lower");
    assert_eq!(better["head_court_appearance_rate"], "higher");
}

#[test]
fn no_wording_names_two_indicators() {
    let (_dir, site) = fazhi_site();
    let entries = catalogue(&site);
    let mut labels: HashMap<String, String> = HashMap::new();
    for (id, entry) in &entries {
        let label = text(entry, "label", id).to_string();
        if let Some(other) = labels.insert(label.clone(), id.clone()) {
            panic!("{id}: label {label} is also {other}'s");
        }
    }
    let mut alias_owner: HashMap<String, String> = HashMap::new();
    for (id, entry) in &entries {
        for alias in aliases(entry, id) {
            if let Some(other) = labels.get(&alias) {
                panic!("{id}: alias {alias} is the label of {other}");
            }
            if let Some(other) = alias_owner.insert(alias.clone(), id.clone()) {
                panic!("alias {alias} is given by both {other} and {id}");
            }
        }
    }
}

#[test]
fn chinese_wordings_use_full_width_punctuation() {
    let (_dir, site) = fazhi_site();
    let half_width = [',', ';', ':', '(', ')', '!', '?'];
    for (id, entry) in catalogue(&site) {
        let mut words = aliases(&entry, &id);
        words.push(text(&entry, "label", &id).to_string());
        words.push(text(&entry, "description", &id).to_string());
        for w in words {
            assert!(!w.contains(half_width), "{id}: half-width punctuation in {w}");
        }
    }
}

#[test]
fn import_finds_a_reports_figures_by_the_catalogues_wordings() {
    let (_dir, site) = fazhi_site();
    let doc = fixture("import/text/fazhi_report.txt");
    let o = annalist(&[
        "import",
        "--root",
        site.to_str().unwrap(),
        "--entity",
        "shifan",
        "--stdout",
        doc.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8_lossy(&o.stdout);
    let front = printed.strip_prefix("---\n").and_then(|t| t.split("\n---\n").next()).expect("front matter");
    let draft: Mapping = serde_yaml::from_str(front).unwrap();
    assert_eq!(draft.get("draft"), Some(&Value::Bool(true)));
    assert_eq!(draft.get("year").and_then(Value::as_i64), Some(2023));
    let figures = draft.get("indicators").and_then(Value::as_mapping).expect("indicators");
    let value = |id: &str| -> String {
        let v = figures.get(id).unwrap_or_else(|| panic!("{id} not found in:\n{front}"));
        let v = v.as_mapping().and_then(|m| m.get("value")).unwrap_or(v);
        match v {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            other => panic!("{id}: {other:?}"),
        }
    };
    let expected = [
        // Each by a wording other than its label.
        ("admin_review_received", "58"), // 新收行政复议案件
        ("admin_review_accepted", "52"), // 受理行政复议申请
        ("admin_review_closed", "49"),   // 审结行政复议案件
        ("admin_review_corrected", "7"), // 纠错7件
        ("admin_review_correction_rate", "14.3%"),
        ("admin_litigation_first_instance", "41"), // 新收一审行政案件
        ("admin_litigation_concluded", "38"),      // 行政应诉案件审结
        ("admin_litigation_lost", "2"),            // 败诉2件
        ("head_court_appearance_rate", "100%"),
        ("normative_docs_issued", "4"), // 出台规范性文件
        ("normative_docs_filed", "4"),
        ("normative_docs_abolished", "17"),
        ("legality_reviews", "215"), // 审查各类涉法事项
        ("gov_info_published", "8320"),
        ("gov_info_requests", "96"),          // 新接收政府信息公开申请
        ("gov_info_requests_answered", "94"), // 法定期限内予以答复
        ("exec_meeting_law_study", "11"),     // 常务会会前集中学法
        ("leadership_law_training", "2"),     // 领导干部依法行政专题培训研讨班
        ("law_exam_participation_rate", "100%"),
        ("law_exam_pass_rate", "100%"),
        ("law_popularization_events", "420余"),     // 社会面普法
        ("law_popularization_audience", "3.6万余"), // 受教育群众
        ("legal_consultations", "1800余"),          // 现场解答法律咨询
        ("legal_materials", "2.1万"),               // 宣传资料
        ("online_service_rate", "99.2%"),
        ("on_time_completion_rate", "100%"),
        ("good_review_rate", "99.98%"),
        ("certificates_cleared", "36"), // 取消各类证明
    ];
    for (id, v) in expected {
        assert_eq!(value(id), v, "{id}");
    }
    let change = figures.get("gov_info_requests").and_then(Value::as_mapping).and_then(|m| m.get("change"));
    assert_eq!(change.and_then(Value::as_str), Some("同比增长20%"), "the stated change, as written");
    assert_eq!(figures.len(), expected.len(), "no other figure is taken:\n{front}");
}
