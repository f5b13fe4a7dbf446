//! A report's text as the finder reads it: paragraphs cut into sentences (each knowing whether
//! it lies in a stated target's scope), table rows made into sentences, and the spaces some
//! pages put around numbers ("236 项") taken out.

/// Words that open a target's scope: what follows them in the same sentence (up to 。, across
/// ；) states targets, not results ("主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业…").
pub(crate) const SCOPE_WORDS: [&str; 5] = ["预期目标", "主要目标", "目标是", "目标为", "力争"];

/// A sentence of a report, ready to be read for figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// The sentence, spaces next to numbers taken out.
    pub text: String,
    /// Whether an earlier part of the same sentence opened a target's scope.
    pub in_target_scope: bool,
}

/// A paragraph's sentences, split after 。！？ and ；, each knowing whether it is in a target's
/// scope opened earlier in its sentence.
pub(crate) fn paragraph_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for full in text.split_inclusive(['。', '！', '？']) {
        let mut scope = false;
        for part in full.split_inclusive(['；', ';']) {
            let part = tighten(part.trim());
            if !part.is_empty() {
                out.push(Sentence { text: part.clone(), in_target_scope: scope });
            }
            scope = scope || SCOPE_WORDS.iter().any(|w| part.contains(w));
        }
    }
    out
}

/// `text` without the spaces between a number and the Chinese words around it: "办理 1.3 万件"
/// is "办理1.3万件" (Latin text keeps its spaces).
pub(crate) fn tighten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{a0}' || c == '\u{3000}' {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
            let percent = |c: Option<char>| matches!(c, Some('%' | '％'));
            if (digit(prev) && (wide(next) || percent(next))) || (wide(prev) && digit(next)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A table's rows as sentences: the row's label, then its value with its unit. The unit is
/// the one the row's label or the column's header names in brackets ("审查规范性文件（件）",
/// "数量（件）"). Where the header names years ("2023年 | 2022年"), the latest year's column is
/// the value and the year before's is given as the previous year's ("，上年为38件").
pub(crate) fn table_sentences(rows: &[Vec<String>]) -> Vec<Sentence> {
    let Some(header) = rows.first() else { return Vec::new() };
    let years: Vec<(usize, i32)> = header.iter().enumerate().filter_map(|(c, h)| Some((c, year_cell(h)?))).collect();
    let latest = years.iter().max_by_key(|(_, y)| *y).copied();
    let previous = latest.and_then(|(_, l)| years.iter().find(|(_, y)| *y == l - 1).copied());
    rows.iter()
        .skip(1)
        .map(|row| {
            let text = match (latest, row.first()) {
                (Some((value_col, _)), Some(label)) => {
                    let (name, unit) = split_unit(label);
                    let cell = |c: usize| row.get(c).map(|t| t.trim().to_string()).filter(|t| is_bare(t));
                    let mut t = name.to_string();
                    if let Some(v) = cell(value_col) {
                        t.push_str(&format!("{v}{unit}"));
                        if let Some(p) = previous.and_then(|(c, _)| cell(c)) {
                            t.push_str(&format!("，上年为{p}{unit}"));
                        }
                    }
                    t
                }
                _ => row
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        let t = cell.trim();
                        let unit = header.get(c).map_or("", |h| split_unit(h).1);
                        if is_bare(t) {
                            format!("{t}{unit}")
                        } else {
                            t.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            Sentence { text: tighten(&text), in_target_scope: false }
        })
        .collect()
}

/// A cell holding a bare number ("85", "30.48").
fn is_bare(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
}

/// A header cell naming a year: "2023", "2023年", "2023年度".
fn year_cell(h: &str) -> Option<i32> {
    let t = h.trim().trim_end_matches('度').trim_end_matches('年');
    let year: i32 = t.parse().ok().filter(|_| t.len() == 4)?;
    (1990..=2100).contains(&year).then_some(year)
}

/// A label and the unit it names in brackets: "数量（件）" is ("数量", "件").
fn split_unit(label: &str) -> (&str, &str) {
    let t = label.trim();
    match t.find(['（', '(']) {
        Some(open) if t.ends_with(['）', ')']) => {
            let inner = &t[open..];
            let inner = inner.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
            (&t[..open], inner)
        }
        _ => (t, ""),
    }
}
