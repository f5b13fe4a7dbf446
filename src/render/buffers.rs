//! How large a page's buffer starts: as large as the largest page its template has rendered so
//! far, so that a year page of 400 KB is not copied five times as it grows.

use super::pages::PageKind;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The least a page's buffer starts with: most report pages fit.
const FIRST_PAGE_BUFFER: usize = 32 * 1024;

/// The most a page's buffer starts with, however large a page of its template once was: one
/// huge page should not make every later page of its kind ask for as much.
const LARGEST_START: usize = 4 * 1024 * 1024;

/// The largest page each page template has rendered so far, shared by the rendering threads.
#[derive(Debug)]
pub struct PageSizes(Vec<(&'static str, AtomicUsize)>);

impl PageSizes {
    /// No page rendered yet: every buffer starts at the least.
    pub fn new() -> Self {
        PageSizes(PageKind::TEMPLATES.iter().map(|&name| (name, AtomicUsize::new(0))).collect())
    }

    /// An empty buffer for a page of `template`.
    pub fn buffer_for(&self, template: &str) -> Vec<u8> {
        let seen = self.size_of(template).map_or(0, |s| s.load(Ordering::Relaxed));
        Vec::with_capacity(seen.clamp(FIRST_PAGE_BUFFER, LARGEST_START))
    }

    /// Notes that a page of `template` came to `len` bytes. Threads race only to raise the
    /// size, which is a hint.
    pub fn record(&self, template: &str, len: usize) {
        if let Some(size) = self.size_of(template) {
            size.fetch_max(len, Ordering::Relaxed);
        }
    }

    fn size_of(&self, template: &str) -> Option<&AtomicUsize> {
        self.0.iter().find(|(name, _)| *name == template).map(|(_, size)| size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::Facet;

    /// One page of each kind; the match has no catch-all, so a new kind must be added here.
    fn one_of_each_kind() -> Vec<PageKind> {
        let kinds = vec![
            PageKind::Home(0),
            PageKind::Entity(0),
            PageKind::Report(0),
            PageKind::Indicators,
            PageKind::Indicator("x".into(), 0),
            PageKind::Year(2021, 0),
            PageKind::Tag("x".into(), 0),
            PageKind::Facet(Facet::Region, "x".into(), 0),
            PageKind::Page(0),
            PageKind::Search,
            PageKind::NotFound,
        ];
        for kind in &kinds {
            match kind {
                PageKind::Home(_)
                | PageKind::Entity(_)
                | PageKind::Report(_)
                | PageKind::Indicators
                | PageKind::Indicator(..)
                | PageKind::Year(..)
                | PageKind::Tag(..)
                | PageKind::Facet(..)
                | PageKind::Page(_)
                | PageKind::Search
                | PageKind::NotFound => {}
            }
        }
        kinds
    }

    #[test]
    fn every_page_kind_has_its_template_listed_once() {
        let templates: Vec<&str> = one_of_each_kind().iter().map(PageKind::template).collect();
        assert_eq!(templates, PageKind::TEMPLATES);
    }

    #[test]
    fn a_buffer_starts_as_large_as_the_largest_page_of_its_template_within_bounds() {
        let sizes = PageSizes::new();
        assert_eq!(sizes.buffer_for("year.html").capacity(), FIRST_PAGE_BUFFER);
        sizes.record("year.html", 400_000);
        sizes.record("year.html", 100_000);
        assert_eq!(sizes.buffer_for("year.html").capacity(), 400_000);
        assert_eq!(sizes.buffer_for("report.html").capacity(), FIRST_PAGE_BUFFER);
        sizes.record("report.html", 100 * 1024 * 1024);
        assert_eq!(sizes.buffer_for("report.html").capacity(), LARGEST_START);
        // A template that renders no page kind is not tracked.
        sizes.record("macros.html", 1_000_000);
        assert_eq!(sizes.buffer_for("macros.html").capacity(), FIRST_PAGE_BUFFER);
    }
}
