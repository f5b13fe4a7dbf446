//! Names that become URLs: an organisation folder, a free page and a tag each get a page at a
//! URL made from their name, which must be theirs alone and not one the site uses itself.

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use std::collections::HashMap;
use std::path::Path;

/// Names at the site root that the site itself uses, with what it puts there: an organisation
/// folder or a free page of one of these names would share its URL, or look like it.
pub const RESERVED: [(&str, &str); 13] = [
    ("indicators", "the indicator pages (indicators/)"),
    ("years", "the pages by year (years/)"),
    ("tags", "the tag pages (tags/)"),
    ("regions", "the pages by region (regions/)"),
    ("levels", "the pages by level (levels/)"),
    ("data", "the data files (data/indicators.csv, data/indicators.json)"),
    ("search", "the search page and its index (search/)"),
    ("pages", "the free pages' folder (content/pages/)"),
    ("page", "the later pages of the home page's list (page/2/ …)"),
    ("feed", "the Atom feed (feed.xml)"),
    ("sitemap", "the sitemap (sitemap.xml)"),
    ("robots", "robots.txt"),
    ("404", "the page for a missing address (404.html)"),
];

/// Two things may not share a URL: entity folders, free pages, tags and the site's own pages
/// and files.
pub fn check(site: &Site) -> Result<()> {
    let reserved = |name: &str| RESERVED.iter().find(|(n, _)| *n == name).map(|(_, what)| *what);
    let names = || RESERVED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    let mut taken: HashMap<&str, &Path> = HashMap::new();
    let mut errors = Vec::new();
    for e in &site.entities {
        taken.insert(&e.id, &e.file);
        if let Some(what) = reserved(&e.id) {
            errors.push(
                Diagnostic::error(
                    &e.file,
                    1,
                    1,
                    format!("entity folder '{}' has a name the site uses for {what}", e.id),
                )
                .with_hint(format!("rename the folder; these names are reserved: {}", names())),
            );
        }
    }
    for p in &site.pages {
        if let Some(what) = reserved(&p.slug) {
            errors.push(
                Diagnostic::error(&p.file, 1, 1, format!("page '{}' has a name the site uses for {what}", p.slug))
                    .with_hint(format!("rename the file; these names are reserved: {}", names())),
            );
        } else if let Some(other) = taken.get(p.slug.as_str()) {
            errors.push(
                Diagnostic::error(&p.file, 1, 1, format!("page '{}' has the same URL as {}", p.slug, other.display()))
                    .with_hint("rename the page file"),
            );
        }
    }
    errors.extend(crate::compute::tags::clashes(site));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Site(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::{files, tag_url, INDICATORS_URL, SEARCH_URL};

    #[test]
    fn every_root_folder_and_file_of_the_site_is_reserved() {
        let reserved = |name: &str| RESERVED.iter().any(|(n, _)| *n == name);
        for url in [INDICATORS_URL, SEARCH_URL, &tag_url("x")] {
            assert!(reserved(url.split('/').next().unwrap_or_default()), "{url}");
        }
        for file in [files::FEED, files::SITEMAP, files::SITE_DATA_CSV] {
            assert!(reserved(file.split(['/', '.']).next().unwrap_or_default()), "{file}");
        }
    }
}
