//! `annalist serve` over real HTTP: the binary is started on an ephemeral port, pages are
//! fetched with plain requests (so nothing normalises the paths we send), files are edited and
//! the served pages follow.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};
use std::{fs, thread};

/// A running preview of an editable copy of a fixture.
struct Server {
    child: Child,
    port: u16,
    root: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Serves a copy of the fixture `name`, after `prepare` changed the copy.
    fn start(name: &str, prepare: impl FnOnce(&Path)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&fixture(name), &root);
        prepare(&root);
        let (child, url) = spawn_serve(&root, &["--port", "0"]);
        let port = port_of(&url);
        Server { child, port, root, _dir: dir }
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path)
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.root.join(rel), text).unwrap();
    }

    fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} lacks {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Fetches `path` until `ok` holds for the reply (a rebuild takes milliseconds; allow 10 s).
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "{path} never showed {what}:\n{}", r.body);
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A reply: status, headers (lowercase names) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Sends one request with `path` exactly as given.
fn request(port: u16, method: &str, path: &str) -> Reply {
    request_to(port, method, path, "127.0.0.1")
}

/// Sends one request with `path` exactly as given and `host` as its Host header.
fn request_to(port: u16, method: &str, path: &str, host: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply { status, headers, body: body.to_string() }
}

#[test]
fn serves_pages_from_memory_with_types_and_no_caching() {
    let s = Server::start("basic", |_| {});
    let page = s.get("/alpha/2021/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page.body.contains("<span class=\"num\">18</span>"));
    assert!(page.body.contains("<script src=\"/__annalist/live.js\"></script>"), "live reload script injected");
    assert!(page.body.contains(&format!("http://127.0.0.1:{}/alpha/2021/", s.port)), "links point at the preview");
    for (path, ty) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/data/indicators.csv", "text/csv; charset=utf-8"),
        ("/data/indicators.json", "application/json; charset=utf-8"),
        ("/alpha/data.csv", "text/csv; charset=utf-8"),
        ("/__annalist/live.js", "text/javascript; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some(ty)), "{path}");
    }
    assert!(s.get("/data/indicators.csv").body.starts_with('\u{feff}'));
    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's 404 page");
    let head = request(s.port, "HEAD", "/alpha/2021/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty() && head.header("content-length").is_some_and(|l| l != "0"));
    let post = request(s.port, "POST", "/alpha/2021/");
    assert_eq!((post.status, post.header("allow")), (405, Some("GET, HEAD")));
    let folder = s.get("/alpha");
    assert_eq!((folder.status, folder.header("location")), (301, Some("/alpha/")));
    // Never a protocol-relative redirect to another host.
    assert_eq!(s.get("//alpha").header("location"), Some("/alpha/"));
    // serve never writes the site's output folder.
    assert!(!s.root.join("output").exists());
}

#[test]
fn paths_leaving_the_site_are_refused() {
    let s = Server::start("basic", |root| fs::write(root.join("secret.txt"), "secret").unwrap());
    for path in [
        "/../site.yaml",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/alpha/%2E%2E/%2E%2E/secret.txt",
        "/alpha%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/alpha\\..\\..\\secret.txt",
        "/C:/secret.txt",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.body.contains("refused") && !r.body.contains("secret"), "{path}: {}", r.body);
    }
    for path in ["//etc/passwd", "/site.yaml", "/content/alpha/2021.md", "/secret.txt"] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("root:") && !r.body.contains("indicators:") && !r.body.contains("secret"));
    }
}

#[cfg(unix)]
#[test]
fn a_static_file_linking_out_of_the_site_is_not_served() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("key.txt"), "private key").unwrap();
    let target = outside.path().join("key.txt");
    let s = Server::start("basic", move |root| {
        fs::create_dir_all(root.join("static")).unwrap();
        std::os::unix::fs::symlink(&target, root.join("static/key.txt")).unwrap();
    });
    // The site does not build: it is served as its error, which names the link.
    let r = s.get("/key.txt");
    assert_eq!(r.status, 500);
    assert!(!r.body.contains("private key"));
    assert!(r.body.contains("static/key.txt") && r.body.contains("is a symbolic link"), "{}", r.body);
}

#[test]
fn an_edit_shows_a_broken_save_shows_its_error_and_a_fix_recovers() {
    let s = Server::start("basic", |_| {});
    s.replace("content/alpha/2021.md", "correction_rate: 18", "correction_rate: 19.25");
    s.wait_for("/alpha/2021/", "the new figure", |r| r.body.contains("<span class=\"num\">19.25</span>"));
    // The next year's report shows the new previous-year value too.
    assert!(s.get("/alpha/2022/").body.contains("<span class=\"num\">19.25</span>"));

    s.replace("content/alpha/2021.md", "correction_rate: 19.25", "corection_rate: 19.25");
    let broken = s.wait_for("/alpha/2021/", "the error overlay", |r| r.body.contains("id=\"annalist-error\""));
    assert_eq!(broken.status, 200, "the last good page is still served");
    assert!(broken.body.contains("content/alpha/2021.md:8:3"), "{}", broken.body);
    assert!(broken.body.contains("<span class=\"num\">19.25</span>"), "last good figure");
    assert!(s.get("/beta/").body.contains("id=\"annalist-error\""), "every page shows it");

    s.replace("content/alpha/2021.md", "corection_rate", "correction_rate");
    let fixed = s.wait_for("/alpha/2021/", "no overlay", |r| !r.body.contains("id=\"annalist-error\""));
    assert!(fixed.body.contains("<span class=\"num\">19.25</span>"));
}

#[test]
fn a_site_that_does_not_build_at_first_is_served_as_its_error_until_fixed() {
    let s = Server::start("basic", |root| {
        let p = root.join("content/alpha/2021.md");
        let text = fs::read_to_string(&p).unwrap().replace("correction_rate: 18", "corection_rate: 18");
        fs::write(p, text).unwrap();
    });
    let r = s.get("/alpha/2021/");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("content/alpha/2021.md:8:3") && r.body.contains("live.js"), "{}", r.body);
    s.replace("content/alpha/2021.md", "corection_rate", "correction_rate");
    s.wait_for("/alpha/2021/", "the built page", |r| {
        r.status == 200 && r.body.contains("<span class=\"num\">18</span>")
    });
}

#[test]
fn open_pages_hear_about_rebuilds_that_change_them() {
    let s = Server::start("basic", |_| {});
    let mut events = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(events, "GET /__annalist/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    events.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // Wait for the stream's headers before saving, so the event cannot be missed.
    let mut reader = BufReader::new(events);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 && !line.contains("text/event-stream") {
        line.clear();
    }
    s.replace("content/alpha/2021.md", "correction_rate: 18", "correction_rate: 17");
    let mut seen = String::new();
    while !seen.contains("\"paths\"") {
        let mut l = String::new();
        assert!(reader.read_line(&mut l).unwrap() > 0, "the stream ended: {seen}");
        seen.push_str(&l);
    }
    assert!(seen.contains("event: reload") && seen.contains("alpha/2021/index.html"), "{seen}");
    assert!(!seen.contains("beta/2023/index.html"), "only changed pages are listed: {seen}");
}

#[test]
fn ports_the_default_busy_is_skipped_an_explicit_busy_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("basic"), &root);
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", &port])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!("127.0.0.1:{port}")));

    // The default port: whatever holds it, serve starts on a later one and says so.
    let _hold = std::net::TcpListener::bind(("127.0.0.1", 1111));
    let (mut child, url) = spawn_serve(&root, &[]);
    let _ = child.kill();
    let _ = child.wait();
    let used = port_of(&url);
    assert!(used > 1111 && used < 1131, "{url}");
}

#[test]
fn an_organisation_folder_added_then_removed_is_followed() {
    let s = Server::start("basic", |_| {});
    let gamma = s.root.join("content/gamma");
    fs::create_dir_all(&gamma).unwrap();
    fs::write(gamma.join("_index.md"), "---\nname: 丙区\nshort_name: 丙区\nregion: 某市\nlevel: 区县\n---\n").unwrap();
    fs::write(
        gamma.join("2023.md"),
        "---\ntitle: 丙区2023年报告\nyear: 2023\nindicators:\n  review_closed: 31\n---\n办结31件。\n",
    )
    .unwrap();
    s.wait_for("/gamma/2023/", "the new report", |r| {
        r.status == 200 && r.body.contains("<span class=\"num\">31</span>")
    });
    assert!(s.get("/years/2023/").body.contains("丙区"));
    // An editor's swap file beside it changes nothing and breaks nothing.
    fs::write(gamma.join(".2023.md.swp"), "not markdown").unwrap();
    fs::remove_dir_all(&gamma).unwrap();
    s.wait_for("/gamma/2023/", "the report gone", |r| r.status == 404);
    assert!(!s.get("/years/2023/").body.contains("丙区"));
}

#[test]
fn the_error_stays_shown_while_other_files_are_saved() {
    let s = Server::start("basic", |_| {});
    s.replace("content/alpha/2021.md", "correction_rate: 18", "corection_rate: 18");
    s.wait_for("/alpha/2021/", "the error overlay", |r| r.body.contains("id=\"annalist-error\""));
    // A good save elsewhere: the broken file is still broken, so the overlay stays.
    s.replace("content/beta/2023.md", "correction_rate: 21.08", "correction_rate: 22.5");
    thread::sleep(Duration::from_millis(400));
    assert!(s.get("/beta/").body.contains("id=\"annalist-error\""));
    // An editor's swap file does not clear it either.
    s.write("content/alpha/.2021.md.swp", "x");
    thread::sleep(Duration::from_millis(300));
    assert!(s.get("/alpha/2021/").body.contains("id=\"annalist-error\""));
    // The fix brings both saves in.
    s.replace("content/alpha/2021.md", "corection_rate", "correction_rate");
    s.wait_for("/beta/2023/", "the other save", |r| {
        !r.body.contains("id=\"annalist-error\"") && r.body.contains("<span class=\"num\">22.5</span>")
    });
}

#[test]
fn a_host_that_is_not_an_address_or_localhost_is_refused() {
    let s = Server::start("basic", |_| {});
    let port = s.port;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(request_to(port, "GET", "/alpha/2021/", &host).status, 200, "{host}");
    }
    // A page on a domain pointed at 127.0.0.1 (DNS rebinding) must not read the preview.
    for host in [format!("rebind.example:{port}"), "127.0.0.1.nip.example".to_string()] {
        assert_eq!(request_to(port, "GET", "/alpha/2021/", &host).status, 403, "{host}");
    }
}

#[test]
fn connections_that_never_finish_their_headers_are_closed() {
    let s = Server::start("basic", |_| {});
    let start = Instant::now();
    let mut idle: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
            c.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
            c.set_read_timeout(Some(Duration::from_secs(45))).unwrap();
            c
        })
        .collect();
    assert_eq!(s.get("/alpha/2021/").status, 200, "the preview answers while they hang");
    for c in &mut idle {
        let mut buf = Vec::new();
        // The server closes the connection (perhaps after a 408 reply): the read ends, it does
        // not time out.
        let read = c.read_to_end(&mut buf);
        assert!(read.is_ok(), "a half-open connection was kept: {read:?}");
    }
    let waited = start.elapsed();
    assert!(waited >= Duration::from_secs(25) && waited < Duration::from_secs(44), "closed after {waited:?}");
}
