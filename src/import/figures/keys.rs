//! How a sentence names an indicator: its label's key nouns, found near a number.
//!
//! Real wording differs from labels ("纠错率" for 行政复议纠错率, "取消各类证明" for
//! 清理（取消）各类证明), so a name is matched by its longest ending found in the words next to
//! the number, backed by how many of its character pairs the sentence holds.

/// Characters that say nothing about which indicator is meant: quotes, brackets, spaces.
fn is_noise(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '（' | '）' | '(' | ')' | '《' | '》' | ' ' | '\u{3000}'
    )
}

/// The text without quotes, brackets and spaces, as characters.
pub(crate) fn normalise(text: &str) -> Vec<char> {
    text.chars().filter(|c| !is_noise(*c)).collect()
}

/// Endings of a name that only say "the number of" and are left off when matching.
const GENERIC_ENDINGS: [&str; 9] = ["活动场次", "件数", "数量", "次数", "案件", "事项", "占比", "情况", "活动"];

/// A name (label or alias) as matched: normalised, its generic ending left off.
pub(crate) fn key(name: &str) -> Vec<char> {
    let mut chars = normalise(name);
    for ending in GENERIC_ENDINGS {
        let e: Vec<char> = ending.chars().collect();
        if chars.len() >= e.len() + 2 && chars.ends_with(&e) {
            chars.truncate(chars.len() - e.len());
            break;
        }
    }
    chars
}

/// How well a key is named by the words near a number (`near`: between it and the number before
/// it, or up to the clause end after it) and the rest of its sentence on that side (`far`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Fit {
    /// Characters of the key's longest ending found in `near`.
    pub ending: usize,
    /// Share of the key's character pairs found: 1 for each in `near`, ½ for each only in `far`.
    pub coverage: f64,
    /// Whether the whole key was found in `near`.
    pub whole: bool,
    /// Whether the key is split around other words: its start (a verb, "办结") in `near` and
    /// its rest in `far` ("行政复议案件……共办结85件").
    pub split: bool,
}

impl Fit {
    /// Whether the words name the key well enough to take the number for it: its whole key, a
    /// long ending (5 characters) with some support, or an ending of 2 backed by half its pairs.
    pub fn accepted(&self) -> bool {
        self.whole
            || self.split
            || (self.ending >= 5 && self.coverage >= 0.3)
            || (self.ending >= 2 && self.coverage >= 0.5)
    }
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Verbs that say what was done with cases or documents: a key with one names no number whose
/// words say another ("收到行政复议申请90件" is not 办结行政复议案件).
const ACTIONS: [&str; 9] = ["办结", "审结", "受理", "收到", "新收", "审查", "备案", "立案", "结案"];

/// Whether the words near a number state an action other than the key's own.
fn another_action(key: &[char], near: &[char]) -> bool {
    let has = |hay: &[char], w: &str| contains(hay, &w.chars().collect::<Vec<_>>());
    let Some(own) = ACTIONS.iter().find(|w| has(key, w)) else { return false };
    !has(near, own) && ACTIONS.iter().any(|w| w != own && has(near, w))
}

/// Whether a part of a key is only "率" with a word before it: a rate named apart is not split.
fn ends_in_a_rate(part: &[char]) -> bool {
    part.len() <= 2 && part.last() == Some(&'率')
}

/// How `key` fits the words `near` a number and the `far` rest of the sentence.
pub(crate) fn fit(key: &[char], near: &[char], far: &[char]) -> Fit {
    if another_action(key, near) {
        return Fit { ending: 0, coverage: 0.0, whole: false, split: false };
    }
    let mut ending = (2..=key.len()).rev().find(|&n| contains(near, &key[key.len() - n..])).unwrap_or(0);
    let whole = key.len() >= 2 && ending == key.len();
    // "率" says only that it is a rate: "办率" does not name 网上可办率.
    if key.last() == Some(&'率') && !whole {
        ending = ending.saturating_sub(1);
    }
    let pairs: Vec<&[char]> = key.windows(2).collect();
    let score: f64 = pairs
        .iter()
        .map(|p| {
            if contains(near, p) {
                1.0
            } else if contains(far, p) {
                0.5
            } else {
                0.0
            }
        })
        .sum();
    let coverage = if pairs.is_empty() { 0.0 } else { score / pairs.len() as f64 };
    let split = !whole
        && (2..=key.len().saturating_sub(2))
            .any(|k| near.ends_with(&key[..k]) && contains(far, &key[k..]) && !ends_in_a_rate(&key[k..]));
    Fit { ending, coverage, whole, split }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Vec<char> {
        t.chars().collect()
    }

    #[test]
    fn generic_endings_are_left_off_and_quotes_dropped() {
        assert_eq!(key("合法性审查件数"), s("合法性审查"));
        assert_eq!(key("“最多跑一次”事项占比"), s("最多跑一次事项"));
        assert_eq!(key("社区（村）政务服务站"), s("社区村政务服务站"));
        assert_eq!(key("事项"), s("事项"));
        assert_eq!(key("学法普法活动场次"), s("学法普法"));
    }

    #[test]
    fn a_short_ending_needs_the_sentence_behind_it() {
        let k = key("行政复议纠错率");
        assert!(fit(&k, &s("件，纠错率"), &s("全年办结行政复议案件218")).accepted());
        assert!(!fit(&k, &s("件，纠错率"), &s("全年办结案件218")).accepted());
        let kitchen = key("“互联网+明厨亮灶”完成率");
        assert!(!fit(&kitchen, &s("检查实施清单和应报完备实施清单完成率均为"), &s("")).accepted());
        let online = key("政务服务网上可办率");
        let closed = key("办结行政复议案件");
        assert!(fit(&closed, &s("共办结"), &s("行政复议案件受理90件")).accepted());
        assert!(!fit(&closed, &s("共办结"), &s("行政诉讼案件受理90件")).accepted());
        assert!(!fit(&online, &s("政务服务事项一窗通办率达"), &s("")).accepted());
    }
}
