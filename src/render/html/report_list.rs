//! A list of reports as the built-in theme's `report_list` macro writes it.

use super::date::date;
use crate::escape::{escape_html_into, escaped};
use crate::model::{Entity, Report, Site};
use crate::routes::report_url;

/// The short name of a report's organisation `entity` (its id if it has no page).
pub fn entity_short_name<'a>(entity: Option<&'a Entity>, r: &'a Report) -> &'a str {
    entity.map_or(r.entity.as_str(), |e| e.short_name.as_str())
}

/// Reports as the built-in theme's `report_list` macro lists them, `root` leading from the page
/// to the site root: a `<ul>` of each report's linked title over its organisation, year, date
/// and number of figures. A page of a year or a tag lists fifty reports; printed by the macro,
/// each cost a template nine lookups. Every page with a list offers it as `reports_html`, which the
/// built-in page templates print; a theme that lays lists out otherwise loops over `reports`.
pub fn report_list_html<'r>(
    site: &Site,
    reports: impl Iterator<Item = &'r Report>,
    root: &str,
    t: &crate::theme::UiStrings,
) -> String {
    let year_n = &t.year_n;
    let figures = escaped(&t.figures_count);
    let mut h = String::from("<ul class=\"report-list\">\n");
    for r in reports {
        h.push_str("<li><a href=\"");
        escape_html_into(&mut h, root);
        escape_html_into(&mut h, &report_url(r));
        h.push_str("\">");
        escape_html_into(&mut h, &r.title);
        h.push_str("</a>\n<span class=\"meta\">");
        escape_html_into(&mut h, entity_short_name(site.entity(&r.entity), r));
        h.push_str(" · ");
        escape_html_into(&mut h, &year_n.replace("{year}", &r.year.to_string()));
        if let Some(published) = r.published.as_deref().filter(|p| !p.is_empty()) {
            h.push_str(" · ");
            h.push_str(&date(published, t));
        }
        h.push_str(" · ");
        crate::model::numbers::push_u64(&mut h, r.indicators.len() as u64);
        h.push(' ');
        h.push_str(&figures);
        h.push_str("</span></li>\n");
    }
    h.push_str("</ul>");
    h
}
