//! Compiling a theme's templates, and saying where in them a problem is.

use super::cycles::{self, Cycle, Place, Step};
use super::{fold, nesting, string_keys};
use crate::error::{Diagnostic, Error, Result};
use crate::theme::Theme;
use std::path::PathBuf;
use tera::Tera;

/// Compiles a theme's templates, with its strings written into them where that prints the
/// same (`fold.rs`), and every `t.key` they print checked against its translation file
/// (`string_keys.rs`). Templates that would render themselves without end are refused
/// (`cycles.rs`).
pub fn compile(theme: &Theme) -> Result<Tera> {
    // Nesting the engine would recurse through until its stack overflows is refused first.
    let too_deep: Vec<_> = theme.templates.values().filter_map(|t| nesting::check(&t.origin, &t.text)).collect();
    if !too_deep.is_empty() {
        return Err(Error::Site(too_deep));
    }
    let fold = fold::allowed(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str())));
    let folded: Vec<Option<String>> = theme
        .templates
        .values()
        .map(|t| fold.then(|| fold::strings_into(&t.name, &t.text, &theme.strings)).flatten())
        .collect();
    let with_strings =
        theme.templates.values().zip(&folded).map(|(t, f)| (t.name.as_str(), f.as_deref().unwrap_or(&t.text)));
    let tera = match compile_texts(with_strings) {
        Ok(tera) => tera,
        Err(Failure::Cycle(c)) => return Err(Error::one(cycle_error(theme, &c))),
        // The error again from the templates as written, so its line and column are theirs.
        Err(Failure::Tera(_)) => {
            match compile_texts(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str()))) {
                Ok(tera) => tera,
                Err(Failure::Cycle(c)) => return Err(Error::one(cycle_error(theme, &c))),
                Err(Failure::Tera(e)) => return Err(Error::one(template_error(theme, &e, None))),
            }
        }
    };
    // A key the translation file lacks is not folded in, so it is still `t.key` here.
    let unknown = string_keys::unknown_keys(&tera.templates, theme);
    if unknown.is_empty() {
        Ok(tera)
    } else {
        Err(Error::Site(unknown))
    }
}

/// Why templates did not compile.
enum Failure {
    /// Tera refused them.
    Tera(tera::Error),
    /// They would render themselves without end.
    Cycle(Cycle),
}

fn compile_texts<'t>(templates: impl Iterator<Item = (&'t str, &'t str)>) -> std::result::Result<Tera, Failure> {
    let mut tera = Tera::default();
    // Escape what HTML needs escaped and nothing more, so URLs keep their slashes.
    tera.set_escape_fn(crate::escape::escape_html);
    // Parsed one by one (as `add_raw_templates` does) so circles are found before Tera links
    // the templates: following a circle of `extends` overflows its stack.
    for (name, text) in templates {
        let parsed = tera::Template::new(name, None, text)
            .map_err(|e| Failure::Tera(tera::Error::chain(format!("Failed to parse '{name}'"), e)))?;
        tera.templates.insert(name.to_string(), parsed);
    }
    if let Some(c) = cycles::find(&tera.templates) {
        return Err(Failure::Cycle(c));
    }
    tera.build_inheritance_chains().map_err(Failure::Tera)?;
    tera.check_macro_files().map_err(Failure::Tera)?;
    Ok(tera)
}

/// A circle of templates or macros as a diagnostic at the step that closes it, in the
/// template's own file.
fn cycle_error(theme: &Theme, c: &Cycle) -> Diagnostic {
    let (last, closing) = c.steps.last().expect("a circle has a step");
    let describe = |p: &Place| match p {
        Place::Template(t) => format!("'{t}'"),
        Place::Macro(t, m) => format!("macro '{m}' (in '{t}')"),
    };
    let verb = |s: Step| match s {
        Step::Includes => "includes",
        Step::Extends => "extends",
        Step::Imports => "imports",
        Step::Calls => "calls",
    };
    let mut text = describe(&c.steps[0].0);
    for (i, (_, edge)) in c.steps.iter().enumerate() {
        let to = if c.steps.len() == 1 { "itself".to_string() } else { describe(&edge.to) };
        text.push_str(&format!("{} {} {to}", if i == 0 { "" } else { ", which" }, verb(edge.step)));
    }
    let template = theme.templates.get(last.file());
    let file = template.map_or_else(|| PathBuf::from("templates"), |t| t.origin.clone());
    let (line, col) = template.map_or((1, 1), |t| position_of(&t.text, last, &closing.written));
    let hint = if closing.step == Step::Calls {
        "a macro may not call itself, directly or through other macros: whether it would stop \
         depends on data, and one that never stops crashes the build; write the nesting out with loops"
    } else {
        "a template may not include, extend or import itself, directly or through others; \
         remove the step that closes the circle"
    };
    Diagnostic::error(file, line, col, format!("{text}, without end")).with_hint(hint)
}

/// Line and column (1-based, in characters) of `written` in `text`, searched from the
/// definition of the macro when `place` is one; 1:1 when not found.
fn position_of(text: &str, place: &Place, written: &str) -> (usize, usize) {
    let from = match place {
        Place::Macro(_, m) => macro_start(text, m).unwrap_or(0),
        Place::Template(_) => 0,
    };
    let quoted = [format!("\"{written}\""), format!("'{written}'"), format!("`{written}`"), written.to_string()];
    let Some(at) = quoted.iter().find_map(|q| text[from..].find(q.as_str())).map(|i| from + i) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// Where `{% macro name(` starts in `text`.
pub(super) fn macro_start(text: &str, name: &str) -> Option<usize> {
    text.match_indices("macro").map(|(i, _)| i).find(|&i| {
        let rest = text[i + "macro".len()..].trim_start();
        rest.strip_prefix(name).is_some_and(|r| r.trim_start().starts_with('('))
    })
}

/// The messages of an error and its causes, joined.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// A Tera error as a diagnostic on the template file it concerns.
pub(crate) fn template_error(theme: &Theme, e: &tera::Error, page: Option<&str>) -> Diagnostic {
    let message = error_chain(e);
    let name = theme.templates.keys().find(|n| message.contains(&format!("'{n}'"))).cloned().unwrap_or_default();
    let template = theme.templates.get(&name);
    let file = template.map_or_else(|| PathBuf::from("templates"), |t| t.origin.clone());
    // Parse errors carry "--> line:col" and a line starting with "= " saying what was expected.
    let (mut line, mut col) = message
        .split("-->")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.split_once(':'))
        .map_or((0, 0), |(l, c)| (l.parse().unwrap_or(0), c.parse().unwrap_or(0)));
    let expected = message.lines().find_map(|l| l.trim().strip_prefix("= ")).map(str::to_string);
    let mut text = match expected {
        Some(what) => format!("template syntax error in '{name}': {what}"),
        None => message.lines().last().unwrap_or_default().trim().to_string(),
    };
    // Render errors name the variable or filter but not the line: find it in the template.
    if line == 0 {
        if let (Some(t), Some(var)) = (template, message.split('`').nth(1)) {
            if let Some((n, l)) = t.text.lines().enumerate().find(|(_, l)| l.contains(var)) {
                line = n + 1;
                col = l[..l.find(var).unwrap_or(0)].chars().count() + 1;
            }
        }
    }
    if let Some(p) = page {
        text.push_str(&format!(" (while rendering {p})"));
    }
    Diagnostic::error(file, line, col, text)
}
