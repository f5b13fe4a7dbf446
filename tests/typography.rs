//! The Chinese-typography check: half-width , ; : ( ) ! ? next to Chinese characters in content
//! are warnings at their exact line and column, with the full-width mark to write; code, web
//! addresses, numbers, Latin text and the syntax of Markdown and YAML are left alone.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), dir.path());
    dir
}

/// The typography warnings `annalist check` prints about `file`, as "line:col mark".
fn found(root: &Path, file: &str) -> Vec<String> {
    let o = annalist(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{stderr}");
    let prefix = format!("warning: {file}:");
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter(|l| l.contains("next to Chinese text"))
        .map(|l| {
            let mut parts = l.splitn(3, ':');
            let (line, col) = (parts.next().unwrap(), parts.next().unwrap());
            let mark = l.split('\'').nth(1).unwrap_or("");
            format!("{line}:{col} {mark}")
        })
        .collect()
}

const REPORT: &str = "---
title: 乙区2023年度报告(征求意见稿)
year: 2023
tags: [年度报告, 法治政府]
indicators:
  info_requests: { value: 1865, note: \"注:原文如此\" }
  review_closed: { value: 218, note: 见附件, change: \"+3\" }
---
## 一、概述

新接收申请1865件,办结218件;其中(见**附件**)。是吗?

See the Annual Report (2024) 年度报告 and 1,500 items at 10:00, ratio 1:1.

`例如:代码` and [链接](https://example.org/a,b:c) and https://example.org/x,y 。

```
注:代码块
```

| 项目 | 数值 |
|---|---|
| 办结 | 218 |
";

#[test]
fn marks_next_to_chinese_are_warned_at_their_place_with_the_fix() {
    let dir = site();
    fs::write(dir.path().join("content/beta/2023.md"), REPORT).unwrap();
    let got = found(dir.path(), "content/beta/2023.md");
    let want = ["2:18 (", "2:24 )", "6:41 :", "11:11 ,", "11:18 ;", "11:21 (", "11:29 )", "11:33 ?"];
    assert_eq!(got, want);
    let o = annalist(&["check", "--root", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("help: use '：' (full-width) in Chinese text"), "{stderr}");
    assert!(stderr.contains("half-width ',' next to Chinese text: \"865件,办结21\""), "{stderr}");
    let o = annalist(&["check", "--deny-warnings", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn names_labels_descriptions_and_site_settings_are_checked() {
    let dir = site();
    replace(dir.path(), "content/alpha/_index.md", "short_name: 甲区", "short_name: 甲区(试点)");
    replace(
        dir.path(),
        "content/indicators.yaml",
        "  label: 办结行政复议案件\n",
        "  label: 办结行政复议案件\n  description: 包括:终止\n",
    );
    replace(dir.path(), "site.yaml", "description: 用于集成测试的站点", "description: 用于集成测试的站点,仅此而已");
    assert_eq!(found(dir.path(), "content/alpha/_index.md"), ["3:15 (", "3:18 )"]);
    assert_eq!(found(dir.path(), "content/indicators.yaml"), ["3:18 :"]);
    assert_eq!(found(dir.path(), "site.yaml"), ["4:23 ,"]);
}

#[test]
fn the_build_shows_them_too() {
    let dir = site();
    fs::write(dir.path().join("content/beta/2023.md"), REPORT).unwrap();
    let out = dir.path().join("output");
    let o = build_ok(dir.path(), &out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("warning: content/beta/2023.md:11:11: half-width ','"), "{stderr}");
}

#[test]
fn clean_text_gives_none_and_a_flood_is_counted() {
    let dir = site();
    let clean = REPORT
        .replace("(征求意见稿)", "（征求意见稿）")
        .replace("注:原文", "注：原文")
        .replace("件,办结218件;其中(见**附件**)。是吗?", "件，办结218件；其中（见**附件**）。是吗？");
    fs::write(dir.path().join("content/beta/2023.md"), &clean).unwrap();
    assert_eq!(found(dir.path(), "content/beta/2023.md"), Vec::<String>::new());
    let flood = format!("{clean}\n{}\n", "甲,乙".repeat(30));
    fs::write(dir.path().join("content/beta/2023.md"), flood).unwrap();
    let o = annalist(&["check", "--root", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let ours = stderr.lines().filter(|l| l.starts_with("warning: content/beta/2023.md:") && l.contains("Chinese text"));
    let lines: Vec<&str> = ours.collect();
    assert_eq!(lines.len(), 11, "{stderr}");
    assert!(lines[10].ends_with("20 more half-width marks next to Chinese text from here on"), "{stderr}");
}
