//! Finding a report's figures in its text: every number the text states for an indicator of
//! the catalogue, written as the report writes it, with the change it states and its sentence.
//!
//! A number is a figure only when its unit fits the indicator's and the words next to it name
//! the indicator (its label or an alias, by their key nouns: [`keys`]); the words may come
//! before the number ("主动公开政府信息24509条") or after it ("174项企业个人常用信息复用").
//! Years, dates, ordinals, versions, document numbers, plan periods, expressions and list
//! numbers are never figures ([`scan`]), nor are targets, five-year totals and the numbers of a
//! report's plans for the next year.

mod keys;
mod scan;
#[cfg(test)]
mod seeds;
#[cfg(test)]
mod tests;

use crate::import::Block;
use crate::model::catalogue::{Catalogue, Indicator, Kind};
use crate::model::change_words::ChangeWords;
use crate::model::written::Written;
use scan::Number;

/// What [`find`] found in a report's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Figures for indicators of the catalogue, in the order of the text.
    pub figures: Vec<FoundFigure>,
    /// Numbers with a unit that name no indicator of the catalogue.
    pub unmatched: Vec<Unmatched>,
}

/// A figure the text states for an indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFigure {
    /// The indicator's id.
    pub indicator: String,
    /// The value as written, in the value grammar ("31.5万", "1500余", "90%以上").
    pub value: Option<String>,
    /// The change the report states, in its words ("同比增长17.1%").
    pub change: Option<String>,
    /// The sentence the figure comes from.
    pub sentence: String,
}

/// A number with a unit that names no indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The value as written ("612", "98%").
    pub value: String,
    /// The words before it that say what it counts.
    pub noun: String,
    /// The sentence it comes from.
    pub sentence: String,
    /// A catalogue entry it could become.
    pub suggested: SuggestedIndicator,
}

/// A catalogue entry suggested for an unmatched figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedIndicator {
    /// A placeholder id in snake_case ("count_3"), for the author to rename.
    pub id: String,
    /// The label: the words that say what the number counts.
    pub label: String,
    /// The unit written after the number.
    pub unit: String,
    /// Count, rate, amount or score, from the unit.
    pub kind: Kind,
}

/// Words that make a clause a target or a plan rather than a result.
const TARGET_WORDS: [&str; 8] = ["力争", "目标", "预计", "计划", "将达", "确保达到", "争取", "到20"];
/// Words that make a number a total over several years.
const MULTI_YEAR_WORDS: [&str; 7] = ["十三五", "十二五", "十四五期间", "五年来", "五年间", "期间累计", "五年累计"];
/// Words of a heading that opens the report's plans for the next year.
const PLAN_HEADINGS: [&str; 6] = ["安排", "计划", "打算", "思路", "下一步", "下一年"];
/// Units counted for unmatched figures, longest first.
const COUNT_UNITS: [&str; 12] = ["人次", "场次", "件", "项", "个", "条", "次", "家", "名", "人", "类", "场"];

/// Finds every figure `text` states for an indicator of `catalogue`.
pub fn find(text: &[Block], catalogue: &Catalogue) -> Found {
    let names: Vec<(&Indicator, Vec<Vec<char>>)> =
        catalogue.indicators.values().map(|i| (i, i.names().map(keys::key).collect())).collect();
    let mut found = Found::default();
    let mut in_plans = false;
    for block in text {
        let sentences = match block {
            Block::Heading(_, t) | Block::Paragraph(t) => {
                if let Some(plans) = plan_heading(t) {
                    in_plans = plans;
                }
                split_sentences(t)
            }
            Block::Table(rows) => table_sentences(rows),
        };
        if in_plans {
            continue;
        }
        for sentence in sentences {
            read_sentence(&sentence, &names, &mut found);
        }
    }
    found
}

/// Whether a paragraph is a numbered top-level heading ("四、2022年…的主要安排"), and if so
/// whether it opens the plans.
fn plan_heading(text: &str) -> Option<bool> {
    let t = text.trim();
    let head: String = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    if head.is_empty() || !t[head.len()..].starts_with('、') || t.chars().count() > 60 {
        return None;
    }
    Some(PLAN_HEADINGS.iter().any(|w| t.contains(w)))
}

/// A paragraph's sentences, split after 。！？；.
fn split_sentences(text: &str) -> Vec<String> {
    text.split_inclusive(['。', '！', '？', '；', ';'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A table's rows as sentences: cells joined by a space (one clause: the row names its
/// figure), a bare number given the unit its column header names in brackets ("数量（件）").
fn table_sentences(rows: &[Vec<String>]) -> Vec<String> {
    let header = rows.first();
    let unit_of = |col: usize| -> String {
        let h = header.and_then(|h| h.get(col)).map(String::as_str).unwrap_or("");
        let inner = h.split(['（', '(']).nth(1).unwrap_or("");
        inner.trim_end_matches(['）', ')']).to_string()
    };
    rows.iter()
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let t = cell.trim();
                    let bare = !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
                    if bare {
                        format!("{t}{}", unit_of(c))
                    } else {
                        t.to_string()
                    }
                })
                .collect();
            cells.join(" ")
        })
        .collect()
}

/// The clause (between ，；。) around offset `at`.
fn clause(s: &[char], at: usize) -> (usize, usize) {
    let stop = |c: &char| "，,；;。：:".contains(*c);
    let start = s[..at].iter().rposition(stop).map_or(0, |p| p + 1);
    let end = s[at..].iter().position(stop).map_or(s.len(), |p| at + p);
    (start, end)
}

fn read_sentence(sentence: &str, names: &[(&Indicator, Vec<Vec<char>>)], found: &mut Found) {
    let s: Vec<char> = sentence.chars().collect();
    let numbers = scan::numbers(&s);
    for (k, n) in numbers.iter().enumerate() {
        let (c_start, c_end) = clause(&s, n.start);
        let clause_text: String = s[c_start..c_end].iter().collect();
        if TARGET_WORDS.iter().chain(MULTI_YEAR_WORDS.iter()).any(|w| clause_text.contains(w)) {
            continue;
        }
        let prev_end = if k > 0 { numbers[k - 1].end } else { 0 };
        let next_start = numbers.get(k + 1).map_or(s.len(), |m| m.start);
        let matched = match_number(&s, n, (prev_end.max(c_start), next_start, c_end), names);
        if matched.is_empty() {
            if let Some(u) = unmatched(&s, n, prev_end, sentence, found.unmatched.len()) {
                found.unmatched.push(u);
            }
        }
        for (indicator, value, end) in matched {
            // A report states an indicator's figure once; a later number for it is something else
            // (a total of several bodies, a restatement).
            if found.figures.iter().any(|f| f.indicator == indicator.id) {
                continue;
            }
            let unit = indicator.unit.text.as_str();
            let percent = indicator.kind == Kind::Rate;
            if Written::parse_for(&value, unit, percent).is_err() {
                continue;
            }
            let change = stated_change(&s, end, unit);
            found.figures.push(FoundFigure {
                indicator: indicator.id.clone(),
                value: Some(value),
                change,
                sentence: sentence.to_string(),
            });
        }
    }
}

/// The indicators the number `n` is a figure of, each with its value and the offset after it.
/// `bounds` are the end of the number before, the start of the number after and the clause end.
fn match_number<'a>(
    s: &[char],
    n: &Number,
    bounds: (usize, usize, usize),
    names: &[(&'a Indicator, Vec<Vec<char>>)],
) -> Vec<(&'a Indicator, String, usize)> {
    let (prev_end, next_start, clause_end) = bounds;
    let before_near = keys::normalise(&s[prev_end..n.start].iter().collect::<String>());
    let before_far = keys::normalise(&s[..prev_end].iter().collect::<String>());
    let shared = ["均为", "均达", "均", "都是", "都达"].iter().any(|w| {
        let w: Vec<char> = w.chars().collect();
        before_near.ends_with(&w)
    });
    // "占全区总数的30%": a share of something else, not a rate of the catalogue.
    let percent = matches!(s.get(n.end), Some('%' | '％'));
    if percent && before_near.windows(2).any(|w| w[0] == '占' && w[1] != '比') {
        return Vec::new();
    }
    let mut best: Vec<(keys::Fit, &Indicator, String, usize)> = Vec::new();
    for (indicator, keys_of) in names {
        let Some((value, end)) = scan::value_for(s, n, &indicator.unit.text) else { continue };
        // The noun after a number runs to the next number, the clause end or a word joining
        // another noun (和 及 与 、), and must name the indicator on its own.
        let after_end = next_start.min(clause_end).max(end);
        let joiner = s[end..after_end].iter().position(|c| "和及与、".contains(*c)).map_or(after_end, |p| end + p);
        let after_near = keys::normalise(&s[end..joiner].iter().collect::<String>());
        let fit = keys_of
            .iter()
            .flat_map(|k| [keys::fit(k, &before_near, &before_far), keys::fit(k, &after_near, &[])])
            .filter(keys::Fit::accepted)
            .max_by(|a, b| rank(a).partial_cmp(&rank(b)).unwrap_or(std::cmp::Ordering::Equal));
        if let Some(fit) = fit {
            best.push((fit, indicator, value, end));
        }
    }
    best.sort_by(|a, b| rank(&b.0).partial_cmp(&rank(&a.0)).unwrap_or(std::cmp::Ordering::Equal));
    if !shared {
        best.truncate(1);
    }
    best.into_iter().map(|(_, i, v, e)| (i, v, e)).collect()
}

/// How a fit ranks against another: a whole key first, then coverage, then a longer ending.
fn rank(f: &keys::Fit) -> (u8, f64, usize) {
    (u8::from(f.whole), f.coverage, f.ending)
}

/// The change stated just after a figure ("，同比增长77%"), checked with [`ChangeWords`].
fn stated_change(s: &[char], from: usize, unit: &str) -> Option<String> {
    let mut i = from;
    if matches!(s.get(i), Some('，' | ',')) {
        i += 1;
    }
    let end = s[i..].iter().position(|c| "，,；;。、".contains(*c)).map_or(s.len(), |p| i + p);
    let text: String = s[i..end.max(i)].iter().collect();
    let text = text.trim().to_string();
    let starts_right = ["同比", "比上年", "较上年", "比去年", "较去年", "较20", "比20", "与上年", "与去年"]
        .iter()
        .chain(crate::model::change_words::UP_VERBS.iter())
        .chain(crate::model::change_words::DOWN_VERBS.iter())
        .any(|w| text.starts_with(w));
    if !starts_right || text.is_empty() {
        return None;
    }
    ChangeWords::parse(&text, unit).ok().map(|c| c.text)
}

/// A number with a count unit or a % that names no indicator, with a suggested entry.
fn unmatched(s: &[char], n: &Number, prev_end: usize, sentence: &str, seq: usize) -> Option<Unmatched> {
    let (unit, kind) = if matches!(s.get(n.end), Some('%' | '％')) {
        ("%", Kind::Rate)
    } else {
        let rest: String = s[n.end..(n.end + 2).min(s.len())].iter().collect();
        (COUNT_UNITS.iter().find(|u| rest.starts_with(*u)).copied()?, Kind::Count)
    };
    let (c_start, c_end) = clause(s, n.start);
    let text = |a: usize, b: usize| -> String {
        keys::normalise(&s[a..b.max(a)].iter().collect::<String>()).into_iter().collect()
    };
    let before = text(c_start.max(prev_end), n.start);
    let before = COUNT_UNITS.iter().fold(before.as_str(), |b, u| b.strip_prefix(u).unwrap_or(b));
    let before = before.trim_matches(['、', '%', '，', ',']).to_string();
    if unit == "%" && before.contains('占') {
        return None;
    }
    // "推出12个…": a noun of a verb or less is written after the number.
    let noun = if before.chars().count() >= 3 {
        before
    } else {
        let after_unit = n.end + unit.chars().count();
        let after = text(after_unit.min(c_end), c_end);
        after.split(|c: char| "和及与、".contains(c) || c.is_ascii_digit()).next().unwrap_or("").to_string()
    };
    let value = if unit == "%" { format!("{}%", n.digits) } else { n.digits.clone() };
    let id = format!("{}_{}", kind.name(), seq + 1);
    Some(Unmatched {
        value,
        noun: noun.clone(),
        sentence: sentence.to_string(),
        suggested: SuggestedIndicator { id, label: noun, unit: unit.to_string(), kind },
    })
}
