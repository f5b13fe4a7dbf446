//! Themes: the templates, static files and interface strings a site is rendered with.
//!
//! The default theme is compiled into the binary so that any site folder builds without a
//! `themes/` of its own. A site's `themes/<name>/` is read from disk when present, and files in
//! the site's `templates/` win over the theme's files of the same name.

use crate::error::{Diagnostic, Error, Result};
use include_dir::{include_dir, Dir};
use indexmap::IndexMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file on disk.
    Disk(PathBuf),
}

/// A template: its name as Tera knows it, its text, and the file it came from (for errors).
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Name relative to `templates/` ("base.html", "shortcodes/value.html").
    pub name: String,
    /// The template's text.
    pub text: String,
    /// Where it came from, relative to the site root or marked as built in.
    pub origin: PathBuf,
}

/// A theme resolved for one site: templates (with overrides applied), static files and strings.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name; a site's own templates have replaced the theme's.
    pub templates: BTreeMap<String, TemplateFile>,
    /// Static files by output path (theme's first, then the site's `static/`, which wins).
    pub statics: BTreeMap<String, Source>,
    /// Interface strings for the site's language.
    pub strings: IndexMap<String, String>,
}

/// Resolves the theme of a site: embedded default or `themes/<name>/`, then `templates/` and
/// `static/` of the site on top.
pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme> {
    let mut theme = Theme::default();
    let theme_dir = root.join("themes").join(name);
    let mut strings_text: Option<(String, PathBuf)> = None;
    if theme_dir.is_dir() {
        let rel = Path::new("themes").join(name);
        read_templates(root, &rel.join("templates"), &mut theme)?;
        read_statics(root, &rel.join("static"), &mut theme)?;
        let i18n = rel.join("i18n").join(format!("{language}.yaml"));
        if root.join(&i18n).is_file() {
            let text = crate::load::read_text(root, &i18n).map_err(Error::one)?;
            strings_text = Some((text, i18n));
        }
    } else if name == "default" {
        embedded(&DEFAULT_THEME, &mut theme);
    } else {
        return Err(Error::one(
            Diagnostic::error(
                "site.yaml",
                0,
                0,
                format!("theme '{name}' not found: there is no themes/{name}/ folder"),
            )
            .with_hint("use `theme: default` for the built-in theme, or add the theme's folder under themes/"),
        ));
    }
    if strings_text.is_none() {
        // A theme without strings of its own falls back to the default theme's.
        let file = format!("i18n/{language}.yaml");
        if let Some(f) = DEFAULT_THEME.get_file(&file) {
            strings_text = Some((
                String::from_utf8_lossy(f.contents()).into_owned(),
                PathBuf::from("(built-in theme)").join(file),
            ));
        }
    }
    if let Some((text, origin)) = strings_text {
        theme.strings = serde_yaml::from_str(&text).map_err(|e| Error::one(crate::load::yaml_error(&origin, 1, &e)))?;
    }
    read_templates(root, Path::new("templates"), &mut theme)?;
    read_statics(root, Path::new("static"), &mut theme)?;
    Ok(theme)
}

fn embedded(dir: &'static Dir<'static>, theme: &mut Theme) {
    for entry in dir.entries() {
        if let Some(d) = entry.as_dir() {
            embedded(d, theme);
        } else if let Some(f) = entry.as_file() {
            let path = f.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                theme.templates.insert(
                    name.to_string(),
                    TemplateFile {
                        name: name.to_string(),
                        text: String::from_utf8_lossy(f.contents()).into_owned(),
                        origin: PathBuf::from("(built-in theme)").join(&path),
                    },
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.statics.insert(name.to_string(), Source::Embedded(f.contents()));
            }
        }
    }
}

fn files_under(root: &Path, rel: &Path) -> Result<Vec<(String, PathBuf)>> {
    let dir = root.join(rel);
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let inner = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let name = inner.to_string_lossy().replace('\\', "/");
        if name.split('/').any(|p| p.starts_with('.')) {
            continue;
        }
        out.push((name, rel.join(inner)));
    }
    Ok(out)
}

fn read_templates(root: &Path, rel: &Path, theme: &mut Theme) -> Result<()> {
    for (name, file) in files_under(root, rel)? {
        let text = crate::load::read_text(root, &file).map_err(Error::one)?;
        theme.templates.insert(name.clone(), TemplateFile { name, text, origin: file });
    }
    Ok(())
}

fn read_statics(root: &Path, rel: &Path, theme: &mut Theme) -> Result<()> {
    for (name, file) in files_under(root, rel)? {
        theme.statics.insert(name, Source::Disk(root.join(file)));
    }
    Ok(())
}
