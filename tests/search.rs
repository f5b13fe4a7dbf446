//! Search: the index a build writes finds Chinese words, whole words and numbers in reports,
//! organisations, indicators and pages; `search: false` leaves a page (or the whole site) out;
//! and in a real browser the search page, served by `annalist serve`, lists the report a
//! Chinese query names, with the words marked, and follows a saved edit.

mod common;

use annalist::search::tokens::{shard_of, terms};
use common::browser::*;
use common::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The index's documents (`search/index.json`).
fn head(out: &Path) -> Value {
    serde_json::from_str(&read(out, "search/index.json")).unwrap()
}

/// The URLs of the documents that hold every term of `query`, strongest first: the lookup the
/// browser's script makes, from the files alone.
fn lookup(out: &Path, query: &str) -> Vec<String> {
    let head = head(out);
    let shards = head["shards"].as_u64().unwrap() as usize;
    let mut wanted = Vec::new();
    terms(query, |t| wanted.push(t.to_string()));
    let mut found: BTreeMap<usize, (usize, u64)> = BTreeMap::new();
    for term in &wanted {
        let shard: Value =
            serde_json::from_str(&read(out, &format!("search/index-{}.json", shard_of(term, shards)))).unwrap();
        let list: Vec<u64> =
            shard[term].as_array().map(|a| a.iter().map(|v| v.as_u64().unwrap()).collect()).unwrap_or_default();
        let mut doc = 0;
        for pair in list.chunks(2) {
            doc += pair[0] as usize;
            let e = found.entry(doc).or_default();
            e.0 += 1;
            e.1 += pair[1];
        }
    }
    let mut hits: Vec<(usize, (usize, u64))> = found.into_iter().filter(|(_, (n, _))| *n == wanted.len()).collect();
    hits.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    hits.into_iter().map(|(d, _)| head["docs"][d][0].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_index_finds_chinese_words_numbers_and_every_kind_of_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(&fixture("basic"), &out);
    let head = head(&out);
    let docs = head["docs"].as_array().unwrap();
    let kinds: Vec<&str> = docs.iter().map(|d| d[2].as_str().unwrap()).collect();
    for kind in ["report", "entity", "indicator", "page"] {
        assert!(kinds.contains(&kind), "no {kind} in {kinds:?}");
    }
    // Every document is a page of the site, and its length is counted.
    for d in docs {
        let url = d[0].as_str().unwrap();
        assert!(out.join(url).join("index.html").is_file(), "{url} is not a page");
        assert!(d[4].as_u64().unwrap() > 0, "{d}");
    }
    // A word of the body, inside a longer run of characters, finds its report.
    assert_eq!(lookup(&out, "本年发放"), ["alpha/2021/"]);
    assert!(lookup(&out, "救助保障金").contains(&"alpha/2021/".to_string()));
    assert!(lookup(&out, "行政复议").contains(&"alpha/2021/".to_string()));
    // Decimal numbers and Latin words are whole terms, in any case and width.
    assert_eq!(lookup(&out, "pm2.5"), lookup(&out, "ＰＭ2.5"));
    assert!(lookup(&out, "PM2.5").contains(&"alpha/2021/".to_string()));
    // A figure of the front matter, as written, though the text never gives it.
    let body = fs::read_to_string(fixture("basic").join("content/alpha/2022.md")).unwrap();
    assert!(!body.split("\n---").nth(1).unwrap().contains("21.08"));
    assert!(lookup(&out, "21.08").contains(&"alpha/2022/".to_string()));
    // An organisation's and an indicator's own page are found by their names.
    assert!(lookup(&out, "甲区").contains(&"alpha/".to_string()));
    assert!(lookup(&out, "纠错率").iter().any(|u| u.starts_with("indicators/")));
    // A free page; its shortcode's call is not text.
    assert!(lookup(&out, "关于本站").contains(&"about/".to_string()));
    assert!(lookup(&out, "info_requests").is_empty());
    assert!(lookup(&out, "鹦鹉螺号").is_empty());
    // Every page offers the search box; the search page loads its script.
    let home = read(&out, "index.html");
    assert!(home.contains("class=\"site-search\"") && home.contains("action=\"./search/\""), "{home}");
    assert!(read(&out, "search/index.html").contains("src=\"../search.js\""));
    assert!(out.join("search.js").is_file());
    // The search page is not content: the sitemap leaves it out.
    assert!(!read(&out, "sitemap.xml").contains("/search/"));
}

#[test]
fn a_page_that_says_search_false_is_left_out() {
    let (_dir, root) = basic_with_settings("");
    replace(&root, "content/alpha/2021.md", "year: 2021\n", "year: 2021\nsearch: false\n");
    replace(&root, "content/pages/about.md", "title: 关于\n", "title: 关于\nsearch: false\n");
    let out = root.join("out");
    build_ok(&root, &out);
    let urls: Vec<String> =
        head(&out)["docs"].as_array().unwrap().iter().map(|d| d[0].as_str().unwrap().to_string()).collect();
    assert!(!urls.contains(&"alpha/2021/".to_string()) && !urls.contains(&"about/".to_string()), "{urls:?}");
    assert!(urls.contains(&"alpha/2022/".to_string()));
    // Its words are not in the index, though the page is still published.
    assert!(lookup(&out, "本年发放").is_empty());
    let found = lookup(&out, "救助保障金");
    assert!(found.contains(&"alpha/2022/".to_string()) && !found.contains(&"alpha/2021/".to_string()), "{found:?}");
    assert!(out.join("alpha/2021/index.html").is_file());
}

#[test]
fn a_site_without_search_has_no_index_no_page_and_no_box() {
    let (_dir, root) = basic_with_settings("search: false\n");
    let out = root.join("out");
    build_ok(&root, &out);
    assert!(!out.join("search").exists());
    assert!(!read(&out, "index.html").contains("site-search"));
    // A misspelt setting is caught like any other.
    let (_dir2, root2) = basic_with_settings("serach: false\n");
    let o = build(&root2, &root2.join("out"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("did you mean 'search'"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_sample_site_index_is_small_beside_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build_ok(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    let size = |pick: &dyn Fn(&str) -> bool| -> u64 {
        files(&out).iter().filter(|f| pick(f)).map(|f| fs::metadata(out.join(f)).unwrap().len()).sum()
    };
    let index = size(&|f| f.starts_with("search/index") && f.ends_with(".json"));
    let html = size(&|f| f.ends_with(".html"));
    assert!(index > 0 && index * 2 < html, "index {index} bytes against {html} bytes of HTML");
    // The sample's reports are found by the words a reader would type.
    for (query, report) in [("行政复议", "yanqing/2021/"), ("出庭应诉率", "yanqing/2021/")] {
        assert!(lookup(&out, query).contains(&report.to_string()), "{query}: {:?}", lookup(&out, query));
    }
}

#[test]
fn the_search_page_finds_a_chinese_query_in_a_real_browser() {
    let Some(exe) = chromium_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    let (server, url) = spawn_serve(&root, &["--port", "0"]);
    let (_server, port) = (Killed(server), port_of(&url));
    let (_chromium, devtools) = browser(&exe, &dir.path().join("profile"), &format!("http://127.0.0.1:{port}/search/"));
    let mut page = Page::connect(devtools, port);
    page.wait_until("document.readyState === 'complete' && !!document.getElementById('search-q')");

    // Typed as a reader types it: the results come as the words arrive.
    page.eval("document.getElementById('search-q').focus()");
    page.call("Input.insertText", json!({"text": "本年发放"}));
    page.wait_until("document.querySelectorAll('.search-results li').length > 0");
    let first = page.eval("document.querySelector('.search-results .result-title').getAttribute('href')");
    assert_eq!(first, json!("../alpha/2021/"));
    page.wait_until("!!document.querySelector('.search-results .result-snippet mark')");
    let mark = page.eval("document.querySelector('.search-results .result-snippet mark').textContent");
    assert_eq!(mark, json!("本年发放"));
    assert_eq!(page.eval("new URLSearchParams(location.search).get('q')"), json!("本年发放"));

    // Full-width letters and a decimal number, the same rules as the build's.
    page.eval("const q = document.getElementById('search-q'); q.value = ''; q.focus()");
    page.call("Input.insertText", json!({"text": "ＰＭ2.5"}));
    page.wait_until(
        "Array.from(document.querySelectorAll('.search-results .result-title')).some(a => a.getAttribute('href') === '../alpha/2021/')",
    );
    page.eval("const r = document.getElementById('search-q'); r.value = ''; r.focus()");
    page.call("Input.insertText", json!({"text": "鹦鹉螺号"}));
    page.wait_until("document.querySelector('.search-status').textContent.includes('鹦鹉螺号')");
    assert_eq!(page.eval("document.querySelectorAll('.search-results li').length"), json!(0));

    // A saved edit reaches the preview's index the next time it is asked for.
    replace(&root, "content/alpha/2022.md", "## ", "新设独角兽工作室。\n\n## ");
    let start = std::time::Instant::now();
    loop {
        page.eval("location.href = '/search/?q=' + encodeURIComponent('独角兽')");
        page.wait_until(
            "document.readyState === 'complete' && document.querySelector('.search-status').textContent !== ''",
        );
        let hit = "Array.from(document.querySelectorAll('.search-results .result-title')).some(a => a.getAttribute('href') === '../alpha/2022/')";
        page.wait_until(&format!("{hit} || /\\d/.test(document.querySelector('.search-status').textContent) || document.querySelector('.search-status').textContent.includes('独角兽')"));
        if page.eval(hit) == json!(true) {
            break;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(15), "the edit never reached the index");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
