//! annalist: a static site generator for annual reports, built around the year-over-year
//! indicator table.
//!
//! The pipeline reads the way the data flows:
//! [`load`] (walk the site, parse front matter) → [`model`] (site, entities, reports, catalogue)
//! → [`compute`] (year-over-year series, derived values) → [`render`] (Tera, shortcodes,
//! charts) → `write` (a fresh output folder swapped in atomically).
//! [`markdown`] sits below rendering: Markdown, shortcode calls and code highlighting, which
//! search reads too. [`routes`] sits below rendering and writing: the pages, their URLs, the
//! output file names, the reserved names and the base URL. [`build()`] runs the whole pipeline.
//!
//! Modules that nothing outside the crate uses (main.rs, the tests, the benches, the fuzz
//! targets) are private, so the compiler points out what in them is dead; every public item
//! has a doc comment.

#![deny(missing_docs)]
// The docs are for the people working on annalist as much as for users of the library: they link
// to private items on purpose (`cargo doc --document-private-items` renders them).
#![allow(rustdoc::private_intra_doc_links)]

pub mod author;
pub mod build;
pub mod compute;
pub mod error;
mod escape;
pub mod fuzzing;
pub mod import;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod report;
pub mod routes;
pub mod search;
pub mod serve;
pub mod theme;
mod write;

pub use build::{build, BuildOptions, BuildSummary};
pub use error::{Diagnostic, Error, Result, Severity};
