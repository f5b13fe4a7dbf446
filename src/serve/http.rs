//! The preview's HTTP side: pages from memory, the live-reload script and its event stream.
//!
//! Only GET and HEAD; every request path is decoded once and refused when it tries to leave the
//! site (`..`, encoded slashes or backslashes, drive letters); nothing is read from disk here.

use super::live::{self, LiveEvent, EVENTS_PATH, SCRIPT_PATH};
use super::output::Served;
use super::project::Project;
use crate::routes::files::{is_search_index, SITE_DATA};
use crate::routes::NOT_FOUND_URL;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::Router;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

/// What request handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The output being served.
    pub served: Arc<RwLock<Served>>,
    /// The project, for data files made on request.
    pub project: Arc<Mutex<Project>>,
    /// Rebuild news for open pages.
    pub events: broadcast::Sender<LiveEvent>,
}

/// The preview's routes.
pub fn router(state: AppState) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// Why a request path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It tries to climb out of the site or smuggles a separator.
    Traversal,
}

/// The output file a request path asks for ("yanqing/2021/index.html"), decoded, or why it
/// is refused.
pub fn file_for_path(raw: &str) -> Result<String, Refused> {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%5c") || lower.contains("%2f") || lower.contains("%00") {
        return Err(Refused::Traversal);
    }
    let decoded = crate::links::urls::percent_decode(raw);
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return Err(Refused::Traversal),
            p if p.contains(':') || p.contains('\0') => return Err(Refused::Traversal),
            p => parts.push(p),
        }
    }
    let mut file = parts.join("/");
    if decoded.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Ok(file)
}

/// The Content-Type of an output file, by its extension, with a charset for text.
pub fn content_type(file: &str) -> &'static str {
    let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Whether a request's `Host` header names an address the preview may be asked for: an IP
/// address, `localhost` or a name under `.localhost`, with any port. Any other name is refused:
/// a web page on a domain that an attacker points at 127.0.0.1 (DNS rebinding) would otherwise
/// read the preview, drafts included, from the reader's own browser. A request without a `Host`
/// comes from no browser and is answered.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        // "[::1]:1111": an IPv6 address in brackets.
        Some(rest) => return rest.split_once(']').is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok()),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

async fn handle(State(state): State<AppState>, method: Method, uri: Uri, headers: HeaderMap) -> Response<Body> {
    if !host_allowed(headers.get(header::HOST).map(|h| h.to_str().unwrap_or("\u{0}"))) {
        return plain(
            StatusCode::FORBIDDEN,
            "refused: the preview answers only to an IP address or localhost in the Host header\n",
        );
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let head = method == Method::HEAD;
    match uri.path() {
        SCRIPT_PATH => return respond(StatusCode::OK, "text/javascript; charset=utf-8", live::script().into(), head),
        EVENTS_PATH => return events(&state).into_response(),
        _ => {}
    }
    let file = match file_for_path(uri.path()) {
        Ok(f) => f,
        Err(Refused::Traversal) => return plain(StatusCode::BAD_REQUEST, "refused: the path leaves the site\n"),
    };
    let data = SITE_DATA.contains(&file.as_str());
    if data || is_search_index(&file) {
        let project = state.project.clone();
        // Making the site-wide data files or the search index takes a moment on a big site:
        // off the async threads.
        let made = tokio::task::spawn_blocking(move || {
            let project = project.lock().unwrap_or_else(|e| e.into_inner());
            if data {
                project.refresh_data()
            } else {
                project.refresh_search()
            }
        })
        .await;
        if !matches!(made, Ok(Ok(()))) {
            let what = if data { "the data files" } else { "the search index" };
            return plain(StatusCode::INTERNAL_SERVER_ERROR, &format!("{what} could not be made\n"));
        }
    }
    let served = state.served.read().unwrap_or_else(|e| e.into_inner());
    if served.files.is_empty() {
        let error = served.error.clone().unwrap_or_else(|| "the first build has not finished".into());
        return respond(StatusCode::INTERNAL_SERVER_ERROR, content_type("x.html"), live::error_page(&error), head);
    }
    if let Some(bytes) = served.files.get(&file) {
        let body = if file.ends_with(".html") { live::inject(bytes, served.error.as_deref()) } else { bytes.to_vec() };
        return respond(StatusCode::OK, content_type(&file), body, head);
    }
    // "/yanqing" for the folder "/yanqing/".
    if !file.ends_with(".html") && served.files.contains_key(&format!("{file}/index.html")) {
        let mut r = respond(StatusCode::MOVED_PERMANENTLY, "text/plain; charset=utf-8", Vec::new(), head);
        // Built from the decoded file, never from the raw path: "//host" would leave the site.
        let location = format!("/{}/", file.split('/').map(encode_segment).collect::<Vec<_>>().join("/"));
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    let not_found = served
        .files
        .get(NOT_FOUND_URL)
        .map(|b| live::inject(b, served.error.as_deref()))
        .unwrap_or_else(|| b"not found\n".to_vec());
    respond(StatusCode::NOT_FOUND, content_type(NOT_FOUND_URL), not_found, head)
}

/// A path segment percent-encoded for a Location header (non-ASCII and reserved bytes).
fn encode_segment(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn events(state: &AppState) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(state.events.subscribe()).filter_map(|e| {
        let e = e.ok()?;
        let (name, data) = e.to_sse();
        Some(Ok(Event::default().event(name).data(data)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn respond(status: StatusCode, content_type: &str, body: Vec<u8>, head: bool) -> Response<Body> {
    let len = body.len();
    let mut r = Response::new(if head { Body::empty() } else { Body::from(body) });
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(content_type).expect("a valid header"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

fn plain(status: StatusCode, text: &str) -> Response<Body> {
    respond(status, "text/plain; charset=utf-8", text.as_bytes().to_vec(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_output_files() {
        assert_eq!(file_for_path("/"), Ok("index.html".into()));
        assert_eq!(file_for_path("/yanqing/2021/"), Ok("yanqing/2021/index.html".into()));
        assert_eq!(file_for_path("/style.css"), Ok("style.css".into()));
        assert_eq!(file_for_path("/tags/%E5%B9%B4%E5%BA%A6/"), Ok("tags/年度/index.html".into()));
        assert_eq!(file_for_path("//yanqing//"), Ok("yanqing/index.html".into()));
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for p in [
            "/../site.yaml",
            "/a/../../etc/passwd",
            "/%2e%2e/site.yaml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/a%2f..%2f..%2fetc/passwd",
            "/..%5c..%5csite.yaml",
            "/a\\..\\b",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/a%00.html",
        ] {
            assert_eq!(file_for_path(p), Err(Refused::Traversal), "{p}");
        }
    }

    #[test]
    fn only_addresses_and_localhost_are_accepted_as_hosts() {
        for ok in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "LOCALHOST",
            "a.localhost:9",
            "[::1]:1111",
            "[::1]",
            "192.168.1.20:1111",
            "localhost.:1111",
        ] {
            assert!(host_allowed(Some(ok)), "{ok}");
        }
        assert!(host_allowed(None), "no Host header");
        for refused in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example:1111",
            "[evil]:1",
            "",
            "\u{0}",
            "1111",
        ] {
            assert!(!host_allowed(Some(refused)), "{refused}");
        }
    }

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("data/indicators.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("data/indicators.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("chart.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("live.JS"), "text/javascript; charset=utf-8");
    }
}
