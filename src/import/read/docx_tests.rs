use super::*;
use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx in memory with these parts (name, XML).
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, x)| (*n, x.as_bytes())).collect();
    docx_bytes(&parts)
}

fn docx_bytes(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#)
}

fn p(style: &str, runs: &[&str]) -> String {
    let ppr = if style.is_empty() { String::new() } else { format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#) };
    let runs: String = runs.iter().map(|r| format!("<w:r><w:t>{r}</w:t></w:r>")).collect();
    format!("<w:p>{ppr}{runs}</w:p>")
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
    <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
    <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/></w:style>
    <w:style w:type="paragraph" w:styleId="x"><w:name w:val="My Head"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style></w:styles>"#;

#[test]
fn paragraphs_headings_and_tables_in_order() {
    let body = [
        p("1", &["2022年法治政府", "建设年度报告"]),
        p("", &[]),
        p("a5", &["一、主要工作"]),
        p("x", &["（一）依法行政"]),
        p("Heading4", &["1.学法"]),
        p("a", &["全区主动公开政府信息", "24509", "条。"]),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>
           <w:tr><w:tc><w:p><w:r><w:t>行政复议</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>612</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>件</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
        r#"<w:p><w:r><w:t xml:space="preserve">受理 </w:t></w:r><w:r><w:br/><w:t>申请</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let bytes = docx(&[("word/document.xml", &document(&body)), ("word/styles.xml", STYLES)]);
    let doc = read(&bytes).unwrap();
    let s = |t: &str| t.to_string();
    assert_eq!(
        doc.blocks,
        vec![
            Block::Heading(1, s("2022年法治政府建设年度报告")),
            Block::Heading(2, s("一、主要工作")),
            Block::Heading(3, s("（一）依法行政")),
            Block::Heading(4, s("1.学法")),
            Block::Paragraph(s("全区主动公开政府信息24509条。")),
            Block::Table(vec![vec![s("指标"), s("数量"), s("")], vec![s("行政复议"), s("612"), s("件")],]),
            Block::Paragraph(s("受理申请")),
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("2022年法治政府建设年度报告"));
}

#[test]
fn the_title_comes_from_the_core_properties_first() {
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>某区年度报告</dc:title></cp:coreProperties>"#;
    let body = document(&p("Heading1", &["一、概况"]));
    let doc = read(&docx(&[("word/document.xml", &body), ("docProps/core.xml", core)])).unwrap();
    assert_eq!(doc.title.as_deref(), Some("某区年度报告"));
    assert_eq!(doc.blocks, vec![Block::Heading(1, "一、概况".into())]);
}

#[test]
fn a_document_without_text_is_empty() {
    let body = document(&[p("", &[]), p("", &["  "])].concat());
    let err = read(&docx(&[("word/document.xml", &body)])).unwrap_err();
    assert!(matches!(err, ReadError::Empty), "{err:?}");
}

#[test]
fn damaged_files_are_corrupt_not_a_panic() {
    let good = docx(&[("word/document.xml", &document(&p("", &["文字"])))]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not a zip", b"PK\x03\x04 not really a zip".to_vec()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("no document.xml", docx(&[("word/other.xml", "<a/>")])),
        ("bad XML", docx(&[("word/document.xml", "<w:document><w:body>")])),
        ("not UTF-8", docx_bytes(&[("word/document.xml", b"<a>\xff</a>")])),
    ];
    for (what, bytes) in cases {
        let err = read(&bytes).unwrap_err();
        assert!(matches!(err, ReadError::Corrupt(_)), "{what}: {err:?}");
    }
}

#[test]
fn style_names_give_heading_levels() {
    assert_eq!(level_of_name("heading 3"), Some(3));
    assert_eq!(level_of_name("Heading1"), Some(1));
    assert_eq!(level_of_name("标题 2"), Some(2));
    assert_eq!(level_of_name("标题"), None);
    assert_eq!(level_of_name("Heading 9"), None);
    assert_eq!(level_of_name("Normal"), None);
}

#[test]
fn a_title_left_over_from_a_template_gives_way_to_the_reports_own() {
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Microsoft Word - 模板</dc:title></cp:coreProperties>"#;
    let body = document(
        &[p("", &["某县人民政府关于2022年度法治政府建设情况的报告"]), p("", &["2022年，我县全面推进依法行政。"])]
            .concat(),
    );
    let doc = read(&docx(&[("word/document.xml", &body), ("docProps/core.xml", core)])).unwrap();
    assert_eq!(doc.title.as_deref(), Some("某县人民政府关于2022年度法治政府建设情况的报告"));
}

#[test]
fn numbered_paragraphs_and_styles_carry_their_numbers() {
    let numbering = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    let styles = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H1b"><w:name w:val="Report Head"/><w:basedOn w:val="H1"/></w:style></w:styles>"#;
    let numbered = |ilvl: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let off = r#"<w:p><w:pPr><w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>附件</w:t></w:r></w:p>"#;
    let body = [
        p("H1", &["总体情况"]),
        numbered(1, "依法行政"),
        numbered(1, "政务公开"),
        p("H1b", &["存在问题"]),
        off.to_string(),
    ]
    .concat();
    let doc = read(&docx(&[
        ("word/document.xml", &document(&body)),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ]))
    .unwrap();
    let s = |t: &str| t.to_string();
    assert_eq!(
        doc.blocks,
        vec![
            Block::Heading(1, s("一、总体情况")),
            Block::Paragraph(s("（一）依法行政")),
            Block::Paragraph(s("（二）政务公开")),
            Block::Paragraph(s("二、存在问题")),
            Block::Heading(1, s("附件")),
        ]
    );
}
