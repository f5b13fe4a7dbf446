//! Live reload in a real browser: headless Chromium opens a report from `annalist serve`, the
//! test edits the report's file, and the page shows the new figure with no reload asked for —
//! keeping its scroll position. A stylesheet edit swaps the stylesheet without reloading, and a
//! broken save shows the error overlay until it is fixed.
//!
//! Chromium is driven over the DevTools protocol. Without a Chromium on the machine the test
//! says so and passes, unless `ANNALIST_REQUIRE_BROWSER` is set (as `.ci/run` does).

mod common;

use common::browser::*;
use common::*;
use serde_json::json;
use std::time::Duration;
use std::{fs, thread};

#[test]
fn the_browser_follows_saves_without_a_manual_reload() {
    let Some(exe) = chromium_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/extra.css"), "body { margin: 0; }\n").unwrap();
    // A long page, so there is a scroll position to keep.
    let long: String = (1..=80).map(|i| format!("\n第{i}段。\n")).collect();
    replace(&root, "content/alpha/2021.md", "## 二、存在的不足", &format!("{long}\n## 二、存在的不足"));
    let (server, url) = spawn_serve(&root, &["--port", "0"]);
    let (_server, port) = (Killed(server), port_of(&url));
    let (_chromium, devtools) =
        browser(&exe, &dir.path().join("profile"), &format!("http://127.0.0.1:{port}/alpha/2021/"));
    let mut page = Page::connect(devtools, port);
    page.wait_until("document.readyState === 'complete' && document.body.innerText.includes('纠错率')");
    page.wait_until(
        "typeof EventSource !== 'undefined' && !!document.querySelector('script[src=\"/__annalist/live.js\"]')",
    );
    // Give the event stream a moment to connect before the first save.
    thread::sleep(Duration::from_millis(300));

    // A figure edit: the page reloads by itself and stays where it was scrolled to.
    // The browser's own restoring is turned off: the position must come back by the script.
    page.eval("history.scrollRestoration = 'manual'; window.scrollTo(0, 600); window.__before = true; window.scrollY");
    replace(&root, "content/alpha/2021.md", "correction_rate: 18", "correction_rate: 19.25");
    page.wait_until("!window.__before && document.readyState === 'complete' && document.querySelector('.report-table').innerText.includes('19.25')");
    page.wait_until("Math.abs(window.scrollY - 600) < 5");

    // A stylesheet edit: swapped in place, no reload.
    thread::sleep(Duration::from_millis(300));
    page.eval("window.__kept = true");
    fs::write(root.join("static/extra.css"), "body { margin: 1px; }\n").unwrap();
    page.wait_until(
        "Array.from(document.querySelectorAll('link[rel=stylesheet]')).some(l => l.href.includes('annalist='))",
    );
    assert_eq!(page.eval("window.__kept === true"), json!(true), "the page was not reloaded for a stylesheet");

    // A broken save: the overlay names the file and line; the fix takes it away.
    replace(&root, "content/alpha/2021.md", "correction_rate: 19.25", "corection_rate: 19.25");
    page.wait_until("!!document.getElementById('annalist-error') && document.getElementById('annalist-error').innerText.includes('content/alpha/2021.md:8:3')");
    replace(&root, "content/alpha/2021.md", "corection_rate: 19.25", "correction_rate: 20.5");
    page.wait_until("!document.getElementById('annalist-error') && document.readyState === 'complete' && document.querySelector('.report-table').innerText.includes('20.5')");
}
