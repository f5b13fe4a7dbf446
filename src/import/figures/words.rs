//! The words labels are made of and trimmed of: verbs a counted thing follows, filler, and the
//! words that end a counted noun.

/// Verbs a counted thing follows ("办结1839件", "建立4个…").
pub(super) const VERBS: &[&str] = &[
    "开展", "举办", "组织", "召开", "建立", "建成", "设立", "调整", "办结", "办理", "受理", "接收", "收到", "审查",
    "审核", "备案", "发布", "公开", "制定", "出台", "修订", "修改", "废止", "清理", "取消", "编制", "推出", "上线",
    "减少", "压缩", "处理", "查处", "发现", "整改", "整合", "协调", "落实", "解决", "化解", "调处", "答复", "参加",
    "聘请", "新增", "检查", "排查", "督办", "提供", "接待", "回复", "征集", "征求", "审结", "立案", "作出", "做出",
    "出具", "核查", "完成", "实施", "录入", "归集", "推送", "公示", "评查", "抽查", "走访", "发放", "印发", "纳入",
    "创建", "打造", "开通", "推行", "梳理", "认领", "评审", "指导", "审批", "调解", "培训", "派出", "选派", "配备",
    "招录", "吸纳", "覆盖", "收集", "报送", "签订", "签署", "审议", "听取", "旁听", "宣讲", "发送", "张贴", "悬挂",
    "播放", "摆放", "设置", "增设", "下放", "承接", "精简", "优化", "帮助", "挽回", "追回", "办件", "参与", "履职",
    "执行", "通报", "约谈", "考核", "评估", "撤销", "变更", "维持", "驳回", "纠正", "移送", "聘任", "任命",
];
/// Filler at the start of a label.
pub(super) const LEADING: &[&str] = &[
    "全年共",
    "全年",
    "年内",
    "全区",
    "全市",
    "全县",
    "全镇",
    "全省",
    "本年度",
    "今年",
    "当年",
    "共计",
    "其中",
    "同时",
    "另外",
    "此外",
    "先后",
    "分别",
    "累计共",
    "已",
    "并",
    "将",
];
/// Words that end with a filler character and are no filler ("违法行为", "公共").
pub(super) const PROTECTED: &[&str] = &[
    "行为", "作为", "认为", "成为", "因为", "到达", "发达", "传达", "下达", "表达", "送达", "统计", "设计", "会计",
    "附近", "合约", "条约", "节约", "公共", "总是", "还是", "所有", "具有", "没有", "拥有", "为了", "除了",
];
/// Filler at the end of a label, longest first within a word.
pub(super) const TRAILING: &[&str] = &[
    "均达到",
    "分别为",
    "保持在",
    "均为",
    "均达",
    "均是",
    "都是",
    "都达",
    "达到",
    "共计",
    "总计",
    "合计",
    "超过",
    "不足",
    "不到",
    "均",
    "都",
    "达",
    "为",
    "是",
    "了",
    "共",
    "约",
    "近",
    "逾",
    "有",
    "计",
];
/// Filler anywhere in a label.
pub(super) const INSIDE: &[&str] = &["各级各类", "各类", "各项"];
/// Words after a counted noun that end it: adverbs, verbs of the rest of the clause.
pub(super) const NOUN_STOPS: &[&str] = &[
    "进行", "开展", "参加", "参与", "实现", "通过", "得到", "予以", "提供", "同比", "其中", "全部", "均", "都", "按",
    "并", "已", "被", "共", "累计", "占", "达",
];
/// Words that hold a joining character and do not join two nouns.
pub(super) const NOT_JOINERS: &[&str] =
    &["参与", "给与", "以及", "及时", "和谐", "与会", "公共", "总共", "到达", "发达", "首都", "平均", "合并"];
/// Characters joining two nouns.
pub(super) const JOINERS: &str = "、和及与";
