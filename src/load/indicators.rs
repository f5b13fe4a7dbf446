//! Reading a report's `indicators:` mapping into exact figures, with positioned errors.

use super::spans::{Node, NodeKind};
use crate::error::{did_you_mean, Diagnostic};
use crate::model::figure::{parse_decimal, Bound, Figure, StatedChange};
use crate::model::{ById, Catalogue, Kind};
use rust_decimal::Decimal;
use std::path::Path;

/// The most figures one report may carry (real reports carry tens).
pub const MAX_FIGURES: usize = 10_000;

const ENTRY_KEYS: [&str; 6] = ["value", "change", "note", "approx", "bound", "cumulative"];

/// Reads the `indicators:` node of a report. Errors are collected into `errors`; entries with
/// errors are left out of the result (the build fails anyway).
pub fn read(file: &Path, node: &Node, catalogue: &Catalogue, errors: &mut Vec<Diagnostic>) -> ById<Figure> {
    let mut figures = ById::default();
    let entries = match &node.kind {
        NodeKind::Map(entries) => entries,
        NodeKind::Scalar { text, .. } if text.is_empty() || text == "~" || text == "null" => return figures,
        _ => {
            errors.push(
                Diagnostic::error(
                    file,
                    node.pos.line,
                    node.pos.col,
                    "'indicators' must be a mapping of indicator ids to values",
                )
                .with_hint("write one 'indicator_id: value' per line, indented under 'indicators:'"),
            );
            return figures;
        }
    };
    if entries.len() > MAX_FIGURES {
        errors.push(
            Diagnostic::error(
                file,
                node.pos.line,
                node.pos.col,
                format!(
                    "the report has {} indicators; annalist accepts at most {MAX_FIGURES} in one report",
                    entries.len()
                ),
            )
            .with_hint("split the figures over several reports or check how the file was generated"),
        );
        return figures;
    }
    for (key, value) in entries {
        let Some(id) = key.as_scalar() else {
            errors.push(Diagnostic::error(file, key.pos.line, key.pos.col, "an indicator id must be a plain name"));
            continue;
        };
        let Some((shared_id, indicator)) = catalogue.entry(id) else {
            if catalogue.broken {
                continue;
            }
            let mut d = Diagnostic::error(file, key.pos.line, key.pos.col, format!("unknown indicator '{id}'"));
            d = match did_you_mean(id, catalogue.indicators.keys().map(|k| &**k)) {
                Some(s) => {
                    d.message.push_str(&format!(" (did you mean '{s}'?)"));
                    d.with_hint(format!("use '{s}', or add '{id}' to content/indicators.yaml"))
                }
                None => d.with_hint(format!("add '{id}' to content/indicators.yaml, or check its spelling")),
            };
            errors.push(d);
            continue;
        };
        match read_entry(id, value) {
            Ok(Some(mut figure)) => {
                if indicator.kind == Kind::Rate && (figure.value < Decimal::ZERO || figure.value > Decimal::from(100)) {
                    errors.push(
                        Diagnostic::error(
                            file,
                            figure.pos.line,
                            figure.pos.col,
                            format!("'{id}' is a rate (0–100) but its value is {}", figure.value),
                        )
                        .with_hint("write a percentage such as 21.08, not a fraction or a count"),
                    );
                    continue;
                }
                figure.pos = if figure.pos == Default::default() { value.pos } else { figure.pos };
                figures.insert(shared_id.clone(), figure);
            }
            Ok(None) => {}
            Err(d) => errors.push(Diagnostic { file: file.to_path_buf(), ..d }),
        }
    }
    figures
}

fn err(node: &Node, message: String) -> Diagnostic {
    Diagnostic::error("", node.pos.line, node.pos.col, message)
}

fn number<'n>(id: &str, node: &'n Node) -> Result<Option<(Decimal, &'n Node)>, Diagnostic> {
    match &node.kind {
        NodeKind::Scalar { text, quoted } => {
            if !quoted && (text.is_empty() || text == "~" || text == "null") {
                return Ok(None);
            }
            parse_decimal(text).map(|d| Some((d, node))).map_err(|m| err(node, format!("value of '{id}': {m}")))
        }
        _ => Err(err(node, format!("value of '{id}' must be a number"))
            .with_hint("write `id: 85`, or `id: { value: 85, change: \"+3\" }` to add a stated change or flags")),
    }
}

fn flag(id: &str, key: &str, node: &Node) -> Result<bool, Diagnostic> {
    match node.as_scalar() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        _ => Err(err(node, format!("'{key}' of '{id}' must be true or false"))),
    }
}

fn read_entry(id: &str, node: &Node) -> Result<Option<Figure>, Diagnostic> {
    let entries = match &node.kind {
        NodeKind::Map(entries) => entries,
        _ => return Ok(number(id, node)?.map(|(value, at)| Figure { pos: at.pos, ..Figure::plain(value) })),
    };
    let mut figure: Option<Figure> = None;
    let mut rest: Vec<(&str, &Node)> = Vec::new();
    for (key, value) in entries {
        let name = key.as_scalar().unwrap_or_default();
        if !ENTRY_KEYS.contains(&name) {
            let mut d = err(key, format!("unknown key '{name}' in indicator '{id}'"));
            if let Some(s) = did_you_mean(name, ENTRY_KEYS) {
                d.message.push_str(&format!(" (did you mean '{s}'?)"));
            }
            return Err(d.with_hint(format!("an indicator entry may have: {}", ENTRY_KEYS.join(", "))));
        }
        if name == "value" {
            match number(id, value)? {
                Some((v, at)) => figure = Some(Figure { pos: at.pos, ..Figure::plain(v) }),
                None => return Ok(None),
            }
        } else {
            rest.push((name, value));
        }
    }
    let Some(mut figure) = figure else {
        return Err(
            err(node, format!("indicator '{id}' has no 'value'")).with_hint("add `value: <number>` to the entry")
        );
    };
    for (name, value) in rest {
        match name {
            "approx" => figure.approx = flag(id, name, value)?,
            "cumulative" => figure.cumulative = flag(id, name, value)?,
            "bound" => {
                figure.bound = match value.as_scalar() {
                    Some("below") => Some(Bound::Below),
                    Some("above") => Some(Bound::Above),
                    _ => {
                        return Err(err(value, format!("'bound' of '{id}' must be 'below' (以下) or 'above' (以上)")));
                    }
                }
            }
            "change" => {
                let text = value.as_scalar().unwrap_or_default();
                figure.change = Some(Box::new(StatedChange::parse(text).map_err(|m| {
                    err(value, format!("stated change of '{id}': {m}")).with_hint(
                        "write it as \"+77%\" (relative), \"+20.68pp\" (percentage points) or \"-3\" (in the unit)",
                    )
                })?));
            }
            "note" => figure.note = value.as_scalar().filter(|s| !s.is_empty()).map(Box::from),
            _ => unreachable!("keys were checked against ENTRY_KEYS"),
        }
    }
    Ok(Some(figure))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::spans;
    use crate::model::{Better, Indicator};

    fn catalogue() -> Catalogue {
        let mut c = Catalogue::default();
        for (id, kind) in [("admin_review_closed", Kind::Count), ("correction_rate", Kind::Rate)] {
            c.indicators.insert(
                id.into(),
                Indicator {
                    id: id.into(),
                    label: id.into(),
                    label_en: String::new(),
                    unit: Default::default(),
                    kind,
                    better: Better::Higher,
                    group: String::new(),
                    description: String::new(),
                    ratio: None,
                    aliases: Vec::new(),
                    breaks: Default::default(),
                },
            );
        }
        c
    }

    fn read_yaml(yaml: &str) -> (ById<Figure>, Vec<Diagnostic>) {
        let root = spans::parse(yaml, 5).unwrap().unwrap();
        let mut errors = Vec::new();
        let figures = read(Path::new("r.md"), root.get("indicators").unwrap(), &catalogue(), &mut errors);
        (figures, errors)
    }

    #[test]
    fn reads_plain_and_flagged_values() {
        let (f, e) = read_yaml(
            "indicators:\n  admin_review_closed: { value: 52072, approx: true, change: \"+77%\" }\n  correction_rate: 21.08\n",
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(f["correction_rate"].value.to_string(), "21.08");
        assert!(f["admin_review_closed"].approx);
        assert_eq!(f["admin_review_closed"].change.as_ref().unwrap().text, "+77%");
    }

    #[test]
    fn figures_are_keyed_by_the_catalogues_own_ids() {
        let c = catalogue();
        let root = spans::parse("indicators:\n  correction_rate: 21.08\n", 1).unwrap().unwrap();
        let figures = read(Path::new("r.md"), root.get("indicators").unwrap(), &c, &mut Vec::new());
        let (key, _) = figures.get_key_value("correction_rate").unwrap();
        assert!(std::sync::Arc::ptr_eq(key, c.entry("correction_rate").unwrap().0), "a copy, not the catalogue's id");
    }

    #[test]
    fn unknown_id_suggests_the_right_one_at_the_key() {
        let (_, e) = read_yaml("indicators:\n  admin_reveiw_closed: 85\n");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].col), (6, 3));
        assert!(e[0].message.contains("did you mean 'admin_review_closed'"), "{}", e[0].message);
    }

    #[test]
    fn rate_outside_range_and_non_number_are_errors() {
        let (_, e) = read_yaml("indicators:\n  correction_rate: 121.08\n  admin_review_closed: 1,865\n");
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("rate"));
        assert!(e[1].message.contains("not a number"));
    }

    #[test]
    fn empty_value_is_a_gap_not_zero() {
        let (f, e) = read_yaml("indicators:\n  admin_review_closed:\n");
        assert!(e.is_empty());
        assert!(f.is_empty());
    }

    #[test]
    fn bad_change_and_bound_are_errors() {
        let (_, e) = read_yaml("indicators:\n  admin_review_closed: { value: 3, change: lots, bound: under }\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("bound") || e[0].message.contains("change"));
    }
}
