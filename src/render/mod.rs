//! Render: a page's views handed to the theme's templates, with its Markdown body.
//!
//! [`Renderer`] (here) renders one page from its [`PageKind`]: the context every page shares,
//! the page's own data, its body (`body.rs`: Markdown with shortcodes, each call's HTML from
//! `shortcode_calls.rs`) and the template. The template engine and its compile-time checks are
//! in `engine/`, reached from outside through [`compile`]; Markdown itself is the
//! [`markdown`] layer below.

mod body;
mod buffers;
mod engine;
mod html;
mod pages;
mod shortcode_calls;
pub mod views;

use crate::compute::Computed;
use crate::error::{Diagnostic, Result};
use crate::links::SourceLink;
use crate::markdown::{self, Rendered};
use crate::model::Site;
use crate::routes::{free_page_url, BaseUrl, PageKind};
use crate::theme::Theme;
use body::Scope;
pub use engine::compile;
use engine::template_error;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::sync::Mutex;
use tera::{Context, Tera};
use views::page_fields as fields;

/// Renders the pages of one site with one theme.
pub struct Renderer<'a> {
    site: &'a Site,
    computed: &'a Computed,
    theme: &'a Theme,
    tera: Cow<'a, Tera>,
    base: Context,
    /// Contexts that hold `base` and nothing else, handed from page to page: cloning the
    /// theme's strings and the site's settings for every page cost more than most pages' own
    /// data.
    spare: Mutex<Vec<Context>>,
    /// The keys of `base`, which a page may replace and which go back in after it.
    base_keys: Vec<String>,
    base_url: BaseUrl,
    /// Which costlier fields the pages of each kind make (by [`PageKind::slot`]): those its
    /// template names.
    page_fields: [fields::PageFields; PageKind::TEMPLATES.len()],
    /// Which costlier fields the `yoy_table` shortcode's table makes: those its template names.
    table_fields: fields::PageFields,
    /// The largest page of each kind rendered so far: a page's buffer starts that large.
    page_sizes: buffers::PageSizes,
}

/// A page's context: `base` with the page's own keys on top, which `finish` takes out again
/// so the context can serve the next page.
struct PageContext {
    ctx: Context,
    added: Vec<String>,
}

impl PageContext {
    fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.ctx.insert(key, value);
        self.added.push(key.to_string());
    }

    /// Moves the fields of `data` (an object) in; `insert` would copy every value once more.
    fn extend(&mut self, data: Value) {
        if let Value::Object(map) = &data {
            self.added.extend(map.keys().cloned());
            self.ctx.extend(Context::from_value(data).expect("an object is a context"));
        }
    }

    /// The context as `base` again: the page's keys taken out, any base key it replaced put back.
    fn finish(mut self, base: &Context, base_keys: &[String]) -> Context {
        for key in &self.added {
            self.ctx.remove(key);
        }
        for key in base_keys {
            if !self.ctx.contains_key(key) {
                if let Some(v) = base.get(key) {
                    self.ctx.insert(key, v);
                }
            }
        }
        self.ctx
    }
}

/// A page's rendered Markdown body and the links it makes, placed in its source file.
type PageBody = (Rendered, Vec<SourceLink>);

/// A rendered page and the links its Markdown body makes (for the link check).
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// The page's HTML, UTF-8.
    pub html: Vec<u8>,
    /// Links written in the page's Markdown, with their place in the source file.
    pub body_links: Vec<SourceLink>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates and prepares what every page shares.
    /// `base_url` is the URL the site is published under (site.yaml's, or an override).
    pub fn new(site: &'a Site, computed: &'a Computed, theme: &'a Theme, base_url: &BaseUrl) -> Result<Self> {
        let tera = compile(theme)?;
        Ok(Self::with_templates(site, computed, theme, Cow::Owned(tera), base_url))
    }

    /// As [`Renderer::new`], with the theme's templates already compiled by [`compile`] (a live
    /// preview compiles them once and renders with them after every change).
    pub fn with_templates(
        site: &'a Site,
        computed: &'a Computed,
        theme: &'a Theme,
        tera: Cow<'a, Tera>,
        base_url: &BaseUrl,
    ) -> Self {
        let mut base = Context::new();
        let mut config = serde_json::to_value(&site.config).unwrap_or(Value::Null);
        config["base_url"] = Value::String(base_url.as_str().to_string());
        base.insert("site", &config);
        base.insert("t", &theme.strings);
        let nav: Vec<Value> =
            site.pages.iter().map(|p| json!({"title": p.title, "url": free_page_url(&p.slug)})).collect();
        base.insert("nav_pages", &nav);
        base.insert("generator", concat!("annalist ", env!("CARGO_PKG_VERSION")));
        base.insert("build_date", &build_date());
        let base_keys = match base.clone().into_json() {
            Value::Object(map) => map.into_iter().map(|(k, _)| k).collect(),
            _ => Vec::new(),
        };
        let page_fields =
            PageKind::TEMPLATES.map(|name| fields::PageFields::for_reads(&engine::reads(&tera.templates, name)));
        let table_fields = fields::PageFields::for_reads(&engine::reads(&tera.templates, "shortcodes/yoy_table.html"));
        Renderer {
            site,
            computed,
            theme,
            tera,
            base,
            spare: Mutex::new(Vec::new()),
            base_keys,
            base_url: base_url.clone(),
            page_fields,
            table_fields,
            page_sizes: buffers::PageSizes::default(),
        }
    }

    /// The path from a page at `url` back to the site root: "./", "../", "../../" …
    /// The 404 page can be served at any depth, so it uses the base URL's absolute path.
    fn root_for(&self, kind: &PageKind, url: &str) -> String {
        if *kind == PageKind::NotFound {
            return self.base_url.path().to_string();
        }
        let depth = url.matches('/').count();
        if depth == 0 {
            "./".into()
        } else {
            "../".repeat(depth)
        }
    }

    /// Renders one page to HTML. Every problem found on the page is returned.
    pub fn render(&self, kind: &PageKind) -> Result<RenderedPage, Vec<Diagnostic>> {
        let url = kind.url(self.site);
        let root = self.root_for(kind, &url);
        let mut ctx = self.page_context(kind, &url, &root);
        let (data, body) = self.page_data(kind, &mut ctx, &url, &root)?;
        ctx.extend(data);
        let body_links = match body {
            Some(body) => self.insert_body(&mut ctx, body),
            None => Vec::new(),
        };
        let html = self.render_template(kind, ctx, &url)?;
        Ok(RenderedPage { html, body_links })
    }

    /// A context from the spare ones (or a copy of `base`) with what every page has:
    /// its way back to the root, its URL, section and permalink.
    fn page_context(&self, kind: &PageKind, url: &str, root: &str) -> PageContext {
        let reused = self.spare.lock().ok().and_then(|mut spare| spare.pop());
        let mut ctx = PageContext { ctx: reused.unwrap_or_else(|| self.base.clone()), added: Vec::with_capacity(16) };
        ctx.insert("root", root);
        ctx.insert("current_url", url);
        ctx.insert("section", kind.section());
        ctx.insert("permalink", &format!("{}{url}", self.base_url.as_str()));
        ctx
    }

    /// The page's own data (its view, or `Null`) and its rendered body if it has one. The home
    /// text's and a free page's front matter go into `ctx` directly.
    fn page_data(
        &self,
        kind: &PageKind,
        ctx: &mut PageContext,
        url: &str,
        root: &str,
    ) -> Result<(Value, Option<PageBody>), Vec<Diagnostic>> {
        let (site, c, ui, fields) = (self.site, self.computed, &self.theme.ui, self.page_fields[kind.slot()]);
        Ok(match kind {
            PageKind::Home(page) => {
                let body = match &site.home {
                    // The home text opens the first page only; later pages continue its list.
                    Some(h) if *page == 0 => {
                        ctx.insert("home", &json!({"title": h.title, "extra": h.extra}));
                        Some(self.body(&h.body, &h.file, Scope::default(), root)?)
                    }
                    _ => None,
                };
                (pages::home(site, c, *page, ui, fields), body)
            }
            PageKind::Entity(i) => {
                let e = &site.entities[*i];
                let scope = Scope { entity: Some(&e.id), year: None };
                (pages::entity(site, c, *i, (root, ui), fields), Some(self.body(&e.body, &e.file, scope, root)?))
            }
            PageKind::Report(i) => {
                let r = &site.reports[*i];
                let scope = Scope { entity: Some(&r.entity), year: Some(r.year) };
                (pages::report(site, c, *i, root, ui, fields), Some(self.body(&r.body, &r.file, scope, root)?))
            }
            PageKind::Indicators => (pages::indicators(site, c), None),
            PageKind::Indicator(id, page) => (pages::indicator(site, c, (id, *page), (root, ui), fields), None),
            PageKind::Year(y, page) => (pages::year(site, c, (*y, *page), (root, ui), fields), None),
            PageKind::Tag(slug, page) => (pages::tag(site, c, (slug, *page), (root, ui), fields), None),
            PageKind::Facet(facet, slug, page) => (pages::facet(site, c, (*facet, slug, *page), ui, fields), None),
            PageKind::Page(i) => {
                let p = &site.pages[*i];
                ctx.insert(
                    "page",
                    &json!({"title": p.title, "slug": p.slug, "description": p.description, "extra": p.extra, "url": url}),
                );
                (Value::Null, Some(self.body(&p.body, &p.file, Scope::default(), root)?))
            }
            PageKind::Search | PageKind::NotFound => (Value::Null, None),
        })
    }

    /// Puts a rendered body in the page's context as `content`, `toc` and `toc_html`; returns
    /// the links it makes.
    fn insert_body(&self, ctx: &mut PageContext, (body, links): PageBody) -> Vec<SourceLink> {
        ctx.insert("content", &body.html);
        ctx.insert("toc", &body.toc);
        ctx.insert("toc_html", &markdown::toc_html(&body.toc, &self.theme.ui.contents));
        links
    }

    /// Renders the page's template, and hands its context back for the next page.
    fn render_template(&self, kind: &PageKind, ctx: PageContext, url: &str) -> Result<Vec<u8>, Vec<Diagnostic>> {
        // Written as bytes: the engine's `render` would check the whole page is UTF-8 again,
        // which costs more than scanning its links.
        let mut html = self.page_sizes.buffer_for(kind);
        let rendered = self.tera.render_to(kind.template(), &ctx.ctx, &mut html);
        self.page_sizes.record(kind, html.len());
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(ctx.finish(&self.base, &self.base_keys));
        }
        rendered.map_err(|e| vec![template_error(self.theme, &e, Some(&format!("/{url}")))])?;
        Ok(html)
    }
}

/// The day the site is built, YYYY-MM-DD (UTC), for a printed page to say when it was made:
/// `SOURCE_DATE_EPOCH` (seconds) when set, as reproducible builds expect, else today.
pub fn build_date() -> String {
    let secs =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(0, |d| d.as_secs() as i64)
        });
    date_of(secs)
}

/// The UTC day of `secs` seconds after 1970-01-01, YYYY-MM-DD (Howard Hinnant's algorithm from
/// days to a civil date).
fn date_of(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_dates_are_utc_days() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_796_601_599), "2026-12-06");
        assert_eq!(date_of(1_796_601_600), "2026-12-07");
    }

    #[test]
    fn a_page_context_goes_back_to_the_base_for_the_next_page() {
        let mut base = Context::new();
        let base_keys: Vec<String> = ["site", "t", "generator"].map(String::from).to_vec();
        for key in &base_keys {
            base.insert(key, &format!("base {key}"));
        }
        let mut page = PageContext { ctx: base.clone(), added: Vec::new() };
        page.insert("root", "../");
        page.extend(json!({"home": {"title": "x"}, "t": "replaced"}));
        page.insert("content", "<p>body</p>");
        assert_eq!(page.ctx.get("t"), Some(&json!("replaced")));
        let next = page.finish(&base, &base_keys);
        for key in ["root", "home", "content"] {
            assert!(!next.contains_key(key), "{key} stayed for the next page");
        }
        for key in &base_keys {
            assert_eq!(next.get(key), base.get(key), "{key}");
        }
    }
}
