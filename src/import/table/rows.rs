//! A table's rows checked against the site: its header read (English or Chinese names, any
//! order), every row's organisation, year, indicator, value and change checked, and every
//! problem listed with the cell it is in (`figures.csv:7:4`: file, row, column).

use super::read::{Cell, Row};
use crate::error::{did_you_mean, Diagnostic};
use crate::model::change_words::ChangeWords;
use crate::model::written::Written;
use crate::model::{Indicator, Kind, Site};
use std::collections::HashMap;
use std::path::Path;

/// The columns a table of figures has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Entity,
    Year,
    Indicator,
    Value,
    Change,
    Note,
}

/// Each column with the header names it may have (compared without case).
const HEADERS: [(Column, &[&str]); 6] = [
    (Column::Entity, &["entity", "组织", "单位", "机构"]),
    (Column::Year, &["year", "年度", "年份"]),
    (Column::Indicator, &["indicator", "指标"]),
    (Column::Value, &["value", "数值", "值"]),
    (Column::Change, &["change", "变化", "同比"]),
    (Column::Note, &["note", "备注", "说明"]),
];

/// One figure of the table, checked: which report it goes into and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    /// The row it came from (1-based).
    pub row: usize,
    /// The organisation's id (its folder).
    pub entity: String,
    /// The year reported on.
    pub year: i32,
    /// The indicator's id.
    pub indicator: String,
    /// The value as written, if the row gives one.
    pub value: Option<Written>,
    /// The stated change in the report's words, if given.
    pub change: Option<String>,
    /// How the figure was read, if given.
    pub note: Option<String>,
}

/// The table's figures, and warnings about columns it ignored.
#[derive(Debug, Default)]
pub struct Checked {
    /// Every figure, in the order of the table.
    pub rows: Vec<FigureRow>,
    /// Columns ignored.
    pub warnings: Vec<Diagnostic>,
}

/// Checks `rows` (the first is the header) of the table `file` against `site`; every problem
/// found is returned, or none and the figures.
pub fn check_rows(file: &Path, rows: &[Row], site: &Site) -> Result<Checked, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut checked = Checked::default();
    let Some((header, body)) = rows.split_first() else {
        return Err(vec![Diagnostic::error(file, 0, 0, "the table is empty").with_hint(HEADER_HINT)]);
    };
    let columns = read_header(file, header, &mut errors, &mut checked.warnings);
    if !errors.is_empty() {
        return Err(errors);
    }
    let named: Vec<usize> = header.cells.iter().map(|c| c.col).collect();
    let mut seen: HashMap<(String, i32, String), usize> = HashMap::new();
    for row in body {
        let Some(figure) = check_row(file, row, (&columns, &named), site, &mut errors) else { continue };
        let key = (figure.entity.clone(), figure.year, figure.indicator.clone());
        if let Some(first) = seen.insert(key, row.row) {
            let col = columns.get(&Column::Indicator).copied().unwrap_or(0);
            errors.push(
                Diagnostic::error(
                    file,
                    row.row,
                    col,
                    format!(
                        "'{}' of {} {} is given again (first in row {first})",
                        figure.indicator, figure.entity, figure.year
                    ),
                )
                .with_hint("keep one of the two rows"),
            );
        }
        checked.rows.push(figure);
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

const HEADER_HINT: &str =
    "the first row names the columns: entity, year, indicator, value, and optionally change, note \
                           (or 组织, 年度, 指标, 数值, 变化, 备注)";

/// The column number of each column the header names. Unknown names are ignored with a
/// warning, unless they look like a misspelt known name (an error: that column's data would
/// be lost).
fn read_header(
    file: &Path,
    header: &Row,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> HashMap<Column, usize> {
    let mut columns = HashMap::new();
    let known: Vec<&str> = HEADERS.iter().flat_map(|(_, names)| names.iter().copied()).collect();
    for cell in &header.cells {
        let name = cell.text.clone().unwrap_or_default().to_lowercase();
        let at = |message: String| Diagnostic::error(file, header.row, cell.col, message);
        match HEADERS.iter().find(|(_, names)| names.contains(&name.as_str())) {
            Some((column, _)) => {
                if columns.insert(*column, cell.col).is_some() {
                    errors.push(at(format!("column '{name}' is named twice")).with_hint("keep one of the two columns"));
                }
            }
            None => match did_you_mean(&name, known.iter().copied()) {
                Some(s) => {
                    errors.push(at(format!("unknown column '{name}' (did you mean '{s}'?)")).with_hint(HEADER_HINT))
                }
                None => warnings.push(Diagnostic::warning(
                    file,
                    header.row,
                    cell.col,
                    format!("column '{name}' is not one annalist reads; it is ignored"),
                )),
            },
        }
    }
    let missing: Vec<&str> = [Column::Entity, Column::Year, Column::Indicator, Column::Value]
        .iter()
        .zip(["entity", "year", "indicator", "value"])
        .filter(|(c, _)| !columns.contains_key(c))
        .map(|(_, n)| n)
        .collect();
    if !missing.is_empty() {
        errors.push(
            Diagnostic::error(file, header.row, 0, format!("the header has no column {}", missing.join(", ")))
                .with_hint(HEADER_HINT),
        );
    }
    columns
}

/// Checks one row; problems go to `errors` and give `None`.
fn check_row(
    file: &Path,
    row: &Row,
    (columns, named): (&HashMap<Column, usize>, &[usize]),
    site: &Site,
    errors: &mut Vec<Diagnostic>,
) -> Option<FigureRow> {
    let before = errors.len();
    for stray in row.cells.iter().filter(|c| !named.contains(&c.col)) {
        errors.push(
            Diagnostic::error(file, row.row, stray.col, "this cell is in a column the header does not name")
                .with_hint("name the column in the header, or check the row for a comma inside a number (1,865)"),
        );
    }
    let mut cell = |column: Column| -> Option<Found> {
        let col = *columns.get(&column)?;
        let found: &Cell = row.cells.iter().find(|c| c.col == col)?;
        match &found.text {
            Ok(text) => Some((col, text.clone())),
            Err(message) => {
                errors.push(Diagnostic::error(file, row.row, col, message.clone()));
                None
            }
        }
    };
    let (entity, year, indicator) = (cell(Column::Entity), cell(Column::Year), cell(Column::Indicator));
    let (value, change, note) = (cell(Column::Value), cell(Column::Change), cell(Column::Note));
    let place = |column: Column| (file, row.row, columns[&column]);
    let entity = required(entity, |t| find_entity(site, t), place(Column::Entity), "organisation", errors);
    let year = required(year, read_year, place(Column::Year), "year", errors);
    let indicator = required(indicator, |t| find_indicator(site, t), place(Column::Indicator), "indicator", errors);
    if value.is_none() && change.is_none() && errors.len() == before {
        errors.push(
            Diagnostic::error(file, row.row, columns[&Column::Value], "the row has no value (and no change)")
                .with_hint("fill the cell, or delete the row"),
        );
    }
    let ind = indicator.as_deref().and_then(|id| site.catalogue.get(id));
    let written = ind.and_then(|ind| check_figure(ind, (value, change.as_ref()), (file, row.row), errors));
    if errors.len() > before {
        return None;
    }
    Some(FigureRow {
        row: row.row,
        entity: entity?,
        year: year?,
        indicator: indicator?,
        value: written,
        change: change.map(|(_, t)| t),
        note: note.map(|(_, t)| t),
    })
}

/// A cell found in a row: its column and its text.
type Found = (usize, String);

/// A cell the row must have, read by `read`; a missing or unreadable one is an error at the
/// cell (or, when the cell is empty, at the header's column).
fn required<T>(
    found: Option<Found>,
    read: impl FnOnce(&str) -> Result<T, String>,
    (file, row, header_col): (&Path, usize, usize),
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    let Some((col, text)) = found else {
        errors.push(
            Diagnostic::error(file, row, header_col, format!("the row has no {what}"))
                .with_hint("fill the cell, or delete the row"),
        );
        return None;
    };
    read(&text).map_err(|m| errors.push(Diagnostic::error(file, row, col, m))).ok()
}

/// The row's value for `ind`, checked as the report's front matter would be, and its change
/// checked too; problems go to `errors`.
fn check_figure(
    ind: &Indicator,
    (value, change): (Option<Found>, Option<&Found>),
    (file, row): (&Path, usize),
    errors: &mut Vec<Diagnostic>,
) -> Option<Written> {
    let at = |col: usize, message: String| Diagnostic::error(file, row, col, message);
    if let Some((col, text)) = change {
        if let Err(e) = ChangeWords::parse(text, &ind.unit) {
            errors.push(at(*col, format!("change '{text}' of '{}': {}", ind.id, e.message)).with_hint(CHANGE_HINT));
        }
    }
    let (col, text) = value?;
    let text = super::cell::normalise_number_text(&text).unwrap_or(text);
    Written::parse_for(&text, &ind.unit, ind.kind == Kind::Rate)
        .map_err(|e| {
            errors.push(at(col, format!("value '{text}' of '{}': {}", ind.id, e.message)).with_hint(VALUE_HINT))
        })
        .ok()
}

const VALUE_HINT: &str = "write the number as the report writes it: 85, 21.08, 31.5万, 1500余, 约3万, 90%以上";
const CHANGE_HINT: &str =
    "write the change as the report writes it (同比增长17.1%, 下降3件) or short (+77%, -3, +20.68pp)";

/// The organisation a cell names: its id (folder name), or exactly its name or short name.
fn find_entity(site: &Site, text: &str) -> Result<String, String> {
    if let Some(e) = site.entity(text) {
        return Ok(e.id.clone());
    }
    let named: Vec<&str> =
        site.entities.iter().filter(|e| e.name == text || e.short_name == text).map(|e| e.id.as_str()).collect();
    match named.as_slice() {
        [one] => Ok(one.to_string()),
        [] => {
            let mut message = format!("there is no organisation '{text}'");
            if let Some(s) = did_you_mean(text, site.entities.iter().map(|e| e.id.as_str())) {
                message.push_str(&format!(" (did you mean '{s}'?)"));
            }
            Err(message + "; give its folder name under content/, or add the organisation first")
        }
        many => Err(format!("'{text}' names more than one organisation ({}); give the folder name", many.join(", "))),
    }
}

/// A year cell: four digits, optionally followed by 年.
fn read_year(text: &str) -> Result<i32, String> {
    let digits = text.strip_suffix('年').unwrap_or(text).trim();
    match digits.parse::<i32>() {
        Ok(year) if digits.len() == 4 && (1900..=2999).contains(&year) => Ok(year),
        _ => Err(format!("'{text}' is not a year; write the four-digit year the report covers, e.g. 2024")),
    }
}

/// The indicator a cell names: its id, or exactly its label or one of its aliases.
fn find_indicator(site: &Site, text: &str) -> Result<String, String> {
    let catalogue = &site.catalogue;
    if catalogue.get(text).is_some() {
        return Ok(text.to_string());
    }
    if let Some(ind) = catalogue.indicators.values().find(|i| i.names().any(|n| n == text)) {
        return Ok(ind.id.clone());
    }
    let ids = catalogue.indicators.values().map(|i| i.id.as_str());
    let labels = catalogue.indicators.values().flat_map(|i| i.names());
    let mut message = format!("unknown indicator '{text}'");
    if let Some(s) = did_you_mean(text, ids.chain(labels)) {
        message.push_str(&format!(" (did you mean '{s}'?)"));
    }
    Err(message + "; give an id, label or alias from content/indicators.yaml")
}
