//! `annalist serve`: a live preview that follows every save.
//!
//! The site is built into memory ([`output`]), served over HTTP ([`http`]) with a small script
//! that reloads open pages ([`live`]); a watcher ([`watch`]) feeds saved files to the
//! [`project`], which renders again only what each change touches ([`plan`]).

pub mod output;
pub mod plan;
pub mod project;
