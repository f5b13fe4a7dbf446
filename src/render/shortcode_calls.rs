//! A shortcode call's HTML, made with the theme's `shortcodes/<name>.html` template; the
//! built-in shortcodes `value` and `yoy_table` first look up this report's figures and hand
//! their templates exact views of them.

use super::body::Scope;
use super::engine::error_chain;
use super::views::{self as view, tables};
use super::Renderer;
use crate::error::{did_you_mean, Diagnostic};
use crate::markdown::shortcodes;
use serde_json::Value;
use tera::Context;

impl<'a> Renderer<'a> {
    /// Renders one call with its template, after a built-in shortcode's figures are looked up.
    pub(super) fn shortcode(&self, call: &shortcodes::Call, scope: Scope, root: &str) -> Result<String, Diagnostic> {
        let template = format!("shortcodes/{}.html", call.name);
        if !self.theme.templates.contains_key(&template) {
            return Err(self.unknown_shortcode(&call.name));
        }
        let mut ctx = self.base.clone();
        ctx.insert("root", root);
        for (k, v) in &call.args {
            ctx.insert(k.as_str(), v);
        }
        ctx.insert("args", &call.args);
        match call.name.as_str() {
            "value" => self.value_shortcode(call, scope, &mut ctx)?,
            "yoy_table" => self.yoy_table_shortcode(call, scope, root, &mut ctx)?,
            _ => {}
        }
        let html = self.tera.render(&template, &ctx).map_err(|e| {
            Diagnostic::error("", 0, 0, format!("shortcode '{}' failed: {}", call.name, error_chain(&e)))
        })?;
        Ok(html.trim().to_string())
    }

    /// "unknown shortcode 'x' (did you mean 'y'?)", with the shortcodes the theme has.
    fn unknown_shortcode(&self, name: &str) -> Diagnostic {
        let known: Vec<&str> =
            self.theme.templates.keys().filter_map(|k| k.strip_prefix("shortcodes/")?.strip_suffix(".html")).collect();
        let mut d = Diagnostic::error("", 0, 0, format!("unknown shortcode '{name}'"));
        if let Some(s) = did_you_mean(name, known.iter().copied()) {
            d.message.push_str(&format!(" (did you mean '{s}'?)"));
        }
        d.with_hint(format!("shortcodes available: {}; a site adds its own in templates/shortcodes/", known.join(", ")))
    }

    fn entity_arg<'s>(&self, call: &'s shortcodes::Call, scope: Scope<'s>) -> Result<&'s str, Diagnostic>
    where
        'a: 's,
    {
        match call.args.get("entity") {
            Some(Value::String(e)) => {
                if self.site.entity(e).is_some() {
                    Ok(e)
                } else {
                    Err(Diagnostic::error("", 0, 0, format!("shortcode '{}': unknown entity '{e}'", call.name)))
                }
            }
            Some(_) => {
                Err(Diagnostic::error("", 0, 0, format!("shortcode '{}': 'entity' must be a string", call.name)))
            }
            None => scope.entity.ok_or_else(|| {
                Diagnostic::error(
                    "",
                    0,
                    0,
                    format!("shortcode '{}' needs entity=\"…\" outside an entity's pages", call.name),
                )
            }),
        }
    }

    /// "shortcode 'x': unknown indicator 'y' (did you mean 'z'?)".
    fn unknown_indicator(&self, shortcode: &str, id: &str) -> String {
        let mut m = format!("shortcode '{shortcode}': unknown indicator '{id}'");
        if let Some(s) = did_you_mean(id, self.site.catalogue.indicators.keys().map(|k| &**k)) {
            m.push_str(&format!(" (did you mean '{s}'?)"));
        }
        m
    }

    pub(super) fn value_shortcode(
        &self,
        call: &shortcodes::Call,
        scope: Scope,
        ctx: &mut Context,
    ) -> Result<(), Diagnostic> {
        let err = |m: String| Diagnostic::error("", 0, 0, m);
        let id = match call.args.get("id") {
            Some(Value::String(id)) => id,
            _ => return Err(err("shortcode 'value' needs id=\"<indicator id>\"".into())),
        };
        let Some(ind) = self.site.catalogue.get(id) else {
            return Err(err(self.unknown_indicator("value", id)));
        };
        let entity = self.entity_arg(call, scope)?;
        let year = match call.args.get("year") {
            Some(Value::Number(n)) => n
                .as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| err("'year' must be a whole number".into()))?,
            Some(_) => return Err(err("shortcode 'value': 'year' must be a number, e.g. year=2021".into())),
            None => match scope.year {
                Some(y) => y,
                None => self
                    .computed
                    .series(entity, id)
                    .and_then(|s| s.keys().next_back().copied())
                    .ok_or_else(|| err(format!("shortcode 'value': {entity} has no value of '{id}'")))?,
            },
        };
        let Some((obs, delta)) = self.computed.cell(entity, ind, year) else {
            return Err(err(format!("shortcode 'value': {entity} has no value of '{id}' for {year}"))
                .with_hint("add the figure to the report's front matter, or check the id and year"));
        };
        let previous = self.computed.series(entity, id).and_then(|s| s.get(&(year - 1)));
        ctx.insert("indicator", &view::IndicatorView::new(ind));
        let t = &self.theme.ui;
        ctx.insert("value", &view::FigureView::new(obs, &ind.unit, t));
        ctx.insert("previous", &previous.map(|p| view::FigureView::new(p, &ind.unit, t)));
        ctx.insert("delta", &delta.map(|d| view::DeltaView::new(&d, ind, t)));
        ctx.insert("year", &year);
        Ok(())
    }

    pub(super) fn yoy_table_shortcode(
        &self,
        call: &shortcodes::Call,
        scope: Scope,
        root: &str,
        ctx: &mut Context,
    ) -> Result<(), Diagnostic> {
        let err = |m: String| Diagnostic::error("", 0, 0, m);
        let ids: Option<Vec<String>> = match call.args.get("ids") {
            None => None,
            Some(Value::Array(items)) => {
                let mut ids = Vec::new();
                for item in items {
                    let Value::String(id) = item else {
                        return Err(err("shortcode 'yoy_table': 'ids' must be a list of strings".into()));
                    };
                    if self.site.catalogue.get(id).is_none() {
                        return Err(err(self.unknown_indicator("yoy_table", id)));
                    }
                    ids.push(id.clone());
                }
                Some(ids)
            }
            Some(_) => return Err(err("shortcode 'yoy_table': 'ids' must be a list such as [\"a\", \"b\"]".into())),
        };
        let years = match call.args.get("years") {
            None => self.site.config.yoy.years,
            Some(Value::Number(n)) => {
                n.as_u64().filter(|n| (1..=100).contains(n)).ok_or_else(|| err("'years' must be 1–100".into()))?
                    as usize
            }
            Some(_) => return Err(err("shortcode 'yoy_table': 'years' must be a number".into())),
        };
        let entity = self.entity_arg(call, scope)?;
        let part = tables::YoySpan { years, up_to: scope.year, ids: ids.as_deref() };
        let table =
            tables::yoy_table(self.site, self.computed, entity, part, (root, &self.theme.ui), self.table_fields);
        ctx.insert("yoy", &table);
        ctx.insert("entity", &self.site.entity(entity).map(view::EntityRef::new));
        Ok(())
    }
}
