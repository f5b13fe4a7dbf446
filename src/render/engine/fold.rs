//! The theme's strings written into its templates before they compile.
//!
//! `t` (the theme's interface strings) is the same on every page of a build, yet each
//! `{{ t.skip_to_content }}` costs the template engine a lookup of a dotted name, which copies
//! both parts of the name into new strings: a report page prints some thirty-five of them, a
//! third of its lookups. Where the result cannot differ, `{{ t.key }}` is replaced by the string
//! itself, escaped as the engine would escape it, before the templates compile.
//!
//! It cannot differ, and so a template is changed, only where all of this holds:
//! - the expression is exactly `{{ t.key }}`: no filter, no whitespace control;
//! - it stands outside a macro (there `t` is whatever the caller passed) and outside a
//!   shortcode's template (a shortcode's arguments may be called `t`);
//! - no template of the theme assigns `t` (`set`, `set_global`), names a loop variable `t` or
//!   includes or extends a template from a macro or a shortcode, the template has no `raw`
//!   block, and no tag's closing mark stands inside a string literal;
//! - the string exists, is not empty, has no brace (it would become template syntax) and
//!   neither starts nor ends with whitespace (a neighbouring tag's whitespace control would
//!   trim it, or trim across it).

use crate::escape::escape_html_into;
use crate::theme::Strings;

/// Whether the strings may be written into the theme's templates (by name and text) at all:
/// no template assigns `t` or loops with a variable called `t`, and neither a macro nor a
/// shortcode includes or extends a template (which would see the macro's `t`, or a shortcode
/// argument called `t`).
pub fn allowed<'a>(mut templates: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    templates.all(|(name, text)| {
        let shortcode = name.starts_with("shortcodes/");
        let mut in_macro = false;
        tags(text).all(|tag| {
            match first_word(tag) {
                "macro" => in_macro = true,
                "endmacro" => in_macro = false,
                "include" | "extends" if in_macro || shortcode => return false,
                _ => {}
            }
            !rebinds_t(tag)
        })
    })
}

/// `text` with every `{{ t.key }}` that may be written in replaced by its string, escaped for
/// HTML as the engine escapes it: every template annalist renders is a page's or a
/// shortcode's `.html`, and the engine escapes what those print, includes and parents alike.
/// `None` when nothing changes.
pub fn strings_into(name: &str, text: &str, strings: &Strings) -> Option<String> {
    if name.starts_with("shortcodes/") || tags(text).any(|tag| first_word(tag) == "raw") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut in_macro = false;
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let rest = &text[open..];
        if rest.starts_with("{%") {
            let Some(close) = rest.find("%}") else { break };
            if in_string(&rest[2..close]) {
                return None;
            }
            match first_word(&rest[2..close]) {
                "macro" => in_macro = true,
                "endmacro" => in_macro = false,
                _ => {}
            }
            at = open + close + 2;
        } else if rest.starts_with("{{") {
            let Some(close) = rest.find("}}") else { break };
            let inside = &rest[2..close];
            if in_string(inside) {
                return None;
            }
            let value = key_of(inside).and_then(|k| strings.get(k)).filter(|v| !in_macro && can_be_written(v));
            if let Some(value) = value {
                out.push_str(&text[copied..open]);
                escape_html_into(&mut out, value);
                copied = open + close + 2;
            }
            at = open + close + 2;
        } else if rest.starts_with("{#") {
            let Some(close) = rest.find("#}") else { break };
            at = open + close + 2;
        } else {
            at = open + 1;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// The key of `inside` (what stands between `{{` and `}}`) when it is exactly ` t.key `.
fn key_of(inside: &str) -> Option<&str> {
    // Whitespace control (`{{-`, `-}}`) trims the text around it, so such a tag stays.
    if inside.starts_with('-') || inside.ends_with('-') {
        return None;
    }
    let key = inside.trim().strip_prefix("t.")?;
    let mut chars = key.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() || first == '_')
        .then_some(key)
        .filter(|k| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// Whether a string can stand in the template's text and print as the variable did: an empty
/// one cannot, since the engine's whitespace control trims across it once it is text.
fn can_be_written(value: &str) -> bool {
    !value.is_empty()
        && !value.contains(['{', '}'])
        && !value.starts_with(char::is_whitespace)
        && !value.ends_with(char::is_whitespace)
}

/// Whether a tag's inside, up to the first closing mark, leaves a string literal open: the
/// mark is then inside the string, and the scan would misread the template, so it gives up.
fn in_string(inside: &str) -> bool {
    ['"', '\'', '`'].iter().any(|q| inside.matches(*q).count() % 2 == 1)
}

/// The insides of every `{% … %}` tag of `text`.
fn tags(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%").skip(1).filter_map(|rest| rest.split_once("%}").map(|(tag, _)| tag))
}

/// The first word of a tag's inside, without whitespace control.
fn first_word(tag: &str) -> &str {
    tag.trim_start_matches('-').split_whitespace().next().unwrap_or_default()
}

/// Whether a tag's inside gives `t` a new value: `set t =`, `set_global t =`, `for t in`,
/// `for k, t in`.
fn rebinds_t(tag: &str) -> bool {
    let mut words = tag.trim_start_matches('-').split_whitespace();
    match words.next() {
        Some("set" | "set_global") => words.next().is_some_and(|w| w == "t" || w.starts_with("t=")),
        Some("for") => {
            let head: String = tag.split(" in ").next().unwrap_or_default().replace(',', " ");
            head.split_whitespace().skip(1).any(|w| w == "t")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        [("home", "首页"), ("amp", "A & B"), ("brace", "{year}年"), ("spaced", " 首页"), ("colon", ":"), ("empty", "")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn plain_uses_of_t_become_their_escaped_text() {
        let text = "<a>{{ t.home }}</a>{{t.amp}}|{{ t.colon }}";
        let folded = strings_into("base.html", text, &strings()).unwrap();
        assert_eq!(folded, "<a>首页</a>A &amp; B|:");
    }

    #[test]
    fn what_could_print_differently_stays() {
        let s = strings();
        for text in [
            "{{ t.home | upper }}",
            "{{- t.home }}",
            "{{ t.home -}}",
            "{{ t.missing }}",
            "{{ t.brace }}",
            "{{ t.spaced }}",
            "{{ t.empty }}",
            "{% set x = \"%}{{ t.home }}\" %}",
            "{{ x | default(value=\"}}{{ t.home }}\") }}",
            "{{ t[key] }}",
            "{{ site.title }}",
            "{{ tt.home }}",
            "{% macro m(t) %}{{ t.home }}{% endmacro m %}",
            "{% raw %}{{ t.home }}{% endraw %}",
        ] {
            assert_eq!(strings_into("page.html", text, &s), None, "{text}");
        }
        assert_eq!(strings_into("shortcodes/x.html", "{{ t.home }}", &s), None);
        let after_macro = "{% macro m(t) -%}{{ t.home }}{%- endmacro m %}{# {{ x }} #}{{ t.home }}";
        assert_eq!(
            strings_into("page.html", after_macro, &s).unwrap(),
            "{% macro m(t) -%}{{ t.home }}{%- endmacro m %}{# {{ x }} #}首页"
        );
    }

    #[test]
    fn a_theme_that_gives_t_a_new_value_is_left_alone() {
        assert!(allowed(
            [("a.html", "{% set x = t.home %}{% for r in rows %}{% endfor %}"), ("b.html", "{{ t.home }}")].into_iter()
        ));
        assert!(allowed(
            [("a.html", "{% include \"part.html\" %}{% macro m(t) %}{{ t.home }}{% endmacro m %}")].into_iter()
        ));
        assert!(allowed([("shortcodes/s.html", "{% import \"macros.html\" as m %}{{ m::x(t=t) }}")].into_iter()));
        assert!(!allowed([("shortcodes/s.html", "{% include \"part.html\" %}")].into_iter()));
        for text in [
            "{% set t = other %}",
            "{%- set_global t = 1 -%}",
            "{% set t=1 %}",
            "{% for t in list %}{% endfor %}",
            "{% for k, t in map %}{% endfor %}",
            "{% for k,t in map %}{% endfor %}",
            "{% macro m(t) %}{% include \"part.html\" %}{% endmacro m %}",
        ] {
            assert!(!allowed([("a.html", text)].into_iter()), "{text}");
        }
    }
}
