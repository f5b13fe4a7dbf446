//! One report's share of a table: each figure compared with the one the report already has,
//! the new ones added to its text ([`super::edit`]), and a report that does not exist yet made
//! as a draft. Nothing is replaced: a figure that differs is listed.

use super::edit::{add_entries, flow_scalar, NewEntry};
use super::rows::FigureRow;
use crate::error::Diagnostic;
use crate::model::numbers::decimal_text;
use crate::model::{Catalogue, Figure, Report, Site};
use std::path::Path;

/// What merging a table's figures into one report comes to.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// The report's new text, when it changes.
    pub text: Option<String>,
    /// Whether the report is new (a draft).
    pub created: bool,
    /// Figures added.
    pub added: usize,
    /// Figures already there as the table gives them.
    pub same: usize,
    /// Figures that differ from the table's, each listed as a warning at the report's figure.
    pub differs: Vec<Diagnostic>,
}

/// Merges `rows` (all for the report `rel`) into the report's text `existing` (`None` when
/// there is no report yet). `table` names the table in the listing of differences.
pub fn merge_report(
    site: &Site,
    rel: &Path,
    existing: Option<&str>,
    rows: &[&FigureRow],
    table: &Path,
) -> Result<Merged, Vec<Diagnostic>> {
    let catalogue = &site.catalogue;
    let mut merged = Merged::default();
    let Some(existing) = existing else {
        let text = new_report(site, rows);
        verify(rel, &text, catalogue, None, rows)?;
        return Ok(Merged { text: Some(text), created: true, added: rows.len(), ..merged });
    };
    let (bom, text) = match existing.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", existing),
    };
    let report = crate::load::parse_report_text(rel, text, catalogue)?;
    let (new, known): (Vec<&FigureRow>, Vec<&FigureRow>) =
        rows.iter().partition(|row| report.indicators.get(row.indicator.as_str()).is_none());
    let mut after = None;
    if !new.is_empty() {
        let entries: Vec<NewEntry> = new
            .iter()
            .map(|row| NewEntry {
                position: catalogue.position(&row.indicator),
                id: row.indicator.clone(),
                value: entry_value(row),
            })
            .collect();
        let edited = add_entries(rel, text, &entries, |id| catalogue.position(id)).map_err(|e| {
            let (line, col) = match e {
                super::edit::EditError::FlowMap { line, col } => (line, col),
                _ => (0, 0),
            };
            vec![Diagnostic::error(rel, line, col, e.to_string())
                .with_hint("write each figure on its own line under `indicators:`, then import again")]
        })?;
        after = Some(verify(rel, &edited, catalogue, Some(&report), &new)?);
        merged.added = new.len();
        merged.text = Some(format!("{bom}{edited}"));
    }
    // Differences point into the text as it will be.
    let now = after.as_ref().unwrap_or(&report);
    for row in known {
        let Some(figure) = now.indicators.get(row.indicator.as_str()) else { continue };
        match difference(figure, row) {
            None => merged.same += 1,
            Some(what) => {
                merged.differs.push(Diagnostic::warning(rel, figure.pos.line, figure.pos.col, what).with_hint(format!(
                    "{}:{}; left as it is: edit the report if the table is right",
                    table.display(),
                    row.row
                )))
            }
        }
    }
    Ok(merged)
}

/// How the report's `figure` differs from the table's `row`, or `None` when it says the same.
fn difference(figure: &Figure, row: &FigureRow) -> Option<String> {
    let id = &row.indicator;
    let here = written_here(figure);
    if let Some(w) = &row.value {
        let table = w.written();
        if here.as_deref() != Some(table.as_str()) {
            let here = here.unwrap_or_else(|| "not given".into());
            return Some(if figure.value == Some(w.value) {
                format!("'{id}' is written {here} here and {table} in the table (the same number, written differently)")
            } else {
                format!("'{id}' is {here} here, {table} in the table")
            });
        }
    }
    let change_here = figure.change.as_ref().map(|c| c.text.as_str());
    if let Some(change) = row.change.as_deref().filter(|c| Some(*c) != change_here) {
        return Some(format!(
            "the change of '{id}' is {} here, {change} in the table",
            change_here.unwrap_or("not given")
        ));
    }
    let note_here = figure.remarks.as_ref().and_then(|r| r.note.as_deref());
    if let Some(note) = row.note.as_deref().filter(|n| Some(*n) != note_here) {
        return Some(format!("the note of '{id}' is {} here, {note} in the table", note_here.unwrap_or("not given")));
    }
    None
}

/// The figure's value as written in the report; the old keys (`approx`, `bound`) are named so
/// that they never equal a written form.
fn written_here(figure: &Figure) -> Option<String> {
    if let Some(w) = figure.remarks.as_ref().and_then(|r| r.written.as_ref()) {
        return Some(w.written());
    }
    let plain = decimal_text(figure.value?);
    Some(match (figure.approx, figure.bound) {
        (false, None) => plain,
        _ => format!("{plain} (with approx or bound)"),
    })
}

/// The row as a front-matter entry: `id: 85`, or a flow map when it has a change or a note.
pub fn entry_text(row: &FigureRow) -> String {
    format!("{}: {}", row.indicator, entry_value(row))
}

/// The entry's value: `85`, or `{ value: 31.5万, change: 同比增长17.1% }`.
fn entry_value(row: &FigureRow) -> String {
    let value = row.value.as_ref().map(|w| w.written());
    if row.change.is_none() && row.note.is_none() {
        return value.unwrap_or_default();
    }
    let parts: Vec<String> = [("value", value), ("change", row.change.clone()), ("note", row.note.clone())]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}: {}", flow_scalar(&v))))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// A new draft report holding `rows`, in catalogue order.
fn new_report(site: &Site, rows: &[&FigureRow]) -> String {
    let first = rows[0];
    let name = site.entity(&first.entity).map_or(first.entity.as_str(), |e| e.name.as_str());
    let title = if site.config.language == "en" {
        format!("{name} annual report {}", first.year)
    } else {
        format!("{name}{}年度报告", first.year)
    };
    let mut sorted = rows.to_vec();
    sorted.sort_by_key(|r| site.catalogue.position(&r.indicator));
    let mut text = format!("---\ntitle: {}\nyear: {}\ndraft: true\nindicators:\n", flow_scalar(&title), first.year);
    for row in sorted {
        text.push_str(&format!("  {}\n", entry_text(row)));
    }
    text.push_str("---\n");
    text
}

/// Reads the new text back and checks that every figure that was there is unchanged and every
/// added one reads as the table gives it: the last guard before anything is written. Returns
/// the report as the new text gives it.
fn verify(
    rel: &Path,
    text: &str,
    catalogue: &Catalogue,
    before: Option<&Report>,
    added: &[&FigureRow],
) -> Result<Report, Vec<Diagnostic>> {
    let broken = |what: String| {
        vec![Diagnostic::error(rel, 0, 0, format!("adding the table's figures would change the report: {what}"))
            .with_hint("add these figures by hand")]
    };
    let after = crate::load::parse_report_text(rel, text, catalogue)
        .map_err(|errors| broken(errors.first().map_or_else(String::new, |d| d.to_string())))?;
    let unplaced = |f: &Figure| Figure { pos: Default::default(), ..f.clone() };
    if let Some(before) = before {
        let kept = before.indicators.iter().all(|(id, f)| after.indicators.get(id).map(unplaced) == Some(unplaced(f)));
        let same_meta = (before.title.as_str(), before.year, before.draft, &before.tags)
            == (after.title.as_str(), after.year, after.draft, &after.tags);
        if !kept || !same_meta || before.body.markdown != after.body.markdown {
            return Err(broken("a figure or key that was there reads differently".into()));
        }
    }
    for row in added {
        let f = after.indicators.get(row.indicator.as_str());
        let value = f.and_then(written_here);
        if f.is_none()
            || value.is_some() != row.value.is_some()
            || (row.value.is_some() && value != row.value.as_ref().map(|w| w.written()))
        {
            return Err(broken(format!("'{}' does not read back as {}", row.indicator, entry_text(row))));
        }
    }
    Ok(after)
}
