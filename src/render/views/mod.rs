//! The views: what a page shows, typed and serialisable — figures and changes
//! ([`figure`], [`delta`]), indicators ([`indicator`]), references to entities, reports and
//! tags ([`refs`]), tables ([`tables`]) and the legend under them ([`legend`]), the pager ([`pager`]), and how much of it a page
//! hands templates ([`page_fields`]).
//!
//! The layer between the pages (`render/pages/`) and the HTML writers (`render/html/`):
//! where a view carries HTML, a writer below made it by the same rules as its fields.

pub mod delta;
pub mod figure;
pub mod indicator;
pub mod legend;
pub mod page_fields;
pub mod pager;
pub mod refs;
pub mod tables;

pub use delta::DeltaView;
pub use figure::{CellView, FigureView};
pub use indicator::{IndicatorRef, IndicatorView};
pub use legend::Legend;
pub use page_fields::PageFields;
pub use pager::Paginator;
pub use refs::*;

#[cfg(test)]
mod tests;
