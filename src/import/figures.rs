//! Finding a report's figures in its text: every number the text states for an indicator of
//! the catalogue, written as the report writes it, with the change it states and its sentence.
//!
//! A number is a figure only when its unit fits the indicator's and the words next to it name
//! the indicator (its label or an alias, by their key nouns: [`keys`]); the words may come
//! before the number ("主动公开政府信息24509条") or after it ("174项企业个人常用信息复用").
//! Years, dates, ordinals, versions, document numbers, plan periods, expressions and list
//! numbers are never figures ([`scan`]), nor are targets, five-year totals and the numbers of a
//! report's plans for the next year.

mod change;
mod ids;
mod keys;
mod label;
mod scan;
#[cfg(test)]
mod seeds;
mod suggest;
#[cfg(test)]
mod suggest_tests;
#[cfg(test)]
mod tests;
mod text;
mod words;

use crate::import::Block;
use crate::model::catalogue::{Catalogue, Indicator, Kind};
use crate::model::written::Written;
use scan::Number;
use text::Sentence;

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
    /// The previous year's figure as the report states it ("上年为38件", "由54.9%提高到…").
    pub previous: Option<String>,
    /// The sentence the figure comes from.
    pub sentence: String,
}

/// A number with a unit that names no indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The value as written ("612", "98%").
    pub value: String,
    /// The words that say what it counts (its first suggestion's label).
    pub noun: String,
    /// The sentence it comes from.
    pub sentence: String,
    /// The catalogue entries it could become: one, or one for each of several rates or nouns
    /// that share the value ("答复满意率和落实满意率均为100%").
    pub suggested: Vec<SuggestedIndicator>,
}

/// A catalogue entry suggested for an unmatched figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedIndicator {
    /// An id in snake_case made of the label's words ("admin_review_cases_closed"), for the
    /// author to keep or rename.
    pub id: String,
    /// The label: the words that say what the number counts.
    pub label: String,
    /// The unit written after the number.
    pub unit: String,
    /// Count, rate, amount or score, from the unit.
    pub kind: Kind,
}

/// Words that make a clause a target or a plan rather than a result.
const TARGET_WORDS: [&str; 9] = ["力争", "目标", "预计", "计划", "将达", "确保达到", "争取", "到20", "将力"];
/// Words that make a number a total over several years (quotes taken out first).
const MULTI_YEAR_WORDS: [&str; 9] =
    ["十三五", "十二五", "十四五期间", "五年来", "五年间", "期间累计", "五年累计", "过去五年", "年均"];
/// Words of a heading that opens the report's plans for the next year, or its targets.
const PLAN_HEADINGS: [&str; 7] = ["安排", "计划", "打算", "思路", "下一步", "下一年", "预期目标"];
/// Words of a heading that opens a look back over several years.
const MULTI_YEAR_HEADINGS: [&str; 4] = ["过去五年", "五年来", "五年工作", "十三五"];
/// Units counted for unmatched figures, longest first.
const COUNT_UNITS: [&str; 12] = ["人次", "场次", "件", "项", "个", "条", "次", "家", "名", "人", "类", "场"];

/// The catalogue's names as matched: each indicator with the keys of its label and aliases.
type Names<'a> = [(&'a Indicator, Vec<Vec<char>>)];

/// Finds every figure `text` states for an indicator of `catalogue`.
pub fn find(text: &[Block], catalogue: &Catalogue) -> Found {
    let names: Vec<(&Indicator, Vec<Vec<char>>)> =
        catalogue.indicators.values().map(|i| (i, i.names().map(keys::key).collect())).collect();
    let mut found = Found::default();
    let mut skipped = false;
    for block in text {
        let sentences = match block {
            Block::Heading(_, t) | Block::Paragraph(t) => {
                if let Some(skip) = skipped_heading(t) {
                    skipped = skip;
                }
                text::paragraph_sentences(t)
            }
            Block::Table(rows) => text::table_sentences(rows),
        };
        if skipped {
            continue;
        }
        for sentence in sentences {
            read_sentence(&sentence, &names, &mut found);
        }
    }
    found
}

/// Whether a paragraph is a numbered top-level heading ("四、2022年…的主要安排"), and if so
/// whether it opens a part whose numbers are not the year's results: the plans, the targets, a
/// look back over five years.
fn skipped_heading(text: &str) -> Option<bool> {
    let t = text.trim().trim_start_matches('#').trim();
    let head: String = t.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    if head.is_empty() || !t[head.len()..].starts_with('、') || t.chars().count() > 60 {
        return None;
    }
    Some(PLAN_HEADINGS.iter().chain(MULTI_YEAR_HEADINGS.iter()).any(|w| t.contains(w)))
}

/// The clause (between ，；。) around offset `at`.
fn clause(s: &[char], at: usize) -> (usize, usize) {
    let stop = |c: &char| "，,；;。：:".contains(*c);
    let start = s[..at].iter().rposition(stop).map_or(0, |p| p + 1);
    let end = s[at..].iter().position(stop).map_or(s.len(), |p| at + p);
    (start, end)
}

/// Whether the number at `at` states a target or a total over several years: its clause says
/// so, or its sentence opened a target's scope before it.
fn not_a_result(s: &[char], at: usize, sentence: &Sentence) -> bool {
    let (c_start, c_end) = clause(s, at);
    let clause_text: String = keys::normalise(&s[c_start..c_end].iter().collect::<String>()).into_iter().collect();
    let before: String = s[..c_start].iter().collect();
    sentence.in_target_scope
        || TARGET_WORDS.iter().chain(MULTI_YEAR_WORDS.iter()).any(|w| clause_text.contains(w))
        || text::SCOPE_WORDS.iter().any(|w| before.contains(w))
}

fn read_sentence(sentence: &Sentence, names: &Names, found: &mut Found) {
    let s: Vec<char> = sentence.text.chars().collect();
    let numbers = scan::numbers(&s);
    let first_here = found.figures.len();
    let mut from: Option<String> = None;
    for (k, n) in numbers.iter().enumerate() {
        let next_start = numbers.get(k + 1).map(|m| m.start);
        if change::is_from(&s, n.start, n.end, next_start) {
            from = Some(n.digits.clone());
            continue;
        }
        let previous = from.take();
        if change::is_previous(&s, n.start) {
            attach_previous(&s, n, &mut found.figures[first_here..]);
            continue;
        }
        if not_a_result(&s, n.start, sentence) {
            continue;
        }
        let (c_start, c_end) = clause(&s, n.start);
        // A number a change started from ("由54.9%提高到58.8%") is no boundary of the next.
        let before_k = if previous.is_some() { k.checked_sub(2) } else { k.checked_sub(1) };
        let prev_end = before_k.map_or(0, |j| numbers[j].end);
        let bounds = (prev_end.max(c_start), next_start.unwrap_or(s.len()), c_end);
        let matched = match_number(&s, n, bounds, names);
        if matched.is_empty() {
            if let Some(f) = change_alone(&s, n, prev_end.max(c_start), names, &sentence.text) {
                if !found.figures.iter().any(|g| g.indicator == f.indicator) {
                    found.figures.push(f);
                }
            } else if let Some(u) = suggest::unmatched(&s, n, prev_end, &sentence.text, &found.unmatched) {
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
            let previous = previous.as_ref().and_then(|p| {
                scan::value_for(&s, &numbers[k - 1], unit).map(|v| v.0).filter(|v| v.starts_with(p.as_str()))
            });
            found.figures.push(FoundFigure {
                indicator: indicator.id.clone(),
                value: Some(value),
                change: change::stated_after(&s, end, unit),
                previous,
                sentence: sentence.text.clone(),
            });
        }
    }
}

/// A previous year's figure ("，上年为38件") given to the figure of the same sentence just
/// before it, when it is written in that figure's unit.
fn attach_previous(s: &[char], n: &Number, figures: &mut [FoundFigure]) {
    let Some(last) = figures.last_mut() else { return };
    if last.previous.is_some() {
        return;
    }
    let value = last.value.as_deref().unwrap_or("");
    let unit: String = value.chars().filter(|c| !c.is_ascii_digit() && *c != '.').collect();
    // The unit is what follows the number in the text; compare it with the figure's sentence.
    let after: String = s[n.end..].iter().take(4).collect();
    let figure_unit = last.sentence.split(value).nth(1).map(|r| r.chars().take(1).collect::<String>());
    if figure_unit.is_some_and(|u| !u.is_empty() && after.starts_with(&u))
        || (unit.contains('%') && after.starts_with('%'))
    {
        let mut p = n.digits.clone();
        if after.starts_with('%') && unit.contains('%') {
            p.push('%');
        }
        last.previous = Some(p);
    }
}

/// A change stated with no level ("网上信访量同比上升49.4%") for the indicator the words before
/// it name.
fn change_alone(s: &[char], n: &Number, from: usize, names: &Names, sentence: &str) -> Option<FoundFigure> {
    names.iter().find_map(|(indicator, keys_of)| {
        let (start, text) = change::stated_alone(s, n.start, n.end, &indicator.unit.text)?;
        if start < from {
            return None;
        }
        let before = keys::normalise(&s[from..start].iter().collect::<String>());
        let named = keys_of.iter().any(|k| keys::fit(k, &before, &[]).whole);
        named.then(|| FoundFigure {
            indicator: indicator.id.clone(),
            value: None,
            change: Some(text),
            previous: None,
            sentence: sentence.to_string(),
        })
    })
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
