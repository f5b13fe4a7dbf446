//! The pages: one module for each kind of page ([`crate::routes::PageKind`]), each making the
//! data its template receives from the views ([`super::views`]) and the HTML writers
//! ([`super::html`]) below it.

mod catalogue;
mod entity;
mod facet;
mod home;
mod indicator;
mod organisations;
mod report;
mod tag;
mod year;

pub use catalogue::indicators;
pub use entity::entity;
pub use facet::facet;
pub use home::home;
pub use indicator::indicator;
pub use report::report;
pub use tag::tag;
pub use year::year;

/// A page's typed data as the value the template context takes in (every key a string, so it
/// cannot fail).
fn page_data(data: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(data).expect("page data serialises with string keys")
}

/// Rows, cells and lists of reports: as HTML always, their fields only for templates that
/// name them.
#[cfg(test)]
mod tests {
    use crate::render::pages;
    use crate::render::views::PageFields;
    use serde_json::Value;

    #[test]
    fn html_only_rows_leave_their_fields_out_and_keep_their_html() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let site = crate::load::load_site(&root, &Default::default()).unwrap();
        let c = crate::compute::compute(&site);
        let t = crate::theme::load(&root, "default", "zh-CN").unwrap().ui;
        let alpha = site.entities.iter().position(|e| e.id == "alpha").unwrap();
        let report = site.reports.iter().position(|r| r.entity == "alpha" && r.year == 2022).unwrap();
        const NONE: PageFields =
            PageFields { rows: false, cells: false, reports: false, pages: false, neighbours: false };
        for fields in [PageFields::ALL, NONE] {
            let all = fields == PageFields::ALL;
            let year = pages::year(&site, &c, (2022, 0), ("../../", &t), fields);
            let indicator = pages::indicator(&site, &c, ("correction_rate", 0), ("../../", &t), fields);
            let entity = pages::entity(&site, &c, alpha, ("../", &t), fields);
            let report = pages::report(&site, &c, report, "../../", &t, fields);
            // Whole rows as HTML always, their fields only for templates that name them.
            let tables = [&year["groups"][0], &indicator, &entity["yoy"]["groups"][0]];
            for table in tables {
                assert!(
                    matches!(&table["rows_html"], Value::String(h) if h.contains("<tr><th scope=\"row\"><a href=\"../")
                    || h.contains("<tr>\n<th scope=\"row\"><a href=\"../")),
                    "{table}"
                );
                assert_eq!(table.get("rows").is_some(), all, "{fields:?}: {table}");
                if all {
                    let row = &table["rows"][0];
                    assert!(row.get("cells").is_some(), "{row}");
                    assert!(
                        matches!(&row["cells_html"], Value::String(h) if h.contains("<td class=\"num\">")),
                        "{row}"
                    );
                }
            }
            let group = &report["table"][0];
            assert_eq!(group.get("rows").is_some(), all, "{fields:?}: {group}");
            assert!(matches!(&group["rows_html"], Value::String(h) if h.contains("<tr")), "{group}");
            // Lists of reports as HTML always, in full only for templates that name them; a
            // report's neighbours in full, or only their link and year.
            let slug = crate::compute::tag_slug("年度报告");
            let tag = pages::tag(&site, &c, (&slug, 0), ("../../", &t), fields);
            for page in [&year, &entity, &tag] {
                assert!(matches!(&page["reports_html"], Value::String(h) if h.contains("<li><a href=\"../")), "{page}");
                assert_eq!(page.get("reports").is_some(), all, "{fields:?}");
            }
            assert!(entity["report_count"].as_u64().is_some_and(|n| n > 0), "{entity}");
            let mut listed = vec![&report["previous_report"]];
            if all {
                listed.extend([&entity["reports"][0], &year["reports"][0], &tag["reports"][0]]);
            }
            for r in listed {
                for key in ["url", "year", "entity_short_name"] {
                    assert!(r.get(key).is_some_and(|v| !v.is_null()), "{fields:?} {key}: {r}");
                }
                for key in ["tags", "extra", "entity_name", "source"] {
                    assert_eq!(r.get(key).is_some(), all, "{fields:?} {key}: {r}");
                }
            }
        }
    }
}
