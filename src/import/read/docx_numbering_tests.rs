use super::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A numbering.xml with the given abstract definitions and instances.
fn numbering(inner: &str) -> Numbering {
    let xml = format!(r#"<w:numbering xmlns:w="{W}">{inner}</w:numbering>"#);
    Numbering::parse(&roxmltree::Document::parse(&xml).unwrap())
}

fn lvl(ilvl: u8, format: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
    )
}

/// The outline Chinese reports use: 一、 （一） 1. （1）.
fn report_outline() -> String {
    let levels = [
        lvl(0, "chineseCounting", "%1、", r#"<w:suff w:val="nothing"/>"#),
        lvl(1, "chineseCounting", "（%2）", ""),
        lvl(2, "decimal", "%3.", ""),
        lvl(3, "decimal", "（%4）", ""),
    ]
    .concat();
    format!(
        r#"<w:abstractNum w:abstractNumId="7">{levels}</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>"#
    )
}

#[test]
fn chinese_counting_and_other_formats_are_written_as_word_draws_them() {
    let cases = [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"),
        (3, "chineseLegalSimplified", "叁"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (1, "ideographTraditional", "甲"),
        (11, "ideographTraditional", "甲"),
        (2, "ideographZodiac", "丑"),
        (4, "decimal", "4"),
        (4, "decimalZero", "04"),
        (12, "decimalFullWidth", "１２"),
        (3, "decimalEnclosedCircle", "③"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (9, "someFutureFormat", "9"),
    ];
    for (n, format, want) in cases {
        assert_eq!(format_number(n, format), want, "{n} {format}");
    }
}

#[test]
fn counters_count_per_level_and_a_higher_level_restarts_the_deeper_ones() {
    let mut n = numbering(&report_outline());
    let seq: Vec<Option<String>> = [0, 1, 1, 2, 2, 3, 1, 2, 0, 1, 2].iter().map(|&l| n.next("3", l)).collect();
    let want = ["一、", "（一）", "（二）", "1. ", "2. ", "（1）", "（三）", "1. ", "二、", "（一）", "1. "];
    assert_eq!(seq, want.map(|w| Some(w.to_string())));
}

#[test]
fn instances_of_one_definition_continue_unless_one_overrides_its_start() {
    let outline = report_outline();
    let extra = r#"<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>
        <w:num w:numId="5"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;
    let mut n = numbering(&format!("{outline}{extra}"));
    assert_eq!(n.next("3", 0).as_deref(), Some("一、"));
    assert_eq!(n.next("4", 0).as_deref(), Some("二、"));
    assert_eq!(n.next("5", 0).as_deref(), Some("一、"));
    assert_eq!(n.next("5", 0).as_deref(), Some("二、"));
    assert_eq!(n.next("3", 0).as_deref(), Some("三、"));
}

#[test]
fn multi_level_text_legal_numbering_and_lvl_restart() {
    let levels = [
        lvl(0, "chineseCounting", "第%1章", ""),
        lvl(1, "decimal", "%1.%2", r#"<w:isLgl/>"#),
        lvl(2, "decimal", "%3)", r#"<w:lvlRestart w:val="0"/>"#),
    ]
    .concat();
    let mut n = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#
    ));
    assert_eq!(n.next("1", 0).as_deref(), Some("第一章 "));
    assert_eq!(n.next("1", 1).as_deref(), Some("1.1 "));
    assert_eq!(n.next("1", 2).as_deref(), Some("1) "));
    assert_eq!(n.next("1", 0).as_deref(), Some("第二章 "));
    assert_eq!(n.next("1", 1).as_deref(), Some("2.1 "));
    // lvlRestart 0: the third level never restarts.
    assert_eq!(n.next("1", 2).as_deref(), Some("2) "));
}

#[test]
fn bullets_unknown_lists_and_missing_levels_give_no_number() {
    let bullets = lvl(0, "bullet", "\u{f06c}", "");
    let mut n = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="2">{bullets}</w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="2"/></w:num>"#
    ));
    assert_eq!(n.next("9", 0), None);
    assert_eq!(n.next("9", 4), None);
    assert_eq!(n.next("404", 0), None);
}
