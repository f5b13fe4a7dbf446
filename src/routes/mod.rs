//! Where everything goes: the site's pages ([`PageKind`]), the URL of each, the name of every
//! other output file, the names the site keeps for itself, and the URL it is published under.
//!
//! Rendering, writing, the search index, the link check and the preview all ask here, so a
//! URL or a file name is written once. This module sits below all of them: it uses the model
//! and the computed indexes, and nothing that renders, writes, loads or serves.

pub mod base_url;
pub mod files;
pub mod page_kind;
pub mod reserved;
pub mod urls;

pub use base_url::BaseUrl;
pub use page_kind::{all_pages, page_count, PageKind};
pub use urls::*;
