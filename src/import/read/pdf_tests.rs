use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/pdf").join(name)
}

/// Whether pdftotext runs here; tests that need it say so and pass when it is missing.
fn have_pdftotext(test: &str) -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        eprintln!("{test}: skipped, pdftotext (poppler-utils) is not installed");
    }
    ok
}

#[test]
fn a_chinese_report_reads_as_its_paragraphs() {
    if !have_pdftotext("a_chinese_report_reads_as_its_paragraphs") {
        return;
    }
    let doc = read(&fixture("report.pdf")).unwrap();
    let para = |t: &str| Block::Paragraph(t.to_string());
    assert_eq!(
        doc.blocks,
        vec![
            para("北京市某区2022年法治政府建设年度报告"),
            para("一、主要工作"),
            para("2022年，全区主动公开政府信息24509条，同比增长17.1%。共受理行政复议申请612件，办结574件。"),
            para("（一）推进依法行政。组织领导干部学法12次，参训人员1500余人次。"),
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("北京市某区2022年法治政府建设年度报告"));
    assert_eq!(doc.notes, vec![NOTE.to_string()]);
}

#[test]
fn a_pdf_with_only_an_image_needs_ocr() {
    if !have_pdftotext("a_pdf_with_only_an_image_needs_ocr") {
        return;
    }
    let err = read(&fixture("scanned.pdf")).unwrap_err();
    assert!(matches!(err, ReadError::NoTextLayer), "{err:?}");
    assert!(err.to_string().contains("OCR"));
}

#[test]
fn a_damaged_pdf_is_corrupt() {
    if !have_pdftotext("a_damaged_pdf_is_corrupt") {
        return;
    }
    let err = read(&fixture("corrupt.pdf")).unwrap_err();
    assert!(matches!(err, ReadError::Corrupt(_)), "{err:?}");
}

#[test]
fn a_file_that_is_no_pdf_is_corrupt_without_running_anything() {
    let mut text = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut text, "北京市某区年度报告".as_bytes()).unwrap();
    let err = read(text.path()).unwrap_err();
    assert!(matches!(&err, ReadError::Corrupt(m) if m.contains("%PDF-")), "{err:?}");
    let err = read(&fixture("missing.pdf")).unwrap_err();
    assert!(matches!(err, ReadError::Io(_)), "{err:?}");
}

#[test]
fn wrapped_lines_join_without_a_space_in_chinese_and_with_one_in_latin() {
    let mut p = String::new();
    for line in ["共计12", "345件，见 Annual report of", "the year 和", "2023年"] {
        join_line(&mut p, line);
    }
    assert_eq!(p, "共计12345件，见 Annual report of the year 和2023年");
}

#[test]
fn paragraphs_split_at_blank_lines_indents_and_short_sentence_ends() {
    let text = "  第一段第一行文字文字文字文字\n第一段第二行。\n\n第二段文字文字文字文字文字\n\
                结束。\n第三段文字文字文字文字文字\n\n   - 2 -\n\x0c\n3\n第三段 接着 写。\n\x0c";
    assert_eq!(
        paragraphs(text),
        vec![
            "第一段第一行文字文字文字文字第一段第二行。",
            "第二段文字文字文字文字文字结束。",
            "第三段文字文字文字文字文字第三段接着写。",
        ]
    );
}

#[test]
fn page_numbers_are_recognised() {
    for line in ["3", "  - 3 -", "— 12 —", "第3页", "3/12"] {
        assert!(is_page_number(line), "{line}");
    }
    for line in ["", "2022年", "2022", "一、"] {
        assert!(!is_page_number(line), "{line}");
    }
}
