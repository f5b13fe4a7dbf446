//! Readable ids for suggested catalogue entries: the label's words in English snake_case,
//! from a small dictionary of the words 法治政府 reports use ("行政复议案件办结" →
//! `admin_review_cases_closed`), so that an author has an id worth keeping.

/// The dictionary: a Chinese word and its English snake_case.
const DICTIONARY: &[(&str, &str)] = &[
    ("行政复议", "admin_review"),
    ("行政应诉", "admin_litigation"),
    ("行政诉讼", "admin_litigation"),
    ("出庭应诉", "court_appearance"),
    ("规范性文件", "normative_docs"),
    ("合法性审查", "legality_review"),
    ("重大行政决策", "major_decisions"),
    ("政府信息", "gov_info"),
    ("依申请公开", "disclosure_requests"),
    ("政务公开", "gov_disclosure"),
    ("政务服务", "gov_services"),
    ("行政执法", "enforcement"),
    ("执法人员", "enforcement_officers"),
    ("行政许可", "licensing"),
    ("行政处罚", "penalties"),
    ("行政检查", "inspections"),
    ("法律顾问", "legal_advisers"),
    ("公职律师", "public_lawyers"),
    ("法律援助", "legal_aid"),
    ("法律咨询", "legal_consultations"),
    ("人民调解", "mediation"),
    ("调解", "mediation"),
    ("普法", "law_education"),
    ("学法", "law_study"),
    ("培训", "training"),
    ("讲座", "lectures"),
    ("宣传", "publicity"),
    ("案件", "cases"),
    ("事项", "items"),
    ("文件", "documents"),
    ("信息", "info"),
    ("申请", "applications"),
    ("建议", "proposals"),
    ("提案", "proposals"),
    ("证明", "certificates"),
    ("合同", "contracts"),
    ("意见", "opinions"),
    ("会议", "meetings"),
    ("活动", "events"),
    ("人员", "staff"),
    ("干部", "officials"),
    ("单位", "units"),
    ("企业", "enterprises"),
    ("群众", "residents"),
    ("窗口", "windows"),
    ("平台", "platforms"),
    ("网上", "online"),
    ("办结", "closed"),
    ("审结", "closed"),
    ("受理", "accepted"),
    ("审查", "reviewed"),
    ("审核", "reviewed"),
    ("备案", "filed"),
    ("公开", "disclosure"),
    ("发布", "published"),
    ("办理", "handled"),
    ("开展", "held"),
    ("举办", "held"),
    ("组织", "organised"),
    ("制定", "drafted"),
    ("清理", "cleared"),
    ("取消", "cancelled"),
    ("纠错", "corrected"),
    ("败诉", "lost"),
    ("满意", "satisfaction"),
    ("执法", "enforcement"),
    ("复议", "review"),
    ("检查", "inspections"),
    ("处罚", "penalties"),
    ("许可", "licences"),
    ("新增", "new"),
    ("累计", "total"),
    ("率", "rate"),
];

/// A readable id for a suggested entry labelled `label` of the kind named `kind`, not among
/// `taken`: the label's words in English ("admin_review_cases_closed"), or the kind's name
/// when no word is known ("count"), then a number where that id is taken ("count_2").
pub(crate) fn suggest(label: &str, kind: &str, taken: &[&str]) -> String {
    let chars: Vec<char> = label.chars().collect();
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let hit = DICTIONARY.iter().filter(|(zh, _)| {
            let w: Vec<char> = zh.chars().collect();
            chars[i..].starts_with(&w)
        });
        match hit.max_by_key(|(zh, _)| zh.chars().count()) {
            Some((zh, en)) => {
                if words.last() != Some(en) && !words.contains(en) {
                    words.push(en);
                }
                i += zh.chars().count();
            }
            None => i += 1,
        }
    }
    if kind == "rate" && words.last() != Some(&"rate") {
        words.retain(|w| *w != "rate");
        words.push("rate");
    }
    let keep = words.len().saturating_sub(4);
    let base = if words.is_empty() { kind.to_string() } else { words[keep..].join("_") };
    if !taken.contains(&base.as_str()) {
        return base;
    }
    (2..).map(|n| format!("{base}_{n}")).find(|id| !taken.contains(&id.as_str())).unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn an_id_is_made_of_the_labels_words() {
        assert_eq!(suggest("行政复议案件办结", "count", &[]), "admin_review_cases_closed");
        assert_eq!(suggest("受理政府信息公开申请", "count", &[]), "accepted_gov_info_disclosure_applications");
        assert_eq!(suggest("行政应诉败诉率", "rate", &[]), "admin_litigation_lost_rate");
        assert_eq!(suggest("组织开展执法培训", "count", &[]), "organised_held_enforcement_training");
    }

    #[test]
    fn an_unknown_label_gets_its_kind_and_a_taken_id_a_number() {
        assert_eq!(suggest("某某某", "count", &[]), "count");
        assert_eq!(suggest("某某某", "count", &["count"]), "count_2");
        assert_eq!(suggest("法律援助案件", "count", &["legal_aid_cases", "legal_aid_cases_2"]), "legal_aid_cases_3");
    }
}
