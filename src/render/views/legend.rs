//! The legend under a table: the marks its cells actually show (约, 以上, 累计, 推算, 据…年报告,
//! 口径变化), each in the words the cells use, and where the site explains them at length.
//!
//! Hover titles are all the marks had, and phones and paper have none; ONS puts a notes block
//! under every table. The marks are read back from the table's finished HTML, so the legend
//! lists exactly what a reader sees, whoever wrote the cells.

use crate::model::Site;
use crate::routes::free_page_url;
use serde::Serialize;

/// The slug of the free page a legend links to, where the site has one: the sample's
/// `content/pages/methodology.md`, which explains every mark.
pub const METHODOLOGY_SLUG: &str = "methodology";

/// The kinds of mark, in the order a legend lists them: the key (`legend_<key>` in the theme's
/// strings says what it means) and the class its element carries in a cell.
const MARKS: [(&str, &str); 6] = [
    ("approx", "flag approx"),
    ("bound", "flag bound"),
    ("cumulative", "flag cumulative"),
    ("derived", "flag derived"),
    ("restated", "flag restated"),
    ("break", "not-comparable break"),
];

/// One kind of mark a table shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegendEntry {
    /// Which mark: approx, bound, cumulative, derived, restated or break.
    pub key: &'static str,
    /// The words the table shows for it, each once, in the order they first appear
    /// ("约", "余"), as HTML text.
    pub words: Vec<String>,
}

/// A link to the page that explains the marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// The page's title.
    pub title: String,
    /// Its URL, relative to the site root.
    pub url: String,
}

/// What the legend under a table says: nothing when the table shows no mark.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Legend {
    /// The marks the table shows, in the order of [`MARKS`].
    pub marks: Vec<LegendEntry>,
    /// The site's methodology page ([`METHODOLOGY_SLUG`]), when it has one and there are marks.
    pub methodology: Option<PageLink>,
}

impl Legend {
    /// The legend of a table whose cells are `html` (every row's, one after the other).
    pub fn of<'h>(site: &Site, html: impl IntoIterator<Item = &'h str>) -> Self {
        let mut words: [Vec<String>; MARKS.len()] = Default::default();
        for h in html {
            for (mark, word) in marks_in(h) {
                if !words[mark].iter().any(|w| w == word) {
                    words[mark].push(word.to_string());
                }
            }
        }
        let marks: Vec<LegendEntry> = MARKS
            .iter()
            .zip(words)
            .filter(|(_, words)| !words.is_empty())
            .map(|((key, _), words)| LegendEntry { key, words })
            .collect();
        let methodology = site
            .pages
            .iter()
            .find(|p| p.slug == METHODOLOGY_SLUG)
            .filter(|_| !marks.is_empty())
            .map(|p| PageLink { title: p.title.clone(), url: free_page_url(&p.slug) });
        Legend { marks, methodology }
    }
}

/// Every mark element of `html`: which of [`MARKS`] its class attribute is (exactly), and its
/// text up to its first tag ("口径变化，不比较" of a break whose reason follows in a child); in
/// order for each kind of mark. Found by the classes' first words (`flag `, `not-comparable `)
/// with memchr's vectorised search, not at every `class="` of the cells: an indicator page's
/// table at a thousand organisations is megabytes of them.
fn marks_in(html: &str) -> impl Iterator<Item = (usize, &str)> {
    // The search is for the class's first word alone: its letters are rarer in a table's HTML
    // than `class="`'s quote and equals sign, which memchr's search would otherwise key on.
    const OPENINGS: [&str; 2] = ["flag ", "not-comparable "];
    const ATTRIBUTE: &str = "class=\"";
    OPENINGS.into_iter().flat_map(move |opening| {
        memchr::memmem::find_iter(html.as_bytes(), opening).filter_map(move |at| {
            if !html[..at].ends_with(ATTRIBUTE) {
                return None;
            }
            let rest = &html[at..];
            let (mark, class) = MARKS
                .iter()
                .map(|(_, class)| class)
                .enumerate()
                .find(|(_, class)| rest.strip_prefix(**class).is_some_and(|after| after.starts_with('"')))?;
            let rest = &rest[class.len()..];
            let text = &rest[rest.find('>')? + 1..];
            let word = text[..text.find('<').unwrap_or(text.len())].trim();
            (!word.is_empty()).then_some((mark, word))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_from_the_cells_each_once_in_order() {
        let html = r#"<abbr class="flag approx" title="x">约</abbr><span class="num">3</span>
            <abbr class="flag approx" title="x">余</abbr><abbr class="flag approx" title="x">约</abbr>
            <span class="not-comparable break">口径变化，不比较<span class="why">（新口径）</span></span>"#;
        let found: Vec<(usize, &str)> = marks_in(html).collect();
        assert_eq!(found, [(0, "约"), (0, "余"), (0, "约"), (5, "口径变化，不比较")]);
        // A class that merely starts like another is not it.
        assert_eq!(marks_in(r#"<abbr class="flag">约</abbr><i class="flag approxx">约</i>"#).count(), 0);
    }
}
