use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/html").join(name);
    std::fs::read(path).unwrap()
}

fn texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) | Block::Heading(_, p) => p.clone(),
            Block::Table(rows) => format!("{rows:?}"),
        })
        .collect()
}

#[test]
fn a_government_page_gives_its_main_text_and_metadata() {
    let doc = read(&fixture("chrome.html")).unwrap();
    assert_eq!(doc.title.as_deref(), Some("示例区人民政府2022年法治政府建设年度情况报告"));
    assert_eq!(doc.published.as_deref(), Some("2023-03-20"));
    assert_eq!(doc.source.as_deref(), Some("示例区人民政府"));
    assert_eq!(doc.url.as_deref(), Some("https://www.example.gov.cn/zwgk/2023/0320/1.html"));
    assert_eq!(
        texts(&doc),
        [
            "2022年,示例区坚持以习近平法治思想为指导,扎实推进依法行政,现报告如下:",
            "一、主要举措和成效",
            "全年主动公开政府信息24509条,受理政府信息公开申请612件,办结率100%。",
            "全区常住人口31.5万人,比上年增长2.1%。",
            "全年新收行政复议案件218件,纠错35件。",
            "全年办理行政应诉案件75件。",
        ]
    );
}

#[test]
fn a_gbk_page_is_decoded_by_its_declared_charset() {
    let page = String::from_utf8(fixture("chrome.html")).unwrap().replace("charset=\"utf-8\"", "charset=\"gbk\"");
    let page = page.replace("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());
    assert_eq!(read(&gbk).unwrap(), read(&fixture("chrome.html")).unwrap());
}

#[test]
fn a_table_of_figures_is_kept_as_a_table() {
    let doc = read(&fixture("table.html")).unwrap();
    assert_eq!(doc.title.as_deref(), Some("2023年政府信息公开工作年度报告"));
    assert_eq!(doc.published.as_deref(), Some("2024-01-15"));
    assert_eq!(doc.source.as_deref(), Some("示例市司法局"));
    let table = doc.blocks.iter().find_map(|b| match b {
        Block::Table(rows) => Some(rows.clone()),
        _ => None,
    });
    let rows = table.expect("a table");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
    assert_eq!(rows[2], ["行政规范性文件", "14", "2", "56"]);
    let all = texts(&doc).join("\n");
    assert!(all.contains("全年收到政府信息公开申请1865件,同比增长77%。"), "{all}");
    assert!(!all.contains("机构设置"), "{all}");
}

#[test]
fn numbers_split_across_inline_elements_are_joined() {
    assert_eq!(extract::tidy("<x>31 .5万"), "<x>31.5万");
    let page = "<html><body><div><p>人口<span>31</span><span>.5万</span>人,增长<b>17</b>\n<i>.1%</i>。</p>\
                <p>Latin words stay apart: annual report 2023</p></div></body></html>";
    let doc = read(page.as_bytes()).unwrap();
    assert_eq!(texts(&doc), ["人口31.5万人,增长17.1%。", "Latin words stay apart: annual report 2023"]);
}

#[test]
fn an_empty_page_is_an_error() {
    let page = "<html><head><title>首页</title></head><body><nav><a href='/'>首页</a></nav></body></html>";
    assert!(matches!(read(page.as_bytes()), Err(ReadError::Empty)));
}
