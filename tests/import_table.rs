//! `annalist import FILE.csv|FILE.xlsx`: a table of figures merged into the reports' front
//! matter by editing their text — everything else kept byte for byte, a differing figure listed
//! and never replaced, a missing report made as a draft, and nothing written when a row is bad.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};

fn table(name: &str) -> PathBuf {
    fixture("import/table").join(name)
}

/// A copy of the table fixture site.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("import/table/site"), &site);
    (dir, site)
}

fn import(site: &Path, files: &[&Path]) -> (bool, String) {
    let mut args = vec!["import", "--root", site.to_str().unwrap()];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let o = annalist(&args);
    (o.status.success(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// `after` with the lines of `added` taken out once each, in order.
fn without_lines(after: &str, added: &[&str]) -> String {
    let mut rest: Vec<&str> = added.to_vec();
    let mut out = String::new();
    for line in after.split_inclusive('\n') {
        match rest.iter().position(|a| line.trim_end_matches(['\r', '\n']) == *a) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push_str(line),
        }
    }
    assert!(rest.is_empty(), "lines not added: {rest:?}\n{after}");
    out
}

#[test]
fn figures_are_added_and_everything_else_is_kept_byte_for_byte() {
    let (_dir, site) = site();
    let report = site.join("content/yanqing/2021.md");
    let before = fs::read_to_string(&report).unwrap();
    let (ok, stderr) = import(&site, &[&table("figures.csv")]);
    assert!(ok, "{stderr}");
    let after = fs::read_to_string(&report).unwrap();
    let added = [
        "  admin_review_received: 120",
        "  admin_review_closed: 85",
        "  new_review_cases: { value: 31.5万, change: 同比增长17.1%, note: \"see table 2, row 3\" }",
    ];
    assert_eq!(without_lines(&after, &added), before);
    // In catalogue order: the two 行政复议 figures before the first one there, the new one
    // after gov_info_requests, which comes before it in the catalogue.
    let at = |s: &str| after.find(s).unwrap();
    assert!(at("admin_review_received") < at("admin_review_closed") && at("admin_review_closed") < at("# 行政复议"));
    assert!(at("gov_info_requests:") < at("new_review_cases") && at("new_review_cases") < at("enterprises_covered"));
    assert!(stderr.contains("content/yanqing/2021.md: added 3, same 1, differs 2"), "{stderr}");
    assert!(stderr.contains("figures.csv: 8 figure(s) in 3 report(s)"), "{stderr}");
    // The site still checks clean with the new figures and drafts.
    let o = annalist(&["check", "--root", site.to_str().unwrap(), "--drafts"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_differing_figure_is_listed_with_its_place_and_not_replaced() {
    let (_dir, site) = site();
    let (ok, stderr) = import(&site, &[&table("figures.csv")]);
    assert!(ok, "a difference is a warning: {stderr}");
    let after = fs::read_to_string(site.join("content/yanqing/2021.md")).unwrap();
    assert!(after.contains("gov_info_requests: { value: 1865, change: 同比增长77% }") && !after.contains("1866"));
    // Positions are those of the file as written now (three lines were added above).
    assert!(
        stderr.contains("warning: content/yanqing/2021.md:11:31: 'gov_info_requests' is 1865 here, 1866 in the table"),
        "{stderr}"
    );
    assert!(stderr.contains("figures.csv:4; left as it is"), "{stderr}");
    // The same number written otherwise (1500余 / 1500多) is listed, not taken as the same.
    assert!(stderr.contains("content/yanqing/2021.md:14:12: 'enterprises_covered' is written 1500余 here and 1500多"));
    assert!(after.contains("value: 1500余") && !after.contains("1500多"));
}

#[test]
fn a_missing_report_is_made_as_a_draft() {
    let (_dir, site) = site();
    let (ok, stderr) = import(&site, &[&table("figures.csv")]);
    assert!(ok, "{stderr}");
    // The organisation named by its full name, the indicator by an alias.
    assert_eq!(
        fs::read_to_string(site.join("content/yanqing/2022.md")).unwrap(),
        "---\ntitle: 北京市延庆区2022年度报告\nyear: 2022\ndraft: true\nindicators:\n  \
         admin_review_closed: { value: 90, change: 同比增长5.9% }\n---\n"
    );
    let wuqing = fs::read_to_string(site.join("content/wuqing/2023.md")).unwrap();
    assert!(wuqing.contains("draft: true\n") && wuqing.contains("  claim_rate: 90%以上\n"), "{wuqing}");
    assert!(stderr.contains("content/wuqing/2023.md: added 1, same 0, differs 0 (new draft)"), "{stderr}");
}

#[test]
fn a_report_started_with_annalist_new_has_its_empty_figures_filled_in() {
    let (dir, site) = site();
    let o = annalist(&["new", "--root", site.to_str().unwrap(), "yanqing", "2022"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = site.join("content/yanqing/2022.md");
    let before = fs::read_to_string(&report).unwrap();
    let csv = dir.path().join("2022.csv");
    fs::write(&csv, "entity,year,indicator,value,change\nyanqing,2022,gov_info_requests,1900,同比增长1.9%\nyanqing,2022,correction_rate,20,\n")
        .unwrap();
    let (ok, stderr) = import(&site, &[&csv]);
    assert!(ok, "{stderr}");
    // The empty entries `annalist new` left, each with last year's figure in a comment, are
    // filled in on their own lines: no line added, no key given twice, the comments kept.
    let filled = before.replace("  correction_rate:        # 2021年", "  correction_rate: 20        # 2021年").replace(
        "  gov_info_requests:      # 2021年",
        "  gov_info_requests: { value: 1900, change: 同比增长1.9% }      # 2021年",
    );
    assert_ne!(filled, before);
    assert_eq!(fs::read_to_string(&report).unwrap(), filled);
    assert!(stderr.contains("content/yanqing/2022.md: added 2, same 0, differs 0"), "{stderr}");
}

#[test]
fn importing_twice_changes_nothing_the_second_time() {
    let (_dir, site) = site();
    assert!(import(&site, &[&table("figures.csv"), &table("figures.xlsx")]).0);
    let once = snapshot(&site.join("content"));
    let (ok, stderr) = import(&site, &[&table("figures.csv"), &table("figures.xlsx")]);
    assert!(ok, "{stderr}");
    assert_eq!(snapshot(&site.join("content")), once);
    assert!(stderr.contains("content/yanqing/2021.md: added 0, same 4, differs 2"), "{stderr}");
    assert!(stderr.contains("content/wuqing/2021.md: added 0, same 4, differs 0"), "{stderr}");
}

#[test]
fn bad_rows_are_all_listed_with_their_cells_and_nothing_is_written() {
    let (_dir, site) = site();
    let before = snapshot(&site.join("content"));
    // The good table first: nothing of it is written either.
    let (ok, stderr) = import(&site, &[&table("figures.csv"), &table("bad.csv")]);
    assert!(!ok);
    assert_eq!(snapshot(&site.join("content")), before, "{stderr}");
    for expected in [
        "bad.csv:2:3: unknown indicator 'admin_reveiw_closed' (did you mean 'admin_review_closed'?)",
        "bad.csv:3:1: there is no organisation 'yanqin' (did you mean 'yanqing'?)",
        "bad.csv:4:2: '20x1' is not a year",
        "bad.csv:5:4: value '18%%' of 'correction_rate'",
        "bad.csv:6:5: this cell is in a column the header does not name",
        "bad.csv:8:3: 'claim_rate' of wuqing 2023 is given again (first in row 7)",
        "bad.csv:9:4: the row has no value",
        "bad.csv: not imported (7 error(s), listed above); nothing was written for it",
        "figures.csv: not imported (not merged: the tables are merged together, and another has errors)",
        "error: 2 of 2 file(s) not imported",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn a_gb18030_csv_with_chinese_headers_is_read() {
    let (_dir, site) = site();
    let (ok, stderr) = import(&site, &[&table("figures-gb18030.csv")]);
    assert!(ok, "{stderr}");
    let yanqing = fs::read_to_string(site.join("content/yanqing/2022.md")).unwrap();
    assert!(yanqing.contains("  admin_review_closed: 90\n"), "{yanqing}");
    let wuqing = fs::read_to_string(site.join("content/wuqing/2022.md")).unwrap();
    assert!(wuqing.contains("  gov_info_requests: { value: 1500余, change: 下降3件 }\n"), "{wuqing}");
}

#[test]
fn xlsx_numbers_are_written_as_the_cells_show_them() {
    let (_dir, site) = site();
    let (ok, stderr) = import(&site, &[&table("figures.xlsx")]);
    assert!(ok, "{stderr}");
    let y2021 = fs::read_to_string(site.join("content/wuqing/2021.md")).unwrap();
    // 87.21 and 0.1+0.2 are binary floats in the file; 1.5E5 is stored in exponent form.
    for line in [
        "  claim_rate: 87.21\n",
        "  new_review_cases: 315000\n",
        "  correction_rate: 0.3\n",
        "  admin_review_received: 150000\n",
    ] {
        assert!(y2021.contains(line), "{line}{y2021}");
    }
    let y2022 = fs::read_to_string(site.join("content/wuqing/2022.md")).unwrap();
    // 0.9 shown as 90% (a percent format), 87.2 shown as 87.20 (format 0.00).
    for line in [
        "  claim_rate: 90%\n",
        "  enterprises_covered: 87.20\n",
        "  gov_info_requests: { value: 1500余, note: 据附表 }\n",
    ] {
        assert!(y2022.contains(line), "{line}{y2022}");
    }
}

#[test]
fn an_xlsx_cell_that_hides_decimals_is_refused_at_its_place() {
    let (_dir, site) = site();
    let before = snapshot(&site.join("content"));
    let (ok, stderr) = import(&site, &[&table("bad.xlsx")]);
    assert!(!ok);
    assert!(stderr.contains("bad.xlsx:2:4: the cell holds 87.215 but shows 87.22"), "{stderr}");
    assert!(stderr.contains("bad.xlsx:3:3: unknown indicator 'claim_rat' (did you mean 'claim_rate'?)"), "{stderr}");
    // A workbook's rows are not lines: no bytes of it are printed as one.
    assert!(!stderr.contains('\u{fffd}'), "{stderr}");
    assert_eq!(snapshot(&site.join("content")), before);
}

#[test]
fn a_report_with_a_byte_order_mark_and_crlf_keeps_them() {
    let (_dir, site) = site();
    let report = site.join("content/wuqing/2021.md");
    let before = "\u{feff}---\r\ntitle: 武清区2021年报告\r\nyear: 2021\r\nindicators:\r\n  claim_rate: 87.21 # 认领率\r\n---\r\n正文。\r\n";
    fs::write(&report, before).unwrap();
    let (ok, stderr) = import(&site, &[&table("figures.xlsx")]);
    assert!(ok, "{stderr}");
    let after = fs::read_to_string(&report).unwrap();
    let expected = before.replace(
        "indicators:\r\n",
        "indicators:\r\n  admin_review_received: 150000\r\n  correction_rate: 0.3\r\n  new_review_cases: 315000\r\n",
    );
    assert_eq!(after, expected);
}

#[test]
fn a_report_that_cannot_take_the_figures_stops_every_write() {
    let (_dir, site) = site();
    fs::write(
        site.join("content/wuqing/2023.md"),
        "---\ntitle: 报告\nyear: 2023\nindicators: { enterprises_covered: 5 }\n---\n",
    )
    .unwrap();
    let before = snapshot(&site.join("content"));
    let (ok, stderr) = import(&site, &[&table("figures.csv")]);
    assert!(!ok);
    assert!(stderr.contains("content/wuqing/2023.md:4:1: 'indicators' is written on one line"), "{stderr}");
    assert_eq!(snapshot(&site.join("content")), before);
}

#[test]
fn report_options_are_refused_with_a_table() {
    let (_dir, site) = site();
    let before = snapshot(&site.join("content"));
    let o = annalist(&["import", "--root", site.to_str().unwrap(), "--stdout", table("figures.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--stdout is for published reports"));
    assert_eq!(snapshot(&site.join("content")), before);
}

#[cfg(unix)]
#[test]
fn a_report_that_is_a_symbolic_link_is_not_written_through() {
    let (dir, site) = site();
    let outside = dir.path().join("outside.md");
    fs::write(&outside, "---\ntitle: x\nyear: 2023\n---\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.join("content/wuqing/2023.md")).unwrap();
    let (ok, stderr) = import(&site, &[&table("figures.csv")]);
    assert!(!ok && stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "---\ntitle: x\nyear: 2023\n---\n");
}

/// An .xlsx whose one part declares `declared` bytes once unpacked (its header says so; the
/// part itself is a few KB of zeros that compress to almost nothing, as in a zip bomb).
fn workbook_declaring(path: &Path, declared: u32) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", deflated).unwrap();
    zip.write_all(&vec![0u8; 64 << 10]).unwrap();
    zip.finish().unwrap();
    let mut bytes = fs::read(path).unwrap();
    // The uncompressed size: at 22 in the local header (PK 3 4), at 24 in the central one (PK 1 2).
    for (signature, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let header = bytes.windows(4).position(|w| w == signature).unwrap();
        bytes[header + at..header + at + 4].copy_from_slice(&declared.to_le_bytes());
    }
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_workbook_too_large_once_unpacked_and_an_old_xls_are_refused_before_they_are_read() {
    let (dir, site) = site();
    let before = snapshot(&site.join("content"));
    let bomb = dir.path().join("bomb.xlsx");
    workbook_declaring(&bomb, 3 << 30);
    let (ok, stderr) = import(&site, &[&bomb]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("bomb.xlsx: the table would be 3072 MB once unpacked, more than the 200 MB"), "{stderr}");
    // An old binary workbook, by its name or behind an .xlsx name.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(1024, 0);
    for name in ["figures.xls", "renamed.xlsx"] {
        let old = dir.path().join(name);
        fs::write(&old, &ole).unwrap();
        let (ok, stderr) = import(&site, &[&old]);
        assert!(!ok, "{stderr}");
        assert!(stderr.contains(&format!("{name}: it is an old binary Excel workbook (.xls)")), "{stderr}");
        assert!(stderr.contains("save it as .xlsx (Excel Workbook) or .csv"), "{stderr}");
    }
    assert_eq!(snapshot(&site.join("content")), before, "nothing written");
}
