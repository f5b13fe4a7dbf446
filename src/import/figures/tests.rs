//! The traps: numbers that look like figures and are not, and the forms figures take.

use super::*;
use crate::model::catalogue::{Better, Indicator};
use crate::model::numbers::Unit;

fn indicator(id: &str, label: &str, unit: &str, kind: Kind) -> Indicator {
    let mut i = Indicator::example(kind, Better::Neutral, Unit::plain(unit));
    i.id = id.to_string();
    i.label = label.to_string();
    i
}

fn catalogue() -> Catalogue {
    let mut c = Catalogue::default();
    for i in [
        indicator("published", "主动公开政府信息", "条", Kind::Count),
        indicator("drafts", "征集意见的政策性文件草案", "件", Kind::Count),
        indicator("accept_rate", "政务服务受理率", "%", Kind::Rate),
        indicator("reply_rate", "答复率", "%", Kind::Rate),
        indicator("lawyers", "公职律师", "名", Kind::Count),
        indicator("advisers", "法律顾问", "名", Kind::Count),
        indicator("reviews", "办结行政复议案件", "件", Kind::Count),
        indicator("meetings", "常务会议学法", "次", Kind::Count),
        Indicator {
            aliases: vec!["依申请公开".into()],
            ..indicator("requests", "政府信息公开申请", "件", Kind::Count)
        },
    ] {
        c.indicators.insert(i.id.clone().into(), i);
    }
    c
}

fn found(text: &str) -> Vec<(String, String, Option<String>)> {
    let blocks = vec![Block::Paragraph(text.to_string())];
    find(&blocks, &catalogue())
        .figures
        .into_iter()
        .map(|f| (f.indicator, f.value.unwrap_or_default(), f.change))
        .collect()
}

fn one(id: &str, value: &str) -> Vec<(String, String, Option<String>)> {
    vec![(id.to_string(), value.to_string(), None)]
}

#[test]
fn a_number_after_its_noun() {
    assert_eq!(found("全年主动公开政府信息24509条。"), one("published", "24509"));
}

#[test]
fn a_number_before_its_noun() {
    assert_eq!(found("就14件政策性文件草案公开征集意见。"), one("drafts", "14"));
}

#[test]
fn two_in_one_sentence() {
    let f = found("聘请公职律师612名和法律顾问174名。");
    assert_eq!(f, vec![("lawyers".into(), "612".into(), None), ("advisers".into(), "174".into(), None)]);
}

#[test]
fn one_value_shared_by_several() {
    let f = found("政务服务受理率和答复率均为100%。");
    let ids: Vec<&str> = f.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(ids, ["accept_rate", "reply_rate"]);
    assert!(f.iter().all(|f| f.1 == "100%"));
}

#[test]
fn magnitudes_qualifiers_and_the_stated_change() {
    assert_eq!(found("主动公开政府信息31.5万条。"), one("published", "31.5万"));
    assert_eq!(found("主动公开政府信息1500余条。"), one("published", "1500余"));
    assert_eq!(found("政务服务受理率达90%以上。"), one("accept_rate", "90%以上"));
    assert_eq!(found("主动公开政府信息约3万条。"), one("published", "约3万"));
    let f = found("主动公开政府信息1865条，同比增长17.1%。");
    assert_eq!(f[0].2.as_deref(), Some("同比增长17.1%"));
}

#[test]
fn a_number_in_another_unit_is_not_the_figure() {
    assert!(found("办结行政复议案件涉及群众85人。").is_empty());
}

#[test]
fn traps_are_never_figures() {
    for text in [
        "2021年主动公开政府信息工作全面推进。",
        "2022年3月29日主动公开政府信息。",
        "第六届常务会议学法活动举行。",
        "主动公开政府信息平台6.0版上线。",
        "政务服务受理率四连冠。",
        "形成“6+4”办结行政复议案件机制。",
        "依据〔2019〕28号文件办结行政复议案件。",
        "落实纲要（2021-2025年）办结行政复议案件。",
        "1.办结行政复议案件。",
        "力争主动公开政府信息达到30000条。",
        "十三五期间累计办结行政复议案件500件。",
        "答复率达标的单位占全部单位的30%。",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn the_plans_for_next_year_are_not_results() {
    let blocks = vec![
        Block::Paragraph("一、2021年主要举措".into()),
        Block::Paragraph("办结行政复议案件85件。".into()),
        Block::Paragraph("四、2022年工作安排".into()),
        Block::Paragraph("办结行政复议案件100件。".into()),
    ];
    let f = find(&blocks, &catalogue());
    assert_eq!(f.figures.len(), 1);
    assert_eq!(f.figures[0].value.as_deref(), Some("85"));
}

#[test]
fn a_number_naming_no_indicator_is_unmatched_with_a_suggestion() {
    let blocks = vec![Block::Paragraph("组织开展执法培训12场。".into())];
    let f = find(&blocks, &catalogue());
    assert!(f.figures.is_empty());
    assert_eq!(f.unmatched.len(), 1);
    assert_eq!(f.unmatched[0].value, "12");
    assert_eq!(f.unmatched[0].suggested[0].unit, "场");
    assert_eq!(f.unmatched[0].suggested[0].kind, Kind::Count);
    assert_eq!(f.unmatched[0].noun, "组织开展执法培训");
    let after = find(&[Block::Paragraph("推出12个集成服务专题和3个窗口。".into())], &catalogue());
    assert_eq!(after.unmatched[0].noun, "推出集成服务专题");
    // With no noun after it, the verb before it takes the object of the clause before.
    let verb = find(&[Block::Paragraph("新收案件65件，办结60件。".into())], &catalogue());
    let labels: Vec<&str> = verb.unmatched.iter().map(|u| u.suggested[0].label.as_str()).collect();
    assert_eq!(labels, ["新收案件", "办结新收案件"]);
}

#[test]
fn an_alias_names_the_indicator() {
    assert_eq!(found("区政府受理依申请公开101件，全部依法办理。"), one("requests", "101"));
}

#[test]
fn a_later_number_for_the_same_indicator_is_not_taken() {
    let f = found("办结行政复议案件85件；两级合计办结行政复议案件120件。");
    assert_eq!(f, one("reviews", "85"));
}

#[test]
fn a_table_row_gives_its_figure_with_the_unit_of_its_column() {
    let table = Block::Table(vec![
        vec!["指标".into(), "数量（件）".into()],
        vec!["办结行政复议案件".into(), "85".into()],
        vec!["2021年".into(), "3".into()],
    ]);
    let f = find(&[table], &catalogue());
    assert_eq!(f.figures.len(), 1);
    assert_eq!((f.figures[0].indicator.as_str(), f.figures[0].value.as_deref()), ("reviews", Some("85")));
}

#[test]
fn a_number_inside_a_latin_word_is_not_a_figure() {
    assert!(found("PM2.5常务会议学法。").is_empty());
}

#[test]
fn spaces_around_a_number_are_read_through() {
    assert_eq!(found("全年主动公开政府信息 24509 条。"), one("published", "24509"));
    assert_eq!(found("政务服务受理率 98.5%。"), one("accept_rate", "98.5%"));
}

#[test]
fn a_label_split_by_other_words_names_the_figure() {
    assert_eq!(found("全区收到行政复议申请90件，共办结85件。"), one("reviews", "85"));
    assert!(found("全区收到行政诉讼申请90件，共办结85件。").is_empty());
}

#[test]
fn a_target_scope_runs_to_the_end_of_its_sentence() {
    assert!(found("主要预期目标是：主动公开政府信息30000条左右；公职律师100名以上。").is_empty());
    assert!(found("力争公职律师达到100名，法律顾问200名。").is_empty());
    assert!(found("“十四五”期间累计主动公开政府信息500条。").is_empty());
    assert!(found("五年来主动公开政府信息年均增长12%。").is_empty());
}

#[test]
fn a_look_back_over_five_years_and_the_targets_are_not_the_years_figures() {
    let blocks = vec![
        Block::Paragraph("一、过去五年工作成绩".into()),
        Block::Paragraph("公职律师从100名增加到612名。".into()),
        Block::Paragraph("二、2023年主要预期目标".into()),
        Block::Paragraph("法律顾问200名以上。".into()),
    ];
    assert!(find(&blocks, &catalogue()).figures.is_empty());
}

#[test]
fn a_change_from_one_level_to_another_gives_the_value_and_the_previous() {
    let blocks = vec![Block::Paragraph("政务服务受理率由95.2%提高到98.8%。".into())];
    let f = find(&blocks, &catalogue()).figures;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].value.as_deref(), Some("98.8%"));
    assert_eq!(f[0].previous.as_deref(), Some("95.2%"));
}

#[test]
fn last_years_figure_is_the_previous_not_the_value() {
    let blocks = vec![Block::Paragraph("聘请公职律师612名，上年为580名。".into())];
    let f = find(&blocks, &catalogue()).figures;
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].value.as_deref(), f[0].previous.as_deref()), (Some("612"), Some("580")));
    assert!(found("上年为580名公职律师。").is_empty());
}

#[test]
fn a_change_with_no_level_is_found_for_the_indicator_before_it() {
    let f = found("全区政府信息公开申请同比上升49.4%，主动公开政府信息1200条，同比增长3%。");
    assert_eq!(f[0], ("requests".to_string(), String::new(), Some("同比上升49.4%".to_string())));
    assert_eq!(f[1], ("published".into(), "1200".into(), Some("同比增长3%".into())));
}

#[test]
fn a_change_after_a_short_aside_is_the_figures() {
    let f = found("主动公开政府信息1865条，按口径计算，同比增长17.1%。");
    assert_eq!(f[0].2.as_deref(), Some("同比增长17.1%"));
}

#[test]
fn more_traps_are_never_figures() {
    for text in [
        "第3次常务会议学法于10月举行。",
        "公职律师考核全市第一名。",
        "建立“1+N”公职律师工作机制。",
        "依据[2019] 28号文件办结行政复议案件。",
        "办结行政复议案件咨询电话12345。",
        "公职律师10—15人组成服务团。",
        "主动公开政府信息工作四连冠。",
        "主动公开政府信息的单位占全部单位的30%。",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn a_table_with_year_columns_gives_this_years_value_and_last_years() {
    let table = Block::Table(vec![
        vec!["项目".into(), "2023年".into(), "2022年".into()],
        vec!["办结行政复议案件（件）".into(), "85".into(), "70".into()],
        vec!["公职律师（名）".into(), "612".into(), "".into()],
    ]);
    let f = find(&[table], &catalogue()).figures;
    let got: Vec<_> = f.iter().map(|f| (f.indicator.as_str(), f.value.as_deref(), f.previous.as_deref())).collect();
    assert_eq!(got, [("reviews", Some("85"), Some("70")), ("lawyers", Some("612"), None)]);
}

#[test]
fn an_unmatched_figure_gets_a_readable_id() {
    let f = find(&[Block::Paragraph("受理法律援助案件537件，办理公证441件。".into())], &catalogue());
    let ids: Vec<&str> = f.unmatched.iter().map(|u| u.suggested[0].id.as_str()).collect();
    assert_eq!(ids[0], "accepted_legal_aid_cases");
}

#[test]
fn a_stated_change_is_never_also_an_unmatched_figure() {
    let text = "新接收政府信息公开申请96件，同比增长20%，法定期限内予以答复94件。\
                答复率85%，比上年提高3个百分点。办理群众来信120件，同比增长8%。\
                网上信访量同比上升49.4%。受理投诉30件，增长了5%。新增加市场主体120户。";
    let f = find(&[Block::Paragraph(text.into())], &catalogue());
    let unmatched: Vec<(&str, &str)> = f.unmatched.iter().map(|u| (u.value.as_str(), u.noun.as_str())).collect();
    assert_eq!(unmatched, [("94", "法定期限内予以答复"), ("120", "办理群众来信"), ("30", "受理投诉")], "{f:#?}");
    assert_eq!(f.figures[0].change.as_deref(), Some("同比增长20%"));
    assert_eq!(f.figures[1].change.as_deref(), Some("比上年提高3个百分点"));
}
