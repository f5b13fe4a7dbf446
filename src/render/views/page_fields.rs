//! How much of its data a page hands the templates.

/// How much of its data a page gives templates.
///
/// The built-in theme's page templates print the ready HTML of table rows and cells and of
/// lists of reports, and a neighbouring report's link. A site's or theme's own templates may
/// read any documented field. Handing templates every field of every row, cell and listed
/// report cost a tenth of a build's instructions,
/// so with the built-in templates ([`crate::theme::Theme::has_built_in_page_templates`])
/// pages leave out what those do not print (docs/format.md lists what).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFields {
    /// Every documented field, for a site's or theme's own templates.
    All,
    /// Only what the built-in page templates print: rows, cells and lists of reports as HTML,
    /// neighbouring reports as a [`super::refs::ReportLink`].
    BuiltIn,
}
