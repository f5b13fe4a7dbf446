//! Live reload in a real browser: headless Chromium opens a report from `annalist serve`, the
//! test edits the report's file, and the page shows the new figure with no reload asked for —
//! keeping its scroll position. A stylesheet edit swaps the stylesheet without reloading, and a
//! broken save shows the error overlay until it is fixed.
//!
//! Chromium is driven over the DevTools protocol. Without a Chromium on the machine the test
//! says so and passes, unless `ANNALIST_REQUIRE_BROWSER` is set (as `.ci/run` does).

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{fs, thread};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ANNALIST_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Headless Chromium showing `url`; returns it and the DevTools port.
fn browser(exe: &Path, profile: &Path, url: &str) -> (Killed, u16) {
    let mut child = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,800",
            "--remote-debugging-port=0",
            &format!("--user-data-dir={}", profile.display()),
            url,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let port = loop {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "Chromium ended before it listened");
        if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = err.read_to_end(&mut sink);
    });
    (Killed(child), port)
}

/// A DevTools connection to the page showing the preview.
struct Page {
    ws: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
}

impl Page {
    fn connect(devtools: u16, preview: u16) -> Self {
        let start = Instant::now();
        let target = loop {
            let list: Value = serde_json::from_str(&http_get(devtools, "/json/list")).unwrap_or(json!([]));
            let found = list.as_array().into_iter().flatten().find(|t| {
                t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.contains(&format!(":{preview}/")))
            });
            if let Some(t) = found {
                break t["webSocketDebuggerUrl"].as_str().unwrap().to_string();
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no page in {list}");
            thread::sleep(Duration::from_millis(100));
        };
        let stream = TcpStream::connect(("127.0.0.1", devtools)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let (ws, _) = tungstenite::client(target.as_str(), stream).unwrap();
        Page { ws, next_id: 1 }
    }

    /// Evaluates `expression` in the page; returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"id": id, "method": "Runtime.evaluate", "params": {"expression": expression, "returnByValue": true}});
        self.ws.send(tungstenite::Message::text(msg.to_string())).unwrap();
        loop {
            let reply = self.ws.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap();
            if v["id"] == id {
                return v["result"]["result"]["value"].clone();
            }
        }
    }

    /// Evaluates `expression` until it is `true` (10 s at most).
    fn wait_until(&mut self, expression: &str) {
        let start = Instant::now();
        while self.eval(expression) != json!(true) {
            assert!(start.elapsed() < Duration::from_secs(10), "never true: {expression}");
            thread::sleep(Duration::from_millis(25));
        }
    }
}

/// The body of a GET, read up to its Content-Length (DevTools keeps connections open).
fn http_get(port: u16, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return String::new() };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let text = String::from_utf8_lossy(&raw).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_string()))
                .and_then(|v| v.parse::<usize>().ok());
            if len.is_some_and(|n| body.len() >= n) {
                return body.to_string();
            }
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default(),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let text = fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(root.join(rel), text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_browser_follows_saves_without_a_manual_reload() {
    let Some(exe) = chromium() else {
        assert!(std::env::var_os("ANNALIST_REQUIRE_BROWSER").is_none(), "no Chromium found");
        eprintln!("skipped: no Chromium on this machine (set ANNALIST_CHROMIUM to its path)");
        return;
    };
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
