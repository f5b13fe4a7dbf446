//! The Atom feed, the sitemap, robots.txt and the tags in each page's head, checked by parsing
//! what a real build writes.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const BASE: &str = "https://example.org/sub/path/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The output file a URL under BASE leads to.
fn file_of(out: &Path, url: &str) -> std::path::PathBuf {
    let rel = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    let rel = annalist::links::urls::percent_decode(rel);
    if rel.is_empty() || rel.ends_with('/') {
        out.join(rel).join("index.html")
    } else {
        out.join(rel)
    }
}

/// The first child of `n` named `name` in the Atom namespace.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((ATOM, name)))
}

#[test]
fn the_feed_is_atom_with_the_newest_reports_first() {
    let (dir, root) = basic_with_settings("feed_limit: 3\n");
    let out = dir.path().join("out");
    build_ok(&root, &out);
    let text = read(&out, "feed.xml");
    let doc = roxmltree::Document::parse(&text).expect("feed.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    assert_eq!(child(feed, "id").unwrap().text(), Some(BASE));
    assert_eq!(child(feed, "title").unwrap().text(), Some("测试站点 <script>alert(\"site\")</script>"));
    assert_eq!(child(feed, "updated").unwrap().text(), Some("2024-02-28T00:00:00Z"), "the newest report's date");

    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))).collect();
    assert_eq!(entries.len(), 3, "feed_limit caps the entries");
    let dates: Vec<&str> = entries.iter().map(|e| child(*e, "published").unwrap().text().unwrap()).collect();
    assert_eq!(dates, ["2024-02-28T00:00:00Z", "2023-02-01T00:00:00Z", "2022-03-29T00:00:00Z"]);
    for e in &entries {
        let href = child(*e, "link").unwrap().attribute("href").unwrap();
        assert!(file_of(&out, href).is_file(), "{href} leads to a page");
        assert_eq!(child(*e, "id").unwrap().text(), Some(href));
        assert!(child(*e, "title").is_some() && child(*e, "author").is_some() && child(*e, "updated").is_some());
    }
    let tagged = entries[1].children().filter(|c| c.has_tag_name((ATOM, "category"))).count();
    assert_eq!(tagged, 2, "alpha 2022 has two tags");
    // The home page points feed readers at it.
    assert!(read(&out, "index.html").contains(r#"<link rel="alternate" type="application/atom+xml""#));
}

#[test]
fn the_sitemap_lists_every_page_under_base_url_with_dates() {
    let (dir, root) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&root, &out);
    let text = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let mut listed = Vec::new();
    for url in doc.root_element().children().filter(|c| c.has_tag_name((ns, "url"))) {
        let loc = url.children().find(|c| c.has_tag_name((ns, "loc"))).unwrap().text().unwrap();
        assert!(loc.is_ascii(), "{loc} is percent-encoded");
        let file = file_of(&out, loc);
        assert!(file.is_file(), "{loc} has no page");
        let lastmod = url.children().find(|c| c.has_tag_name((ns, "lastmod"))).and_then(|c| c.text());
        listed.push((file.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/"), lastmod.map(String::from)));
    }
    let pages: Vec<String> = files(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html" && f != "search/index.html")
        .collect();
    let mut names: Vec<String> = listed.iter().map(|(f, _)| f.clone()).collect();
    names.sort();
    assert_eq!(names, pages, "every page but 404.html and the search page, once");
    let date_of = |f: &str| listed.iter().find(|(n, _)| n == f).unwrap().1.clone();
    assert_eq!(date_of("alpha/2021/index.html").as_deref(), Some("2022-03-29"), "a report: its publication");
    assert_eq!(date_of("alpha/index.html").as_deref(), Some("2023-02-01"), "an organisation: its newest report");
    assert_eq!(date_of("index.html").as_deref(), Some("2024-02-28"));
    assert!(listed.iter().any(|(f, _)| f == "tags/年度报告/index.html"));

    assert_eq!(read(&out, "robots.txt"), format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"));
}

#[test]
fn a_robots_txt_or_sitemap_of_the_site_replaces_the_generated_one() {
    let (dir, root) = basic_with_settings("");
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/robots.txt"), "User-agent: *\nDisallow: /\n").unwrap();
    fs::write(root.join("static/sitemap.xml"), "<urlset/>").unwrap();
    let out = dir.path().join("out");
    build_ok(&root, &out);
    assert_eq!(read(&out, "robots.txt"), "User-agent: *\nDisallow: /\n");
    // Twice, so the second build rewrites over the first.
    build_ok(&root, &out);
    assert_eq!(read(&out, "sitemap.xml"), "<urlset/>", "the site's own sitemap wins");
    assert!(out.join("feed.xml").is_file(), "the feed is still made");
}

#[test]
fn pages_carry_open_graph_tags_and_their_canonical_url() {
    let (dir, root) = basic_with_settings("");
    let out = dir.path().join("out");
    build_ok(&root, &out);
    let report = read(&out, "alpha/2021/index.html");
    let meta = |html: &str, property: &str| -> String {
        let needle = format!(r#"<meta property="{property}" content=""#);
        let start = html.find(&needle).unwrap_or_else(|| panic!("no {property}")) + needle.len();
        html[start..start + html[start..].find('"').unwrap()].to_string()
    };
    assert_eq!(meta(&report, "og:type"), "article");
    assert_eq!(meta(&report, "og:url"), format!("{BASE}alpha/2021/"));
    assert!(report.contains(&format!(r#"<link rel="canonical" href="{BASE}alpha/2021/">"#)));
    assert_eq!(meta(&report, "og:locale"), "zh_CN");
    assert!(
        !meta(&report, "og:title").is_empty() && !meta(&report, "og:title").contains(" · "),
        "the page's own title"
    );
    let home = read(&out, "index.html");
    assert_eq!(meta(&home, "og:type"), "website");
    assert_eq!(meta(&home, "og:description"), "用于集成测试的站点");
    assert!(home.contains(r#"<html lang="zh-CN">"#));
    // The site title carries markup; it is escaped in the attribute.
    assert!(meta(&home, "og:site_name").contains("&lt;script&gt;"));
}

#[test]
fn a_publication_date_that_is_no_date_is_an_error_at_its_place() {
    let (dir, root) = basic_with_settings("");
    let report = root.join("content/alpha/2021.md");
    let text = fs::read_to_string(&report).unwrap().replace("published: 2022-03-29", "published: 2022-02-30");
    fs::write(&report, text).unwrap();
    let o = build(&root, &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("content/alpha/2021.md:4:12: published '2022-02-30' is not a date"), "{stderr}");
}
