//! Word (.docx) files: a zip whose `word/document.xml` holds the paragraphs and tables, with the
//! paragraph styles (which say what is a heading) in `word/styles.xml` and the title in
//! `docProps/core.xml`.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::Node;

use super::pdf::join_line;
use super::ReadError;
use crate::import::{Block, Document};

/// The most of one part of the zip that is read: a report's document.xml is a few MB at most,
/// and this keeps a zip bomb from filling memory.
const MAX_PART: u64 = 64 << 20;

/// Reads a .docx file's bytes into a document: its title, paragraphs, headings and tables.
pub(super) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("not a readable .docx (zip) file: {e}")))?;
    let body = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| ReadError::Corrupt("no word/document.xml in it: not a Word document".into()))?;
    let levels = match part(&mut zip, "word/styles.xml")? {
        Some(styles) => heading_styles(&parse(&styles, "word/styles.xml")?),
        None => HashMap::new(),
    };
    let body = parse(&body, "word/document.xml")?;
    let mut blocks = Vec::new();
    if let Some(b) = body.root_element().children().find(|n| is(n, "body")) {
        body_blocks(b, &levels, &mut blocks);
    }
    if !blocks.iter().any(has_text) {
        return Err(ReadError::Empty);
    }
    let title = match part(&mut zip, "docProps/core.xml")? {
        Some(core) => core_title(&core),
        None => None,
    }
    .or_else(|| {
        blocks.iter().find_map(|b| match b {
            Block::Heading(_, t) => Some(t.clone()),
            _ => None,
        })
    });
    Ok(Document { title, blocks, ..Document::default() })
}

/// One part of the zip as text, or None when the zip has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Corrupt(format!("cannot open {name} in it: {e}"))),
    };
    let mut raw = Vec::new();
    file.take(MAX_PART).read_to_end(&mut raw).map_err(|e| ReadError::Corrupt(format!("cannot unpack {name}: {e}")))?;
    String::from_utf8(raw).map(Some).map_err(|_| ReadError::Corrupt(format!("{name} is not UTF-8 XML")))
}

/// Parses one XML part, a parse error being a corrupt file.
fn parse<'a>(xml: &'a str, name: &str) -> Result<roxmltree::Document<'a>, ReadError> {
    roxmltree::Document::parse(xml).map_err(|e| ReadError::Corrupt(format!("{name} is not well-formed XML: {e}")))
}

/// Whether a node is the element with this local name (any namespace: transitional or strict
/// OOXML).
fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// The value of the `w:val` attribute of the child element with this local name.
fn child_val<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    let child = node.children().find(|c| is(c, name))?;
    child.attributes().find(|a| a.name() == "val").map(|a| a.value())
}

/// Heading level (1..=6) of each paragraph style id that is a heading: by its name
/// ("heading 1", "标题 1"), its outline level, or its id ("Heading1").
fn heading_styles(styles: &roxmltree::Document) -> HashMap<String, u8> {
    let mut levels = HashMap::new();
    for style in styles.root_element().children().filter(|n| is(n, "style")) {
        let Some(id) = style.attributes().find(|a| a.name() == "styleId").map(|a| a.value()) else {
            continue;
        };
        let by_outline = style
            .children()
            .find(|c| is(c, "pPr"))
            .and_then(|p| child_val(p, "outlineLvl"))
            .and_then(|v| v.parse::<u8>().ok())
            .map(|l| l + 1);
        let level = child_val(style, "name").and_then(level_of_name).or_else(|| level_of_name(id)).or(by_outline);
        if let Some(level) = level.filter(|l| (1..=6).contains(l)) {
            levels.insert(id.to_string(), level);
        }
    }
    levels
}

/// The heading level a style name or id says: "heading 1", "Heading1", "标题 1", "标题1".
fn level_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// The blocks of the body (or of a content control inside it), in order.
fn body_blocks(parent: Node, levels: &HashMap<String, u8>, out: &mut Vec<Block>) {
    for node in parent.children() {
        if is(&node, "p") {
            let text = paragraph_text(node);
            if text.is_empty() {
                continue;
            }
            let style = node.children().find(|c| is(c, "pPr")).and_then(|p| child_val(p, "pStyle"));
            match style.and_then(|s| levels.get(s).copied().or_else(|| level_of_name(s))) {
                Some(level) => out.push(Block::Heading(level, text)),
                None => out.push(Block::Paragraph(text)),
            }
        } else if is(&node, "tbl") {
            let rows = table_rows(node);
            if !rows.is_empty() {
                out.push(Block::Table(rows));
            }
        } else if is(&node, "sdt") || is(&node, "sdtContent") || is(&node, "customXml") {
            body_blocks(node, levels, out);
        }
    }
}

/// A paragraph's text on one line: its runs' text joined, line breaks joined as a wrapped line
/// is (no space between Chinese characters), trimmed.
fn paragraph_text(p: Node) -> String {
    let mut text = String::new();
    let mut line = String::new();
    for node in p.descendants() {
        if is(&node, "t") {
            line.push_str(node.text().unwrap_or(""));
        } else if is(&node, "tab") && !node.ancestors().any(|a| is(&a, "pPr")) {
            line.push(' ');
        } else if is(&node, "br") || is(&node, "cr") {
            join_line(&mut text, &std::mem::take(&mut line));
        }
    }
    join_line(&mut text, &line);
    text
}

/// A table's rows of cell texts (a cell's paragraphs joined by a space); a cell spanning
/// several grid columns is followed by empty cells so the columns stay in line.
fn table_rows(tbl: Node) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for tr in tbl.children().filter(|n| is(n, "tr")) {
        let mut row = Vec::new();
        for tc in tr.children().filter(|n| is(n, "tc")) {
            let text: Vec<String> =
                tc.descendants().filter(|n| is(n, "p")).map(paragraph_text).filter(|t| !t.is_empty()).collect();
            row.push(text.join(" "));
            let span = tc
                .children()
                .find(|c| is(c, "tcPr"))
                .and_then(|p| child_val(p, "gridSpan"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1);
            row.extend(std::iter::repeat_n(String::new(), span.clamp(1, 64) - 1));
        }
        if row.iter().any(|c| !c.is_empty()) {
            rows.push(row);
        }
    }
    rows
}

/// The `dc:title` of docProps/core.xml, when it has a non-empty one.
fn core_title(core: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(core).ok()?;
    let title = doc.descendants().find(|n| is(n, "title"))?.text()?.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// Whether a block holds any text.
fn has_text(block: &Block) -> bool {
    match block {
        Block::Heading(_, t) | Block::Paragraph(t) => !t.trim().is_empty(),
        Block::Table(rows) => rows.iter().flatten().any(|c| !c.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
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
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn p(style: &str, runs: &[&str]) -> String {
        let ppr =
            if style.is_empty() { String::new() } else { format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#) };
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
}
