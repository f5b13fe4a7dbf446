//! Templates that would render themselves without end.
//!
//! Tera follows an `include`, an `extends`, an `import` or a macro call wherever it leads, so a
//! template that includes itself, two that include each other or a macro that calls itself
//! recurse until the stack overflows and the process dies, in `build` as in a live `serve`.
//! Whether a recursion ends depends on data, which a compile step cannot know, so every such
//! circle is refused when the theme's templates compile, from their parsed trees.

use std::collections::{BTreeMap, HashMap, HashSet};
use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

/// What a template or macro does to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `{% include "x" %}`.
    Includes,
    /// `{% extends "x" %}`.
    Extends,
    /// `{% import "x" as ns %}`: Tera loads the file's macros, and the files those import.
    Imports,
    /// `{{ ns::name() }}`.
    Calls,
}

/// A template, or a macro of one: a place rendering can be in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The body of a template, by name.
    Template(String),
    /// A macro: the template defining it, and its name.
    Macro(String, String),
}

impl Place {
    /// The template this place is written in.
    pub fn file(&self) -> &str {
        match self {
            Place::Template(t) | Place::Macro(t, _) => t,
        }
    }
}

/// One step from a place to another, with the text that makes it as written (`"b.html"`,
/// `m::row`), to find it in the template.
#[derive(Debug, Clone)]
pub struct Edge {
    /// What the step is.
    pub step: Step,
    /// Where it leads.
    pub to: Place,
    /// The name as written: a template's name, or `namespace::macro`.
    pub written: String,
}

/// A circle found: the places in order, each with the step to the next; the last step leads
/// back to the first place.
#[derive(Debug, Clone)]
pub struct Cycle {
    /// Each place on the circle and the step it takes to the next.
    pub steps: Vec<(Place, Edge)>,
}

/// The first circle among `templates` (parsed, not yet linked by Tera), if any: first among
/// imports and extends (how Tera loads macros), then among includes, extends and macro calls
/// (how it renders).
pub fn find(templates: &HashMap<String, Template>) -> Option<Cycle> {
    let sorted: BTreeMap<&str, &Template> = templates.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut loading: BTreeMap<Place, Vec<Edge>> = BTreeMap::new();
    let mut rendering: BTreeMap<Place, Vec<Edge>> = BTreeMap::new();
    for (name, t) in &sorted {
        let here = Place::Template(name.to_string());
        let mut load_edges = Vec::new();
        if let Some(parent) = t.parent.as_ref().filter(|p| templates.contains_key(*p)) {
            load_edges.push(Edge { step: Step::Extends, to: Place::Template(parent.clone()), written: parent.clone() });
        }
        for (file, _) in t.imported_macro_files.iter().filter(|(f, _)| templates.contains_key(f)) {
            load_edges.push(Edge { step: Step::Imports, to: Place::Template(file.clone()), written: file.clone() });
        }
        let mut render_edges: Vec<Edge> = load_edges.iter().filter(|e| e.step == Step::Extends).cloned().collect();
        edges_of(&t.ast, name, templates, &mut render_edges);
        loading.insert(here.clone(), load_edges);
        rendering.insert(here, render_edges);
        for (m, def) in &t.macros {
            let mut edges = Vec::new();
            edges_of(&def.body, name, templates, &mut edges);
            rendering.insert(Place::Macro(name.to_string(), m.clone()), edges);
        }
    }
    first_cycle(&loading).or_else(|| first_cycle(&rendering))
}

/// The includes and macro calls in `nodes` of the template `file`, in the order written;
/// macro definitions are places of their own and left out.
fn edges_of(nodes: &[Node], file: &str, templates: &HashMap<String, Template>, out: &mut Vec<Edge>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => {
                for n in names.iter().filter(|n| templates.contains_key(*n)) {
                    out.push(Edge { step: Step::Includes, to: Place::Template(n.clone()), written: n.clone() });
                }
            }
            Node::VariableBlock(_, e) => calls_in(e, file, templates, out),
            Node::Set(_, set) => calls_in(&set.value, file, templates, out),
            Node::FilterSection(_, section, _) => {
                section.filter.args.values().for_each(|e| calls_in(e, file, templates, out));
                edges_of(&section.body, file, templates, out);
            }
            Node::Block(_, block, _) => edges_of(&block.body, file, templates, out),
            Node::Forloop(_, f, _) => {
                calls_in(&f.container, file, templates, out);
                edges_of(&f.body, file, templates, out);
                edges_of(f.empty_body.as_deref().unwrap_or_default(), file, templates, out);
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    calls_in(condition, file, templates, out);
                    edges_of(body, file, templates, out);
                }
                if let Some((_, body)) = &branches.otherwise {
                    edges_of(body, file, templates, out);
                }
            }
            _ => {}
        }
    }
}

/// The macro calls anywhere in the expression `e` of the template `file`.
fn calls_in(e: &Expr, file: &str, templates: &HashMap<String, Template>, out: &mut Vec<Edge>) {
    let mut exprs: Vec<&Expr> = e.filters.iter().flat_map(|f| f.args.values()).collect();
    match &e.val {
        ExprVal::MacroCall(call) => {
            if let Some(to) = resolve(file, &call.namespace, &call.name, templates, &mut HashSet::new()) {
                let written = format!("{}::{}", call.namespace, call.name);
                out.push(Edge { step: Step::Calls, to: Place::Macro(to, call.name.clone()), written });
            }
            exprs.extend(call.args.values());
        }
        ExprVal::FunctionCall(f) => exprs.extend(f.args.values()),
        ExprVal::Math(m) => exprs.extend([&*m.lhs, &*m.rhs]),
        ExprVal::Logic(l) => exprs.extend([&*l.lhs, &*l.rhs]),
        ExprVal::In(i) => exprs.extend([&*i.lhs, &*i.rhs]),
        ExprVal::Test(t) => exprs.extend(&t.args),
        ExprVal::Array(items) => exprs.extend(items),
        _ => {}
    }
    for inner in exprs {
        calls_in(inner, file, templates, out);
    }
}

/// The template whose macro `name` a call `namespace::name` in `file` reaches, as Tera finds
/// it: `self` is the file itself, then the file's imports, the namespaces those import, and its
/// parents'.
pub(super) fn resolve(
    file: &str,
    namespace: &str,
    name: &str,
    templates: &HashMap<String, Template>,
    seen: &mut HashSet<String>,
) -> Option<String> {
    let t = templates.get(file)?;
    if !seen.insert(file.to_string()) {
        return None;
    }
    if namespace == "self" {
        return t.macros.contains_key(name).then(|| file.to_string());
    }
    if let Some((imported, _)) = t.imported_macro_files.iter().find(|(_, ns)| ns == namespace) {
        return templates.get(imported)?.macros.contains_key(name).then(|| imported.clone());
    }
    let further = t.imported_macro_files.iter().map(|(f, _)| f).chain(t.parent.as_ref());
    further.into_iter().find_map(|f| resolve(f, namespace, name, templates, seen))
}

/// The first circle in `graph`, found depth first from each place in order.
fn first_cycle(graph: &BTreeMap<Place, Vec<Edge>>) -> Option<Cycle> {
    let mut done: HashSet<&Place> = HashSet::new();
    for start in graph.keys() {
        let mut path: Vec<(&Place, usize)> = vec![(start, 0)];
        while let Some((place, next)) = path.last().copied() {
            if done.contains(place) {
                path.pop();
                continue;
            }
            let edges = graph.get(place).map(Vec::as_slice).unwrap_or_default();
            let Some(edge) = edges.get(next) else {
                done.insert(place);
                path.pop();
                continue;
            };
            path.last_mut().expect("not empty").1 += 1;
            if let Some(at) = path.iter().position(|(p, _)| *p == &edge.to) {
                let steps = path[at..].iter().map(|(p, i)| ((*p).clone(), graph[*p][i - 1].clone())).collect();
                return Some(Cycle { steps });
            }
            if let Some((to, _)) = graph.get_key_value(&edge.to) {
                path.push((to, 0));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(files: &[(&str, &str)]) -> HashMap<String, Template> {
        files.iter().map(|(n, t)| (n.to_string(), Template::new(n, None, t).unwrap())).collect()
    }

    /// The places of the first circle among `files`, by name ("a.html", "m.html::f").
    fn circle(files: &[(&str, &str)]) -> Option<Vec<String>> {
        let c = find(&parse(files))?;
        Some(
            c.steps
                .iter()
                .map(|(p, _)| match p {
                    Place::Template(t) => t.clone(),
                    Place::Macro(t, m) => format!("{t}::{m}"),
                })
                .collect(),
        )
    }

    #[test]
    fn shared_templates_and_macros_are_no_circle() {
        // A diamond of includes, one macro file imported everywhere, a macro calling another
        // twice, a missing template included with `ignore missing`.
        let files = [
            ("base.html", "{% import \"m.html\" as m %}{% include \"a.html\" %}{% include \"b.html\" %}"),
            ("a.html", "{% include \"c.html\" %}{{ m::row(x=1) }}"),
            ("b.html", "{% include \"c.html\" %}{% include \"none.html\" ignore missing %}"),
            ("c.html", "{% import \"m.html\" as m %}{{ m::cell(x=m::cell(x=1)) }}"),
            ("m.html", "{% macro row(x) %}{{ self::cell(x=x) }}{{ self::cell(x=x) }}{% endmacro row %}{% macro cell(x) %}{{ x }}{% endmacro cell %}"),
            ("page.html", "{% extends \"base.html\" %}{% block b %}{{ m::row(x=2) }}{% endblock b %}"),
        ];
        assert_eq!(circle(&files), None);
    }

    #[test]
    fn circles_are_found_through_every_kind_of_step() {
        let inc = |to: &str| format!("{{% include \"{to}\" %}}");
        assert_eq!(circle(&[("a.html", &inc("a.html"))]), Some(vec!["a.html".into()]));
        let three = [("a.html", inc("b.html")), ("b.html", inc("c.html")), ("c.html", format!("x{}", inc("a.html")))];
        let three: Vec<(&str, &str)> = three.iter().map(|(n, t)| (*n, t.as_str())).collect();
        assert_eq!(circle(&three), Some(vec!["a.html".into(), "b.html".into(), "c.html".into()]));
        // A base that includes the page extending it.
        let files = [("base.html", inc("page.html")), ("page.html", "{% extends \"base.html\" %}".into())];
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        assert_eq!(circle(&files), Some(vec!["base.html".into(), "page.html".into()]));
        // A macro reached through a namespace its file's import brings, inside a loop.
        let files = [
            ("p.html", "{% import \"m.html\" as m %}{% for i in xs %}{{ m::f() }}{% endfor %}"),
            ("m.html", "{% import \"n.html\" as n %}{% macro f() %}{{ n::g() }}{% endmacro f %}"),
            (
                "n.html",
                "{% import \"m.html\" as m2 %}{% macro g() %}{% if 1 %}{{ m2::f() }}{% endif %}{% endmacro g %}",
            ),
        ];
        assert_eq!(circle(&files), Some(vec!["m.html".into(), "n.html".into()]), "imports first");
        let files = [
            ("p.html", "{% import \"m.html\" as m %}{{ m::f() }}"),
            ("m.html", "{% macro f() %}{{ self::g() }}{% endmacro f %}{% macro g() %}{{ 1 + self::f() | length }}{% endmacro g %}"),
        ];
        assert_eq!(circle(&files), Some(vec!["m.html::f".into(), "m.html::g".into()]));
    }
}
