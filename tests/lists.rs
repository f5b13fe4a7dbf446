//! Lists that scale: organisations by region and by level, each with pages of their own, and
//! the home page's list of organisations continued on later pages.

mod common;

use common::*;
use std::fs;

#[test]
fn regions_and_levels_have_pages_listing_their_organisations() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&fixture("basic"), &out);
    let region = read(&out, "regions/某市/index.html");
    assert!(region.contains("<h1>某市的组织</h1>"), "{region}");
    assert!(region.contains("href=\"../../alpha/\"") && !region.contains("href=\"../../beta/\""));
    assert!(region.contains("href=\"../../alpha/2021/\""), "its reports by year");
    // The other regions, this one marked as the current one.
    assert!(region.contains("<span aria-current=\"page\">某市</span> <span class=\"count\">（1）</span>"));
    assert!(region.contains("href=\"../../regions/另一市/\""));
    assert!(region.contains("<a href=\"../../#regions\">按地区</a> › <span aria-current=\"page\">某市</span>"));
    let level = read(&out, "levels/区县/index.html");
    assert!(level.contains("href=\"../../alpha/\"") && level.contains("href=\"../../beta/\""));
    // The organisation's page links its region and level; home lists both facets with counts.
    let alpha = read(&out, "alpha/index.html");
    assert!(alpha.contains("<a href=\"../regions/某市/\">某市</a>") && alpha.contains("href=\"../levels/区县/\""));
    let home = read(&out, "index.html");
    assert!(home.contains("<a href=\"./levels/区县/\">区县</a> <span class=\"count\">（2）</span>"), "{home}");
    assert!(home.contains("href=\"./regions/另一市/\""));
}

#[test]
fn the_home_list_and_a_facet_continue_on_later_pages() {
    let (_dir, root) = basic_with_settings("paginate_by: 1\n");
    let out = root.join("out");
    build_ok(&root, &out);
    let home = read(&out, "index.html");
    let second = read(&out, "page/2/index.html");
    // One organisation a page, in order; the pager links the pages both ways.
    let list =
        |html: &str| html.split("id=\"entities\"").nth(1).unwrap().split("</section>").next().unwrap().to_string();
    assert!(list(&home).contains("href=\"./alpha/\"") && !list(&home).contains("href=\"./beta/\""));
    assert!(list(&second).contains("href=\"../../beta/\"") && !second.contains("href=\"../../alpha/\""));
    assert!(home.contains("rel=\"next\" href=\"./page/2/\""), "{home}");
    assert!(second.contains("rel=\"prev\" href=\"../../\""));
    // The first page alone carries the home text, the headline table and the latest reports.
    assert!(home.contains("id=\"latest\"") && !second.contains("id=\"latest\""));
    assert!(!second.contains("id=\"headline\"") && !second.contains("class=\"prose lead\""));
    assert!(second.contains("<title>组织 · 第2页 · "), "{second}");
    assert!(!out.join("page/3").exists());
    let level = read(&out, "levels/区县/page/2/index.html");
    assert!(level.contains("href=\"../../../../beta/\""), "{level}");
}

/// The basic fixture with nine more organisations (eleven), listed one a page.
fn eleven_organisations_one_a_page() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = basic_with_settings("paginate_by: 1\n");
    for i in 1..=9 {
        let folder = root.join("content").join(format!("org{i}"));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("_index.md"), format!("---\nname: 某区{i}\n---\n")).unwrap();
    }
    (dir, root)
}

#[test]
fn a_long_list_pager_links_the_ends_and_the_pages_near_this_one() {
    let (_dir, root) = eleven_organisations_one_a_page();
    let out = root.join("out");
    build_ok(&root, &out);
    // Eleven organisations, one a page: page 6 links 1, 4–8 and 11, with a gap either side.
    let sixth = read(&out, "page/6/index.html");
    let pager = sixth.split("class=\"pagination\"").nth(1).unwrap().split("</nav>").next().unwrap();
    for page in
        ["../../\"", "../../page/4/\"", "../../page/5/\"", "../../page/7/\"", "../../page/8/\"", "../../page/11/\""]
    {
        assert!(pager.contains(&format!("href=\"{page}")), "{page} in {pager}");
    }
    for left_out in ["page/2/", "page/3/", "page/9/", "page/10/"] {
        assert!(!pager.contains(left_out), "{left_out} in {pager}");
    }
    assert!(pager.contains("<span aria-current=\"page\">6</span>"));
    assert_eq!(pager.matches("<li class=\"gap\">…</li>").count(), 2, "{pager}");
    let first = read(&out, "index.html");
    let pager = first.split("class=\"pagination\"").nth(1).unwrap().split("</nav>").next().unwrap();
    assert_eq!(pager.matches("class=\"gap\"").count(), 1, "{pager}");
    assert!(
        pager.contains("href=\"./page/3/\"")
            && !pager.contains("href=\"./page/4/\"")
            && pager.contains("href=\"./page/11/\"")
    );
}

#[test]
fn a_sites_own_pager_looping_over_every_page_still_gets_every_page() {
    // A site's macros.html written before the window: its pager lists `paginator.pages`.
    let (_dir, root) = eleven_organisations_one_a_page();
    let macros = include_str!("../themes/default/templates/macros.html");
    assert!(macros.contains("{% for pg in p.window %}"));
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/macros.html"),
        macros.replace("{% for pg in p.window %}", "{% for pg in p.pages %}"),
    )
    .unwrap();
    let out = root.join("out");
    build_ok(&root, &out);
    let sixth = read(&out, "page/6/index.html");
    let pager = sixth.split("class=\"pagination\"").nth(1).unwrap().split("</nav>").next().unwrap();
    for n in (2..=11).filter(|&n| n != 6) {
        assert!(pager.contains(&format!("href=\"../../page/{n}/\"")), "page {n} in {pager}");
    }
    assert!(pager.contains("href=\"../../\"") && pager.contains("<span aria-current=\"page\">6</span>"));
    assert!(!pager.contains("gap"), "{pager}");
}

#[test]
fn an_organisation_folder_cannot_take_a_name_the_lists_use() {
    for name in ["regions", "levels", "page"] {
        let (_dir, root) = basic_with_settings("");
        fs::create_dir_all(root.join("content").join(name)).unwrap();
        fs::write(root.join("content").join(name).join("_index.md"), "---\nname: 某区\n---\n").unwrap();
        let o = build(&root, &root.join("out"), &[]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("entity folder '{name}' has a name the site uses")), "{err}");
    }
}

#[test]
fn odd_regions_and_levels_get_pages_of_their_own_or_none() {
    let (_dir, root) = basic_with_settings("");
    // Blank: no page and no link. Punctuation alone: a page of its own. Written two ways with
    // one URL: a warning naming the difference.
    replace(&root, "content/alpha/_index.md", "level: 区县", "level: \"  \"");
    replace(&root, "content/alpha/_index.md", "region: 某市", "region: \"—\"");
    replace(&root, "content/beta/_index.md", "region: 另一市", "region: \"?\"");
    let out = root.join("out");
    let o = build_ok(&root, &out);
    assert!(!read(&out, "alpha/index.html").contains("levels/"));
    assert!(read(&out, "alpha/index.html").contains("href=\"../regions/u2014/\""));
    assert!(read(&out, "regions/u3f/index.html").contains("href=\"../../beta/\""));
    assert!(!read(&out, "regions/u2014/index.html").contains("href=\"../../beta/\""));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("shares its page"));

    replace(&root, "content/alpha/_index.md", "region: \"—\"", "region: 某 市");
    replace(&root, "content/beta/_index.md", "region: \"?\"", "region: 某-市");
    let o = build_ok(&root, &root.join("out2"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("content/beta/_index.md:1:1: region '某-市' shares its page with '某 市'"), "{err}");
}
