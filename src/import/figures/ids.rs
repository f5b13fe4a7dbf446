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
    ("职权", "powers"),
    ("权责", "powers"),
    ("清单", "lists"),
    ("目录", "catalogues"),
    ("标准化", "standardised"),
    ("服务", "services"),
    ("专题", "themes"),
    ("一件事", "one_stop"),
    ("要件", "requirements"),
    ("材料", "materials"),
    ("跑动", "trips"),
    ("审批", "approvals"),
    ("证照", "licences"),
    ("公证", "notarisations"),
    ("履职", "duties"),
    ("决策", "decisions"),
    ("违法", "violations"),
    ("隐患", "hazards"),
    ("问题", "issues"),
    ("工作站", "stations"),
    ("服务站", "stations"),
    ("中心", "centres"),
    ("应急", "emergency"),
    ("带教", "coaching"),
    ("代表", "deputies"),
    ("委员", "members"),
    ("人大", "congress"),
    ("政协", "cppcc"),
    ("议案", "motions"),
    ("答复", "replies"),
    ("办复", "replies"),
    ("落实", "implemented"),
    ("协调", "coordinated"),
    ("负责同志", "leaders"),
    ("领导", "leaders"),
    ("旁听庭审", "trial_attendance"),
    ("庭审", "trials"),
    ("考试", "exams"),
    ("参考", "participation"),
    ("参与", "participation"),
    ("合格", "pass"),
    ("完成", "completion"),
    ("工作人员", "staff"),
    ("律师", "lawyers"),
    ("专家", "experts"),
    ("村居", "villages"),
    ("社区", "communities"),
    ("乡镇", "towns"),
    ("街道", "streets"),
    ("部门", "departments"),
    ("机关", "bodies"),
    ("制度", "rules"),
    ("规章", "regulations"),
    ("方案", "plans"),
    ("任务", "tasks"),
    ("措施", "measures"),
    ("机制", "mechanisms"),
    ("领域", "fields"),
    ("专项", "special"),
    ("重点", "key"),
    ("新闻发布会", "press_conferences"),
    ("新闻", "news"),
    ("网站", "websites"),
    ("法院", "courts"),
    ("一审", "first_instance"),
    ("检察", "procuratorial"),
    ("公共法律服务", "public_legal_services"),
    ("法律服务", "legal_services"),
    ("法律意见", "legal_opinions"),
    ("法治", "rule_of_law"),
    ("依法行政", "law_based_admin"),
    ("营商环境", "business_environment"),
    ("监管", "supervision"),
    ("双随机", "random_inspections"),
    ("抽查", "spot_checks"),
    ("约谈", "interviews"),
    ("通报", "notices"),
    ("维持", "upheld"),
    ("撤销", "revoked"),
    ("驳回", "dismissed"),
    ("调整", "adjusted"),
    ("编制", "compiled"),
    ("推出", "launched"),
    ("上线", "launched"),
    ("减少", "reduced"),
    ("压缩", "cut"),
    ("废止", "repealed"),
    ("修改", "amended"),
    ("修订", "revised"),
    ("建立", "established"),
    ("建成", "built"),
    ("设立", "set_up"),
    ("处理", "dealt"),
    ("查处", "investigated"),
    ("发现", "found"),
    ("整改", "rectified"),
    ("召开", "convened"),
    ("聘请", "engaged"),
    ("聘任", "engaged"),
    ("接待", "received"),
    ("接收", "received"),
    ("收到", "received"),
    ("提出", "raised"),
    ("承办", "undertaken"),
    ("梳理", "reviewed"),
    ("参加", "attended"),
    ("报告", "reports"),
    ("询问", "inquiries"),
    ("咨询", "consultations"),
    ("投诉", "complaints"),
    ("举报", "reports"),
    ("信访", "petitions"),
    ("来电", "calls"),
    ("热线", "hotline"),
    ("就业", "jobs"),
    ("失业", "unemployment"),
    ("消费价格", "consumer_prices"),
    ("污水", "sewage"),
    ("固体废物", "solid_waste"),
    ("利用", "use"),
    ("处理率", "treatment"),
    ("满意率", "satisfaction"),
    ("同意", "agreed"),
    ("证明事项", "certificates"),
    ("告知承诺", "notify_commit"),
    ("中介", "intermediaries"),
    ("国有企业", "state_enterprises"),
    ("工作", "work"),
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
