//! `annalist import`: a published report (plain text, Markdown, a saved web page, a Word file,
//! a PDF) in, a draft report with its figures out.
//!
//! Reading turns a file of any of those formats into a [`Document`]; the rest works on that.

pub mod document;
pub mod read;

pub use document::{Block, Document};
