//! Reading `site.yaml` and the indicator catalogue.

use super::content::parse_typed;
use super::{read_text, spans};
use crate::error::{Diagnostic, Error, Result};
use crate::model::{Catalogue, Indicator, SiteConfig};
use std::path::Path;

const SITE_KEYS: [&str; 10] =
    ["title", "base_url", "language", "theme", "description", "yoy", "paginate_by", "feed_limit", "search", "extra"];

/// How to write a base URL, for every error about one.
const BASE_URL_HINT: &str =
    "write it like https://example.org/reports/: http(s), a host, a path, and no spaces, '?' or '#'";

/// The most indicators a catalogue may hold (each gets a page of its own).
pub const MAX_INDICATORS: usize = 10_000;

/// Reads and checks `site.yaml`.
pub(crate) fn load_config(root: &Path) -> Result<SiteConfig> {
    let rel = Path::new("site.yaml");
    // Settings from outside the site are never read, nor a named pipe waited on.
    super::tree::refuse_links_on_the_way(root, rel).map_err(Error::one)?;
    if !std::fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.is_file()) {
        return Err(Error::one(
            Diagnostic::error(rel, 0, 0, format!("no site.yaml in {}", root.display()))
                .with_hint("run annalist in a site folder, pass --root DIR, or create one with `annalist init DIR`"),
        ));
    }
    let text = read_text(root, rel).map_err(Error::one)?;
    let tree = spans::parse_unique(&text, 1).map_err(|e| Error::one(e.diagnostic(rel)))?;
    let typos = super::content::typos(rel, tree.as_ref(), &SITE_KEYS);
    if !typos.is_empty() {
        return Err(Error::Site(typos));
    }
    let config: SiteConfig = parse_typed(rel, &text, 1).map_err(Error::one)?;
    let at = |key: &str| {
        let mut node = tree.as_ref();
        for part in key.split('.') {
            node = node.and_then(|n| n.get(part));
        }
        let pos = node.map(|n| n.pos).unwrap_or_default();
        (pos.line, pos.col)
    };
    let mut errors = Vec::new();
    if let Some(problem) = crate::model::config::base_url_problem(&config.base_url) {
        let (l, c) = at("base_url");
        errors.push(Diagnostic::error(rel, l, c, problem).with_hint(BASE_URL_HINT));
    }
    if !crate::model::config::LANGUAGES.contains(&config.language.as_str()) {
        let (l, c) = at("language");
        errors.push(
            Diagnostic::error(rel, l, c, format!("language '{}' is not supported", config.language))
                .with_hint("use zh-CN or en"),
        );
    }
    if config.yoy.years == 0 {
        let (l, c) = at("yoy.years");
        errors.push(Diagnostic::error(rel, l, c, "yoy.years must be at least 1"));
    }
    if config.paginate_by == 0 {
        let (l, c) = at("paginate_by");
        errors.push(Diagnostic::error(rel, l, c, "paginate_by must be at least 1"));
    }
    if config.feed_limit == 0 {
        let (l, c) = at("feed_limit");
        errors.push(
            Diagnostic::error(rel, l, c, "feed_limit must be at least 1")
                .with_hint("it is how many of the newest reports /feed.xml carries"),
        );
    }
    if let Some(problem) = crate::model::config::theme_name_problem(&config.theme) {
        let (l, c) = at("theme");
        errors.push(Diagnostic::error(rel, l, c, problem).with_hint(
            "name a folder under themes/ (themes/<name>/templates/ …), or use `theme: default` for the built-in theme",
        ));
    } else if config.theme != "default" && !root.join("themes").join(&config.theme).is_dir() {
        let (l, c) = at("theme");
        errors.push(
            Diagnostic::error(
                rel,
                l,
                c,
                format!("theme '{}' not found: there is no themes/{}/ folder", config.theme, config.theme),
            )
            .with_hint("use `theme: default` for the built-in theme, or add the theme's folder under themes/"),
        );
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(Error::Site(errors))
    }
}

/// Reads `content/indicators.yaml`; a site without one has an empty catalogue.
pub(crate) fn load_catalogue(root: &Path, errors: &mut Vec<Diagnostic>) -> Catalogue {
    let rel = Path::new("content/indicators.yaml");
    let mut catalogue = Catalogue::default();
    if !root.join(rel).is_file() {
        return catalogue;
    }
    let (tree, map) = match read_catalogue(root, rel) {
        Ok(read) => read,
        Err(d) => {
            errors.push(d);
            catalogue.broken = true;
            return catalogue;
        }
    };
    let tree = tree.as_ref();
    insert_valid_ids(&mut catalogue, map, (rel, tree), errors);
    check_large_numbers(&catalogue, (rel, tree), errors);
    check_ratios(&catalogue, (rel, tree), errors);
    check_aliases(&catalogue, (rel, tree), errors);
    check_breaks(&catalogue, (rel, tree), errors);
    catalogue
}

/// The catalogue file's position tree and its indicators by id, as written; an error when it
/// cannot be read, is not a map of indicators or has more than [`MAX_INDICATORS`].
fn read_catalogue(
    root: &Path,
    rel: &Path,
) -> Result<(Option<spans::Node>, indexmap::IndexMap<String, Indicator>), Diagnostic> {
    let text = read_text(root, rel)?;
    let tree = spans::parse_unique(&text, 1).map_err(|e| e.diagnostic(rel))?;
    let map: indexmap::IndexMap<String, Indicator> = super::content::typed(rel, &text, 1)?;
    if map.len() > MAX_INDICATORS {
        return Err(Diagnostic::error(
            rel,
            1,
            1,
            format!("the catalogue has {} indicators; annalist accepts at most {MAX_INDICATORS}", map.len()),
        )
        .with_hint("a catalogue lists the indicators reports share; check how the file was generated"));
    }
    Ok((tree, map))
}

/// Puts each indicator with a valid id in the catalogue, its id filled in; an id that is not
/// ASCII snake_case is an error and marks the catalogue broken.
fn insert_valid_ids(
    catalogue: &mut Catalogue,
    map: indexmap::IndexMap<String, Indicator>,
    (rel, tree): (&Path, Option<&spans::Node>),
    errors: &mut Vec<Diagnostic>,
) {
    for (id, mut ind) in map {
        if !crate::model::catalogue::is_valid_id(&id) {
            let pos = tree.and_then(|t| t.key_node(&id)).map(|n| n.pos).unwrap_or_default();
            catalogue.broken = true;
            errors.push(
                Diagnostic::error(rel, pos.line, pos.col, format!("indicator id '{id}' is not ASCII snake_case"))
                    .with_hint("use lowercase letters, digits and '_', starting with a letter"),
            );
            continue;
        }
        ind.id = id.clone();
        catalogue.indicators.insert(id.into(), ind);
    }
}

/// An error at each `large_numbers: chinese` that cannot apply ([`large_numbers_conflict`]).
fn check_large_numbers(
    catalogue: &Catalogue,
    (rel, tree): (&Path, Option<&spans::Node>),
    errors: &mut Vec<Diagnostic>,
) {
    for ind in catalogue.indicators.values() {
        if let Some(message) = large_numbers_conflict(ind) {
            let node = tree.and_then(|t| t.get(&ind.id)).and_then(|n| n.key_node("large_numbers"));
            let pos = node.map(|n| n.pos).unwrap_or_default();
            errors.push(Diagnostic::error(rel, pos.line, pos.col, message).with_hint(
                "`large_numbers: chinese` is for counts and amounts in a plain unit (件, 元, 人); remove it here",
            ));
        }
    }
}

/// An error at each `ratio` on an indicator that is not a rate, or naming an indicator the
/// catalogue lacks.
fn check_ratios(catalogue: &Catalogue, (rel, tree): (&Path, Option<&spans::Node>), errors: &mut Vec<Diagnostic>) {
    for ind in catalogue.indicators.values() {
        let Some(ratio) = &ind.ratio else { continue };
        let pos =
            tree.and_then(|t| t.get(&ind.id)).and_then(|n| n.key_node("ratio")).map(|n| n.pos).unwrap_or_default();
        if ind.kind != crate::model::Kind::Rate {
            errors.push(
                Diagnostic::error(rel, pos.line, pos.col, format!("'{}' has a ratio but is not a rate", ind.id))
                    .with_hint("only `kind: rate` indicators are ratios of two others"),
            );
        }
        for part in [&ratio.numerator, &ratio.denominator] {
            if !catalogue.indicators.contains_key(part.as_str()) {
                errors.push(Diagnostic::error(
                    rel,
                    pos.line,
                    pos.col,
                    format!("ratio of '{}' names unknown indicator '{part}'", ind.id),
                ));
            }
        }
    }
}

/// Where `key` of indicator `id` was written: its `n`th item when it is a list, else the key.
fn key_pos(tree: Option<&spans::Node>, id: &str, key: &str, item: Option<usize>) -> crate::model::Pos {
    let entry = tree.and_then(|t| t.get(id));
    let item_node = entry.and_then(|e| e.get(key)).and_then(|list| match (&list.kind, item) {
        (spans::NodeKind::Seq(items), Some(i)) => items.get(i),
        _ => None,
    });
    item_node.or_else(|| entry.and_then(|e| e.key_node(key))).map(|n| n.pos).unwrap_or_default()
}

/// An error at each alias that is empty, repeats its own label or an earlier alias, or is a
/// name (label or alias) of another indicator too: an importer meeting it in a report could
/// not tell which indicator is meant.
fn check_aliases(catalogue: &Catalogue, (rel, tree): (&Path, Option<&spans::Node>), errors: &mut Vec<Diagnostic>) {
    // Every name seen so far: the indicator it belongs to and whether it is that one's label.
    let mut owners: std::collections::HashMap<&str, (&str, bool)> = std::collections::HashMap::new();
    for ind in catalogue.indicators.values() {
        let (other, other_is_label) = *owners.entry(ind.label.as_str()).or_insert((&ind.id, true));
        if other != ind.id {
            let pos = tree.and_then(|t| t.get(&ind.id)).and_then(|e| e.get("label")).map(|n| n.pos).unwrap_or_default();
            errors.push(shared_name(rel, pos, &ind.label, (&ind.id, true), (other, other_is_label)));
        }
        for (i, alias) in ind.aliases.iter().enumerate() {
            let pos = key_pos(tree, &ind.id, "aliases", Some(i));
            let problem = if alias.is_empty() {
                Some(format!("an alias of '{}' is empty", ind.id))
            } else if *alias == ind.label {
                Some(format!("the alias '{alias}' of '{}' is its label", ind.id))
            } else if ind.aliases[..i].contains(alias) {
                Some(format!("the alias '{alias}' of '{}' is listed twice", ind.id))
            } else {
                None
            };
            if let Some(message) = problem {
                errors.push(
                    Diagnostic::error(rel, pos.line, pos.col, message)
                        .with_hint("aliases are the other wordings reports use for the label; list each once"),
                );
                continue;
            }
            match owners.get(alias.as_str()) {
                Some(&(other, other_is_label)) if other != ind.id => {
                    errors.push(shared_name(rel, pos, alias, (&ind.id, false), (other, other_is_label)));
                }
                _ => {
                    owners.insert(alias, (&ind.id, false));
                }
            }
        }
    }
}

/// The error for a name that two indicators share; each side is an id and whether the name is
/// that indicator's label (else an alias).
fn shared_name(rel: &Path, pos: crate::model::Pos, name: &str, this: (&str, bool), other: (&str, bool)) -> Diagnostic {
    let what = |is_label: bool| if is_label { "the label" } else { "an alias" };
    Diagnostic::error(
        rel,
        pos.line,
        pos.col,
        format!("'{name}' is {} of '{}' and {} of '{}'", what(this.1), this.0, what(other.1), other.0),
    )
    .with_hint("a report's wording must name one indicator only; keep the name on one of them")
}

/// The years a catalogue `breaks` key may name.
const BREAK_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// An error at each break whose year is not a plausible year or whose reason is empty.
fn check_breaks(catalogue: &Catalogue, (rel, tree): (&Path, Option<&spans::Node>), errors: &mut Vec<Diagnostic>) {
    for ind in catalogue.indicators.values() {
        let breaks = tree.and_then(|t| t.get(&ind.id)).and_then(|e| e.get("breaks"));
        let entry = |year: i32| match breaks.map(|b| &b.kind) {
            Some(spans::NodeKind::Map(entries)) => {
                entries.iter().find(|(k, _)| k.as_scalar().and_then(|t| t.trim().parse::<i32>().ok()) == Some(year))
            }
            _ => None,
        };
        let fallback = key_pos(tree, &ind.id, "breaks", None);
        for (year, reason) in &ind.breaks {
            if !BREAK_YEARS.contains(year) {
                let pos = entry(*year).map_or(fallback, |(k, _)| k.pos);
                errors.push(
                    Diagnostic::error(rel, pos.line, pos.col, format!("'{}' has a break in {year}, which is no year of a report", ind.id))
                        .with_hint("write the four-digit year from which the figure is not comparable, e.g. `2024: 自2024年起含上年结转案件`"),
                );
            }
            if reason.is_empty() {
                // At the year: an empty value has no place of its own.
                let pos = entry(*year).map_or(fallback, |(k, _)| k.pos);
                errors.push(
                    Diagnostic::error(
                        rel,
                        pos.line,
                        pos.col,
                        format!("the break of '{}' in {year} gives no reason", ind.id),
                    )
                    .with_hint("say why the years before cannot be compared, e.g. `2024: 自2024年起含上年结转案件`"),
                );
            }
        }
    }
}

/// Why an indicator cannot have its large values written in 万/亿, if it cannot: a rate never
/// reaches 10,000, and a unit that already carries 万 or 亿 (万元) would read 1.5万万元.
fn large_numbers_conflict(ind: &Indicator) -> Option<String> {
    if ind.unit.large_numbers != crate::model::LargeNumbers::Chinese {
        return None;
    }
    if ind.kind == crate::model::Kind::Rate {
        return Some(format!("'{}' is a rate, so `large_numbers: chinese` has nothing to rewrite", ind.id));
    }
    let scaled = ["万", "亿"].into_iter().find(|w| ind.unit.text.starts_with(w))?;
    Some(format!(
        "'{}' has the unit '{}', which already counts in {scaled}; `large_numbers: chinese` would write {scaled} twice",
        ind.id, ind.unit.text
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The errors of a catalogue whose text is `yaml`, as "line:col message".
    fn errors_of(yaml: &str) -> (Catalogue, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/indicators.yaml"), yaml).unwrap();
        let mut errors = Vec::new();
        let catalogue = load_catalogue(dir.path(), &mut errors);
        (catalogue, errors.iter().map(|d| format!("{}:{} {}", d.line, d.col, d.message)).collect())
    }

    const HEAD: &str = "a:\n  label: 办结行政复议案件\n  kind: count\n  better: higher\n";

    #[test]
    fn good_aliases_and_breaks_load() {
        let yaml = format!(
            "{HEAD}  aliases: [审结行政复议案件, 行政复议案件办结]\n  breaks:\n    2024: 自2024年起含上年结转案件\n"
        );
        let (catalogue, errors) = errors_of(&yaml);
        assert!(errors.is_empty(), "{errors:?}");
        let a = catalogue.get("a").unwrap();
        assert_eq!(a.aliases.len(), 2);
        assert_eq!(a.between(2023, 2024), Some((2024, "自2024年起含上年结转案件")));
    }

    #[test]
    fn an_alias_that_is_empty_its_label_or_repeated_is_an_error_at_its_place() {
        let yaml = format!("{HEAD}  aliases: [审结, \"\", 办结行政复议案件, 审结]\n");
        let (_, errors) = errors_of(&yaml);
        assert_eq!(
            errors,
            [
                "5:17 an alias of 'a' is empty",
                "5:21 the alias '办结行政复议案件' of 'a' is its label",
                "5:31 the alias '审结' of 'a' is listed twice",
            ]
        );
    }

    #[test]
    fn a_name_of_two_indicators_is_an_error_naming_both() {
        let yaml = format!(
            "{HEAD}  aliases: [审结行政复议案件]\nb:\n  label: 审结行政复议案件\n  kind: count\n  better: higher\nc:\n  label: 收到申请\n  kind: count\n  better: higher\n  aliases: [审结行政复议案件]\n"
        );
        let (_, errors) = errors_of(&yaml);
        assert_eq!(
            errors,
            [
                "7:10 '审结行政复议案件' is the label of 'b' and an alias of 'a'",
                "14:13 '审结行政复议案件' is an alias of 'c' and an alias of 'a'",
            ]
        );
    }

    #[test]
    fn aliases_must_be_a_list_of_strings() {
        let (catalogue, errors) = errors_of(&format!("{HEAD}  aliases: 审结行政复议案件\n"));
        assert!(catalogue.broken);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("5:"), "{errors:?}");
    }

    #[test]
    fn a_break_must_be_a_year_with_a_reason() {
        let yaml = format!("{HEAD}  breaks:\n    24: 口径调整\n    2024: \"\"\n");
        let (_, errors) = errors_of(&yaml);
        assert_eq!(
            errors,
            ["6:5 'a' has a break in 24, which is no year of a report", "7:5 the break of 'a' in 2024 gives no reason"]
        );
        let (catalogue, errors) = errors_of(&format!("{HEAD}  breaks:\n    二〇二四: 口径调整\n"));
        assert!(catalogue.broken && errors.len() == 1 && errors[0].starts_with("6:"), "{errors:?}");
        let (_, errors) = errors_of(&format!("{HEAD}  breaks:\n    2024:\n"));
        assert!(errors.len() == 1 && errors[0].starts_with("6:"), "a break with nothing after it: {errors:?}");
    }
}
