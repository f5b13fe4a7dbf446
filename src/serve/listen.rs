//! Accepting the preview's connections: HTTP/1 with a deadline for a request's headers.
//!
//! `axum::serve` sets no timer, so a client that opens a connection and never finishes its
//! request headers holds it forever; a few hundred such connections exhaust a small file limit
//! and the preview stops answering (and a save can no longer open files). Here every connection
//! has [`HEADER_TIMEOUT`] to send its headers, an idle keep-alive connection included, and a
//! failed accept (out of file descriptors) waits a moment instead of spinning or stopping.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client has to send a request's headers before its connection is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long to wait after a failed accept before accepting again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(200);

/// Serves `router` on every connection `listener` accepts, until the task is dropped.
pub async fn serve(listener: TcpListener, router: Router) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted:
                // connections already open go on; new ones are taken again shortly.
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // A client that goes away or sends garbage ends only its own connection.
            let _ = connection.await;
        });
    }
}
