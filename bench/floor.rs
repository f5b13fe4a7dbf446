//! The floor a site generator cannot beat: read every Markdown file of a site, render its body
//! with pulldown-cmark and write the bytes — in parallel, nothing else (no front-matter
//! parsing, no templates, no computation). `bench/compare.py` times it beside the real tools.
//!
//! ```text
//! cargo run --release --example floor -- SITE OUT
//! ```

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE OUT");
        return ExitCode::from(2);
    };
    let (site, out) = (Path::new(site), Path::new(out));
    let files: Vec<PathBuf> = WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let result: std::io::Result<usize> = files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f)?;
            let body = body_of(&text);
            let mut html_out = String::with_capacity(body.len() * 3 / 2);
            html::push_html(&mut html_out, Parser::new_ext(body, Options::ENABLE_TABLES));
            let rel = f.strip_prefix(site).unwrap_or(f).with_extension("html");
            let target = out.join(rel);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(target, html_out)?;
            Ok(1)
        })
        .sum();
    match result {
        Ok(n) => {
            println!("{n} files rendered");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The text after the front matter (`---` or `+++` fenced), or all of it.
fn body_of(text: &str) -> &str {
    for fence in ["---\n", "+++\n"] {
        if let Some(rest) = text.strip_prefix(fence) {
            if let Some(end) = rest.find(&format!("\n{fence}")) {
                return &rest[end + 1 + fence.len()..];
            }
        }
    }
    text
}
