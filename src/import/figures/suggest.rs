//! Suggested catalogue entries for the numbers with a unit that name no indicator: a label
//! saying what the number counts ([`label`]), an id made of its words ([`ids`]), the unit and
//! the kind.

use super::scan::Number;
use super::{change, clause, ids, keys, label, SuggestedIndicator, Unmatched, COUNT_UNITS};
use crate::model::catalogue::Kind;

/// A number with a count unit or a % that names no indicator, with its suggested entries; none
/// when it is a change, a share of something else, or no words say what it counts.
pub(super) fn unmatched(
    s: &[char],
    n: &Number,
    prev_end: usize,
    sentence: &str,
    taken: &[Unmatched],
) -> Option<Unmatched> {
    let (c_start, c_end) = clause(s, n.start);
    // A change ("同比增长20%") belongs to the figure before it, matched or not.
    let words_before: String = s[c_start.max(prev_end).min(n.start)..n.start].iter().collect();
    let after: String = s[n.end..(n.end + 4).min(s.len())].iter().collect();
    if change::is_a_change(&words_before, &after) {
        return None;
    }
    let (unit, kind) = if matches!(s.get(n.end), Some('%' | '％')) {
        ("%", Kind::Rate)
    } else {
        let rest: String = s[n.end..(n.end + 2).min(s.len())].iter().collect();
        (COUNT_UNITS.iter().find(|u| rest.starts_with(*u)).copied()?, Kind::Count)
    };
    let text = |a: usize, b: usize| -> String {
        keys::normalise(&s[a..b.max(a)].iter().collect::<String>()).into_iter().collect()
    };
    let from = c_start.max(prev_end);
    let before = text(from, n.start);
    // "121名群众146个": the unit of the number just before is not part of the words.
    let before = if from > c_start {
        COUNT_UNITS.iter().fold(before.as_str(), |b, u| b.strip_prefix(u).unwrap_or(b))
    } else {
        before.as_str()
    };
    let before = before.trim_matches(['、', '%', '，', ',']).to_string();
    if unit == "%" && before.contains('占') {
        return None;
    }
    let after_unit = (n.end + unit.chars().count()).min(c_end);
    let words = label::Words {
        before,
        lead: if from > c_start { text(c_start, n.start) } else { String::new() },
        after: text(after_unit, c_end),
        earlier: text(0, c_start),
        rate: kind == Kind::Rate,
        unit: if kind == Kind::Rate { String::new() } else { unit.to_string() },
    };
    let labels = label::labels(&words);
    let noun = labels.first()?.clone();
    let mut ids_taken: Vec<String> = taken.iter().flat_map(|u| u.suggested.iter().map(|s| s.id.clone())).collect();
    let suggested = labels
        .into_iter()
        .map(|label| {
            let refs: Vec<&str> = ids_taken.iter().map(String::as_str).collect();
            let id = ids::suggest(&label, kind.name(), &refs);
            ids_taken.push(id.clone());
            SuggestedIndicator { id, label, unit: unit.to_string(), kind }
        })
        .collect();
    let value = if unit == "%" { format!("{}%", n.digits) } else { n.digits.clone() };
    Some(Unmatched { value, noun, sentence: sentence.to_string(), suggested })
}
