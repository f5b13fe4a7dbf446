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

mod strings;
pub use strings::{Problem, UiStrings};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The folder the built-in theme's files are named in, in errors: they are not on disk.
pub const BUILT_IN: &str = "(built-in theme)";

/// A theme's interface strings, by key, in the order written: what templates see as `t`. (Rust
/// code reads the strings it writes from [`UiStrings`].)
pub type Strings = IndexMap<String, String, foldhash::fast::RandomState>;

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
    /// Interface strings for the site's language, for templates.
    pub strings: Strings,
    /// The same strings' fields that Rust code writes into pages.
    pub ui: UiStrings,
    /// The translation file the strings come from (for errors).
    pub strings_file: PathBuf,
}

/// Resolves the theme of a site: embedded default or `themes/<name>/`, then `templates/` and
/// `static/` of the site on top.
pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme> {
    let mut theme = Theme::default();
    let rel = Path::new("themes").join(name);
    crate::load::tree::refuse_links_on_the_way(root, &rel).map_err(Error::one)?;
    let mut strings_text: Option<(String, PathBuf)> = None;
    if root.join(&rel).is_dir() {
        read_templates(root, &rel.join("templates"), &mut theme)?;
        read_statics(root, &rel.join("static"), &mut theme)?;
        let i18n = rel.join("i18n").join(format!("{language}.yaml"));
        crate::load::tree::refuse_links_on_the_way(root, &i18n).map_err(Error::one)?;
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
            strings_text =
                Some((String::from_utf8_lossy(f.contents()).into_owned(), PathBuf::from(BUILT_IN).join(file)));
        }
    }
    if let Some((text, origin)) = strings_text {
        (theme.strings, theme.ui) = parse_strings(&text, &origin)?;
        theme.strings_file = origin;
    }
    read_templates(root, Path::new("templates"), &mut theme)?;
    read_statics(root, Path::new("static"), &mut theme)?;
    Ok(theme)
}

/// Reads a translation file: a mapping of keys to strings, each key once, with every key of
/// [`UiStrings`]; gives the strings for templates and those Rust code writes.
///
/// serde_yaml keeps the last of two equal keys without a word, which once hid the 页面 of the
/// menu behind the pager's 分页; here a repeated key is an error at its line and column, and so
/// is a `large_numbers` that is neither `chinese` nor `plain`.
pub fn parse_strings(text: &str, origin: &Path) -> Result<(Strings, UiStrings)> {
    // Nesting, line separators and syntax are refused at their place before serde reads it.
    let tree = crate::load::spans::parse(text, 1).map_err(|e| Error::one(e.diagnostic(origin)))?;
    let strings: Strings =
        serde_yaml::from_str(text).map_err(|e| Error::one(crate::load::yaml_error(origin, 1, &e)))?;
    let Some(crate::load::spans::NodeKind::Map(entries)) = tree.as_ref().map(|t| &t.kind) else {
        let missing = UiStrings::KEYS.iter().map(|k| missing_error(origin, k)).collect();
        return Err(Error::Site(missing));
    };
    let mut errors = Vec::new();
    let mut seen: IndexMap<&str, usize> = IndexMap::new();
    for (key, value) in entries {
        let Some(name) = key.as_scalar() else { continue };
        if let Some(&first) = seen.get(name) {
            errors.push(
                Diagnostic::error(
                    origin,
                    key.pos.line,
                    key.pos.col,
                    format!("the string '{name}' is defined twice (first on line {first})"),
                )
                .with_hint("give each string its own key; a template can only ever see one of the two"),
            );
        } else {
            seen.insert(name, key.pos.line);
        }
        let notation = crate::model::LargeNumbers::NAMES;
        if name == "large_numbers" && !value.as_scalar().is_some_and(|v| notation.contains(&v)) {
            errors.push(
                Diagnostic::error(
                    origin,
                    value.pos.line,
                    value.pos.col,
                    "'large_numbers' must be 'chinese' (万, 亿) or 'plain'",
                )
                .with_hint("it says whether this language writes large figures in 万 and 亿"),
            );
        }
    }
    let ui = UiStrings::read(&strings).map_err(|problems| {
        for problem in problems {
            errors.push(match problem {
                Problem::Missing(key) => missing_error(origin, key),
                Problem::NotTwelveMonths => {
                    let at = entries.iter().find(|(k, _)| k.as_scalar() == Some("months"));
                    Diagnostic::error(
                        origin,
                        at.map_or(1, |(k, _)| k.pos.line),
                        1,
                        "'months' must name twelve months, separated by commas",
                    )
                    .with_hint("e.g. 1,2,3,4,5,6,7,8,9,10,11,12 or January,February,…")
                }
            });
        }
    });
    match ui {
        Ok(ui) if errors.is_empty() => Ok((strings, ui)),
        _ => Err(Error::Site(errors)),
    }
}

/// The error for a translation file `origin` that lacks `key`, which Rust code writes itself.
fn missing_error(origin: &Path, key: &str) -> Diagnostic {
    Diagnostic::error(origin, 1, 1, format!("the string '{key}' is missing")).with_hint(
        "annalist writes it into pages itself (table cells, contents lists, dates, lists of reports); add it",
    )
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
                        origin: PathBuf::from(BUILT_IN).join(&path),
                    },
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.statics.insert(name.to_string(), Source::Embedded(f.contents()));
            }
        }
    }
}

/// Whether an entry of a templates folder is left out: hidden files and folders (an editor's
/// swap files, `.git`).
fn hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether an entry of a static folder is left out: a repository's `.git`, the Finder's
/// `.DS_Store` and an editor's lock files (`.#name`, links). Every other file is published as
/// it is, dot-files included (`.well-known/`, `.nojekyll`, `.htaccess`).
pub fn not_published(name: &str) -> bool {
    name == ".git" || name == ".DS_Store" || name.starts_with(".#")
}

fn read_templates(root: &Path, rel: &Path, theme: &mut Theme) -> Result<()> {
    for (name, file) in crate::load::tree::files(root, rel, hidden)? {
        let text = crate::load::read_text(root, &file).map_err(Error::one)?;
        theme.templates.insert(name.clone(), TemplateFile { name, text, origin: file });
    }
    Ok(())
}

fn read_statics(root: &Path, rel: &Path, theme: &mut Theme) -> Result<()> {
    let mut errors = Vec::new();
    for (name, file) in crate::load::tree::files(root, rel, not_published)? {
        if name.split('/').any(|part| part.contains(ANNALIST_NAMES)) {
            errors.push(
                Diagnostic::error(&file, 1, 1, format!("'{name}' is named like a file annalist keeps in the output"))
                    .with_hint(format!(
                        "rename it: names holding '{ANNALIST_NAMES}' are annalist's marker, its record of what it \
                         wrote and its temporary files, which a build writes and removes itself"
                    )),
            );
            continue;
        }
        theme.statics.insert(name, Source::Disk(root.join(file)));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Site(errors))
    }
}

/// What the names of annalist's own files in an output folder hold (`.annalist-output`,
/// `.annalist-files`, `.index.html.annalist-new-PID`): a static file so named would be taken
/// for one of them, overwritten or removed.
const ANNALIST_NAMES: &str = ".annalist-";

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of a translation file `text`, completed with the built-in strings it lacks.
    fn errors(text: &str) -> Vec<Diagnostic> {
        bare_errors(&format!("{text}{}", rest_of_built_in(text)))
    }

    /// The problems of a translation file exactly as `text` is.
    fn bare_errors(text: &str) -> Vec<Diagnostic> {
        match parse_strings(text, Path::new("themes/x/i18n/en.yaml")) {
            Ok(_) => Vec::new(),
            Err(Error::Site(d)) => d,
            Err(e) => panic!("{e}"),
        }
    }

    fn rest_of_built_in(text: &str) -> String {
        let given = |k: &str| text.lines().any(|l| l.starts_with(&format!("{k}:")));
        let mut rest = String::new();
        for k in UiStrings::KEYS.iter().filter(|k| !given(k)) {
            let value = if *k == "months" { "1,2,3,4,5,6,7,8,9,10,11,12" } else { "x" };
            rest.push_str(&format!("{k}: \"{value}\"\n"));
        }
        rest
    }

    #[test]
    fn strings_annalist_writes_itself_must_be_there_and_months_twelve() {
        let text = rest_of_built_in("contents: x\n").replace("1,2,3,4,5,6,7,8,9,10,11,12", "1,2,3");
        let e = bare_errors(&text);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].message.contains("'contents' is missing"), "{}", e[0].message);
        assert!(e[1].message.contains("twelve months"), "{}", e[1].message);
        let months_line = text.lines().position(|l| l.starts_with("months:")).unwrap() + 1;
        assert_eq!(e[1].line, months_line);
        assert!(errors("contents: 目录\n").is_empty());
    }

    #[test]
    fn a_key_defined_twice_is_an_error_at_the_second() {
        let e = errors("home: Home\npages: Pages\nnext: Next\npages: Pager\n");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].col), (4, 1));
        assert!(e[0].message.contains("'pages' is defined twice (first on line 2)"), "{}", e[0].message);
    }

    #[test]
    fn a_line_separator_or_deep_nesting_is_an_error_at_its_place() {
        let e = errors("home: Home\npages: 页\u{2028}面\nnext: Next\n");
        assert_eq!((e.len(), e[0].line), (1, 2), "{e:?}");
        assert!(e[0].message.contains("U+2028"), "{}", e[0].message);
        let deep = format!("{}x\n", "- ".repeat(10_000));
        let e = bare_errors(&deep);
        assert_eq!((e.len(), e[0].line), (1, 1), "{e:?}");
        assert!(e[0].message.contains("deeper than"), "{}", e[0].message);
    }

    #[test]
    fn large_numbers_must_name_a_notation() {
        assert!(errors("large_numbers: chinese\n").is_empty());
        assert!(errors("large_numbers: plain\n").is_empty());
        let e = errors("home: Home\nlarge_numbers: wan\n");
        assert_eq!((e.len(), e[0].line, e[0].col), (1, 2, 16));
    }

    #[test]
    fn the_default_theme_strings_load() {
        for lang in crate::model::config::LANGUAGES {
            let file = DEFAULT_THEME.get_file(format!("i18n/{lang}.yaml")).unwrap();
            let text = std::str::from_utf8(file.contents()).unwrap();
            assert!(errors(text).is_empty(), "{lang}: {:?}", errors(text));
        }
    }
}
