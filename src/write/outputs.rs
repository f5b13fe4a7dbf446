//! Every output file of a build that is not a page, listed before anything is written: the
//! build opens its output with it and checks links against it, and the preview serves it.

use super::discovery;
use crate::model::Site;
use crate::routes::files::{entity_data_file, SITE_DATA, SYNTAX_CSS};
use crate::routes::PageKind;
use crate::search;
use crate::theme::Theme;

/// The output paths of everything but the pages `kinds` of `site` with `theme`: static files,
/// the code stylesheet, the discovery files, the data files and the search index. A file the
/// theme or the site brings among its static files is theirs, and listed once.
pub fn other_files(site: &Site, theme: &Theme, kinds: &[PageKind]) -> Vec<String> {
    let mut out: Vec<String> = theme.statics.keys().cloned().collect();
    if !theme.statics.contains_key(SYNTAX_CSS) {
        out.push(SYNTAX_CSS.into());
    }
    out.extend(discovery::files(kinds, |f| theme.statics.contains_key(f)));
    out.extend(SITE_DATA.map(String::from));
    out.extend(site.entities.iter().map(|e| entity_data_file(&e.id)));
    out.extend(search::files(site));
    out
}
