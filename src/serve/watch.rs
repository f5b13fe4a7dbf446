//! Watching the site folder: saved files are gathered until a few tens of milliseconds pass
//! without another (an editor's save is often several events) and handed to the project as
//! one change.

use super::live::LiveEvent;
use super::output::Served;
use super::project::{Outcome, Project};
use crate::error::{Error, Result};
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// How long the watcher waits for a save's events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// The folders under the site root that are watched, with everything in them.
const WATCHED: [&str; 4] = ["content", "templates", "themes", "static"];

/// Where rebuild results go.
pub struct Sinks {
    /// The output being served (its error is set and cleared here).
    pub served: Arc<RwLock<Served>>,
    /// News for open pages.
    pub events: broadcast::Sender<LiveEvent>,
}

/// Starts watching `root`, then builds `project` for the first time and serves its result;
/// from then on rebuilds it on every change, on a thread of its own that runs as long as the
/// process. Saves made during the first build are not lost: they are applied after it.
pub fn start(root: &Path, project: Arc<Mutex<Project>>, sinks: Sinks) -> Result<()> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Reading a file (as every rebuild does) is not a change.
        if matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write)) {
            return;
        }
        for path in event.paths {
            let _ = tx.send(path);
        }
    })
    .map_err(|e| watch_error(&root, e))?;
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|e| watch_error(&root, e))?;
    let mut watching: BTreeSet<&str> = BTreeSet::new();
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| watch_error(&path, e))?;
            watching.insert(dir);
        }
    }
    // The first build, on this thread: the server starts once there is something to show.
    let first = Instant::now();
    let result = project.lock().unwrap_or_else(|e| e.into_inner()).full_build();
    // Paths that did not build are tried again with every batch until they do; a first build
    // that failed is retried whole.
    let mut failing: BTreeSet<PathBuf> = BTreeSet::new();
    if result.is_err() {
        failing.insert(PathBuf::from("site.yaml"));
    }
    report(&project.lock().unwrap_or_else(|e| e.into_inner()), &sinks, &[], result, first.elapsed());
    let thread_root = root.clone();
    std::thread::Builder::new()
        .name("annalist-watch".into())
        .spawn(move || {
            let root = thread_root;
            while let Some(batch) = next_batch(&rx) {
                let mut rels: BTreeSet<PathBuf> = BTreeSet::new();
                for path in batch {
                    let Ok(rel) = path.strip_prefix(&root) else { continue };
                    // A watched folder created (or created again) after the start is watched
                    // from now on.
                    if let Some(dir) = WATCHED.iter().find(|d| rel == Path::new(d)) {
                        if !path.is_dir() {
                            watching.remove(dir);
                        } else if watching.insert(dir) {
                            let _ = watcher.watch(&path, RecursiveMode::Recursive);
                        }
                    }
                    rels.insert(rel.to_path_buf());
                }
                if !rels.is_empty() {
                    rels.extend(failing.iter().cloned());
                    let batch: Vec<PathBuf> = rels.into_iter().collect();
                    if rebuild(&project, &sinks, &batch) {
                        failing.clear();
                    } else {
                        failing = batch.into_iter().collect();
                    }
                }
            }
        })
        .map_err(|e| Error::io(&root, e))?;
    Ok(())
}

/// Waits for a change, then gathers the paths that follow it until [`DEBOUNCE`] passes with
/// none. When a path of the batch is missing (an editor that saves by deleting and writing
/// anew may be halfway), it waits up to [`MISSING_GRACE`] more. `None` when the watcher is gone.
fn next_batch(rx: &Receiver<PathBuf>) -> Option<Vec<PathBuf>> {
    let mut batch = vec![rx.recv().ok()?];
    let mut grace = true;
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(p) => batch.push(p),
            Err(RecvTimeoutError::Timeout) if grace && batch.iter().any(|p| !p.exists()) => {
                grace = false;
                if let Ok(p) = rx.recv_timeout(MISSING_GRACE) {
                    batch.push(p);
                }
            }
            Err(_) => return Some(batch),
        }
    }
}

/// How much longer a batch waits when one of its files is missing.
const MISSING_GRACE: Duration = Duration::from_millis(100);

/// Applies one batch of changes and tells the terminal and the open pages; returns whether it
/// built. A panic inside is reported and the next change builds the whole site again.
fn rebuild(project: &Mutex<Project>, sinks: &Sinks, changed: &[PathBuf]) -> bool {
    let start = Instant::now();
    let mut project = project.lock().unwrap_or_else(|e| e.into_inner());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| project.apply(changed)));
    let result = result.unwrap_or_else(|_| {
        project.reset();
        Err(Error::Serve(
            "internal error while rebuilding (a bug in annalist); the next save rebuilds everything".into(),
        ))
    });
    let took = start.elapsed();
    let built = result.is_ok();
    report(&project, sinks, changed, result, took);
    built
}

/// Prints a rebuild's result and passes it on to the pages.
fn report(project: &Project, sinks: &Sinks, changed: &[PathBuf], result: Result<Outcome>, took: Duration) {
    let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
    match result {
        // Nothing annalist reads changed (an editor's temporary file).
        Ok(o) if o.rendered == 0 && o.changed.is_empty() && !o.full => {}
        Ok(o) => {
            let had_error = sinks.served.write().unwrap_or_else(|e| e.into_inner()).error.take().is_some();
            crate::report::print(&o.warnings, project.root(), crate::report::Format::Human { color: false });
            let what = match (names.is_empty(), o.full) {
                (true, _) => "built the site".to_string(),
                (false, true) => format!("rebuilt everything after {}", names.join(", ")),
                (false, false) => format!("updated after {}", names.join(", ")),
            };
            println!(
                "{what}: {} page(s) rendered, {} file(s) changed in {:.1} ms",
                o.rendered,
                o.changed.len(),
                took.as_secs_f64() * 1000.0
            );
            // After a failed save, open pages are told even when nothing changed: their overlay
            // goes.
            let event =
                LiveEvent::after(&o.changed, o.css_only()).or_else(|| had_error.then(|| LiveEvent::Reload(Vec::new())));
            if let Some(e) = event {
                let _ = sinks.events.send(e);
            }
        }
        Err(e) => {
            let text = error_text(&e, project.root());
            eprintln!("{text}");
            eprintln!("(the last good build is still served)");
            let mut served = sinks.served.write().unwrap_or_else(|e| e.into_inner());
            served.error = Some(text.clone());
            drop(served);
            let _ = sinks.events.send(LiveEvent::Error(text));
        }
    }
}

/// An error as the terminal and the overlay show it: each problem with file:line:col.
fn error_text(e: &Error, root: &Path) -> String {
    match e {
        Error::Site(diagnostics) => {
            diagnostics.iter().map(|d| crate::report::human(d, root, false)).collect::<Vec<_>>().join("\n")
        }
        other => format!("error: {other}"),
    }
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}
