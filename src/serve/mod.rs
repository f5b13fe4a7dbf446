//! `annalist serve`: a live preview that follows every save.
//!
//! The site is built into memory ([`output`]), served over HTTP ([`http`]) with a small script
//! that reloads open pages ([`live`]); a watcher ([`watch`]) feeds saved files to the
//! [`project`], which renders again only what each change touches ([`plan`]).

mod http;
mod listen;
mod live;
pub mod output;
mod plan;
pub mod project;
mod watch;

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use live::LiveEvent;
use output::Served;
use project::Project;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports after the default are tried when it is busy.
const PORT_TRIES: u16 = 20;

/// What `annalist serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on (loopback unless told otherwise).
    pub bind: IpAddr,
    /// The port; `None` takes the default or, when it is busy, the next free one.
    pub port: Option<u16>,
    /// Open the site in a browser once it is served.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
}

/// Builds the site into memory, serves it and follows every save until interrupted.
/// A site that does not build yet is served as an error page until it does.
pub fn serve(options: ServeOptions) -> Result<()> {
    if !options.root.is_dir() {
        return Err(Error::io(&options.root, std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder")));
    }
    let listener = bind(options.bind, options.port)?;
    let addr = listener.local_addr().map_err(|e| Error::io(&options.root, e))?;
    if options.port.is_none() && addr.port() != DEFAULT_PORT {
        println!("port {DEFAULT_PORT} is busy; using {} instead", addr.port());
    }
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other machines can read this preview (drafts included if --drafts)",
            options.bind
        );
    }
    let url = local_url(addr);
    let served = Arc::new(RwLock::new(Served::default()));
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: None,
        drafts: options.drafts,
        deny_warnings: false,
    };
    let project = Project::new(build_options, &url, served.clone());
    let (events, _) = tokio::sync::broadcast::channel::<LiveEvent>(64);
    let sinks = watch::Sinks { served: served.clone(), events: events.clone() };
    let project = Arc::new(Mutex::new(project));
    watch::start(&options.root, project.clone(), sinks)?;
    println!("serving {} at {url} (Ctrl+C stops)", options.root.display());
    if options.open {
        open_browser(&url);
    }
    let state = http::AppState { served, project, events };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(&options.root, e))?;
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(|e| Error::io(&options.root, e))?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io(&options.root, e))?;
        // Open pages keep an event stream each, so waiting for connections to end would wait
        // forever: Ctrl+C stops at once.
        tokio::select! {
            () = listen::serve(listener, http::router(state)) => Ok(()),
            _ = tokio::signal::ctrl_c() => {
                println!("stopped");
                Ok(())
            }
        }
    });
    // Streams still open are dropped, not waited for.
    runtime.shutdown_background();
    result
}

/// Listens on `port`, or on the default port or the next free one after it.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener> {
    let busy = |port: u16, e: std::io::Error| {
        Error::Serve(format!("cannot listen on {}: {e} (choose another --port)", SocketAddr::new(ip, port)))
    };
    match port {
        Some(p) => TcpListener::bind(SocketAddr::new(ip, p)).map_err(|e| busy(p, e)),
        None => {
            let mut last = None;
            for p in DEFAULT_PORT..DEFAULT_PORT + PORT_TRIES {
                match TcpListener::bind(SocketAddr::new(ip, p)) {
                    Ok(l) => return Ok(l),
                    Err(e) => last = Some(e),
                }
            }
            Err(busy(DEFAULT_PORT, last.expect("at least one port was tried")))
        }
    }
}

/// The address pages are served at; a wildcard address is shown as loopback.
fn local_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}

/// Asks the desktop to open `url`; says so when it cannot.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if cmd.arg(url).spawn().is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}
