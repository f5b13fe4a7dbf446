//! What a page template reads of its data, found in the parsed templates.
//!
//! Some fields a page offers cost far more to make than the rest (every cell of every row of a
//! big table, every report of a list in full). A page makes them only when its template could
//! read them, and whether it could is a question about names: a template reads a field only by
//! writing its name (`g.rows`, `for r in reports`, `reports is defined`). So each page template
//! is walked with everything it renders through — the templates it extends and includes, and
//! the macros it calls, wherever they are — and every name it writes is collected. A field no
//! name reaches is one the page cannot print, and leaving it out changes nothing it renders.
//!
//! Names under `t.` are the theme's strings (`t.reports` is a word, not the list of reports)
//! and are left out, unless a template the page renders binds `t` to something else (a `set`,
//! a loop variable, or a macro's `t` given anything but `t`).
//!
//! Where a template could read a field without naming it, everything counts as read: a loop
//! over an object's keys and values (`for k, v in row`), a subscript by a variable (`g[key]`),
//! the whole context (`__tera_context`) or a filter that serialises what it is given
//! (`json_encode`).

use super::cycles;
use std::collections::{HashMap, HashSet};
use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

/// Filters that turn a whole value into text, so read every field inside it.
const WHOLE_VALUE_FILTERS: [&str; 2] = ["json_encode", "tojson"];

/// The names one page template can read, with everything it renders through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// The template could read any field without naming it.
    everything: bool,
    /// Every part of every name written: `g.rows` gives `g` and `rows`.
    parts: HashSet<String>,
    /// Every name written in full, as `previous_report.url`.
    paths: HashSet<String>,
    /// Names used as a whole value (given to a macro, set, looped over or printed), not only
    /// read through a field or tested.
    whole: HashSet<String>,
    /// The parts of names under `t.` (the theme's strings), counted only if `t` is rebound.
    strings: HashSet<String>,
    /// Some template binds `t` to something other than the strings.
    t_rebound: bool,
    /// Some template looks up a string by a variable (`t[key]`): any field, were `t` rebound.
    strings_by_variable: bool,
}

impl Reads {
    /// Reads that take in every field (for a template not found, say).
    pub fn everything() -> Self {
        Reads { everything: true, ..Reads::default() }
    }

    /// Whether a name anywhere has `part` as one of its parts (`rows` of `g.rows`).
    pub fn names(&self, part: &str) -> bool {
        self.everything || self.parts.contains(part)
    }

    /// Whether the templates read `root` beyond the fields `known`: use it as a whole value, or
    /// read a field of it not in `known`. Testing it (`{% if root %}`) reads nothing beyond.
    pub fn reads_beyond(&self, root: &str, known: &[&str]) -> bool {
        if self.everything || self.whole.contains(root) {
            return true;
        }
        self.paths.iter().filter_map(|p| p.strip_prefix(root)?.strip_prefix(['.', '['])).any(|rest| {
            let field = rest.split(['.', '[', ']', '"', '\'']).find(|s| !s.is_empty()).unwrap_or_default();
            !known.contains(&field)
        })
    }
}

/// What `page` (a template's name among `templates`) reads, through everything it renders.
pub fn reads(templates: &HashMap<String, Template>, page: &str) -> Reads {
    if !templates.contains_key(page) {
        return Reads::everything();
    }
    let mut walk = Walk { templates, reads: Reads::default(), seen: HashSet::new(), queue: Vec::new() };
    walk.queue.push(cycles::Place::Template(page.to_string()));
    while let Some(place) = walk.queue.pop() {
        if walk.reads.everything {
            break;
        }
        walk.place(&place);
    }
    let mut reads = walk.reads;
    if reads.t_rebound {
        let strings = std::mem::take(&mut reads.strings);
        reads.parts.extend(strings);
        reads.everything |= reads.strings_by_variable;
    }
    reads
}

/// A walk through the places a page renders.
struct Walk<'a> {
    /// Every template of the theme, parsed.
    templates: &'a HashMap<String, Template>,
    /// What was found so far.
    reads: Reads,
    /// Places walked or queued.
    seen: HashSet<cycles::Place>,
    /// Places still to walk.
    queue: Vec<cycles::Place>,
}

impl Walk<'_> {
    /// Walks a template's body (and queues its parent) or a macro's body.
    fn place(&mut self, place: &cycles::Place) {
        let templates = self.templates;
        let Some(t) = templates.get(place.file()) else { return };
        match place {
            cycles::Place::Template(_) => {
                if let Some(parent) = &t.parent {
                    self.enqueue(cycles::Place::Template(parent.clone()));
                }
                self.nodes(&t.ast, place.file());
            }
            cycles::Place::Macro(file, name) => {
                if let Some(def) = t.macros.get(name) {
                    def.args.values().flatten().for_each(|default| self.expr(default, file, false));
                    self.nodes(&def.body, file);
                }
            }
        }
    }

    /// Queues `place` unless it was walked or queued before.
    fn enqueue(&mut self, place: cycles::Place) {
        if self.seen.insert(place.clone()) {
            self.queue.push(place);
        }
    }

    /// Walks `nodes` written in `file`.
    fn nodes(&mut self, nodes: &[Node], file: &str) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, e) => self.expr(e, file, false),
                Node::Set(_, set) => {
                    self.reads.t_rebound |= set.key == "t";
                    self.expr(&set.value, file, false);
                }
                Node::FilterSection(_, section, _) => {
                    self.filter(&section.filter.name);
                    section.filter.args.values().for_each(|e| self.expr(e, file, false));
                    self.nodes(&section.body, file);
                }
                Node::Block(_, block, _) => self.nodes(&block.body, file),
                Node::Include(_, names, _) => {
                    names.iter().for_each(|n| self.enqueue(cycles::Place::Template(n.clone())));
                }
                Node::Forloop(_, f, _) => {
                    self.reads.everything |= f.key.is_some();
                    self.reads.t_rebound |= f.value == "t";
                    self.expr(&f.container, file, false);
                    self.nodes(&f.body, file);
                    self.nodes(f.empty_body.as_deref().unwrap_or_default(), file);
                }
                Node::If(branches, _) => {
                    for (_, condition, body) in &branches.conditions {
                        self.expr(condition, file, true);
                        self.nodes(body, file);
                    }
                    if let Some((_, body)) = &branches.otherwise {
                        self.nodes(body, file);
                    }
                }
                _ => {}
            }
        }
    }

    /// Walks the expression `e` written in `file`; `as_condition` when it is only tested.
    fn expr(&mut self, e: &Expr, file: &str, as_condition: bool) {
        for f in &e.filters {
            self.filter(&f.name);
            f.args.values().for_each(|a| self.expr(a, file, false));
        }
        let tested_only = as_condition && e.filters.is_empty();
        match &e.val {
            ExprVal::Ident(name) => self.name(name, !tested_only),
            ExprVal::MacroCall(call) => {
                let seen = &mut HashSet::new();
                match cycles::resolve(file, &call.namespace, &call.name, self.templates, seen) {
                    Some(at) => self.enqueue(cycles::Place::Macro(at, call.name.clone())),
                    None => self.reads.everything = true,
                }
                let strings = |a: &Expr| a.filters.is_empty() && matches!(&a.val, ExprVal::Ident(n) if n == "t");
                self.reads.t_rebound |= call.args.get("t").is_some_and(|a| !strings(a));
                call.args.values().for_each(|a| self.expr(a, file, false));
            }
            ExprVal::FunctionCall(f) => f.args.values().for_each(|a| self.expr(a, file, false)),
            ExprVal::Math(m) => [&*m.lhs, &*m.rhs].into_iter().for_each(|a| self.expr(a, file, false)),
            ExprVal::Logic(l) => [&*l.lhs, &*l.rhs].into_iter().for_each(|a| self.expr(a, file, as_condition)),
            ExprVal::In(i) => [&*i.lhs, &*i.rhs].into_iter().for_each(|a| self.expr(a, file, false)),
            ExprVal::Test(t) => {
                self.name(&t.ident, false);
                t.args.iter().for_each(|a| self.expr(a, file, false));
            }
            ExprVal::Array(items) => items.iter().for_each(|a| self.expr(a, file, false)),
            ExprVal::StringConcat(c) => {
                for value in &c.values {
                    if let ExprVal::Ident(name) = value {
                        self.name(name, true);
                    }
                }
            }
            _ => {}
        }
    }

    /// Notes a filter that reads every field of what it is given.
    fn filter(&mut self, name: &str) {
        self.reads.everything |= WHOLE_VALUE_FILTERS.contains(&name);
    }

    /// Notes the name `path` (`g.rows`, `g["rows"]`, `rows[0].cells`); `as_value` when the
    /// value itself is used, not only tested.
    fn name(&mut self, path: &str, as_value: bool) {
        let parts = path.split(['.', '[', ']', '"', '\'']).filter(|s| !s.is_empty());
        let strings = path.strip_prefix('t').is_some_and(|rest| rest.starts_with(['.', '[']));
        if strings {
            // A key of the strings, or one looked up by a variable (`t[indicator.kind_key]`,
            // whose variable is read as any name is).
            self.reads.strings_by_variable |= has_variable_subscript(path);
            self.reads.strings.extend(parts.map(str::to_string));
            let variables = path.split('[').skip(1).filter_map(|rest| rest.split(']').next());
            let variables = variables.filter(|v| !v.trim_start().starts_with(['"', '\'']));
            self.reads.parts.extend(variables.flat_map(|v| v.split('.')).map(|s| s.trim().to_string()));
        } else if path == "__tera_context" || has_variable_subscript(path) {
            self.reads.everything = true;
            return;
        } else {
            self.reads.parts.extend(parts.map(str::to_string));
        }
        self.reads.paths.insert(path.to_string());
        if as_value && !path.contains(['.', '[']) {
            self.reads.whole.insert(path.to_string());
        }
    }
}

/// Whether `path` subscripts by a variable (`g[key]`), which could name any field.
fn has_variable_subscript(path: &str) -> bool {
    path.split('[').skip(1).any(|rest| {
        let inside = rest.split(']').next().unwrap_or_default().trim();
        let quoted = inside.len() >= 2 && (inside.starts_with('"') || inside.starts_with('\''));
        !quoted && !inside.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(files: &[(&str, &str)]) -> HashMap<String, Template> {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(files.to_vec()).unwrap();
        tera.templates
    }

    fn page(files: &[(&str, &str)]) -> Reads {
        reads(&parse(files), files[0].0)
    }

    #[test]
    fn names_are_found_through_extends_includes_and_macros() {
        let r = page(&[
            (
                "p.html",
                r#"{% extends "base.html" %}{% import "m.html" as m %}{% block b %}{{ m::list(xs=groups) }}{% endblock %}"#,
            ),
            ("base.html", r#"{% block b %}{% endblock %}{% include "inc.html" %}"#),
            ("inc.html", "{{ footer.note }}"),
            ("m.html", "{% macro list(xs) %}{% for g in xs %}{{ g.rows | length }}{% endfor %}{% endmacro %}"),
            ("unused.html", "{{ cells }}"),
        ]);
        for part in ["groups", "rows", "footer", "note", "xs", "g"] {
            assert!(r.names(part), "{part}");
        }
        assert!(!r.names("cells"), "a template the page never renders reads nothing");
        assert!(!r.names("reports"));
    }

    #[test]
    fn tests_and_subscripts_by_literal_name_count() {
        let r = page(&[("p.html", r#"{% if reports is defined %}x{% endif %}{{ g["rows"] }}{{ a[0].cells }}"#)]);
        assert!(r.names("reports") && r.names("rows") && r.names("cells"));
        assert!(!r.names("pages"));
    }

    #[test]
    fn reading_without_naming_reads_everything() {
        for text in [
            "{% for k, v in row %}{{ v }}{% endfor %}",
            "{{ g[key] }}",
            "{{ __tera_context }}",
            "{{ report | json_encode }}",
            "{% filter json_encode %}{{ x }}{% endfilter %}",
        ] {
            assert!(page(&[("p.html", text)]).names("anything"), "{text}");
        }
        assert!(reads(&parse(&[("p.html", "x")]), "missing.html").names("rows"));
    }

    #[test]
    fn the_theme_strings_name_no_field_unless_t_is_rebound() {
        let r = page(&[("p.html", "{{ t.reports }}{{ t['rows'] }}{{ t[item.kind_key] }}")]);
        assert!(!r.names("reports") && !r.names("rows") && r.names("kind_key"));
        assert!(page(&[("p.html", "{% set t = row %}{{ t[item.kind_key] }}")]).names("cells"));
        for rebinding in [
            "{% set t = groups %}{{ t.reports }}",
            "{% for t in groups %}{{ t.reports }}{% endfor %}",
            r#"{% import "m.html" as m %}{{ m::f(t=groups) }}{{ t.reports }}"#,
        ] {
            let files = [("p.html", rebinding), ("m.html", "{% macro f(t) %}{{ t.reports }}{% endmacro %}")];
            assert!(page(&files).names("reports"), "{rebinding}");
        }
        let given_the_strings = [
            ("p.html", r#"{% import "m.html" as m %}{{ m::f(t=t) }}"#),
            ("m.html", "{% macro f(t) %}{{ t.reports }}{% endmacro %}"),
        ];
        assert!(!page(&given_the_strings).names("reports"));
    }

    #[test]
    fn a_value_read_beyond_known_fields() {
        let known = ["url", "year"];
        let r = page(&[("p.html", "{% if prev %}{{ prev.url }}{{ prev.year }}{% endif %}")]);
        assert!(!r.reads_beyond("prev", &known));
        let r = page(&[("p.html", "{{ prev.title }}")]);
        assert!(r.reads_beyond("prev", &known));
        let r = page(&[
            ("p.html", r#"{% import "m.html" as m %}{{ m::f(x=prev) }}"#),
            ("m.html", "{% macro f(x) %}{{ x.url }}{% endmacro %}"),
        ]);
        assert!(r.reads_beyond("prev", &known), "given whole to a macro");
        let r = page(&[("p.html", r#"{{ prev["title"] }}"#)]);
        assert!(r.reads_beyond("prev", &known));
        assert!(!page(&[("p.html", "{{ previous.title }}")]).reads_beyond("prev", &known), "another name");
    }
}
