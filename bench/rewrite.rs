//! The floor of writing one site's output: copy every file of a built site into an empty
//! folder, in parallel, with nothing else to do. `bench/compare.py` runs it on annalist's output
//! of each run, so the table shows how much of annalist's time the kernel's share of writing
//! its files (folders, inodes, bytes) alone would take; the floor row writes only the bodies.
//!
//! ```text
//! cargo run --release --example rewrite -- BUILT OUT
//! ```

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [built, out] = args.as_slice() else {
        eprintln!("usage: rewrite BUILT OUT");
        return ExitCode::from(2);
    };
    let (built, out) = (Path::new(built), Path::new(out));
    let files: Vec<PathBuf> = WalkDir::new(built)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let result: std::io::Result<u64> = files
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(f)?;
            let target = out.join(f.strip_prefix(built).expect("a file found under BUILT"));
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(target, &bytes)?;
            Ok(bytes.len() as u64)
        })
        .sum();
    match result {
        Ok(bytes) => {
            println!("{} files, {} MB written", files.len(), bytes / 1_000_000);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
