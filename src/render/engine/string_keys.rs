//! Every `t.key` a theme's templates print, checked against the translation file when the
//! theme loads.
//!
//! `t` is the site language's translation file. A key it lacks would otherwise fail only when
//! a page printing it renders, with the engine's message about an unknown variable; here it
//! is an error at the template's line and column naming the translation file, before any page
//! renders. What the engine tolerates stays allowed: a key under `default(…)`, after `not`, as
//! a bare condition of `if` (or of its `and` / `or`) and in `is defined`.
//!
//! `t` is taken for the strings in a template's own body, outside loops that call a variable
//! `t`, and in a macro whose parameter `t` every call in the theme fills with that `t` (as the
//! built-in theme's macros are called, `t=t`). A theme that assigns `t` anywhere is not
//! checked: what `t` then is depends on the order pages render in.

use super::cycles::{self, Place};
use crate::error::{did_you_mean, Diagnostic};
use crate::theme::Theme;
use std::collections::{HashMap, HashSet};
use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

/// An error for each key the templates print as `t.key` that the theme's translation file
/// lacks, each at the first place its template names it.
pub fn unknown_keys(templates: &HashMap<String, Template>, theme: &Theme) -> Vec<Diagnostic> {
    if templates.values().any(|t| t.ast.iter().chain(t.macros.values().flat_map(|m| &m.body)).any(sets_t)) {
        return Vec::new();
    }
    let mut uses = Uses {
        templates,
        file: "",
        known: &theme.strings,
        unknown: Vec::new(),
        calls: Vec::new(),
        includes: Vec::new(),
    };
    for (name, t) in templates {
        uses.file = name;
        uses.nodes(&t.ast, &Place::Template(name.clone()), true);
        for (m, def) in &t.macros {
            uses.nodes(&def.body, &Place::Macro(name.clone(), m.clone()), true);
        }
    }
    let given = uses.macros_given_the_strings();
    let apart = uses.included_with_another_t();
    let mut errors: Vec<Diagnostic> = uses
        .unknown
        .iter()
        .filter(|(place, _)| match place {
            Place::Template(name) => !apart.contains(name),
            Place::Macro(..) => given.contains(place),
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .map(|(place, key)| error(theme, place, key))
        .collect();
    errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    errors
}

/// Whether a node (or any inside it) assigns `t`.
fn sets_t(node: &Node) -> bool {
    match node {
        Node::Set(_, set) => set.key == "t",
        Node::Block(_, b, _) => b.body.iter().any(sets_t),
        Node::FilterSection(_, f, _) => f.body.iter().any(sets_t),
        Node::Forloop(_, f, _) => f.body.iter().chain(f.empty_body.iter().flatten()).any(sets_t),
        Node::If(branches, _) => branches
            .conditions
            .iter()
            .flat_map(|(_, _, body)| body)
            .chain(branches.otherwise.iter().flat_map(|o| &o.1))
            .any(sets_t),
        _ => false,
    }
}

/// What a walk through the templates found.
struct Uses<'a> {
    /// Every template of the theme, parsed, by name.
    templates: &'a HashMap<String, Template>,
    /// The template walked.
    file: &'a str,
    /// The translation file's keys.
    known: &'a crate::theme::Strings,
    /// Each key not in the translation file, with the place that prints it as `t.key`.
    unknown: Vec<(Place, String)>,
    /// Each macro call: from where, to which macro, and whether it fills `t` with `t`.
    calls: Vec<(Place, Place, bool)>,
    /// Each include: from where, the templates named, and whether `t` is the strings there.
    includes: Vec<(Place, Vec<String>, bool)>,
}

impl Uses<'_> {
    /// Walks `nodes` of `place`, where `t` is the strings when `t_strings`.
    fn nodes(&mut self, nodes: &[Node], place: &Place, t_strings: bool) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, e) => self.expr(e, place, t_strings, false),
                Node::Set(_, set) => self.expr(&set.value, place, t_strings, false),
                Node::FilterSection(_, section, _) => {
                    section.filter.args.values().for_each(|e| self.expr(e, place, t_strings, false));
                    self.nodes(&section.body, place, t_strings);
                }
                Node::Block(_, block, _) => self.nodes(&block.body, place, t_strings),
                Node::Include(_, names, _) => self.includes.push((place.clone(), names.clone(), t_strings)),
                Node::Forloop(_, f, _) => {
                    self.expr(&f.container, place, t_strings, false);
                    let bound = f.value == "t" || f.key.as_deref() == Some("t");
                    self.nodes(&f.body, place, t_strings && !bound);
                    self.nodes(f.empty_body.as_deref().unwrap_or_default(), place, t_strings);
                }
                Node::If(branches, _) => {
                    for (_, condition, body) in &branches.conditions {
                        self.expr(condition, place, t_strings, true);
                        self.nodes(body, place, t_strings);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(body, place, t_strings);
                    }
                }
                _ => {}
            }
        }
    }

    /// Walks the expression `e`; `as_condition` when the engine reads it as true or false,
    /// where a missing key is false rather than an error.
    fn expr(&mut self, e: &Expr, place: &Place, t_strings: bool, as_condition: bool) {
        let forgiven = e.negated || e.filters.iter().any(|f| f.name == "default");
        for arg in e.filters.iter().flat_map(|f| f.args.values()) {
            self.expr(arg, place, t_strings, false);
        }
        match &e.val {
            ExprVal::Ident(name) if t_strings && !forgiven && !as_condition => self.ident(name, place),
            ExprVal::MacroCall(call) => {
                if let Some(file) =
                    cycles::resolve(self.file, &call.namespace, &call.name, self.templates, &mut HashSet::new())
                {
                    let bare_t = call.args.get("t").is_some_and(|a| {
                        t_strings
                            && a.filters.is_empty()
                            && !a.negated
                            && matches!(&a.val, ExprVal::Ident(n) if n == "t")
                    });
                    self.calls.push((place.clone(), Place::Macro(file, call.name.clone()), bare_t));
                }
                call.args.values().for_each(|a| self.expr(a, place, t_strings, false));
            }
            ExprVal::FunctionCall(f) => f.args.values().for_each(|a| self.expr(a, place, t_strings, false)),
            ExprVal::Math(m) => [&*m.lhs, &*m.rhs].into_iter().for_each(|a| self.expr(a, place, t_strings, false)),
            ExprVal::Logic(l) => {
                let both_conditions =
                    as_condition && matches!(l.operator, tera::ast::LogicOperator::And | tera::ast::LogicOperator::Or);
                [&*l.lhs, &*l.rhs].into_iter().for_each(|a| self.expr(a, place, t_strings, both_conditions));
            }
            ExprVal::In(i) => [&*i.lhs, &*i.rhs].into_iter().for_each(|a| self.expr(a, place, t_strings, false)),
            ExprVal::Test(t) => t.args.iter().for_each(|a| self.expr(a, place, t_strings, false)),
            ExprVal::Array(items) => items.iter().for_each(|a| self.expr(a, place, t_strings, false)),
            ExprVal::StringConcat(c) if t_strings => {
                for value in &c.values {
                    if let ExprVal::Ident(name) = value {
                        self.ident(name, place);
                    }
                }
            }
            _ => {}
        }
    }

    /// Notes the key of `t.key` (or `t.key.more`, `t.key[…]`) when the translation file lacks it.
    fn ident(&mut self, name: &str, place: &Place) {
        let Some(rest) = name.strip_prefix("t.") else { return };
        let key = rest.split(['.', '[']).next().unwrap_or_default();
        if !self.known.contains_key(key) {
            self.unknown.push((place.clone(), key.to_string()));
        }
    }

    /// The macros whose `t` is the strings: each has a parameter `t` without a default, is
    /// called, and every call fills `t` with a `t` that is the strings where the call is.
    fn macros_given_the_strings(&self) -> HashSet<Place> {
        let mut given: HashSet<Place> =
            self.calls.iter().map(|(_, to, _)| to).filter(|to| self.macro_has_t(to)).cloned().collect();
        loop {
            let before = given.len();
            let keep: HashSet<Place> = given
                .iter()
                .filter(|m| {
                    self.calls.iter().filter(|(_, to, _)| to == *m).all(|(from, _, bare_t)| {
                        *bare_t && (matches!(from, Place::Template(_)) || given.contains(from))
                    })
                })
                .cloned()
                .collect();
            given = keep;
            if given.len() == before {
                return given;
            }
        }
    }

    /// The templates included where `t` may not be the strings (in a macro, in a loop with a
    /// variable `t`, or from such a template), whose bodies are therefore not checked.
    fn included_with_another_t(&self) -> HashSet<String> {
        let mut apart = HashSet::new();
        loop {
            let before = apart.len();
            for (from, names, t_strings) in &self.includes {
                let from_apart = match from {
                    Place::Template(name) => apart.contains(name),
                    Place::Macro(..) => true,
                };
                if from_apart || !t_strings {
                    apart.extend(names.iter().cloned());
                }
            }
            if apart.len() == before {
                return apart;
            }
        }
    }

    /// Whether the macro `place` has a parameter `t` without a default.
    fn macro_has_t(&self, place: &Place) -> bool {
        let Place::Macro(file, name) = place else { return false };
        let def = self.templates.get(file).and_then(|t| t.macros.get(name));
        def.is_some_and(|d| matches!(d.args.get("t"), Some(None)))
    }
}

/// The error for `t.key` printed in `place` of `theme`, at the first place its template
/// writes it (from the macro's definition on, in a macro).
fn error(theme: &Theme, place: &Place, key: &str) -> Diagnostic {
    let template = theme.templates.get(place.file());
    let (line, col) = template.map_or((1, 1), |t| position(&t.text, place, key));
    let file = template.map_or_else(|| "templates".into(), |t| t.origin.clone());
    let translations = theme.strings_file.display();
    let hint = match did_you_mean(key, theme.strings.keys().map(String::as_str)) {
        Some(near) => format!("did you mean 't.{near}'?"),
        None if theme.strings_file.starts_with(crate::theme::BUILT_IN) => {
            "the built-in theme has no such string: write the text into the template, or give the site a theme \
             of its own with its own i18n/ files"
                .to_string()
        }
        None => format!("add '{key}' to {translations} (and to the theme's other translation files)"),
    };
    Diagnostic::error(file, line, col, format!("the string 't.{key}' is not in {translations}")).with_hint(hint)
}

/// Line and column (1-based, in characters) of the first `t.key` written as a whole name in
/// `text`, from the definition of the macro when `place` is one; 1:1 when not found.
fn position(text: &str, place: &Place, key: &str) -> (usize, usize) {
    let from = match place {
        Place::Macro(_, m) => super::templates::macro_start(text, m).unwrap_or(0),
        Place::Template(_) => 0,
    };
    let written = format!("t.{key}");
    let name_char = |c: char| c.is_alphanumeric() || c == '_';
    let at = text[from..].match_indices(&written).map(|(i, _)| from + i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + written.len()..].chars().next();
        !before.is_some_and(|c| name_char(c) || c == '.') && !after.is_some_and(name_char)
    });
    let Some(at) = at else { return (1, 1) };
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::TemplateFile;
    use std::path::PathBuf;

    /// The errors of a theme with `files` as its templates and the strings `home` and `next_page`.
    fn errors(files: &[(&str, &str)]) -> Vec<(String, usize, usize, String)> {
        let mut theme = Theme { strings_file: PathBuf::from("themes/x/i18n/en.yaml"), ..Theme::default() };
        for key in ["home", "next_page"] {
            theme.strings.insert(key.into(), key.into());
        }
        for (name, text) in files {
            let origin = PathBuf::from("templates").join(name);
            theme
                .templates
                .insert(name.to_string(), TemplateFile { name: name.to_string(), text: text.to_string(), origin });
        }
        let parsed = files.iter().map(|(n, t)| (n.to_string(), Template::new(n, None, t).unwrap())).collect();
        let found = unknown_keys(&parsed, &theme);
        found
            .into_iter()
            .map(|d| (d.file.display().to_string(), d.line, d.col, d.message + " / " + &d.hint.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_place_naming_the_translation_file() {
        let e = errors(&[("page.html", "{{ t.home }}\n<a>{{ t.nxet_page | upper }}</a>")]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].0.as_str(), e[0].1, e[0].2), ("templates/page.html", 2, 7));
        assert!(e[0].3.contains("'t.nxet_page' is not in themes/x/i18n/en.yaml"), "{}", e[0].3);
        assert!(e[0].3.contains("did you mean 't.next_page'?"), "{}", e[0].3);
        // Once per key and template, at the first place.
        let e = errors(&[("a.html", "{{ t.x }}{{ t.x }}{% if t.home == t.x %}{% endif %}"), ("b.html", "{{ t.x }}")]);
        assert_eq!(
            e.iter().map(|e| (e.0.as_str(), e.2)).collect::<Vec<_>>(),
            [("templates/a.html", 4), ("templates/b.html", 4)]
        );
    }

    #[test]
    fn what_the_engine_forgives_stays_allowed() {
        for text in [
            "{{ t.x | default(value=\"\") }}",
            "{% if t.x %}{% endif %}",
            "{% if t.x or t.y and not t.z %}{% endif %}",
            "{% if t.x is defined %}{% endif %}",
            "{{ not t.x }}",
            "{% for t in tags %}{{ t.title }}{% endfor %}",
            "{{ tt.x }}{{ post.t.x }}{{ t }}",
            "{% set t = other %}{{ t.x }}",
            "{% macro m(t) %}{{ t.title }}{% endmacro m %}{{ self::m(t=tag) }}",
            "{% macro m(t) %}{{ t.title }}{% endmacro m %}",
            "{% macro m(t=1) %}{{ t.title }}{% endmacro m %}{{ self::m(t=t) }}",
        ] {
            assert_eq!(errors(&[("page.html", text)]), Vec::new(), "{text}");
        }
    }

    #[test]
    fn the_built_in_theme_names_only_strings_it_has_in_every_language() {
        let dir = tempfile::tempdir().unwrap();
        for lang in crate::model::config::LANGUAGES {
            let mut theme = crate::theme::load(dir.path(), "default", lang).unwrap();
            let parsed = super::super::templates::compile(&theme).unwrap().templates;
            assert_eq!(unknown_keys(&parsed, &theme), Vec::new(), "{lang}");
            // Its macros are given `t` by every call, so what they print is checked too.
            theme.strings.shift_remove("pagination");
            let e = unknown_keys(&parsed, &theme);
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].file.ends_with("templates/macros.html"), "{e:?}");
            assert!(e[0].message.contains(&format!("'t.pagination' is not in (built-in theme)/i18n/{lang}.yaml")));
        }
    }

    #[test]
    fn a_template_included_where_t_is_another_is_left_alone() {
        let part = ("part.html", "{{ t.title }}{% include \"deeper.html\" %}");
        let deeper = ("deeper.html", "{{ t.url }}");
        let in_loop = ("page.html", "{% for t in tags %}{% include \"part.html\" %}{% endfor %}");
        assert_eq!(errors(&[part, deeper, in_loop]), Vec::new());
        let in_macro = ("page.html", "{% macro m(t) %}{% include \"part.html\" %}{% endmacro m %}");
        assert_eq!(errors(&[part, deeper, in_macro]), Vec::new());
        let plain = ("page.html", "{% include \"part.html\" %}");
        assert_eq!(errors(&[part, deeper, plain]).len(), 2);
    }

    #[test]
    fn a_macro_given_t_is_checked_through_every_call() {
        let macros = "{% macro row(t) %}\n{{ self::cell(t=t) }}{% endmacro row %}{% macro cell(t) %}{{ t.nope }}{% endmacro cell %}";
        let page = "{% import \"m.html\" as m %}{{ m::row(t=t) }}";
        let e = errors(&[("m.html", macros), ("page.html", page)]);
        assert_eq!(e.iter().map(|e| (e.0.as_str(), e.1)).collect::<Vec<_>>(), [("templates/m.html", 2)], "{e:?}");
        // One call filling `t` with something else, and the macro is left alone.
        let other = "{% import \"m.html\" as m %}{% for t in tags %}{{ m::row(t=t) }}{% endfor %}";
        assert_eq!(errors(&[("m.html", macros), ("page.html", page), ("other.html", other)]), Vec::new());
    }
}
