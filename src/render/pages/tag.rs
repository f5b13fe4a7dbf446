//! A tag's page: the reports that carry it.

use crate::compute::Computed;
use crate::model::Site;
use crate::render::html::report_list::report_list_html;
use crate::render::views::{report_ref, PageFields, Paginator};
use crate::routes::tag_url;
use crate::theme::UiStrings;
use serde_json::{json, Value};

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
    let mut data = json!({
        "tag": {"name": name, "slug": slug, "url": url},
        "reports_html": report_list_html(site, reports(), root, t),
        "paginator": paginator,
    });
    if fields == PageFields::All {
        data["reports"] = json!(reports().map(|r| report_ref(site, r, t)).collect::<Vec<_>>());
    }
    data
}
