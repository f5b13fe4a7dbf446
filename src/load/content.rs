//! Reading one content file: front matter into typed structs, body kept for rendering.
//!
//! Here: the steps every file takes (its front matter split off, checked for duplicate and
//! misspelt keys, read by serde); what each kind of file holds and checks is in `kinds.rs`,
//! checks of single values (dates, web addresses) in `values.rs`.

mod kinds;
mod values;

use super::{frontmatter, read_text, spans, yaml_error, FileKind};
use crate::error::Diagnostic;
use crate::model::{Body, Catalogue, Entity, Extra, Page, Report};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// What a content file turned out to be.
pub(crate) enum Parsed {
    Home(Page),
    Page(Page),
    Entity(Entity),
    Report(Report),
    Failed,
}

/// Parses a whole YAML file (site.yaml) into `T`, refusing first what [`spans::parse_unique`]
/// refuses: serde_yaml recurses once per level of nesting and keeps the last of two equal keys.
pub(crate) fn parse_typed<T: DeserializeOwned>(file: &Path, yaml: &str, yaml_line: usize) -> Result<T, Diagnostic> {
    spans::parse_unique(yaml, yaml_line).map_err(|e| e.diagnostic(file))?;
    typed(file, yaml, yaml_line)
}

/// Parses YAML that [`spans::parse_unique`] has already accepted into `T`.
pub(crate) fn typed<T: DeserializeOwned>(file: &Path, yaml: &str, yaml_line: usize) -> Result<T, Diagnostic> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(yaml).map_err(|e| {
        let d = yaml_error(file, yaml_line, &e);
        match d.message.strip_prefix("missing field `").and_then(|m| m.split_once('`')) {
            Some((field, _)) => {
                let message = format!("missing required key '{field}'");
                Diagnostic { message, ..d }.with_hint(format!("add `{field}: …` to the front matter"))
            }
            None => d,
        }
    })
}

/// Top-level keys that are not ours but look like a misspelling of one of ours.
pub(crate) fn typos(file: &Path, tree: Option<&spans::Node>, known: &[&str]) -> Vec<Diagnostic> {
    let Some(spans::Node { kind: spans::NodeKind::Map(entries), .. }) = tree else { return Vec::new() };
    entries
        .iter()
        .filter_map(|(k, _)| {
            let key = k.as_scalar()?;
            if known.contains(&key) {
                return None;
            }
            let suggestion = crate::error::did_you_mean(key, known.iter().copied())?;
            Some(
                Diagnostic::error(
                    file,
                    k.pos.line,
                    k.pos.col,
                    format!("unknown key '{key}' (did you mean '{suggestion}'?)"),
                )
                .with_hint(format!(
                    "rename it to '{suggestion}'; keys that are not annalist's are kept for templates as `extra`"
                )),
            )
        })
        .collect()
}

/// Parses front matter into `T`, reporting misspelt keys before what serde makes of them.
/// `read_apart` names a key whose block value `T` ignores and the caller reads from `tree`.
fn front<T: DeserializeOwned>(
    file: &Path,
    split: &frontmatter::Split,
    tree: Option<&spans::Node>,
    known: &[&str],
    read_apart: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) -> Result<T, Diagnostic> {
    let mut typos = typos(file, tree, known);
    let yaml = match read_apart {
        Some(key) => without_block_value(split.yaml, split.yaml_line, tree, key),
        None => Cow::Borrowed(split.yaml),
    };
    let typed = typed(file, &yaml, split.yaml_line);
    if typos.is_empty() {
        return typed;
    }
    let first = typos.remove(0);
    errors.extend(typos);
    Err(first)
}

/// `yaml` with the lines of `key`'s block value blanked, when it has one: serde reads the
/// rest of the front matter, and that block (most of a report's front matter) is read from the
/// position tree instead, so parsing it twice was a tenth of loading. The lines stay, empty, so
/// serde's errors keep their line numbers; the key is left with no value. Front matter with an
/// alias (`*name`) is left whole, as the alias might point into the block, and so is front
/// matter with a carriage return that does not end a Windows line: the YAML parser counts it as
/// a line of its own, and the lines blanked would not be the block's.
fn without_block_value<'y>(yaml: &'y str, yaml_line: usize, tree: Option<&spans::Node>, key: &str) -> Cow<'y, str> {
    let Some(spans::Node { kind: spans::NodeKind::Map(entries), .. }) = tree else { return Cow::Borrowed(yaml) };
    let Some((k, v)) = entries.iter().find(|(k, _)| k.as_scalar() == Some(key)) else { return Cow::Borrowed(yaml) };
    let bytes = yaml.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if v.pos.line <= k.pos.line || yaml.contains('*') || lone_cr {
        return Cow::Borrowed(yaml);
    }
    // The block runs from the line after the key to the line before the next top-level key.
    let next_key = entries.iter().map(|(k, _)| k.pos.line).filter(|&l| l > k.pos.line).min();
    let (first, end) = (k.pos.line + 1 - yaml_line, next_key.map_or(usize::MAX, |l| l - yaml_line));
    let mut out = String::with_capacity(yaml.len());
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        if (first..end).contains(&i) {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

fn to_extra(file: &Path, extra: serde_yaml::Mapping) -> Result<Extra, Diagnostic> {
    let mut out = Extra::new();
    for (k, v) in extra {
        let key = k.as_str().map(str::to_string).unwrap_or_else(|| format!("{k:?}"));
        let value = serde_json::to_value(&v)
            .map_err(|e| Diagnostic::error(file, 0, 0, format!("front-matter key '{key}': {e}")))?;
        out.insert(key, value);
    }
    Ok(out)
}

pub(crate) fn parse_file(
    root: &Path,
    (rel, kind): &(PathBuf, FileKind),
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Parsed {
    let parsed = read_text(root, rel).and_then(|text| parse_text(rel, kind, &text, catalogue, errors));
    match parsed {
        Ok(p) => p,
        Err(d) => {
            errors.push(d);
            Parsed::Failed
        }
    }
}

/// Parses the text of a report as if it were the file `rel` (`content/<entity>/<year>.md`):
/// the entry point for fuzzing and for tests of parsing alone.
pub fn parse_report_text(rel: &Path, text: &str, catalogue: &Catalogue) -> Result<Report, Vec<Diagnostic>> {
    let entity = rel.parent().and_then(Path::file_name).map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let year = rel.file_stem().and_then(|s| s.to_str()).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut errors = Vec::new();
    match parse_text(rel, &FileKind::Report(entity, year), text, catalogue, &mut errors) {
        Ok(Parsed::Report(r)) if errors.is_empty() => Ok(r),
        Ok(_) => Err(errors),
        Err(d) => {
            errors.insert(0, d);
            Err(errors)
        }
    }
}

fn parse_text(
    rel: &Path,
    kind: &FileKind,
    text: &str,
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Result<Parsed, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(rel, 1, 1, "the file is empty").with_hint("give it front matter between '---' lines")
        );
    }
    let split = frontmatter::split(rel, text)?;
    let body = Body { markdown: split.body.to_string(), line: split.body_line };
    let tree = spans::parse_unique(split.yaml, split.yaml_line).map_err(|e| e.diagnostic(rel))?;
    let source = kinds::Source { rel, split, tree };
    match kind {
        FileKind::Report(entity, file_year) => {
            source.report((entity, *file_year), body, catalogue, errors).map(Parsed::Report)
        }
        FileKind::Entity(id) => source.entity(id, body, errors).map(Parsed::Entity),
        FileKind::Page(slug) => source.page(Some(slug), body, errors).map(Parsed::Page),
        FileKind::Home => source.page(None, body, errors).map(Parsed::Home),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(yaml: &str) -> (Result<Parsed, Diagnostic>, Vec<Diagnostic>) {
        let text = format!("---\n{yaml}---\n正文\n");
        let mut errors = Vec::new();
        let kind = FileKind::Report("a".into(), 2022);
        let parsed = parse_text(Path::new("content/a/2022.md"), &kind, &text, &Catalogue::default(), &mut errors);
        (parsed, errors)
    }

    #[test]
    fn keys_after_the_indicator_block_are_read_and_placed_on_their_own_lines() {
        let yaml = "title: 甲\nyear: 2022\nindicators:\n  x: 1\n  y: { value: 2, note: \"a: b\" }\ntags: [一, 二]\nextra_key: 3\n";
        let (parsed, _) = report(yaml);
        let Ok(Parsed::Report(r)) = parsed else { panic!("not a report") };
        assert_eq!(r.tags, vec!["一".to_string(), "二".to_string()]);
        assert_eq!(r.extra.get("extra_key"), Some(&serde_json::json!(3)));
        assert_eq!(r.indicators_pos.line, 4);
        // A bad value after the block is reported on its own line (file line 7).
        let (parsed, _) = report("title: 甲\nyear: 2022\nindicators:\n  x: 1\n  y: 2\ndraft: maybe\n");
        let Err(d) = parsed else { panic!("accepted draft: maybe") };
        assert_eq!(d.line, 7, "{d:?}");
        // With an alias the front matter is read whole, and the alias resolves.
        let (parsed, _) = report("title: &t 甲\nyear: 2022\nindicators:\n  x: 1\nsource: *t\n");
        let Ok(Parsed::Report(r)) = parsed else { panic!("not a report") };
        assert_eq!(r.source.as_deref(), Some("甲"));
    }

    #[test]
    fn only_a_block_value_is_blanked() {
        let tree = |y: &str| spans::parse(y, 2).unwrap();
        let inline = "indicators: { x: 1 }\ntitle: t\n";
        assert_eq!(without_block_value(inline, 2, tree(inline).as_ref(), "indicators"), inline);
        let block = "title: t\nindicators:\n  x: 1\n\n  y: 2\nyear: 1\n";
        let out = without_block_value(block, 2, tree(block).as_ref(), "indicators");
        assert_eq!(out, "title: t\nindicators:\n\n\n\nyear: 1\n");
        let last = "title: t\nindicators:\n  x: 1\n  y: 2";
        assert_eq!(without_block_value(last, 2, tree(last).as_ref(), "indicators"), "title: t\nindicators:\n\n");
        // Windows line ends and a comment in the block: the block's lines go, the rest stays.
        let crlf = "title: t\r\nindicators:\r\n  # 原文\r\n  x: 1\r\ntags: [a]\r\n";
        let out = without_block_value(crlf, 2, tree(crlf).as_ref(), "indicators");
        assert_eq!(out, "title: t\r\nindicators:\r\n\n\ntags: [a]\r\n");
        // A carriage return alone is a line break to the YAML parser, not to a split on '\n':
        // such front matter is left whole rather than blanked at the wrong lines.
        let lone = "title: t\r\r\nindicators:\n  x: 1\ndraft: true\n";
        assert_eq!(without_block_value(lone, 2, tree(lone).as_ref(), "indicators"), lone);
    }
}
