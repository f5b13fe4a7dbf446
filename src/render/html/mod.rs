//! The HTML writers: one function for each piece of HTML annalist writes itself — a figure's
//! value with its flags ([`figure`]), a change against the year before ([`change`]), a table's
//! cells and rows ([`cells`]), a date ([`date`]), a list of reports ([`report_list`]), and
//! sparklines and charts ([`svg`]).
//!
//! The lowest layer of rendering: it uses the escaper, routes, the computed series and the
//! model, and nothing else of `render/`. The views above it (`render/views/`) give templates
//! the same pieces as fields, made by the same rules.

pub mod cells;
pub mod change;
pub mod date;
pub mod figure;
pub mod report_list;
pub mod svg;
