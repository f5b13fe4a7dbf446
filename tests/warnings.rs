//! Warnings: printed with their place, exit 0, and exit 1 with --deny-warnings. annalist never
//! changes a figure because another disagrees with it.

mod common;

use common::*;
use std::fs;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("basic"), dir.path());
    dir
}

fn edit(dir: &std::path::Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} lacks {from}");
    fs::write(p, text.replace(from, to)).unwrap();
}

#[test]
fn a_stated_change_that_disagrees_with_last_year_warns() {
    let dir = site();
    // alpha 2021 gives 4 new items, 2022 gives 4 and claims "+3".
    edit(dir.path(), "content/alpha/2022.md", "  new_items: 4\n", "  new_items: { value: 4, change: \"+3\" }\n");
    let o = annalist(&["check", "--root", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: content/alpha/2022.md:11:23: 'new_items' states a change of +3 but the 2021 report gives 0"
        ),
        "{stderr}"
    );
    let o = annalist(&["check", "--deny-warnings", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_figure_missing_from_the_text_warns() {
    let dir = site();
    edit(dir.path(), "content/beta/2023.md", "办结218件", "办结若干件");
    let o = annalist(&["check", "--root", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(
            "warning: content/beta/2023.md:11:18: 'review_closed' is 218 here but the report's text never says 218"
        ),
        "{stderr}"
    );
}

#[test]
fn a_rate_that_its_numerator_and_denominator_contradict_warns_and_is_shown_as_stated() {
    let dir = site();
    edit(
        dir.path(),
        "content/indicators.yaml",
        "  better: lower\n  group: 行政复议\n",
        "  better: lower\n  group: 行政复议\n  ratio: { numerator: new_items, denominator: review_closed }\n",
    );
    // beta 2023: 21.08% of 218 would be 45.95; say 35 instead, as the real report does.
    edit(dir.path(), "content/beta/2023.md", "  review_closed: 218\n", "  review_closed: 218\n  new_items: 35\n");
    edit(dir.path(), "content/beta/2023.md", "办结218件。", "办结218件,纠错35件。");
    let out = dir.path().join("out");
    let o = build(dir.path(), &out, &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("'correction_rate' is 21.08% but new_items / review_closed gives 16.055%"), "{stderr}");
    assert!(read(&out, "beta/2023/index.html").contains("<span class=\"num\">21.08</span>"));
    // Within rounding and truncation: 35 / 218 = 16.055…, stated 16.05 or 16.06 is fine.
    edit(dir.path(), "content/beta/2023.md", "correction_rate: 21.08", "correction_rate: 16.05");
    edit(dir.path(), "content/beta/2023.md", "纠错率21.08%", "纠错率16.05%");
    let o = annalist(&["check", "--root", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("content/beta/2023.md:10:20: 'correction_rate'"), "{stderr}");
    // alpha 2022 also gives all three (21.08% of 218 is not 4) and is still reported.
    assert!(stderr.contains(
        "content/alpha/2022.md:9:20: 'correction_rate' is 21.08% but new_items / review_closed gives 1.835%"
    ));
}

#[test]
fn ampersands_and_quotes_are_escaped_in_text_and_attributes() {
    let dir = site();
    edit(dir.path(), "content/alpha/_index.md", "short_name: 甲区", "short_name: \"甲&乙 \\\"区\\\" 'x'\"");
    edit(dir.path(), "content/indicators.yaml", "  label: 新增事项", "  label: \"新增 & \\\"事项\\\"\"");
    let out = dir.path().join("out");
    build_ok(dir.path(), &out);
    let entity = read(&out, "alpha/index.html");
    // In the table caption (text) and in the scroll box's aria-label (attribute).
    assert!(entity.contains("甲&amp;乙 &quot;区&quot; &#39;x&#39;"), "{entity}");
    assert!(!entity.contains("甲&乙"), "raw ampersand");
    let report = read(&out, "alpha/2022/index.html");
    assert!(report.contains("新增 &amp; &quot;事项&quot;"));
    // The sparkline's text alternative is an attribute too.
    assert!(entity.contains("aria-label=\"新增 &amp; &quot;事项&quot;："), "{entity}");
}
