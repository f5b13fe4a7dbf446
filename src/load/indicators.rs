//! Reading a report's `indicators:` mapping into exact figures, with positioned errors.

use super::spans::{Node, NodeKind};
use crate::error::{did_you_mean, Diagnostic};
use crate::model::figure::{ChangeMeans, Figure, StatedChange};
use crate::model::written::{Qualifier, Written, WrittenError};
use crate::model::{ById, Catalogue, Indicator, Kind};
use rust_decimal::Decimal;
use std::path::Path;

/// The most figures one report may carry (real reports carry tens).
pub const MAX_FIGURES: usize = 10_000;

const ENTRY_KEYS: [&str; 10] =
    ["value", "change", "change_means", "previous", "break", "reviewed", "note", "approx", "bound", "cumulative"];

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
        match read_entry(indicator, value) {
            Ok(Some(mut figure)) => {
                let outside = |v: Decimal| v < Decimal::ZERO || v > Decimal::ONE_HUNDRED;
                let previous = figure.previous().map(|w| w.value);
                let wrong = [figure.value, previous].into_iter().flatten().find(|v| outside(*v));
                if let Some(wrong) = wrong.filter(|_| indicator.kind == Kind::Rate) {
                    errors.push(
                        Diagnostic::error(
                            file,
                            figure.pos.line,
                            figure.pos.col,
                            format!("'{id}' is a rate (0–100) but its value is {wrong}"),
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

/// An error `e` found in the scalar `node`, placed at the character it names (past the
/// opening quote of a quoted scalar written on one line).
fn err_at(node: &Node, what: &str, e: WrittenError) -> Diagnostic {
    let quoted = matches!(node.kind, NodeKind::Scalar { quoted: true, .. });
    let col = node.pos.col + e.offset + usize::from(quoted);
    Diagnostic::error("", node.pos.line, col, format!("{what}: {}", e.message))
}

/// The hint under an error in a value.
const VALUE_HINT: &str = "write the number as the report writes it: 85, 21.08, 31.5万, 1500余, 约3万, 90%以上";

/// A value as written (`None` for an empty one, a gap), for indicator `ind`.
fn written<'n>(ind: &Indicator, key: &str, node: &'n Node) -> Result<Option<(Written, &'n Node)>, Diagnostic> {
    let id = &ind.id;
    match &node.kind {
        NodeKind::Scalar { text, quoted } => {
            if !quoted && (text.is_empty() || text == "~" || text == "null") {
                return Ok(None);
            }
            Written::parse_for(text, &ind.unit, ind.kind == Kind::Rate)
                .map(|w| Some((w, node)))
                .map_err(|e| err_at(node, &format!("{key} of '{id}'"), e).with_hint(VALUE_HINT))
        }
        _ => Err(err(node, format!("{key} of '{id}' must be a number as the report writes it")).with_hint(
            "write `id: 85`, or `id: { value: 31.5万, change: 同比增长17.1% }` to add a stated change or other keys",
        )),
    }
}

fn flag(id: &str, key: &str, node: &Node) -> Result<bool, Diagnostic> {
    match node.as_scalar() {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        _ => Err(err(node, format!("'{key}' of '{id}' must be true or false"))),
    }
}

/// A text key's value: a non-empty string on one line or more.
fn text(id: &str, key: &str, node: &Node) -> Result<Box<str>, Diagnostic> {
    match node.as_scalar().map(str::trim) {
        Some(s) if !s.is_empty() => Ok(Box::from(s)),
        _ => Err(err(node, format!("'{key}' of '{id}' must be a text saying why"))),
    }
}

fn read_entry(ind: &Indicator, node: &Node) -> Result<Option<Figure>, Diagnostic> {
    let id = &ind.id;
    let entries = match &node.kind {
        NodeKind::Map(entries) => entries,
        _ => return Ok(written(ind, "value", node)?.map(|(w, at)| Figure { pos: at.pos, ..Figure::written_as(w) })),
    };
    let mut keys: Vec<(&str, &Node)> = Vec::new();
    for (key, value) in entries {
        let name = key.as_scalar().unwrap_or_default();
        if !ENTRY_KEYS.contains(&name) {
            let mut d = err(key, format!("unknown key '{name}' in indicator '{id}'"));
            if let Some(s) = did_you_mean(name, ENTRY_KEYS) {
                d.message.push_str(&format!(" (did you mean '{s}'?)"));
            }
            return Err(d.with_hint(format!("an indicator entry may have: {}", ENTRY_KEYS.join(", "))));
        }
        keys.push((name, value));
    }
    let get = |k: &str| keys.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    let mut figure = match get("value").map(|v| written(ind, "value", v)).transpose()?.flatten() {
        Some((w, at)) => Figure { pos: at.pos, ..Figure::written_as(w) },
        None if get("change").is_some() => Figure { value: None, pos: node.pos, ..Figure::plain(Decimal::ZERO) },
        None if get("value").is_some() => return Ok(None),
        None => {
            return Err(err(node, format!("indicator '{id}' has no 'value' and no 'change'"))
                .with_hint("add `value: <number>`, or `change:` when the report states only how it changed"));
        }
    };
    let means = get("change_means").map(|v| change_means(id, v)).transpose()?;
    for (name, value) in &keys {
        read_key(ind, &mut figure, (name, value), means)?;
    }
    if means.is_some() && figure.change.is_none() {
        let at = get("change_means").unwrap_or(node);
        return Err(err(at, format!("'change_means' of '{id}' has no 'change' to settle"))
            .with_hint("remove it, or add the change the report states"));
    }
    Ok(Some(figure))
}

/// Reads one key of a figure's entry (all but `value` and `change_means`) into `figure`.
fn read_key(
    ind: &Indicator,
    figure: &mut Figure,
    (name, value): (&str, &Node),
    means: Option<ChangeMeans>,
) -> Result<(), Diagnostic> {
    let id = &ind.id;
    match name {
        "value" | "change_means" => {}
        "approx" => figure.approx |= flag(id, name, value)?,
        "cumulative" => figure.cumulative = flag(id, name, value)?,
        "reviewed" => figure.reviewed = flag(id, name, value)?,
        "bound" => {
            let q = value.as_scalar().and_then(Qualifier::from_bound_key).ok_or_else(|| {
                err(value, format!("'bound' of '{id}' must be 'below' (以下) or 'above' (以上)"))
                    .with_hint("or write the value as the report does: 30以下, 90%以上")
            })?;
            figure.set_qualifier(Some(q));
        }
        "change" => {
            let text = value.as_scalar().unwrap_or_default();
            let change = StatedChange::read(text, &ind.unit, Some(ind.kind), means).map_err(|e| {
                err_at(value, &format!("stated change of '{id}'"), e).with_hint(
                    "write it as the report does (同比增长77%, 较上年下降了3件, 提高4.2个百分点, 持平) or short (+77%, -3, +20.68pp)",
                )
            })?;
            figure.change = Some(Box::new(change));
        }
        "previous" => {
            if let Some((w, _)) = written(ind, "previous", value)? {
                figure.remarks_mut().previous = Some(w);
            }
        }
        "break" => figure.remarks_mut().break_reason = Some(text(id, name, value)?),
        "note" => {
            if let Some(note) = value.as_scalar().filter(|s| !s.is_empty()) {
                figure.remarks_mut().note = Some(Box::from(note));
            }
        }
        _ => unreachable!("keys were checked against ENTRY_KEYS"),
    }
    Ok(())
}

/// A figure's `change_means`.
fn change_means(id: &str, node: &Node) -> Result<ChangeMeans, Diagnostic> {
    match node.as_scalar() {
        Some("points") => Ok(ChangeMeans::Points),
        Some("percent") => Ok(ChangeMeans::Percent),
        _ => Err(err(node, format!("'change_means' of '{id}' must be 'points' or 'percent'"))
            .with_hint("points: the % is percentage points (66.53 → 87.21 is +20.68); percent: relative to last year")),
    }
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
        assert_eq!(f["correction_rate"].value.unwrap().to_string(), "21.08");
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
        assert!(e[1].message.contains("thousands separators"), "{}", e[1].message);
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
