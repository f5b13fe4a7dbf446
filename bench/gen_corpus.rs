//! Writes a synthetic corpus of annual reports for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- [--entities N] [--years Y] [--seed S]
//!     [--flavour annalist|zola|hugo] OUT
//! ```
//! The same seed always writes the same bytes; the three flavours carry the same reports.

#[path = "corpus.rs"]
mod corpus;

use corpus::{Flavour, Spec};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut spec = Spec { entities: 1000, years: 10, seed: 1 };
    let mut flavour = Flavour::Annalist;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--entities" => spec.entities = value().parse().unwrap_or(0),
            "--years" => spec.years = value().parse().unwrap_or(0),
            "--seed" => spec.seed = value().parse().unwrap_or(0),
            "--flavour" => {
                flavour = match value().as_str() {
                    "annalist" => Flavour::Annalist,
                    "zola" => Flavour::Zola,
                    "hugo" => Flavour::Hugo,
                    other => return usage(&format!("unknown flavour '{other}'")),
                }
            }
            _ if a.starts_with('-') => return usage(&format!("unknown option '{a}'")),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let Some(out) = out else { return usage("missing OUT folder") };
    if spec.entities == 0 || spec.years == 0 {
        return usage("--entities and --years must be positive numbers");
    }
    if out.exists() && out.read_dir().map(|mut d| d.next().is_some()).unwrap_or(true) {
        return usage(&format!("{} exists and is not empty", out.display()));
    }
    match corpus::write(&out, flavour, spec) {
        Ok(n) => {
            println!("{n} reports written to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}");
    eprintln!("usage: gen_corpus [--entities N] [--years Y] [--seed S] [--flavour annalist|zola|hugo] OUT");
    ExitCode::from(2)
}
