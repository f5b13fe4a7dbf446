//! `annalist import`: a published report (plain text, Markdown, a saved web page, a Word file,
//! a PDF) in, a draft report with its figures out.
//!
//! Reading turns a file of any of those formats into a [`Document`]; the rest works on that.
//! A table of figures (.csv, .xlsx) is merged into the reports instead ([`table`]).

pub mod body;
pub mod command;
pub mod document;
pub mod draft;
pub mod figures;
pub mod read;
pub mod table;

pub use command::{import, ImportOptions, Imported, Outcome};
pub use document::{Block, Document};
