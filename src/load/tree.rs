//! Walking the folders annalist reads — `content/`, `static/`, `templates/` and a theme under
//! `themes/` — without ever following a symbolic link.
//!
//! A link there could lead anywhere on the disk: a cloned site whose `static` links to `/etc`
//! would publish the build machine's files. Telling a link that stays inside the site from one
//! that leaves it needs the link resolved, and a folder moved later changes the answer, so the
//! rule is the simple one, the same in `build`, `check` and `serve`: every symbolic link in
//! these folders (the folders themselves included) is an error naming it.

use crate::error::{Diagnostic, Error, Result};
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The error for the symbolic link `rel` (relative to the site root), saying where it leads.
pub fn link_error(root: &Path, rel: &Path) -> Diagnostic {
    let target = fs::read_link(root.join(rel)).map(|t| format!(" (to {})", t.display())).unwrap_or_default();
    Diagnostic::error(rel, 1, 1, format!("'{}' is a symbolic link{target}", rel.display())).with_hint(
        "annalist reads no symbolic links in the site (site.yaml, content/, static/, templates/, themes/), \
         so nothing from outside the site is published; copy the file or folder here instead",
    )
}

/// Whether `path` is itself a symbolic link (not whether it leads to one).
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Refuses `rel` (relative to `root`) when it, or a folder on the way to it from the site root,
/// is a symbolic link.
pub fn refuse_links_on_the_way(root: &Path, rel: &Path) -> std::result::Result<(), Diagnostic> {
    let mut at = PathBuf::new();
    for part in rel.components() {
        at.push(part);
        if is_link(&root.join(&at)) {
            return Err(link_error(root, &at));
        }
    }
    Ok(())
}

/// The files under the folder `rel` (relative to `root`), each as its path inside that folder
/// with `/` separators and its path relative to the site root, sorted; entries for which
/// `skip(name)` holds are left out with everything inside them. A symbolic link anywhere on the
/// way — `rel` itself or an entry inside — is an error naming it, every one of them together.
pub fn files(root: &Path, rel: &Path, skip: impl Fn(&str) -> bool) -> Result<Vec<(String, PathBuf)>> {
    refuse_links_on_the_way(root, rel).map_err(Error::one)?;
    let dir = root.join(rel);
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut links = Vec::new();
    let walk = WalkDir::new(&dir).follow_root_links(false).sort_by_file_name();
    for entry in walk.into_iter().filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy())) {
        let entry = entry.map_err(|e| Error::io(&dir, e.into()))?;
        let inner = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        if entry.path_is_symlink() {
            links.push(link_error(root, &rel.join(inner)));
        } else if entry.file_type().is_file() {
            out.push((inner.to_string_lossy().replace('\\', "/"), rel.join(inner)));
        }
    }
    if links.is_empty() {
        Ok(out)
    } else {
        Err(Error::Site(links))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_refused_wherever_they_are_and_skipped_entries_are_not_entered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("static/css")).unwrap();
        fs::create_dir_all(root.join("static/.git")).unwrap();
        fs::write(root.join("static/css/a.css"), "a").unwrap();
        fs::write(root.join("static/.nojekyll"), "").unwrap();
        symlink("/etc/hostname", root.join("static/.git/link")).unwrap();
        let found = files(root, Path::new("static"), |n| n == ".git").unwrap();
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [".nojekyll", "css/a.css"]);
        assert_eq!(found[1].1, Path::new("static/css/a.css"));

        symlink("/etc", root.join("static/css/etc")).unwrap();
        symlink("../site.yaml", root.join("static/y")).unwrap();
        let Err(Error::Site(e)) = files(root, Path::new("static"), |_| false) else { panic!("links were followed") };
        let named: Vec<_> = e.iter().map(|d| (d.file.to_string_lossy().into_owned(), d.line, d.col)).collect();
        assert_eq!(
            named,
            [("static/.git/link".into(), 1, 1), ("static/css/etc".into(), 1, 1), ("static/y".into(), 1, 1)]
        );
        assert!(e[1].message.contains("'static/css/etc' is a symbolic link (to /etc)"), "{}", e[1].message);

        fs::create_dir_all(root.join("real")).unwrap();
        symlink(root.join("real"), root.join("templates")).unwrap();
        let Err(Error::Site(e)) = files(root, Path::new("templates"), |_| false) else { panic!("root link followed") };
        assert_eq!(e[0].file, Path::new("templates"));
        assert!(refuse_links_on_the_way(root, Path::new("templates/base.html")).is_err());
        assert!(refuse_links_on_the_way(root, Path::new("static/css/a.css")).is_ok());
    }
}
