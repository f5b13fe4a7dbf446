//! Hostile and ambiguous input: YAML nested without end, keys given twice, invisible line
//! breaks, figures at the edge of what a decimal holds. Each is an error at the place an
//! editor shows, or a build that finishes; never a crash, never a value silently changed.
//! (Defects that fit one file laid over the basic fixture are in tests/broken/ instead.)

mod common;

use common::*;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

/// An editable copy of the basic fixture: the folder (keep it alive) and the site's root.
fn basic() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    (dir, root)
}

fn check(root: &Path) -> Output {
    annalist(&["check", "--root", root.to_str().unwrap()])
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A `deep:` key nested 10,000 levels in one of the three ways YAML nests, on one line after
/// the key's own; and the column of that line where the nesting passes the limit, when the
/// check itself stops there (the YAML scanner stops a run of `[` at its own limit, 256).
fn deep(form: &str) -> (String, Option<usize>) {
    match form {
        "block" => (format!("deep:\n  {}x\n", "- ".repeat(10_000)), Some(3 + 2 * 63)),
        "flow" => (format!("deep:\n  {}{}\n", "[".repeat(10_000), "]".repeat(10_000)), None),
        _ => (format!("deep:\n  {}x{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)), None),
    }
}

#[test]
fn yaml_nested_ten_thousand_levels_deep_is_an_error_at_its_place_in_every_file() {
    // (file, text before the deep key, the line the deep key's value is on)
    let files = [
        ("content/alpha/2021.md", "---\n", 3),
        ("content/alpha/_index.md", "---\n", 3),
        ("content/indicators.yaml", "", 2),
        ("site.yaml", "", 2),
    ];
    for (file, before, line) in files {
        for form in ["block", "flow", "map"] {
            let (_dir, root) = basic();
            let (yaml, col) = deep(form);
            let text = fs::read_to_string(root.join(file)).unwrap();
            let rest = text.strip_prefix(before).unwrap();
            fs::write(root.join(file), format!("{before}{yaml}{rest}")).unwrap();
            let o = check(&root);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{file} {form}: {err}");
            let first = err.lines().next().unwrap_or_default();
            let place = match col {
                Some(col) => format!("error: {file}:{line}:{col}: "),
                None => format!("error: {file}:{line}:"),
            };
            assert!(first.starts_with(&place), "{file} {form}: {first}");
            assert!(first.contains("the YAML nests deeper than 64 levels here"), "{file} {form}: {first}");
        }
    }
}

#[test]
fn line_separators_are_refused_at_the_line_and_column_an_editor_shows() {
    for c in ['\u{2028}', '\u{2029}', '\u{85}'] {
        for (title, col) in
            [(format!("甲{c}区"), 9), (format!("\"甲{c}区\""), 10), (format!("甲区 # 注{c}draft: true"), 14)]
        {
            let (_dir, root) = basic();
            replace(
                &root,
                "content/alpha/2021.md",
                "title: 甲区2021年法治政府建设年度报告",
                &format!("title: {title}"),
            );
            let o = check(&root);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{title:?}: {err}");
            let want = format!("error: content/alpha/2021.md:2:{col}: an invisible ");
            assert!(err.starts_with(&want), "{title:?}: {err}");
            assert!(err.contains(&format!("(U+{:04X})", u32::from(c))), "{err}");
        }
    }
    // In site.yaml and the catalogue too.
    let (_dir, root) = basic();
    replace(&root, "content/indicators.yaml", "label: 新增事项", "label: 新增\u{2028}事项");
    let err = stderr(&check(&root));
    assert!(err.contains("content/indicators.yaml:58:12: an invisible line separator"), "{err}");
}

#[test]
fn a_28_digit_figure_with_a_stated_relative_change_is_built_not_a_crash() {
    let (dir, root) = basic();
    let huge = "9999999999999999999999999999";
    // alpha 2021 gives 4 new items; 2022 states +77% on top of a 28-digit figure.
    replace(
        &root,
        "content/alpha/2022.md",
        "  new_items: 4\n",
        &format!("  new_items: {{ value: {huge}, change: \"+77%\" }}\n"),
    );
    let out = dir.path().join("out");
    let o = build(&root, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("content/alpha/2022.md:11:23: 'new_items' states a change of +77% but the 2021 report gives +9999999999999999999999999995"),
        "{err}"
    );
    assert!(read(&out, "alpha/2022/index.html").contains(&format!("<span class=\"num\">{huge}</span>")));
    // Without a previous report the change derives nothing it cannot hold: beta 2023 is first.
    replace(
        &root,
        "content/beta/2023.md",
        "  review_closed: 218\n",
        &format!("  review_closed: {{ value: {huge}, change: \"-99.99%\" }}\n"),
    );
    let o = build(&root, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_28_digit_figure_in_a_ratio_check_is_checked_not_a_crash() {
    let (dir, root) = basic();
    replace(
        &root,
        "content/indicators.yaml",
        "  better: lower\n  group: 行政复议\n",
        "  better: lower\n  group: 行政复议\n  ratio: { numerator: new_items, denominator: review_closed }\n",
    );
    // alpha 2022 gives all three: 21.08% of 218 review cases, and now a 28-digit numerator.
    let huge = "9999999999999999999999999999";
    replace(&root, "content/alpha/2022.md", "  new_items: 4\n", &format!("  new_items: {huge}\n"));
    let out = dir.path().join("out");
    let o = build(&root, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("'correction_rate' is 21.08% but new_items / review_closed gives 4587155963302752293577981650.9%"),
        "{err}"
    );
    // A denominator of 1: the percentage itself is too large to hold; nothing to compare.
    replace(&root, "content/alpha/2022.md", "  review_closed: 218\n", "  review_closed: 1\n");
    let o = build(&root, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Fetches `path` from the preview on `port` (status and body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

#[test]
fn the_preview_survives_saves_of_deep_yaml_and_28_digit_figures() {
    let (_dir, root) = basic();
    let (mut child, url) = spawn_serve(&root, &["--port", "0"]);
    let port = port_of(&url);
    let wait_for = |what: &str, ok: &dyn Fn(&str) -> bool| {
        let start = Instant::now();
        loop {
            let (status, body) = get(port, "/alpha/2022/");
            if status == 200 && ok(&body) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "never showed {what}:\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let report = root.join("content/alpha/2022.md");
    let good = fs::read_to_string(&report).unwrap();
    for (file, before) in [("content/alpha/2022.md", "---\n"), ("content/indicators.yaml", "")] {
        let text = fs::read_to_string(root.join(file)).unwrap();
        let rest = text.strip_prefix(before).unwrap();
        fs::write(root.join(file), format!("{before}{}{rest}", deep("block").0)).unwrap();
        wait_for("the nesting error", &|b| b.contains("nests deeper than 64 levels"));
        fs::write(root.join(file), text).unwrap();
        wait_for("the page again", &|b| !b.contains("id=\"annalist-error\""));
    }
    let huge = "9999999999999999999999999999";
    fs::write(
        &report,
        good.replace("  new_items: 4\n", &format!("  new_items: {{ value: {huge}, change: \"+77%\" }}\n")),
    )
    .unwrap();
    wait_for("the 28-digit figure", &|b| b.contains(huge));
    assert!(child.try_wait().unwrap().is_none(), "the preview is still running");
    let _ = child.kill();
    let _ = child.wait();
}
