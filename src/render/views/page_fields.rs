//! Which of its costlier fields a page makes for its template.

use super::refs::REPORT_LINK_FIELDS;
use crate::render::engine::Reads;

/// Which of its costlier fields a page makes.
///
/// Every page offers every documented field to every theme. A few cost far more to make than
/// the rest — the rows of a big table with each of their cells, a list of reports in full, the
/// links to every page of a long list, a neighbouring report in full — and each of those is
/// also offered ready as HTML (`rows_html`, `cells_html`, `reports_html`) or in brief. A page
/// makes such a field only when its template, with everything it renders through, names it
/// ([`Reads`]); a field no name reaches is one the template cannot print, so leaving it out
/// changes nothing on the page. docs/format.md states the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageFields {
    /// Rows of tables as data (`g.rows`, an indicator page's and a year page's `rows`).
    pub rows: bool,
    /// A row's cells as data (`row.cells`).
    pub cells: bool,
    /// Lists of reports in full (`reports` on an organisation's, a year's and a tag's page).
    pub reports: bool,
    /// A link to every page of a long list (`paginator.pages`).
    pub pages: bool,
    /// The reports before and after on a report's page in full, not only their link and year.
    pub neighbours: bool,
}

impl PageFields {
    /// Every field.
    pub const ALL: PageFields = PageFields { rows: true, cells: true, reports: true, pages: true, neighbours: true };

    /// The fields a template that reads `reads` can print.
    pub fn for_reads(reads: &Reads) -> Self {
        let beyond_link = |name| reads.reads_beyond(name, &REPORT_LINK_FIELDS);
        PageFields {
            rows: reads.names("rows"),
            cells: reads.names("cells"),
            reports: reads.names("reports"),
            pages: reads.names("pages"),
            neighbours: beyond_link("previous_report") || beyond_link("next_report"),
        }
    }
}
