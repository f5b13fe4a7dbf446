//! The template engine: a theme's templates compiled with Tera, and what is checked or changed
//! on the way.
//!
//! Compiling happens once per build (and once per theme change in a live preview), so every
//! check that keeps a bad theme from crashing or misrendering a page runs here rather than on
//! each page: nesting too deep for the engine's stack ([`nesting`]), templates that would render
//! themselves without end ([`cycles`]), strings missing from the translation file
//! ([`string_keys`]). The theme's strings are written into the templates where that prints the
//! same ([`fold`]), which saves each page a third of its lookups. [`templates`] runs these steps
//! and places every error at its template's line and column.
//!
//! The engine knows nothing of pages or views: it takes a [`Theme`](crate::theme::Theme) and
//! gives a compiled `Tera`.

mod cycles;
mod fold;
mod nesting;
mod reads;
mod string_keys;
mod templates;

pub use reads::{reads, Reads};
pub use templates::compile;
pub(super) use templates::{error_chain, template_error};
