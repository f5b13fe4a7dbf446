//! How large a page's buffer starts: as large as the largest page of its kind rendered so far,
//! so that a year page of 400 KB is not copied five times as it grows.

use crate::routes::PageKind;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The least a page's buffer starts with: most report pages fit.
const FIRST_PAGE_BUFFER: usize = 32 * 1024;

/// The most a page's buffer starts with, however large a page of its kind once was: one huge
/// page should not make every later page of its kind ask for as much.
const LARGEST_START: usize = 4 * 1024 * 1024;

/// The largest page of each kind rendered so far (by [`PageKind::slot`]), shared by the
/// rendering threads.
#[derive(Debug, Default)]
pub struct PageSizes([AtomicUsize; PageKind::TEMPLATES.len()]);

impl PageSizes {
    /// An empty buffer for a page of `kind`.
    pub fn buffer_for(&self, kind: &PageKind) -> Vec<u8> {
        let seen = self.0[kind.slot()].load(Ordering::Relaxed);
        Vec::with_capacity(seen.clamp(FIRST_PAGE_BUFFER, LARGEST_START))
    }

    /// Notes that a page of `kind` came to `len` bytes. Threads race only to raise the size,
    /// which is a hint.
    pub fn record(&self, kind: &PageKind, len: usize) {
        self.0[kind.slot()].fetch_max(len, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_starts_as_large_as_the_largest_page_of_its_kind_within_bounds() {
        let sizes = PageSizes::default();
        let (year, report) = (PageKind::Year(2021, 0), PageKind::Report(0));
        assert_eq!(sizes.buffer_for(&year).capacity(), FIRST_PAGE_BUFFER);
        sizes.record(&year, 400_000);
        sizes.record(&PageKind::Year(2020, 3), 100_000);
        assert_eq!(sizes.buffer_for(&PageKind::Year(2019, 1)).capacity(), 400_000);
        assert_eq!(sizes.buffer_for(&report).capacity(), FIRST_PAGE_BUFFER);
        sizes.record(&report, 100 * 1024 * 1024);
        assert_eq!(sizes.buffer_for(&report).capacity(), LARGEST_START);
    }

    #[test]
    fn each_kind_has_its_own_template() {
        let kinds = [
            (PageKind::Home(1), "index.html"),
            (PageKind::Report(0), "report.html"),
            (PageKind::Indicators, "indicators.html"),
            (PageKind::Facet(crate::compute::Facet::Level, "x".into(), 0), "facet.html"),
            (PageKind::NotFound, "404.html"),
        ];
        for (kind, template) in kinds {
            assert_eq!(kind.template(), template);
        }
    }
}
