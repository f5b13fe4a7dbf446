//! Compiling a theme's templates, and saying where in them a problem is.

use super::{fold, highlight};
use crate::error::{Diagnostic, Error, Result};
use crate::theme::Theme;
use std::path::PathBuf;
use tera::Tera;

/// Compiles a theme's templates, with its strings written into them where that prints the
/// same ([`fold`]).
pub fn compile(theme: &Theme) -> Result<Tera> {
    let fold = fold::allowed(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str())));
    let folded: Vec<Option<String>> = theme
        .templates
        .values()
        .map(|t| fold.then(|| fold::strings_into(&t.name, &t.text, &theme.strings)).flatten())
        .collect();
    let with_strings =
        theme.templates.values().zip(&folded).map(|(t, f)| (t.name.as_str(), f.as_deref().unwrap_or(&t.text)));
    match compile_texts(with_strings) {
        Ok(tera) => Ok(tera),
        // The error again from the templates as written, so its line and column are theirs.
        Err(_) => compile_texts(theme.templates.values().map(|t| (t.name.as_str(), t.text.as_str())))
            .map_err(|e| Error::one(template_error(theme, &e, None))),
    }
}

fn compile_texts<'t>(templates: impl Iterator<Item = (&'t str, &'t str)>) -> tera::Result<Tera> {
    let mut tera = Tera::default();
    // Escape what HTML needs escaped and nothing more, so URLs keep their slashes.
    tera.set_escape_fn(highlight::escape_html);
    tera.add_raw_templates(templates.collect::<Vec<_>>())?;
    Ok(tera)
}

/// The messages of an error and its causes, joined.
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// A Tera error as a diagnostic on the template file it concerns.
pub(super) fn template_error(theme: &Theme, e: &tera::Error, page: Option<&str>) -> Diagnostic {
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
