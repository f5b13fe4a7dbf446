//! The strings annalist writes into pages itself, as a type: one field per key, filled once
//! when the theme loads.
//!
//! Table cells, lists of reports, contents lists, dates, chart titles and facet headings are
//! written in Rust, not by a template, so a key they need that a translation file lacks would
//! print as a blank instead of failing. Every such key is therefore a field of [`UiStrings`]:
//! code reads `t.no_data`, never looks a string up by name, and a translation file without one
//! of them is refused when the theme loads.

use super::Strings;
use crate::model::LargeNumbers;

/// Declares [`UiStrings`] with one `String` field per key written here, and [`UiStrings::KEYS`]
/// listing them, so the struct and the list of keys a translation file must have cannot drift.
macro_rules! ui_strings {
    ($($(#[doc = $doc:literal])+ $key:ident,)+) => {
        /// The interface strings Rust code writes into pages, as the translation file of the
        /// site's language gives them (not escaped). Built once per theme and passed by
        /// reference to everything that writes HTML.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct UiStrings {
            $($(#[doc = $doc])+ pub $key: String,)+
            /// `months`: the twelve month names (`date_format`'s `{month}`), in order.
            pub months: [String; 12],
            /// `large_numbers`: whether the language writes large figures in 万 and 亿 (plain
            /// when the translation file does not say).
            pub large_numbers: LargeNumbers,
        }

        impl UiStrings {
            /// Every key a translation file must have because Rust code writes it into pages.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key),)+ "months"];

            /// The strings of `map` as fields, or every key it lacks and whether `months` does
            /// not name twelve months.
            pub fn read(map: &Strings) -> Result<UiStrings, Vec<Problem>> {
                let mut problems: Vec<Problem> =
                    Self::KEYS.iter().filter(|k| !map.contains_key(**k)).map(|k| Problem::Missing(k)).collect();
                let months = map.get("months").and_then(|m| twelve_months(m));
                if map.contains_key("months") && months.is_none() {
                    problems.push(Problem::NotTwelveMonths);
                }
                let (Some(months), true) = (months, problems.is_empty()) else { return Err(problems) };
                let text = |key: &str| map.get(key).cloned().unwrap_or_default();
                Ok(UiStrings {
                    $($key: text(stringify!($key)),)+
                    months,
                    large_numbers: match map.get("large_numbers").map(String::as_str) {
                        Some("chinese") => LargeNumbers::Chinese,
                        _ => LargeNumbers::Plain,
                    },
                })
            }
        }
    };
}

ui_strings! {
    /// `approx`: the mark of an approximate figure (约, "c.").
    approx,
    /// `approx_title`: what the approximate mark means, as its tooltip.
    approx_title,
    /// `bound_title`: what a bound's mark means, as its tooltip.
    bound_title,
    /// `below`: the mark of an upper bound (以下, "or less").
    below,
    /// `above`: the mark of a lower bound (以上, "or more").
    above,
    /// `cumulative`: the mark of a cumulative total (累计).
    cumulative,
    /// `cumulative_title`: what the cumulative mark means, as its tooltip.
    cumulative_title,
    /// `derived`: the mark of a value worked out from a stated change.
    derived,
    /// `derived_title`: what the derived mark means, as its tooltip.
    derived_title,
    /// `not_comparable_bound`: a change not given because a value is a bound.
    not_comparable_bound,
    /// `not_comparable_cumulative`: a change not given because a value is cumulative.
    not_comparable_cumulative,
    /// `not_comparable_break`: a change not given because a break in series lies between.
    not_comparable_break,
    /// `ambiguous_change`: the mark of a "%" change on a rate that may be points or percent.
    ambiguous_change,
    /// `restated`: the mark of last year's value as a later report restates it; `{year}` is
    /// that report's year.
    restated,
    /// `restated_title`: what the restated mark means, as its tooltip.
    restated_title,
    /// `compared_with`: the year a change is measured against, where it is not the year
    /// before; `{year}` is that year.
    compared_with,
    /// `pp`: the unit of a change of a rate, in percentage points.
    pp,
    /// `new_base`: why a change from zero has no relative change.
    new_base,
    /// `change`: the word before a change in its plain-text form.
    change,
    /// `improved`: a change in the better direction.
    improved,
    /// `worsened`: a change in the worse direction.
    worsened,
    /// `unchanged`: no change.
    unchanged,
    /// `neutral`: a change of an indicator with no better direction.
    neutral,
    /// `no_data`: the tooltip of a missing value's dash.
    no_data,
    /// `date_format`: how a date reads, with `{year}`, `{month}` and `{day}`.
    date_format,
    /// `contents`: the heading of a page's contents list.
    contents,
    /// `note`: the label of a figure's note.
    note,
    /// `colon`: the colon after a label, as the language writes it.
    colon,
    /// `list_separator`: what separates the items of a list in running text (、 or ", ").
    list_separator,
    /// `stated_change`: the label of a change the report states itself.
    stated_change,
    /// `year_n`: a year as the language names it, with `{year}`.
    year_n,
    /// `figures_count`: the word after a report's number of figures.
    figures_count,
    /// `paren_open`: an opening parenthesis as the language writes it (a chart's unit).
    paren_open,
    /// `paren_close`: a closing parenthesis as the language writes it.
    paren_close,
    /// `entities_in_region`: a region's page title, with `{name}`.
    entities_in_region,
    /// `entities_at_level`: a level's page title, with `{name}`.
    entities_at_level,
    /// `by_region`: the heading of the list of every region.
    by_region,
    /// `by_level`: the heading of the list of every level.
    by_level,
    /// `chart_desc`: how to read an indicator's chart, its accessible description, with
    /// `{lines}`, `{first}`, `{last}`, `{low}` and `{high}`.
    chart_desc,
    /// `chart_derived`: the key under a chart to its hollow points and dashed lines.
    chart_derived,
}

/// Why a translation file's strings cannot be read into [`UiStrings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A key Rust code writes into pages is missing.
    Missing(&'static str),
    /// `months` does not name twelve months separated by commas.
    NotTwelveMonths,
}

/// The twelve comma-separated names of `months`, as written (not trimmed), or `None` when
/// there are not twelve.
fn twelve_months(months: &str) -> Option<[String; 12]> {
    let names: Vec<String> = months.split(',').map(str::to_string).collect();
    names.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Strings {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// Every key, each with its own name as text and twelve months.
    fn complete() -> Strings {
        let mut m = map(&[("months", "1,2,3,4,5,6,7,8,9,10,11,12")]);
        for k in UiStrings::KEYS.iter().filter(|k| **k != "months") {
            m.insert(k.to_string(), k.to_string());
        }
        m
    }

    #[test]
    fn every_key_becomes_its_field_as_written() {
        let mut m = complete();
        m.insert("approx".into(), "约 & <".into());
        let t = UiStrings::read(&m).unwrap();
        assert_eq!((t.approx.as_str(), t.no_data.as_str(), t.by_level.as_str()), ("约 & <", "no_data", "by_level"));
        assert_eq!((t.months[0].as_str(), t.months[11].as_str()), ("1", "12"));
        assert_eq!(t.large_numbers, LargeNumbers::Plain);
        m.insert("large_numbers".into(), "chinese".into());
        assert_eq!(UiStrings::read(&m).unwrap().large_numbers, LargeNumbers::Chinese);
    }

    #[test]
    fn months_keep_their_spaces_and_must_be_twelve() {
        let mut m = complete();
        m.insert("months".into(), "Jan, Feb,3,4,5,6,7,8,9,10,11,12".into());
        assert_eq!(UiStrings::read(&m).unwrap().months[1], " Feb");
        m.insert("months".into(), "1,2,3".into());
        assert_eq!(UiStrings::read(&m), Err(vec![Problem::NotTwelveMonths]));
    }

    #[test]
    fn every_missing_key_is_named() {
        let mut m = complete();
        m.shift_remove("no_data");
        m.shift_remove("months");
        assert_eq!(UiStrings::read(&m), Err(vec![Problem::Missing("no_data"), Problem::Missing("months")]));
        let keys: std::collections::HashSet<_> = UiStrings::KEYS.iter().collect();
        assert_eq!(keys.len(), UiStrings::KEYS.len(), "each key once");
    }
}
