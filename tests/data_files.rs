//! The data files a site publishes are safe to open in a spreadsheet: text that a spreadsheet
//! would run as a formula is defused, while figures stay numbers.

mod common;

use common::*;
use std::fs;

/// The fields of one CSV line, split on commas outside quotes (the fields here hold no line
/// breaks).
fn fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[test]
fn csv_text_that_a_spreadsheet_would_run_is_defused_and_figures_stay_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    replace(&root, "content/alpha/_index.md", "name: 甲区 <script>alert(\"entity\")</script>", "name: \"+1+1\"");
    replace(&root, "content/alpha/2021.md", "new_items: 4", "new_items: { value: 4, note: \"-cmd|' /C calc'!A0\" }");
    let out = dir.path().join("out");
    build_ok(&root, &out);
    for file in ["data/indicators.csv", "alpha/data.csv"] {
        let csv = read(&out, file);
        let rows: Vec<Vec<String>> = csv.lines().map(fields).collect();
        let header = &rows[0];
        let col = |name: &str| header.iter().position(|h| h.trim_start_matches('\u{feff}') == name).unwrap();
        let alpha: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("entity")] == "alpha").collect();
        assert!(!alpha.is_empty(), "{file}");
        for r in &alpha {
            assert_eq!(r[col("entity_name")], "'+1+1", "{file}: {r:?}");
            assert!(r[col("value")].parse::<f64>().is_ok(), "{file}: a value is a number: {r:?}");
        }
        let noted = alpha.iter().find(|r| r[col("indicator")] == "new_items" && r[col("year")] == "2021").unwrap();
        assert_eq!(noted[col("note")], "'-cmd|' /C calc'!A0", "{file}");
        assert_eq!(noted[col("value")], "4", "{file}");
        // A stated change is text ("+4.2pp" would be a broken formula): defused like any other.
        let stated: Vec<&String> =
            rows.iter().skip(1).map(|r| &r[col("stated_change")]).filter(|c| !c.is_empty()).collect();
        assert!(file != "data/indicators.csv" || !stated.is_empty(), "the fixture states changes");
        assert!(stated.iter().all(|c| c.starts_with("'+") || c.starts_with("'-")), "{file}: {stated:?}");
    }
    let json = fs::read_to_string(out.join("data/indicators.json")).unwrap();
    assert!(json.contains("\"entity_name\":\"+1+1\""), "the JSON keeps the text as written");
}
