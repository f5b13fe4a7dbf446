//! Headless Chromium driven over the DevTools protocol, for the tests that need a real browser.
//! Without a Chromium on the machine those tests say so and pass, unless
//! `ANNALIST_REQUIRE_BROWSER` is set (as `.ci/run` does).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The Chromium to use, or `None` (after checking that one is not required) to skip the test.
pub fn chromium_or_skip() -> Option<PathBuf> {
    let exe = chromium();
    if exe.is_none() {
        assert!(std::env::var_os("ANNALIST_REQUIRE_BROWSER").is_none(), "no Chromium found");
        eprintln!("skipped: no Chromium on this machine (set ANNALIST_CHROMIUM to its path)");
    }
    exe
}

/// A child process killed when dropped: a server or a browser the test started.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The Chromium to drive: `ANNALIST_CHROMIUM`, or Debian's.
pub fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ANNALIST_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Headless Chromium showing `url`; returns it and the DevTools port.
pub fn browser(exe: &Path, profile: &Path, url: &str) -> (Killed, u16) {
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

/// A DevTools connection to a page Chromium shows.
pub struct Page {
    ws: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
}

impl Page {
    /// Connects to the page whose URL is on port `preview`.
    pub fn connect(devtools: u16, preview: u16) -> Self {
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

    /// Calls the DevTools method `method`; returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"id": id, "method": method, "params": params});
        self.ws.send(tungstenite::Message::text(msg.to_string())).unwrap();
        loop {
            let reply = self.ws.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap();
            if v["id"] == id {
                return v["result"].clone();
            }
        }
    }

    /// Evaluates `expression` in the page; returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        self.call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true}))["result"]["value"]
            .clone()
    }

    /// Evaluates `expression` until it is `true` (10 s at most).
    pub fn wait_until(&mut self, expression: &str) {
        let start = Instant::now();
        while self.eval(expression) != json!(true) {
            assert!(start.elapsed() < Duration::from_secs(10), "never true: {expression}");
            thread::sleep(Duration::from_millis(25));
        }
    }
}

/// The body of a GET, read up to its Content-Length (DevTools keeps connections open).
pub fn http_get(port: u16, path: &str) -> String {
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
