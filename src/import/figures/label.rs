//! Labels for suggested catalogue entries: the words that say what an unmatched number counts.
//!
//! A label is the verb and the noun counted after the number ("建立4个应急管理综合行政执法
//! 工作站" → "建立应急管理综合行政执法工作站"), or the noun phrase before it when the text is
//! "X达/为/是N" ("减少申报要件9项" → "减少申报要件"). Filler ("全年", "年内", "均为", "达", "了"…) is
//! left off, a verb with no object takes the object of the clause before ("新接收政府信息公开申请
//! 1865件，…，办结1839件" → "办结政府信息公开申请"), and a value shared by several rates gives one
//! label a rate ("答复满意率和落实满意率均为100%"). A label is never cut inside a word.

use super::words::{INSIDE, JOINERS, LEADING, NOT_JOINERS, NOUN_STOPS, PROTECTED, TRAILING, VERBS};

/// The words of a clause around an unmatched number, quotes and brackets taken out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    /// Between the clause start (or the number before in the clause) and the number.
    pub before: String,
    /// From the clause start to the number when another number comes before it in the clause,
    /// else empty.
    pub lead: String,
    /// After the number and its unit, to the clause end.
    pub after: String,
    /// The sentence before the number's clause.
    pub earlier: String,
    /// Whether the number is a percentage.
    pub rate: bool,
    /// The count unit written after the number ("件"), empty for a rate.
    pub unit: String,
}

/// The longest label suggested, in characters.
const MAX_CHARS: usize = 16;

fn len(s: &str) -> usize {
    s.chars().count()
}

/// Labels for the number the words are around: one, or one a rate where a value is shared.
pub(crate) fn labels(w: &Words) -> Vec<String> {
    if let Some(parts) = shared(w) {
        return parts;
    }
    let label = single(w);
    if label.is_empty() {
        Vec::new()
    } else {
        vec![label]
    }
}

/// `text` without filler at its start, end and inside.
fn trimmed(text: &str) -> String {
    let mut t: String = INSIDE.iter().fold(text.to_string(), |t, w| t.replace(w, ""));
    t = t.trim_matches(|c: char| "、，,%：:".contains(c) || c.is_whitespace()).to_string();
    // "…实施方案和": a joining character at the end joins the next number's noun.
    while t.ends_with(|c: char| JOINERS.contains(c)) && !NOT_JOINERS.iter().any(|w| t.ends_with(w)) {
        t.pop();
    }
    loop {
        let before = t.clone();
        if let Some(w) = LEADING.iter().find(|w| t.starts_with(*w)) {
            t = t[w.len()..].to_string();
        }
        // "新接收": 新 before a verb says when, not what.
        if let Some(rest) = t.strip_prefix('新').filter(|r| VERBS.iter().any(|v| r.starts_with(v))) {
            t = rest.to_string();
        }
        let protected = PROTECTED.iter().any(|p| t.ends_with(p));
        if let Some(w) = TRAILING.iter().find(|w| t.ends_with(*w)).filter(|_| !protected) {
            t.truncate(t.len() - w.len());
        }
        if t == before {
            return t;
        }
    }
}

/// The label of a number with one label.
fn single(w: &Words) -> String {
    let before = without_place(&trimmed(&w.before));
    let (noun, rest, stop) = noun_after(&w.after);
    // "对…等160家企业进行全覆盖检查": the act follows the noun.
    if w.before.starts_with('对') && matches!(stop.as_deref(), Some("进行" | "开展")) && !noun.is_empty() {
        let act = clause_part(&rest);
        if !act.is_empty() {
            return fit(format!("{act}{noun}"), &noun);
        }
    }
    // "编制…等8项政务服务标准化清单": what the list's examples are of follows the number.
    if let Some(pos) = before.rfind('等').filter(|_| !noun.is_empty() && before.ends_with('等')) {
        let verb = leading_verb(&before[..pos]);
        return fit(format!("{verb}{noun}"), &noun);
    }
    let verb = verb_ending(&before);
    if !noun.is_empty() && (verb.is_some() || (1..=2).contains(&len(&before))) {
        // "协调落实121名群众146个问题": the clause's verb is the second number's too.
        let carried = if verb.is_none() && !w.lead.is_empty() { leading_verbs(&w.lead) } else { String::new() };
        let verb = verb.unwrap_or_else(|| format!("{carried}{before}"));
        if let Some(second) = second_noun(&w.after) {
            let long = format!("{verb}{second}的{noun}");
            if len(&long) <= MAX_CHARS {
                return long;
            }
        }
        return fit(format!("{verb}{noun}"), &noun);
    }
    if before.is_empty() {
        // The thing counted is the subject: "5387名国家工作人员参加网上学法用法考试".
        let predicate = clause_part(&rest);
        if matches!(stop.as_deref(), Some("参加" | "参与" | "开展" | "进行" | "达")) && !predicate.is_empty() {
            let whole = format!("{noun}{}{predicate}", stop.unwrap_or_default());
            if len(&whole) <= MAX_CHARS {
                return whole;
            }
        }
        return noun;
    }
    if verb.as_deref() == Some(before.as_str()) && noun.is_empty() {
        if let Some(object) = object_before(&w.earlier, &w.unit) {
            return fit(format!("{before}{object}"), &before);
        }
    }
    fit(without_examples(&before), "")
}

/// `text` without a place it starts with ("在全区建立" → "建立").
fn without_place(text: &str) -> String {
    if !text.starts_with('在') {
        return text.to_string();
    }
    match first_verb(text) {
        Some(at) if at > 0 => text[at..].to_string(),
        _ => text.to_string(),
    }
}

/// A noun phrase with its examples left out: "组织公仆接待日等政民互动活动" → 组织政民互动活动.
fn without_examples(text: &str) -> String {
    match text.find('等') {
        Some(pos) if pos + '等'.len_utf8() < text.len() => {
            let verb = leading_verb(&text[..pos]);
            format!("{verb}{}", &text[pos + '等'.len_utf8()..])
        }
        _ => text.to_string(),
    }
}

/// The byte offset of the first verb in `text`.
fn first_verb(text: &str) -> Option<usize> {
    VERBS.iter().filter_map(|v| text.find(v)).min()
}

/// The verb `text` starts with, or nothing.
fn leading_verb(text: &str) -> String {
    let t = trimmed(text);
    VERBS.iter().find(|v| t.starts_with(*v)).map(|v| v.to_string()).unwrap_or_default()
}

/// The verbs `text` starts with ("协调落实…" → "协调落实").
fn leading_verbs(text: &str) -> String {
    let mut rest = trimmed(text);
    let mut out = String::new();
    while let Some(v) = VERBS.iter().filter(|v| rest.starts_with(*v)).max_by_key(|v| v.len()) {
        out.push_str(v);
        rest = rest[v.len()..].to_string();
    }
    out
}

/// The verbs `text` ends with ("协调落实", "现场开展" → "开展"), when it ends with one.
fn verb_ending(text: &str) -> Option<String> {
    let mut rest = text;
    let mut verb = String::new();
    while let Some(v) = VERBS.iter().filter(|v| rest.ends_with(*v)).max_by_key(|v| v.len()) {
        verb.insert_str(0, v);
        rest = &rest[..rest.len() - v.len()];
        let rest_trimmed = rest.strip_suffix('并').unwrap_or(rest);
        if rest_trimmed.len() != rest.len() && VERBS.iter().any(|v| rest_trimmed.ends_with(v)) {
            verb.insert(0, '并');
            rest = rest_trimmed;
        }
    }
    if verb.is_empty() {
        return None;
    }
    // A short phrase is the verb as written ("新接收", "调整").
    Some(if len(text) <= 4 { text.to_string() } else { verb })
}

/// The noun counted after the number's unit, what follows it, and the word that ended it.
fn noun_after(after: &str) -> (String, String, Option<String>) {
    let t: String = INSIDE.iter().fold(after.to_string(), |t, w| t.replace(w, ""));
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if let Some(stop) = NOUN_STOPS.iter().find(|w| rest.starts_with(*w)).filter(|_| i > 0) {
            return (t[..i].to_string(), rest[stop.len()..].to_string(), Some(stop.to_string()));
        }
        if let Some(w) = NOT_JOINERS.iter().find(|w| rest.starts_with(*w)) {
            i += w.len();
            continue;
        }
        if c.is_ascii_digit() || JOINERS.contains(c) || "，,；;。：:".contains(c) {
            return (t[..i].to_string(), rest.to_string(), None);
        }
        i += c.len_utf8();
    }
    (t, String::new(), None)
}

/// The start of `text` to its first joining character or clause boundary.
fn clause_part(text: &str) -> String {
    let end = text.find(|c: char| JOINERS.contains(c) || "，,；;。：:".contains(c) || c.is_ascii_digit());
    text[..end.unwrap_or(text.len())].to_string()
}

/// The noun of a second number that follows the first noun directly ("8家单位900余项职权事项"
/// → "职权事项").
fn second_noun(after: &str) -> Option<String> {
    let (first, rest, stop) = noun_after(after);
    if stop.is_some() || !rest.starts_with(|c: char| c.is_ascii_digit()) || first.is_empty() {
        return None;
    }
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = ["万", "亿", "余", "多"].iter().fold(rest, |r, q| r.strip_prefix(q).unwrap_or(r));
    let rest = super::COUNT_UNITS.iter().find_map(|u| rest.strip_prefix(u))?;
    let (second, _, _) = noun_after(rest);
    (!second.is_empty()).then_some(second)
}

/// The object of the last clause of `earlier` with a number in `unit` ("新接收政府信息公开申请
/// 1865件" → "政府信息公开申请").
fn object_before(earlier: &str, unit: &str) -> Option<String> {
    if unit.is_empty() {
        return None;
    }
    earlier.split(['，', ',', '；', ';']).rev().find_map(|clause| {
        let at = clause.char_indices().find_map(|(i, c)| {
            (c.is_ascii_digit() && !clause[..i].ends_with(|c: char| c.is_ascii_digit() || c == '.'))
                .then_some(i)
                .filter(|&i| {
                    let rest = clause[i..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
                    rest.trim_start_matches(['余', '多']).starts_with(unit)
                })
        })?;
        let words = trimmed(&clause[..at]);
        let object = match VERBS.iter().filter(|v| words.starts_with(*v)).max_by_key(|v| v.len()) {
            Some(v) => words[v.len()..].to_string(),
            None => words,
        };
        (len(&object) >= 2).then_some(object)
    })
}

/// A label of at most [`MAX_CHARS`] characters: `label`, or `short` when it is too long and not
/// empty, or `label` from its last verb ("北京全市各级行政复议机关审结行政复议案件" →
/// "审结行政复议案件"), or its last part after a joining character or 的; never cut inside a word.
fn fit(label: String, short: &str) -> String {
    if len(&label) <= MAX_CHARS {
        return label;
    }
    if !short.is_empty() && len(short) <= MAX_CHARS {
        return short.to_string();
    }
    let from_verb = VERBS.iter().filter_map(|v| label.rfind(v)).filter(|&p| p > 0).max();
    if let Some(p) = from_verb.filter(|&p| len(&label[p..]) >= 4) {
        return fit(label[p..].to_string(), "");
    }
    let cut = label.rfind(|c: char| JOINERS.contains(c) || c == '的').map(|p| p + 3);
    match cut {
        Some(p) if p < label.len() && len(&label[p..]) >= 2 => fit(label[p..].to_string(), ""),
        _ => label,
    }
}

/// Labels for a value several rates or nouns share ("答复满意率和落实满意率均为100%",
/// "参考率、合格率100%"), one each.
fn shared(w: &Words) -> Option<Vec<String>> {
    let raw = trimmed(&w.before);
    let marked = ["均为", "均达", "均是", "均", "都是", "都达", "都"].iter().any(|m| w.before.ends_with(m));
    let parts: Vec<String> = split_joined(&raw);
    if parts.len() < 2 || parts.iter().any(String::is_empty) {
        return None;
    }
    let rates = w.rate && parts.last().is_some_and(|p| p.ends_with('率'));
    if !(marked || rates && parts.iter().all(|p| p.ends_with('率'))) {
        return None;
    }
    // "检查实施清单和应报完备实施清单完成率": a rate named once at the end is each part's.
    let last = parts.last().cloned().unwrap_or_default();
    let suffix: String = if rates { last.chars().skip(len(&last).saturating_sub(3)).collect() } else { String::new() };
    let prefix = w.earlier.rsplit(['，', ',', '；', ';']).find(|c| !c.is_empty()).map(subject_of).unwrap_or_default();
    let out = parts
        .into_iter()
        .map(|p| {
            let p = if rates && !p.ends_with('率') { format!("{p}{suffix}") } else { p };
            // "参考率": a bare rate takes what the clause before was about.
            if len(&p) <= 3 && !prefix.is_empty() {
                fit(format!("{prefix}{p}"), &p)
            } else {
                fit(p, "")
            }
        })
        .collect();
    Some(out)
}

/// What a clause is about: its words after its last verb ("5387名国家工作人员参加网上学法用法
/// 考试" → "网上学法用法考试"), when it has a verb.
fn subject_of(clause: &str) -> String {
    let at = VERBS.iter().filter_map(|v| clause.rfind(v).map(|p| p + v.len())).max();
    match at {
        Some(p) if !clause[p..].contains(|c: char| c.is_ascii_digit()) => trimmed(&clause[p..]),
        _ => String::new(),
    }
}

/// `text` cut at the characters joining nouns, except inside words that hold one.
fn split_joined(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if let Some(w) = NOT_JOINERS.iter().find(|w| rest.starts_with(*w)) {
            if let Some(p) = parts.last_mut() {
                p.push_str(w);
            }
            i += w.len();
            continue;
        }
        if JOINERS.contains(c) {
            parts.push(String::new());
        } else {
            if let Some(p) = parts.last_mut() {
                p.push(c);
            }
        }
        i += c.len_utf8();
    }
    parts.into_iter().map(|p| trimmed(&p)).collect()
}
