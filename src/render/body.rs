//! A page's Markdown body rendered: its shortcodes cut out, each rendered with the theme's
//! template, the Markdown turned into HTML, the calls' HTML put back and every link the body
//! makes placed in its source file for the link check.
//!
//! Reading Markdown and shortcode calls is the [`crate::markdown`] layer's; what
//! belongs to rendering is a call's HTML ([`shortcode_calls`](super::shortcode_calls)) and the
//! diagnostics placed in the report's file.

use super::{PageBody, Renderer};
use crate::error::Diagnostic;
use crate::links::SourceLink;
use crate::markdown::{self, shortcodes};
use crate::model::Body;
use std::path::Path;

/// Where a body's shortcodes take their defaults from.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Scope<'a> {
    /// The entity whose page the body is on.
    pub entity: Option<&'a str>,
    /// The report's year, on a report's page.
    pub year: Option<i32>,
}

impl Renderer<'_> {
    /// Renders a Markdown body, expanding its shortcodes; returns it with the links it makes.
    pub(super) fn body(&self, body: &Body, file: &Path, scope: Scope, root: &str) -> Result<PageBody, Vec<Diagnostic>> {
        let at = |line: usize, col: usize| (body.line + line - 1, col);
        let extracted = shortcodes::extract(&body.markdown).map_err(|e| {
            let (l, c) = at(e.line, e.col);
            vec![Diagnostic::error(file, l, c, e.message)]
        })?;
        let mut outputs = Vec::with_capacity(extracted.calls.len());
        let mut errors = Vec::new();
        for call in &extracted.calls {
            let (l, c) = at(call.line, call.col);
            match self.shortcode(call, scope, root) {
                Ok(html) => outputs.push(html),
                Err(d) => errors.push(Diagnostic { file: file.to_path_buf(), line: l, col: c, ..d }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut rendered = markdown::render(&extracted.text);
        if !outputs.is_empty() {
            rendered.html = shortcodes::substitute(&rendered.html, &outputs);
            fix_toc_titles(&mut rendered.toc, &outputs);
        }
        let links = std::mem::take(&mut rendered.links)
            .into_iter()
            .map(|(href, offset)| {
                let offset = extracted.original_offset(offset).min(body.markdown.len());
                let before = &body.markdown[..body.markdown.floor_char_boundary(offset)];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                let (line, col) = at(line, col);
                SourceLink { href, file: file.to_path_buf(), line, col }
            })
            .collect();
        Ok((rendered, links))
    }
}

fn fix_toc_titles(toc: &mut [markdown::TocEntry], outputs: &[String]) {
    for entry in toc {
        if entry.title.contains('\u{1A}') {
            for (n, html) in outputs.iter().enumerate() {
                entry.title = entry.title.replace(&shortcodes::placeholder(n), &strip_tags(html));
            }
        }
        fix_toc_titles(&mut entry.children, outputs);
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
