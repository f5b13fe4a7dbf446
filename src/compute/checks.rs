//! Checks that warn without stopping the build: figures that disagree with each other or with
//! the text. annalist reports them and shows every figure as written; it never "corrects" one.

use super::typography::has_candidate;
use super::yoy::{signed_ascii, Delta, Percent};
use super::{Computed, Disagrees};
use crate::error::Diagnostic;
use crate::model::{AsWritten, Bound, Kind, Report, Site};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::path::Path;

/// Every warning about the site's figures and its text.
pub fn warnings(site: &Site, computed: &Computed) -> Vec<Diagnostic> {
    let mut out = warnings_about(site, computed, &(0..site.reports.len()).collect::<Vec<_>>());
    let pages = site.pages.iter().chain(&site.home).filter(|p| page_worth_reading(p)).map(|p| (p.file.as_path(), true));
    let entities = site.entities.iter().filter(|e| entity_worth_reading(e)).map(|e| (e.file.as_path(), true));
    let yaml = [(Path::new("site.yaml"), false), (Path::new("content/indicators.yaml"), false)];
    let files: Vec<(&Path, bool)> = yaml.into_iter().chain(entities).chain(pages).collect();
    out.extend(
        files.par_iter().flat_map_iter(|&(file, markdown)| typography(site, file, markdown)).collect::<Vec<_>>(),
    );
    for clash in &computed.facet_clashes {
        let e = &site.entities[clash.entity];
        let (key, value) = (clash.facet.key(), clash.facet.of(e));
        out.push(
            Diagnostic::warning(
                &e.file,
                1,
                1,
                format!("{key} '{value}' shares its page with '{}', written differently", clash.shown_as),
            )
            .with_hint(format!("write the {key} the same way in every organisation that has it")),
        );
    }
    out
}

/// The warnings about one entity and its reports (what a live preview shows after a save).
pub fn entity_warnings(site: &Site, computed: &Computed, entity: &str) -> Vec<Diagnostic> {
    let mut out =
        warnings_about(site, computed, computed.reports_by_entity.get(entity).map(Vec::as_slice).unwrap_or_default());
    if let Some(e) = site.entity(entity).filter(|e| entity_worth_reading(e)) {
        out.splice(0..0, typography(site, &e.file, true));
    }
    out
}

/// The Chinese-typography warnings about a content file (`markdown`: with front matter and a
/// body), read again for the places: the model keeps no position for most of its text. A file
/// that cannot be read gives none; loading it has said why. Callers first ask the model
/// whether any text of the file could have something to flag (`*_worth_reading`): most files
/// have nothing, and reading and parsing them all again would slow a check down.
fn typography(site: &Site, file: &Path, markdown: bool) -> Vec<Diagnostic> {
    match std::fs::read_to_string(site.root.join(file)) {
        Ok(text) => super::typography::file_warnings(file, &text, markdown),
        Err(_) => Vec::new(),
    }
}

/// Whether any of `texts`, or any text in `extra`, holds a candidate for the typography check.
fn any_candidate<'a>(mut texts: impl Iterator<Item = &'a str>, extra: &crate::model::Extra) -> bool {
    fn in_json(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => has_candidate(s.as_bytes()),
            serde_json::Value::Array(a) => a.iter().any(in_json),
            serde_json::Value::Object(o) => o.values().any(in_json),
            _ => false,
        }
    }
    texts.any(|t| has_candidate(t.as_bytes())) || extra.values().any(in_json)
}

/// Whether a report's text (front matter and body, as the model holds it) may hold half-width
/// marks next to Chinese: every text value its front matter may write is in one of these.
fn report_worth_reading(r: &Report) -> bool {
    let figures = r.indicators.values().flat_map(|f| {
        let remarks = f.remarks.as_deref();
        [
            f.change.as_deref().map(|c| c.text.as_str()),
            remarks.and_then(|m| m.note.as_deref()),
            remarks.and_then(|m| m.break_reason.as_deref()),
        ]
    });
    let own = [Some(r.title.as_str()), r.source.as_deref(), Some(r.body.markdown.as_str())];
    any_candidate(own.into_iter().chain(figures).flatten().chain(r.tags.iter().map(String::as_str)), &r.extra)
}

/// As [`report_worth_reading`], for an organisation's `_index.md`.
fn entity_worth_reading(e: &crate::model::Entity) -> bool {
    let texts = [e.name.as_str(), &e.short_name, &e.region, &e.level, &e.body.markdown];
    any_candidate(texts.into_iter(), &e.extra)
}

/// As [`report_worth_reading`], for a free page or the home page text.
fn page_worth_reading(p: &crate::model::Page) -> bool {
    let texts = [Some(p.title.as_str()), p.description.as_deref(), Some(p.body.markdown.as_str())];
    any_candidate(texts.into_iter().flatten(), &p.extra)
}

/// The warnings about the reports at `reports` (indexes into `site.reports`, ascending).
fn warnings_about(site: &Site, computed: &Computed, reports: &[usize]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    stated_changes(site, computed, reports, &mut out);
    // Each report is checked on its own (its body is read for every figure), so in parallel;
    // the order is the reports' own, as before the sort below.
    let per_report: Vec<Vec<Diagnostic>> = reports
        .par_iter()
        .map(|&i| {
            let r = &site.reports[i];
            let mut found = if report_worth_reading(r) { typography(site, &r.file, true) } else { Vec::new() };
            figures_in_text(r, &mut found);
            ratios(site, r, &mut found);
            missing_in_between(site, computed, r, &mut found);
            ambiguous_changes(r, &mut found);
            found
        })
        .collect();
    out.extend(per_report.into_iter().flatten());
    out.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    out
}

/// A stated change that the two reports it spans do not bear out, and a restated previous
/// value that last year's own report gives otherwise; none for a figure marked `reviewed`.
fn stated_changes(site: &Site, computed: &Computed, reports: &[usize], out: &mut Vec<Diagnostic>) {
    for d in computed.disagreements.iter().filter(|d| reports.binary_search(&d.report).is_ok()) {
        let r = &site.reports[d.report];
        let Some(f) = r.indicators.get(&d.indicator).filter(|f| !f.reviewed) else { continue };
        let id = &d.indicator;
        let (message, hint) = match &d.what {
            Disagrees::Change { stated, actual } => {
                let actual = match actual {
                    Delta::Change { diff, percent: Some(Percent::Of(p)), .. } => {
                        format!("{} ({}%)", signed_ascii(*diff), signed_ascii(*p))
                    }
                    Delta::Change { diff, .. } => signed_ascii(*diff),
                    _ => "values that cannot be compared".into(),
                };
                let base = stated.base_year.unwrap_or(r.year - 1);
                (
                    format!("'{id}' states a change of {} but the {base} report gives {actual}", stated.text),
                    "check both figures against the originals; annalist shows both as they are written",
                )
            }
            Disagrees::Previous { restated, own } => (
                format!(
                    "'{id}' restates {} as {} but the {} report gives {}",
                    r.year - 1,
                    restated.number(),
                    r.year - 1,
                    crate::model::numbers::decimal_text(*own)
                ),
                "a restated figure: the site shows the year's own report; mark it `reviewed: true` once looked into",
            ),
        };
        out.push(Diagnostic::warning(&r.file, f.pos.line, f.pos.col, message).with_hint(hint));
    }
}

/// The numbers written in a Markdown text: maximal runs of digits and decimal points. (Hashed
/// with foldhash: a report writes hundreds, and the keys are its own text.)
fn numbers_in(text: &str) -> HashSet<&str, foldhash::fast::RandomState> {
    let mut out = HashSet::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            out.insert(text[start..i].trim_end_matches('.'));
        } else {
            i += 1;
        }
    }
    out
}

/// A front-matter figure that appears nowhere in the report's text (nor through `value`).
fn figures_in_text(r: &Report, out: &mut Vec<Diagnostic>) {
    if r.indicators.is_empty() {
        return;
    }
    let numbers = numbers_in(&r.body.markdown);
    for (id, f) in r.indicators.iter().filter(|(_, f)| !f.reviewed) {
        let Some(value) = f.value else { continue };
        let text = crate::model::numbers::decimal_text(value);
        // As written (31.5万 is "31.5" in the text, 1500余 "1500"), or in full.
        let mantissa = f.written().map(|w| crate::model::numbers::decimal_text(w.mantissa));
        let text = f.written().map_or(text.clone(), |w| w.number());
        let shown = mantissa.as_deref().is_some_and(|m| numbers.contains(m))
            || numbers.contains(crate::model::numbers::decimal_text(value).as_str())
            || r.body.markdown.contains(&format!("value(id=\"{id}\""))
            || r.body.markdown.contains(&format!("value(id='{id}'"));
        if !shown {
            out.push(
                Diagnostic::warning(&r.file, f.pos.line, f.pos.col, format!("'{id}' is {text} here but the report's text never says {text}"))
                    .with_hint(format!("write the figure in the text, or use {{{{ value(id=\"{id}\") }}}} so text and table cannot drift apart")),
            );
        }
    }
}

/// A rate given with its numerator and denominator that does not match them, allowing for
/// rounding and truncation of the stated rate.
fn ratios(site: &Site, r: &Report, out: &mut Vec<Diagnostic>) {
    for (id, f) in &r.indicators {
        let Some(ind) = site.catalogue.get(id) else { continue };
        let (Kind::Rate, Some(ratio)) = (ind.kind, &ind.ratio) else { continue };
        let (Some(n), Some(d)) =
            (r.indicators.get(ratio.numerator.as_str()), r.indicators.get(ratio.denominator.as_str()))
        else {
            continue;
        };
        let exact = |x: &crate::model::Figure| {
            let plain = x.written().is_none_or(|w| w.magnitude == crate::model::written::Magnitude::One);
            x.value.filter(|_| plain && !x.approx && x.bound.is_none() && !x.cumulative)
        };
        let (Some(value), Some(n), Some(d)) = (exact(f), exact(n), exact(d)) else { continue };
        if f.reviewed || d.is_zero() {
            continue;
        }
        let Some(computed) = super::yoy::percent_of(n, d) else { continue };
        let unit = Decimal::new(1, value.scale());
        let slack = Decimal::new(1, 2);
        let low = value - unit / Decimal::TWO - slack;
        let high = value + unit + slack;
        if computed < low || computed > high {
            let shown = computed.round_dp(value.scale() + 1);
            out.push(
                Diagnostic::warning(
                    &r.file,
                    f.pos.line,
                    f.pos.col,
                    format!("'{id}' is {value}% but {} / {} gives {shown}%", ratio.numerator, ratio.denominator),
                )
                .with_hint("reports often use another denominator; annalist shows the rate as stated"),
            );
        }
    }
}

/// An indicator reported in the years before and after a report, but not in it.
fn missing_in_between(site: &Site, computed: &Computed, r: &Report, out: &mut Vec<Diagnostic>) {
    for id in site.catalogue.indicators.keys() {
        if r.indicators.contains_key(id) {
            continue;
        }
        let Some(series) = computed.series(&r.entity, id) else { continue };
        let reported = |y: i32| series.get(&y).is_some_and(|o| !o.is_derived() && o.bound != Some(Bound::Above));
        if reported(r.year - 1) && reported(r.year + 1) {
            out.push(
                Diagnostic::warning(
                    &r.file,
                    r.indicators_pos.line,
                    r.indicators_pos.col,
                    format!("'{id}' is reported for {} and {} but not for {}", r.year - 1, r.year + 1, r.year),
                )
                .with_hint("add the figure if the report gives it; otherwise the table shows a gap for this year"),
            );
        }
    }
}

/// A "%" change on a rate that `change_means` does not settle: shown as written, used for
/// nothing else, and worth a look.
fn ambiguous_changes(r: &Report, out: &mut Vec<Diagnostic>) {
    for (id, f) in r.indicators.iter().filter(|(_, f)| !f.reviewed) {
        let Some(change) = f.change.as_ref().filter(|c| c.ambiguous) else { continue };
        out.push(
            Diagnostic::warning(
                &r.file,
                f.pos.line,
                f.pos.col,
                format!(
                    "'{id}' is a rate and its change '{}' may be percentage points or percent of last year",
                    change.text
                ),
            )
            .with_hint("add `change_means: points` or `change_means: percent`; until then it is shown as written and used for nothing else"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_whole_tokens() {
        let n = numbers_in("纠错率21.08%,办结218件,2018年。共85.");
        assert!(n.contains("21.08") && n.contains("218") && n.contains("2018") && n.contains("85"));
        assert!(!n.contains("18") && !n.contains("21"));
    }
}
