//! Live reload: the script every served page gets, the events it listens to, and the overlay
//! that shows a broken save in the browser.

use crate::escape::escape_html;

/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__annalist/live.js";
/// Where the script listens for rebuilds (server-sent events).
pub const EVENTS_PATH: &str = "/__annalist/events";

/// Past this many changed files a rebuild tells pages "everything changed" instead of listing.
const MAX_LISTED: usize = 2000;

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// These output files changed ("*" for all): a page showing one of them reloads.
    Reload(Vec<String>),
    /// Only stylesheets changed: pages swap them in place.
    Css,
    /// The rebuild failed; the text says where and why.
    Error(String),
}

impl LiveEvent {
    /// The event after a good rebuild that changed `changed`.
    pub fn after(changed: &[String], css_only: bool) -> Option<Self> {
        if changed.is_empty() {
            None
        } else if css_only {
            Some(LiveEvent::Css)
        } else if changed.len() > MAX_LISTED {
            Some(LiveEvent::Reload(vec!["*".into()]))
        } else {
            Some(LiveEvent::Reload(changed.to_vec()))
        }
    }

    /// The SSE event name and its JSON data.
    pub fn to_sse(&self) -> (&'static str, String) {
        match self {
            LiveEvent::Reload(paths) => ("reload", serde_json::json!({ "paths": paths }).to_string()),
            LiveEvent::Css => ("css", "{}".into()),
            LiveEvent::Error(text) => ("failed", serde_json::json!({ "message": text }).to_string()),
        }
    }
}

/// The script: reloads the page when its file changed (keeping the scroll position), swaps
/// stylesheets, shows and clears the error overlay. Reconnects by itself when the server
/// restarts.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var key = "annalist-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var xy = JSON.parse(saved);
    var restore = function () { window.scrollTo(xy[0], xy[1]); };
    if (document.readyState === "complete") { restore(); } else { window.addEventListener("load", restore); }
  }
  function file() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") { p += "index.html"; }
    return p;
  }
  function reload() {
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }
  function clear() {
    var o = document.getElementById("annalist-error");
    if (o) { o.parentNode.removeChild(o); }
  }
  function overlay(message) {
    var o = document.getElementById("annalist-error");
    if (!o) {
      o = document.createElement("div");
      o.id = "annalist-error";
      o.setAttribute("role", "alert");
      o.setAttribute("style", OVERLAY_STYLE);
      document.body.appendChild(o);
    }
    o.textContent = "";
    var h = document.createElement("strong");
    h.textContent = document.documentElement.lang.toLowerCase().indexOf("zh") === 0 ? HEADING_ZH : HEADING_EN;
    var pre = document.createElement("pre");
    pre.setAttribute("style", "white-space:pre-wrap;margin:.75em 0 0;font:13px/1.45 ui-monospace,monospace");
    pre.textContent = message;
    o.appendChild(h);
    o.appendChild(pre);
  }
  var events = new EventSource("/__annalist/events");
  events.addEventListener("reload", function (e) {
    var paths = JSON.parse(e.data).paths;
    var hadError = !!document.getElementById("annalist-error") || document.documentElement.hasAttribute("data-annalist-failed");
    clear();
    if (hadError || paths.indexOf("*") >= 0 || paths.indexOf(file()) >= 0) { reload(); }
  });
  events.addEventListener("css", function () {
    clear();
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href);
      u.searchParams.set("annalist", String(Date.now()));
      links[i].href = u.href;
    }
  });
  // "failed", not "error": EventSource fires its own "error" when the connection drops.
  events.addEventListener("failed", function (e) { overlay(JSON.parse(e.data).message); });
})();
"#;

/// Inline style of the overlay (the site's stylesheet may not load when a build fails).
const OVERLAY_STYLE: &str = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;\
background:#fff8f6;color:#4a0d02;border-top:4px solid #b3261e;padding:1em 1.25em;\
font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)";

/// The overlay's heading on a page in English (and any language but Chinese).
const HEADING_EN: &str = "annalist: the last save did not build; this page shows the last good build.";
/// The overlay's heading on a Chinese page (`<html lang="zh-…">`): a zh-CN site's preview
/// speaks the site's language.
const HEADING_ZH: &str = "annalist：最近一次保存未能生成网站；本页显示的是上一次成功生成的内容。";

/// The script as served, with the overlay's style and headings filled in.
pub fn script() -> String {
    SCRIPT
        .replace("OVERLAY_STYLE", &format!("{OVERLAY_STYLE:?}"))
        .replace("HEADING_ZH", &format!("{HEADING_ZH:?}"))
        .replace("HEADING_EN", &format!("{HEADING_EN:?}"))
}

/// Whether `html` is a Chinese page: its `<html lang>` starts with "zh".
fn is_chinese(html: &[u8]) -> bool {
    let head = &html[..html.len().min(1024)];
    head.windows(14).any(|w| w.eq_ignore_ascii_case(b"<html lang=\"zh"))
}

/// A served page: the stored HTML with the live-reload script, and the error overlay when
/// the last save did not build.
pub fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut tail = String::new();
    if let Some(e) = error {
        tail.push_str(&overlay_html(e, if is_chinese(html) { HEADING_ZH } else { HEADING_EN }));
    }
    tail.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>\n"));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tail.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The overlay as HTML under `heading`, for a page served while the last save is broken.
fn overlay_html(error: &str, heading: &str) -> String {
    format!(
        "<div id=\"annalist-error\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><strong>{heading}</strong>\
         <pre style=\"white-space:pre-wrap;margin:.75em 0 0;font:13px/1.45 ui-monospace,monospace\">{}</pre></div>",
        escape_html(error)
    )
}

/// The page shown for every page while no build has succeeded yet.
pub fn error_page(error: &str) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\" data-annalist-failed><head><meta charset=\"utf-8\">\
         <title>annalist: the site does not build</title></head><body>\
         <h1 style=\"font:600 20px system-ui,sans-serif\">The site does not build yet</h1>\
         <p style=\"font:15px system-ui,sans-serif\">Fix the problems below and save: this page reloads by itself.</p>\
         <pre style=\"white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace\">{}</pre></body></html>\n",
        escape_html(error)
    );
    inject(html.as_bytes(), None)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_script_before_body_end_and_the_overlay_when_broken() {
        let page = b"<html><body><p>x</p></body></html>";
        let ok = String::from_utf8(inject(page, None)).unwrap();
        assert!(ok.contains("<script src=\"/__annalist/live.js\"></script>\n</body>"), "{ok}");
        assert!(!ok.contains("annalist-error"));
        let bad = String::from_utf8(inject(page, Some("content/a/2021.md:3:1: <bad>"))).unwrap();
        assert!(bad.contains("id=\"annalist-error\"") && bad.contains("2021.md:3:1: &lt;bad&gt;"), "{bad}");
        assert!(bad.contains(HEADING_EN), "{bad}");
        let zh = String::from_utf8(inject(b"<html lang=\"zh-CN\"><body></body></html>", Some("x"))).unwrap();
        assert!(zh.contains(HEADING_ZH) && !zh.contains(HEADING_EN), "{zh}");
        let script = script();
        assert!(script.contains(&format!("{HEADING_ZH:?}")) && !script.contains("HEADING_ZH"), "{script}");
    }

    #[test]
    fn events_list_changed_files_or_say_everything() {
        assert_eq!(LiveEvent::after(&[], false), None);
        assert_eq!(LiveEvent::after(&["style.css".into()], true), Some(LiveEvent::Css));
        let many: Vec<String> = (0..=MAX_LISTED).map(|i| format!("{i}.html")).collect();
        assert_eq!(LiveEvent::after(&many, false), Some(LiveEvent::Reload(vec!["*".into()])));
        let (name, data) = LiveEvent::Reload(vec!["a/index.html".into()]).to_sse();
        assert_eq!((name, data.as_str()), ("reload", r#"{"paths":["a/index.html"]}"#));
        assert!(script().contains("position:fixed"));
    }
}
