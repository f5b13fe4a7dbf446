//! Numbers in a sentence, and the traps that look like figures but are not: years, dates,
//! ordinals, versions, document numbers, plan periods, expressions and list numbers.

/// A number written in a sentence, with the characters around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Number {
    /// Character offset of its first digit.
    pub start: usize,
    /// Character offset just after its last digit.
    pub end: usize,
    /// The digits as written ("30.48").
    pub digits: String,
}

/// Qualifiers written before a number, longest first.
pub(crate) const BEFORE: [&str; 6] = ["超过", "不到", "不足", "约", "近", "逾"];
/// Qualifiers written after the unit (or after a %), longest first.
pub(crate) const AFTER_UNIT: [&str; 4] = ["以上", "以下", "以内", "左右"];

/// Characters after a number that make it a date, a year, a version, an ordinal or a reference.
const NOT_A_FIGURE_AFTER: [char; 9] = ['年', '月', '日', '版', '届', '号', '时', '〕', ']'];
/// Characters before a number that make it an ordinal or a document number.
const NOT_A_FIGURE_BEFORE: [char; 4] = ['第', '〔', '[', '【'];
/// Characters that join two numbers into a range or an expression ("2021-2025", "6+4").
const JOINERS: [char; 9] = ['-', '—', '－', '–', '~', '～', '至', '+', '×'];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '/'
}

/// Every number in `s` that may be a figure, traps left out.
pub(crate) fn numbers(s: &[char]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !is_digit(s[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && is_digit(s[i]) {
            i += 1;
        }
        if i + 1 < s.len() && s[i] == '.' && is_digit(s[i + 1]) {
            i += 1;
            while i < s.len() && is_digit(s[i]) {
                i += 1;
            }
        }
        let number = Number { start, end: i, digits: s[start..i].iter().collect() };
        if !is_trap(s, &number) {
            out.push(number);
        }
    }
    out
}

/// Whether the number at `n` is a year, date, ordinal, version, document number, plan period,
/// expression, list number or part of a Latin word (PM2.5, 4.0版).
fn is_trap(s: &[char], n: &Number) -> bool {
    let before = if n.start > 0 { Some(s[n.start - 1]) } else { None };
    let after = s.get(n.end).copied();
    let after2 = s.get(n.end + 1).copied();
    if before.is_some_and(|c| is_latin(c) || NOT_A_FIGURE_BEFORE.contains(&c)) {
        return true;
    }
    if after.is_some_and(|c| c.is_ascii_alphabetic() || NOT_A_FIGURE_AFTER.contains(&c)) {
        return true;
    }
    let joined_before = before.is_some_and(|c| JOINERS.contains(&c))
        && n.start >= 2
        && (is_digit(s[n.start - 2]) || s[n.start - 2] == '年');
    let joined_after = after.is_some_and(|c| JOINERS.contains(&c)) && after2.is_some_and(is_digit);
    if joined_before || joined_after {
        return true;
    }
    // A list number: "1." "2、" "(3)" at the start of a clause.
    let at_clause_start = n.start == 0 || s[n.start - 1].is_whitespace() || "，。；：,;:(（".contains(s[n.start - 1]);
    let list_mark = match after {
        Some('.') => !after2.is_some_and(is_digit),
        Some('、' | '）' | ')' | '．') => true,
        _ => false,
    };
    at_clause_start && list_mark
}

/// What follows the number's digits, read for an indicator whose unit is `unit`: the value as
/// written in the value grammar ("1.2万余", "90%以上") and the offset just after it, or `None`
/// when the text's unit is not `unit`.
pub(crate) fn value_for(s: &[char], n: &Number, unit: &str) -> Option<(String, usize)> {
    let unit: Vec<char> = unit.chars().collect();
    let mut i = n.end;
    let mut value = String::new();
    let qualifier_before = BEFORE.iter().find(|q| ends_with_at(s, n.start, q));
    if let Some(q) = qualifier_before {
        value.push_str(q);
    }
    value.push_str(&n.digits);
    let starts = |i: usize, w: &[char]| !w.is_empty() && s.len() >= i + w.len() && s[i..i + w.len()] == *w;
    if unit == ['%'] {
        if !matches!(s.get(i), Some('%' | '％')) {
            return None;
        }
        value.push('%');
        i += 1;
    } else if unit.first().is_some_and(|c| *c == '万' || *c == '亿') {
        if !starts(i, &unit) {
            return None;
        }
        i += unit.len();
    } else {
        for m in ["万亿", "亿", "万"] {
            let m: Vec<char> = m.chars().collect();
            if starts(i, &m) {
                value.extend(m.iter());
                i += m.len();
                break;
            }
        }
        if matches!(s.get(i), Some('余' | '多')) {
            value.push(s[i]);
            i += 1;
        }
        if !starts(i, &unit) {
            return None;
        }
        i += unit.len();
    }
    if qualifier_before.is_none() {
        if let Some(q) = AFTER_UNIT.iter().find(|q| starts(i, &q.chars().collect::<Vec<_>>())) {
            value.push_str(q);
            i += q.chars().count();
        }
    }
    Some((value, i))
}

/// Whether `word` is written just before offset `at`.
fn ends_with_at(s: &[char], at: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    at >= w.len() && s[at - w.len()..at] == *w
}
