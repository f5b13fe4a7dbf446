//! A tag's page: the reports that carry it.

use super::page_data;
use crate::compute::Computed;
use crate::model::Site;
use crate::render::html::report_list::report_list_html;
use crate::render::views::{report_ref, PageFields, Paginator, ReportRef};
use crate::routes::tag_url;
use crate::theme::UiStrings;
use serde::Serialize;
use serde_json::Value;

/// Data for a tag's page; `root` leads from it to the site root.
pub fn tag(
    site: &Site,
    computed: &Computed,
    (slug, page): (&str, usize),
    (root, t): (&str, &UiStrings),
    fields: PageFields,
) -> Value {
    let (name, list) = &computed.reports_by_tag[slug];
    let url = tag_url(slug);
    let paginator = Paginator::new(&url, page, list.len(), site.config.paginate_by, fields);
    let reports = || list[paginator.range()].iter().map(|&i| &site.reports[i]);
    page_data(&TagPage {
        reports_html: report_list_html(site, reports(), root, t),
        reports: fields.reports.then(|| reports().map(|r| report_ref(site, r, t)).collect()),
        tag: TagHeading { name, slug, url },
        paginator,
    })
}

/// What `tag.html` receives besides what every page does.
#[derive(Serialize)]
struct TagPage<'a> {
    /// The tag.
    tag: TagHeading<'a>,
    /// This page's reports as the built-in `report_list` macro lists them.
    reports_html: String,
    /// Where this page stands among the tag's pages.
    paginator: Paginator,
    /// This page's reports (made only when the template names it: [`PageFields`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    reports: Option<Vec<ReportRef<'a>>>,
}

/// A tag as its page heads it.
#[derive(Serialize)]
struct TagHeading<'a> {
    /// The tag as written.
    name: &'a str,
    /// Its slug.
    slug: &'a str,
    /// Its page.
    url: String,
}
