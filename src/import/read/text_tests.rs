use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/text").join(name)
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_scraped_page_keeps_its_report_and_metadata_only() {
    let doc = super::super::read_document(&fixture("scraped.txt")).unwrap();
    assert_eq!(doc.title.as_deref(), Some("北京市示例区人民政府2022年法治政府建设年度情况报告"));
    assert_eq!(doc.published.as_deref(), Some("2023-03-20"));
    assert_eq!(doc.source.as_deref(), Some("北京市示例区人民政府"));
    let paras = paragraphs(&doc);
    assert_eq!(paras.len(), 6, "{paras:#?}");
    assert!(paras[0].starts_with("2022年,示例区"));
    assert_eq!(paras[1], "一、主要举措和成效");
    // A hard-wrapped paragraph is joined.
    assert_eq!(paras[3], "全年主动公开政府信息24509条,受理政府信息公开申请612件,办结率100%。");
    let all = paras.join("\n");
    for chrome in ["位置", "首页", "分享", "字号", "上一条", "联系电话", "ICP", "服务人民群众"] {
        assert!(!all.contains(chrome), "{chrome} left in {all}");
    }
}

#[test]
fn gb18030_text_reads_like_utf8() {
    let utf8 = std::fs::read_to_string(fixture("scraped.txt")).unwrap();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&utf8);
    assert!(!unmappable);
    assert_eq!(read(&gb, false).unwrap(), read(utf8.as_bytes(), false).unwrap());
}

#[test]
fn markdown_headings_tables_and_lists() {
    let doc = super::super::read_document(&fixture("report.md")).unwrap();
    assert_eq!(doc.title.as_deref(), Some("示例区2023年法治政府建设情况报告"));
    assert_eq!(doc.published.as_deref(), Some("2024-02-28"));
    assert_eq!(doc.source.as_deref(), Some("示例区司法局"));
    assert_eq!(doc.blocks[0], Block::Heading(2, "一、主要成效".into()));
    assert_eq!(doc.blocks[1], Block::Paragraph("全区办理行政复议案件218件,纠错35件。".into()));
    let Block::Table(rows) = &doc.blocks[2] else { panic!("{:?}", doc.blocks[2]) };
    assert_eq!(rows, &[vec!["指标", "数值"], vec!["行政复议收案", "218件"], vec!["纠错", "35件"]]);
    assert_eq!(doc.blocks[3..], [Block::Paragraph("举办培训2期".into()), Block::Paragraph("集中学法300余次".into())]);
}

#[test]
fn title_above_the_metadata_line_and_slogans_dropped() {
    let doc = read_str(
        "打造网上平台 致力于促进事业\n您现在的位置:首页 > 新闻\n我区成功创建全国法治政府建设示范区\n\
         发布时间:2023-01-16  来源:延庆区融媒体中心  发布开发区:北京延庆经济开发区\n\n  近日,我区以优异成绩入围全国法治政府建设示范地区。\n\n\
         来源:另一个来源\n作者:张三 李四\n编辑:王五\n",
        false,
    );
    assert_eq!(doc.title.as_deref(), Some("我区成功创建全国法治政府建设示范区"));
    assert_eq!(doc.published.as_deref(), Some("2023-01-16"));
    assert_eq!(doc.source.as_deref(), Some("延庆区融媒体中心"));
    assert_eq!(paragraphs(&doc), ["近日,我区以优异成绩入围全国法治政府建设示范地区。"]);
}

#[test]
fn a_flattened_newspaper_page_is_split_into_paragraphs() {
    let long = "一".repeat(80);
    let line = format!(
        "□ 本报记者 张三 在北京市率先建立{long}。 规划建设北京城市副中心,是重大决策部署。继获评第一批示范项目后, 下转第二版 上接第一版 \
         通州区于近日又获评第二批。 权责协同更懂群众办事之需 对于群众而言,感受最直接的地方是窗口。"
    );
    let doc = read_str(&format!("|\n要闻\n|\n{line}\n|\n"), false);
    assert_eq!(doc.title, None);
    let paras = paragraphs(&doc);
    assert_eq!(paras.len(), 4, "{paras:#?}");
    assert!(paras[0].starts_with("在北京市率先建立"), "the byline is the paper's: {}", paras[0]);
    assert_eq!(paras[1], "规划建设北京城市副中心,是重大决策部署。继获评第一批示范项目后,通州区于近日又获评第二批。");
    assert_eq!(paras[2], "权责协同更懂群众办事之需");
    assert_eq!(paras[3], "对于群众而言,感受最直接的地方是窗口。");
}

#[test]
fn a_page_with_no_text_is_empty() {
    let err = read("您现在的位置:首页 > 新闻\n分享:\n|\n".as_bytes(), false).unwrap_err();
    assert!(matches!(err, ReadError::Empty), "{err}");
}

#[test]
fn a_numbered_heading_line_ends_its_paragraph_and_repeats_are_read_once() {
    let text = "示例区2023年度法治政府建设情况的报告\n二、2023年度推进法治政府建设存在的不足和原因\n我区法治政府建设虽然取得一定成效。\n\
                我区法治政府建设虽然取得一定成效,但还存在一些突出问题。\n\n我区法治政府建设虽然取得一定成效,但还存在一些突出问题。\n";
    let doc = read_str(text, false);
    assert_eq!(
        paragraphs(&doc),
        [
            "二、2023年度推进法治政府建设存在的不足和原因",
            "我区法治政府建设虽然取得一定成效。",
            "我区法治政府建设虽然取得一定成效,但还存在一些突出问题。"
        ]
    );
}

#[test]
fn a_newspapers_caption_and_credit_lines_are_dropped_and_its_sentences_kept() {
    let text = "凝聚履职合力只为群众更满意\n|\n( 2023-02-07 ) 稿件来源: 法治日报要闻 |\n|\n\
                图为通州区“小微企业法治体检中心”活动现场。\n本报记者 王建军 摄 |\n|\n\
                □ 本报记者 徐伟伦 在北京市率先建立“小微企业法治体检中心”，政务服务实现跨省通办。\n\
                “我们以权责协同为指引。”通州区司法局局长石建华告诉记者，全年办结案件85件。\n\
                记者手记 在北京城市副中心政务服务中心采访，见证了174项信息复用。\n责任编辑：李四\n";
    let doc = read_str(text, false);
    let paras = paragraphs(&doc);
    assert_eq!(
        paras,
        [
            "在北京市率先建立“小微企业法治体检中心”，政务服务实现跨省通办。",
            "“我们以权责协同为指引。”通州区司法局局长石建华告诉记者，全年办结案件85件。",
            "记者手记 在北京城市副中心政务服务中心采访，见证了174项信息复用。",
        ]
    );
}
