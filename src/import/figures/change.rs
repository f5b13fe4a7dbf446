//! The changes and previous-year figures a report states beside a figure: "，同比增长17.1%"
//! after it, "网上信访量同比上升49.4%" with no level, and "，上年为38件".

use crate::model::change_words::{ChangeWords, DOWN_VERBS, UP_VERBS};

/// Comparisons a change may open with.
const COMPARISONS: [&str; 9] = ["同比", "比上年", "较上年", "比去年", "较去年", "较20", "比20", "与上年", "与去年"];
/// Words that give the previous year's figure: "上年为38件", "2022年为38件".
const PREVIOUS_WORDS: [&str; 4] = ["上年为", "去年为", "上年同期为", "上一年为"];

/// Whether `text` opens like a change: a comparison or a verb.
fn opens_a_change(text: &str) -> bool {
    COMPARISONS.iter().chain(UP_VERBS.iter()).chain(DOWN_VERBS.iter()).any(|w| text.starts_with(w))
}

/// The end of the clause starting at `from`.
fn clause_end(s: &[char], from: usize) -> usize {
    s[from..].iter().position(|c| "，,；;。、".contains(*c)).map_or(s.len(), |p| from + p)
}

/// The change stated just after a figure ("，同比增长77%"), checked with [`ChangeWords`]; one
/// short clause with no number may come between ("295.4亿元，按可比价格计算，比上年增长7.7%").
pub(crate) fn stated_after(s: &[char], from: usize, unit: &str) -> Option<String> {
    let mut i = from;
    for hop in 0..2 {
        if matches!(s.get(i), Some('，' | ',')) {
            i += 1;
        }
        let end = clause_end(s, i);
        let text: String = s[i..end.max(i)].iter().collect();
        let text = text.trim();
        if opens_a_change(text) {
            return ChangeWords::parse(text, unit).ok().map(|c| c.text);
        }
        let short_aside = text.chars().count() <= 10 && !text.chars().any(|c| c.is_ascii_digit());
        if hop > 0 || !short_aside || end >= s.len() || !matches!(s[end], '，' | ',') {
            return None;
        }
        i = end;
    }
    None
}

/// The change a number ending at `end` states on its own, with the offset where its words
/// start: "网上信访量同比上升49.4%" gives "同比上升49.4%". The comparison (同比, 比上年 …) must
/// be written: a verb alone ("增长8%") is as often a target or a share as a change.
pub(crate) fn stated_alone(s: &[char], start: usize, end: usize, unit: &str) -> Option<(usize, String)> {
    let head: String = s[start.saturating_sub(8)..start].iter().collect();
    let at = COMPARISONS.iter().filter_map(|w| head.rfind(w)).min()?;
    let from = start.saturating_sub(8) + head[..at].chars().count();
    let words: String = s[from..start].iter().collect();
    if !UP_VERBS.iter().chain(DOWN_VERBS.iter()).any(|v| words.contains(v)) {
        return None;
    }
    let stop = clause_end(s, end);
    let text: String = s[from..stop].iter().collect();
    ChangeWords::parse(text.trim(), unit).ok().map(|c| (from, c.text))
}

/// Whether a number is a change rather than a level, from the words of its clause before it
/// (`before`) and the text just after it: "同比增长20%", "比上年提高3个百分点", "，增长8%",
/// "网上信访量同比上升49.4%". Such a number is the change of a figure, never a figure of its own.
pub(crate) fn is_a_change(before: &str, after: &str) -> bool {
    if after.starts_with("个百分点") || after.starts_with("百分点") {
        return true;
    }
    let before = before.trim_end_matches('了').trim_matches(|c: char| c.is_whitespace() || "，,、".contains(c));
    let verb_last = UP_VERBS.iter().chain(DOWN_VERBS.iter()).any(|v| before.ends_with(v));
    let verb_alone = UP_VERBS.iter().chain(DOWN_VERBS.iter()).any(|v| before == *v);
    verb_alone || (verb_last && COMPARISONS.iter().any(|w| before.contains(w)))
}

/// Whether the number at `start` is a previous year's figure ("上年为38件", "2022年为38件").
pub(crate) fn is_previous(s: &[char], start: usize) -> bool {
    let head: String = s[start.saturating_sub(6)..start].iter().collect();
    if PREVIOUS_WORDS.iter().any(|w| head.ends_with(w)) {
        return true;
    }
    // "2022年为…": a year then 为.
    let n = head.chars().count();
    n >= 6 && head.ends_with("年为") && head.chars().take(4).all(|c| c.is_ascii_digit())
}

/// Whether the number from `start` to `end` is where a change starts from: "由54.9%提高到58.8%",
/// "从54万亿元增加到82.7万亿元". The number after it is the figure.
pub(crate) fn is_from(s: &[char], start: usize, end: usize, next_start: Option<usize>) -> bool {
    let Some(next) = next_start else { return false };
    let before = start.checked_sub(1).map(|i| s[i]);
    if !matches!(before, Some('由' | '从')) || next < end {
        return false;
    }
    let between: String = s[end..next].iter().collect();
    let verb = UP_VERBS.iter().chain(DOWN_VERBS.iter()).any(|v| between.contains(v));
    verb && (between.ends_with('到') || between.ends_with('至')) && between.chars().count() <= 8
}
