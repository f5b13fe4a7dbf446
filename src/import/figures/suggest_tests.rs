//! The suggestions for numbers that name no indicator: labels that say what is counted, ids
//! made of their words, and entries a catalogue reads as they are.

use super::*;
use crate::model::catalogue::{is_valid_id, Catalogue};

/// The labels suggested for the unmatched numbers of `text`, each with its value.
fn labels(text: &str) -> Vec<(String, String)> {
    find(&[Block::Paragraph(text.into())], &Catalogue::default())
        .unmatched
        .into_iter()
        .flat_map(|u| u.suggested.into_iter().map(move |s| (u.value.clone(), s.label)))
        .collect()
}

fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
    want.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect()
}

#[test]
fn the_verb_and_the_noun_counted_after_the_number() {
    assert_eq!(labels("在全区建立4个应急管理综合行政执法工作站。"), pairs(&[("4", "建立应急管理综合行政执法工作站")]));
    assert_eq!(labels("在各街道设立6个公共法律服务工作站。"), pairs(&[("6", "设立公共法律服务工作站")]));
    assert_eq!(labels("组织基层干部现场开展5场执法带教活动。"), pairs(&[("5", "开展执法带教活动")]));
}

#[test]
fn a_second_number_after_the_first_says_what_the_first_counted() {
    assert_eq!(labels("调整了8家单位900余项职权事项。")[0], pairs(&[("8", "调整职权事项的单位")])[0]);
    assert_eq!(labels("清理了12个部门30项证明材料。")[0], pairs(&[("12", "清理证明材料的部门")])[0]);
}

#[test]
fn the_clauses_verb_is_carried_to_its_second_number() {
    let got = labels("协调落实121名群众146个问题。");
    assert_eq!(got, pairs(&[("121", "协调落实问题的群众"), ("146", "协调落实群众问题")]));
    // A verb of its own is kept.
    assert_eq!(labels("帮助80名农民工追回30个欠薪问题。")[1], pairs(&[("30", "追回欠薪问题")])[0]);
}

#[test]
fn examples_before_the_number_are_left_out() {
    let text = "对燃气充装、检验检测、管道生产及销售等160家企业进行全覆盖检查。";
    assert_eq!(labels(text), pairs(&[("160", "全覆盖检查企业")]));
    assert_eq!(labels("对餐饮、商超等45家单位开展专项检查。"), pairs(&[("45", "专项检查单位")]));
    assert_eq!(labels("编制《行政许可事项清单》等8项标准化清单。"), pairs(&[("8", "编制标准化清单")]));
    assert_eq!(labels("组织公仆接待日等政民互动活动10次。"), pairs(&[("10", "组织政民互动活动")]));
}

#[test]
fn a_verb_with_no_object_takes_the_object_of_the_clause_before() {
    let text = "新接收政府信息公开申请1865件，同比增长77%，办结1839件。";
    assert_eq!(labels(text), pairs(&[("1865", "接收政府信息公开申请"), ("1839", "办结政府信息公开申请")]));
    let text = "受理行政复议申请52件，审结47件。";
    assert_eq!(labels(text)[1], pairs(&[("47", "审结行政复议申请")])[0]);
}

#[test]
fn a_noun_before_the_number_is_trimmed_of_filler_and_never_cut_inside_a_word() {
    assert_eq!(labels("全年处理各类违法案件107件。"), pairs(&[("107", "处理违法案件")]));
    assert_eq!(labels("执法案卷合格率达到98%。"), pairs(&[("98%", "执法案卷合格率")]));
    assert_eq!(labels("群众满意度保持在95%以上。"), pairs(&[("95%", "群众满意度")]));
    // "参与" holds a joining character and is no place to cut.
    let text = "制定重大行政决策事项目录，3项决策事项均按规定履行了公众参与、专家论证等程序。";
    assert_eq!(labels(text), pairs(&[("3", "决策事项")]));
    assert_eq!(labels("全市16家公共法律服务中心提供咨询。"), pairs(&[("16", "公共法律服务中心")]));
    for (_, label) in labels("北京全市各级行政复议机关审结行政复议案件8000件。") {
        assert!(label.chars().count() <= 16, "{label}");
        assert_eq!(label, "审结行政复议案件");
    }
}

#[test]
fn a_shared_value_gives_one_suggestion_a_rate() {
    let text = "代表委员答复满意率和落实满意率均为100%。";
    assert_eq!(labels(text), pairs(&[("100%", "代表委员答复满意率"), ("100%", "落实满意率")]));
    let text = "全区5387名国家工作人员参加网上学法用法考试，参考率、合格率100%。";
    let got = labels(text);
    assert_eq!(got[0], pairs(&[("5387", "国家工作人员参加网上学法用法考试")])[0]);
    assert_eq!(got[1..], pairs(&[("100%", "网上学法用法考试参考率"), ("100%", "网上学法用法考试合格率")]));
    // A rate named once at the end is each part's.
    let text = "检查实施清单和应报实施清单完成率均为100%。";
    assert_eq!(labels(text), pairs(&[("100%", "检查实施清单完成率"), ("100%", "应报实施清单完成率")]));
    // Two nouns that share a value are two suggestions, each with its own id.
    let f = find(&[Block::Paragraph("行政执法人员参与率和职权履职率均100%。".into())], &Catalogue::default());
    assert_eq!(f.unmatched.len(), 1);
    let ids: Vec<&str> = f.unmatched[0].suggested.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["enforcement_staff_participation_rate", "powers_duties_rate"]);
}

#[test]
fn ids_are_made_of_the_labels_words_not_placeholders() {
    let text = "推出21项倒计时审批事项，减少跑动12次，发现隐患27个，废止文件99件。";
    let f = find(&[Block::Paragraph(text.into())], &Catalogue::default());
    let ids: Vec<&str> = f.unmatched.iter().flat_map(|u| u.suggested.iter().map(|s| s.id.as_str())).collect();
    assert_eq!(ids, ["launched_approvals_items", "reduced_trips", "found_hazards", "repealed_documents"]);
    assert!(ids.iter().all(|id| is_valid_id(id)));
}
